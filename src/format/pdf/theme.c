/* theme.c - reads the print theme (YAML) over compiled defaults and applies the print options. */
#include "format/pdf/theme.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/diag.h"
#include "base/paths.h"
#include "base/yamlfile.h"
#include "base/units.h"
#include "base/langtag.h"

enum kind { T_PT, T_EM, T_NUM, T_STR, T_COLOR, T_BOOL, T_PAGE, T_ALIGN, T_PUNCT, T_COUNT, T_GRID, T_STANDARDS, T_MARKS };

struct key {
	const char *section, *name;
	enum kind kind;
	size_t off;
};

#define F(field) offsetof(struct theme, field)

static const struct key keys[] = {
	{ "page", "size", T_PAGE, F(page_w) },
	{ "page", "margin", T_PT, 0 },	/* all four */
	{ "page", "margin-top", T_PT, F(margin_top) },
	{ "page", "margin-bottom", T_PT, F(margin_bottom) },
	{ "page", "margin-inner", T_PT, F(margin_inner) },
	{ "page", "margin-outer", T_PT, F(margin_outer) },
	{ "page", "two-sided", T_BOOL, F(two_sided) },
	{ "page", "chars-per-line", T_COUNT, F(chars_per_line) },
	{ "page", "lines-per-page", T_COUNT, F(lines_per_page) },
	{ "grid", "enabled", T_GRID, F(grid) },
	{ "grid", "title-lines", T_COUNT, F(title_lines) },
	{ "grid", "heading-lines", T_COUNT, F(heading_lines) },
	{ "fonts", "body", T_STR, F(font[FONT_BODY]) },
	{ "fonts", "body-latin", T_STR, F(font[FONT_BODY_LATIN]) },
	{ "fonts", "heading", T_STR, F(font[FONT_HEADING]) },
	{ "fonts", "heading-latin", T_STR, F(font[FONT_HEADING_LATIN]) },
	{ "fonts", "emphasis", T_STR, F(font[FONT_EMPHASIS]) },
	{ "fonts", "strong", T_STR, F(font[FONT_STRONG]) },
	{ "fonts", "code", T_STR, F(font[FONT_CODE]) },
	{ "fonts", "kai", T_STR, F(font[FONT_KAI]) },
	{ "text", "size", T_PT, F(size) },
	{ "text", "line-height", T_NUM, F(line_height) },
	{ "text", "indent", T_EM, F(indent) },
	{ "text", "indent-latin", T_EM, F(indent_latin) },
	{ "text", "paragraph-space", T_EM, F(paragraph_space) },
	{ "text", "block-space", T_EM, F(block_space) },
	{ "text", "align", T_ALIGN, F(align) },
	{ "headings", "h1", T_PT, F(heading_size[0]) },
	{ "headings", "h2", T_PT, F(heading_size[1]) },
	{ "headings", "h3", T_PT, F(heading_size[2]) },
	{ "headings", "h4", T_PT, F(heading_size[3]) },
	{ "headings", "h5", T_PT, F(heading_size[4]) },
	{ "headings", "h6", T_PT, F(heading_size[5]) },
	{ "headings", "space-before", T_EM, F(heading_space_before) },
	{ "headings", "space-after", T_EM, F(heading_space_after) },
	{ "sizes", "book-title", T_PT, F(book_title_size) },
	{ "sizes", "title", T_PT, F(title_size) },
	{ "sizes", "subtitle", T_PT, F(subtitle_size) },
	{ "sizes", "meta", T_PT, F(meta_size) },
	{ "sizes", "code", T_PT, F(code_size) },
	{ "sizes", "small", T_PT, F(small_size) },
	{ "sizes", "contents", T_PT, F(toc_size) },
	{ "sizes", "header", T_PT, F(header_size) },
	{ "colors", "text", T_COLOR, F(color_text) },
	{ "colors", "muted", T_COLOR, F(color_muted) },
	{ "colors", "link", T_COLOR, F(color_link) },
	{ "colors", "rule", T_COLOR, F(color_rule) },
	{ "colors", "heading", T_COLOR, F(color_heading) },
	{ "colors", "code-background", T_COLOR, F(color_code_bg) },
	{ "colors", "quote", T_COLOR, F(color_quote) },
	{ "running", "left", T_STR, F(header_left) },
	{ "running", "right", T_STR, F(header_right) },
	{ "running", "footer", T_STR, F(footer) },
	{ "cjk", "punctuation", T_PUNCT, F(punct) },
	{ "cjk", "latin-space", T_EM, F(cjk_latin_space) },
	{ "labels", "contents", T_STR, F(contents_title) },
	{ "labels", "notes", T_STR, F(notes_title) },
	{ "pdf", "tagged", T_BOOL, F(tagged) },
	{ "pdf", "standard", T_STANDARDS, F(standards) },
	{ "pdf", "bleed", T_PT, F(bleed) },
	{ "pdf", "marks", T_MARKS, F(marks) },
	{ "pdf", "output-profile", T_STR, F(output_profile) },
	{ "pdf", "output-condition", T_STR, F(output_condition) },
};

static void set_str(char **slot, const char *v)
{
	g_free(*slot);
	*slot = g_strdup(v);
}

static void theme_defaults(struct theme *t)
{
	static const double heading[6] = { 17, 14, 12, 11, 10.5, 10.5 };

	t->page_w = units_mm(148);
	t->page_h = units_mm(210);
	t->margin_top = units_mm(20);
	t->margin_bottom = units_mm(20);
	t->margin_inner = units_mm(18);
	t->margin_outer = units_mm(16);
	set_str(&t->font[FONT_BODY], "Noto Serif CJK {cjk}, Noto Serif, Symbola, HanaMinA, HanaMinB");
	set_str(&t->font[FONT_BODY_LATIN], "Noto Serif, Noto Serif CJK {cjk}, Symbola, HanaMinA, HanaMinB");
	set_str(&t->font[FONT_HEADING], "Noto Sans CJK {cjk}, Noto Sans, Symbola, HanaMinA, HanaMinB");
	set_str(&t->font[FONT_HEADING_LATIN], "Noto Sans, Noto Sans CJK {cjk}, Symbola, HanaMinA, HanaMinB");
	set_str(&t->font[FONT_EMPHASIS], "Noto Sans CJK {cjk}, Noto Sans, Symbola, HanaMinA, HanaMinB");
	set_str(&t->font[FONT_STRONG], "Noto Sans CJK {cjk}, Noto Sans, Symbola, HanaMinA, HanaMinB");
	set_str(&t->font[FONT_CODE],
		"Noto Sans Mono CJK {cjk}, Noto Mono, DejaVu Sans Mono, Symbola, HanaMinA, HanaMinB");
	set_str(&t->font[FONT_KAI], "Kai {cjk}, Noto Serif CJK {cjk}, Noto Serif, Symbola, HanaMinA, HanaMinB");
	t->size = 10.5;
	t->line_height = 1.75;
	t->indent = 2;
	t->indent_latin = 1.5;
	t->paragraph_space = 0;
	t->block_space = 0.8;
	memcpy(t->heading_size, heading, sizeof heading);
	t->heading_space_before = 1.2;
	t->heading_space_after = 0.5;
	t->book_title_size = 26;
	t->title_size = 18;
	t->subtitle_size = 13;
	t->meta_size = 8.5;
	t->code_size = 8.5;
	t->small_size = 8.5;
	t->toc_size = 10.5;
	t->header_size = 8;
	t->color_text = 0x1a1a1a;
	t->color_muted = 0x666666;
	t->color_link = 0x1a4f8b;
	t->color_rule = 0x999999;
	t->color_heading = 0x111111;
	t->color_code_bg = 0xf2f2f2;
	t->color_quote = 0x333333;
	set_str(&t->header_left, "{book}");
	set_str(&t->header_right, "{article}");
	set_str(&t->footer, "{page}");
	t->grid = GRID_AUTO;
	t->title_lines = 3;
	t->heading_lines = 2;
	t->align = PARA_JUSTIFY;
	t->punct = PUNCT_COMPRESS_ADJACENT;
	t->cjk_latin_space = 0.25;
	set_str(&t->contents_title, "");
	set_str(&t->notes_title, "");
	t->tagged = true;
	/* sRGB (icc-profiles-free): what folio draws in; a press may name its own profile. */
	set_str(&t->output_profile, DEFAULT_OUTPUT_PROFILE);
	set_str(&t->output_condition, "sRGB IEC61966-2.1");
}

void theme_free(struct theme *t)
{
	if (!t)
		return;
	for (int i = 0; i < FONT_N; i++)
		g_free(t->font[i]);
	g_free(t->header_left);
	g_free(t->header_right);
	g_free(t->footer);
	g_free(t->contents_title);
	g_free(t->notes_title);
	g_free(t->file);
	g_free(t->output_profile);
	g_free(t->output_condition);
	g_free(t);
}

static bool parse_color(const char *s, guint32 *out)
{
	char *end;
	unsigned long v;

	if (s[0] != '#' || strlen(s) != 7)
		return false;
	v = strtoul(s + 1, &end, 16);
	if (*end)
		return false;
	*out = (guint32)v;
	return true;
}

/* Past these a value is a typo, and sizes overflow what Pango and para count in (ints of 1/1024 pt). */
#define LENGTH_MAX_PT (72.0 * 60)	/* the largest page side */
#define EM_MAX 100.0

/* Store one value; false when it is malformed (the caller reports). */
static bool set_value(struct theme *t, const struct key *k, const char *v, const char **want)
{
	void *slot = (char *)t + k->off;
	double d;
	char *end;

	switch (k->kind) {
	case T_PT:
		*want = "a length such as 10.5pt or 18mm, at most 60in";
		if (!units_parse_length(v, &d) || d > LENGTH_MAX_PT)
			return false;
		if (!strcmp(k->name, "margin")) {
			t->margin_top = t->margin_bottom = t->margin_inner = t->margin_outer = d;
			return true;
		}
		*(double *)slot = d;
		return true;
	case T_EM:
		*want = "a number of em such as 2em, at most 100em";
		d = g_ascii_strtod(v, &end);
		if (end == v || !isfinite(d) || d < 0 || d > EM_MAX || (*end && g_ascii_strcasecmp(end, "em")))
			return false;
		*(double *)slot = d;
		return true;
	case T_NUM:
		*want = "a number such as 1.75, at most 10";
		d = g_ascii_strtod(v, &end);
		if (end == v || *end || !isfinite(d) || d <= 0 || d > 10)
			return false;
		*(double *)slot = d;
		return true;
	case T_COUNT:
		*want = "a whole number from 0 to 500 (0: from the margins)";
		d = g_ascii_strtod(v, &end);
		if (end == v || *end || !isfinite(d) || d < 0 || d > 500 || d != floor(d))
			return false;
		*(int *)slot = (int)d;
		return true;
	case T_GRID:
		*want = "auto, true or false";
		if (!g_ascii_strcasecmp(v, "auto"))
			t->grid = GRID_AUTO;
		else if (yamlfile_is_bool(v))
			t->grid = yamlfile_is_true(v) ? GRID_ON : GRID_OFF;
		else
			return false;
		return true;
	case T_STR:
		set_str(slot, v);
		return true;
	case T_COLOR:
		*want = "a colour such as #1a1a1a";
		return parse_color(v, slot);
	case T_BOOL:
		*want = "true or false";
		if (!yamlfile_is_bool(v))
			return false;
		*(bool *)slot = yamlfile_is_true(v);
		return true;
	case T_PAGE:
		*want = UNITS_PAGE_SIZES;
		return units_parse_page_size(v, &t->page_w, &t->page_h);
	case T_ALIGN:
		*want = "justify or left";
		if (!strcmp(v, "justify"))
			t->align = PARA_JUSTIFY;
		else if (!strcmp(v, "left"))
			t->align = PARA_LEFT;
		else
			return false;
		return true;
	case T_STANDARDS:
		*want = "ua-1, x-4, both (ua-1, x-4) or none";
		return options_parse_set(STANDARD_NAMES, v, slot);
	case T_MARKS:
		*want = "crop, cross, both (crop, cross) or none";
		return options_parse_set(MARKS_NAMES, v, slot);
	case T_PUNCT:
		*want = "full, compress-adjacent or compress-edges";
		if (!strcmp(v, "full"))
			t->punct = PUNCT_FULL;
		else if (!strcmp(v, "compress-adjacent"))
			t->punct = PUNCT_COMPRESS_ADJACENT;
		else if (!strcmp(v, "compress-edges"))
			t->punct = PUNCT_COMPRESS_EDGES;
		else
			return false;
		return true;
	}
	return false;
}

static const struct key *find_key(const char *section, const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(keys); i++)
		if (!strcmp(keys[i].section, section) && !strcmp(keys[i].name, name))
			return &keys[i];
	return NULL;
}

/*
 * pdf.output-profile, read from the theme's folder when relative. A theme that came with the
 * articles (named by a SOURCE folder's folio.yaml: confined) names only files in its folder: one
 * named /proc/self/environ or a private profile outside was read into the PDF. A FIFO or a device
 * (/dev/zero: 2 GB read) is refused whoever names it.
 */
static bool profile_path(struct theme *t, const char *file, int line, bool confined)
{
	char *dir = g_path_get_dirname(file), *full;
	const char *value = t->output_profile;
	bool ok = true;

	if (confined && !paths_within(dir, value)) {
		diag_warn(file, line, "'pdf.output-profile: %s' leads outside this theme's folder; the default profile is "
			  "used (a theme that comes with the articles reads only inside its folder)", value);
		set_str(&t->output_profile, DEFAULT_OUTPUT_PROFILE);
		g_free(dir);
		return true;
	}
	full = g_path_is_absolute(value) ? g_strdup(value) : g_build_filename(dir, value, NULL);
	if (g_file_test(full, G_FILE_TEST_EXISTS) && !g_file_test(full, G_FILE_TEST_IS_REGULAR)) {
		diag_error(file, line, "'pdf.output-profile: %s' is not a regular file", value);
		ok = false;
	}
	set_str(&t->output_profile, full);
	g_free(full);
	g_free(dir);
	return ok;
}

static bool load_section(struct theme *t, yaml_document_t *doc, const char *file, const char *section,
			 yaml_node_t *map, bool confined)
{
	bool ok = true;

	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *v = yaml_document_get_node(doc, p->value);
		const struct key *key;
		const char *want = "", *name;

		if (k->type != YAML_SCALAR_NODE) {
			diag_warn(file, yamlfile_line(k), "theme key is not text; ignored");
			continue;
		}
		name = (const char *)k->data.scalar.value;
		key = find_key(section, name);
		if (!key) {
			diag_warn(file, yamlfile_line(k), "unknown theme setting '%s.%s'; ignored", section, name);
			continue;
		}
		if (v->type != YAML_SCALAR_NODE) {
			diag_error(file, yamlfile_line(v), "'%s.%s' should be a single value", section, name);
			ok = false;
			continue;
		}
		if (!set_value(t, key, (const char *)v->data.scalar.value, &want)) {
			diag_error(file, yamlfile_line(v), "'%s.%s' should be %s, not '%s'", section, name, want,
				   (const char *)v->data.scalar.value);
			ok = false;
		} else if (key->off == F(output_profile) && *t->output_profile
			   && !profile_path(t, file, yamlfile_line(v), confined)) {
			ok = false;
		}
	}
	return ok;
}

static bool load_file(struct theme *t, const char *path, bool confined)
{
	yaml_document_t doc;
	yaml_node_t *root;
	bool ok = true;

	if (!yamlfile_load(path, "the theme", &doc))
		return false;
	root = yaml_document_get_root_node(&doc);
	if (root && root->type == YAML_MAPPING_NODE) {
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(&doc, p->key);
			yaml_node_t *v = yaml_document_get_node(&doc, p->value);

			if (k->type != YAML_SCALAR_NODE || v->type != YAML_MAPPING_NODE) {
				diag_error(path, yamlfile_line(k), "a theme section should be a name and a mapping of settings");
				ok = false;
				continue;
			}
			if (!load_section(t, &doc, path, (const char *)k->data.scalar.value, v, confined))
				ok = false;
		}
	} else if (root) {
		diag_error(path, 1, "a theme should be a mapping of sections (page:, fonts:, text: ...)");
		ok = false;
	}
	yaml_document_delete(&doc);
	return ok;
}

static bool check_geometry(const struct theme *t, const char *file)
{
	if (t->page_w - t->margin_inner - t->margin_outer < 72
	    || t->page_h - t->margin_top - t->margin_bottom < 72) {
		diag_error(file, 0, "the margins (top %.0f, bottom %.0f, inner %.0f, outer %.0fpt) leave less than an inch "
			   "for the text on a page of %.0fx%.0fpt", t->margin_top, t->margin_bottom, t->margin_inner,
			   t->margin_outer, t->page_w, t->page_h);
		return false;
	}
	if (t->size < 4 || t->size > 72) {
		diag_error(file, 0, "text size %.1fpt is out of range (4 to 72pt)", t->size);
		return false;
	}
	return true;
}

struct theme *theme_load(const char *path, const char *datadir, bool confined)
{
	struct theme *t = g_new0(struct theme, 1);
	char *deflt = NULL;
	bool ok = true;

	theme_defaults(t);
	if (!path && datadir) {
		deflt = g_build_filename(datadir, "templates", "theme.yaml", NULL);
		if (g_file_test(deflt, G_FILE_TEST_IS_REGULAR))
			path = deflt;
	}
	if (path) {
		ok = load_file(t, path, confined);
		t->file = g_strdup(path);
	}
	if (ok)
		ok = check_geometry(t, path);
	g_free(deflt);
	if (!ok) {
		theme_free(t);
		return NULL;
	}
	return t;
}

double theme_pitch(const struct theme *t)
{
	return round(t->size * t->line_height * 10) / 10;
}

bool theme_grid_on(const struct theme *t, const char *lang)
{
	return t->grid == GRID_ON || (t->grid == GRID_AUTO && langtag_is_cjk(lang));
}

/* Share spare (points) between two margins in the ratio the theme gave them (equally when both are 0). */
static void share(double spare, double *a, double *b)
{
	double sum = *a + *b, ra = sum > 0 ? *a / sum : 0.5;

	*a = spare * ra;
	*b = spare - *a;
}

/*
 * The type area (版心) in whole characters and lines. CLREQ: the measure holds a whole number of
 * characters of the body size, so a line of Chinese fills it without stretching. Given a count
 * (chars-per-line, lines-per-page), the area is exactly that big and the margins share what is
 * left in the theme's proportions; else as many as the margins allow, and what is left over
 * widens both side margins alike (the layout rounds the height down to whole lines itself).
 */
static bool theme_type_area(struct theme *t)
{
	double w = t->page_w - t->margin_inner - t->margin_outer;

	if (t->chars_per_line > 0) {
		w = t->chars_per_line * t->size;
		if (w > t->page_w - 36) {
			diag_error(t->file, 0, "page.chars-per-line: %d characters of %.1fpt do not fit a page %.0fpt wide",
				   t->chars_per_line, t->size, t->page_w);
			return false;
		}
		share(t->page_w - w, &t->margin_inner, &t->margin_outer);
	} else {
		double chars = floor(w / t->size + 1e-6);

		if (chars >= 1) {
			t->margin_inner += (w - chars * t->size) / 2;
			t->margin_outer += (w - chars * t->size) / 2;
		}
	}
	if (t->lines_per_page > 0) {
		double h = t->lines_per_page * theme_pitch(t);

		if (h > t->page_h - 36) {
			diag_error(t->file, 0, "page.lines-per-page: %d lines of %.1fpt do not fit a page %.0fpt high",
				   t->lines_per_page, theme_pitch(t), t->page_h);
			return false;
		}
		share(t->page_h - h, &t->margin_top, &t->margin_bottom);
	}
	return true;
}

bool theme_apply_options(struct theme *t, const struct options *o, bool *usage)
{
	*usage = false;
	if (o->page_size) {
		t->page_w = o->page_w;
		t->page_h = o->page_h;
	}
	if (o->margin)
		t->margin_top = t->margin_bottom = t->margin_inner = t->margin_outer = o->margin_pt;
	if (o->two_sided)
		t->two_sided = true;
	t->show_grid = o->show_grid;
	if (o->bleed)
		t->bleed = o->bleed_pt;
	if (o->marks)
		t->marks = o->marks_set;
	if (o->pdf_standard)
		t->standards = o->standards;
	if (o->untagged)
		t->tagged = false;
	if (!check_geometry(t, NULL)) {
		/* The theme alone passed it (theme_load): --page-size or --margin made the page too small. */
		*usage = true;
		return false;
	}
	if ((t->standards & STANDARD_UA1) && !t->tagged) {
		diag_error(NULL, 0, "PDF/UA-1 (pdf.standard: ua-1) needs a tagged PDF, and the theme says tagged: false");
		return false;
	}
	if (t->bleed > units_mm(UNITS_BLEED_MAX_MM)) {
		diag_error(NULL, 0, "a bleed of %.1fmm is more than a press asks for (at most %dmm)", t->bleed * 25.4 / 72,
			   UNITS_BLEED_MAX_MM);
		return false;
	}
	return theme_type_area(t);
}
