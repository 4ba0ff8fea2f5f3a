/* loadcache.h - articles loaded once for every book of a run that reads the same files (folio batch). */
#ifndef FOLIO_LOADCACHE_H
#define FOLIO_LOADCACHE_H

#include <stdbool.h>
#include <glib.h>

#include "book/model.h"

/*
 * Off until loadcache_enable: a run that builds one book keeps nothing. Once on, every
 * article loaded (read, parsed, identified; or refused, with why) is kept as loading left it,
 * under its file, real path, SOURCE-relative path, the time zone dates are read in and the
 * book's --lang (which loading depends on); a later book gets its own copy (article_copy).
 * Thread-safe. An article's loading messages are given once, by the first book that reads it.
 */
void loadcache_enable(void);
void loadcache_clear(void);

/* The key of a file to load with zone tz and book language lang (may be NULL); g_free. */
char *loadcache_key(const char *file, const char *real, const char *rel, GTimeZone *tz, const char *lang);
/* True when key was loaded before: *a is a copy (or NULL, refused, with *why). */
bool loadcache_find(const char *key, const struct root *root, struct article **a, const char **why);
/* Keep a copy of what loading key gave (a may be NULL: refused for why). */
void loadcache_keep(const char *key, const struct article *a, const char *why);

#endif
