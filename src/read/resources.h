/* resources.h - the images a book packs, each stored once however often it is used. */
#ifndef FOLIO_RESOURCES_H
#define FOLIO_RESOURCES_H

#include "read/reading.h"

/*
 * Register the image file path (already known to be inside the source
 * folders, or in folio's image cache). Returns the resource (an existing one
 * when the same bytes were added before), or NULL with *why set (text that
 * lives as long as the program) when the file cannot be read, is not an
 * image folio knows, or is refused by imagedecode_prepare (too many pixels,
 * an SVG with scripts, damaged). A scaled or converted copy is written to
 * the book's scratch folder and becomes the resource's path.
 */
struct resource *resources_add_file(struct reading *rd, const char *path, const char **why);

/* The same for bytes in memory (data: URIs); the bytes are written to the book's scratch folder. */
struct resource *resources_add_bytes(struct reading *rd, const void *data, size_t len, const char **why);

/* The book's scratch folder (created on first use), or NULL when no temporary folder can be made. */
const char *resources_scratch_dir(struct book *b);


#endif
