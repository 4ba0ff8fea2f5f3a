/* deflist.h - definition lists ("Term" then ": definition"), as Hugo's Goldmark reads them, made nodes of their own. */
#ifndef FOLIO_DEFLIST_H
#define FOLIO_DEFLIST_H

#include <stdbool.h>
#include <cmark-gfm.h>

#include "text/mdsource.h"

/* What a node is to a definition list: the list (<dl>), a term (<dt>, inlines) or a description (<dd>, blocks). */
enum deflist_part { DEFLIST_NONE, DEFLIST_LIST, DEFLIST_TERM, DEFLIST_DESCRIPTION };

enum deflist_part deflist_part(cmark_node *n);

/*
 * A description whose ':' line followed its term without a blank line: Hugo sets its
 * paragraphs without <p>, as a tight list's items.
 */
bool deflist_tight(cmark_node *description);

/* Parses Markdown as the document was parsed (the same extensions and repairs of raw HTML). */
typedef cmark_node *(*deflist_parse)(const char *text, size_t len);

/*
 * Goldmark's definition lists (its definitionList extension, on in Hugo by default), which
 * cmark reads as paragraphs: each line of a paragraph followed by a line "': ' text" is a term,
 * each such line begins a description (lines after it that begin with no ':' continue it), and
 * the blocks after it indented to its text are its own. A paragraph that begins with such a
 * line makes the paragraph before it terms (a blank line between: the description is loose).
 * Terms that follow a list, blank line or not, join it. src is the Markdown doc was parsed from:
 * a colon escaped there ("\: ", which cmark reads as ": ") begins no description. A block
 * indented four spaces under ":   text" is read from the description's text, as Goldmark reads
 * it (a paragraph, not code): parse reads it again.
 */
void deflist_tree(cmark_node *doc, struct md_source *src, deflist_parse parse);

#endif
