/* nodetext.h - what a Markdown node says as plain text, and where in its file it was written. */
#ifndef FOLIO_NODETEXT_H
#define FOLIO_NODETEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <cmark-gfm.h>
#include <glib.h>

/* Plain text of a node and its descendants (for titles, alt text, anchors); g_free. */
char *node_plain_text(cmark_node *node);

/*
 * Lines a body's rendering added to it (an include's text where its shortcode stood), in order:
 * the rendering's line out began on the body's line src, and took extra lines more than it; shift
 * is the lines added up to there, this one's included. NULL or empty: line for line.
 */
struct line_shift {
	int out, src, extra, shift;
};

/* The body's line that rendered line out comes from (a line an expansion added: the shortcode's). */
int lines_source(const GArray *shifts, int out);
/* The rendered line the body's line src went to. */
int lines_output(const GArray *shifts, int src);

/*
 * The line of the article file where node n was written, for a body that starts on the file's
 * line body_line and was rendered with shifts (or NULL). Inline nodes that carry no line take the
 * nearest block's.
 */
int node_file_line(cmark_node *n, int body_line, const GArray *shifts);

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
