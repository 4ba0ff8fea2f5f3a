/* images.h - turns each image reference of the book into a packed resource or a reported placeholder. */
#ifndef FOLIO_IMAGES_H
#define FOLIO_IMAGES_H

#include "read/reading.h"

/*
 * Resolve every image of every article (and the lead images and --cover):
 * local files inside the source folders and data: URIs become resources;
 * anything else keeps res NULL, gets a problem text and one warning. Without
 * a usable --cover, b->cover_drawn is set: the back ends draw the cover.
 */
void images_resolve(struct reading *rd);

/* Resolve one reference written in article a (a may be NULL for book-level images such as the cover). */
struct resource *images_resolve_ref(struct reading *rd, const char *base_dir, const char *ref,
				    const char **why);

#endif
