/* test_fonts.c - folio's font maps: the same PDF as a map made by hand, maps for other threads sharing the book's fonts. */
#include "check.h"
#include "format/fonts.h"

#include <stdbool.h>
#include <string.h>
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>

static const struct {
	const char *family, *lang, *text;
	double size;
} lines[] = {
	{ "Noto Serif CJK SC", "zh-cn", "城市与创新：正文 folio 2025", 10.5 },
	{ "Noto Serif CJK HK", "zh-hk", "城市與創新：正文", 10.5 },
	{ "Noto Sans CJK SC", "zh-cn", "标题与强调", 16 },
	{ "Noto Sans CJK SC", "zh-cn", "同一字体，另一字号", 9 },
	{ "Noto Sans Mono CJK HK", "zh-hk", "代碼 printf()", 8.5 },
	{ "Noto Serif", "en", "An English line", 10.5 },
};

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* A font map on folio's fontconfig file as fonts.c makes it, but leaving the font files to cairo. */
static PangoFontMap *cairo_own_map(const char *datadir)
{
	char *path = g_build_filename(datadir, "fonts", "fonts.conf", NULL);
	FcConfig *cfg = FcConfigCreate();
	PangoFontMap *map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);

	FcConfigParseAndLoad(cfg, (const FcChar8 *)path, FcTrue);
	FcConfigBuildFonts(cfg);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), cfg);
	FcConfigDestroy(cfg);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72);
	g_free(path);
	return map;
}

/* The lines set with map on a PDF page (and again with map2, when not NULL); fonts (when not NULL) gets the fonts used. */
static GByteArray *render2(PangoFontMap *map, PangoFontMap *map2, GPtrArray *fonts)
{
	GByteArray *pdf = g_byte_array_new();
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(append, pdf, 420, 595);
	cairo_t *cr = cairo_create(surface);
	PangoContext *ctx = pango_font_map_create_context(map);
	cairo_font_options_t *fo = cairo_font_options_create();

	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "2025-01-01T00:00:00Z");
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, "2025-01-01T00:00:00Z");
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	for (size_t i = 0; i < G_N_ELEMENTS(lines); i++) {
		PangoLayout *layout = pango_layout_new(ctx);
		PangoFontDescription *fd = pango_font_description_from_string(lines[i].family);

		pango_context_set_language(ctx, pango_language_from_string(lines[i].lang));
		pango_layout_context_changed(layout);
		pango_font_description_set_absolute_size(fd, lines[i].size * PANGO_SCALE);
		pango_layout_set_font_description(layout, fd);
		pango_layout_set_text(layout, lines[i].text, -1);
		cairo_move_to(cr, 20, 20 + 30 * (double)i);
		pango_cairo_show_layout(cr, layout);
		for (GSList *r = fonts ? pango_layout_get_line_readonly(layout, 0)->runs : NULL; r; r = r->next)
			g_ptr_array_add(fonts, g_object_ref(((PangoGlyphItem *)r->data)->item->analysis.font));
		pango_font_description_free(fd);
		g_object_unref(layout);
	}
	cairo_font_options_destroy(fo);
	g_object_unref(ctx);
	if (map2) {
		/* The same lines set by another map, on the same page (as threads' maps do in a book). */
		PangoContext *c2 = pango_font_map_create_context(map2);

		for (size_t i = 0; i < G_N_ELEMENTS(lines); i++) {
			PangoLayout *layout = pango_layout_new(c2);
			PangoFontDescription *fd = pango_font_description_from_string(lines[i].family);

			pango_context_set_language(c2, pango_language_from_string(lines[i].lang));
			pango_layout_context_changed(layout);
			pango_font_description_set_absolute_size(fd, lines[i].size * PANGO_SCALE);
			pango_layout_set_font_description(layout, fd);
			pango_layout_set_text(layout, lines[i].text, -1);
			cairo_move_to(cr, 20, 300 + 30 * (double)i);
			pango_cairo_show_layout(cr, layout);
			pango_font_description_free(fd);
			g_object_unref(layout);
		}
		g_object_unref(c2);
	}
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_surface_destroy(surface);
	return pdf;
}

static GByteArray *render(PangoFontMap *map, GPtrArray *fonts)
{
	return render2(map, NULL, fonts);
}

/* How often needle occurs in a PDF's bytes (font dictionaries are not compressed). */
static int count(const GByteArray *pdf, const char *needle)
{
	int n = 0;
	size_t len = strlen(needle);

	for (guint i = 0; i + len <= pdf->len; i++)
		n += !memcmp(pdf->data + i, needle, len);
	return n;
}

int main(void)
{
	char *datadir = g_get_current_dir();
	PangoFontMap *own = cairo_own_map(datadir);
	GByteArray *by_cairo = render(own, NULL), *by_folio, *by_other, *both, *twice;
	GPtrArray *fonts = g_ptr_array_new_with_free_func(g_object_unref);
	struct fonts *f, *g;
	bool cjk_from_collections = true;
	int families = 0;

	g_object_unref(own);
	f = fonts_new(datadir);
	g = fonts_another(f);
	by_folio = render(pango_context_get_font_map(fonts_context(f)), fonts);
	by_other = render(pango_context_get_font_map(fonts_context(g)), NULL);
	CHECK("fonts: a PDF was written", by_cairo->len > 1000);
	CHECK("fonts: the same PDF bytes as a map made by hand on fonts.conf",
	      by_cairo->len == by_folio->len && !memcmp(by_cairo->data, by_folio->data, by_cairo->len));
	CHECK("fonts: a map for another thread makes the same PDF",
	      by_other->len == by_folio->len && !memcmp(by_other->data, by_folio->data, by_folio->len));
	for (guint i = 0; i < fonts->len; i++) {
		PangoFontDescription *d = pango_font_describe(g_ptr_array_index(fonts, i));
		const char *family = pango_font_description_get_family(d);
		FcChar8 *file = NULL;

		FcPatternGetString(PANGO_FC_FONT(g_ptr_array_index(fonts, i))->font_pattern, FC_FILE, 0, &file);
		if (strstr(family, "CJK"))
			cjk_from_collections = cjk_from_collections && file && g_str_has_suffix((const char *)file, ".ttc");
		for (size_t k = 0; k < G_N_ELEMENTS(lines); k++)
			families += !strcmp(family, lines[k].family);
		pango_font_description_free(d);
	}
	CHECK("fonts: each line is set in the family asked for", fonts->len >= 6 && families >= 6);
	CHECK("fonts: CJK faces come from the Noto CJK collections", cjk_from_collections);
	/* Pages set by two maps (two threads) embed each font once, as one map's pages do. */
	both = render2(pango_context_get_font_map(fonts_context(f)), pango_context_get_font_map(fonts_context(g)), NULL);
	twice = render2(pango_context_get_font_map(fonts_context(f)), pango_context_get_font_map(fonts_context(f)), NULL);
	CHECK("fonts: fonts are embedded (control)", count(twice, "/FontDescriptor") >= 4);
	CHECK("fonts: text set by two maps shares each embedded font",
	      count(both, "/FontDescriptor") == count(twice, "/FontDescriptor")
	      && both->len == twice->len && !memcmp(both->data, twice->data, both->len));
	/* A pinned font's face has no active character map (only Cairo reads it), and its PDF is the same. */
	{
		cairo_scaled_font_t *sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(g_ptr_array_index(fonts, 0)));
		FT_Face face = cairo_ft_scaled_font_lock_face(sf);
		bool before = face && face->charmap;
		GByteArray *pinned;

		cairo_ft_scaled_font_unlock_face(sf);
		fonts_lock();
		for (guint i = 0; i < fonts->len; i++)
			fonts_pin(g_ptr_array_index(fonts, i));
		fonts_unlock();
		face = cairo_ft_scaled_font_lock_face(sf);
		CHECK("fonts: a face has a character map before it is pinned (control)", before);
		CHECK("fonts: a pinned face has none", face && !face->charmap);
		cairo_ft_scaled_font_unlock_face(sf);
		pinned = render(pango_context_get_font_map(fonts_context(f)), NULL);
		CHECK("fonts: the same PDF bytes with the fonts pinned",
		      pinned->len == by_folio->len && !memcmp(pinned->data, by_folio->data, pinned->len));
		fonts_unpin_all();
		g_byte_array_free(pinned, TRUE);
	}
	/*
	 * A font pinned alone, for lines set in an earlier book (fonts_pin_shaped), is pinned again with
	 * its missing characters' box face when shaping meets it in the same book (it was not: the box
	 * face then opened unpinned).
	 */
	{
		PangoFont *font = g_ptr_array_index(fonts, fonts->len - 1);
		guint n0, n1, n2, n3;

		fonts_unpin_all();
		n0 = fonts_pinned();
		fonts_pin_shaped(font);
		n1 = fonts_pinned();
		fonts_pin(font);
		n2 = fonts_pinned();
		fonts_pin(font);
		fonts_pin_shaped(font);
		n3 = fonts_pinned();
		CHECK("fonts: pinned alone, a font's face is pinned once", n0 == 0 && n1 == 1);
		CHECK("fonts: ... and shaping then pins it with its box face", n2 == n1 + 2);
		CHECK("fonts: ... once a book", n3 == n2);
		fonts_unpin_all();
		CHECK("fonts: all let go at the end of a book", fonts_pinned() == 0);
	}
	g_ptr_array_free(fonts, TRUE);
	fonts_free(g);
	fonts_free(f);
	g_byte_array_free(by_cairo, TRUE);
	g_byte_array_free(by_folio, TRUE);
	g_byte_array_free(by_other, TRUE);
	g_byte_array_free(both, TRUE);
	g_byte_array_free(twice, TRUE);
	g_free(datadir);
	CHECK_DONE();
}
