/* shapecache.h - paragraphs shaped once for a run of many books (folio batch), whatever map sets them again. */
#ifndef FOLIO_SHAPECACHE_H
#define FOLIO_SHAPECACHE_H

#include <stdbool.h>
#include <glib.h>
#include <pango/pango.h>

/*
 * A batch sets an article again for every book that holds it: with on, a paragraph's items and
 * glyphs are kept (up to a budget) by a digest of everything its shaping reads, and handed to the
 * next paragraph with that digest, in the fonts of the font map that sets it (each thread and
 * book has its own map: the same face is the same font in any of them). Off frees what is kept.
 * Shaping gives the same glyphs for the same input, so a book's bytes do not change.
 */
void shapecache_keep(bool on);

/* The size of a paragraph's digest (SHA-256). */
enum { SHAPECACHE_KEY = 32 };

/*
 * The paragraph kept under key, as items (PangoItem *, their fonts map's) and glyph strings (one
 * per item) appended to items and glyphs, and its longest run of marks into *mark_run: true, or
 * false (nothing appended) when none is kept or map has not yet met one of its fonts.
 */
bool shapecache_find(const guint8 key[SHAPECACHE_KEY], PangoFontMap *map, GPtrArray *items, GPtrArray *glyphs,
		     int *mark_run);
/* Keep a paragraph just shaped with map's fonts (nothing when off, over the budget, or kept already). */
void shapecache_put(const guint8 key[SHAPECACHE_KEY], PangoFontMap *map, GPtrArray *items, GPtrArray *glyphs,
		    int mark_run);
/* Whether the cache is on (a paragraph's digest is worth making). */
bool shapecache_on(void);
/* Paragraphs handed out and kept since it was last turned on (for the batch's closing note). */
void shapecache_counts(guint *found, guint *kept);

#endif
