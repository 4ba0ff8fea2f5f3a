/* imagecache.h - the folder of downloaded images, keyed by URL, shared by every build and digest. */
#ifndef FOLIO_IMAGECACHE_H
#define FOLIO_IMAGECACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

/*
 * Layout of DIR: "<sha256 of the URL>" holds the image's bytes exactly as
 * served; "<sha256>.failed" holds why the server refused it (a 4xx answer,
 * an HTML page, a redirect loop), remembered for one day so that a run soon
 * after does not ask again; ".tmp-*" are entries being written. Entries are
 * written to a temporary file and renamed, so a reader never sees half an
 * image; temporary files an interrupted run left behind are removed after an
 * hour. Nothing expires otherwise: delete the folder to start afresh.
 */
struct imagecache;

/* How long a remembered failure stands, in seconds. */
#define IMAGECACHE_FAILURE_TTL (24 * 60 * 60)

/* The default folder: $XDG_CACHE_HOME/folio, else ~/.cache/folio. g_free the result. */
char *imagecache_default_dir(void);

/*
 * Open (creating it when missing) the cache in dir, or in the default folder
 * when dir is NULL. Returns NULL with *why set (static text, with the system's
 * reason) when the folder cannot be created or written.
 */
struct imagecache *imagecache_open(const char *dir, const char **why);
void imagecache_free(struct imagecache *c);
const char *imagecache_dir(const struct imagecache *c);

/* The cache key of url ("https:" added to "//host/..."). g_free the result. */
char *imagecache_key(const char *url);

/* Entries larger than max_bytes (--image-max-bytes; 0: no limit) are not read. */
void imagecache_limit(struct imagecache *c, long max_bytes);

/*
 * Path of the cached image of url, or NULL (a damaged entry is removed; one that is no regular
 * file, or larger than the limit, is not read). g_free the result.
 */
char *imagecache_lookup(struct imagecache *c, const char *url);

/* The remembered reason url failed, when younger than IMAGECACHE_FAILURE_TTL, or NULL. g_free it. */
char *imagecache_failure(struct imagecache *c, const char *url);

/* Store the bytes of url atomically. Returns the entry's path, or NULL (errno says why) when it cannot be written. */
char *imagecache_store(struct imagecache *c, const char *url, const void *data, size_t len);

/* Remember that url failed for a reason that will not change soon. */
void imagecache_store_failure(struct imagecache *c, const char *url, const char *problem);

#endif
