/* imagetype.h - what kind of image some bytes hold, and its size in pixels, from its header. */
#ifndef FOLIO_IMAGETYPE_H
#define FOLIO_IMAGETYPE_H

#include <stdbool.h>
#include <stddef.h>

struct image_info {
	const char *media_type;	/* "image/jpeg", ... or NULL when the bytes are no image folio knows */
	const char *ext;	/* "jpg", "png", "gif", "webp", "svg", "bmp" (never packed: converted to PNG) */
	int width, height;	/* 0 when the header does not say (SVG) */
	int orientation;	/* JPEG EXIF orientation 1..8; 0 when none is written */
	int components;		/* JPEG: colour components (1 grey, 3 colour, 4 CMYK); 0 for other types */
	int frames;		/* GIF: image blocks counted (animation frames; 0: a damaged GIF); else 1 */
	bool animated;		/* GIF with several frames, WebP with an ANIM chunk */
	bool alpha;		/* PNG colour type with alpha or tRNS, WebP alpha flag or lossless */
	bool lossless;		/* WebP: VP8L (lossless) bitstream */
};

/* Look at the first bytes (all of them for SVG) of an image file. Returns false if not an image. */
bool imagetype_sniff(const unsigned char *data, size_t len, struct image_info *info);

/*
 * Does the file end before its format says it does (a download or copy cut short)? A JPEG
 * without its end marker, a PNG without its IEND chunk, a WebP shorter than its RIFF size, a
 * bitmap that ends before its pixels begin. Readers show such a picture half grey, or not at all.
 */
bool imagetype_cut_short(const unsigned char *data, size_t len, const struct image_info *info);

/*
 * Where the first frame of a GIF ends (the bytes before are its header, colour table, extensions
 * and first picture), or 0 when it has none: the first frame stands for an animation in a book.
 */
size_t imagetype_gif_first_frame(const unsigned char *data, size_t len);

/*
 * Is a picture (a whole one: imagetype_cut_short) what its header says? A PNG: a colour type and
 * bit depth PNG has, a palette where it needs one, critical chunks whose checksums are right and
 * image data that inflates to all its rows. A JPEG: a scan (picture data) before its end. A GIF:
 * its frames inside its screen, none cut inside. NULL when it is; else why not (static text).
 * Readers refuse such a picture (EPUBCheck: a corrupted image), or show it half grey; the PDF
 * could not decode it. A PNG's pixels are inflated to count them, not kept: the header's size
 * should be judged first (a decompression bomb).
 */
const char *imagetype_damage(const unsigned char *data, size_t len, const struct image_info *info);

#endif
