/* layout.h - the PDF's pages as positioned boxes: what layout makes and what a device draws. */
#ifndef FOLIO_LAYOUT_H
#define FOLIO_LAYOUT_H

#include <stdbool.h>
#include <glib.h>

#include "book/model.h"
#include "format/pdf/para.h"
#include "format/pdf/structure.h"

struct device;
struct fonts;
struct theme;

/* A laid-out paragraph shared by the boxes of its lines; freed with its last box. */
struct lpara {
	int ref;
	struct para *para;
	const char *file;	/* article file and line, for messages */
	int line;
	GArray *anchors;	/* layout's: destinations to place on the line holding an offset */
	bool checked;		/* layout's: missing glyphs looked for */
	bool on_grid;		/* layout's: set at the grid's pitch, its lines on the line grid */
	struct selem *el;	/* the structure element its text belongs to (a reference), or NULL: an artifact */
};

struct lpara *lpara_ref(struct lpara *lp);
void lpara_unref(struct lpara *lp);

enum box_kind {
	BOX_TEXT,	/* one line of a paragraph: x its left edge, y its baseline */
	BOX_RULE,	/* a filled rectangle (rules, bars) */
	BOX_FILL,	/* a background behind text (code, table heads): drawn first */
	BOX_FRAME,	/* a stroked rectangle of line width lw */
	BOX_IMAGE,	/* res drawn into x, y, w, h */
	BOX_COVER,	/* the whole page: res, or the generated cover when res is NULL */
	BOX_LINK,	/* a clickable area: target is a URI or "#destination" */
	BOX_DEST,	/* a named destination at x, y: target is its name */
	BOX_OUTLINE	/* a bookmark at level (0 = top) named text, going to destination target */
};

/* Coordinates in points from the page's top-left corner. */
struct box {
	enum box_kind kind;
	double x, y, w, h, lw;
	guint32 color;
	struct lpara *lp;	/* BOX_TEXT (a reference) */
	int line;		/* BOX_TEXT: line of lp */
	const struct resource *res;	/* BOX_IMAGE, BOX_COVER */
	char *target;		/* BOX_LINK, BOX_DEST, BOX_OUTLINE */
	char *text;		/* BOX_OUTLINE title */
	int level;		/* BOX_OUTLINE */
	struct selem *el;	/* BOX_IMAGE, BOX_COVER, BOX_LINK: its structure element (a reference); NULL: none */
	bool artifact;		/* drawn again where it was drawn before (a table's header row): not content */
};

struct page {
	int number;		/* 1 for the first page of the PDF */
	char *label;		/* the printed page number ("12", "iii"), or NULL */
	double w, h;
	bool right;		/* a right-hand (odd) page */
	GArray *boxes;		/* of struct box, in drawing order */
};

/* Copy b into p, taking references (lp) and copies (strings) of what it points at. */
void page_add_box(struct page *p, const struct box *b);
/* Drop the page's boxes and what they hold, once the device has drawn it. */
void page_free_boxes(struct page *p);

/*
 * Lay out the book into dev: cover, title page, contents, part pages and
 * articles, each article set once; the contents is measured first and drawn
 * last (dev->moved). Only the pages in flight and the paragraph being set are
 * held in memory. Returns false on failure (reported).
 */
bool layout_book(const struct book *b, const struct theme *t, struct fonts *fonts, struct device *dev);
/*
 * Where page drawn (from 0) of the pages drawn stands in the book: layout_book draws the
 * contents last, and the last `moved` pages drawn belong before the page drawn at moved_to
 * (device.h). Every reader of the drawn pages (the devices, the post-pass) asks this.
 */
int layout_book_position(int drawn, int pages, int moved_to, int moved);
/* Whether moved and moved_to say a move of pages among pages drawn (otherwise none is made). */
bool layout_book_moves(int pages, int moved_to, int moved);
/* The inverse: for each page of the book in order, the index it was drawn at (g_free it). */
int *layout_book_drawn_order(int pages, int moved_to, int moved);

#endif
