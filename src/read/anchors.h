/* anchors.h - where a link's #fragment goes in an article: one of folio's anchors, or a heading as Hugo names it. */
#ifndef FOLIO_ANCHORS_H
#define FOLIO_ANCHORS_H

#include <glib.h>

#include "book/model.h"

/* Hugo's (goldmark's) id for a heading's text: lower case, letters and digits, spaces as '-'; g_free. */
char *anchors_hugo_id(const char *text);

/* The places in article a a #fragment may name, indexed once (a's headings and notes must be named). */
struct anchors *anchors_new(const struct article *a);
void anchors_free(gpointer x);

/*
 * The anchor the fragment (without '#', %-escaped as in the link) names: a heading's own anchor,
 * the id its source gives it ({#id}), its name as Hugo makes it (also compared as collated or lower-cased text; the first heading that
 * matches wins), then a footnote's anchor. NULL when it names none.
 */
const char *anchors_find(const struct anchors *x, const char *fragment);

#endif
