/* build.h - the pipeline that builds a book: read every SOURCE, choose, order and group, run the passes. */
#ifndef FOLIO_BUILD_H
#define FOLIO_BUILD_H

#include <glib.h>

#include "base/options.h"
#include "book/model.h"

/*
 * Read every SOURCE of opts, keep the articles the options choose (and, for
 * `folio digest --new`, none whose identity key is in sent; NULL: no such
 * filter), order and group them, run the passes and resolve the pictures.
 * cjk_latin_space is the em both books put between Han and Latin letters
 * (the print theme's). Problems are reported through diag.
 */
struct book *book_build(const struct options *opts, GHashTable *sent, double cjk_latin_space);

/*
 * A run of many books (folio batch): next_book(a, book_lang, data) is the next book of the run (its
 * number, from 1) that would keep article a too, or 0; book_build notes it in each article kept
 * (article.next_book) for the PDF to keep its set paragraphs that long (format/pdf/parakeep.h).
 * NULL: none noted (a run of one book).
 */
void build_set_next_book(int (*next_book)(const struct article *a, const char *book_lang, void *data), void *data);

/* Give a built book its final title and subtitle (digests fill their templates once the articles are known). */
void book_set_title(struct book *b, const char *title, const char *subtitle);

#endif
