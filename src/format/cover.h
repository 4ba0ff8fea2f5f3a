/* cover.h - the cover folio draws when the book has no --cover image: vectors on any Cairo surface. */
#ifndef FOLIO_COVER_H
#define FOLIO_COVER_H

#include <cairo.h>
#include <pango/pango.h>

#include "book/model.h"

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
 * Draw the cover of b in the box (0, 0, width_pt, height_pt) of cr: title,
 * subtitle, date range, number of articles, author, as vector text and
 * shapes (for the PDF's first page, and for the PNG). Uses the default
 * style for b->lang; cover_draw_styled takes another.
 */
void cover_draw(cairo_t *cr, const struct book *b, double width_pt, double height_pt);
void cover_draw_styled(cairo_t *cr, const struct book *b, double width_pt, double height_pt,
		       const struct cover_style *s);

/* What a tagged, press-ready PDF asks of a drawn cover. */
struct cover_hooks {
	void (*text)(void *data, bool begin);	/* around each text (title, subtitle, facts, author) */
	void *data;
	double bleed;				/* points the paper and the bands run past each edge */
	/* Text set as in this context of the book's (its font map and font options), so the PDF's
	   font subsets serve the cover too; NULL: Pango's default map on the surface's options. */
	PangoContext *like;
};

/* cover_draw with the default style and hooks (NULL: none). */
void cover_draw_hooked(cairo_t *cr, const struct book *b, double width_pt, double height_pt,
		       const struct cover_hooks *h);

#endif
