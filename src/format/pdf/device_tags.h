/* device_tags.h - the Cairo device's structure tags: elements opened in order, leaves for runs, the log. */
#ifndef FOLIO_DEVICE_TAGS_H
#define FOLIO_DEVICE_TAGS_H

#include <stdbool.h>
#include <cairo.h>
#include <glib.h>

#include "format/pdf/structure.h"
#include "format/pdf/taglog.h"

/*
 * Cairo 1.16 gives marked content (an MCID) only to elements with no children, and marks
 * whatever is drawn while such a leaf is innermost as its content. So content is drawn only
 * inside a leaf: the element itself when all of it lies together on one page with no link in
 * it (LEAF_SELF), else a Span or a Link under it; and nothing else is drawn while a leaf is
 * open. An element opened stays open across pages until content of another comes.
 */
enum leaf_kind { LEAF_SELF, LEAF_SPAN, LEAF_LINK };

/* Where a Link element of layout's goes and what it covers on this page (its BOX_LINK boxes). */
struct link_area {
	const char *target;	/* "#name" or an address */
	GArray *rects;		/* of double[4]: x, y, w, h in page space (offset added) */
};

struct tagger;

/* ua: PDF/UA-1's errors (a picture with no usable description) are reported. */
struct tagger *tagger_new(cairo_t *cr, struct tag_log *log, bool ua);
/* Close everything still open (after the last page) and free t. */
void tagger_free(struct tagger *t);

/* This page's Link elements (struct selem * -> struct link_area *), or NULL; not owned. */
void tagger_set_links(struct tagger *t, GHashTable *areas);

/*
 * Be inside a leaf of kind for el before drawing el's content: what is open elsewhere is
 * closed, el's ancestors opened. LEAF_LINK takes the target and the rectangles (x, y, w, h,
 * page space) the link covers on this page; it stays open while the same link goes on.
 */
void tagger_leaf(struct tagger *t, struct selem *el, enum leaf_kind kind, const char *target, const double *rects,
		 int nrects);
/* Is the open leaf a Link of el to target? */
bool tagger_in_link(const struct tagger *t, const struct selem *el, const char *target);
/* Is el open now (its content began on an earlier page)? */
bool tagger_is_open(const struct tagger *t, const struct selem *el);
/*
 * Text drawn in the open leaf: bytes [start, end) of text, the whole text of one paragraph.
 * The leaf's /ActualText is made of it (the span of its paragraph it covers, so the spaces a
 * line break took come back and the room justification adds does not), and a Link's words.
 */
void tagger_text(struct tagger *t, const char *text, int start, int end);
/* Nothing may be open but elements with children: before an artifact, and at the end of a page. */
void tagger_no_leaf(struct tagger *t);

/*
 * A Figure's description judged, once: one that does not describe its picture is a note (and
 * the PDF does not claim PDF/UA-1), an error under PDF/UA-1. False for a picture with no
 * words at all: drawn as an artifact (decoration, as alt="" in the EPUB).
 */
bool tagger_figure(struct tagger *t, struct selem *el);

/* True once an error has been reported (the PDF must not be written). */
bool tagger_failed(const struct tagger *t);

/* A Cairo link tag's attributes for target: "dest='name'" ("#name") or "uri='address'". */
GString *tagger_link_attrs(const char *target);
/* A value for a Cairo tag attribute, single-quoted, only characters Cairo takes. */
void tagger_quote(GString *s, const char *value);

#endif
