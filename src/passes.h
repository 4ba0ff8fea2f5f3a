/* passes.h - the passes run once over the book before any writer: ids, headings, footnotes, images, links. */
#ifndef FOLIO_PASSES_H
#define FOLIO_PASSES_H

#include "book.h"

/* Give each article (in reading order) its id and title, and collect what writers need from its tree. */
void passes_run(struct book *b);

/*
 * What the choosing of articles needs before the book is arranged: the
 * article's source name and link, and its language (declared, or seen in its
 * text). Call once per article read, after its title is set.
 */
void passes_identify(struct book *b, struct article *a);

/* The effective title of an article: front matter, else first heading, else file name. */
char *passes_article_title(const struct article *a);

#endif
