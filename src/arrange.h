/* arrange.h - puts the book's articles in reading order and groups them into parts. */
#ifndef FOLIO_ARRANGE_H
#define FOLIO_ARRANGE_H

#include "book.h"

/* Sort b->articles by --sort (weight first when given) and build b->parts by --group-by. */
bool arrange_articles(struct book *b);

#endif
