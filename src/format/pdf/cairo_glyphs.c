/* cairo_glyphs.c - which glyphs of each font file the process has shown through Cairo (for cairo_cff.c). */
#include "format/pdf/cairo_glyphs.h"

#include <dlfcn.h>
#include <stdatomic.h>
#include <stdint.h>
#include <cairo-ft.h>
#include <glib.h>

/* CFF glyph numbers are 16 bits: a file's record is one bit a glyph. */
enum { GLYPHS = 1 << 16, WORDS = GLYPHS / 64 };

struct cairo_glyphs {
	atomic_bool beyond;		/* a glyph number of 65,536 or more was shown */
	_Atomic uint64_t bits[WORDS];
};

/* The records by file (never freed: a process uses a handful of font files). */
static GMutex files_lock;
static GHashTable *files;

static struct cairo_glyphs *record_of_file(const char *path, bool make)
{
	struct cairo_glyphs *g;

	g_mutex_lock(&files_lock);
	if (!files)
		files = g_hash_table_new(g_str_hash, g_str_equal);
	g = g_hash_table_lookup(files, path);
	if (!g && make) {
		g = g_new0(struct cairo_glyphs, 1);
		g_hash_table_insert(files, g_strdup(path), g);
	}
	g_mutex_unlock(&files_lock);
	return g;
}

const struct cairo_glyphs *cairo_glyphs_of_file(const char *path)
{
	const struct cairo_glyphs *g = path ? record_of_file(path, false) : NULL;

	return g && !atomic_load_explicit(&g->beyond, memory_order_relaxed) ? g : NULL;
}

bool cairo_glyphs_shown(const struct cairo_glyphs *g, unsigned glyph)
{
	return glyph == 0 || (glyph < GLYPHS && (atomic_load_explicit(&g->bits[glyph / 64], memory_order_relaxed)
						 >> (glyph % 64) & 1));
}

unsigned cairo_glyphs_next(const struct cairo_glyphs *g, unsigned glyph)
{
	if (glyph == 0)
		return 0;
	for (unsigned w = glyph / 64; w < WORDS; w++) {
		uint64_t bits = atomic_load_explicit(&g->bits[w], memory_order_relaxed);

		if (w == glyph / 64)
			bits &= ~UINT64_C(0) << (glyph % 64);
		if (bits)
			return w * 64 + (unsigned)__builtin_ctzll(bits);
	}
	return GLYPHS;
}

/* The file of a scaled font's FreeType face (NULL when it has none: not FreeType, or from memory). */
static struct cairo_glyphs *record_of_font(cairo_scaled_font_t *sf)
{
	struct cairo_glyphs *g = NULL;
	FT_Face face;

	if (cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS || cairo_scaled_font_get_type(sf) != CAIRO_FONT_TYPE_FT)
		return NULL;
	face = cairo_ft_scaled_font_lock_face(sf);
	if (face && face->stream && face->stream->pathname.pointer)
		g = record_of_file(face->stream->pathname.pointer, true);
	cairo_ft_scaled_font_unlock_face(sf);
	return g;
}

/*
 * A thread's last font faces and their files' records: each face held (referenced) while it is
 * here, so that its address is not another face's. Let go when the thread ends.
 */
enum { RECENT = 8 };

struct recent {
	cairo_font_face_t *face[RECENT];
	struct cairo_glyphs *record[RECENT];
	unsigned next;
};

static void recent_free(gpointer data)
{
	struct recent *r = data;

	for (int i = 0; i < RECENT; i++)
		if (r->face[i])
			cairo_font_face_destroy(r->face[i]);
	g_free(r);
}

static GPrivate recent_key = G_PRIVATE_INIT(recent_free);

static struct cairo_glyphs *record_of(cairo_t *cr)
{
	cairo_scaled_font_t *sf = cairo_get_scaled_font(cr);
	cairo_font_face_t *face = cairo_scaled_font_get_font_face(sf);
	struct recent *r = g_private_get(&recent_key);
	struct cairo_glyphs *g;
	unsigned i;

	if (!r) {
		r = g_new0(struct recent, 1);
		g_private_set(&recent_key, r);
	}
	for (i = 0; i < RECENT; i++)
		if (r->face[i] == face)
			return r->record[i];
	g = record_of_font(sf);
	i = r->next++ % RECENT;
	if (r->face[i])
		cairo_font_face_destroy(r->face[i]);
	r->face[i] = cairo_font_face_reference(face);
	r->record[i] = g;
	return g;
}

static void record(cairo_t *cr, const cairo_glyph_t *glyphs, int n)
{
	struct cairo_glyphs *g;

	if (n <= 0 || !glyphs || !(g = record_of(cr)))
		return;
	for (int i = 0; i < n; i++) {
		unsigned long x = glyphs[i].index;
		uint64_t bit;

		if (x >= GLYPHS) {
			atomic_store_explicit(&g->beyond, true, memory_order_relaxed);
			continue;
		}
		bit = UINT64_C(1) << (x % 64);
		if (!(atomic_load_explicit(&g->bits[x / 64], memory_order_relaxed) & bit))
			atomic_fetch_or_explicit(&g->bits[x / 64], bit, memory_order_relaxed);
	}
}

/* Cairo's own functions, the ones this file's stand in front of (found once, as cairo_cff.c finds FreeType's). */
static struct {
	void (*show_glyphs)(cairo_t *, const cairo_glyph_t *, int);
	void (*show_text_glyphs)(cairo_t *, const char *, int, const cairo_glyph_t *, int, const cairo_text_cluster_t *,
				 int, cairo_text_cluster_flags_t);
	void (*show_text)(cairo_t *, const char *);
} cairo;

static void find_cairo(void)
{
	static gsize once;

	if (g_once_init_enter(&once)) {
		*(void **)&cairo.show_glyphs = dlsym(RTLD_NEXT, "cairo_show_glyphs");
		*(void **)&cairo.show_text_glyphs = dlsym(RTLD_NEXT, "cairo_show_text_glyphs");
		*(void **)&cairo.show_text = dlsym(RTLD_NEXT, "cairo_show_text");
		g_once_init_leave(&once, 1);
	}
}

void cairo_show_glyphs(cairo_t *cr, const cairo_glyph_t *glyphs, int num_glyphs)
{
	find_cairo();
	record(cr, glyphs, num_glyphs);
	cairo.show_glyphs(cr, glyphs, num_glyphs);
}

void cairo_show_text_glyphs(cairo_t *cr, const char *utf8, int utf8_len, const cairo_glyph_t *glyphs, int num_glyphs,
			    const cairo_text_cluster_t *clusters, int num_clusters, cairo_text_cluster_flags_t cluster_flags)
{
	find_cairo();
	record(cr, glyphs, num_glyphs);
	cairo.show_text_glyphs(cr, utf8, utf8_len, glyphs, num_glyphs, clusters, num_clusters, cluster_flags);
}

/* Cairo turns the text into glyphs with the scaled font's own cmap; the same is done here to record them. */
void cairo_show_text(cairo_t *cr, const char *utf8)
{
	cairo_scaled_font_t *sf = cairo_get_scaled_font(cr);
	cairo_glyph_t *glyphs = NULL;
	int n = 0;

	find_cairo();
	if (utf8 && cairo_scaled_font_status(sf) == CAIRO_STATUS_SUCCESS
	    && cairo_scaled_font_text_to_glyphs(sf, 0, 0, utf8, -1, &glyphs, &n, NULL, NULL, NULL) == CAIRO_STATUS_SUCCESS) {
		record(cr, glyphs, n);
		cairo_glyph_free(glyphs);
	}
	cairo.show_text(cr, utf8);
}
