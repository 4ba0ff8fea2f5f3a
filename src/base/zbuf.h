/* zbuf.h - DEFLATE compression of whole buffers (libdeflate), on any thread. */
#ifndef FOLIO_ZBUF_H
#define FOLIO_ZBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum zbuf_wrap {
	ZBUF_RAW,	/* a bare DEFLATE stream, as a zip entry holds it */
	ZBUF_ZLIB	/* with zlib's header and Adler-32, as a PDF's FlateDecode stream */
};

/*
 * len bytes at data compressed at level (1 to 12; 6 is zlib's default and as small as zlib's
 * at the same level, in about half the time): a new buffer (g_free) of *out_len bytes, or NULL
 * when it cannot be done (no memory). Each thread keeps its own compressor for the levels it used.
 */
unsigned char *zbuf_deflate(const void *data, size_t len, int level, enum zbuf_wrap wrap, size_t *out_len);

/*
 * A zlib stream (a PDF's FlateDecode) inflated: a new buffer (g_free) of *out_len bytes, or NULL
 * when the data is not a whole zlib stream or would inflate past limit bytes.
 */
unsigned char *zbuf_inflate_zlib(const void *data, size_t len, size_t limit, size_t *out_len);

/* Is zlib stream data (a PDF's FlateDecode) stored rather than compressed (its first block a stored one)? */
bool zbuf_zlib_stored(const unsigned char *data, size_t len);

/* The CRC-32 of len bytes (as zlib's crc32 and a zip entry reckon it). */
uint32_t zbuf_crc32(const void *data, size_t len);

#endif
