/* nodetext.h - what a Markdown node says as plain text, and where in its file it was written. */
#ifndef FOLIO_NODETEXT_H
#define FOLIO_NODETEXT_H

#include <stddef.h>
#include <cmark-gfm.h>

/* Plain text of a node and its descendants (for titles, alt text, anchors); g_free. */
char *node_plain_text(cmark_node *node);

/*
 * The line of the article file where node n was written, for a body that starts on the file's
 * line body_line. Inline nodes that carry no line take the nearest block's.
 */
int node_file_line(cmark_node *n, int body_line);

/* A new text node holding len bytes of s (a repair's or a pass's piece of a text it splits). */
cmark_node *node_new_text(const char *s, size_t len);

#endif
