/* select.h - chooses which loaded articles go into the book (drafts, filters, duplicates). */
#ifndef FOLIO_SELECT_H
#define FOLIO_SELECT_H

#include "book.h"

/*
 * Move the articles of candidates (owned; emptied) that the options choose
 * into b->articles, freeing the others. Drafts are skipped unless
 * --include-drafts.
 */
void select_articles(struct book *b, GPtrArray *candidates);

#endif
