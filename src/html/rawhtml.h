/* rawhtml.h - Markdown's HTML blocks and inline tags written through the allow-list: the EPUB's markup, and what the passes say of raw HTML. */
#ifndef FOLIO_RAWHTML_H
#define FOLIO_RAWHTML_H

#include <cmark-gfm.h>

#include "html/sanitize.h"

/* A sanitizer (html/sanitize.h) that also keeps the elements lone tags leave open. */
struct sanitizer *rawhtml_new(GString *out, const char *file, const char *lang, sanitize_image_fn image,
			      void *image_data);

/*
 * Write the HTML_BLOCK node (its text starting on line of the article file)
 * as flow content. A block that is one lone start tag of a container (<div>)
 * stays open until its end tag or the end of the enclosing Markdown block.
 */
void rawhtml_block(struct sanitizer *s, cmark_node *node, int line);

/*
 * Write the HTML_INLINE node as phrasing content. Returns the last node it
 * consumed: node itself, or the end tag of a <script>/<style> whose content
 * it skipped (the caller continues after it).
 */
cmark_node *rawhtml_inline(struct sanitizer *s, cmark_node *node, int line);

/* Close the raw elements opened inside the Markdown node owner; call when leaving any container. */
void rawhtml_close(struct sanitizer *s, cmark_node *owner);

#endif
