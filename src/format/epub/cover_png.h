/* cover_png.h - the drawn cover as the EPUB's cover image (PNG), encoded beside the pages. */
#ifndef FOLIO_COVER_PNG_H
#define FOLIO_COVER_PNG_H

#include <glib.h>

#include "book/model.h"

struct cover_png;

/*
 * Start drawing b's cover at 1600x2400 and encoding it as PNG on a thread of
 * its own, its text set with folio's font set-up (datadir/fonts/fonts.conf,
 * as the PDF's cover; the system's when that is missing): it takes as long
 * as rendering a hundred articles, so it runs beside them. b must outlive
 * the thread (cover_png_finish). Deterministic bytes.
 */
struct cover_png *cover_png_start(const struct book *b, const char *datadir);
/* Wait for the drawing and encoding: the PNG's bytes (owned by c), or NULL when it failed. */
GBytes *cover_png_finish(struct cover_png *c);
/* Wait, then free; NULL is nothing. */
void cover_png_free(struct cover_png *c);

/* Fill r (zeroed) as the package names the drawn cover: id, href, media type and size; no path. */
void cover_png_resource(struct resource *r);

#endif
