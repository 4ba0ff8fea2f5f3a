/* mdsource.h - the Markdown a tree was parsed from, by line: which characters of a text node were escaped there. */
#ifndef FOLIO_MDSOURCE_H
#define FOLIO_MDSOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <cmark-gfm.h>

/* text (len bytes) is borrowed and must outlive it; lines are found when first asked for. */
struct md_source;
struct md_source *md_source_new(const char *text, size_t len);
void md_source_free(struct md_source *s);

/* The text's length in bytes. */
size_t md_source_length(const struct md_source *s);

/* Line (1-based) of s, *len bytes without its line end, or NULL past the end. */
const char *md_source_line(struct md_source *s, int line, size_t *len);

/*
 * Which bytes of text node n's literal were written escaped ("\"", "\-", "\."; cmark reads them
 * as the character and joins them to the text around) or as an entity ("&lt;", "&quot;"): a mask
 * of strlen(literal) bytes, 1 for each such character, or NULL when none is, or when the literal
 * no longer matches where cmark says it was written (a repair has changed it). g_free.
 */
unsigned char *md_source_escapes(struct md_source *s, cmark_node *n);

#endif
