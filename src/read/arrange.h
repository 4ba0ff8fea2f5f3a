/* arrange.h - puts the book's articles in reading order and groups them into parts. */
#ifndef FOLIO_ARRANGE_H
#define FOLIO_ARRANGE_H

#include "read/reading.h"

/*
 * Sort b->articles: the files: list when given, else articles with a weight
 * first (lower first), then --sort (date, -date, title or path), ties by path.
 */
void arrange_sort(struct reading *r);

/*
 * Build b->parts by --group-by (default: Hugo sections when _index.md files
 * name any, else none) and rebuild b->articles as one reading order that
 * follows the parts: articles that fit no part first, then each part's
 * articles in sorted order. Part ids are "p01", "p02", ...
 */
void arrange_group(struct reading *r);

/*
 * When the book is the whole site (or the whole of its languages asked for), the home page's
 * text (content/_index.md: a landing page, a foreword) is the book's first chapter, as Hugo
 * publishes it: one per language the book's articles are in, none in a book of no article.
 */
void arrange_home(struct reading *r);

#endif
