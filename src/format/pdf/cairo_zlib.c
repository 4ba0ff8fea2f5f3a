/* cairo_zlib.c - Cairo's streams left uncompressed while it finishes a PDF, for the post-pass to compress on every core. */
#include "format/pdf/cairo_zlib.h"

#include <stddef.h>
#include <zlib.h>

static _Thread_local bool storing;

void cairo_zlib_store_begin(void)
{
	storing = true;
}

void cairo_zlib_store_end(void)
{
	storing = false;
}

/*
 * zlib's own deflateInit_, which deflateInit expands to, with the level made 0 while storing.
 * Defined in the program, it is the one every library's call to deflateInit_ reaches (the
 * program's symbols come first); zlib's deflateInit_ is exactly this call with the level given.
 */
int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	return deflateInit2_(strm, storing ? 0 : level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}
