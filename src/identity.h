/* identity.h - what makes two articles "the same": their source link, their title and day, their file. */
#ifndef FOLIO_IDENTITY_H
#define FOLIO_IDENTITY_H

#include "book.h"

/*
 * The keys that name an article, as text:
 *   "link:" + its source link (see identity_link_key), when it has one;
 *   "title:" + its day in tz + ":" + its title (identity_title_key), when dated;
 *   "path:" + the file's real path, when with_path.
 * Two articles sharing a link or a title key are duplicates (the same story,
 * re-posted or syndicated); a digest records all three keys of what it held
 * and later counts an article as sent when any of its keys was recorded.
 * Returns a GPtrArray of strings (free with g_ptr_array_unref).
 */
GPtrArray *identity_keys(const struct article *a, GTimeZone *tz, bool with_path);

/*
 * A fingerprint of what the article says: CRC-32, Adler-32 and length of its body text with
 * all white space removed, leaving out a trailing source-link paragraph (the same story
 * re-posted by another outlet differs only there). g_free.
 */
char *identity_text_fingerprint(const struct article *a);

/* "link:host/path?query": scheme dropped, host in lower case, no #fragment or trailing slash; NULL when url is not http(s) or "//". g_free. */
char *identity_link_key(const char *url);

/* "title:2025-03-09:title" with the title folded (NFKC, case, runs of spaces) and the day taken in tz. g_free. */
char *identity_title_key(const char *title, gint64 utc, GTimeZone *tz);

#endif
