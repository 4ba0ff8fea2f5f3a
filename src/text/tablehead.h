/* tablehead.h - a table pasted from the web with an empty header row takes its first row as its header, in both books. */
#ifndef FOLIO_TABLEHEAD_H
#define FOLIO_TABLEHEAD_H

#include <stdbool.h>
#include <cmark-gfm.h>

/*
 * GFM asks every table for a header row, so tables pasted from web pages (price lists, filings)
 * often carry one with nothing in it: an empty bar the reader sees and a screen reader announces
 * as column headers with no names. Each table of doc whose header row has neither text nor a
 * picture loses that row, and its first row becomes the header; a table of that row alone shows
 * nothing and goes.
 */
void tablehead_tree(cmark_node *doc);

/*
 * Nothing in n (a row, a cell) a reader would see: no text but white space, no picture. A header
 * row's empty cell (the corner above a column of names) names no column: both books set it as
 * a data cell, not a header.
 */
bool tablehead_empty(cmark_node *n);

#endif
