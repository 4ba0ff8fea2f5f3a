/* identity.h - what makes two articles "the same": their source link, their title and day, their file. */
#ifndef FOLIO_IDENTITY_H
#define FOLIO_IDENTITY_H

#include "book/model.h"

/*
 * The keys that name an article, as text:
 *   "link:" + its source link (see identity_link_key), when it has one;
 *   "title:" + its day in tz + ":" + its title (identity_title_key), when dated,
 *     followed by "\n" + its text fingerprint with IDENTITY_TEXT;
 *   "path:" + the file's real path, with IDENTITY_PATH.
 * Two articles of a book sharing a link key, or a title key with the text, are
 * duplicates (the same story, re-posted or syndicated); a digest records the
 * keys with the path of what it held and later counts an article as sent when
 * any of its keys was recorded.
 * Returns a GPtrArray of strings (free with g_ptr_array_unref).
 */
enum identity_with { IDENTITY_PATH = 1, IDENTITY_TEXT = 2 };
GPtrArray *identity_keys(const struct article *a, GTimeZone *tz, unsigned with);

/*
 * A fingerprint of what the article says: CRC-32, Adler-32 and length of its body text with
 * all white space removed, leaving out a trailing source-link paragraph (the same story
 * re-posted by another outlet differs only there). g_free.
 */
char *identity_text_fingerprint(const struct article *a);

/*
 * The article's source paragraph: its last block before the footnotes, when that is a paragraph
 * holding one link and nothing else visible (*link set to it). NULL when there is none.
 */
cmark_node *identity_source_paragraph(cmark_node *doc, cmark_node **link);

/* "link:host/path?query": scheme dropped, host in lower case, no #fragment or trailing slash; NULL when url is not http(s) or "//". g_free. */
char *identity_link_key(const char *url);

/* "title:2025-03-09:title" with the title folded (NFKC, case, runs of spaces) and the day taken in tz. g_free. */
char *identity_title_key(const char *title, gint64 utc, GTimeZone *tz);

/* A title as a reader compares it: NFKC (width), case and runs of white space aside. g_free. */
char *identity_fold_title(const char *title);

#endif
