/* epub.h - the EPUB 3 writer: packs the book's pages, navigation, stylesheet and images with libzip. */
#ifndef FOLIO_EPUB_H
#define FOLIO_EPUB_H

#include <stdbool.h>

#include "format/export.h"

/*
 * Write x->book as an EPUB 3 package to out->tmp (out->fp is closed first):
 * mimetype first and stored, container.xml, OPF with accessibility
 * metadata, nav.xhtml, toc.ncx, stylesheet (templates/epub.css or --css),
 * cover and title pages, a page per part and per article, the images (a
 * drawn cover as PNG when the book has no --cover).
 * Entry order, timestamps (from b->modified) and attributes are fixed, so
 * the same book gives the same bytes. Problems are reported through diag;
 * returns false on failure.
 */
bool epub_write(const struct export *x, struct outfile *out);

#endif
