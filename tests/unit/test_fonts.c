/* test_fonts.c - fonts folio opens itself: one face per file and index, read not mapped, the same PDF as cairo's own. */
#include "check.h"
#include "format/fonts.h"

#include <stdbool.h>
#include <string.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <fontconfig/fcfreetype.h>
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

/* The lines set with map on a PDF page; fonts (when not NULL) gets the fonts used. */
static GByteArray *render(PangoFontMap *map, GPtrArray *fonts)
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
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_surface_destroy(surface);
	return pdf;
}

static FT_Face face_of(PangoFont *font, const char **file)
{
	FcPattern *p = PANGO_FC_FONT(font)->font_pattern;
	FT_Face face = NULL;

	FcPatternGetString(p, FC_FILE, 0, (FcChar8 **)file);
	return FcPatternGetFTFace(p, FC_FT_FACE, 0, &face) == FcResultMatch ? face : NULL;
}

/* Mappings of font files (.ttc, .otf, .ttf) in this process. */
static int font_mappings(void)
{
	char *maps = NULL;
	int n = 0;

	if (!g_file_get_contents("/proc/self/maps", &maps, NULL, NULL))
		return -1;
	for (char *l = strtok(maps, "\n"); l; l = strtok(NULL, "\n"))
		n += strstr(l, ".ttc") || strstr(l, ".otf") || strstr(l, ".ttf");
	g_free(maps);
	return n;
}

int main(void)
{
	char *datadir = g_get_current_dir();
	PangoFontMap *own = cairo_own_map(datadir);
	GByteArray *by_cairo = render(own, NULL), *by_folio;
	GPtrArray *fonts = g_ptr_array_new_with_free_func(g_object_unref);
	struct fonts *f;
	bool all_faces = true, read_not_mapped = true;
	FT_Face sc = NULL, hk = NULL, sans9 = NULL, sans16 = NULL;
	const char *sc_file = NULL, *hk_file = NULL;

	CHECK("fonts: (control) cairo's own faces map the font files", font_mappings() > 0);
	g_object_unref(own);
	cairo_debug_reset_static_data();	/* cairo closes the files it opened */
	f = fonts_new(datadir);
	by_folio = render(pango_context_get_font_map(fonts_context(f)), fonts);
	CHECK("fonts: a PDF was written", by_cairo->len > 1000);
	CHECK("fonts: the same PDF bytes whether cairo opens the font files or folio does",
	      by_cairo->len == by_folio->len && !memcmp(by_cairo->data, by_folio->data, by_cairo->len));
	for (guint i = 0; i < fonts->len; i++) {
		PangoFont *font = g_ptr_array_index(fonts, i);
		PangoFontDescription *d = pango_font_describe(font);
		const char *family = pango_font_description_get_family(d), *file = NULL;
		FT_Face face = face_of(font, &file);
		double size = pango_font_description_get_size(d) / (double)PANGO_SCALE;

		all_faces = all_faces && face;
		/* FreeType's own file streams map the file and have no read function */
		read_not_mapped = read_not_mapped && face && face->stream->read;
		if (face && !strcmp(family, "Noto Serif CJK SC"))
			sc = face, sc_file = file;
		if (face && !strcmp(family, "Noto Serif CJK HK"))
			hk = face, hk_file = file;
		if (face && !strcmp(family, "Noto Sans CJK SC"))
			*(size < 12 ? &sans9 : &sans16) = face;
		pango_font_description_free(d);
	}
	CHECK("fonts: every font Pango made names the face folio opened", fonts->len >= 6 && all_faces);
	CHECK("fonts: faces read the file, they do not map it", read_not_mapped);
	CHECK("fonts: SC and HK are two faces of one collection file", sc && hk && sc != hk && sc_file && hk_file
	      && !strcmp(sc_file, hk_file) && g_str_has_suffix(sc_file, ".ttc"));
	CHECK("fonts: ... read through one open file", sc && hk && sc->stream->descriptor.pointer == hk->stream->descriptor.pointer);
	CHECK("fonts: one face for every size of a font", sans9 && sans9 == sans16);
	g_ptr_array_free(fonts, TRUE);
	fonts_free(f);
	CHECK("fonts: no font file is mapped once the font map is gone (cairo still holds the faces)", font_mappings() == 0);
	g_byte_array_free(by_cairo, TRUE);
	g_byte_array_free(by_folio, TRUE);
	g_free(datadir);
	CHECK_DONE();
}
