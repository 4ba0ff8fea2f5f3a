/* device_draw.h - what the Cairo device draws a box with: text runs, pictures (decoded once), shapes. */
#ifndef FOLIO_DEVICE_DRAW_H
#define FOLIO_DEVICE_DRAW_H

#include <stdbool.h>
#include <cairo.h>
#include <glib.h>

#include "format/pdf/layout.h"

/* Pictures decoded for drawing, kept while they fit a budget (a picture is often drawn twice). */
struct draw_images {
	GHashTable *surfaces;	/* const struct resource * -> cairo_surface_t * (or NULL: cannot be drawn) */
	gsize bytes;
};

void draw_images_init(struct draw_images *im);
void draw_images_clear(struct draw_images *im);

void draw_set_color(cairo_t *cr, guint32 rgb);
/* One run of line l of b's paragraph: its glyphs, emphasis dots, strike or underline. */
void draw_run(cairo_t *cr, const struct box *b, const struct para_line *l, const struct para_run *r);
/* The hyphen of a line broken inside a word (l->hyphen), if it has one, after its last run. */
void draw_hyphen(cairo_t *cr, const struct box *b, const struct para_line *l);
/* The width of that hyphen when run r is the one it follows (r's link covers it too), else 0. */
double draw_hyphen_after(const struct para_line *l, const struct para_run *r);
/*
 * b's picture placed in its box, or, fill, filling the box grown by grow on every side (a
 * cover running into the bleed), cut at its edges; a frame when it cannot be decoded.
 */
void draw_image(cairo_t *cr, struct draw_images *im, const struct box *b, bool fill, double grow);
/* A rule, a background or a frame. */
void draw_shape(cairo_t *cr, const struct box *b);

#endif
