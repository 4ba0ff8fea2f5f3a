/* test_cjk.c - Chinese typesetting after CLREQ, measured on laid-out paragraphs.
 *
 *   test_cjk                  measured checks over the tests/cjk/corpus files at measures of 8 to 30 em
 *                             (no prohibited line start or end, no split pair, no over-wide gap,
 *                             justified lines end on the right edge, nothing past the margin)
 *   test_cjk --trace FILE     the golden trace of the hand-made cases in FILE (tests/cjk.sh)
 *   test_cjk --corpus [--em N] [--size PT] [--punct full|adjacent|edges] [--space EM] [--pdf OUT]
 *            FILE.md...       the same figures for the paragraphs of real Markdown articles; --pdf
 *                             also draws them on A5 pages (40 pt margins) for pdfcheck
 *
 * Everything is read back from para's public lines and glyphs, the way a PDF reader sees them:
 * each glyph's box is its font advance from where it is drawn.
 */
#include "check.h"
#include "text/clreq.h"
#include "format/pdf/para.h"
#include "text/textnorm.h"

#include <cmark-gfm.h>
#include <math.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

#define EPS 0.01			/* points */

struct stats {
	long paras, lines;
	long bad_start, bad_end, split, wide, box_gap, overflow, short_lines, short_cjk, lonely;
	double worst_beyond_em;		/* the widest gap beyond its natural width, in em */
	const char *example;		/* set to the first offending line when asked */
};

/* One drawn glyph cluster of a line, as a reader of the page sees it. */
struct seen {
	gunichar c;
	int start, end;			/* bytes of para_text() */
	double x;			/* origin, points from the measure's left edge */
	double ink_x;			/* where its box starts (origin plus offset) */
	double adv;			/* natural advance from the font */
	double em;
	bool space;
};

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

/* The clusters of line l in drawing order, into out (cleared first). */
static void see_line(const struct para *p, const struct para_line *l, GArray *out)
{
	const char *text = para_text(p);

	g_array_set_size(out, 0);
	for (guint r = 0; r < l->runs->len; r++) {
		const struct para_run *run = g_ptr_array_index(l->runs, r);
		PangoGlyphString *gs = run->glyphs->glyphs;
		PangoFont *font = run->glyphs->item->analysis.font;
		double x = l->x + run->x;
		double em = pango_font_description_get_size(run->style->font) / (double)PANGO_SCALE;

		for (int g = 0; g < gs->num_glyphs; g++) {
			PangoRectangle logical;
			const char *c = text + run->glyphs->item->offset + gs->log_clusters[g];

			pango_font_get_glyph_extents(font, gs->glyphs[g].glyph, NULL, &logical);
			if (g > 0 && gs->log_clusters[g] == gs->log_clusters[g - 1]) {
				/* more glyphs of one cluster: one box */
				g_array_index(out, struct seen, out->len - 1).adv += logical.width / (double)PANGO_SCALE;
			} else {
				struct seen s = { .c = g_utf8_get_char(c), .x = x, .em = em };
				int next = g + 1 < gs->num_glyphs ? gs->log_clusters[g + 1] : run->glyphs->item->length;

				s.ink_x = x + gs->glyphs[g].geometry.x_offset / (double)PANGO_SCALE;
				s.adv = logical.width / (double)PANGO_SCALE;
				s.space = g_unichar_isspace(s.c) && s.c != 0x3000;
				s.start = run->glyphs->item->offset + gs->log_clusters[g];
				s.end = run->glyphs->item->offset + MAX(next, gs->log_clusters[g] + 1);
				g_array_append_val(out, s);
			}
			x += gs->glyphs[g].geometry.width / (double)PANGO_SCALE;
		}
	}
}

static const struct seen *first_visible(GArray *a)
{
	for (guint i = 0; i < a->len; i++)
		if (!g_array_index(a, struct seen, i).space)
			return &g_array_index(a, struct seen, i);
	return NULL;
}

static const struct seen *last_visible(GArray *a)
{
	for (guint i = a->len; i > 0; i--)
		if (!g_array_index(a, struct seen, i - 1).space)
			return &g_array_index(a, struct seen, i - 1);
	return NULL;
}

static bool halfwidth_stop(gunichar c)
{
	return c < 0x80 && strchr(",.;:?!", (int)c);
}

/* Characters of one inseparable kind at the end of a line: odd means a pair was split. */
static int trailing_run(GArray *a, gunichar kind)
{
	int n = 0;

	for (guint i = a->len; i > 0; i--) {
		const struct seen *s = &g_array_index(a, struct seen, i - 1);

		if (s->space && n == 0)
			continue;
		if (!clreq_inseparable(kind, s->c))
			break;
		n++;
	}
	return n;
}

/* Is the last line one character, or one character and its closing punctuation? */
static bool lonely(GArray *a)
{
	int chars = 0;

	for (guint i = 0; i < a->len; i++) {
		const struct seen *s = &g_array_index(a, struct seen, i);

		if (s->space)
			continue;
		if (chars == 0 && clreq_is_cjk(s->c) && !clreq_no_line_start(s->c) && !clreq_no_line_end(s->c))
			chars = 1;
		else if (chars == 1 && clreq_no_line_start(s->c))
			continue;
		else
			return false;
	}
	return chars == 1;
}

static void note(struct stats *st, bool want_example, const struct para *p, const struct para_line *l,
		 const char *what)
{
	if (want_example && !st->example)
		st->example = g_strdup_printf("%s: %.*s", what, l->end - l->start, para_text(p) + l->start);
}

/* Measure a laid-out paragraph set on measure points, adding to st. */
static void measure(const struct para *p, const struct para_settings *set, struct stats *st, bool examples)
{
	GArray *cur = g_array_new(FALSE, FALSE, sizeof(struct seen));
	GArray *next = g_array_new(FALSE, FALSE, sizeof(struct seen));
	int n = para_n_lines(p);

	st->paras++;
	st->lines += n;
	if (n > 0)
		see_line(p, para_line(p, 0), cur);
	for (int i = 0; i < n; i++) {
		const struct para_line *l = para_line(p, i);
		const struct seen *lastv = last_visible(cur), *prev = NULL;
		bool has_cjk = false;
		double right = l->x + l->width;

		if (i + 1 < n)
			see_line(p, para_line(p, i + 1), next);
		/* Line end, and the next line's start, when the line was wrapped (not ended). */
		if (!l->last && i + 1 < n && lastv) {
			const struct seen *f = first_visible(next);

			if (clreq_no_line_end(lastv->c)) {
				st->bad_end++;
				note(st, examples, p, l, "kinsoku_end");
			}
			if (f && ((clreq_no_line_start(f->c) && !halfwidth_stop(f->c))
				  || (halfwidth_stop(f->c) && clreq_is_cjk(lastv->c)))) {
				st->bad_start++;
				note(st, examples, p, para_line(p, i + 1), "kinsoku_start");
			}
			if (f && clreq_inseparable(lastv->c, f->c) && trailing_run(cur, lastv->c) % 2 == 1) {
				st->split++;
				note(st, examples, p, l, "split");
			}
		}
		/* Gaps between neighbouring characters. */
		for (guint k = 0; k < cur->len; k++) {
			const struct seen *s = &g_array_index(cur, struct seen, k);
			double natural_between = 0;

			if (s->space)
				continue;
			if (clreq_is_cjk(s->c))
				has_cjk = true;
			/* The edges style sets marks half width at the line ends by design: their em boxes
			 * stick out half an em (the ink does not). */
			double out = set->punct == PUNCT_COMPRESS_EDGES ? s->em / 2 + EPS : EPS;

			if (s->ink_x < -out || s->ink_x + s->adv > set->width + out) {
				st->overflow++;
				note(st, examples, p, l, "overflow");
			}
			if (prev) {
				for (guint m = (guint)(prev - (const struct seen *)cur->data) + 1; m < k; m++)
					natural_between += g_array_index(cur, struct seen, m).adv;
				if (set->cjk_latin_space > 0 && clreq_autospace(prev->c, s->c))
					natural_between = set->cjk_latin_space * s->em;
				{
					double beyond = (s->x - prev->x - prev->adv - natural_between) / s->em;

					if (beyond > st->worst_beyond_em)
						st->worst_beyond_em = beyond;
					if (beyond > 0.5 + EPS / s->em) {
						st->wide++;
						note(st, examples, p, l, "wide");
					}
				}
			}
			prev = s;
		}
		/* pdfcheck's view: on a wrapped line with Chinese, no box gap over 1 em. */
		if (has_cjk && !l->last) {
			const struct seen *a = NULL;

			for (guint k = 0; k < cur->len; k++) {
				const struct seen *s = &g_array_index(cur, struct seen, k);

				if (s->space)
					continue;
				if (a && s->ink_x - (a->ink_x + a->adv) > s->em + EPS) {
					st->box_gap++;
					note(st, examples, p, l, "box_gap");
					break;
				}
				a = s;
			}
		}
		if (right > set->width + EPS) {
			st->overflow++;
			note(st, examples, p, l, "overflow");
		}
		if (set->align == PARA_JUSTIFY && !l->last && fabs(right - set->width) > EPS) {
			st->short_lines++;
			if (has_cjk) {
				st->short_cjk++;
				note(st, examples, p, l, "short");
			}
		}
		if (i == n - 1 && n > 1 && lonely(cur)) {
			st->lonely++;
			note(st, examples, p, l, "lonely");
		}
		{
			GArray *t = cur;

			cur = next;
			next = t;
		}
	}
	g_array_free(cur, TRUE);
	g_array_free(next, TRUE);
}

static void print_stats(const char *label, const struct stats *st)
{
	printf("%s: paragraphs=%ld lines=%ld kinsoku_start=%ld kinsoku_end=%ld split_pairs=%ld "
	       "wide_gaps=%ld box_gaps_over_1em=%ld overflow=%ld short_justified=%ld (with_cjk=%ld) lonely=%ld "
	       "widest_beyond=%.2fem\n", label, st->paras, st->lines, st->bad_start, st->bad_end, st->split,
	       st->wide, st->box_gap, st->overflow, st->short_lines, st->short_cjk, st->lonely, st->worst_beyond_em);
}

/* ---- measured checks over the fixture paragraphs (no arguments) ---- */

struct fixture {
	const char *path, *lang, *family;
	char **paras;
};

/* Lay out every fixture paragraph with settings set (width in em of size), adding to st; counts
 * lines whose text does not join up into *lost. */
static void run_fixtures(PangoContext *ctx, struct fixture *fx, int n_fx, struct para_settings set,
			 double size, struct stats *st, int *lost)
{
	set.width *= size;
	set.indent *= size;
	set.line_height = 1.7 * size;
	for (int f = 0; f < n_fx; f++) {
		char *fd = g_strdup_printf("%s %.1f", fx[f].family, size);
		struct para_style body = { .font = pango_font_description_from_string(fd) };

		set.lang = pango_language_from_string(fx[f].lang);
		for (char **t = fx[f].paras; *t; t++) {
			struct para *p;
			int end = 0;

			if (!**t || **t == '#')
				continue;
			p = para_new(ctx, &set);
			para_add(p, *t, -1, &body);
			para_layout(p);
			for (int i = 0; i < para_n_lines(p); i++) {
				if (para_line(p, i)->start != end)
					(*lost)++;
				end = para_line(p, i)->end;
			}
			if (end != (int)strlen(*t))
				(*lost)++;
			measure(p, &set, st, false);
			para_free(p);
		}
		pango_font_description_free(body.font);
		g_free(fd);
	}
}

static int fixture_checks(PangoContext *ctx)
{
	struct fixture fx[] = {
		{ "tests/cjk/corpus/zh-CN.txt", "zh-cn", "Noto Serif CJK SC", NULL },
		{ "tests/cjk/corpus/zh-HK.txt", "zh-hk", "Noto Serif CJK HK", NULL },
		{ "tests/cjk/corpus/zh-TW.txt", "zh-tw", "Noto Serif CJK TC", NULL },
	};
	static const struct { enum punct_width punct; double space; const char *name; } styles[] = {
		{ PUNCT_COMPRESS_ADJACENT, 0.25, "adjacent, quarter-em space" },
		{ PUNCT_FULL, 0.25, "full width" },
		{ PUNCT_COMPRESS_EDGES, 0.25, "edges" },
		{ PUNCT_COMPRESS_ADJACENT, 0, "no CJK-Latin space" },
	};
	int n_fx = (int)G_N_ELEMENTS(fx);

	for (int f = 0; f < n_fx; f++) {
		char *data = NULL;

		if (!g_file_get_contents(fx[f].path, &data, NULL, NULL)) {
			printf("FAIL cjk: cannot read %s\n", fx[f].path);
			return 1;
		}
		fx[f].paras = g_strsplit(data, "\n", -1);
		g_free(data);
	}
	for (size_t k = 0; k < G_N_ELEMENTS(styles); k++) {
		struct stats all = { 0 }, wide_measures = { 0 };
		int lost = 0;
		char name[160];

		for (int em = 8; em <= 30; em += k == 0 ? 1 : 4) {
			struct para_settings set = { .width = em, .indent = 2, .align = PARA_JUSTIFY,
						     .punct = styles[k].punct, .cjk_latin_space = styles[k].space };
			struct stats st = { 0 };

			run_fixtures(ctx, fx, n_fx, set, 10.5, &st, &lost);
			all.paras += st.paras;
			all.lines += st.lines;
			all.bad_start += st.bad_start;
			all.bad_end += st.bad_end;
			all.split += st.split;
			all.wide += st.wide;
			all.box_gap += st.box_gap;
			all.overflow += st.overflow;
			all.short_cjk += st.short_cjk;
			all.lonely += st.lonely;
			if (em >= 20) {
				wide_measures.short_cjk += st.short_cjk;
				wide_measures.lonely += st.lonely;
			}
		}
		printf("cjk (%s): %ld paragraphs, %ld lines at 8-30 em; %ld lonely, %ld short (ragged) lines\n",
		       styles[k].name, all.paras, all.lines, all.lonely, all.short_cjk);
#define CHECK_STYLE(what, cond) do { \
		snprintf(name, sizeof(name), "cjk (%s): %s", styles[k].name, what); \
		CHECK(name, cond); \
	} while (0)
		CHECK_STYLE("every character set once, in order", lost == 0 && all.lines > all.paras);
		CHECK_STYLE("no line starts with a closing mark, stop or pause", all.bad_start == 0);
		CHECK_STYLE("no line ends with an opening mark", all.bad_end == 0);
		CHECK_STYLE("—— and …… never split", all.split == 0);
		CHECK_STYLE("no gap more than half an em wider than designed", all.wide == 0);
		CHECK_STYLE("no gap over 1 em on a wrapped Chinese line (pdfcheck)", all.box_gap == 0);
		CHECK_STYLE(styles[k].punct == PUNCT_COMPRESS_EDGES ? "no glyph box over half an em past the margin"
			    : "no glyph box past the margin", all.overflow == 0);
		CHECK_STYLE("justified Chinese lines end on the right edge (20-30 em)", wide_measures.short_cjk == 0);
		CHECK_STYLE("no lonely last character (20-30 em)", wide_measures.lonely == 0);
#undef CHECK_STYLE
	}
	for (int f = 0; f < n_fx; f++)
		g_strfreev(fx[f].paras);
	return check_failures ? 1 : 0;
}

/* ---- golden traces of hand-made cases (--trace) ---- */

struct case_set {
	struct para_settings set;
	double size;
	char family[64];
};

static void directive(struct case_set *c, char *line)
{
	char **words = g_strsplit(line + 1, " ", -1);

	for (char **w = words; *w; w++) {
		char *eq = strchr(*w, '=');

		if (!eq)
			continue;
		*eq++ = 0;
		if (!strcmp(*w, "width"))
			c->set.width = atof(eq);
		else if (!strcmp(*w, "indent"))
			c->set.indent = atof(eq);
		else if (!strcmp(*w, "size"))
			c->size = atof(eq);
		else if (!strcmp(*w, "space"))
			c->set.cjk_latin_space = atof(eq);
		else if (!strcmp(*w, "lang"))
			c->set.lang = pango_language_from_string(eq);
		else if (!strcmp(*w, "punct"))
			para_punct_width_parse(eq, &c->set.punct);
		else if (!strcmp(*w, "align"))
			c->set.align = !strcmp(eq, "left") ? PARA_LEFT : !strcmp(eq, "center") ? PARA_CENTER
				       : !strcmp(eq, "right") ? PARA_RIGHT : PARA_JUSTIFY;
		else if (!strcmp(*w, "family"))
			g_strlcpy(c->family, g_strdelimit(eq, "_", ' '), sizeof(c->family));
	}
	g_strfreev(words);
}

/* A gap as text: "{+0.250}" in em, nothing when it is as designed. */
static void gap_text(GString *out, double em_amount)
{
	if (fabs(em_amount) < 0.0005)
		return;
	g_string_append_printf(out, "{%+.3f}", em_amount);
}

/* One case: lay out text (`code` in backticks, "\n" a forced break) and print its lines. */
static void trace_case(PangoContext *ctx, const struct case_set *c, const char *text, int no)
{
	struct para_settings set = c->set;
	struct para_style body = { 0 }, code = { .code = 1 };
	char *fd = g_strdup_printf("%s %.1f", c->family, c->size);
	char *mono = g_strdup_printf("Noto Sans Mono CJK SC %.1f", c->size);
	struct para *p;
	GArray *seen = g_array_new(FALSE, FALSE, sizeof(struct seen));
	bool in_code = false;
	struct stats st = { 0 };

	body.font = pango_font_description_from_string(fd);
	code.font = pango_font_description_from_string(mono);
	set.width *= c->size;
	set.indent *= c->size;
	set.line_height = c->size * 1.7;
	p = para_new(ctx, &set);
	for (const char *t = text; *t;) {
		const char *e = t;

		while (*e && *e != '`' && !(e[0] == '\\' && e[1] == 'n'))
			e++;
		if (e > t)
			para_add(p, t, (int)(e - t), in_code ? &code : &body);
		if (*e == '`') {
			in_code = !in_code;
			e++;
		} else if (*e == '\\') {
			para_add(p, "\n", 1, &body);
			e += 2;
		}
		t = e;
	}
	para_layout(p);
	printf("case %d: width=%g indent=%g lang=%s punct=%s space=%g align=%s %s\n", no, c->set.width, c->set.indent,
	       set.lang ? pango_language_to_string(set.lang) : "-",
	       (const char *[]){ "full", "adjacent", "edges" }[set.punct], set.cjk_latin_space,
	       (const char *[]){ "justify", "left", "center", "right" }[set.align], c->family);
	for (int i = 0; i < para_n_lines(p); i++) {
		const struct para_line *l = para_line(p, i);
		GString *out = g_string_new(NULL);

		see_line(p, l, seen);
		while (seen->len && g_array_index(seen, struct seen, seen->len - 1).space)
			g_array_set_size(seen, seen->len - 1);	/* trailing spaces hang: not shown */
		for (guint k = 0; k < seen->len; k++) {
			const struct seen *s = &g_array_index(seen, struct seen, k);
			double next_x = k + 1 < seen->len ? g_array_index(seen, struct seen, k + 1).x : l->x + l->width;
			const struct seen *n = k + 1 < seen->len ? s + 1 : NULL;
			double gap = (next_x - s->x - s->adv) / s->em;

			if (fabs(s->ink_x - s->x) > 0.005 * s->em)
				g_string_append_printf(out, "<%+.3f>", (s->ink_x - s->x) / s->em);
			if (s->c == '\n')
				g_string_append(out, "\\n");
			else
				g_string_append_len(out, para_text(p) + s->start, s->end - s->start);
			/* Kerning inside Latin words is the font's, not folio's: not shown. */
			if (n && !s->space && !n->space && !clreq_is_cjk(s->c) && !clreq_is_cjk(n->c) && gap < 0)
				continue;
			if (n || (!l->last && set.align == PARA_JUSTIFY))
				gap_text(out, gap);
		}
		printf("%3d x=%5.2f w=%5.2f%s |%s|\n", i + 1, l->x / c->size, l->width / c->size,
		       l->last ? " last" : "     ", out->str);
		g_string_free(out, TRUE);
	}
	measure(p, &set, &st, true);
	if (st.example) {
		printf("    PROBLEM %s\n", st.example);
		g_free((char *)st.example);
	}
	para_free(p);
	g_array_free(seen, TRUE);
	pango_font_description_free(body.font);
	pango_font_description_free(code.font);
	g_free(fd);
	g_free(mono);
}

static int trace(PangoContext *ctx, const char *path)
{
	char *data, **lines;
	struct case_set c = { .set = { .width = 12, .align = PARA_JUSTIFY, .punct = PUNCT_COMPRESS_ADJACENT,
				       .cjk_latin_space = 0.25 }, .size = 10 };
	int no = 0;

	g_strlcpy(c.family, "Noto Serif CJK SC", sizeof(c.family));
	c.set.lang = pango_language_from_string("zh-cn");
	if (!g_file_get_contents(path, &data, NULL, NULL)) {
		printf("FAIL cannot read %s\n", path);
		return 1;
	}
	lines = g_strsplit(data, "\n", -1);
	for (char **l = lines; *l; l++) {
		if (**l == '#' || **l == 0)
			continue;
		if (**l == '%') {
			directive(&c, *l);
			continue;
		}
		trace_case(ctx, &c, *l, ++no);
	}
	g_strfreev(lines);
	g_free(data);
	return 0;
}

/* ---- the paragraphs of Markdown articles (--corpus) ---- */

struct styles {
	struct para_style body, strong, code;
};

static void add_inline(struct para *p, cmark_node *n, const struct styles *s, bool strong)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		const char *lit;

		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			lit = cmark_node_get_literal(c);
			if (lit)
				para_add(p, lit, -1, strong ? &s->strong : &s->body);
			break;
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(c);
			if (lit)
				para_add(p, lit, -1, &s->code);
			break;
		case CMARK_NODE_SOFTBREAK:
			if (textnorm_softbreak_is_space(textnorm_char_before(c), textnorm_char_after(c)))
				para_add(p, " ", 1, &s->body);
			break;
		case CMARK_NODE_LINEBREAK:
			para_add(p, "\n", 1, &s->body);
			break;
		case CMARK_NODE_STRONG:
			add_inline(p, c, s, true);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_LINK:
			add_inline(p, c, s, strong);
			break;
		default:
			break;
		}
	}
}

static const char *lang_of_path(const char *path)
{
	if (strstr(path, "zh-HK"))
		return "zh-hk";
	if (strstr(path, "zh-TW"))
		return "zh-tw";
	if (strstr(path, "/en/") || g_str_has_suffix(path, ".en.md"))
		return "en";
	return "zh-cn";
}

/* A throwaway page device for --pdf: A5 pages, 40 pt margins, lines drawn where para put them, so
 * that /work/shared/tools/pdfcheck can judge para before the real PDF writer exists. */
struct pages {
	cairo_surface_t *surface;
	cairo_t *cr;
	double y;
};

#define A5_W 419.53
#define A5_H 595.28
#define MARGIN 40.0

static void pages_para(struct pages *pg, const struct para *p)
{
	for (int i = 0; i < para_n_lines(p); i++) {
		const struct para_line *l = para_line(p, i);

		if (pg->y + l->ascent + l->descent > A5_H - MARGIN) {
			cairo_show_page(pg->cr);
			pg->y = MARGIN;
		}
		for (guint r = 0; r < l->runs->len; r++) {
			const struct para_run *run = g_ptr_array_index(l->runs, r);

			cairo_move_to(pg->cr, MARGIN + l->x + run->x, pg->y + l->ascent);
			pango_cairo_show_glyph_item(pg->cr, para_text(p), run->glyphs);
		}
		pg->y += l->ascent + l->descent;
	}
}

static void pages_article(struct pages *pg)
{
	if (pg->y > MARGIN)
		cairo_show_page(pg->cr);
	pg->y = MARGIN;
}

static int corpus(PangoContext *ctx, int argc, char **argv)
{
	double em = 32, size = 10.5, space = 0.25;
	enum punct_width punct = PUNCT_COMPRESS_ADJACENT;
	struct stats st = { 0 };
	struct styles s = { 0 };
	int files = 0;
	char *fam;
	gint64 t0 = g_get_monotonic_time();
	double busy = 0;
	struct pages pg = { 0 };

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--pdf") && i + 1 < argc) {
			pg.surface = cairo_pdf_surface_create(argv[++i], A5_W, A5_H);
			pg.cr = cairo_create(pg.surface);
			pg.y = MARGIN;
			continue;
		}
		if (!strcmp(argv[i], "--em") && i + 1 < argc) {
			em = atof(argv[++i]);
			continue;
		}
		if (!strcmp(argv[i], "--size") && i + 1 < argc) {
			size = atof(argv[++i]);
			continue;
		}
		if (!strcmp(argv[i], "--space") && i + 1 < argc) {
			space = atof(argv[++i]);
			continue;
		}
		if (!strcmp(argv[i], "--punct") && i + 1 < argc) {
			i++;
			punct = !strcmp(argv[i], "full") ? PUNCT_FULL
				: !strcmp(argv[i], "edges") ? PUNCT_COMPRESS_EDGES : PUNCT_COMPRESS_ADJACENT;
			continue;
		}
		{
			char *md = NULL, *body;
			gsize len;
			cmark_node *doc;
			cmark_iter *it;
			cmark_event_type ev;
			const char *lang = lang_of_path(argv[i]);
			struct para_settings set = { .width = pg.cr ? A5_W - 2 * MARGIN : em * size,
						     .indent = 2 * size, .align = PARA_JUSTIFY,
						     .line_height = size * 1.7, .punct = punct,
						     .cjk_latin_space = space };

			if (!g_file_get_contents(argv[i], &md, &len, NULL))
				continue;
			if (!strcmp(lang, "en"))
				continue;
			files++;
			set.lang = pango_language_from_string(lang);
			fam = g_strdup_printf("Noto Serif CJK %s %.1f", !strcmp(lang, "zh-cn") ? "SC"
					      : !strcmp(lang, "zh-hk") ? "HK" : "TC", size);
			s.body.font = pango_font_description_from_string(fam);
			s.strong.font = pango_font_description_from_string(fam);
			pango_font_description_set_weight(s.strong.font, PANGO_WEIGHT_BOLD);
			g_free(fam);
			fam = g_strdup_printf("Noto Sans Mono CJK SC %.1f", size * 0.9);
			s.code.font = pango_font_description_from_string(fam);
			s.code.code = 1;
			g_free(fam);
			body = md;
			if (g_str_has_prefix(md, "---\n")) {
				char *end = strstr(md + 4, "\n---\n");

				if (end)
					body = end + 5;
			}
			if (pg.cr)
				pages_article(&pg);
			{
				/* What folio's loading does: indents out of emphasis, split paragraphs joined. */
				size_t n;
				char *fixed = textnorm_markdown_indents(body, strlen(body), &n);

				doc = cmark_parse_document(fixed ? fixed : body, fixed ? n : strlen(body), CMARK_OPT_DEFAULT);
				g_free(fixed);
				textnorm_join_split_paragraphs(doc);
			}
			it = cmark_iter_new(doc);
			while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
				cmark_node *n = cmark_iter_get_node(it);
				struct para *p;
				gint64 a;

				if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
					continue;
				a = g_get_monotonic_time();
				p = para_new(ctx, &set);
				add_inline(p, n, &s, false);
				para_layout(p);
				busy += (g_get_monotonic_time() - a) / 1e6;
				measure(p, &set, &st, true);
				if (pg.cr)
					pages_para(&pg, p);
				if (st.example) {
					printf("  %s: %s\n", argv[i], st.example);
					g_free((char *)st.example);
					st.example = NULL;
				}
				para_free(p);
			}
			cmark_iter_free(it);
			cmark_node_free(doc);
			pango_font_description_free(s.body.font);
			pango_font_description_free(s.strong.font);
			pango_font_description_free(s.code.font);
			g_free(md);
		}
	}
	{
		char *label = g_strdup_printf("corpus files=%d measure=%.0fem size=%.1fpt", files, em, size);

		print_stats(label, &st);
		g_free(label);
	}
	printf("layout time %.2fs (%.2fs wall)\n", busy, (g_get_monotonic_time() - t0) / 1e6);
	if (pg.cr) {
		cairo_destroy(pg.cr);
		cairo_surface_finish(pg.surface);
		cairo_surface_destroy(pg.surface);
	}
	return 0;
}

int main(int argc, char **argv)
{
	PangoContext *ctx = context();
	int status = 0;

	if (argc > 1 && !strcmp(argv[1], "--corpus"))
		status = corpus(ctx, argc - 2, argv + 2);
	else if (argc > 2 && !strcmp(argv[1], "--trace"))
		status = trace(ctx, argv[2]);
	else
		status = fixture_checks(ctx);
	g_object_unref(ctx);
	return status;
}
