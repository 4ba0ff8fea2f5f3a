/* para.c - paragraph setting: Pango itemizes and shapes; line breaking, spacing and justification are folio's (CLREQ). */
#include "format/pdf/para.h"

#include <math.h>
#include <string.h>
#include <hb.h>
#include <pango/pangofc-fontmap.h>

#include "text/clreq.h"
#include "text/hyphen.h"
#include "text/textnorm.h"
#include "base/langtag.h"
#include "base/xmlesc.h"
#include "format/fonts.h"
#include "format/pdf/parakeep.h"

/*
 * How a paragraph is set:
 *  1. Pango itemizes and shapes it (one item per span, the language choosing SC/TC/JP forms);
 *     para cuts the glyphs into clusters, the smallest pieces a break or an adjustment falls between.
 *  2. Each cluster gets its class (clreq.h) and, for a full-width mark, the blank half of its em box
 *     that may be taken away (found from the glyph's ink, so SC, TC and JP positions all come right).
 *  3. Each gap between two clusters gets a natural width (+ the space between Chinese and Western
 *     text, - the blank removed between adjacent marks), how much it may stretch (in CLREQ's order:
 *     Western spaces, then after punctuation, then evenly) and how much it may shrink (CLREQ's
 *     push-in order: word spaces, middle dots, bracket blanks, pauses, Chinese-Western spaces, stops).
 *  4. Line breaks are chosen over the whole paragraph (Knuth-Plass total fit) where breaks are allowed
 *     (Unicode's rules overridden by CLREQ's prohibitions), so a prohibited break is resolved either
 *     by pushing in (squeezing marks) or by pulling out (moving a character down and spreading the
 *     line), whichever costs less, and a last line of one lonely character is avoided when possible.
 *  5. Each line's gaps are set: justified lines spread their slack tier by tier, never more than
 *     half an em into one gap; a line with too little to stretch stays short rather than letter-spaced.
 */

/* Stretch tiers (CLREQ 3.8 expansion, with the gap after punctuation before the even spread). */
enum { STRETCH_SPACE, STRETCH_PUNCT, STRETCH_EVEN };

/* Shrink tiers, taken in this order (CLREQ's procedure for reducing inter-character space). */
enum {
	SHRINK_NONE,
	SHRINK_LINE_END,	/* a closing mark or stop at the line end, set half width (edges style) */
	SHRINK_WORD_SPACE,	/* spaces between Western words */
	SHRINK_MIDDOT,		/* both sides of a full-width middle dot */
	SHRINK_BRACKET,		/* the outer blank of brackets and quotes */
	SHRINK_PAUSE,		/* ，、；： inside the line */
	SHRINK_CJK_LATIN,	/* the space between Chinese and Western text, down to 1/8 em */
	SHRINK_STOP,		/* 。？！ inside the line */
	N_SHRINK
};

#define LINE_PENALTY 10.0		/* demerits base per line (Knuth-Plass) */
#define BADNESS_MAX 10000.0		/* a line stretched or squeezed to its limits */
#define BADNESS_RAGGED 100000.0		/* a justified line that cannot be filled: allowed, avoided */
#define LONELY_DEMERITS 100000.0		/* last line holding one character (and its closing marks) */
#define PRETOLERANCE 100.0		/* lines all this good or better: no hyphens tried (TeX's \pretolerance) */
#define DOUBLE_HYPHEN_DEMERITS 10000.0	/* two hyphenated lines in a row (TeX's \doublehyphendemerits) */
#define FINAL_HYPHEN_DEMERITS 5000.0	/* the paragraph's last line after a hyphen (\finalhyphendemerits) */
#define HYPHEN_LADDER 3			/* hyphens ending lines in a row, at most (Bringhurst: three) */
#define LADDER_DEMERITS 1e8		/* a line beyond that: as bad as a line stretched to its limit */
#define LADDER_CLASSES (HYPHEN_LADDER + 2)	/* nodes by hyphens in a row: none, 1 .. the limit, beyond */
#define PENALTY_INSIDE_WORD 30		/* a break inside a Latin run (URL "/", "foo-bar") */
#define PENALTY_HYPHEN 50		/* a word hyphenated (TeX's \hyphenpenalty) */
#define PENALTY_INSIDE_CODE 100	/* inline code broken after its punctuation ("172.16.0.3:/8000"): only
					 * where a line would otherwise be set loose around it */
#define PENALTY_NO_BREAK_SPACE 100	/* after a no-break space, in a run of words they join wider than the measure */
#define PENALTY_EMERGENCY 200		/* a break inside a word wider than the measure */
#define PENALTY_FORCED 1000		/* a break CLREQ forbids, in a run of marks wider than the measure */

struct span {
	int start, end;
	const struct para_style *style;
};

struct cluster {
	int start, end;			/* bytes */
	int item;			/* index into items/glyphs */
	int g0, g1;			/* glyph range in that item's glyph string */
	int width;			/* natural width, Pango units */
	int em;				/* font size, Pango units */
	gunichar first, last;		/* first and last character */
	unsigned char cls;		/* enum clreq_class of the first character */
	unsigned char shrink_tier;	/* of the gap before this cluster */
	unsigned space : 1;		/* white space (hangs at a line end) */
	unsigned can_break : 1;		/* a line may start here */
	unsigned must_break : 1;	/* a line must start here (after "\n") */
	unsigned emergency : 1;		/* a line may start here because the word is wider than the measure */
	unsigned rigid : 1;		/* inline code: no stretching next to it */
	unsigned mark : 1;		/* a full-width punctuation mark */
	unsigned hidden : 1;		/* the author's own indent, replaced by the paragraph's */
	unsigned hyphen : 1;		/* a line may start here, inside a word: the line before ends with a hyphen */
	short penalty;			/* cost of a break before this cluster */
	int blank_l, blank_r;		/* blank of a full-width mark that may be taken away, Pango units */
	/* The gap before this cluster, when it and the previous cluster share a line: */
	int gap;			/* natural: + space between Chinese and Western text, - compressed marks */
	int st_space, st_punct;		/* stretch in the first and second tier */
	int st_cap;			/* most stretch in all */
	int st_comfort;			/* stretch that still looks right (for choosing breaks) */
	int shrink;			/* most shrink */
	int end_kern;			/* kerning with the next glyph, given back when a line ends here */
	int hyphen_w;			/* the hyphen set after this cluster when a line ends here (the next
					   cluster is a hyphen point), Pango units; 0: none */
	int extra;			/* scratch: stretch (+) or shrink given on the line being set */
};

/* Prefix sums over clusters for the line-breaking search. */
struct sums {
	gint64 *width;			/* [k]: widths of clusters before k */
	gint64 *gap, *cap, *comfort, *shrink;	/* [k]: gaps 1..k */
};

struct node {
	int pos;			/* the line starts at this cluster */
	int prev;			/* index of the node of the line before, -1 */
	double demerits;
	int ladder;			/* lines in a row ending with a hyphen, the one ending at pos the last */
};

struct para {
	PangoContext *ctx;
	struct para_settings set;
	bool hant;			/* Traditional Chinese conventions */
	bool rtl;			/* a right-to-left language's paragraph (Arabic, Persian, Hebrew ...) */
	bool edges;			/* marks at line edges set half width (PUNCT_COMPRESS_EDGES; zh-Hant: brackets only) */
	gint64 avail, avail_first;	/* the measure, and the first line's, in Pango units */
	GString *text;
	GArray *spans;			/* of struct span */
	GPtrArray *items;		/* of PangoItem *, logical order */
	GPtrArray *glyphs;		/* of PangoGlyphString *, one per item */
	GPtrArray *styles;		/* of const struct para_style *, one per item */
	GPtrArray *hyphens;		/* of PangoGlyphString *: "-" in each item's font, shaped when first needed */
	GArray *clusters;		/* of struct cluster */
	GPtrArray *lines;		/* of struct para_line * */
	int *vis;			/* [k]: one past the last non-space cluster before k (layout only) */
	int mark_run;			/* the longest run of marks shaped in pieces (PARA_MAX_MARK_RUN), or 0 */
	bool shaped, laid_out;
	struct para_set *kept;		/* the lines shared with parakeep (their styles), or NULL */
};

/*
 * A paragraph's lines as set, shared by the paragraphs of a batch's books that set the same text
 * alike: the styles their runs point at are its own copies, as the book whose styles they were
 * may be gone before the lines are.
 */
struct para_set {
	gint ref;
	GPtrArray *lines;		/* of struct para_line * */
	GPtrArray *styles;		/* of struct para_style *, owned */
	int mark_run;
};

bool para_punct_width_parse(const char *s, enum punct_width *out)
{
	static const char *const names[] = { "full", "adjacent", "edges" };

	for (int i = 0; s && i < 3; i++)
		if (!g_ascii_strcasecmp(s, names[i])) {
			*out = (enum punct_width)i;
			return true;
		}
	return false;
}

static void run_free(gpointer data)
{
	struct para_run *r = data;

	pango_glyph_item_free(r->glyphs);
	g_free(r);
}

static void line_free(gpointer data)
{
	struct para_line *l = data;

	g_ptr_array_free(l->runs, TRUE);
	if (l->hyphen) {
		pango_glyph_string_free(l->hyphen);
		g_object_unref(l->hyphen_font);
	}
	g_free(l);
}

static void style_copy_free(gpointer data)
{
	struct para_style *s = data;

	pango_font_description_free(s->font);
	g_free((char *)s->link);
	g_free(s);
}

static gpointer set_ref(gpointer data)
{
	struct para_set *set = data;

	g_atomic_int_inc(&set->ref);
	return set;
}

static void set_unref(gpointer data)
{
	struct para_set *set = data;

	if (!set || !g_atomic_int_dec_and_test(&set->ref))
		return;
	g_ptr_array_unref(set->lines);
	g_ptr_array_free(set->styles, TRUE);
	g_free(set);
}

struct para *para_new(PangoContext *ctx, const struct para_settings *settings)
{
	struct para *p = g_new0(struct para, 1);

	p->ctx = g_object_ref(ctx);
	p->set = *settings;
	p->hant = p->set.lang && clreq_lang_is_hant(pango_language_to_string(p->set.lang));
	p->rtl = p->set.lang && langtag_is_rtl(pango_language_to_string(p->set.lang));
	p->edges = p->set.punct == PUNCT_COMPRESS_EDGES;
	p->avail = (gint64)(p->set.width * PANGO_SCALE);
	p->avail_first = (gint64)((p->set.width - p->set.indent) * PANGO_SCALE);
	p->text = g_string_new(NULL);
	p->spans = g_array_new(FALSE, FALSE, sizeof(struct span));
	p->items = g_ptr_array_new_with_free_func((GDestroyNotify)pango_item_free);
	p->glyphs = g_ptr_array_new_with_free_func((GDestroyNotify)pango_glyph_string_free);
	p->styles = g_ptr_array_new();
	p->clusters = g_array_new(FALSE, FALSE, sizeof(struct cluster));
	p->lines = g_ptr_array_new_with_free_func(line_free);
	return p;
}

void para_free(struct para *p)
{
	if (!p)
		return;
	g_ptr_array_unref(p->lines);
	set_unref(p->kept);
	g_array_free(p->clusters, TRUE);
	g_ptr_array_free(p->styles, TRUE);
	g_ptr_array_free(p->glyphs, TRUE);
	g_ptr_array_free(p->items, TRUE);
	g_array_free(p->spans, TRUE);
	g_string_free(p->text, TRUE);
	g_free(p->vis);
	if (p->hyphens)
		g_ptr_array_unref(p->hyphens);
	g_object_unref(p->ctx);
	g_free(p);
}

void para_add(struct para *p, const char *text, int len, const struct para_style *style)
{
	struct span s;
	char *clean;

	if (len < 0)
		len = (int)strlen(text);
	/* Only what a book may hold: controls would show as boxes, and Cairo draws nothing after a noncharacter. */
	if ((clean = xml_clean_text(text, len))) {
		para_add(p, clean, -1, style);
		g_free(clean);
		return;
	}
	if (len == 0)
		return;
	/* Merge with the previous span when the style is the same object. */
	if (p->spans->len) {
		struct span *last = &g_array_index(p->spans, struct span, p->spans->len - 1);

		if (last->style == style && last->end == (int)p->text->len) {
			g_string_append_len(p->text, text, len);
			last->end = (int)p->text->len;
			return;
		}
	}
	s.start = (int)p->text->len;
	g_string_append_len(p->text, text, len);
	s.end = (int)p->text->len;
	s.style = style;
	g_array_append_val(p->spans, s);
}

struct para *para_piece(const struct para *p, int start, int end)
{
	struct para_settings set = p->set;
	struct para *q;

	if (start > 0)
		set.indent = 0;
	q = para_new(p->ctx, &set);
	for (guint i = 0; i < p->spans->len; i++) {
		const struct span *s = &g_array_index(p->spans, struct span, i);
		int a = MAX(s->start, start), b = MIN(s->end, end);

		if (a < b)
			para_add(q, p->text->str + a, b - a, s->style);
	}
	return q;
}

const char *para_text(const struct para *p)
{
	return p->text->str;
}

int para_mark_run(const struct para *p)
{
	return p->mark_run;
}

int para_n_lines(const struct para *p)
{
	return (int)p->lines->len;
}

const struct para_line *para_line(const struct para *p, int i)
{
	return g_ptr_array_index(p->lines, i);
}

static struct cluster *cl(struct para *p, int k)
{
	return &g_array_index(p->clusters, struct cluster, k);
}

static int font_size_units(const struct para_style *s)
{
	int size = pango_font_description_get_size(s->font);

	return size > 0 ? size : 10 * PANGO_SCALE;
}

/*
 * Glyphs Pango shapes wrongly for a book. A variation selector (the U+FE0F of "⚠️", "1️⃣") or a
 * zero-width joiner is shaped as an empty
 * glyph in a cluster of its own, and a PDF keeps no text for a cluster without ink: join it to
 * the cluster before, so the book's text keeps the character (and no line breaks before it).
 */
static void keep_selectors(PangoGlyphString *g, const char *item_text)
{
	for (int i = 0; i < g->num_glyphs; i++) {
		gunichar u = g_utf8_get_char(item_text + g->log_clusters[i]);

		/*
		 * A forced line break ends its line but draws nothing: fonts have no glyph for it,
		 * and the box Pango draws for a missing glyph showed as a speck at every hard break.
		 */
		if (u == '\n' || u == 0x2028 || u == 0x2029) {
			g->glyphs[i].glyph = PANGO_GLYPH_EMPTY;
			g->glyphs[i].geometry.width = 0;
			continue;
		}
		if (i == 0 || g->glyphs[i].glyph != PANGO_GLYPH_EMPTY || g->log_clusters[i] == g->log_clusters[i - 1])
			continue;
		if ((u >= 0xFE00 && u <= 0xFE0F) || (u >= 0xE0100 && u <= 0xE01EF) || u == 0x200D)
			g->log_clusters[i] = g->log_clusters[i - 1];
	}
}

/*
 * Debian's FriBidi (1.0.8) crashes on explicit embeddings, overrides and isolates nested past its
 * limit. Openers past a sane depth become U+2060 WORD JOINER (the same three bytes, invisible,
 * without direction), in place, so the text keeps its offsets.
 */
static void tame_bidi_controls(char *text, int len)
{
	enum { MAX_DEPTH = 32 };
	int depth = 0;

	for (int i = 0; i + 2 < len; i++) {
		unsigned char *b = (unsigned char *)text + i;
		gunichar u;

		if (b[0] != 0xE2)
			continue;
		u = g_utf8_get_char(text + i);
		if ((u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2068)) {
			if (u == 0x202C)	/* POP DIRECTIONAL FORMATTING closes */
				depth = depth > 0 ? depth - 1 : 0;
			else if (++depth > MAX_DEPTH) {
				b[0] = 0xE2, b[1] = 0x81, b[2] = 0xA0;
				depth--;
			}
		} else if (u == 0x2069) {	/* POP DIRECTIONAL ISOLATE */
			depth = depth > 0 ? depth - 1 : 0;
		}
	}
}

/*
 * Box drawing, block elements and arrows in code take one column, as an editor or terminal shows
 * them: the CJK code face draws them a full em (two of its columns), so a drawn box or a `tree`
 * listing came apart. They come from these Latin monospace faces, sized so that their cell is the
 * code face's digit (measured: each face's own cell, 0.6 em here against the CJK face's 0.5 em).
 */
#define NARROW_FAMILIES "Noto Sans Mono, DejaVu Sans Mono"

static bool narrow_in_code(gunichar u)
{
	return (u >= 0x2500 && u <= 0x259F) || (u >= 0x2190 && u <= 0x21FF);
}

/* The narrow faces' description for code face code: its size scaled to the code face's digit. Under the fonts' lock. */
static PangoFontDescription *narrow_font(PangoContext *ctx, const PangoFontDescription *code)
{
	/* code face's family list -> its digit over the narrow faces' digit (the same for every size) */
	static GHashTable *ratios;
	const char *family = pango_font_description_get_family(code);
	PangoFontDescription *narrow = pango_font_description_copy(code);
	double *ratio;

	pango_font_description_set_family(narrow, NARROW_FAMILIES);
	if (!ratios)
		ratios = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	if (!(ratio = g_hash_table_lookup(ratios, family ? family : ""))) {
		/* At one large size, whatever the text's: metrics come rounded to whole points. */
		PangoFontDescription *big_code = pango_font_description_copy(code), *big_narrow;
		PangoFontMetrics *a, *b;
		int da, db;

		pango_font_description_set_absolute_size(big_code, 1000.0 * PANGO_SCALE);
		big_narrow = pango_font_description_copy(big_code);
		pango_font_description_set_family(big_narrow, NARROW_FAMILIES);
		a = pango_context_get_metrics(ctx, big_code, NULL);
		b = pango_context_get_metrics(ctx, big_narrow, NULL);
		da = pango_font_metrics_get_approximate_digit_width(a);
		db = pango_font_metrics_get_approximate_digit_width(b);
		ratio = g_new(double, 1);
		*ratio = da > 0 && db > 0 ? (double)da / db : 1.0;
		g_hash_table_insert(ratios, g_strdup(family ? family : ""), ratio);
		pango_font_metrics_unref(a);
		pango_font_metrics_unref(b);
		pango_font_description_free(big_code);
		pango_font_description_free(big_narrow);
	}
	if (pango_font_description_get_size_is_absolute(code))
		pango_font_description_set_absolute_size(narrow, pango_font_description_get_size(code) * *ratio);
	else
		pango_font_description_set_size(narrow, (gint)(pango_font_description_get_size(code) * *ratio));
	return narrow;
}

/* Spans in the code face: their runs of box drawing and arrows in the narrow faces (attributes over the span's). */
static void narrow_runs(struct para *p, PangoAttrList *attrs, const struct span *s)
{
	const char *text = p->text->str;
	PangoFontDescription *narrow = NULL;

	for (int i = s->start; i < s->end;) {
		int j = i;

		while (j < s->end && narrow_in_code(g_utf8_get_char(text + j)))
			j = (int)(g_utf8_next_char(text + j) - text);
		if (j > i) {
			PangoAttribute *a;

			if (!narrow)
				narrow = narrow_font(p->ctx, s->style->font);
			a = pango_attr_font_desc_new(narrow);
			a->start_index = (guint)i;
			a->end_index = (guint)j;
			pango_attr_list_insert(attrs, a);
			i = j;
		} else {
			i = (int)(g_utf8_next_char(text + i) - text);
		}
	}
	if (narrow)
		pango_font_description_free(narrow);
}

static bool marklike(gunichar u)
{
	GUnicodeType t = g_unichar_type(u);

	return t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK
	       || t == G_UNICODE_FORMAT;
}

/*
 * An item to shape, cut after every PARA_MAX_MARK_RUN marks in a row: HarfBuzz places each mark
 * by looking back over the marks before it for their base (100,000 accents on one letter took a
 * minute). The marks after a cut have no base in their piece and stand on their own.
 */
static void add_item(struct para *p, PangoItem *item, const struct para_style *style)
{
	const char *s = p->text->str + item->offset, *end = s + item->length;
	int run = 0, chars = 0;

	for (const char *q = s; q < end; q = g_utf8_next_char(q), chars++) {
		run = (guchar)*q >= 0x80 && marklike(g_utf8_get_char(q)) ? run + 1 : 0;
		if (run > PARA_MAX_MARK_RUN)
			p->mark_run = MAX(p->mark_run, run);
		if (run > PARA_MAX_MARK_RUN && run % PARA_MAX_MARK_RUN == 1) {
			g_ptr_array_add(p->items, pango_item_split(item, (int)(q - s), chars));
			g_ptr_array_add(p->styles, (gpointer)style);
			s = q;
			chars = 0;
		}
	}
	g_ptr_array_add(p->items, item);
	g_ptr_array_add(p->styles, (gpointer)style);
}

static bool glyph_ink(PangoFont *font, PangoGlyph glyph, int *x, int *width);

/* Is the cluster [start, end) of item_text marks and selectors only? *enclosing: one of them encloses (U+20E3). */
static bool marks_only(const char *item_text, int start, int end, bool *enclosing)
{
	*enclosing = false;
	for (const char *q = item_text + start; q < item_text + end; q = g_utf8_next_char(q)) {
		gunichar u = g_utf8_get_char(q);

		if (!marklike(u) && !(u >= 0xFE00 && u <= 0xFE0F))
			return false;
		*enclosing |= g_unichar_type(u) == G_UNICODE_ENCLOSING_MARK;
	}
	return true;
}

/*
 * An enclosing mark (the keycap of 1️⃣, the circle of U+20DD) takes no advance, and its ink runs
 * past its base's on both sides, over the spaces and letters beside it ("Steps 1️⃣ then" read
 * "Steps1️⃣then"). The base and its marks are widened to their ink: moved in by what sticks out
 * on the left, the mark given what sticks out on the right. A mark with no base in its item (a
 * keycap after a digit of another font) is given only the right. Left-to-right items only.
 */
static void widen_enclosed(const char *item_text, int item_len, const PangoItem *item, PangoGlyphString *g)
{
	/* The enclosing marks' UTF-8 (U+0488-9, U+1ABE, U+20DD-E4, U+A670-2): most items hold none. */
	static const char *const leads[] = { "\xd2\x88", "\xd2\x89", "\xe1\xaa\xbe", "\xe2\x83", "\xea\x99\xb0",
					     "\xea\x99\xb1", "\xea\x99\xb2" };
	bool may = false;

	for (size_t k = 0; k < G_N_ELEMENTS(leads) && !may; k++)
		may = memmem(item_text, (size_t)item_len, leads[k], strlen(leads[k])) != NULL;
	if (!may || item->analysis.level % 2)
		return;
	for (int i = 0, j; i < g->num_glyphs; i = j) {
		int start = g->log_clusters[i], end, from = i, pen = 0, lo = 0, hi = 0, left, right;
		bool enclosing;

		for (j = i + 1; j < g->num_glyphs && g->log_clusters[j] == start; j++)
			;
		end = j < g->num_glyphs ? g->log_clusters[j] : item_len;
		if (!marks_only(item_text, start, end, &enclosing) || !enclosing)
			continue;
		/* Back to the base, a cluster at a time: the marks and selectors before it, then the cluster they are on. */
		while (from > 0) {
			int c = g->log_clusters[from - 1], first = from - 1;
			bool marks;

			while (first > 0 && g->log_clusters[first - 1] == c)
				first--;
			marks = marks_only(item_text, c, g->log_clusters[from], &enclosing);
			from = first;
			if (!marks)
				break;
		}
		for (int k = from; k < j; k++) {
			int x, w;

			if (glyph_ink(item->analysis.font, g->glyphs[k].glyph, &x, &w) && w > 0) {
				lo = MIN(lo, pen + g->glyphs[k].geometry.x_offset + x);
				hi = MAX(hi, pen + g->glyphs[k].geometry.x_offset + x + w);
			}
			pen += g->glyphs[k].geometry.width;
		}
		left = from < i ? MAX(-lo, 0) : 0;
		right = MAX(hi - pen, 0);
		for (int k = from; k < j && left; k++)
			g->glyphs[k].geometry.x_offset += left;
		g->glyphs[j - 1].geometry.width += left + right;
	}
}

/* Is the paragraph Chinese, Japanese or Korean (its Latin words then English, mostly)? */
static bool cjk_para(const struct para *p)
{
	return p->set.lang && langtag_is_cjk(pango_language_to_string(p->set.lang));
}

/*
 * In Chinese, Japanese or Korean text, an apostrophe inside a Latin word ("Go’s", "don’t") is
 * the Latin one (clreq_word_apostrophe): its proportional form ('pwid', in Noto CJK as in Source
 * Han) is asked for there, as the EPUB's stylesheet asks for it.
 */
static void latin_apostrophes(const struct para *p, PangoAttrList *attrs)
{
	const char *text = p->text->str;

	for (const char *c = strstr(text, "\xE2\x80\x99"); c; c = strstr(c + 3, "\xE2\x80\x99")) {
		PangoAttribute *a;

		if (!clreq_word_apostrophe(text, c))
			continue;
		a = pango_attr_font_features_new("pwid 1");
		a->start_index = (guint)(c - text);
		a->end_index = (guint)(c - text + 3);
		pango_attr_list_insert(attrs, a);
	}
}

/* Itemize with one font per span, split items at span edges, shape each item. */
static void shape(struct para *p)
{
	PangoAttrList *attrs = pango_attr_list_new();
	GList *items, *l;
	const char *text = p->text->str;
	int len = (int)p->text->len;
	guint span = 0;

	if (p->set.lang) {
		PangoAttribute *a = pango_attr_language_new(p->set.lang);

		pango_attr_list_insert(attrs, a);
	}
	for (guint i = 0; i < p->spans->len; i++) {
		const struct span *s = &g_array_index(p->spans, struct span, i);
		PangoAttribute *a = pango_attr_font_desc_new(s->style->font);

		a->start_index = (guint)s->start;
		a->end_index = (guint)s->end;
		pango_attr_list_insert(attrs, a);
	}
	if (cjk_para(p) && !p->set.keep_spaces)
		latin_apostrophes(p, attrs);
	tame_bidi_controls(p->text->str, len);
	/* Narrowing code measures fonts not yet pinned and fills a table all threads share: under the fonts' lock. */
	for (guint i = 0; i < p->spans->len; i++) {
		const struct span *s = &g_array_index(p->spans, struct span, i);

		if (s->style->mono) {
			fonts_lock();
			narrow_runs(p, attrs, s);
			fonts_unlock();
		}
	}
	/* Itemizing opens no face; each font it gives is pinned, which opens it the first time (format/fonts.h). */
	items = p->rtl ? pango_itemize_with_base_dir(p->ctx, PANGO_DIRECTION_RTL, text, 0, len, attrs, NULL)
		       : pango_itemize(p->ctx, text, 0, len, attrs, NULL);
	for (l = items; l; l = l->next)
		fonts_pin(((PangoItem *)l->data)->analysis.font);
	pango_attr_list_unref(attrs);
	for (l = items; l; l = l->next) {
		PangoItem *item = l->data;

		/* Split at every span edge inside the item, so each item has one style. Items and
		 * spans both run in text order, so one cursor walks the spans. */
		for (;;) {
			const struct span *s;

			while (span + 1 < p->spans->len
			       && g_array_index(p->spans, struct span, span).end <= item->offset)
				span++;
			s = &g_array_index(p->spans, struct span, span);
			if (s->end < item->offset + item->length) {
				int n = s->end - item->offset;
				PangoItem *head = pango_item_split(item, n, (int)g_utf8_strlen(text + item->offset, n));

				add_item(p, head, s->style);
				continue;
			}
			add_item(p, item, s->style);
			break;
		}
	}
	g_list_free(items);
	for (guint i = 0; i < p->items->len; i++) {
		PangoItem *item = g_ptr_array_index(p->items, i);
		PangoGlyphString *g = pango_glyph_string_new();

		pango_shape_with_flags(text + item->offset, item->length, text, len, &item->analysis, g,
				       PANGO_SHAPE_NONE);
		keep_selectors(g, text + item->offset);
		widen_enclosed(text + item->offset, item->length, item, g);
		g_ptr_array_add(p->glyphs, g);
	}
}

/*
 * A glyph's ink (x and width) and advance, in Pango units, from the HarfBuzz font Pango shaped
 * with, never from Cairo: paragraphs are set on other threads while the book's thread draws, and
 * Cairo 1.16's glyph cache locks a font, then the cache, where its eviction locks the cache, then
 * a font: a worker asking for a glyph's extents and the drawing thread evicting hung for good
 * (tests/threads.sh, once in a while). The same advances, ink within a unit in 1,024 of a point.
 */
static bool glyph_ink(PangoFont *font, PangoGlyph glyph, int *x, int *width)
{
	hb_glyph_extents_t e;

	if (glyph == PANGO_GLYPH_EMPTY || (glyph & PANGO_GLYPH_UNKNOWN_FLAG)
	    || !hb_font_get_glyph_extents(pango_font_get_hb_font(font), glyph, &e))
		return false;
	*x = e.x_bearing;
	*width = e.width;
	return true;
}

static int glyph_advance(PangoFont *font, const PangoGlyphInfo *g)
{
	if (g->glyph == PANGO_GLYPH_EMPTY || (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG))
		return g->geometry.width;	/* a hex box: as shaped */
	return hb_font_get_glyph_h_advance(pango_font_get_hb_font(font), g->glyph);
}

/*
 * The blank of a full-width mark that may be taken away, from where its ink sits in the em box:
 * SC and JP set ，。 and closing marks in the left half and opening marks in the right half;
 * TC centres its stops, which then give a quarter em on each side.
 */
static void find_blanks(struct cluster *c, PangoFont *font, const PangoGlyphInfo *g)
{
	int ink_x, ink_width, left, right, quarter = c->em / 4, half = c->em / 2;
	bool centred;

	switch (c->cls) {
	case CLREQ_OPEN: case CLREQ_CLOSE: case CLREQ_PAUSE: case CLREQ_STOP: case CLREQ_MIDDOT:
		break;
	default:
		return;
	}
	if (c->g1 - c->g0 != 1 || c->width < c->em * 9 / 10 || !font)
		return;
	if (!glyph_ink(font, g->glyph, &ink_x, &ink_width) || ink_width <= 0)
		return;
	c->mark = 1;
	left = ink_x;
	right = c->width - (ink_x + ink_width);
	centred = left >= quarter && right >= quarter;
	switch (c->cls) {
	case CLREQ_OPEN:
		if (left >= quarter)
			c->blank_l = centred ? quarter : MIN(left, half);
		break;
	case CLREQ_CLOSE:
		if (right >= quarter)
			c->blank_r = centred ? quarter : MIN(right, half);
		break;
	default:
		if (centred) {
			c->blank_l = quarter;
			c->blank_r = quarter;
		} else if (right >= quarter) {
			c->blank_r = MIN(right, half);
		}
		break;
	}
}

/* The shrink tier of a mark's blank inside a line. */
static int blank_tier(const struct cluster *c)
{
	switch (c->cls) {
	case CLREQ_MIDDOT:
		return SHRINK_MIDDOT;
	case CLREQ_OPEN: case CLREQ_CLOSE:
		return SHRINK_BRACKET;
	case CLREQ_PAUSE:
		return SHRINK_PAUSE;
	default:
		return SHRINK_STOP;
	}
}

static void cut_clusters(struct para *p, const PangoLogAttr *log)
{
	const char *text = p->text->str;
	int char_base = 0;

	for (guint i = 0; i < p->items->len; i++) {
		PangoItem *item = g_ptr_array_index(p->items, i);
		PangoGlyphItem gi = { .item = item, .glyphs = g_ptr_array_index(p->glyphs, i) };
		const struct para_style *style = g_ptr_array_index(p->styles, i);
		int em = font_size_units(style);
		PangoGlyphItemIter it;

		for (gboolean ok = pango_glyph_item_iter_init_start(&it, &gi, text); ok;
		     ok = pango_glyph_item_iter_next_cluster(&it)) {
			struct cluster c = { 0 };
			int g0 = MIN(it.start_glyph, it.end_glyph), g1 = MAX(it.start_glyph, it.end_glyph);
			int ci = char_base + it.start_char;

			if (it.start_glyph > it.end_glyph) {	/* right-to-left: glyphs run backwards */
				g0 = it.end_glyph + 1;
				g1 = it.start_glyph + 1;
			}
			c.start = it.start_index;
			c.end = it.end_index;
			c.item = (int)i;
			c.g0 = g0;
			c.g1 = g1;
			c.em = em;
			for (int g = g0; g < g1; g++)
				c.width += gi.glyphs->glyphs[g].geometry.width;
			c.first = g_utf8_get_char(text + c.start);
			c.last = g_utf8_get_char(g_utf8_prev_char(text + c.end));
			c.cls = (unsigned char)clreq_class(c.first);
			/* The ideographic space is a full-width blank box, kept like a character. */
			c.space = (log[ci].is_white && c.first != 0x3000) || c.first == '\n';
			c.rigid = style->code;
			c.must_break = ci > 0 && log[ci].is_mandatory_break;
			c.can_break = ci > 0 && log[ci].is_line_break;
			if (g1 > g0)
				find_blanks(&c, item->analysis.font, &gi.glyphs->glyphs[g0]);
			g_array_append_val(p->clusters, c);
		}
		char_base += item->num_chars;
	}
}

static bool ascii_digit(gunichar u)
{
	return u >= '0' && u <= '9';
}

/* Does the word starting at cluster k name a unit ("km" in "100 km")? */
static bool unit_word(struct para *p, int k)
{
	const char *s = p->text->str + cl(p, k)->start, *e = s;

	while (*e && (g_ascii_isalpha(*e) || *e == '%'))
		e++;
	if (!strncmp(e, "\xC2\xB0", 2))	/* °C, °F */
		e += 2;
	while (*e && g_ascii_isalpha(*e))
		e++;
	return (*e == 0 || !g_ascii_isalnum(*e)) && clreq_is_unit(s, (int)(e - s));
}

/*
 * A line ending before cluster k ends with the glyphs of cluster k - 1 at their font advance: kerning
 * with the glyph that is now on the next line must not make the last glyph's box stick out.
 */
static void note_end_kern(struct para *p, int k)
{
	struct cluster *c = cl(p, k - 1);
	PangoItem *item = g_ptr_array_index(p->items, c->item);
	PangoGlyphString *gs = g_ptr_array_index(p->glyphs, c->item);
	int adv = 0;

	if (c->space || c->g1 <= c->g0 || clreq_is_cjk(c->last) || !item->analysis.font)
		return;
	for (int g = c->g0; g < c->g1; g++)
		adv += glyph_advance(item->analysis.font, &gs->glyphs[g]);
	c->end_kern = MAX(0, adv - c->width);
}

/* Where lines may start: Pango's answer (UAX #14) corrected by CLREQ's prohibitions. */
/* Punctuation inline code may break after (mark_breaks). */
static bool code_break_after(gunichar u)
{
	return u && u < 0x80 && strchr(".:/_-,;=&?|", (int)u);
}

static void mark_breaks(struct para *p)
{
	int n = (int)p->clusters->len, last_ink = -1, run_chars = 0;

	for (int k = 0; k < n; k++) {
		struct cluster *c = cl(p, k), *prev = k > 0 ? cl(p, k - 1) : NULL;

		/* Characters of a run of dashes or ellipses before this cluster: "————" may break
		 * between its pairs, never inside one. */
		if (prev && clreq_inseparable(prev->last, c->first))
			run_chars += (int)g_utf8_strlen(p->text->str + prev->start, prev->end - prev->start);
		else
			run_chars = 0;
		if (k > 0 && !c->must_break && !c->space) {
			if (!prev->space) {
				c->can_break = clreq_break_between(prev->last, c->first, c->can_break);
				if (run_chars > 0 && run_chars % 2 == 0)
					c->can_break = true;
			} else if (last_ink < 0) {
				c->can_break = false;	/* never a line of only the spaces a line starts with */
			} else if (p->set.keep_spaces) {
				c->can_break = true;
			} else if (c->can_break) {
				/* Across spaces too: "文 ，" must not start a line with the comma. */
				const struct cluster *l = cl(p, last_ink);

				if ((clreq_no_line_start(c->first) && (c->cls != CLREQ_HALF_STOP || clreq_is_cjk(l->last)))
				    || clreq_no_line_end(l->last))
					c->can_break = false;
				/* A number and its unit: "100 km". */
				else if (ascii_digit(l->last) && k - last_ink == 2 && unit_word(p, k))
					c->can_break = false;
			}
			/* Breaks inside a run of Latin letters (after "/" in a URL, at "-") cost a little. */
			if (c->can_break && !prev->space && !clreq_is_cjk(prev->last) && !clreq_is_cjk(c->first))
				c->penalty = PENALTY_INSIDE_WORD;
			/*
			 * Inline code is never stretched, so a long piece of it ("172.16.0.3:8000") that
			 * does not fit at a line's end left the Chinese before it letter-spaced half an em
			 * apart: it may break after its punctuation, at a cost only such a line pays; after
			 * a run of it, not inside ("-" then "-dapr-port" read as two options).
			 */
			else if (!c->can_break && prev->rigid && c->rigid && !prev->space && code_break_after(prev->last)
				 && !code_break_after(c->first) && !clreq_is_cjk(c->first)) {
				c->can_break = true;
				c->penalty = PENALTY_INSIDE_CODE;
			}
		}
		if (c->can_break && k > 0)
			note_end_kern(p, k);
		if (c->must_break)
			last_ink = -1;
		if (!c->space)
			last_ink = k;
	}
}

/* "-" shaped in item i's font: the hyphen a line broken inside a word of that item ends with. */
static PangoGlyphString *hyphen_glyphs(struct para *p, int i)
{
	PangoGlyphString *g;

	if (!p->hyphens)
		p->hyphens = g_ptr_array_new_with_free_func((GDestroyNotify)pango_glyph_string_free);
	if ((guint)i >= p->hyphens->len)
		g_ptr_array_set_size(p->hyphens, (int)p->items->len);
	if (!(g = g_ptr_array_index(p->hyphens, i))) {
		PangoItem *item = g_ptr_array_index(p->items, i);

		g = pango_glyph_string_new();
		pango_shape_with_flags("-", 1, "-", 1, &item->analysis, g, PANGO_SHAPE_NONE);
		g_ptr_array_index(p->hyphens, i) = g;
	}
	return g;
}

/* Is the character at (or, before a word, ending at) c an apostrophe: ' or ’ (U+2019, from its first byte after a word or its last before one)? */
static bool apostrophe(const char *text, const char *c)
{
	return *c == '\'' || !strncmp(c, "\xE2\x80\x99", 3) || (c - text >= 2 && !strncmp(c - 2, "\xE2\x80\x99", 3));
}

/*
 * Does the character at (or, before a word, ending at) c join the word to more: a digit, an
 * address's "/", "@" or "_", a hyphen (a compound breaks at its own), an apostrophe
 * ("couldn't" is no word "couldn" to hyphenate)?
 */
static bool word_joined(const char *text, const char *c)
{
	return (*c && strchr("/@_-0123456789", *c)) || apostrophe(text, c);
}

/* Is cluster k a piece of a word to hyphenate (letters, none of them Chinese, Japanese or Korean; not code)? */
static bool word_letters(struct para *p, int k)
{
	const struct cluster *c = cl(p, k);
	const char *t = p->text->str;

	if (c->space || c->rigid || c->hidden)
		return false;
	for (const char *b = t + c->start; b < t + c->end; b = g_utf8_next_char(b)) {
		gunichar u = g_utf8_get_char(b);

		if (!g_unichar_isalpha(u) || clreq_is_cjk(u))
			return false;
	}
	return true;
}

/*
 * The patterns for the paragraph's language, when its words may be hyphenated at all (not code),
 * or NULL. A Chinese (Japanese, Korean) paragraph's Latin words are hyphenated as English: the
 * line before "Documentation" was letter-spaced a quarter em apart when the word did not fit.
 */
static const struct hyphen_patterns *patterns_of(const struct para *p)
{
	if (p->set.keep_spaces || !p->set.lang)
		return NULL;
	return hyphen_patterns_for(cjk_para(p) ? "en-US" : pango_language_to_string(p->set.lang));
}

/*
 * Where the words of clusters [from, to) may break with a hyphen (TeX's patterns, text/hyphen.c):
 * a word of letters alone, not in code, not joined to more (word_joined: addresses, file names,
 * compounds, contractions), not an acronym (two capitals or more; but a word wider than the
 * measure set all in capitals, caps_too: "QUAR-TER" in a table's head, not "QUART / ER"), not
 * inside a ligature's cluster. Outside English a word may follow an elision's apostrophe ("l'administration",
 * "dell'informazione"). Each such break costs PENALTY_HYPHEN and sets a hyphen's width at the
 * line's end. True when it marked any.
 */
static bool hyphenate_words(struct para *p, int from, int to, const struct hyphen_patterns *patterns, bool caps_too)
{
	bool any = false, english = pango_language_matches(p->set.lang, "en") || cjk_para(p);

	for (int k0 = from; k0 < to;) {
		int k1 = k0, start, len, capitals = 0, letters = 0;
		bool after[HYPHEN_MAX_BYTES] = { false }, elided;
		const char *text = p->text->str, *before, *end;

		if (!word_letters(p, k0)) {
			k0++;
			continue;
		}
		while (k1 < to && word_letters(p, k1) && (k1 == k0 || !cl(p, k1)->must_break))
			k1++;
		start = cl(p, k0)->start;
		len = cl(p, k1 - 1)->end - start;
		before = start > 0 ? text + start - 1 : NULL;
		end = text + start + len;
		for (const char *b = text + start; b < end; b = g_utf8_next_char(b), letters++)
			capitals += g_unichar_isupper(g_utf8_get_char(b)) ? 1 : 0;
		elided = !english && before && apostrophe(text, before);	/* "l'" of "l'administration" */
		/* (a dot inside a name: "example.com", "notes.txt") */
		if ((capitals < 2 || (caps_too && capitals == letters)) && (!before || elided || (!word_joined(text, before) && *before != '.'))
		    && !word_joined(text, end) && !(*end == '.' && g_ascii_isalnum(end[1]))
		    && len <= (int)sizeof(after) && hyphen_word(patterns, text + start, len, after)) {
			for (int k = k0 + 1; k < k1; k++) {
				struct cluster *c = cl(p, k);

				if (!after[c->start - start - 1] || c->can_break)
					continue;
				c->can_break = 1;
				c->hyphen = 1;
				c->penalty = PENALTY_HYPHEN;
				cl(p, k - 1)->hyphen_w = pango_glyph_string_get_width(hyphen_glyphs(p, cl(p, k - 1)->item));
				note_end_kern(p, k);
				any = true;
			}
		}
		k0 = k1;
	}
	return any;
}

/* Hyphenation points in a justified paragraph's words (its second try, as TeX's). True when it marked any. */
static bool mark_hyphens(struct para *p)
{
	const struct hyphen_patterns *patterns = p->set.align == PARA_JUSTIFY ? patterns_of(p) : NULL;

	return patterns && hyphenate_words(p, 0, (int)p->clusters->len, patterns, false);
}

static bool stretch_after(const struct cluster *a)
{
	return a->cls == CLREQ_CLOSE || a->cls == CLREQ_PAUSE || a->cls == CLREQ_STOP;
}

/* An opening or closing bracket or quote: its blank is beside its ink, in every locale. */
static bool bracket(const struct cluster *c)
{
	return c->cls == CLREQ_OPEN || c->cls == CLREQ_CLOSE;
}

/* Is cluster c set raised or lowered (a note's number, a superscript)? */
static bool raised(const struct para *p, const struct cluster *c)
{
	const struct para_style *s = g_ptr_array_index(p->styles, c->item);

	return s && s->rise != 0;
}

/* The gap between non-space clusters a and b = a + 1 (natural width, stretch, shrink). */
static void set_gap(struct para *p, struct cluster *a, struct cluster *b, int q)
{
	int em = MAX(a->em, b->em), half = em / 2;
	/* A mark's right blank goes only before a glyph at least as wide: else the mark's em box
	 * would reach past the next glyph's, and past the margin at a line end. */
	int ra = b->width >= a->blank_r ? a->blank_r : 0, lb = b->blank_l, take;
	bool compress = p->set.punct != PUNCT_FULL && !p->set.keep_spaces;

	/*
	 * Traditional Chinese keeps its centred marks (，。、；：？！) whole, even to push a line in;
	 * only the blank beside a bracket or quote may go (CLREQ: a bracket and the mark next to it
	 * take 1.5 em, not 2).
	 */
	if (p->hant) {
		ra = bracket(a) ? ra : 0;
		lb = bracket(b) ? lb : 0;
	}
	take = ra + lb;
	if (a->rigid && b->rigid)
		return;			/* inside inline code: as shaped */
	/* Adjacent marks ("。」", "，「", "）（"): the blank between them is halved (CLREQ 3.1.6.2). */
	if (compress && a->mark && b->mark && take > 0) {
		int c = MIN(take, half);

		b->gap -= c;
		take -= c;
	}
	if (take > 0) {
		b->shrink += take;
		b->shrink_tier = (unsigned char)MIN(ra ? blank_tier(a) : N_SHRINK, lb ? blank_tier(b) : N_SHRINK);
	}
	/* A note's raised number keeps to its word: no Chinese-Western space around it ("一首¹，"). */
	if (q > 0 && !p->set.keep_spaces && clreq_autospace(a->last, b->first) && !raised(p, a) && !raised(p, b)) {
		b->gap += q;
		b->shrink += q / 2;
		b->shrink_tier = SHRINK_CJK_LATIN;
		if (!a->rigid && !b->rigid) {
			b->st_space = MAX(0, half - q);
			b->st_cap = half;
			b->st_comfort = b->st_space;
		}
		return;
	}
	if (a->rigid || b->rigid || p->set.keep_spaces)
		return;
	if (clreq_inseparable(a->last, b->first) || clreq_no_line_start(b->first) || a->cls == CLREQ_OPEN
	    || (a->mark && b->mark && b->gap < 0))
		return;			/* marks stay with their text, and compressed marks together */
	if (!clreq_is_cjk(a->last) && !clreq_is_cjk(b->first))
		return;			/* Latin words are never letter-spaced */
	if (clreq_class(a->last) == CLREQ_OTHER && clreq_class(b->first) == CLREQ_OTHER)
		return;			/* a full-width symbol and its number: "￥100" */
	b->st_cap = half;
	b->st_comfort = em / 10;
	if (stretch_after(a)) {
		b->st_punct = em / 4;
		b->st_comfort += em / 4;
	}
}

/* A run of typed spaces [s0, s1) between clusters s0 - 1 and s1: its width, stretch and shrink. */
static void set_space_run(struct para *p, int s0, int s1, int q)
{
	struct cluster *l = s0 > 0 ? cl(p, s0 - 1) : NULL, *r = cl(p, s1);
	int em = MAX(l ? l->em : 0, r->em), half = em / 2, w = 0;

	if (p->set.keep_spaces || r->must_break)
		return;
	for (int k = s0; k < s1; k++) {
		if (cl(p, k)->rigid)
			return;		/* spaces in code stay as typed */
		w += cl(p, k)->width;
	}
	/* Beside full-width punctuation a typed space is not set: the mark has its blank. */
	if (l && !l->space && clreq_space_dropped(l->last, r->first)) {
		for (int k = s0; k < s1; k++)
			cl(p, k + 1)->gap -= cl(p, k)->width;
		return;
	}
	/* Between Chinese and Western text a typed space becomes the same space folio adds itself. */
	if (q > 0 && l && !l->space && clreq_autospace(l->last, r->first)) {
		cl(p, s0 + 1)->gap += q - cl(p, s0)->width;
		for (int k = s0 + 1; k < s1; k++)
			cl(p, k + 1)->gap -= cl(p, k)->width;
		w = q;
		r->shrink += q / 2;
		r->shrink_tier = SHRINK_CJK_LATIN;
	} else {
		/* Several typed spaces are one, as in the EPUB (HTML collapses white space). */
		for (int k = s0 + 1; k < s1; k++)
			cl(p, k + 1)->gap -= cl(p, k)->width;
		w = cl(p, s0)->width;
		r->shrink += w / 4;
		r->shrink_tier = SHRINK_WORD_SPACE;
	}
	r->st_space = MAX(0, half - w);
	r->st_cap = half;
	r->st_comfort = MAX(r->st_space, em / 8);
}

/* Natural widths, stretch and shrink of every gap. */
static void set_gaps(struct para *p)
{
	int n = (int)p->clusters->len;

	for (int k = 1; k < n; k++) {
		struct cluster *a = cl(p, k - 1), *b = cl(p, k);
		int q = (int)(p->set.cjk_latin_space * MAX(a->em, b->em));

		if (b->must_break || b->space)
			continue;
		if (!a->space) {
			set_gap(p, a, b, q);
		} else {
			int s0 = k - 1;

			while (s0 > 0 && cl(p, s0 - 1)->space && !cl(p, s0)->must_break)
				s0--;
			if (s0 > 0 && !cl(p, s0)->must_break)
				set_space_run(p, s0, k, (int)(p->set.cjk_latin_space * MAX(cl(p, s0 - 1)->em, b->em)));
		}
	}
}

static void prepare(struct para *p)
{
	const char *text = p->text->str;
	int n_chars;
	PangoLogAttr *log;

	if (p->shaped || p->text->len == 0)
		return;
	shape(p);
	n_chars = (int)g_utf8_strlen(text, (gssize)p->text->len);
	log = g_new0(PangoLogAttr, n_chars + 1);
	pango_get_log_attrs(text, (int)p->text->len, -1, p->set.lang, log, n_chars + 1);
	cut_clusters(p, log);
	g_free(log);
	/* "　　" typed at the start of a Chinese paragraph is its indent: the setting gives it. */
	for (guint k = 0; !p->set.keep_spaces && k < p->clusters->len; k++) {
		struct cluster *c = cl(p, (int)k);

		if (textnorm_indent_len(p->text->str + c->start) < (size_t)(c->end - c->start))
			break;
		c->hidden = 1;
		c->space = 1;
		c->width = 0;
	}
	mark_breaks(p);
	/* Spaces after a forced line break ("a<br> b") are not set, as HTML drops them in the EPUB. */
	for (int k = 0, n = (int)p->clusters->len; !p->set.keep_spaces && k < n; k++) {
		if (!cl(p, k)->must_break)
			continue;
		for (int j = k; j < n && cl(p, j)->space && (j == k || !cl(p, j)->must_break); j++) {
			cl(p, j)->hidden = 1;
			cl(p, j)->width = 0;
		}
	}
	set_gaps(p);
	p->shaped = true;
}

/* A slice of an item's glyphs [g0, g1) covering bytes [start, end), as a new glyph item. */
static PangoGlyphItem *slice(struct para *p, int item_index, int start, int end, int g0, int g1)
{
	PangoItem *item = g_ptr_array_index(p->items, item_index);
	PangoGlyphString *src = g_ptr_array_index(p->glyphs, item_index);
	PangoGlyphItem *gi = g_slice_new0(PangoGlyphItem);
	int shift = start - item->offset;

	gi->item = pango_item_copy(item);
	gi->item->offset = start;
	gi->item->length = end - start;
	gi->item->num_chars = (int)g_utf8_strlen(p->text->str + start, end - start);
	gi->glyphs = pango_glyph_string_new();
	pango_glyph_string_set_size(gi->glyphs, g1 - g0);
	for (int g = g0; g < g1; g++) {
		gi->glyphs->glyphs[g - g0] = src->glyphs[g];
		gi->glyphs->log_clusters[g - g0] = src->log_clusters[g] - shift;
	}
	return gi;
}

static double pt(gint64 units)
{
	return (double)units / PANGO_SCALE;
}

/* An opening mark starting a line is set half width (edges style). */
static int start_cut(struct para *p, int a)
{
	return p->edges && cl(p, a)->cls == CLREQ_OPEN ? cl(p, a)->blank_l : 0;
}

/* A closing mark or stop ending a line may be set half width (edges style). */
static int end_cut(struct para *p, int last)
{
	struct cluster *c = cl(p, last);

	/* Traditional Chinese: a closing bracket only; its centred stops stay whole. */
	if (p->hant)
		return p->edges && c->cls == CLREQ_CLOSE ? c->blank_r : 0;
	return p->edges && (c->cls == CLREQ_CLOSE || c->cls == CLREQ_PAUSE || c->cls == CLREQ_STOP) ? c->blank_r : 0;
}

static gint64 avail_for(const struct para *p, int start)
{
	return start == 0 ? p->avail_first : p->avail;
}

/* What a line of clusters [a, v) (v: after its last visible cluster) has to give and take. */
struct fit {
	gint64 width, cap, comfort, shrink;
};

static void fit_line(struct para *p, const struct sums *s, int a, int v, struct fit *f)
{
	if (v <= a) {
		memset(f, 0, sizeof(*f));
		return;
	}
	/* (a line [a, v) whose last cluster has a hyphen width ends at that hyphen point: vis[b] is v
	   only for b = v, a letter) */
	f->width = s->width[v] - s->width[a] + s->gap[v - 1] - s->gap[a] - start_cut(p, a) + cl(p, v - 1)->end_kern
		   + cl(p, v - 1)->hyphen_w;
	f->cap = s->cap[v - 1] - s->cap[a];
	f->comfort = s->comfort[v - 1] - s->comfort[a];
	f->shrink = s->shrink[v - 1] - s->shrink[a] + end_cut(p, v - 1);
}

/* How bad a line looks (0: as designed; 100: as stretched or squeezed as it should be). */
static double badness(const struct fit *f, gint64 avail, bool last)
{
	gint64 slack = avail - f->width;
	double r;

	if (slack >= 0) {
		if (last || slack == 0)
			return 0;
		if (slack > f->cap)
			return BADNESS_RAGGED + 1000.0 * (double)(slack - f->cap) / (double)avail;
		r = (double)slack / (double)MAX(f->comfort, 1);
	} else {
		r = (double)-slack / (double)MAX(f->shrink, 1);
	}
	return MIN(100.0 * r * r * r, BADNESS_MAX);
}

/* Is the line [a, v) one CJK character, perhaps with closing marks after it? */
static bool lonely(struct para *p, int a, int v)
{
	if (v - a < 1 || v - a > 4 || cl(p, a)->cls != CLREQ_LETTER)
		return false;
	for (int k = a + 1; k < v; k++)
		if (!clreq_no_line_start(cl(p, k)->first))
			return false;
	return true;
}

static bool breakpoint(struct para *p, int b)
{
	return cl(p, b)->can_break || cl(p, b)->emergency;
}

/* Has the word (run of letters) that cluster k is inside a hyphenation point at or after k (before s1)? */
static bool hyphen_ahead(struct para *p, int k, int s1)
{
	for (; k < s1 && word_letters(p, k); k++)
		if (cl(p, k)->hyphen)
			return true;
	return false;
}

/*
 * For each cluster of [s0, s1): whether the word (run of letters) it is in has a hyphenation
 * point, for all of them in one pass (asked anew at every break of a 100,000-letter word by
 * walking the word, the paragraph took two minutes). g_free.
 */
static bool *words_hyphenated(struct para *p, int s0, int s1)
{
	bool *has = g_new0(bool, (gsize)(s1 - s0) + 1);

	for (int k0 = s0; k0 < s1;) {
		int k1 = k0;
		bool any = false;

		if (!word_letters(p, k0)) {
			k0++;
			continue;
		}
		for (; k1 < s1 && word_letters(p, k1); k1++)
			any = any || cl(p, k1)->hyphen;
		for (int k = k0; k < k1; k++)
			has[k - s0] = any;
		k0 = k1;
	}
	return has;
}

/* Are clusters [a, b) one word (no space among them)? */
static bool one_word(struct para *p, int a, int b)
{
	for (int k = a; k < b; k++)
		if (cl(p, k)->space)
			return false;
	return true;
}

/* Is the line from node a to v so short that its gaps cannot fill it (it would stay ragged)? */
static bool too_short(struct para *p, const struct sums *s, int a, int v)
{
	struct fit f;

	fit_line(p, s, a, v, &f);
	return f.width + f.cap < avail_for(p, a);
}

/* Does the line that ends before cluster b, its last visible one before v, end with a hyphen (set or written)? */
static bool ends_with_hyphen(struct para *p, int b, int v)
{
	gunichar last;

	if (cl(p, b)->hyphen)
		return true;
	if (v <= 0)
		return false;
	last = g_utf8_get_char(g_utf8_prev_char(p->text->str + cl(p, v - 1)->end));
	return last == '-' || last == 0x2010;	/* HYPHEN-MINUS, HYPHEN */
}

/*
 * Total-fit line breaking (Knuth-Plass) of clusters [s0, s1); appends line ends to out. No more
 * than HYPHEN_LADDER lines in a row end with a hyphen, unless the lines without would be stretched
 * past their limit.
 */
static void break_total_fit(struct para *p, const struct sums *s, GArray *store, int s0, int s1, GArray *out)
{
	int nn = 0, first = 0, n_before = (int)out->len;
	bool para_end = s1 == (int)p->clusters->len, *hyphenated_word = words_hyphenated(p, s0, s1);
	struct node *nodes;

	/* (store grows as nodes come: most breaks have one, a hyphen up to LADDER_CLASSES) */
	g_array_set_size(store, MAX(store->len, (guint)(s1 - s0 + 1)));
	nodes = (struct node *)(void *)store->data;
	nodes[nn++] = (struct node){ s0, -1, 0, 0 };
	for (int b = s0 + 1; b <= s1; b++) {
		bool end = b == s1, hyphenated;
		int v, fill_end = nn, best_i[LADDER_CLASSES];
		double best[LADDER_CLASSES], least = INFINITY, penalty;

		if (!end && !breakpoint(p, b))
			continue;
		v = p->vis[b];
		hyphenated = !end && ends_with_hyphen(p, b, v);
		for (int k = 0; k < LADDER_CLASSES; k++) {
			best[k] = INFINITY;
			best_i[k] = -1;
		}
		penalty = end ? 0 : (double)cl(p, b)->penalty * cl(p, b)->penalty;
		/* (a break with no hyphen in a word that has hyphenation points: as bad as a ragged line) */
		/* (the word around b: b's own, or the one b - 1 ends) */
		if (!end && cl(p, b)->emergency && (hyphenated_word[b - s0] || hyphenated_word[b - 1 - s0]))
			penalty += BADNESS_RAGGED * BADNESS_RAGGED;
		/* Lines from later nodes are shorter. Those too short to be filled (ragged) cost more
		 * than any other line, so they are tried only when nothing better reaches b: find where
		 * they begin (binary search) and leave them out first. */
		if (!end) {
			int lo = first, hi = nn;

			while (lo < hi) {
				int mid = lo + (hi - lo) / 2;

				if (too_short(p, s, nodes[mid].pos, v))
					hi = mid;
				else
					lo = mid + 1;
			}
			fill_end = lo;
		}
		for (int pass = 0; pass < 2; pass++) {
			int from = pass == 0 ? first : MAX(first, fill_end), to = pass == 0 ? fill_end : nn;

			if (pass == 1 && least < BADNESS_RAGGED * BADNESS_RAGGED / 10)
				break;
			for (int i = from; i < to; i++) {
				int a = nodes[i].pos, k = hyphenated ? MIN(nodes[i].ladder + 1, HYPHEN_LADDER + 1) : 0;
				gint64 avail = avail_for(p, a);
				struct fit f;
				double bad, d;

				fit_line(p, s, a, v, &f);
				if (f.width - f.shrink > avail) {
					/* Overfull now, and for every later break too: no longer a line start
					   (nor are the other nodes at a, which come after it). */
					first = i + 1;
					if (i < nn - 1 || least < INFINITY)
						continue;
					/* Nothing fits: a piece wider than the measure; take it rather than lose it. */
					d = nodes[i].demerits + 1e12;
				} else {
					bad = badness(&f, avail, end);
					d = nodes[i].demerits + (LINE_PENALTY + bad) * (LINE_PENALTY + bad) + penalty;
					if (end && para_end && a > 0 && lonely(p, a, v))
						d += LONELY_DEMERITS;
					/* (a line starting at a hyphen point follows a hyphenated line) */
					if (a > 0 && cl(p, a)->hyphen)
						d += end ? FINAL_HYPHEN_DEMERITS : cl(p, b)->hyphen ? DOUBLE_HYPHEN_DEMERITS : 0;
					if (k > HYPHEN_LADDER)
						d += LADDER_DEMERITS;
				}
				if (d < best[k]) {
					best[k] = d;
					best_i[k] = i;
				}
				least = MIN(least, d);
			}
		}
		/* One node for each count of hyphens in a row that reaches b: the best path with fewer
		   may be worse here and better later, where a fourth hyphen would be needed. */
		if ((guint)(nn + LADDER_CLASSES) > store->len) {
			g_array_set_size(store, store->len * 2 + LADDER_CLASSES);
			nodes = (struct node *)(void *)store->data;
		}
		for (int k = 0; k < LADDER_CLASSES; k++)
			if (best_i[k] >= 0)
				nodes[nn++] = (struct node){ b, best_i[k], best[k], k };
	}
	/* The last node ends the segment (its line has no hyphen: one node); walk back to its first line. */
	for (int i = nn - 1; i > 0; i = nodes[i].prev) {
		int e = nodes[i].pos;

		g_array_append_val(out, e);
	}
	for (int i = n_before, j = (int)out->len - 1; i < j; i++, j--) {
		int t = g_array_index(out, int, i);

		g_array_index(out, int, i) = g_array_index(out, int, j);
		g_array_index(out, int, j) = t;
	}
	g_free(hyphenated_word);
}

/*
 * The paragraph's last line set ragged is not one lonely CJK character either (a contents entry's
 * "赔" before its leaders, a heading's last character): the line above gives it its last piece,
 * where the new last line fits. (Justified lines weigh this in break_total_fit.)
 */
static void avoid_lonely_last(struct para *p, const struct sums *s, int s0, int s1, GArray *out, guint start)
{
	int a, prev, b;
	struct fit f;

	if (s1 != (int)p->clusters->len || out->len < start + 2)
		return;
	a = g_array_index(out, int, out->len - 2);
	prev = out->len >= start + 3 ? g_array_index(out, int, out->len - 3) : s0;
	if (!lonely(p, a, p->vis[s1]))
		return;
	for (b = a - 1; b > prev && !(cl(p, b)->can_break && !cl(p, b)->hyphen); b--)
		;
	if (b <= prev)
		return;
	fit_line(p, s, b, p->vis[s1], &f);
	if (f.width <= avail_for(p, b))
		g_array_index(out, int, out->len - 2) = b;
}

/*
 * First-fit line breaking for lines that are not justified. A word wider than the measure ends
 * its line at its last hyphenation point that fits, or its own last break ("/" in "and/or"), rather
 * than at a later break inside a letter run; where none fits, a word that has hyphenation points
 * begins the next line.
 */
static void break_first_fit(struct para *p, const struct sums *s, int s0, int s1, GArray *out)
{
	int a = s0;
	guint start = out->len;

	while (a < s1) {
		int best = -1, first = -1, plain = -1, hyphen = -1;
		gint64 avail = avail_for(p, a);

		for (int b = a + 1; b <= s1; b++) {
			struct fit f;

			if (b < s1 && !breakpoint(p, b))
				continue;
			if (first < 0)
				first = b;
			fit_line(p, s, a, p->vis[b], &f);
			if (f.width > avail)
				break;
			best = b;
			if (b < s1 && cl(p, b)->hyphen)
				hyphen = b;
			else if (b == s1 || !cl(p, b)->emergency)
				plain = b;
		}
		if (best >= 0 && best < s1 && cl(p, best)->emergency) {
			if (hyphen > plain)
				best = hyphen;
			else if (plain > a && (hyphen_ahead(p, best, s1) || one_word(p, plain, best)))
				best = plain;	/* at the word's own break ("/"), or the word whole to the next line */
		}
		if (best < 0)
			best = first;	/* a piece wider than the measure */
		g_array_append_val(out, best);
		a = best;
	}
	avoid_lonely_last(p, s, s0, s1, out, start);
}

static void allow_emergency_breaks(struct para *p, int from, int to)
{
	bool parted = false;

	/* Words joined by no-break spaces ("is&nbsp;not&nbsp;found" over a whole line) part at them,
	 * not inside a word (a word still wider than the measure is allow_forced_breaks'). */
	for (int j = from + 1; j < to; j++) {
		struct cluster *x = cl(p, j), *y = cl(p, j - 1);

		if (y->space && !x->space && !x->can_break && !x->emergency
		    && (y->first == 0x00A0 || y->first == 0x202F || y->first == 0x2007)) {
			x->emergency = 1;
			x->penalty = PENALTY_NO_BREAK_SPACE;
			note_end_kern(p, j);
			parted = true;
		}
	}
	for (int j = from + 1; j < to && !parted; j++) {
		struct cluster *x = cl(p, j), *y = cl(p, j - 1);

		if (x->space || y->space || x->can_break || x->emergency || clreq_no_line_start(x->first)
		    || clreq_no_line_end(y->last) || clreq_inseparable(y->last, x->first))
			continue;
		x->emergency = 1;
		x->penalty = PENALTY_EMERGENCY;
		note_end_kern(p, j);
	}
}

/*
 * Pieces of [from, to) still wider than avail once emergency breaks are allowed are runs that CLREQ
 * never lets break ("好！！！！…", "。。。。…", a long "————"): the measure wins over the
 * prohibitions there, at a cost above any other break, so the run never crosses the margin.
 */
static void allow_forced_breaks(struct para *p, int from, int to, gint64 avail)
{
	int start = from;
	gint64 w = 0, vis_w = 0;

	for (int k = from; k <= to; k++) {
		struct cluster *c = k < to ? cl(p, k) : NULL;

		if (k == to || (k > start && (c->can_break || c->emergency))) {
			bool ink = !cl(p, start)->space;

			for (int j = start + 1; vis_w > avail && j < k; j++) {
				struct cluster *x = cl(p, j);
				/* Code indented wider than the measure: its text goes below a line of the spaces
				 * alone (it was set past the margin, off the page). */
				bool indent = !ink && !x->space && p->set.keep_spaces;

				/* Never a line of spaces alone (but that), nor one that starts with a space; after
				 * one, yes ("e /": Unicode keeps "/" with the word before it even across the space). */
				if (x->space || (!ink && !indent) || x->can_break || x->emergency) {
					ink |= !x->space;
					continue;
				}
				ink = true;
				x->emergency = 1;
				x->penalty = PENALTY_FORCED;
				note_end_kern(p, j);
			}
			start = k;
			w = 0;
			vis_w = 0;
		}
		if (k < to) {
			w += c->width + (k > start ? c->gap : 0);
			if (!c->space)
				vis_w = w;
		}
	}
}

/* Does text [s, e) look like a URL or an e-mail address? */
static bool url_like(const char *s, const char *e)
{
	const char *at = memchr(s, '@', (size_t)(e - s));

	if (at && at > s && at + 1 < e)
		return true;
	for (const char *t = s; t + 3 <= e; t++)
		if (!memcmp(t, "://", 3) || (t + 4 <= e && !g_ascii_strncasecmp(t, "www.", 4)))
			return true;
	return false;
}

/*
 * Allow breaks anywhere inside words wider than the measure (long numbers, paths) and inside URLs
 * and addresses, which are not words: never past the margin, and a URL does not leave the line
 * before it half empty. They cost a penalty, so they are taken only when they help; a word with
 * hyphenation points breaks at those first, with a hyphen.
 */
static void mark_emergency_breaks(struct para *p)
{
	int n = (int)p->clusters->len, start = 0, word = -1;
	gint64 avail = (gint64)((p->set.width - MAX(p->set.indent, 0)) * PANGO_SCALE), w = 0, vis_w = 0;
	const struct hyphen_patterns *patterns = NULL;
	bool looked_up = false;	/* (the patterns are looked up for the first too-wide piece only) */

	for (int k = 0; k <= n; k++) {
		struct cluster *c = k < n ? cl(p, k) : NULL;

		/* Pieces between break opportunities. */
		if (k == n || (k > start && (c->can_break || c->must_break))) {
			if (vis_w > avail) {
				/* A word wider than the measure breaks at its hyphenation points first, in any
				   alignment; an address is no word. */
				if (!looked_up) {
					patterns = patterns_of(p);
					looked_up = true;
				}
				if (patterns && !url_like(p->text->str + cl(p, start)->start, p->text->str + cl(p, k - 1)->end))
					hyphenate_words(p, start, k, patterns, true);
				allow_emergency_breaks(p, start, k);
				allow_forced_breaks(p, start, k, avail);
			}
			start = k;
			w = 0;
			vis_w = 0;
		}
		if (k < n) {
			w += c->width + (k > start ? c->gap : 0);
			if (!c->space)
				vis_w = w;
		}
		/* Words: runs of Western characters. */
		if (k == n || c->space || c->must_break || clreq_is_cjk(c->first)) {
			if (word >= 0 && url_like(p->text->str + cl(p, word)->start, p->text->str + cl(p, k - 1)->end))
				allow_emergency_breaks(p, word, k);
			word = -1;
		} else if (word < 0) {
			word = k;
		}
	}
}

/* How far gap g may go in tier: stretch tiers fill up to a level, shrink tiers take one kind of blank. */
static int limit_in(const struct cluster *g, int tier, bool stretch)
{
	if (!stretch)
		return g->shrink_tier == tier ? g->shrink : 0;
	switch (tier) {
	case STRETCH_SPACE:
		return g->st_space;
	case STRETCH_PUNCT:
		return g->st_space + g->st_punct;
	default:
		return g->st_cap;
	}
}

/* Give amount to the gaps of [s + 1, v), evenly, each up to its limit in tier; returns what is left. */
static gint64 spread(struct para *p, int s, int v, gint64 amount, int tier, bool stretch)
{
	while (amount > 0) {
		int n = 0;
		gint64 room = 0, share, rest;
		bool capped = false;

		for (int k = s + 1; k < v; k++) {
			struct cluster *g = cl(p, k);
			int limit = limit_in(g, tier, stretch);

			if (limit > g->extra) {
				n++;
				room += limit - g->extra;
			}
		}
		if (n == 0)
			return amount;
		if (room <= amount) {
			for (int k = s + 1; k < v; k++)
				cl(p, k)->extra = MAX(cl(p, k)->extra, limit_in(cl(p, k), tier, stretch));
			return amount - room;
		}
		/* Gaps with less room than an even share fill up; the rest is shared again. */
		share = amount / n;
		for (int k = s + 1; k < v; k++) {
			struct cluster *g = cl(p, k);
			int limit = limit_in(g, tier, stretch);

			if (limit > g->extra && limit - g->extra <= share) {
				amount -= limit - g->extra;
				g->extra = limit;
				capped = true;
			}
		}
		if (capped)
			continue;
		/* Every gap takes the share; the units left over go one each from the left. */
		rest = amount - share * n;
		for (int k = s + 1; k < v; k++) {
			struct cluster *g = cl(p, k);

			if (limit_in(g, tier, stretch) > g->extra) {
				g->extra += (int)share + (rest > 0 ? 1 : 0);
				rest--;
			}
		}
		return 0;
	}
	return amount;
}

/*
 * The line's runs placed in visual order (Unicode's bidi rule L2: from the highest embedding level
 * down to the lowest odd one, each stretch at that level or above reversed), from the left edge;
 * they stay in text order in the list (drawn, tagged and read in it).
 */
static void place_visually(struct para_line *line, const int *levels)
{
	guint n = line->runs->len;
	int *order = g_new(int, n + 1), top = 0, low_odd = 255;
	double x = 0;

	for (guint i = 0; i < n; i++) {
		order[i] = (int)i;
		top = MAX(top, levels[i]);
		if (levels[i] % 2)
			low_odd = MIN(low_odd, levels[i]);
	}
	for (int lvl = top; lvl >= low_odd && lvl > 0; lvl--)
		for (guint i = 0; i < n;) {
			guint j = i;

			while (j < n && levels[order[j]] >= lvl)
				j++;
			for (guint lo = i, hi = j; hi > lo + 1; lo++, hi--) {
				int t = order[lo];

				order[lo] = order[hi - 1];
				order[hi - 1] = t;
			}
			i = j > i ? j : i + 1;
		}
	for (guint i = 0; i < n; i++) {
		struct para_run *r = g_ptr_array_index(line->runs, order[i]);

		r->x = x;
		x += r->width;
	}
	g_free(order);
}

static void add_line(struct para *p, const struct sums *s, int a, int e, bool last)
{
	struct para_line *line = g_new0(struct para_line, 1);
	int v = MAX(p->vis[e], a), scut = 0, ecut = 0, x = 0, size = 0, base;
	GArray *levels;
	gint64 avail = avail_for(p, a), slack;
	struct fit f;

	fit_line(p, s, a, v, &f);
	for (int k = a; k < e; k++)
		cl(p, k)->extra = 0;
	slack = avail - f.width;
	if (v > a)
		scut = start_cut(p, a);
	if (slack > 0 && !last && p->set.align == PARA_JUSTIFY && !p->set.keep_spaces) {
		slack = spread(p, a, v, slack, STRETCH_SPACE, true);
		slack = spread(p, a, v, slack, STRETCH_PUNCT, true);
		spread(p, a, v, slack, STRETCH_EVEN, true);
	} else if (slack < 0) {
		gint64 need = -slack;

		if (v > a) {
			ecut = (int)MIN(need, (gint64)end_cut(p, v - 1));
			need -= ecut;
		}
		for (int t = SHRINK_WORD_SPACE; t < N_SHRINK && need > 0; t++)
			need = spread(p, a, v, need, t, false);
		for (int k = a + 1; k < v; k++)
			cl(p, k)->extra = -cl(p, k)->extra;
	}
	line->start = cl(p, a)->start;
	line->end = cl(p, e - 1)->end;
	line->last = last;
	line->runs = g_ptr_array_new_with_free_func(run_free);
	levels = g_array_new(FALSE, FALSE, sizeof(int));
	/* Runs: consecutive clusters of one item; each cluster's last glyph carries the gap after it;
	 * trailing spaces keep their text but no width. */
	for (int k = a; k < e;) {
		int item = cl(p, k)->item, j = k, width = 0, g_lo, g_hi, level;
		struct para_run *r = g_new0(struct para_run, 1);
		PangoGlyphInfo *g;

		while (j < e && cl(p, j)->item == item)
			j++;
		/* The glyphs of a right-to-left item run backwards: its first cluster holds the last ones. */
		g_lo = MIN(cl(p, k)->g0, cl(p, j - 1)->g0);
		g_hi = MAX(cl(p, k)->g1, cl(p, j - 1)->g1);
		r->glyphs = slice(p, item, cl(p, k)->start, cl(p, j - 1)->end, g_lo, g_hi);
		g = r->glyphs->glyphs->glyphs;
		for (int m = k; m < j; m++) {
			struct cluster *c = cl(p, m);
			int first = c->g0 - g_lo, lastg = c->g1 - 1 - g_lo, add = 0;

			if (m >= v || c->hidden) {
				for (int q = first; q <= lastg; q++)
					g[q].geometry.width = 0;
				continue;
			}
			if (m + 1 < v)
				add += cl(p, m + 1)->gap + cl(p, m + 1)->extra;
			if (m == v - 1)
				add += c->end_kern - ecut;
			if (m == a && scut && lastg >= first) {
				g[first].geometry.x_offset -= scut;
				add -= scut;
			}
			if (lastg >= first)
				g[lastg].geometry.width += add;
			width += c->width + add;
		}
		r->style = g_ptr_array_index(p->styles, item);
		level = ((PangoItem *)g_ptr_array_index(p->items, item))->analysis.level;
		g_array_append_val(levels, level);
		r->x = pt(x);
		r->width = pt(width);
		x += width;
		size = MAX(size, font_size_units(r->style));
		g_ptr_array_add(line->runs, r);
		k = j;
	}
	/* Right-to-left text among them, or a right-to-left paragraph: its runs in visual order. */
	for (guint i = 0; i < levels->len; i++)
		if (g_array_index(levels, int, i) > 0) {
			place_visually(line, (const int *)(void *)levels->data);
			break;
		}
	g_array_free(levels, TRUE);
	/* Broken inside a word: its hyphen after the last run, in the last letter's font and look. */
	if (v == e && v > a && !last && cl(p, v - 1)->hyphen_w && !p->rtl) {
		struct cluster *c = cl(p, v - 1);
		PangoItem *item = g_ptr_array_index(p->items, c->item);

		line->hyphen = pango_glyph_string_copy(hyphen_glyphs(p, c->item));
		line->hyphen_font = g_object_ref(item->analysis.font);
		line->hyphen_style = g_ptr_array_index(p->styles, c->item);
		line->hyphen_x = pt(x);
		x += c->hyphen_w;
	}
	line->width = pt(x);
	/* A line wider than the measure (a word that cannot break) starts at the left edge and runs
	   past the right one, as CSS sets it, whatever the alignment: never out past the left margin. */
	switch (p->set.align) {
	case PARA_CENTER:
		line->x = MAX(0, (pt(avail) - line->width) / 2);
		break;
	case PARA_RIGHT:
		line->x = p->rtl ? 0 : MAX(0, pt(avail) - line->width);
		break;
	default:
		/* Right to left, a line starts at the right edge (the first one's indent is its right) */
		line->x = p->rtl ? MAX(0, pt(avail) - line->width) : 0;
		break;
	}
	if (a == 0 && (!p->rtl || p->set.align == PARA_CENTER))
		line->x += p->set.indent;
	/* Line box: the body pitch, scaled when the line holds larger type. */
	base = font_size_units(g_array_index(p->spans, struct span, 0).style);
	size = MAX(size, base);
	if (p->set.grid_size > 0) {
		/* On the grid: the body line's baseline; whole pitches above it for type whose em box
		 * would reach past the line's top. */
		double pitch = p->set.line_height, gs = p->set.grid_size, sz = pt(size);
		double asc = 0.88 * gs + (pitch - gs) / 2;

		line->ascent = asc;
		while (line->ascent < 0.88 * sz - 0.01)
			line->ascent += pitch;
		line->descent = pitch - asc;
	} else {
		double pitch = p->set.line_height * size / base, sz = pt(size);

		line->ascent = 0.88 * sz + (pitch - sz) / 2;
		line->descent = pitch - line->ascent;
	}
	g_ptr_array_add(p->lines, line);
}

/* The line ends of every segment (between forced breaks) into ends. */
static void break_lines(struct para *p, const struct sums *s, GArray *nodes, GArray *ends)
{
	int n = (int)p->clusters->len;

	for (int s0 = 0; s0 < n;) {
		int s1 = s0 + 1;

		while (s1 < n && !cl(p, s1)->must_break)
			s1++;
		if (p->set.align == PARA_JUSTIFY && !p->set.keep_spaces)
			break_total_fit(p, s, nodes, s0, s1, ends);
		else
			break_first_fit(p, s, s0, s1, ends);
		s0 = s1;
	}
}

/* Does every line but the last of each segment look PRETOLERANCE or better? */
static bool lines_look_good(struct para *p, const struct sums *s, const GArray *ends)
{
	int n = (int)p->clusters->len, a = 0;

	for (guint i = 0; i < ends->len; i++) {
		int e = g_array_index(ends, int, i);
		struct fit f;

		fit_line(p, s, a, MAX(p->vis[e], a), &f);
		if (e < n && !cl(p, e)->must_break && badness(&f, avail_for(p, a), false) > PRETOLERANCE)
			return false;
		a = e;
	}
	return true;
}

/*
 * The lines hold their own glyphs: the shaping is given back (shaped again if the paragraph is
 * measured later). An article's pages wait for its last one, and this was most of what they
 * held: some 140 bytes a character (20 MB of text took 3.3 GB).
 */
static void give_back_shaping(struct para *p)
{
	g_clear_pointer(&p->hyphens, g_ptr_array_unref);
	g_ptr_array_set_size(p->items, 0);
	g_ptr_array_set_size(p->glyphs, 0);
	g_ptr_array_set_size(p->styles, 0);
	g_array_free(p->clusters, TRUE);
	p->clusters = g_array_new(FALSE, FALSE, sizeof(struct cluster));
	p->shaped = false;
}

/* Break the shaped paragraph into lines (p->lines). */
static void set_lines(struct para *p)
{
	int n;
	struct sums s;
	gint64 *block;
	GArray *nodes;
	GArray *ends;

	prepare(p);
	n = (int)p->clusters->len;
	if (n == 0)
		return;
	mark_emergency_breaks(p);
	/* One block for the sums, one for the search: nothing per character. */
	block = g_new(gint64, 5 * (gsize)(n + 1));
	s.width = block;
	s.gap = block + (n + 1);
	s.cap = block + 2 * (n + 1);
	s.comfort = block + 3 * (n + 1);
	s.shrink = block + 4 * (n + 1);
	p->vis = g_new(int, n + 1);
	s.width[0] = s.gap[0] = s.cap[0] = s.comfort[0] = s.shrink[0] = 0;
	p->vis[0] = 0;
	for (int k = 0; k < n; k++) {
		struct cluster *c = cl(p, k);

		s.width[k + 1] = s.width[k] + c->width;
		p->vis[k + 1] = c->space ? p->vis[k] : k + 1;
		if (k > 0) {	/* index k: the gaps before clusters 1..k */
			s.gap[k] = s.gap[k - 1] + c->gap;
			s.cap[k] = s.cap[k - 1] + c->st_cap;
			s.comfort[k] = s.comfort[k - 1] + c->st_comfort;
			s.shrink[k] = s.shrink[k - 1] + c->shrink;
		}
	}
	s.gap[n] = s.gap[n - 1];
	s.cap[n] = s.cap[n - 1];
	s.comfort[n] = s.comfort[n - 1];
	s.shrink[n] = s.shrink[n - 1];
	nodes = g_array_new(FALSE, FALSE, sizeof(struct node));
	ends = g_array_new(FALSE, FALSE, sizeof(int));
	break_lines(p, &s, nodes, ends);
	/* As TeX does: words are hyphenated only where the lines without would look worse than that. */
	if (!lines_look_good(p, &s, ends) && mark_hyphens(p)) {
		g_array_set_size(ends, 0);
		break_lines(p, &s, nodes, ends);
	}
	for (guint i = 0, a = 0; i < ends->len; i++) {
		int e = g_array_index(ends, int, i);
		bool last = e == n || cl(p, e)->must_break;

		add_line(p, &s, (int)a, e, last);
		a = (guint)e;
	}
	g_array_free(ends, TRUE);
	g_array_free(nodes, TRUE);
	g_free(block);
	g_free(p->vis);
	p->vis = NULL;
}

/* ---- lines kept for a batch's next books (parakeep.h) ---- */

static void key_put(GByteArray *k, const void *data, gsize len)
{
	g_byte_array_append(k, data, (guint)len);
}

/* A string or none, told apart from "". */
static void key_str(GByteArray *k, const char *s)
{
	guint8 has = s != NULL;

	key_put(k, &has, 1);
	if (s)
		key_put(k, s, strlen(s) + 1);
}

/* Everything that sets p's lines, as bytes: the same bytes, the same lines (and the same drawing). */
static GBytes *set_key(const struct para *p)
{
	GByteArray *k = g_byte_array_sized_new((guint)p->text->len + 96 + 64 * p->spans->len);
	PangoFontMap *map = pango_context_get_font_map(p->ctx);
	/* Padding zeroed: the struct is compared as bytes. */
	struct {
		double width, indent, line_height, cjk_latin_space, grid_size;
		gint32 align, keep_spaces, punct, text_len;
		gconstpointer lang, fonts;
	} set;

	memset(&set, 0, sizeof set);
	set.width = p->set.width;
	set.indent = p->set.indent;
	set.line_height = p->set.line_height;
	set.cjk_latin_space = p->set.cjk_latin_space;
	set.grid_size = p->set.grid_size;
	set.align = p->set.align;
	set.keep_spaces = p->set.keep_spaces;
	set.punct = p->set.punct;
	set.text_len = (gint32)p->text->len;
	set.lang = p->set.lang;	/* interned by Pango */
	/* The fonts' set-up (every map of a run on it alike), not the map: each thread has its own. */
	set.fonts = PANGO_IS_FC_FONT_MAP(map) ? (gconstpointer)pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(map))
					      : (gconstpointer)map;
	key_put(k, &set, sizeof set);
	key_str(k, p->set.scope);
	key_put(k, p->text->str, p->text->len);
	for (guint i = 0; i < p->spans->len; i++) {
		const struct span *sp = &g_array_index(p->spans, struct span, i);
		const struct para_style *st = sp->style;
		char *font = pango_font_description_to_string(st->font);
		struct {
			double rise;
			gint32 start, end;
			guint32 color;
			guint32 flags;
		} run;

		memset(&run, 0, sizeof run);
		run.rise = st->rise;
		run.start = sp->start;
		run.end = sp->end;
		run.color = st->color;
		run.flags = st->underline | st->strike << 1 | st->code << 2 | st->mono << 3 | st->dots << 4;
		key_put(k, &run, sizeof run);
		key_str(k, font);
		key_str(k, st->link);
		g_free(font);
	}
	return g_byte_array_free_to_bytes(k);
}

/* The set's own copy of style (one per style). */
static const struct para_style *style_copy(GHashTable *copies, struct para_set *set, const struct para_style *style)
{
	struct para_style *c;

	if (!style)
		return NULL;
	if ((c = g_hash_table_lookup(copies, style)))
		return c;
	c = g_new(struct para_style, 1);
	*c = *style;
	c->font = pango_font_description_copy(style->font);
	c->link = g_strdup(style->link);
	g_ptr_array_add(set->styles, c);
	g_hash_table_insert(copies, (gpointer)style, c);
	return c;
}

/* A glyph string's bytes. */
static size_t glyphs_bytes(const PangoGlyphString *g)
{
	return g ? sizeof *g + (size_t)g->num_glyphs * (sizeof(PangoGlyphInfo) + sizeof(int)) : 0;
}

static bool has_hex_box(const PangoGlyphString *g)
{
	for (int k = 0; g && k < g->num_glyphs; k++)
		if (g->glyphs[k].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			return true;
	return false;
}

/* Does a line of p draw a missing character's box (its hyphen too: a font may have no "-")? */
static bool draws_hex_box(const struct para *p)
{
	for (guint i = 0; i < p->lines->len; i++) {
		const struct para_line *l = g_ptr_array_index(p->lines, i);

		if (has_hex_box(l->hyphen))
			return true;
		for (guint r = 0; r < l->runs->len; r++)
			if (has_hex_box(((const struct para_run *)g_ptr_array_index(l->runs, r))->glyphs->glyphs))
				return true;
	}
	return false;
}

/*
 * p's lines kept under key for its next book: their runs now point at the set's copies of
 * their styles. The bytes counted are what the lines hold, with 32 for each allocation's
 * own keeping. Lines with a missing character's box are not kept: the box's face is pinned
 * only by shaping (fonts_pin_shaped).
 */
static void keep_lines(struct para *p, GBytes *key)
{
	struct para_set *set;
	GHashTable *copies;
	size_t bytes = sizeof *set + 64;

	if (draws_hex_box(p))
		return;
	set = g_new0(struct para_set, 1);
	copies = g_hash_table_new(NULL, NULL);
	set->ref = 1;
	set->styles = g_ptr_array_new_with_free_func(style_copy_free);
	for (guint i = 0; i < p->lines->len; i++) {
		struct para_line *l = g_ptr_array_index(p->lines, i);

		bytes += sizeof *l + 64 + l->runs->len * sizeof(gpointer);
		for (guint r = 0; r < l->runs->len; r++) {
			struct para_run *run = g_ptr_array_index(l->runs, r);

			run->style = style_copy(copies, set, run->style);
			bytes += sizeof *run + sizeof(PangoGlyphItem) + sizeof(PangoItem) + 6 * 32
				 + glyphs_bytes(run->glyphs->glyphs);
		}
		l->hyphen_style = style_copy(copies, set, l->hyphen_style);
		bytes += glyphs_bytes(l->hyphen);
	}
	bytes += set->styles->len * (sizeof(struct para_style) + 96);
	g_hash_table_destroy(copies);
	set->lines = g_ptr_array_ref(p->lines);
	set->mark_run = p->mark_run;
	p->kept = set;
	parakeep_put(key, set_ref(set), bytes, p->set.next_book, set_unref);
}

/* The lines kept under key, when there are: taken, their fonts pinned for this book as shaping pins them. */
static bool take_kept(struct para *p, GBytes *key)
{
	struct para_set *set = parakeep_find(key, set_ref, p->set.next_book);

	if (!set)
		return false;
	g_ptr_array_unref(p->lines);
	p->lines = g_ptr_array_ref(set->lines);
	p->kept = set;
	p->mark_run = set->mark_run;
	for (guint i = 0; i < p->lines->len; i++) {
		const struct para_line *l = g_ptr_array_index(p->lines, i);

		for (guint r = 0; r < l->runs->len; r++)
			fonts_pin_shaped(((const struct para_run *)g_ptr_array_index(l->runs, r))->glyphs->item->analysis.font);
		if (l->hyphen_font)
			fonts_pin_shaped(l->hyphen_font);
	}
	return true;
}

int para_layout(struct para *p)
{
	GBytes *key = NULL;

	if (p->laid_out)
		return (int)p->lines->len;
	p->laid_out = true;
	if (parakeep_on() && p->set.scope) {
		/* As shaping does, first: the key holds the text the lines show. */
		tame_bidi_controls(p->text->str, (int)p->text->len);
		key = set_key(p);
		if (take_kept(p, key)) {
			g_bytes_unref(key);
			give_back_shaping(p);
			return (int)p->lines->len;
		}
	}
	set_lines(p);
	give_back_shaping(p);
	if (key && p->lines->len && p->set.next_book)
		keep_lines(p, key);
	if (key)
		g_bytes_unref(key);
	return (int)p->lines->len;
}

double para_natural_width(struct para *p)
{
	gint64 best = 0, w = 0;

	prepare(p);
	for (guint k = 0; k < p->clusters->len; k++) {
		struct cluster *c = cl(p, (int)k);

		if (c->must_break) {
			best = MAX(best, w);
			w = 0;
		} else if (k > 0) {
			w += c->gap;
		}
		w += c->width;
	}
	return pt(MAX(best, w));
}

double para_min_width(struct para *p)
{
	gint64 best = 0, w = 0;

	prepare(p);
	for (guint k = 0; k < p->clusters->len; k++) {
		struct cluster *c = cl(p, (int)k);

		if (c->can_break || c->must_break) {
			best = MAX(best, w);
			w = 0;
		} else if (k > 0 && !c->space && !cl(p, (int)k - 1)->space) {
			w += c->gap;
		}
		if (!c->space)
			w += c->width;
	}
	return pt(MAX(best, w));
}
