/* test_theme.c - print theme values: lengths, page sizes, the shipped theme, CJK font regions. */
#include <sys/stat.h>

#include "check.h"
#include "base/diag.h"
#include "format/fonts.h"
#include "format/pdf/theme.h"
#include "base/units.h"
#include "base/options.h"

#include <glib/gstdio.h>
#include <math.h>

static bool near(double a, double b)
{
	return fabs(a - b) < 0.01;
}

int main(void)
{
	double v, w, h;
	struct theme *t;
	char *s;

	diag_set_quiet(true);
	CHECK("length: points", units_parse_length("50pt", &v) && near(v, 50));
	CHECK("length: bare number is points", units_parse_length("40", &v) && near(v, 40));
	CHECK("length: millimetres", units_parse_length("18mm", &v) && near(v, 51.02));
	CHECK("length: centimetres", units_parse_length("2cm", &v) && near(v, 56.69));
	CHECK("length: inches", units_parse_length("0.5in", &v) && near(v, 36));
	/* A number that overflows once in points (found by fuzz_text): no length, v untouched. */
	v = 7;
	CHECK("length: 1e308mm is none", !units_parse_length("1e308mm", &v) && v == 7);
	CHECK("length: 1e307in is none", !units_parse_length("1e307in", &v) && v == 7);
	CHECK("length: unknown unit refused", !units_parse_length("3 furlongs", &v));
	CHECK("length: negative refused", !units_parse_length("-3mm", &v));
	CHECK("length: empty refused", !units_parse_length("", &v));
	CHECK("page: A5", units_parse_page_size("A5", &w, &h) && near(w, 419.53) && near(h, 595.28));
	CHECK("page: a4 any case", units_parse_page_size("a4", &w, &h) && near(w, 595.28) && near(h, 841.89));
	CHECK("page: B5-JIS", units_parse_page_size("B5-JIS", &w, &h) && near(w, 515.91));
	CHECK("page: Letter", units_parse_page_size("Letter", &w, &h) && near(w, 612) && near(h, 792));
	CHECK("page: 120x180mm", units_parse_page_size("120x180mm", &w, &h) && near(w, 340.16) && near(h, 510.24));
	CHECK("page: 5x7in", units_parse_page_size("5x7in", &w, &h) && near(w, 360) && near(h, 504));
	CHECK("page: unknown name refused", !units_parse_page_size("A9", &w, &h));
	CHECK("page: absurd size refused", !units_parse_page_size("1x1mm", &w, &h));
	CHECK("page: missing height refused", !units_parse_page_size("120x", &w, &h));

	/* The shipped theme file (tests run from the top folder) says what the compiled defaults say. */
	t = theme_load(NULL, ".", false);
	CHECK("theme: templates/theme.yaml loads", t != NULL);
	if (t) {
		CHECK("theme: A5 by default", near(t->page_w, 419.53));
		CHECK("theme: 2em Chinese indent", near(t->indent, 2));
		CHECK("theme: 10.5pt body", near(t->size, 10.5));
		CHECK_STR("theme: CJK font first for body text", t->font[FONT_BODY],
			  "Noto Serif CJK {cjk}, Noto Serif, Symbola, HanaMinA, HanaMinB");
		theme_free(t);
	}
	CHECK("theme: a missing file fails", theme_load("/nonexistent/theme.yaml", NULL, false) == NULL);
	/* Absurd sizes are refused (1e300pt overflowed Pango's sizes: criticals and undefined behaviour). */
	{
		static const char *const absurd[] = { "sizes:\n  title: 1e300pt\n", "headings:\n  h1: 5000pt\n",
						      "cjk:\n  latin-space: 1e300em\n", "text:\n  indent: 1000em\n" };
		char *dir = g_dir_make_tmp("folio-theme-XXXXXX", NULL), *path = g_build_filename(dir, "theme.yaml", NULL);
		int loaded = 0;

		for (size_t i = 0; i < G_N_ELEMENTS(absurd); i++) {
			g_file_set_contents(path, absurd[i], -1, NULL);
			if ((t = theme_load(path, NULL, false))) {
				loaded++;
				theme_free(t);
			}
		}
		g_file_set_contents(path, "sizes:\n  title: 4000pt\ncjk:\n  latin-space: 0.5em\n", -1, NULL);
		t = theme_load(path, NULL, false);
		CHECK("theme: absurd sizes refused, large ones kept", loaded == 0 && t && near(t->title_size, 4000));
		theme_free(t);
		g_unlink(path);
		g_rmdir(dir);
		g_free(path);
		g_free(dir);
	}

	/* The type area in characters and lines, the grid's switch and its pitch. */
	{
		char *dir = g_dir_make_tmp("folio-theme-XXXXXX", NULL), *path = g_build_filename(dir, "theme.yaml", NULL);
		struct options o = { 0 };
		bool usage;

		g_file_set_contents(path, "page:\n  size: A5\n  margin-inner: 20mm\n  margin-outer: 10mm\n"
				    "  chars-per-line: 30\n  lines-per-page: 25\ngrid:\n  enabled: false\n", -1, NULL);
		t = theme_load(path, NULL, false);
		CHECK("type area: chars-per-line and lines-per-page read", t && t->chars_per_line == 30
		      && t->lines_per_page == 25 && t->grid == GRID_OFF);
		if (t && theme_apply_options(t, &o, &usage)) {
			CHECK("type area: 30 characters of 10.5pt wide exactly", near(t->page_w - t->margin_inner - t->margin_outer, 315));
			CHECK("type area: the spare width shared 2:1 as the margins were",
			      near(t->margin_inner, 2 * t->margin_outer));
			CHECK("type area: 25 lines of 18.4pt tall exactly", near(t->page_h - t->margin_top - t->margin_bottom, 460));
			CHECK("grid: off when the theme says false, even for Chinese", !theme_grid_on(t, "zh-CN"));
		}
		theme_free(t);
		g_file_set_contents(path, "page:\n  chars-per-line: 45\n", -1, NULL);
		t = theme_load(path, NULL, false);
		CHECK("type area: 45 characters do not fit A5: refused", t && !theme_apply_options(t, &o, &usage));
		CHECK("type area: ... the theme's fault, not the options'", !usage);
		theme_free(t);
		g_file_set_contents(path, "page:\n  lines-per-page: 2.5\ngrid:\n  enabled: maybe\n", -1, NULL);
		CHECK("type area: a count must be whole, grid.enabled auto/true/false", theme_load(path, NULL, false) == NULL);
		t = theme_load(NULL, ".", false);
		CHECK("grid: auto: on for Chinese, Japanese and Korean books, off for English",
		      t && theme_grid_on(t, "zh-TW") && theme_grid_on(t, "ja") && !theme_grid_on(t, "en"));
		CHECK("grid: the pitch is size x line-height to a tenth of a point", t && near(theme_pitch(t), 18.4));
		theme_free(t);
		/*
		 * pdf.output-profile: from the theme's folder when relative; a theme that came with the
		 * articles names nothing outside its folder (a private file outside was read into the
		 * PDF); a FIFO is refused (it blocked the run for good).
		 */
		{
			char *fifo = g_build_filename(dir, "p.icc", NULL), *want = g_build_filename(dir, "mine.icc", NULL);

			g_file_set_contents(path, "pdf:\n  output-profile: mine.icc\n", -1, NULL);
			t = theme_load(path, NULL, true);
			CHECK_STR("output profile: relative to the theme's folder", t ? t->output_profile : NULL, want);
			theme_free(t);
			g_file_set_contents(path, "pdf:\n  output-profile: /usr/share/color/icc/private.icc\n", -1, NULL);
			t = theme_load(path, NULL, true);
			CHECK_STR("output profile: a theme with the articles names nothing outside its folder",
				  t ? t->output_profile : NULL, DEFAULT_OUTPUT_PROFILE);
			theme_free(t);
			t = theme_load(path, NULL, false);
			CHECK_STR("output profile: ... the user's own theme may", t ? t->output_profile : NULL,
				  "/usr/share/color/icc/private.icc");
			theme_free(t);
			g_file_set_contents(path, "pdf:\n  output-profile: p.icc\n", -1, NULL);
			CHECK("output profile: a FIFO is refused", mkfifo(fifo, 0600) == 0 && theme_load(path, NULL, false) == NULL);
			g_unlink(fifo);
			g_free(fifo);
			g_free(want);
		}
		g_unlink(path);
		g_rmdir(dir);
		g_free(path);
		g_free(dir);
	}

	CHECK_STR("region: zh-CN", fonts_cjk_region("zh-CN"), "SC");
	CHECK_STR("region: zh-TW", fonts_cjk_region("zh-TW"), "TC");
	CHECK_STR("region: zh-Hant", fonts_cjk_region("zh-Hant"), "TC");
	CHECK_STR("region: zh-HK", fonts_cjk_region("zh-HK"), "HK");
	CHECK_STR("region: zh-Hant-HK", fonts_cjk_region("zh-Hant-HK"), "HK");
	CHECK_STR("region: ja", fonts_cjk_region("ja"), "JP");
	CHECK_STR("region: en falls back to SC", fonts_cjk_region("en"), "SC");
	s = fonts_family_list("Noto Serif CJK {cjk}, Noto Serif", "TC");
	CHECK_STR("family list: {cjk} replaced", s, "Noto Serif CJK TC, Noto Serif");
	g_free(s);
	CHECK_DONE();
}
