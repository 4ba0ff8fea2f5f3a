/* build.c - builds the book model: read the sources, choose and order articles, run the passes. */
#include "read/build.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/langtag.h"
#include "base/parallel.h"
#include "read/arrange.h"
#include "read/article.h"
#include "read/collect.h"
#include "read/images.h"
#include "read/loadcache.h"
#include "read/markdown.h"
#include "read/pages.h"
#include "read/passes.h"
#include "read/select.h"

#include <libxml/parser.h>

/* One source file, read on a worker thread (parallel.h): its front matter, then (another round) its body. */
struct load_job {
	struct reading *r;
	const struct found_file *f;
	struct article *a;	/* NULL: left out, for why */
	const char *why;
	const struct pages *pages;
};

/* What load_all gathers, in the files' order. */
struct load_results {
	struct book *b;
	GPtrArray *loaded;
	guint taken;
};

static void read_one(gpointer data, gpointer unused)
{
	struct load_job *j = data;

	j->a = article_read(j->f->file, j->f->real, j->f->root, j->f->rel, j->r->tz, &j->why);
}

static void take_read(gpointer data, gpointer user)
{
	struct load_job *j = data;
	struct load_results *res = user;
	struct article *a = j->a;

	diag_progress_step(++res->taken);
	if (!a)
		g_ptr_array_add(res->b->left_out, g_strdup_printf("%s (%s)", j->f->file, j->why));
	else if (a->section_index)
		g_ptr_array_add(res->b->sections, a);
	else
		g_ptr_array_add(res->loaded, a);
}

static void parse_one(gpointer data, gpointer unused)
{
	struct load_job *j = data;
	struct article *a = j->a;

	/* An article's own messages wait for a book to take it (book_build), a section's to show it. */
	diag_hold_begin();
	if (a->hidden == HIDDEN_NOT) {
		struct pages_call call;
		struct sc_context ctx;

		pages_context(j->pages, a, &call, &ctx);
		a->unknown_shortcodes = article_parse(a, &ctx);
		if (!a->unknown_shortcodes->len)
			g_clear_pointer(&a->unknown_shortcodes, g_ptr_array_unref);
	} else {
		/* Hugo would not publish it: its body is not read (select.c counts it). */
		g_clear_pointer(&a->source, g_free);
	}
	a->title = passes_article_title(a);
	passes_drop_title_heading(a);
	a->shows = a->doc && pages_body_shows(a->doc);
	if (pages_layout_only(a))
		a->hidden = HIDDEN_LAYOUT_ONLY;	/* select.c counts it */
	if (a->doc) {
		/* Sections too: one may introduce a part, with pictures and links of its own. */
		passes_identify(j->r->b, a);
		/* Reading is done with the tree: the back ends open views of their own. */
		article_drop_tree(a);
	}
	a->read_said = diag_hold_end();
}

/*
 * What reading the bodies the book shows found to say (parse_one held it), in the book's order;
 * then the shortcodes folio did not know, counted over those bodies. Articles and sections the
 * book leaves out keep theirs.
 */
static void say_read(struct book *b)
{
	GPtrArray *shown = book_texts(b), *unknown = g_ptr_array_new();
	GHashTable *by_name = g_hash_table_new(g_str_hash, g_str_equal), *file_of = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < shown->len; i++) {
		struct article *a = g_ptr_array_index(shown, i);

		diag_held_repeat(a->read_said);
		g_clear_pointer(&a->read_said, diag_held_free);
		for (guint k = 0; a->unknown_shortcodes && k < a->unknown_shortcodes->len; k++) {
			const struct unknown_shortcode *u = g_ptr_array_index(a->unknown_shortcodes, k);
			struct unknown_shortcode *all = g_hash_table_lookup(by_name, u->name);

			if (all) {
				all->count += u->count;
				all->paired += u->paired;
				all->verbatim += u->verbatim;
				continue;
			}
			all = g_memdup2(u, sizeof *u);
			g_ptr_array_add(unknown, all);
			g_hash_table_insert(by_name, all->name, all);
			g_hash_table_insert(file_of, all->name, a->file);
		}
	}
	for (guint i = 0; i < unknown->len; i++) {
		struct unknown_shortcode *u = g_ptr_array_index(unknown, i);

		/* One used only alone (parameters, no inner text: {{< person "Dillon" >}}) leaves nothing. */
		diag_warn(g_hash_table_lookup(file_of, u->name), u->line,
			  "shortcode '%s' is not one folio knows (%u time%s in the book, first here): %s; folio.yaml's "
			  "shortcodes: can map it to a rendering",
			  u->name, u->count, u->count == 1 ? "" : "s",
			  !u->paired ? "it has no inner text, and nothing of it is shown (its parameters are the theme's to use)"
			  : u->paired < u->count ? (u->verbatim ? "its tags are dropped and its inner text kept as written "
								   "(where it has none, nothing is shown)"
						   : "its tags are dropped and its inner text read as Markdown (where it has "
						     "none, nothing is shown)")
			  : u->verbatim ? "its tags are dropped and its inner text kept as written (its name is one for code "
					  "or markup)"
			  : "its tags are dropped and its inner text read as Markdown, as most themes' templates do");
		g_free(u);
	}
	g_ptr_array_free(unknown, TRUE);
	g_hash_table_destroy(by_name);
	g_hash_table_destroy(file_of);
	g_ptr_array_free(shown, TRUE);
}

static void take_parsed(gpointer data, gpointer user)
{
	struct load_results *res = user;

	(void)data;
	diag_progress_step(++res->taken);
}

/*
 * Read every source file, in two rounds on every core: the files and their front matter, then
 * (once Hugo's view of all the pages is known: languages, sections, cascade, what is published,
 * where refs go) the bodies. Results and their messages are taken in the files' order, so the
 * book and stderr are the same each run. Articles that cannot be read are reported and named in
 * b->left_out.
 */
static GPtrArray *read_all(struct reading *r)
{
	struct book *b = r->b;
	GPtrArray *files = collect_sources(r->opts->sources, b->roots, r->site, b->left_out);
	struct load_results res = { b, g_ptr_array_new(), 0 };
	struct load_job *jobs = g_new0(struct load_job, files->len ? files->len : 1);
	gpointer *order = g_new(gpointer, files->len ? files->len : 1);
	GPtrArray *loaded = res.loaded;
	struct pages *pages;
	guint n = 0;

	/* Library set-up that is not thread-safe, done once here: libxml2's, and cmark-gfm's
	   extension tables (filled when a parser first attaches them). */
	xmlInitParser();
	cmark_node_free(markdown_parse("", 0));
	for (guint i = 0; i < files->len; i++) {
		jobs[i] = (struct load_job){ .r = r, .f = g_ptr_array_index(files, i) };
		order[i] = &jobs[i];
	}
	diag_progress_begin("reading", files->len);
	parallel_in_order(order, files->len, read_one, take_read, &res);
	diag_progress_end();
	pages = pages_new(r, loaded, b->sections);
	for (guint i = 0; i < files->len; i++)
		if (jobs[i].a) {
			jobs[i].pages = pages;
			order[n++] = &jobs[i];
		}
	res.taken = 0;
	diag_progress_begin("parsing", n);
	parallel_in_order(order, n, parse_one, take_parsed, &res);
	diag_progress_end();
	pages_sections(pages);
	pages_free(pages);
	g_free(order);
	g_free(jobs);
	g_ptr_array_free(files, TRUE);
	return loaded;
}

/*
 * read_all; or (folio batch) the articles it gave the first book of the run that read the same
 * sources with the same settings, kept read-only for every such book (*shared true: choose among
 * them, then loadcache_own), its messages said again for each (read/loadcache.h).
 */
static GPtrArray *load_all(struct reading *r, bool *shared)
{
	char *key = loadcache_key(r);
	const GPtrArray *kept;

	*shared = key != NULL;
	if (!key)
		return read_all(r);
	kept = loadcache_take(key, r);
	if (!kept) {
		GPtrArray *loaded;

		diag_record_begin();
		loaded = read_all(r);
		kept = loadcache_keep(key, r, loaded, diag_record_end());
	}
	g_free(key);
	/* Not const for select_articles, which, told they are shared, leaves them as they are. */
	return (GPtrArray *)kept;
}

/* A name-based UUID (version 5 layout) from the SHA-1 of the book's title and its articles' byte sums. */
static char *content_uuid(const struct book *b)
{
	GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA1);
	guint8 d[20];
	gsize n = sizeof d;

	g_checksum_update(sum, (const guchar *)b->title, -1);
	for (guint i = 0; i < b->articles->len; i++) {
		const struct article *a = g_ptr_array_index(b->articles, i);

		g_checksum_update(sum, (const guchar *)a->bytes_sum, -1);
	}
	g_checksum_get_digest(sum, d, &n);
	g_checksum_free(sum);
	d[6] = (guint8)((d[6] & 0x0F) | 0x50);
	d[8] = (guint8)((d[8] & 0x3F) | 0x80);
	return g_strdup_printf("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
			       d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11],
			       d[12], d[13], d[14], d[15]);
}

/* The most common declared language of the articles, or NULL. */
static char *common_lang(const struct book *b)
{
	GHashTable *count = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	char *best = NULL;
	guint best_n = 0;

	for (guint i = 0; i < b->articles->len; i++) {
		const struct article *a = g_ptr_array_index(b->articles, i);
		guint n;

		if (!a->lang)
			continue;
		n = GPOINTER_TO_UINT(g_hash_table_lookup(count, a->lang)) + 1;
		g_hash_table_insert(count, g_strdup(a->lang), GUINT_TO_POINTER(n));
		if (n > best_n) {
			best_n = n;
			g_free(best);
			best = g_strdup(a->lang);
		}
	}
	g_hash_table_destroy(count);
	return best;
}

/* The settings of the language the book is in, when it is made of a Hugo site. */
static const struct site_lang *site_lang_of_book(const struct reading *r)
{
	return r->site ? site_book_lang(r->site, r->opts->only_langs) : NULL;
}

/* The title of the site's home page (content/_index.md), its own, not taken from its file's name. */
static char *home_title(const struct book *b)
{
	const GPtrArray *lists[] = { b->sections, b->articles };

	for (guint k = 0; k < G_N_ELEMENTS(lists); k++)
		for (guint i = 0; i < lists[k]->len; i++) {
			const struct article *a = g_ptr_array_index(lists[k], i);

			if (pages_is_home(a) && a->fm.title.text && *a->fm.title.text)
				return g_strdup(a->title);
		}
	return NULL;
}

/* A home page in the book with no title of its own (no title:, no heading; passes.c) has the book's. */
static void title_home(struct book *b)
{
	for (guint i = 0; i < b->articles->len; i++) {
		struct article *a = g_ptr_array_index(b->articles, i);

		if (pages_is_home(a) && !*a->title) {
			g_free(a->title);
			a->title = g_strdup(b->title);
		}
	}
}

static void book_metadata(struct reading *r)
{
	struct book *b = r->b;
	const struct options *o = r->opts;
	const struct site_lang *sl = site_lang_of_book(r);

	/* The command line and folio.yaml first, then the site's settings, then the articles. */
	b->title = g_strdup(o->title ? o->title : sl ? sl->title : NULL);
	if (!b->title)
		b->title = home_title(b);
	if (!b->title && o->sources->len > 0) {
		char *first = g_ptr_array_index(o->sources, 0);
		char *real = realpath(first, NULL);

		b->title = g_path_get_basename(real ? real : first);
		free(real);
		if (g_str_has_suffix(b->title, ".md"))
			b->title[strlen(b->title) - 3] = '\0';
	}
	title_home(b);
	b->subtitle = g_strdup(o->subtitle);
	b->author = g_strdup(o->author ? o->author : sl ? sl->author : NULL);
	b->publisher = g_strdup(o->publisher);
	b->description = g_strdup(o->description ? o->description : sl ? sl->description : NULL);
	b->rights = g_strdup(o->rights ? o->rights : sl ? sl->copyright : NULL);
	if (!b->lang)
		b->lang = common_lang(b);
	/*
	 * Articles whose text says no language (Latin letters) are in the site's, which is Hugo's
	 * default, English, when the site names none; not a Chinese one their text contradicts.
	 */
	if (!b->lang && sl && !langtag_is_cjk(sl->tag ? sl->tag : sl->key))
		b->lang = g_strdup(sl->tag ? sl->tag : sl->key);
	if (!b->lang)
		b->lang = g_strdup("und");
	for (guint i = 0; i < b->articles->len; i++) {
		struct article *a = g_ptr_array_index(b->articles, i);

		if (!a->lang)
			/* An English text with no lang in a Chinese book (a README) was set as Chinese. */
			a->lang = g_strdup(a->text_latin && langtag_is_cjk(b->lang) ? "en" : b->lang);
		if (a->fm.date.valid) {
			if (!b->first.valid || a->fm.date.utc < b->first.utc)
				b->first = a->fm.date;
			if (!b->last.valid || a->fm.date.utc > b->last.utc)
				b->last = a->fm.date;
		}
	}
	/* SOURCE_DATE_EPOCH stamps the book; else its newest article does. */
	if (o->now_from_epoch)
		b->modified = o->now;
	else
		b->modified = b->last.valid ? b->last.utc : 0;
	b->identifier = content_uuid(b);
}

void book_set_title(struct book *b, const char *title, const char *subtitle)
{
	if (title) {
		g_free(b->title);
		b->title = g_strdup(title);
	}
	if (subtitle) {
		g_free(b->subtitle);
		b->subtitle = g_strdup(subtitle);
	}
	/* The identifier is derived from the title: keep the two in step. */
	g_free(b->identifier);
	b->identifier = content_uuid(b);
}

/* The Hugo site a SOURCE is the root of (the first such), or NULL. */
static struct site *find_site(const struct options *o)
{
	for (guint i = 0; i < o->sources->len; i++) {
		const char *src = g_ptr_array_index(o->sources, i);
		/* site_load finds the settings file itself: NULL when there is none. */
		struct site *s = g_file_test(src, G_FILE_TEST_IS_DIR) ? site_load(src) : NULL;

		if (s)
			return s;
	}
	return NULL;
}

/* Dates without a zone: --timezone, else the site's timeZone, else UTC in a Hugo site (Hugo's), else local. */
static GTimeZone *reading_zone(const struct options *o, const struct site *s)
{
	GTimeZone *tz;

	if (o->timezone || !s)
		return g_time_zone_ref(o->tz);
	if (s->timezone) {
		tz = date_zone(s->timezone);
		if (tz)
			return tz;
		diag_warn(s->config, 0, "timeZone '%s' is no time zone folio knows; dates without a zone are read in UTC",
			  s->timezone);
	}
	return g_time_zone_new_utc();
}

static int (*next_book_fn)(const struct article *a, const char *book_lang, void *data);
static void *next_book_data;

void build_set_next_book(int (*next_book)(const struct article *a, const char *book_lang, void *data), void *data)
{
	next_book_fn = next_book;
	next_book_data = data;
}

struct book *book_build(const struct options *opts, GHashTable *sent, double cjk_latin_space)
{
	struct book *b = book_new();
	struct reading r = { b, opts, sent, NULL, NULL };
	struct select_filters *filters = select_filters_new(opts);
	GPtrArray *loaded;
	struct site *site = find_site(opts);
	const struct site_lang *sl;
	bool shared;

	r.site = site;
	r.tz = reading_zone(opts, site);
	b->cjk_latin_space = cjk_latin_space;
	/* A language given for the book is the default of articles without one; a site's is next. */
	b->lang = g_strdup(opts->book_lang);
	sl = site_lang_of_book(&r);
	if (!b->lang && sl && site->lang_declared && site->multilingual)
		b->lang = g_strdup(sl->tag ? sl->tag : sl->key);
	loaded = load_all(&r, &shared);
	select_articles(&r, filters, loaded, shared);
	if (shared)
		loadcache_own(&r);
	else
		g_ptr_array_free(loaded, TRUE);
	select_filters_free(filters);
	arrange_sort(&r);
	select_limit(&r);
	if (!b->lang)
		b->lang = common_lang(b);
	for (guint i = 0; next_book_fn && i < b->articles->len; i++) {
		struct article *a = g_ptr_array_index(b->articles, i);

		a->next_book = next_book_fn(a, b->lang, next_book_data);
	}
	arrange_group(&r);
	arrange_home(&r);
	say_read(b);
	passes_run(b);
	book_metadata(&r);
	images_resolve(&r);
	if (b->left_out->len) {
		GString *s = g_string_new(NULL);

		for (guint i = 0; i < b->left_out->len; i++)
			g_string_append_printf(s, "\n  %s", (char *)g_ptr_array_index(b->left_out, i));
		diag_warn(NULL, 0, "%u file%s left out of the book:%s", b->left_out->len,
			  b->left_out->len == 1 ? "" : "s", s->str);
		g_string_free(s, TRUE);
	}
	site_free(site);
	g_time_zone_unref(r.tz);
	return b;
}
