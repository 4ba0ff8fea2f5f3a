/* imagedecode.h - checks, decodes, scales and converts images: what the EPUB packs and what the PDF draws. */
#ifndef FOLIO_IMAGEDECODE_H
#define FOLIO_IMAGEDECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <cairo.h>
#include <glib.h>

#include "base/options.h"
#include "media/imagetype.h"

/* What to pack for one image: its own bytes, or a converted copy. */
struct image_prepared {
	GBytes *bytes;		/* converted bytes; NULL: pack the original as it is */
	const char *media_type;	/* of what is packed */
	const char *ext;
	int width, height;	/* of what is packed; 0 for an SVG without a size */
	int components;		/* a JPEG's colour components (4: CMYK); 0 for other types */
	const char *converted_from;	/* the original's media type when converted, else NULL */
	bool blank;		/* an SVG that draws nothing (a web page's spacer, often a data: URL) */
	char *flaw;		/* packed, but what of an SVG's drawing was left out or repaired (g_free), or NULL */
};

/*
 * Decide what the book packs for the image data (sniffed as info), following
 * the image options in o (NULL: the defaults): refuse a header that promises
 * more than --image-max-megapixels before decoding anything, pack an SVG's
 * drawing without what would run or load (svgfile.h; out->flaw says any
 * loss) and refuse one that draws only through what is left out, refuse a
 * GIF no decoder reads, scale an image longer than --image-max-pixels on its
 * long side (JPEG stays JPEG, others become PNG; an animated GIF loses its
 * animation then), turn WebP into JPEG or PNG as --webp says, and bake a
 * JPEG's EXIF rotation into its pixels. Returns false with *why (g_free it;
 * it completes "image 'X' ...") when the image must not be packed.
 * g_bytes_unref out->bytes, g_free out->flaw.
 */
bool imagedecode_prepare(const struct options *o, const unsigned char *data, size_t len,
			 const struct image_info *info, struct image_prepared *out, char **why);

/*
 * For the PDF writer: the picture in the file path as a Cairo image surface
 * (ARGB32 when it has transparency, else RGB24). A JPEG keeps its own bytes
 * attached as CAIRO_MIME_TYPE_JPEG (and unique_id as CAIRO_MIME_TYPE_UNIQUE_ID),
 * so a PDF surface embeds the JPEG itself, once however often it is drawn
 * (unique_id names the picture: a resource's id).
 * PNG, GIF (first frame) and WebP are decoded; SVG is rasterised to at most
 * 2400 pixels on its long side when gdk-pixbuf has an SVG loader. Returns
 * NULL when the file cannot be decoded; cairo_surface_destroy the result.
 */
cairo_surface_t *imagedecode_surface(const char *path, const char *unique_id);

#endif
