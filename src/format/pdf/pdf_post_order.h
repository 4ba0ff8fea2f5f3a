/* pdf_post_order.h - pages Cairo drew out of the book's order put back in it: page tree and page labels. */
#ifndef FOLIO_PDF_POST_ORDER_H
#define FOLIO_PDF_POST_ORDER_H

#include "format/pdf/pdf_post_base.h"

/*
 * With p->moved pages to move: s->pages and what goes with them (struct_parents, page_index)
 * put in the book's order, the page tree's /Kids written in it (Cairo writes one level of
 * pages; a deeper tree is reported) and /PageLabels written again for that order. false when
 * reported.
 */
bool post_order_pages(struct post *s);

#endif
