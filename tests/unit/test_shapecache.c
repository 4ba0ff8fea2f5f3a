/* test_shapecache.c - a paragraph found in the shaping cache (folio batch) is set exactly as one shaped
 * afresh, in the fonts of the map that sets it, and only a paragraph shaped from the same input is found. */
#include "check.h"
#include "format/pdf/para.h"
#include "format/pdf/shapecache.h"

#include <pango/pangocairo.h>

static PangoContext *context(void)
{
	PangoFontMap *map = pango_cairo_font_map_new();
	PangoContext *ctx;
	cairo_font_options_t *fo = cairo_font_options_create();

	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72);
	ctx = pango_font_map_create_context(map);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	cairo_font_options_destroy(fo);
	g_object_unref(map);
	return ctx;
}

static const struct para_settings settings = { .width = 160, .indent = 20, .align = PARA_JUSTIFY,
					       .line_height = 17, .cjk_latin_space = 0.25 };

/*
 * Chinese with its marks, English words, a run of 40 accents (shaped in pieces), an emoji with its
 * selector, Hebrew (a right-to-left level), and code with box drawing (narrowed in the code face).
 */
static const char *const pieces[] = {
	"“杭州六小龙”的成功，主体是企业——而非城市……DeepSeek背后的幻方量化公司（总部设在杭州）宣称",
	"e\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	"\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	"\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	"\xcc\x81 ☺️ and שלום עולם interoperability, ",
	"├── src → build",
	"。",
};

/* The paragraph set with ctx, as text: every line, run, font and glyph; NULL-safe. */
static char *set_text(PangoContext *ctx, const struct para_style *const styles[4], bool *own_fonts)
{
	struct para_settings set = settings;
	struct para *p;
	GString *s = g_string_new(NULL);

	set.lang = pango_language_from_string("zh-cn");
	p = para_new(ctx, &set);
	for (int i = 0; i < 4; i++)
		para_add(p, pieces[i], -1, styles[i]);
	para_layout(p);
	*own_fonts = true;
	for (int i = 0; i < para_n_lines(p); i++) {
		const struct para_line *l = para_line(p, i);

		g_string_append_printf(s, "line %d-%d x=%.3f w=%.3f\n", l->start, l->end, l->x, l->width);
		for (guint r = 0; r < l->runs->len; r++) {
			const struct para_run *run = g_ptr_array_index(l->runs, r);
			const PangoItem *item = run->glyphs->item;
			const PangoGlyphString *g = run->glyphs->glyphs;
			PangoFontDescription *d = pango_font_describe(item->analysis.font);
			char *font = pango_font_description_to_string(d);

			if (pango_font_get_font_map(item->analysis.font) != pango_context_get_font_map(ctx))
				*own_fonts = false;
			g_string_append_printf(s, " run %d+%d level %d script %d %s x=%.3f w=%.3f:", item->offset,
					       item->length, item->analysis.level, item->analysis.script, font, run->x,
					       run->width);
			for (int k = 0; k < g->num_glyphs; k++)
				g_string_append_printf(s, " %u/%d/%d/%d/%d/%d", g->glyphs[k].glyph, g->glyphs[k].geometry.width,
						       g->glyphs[k].geometry.x_offset, g->glyphs[k].geometry.y_offset,
						       g->glyphs[k].attr.is_cluster_start, g->log_clusters[k]);
			g_string_append_c(s, '\n');
			g_free(font);
			pango_font_description_free(d);
		}
	}
	g_string_append_printf(s, "marks %d\n", para_mark_run(p));
	para_free(p);
	return g_string_free(s, FALSE);
}

static int count(const char *s, const char *what)
{
	int n = 0;

	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

int main(void)
{
	PangoContext *a = context(), *b = context();
	struct para_style body = { .font = pango_font_description_from_string("Noto Serif CJK SC 10") };
	struct para_style bold = { .font = pango_font_description_from_string("Noto Sans CJK SC Bold 10") };
	struct para_style code = { .font = pango_font_description_from_string("Noto Sans Mono CJK SC 9"), .code = 1,
				   .mono = 1 };
	const struct para_style *const styles[4] = { &body, &body, &code, &body };
	const struct para_style *const other[4] = { &body, &bold, &code, &body };
	char *fresh, *fresh_other, *got;
	guint found, kept;
	bool own;

	fresh = set_text(a, styles, &own);
	fresh_other = set_text(a, other, &own);
	CHECK("shapecache: the test paragraph is set in several lines", count(fresh, "line ") >= 4);
	CHECK("shapecache: ... in runs of several fonts and levels", count(fresh, " run ") >= 10 && strstr(fresh, " level 1 "));
	CHECK("shapecache: ... with a run of marks shaped in pieces", strstr(fresh, "marks 40\n") != NULL);
	CHECK("shapecache: the two styles set differently (the control)", strcmp(fresh, fresh_other));
	CHECK("shapecache: off, nothing is kept", !shapecache_on());

	shapecache_keep(true);
	got = set_text(a, styles, &own);
	CHECK("shapecache: shaped and kept, the paragraph is set as afresh", !strcmp(got, fresh));
	g_free(got);
	shapecache_counts(&found, &kept);
	CHECK("shapecache: the first setting is kept, none found", kept == 1 && found == 0);

	got = set_text(a, styles, &own);
	shapecache_counts(&found, &kept);
	CHECK("shapecache: set again with the same map, it is found", found == 1 && kept == 1);
	CHECK("shapecache: ... and set exactly as afresh", !strcmp(got, fresh));
	CHECK("shapecache: ... in the map's own fonts", own);
	g_free(got);

	/* Another map has not met the fonts: it shapes, and learns them; the next time it finds it. */
	got = set_text(b, styles, &own);
	shapecache_counts(&found, &kept);
	CHECK("shapecache: a map that has not met the fonts shapes the paragraph itself", found == 1 && !strcmp(got, fresh));
	g_free(got);
	got = set_text(b, styles, &own);
	shapecache_counts(&found, &kept);
	CHECK("shapecache: another map that knows the fonts finds it", found == 2);
	CHECK("shapecache: ... set exactly as afresh", !strcmp(got, fresh));
	CHECK("shapecache: ... in that map's fonts, not the first map's", own);
	g_free(got);

	/* The same text in another font is another paragraph. */
	got = set_text(b, other, &own);
	shapecache_counts(&found, &kept);
	CHECK("shapecache: the same text in other fonts is not found", found == 2 && kept == 2);
	CHECK("shapecache: ... and is set as it is afresh", !strcmp(got, fresh_other));
	g_free(got);

	shapecache_keep(false);
	got = set_text(a, styles, &own);
	shapecache_counts(&found, &kept);
	CHECK("shapecache: turned off, nothing is found", !shapecache_on() && found == 0 && kept == 0 && !strcmp(got, fresh));
	g_free(got);

	g_free(fresh);
	g_free(fresh_other);
	pango_font_description_free(body.font);
	pango_font_description_free(bold.font);
	pango_font_description_free(code.font);
	g_object_unref(a);
	g_object_unref(b);
	CHECK_DONE();
}
