/* arrange.c - sorts articles (files: list, weight, --sort) and groups them into parts (--group-by). */
#include "read/arrange.h"
#include "base/date.h"

#include <string.h>

#include "base/diag.h"
#include "read/pages.h"
#include "read/select.h"
#include "base/langtag.h"

/* ---- sorting ---- */

struct order {
	enum sort_key key;
	GHashTable *listed;	/* files: real path -> position, or NULL */
};

static int by_path(const struct article *a, const struct article *b)
{
	int c = strcmp(a->root->real, b->root->real);

	return c ? c : strcmp(a->rel, b->rel);
}

static int compare(gconstpointer pa, gconstpointer pb, gpointer data)
{
	const struct article *a = *(struct article *const *)pa, *b = *(struct article *const *)pb;
	const struct order *ord = data;
	int c = 0;

	/* An explicit list is the whole order. */
	if (ord->listed) {
		guint ia = GPOINTER_TO_UINT(g_hash_table_lookup(ord->listed, a->real));
		guint ib = GPOINTER_TO_UINT(g_hash_table_lookup(ord->listed, b->real));

		if (ia != ib)
			return ia < ib ? -1 : 1;
	}
	/* Hugo: an article with a weight comes before those without; lower weights first. */
	if (a->fm.has_weight != b->fm.has_weight)
		return a->fm.has_weight ? -1 : 1;
	if (a->fm.has_weight && a->fm.weight != b->fm.weight)
		return a->fm.weight < b->fm.weight ? -1 : 1;
	switch (ord->key) {
	case SORT_DATE:
	case SORT_DATE_DESC:
		/* Undated articles go last either way. */
		if (a->fm.date.valid != b->fm.date.valid)
			return a->fm.date.valid ? -1 : 1;
		if (a->fm.date.valid && a->fm.date.utc != b->fm.date.utc)
			c = a->fm.date.utc < b->fm.date.utc ? -1 : 1;
		if (ord->key == SORT_DATE_DESC)
			c = -c;
		break;
	case SORT_TITLE:
		c = g_utf8_collate(a->title, b->title);
		break;
	case SORT_PATH:
		break;
	}
	return c ? c : by_path(a, b);
}

void arrange_sort(struct reading *r)
{
	struct book *b = r->b;
	struct order ord = { r->opts->sort_key, select_listed_files(r->opts, false) };

	g_ptr_array_sort_with_data(b->articles, compare, &ord);
	if (ord.listed)
		g_hash_table_destroy(ord.listed);
}

/* ---- grouping ---- */

struct group {
	char *key;		/* what articles share: folded name, tag, "2025-03-09" ... */
	struct part *part;
	gint64 start;		/* day, week and month groups: their first moment */
	guint first;		/* position of its first article in the sorted order */
	int rank;		/* sections: place of the _index.md (weight, then path) */
	bool above;		/* a section with no article of its own above one kept: its _index.md a chapter */
};

static void group_free(gpointer p)
{
	struct group *g = p;

	part_free(g->part);
	g_free(g->key);
	g_free(g);
}

/* Names of the languages a collection is likely to hold, in themselves; others keep their tag. */
static char *lang_title(const char *tag)
{
	static const struct { const char *tag, *name; } names[] = {
		{ "zh-Hans", "简体中文" }, { "zh-Hant", "繁體中文" }, { "zh", "中文" }, { "ja", "日本語" },
		{ "ko", "한국어" }, { "en", "English" }, { "fr", "Français" }, { "de", "Deutsch" },
		{ "es", "Español" }, { "it", "Italiano" }, { "pt", "Português" }, { "ru", "Русский" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (!strcmp(names[i].tag, tag))
			return g_strdup(names[i].name);
	return g_strdup(tag);
}

/*
 * The group of a by a date: its key, its title, and its first moment, in
 * --timezone (the same days --since and --until count).
 */
static bool date_group(GTimeZone *tz, const struct article *a, enum group_key by, char **key,
		       char **title, gint64 *start)
{
	GDateTime *u, *l, *first, *last;
	int y, m, d;

	if (!a->fm.date.valid)
		return false;
	u = g_date_time_new_from_unix_utc(a->fm.date.utc);
	l = date_to_zone(u, tz);
	g_date_time_get_ymd(l, &y, &m, &d);
	if (by == GROUP_MONTH)
		d = 1;
	first = g_date_time_new(tz, y, m, d, 0, 0, 0);
	if (!first)	/* a zone that skips midnight that day: start at the article itself */
		first = g_date_time_ref(l);
	if (by == GROUP_WEEK) {
		GDateTime *monday = g_date_time_add_days(first, 1 - g_date_time_get_day_of_week(first));
		char *from, *to;

		g_date_time_unref(first);
		first = monday;
		last = g_date_time_add_days(first, 6);
		from = g_date_time_format(first, "%Y-%m-%d");
		to = g_date_time_format(last, "%Y-%m-%d");
		/* ISO weeks: 2024-12-30 is in 2025-W01. */
		*key = g_date_time_format(first, "%G-W%V");
		*title = g_strdup_printf("%s (%s – %s)", *key, from, to);
		g_free(from);
		g_free(to);
		g_date_time_unref(last);
	} else {
		*key = g_date_time_format(first, by == GROUP_MONTH ? "%Y-%m" : "%Y-%m-%d");
		*title = g_strdup(*key);
	}
	*start = g_date_time_to_unix(first);
	g_date_time_unref(first);
	g_date_time_unref(l);
	g_date_time_unref(u);
	return true;
}

/* The group a belongs to under by: key and title (g_free both), or false when it fits none. */
static bool group_of(const struct reading *r, const struct article *a, enum group_key by, char **key,
		     char **title, gint64 *start)
{
	const GPtrArray *names = NULL;
	const char *lang;

	*start = 0;
	switch (by) {
	case GROUP_DEFAULT:	/* resolved by group_key_of */
	case GROUP_NONE:
		return false;
	case GROUP_SECTION:
		if (!a->section)
			return false;
		/* By the section itself: two of one title ("FAQ" in two languages) are two parts. */
		*key = g_strdup(a->section_key ? a->section_key : a->section);
		*title = g_strdup(a->section);
		return true;
	case GROUP_CATEGORY:
	case GROUP_TAG:
		/* An article in several categories (tags) goes under its first one, once. */
		names = by == GROUP_CATEGORY ? a->fm.categories.items : a->fm.tags.items;
		for (guint i = 0; i < names->len; i++) {
			char *n = g_strstrip(g_strdup(g_ptr_array_index(names, i)));

			if (*n) {
				*key = select_fold_name(n);
				*title = n;
				return true;
			}
			g_free(n);
		}
		return false;
	case GROUP_LANG:
		/* en-GB beside en, zh-HK beside zh-TW: readers group by language and, for Chinese, script. */
		lang = a->lang ? a->lang : r->b->lang;
		*key = langtag_family(lang);
		*title = lang_title(*key);
		return true;
	case GROUP_DAY:
	case GROUP_WEEK:
	case GROUP_MONTH:
		return date_group(r->opts->tz, a, by, key, title, start);
	}
	return false;
}

struct group_order {
	enum group_key by;
	bool newest_first, explicit;
};

static int compare_groups(gconstpointer pa, gconstpointer pb, gpointer data)
{
	const struct group *a = *(struct group *const *)pa, *b = *(struct group *const *)pb;
	const struct group_order *o = data;
	int c;

	if (o->explicit)	/* files: the parts follow the list */
		return a->first < b->first ? -1 : a->first > b->first;
	switch (o->by) {
	case GROUP_SECTION:
		return a->rank - b->rank;
	case GROUP_DAY:
	case GROUP_WEEK:
	case GROUP_MONTH:
		if (a->start != b->start)
			return (a->start < b->start) != o->newest_first ? -1 : 1;
		return 0;
	default:
		/* Names as they sort in the user's language, case aside ("afp" beside "AP"). */
		c = g_utf8_collate(a->key, b->key);
		return c ? c : strcmp(a->key, b->key);
	}
}

/* The name a category or tag part shows: its most used spelling ("AI" over "ai"), the first on a tie. */
static void name_part(const struct reading *r, struct group *g, enum group_key by)
{
	GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GPtrArray *order = g_ptr_array_new();
	guint best = 0;

	for (guint i = 0; i < g->part->articles->len; i++) {
		const struct article *a = g_ptr_array_index(g->part->articles, i);
		char *key, *title;
		gint64 start;
		guint n;

		if (!group_of(r, a, by, &key, &title, &start))
			continue;
		n = GPOINTER_TO_UINT(g_hash_table_lookup(count, title)) + 1;
		if (n == 1)
			g_ptr_array_add(order, title);
		g_hash_table_insert(count, n == 1 ? title : g_strdup(title), GUINT_TO_POINTER(n));
		if (n > 1)
			g_free(title);
		g_free(key);
	}
	for (guint i = 0; i < order->len; i++) {
		const char *t = g_ptr_array_index(order, i);
		guint n = GPOINTER_TO_UINT(g_hash_table_lookup(count, t));

		if (n > best) {
			best = n;
			g_free(g->part->title);
			g->part->title = g_strdup(t);
		}
	}
	g_ptr_array_free(order, TRUE);
	g_hash_table_destroy(count);
}

/* A section with the sections above it, from the top: where it stands in Hugo's tree. */
struct tree_place {
	const struct article *s;	/* or NULL: a top folder with no _index.md (Hugo's section all the same) */
	const char *folder;	/* its folder in its content ("dev/blocks"), for ties (borrowed) */
	guint read;		/* its place in b->sections (path order); top folders after them */
	GPtrArray *chain;	/* of struct tree_place *: the sections above it, from the top, then itself */
};

/* A section's own place among its siblings: weighted first, lower first; then folder, then as read. */
static int compare_siblings(const struct tree_place *x, const struct tree_place *y)
{
	bool wx = x->s && x->s->fm.has_weight, wy = y->s && y->s->fm.has_weight;
	int c;

	if (wx != wy)
		return wx ? -1 : 1;
	if (wx && x->s->fm.weight != y->s->fm.weight)
		return x->s->fm.weight < y->s->fm.weight ? -1 : 1;
	if ((c = strcmp(x->folder, y->folder)))
		return c;
	return x->read < y->read ? -1 : x->read > y->read;
}

static const char *section_path(const struct article *s)
{
	return s->path ? s->path : s->rel;
}

/*
 * The key of a folder of the tree: its language's (the site's, never the one its text was
 * found to be in) and its SOURCE folder's (s1/guide and s2/guide are two).
 */
static char *folder_key(const struct article *s, const char *folder, size_t folder_len)
{
	return g_strdup_printf("%s\x1f%s\x1f%.*s", s->root ? s->root->real : "",
			       s->hugo_lang ? s->hugo_lang : "", (int)folder_len, folder);
}

/*
 * Hugo orders a site's sections as a tree: each among its siblings by its _index.md weight, then
 * path, with the sections below it right after it (the order the sidebar reads); a top folder is a
 * section even with no _index.md (unweighted). Sorting them by their own weight across the site
 * put dapr's "Service invocation" (weight 10, two levels down) before "Getting started" (20, at
 * the top, before "Developing", 30, that holds it).
 */
static int compare_places(gconstpointer pa, gconstpointer pb)
{
	const struct tree_place *a = *(struct tree_place *const *)pa, *b = *(struct tree_place *const *)pb;

	for (guint i = 0; i < a->chain->len && i < b->chain->len; i++) {
		const struct tree_place *x = g_ptr_array_index(a->chain, i), *y = g_ptr_array_index(b->chain, i);

		if (x != y)
			return compare_siblings(x, y);
	}
	return a->chain->len < b->chain->len ? -1 : a->chain->len > b->chain->len;
}

static void place_free(gpointer p)
{
	struct tree_place *t = p;

	g_ptr_array_free(t->chain, TRUE);
	g_free((char *)t->folder);
	g_free(t);
}

/* b->sections in the tree's order (compare_places). */
static GPtrArray *sections_in_tree_order(const struct book *b)
{
	GPtrArray *places = g_ptr_array_new(), *sorted = g_ptr_array_new();
	GPtrArray *all = g_ptr_array_new_with_free_func(place_free);	/* sections and top folders */
	GHashTable *by_folder = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	for (guint i = 0; i < b->sections->len; i++) {
		struct tree_place *t = g_new0(struct tree_place, 1);
		const char *path = section_path(g_ptr_array_index(b->sections, i));
		const char *slash = path ? strrchr(path, '/') : NULL;

		t->s = g_ptr_array_index(b->sections, i);
		t->read = i;
		t->folder = g_strndup(path ? path : "", slash ? (gsize)(slash - path) : 0);
		t->chain = g_ptr_array_new();
		g_hash_table_insert(by_folder, folder_key(t->s, t->folder, strlen(t->folder)), t);
		g_ptr_array_add(places, t);
		g_ptr_array_add(all, t);
	}
	for (guint i = 0; i < places->len; i++) {
		struct tree_place *t = g_ptr_array_index(places, i);

		/* Each folder above its own that is a section, from the top; then itself. */
		const char *top = strchr(t->folder, '/');

		for (const char *p = top; p; p = strchr(p + 1, '/')) {
			size_t n = (size_t)(p - t->folder);
			char *key = folder_key(t->s, t->folder, n);
			struct tree_place *up = g_hash_table_lookup(by_folder, key);

			if (!up && p == top) {
				/* a top folder with no _index.md: a section to Hugo, unweighted */
				up = g_new0(struct tree_place, 1);
				up->folder = g_strndup(t->folder, n);
				up->read = G_MAXUINT;
				up->chain = g_ptr_array_new();
				g_hash_table_insert(by_folder, key, up);
				g_ptr_array_add(all, up);
			} else {
				g_free(key);
			}
			if (up && up != t)
				g_ptr_array_add(t->chain, up);
		}
		g_ptr_array_add(t->chain, t);
	}
	g_ptr_array_sort(places, compare_places);
	for (guint i = 0; i < places->len; i++)
		g_ptr_array_add(sorted, (gpointer)((struct tree_place *)g_ptr_array_index(places, i))->s);
	g_ptr_array_free(places, TRUE);
	g_ptr_array_free(all, TRUE);
	g_hash_table_destroy(by_folder);
	return sorted;
}

static guint len(const GPtrArray *a)
{
	return a ? a->len : 0;
}

/* Are the site's articles (of the languages asked for) all in, none chosen by date, name, list or limit? */
static bool whole_languages(const struct options *o)
{
	return !o->since && !o->until && !o->last && !len(o->categories) && !len(o->tags) && !o->untagged
	       && !len(o->files) && o->limit < 0 && !o->new_only;
}

/* Was every page read left out for its language (or none read), and every file read? */
static bool only_other_langs(const struct book *b)
{
	return b->chosen.read == b->chosen.by_lang && !b->left_out->len;
}

/*
 * Is lang one of the book's (NULL: the book's own)? An article of the book is in it (the book's
 * language for an article without one); or the book is the whole site (or the whole of the
 * languages asked for) and --only-lang names it, or names none: a language whose pages are only
 * its home's and its sections' text is published by Hugo (hugo-book's content.zh/: its text was
 * lost, and --only-lang zh wrote no book).
 */
static bool book_has_lang(const struct book *b, const struct options *o, const char *lang)
{
	if (!lang)
		return true;
	for (guint i = 0; i < b->articles->len; i++) {
		const struct article *a = g_ptr_array_index(b->articles, i);
		const char *al = a->lang ? a->lang : b->lang;

		if (al && langtag_matches(al, lang))
			return true;
	}
	if (!whole_languages(o))
		return false;
	for (guint i = 0; i < len(o->only_langs); i++)
		if (langtag_matches(g_ptr_array_index(o->only_langs, i), lang))
			return true;
	return !len(o->only_langs);
}

/*
 * One group per _index.md section, so that each part keeps its introduction: in a site of several
 * languages, the one in the book's language (docs/_index.en.md put English text in the Chinese
 * book, as its part's introduction or a chapter).
 */
static void section_groups(struct book *b, const struct options *o, GHashTable *by_key, GPtrArray *groups)
{
	GPtrArray *sections = sections_in_tree_order(b);
	GHashTable *langs = g_hash_table_new(g_str_hash, g_str_equal);	/* lang -> 1 in the book, 2 not */

	for (guint i = 0; i < sections->len; i++) {
		struct article *s = g_ptr_array_index(sections, i);
		const char *key = s->section_key ? s->section_key : s->section;
		struct group *g;

		if (!s->section || g_hash_table_contains(by_key, key))
			continue;
		if (s->site_lang && s->lang) {
			guint in = GPOINTER_TO_UINT(g_hash_table_lookup(langs, s->lang));

			if (!in)
				g_hash_table_insert(langs, s->lang, GUINT_TO_POINTER(in = book_has_lang(b, o, s->lang) ? 1 : 2));
			if (in == 2)
				continue;
		}
		g = g_new0(struct group, 1);
		g->key = g_strdup(key);
		g->part = part_new(s->section);
		g->part->intro = s;
		g->rank = (int)groups->len;
		g_ptr_array_add(groups, g);
		g_hash_table_insert(by_key, g->key, g);
	}
	g_hash_table_destroy(langs);
	g_ptr_array_free(sections, TRUE);
}

/* Is section index a (its _index.md) in a folder below b's? */
static bool below(const struct article *a, const struct article *b)
{
	const char *pa = a->path ? a->path : a->rel, *pb = b->path ? b->path : b->rel;
	const char *slash = strrchr(pb, '/');
	size_t n = slash ? (size_t)(slash - pb) + 1 : 0;

	return strlen(pa) > n && !strncmp(pa, pb, n) && strcmp(pa, pb);
}

/* Does group h stay (a part, or a section above one) and lie below group g's section? */
static bool stays_below(const struct group *h, const struct group *g)
{
	return (h->part->articles->len || h->above) && h->part->intro && below(h->part->intro, g->part->intro);
}

/* A section Hugo publishes: not a draft (nor below one; hugo -D, --include-drafts), rendered. */
static bool published(const struct article *section, bool drafts)
{
	return (!section->fm.draft || drafts) && !section->fm.render_never && !section->fm.headless;
}

/*
 * Parts are one level: a section that holds sections but no article of its own has no part, and
 * its text (wiki/_index.md: "notes arranged by topic") would be lost. Such a section above a part
 * that stays becomes a chapter of its own, just before the first of them; so does, when the
 * whole site (or the whole of the languages asked for) is the book, a section with text and no
 * page (Hugo publishes its page: compiler/ whose notes are to come), in its place: in its own
 * language's book only, with --only-lang. The groups come in their sections' order, which may
 * put a section after those below it (training/AWS/ sorts before training/_index.md, 'A'
 * before '_'): every group is looked at, and a section above is moved before the first group
 * below it.
 */
static void sections_above(const struct book *b, GPtrArray *groups, bool whole, const struct options *o)
{
	for (bool found = true; found;) {
		found = false;
		for (guint j = 0; j < groups->len; j++) {
			struct group *g = g_ptr_array_index(groups, j);
			const struct article *intro = g->part->intro;

			if (g->above || g->part->articles->len || !intro || !intro->shows)
				continue;
			g->above = whole && published(intro, o->include_drafts)
				   && book_has_lang(b, o, intro->lang);
			for (guint k = 0; k < groups->len && !g->above; k++)
				g->above = k != j && stays_below(g_ptr_array_index(groups, k), g);
			found |= g->above;
		}
	}
	for (guint j = 0; j < groups->len; j++) {
		struct group *g = g_ptr_array_index(groups, j);

		for (guint k = 0; g->above && k < j; k++)
			if (stays_below(g_ptr_array_index(groups, k), g)) {
				g_ptr_array_insert(groups, (gint)k, g_ptr_array_steal_index(groups, j));
				break;
			}
	}
}

/*
 * --group-by none makes no parts, so no section's _index.md text opens one: said, not lost
 * silently, when the book is the whole site (or its languages) and sections have text.
 */
static void say_sections_left(const struct reading *r)
{
	const struct book *b = r->b;
	guint n = 0;

	if (!whole_languages(r->opts) || !b->articles->len)
		return;
	for (guint i = 0; i < b->sections->len; i++) {
		const struct article *s = g_ptr_array_index(b->sections, i);

		if (s->section && s->shows && !pages_is_home(s) && published(s, r->opts->include_drafts)
		    && (!s->site_lang || book_has_lang(b, r->opts, s->lang)))
			n++;
	}
	if (n)
		diag_note(NULL, 0, "%u section%s own text left out: --group-by none makes no parts for it to open "
			  "(--group-by section keeps it)", n, n == 1 ? "'s" : "s'");
}

static enum group_key group_key_of(const struct reading *r)
{
	const struct book *b = r->b;

	if (r->opts->group_key != GROUP_DEFAULT)
		return r->opts->group_key;
	for (guint i = 0; i < b->sections->len; i++)
		if (((struct article *)g_ptr_array_index(b->sections, i))->section)
			return GROUP_SECTION;
	return GROUP_NONE;
}

void arrange_group(struct reading *r)
{
	struct book *b = r->b;
	enum group_key by = group_key_of(r);
	GHashTable *by_key = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *groups = g_ptr_array_new_with_free_func(group_free);
	GPtrArray *loose = g_ptr_array_new();
	struct group_order order = { by, r->opts->sort_key == SORT_DATE_DESC, r->opts->files->len > 0 };

	if (by == GROUP_NONE) {
		say_sections_left(r);
		goto out;
	}
	if (by == GROUP_SECTION)
		section_groups(b, r->opts, by_key, groups);
	for (guint i = 0; i < b->articles->len; i++) {
		struct article *a = g_ptr_array_index(b->articles, i);
		char *key, *title;
		gint64 start;
		struct group *g;

		if (!group_of(r, a, by, &key, &title, &start)) {
			g_ptr_array_add(loose, a);
			continue;
		}
		g = g_hash_table_lookup(by_key, key);
		if (!g) {
			g = g_new0(struct group, 1);
			g->key = key;
			g->part = part_new(title);
			g->start = start;
			g->rank = (int)groups->len;
			g_ptr_array_add(groups, g);
			g_hash_table_insert(by_key, g->key, g);
			key = NULL;
		}
		if (!g->part->articles->len)
			g->first = i;
		g_ptr_array_add(g->part->articles, a);
		g_free(key);
		g_free(title);
	}
	if (by == GROUP_CATEGORY || by == GROUP_TAG)
		for (guint i = 0; i < groups->len; i++)
			name_part(r, g_ptr_array_index(groups, i), by);
	g_ptr_array_sort_with_data(groups, compare_groups, &order);
	if (by == GROUP_SECTION)
		/* The whole site's (or languages') sections with text and no page are chapters, as Hugo
		   publishes them; with no page left, only when every page read is another language's (a
		   language of a home and sections alone): all drafts, say, is no book, and said so. */
		sections_above(b, groups, whole_languages(r->opts) && (b->articles->len > 0 || only_other_langs(b)),
			       r->opts);
	/* The reading order follows the parts; parts with no article are dropped (a section above kept). */
	g_ptr_array_set_size(b->articles, 0);
	g_ptr_array_extend(b->articles, loose, NULL, NULL);
	for (guint i = 0; i < groups->len; i++) {
		struct group *g = g_ptr_array_index(groups, i);

		if (g->above) {
			/* an article now, owned by the articles */
			g_ptr_array_remove(b->sections, g->part->intro);
			g_ptr_array_add(b->articles, g->part->intro);
		}
		if (!g->part->articles->len)
			continue;
		g_ptr_array_extend(b->articles, g->part->articles, NULL, NULL);
		g->part->id = g_strdup_printf("p%02u", b->parts->len + 1);
		g_ptr_array_add(b->parts, g->part);
		g->part = NULL;
	}
out:
	g_ptr_array_free(loose, TRUE);
	g_ptr_array_free(groups, TRUE);
	g_hash_table_destroy(by_key);
}

void arrange_home(struct reading *r)
{
	struct book *b = r->b;
	const struct options *o = r->opts;
	guint at = 0;

	/* A home page alone is no book (all else a draft, say: the run's account says so). */
	if (!whole_languages(o) || !b->articles->len)
		return;
	for (guint i = 0; i < b->sections->len;) {
		struct article *s = g_ptr_array_index(b->sections, i);
		const char *lang = s->lang ? s->lang : b->lang;

		if (pages_is_home(s) && s->shows && published(s, o->include_drafts) && book_has_lang(b, o, lang)) {
			/* an article now, owned by the articles */
			g_ptr_array_insert(b->articles, (gint)at++, g_ptr_array_steal_index(b->sections, i));
			continue;
		}
		i++;
	}
}

