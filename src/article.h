/* article.h - reads one Markdown file (front matter and body) into a struct article. */
#ifndef FOLIO_ARTICLE_H
#define FOLIO_ARTICLE_H

#include "book.h"

/*
 * Read the file real (shown in messages as file) and parse it. Returns NULL
 * when the file cannot be part of the book (unreadable, invalid UTF-8, bad or
 * unterminated front matter), after reporting why with its line; *why then
 * names the reason for the left-out summary.
 */
struct article *article_load(const char *file, const char *real, const struct root *root,
			     const char *rel, GTimeZone *tz, const char **why);

/* Parse Markdown text with folio's extensions (tables, footnotes, strikethrough, autolinks). */
cmark_node *article_parse_markdown(const char *text, size_t len);

#endif
