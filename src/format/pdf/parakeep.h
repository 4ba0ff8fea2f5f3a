/* parakeep.h - paragraphs set in one book of a batch, kept within a budget for the next book that sets them alike. */
#ifndef FOLIO_PARAKEEP_H
#define FOLIO_PARAKEEP_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

/*
 * Keep up to budget bytes of set paragraphs for the rest of the run (folio batch); 0 lets go of
 * every one kept and keeps no more (the default: a single book never sets a paragraph twice).
 */
void parakeep_enable(size_t budget);
bool parakeep_on(void);

/*
 * The run's book number (from 1) now being set: what was kept for an earlier book and not taken
 * (the look ahead thought that book would keep its article; it did not) is let go.
 */
void parakeep_book(int book);

/*
 * The value kept under key, with a reference taken by ref, or NULL. Found, it is kept on for
 * next_book, the next book that will want it (0: none, and it is let go).
 */
gpointer parakeep_find(GBytes *key, gpointer (*ref)(gpointer value), int next_book);
/*
 * Keep value (its reference taken: dropped with unref) under key, bytes large, for next_book
 * (from 1). Past the budget, what is wanted last goes first (what no book wants sooner: the
 * best any keeping can do), the latest kept first among equals. A key already kept keeps its
 * value.
 */
void parakeep_put(GBytes *key, gpointer value, size_t bytes, int next_book, GDestroyNotify unref);

/* Since it was enabled: paragraphs found, paragraphs kept, and the most bytes kept at once. */
void parakeep_counts(guint64 *found, guint64 *kept, size_t *most);

#endif
