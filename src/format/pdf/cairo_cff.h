/* cairo_cff.h - Cairo 1.16's test of whether a CFF font is CID-keyed reads the table's head, not all of it. */
#ifndef FOLIO_CAIRO_CFF_H
#define FOLIO_CAIRO_CFF_H

#include <stdbool.h>

/*
 * Between begin and end, on this thread (Cairo drawing a page: cairo_show_page), a load of a whole
 * CFF table by Cairo 1.16 copies only its header, Name INDEX and Top DICT INDEX. The only such
 * load Cairo makes while it draws is its test of whether a face is CID-keyed
 * (_cairo_cff_scaled_font_is_cid_cff), made for each face in each PDF, which reads no more: Noto
 * CJK's whole table is 16 to 23 MB, copied for every face of every book (a batch's 300 books copied
 * 27 GB for it, 5% of their CPU). Its subsetting, when the PDF is finished, outside begin and end,
 * still loads the whole table. Any other version of Cairo, caller or table is passed through.
 */
void cairo_cff_page_begin(void);
void cairo_cff_page_end(void);
/* How many such loads were cut to the head, in the process (for tests). */
unsigned cairo_cff_heads(void);

#endif
