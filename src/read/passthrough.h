/* passthrough.h - Hugo's passthrough setting: text between its delimiters (math) kept as written, not as Markdown. */
#ifndef FOLIO_PASSTHROUGH_H
#define FOLIO_PASSTHROUGH_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>
#include <cmark-gfm.h>

#include "book/fmtree.h"

/* The site's markup.goldmark.extensions.passthrough: its delimiter pairs. */
struct passthrough {
	GPtrArray *block;	/* of char *: opening, closing, opening, closing ... ("$$", "$$", "\\[", "\\]") */
	GPtrArray *inline_;	/* the same for inline snippets ("\\(", "\\)") */
};

/* The setting read from a site's settings (its markup mapping), or NULL when it is off or names no delimiters. */
struct passthrough *passthrough_from_config(const struct fm_node *config);
void passthrough_free(struct passthrough *pt);

/* A snippet kept as written: its text (delimiters included), and whether its delimiters are a block's. */
struct passthrough_span {
	char *text;
	bool block;
};

/*
 * The Markdown text (len bytes) with each snippet between pt's delimiters, as Goldmark's passthrough
 * extension finds them (inside a paragraph, heading or table row; not in code, a link's address or
 * an autolink; a delimiter after "\\\\" is text), put out of Markdown's reach: a mark that stands for
 * it, and on each line it went on to, that line's container marks ("> ") and a mark of
 * continuation, so the text keeps its lines. *spans gets the snippets (struct passthrough_span *;
 * g_ptr_array_unref). NULL (and *spans NULL) when pt is NULL, nothing is found, or the text holds
 * the marks itself. g_free; *out_len its length. parse reads Markdown as the article is read
 * (markdown_parse), for where its paragraphs, headings and tables are.
 */
char *passthrough_protect(const struct passthrough *pt, const char *text, size_t len,
			  cmark_node *(*parse)(const char *text, size_t len), size_t *out_len, GPtrArray **spans);

/*
 * The snippets back in doc, parsed from passthrough_protect's text: each an inline code node of its
 * text as written; one with a block's delimiters directly in a paragraph a block of its own (a code
 * block whose info is "math"), the paragraph split around it, as Hugo sets it apart. Where a mark
 * landed in other text (code, an address), the snippet's text is put back there.
 */
void passthrough_restore(cmark_node *doc, const GPtrArray *spans);

#endif
