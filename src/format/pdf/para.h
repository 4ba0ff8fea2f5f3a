/* para.h - sets one paragraph into lines: Pango shapes, folio breaks and justifies (after CLREQ). */
#ifndef FOLIO_PARA_H
#define FOLIO_PARA_H

#include <stdbool.h>
#include <pango/pango.h>

/* How a run of text looks. Owned by the caller; must outlive the para and its lines. */
struct para_style {
	PangoFontDescription *font;
	guint32 color;			/* 0xRRGGBB */
	const char *link;		/* URI, or "#anchor" inside the book, or NULL */
	double rise;			/* baseline shift in points (superscripts > 0) */
	unsigned underline : 1;
	unsigned strike : 1;
	unsigned code : 1;		/* inline code: never stretched */
	unsigned mono : 1;		/* in the code face: box drawing and arrows one column wide (para.c) */
	unsigned dots : 1;		/* emphasis dots under the CJK characters (Chinese emphasis) */
};

enum para_align { PARA_JUSTIFY, PARA_LEFT, PARA_CENTER, PARA_RIGHT };

/*
 * Chinese typography choices (CLREQ 3.1.6); the theme key punct_width names them
 * "full", "adjacent", "edges". Traditional Chinese (lang zh-Hant, zh-TW, zh-HK, zh-MO)
 * centres its stops and pauses (，。、；：？！) and always sets them whole; only a bracket's
 * or quote's blank may go: beside another mark (：「 and 」（ take 1.5 em), to push a line in,
 * and with "edges" at a line's start or end. A line that must take one more mark (a
 * prohibited break) may squeeze the blanks it may lose (push in) when that is better than
 * moving a character down.
 */
enum punct_width {
	PUNCT_FULL,		/* every full-width mark takes a full em */
	PUNCT_COMPRESS_ADJACENT,/* adjacent marks ("。」", "，「", "）（") take 1.5 em, not 2 (default) */
	PUNCT_COMPRESS_EDGES	/* as above, an opening mark at a line start is set half width, and a
				 * closing mark or stop at a line end may be; their em boxes then stick
				 * out half an em past the margin, the ink does not */
};

/* The punct_width named s ("full", "adjacent", "edges") into *out; false if s names none. */
bool para_punct_width_parse(const char *s, enum punct_width *out);

struct para_settings {
	double width;			/* measure in points */
	double indent;			/* first-line indent in points. White space the author typed at
					 * the paragraph's start ("　　") is never drawn (textnorm_text
					 * drops it in the EPUB), except with keep_spaces */
	enum para_align align;
	double line_height;		/* baseline-to-baseline distance for the paragraph's body size, in points */
	PangoLanguage *lang;		/* chooses glyph forms (SC/TC/JP) and line-breaking rules */
	bool keep_spaces;		/* code blocks: spaces kept, never justified, break anywhere if needed */
	enum punct_width punct;
	double cjk_latin_space;		/* em between Han and Latin letters or digits (theme default 0.25);
					 * 0 = off. A space the author typed there becomes this width. */
	double grid_size;		/* line grid: the body size whose lines are line_height apart. Every
					 * line is then line_height tall, its baseline where a body line's is,
					 * and one holding larger type takes whole multiples of it (0 = off:
					 * lines scale with their largest type) */
	const char *scope;		/* the article it belongs to: in a batch (parakeep.h), its lines are kept
					 * for the next book that sets the same text alike there (NULL: never) */
	int next_book;			/* with scope: that book's number in the run (from 1); 0: none comes */
};

/* A piece of a line in one font and style, ready to draw with pango_cairo_show_glyph_item. */
struct para_run {
	PangoGlyphItem *glyphs;		/* offsets index into para_text() */
	const struct para_style *style;
	double x;			/* from the line's left edge, points */
	double width;			/* points, adjustments included */
};

struct para_line {
	int start, end;			/* bytes of para_text() on this line (end exclusive) */
	double x;			/* left edge within the measure: indent or alignment offset */
	double width;			/* set width, points */
	double ascent, descent;		/* above and below the baseline, half-leading included */
	bool last;			/* ends the paragraph or a forced line break: not justified */
	GPtrArray *runs;		/* of struct para_run *, left to right */
	/* A word broken at this line's end: the hyphen set after the last run (no text of the
	   paragraph's: drawn inside the word's own text, which reads whole), or NULL. */
	PangoGlyphString *hyphen;
	PangoFont *hyphen_font;
	const struct para_style *hyphen_style;
	double hyphen_x;		/* from the line's left edge, points */
};

struct para;

/* A paragraph laid out with ctx (whose font map must outlive it). */
struct para *para_new(PangoContext *ctx, const struct para_settings *settings);
void para_free(struct para *p);

/* Append len bytes of UTF-8 text (len -1: up to NUL) in style. "\n" forces a line break. */
void para_add(struct para *p, const char *text, int len, const struct para_style *style);

/* A new paragraph of p's text [start, end) in its styles, set as p is (the indent only when start is 0). */
struct para *para_piece(const struct para *p, int start, int end);

/* Break into lines. Returns the number of lines (0 for an empty paragraph). Call once. */
int para_layout(struct para *p);

/*
 * Combining marks (and format characters) in a row past this many are shaped apart from the
 * letter they follow, in pieces of this many: no text needs more (Unicode's stream-safe form
 * allows 30), and HarfBuzz takes the square of a run's length to place it.
 */
enum { PARA_MAX_MARK_RUN = 32 };

/* The longest such run in the paragraph (after para_layout), or 0 when none is that long. */
int para_mark_run(const struct para *p);

int para_n_lines(const struct para *p);
const struct para_line *para_line(const struct para *p, int i);
const char *para_text(const struct para *p);

/* The widest natural width of the paragraph set on one line (for table column widths), points. */
double para_natural_width(struct para *p);
/* The widest unbreakable piece (minimum column width), points. */
double para_min_width(struct para *p);

#endif
