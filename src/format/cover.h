/* cover.h - the book's cover: the user's image (--cover), or one folio draws with Cairo and Pango. */
#ifndef FOLIO_COVER_H
#define FOLIO_COVER_H

#include <cairo.h>

#include "book/book.h"

/* Fonts and colours of a drawn cover; the print theme may fill one of its own. */
struct cover_style {
	const char *title_family;	/* e.g. "Noto Serif CJK SC" */
	const char *text_family;	/* e.g. "Noto Sans CJK SC" */
	bool title_bold;		/* Latin titles are bold; CJK ones regular (no bold CJK font is loaded) */
	double paper[3], ink[3], muted[3], accent[3];	/* RGB, 0..1 */
};

/* The default style for a book in language lang (BCP 47; NULL: Simplified Chinese). */
void cover_style_for_lang(const char *lang, struct cover_style *s);

/*
 * Set b->cover_res: the --cover image (converted like any other; a warning
 * and a drawn cover when it cannot be used), else a drawn cover as a
 * 1600x2400 PNG, with b->cover_drawn true. Deterministic bytes. The drawn
 * PNG is written on a thread while the book is made: cover_finish waits.
 */
void cover_resolve(struct book *b);

/* Wait until the drawn cover's PNG is in its file; false if it could not be written. */
bool cover_finish(const struct book *b);
/* Wait for it, then free what drawing the cover kept (book_free). */
void cover_free(struct book *b);

/*
 * Draw the cover of b in the box (0, 0, width_pt, height_pt) of cr: title,
 * subtitle, date range, number of articles, author, as vector text and
 * shapes (for the PDF's first page, and for the PNG). Uses the default
 * style for b->lang; cover_draw_styled takes another.
 */
void cover_draw(cairo_t *cr, const struct book *b, double width_pt, double height_pt);
void cover_draw_styled(cairo_t *cr, const struct book *b, double width_pt, double height_pt,
		       const struct cover_style *s);

#endif
