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
 * the sources and the settings reading depends on (loadcache_key); every book with that key (the
 * first too) chooses among the kept articles, read-only, and gets its own copies (article_copy)
 * of those it keeps, with the same messages again (diag_held_repeat), so that its filters,
 * Hugo's rules, --strict and the passes act on it as in a run of its own. Files are
 * taken not to change during the run. loadcache_enable(false) frees everything kept.
 */
void loadcache_enable(bool on);

/* The key reading r's sources is kept under (g_free), or NULL when the cache is off. */
char *loadcache_key(const struct reading *r);

/*
 * When key was read before: fill r->b's roots, sections and left-out list with copies, say the
 * messages reading gave, and return the articles read (the cache's, read-only: select_articles
 * chooses among them, then loadcache_own). Else NULL.
 */
const GPtrArray *loadcache_take(const char *key, struct reading *r);

/*
 * Keep what reading gave r->b (copies of its roots, sections and left-out list), the articles
 * loaded (taken) and said (taken; may be NULL) under key (which loadcache_key gave: the cache is
 * on). Returns the articles as kept (read-only, as loadcache_take's).
 */
const GPtrArray *loadcache_keep(const char *key, const struct reading *r, GPtrArray *loaded, struct diag_held *said);

/* Replace the cache's articles select_articles chose into r->b->articles by the book's own copies. */
void loadcache_own(struct reading *r);

/*
 * Forget every reading of these sources (whatever the settings): the run knows no later book
 * reads them, so their memory is not held to the end. Between books only (a book being built
 * holds the articles it chooses among). loadcache_sources_key: how a key starts.
 */
void loadcache_forget(const GPtrArray *sources);
char *loadcache_sources_key(const GPtrArray *sources);

/* Since loadcache_enable(true): collections read (kept), books that reused one, and the most
   kept at once (most may be NULL). */
void loadcache_counts(guint *read, guint *reused, guint *most);

#endif
