/* fonts.c - font map and context for the PDF: folio's fontconfig file, 72 dpi, no hinting. */
#include "format/fonts.h"

#include <stdbool.h>
#include <string.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "base/diag.h"
#include "base/langtag.h"

struct fonts {
	PangoFontMap *map;
	PangoContext *ctx;
};

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
	return f;
}

static struct fonts *make_fonts(const char *datadir, bool quiet)
{
	char *path = g_build_filename(datadir ? datadir : ".", "fonts", "fonts.conf", NULL);
	FcConfig *cfg = load_config(path, quiet);
	struct fonts *f = map_on(cfg);

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
	/* The same fontconfig set-up, read once. */
	return map_on(pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(like->map)));
}

void fonts_free(struct fonts *f)
{
	if (!f)
		return;
	g_object_unref(f->ctx);
	g_object_unref(f->map);
	g_free(f);
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
