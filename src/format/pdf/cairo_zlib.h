/* cairo_zlib.h - Cairo's streams left uncompressed while it finishes a PDF, for the post-pass to compress on every core. */
#ifndef FOLIO_CAIRO_ZLIB_H
#define FOLIO_CAIRO_ZLIB_H

#include <stdbool.h>

/*
 * Between begin and end, on this thread, zlib's deflateInit (Cairo's only way to compress)
 * stores instead of compressing: Cairo 1.16 compresses each font subset at zlib's default
 * level on the one thread that finishes the PDF, with no switch to turn that off (its
 * CAIRO_DEBUG_PDF leaves only page content plain). Their streams stay valid FlateDecode data;
 * the post-pass compresses every stored stream again with libdeflate, on every core
 * (zbuf_zlib_stored tells them).
 */
void cairo_zlib_store_begin(void);
void cairo_zlib_store_end(void);

#endif
