/* parakeep.h - paragraphs set in one book of a batch, kept within a budget for the next books that set them alike. */
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

/* The value kept under key, with a reference taken by ref, or NULL. */
gpointer parakeep_find(GBytes *key, gpointer (*ref)(gpointer value));
/*
 * Keep value (its reference taken: dropped with unref) under key, bytes large; the least
 * recently used go while the whole passes the budget. A key already kept keeps its value.
 */
void parakeep_put(GBytes *key, gpointer value, size_t bytes, GDestroyNotify unref);

/* Since it was enabled: paragraphs found, paragraphs kept, and the most bytes kept at once. */
void parakeep_counts(guint64 *found, guint64 *kept, size_t *most);

#endif
