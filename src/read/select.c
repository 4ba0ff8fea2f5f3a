/* select.c - keeps the articles the options ask for: drafts, date window, names, language, duplicates, limit. */
#include "read/select.h"
#include "base/date.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "read/identity.h"
#include "text/langdetect.h"
#include "base/langtag.h"

struct select_filters {
	bool has_from, has_to;
	gint64 from, to;		/* from <= date < to, UTC seconds */
	char *window;			/* the window in words, for notes */
	GPtrArray *categories, *tags;	/* folded names (select_fold_name) */
	GPtrArray *langs;		/* normalised tags */
	GHashTable *files;		/* files: real path -> position, or NULL */
};

char *select_fold_name(const char *s)
{
	char *trimmed = g_strstrip(g_strdup(s));
	char *norm = g_utf8_normalize(trimmed, -1, G_NORMALIZE_NFKC);
	char *folded = g_utf8_casefold(norm ? norm : trimmed, -1);

	g_free(norm);
	g_free(trimmed);
	return folded;
}

static GPtrArray *fold_all(const GPtrArray *names)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);

	for (guint i = 0; i < names->len; i++)
		g_ptr_array_add(out, select_fold_name(g_ptr_array_index(names, i)));
	return out;
}

/* The first moment after the day of d, in the zone d was read in (DST days are 23 or 25 hours long). */
static gint64 end_of_day(const struct folio_date *d, GTimeZone *tz)
{
	GDateTime *u = g_date_time_new_from_unix_utc(d->utc);
	GTimeZone *own = NULL;
	GDateTime *l, *mid, *next;
	gint64 end;
	int y, m, day;

	l = date_to_zone(u, tz);
	/* A date written with its own offset ("2025-03-09Z") counts in that offset. */
	if (g_date_time_get_utc_offset(l) / G_TIME_SPAN_SECOND != d->offset) {
		g_date_time_unref(l);
		own = g_time_zone_new_offset(d->offset);
		l = date_to_zone(u, own);
	}
	g_date_time_get_ymd(l, &y, &m, &day);
	mid = g_date_time_new(own ? own : tz, y, m, day, 0, 0, 0);
	next = g_date_time_add_days(mid, 1);
	end = g_date_time_to_unix(next);
	g_date_time_unref(next);
	g_date_time_unref(mid);
	g_date_time_unref(l);
	g_date_time_unref(u);
	if (own)
		g_time_zone_unref(own);
	return end;
}

static void read_window(struct select_filters *f, const struct options *o)
{

	if (o->since) {
		f->has_from = true;
		f->from = o->since_date.utc;
	}
	if (o->until) {
		f->has_to = true;
		/* "--until 2025-03-09" takes in the whole of that day. */
		f->to = o->until_date.has_time ? o->until_date.utc + 1 : end_of_day(&o->until_date, o->tz);
	}
	if (o->last) {
		gint64 span = o->last_span;

		/* The last SPAN up to now: a date in the future is not "the last 7 days". */
		if (!f->has_from || o->now - span > f->from)
			f->from = o->now - span;
		if (!f->has_to || o->now + 1 < f->to)
			f->to = o->now + 1;
		f->has_from = f->has_to = true;
	}
	if (f->has_from || f->has_to) {
		char *from = f->has_from ? date_format_in(f->from, o->tz, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
		char *to = f->has_to ? date_format_in(f->to, o->tz, "%Y-%m-%dT%H:%M:%S%:z") : NULL;

		if (from && to)
			f->window = g_strdup_printf("from %s until before %s", from, to);
		else if (from)
			f->window = g_strdup_printf("from %s on", from);
		else
			f->window = g_strdup_printf("before %s", to);
		if (f->has_from && f->has_to && f->from >= f->to)
			diag_warn(NULL, 0, "the dates asked for leave no time at all (%s)", f->window);
		g_free(from);
		g_free(to);
	}
}

GHashTable *select_listed_files(const struct options *o, bool report)
{
	GHashTable *files;

	if (!o->files->len)
		return NULL;
	files = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	for (guint i = 0; i < o->files->len; i++) {
		const char *f = g_ptr_array_index(o->files, i);
		char *real = realpath(f, NULL);

		if (!real) {
			if (report)
				diag_warn(f, 0, "listed in files: but does not exist");
			continue;
		}
		if (g_hash_table_contains(files, real))
			free(real);
		else
			g_hash_table_insert(files, real, GUINT_TO_POINTER(i + 1));
	}
	return files;
}

struct select_filters *select_filters_new(const struct options *o)
{
	struct select_filters *f = g_new0(struct select_filters, 1);

	read_window(f, o);
	f->categories = fold_all(o->categories);
	f->tags = fold_all(o->tags);
	f->langs = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < o->only_langs->len; i++)
		g_ptr_array_add(f->langs, g_strdup(g_ptr_array_index(o->only_langs, i)));
	if (o->limit == 0)
		diag_warn(NULL, 0, "--limit 0 leaves no article in the book");
	f->files = select_listed_files(o, true);
	return f;
}

void select_filters_free(struct select_filters *f)
{
	if (!f)
		return;
	g_free(f->window);
	g_ptr_array_free(f->categories, TRUE);
	g_ptr_array_free(f->tags, TRUE);
	g_ptr_array_free(f->langs, TRUE);
	if (f->files)
		g_hash_table_destroy(f->files);
	g_free(f);
}

/* ---- the filters ---- */

static bool lang_wanted(const struct select_filters *f, const char *lang)
{
	for (guint i = 0; i < f->langs->len; i++)
		if (langtag_matches(g_ptr_array_index(f->langs, i), lang))
			return true;
	return false;
}

/* A long list of them is summed up after five, by what matched. */
static const struct diag_kind already_sent = { "already-sent", "articles already in an earlier digest left out", NULL };

/*
 * Was a in an earlier digest (the state's keys, cli/state.c): the same source link, the same file,
 * or the same title, day and text (a copy moved or renamed). The same title and day with other
 * words is another article (two outlets' "Market close" of one day): it is sent.
 */
static bool sent_before(const struct reading *r, const struct article *a)
{
	GPtrArray *keys;
	const char *hit = NULL;

	if (!r->sent)
		return false;
	keys = identity_keys(a, r->opts->tz, IDENTITY_PATH | IDENTITY_TEXT);
	for (guint i = 0; i < keys->len && !hit; i++)
		if (g_hash_table_contains(r->sent, g_ptr_array_index(keys, i)))
			hit = g_ptr_array_index(keys, i);
	if (hit) {
		const char *why = g_str_has_prefix(hit, "link:") ? "same source link"
				  : g_str_has_prefix(hit, "path:") ? "same file" : "same title, day and text";

		diag_kind_at(DIAG_NOTE, &already_sent, why, NULL, a->file, 0, "already in an earlier digest (%s); left out",
			     why);
	}
	g_ptr_array_unref(keys);
	return hit != NULL;
}

/*
 * The article a duplicates (and why), or NULL; records a's keys otherwise. The same
 * source link is the same article; the same title on the same day is the same article
 * only when the text is the same too: another outlet's version of a story says other
 * things, and leaving it out would lose them.
 */
static const struct article *duplicate_of(const struct reading *r, GHashTable *seen, const struct article *a,
					  const char **why)
{
	GPtrArray *keys = identity_keys(a, r->opts->tz, IDENTITY_TEXT);
	const struct article *first = NULL;

	for (guint i = 0; i < keys->len && !first; i++) {
		const char *k = g_ptr_array_index(keys, i);

		first = g_hash_table_lookup(seen, k);
		if (first)
			*why = g_str_has_prefix(k, "link:") ? "same source link" : "same title, day and text";
	}
	if (!first)
		for (guint i = 0; i < keys->len; i++)
			g_hash_table_insert(seen, g_strdup(g_ptr_array_index(keys, i)), (gpointer)a);
	g_ptr_array_unref(keys);
	return first;
}

static char *join(const GPtrArray *items)
{
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < items->len; i++)
		g_string_append_printf(s, "%s%s", i ? ", " : "", (char *)g_ptr_array_index(items, i));
	return g_string_free(s, FALSE);
}

static void note_count(guint n, const char *what)
{
	if (n)
		diag_note(NULL, 0, "%u article%s %s", n, n == 1 ? "" : "s", what);
}

/* Count one article left out for a reason; true, for "return drop(...)". */
static bool drop(guint *reason)
{
	(*reason)++;
	return true;
}

/* Does a name of folded (fold_all's) stand in wanted (folded too)? */
static bool folded_match(const GPtrArray *wanted, const GPtrArray *folded)
{
	for (guint i = 0; i < folded->len; i++)
		for (guint j = 0; j < wanted->len; j++)
			if (!strcmp(g_ptr_array_index(folded, i), g_ptr_array_index(wanted, j)))
				return true;
	return false;
}

/* An article's categories and tags, folded once (when a filter first asks) for the filters it meets. */
struct names {
	GPtrArray *categories, *tags;
};

static const GPtrArray *categories_of(struct names *n, const struct article *a)
{
	if (!n->categories)
		n->categories = fold_all(a->fm.categories.items);
	return n->categories;
}

static const GPtrArray *tags_of(struct names *n, const struct article *a)
{
	if (!n->tags)
		n->tags = fold_all(a->fm.tags.items);
	return n->tags;
}

static void names_clear(struct names *n)
{
	if (n->categories)
		g_ptr_array_free(n->categories, TRUE);
	if (n->tags)
		g_ptr_array_free(n->tags, TRUE);
}

/* Why the filters leave a out (names: its own, folded; lang: its language or the book's), or KEEP. */
enum left_out { KEEP, BY_HIDDEN, BY_FILES, UNDATED, BY_DATE, BY_CATEGORY, BY_TAG, BY_LANG };

static enum left_out filter_reason(const struct select_filters *f, const struct article *a, struct names *n,
				   const char *lang)
{
	if (a->hidden != HIDDEN_NOT)
		return BY_HIDDEN;
	if (f->files && !g_hash_table_contains(f->files, a->real))
		return BY_FILES;
	if (f->has_from || f->has_to) {
		if (!a->fm.date.valid)
			return UNDATED;
		if ((f->has_from && a->fm.date.utc < f->from) || (f->has_to && a->fm.date.utc >= f->to))
			return BY_DATE;
	}
	if (f->categories->len && !folded_match(f->categories, categories_of(n, a)))
		return BY_CATEGORY;
	if (f->tags->len && !folded_match(f->tags, tags_of(n, a)))
		return BY_TAG;
	if (f->langs->len && !lang_wanted(f, lang))
		return BY_LANG;
	return KEEP;
}

int select_first_keeping(struct select_filters *const *filters, guint from, guint step, guint n,
			 const struct article *a, const char *book_lang)
{
	struct names names = { NULL, NULL };
	int found = -1;

	for (guint j = from; j < n && found < 0; j += step)
		if (filters[j] && filter_reason(filters[j], a, &names, a->lang ? a->lang : book_lang) == KEEP)
			found = (int)j;
	names_clear(&names);
	return found;
}

/* Which filter, if any, leaves a out; counts it in b->chosen. */
static bool filtered_out(struct reading *r, const struct select_filters *f, const struct article *a)
{
	struct book *b = r->b;

	switch (a->hidden) {	/* Hugo's publishing rules (read/pages.c) */
	case HIDDEN_DRAFT_SECTION:
		return drop(&b->chosen.draft_sections);
	case HIDDEN_HEADLESS:
		return drop(&b->chosen.headless);
	case HIDDEN_UNLISTED:
		return drop(&b->chosen.unlisted);
	case HIDDEN_FUTURE:
		return drop(&b->chosen.future);
	case HIDDEN_EXPIRED:
		return drop(&b->chosen.expired);
	case HIDDEN_LAYOUT_ONLY:
		return drop(&b->chosen.layout_only);
	case HIDDEN_DRAFT:
		return drop(&b->chosen.drafts);
	case HIDDEN_PROTECTED:
		return drop(&b->chosen.protected_);
	default:
		break;
	}
	struct names names = { NULL, NULL };
	enum left_out why = filter_reason(f, a, &names, a->lang ? a->lang : b->lang);

	names_clear(&names);
	switch (why) {
	case BY_FILES:
		return drop(&b->chosen.by_files);
	case UNDATED:
		b->chosen.undated++;
		return drop(&b->chosen.by_date);
	case BY_DATE:
		return drop(&b->chosen.by_date);
	case BY_CATEGORY:
		return drop(&b->chosen.by_category);
	case BY_TAG:
		return drop(&b->chosen.by_tag);
	case BY_LANG:
		return drop(&b->chosen.by_lang);
	default:
		break;
	}
	if (sent_before(r, a))
		return drop(&b->chosen.already_sent);
	return false;
}

/* Files named in files: that no SOURCE folder holds (or that failed to load). */
static void report_unlisted(const struct select_filters *f, GHashTable *loaded_real)
{
	GHashTableIter it;
	gpointer key, value;
	GPtrArray *missing = g_ptr_array_new();

	g_hash_table_iter_init(&it, f->files);
	while (g_hash_table_iter_next(&it, &key, &value))
		if (!g_hash_table_contains(loaded_real, key))
			g_ptr_array_add(missing, key);
	g_ptr_array_sort(missing, (GCompareFunc)(void (*)(void))strcmp);	/* stable messages */
	for (guint i = 0; i < missing->len; i++)
		diag_warn((char *)g_ptr_array_index(missing, i), 0,
			  "listed in files: but not an article read from the SOURCE folders");
	g_ptr_array_free(missing, TRUE);
}

void select_articles(struct reading *r, const struct select_filters *f, GPtrArray *candidates, bool shared)
{
	struct book *b = r->b;
	const struct options *o = r->opts;
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *loaded_real = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *dropped = g_ptr_array_new();
	char *names;

	b->chosen.has_from = f->has_from;
	b->chosen.from = f->from;
	b->chosen.has_to = f->has_to;
	b->chosen.to = f->to;
	for (guint i = 0; i < candidates->len; i++) {
		struct article *a = g_ptr_array_index(candidates, i);
		const struct article *first;
		const char *why = NULL;

		b->chosen.read++;
		g_hash_table_add(loaded_real, a->real);
		if (filtered_out(r, f, a)) {
			g_ptr_array_add(dropped, a);
			continue;
		}
		/* A Hugo site's pages are each a page of their own (Hugo publishes them all; translations too). */
		first = r->site ? NULL : duplicate_of(r, seen, a, &why);
		if (first) {
			b->chosen.duplicates++;
			diag_note(a->file, 0, "duplicate of %s (%s); left out", first->file, why);
			g_ptr_array_add(dropped, a);
			continue;
		}
		g_ptr_array_add(b->articles, a);
	}
	if (f->files)
		report_unlisted(f, loaded_real);
	g_hash_table_destroy(loaded_real);
	g_hash_table_destroy(seen);
	for (guint i = 0; !shared && i < dropped->len; i++)
		article_free(g_ptr_array_index(dropped, i));
	g_ptr_array_free(dropped, TRUE);
	if (!shared)
		g_ptr_array_set_size(candidates, 0);

	if (b->chosen.drafts)
		diag_note(NULL, 0, "%u draft%s skipped (--include-drafts keeps them)", b->chosen.drafts,
			  b->chosen.drafts == 1 ? "" : "s");
	note_count(b->chosen.draft_sections, "in a draft section skipped (--include-drafts keeps them)");
	note_count(b->chosen.future, "whose publishDate is still to come left out (--include-future keeps them)");
	note_count(b->chosen.expired, "whose expiryDate has passed left out (--include-expired keeps them)");
	note_count(b->chosen.unlisted, "that Hugo does not list (_build: list: never or local) left out");
	note_count(b->chosen.headless, "in headless bundles left out (Hugo neither lists nor renders them)");
	note_count(b->chosen.layout_only, "with no text (the theme's layout makes the page: search, archives) left out");
	note_count(b->chosen.protected_, "locked with a password (password: in the front matter) left out: a book would print them in clear");
	note_count(b->chosen.by_files, "not in the files: list left out");
	if (b->chosen.by_date) {
		char *what = g_strdup_printf("outside the dates asked for (%s) left out", f->window);

		note_count(b->chosen.by_date - b->chosen.undated, what);
		g_free(what);
		note_count(b->chosen.undated, "without a date left out (--since, --until and --last need one)");
	}
	names = join(o->categories);
	if (b->chosen.by_category) {
		char *what = g_strdup_printf("not in category %s left out", names);

		note_count(b->chosen.by_category, what);
		g_free(what);
	}
	g_free(names);
	names = join(o->tags);
	if (b->chosen.by_tag) {
		char *what = g_strdup_printf("without tag %s left out", names);

		note_count(b->chosen.by_tag, what);
		g_free(what);
	}
	g_free(names);
	names = join(f->langs);
	if (b->chosen.by_lang) {
		char *what = g_strdup_printf("not in language %s left out", names);

		note_count(b->chosen.by_lang, what);
		g_free(what);
	}
	g_free(names);
}

void select_limit(struct reading *r)
{
	struct book *b = r->b;
	long limit = r->opts->limit;

	if (limit < 0 || b->articles->len <= (guint)limit)
		return;
	b->chosen.over_limit = b->articles->len - (guint)limit;
	for (guint i = (guint)limit; i < b->articles->len; i++)
		article_free(g_ptr_array_index(b->articles, i));
	g_ptr_array_set_size(b->articles, (guint)limit);
	diag_note(NULL, 0, "%u article%s past --limit %ld left out", b->chosen.over_limit,
		  b->chosen.over_limit == 1 ? "" : "s", limit);
}

/* "3 drafts": n and the noun, plural when n is not 1. */
static void add_count(GString *s, bool *first, guint n, const char *one, const char *many, const char *why)
{
	if (!n)
		return;
	g_string_append_printf(s, "%s%u %s%s", *first ? ": " : ", ", n, n == 1 ? one : many, why);
	*first = false;
}

char *select_account(const struct book *b)
{
	const struct chosen *c = &b->chosen;
	GString *s = g_string_new(NULL);
	guint unread = b->left_out->len;
	bool first = true;

	if (c->read == 0) {
		g_string_append(s, "no article found in the SOURCE folders and files (Markdown: .md, .markdown, .mdown)");
		if (b->sections->len)
			g_string_append_printf(s, ", only %u section page%s (_index.md)", b->sections->len,
					       b->sections->len == 1 ? "" : "s");
	} else {
		g_string_append_printf(s, "%u article%s read, none left", c->read, c->read == 1 ? "" : "s");
		add_count(s, &first, c->drafts, "draft", "drafts", " (--include-drafts keeps them)");
		add_count(s, &first, c->draft_sections, "in a draft section", "in a draft section",
			  " (--include-drafts keeps them)");
		add_count(s, &first, c->future, "whose publishDate is still to come", "whose publishDate is still to come",
			  " (--include-future keeps them)");
		add_count(s, &first, c->expired, "whose expiryDate has passed", "whose expiryDate has passed",
			  " (--include-expired keeps them)");
		add_count(s, &first, c->unlisted, "that Hugo does not list", "that Hugo does not list", "");
		add_count(s, &first, c->headless, "in a headless bundle", "in headless bundles", "");
		add_count(s, &first, c->layout_only, "with no text of its own (a theme's layout page)",
			  "with no text of their own (a theme's layout pages)", "");
		add_count(s, &first, c->protected_, "locked with a password", "locked with a password", "");
		add_count(s, &first, c->by_files, "not in the files: list", "not in the files: list", "");
		add_count(s, &first, c->by_date - c->undated, "outside the dates asked for", "outside the dates asked for", "");
		add_count(s, &first, c->undated, "without a date", "without a date", " (--since, --until and --last need one)");
		add_count(s, &first, c->by_category, "not in the --category asked for", "not in the --category asked for", "");
		add_count(s, &first, c->by_tag, "without the --tag asked for", "without the --tag asked for", "");
		add_count(s, &first, c->by_lang, "not in the --only-lang asked for", "not in the --only-lang asked for", "");
		add_count(s, &first, c->already_sent, "already in an earlier digest", "already in an earlier digest", "");
		add_count(s, &first, c->duplicates, "duplicate", "duplicates", "");
		add_count(s, &first, c->over_limit, "past --limit", "past --limit", "");
	}
	if (unread)
		g_string_append_printf(s, "; %u file%s left out (unreadable, or a format folio does not read)", unread, unread == 1 ? "" : "s");
	return g_string_free(s, FALSE);
}
