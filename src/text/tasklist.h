/* tasklist.h - GFM task list items ("- [x] done") shown with a ballot box, as Hugo's Goldmark TaskList shows a checkbox. */
#ifndef FOLIO_TASKLIST_H
#define FOLIO_TASKLIST_H

#include <cmark-gfm.h>

/*
 * Each list item whose first paragraph begins with "[ ]", "[x]" or "[X]" (and any white space
 * after it: Goldmark's rule, on in Hugo by default) begins with ☐ or ☑ and a space instead, in
 * both books (a book has no checkbox to tick).
 */
void tasklist_tree(cmark_node *doc);

#endif
