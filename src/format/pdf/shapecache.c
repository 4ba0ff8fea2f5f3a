/* shapecache.c - paragraphs shaped once for a run of many books (folio batch), whatever map sets them again. */
#include "format/pdf/shapecache.h"

#include <string.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangofc-font.h>

/*
 * What is kept stays until the cache is turned off: a budget, not an eviction, bounds it (a batch's
 * articles come back in any order, so the oldest is as likely to be wanted as the newest). Glyphs
 * are packed as variable-length numbers, some ten bytes a glyph: the bench's 1,000 Chinese
 * articles (9 MB of text) fit in about 30 MB.
 */
enum { BUDGET = 64 << 20 };

struct kept_item {
	int offset, length, num_chars;
	int font;			/* its font's identity (idents) */
	guint8 level, gravity, flags, script;
	PangoLanguage *language;	/* Pango's languages live as long as the process */
	int num_glyphs;
	guint32 at;			/* its glyphs in the paragraph's data */
};

struct kept {
	int n_items, mark_run;
	struct kept_item *items;
	guint8 *data;
};

/* A font map's fonts by identity, and the reverse. */
struct map_fonts {
	GHashTable *ids;		/* PangoFont * -> identity + 1 */
	GPtrArray *fonts;		/* identity -> PangoFont * (a reference), or NULL */
};

static GMutex lock;
static bool on;
static GHashTable *kept;		/* key (SHAPECACHE_KEY bytes) -> struct kept */
static GHashTable *ident_of;		/* identity string -> index + 1 */
static guint n_idents;
static GHashTable *maps;		/* PangoFontMap * -> struct map_fonts */
static size_t bytes;
static guint n_found, n_kept;

static guint key_hash(gconstpointer k)
{
	guint h;

	memcpy(&h, k, sizeof h);	/* a digest's bytes are as good a hash as any */
	return h;
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
	return !memcmp(a, b, SHAPECACHE_KEY);
}

static void kept_free(gpointer p)
{
	struct kept *k = p;

	g_free(k->items);
	g_free(k->data);
	g_free(k);
}

static void map_fonts_free(gpointer p)
{
	struct map_fonts *m = p;

	g_hash_table_destroy(m->ids);
	g_ptr_array_unref(m->fonts);
	g_free(m);
}

static void drop(gpointer font)
{
	if (font)
		g_object_unref(font);
}

void shapecache_keep(bool keep)
{
	g_mutex_lock(&lock);
	if (keep && !on) {
		kept = g_hash_table_new_full(key_hash, key_equal, g_free, kept_free);
		ident_of = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		maps = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, map_fonts_free);
		n_idents = 0;
		bytes = 0;
		n_found = n_kept = 0;
	} else if (!keep && on) {
		g_clear_pointer(&kept, g_hash_table_destroy);
		g_clear_pointer(&ident_of, g_hash_table_destroy);
		g_clear_pointer(&maps, g_hash_table_destroy);
		n_found = n_kept = 0;
	}
	on = keep;
	g_mutex_unlock(&lock);
}

bool shapecache_on(void)
{
	bool r;

	g_mutex_lock(&lock);
	r = on;
	g_mutex_unlock(&lock);
	return r;
}

void shapecache_counts(guint *found, guint *stored)
{
	g_mutex_lock(&lock);
	*found = n_found;
	*stored = n_kept;
	g_mutex_unlock(&lock);
}

static struct map_fonts *map_fonts(PangoFontMap *map)
{
	struct map_fonts *m = g_hash_table_lookup(maps, map);

	if (!m) {
		m = g_new0(struct map_fonts, 1);
		m->ids = g_hash_table_new(g_direct_hash, g_direct_equal);
		m->fonts = g_ptr_array_new_with_free_func(drop);
		g_hash_table_insert(maps, map, m);
	}
	return m;
}

/*
 * Font's identity, the same in every map: its resolved fontconfig pattern (file, face, size,
 * matrix, features, variations), less the character set and languages its file decides.
 * -1 when it is not a fontconfig font.
 */
static int identity(struct map_fonts *m, PangoFont *font)
{
	gpointer id = g_hash_table_lookup(m->ids, font);
	FcPattern *pat;
	FcChar8 *name;
	int n;

	if (id)
		return GPOINTER_TO_INT(id) - 1;
	if (!PANGO_IS_FC_FONT(font))
		return -1;
	pat = FcPatternDuplicate(pango_fc_font_get_pattern(PANGO_FC_FONT(font)));
	FcPatternDel(pat, FC_CHARSET);
	FcPatternDel(pat, FC_LANG);
	name = FcNameUnparse(pat);
	FcPatternDestroy(pat);
	if (!name)
		return -1;
	id = g_hash_table_lookup(ident_of, name);
	if (!id) {
		id = GINT_TO_POINTER(++n_idents);
		g_hash_table_insert(ident_of, g_strdup((const char *)name), id);
	}
	FcStrFree(name);
	n = GPOINTER_TO_INT(id) - 1;
	g_hash_table_insert(m->ids, font, GINT_TO_POINTER(n + 1));
	if ((guint)n >= m->fonts->len)
		g_ptr_array_set_size(m->fonts, n + 1);
	if (!g_ptr_array_index(m->fonts, n))
		g_ptr_array_index(m->fonts, n) = g_object_ref(font);
	return n;
}

static void put_uint(GByteArray *b, guint32 v)
{
	guint8 c;

	do {
		c = v & 0x7f;
		v >>= 7;
		if (v)
			c |= 0x80;
		g_byte_array_append(b, &c, 1);
	} while (v);
}

static void put_int(GByteArray *b, gint32 v)
{
	put_uint(b, ((guint32)v << 1) ^ (guint32)(v >> 31));
}

static guint32 get_uint(const guint8 **p)
{
	guint32 v = 0;
	int shift = 0;

	do {
		v |= (guint32)(**p & 0x7f) << shift;
		shift += 7;
	} while (*(*p)++ & 0x80);
	return v;
}

static gint32 get_int(const guint8 **p)
{
	guint32 v = get_uint(p);

	return (gint32)(v >> 1) ^ -(gint32)(v & 1);
}

static void pack_glyphs(GByteArray *b, const PangoGlyphString *g)
{
	int prev = 0;

	for (int i = 0; i < g->num_glyphs; i++) {
		const PangoGlyphInfo *gi = &g->glyphs[i];

		put_uint(b, gi->glyph);
		put_int(b, gi->geometry.width);
		put_int(b, gi->geometry.x_offset);
		put_int(b, gi->geometry.y_offset);
		put_uint(b, gi->attr.is_cluster_start | gi->attr.is_color << 1);
		put_int(b, g->log_clusters[i] - prev);
		prev = g->log_clusters[i];
	}
}

static PangoGlyphString *unpack_glyphs(const guint8 *p, int n)
{
	PangoGlyphString *g = pango_glyph_string_new();
	int prev = 0;

	pango_glyph_string_set_size(g, n);
	for (int i = 0; i < n; i++) {
		PangoGlyphInfo *gi = &g->glyphs[i];
		guint32 attr;

		gi->glyph = get_uint(&p);
		gi->geometry.width = get_int(&p);
		gi->geometry.x_offset = get_int(&p);
		gi->geometry.y_offset = get_int(&p);
		attr = get_uint(&p);
		gi->attr.is_cluster_start = attr & 1;
		gi->attr.is_color = (attr >> 1) & 1;
		prev += get_int(&p);
		g->log_clusters[i] = prev;
	}
	return g;
}

bool shapecache_find(const guint8 key[SHAPECACHE_KEY], PangoFontMap *map, GPtrArray *items, GPtrArray *glyphs,
		     int *mark_run)
{
	struct kept *k;
	struct map_fonts *m;
	PangoFont **fonts;

	g_mutex_lock(&lock);
	k = on ? g_hash_table_lookup(kept, key) : NULL;
	if (!k) {
		g_mutex_unlock(&lock);
		return false;
	}
	m = map_fonts(map);
	fonts = g_new(PangoFont *, k->n_items);
	for (int i = 0; i < k->n_items; i++) {
		int id = k->items[i].font;

		fonts[i] = (guint)id < m->fonts->len ? g_ptr_array_index(m->fonts, id) : NULL;
		if (!fonts[i]) {
			g_mutex_unlock(&lock);
			g_free(fonts);
			return false;	/* this map has not met that font yet: shaped here, then known */
		}
		g_object_ref(fonts[i]);
	}
	n_found++;
	g_mutex_unlock(&lock);
	/* What is kept is never changed or freed while the cache is on: read without the lock. */
	for (int i = 0; i < k->n_items; i++) {
		const struct kept_item *ki = &k->items[i];
		PangoItem *item = pango_item_new();

		item->offset = ki->offset;
		item->length = ki->length;
		item->num_chars = ki->num_chars;
		item->analysis.font = fonts[i];
		item->analysis.level = ki->level;
		item->analysis.gravity = ki->gravity;
		item->analysis.flags = ki->flags;
		item->analysis.script = ki->script;
		item->analysis.language = ki->language;
		g_ptr_array_add(items, item);
		g_ptr_array_add(glyphs, unpack_glyphs(k->data + ki->at, ki->num_glyphs));
	}
	g_free(fonts);
	*mark_run = k->mark_run;
	return true;
}

/* Whether item can be made again from what struct kept_item holds. */
static bool keepable(const PangoItem *item)
{
	return !item->analysis.shape_engine && !item->analysis.lang_engine && !item->analysis.extra_attrs
	       && item->analysis.font;
}

void shapecache_put(const guint8 key[SHAPECACHE_KEY], PangoFontMap *map, GPtrArray *items, GPtrArray *glyphs,
		    int mark_run)
{
	struct map_fonts *m;
	struct kept *k;
	GByteArray *data;
	int *ids;
	bool known;
	size_t size;

	for (guint i = 0; i < items->len; i++)
		if (!keepable(g_ptr_array_index(items, i)))
			return;
	g_mutex_lock(&lock);
	if (!on) {
		g_mutex_unlock(&lock);
		return;
	}
	/* The map learns its fonts' identities even when the paragraph is kept already. */
	m = map_fonts(map);
	ids = g_new(int, items->len + 1);
	for (guint i = 0; i < items->len; i++)
		ids[i] = identity(m, ((PangoItem *)g_ptr_array_index(items, i))->analysis.font);
	known = g_hash_table_contains(kept, key);
	g_mutex_unlock(&lock);
	for (guint i = 0; i < items->len; i++)
		if (ids[i] < 0)
			known = true;	/* a font with no identity: not kept */
	if (known) {
		g_free(ids);
		return;
	}
	k = g_new0(struct kept, 1);
	k->n_items = (int)items->len;
	k->mark_run = mark_run;
	k->items = g_new0(struct kept_item, items->len);
	data = g_byte_array_new();
	for (guint i = 0; i < items->len; i++) {
		const PangoItem *item = g_ptr_array_index(items, i);
		const PangoGlyphString *g = g_ptr_array_index(glyphs, i);
		struct kept_item *ki = &k->items[i];

		ki->offset = item->offset;
		ki->length = item->length;
		ki->num_chars = item->num_chars;
		ki->font = ids[i];
		ki->level = item->analysis.level;
		ki->gravity = item->analysis.gravity;
		ki->flags = item->analysis.flags;
		ki->script = item->analysis.script;
		ki->language = item->analysis.language;
		ki->num_glyphs = g->num_glyphs;
		ki->at = data->len;
		pack_glyphs(data, g);
	}
	g_free(ids);
	/* What it costs: its items, its glyphs, itself, its key and its place in the table. */
	size = data->len + (size_t)k->n_items * sizeof *k->items + sizeof *k + 2 * SHAPECACHE_KEY;
	k->data = g_byte_array_free(data, FALSE);
	g_mutex_lock(&lock);
	if (on && bytes + size <= BUDGET && !g_hash_table_contains(kept, key)) {
		g_hash_table_insert(kept, g_memdup2(key, SHAPECACHE_KEY), k);
		bytes += size;
		n_kept++;
		k = NULL;
	}
	g_mutex_unlock(&lock);
	if (k)
		kept_free(k);
}
