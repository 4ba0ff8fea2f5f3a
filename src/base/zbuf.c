/* zbuf.c - DEFLATE compression of whole buffers (libdeflate), on any thread. */
#include "base/zbuf.h"

#include <glib.h>
#include <libdeflate.h>

#define LEVELS 13	/* libdeflate's levels: 0 (stored) to 12 */

/* A thread's compressors by level, made when first asked for, freed when the thread ends. */
static void free_compressors(gpointer data)
{
	struct libdeflate_compressor **c = data;

	for (int i = 0; i < LEVELS; i++)
		if (c[i])
			libdeflate_free_compressor(c[i]);
	g_free(c);
}

static GPrivate compressors = G_PRIVATE_INIT(free_compressors);

static struct libdeflate_compressor *compressor(int level)
{
	struct libdeflate_compressor **c = g_private_get(&compressors);

	if (!c) {
		c = g_new0(struct libdeflate_compressor *, LEVELS);
		g_private_set(&compressors, c);
	}
	if (!c[level])
		c[level] = libdeflate_alloc_compressor(level);
	return c[level];
}

unsigned char *zbuf_deflate(const void *data, size_t len, int level, enum zbuf_wrap wrap, size_t *out_len)
{
	struct libdeflate_compressor *c = compressor(CLAMP(level, 0, LEVELS - 1));
	size_t bound, n;
	unsigned char *out;

	if (!c)
		return NULL;
	bound = wrap == ZBUF_ZLIB ? libdeflate_zlib_compress_bound(c, len) : libdeflate_deflate_compress_bound(c, len);
	out = g_try_malloc(bound ? bound : 1);
	if (!out)
		return NULL;
	n = wrap == ZBUF_ZLIB ? libdeflate_zlib_compress(c, data, len, out, bound)
			      : libdeflate_deflate_compress(c, data, len, out, bound);
	if (!n) {
		g_free(out);
		return NULL;
	}
	*out_len = n;
	return out;
}

unsigned char *zbuf_inflate_zlib(const void *data, size_t len, size_t limit, size_t *out_len)
{
	struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
	/* libdeflate wants room for the whole result: start at four times the input, double as needed. */
	size_t room = MIN(MAX(len * 4, (size_t)4096), limit);
	unsigned char *out = NULL;

	while (d) {
		enum libdeflate_result r;

		out = g_try_realloc(out, room ? room : 1);
		if (!out)
			break;
		r = libdeflate_zlib_decompress(d, data, len, out, room, out_len);
		if (r == LIBDEFLATE_SUCCESS) {
			libdeflate_free_decompressor(d);
			return out;
		}
		if (r != LIBDEFLATE_INSUFFICIENT_SPACE || room >= limit)
			break;
		room = room > limit / 2 ? limit : room * 2;
	}
	g_free(out);
	if (d)
		libdeflate_free_decompressor(d);
	return NULL;
}

bool zbuf_zlib_stored(const unsigned char *data, size_t len)
{
	/* zlib's header (method 8, its check, no preset dictionary), then the first block's type: 00 is stored. */
	return len >= 3 && (data[0] & 0x0f) == 8 && ((data[0] << 8) | data[1]) % 31 == 0 && !(data[1] & 0x20)
	       && (data[2] & 0x06) == 0;
}

uint32_t zbuf_crc32(const void *data, size_t len)
{
	return libdeflate_crc32(0, data, len);
}
