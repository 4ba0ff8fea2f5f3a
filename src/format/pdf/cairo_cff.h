/* cairo_cff.h - Cairo 1.16's loads of a CJK face's whole CFF table copy only what it reads of it. */
#ifndef FOLIO_CAIRO_CFF_H
#define FOLIO_CAIRO_CFF_H

#include <stdbool.h>

/*
 * Cairo 1.16 loads the whole CFF table of a face twice in each PDF; Noto CJK's is 15 to 23 MB.
 * - Between begin and end, on this thread (Cairo drawing a page: cairo_show_page), such a load
 *   copies only the header, Name INDEX and Top DICT INDEX. The only one Cairo makes while it draws
 *   is its test of whether a face is CID-keyed (_cairo_cff_scaled_font_is_cid_cff), which reads no
 *   more (a batch's 300 books copied 27 GB for it, 5% of their CPU).
 * - Outside them (its subsetting, when the PDF is finished), a CID-keyed table is copied but for
 *   the CharStrings of the glyphs no PDF of the process has shown (cairo_glyphs.h); CharStrings
 *   are nine tenths of Noto CJK's table, and Cairo reads only those of the glyphs its PDF uses.
 *   When anything else it reads lies among those left out, or the face's file showed a glyph
 *   number over 16 bits, all is copied.
 * Any other version of Cairo, caller or table is passed through.
 */
void cairo_cff_page_begin(void);
void cairo_cff_page_end(void);
/* How many such loads were cut to the head, in the process (for tests). */
unsigned cairo_cff_heads(void);
/* How many subsetting loads left out glyphs not shown, in the process; whether they may (for tests). */
unsigned cairo_cff_thinned(void);
void cairo_cff_set_thinning(bool on);

#endif
