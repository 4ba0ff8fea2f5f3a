/* fonts.c - font map and context for the PDF: folio's fontconfig file, 72 dpi, no hinting. */
#include "format/fonts.h"

#include <stdbool.h>
#include <string.h>
#include <fontconfig/fontconfig.h>
#include <cairo-ft.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "base/diag.h"
#include "base/langtag.h"

struct fonts {
	PangoFontMap *map;
	PangoContext *ctx;
	char *datadir;		/* fonts_new's; NULL for fonts_another's */
	FcConfig *cfg;		/* the set-up it reads (the map holds it) */
};

/* fonts_reuse: maps put aside by fonts_free, for the next book of the run. */
static GMutex spare_lock;
static bool reusing;
static GPtrArray *spares;

/* A spare map made for datadir (fonts_new), or on cfg (fonts_another); NULL if none. */
static struct fonts *take_spare(const char *datadir, FcConfig *cfg)
{
	struct fonts *found = NULL;

	g_mutex_lock(&spare_lock);
	for (guint i = 0; spares && i < spares->len && !found; i++) {
		struct fonts *f = g_ptr_array_index(spares, i);

		if (datadir ? f->datadir && !strcmp(f->datadir, datadir) : !f->datadir && f->cfg == cfg)
			found = g_ptr_array_steal_index(spares, i);
	}
	g_mutex_unlock(&spare_lock);
	return found;
}

static void destroy(struct fonts *f)
{
	g_object_unref(f->ctx);
	g_object_unref(f->map);
	g_free(f->datadir);
	g_free(f);
}

/*
 * The first set-up read becomes fontconfig's current one, before any font map is made. Pango
 * 1.50's maps wait, on their first use, for a thread of Pango's that calls FcInit() even when the
 * map was given a set-up of its own; with none current, FcInit() reads the system's whole
 * configuration (fifty files and the font caches: 10 ms on a weekly digest's critical path) that
 * folio never uses. With ours current it returns at once.
 */
static void make_current_once(FcConfig *cfg)
{
	static gsize done;

	if (g_once_init_enter(&done)) {
		FcConfigSetCurrent(cfg);
		g_once_init_leave(&done, 1);
	}
}

/* A fontconfig set-up from path, or NULL (reported) when it cannot be read. */
static FcConfig *load_config(const char *path, bool quiet)
{
	FcConfig *cfg;

	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		if (!quiet)
			diag_warn(path, 0, "folio's font set-up is missing; using the system's, so the PDF may differ between machines");
		return NULL;
	}
	cfg = FcConfigCreate();
	if (!FcConfigParseAndLoad(cfg, (const FcChar8 *)path, FcTrue) || !FcConfigBuildFonts(cfg)) {
		if (!quiet)
			diag_warn(path, 0, "cannot read this font set-up; using the system's");
		FcConfigDestroy(cfg);
		return NULL;
	}
	make_current_once(cfg);
	return cfg;
}

/* A map on cfg (NULL: the system's set-up), 72 dpi, no hinting, unrounded positions. */
static struct fonts *map_on(FcConfig *cfg)
{
	struct fonts *f = g_new0(struct fonts, 1);
	cairo_font_options_t *fo = cairo_font_options_create();

	f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (cfg)
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), cfg);	/* the map takes a reference */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72);
	f->ctx = pango_font_map_create_context(f->map);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(f->ctx, fo);
	pango_context_set_round_glyph_positions(f->ctx, FALSE);
	cairo_font_options_destroy(fo);
	f->cfg = pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(f->map));
	return f;
}

static struct fonts *make_fonts(const char *datadir, bool quiet)
{
	char *path;
	FcConfig *cfg;
	struct fonts *f = take_spare(datadir ? datadir : ".", NULL);

	if (f)
		return f;
	path = g_build_filename(datadir ? datadir : ".", "fonts", "fonts.conf", NULL);
	cfg = load_config(path, quiet);
	f = map_on(cfg);
	f->datadir = g_strdup(datadir ? datadir : ".");
	if (cfg)
		FcConfigDestroy(cfg);
	g_free(path);
	return f;
}

struct fonts *fonts_new(const char *datadir)
{
	return make_fonts(datadir, false);
}

struct fonts *fonts_new_quiet(const char *datadir)
{
	return make_fonts(datadir, true);
}

struct fonts *fonts_another(struct fonts *like)
{
	struct fonts *f = take_spare(NULL, like->cfg);

	/* The same fontconfig set-up, read once. */
	return f ? f : map_on(like->cfg);
}

void fonts_reuse(bool on)
{
	GPtrArray *gone = NULL;

	g_mutex_lock(&spare_lock);
	reusing = on;
	if (!on) {
		gone = spares;
		spares = NULL;
	}
	g_mutex_unlock(&spare_lock);
	for (guint i = 0; gone && i < gone->len; i++)
		destroy(g_ptr_array_index(gone, i));
	if (gone)
		g_ptr_array_free(gone, TRUE);
}

void fonts_free(struct fonts *f)
{
	if (!f)
		return;
	g_mutex_lock(&spare_lock);
	if (reusing) {
		if (!spares)
			spares = g_ptr_array_new();
		g_ptr_array_add(spares, f);
		f = NULL;
	}
	g_mutex_unlock(&spare_lock);
	if (f)
		destroy(f);
}

/* Pinned fonts: cairo scaled fonts holding their faces taken; a generation so fonts kept by a
   reused map are pinned again in the next book. */
static GRecMutex load_lock;
enum { LOCK_SPINS = 2000 };
static GMutex pin_lock;
static GPtrArray *pinned;
static gint pin_generation = 1;

void fonts_lock(void)
{
	/*
	 * Held for one paragraph's itemizing at a time, microseconds: a thread that finds it taken
	 * tries again for a while before it sleeps (a sleep and a wake-up cost more than the wait:
	 * 11,000 futex calls in a big book's setting on two threads).
	 */
	for (int i = 0; i < LOCK_SPINS; i++)
		if (g_rec_mutex_trylock(&load_lock))
			return;
	g_rec_mutex_lock(&load_lock);
}

void fonts_unlock(void)
{
	g_rec_mutex_unlock(&load_lock);
}

/* sf's face kept open and taken until fonts_unpin_all (call with the lock held). */
static void pin_face(cairo_scaled_font_t *sf, bool drop_charmap)
{
	FT_Face face;

	if (!sf || cairo_scaled_font_get_type(sf) != CAIRO_FONT_TYPE_FT)
		return;
	g_mutex_lock(&pin_lock);
	if (!pinned)
		pinned = g_ptr_array_new();
	/* Taken once more: the count, not the face it answers, is what keeps the face open. */
	face = cairo_ft_scaled_font_lock_face(sf);
	if (face) {
		/*
		 * No active character map. Only Cairo reads it (Pango maps characters with
		 * HarfBuzz): for each glyph its font subset takes that the font's format-4
		 * cmap does not name (a CJK font's variant forms), Cairo walks the whole
		 * map (tens of thousands of characters) in vain, and then takes the text
		 * Pango shows with the glyph, as it does now: the same bytes, and an eighth
		 * less drawing in a batch of small Chinese books.
		 */
		if (drop_charmap)
			face->charmap = NULL;
		g_ptr_array_add(pinned, cairo_scaled_font_reference(sf));
	}
	g_mutex_unlock(&pin_lock);
}

/*
 * The face Pango writes a missing character's code with, in a box: "monospace" in font's weight
 * and style, chosen for English, whatever the size (Pango's hex box). Pango opens it when such a
 * box is first measured, while shaping, unlocked: pinned here first, once for each weight and
 * style, it is open by then. Its character map stays (Cairo finds the digits' glyphs through it).
 * Call with the lock held (it keeps the table).
 */
static void pin_hex_box_face(PangoFont *font, gint gen)
{
	static GHashTable *done;	/* weight, style, stretch and variant -> the generation pinned in */
	PangoFontDescription *d = pango_font_describe_with_absolute_size(font);
	guint key = (guint)pango_font_description_get_weight(d) << 12 | (guint)pango_font_description_get_style(d) << 8
		    | (guint)pango_font_description_get_stretch(d) << 4 | (guint)pango_font_description_get_variant(d);
	PangoFontMap *map = pango_font_get_font_map(font);

	if (!done)
		done = g_hash_table_new(NULL, NULL);
	if (map && GPOINTER_TO_INT(g_hash_table_lookup(done, GUINT_TO_POINTER(key))) != gen) {
		PangoContext *ctx = pango_font_map_create_context(map);
		PangoFont *mini;

		pango_font_description_unset_fields(d, PANGO_FONT_MASK_GRAVITY);
		pango_font_description_set_family_static(d, "monospace");
		pango_context_set_language(ctx, pango_language_from_string("en"));
		mini = pango_font_map_load_font(map, ctx, d);
		if (mini && PANGO_IS_CAIRO_FONT(mini))
			pin_face(pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(mini)), false);
		if (mini)
			g_object_unref(mini);
		g_object_unref(ctx);
		g_hash_table_insert(done, GUINT_TO_POINTER(key), GINT_TO_POINTER(gen));
	}
	pango_font_description_free(d);
}

/*
 * font pinned for this generation; with hex_box, the face of its missing characters' boxes too.
 * Each is marked apart: a font pinned alone (fonts_pin_shaped) is pinned again with its box face
 * when shaping first meets it (a face pinned twice is let go twice).
 */
static void pin(PangoFont *font, bool hex_box)
{
	static GQuark whole, alone;
	static gsize quarks_once;
	gint gen = g_atomic_int_get(&pin_generation);

	if (!font || !PANGO_IS_CAIRO_FONT(font))
		return;
	if (g_once_init_enter(&quarks_once)) {
		whole = g_quark_from_static_string("folio-pinned");
		alone = g_quark_from_static_string("folio-pinned-alone");
		g_once_init_leave(&quarks_once, 1);
	}
	if (GPOINTER_TO_INT(g_object_get_qdata(G_OBJECT(font), whole)) == gen
	    || (!hex_box && GPOINTER_TO_INT(g_object_get_qdata(G_OBJECT(font), alone)) == gen))
		return;
	/* A font's first scaled font opens its face: under the fonts' lock. */
	fonts_lock();
	pin_face(pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font)), true);
	if (hex_box)
		pin_hex_box_face(font, gen);
	fonts_unlock();
	g_object_set_qdata(G_OBJECT(font), hex_box ? whole : alone, GINT_TO_POINTER(gen));
}

guint fonts_pinned(void)
{
	guint n;

	g_mutex_lock(&pin_lock);
	n = pinned ? pinned->len : 0;
	g_mutex_unlock(&pin_lock);
	return n;
}

void fonts_pin(PangoFont *font)
{
	pin(font, true);
}

void fonts_pin_shaped(PangoFont *font)
{
	pin(font, false);
}

void fonts_unpin_all(void)
{
	g_mutex_lock(&pin_lock);
	for (guint i = 0; pinned && i < pinned->len; i++) {
		cairo_scaled_font_t *sf = g_ptr_array_index(pinned, i);

		cairo_ft_scaled_font_unlock_face(sf);
		cairo_scaled_font_destroy(sf);
	}
	if (pinned)
		g_ptr_array_set_size(pinned, 0);
	g_atomic_int_inc(&pin_generation);
	g_mutex_unlock(&pin_lock);
}

PangoContext *fonts_context(struct fonts *f)
{
	return f->ctx;
}

const char *fonts_cjk_region(const char *lang)
{
	const char *region = langtag_region(langtag_writing(lang));

	return region ? region : "SC";
}

char *fonts_family_list(const char *pattern, const char *region)
{
	GString *s = g_string_new(NULL);

	for (const char *p = pattern; *p; p++) {
		if (!strncmp(p, "{cjk}", 5)) {
			g_string_append(s, region);
			p += 4;
		} else {
			g_string_append_c(s, *p);
		}
	}
	return g_string_free(s, FALSE);
}
