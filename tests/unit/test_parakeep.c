/* test_parakeep.c - set paragraphs kept for a batch's next books: the store's budget and order of
 * letting go, and a paragraph set again taking the lines set before only when everything that sets
 * them is the same, its lines outliving the book (its styles) they were set for. */
#include "check.h"
#include "format/fonts.h"
#include "format/pdf/para.h"
#include "format/pdf/parakeep.h"

#include <pango/pangocairo.h>

/* A value that counts its references. */
struct counted {
	int ref;
};

static gpointer counted_ref(gpointer v)
{
	((struct counted *)v)->ref++;
	return v;
}

static void counted_unref(gpointer v)
{
	((struct counted *)v)->ref--;
}

static GBytes *key(const char *s)
{
	return g_bytes_new(s, strlen(s));
}

static void store(void)
{
	struct counted a = { 1 }, b = { 1 }, c = { 1 }, d = { 1 }, twice = { 1 }, big = { 1 }, none = { 1 };
	GBytes *ka = key("a"), *kb = key("b"), *kc = key("c"), *kd = key("d");
	/* What each entry costs beside the bytes given: measured on a first one. */
	size_t per, most;
	guint64 found, kept;

	parakeep_enable(0);
	CHECK("parakeep: off by default", !parakeep_on());
	parakeep_put(ka, counted_ref(&a), 10, 2, counted_unref);
	CHECK("parakeep: off, nothing is kept (the reference is let go)", a.ref == 1 && !parakeep_find(ka, counted_ref, 2));

	parakeep_enable(1 << 20);
	parakeep_put(ka, counted_ref(&a), 0, 2, counted_unref);
	parakeep_counts(&found, &kept, &per);
	parakeep_enable(0);
	CHECK("parakeep: enable(0) lets go of what is kept", a.ref == 1);

	/* Room for two entries of 100 bytes, not three. */
	parakeep_enable(2 * (per + 100) + per / 2);
	CHECK("parakeep: on", parakeep_on());
	parakeep_put(ka, counted_ref(&none), 100, 0, counted_unref);
	CHECK("parakeep: what no later book wants is not kept", none.ref == 1 && !parakeep_find(ka, counted_ref, 3));
	parakeep_put(ka, counted_ref(&a), 100, 5, counted_unref);
	parakeep_put(kb, counted_ref(&b), 100, 3, counted_unref);
	parakeep_put(kc, counted_ref(&c), 100, 9, counted_unref);
	CHECK("parakeep: past the budget what is wanted last goes, the newest too (c, for book 9)",
	      c.ref == 1 && !parakeep_find(kc, counted_ref, 9));
	parakeep_put(kd, counted_ref(&d), 100, 4, counted_unref);
	CHECK("parakeep: ... or one kept before (a, for book 5, against d for book 4)", a.ref == 1 && d.ref == 2);
	CHECK("parakeep: a kept value is found, with a reference taken", parakeep_find(kd, counted_ref, 7) == &d && d.ref == 3);
	counted_unref(&d);
	CHECK("parakeep: found for the last time (no later book), it is let go",
	      parakeep_find(kb, counted_ref, 0) == &b && b.ref == 2 && !parakeep_find(kb, counted_ref, 6));
	counted_unref(&b);
	parakeep_put(kd, counted_ref(&twice), 100, 8, counted_unref);
	CHECK("parakeep: a key kept keeps its value; the second is let go", twice.ref == 1);
	parakeep_put(kb, counted_ref(&big), 3 * (per + 100), 8, counted_unref);
	CHECK("parakeep: a value larger than the budget is not kept", big.ref == 1 && !parakeep_find(kb, counted_ref, 8));
	parakeep_put(ka, counted_ref(&a), 100, 6, counted_unref);
	parakeep_book(7);
	CHECK("parakeep: at book 7, what was kept for book 6 and not taken is let go; book 7's stays",
	      a.ref == 1 && d.ref == 2);
	parakeep_counts(&found, &kept, &most);
	CHECK("parakeep: counts of found and kept (what went at once not counted)", found == 2 && kept == 4);
	CHECK("parakeep: the most kept at once is within the budget", most <= 2 * (per + 100) + per / 2 && most > per);
	parakeep_enable(0);
	CHECK("parakeep: every value let go at the end", a.ref == 1 && b.ref == 1 && c.ref == 1 && d.ref == 1);
	g_bytes_unref(ka);
	g_bytes_unref(kb);
	g_bytes_unref(kc);
	g_bytes_unref(kd);
}

static PangoContext *context(void)
{
	PangoFontMap *map = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(map);

	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72);
	g_object_unref(map);
	return ctx;
}

static const char TEXT[] = "“杭州六小龙”的成功，主体是企业、企业家，而非城市或政府。当大家追问杭州做对了什么——"
			   "其他地区如何才能追赶杭州……2024年，杭州GDP为21860亿元（见 https://example.org/gdp）。";

/* A paragraph of TEXT in a style of its own (as each book has its own), laid out. */
static struct para *set_para(PangoContext *ctx, struct para_settings *set, struct para_style **style, const char *link)
{
	struct para *p = para_new(ctx, set);

	*style = g_new0(struct para_style, 1);
	(*style)->font = pango_font_description_from_string("Noto Serif CJK SC 10");
	(*style)->link = link;
	para_add(p, TEXT, -1, *style);
	para_layout(p);
	return p;
}

static void style_free(struct para_style *s)
{
	pango_font_description_free(s->font);
	g_free(s);
}

/* The lines of a and b as drawn: the same text on each, the same places, widths, glyphs, hyphens and styles. */
static bool same_lines(const struct para *a, const struct para *b)
{
	if (para_n_lines(a) != para_n_lines(b) || para_n_lines(a) < 2)
		return false;
	for (int i = 0; i < para_n_lines(a); i++) {
		const struct para_line *x = para_line(a, i), *y = para_line(b, i);

		if (x->start != y->start || x->end != y->end || x->width != y->width || x->x != y->x
		    || x->ascent != y->ascent || x->descent != y->descent || x->runs->len != y->runs->len
		    || !x->hyphen != !y->hyphen || x->hyphen_x != y->hyphen_x)
			return false;
		for (guint r = 0; r < x->runs->len; r++) {
			const struct para_run *p = g_ptr_array_index(x->runs, r), *q = g_ptr_array_index(y->runs, r);

			const PangoGlyphString *g = p->glyphs->glyphs, *h = q->glyphs->glyphs;

			if (p->x != q->x || p->width != q->width || g->num_glyphs != h->num_glyphs
			    || g_strcmp0(p->style->link, q->style->link) || p->style->color != q->style->color
			    || !pango_font_description_equal(p->style->font, q->style->font))
				return false;
			/* Field by field: the flags' word has bits no one sets. */
			for (int k = 0; k < g->num_glyphs; k++)
				if (g->glyphs[k].glyph != h->glyphs[k].glyph
				    || g->glyphs[k].geometry.width != h->glyphs[k].geometry.width
				    || g->glyphs[k].geometry.x_offset != h->glyphs[k].geometry.x_offset
				    || g->glyphs[k].geometry.y_offset != h->glyphs[k].geometry.y_offset
				    || g->log_clusters[k] != h->log_clusters[k])
					return false;
		}
	}
	return true;
}

/* One thing that sets a paragraph's lines, changed: its name and how. */
enum { INDENT, ALIGN, LINE_HEIGHT, GRID, LANG, PUNCT, LATIN_SPACE, KEEP_SPACES, COLOR, RISE, FONT, UNDERLINE,
       STRIKE, CODE, MONO, DOTS, SPAN_EDGE, N_CHANGES };
static const char *const change_names[N_CHANGES] = {
	"indent", "alignment", "line height", "grid", "language", "punctuation width", "Chinese-Western space",
	"code spacing", "colour", "rise", "font", "underline", "strike", "code", "mono", "dots", "span edge"
};

static void change(int k, struct para_settings *set, struct para_style *st)
{
	switch (k) {
	case INDENT: set->indent = 10; break;
	case ALIGN: set->align = PARA_LEFT; break;
	case LINE_HEIGHT: set->line_height = 18; break;
	case GRID: set->grid_size = 10; break;
	case LANG: set->lang = pango_language_from_string("zh-tw"); break;
	case PUNCT: set->punct = PUNCT_COMPRESS_EDGES; break;
	case LATIN_SPACE: set->cjk_latin_space = 0.25; break;
	case KEEP_SPACES: set->keep_spaces = true; break;
	case COLOR: st->color = 0x336699; break;
	case RISE: st->rise = 1; break;
	case FONT: pango_font_description_set_absolute_size(st->font, 11 * PANGO_SCALE); break;
	case UNDERLINE: st->underline = 1; break;
	case STRIKE: st->strike = 1; break;
	case CODE: st->code = 1; break;
	case MONO: st->mono = 1; break;
	case DOTS: st->dots = 1; break;
	default: break;
	}
}

static void shared_lines(void)
{
	PangoContext *ctx = context();
	struct para_settings set = { .width = 150, .indent = 20, .align = PARA_JUSTIFY, .line_height = 17,
				     .lang = pango_language_from_string("zh-cn"), .scope = "posts/a.md", .next_book = 9 };
	struct para_style *s_alone, *s1, *s2, *s3;
	struct para *alone, *first, *again, *other;
	guint64 found, kept;
	size_t most;

	/* Alone (a single book): nothing kept, the lines its own. */
	parakeep_enable(0);
	alone = set_para(ctx, &set, &s_alone, "https://example.org/");

	parakeep_enable(8 << 20);
	first = set_para(ctx, &set, &s1, "https://example.org/");
	again = set_para(ctx, &set, &s2, "https://example.org/");
	CHECK("parakeep: the same paragraph set again takes the lines set first",
	      para_line(again, 0) == para_line(first, 0));
	CHECK("parakeep: its lines are those it is set into alone", same_lines(again, alone));
	/* The first book ends: its paragraph and its styles go; the lines stay for the second. */
	para_free(first);
	style_free(s1);
	CHECK("parakeep: the lines outlive the book they were set for (their styles copied)",
	      same_lines(again, alone) && para_line(again, 0)->runs->len
	      && ((const struct para_run *)g_ptr_array_index(para_line(again, 0)->runs, 0))->style != s1);

	/* Anything else that sets it differently: set anew. */
	other = set_para(ctx, &set, &s3, "#a0002-h1");
	CHECK("parakeep: another link is set anew", para_line(other, 0) != para_line(again, 0));
	para_free(other);
	style_free(s3);
	set.width = 160;
	other = set_para(ctx, &set, &s3, "https://example.org/");
	CHECK("parakeep: another measure is set anew", para_line(other, 0) != para_line(again, 0));
	para_free(other);
	style_free(s3);
	set.width = 150;
	set.scope = "posts/b.md";
	other = set_para(ctx, &set, &s3, "https://example.org/");
	CHECK("parakeep: the same text in another article is set anew", para_line(other, 0) != para_line(again, 0));
	para_free(other);
	style_free(s3);
	set.scope = NULL;
	other = set_para(ctx, &set, &s3, "https://example.org/");
	CHECK("parakeep: a paragraph of no article (front matter) is set anew", para_line(other, 0) != para_line(again, 0));
	para_free(other);
	style_free(s3);
	parakeep_counts(&found, &kept, &most);
	CHECK("parakeep: one found, four kept (none for no article)", found == 1 && kept == 4);
	set.scope = "posts/a.md";

	/* Every other thing that sets the lines, changed alone: set anew each time. */
	for (int k = 0; k < N_CHANGES; k++) {
		struct para_settings changed = set;
		struct para_style *st = g_new0(struct para_style, 1);
		struct para *q;

		st->font = pango_font_description_from_string("Noto Serif CJK SC 10");
		st->link = "https://example.org/";
		change(k, &changed, st);
		q = para_new(ctx, &changed);
		if (k == SPAN_EDGE) {
			/* The same text and styles, cut into two spans of two styles alike. */
			struct para_style *st2 = g_memdup2(st, sizeof *st);

			para_add(q, TEXT, 30, st);
			para_add(q, TEXT + 30, -1, st2);
			para_layout(q);
			g_free(st2);
		} else {
			para_add(q, TEXT, -1, st);
			para_layout(q);
		}
		if (para_line(q, 0) == para_line(again, 0))
			printf("FAIL parakeep: a paragraph with another %s took the lines set before\n", change_names[k]),
				check_failures++;
		para_free(q);
		pango_font_description_free(st->font);
		g_free(st);
	}
	CHECK("parakeep: another indent, alignment, line height, grid, language, punctuation, Chinese-Western "
	      "space, code spacing, colour, rise, font, underline, strike, code, mono, dots or span edge: set anew",
	      check_failures == 0);

	/* Off: what was kept is let go; the paragraph holding its lines keeps them. */
	parakeep_enable(0);
	CHECK("parakeep: lines still held after the store is let go", same_lines(again, alone));
	para_free(again);
	style_free(s2);
	para_free(alone);
	style_free(s_alone);
	g_object_unref(ctx);
}

/* A paragraph with a character no font of folio's draws (a box): not kept, as the box's face is
   pinned only by shaping it (format/fonts.h). */
static void boxes_set_anew(void)
{
	char *datadir = g_get_current_dir();
	struct fonts *f = fonts_new(datadir);
	struct para_settings set = { .width = 150, .line_height = 17, .lang = pango_language_from_string("zh-cn"),
				     .scope = "posts/a.md", .next_book = 9 };
	struct para_style style = { .font = pango_font_description_from_string("Noto Serif CJK SC 10") };
	struct para *p[4];
	guint64 found, kept;
	size_t most;

	parakeep_enable(8 << 20);
	for (int i = 0; i < 4; i++) {
		p[i] = para_new(fonts_context(f), &set);
		para_add(p[i], i < 2 ? "正文\xf4\x8f\xbf\xbd正文" : "正文正文", -1, &style);
		para_layout(p[i]);
	}
	parakeep_counts(&found, &kept, &most);
	CHECK("parakeep: a paragraph drawing a missing character's box is set anew; one without is kept",
	      para_line(p[0], 0) != para_line(p[1], 0) && para_line(p[2], 0) == para_line(p[3], 0) && found == 1
	      && kept == 1);
	parakeep_enable(0);
	for (int i = 0; i < 4; i++)
		para_free(p[i]);
	pango_font_description_free(style.font);
	fonts_free(f);
	g_free(datadir);
}

int main(void)
{
	store();
	shared_lines();
	boxes_set_anew();
	CHECK_DONE();
}
