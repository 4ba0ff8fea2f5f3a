/* records.h - an article's headings, images, links and footnotes: recorded while it is read, bound to a reader's tree. */
#ifndef FOLIO_RECORDS_H
#define FOLIO_RECORDS_H

#include <cmark-gfm.h>
#include <glib.h>

#include "book/model.h"

/*
 * Record a's headings, images (Markdown ones, and each <img> of raw HTML),
 * links, footnote definitions and subheads from a->doc, in document order. Once per
 * article, while it is read.
 */
void records_take(struct article *a);

/*
 * Run a's raw HTML through the allow-list as the EPUB writes it, keeping what that says (an
 * element dropped, a script attribute, a video shown as a link) in a->raw_said for the passes to
 * say when a book takes the article: the PDF sets the same raw HTML the same way, and a run that
 * writes only the PDF says it too. After header_decide (the source paragraph is not written).
 */
void records_raw_html(struct article *a);

/*
 * A back end's own copy of an article's tree: parsed again from a->markdown
 * (read/markdown.h), the same nodes as when the article was read, each node
 * that has a record bound to it (the lookups below). The article is only
 * read: any number of views of any articles may be open at once, on any
 * threads. A tree that does not match the records is a defect: reported,
 * then abort().
 */
struct article_view {
	const struct article *a;
	cmark_node *doc;
	GPtrArray *defs;	/* the footnote definition nodes, by footnote number - 1 */
	GPtrArray *lists;	/* GPtrArray * of images of raw HTML nodes, freed with the view */
	cmark_node *source_para;	/* the paragraph a->source_paragraph names, or NULL: no book sets it */
};

struct article_view *article_view_open(const struct article *a);
void article_view_close(struct article_view *v);

/* The record of a node of a view's tree, or NULL when it has none (or is of another kind). */
const struct heading *record_heading(cmark_node *n);
const struct link *record_link(cmark_node *n);
/* Is n a paragraph both books set as a subhead (a->subheads)? */
bool record_subhead(cmark_node *n);
/*
 * Is paragraph para one bold phrase alone, not a sentence ("**科技创新要符合产业聚集的经济规律**",
 * "**Info**")? At the top level of an article, that is a subhead.
 */
bool record_bold_phrase(cmark_node *para);
const struct footnote *record_footnote(cmark_node *def);
/* The note a footnote reference calls. */
const struct footnote *record_footnote_ref(const struct article_view *v, cmark_node *ref);
/*
 * The image of an image node, or of the nth <img src> of its address in raw HTML node n
 * (sanitize_img_nth; the first when n has fewer: a writer that parsed more than n); with n NULL,
 * the first image of the article with that address.
 */
const struct image *record_image(const struct article_view *v, cmark_node *n, const char *src, int nth);
/* The image of a piece of inline raw HTML that is one <img> tag (a picture in a line), else NULL. */
const struct image *record_inline_picture(cmark_node *n);

#endif
