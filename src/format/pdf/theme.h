/* theme.h - the print theme: page, margins, fonts, sizes, colours, running heads (templates/theme.yaml). */
#ifndef FOLIO_THEME_H
#define FOLIO_THEME_H

#include <stdbool.h>
#include <glib.h>

#include "base/options.h"
#include "format/pdf/para.h"

/* Font family lists: "{cjk}" stands for SC, TC, HK, JP or KR, chosen by the text's language. */
enum theme_font { FONT_BODY, FONT_BODY_LATIN, FONT_HEADING, FONT_HEADING_LATIN, FONT_EMPHASIS,
		  FONT_STRONG, FONT_CODE, FONT_KAI, FONT_N };

/* The line grid (行取り): on for books in Chinese, Japanese or Korean (auto), always, or never. */
enum grid_mode { GRID_AUTO, GRID_ON, GRID_OFF };

struct theme {
	/* Page, in points. Inner is the binding side (left on right-hand pages). */
	double page_w, page_h;
	double margin_top, margin_bottom, margin_inner, margin_outer;
	bool two_sided;
	/* The type area (版心): characters per line and lines per page; 0 = as many as the margins allow. */
	int chars_per_line, lines_per_page;

	/* The line grid: every body line on it; headings and blocks take whole lines (at least these). */
	enum grid_mode grid;
	int title_lines, heading_lines;
	bool show_grid;				/* --show-grid: the grid drawn on every page */

	char *font[FONT_N];

	/* Sizes in points; spaces in em of the body size. */
	double size, line_height;		/* line_height: times the size */
	double indent, indent_latin;		/* first-line indent, em */
	double paragraph_space, block_space;	/* between paragraphs, around other blocks */
	double heading_size[6];			/* h1..h6 in the article body */
	double heading_space_before, heading_space_after;
	double title_size, subtitle_size, meta_size, code_size, small_size;
	double book_title_size, toc_size, header_size;

	guint32 color_text, color_muted, color_link, color_rule, color_heading, color_code_bg, color_quote;

	/* Running heads and folios: "{book}", "{article}", "{part}", "{page}" are replaced; "" for none. */
	char *header_left, *header_right, *footer;

	enum para_align align;
	enum punct_width punct;
	double cjk_latin_space;			/* em; 0 = off */

	char *contents_title, *notes_title;	/* "" = from the book's language */
	char *file;				/* the theme file read, for messages (NULL: the defaults) */

	/* The PDF file (section pdf:): tags for readers, standards, and what the press needs. */
	bool tagged;				/* structure tags (on unless --untagged or tagged: false) */
	unsigned standards;			/* enum pdf_standard bits */
	double bleed;				/* points printed past the trim; 0: none */
	unsigned marks;				/* enum print_marks bits */
	char *output_profile;			/* PDF/X-4: the output intent's ICC profile */
	char *output_condition;			/* and its OutputConditionIdentifier */
};

/* The output intent's profile when the theme names none (Debian's icc-profiles-free). */
#define DEFAULT_OUTPUT_PROFILE "/usr/share/color/icc/sRGB.icc"

/*
 * The theme: compiled defaults, then path (or, when path is NULL, the
 * datadir's templates/theme.yaml if it exists) on top. Unknown keys are
 * warnings, bad values errors, both with file and line. NULL on error.
 * confined: the theme came with the articles (options.h): the files it
 * names stay in its folder.
 */
struct theme *theme_load(const char *path, const char *datadir, bool confined);
/*
 * --page-size, --margin, --two-sided, --bleed, --marks, --pdf-standard and --untagged over the
 * theme. false (reported) on a bad value or settings that contradict each other; *usage then
 * says whether the options are to blame (a --margin too wide for the page), not the theme.
 */
bool theme_apply_options(struct theme *t, const struct options *o, bool *usage);
void theme_free(struct theme *t);
/* The pitch of body lines: size x line-height, to a tenth of a point (the grid is exact in the PDF). */
double theme_pitch(const struct theme *t);
/* Is the line grid on for a book in language lang? */
bool theme_grid_on(const struct theme *t, const char *lang);

#endif
