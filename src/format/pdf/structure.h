/* structure.h - the PDF's logical structure: the elements layout gives its boxes, for a tagged PDF. */
#ifndef FOLIO_STRUCTURE_H
#define FOLIO_STRUCTURE_H

#include <stdbool.h>

/*
 * The standard structure types folio writes (ISO 32000-1, 14.8.4). The device adds Document
 * around everything and Span and Link around runs of a paragraph; layout makes the rest.
 */
enum srole {
	SR_DOCUMENT, SR_PART, SR_ART, SR_SECT, SR_DIV,
	SR_H1, SR_H2, SR_H3, SR_H4, SR_H5, SR_H6,
	SR_P, SR_BLOCKQUOTE, SR_CODE,
	SR_L, SR_LI, SR_LBL, SR_LBODY,
	SR_TABLE, SR_THEAD, SR_TBODY, SR_TR, SR_TH, SR_TD,
	SR_FIGURE, SR_CAPTION, SR_NOTE,
	SR_TOC, SR_TOCI, SR_LINK, SR_SPAN,
	SR_N
};

/*
 * One element. Boxes and paragraphs hold references; an element holds one on its parent, so
 * a box knows its way up to the article (and its part). Made on the thread that sets an
 * article and released on the one that draws it: the count is atomic.
 */
struct selem {
	int ref;
	enum srole role;
	bool done;		/* the device has closed it (opened again, Cairo would make a second element) */
	bool judged;		/* Figure: the device has judged its description (reported once) */
	struct selem *parent;	/* NULL: a child of the Document */
	char *alt;		/* Figure: what the picture shows, or NULL */
	bool alt_usable;	/* Figure: the alternative text describes the picture (text/alttext.h) */
	char *lang;		/* a language other than the one around it (BCP 47), or NULL */
	char *id;		/* Note: its /ID (the note's destination) */
	const char *file;	/* where it comes from, for messages: the article's file and line */
	int line;
};

/* A new element under parent (NULL: the Document), taking a reference on parent. */
struct selem *selem_new(enum srole role, struct selem *parent);
struct selem *selem_ref(struct selem *e);
/* Release a reference (NULL is nothing); the last one frees e and releases its parent. */
void selem_unref(struct selem *e);

/* Set e's language when it differs from base (both BCP 47; NULL base: set it). */
void selem_set_lang(struct selem *e, const char *lang, const char *base);

/* The type written in the PDF: "P", "H2", "TOCI" ... */
const char *selem_type(enum srole role);
/* SR_H1 .. SR_H6 for level (clamped to 1..6). */
enum srole selem_heading(int level);
/* Elements whose content is text drawn by the device (a paragraph, a heading, a cell ...). */
bool selem_holds_text(enum srole role);

#endif
