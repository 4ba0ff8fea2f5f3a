/* resources.h - the images a book packs, each stored once however often it is used. */
#ifndef FOLIO_RESOURCES_H
#define FOLIO_RESOURCES_H

#include "book.h"

/*
 * Register the image file path (already known to be inside the source
 * folders, or in folio's image cache). Returns the resource (an existing one
 * when the same bytes were added before), or NULL with *why set when the
 * file cannot be read or is not an image folio knows.
 */
struct resource *resources_add_file(struct book *b, const char *path, const char **why);

/* The same for bytes in memory (data: URIs); the bytes are written to the book's scratch folder. */
struct resource *resources_add_bytes(struct book *b, const void *data, size_t len, const char **why);

void resource_free(struct resource *r);

#endif
