/* header.h - what an article's header shows, decided once for both books: standfirst, source, tags. */
#ifndef FOLIO_HEADER_H
#define FOLIO_HEADER_H

#include "book/model.h"

/*
 * Decide a's header from its front matter, its source and its tree (a->doc, after its source
 * is found): a->standfirst (the summary, unless it only repeats the opening of the article,
 * as feeds cut it: "…学习之处Deep..."), a->header_tags (the tags, less those that only repeat
 * the source's name) and a->source_paragraph (the closing link the source was taken from,
 * left out of the body: the header shows the source, linked). Once per article read.
 */
void header_decide(struct article *a);

/*
 * Does summary only repeat the opening of the text (both compared without white space or
 * quotation marks, a trailing "..." or "…" of the summary dropped)?
 */
bool header_summary_is_opening(const char *summary, const char *opening);

#endif
