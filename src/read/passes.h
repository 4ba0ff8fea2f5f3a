/* passes.h - the passes run once over the book before any writer: ids, headings, footnotes, images, links. */
#ifndef FOLIO_PASSES_H
#define FOLIO_PASSES_H

#include "book/model.h"

/*
 * Give each article (in reading order) its id, the anchors of its headings
 * and footnotes, and its links their target articles. Needs no tree.
 */
void passes_run(struct book *b);

/*
 * What the choosing of articles needs before the book is arranged: the
 * article's source name and link, its language (declared, or seen in its
 * text) and its text fingerprint; and, while its tree is at hand, the records
 * of its headings, images, links and footnotes (records_take). Call once per
 * article read, after its title is set, before its tree is dropped.
 */
void passes_identify(struct book *b, struct article *a);

/* The effective title of an article: front matter, else first heading, else file name. */
char *passes_article_title(const struct article *a);

/*
 * A body that opens with a heading saying the title ("# Buttons" in a file with no front matter,
 * or under "title: Buttons") would show it twice under the book's own title: that heading is the
 * title, taken out of the body (its lines left blank, so lines keep their numbers).
 */
void passes_drop_title_heading(struct article *a);

#endif
