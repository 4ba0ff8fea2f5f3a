/* zipdeflate.h - compresses an archive entry ahead of time, on any thread, for libzip to copy as it is. */
#ifndef FOLIO_ZIPDEFLATE_H
#define FOLIO_ZIPDEFLATE_H

#include <stddef.h>
#include <zip.h>

/* Some bytes as raw DEFLATE data, with their size and CRC-32: what a zip entry stores. */
struct deflated;

/* Compress len bytes of data at level (base/zbuf.h); NULL if that cannot be done. Thread-safe. */
struct deflated *deflated_new(const void *data, size_t len, int level);
void deflated_free(struct deflated *d);

/*
 * A libzip source that hands d to the archive already compressed (libzip copies it, checks
 * nothing again); the source owns d from then on, also when this fails (NULL).
 */
zip_source_t *deflated_source(zip_t *za, struct deflated *d);

#endif
