/* article.h - reads one Markdown file (front matter and body) into a struct article. */
#ifndef FOLIO_ARTICLE_H
#define FOLIO_ARTICLE_H

#include "book/model.h"
#include "read/shortcodes.h"

/*
 * Read the file real (shown in messages as file): its front matter (YAML, TOML or JSON) into
 * a->fm, its body kept as written (a->source) for article_parse. Returns NULL when the file
 * cannot be part of the book (unreadable, invalid UTF-8, bad or unterminated front matter),
 * after reporting why with its line; *why then names the reason for the left-out summary.
 */
struct article *article_read(const char *file, const char *real, const struct root *root,
			     const char *rel, GTimeZone *tz, const char **why);

/*
 * Parse the body article_read kept: the pre-pass (shortcodes, emoji, heading ids, the summary
 * divider; read/shortcodes.h) with ctx, then Markdown (a->doc, until article_drop_tree). Sets
 * a->summary. Returns the shortcodes folio did not know (struct unknown_shortcode *,
 * g_ptr_array_unref), for one message per name over the whole book.
 */
GPtrArray *article_parse(struct article *a, const struct sc_context *ctx);

/* article_read then article_parse, as a file alone is read (no site, no page around it). */
struct article *article_load(const char *file, const char *real, const struct root *root,
			     const char *rel, GTimeZone *tz, const char **why);

/* Free the tree loading parsed (a->doc), once the passes that read it are done. */
void article_drop_tree(struct article *a);

#endif
