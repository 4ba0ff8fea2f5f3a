/* table.h - a raw HTML <table> read into a GFM table (cmark nodes), for a back end that sets tables from those. */
#ifndef FOLIO_HTML_TABLE_H
#define FOLIO_HTML_TABLE_H

#include <cmark-gfm.h>
#include <libxml/tree.h>

/*
 * table (an element of a document from sanitize_parse_html) as a CommonMark document whose
 * first child is a GFM table: a row per <tr> of its own (not of a table inside a cell), each
 * cell in its column (one spanning columns or rows holds the first, the others stay empty), its
 * text with code as code spans, its <img>s as Markdown images (their addresses as
 * sanitize_img_src gives them), a line break (<br>) between the blocks of a cell, what plays as
 * its note in lang. The first row is the header row, <th> or not: as in a GFM table, a data
 * table's first row names its columns (and PDF/UA asks every table for a header). Its nodes are
 * numbered from line (the raw HTML's first line in its document).
 * NULL when it is no table a page can hold: no cell, or wider than 40 columns. cmark_node_free.
 */
cmark_node *html_table_gfm(const xmlNode *table, int line, const char *lang);
/* Which <img> of its address an image node of html_table_gfm's table was (sanitize_img_nth). */
int html_table_image_nth(cmark_node *image);

#endif
