/* markdown.h - an article body parsed with folio's extensions, safely, and parsed again to the same tree. */
#ifndef FOLIO_MARKDOWN_H
#define FOLIO_MARKDOWN_H

#include <stddef.h>
#include <glib.h>
#include <cmark-gfm.h>

/* Parse Markdown text with folio's extensions (tables, footnotes, strikethrough, autolinks). Thread-safe. */
cmark_node *markdown_parse(const char *text, size_t len);

/*
 * Parse an article body (its first line is line first_line of file) so that
 * raw HTML never swallows text: CommonMark lets an unclosed <script>, <style>,
 * <pre>, <!--, <?, <!X or <![CDATA[ run to the end of its container. Such an
 * opening is dropped (a warning naming file and line) and the body parsed
 * again; an image whose address is a data: URL of no picture format stays
 * text. Then the repairs every reader sees: "**" paired beside CJK
 * punctuation, paragraphs split inside a sentence joined, straight quotes in
 * Chinese curled, a table's empty header row dropped (its first row the header). passthrough: the snippets body's marks stand for
 * (read/passthrough.h), put back first, or NULL. When parsed is not NULL it gets the text the tree was
 * parsed from (g_free), and *parsed_len its length, for markdown_reload. Messages name the lines of
 * file the body's lines came from (first_line its first; shifts: lines its includes added, or NULL).
 */
cmark_node *markdown_load(const char *file, int first_line, const GArray *shifts, const char *body, size_t len,
			  const GPtrArray *passthrough, char **parsed, size_t *parsed_len);

/* The tree markdown_load gave, again, from the text it parsed: the same nodes; reports nothing. */
cmark_node *markdown_reload(const char *parsed, size_t len, const GPtrArray *passthrough);

#endif
