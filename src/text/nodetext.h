/* nodetext.h - what a Markdown node says as plain text, and where in its file it was written. */
#ifndef FOLIO_NODETEXT_H
#define FOLIO_NODETEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <cmark-gfm.h>

/* Plain text of a node and its descendants (for titles, alt text, anchors); g_free. */
char *node_plain_text(cmark_node *node);

/*
 * The line of the article file where node n was written, for a body that starts on the file's
 * line body_line. Inline nodes that carry no line take the nearest block's.
 */
int node_file_line(cmark_node *n, int body_line);

/* Is n a line end (soft or hard) or text of blanks only, nothing to see? */
bool node_is_blank(cmark_node *n);

/* A link whose only visible content is one image: that image, else NULL. */
cmark_node *node_linked_image(cmark_node *n);

/*
 * Does paragraph para hold pictures (each maybe alone in a link) and nothing else to see? Both
 * books set each as a figure with its caption; a picture among words has none (image.in_line).
 */
bool node_pictures_only(cmark_node *para);

/* The block inline node n is in (a paragraph, a heading, a table cell); n itself when it is a block. */
cmark_node *node_block_of(cmark_node *n);

/* The nearest link holding inline node n (inside its block), or NULL. */
cmark_node *node_link_around(cmark_node *n);

/* A new text node holding len bytes of s (a repair's or a pass's piece of a text it splits). */
cmark_node *node_new_text(const char *s, size_t len);

#endif
