/* pdf_post_order.h - pages Cairo drew out of the book's order put back in it: page tree and page labels. */
#ifndef FOLIO_PDF_POST_ORDER_H
#define FOLIO_PDF_POST_ORDER_H

#include "format/pdf/pdf_post_base.h"

/* Where page d of Cairo's drawing order stands in the book (p->moved_to, p->moved: pdf_post_settings.h). */
guint post_book_position(const struct pdf_post *p, guint drawn, guint pages);

/*
 * With p->moved pages to move: s->pages and what goes with them (struct_parents, page_index)
 * put in the book's order, the page tree's /Kids written in it (Cairo writes one level of
 * pages; a deeper tree is reported) and /PageLabels written again for that order. false when
 * reported.
 */
bool post_order_pages(struct post *s);

#endif
