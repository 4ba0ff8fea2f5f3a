/* identity.h - what makes two articles "the same": their source link, their title and date, their file. */
#ifndef FOLIO_IDENTITY_H
#define FOLIO_IDENTITY_H

#include "book.h"

/*
 * The keys that name an article, as text: "link:" + its source link (scheme
 * dropped, host in lower case, no #fragment or trailing slash) when it has one,
 * "title:" + UTC seconds + ":" + title when it has a date, and, when with_path,
 * "path:" + the file's real path. Two articles sharing the link or the title
 * and date key are duplicates; a digest records all three keys of what it
 * held. Returns a GPtrArray of g_free'd strings (free with g_ptr_array_unref).
 */
GPtrArray *identity_keys(const struct article *a, bool with_path);

/* The link key alone ("link:host/path?query"), or NULL when url is not http(s) or "//". g_free. */
char *identity_link_key(const char *url);

#endif
