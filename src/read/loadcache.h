/* loadcache.h - each source collection read and parsed once for every book of a run that reads it (folio batch). */
#ifndef FOLIO_LOADCACHE_H
#define FOLIO_LOADCACHE_H

#include <stdbool.h>
#include <glib.h>

#include "base/diag.h"
#include "read/reading.h"

/*
 * Off until loadcache_enable(true): a run that builds one book keeps nothing. Once on, what
 * reading a book's sources gave (read/build.c's load_all: the roots, the articles and sections
 * read, parsed and identified, the files left out, and every message reading gave) is kept under
 * the sources and the settings reading depends on (loadcache_key); a later book with the same key
 * gets its own copies (article_copy) and the same messages again (diag_held_repeat), so that its
 * filters, Hugo's rules, --strict and the passes act on it as in a run of its own. Files are
 * taken not to change during the run. loadcache_enable(false) frees everything kept.
 */
void loadcache_enable(bool on);

/* The key reading r's sources is kept under (g_free), or NULL when the cache is off. */
char *loadcache_key(const struct reading *r);

/*
 * When key was read before: fill r->b's roots, sections and left-out list with copies, say the
 * messages reading gave, and return copies of the articles read (as load_all does). Else NULL.
 */
GPtrArray *loadcache_take(const char *key, struct reading *r);

/* Keep copies of what reading gave r->b and loaded under key, with said (taken; may be NULL). */
void loadcache_keep(const char *key, const struct reading *r, const GPtrArray *loaded, struct diag_held *said);

/* Collections read (kept) and books that reused one, since loadcache_enable(true). */
void loadcache_counts(guint *read, guint *reused);

#endif
