/* article.h - reads one Markdown file (front matter and body) into a struct article. */
#ifndef FOLIO_ARTICLE_H
#define FOLIO_ARTICLE_H

#include "book/book.h"

/*
 * Read the file real (shown in messages as file) and parse it. Returns NULL
 * when the file cannot be part of the book (unreadable, invalid UTF-8, bad or
 * unterminated front matter), after reporting why with its line; *why then
 * names the reason for the left-out summary.
 */
struct article *article_load(const char *file, const char *real, const struct root *root,
			     const char *rel, GTimeZone *tz, const char **why);

/*
 * The body tree of a, for whoever reads it after loading (the passes, the
 * writers): parsed again from a->markdown with the repairs loading made, and
 * a's recorded headings, images, links and footnotes pointed at its nodes
 * (passes_rebind; aborts if they do not match). Nothing is reported again.
 * The tree is a->doc until the matching article_release; holds nest. A
 * freshly loaded article is held once, until loading is done with it. One
 * thread at a time: holding changes the article's tree and records.
 */
cmark_node *article_hold(const struct article *a);
/* End one article_hold; the last one frees the tree (a->doc and the records' nodes become NULL). */
void article_release(const struct article *a);

#endif
