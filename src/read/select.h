/* select.h - chooses which loaded articles go into the book: drafts, filters, duplicates, --limit. */
#ifndef FOLIO_SELECT_H
#define FOLIO_SELECT_H

#include "read/reading.h"

/* The filters of a run, read from the options once (dates parsed in --timezone, names folded). */
struct select_filters;

/*
 * The filters of o (--since, --until, --last relative to the options'
 * now, --category, --tag, --only-lang, files:), whose values were checked when
 * the options were read.
 */
struct select_filters *select_filters_new(const struct options *o);
void select_filters_free(struct select_filters *f);

/*
 * Move the articles of candidates (owned, in path order; emptied) that the
 * filters choose into r->b->articles, freeing the others. When shared (the
 * run's read-only articles: read/loadcache.h), candidates is left as it is and
 * the chosen are only pointed to, for the caller to replace by copies. Left
 * out are: drafts (unless
 * --include-drafts), articles outside files:, the date window (undated ones
 * too), --category, --tag, --only-lang, those an earlier digest held
 * (r->sent), then duplicates (same source link, or same title on the same day: the
 * first in path order stays). Counts and the date window go to r->b->chosen;
 * notes say what was left out and why.
 */
void select_articles(struct reading *r, const struct select_filters *f, GPtrArray *candidates, bool shared);

/*
 * The first of filters[from], filters[from + step], ... below n (NULL ones passed over) that
 * would keep a (book_lang: its language when it has none), or -1: Hugo's publishing rules,
 * files:, the dates, categories, tags and languages; not duplicates, a digest's state or
 * --limit, which depend on the other articles and the run (folio batch's look ahead).
 */
int select_first_keeping(struct select_filters *const *filters, guint from, guint step, guint n,
			 const struct article *a, const char *book_lang);

/*
 * Why the book holds no article, by count, for the error that says so: what was read and what
 * left each out ("12 articles read, none left: 3 drafts (--include-drafts keeps them), 9 outside
 * the dates asked for"), or that no article was found. g_free.
 */
char *select_account(const struct book *b);

/* After sorting: keep the first --limit articles of b->articles (a note counts the rest). */
void select_limit(struct reading *r);

/*
 * The files: list of o as a table of real path -> position (1, 2, ...), or
 * NULL when there is none. report: warn about entries that do not exist.
 */
GHashTable *select_listed_files(const struct options *o, bool report);

/* A category or tag name as it compares: trimmed, NFKC, case folded ("ＡＩ" is "ai"; Hugo folds terms too). g_free. */
char *select_fold_name(const char *name);

#endif
