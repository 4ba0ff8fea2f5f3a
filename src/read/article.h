/* article.h - reads one Markdown file (front matter and body) into a struct article. */
#ifndef FOLIO_ARTICLE_H
#define FOLIO_ARTICLE_H

#include "book/model.h"

/*
 * Read the file real (shown in messages as file) and parse it; a->doc holds
 * its tree until article_drop_tree. Returns NULL
 * when the file cannot be part of the book (unreadable, invalid UTF-8, bad or
 * unterminated front matter), after reporting why with its line; *why then
 * names the reason for the left-out summary.
 */
struct article *article_load(const char *file, const char *real, const struct root *root,
			     const char *rel, GTimeZone *tz, const char **why);

/* Free the tree loading parsed (a->doc), once the passes that read it are done. */
void article_drop_tree(struct article *a);

#endif
