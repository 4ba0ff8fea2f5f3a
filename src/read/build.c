/* build.c - builds the book model: read the sources, choose and order articles, run the passes. */
#include "read/build.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/parallel.h"
#include "read/arrange.h"
#include "read/article.h"
#include "read/collect.h"
#include "read/images.h"
#include "read/loadcache.h"
#include "read/markdown.h"
#include "read/passes.h"
#include "read/select.h"

#include <libxml/parser.h>

/* The title of the _index.md of the nearest folder (from the article's up to its root). */
static void find_section(struct article *a, GHashTable *section_titles)
{
	char *dir = g_strdup(a->dir);

	while (strlen(dir) >= strlen(a->root->real)) {
		const char *t = g_hash_table_lookup(section_titles, dir);
		char *up;

		if (t && strcmp(dir, a->root->real)) {
			a->section = g_strdup(t);
			break;
		}
		up = g_path_get_dirname(dir);
		if (!strcmp(up, dir)) {
			g_free(up);
			break;
		}
		g_free(dir);
		dir = up;
	}
	g_free(dir);
}

/* One source file, read and identified on a worker thread (parallel.h). */
struct load_job {
	struct reading *r;
	const struct found_file *f;
	struct article *a;	/* NULL: left out, for why */
	const char *why;
};

/* What load_all gathers, in the files' order. */
struct load_results {
	struct book *b;
	GPtrArray *loaded;
	GHashTable *section_titles;
	guint taken;
};

static void load_one(gpointer data, gpointer unused)
{
	struct load_job *j = data;
	char *key = loadcache_key(j->f->file, j->f->real, j->f->rel, j->r->opts->tz, j->r->opts->book_lang);

	/* Another book of this run (folio batch) may have read it already. */
	if (loadcache_find(key, j->f->root, &j->a, &j->why)) {
		g_free(key);
		return;
	}
	j->a = article_load(j->f->file, j->f->real, j->f->root, j->f->rel, j->r->opts->tz, &j->why);
	if (j->a) {
		j->a->title = passes_article_title(j->a);
		/* Sections too: one may introduce a part, with pictures and links of its own. */
		passes_identify(j->r->b, j->a);
		/* Reading is done with the tree: the back ends open views of their own. */
		article_drop_tree(j->a);
	}
	loadcache_keep(key, j->a, j->why);
	g_free(key);
}

static void take_loaded(gpointer data, gpointer user)
{
	struct load_job *j = data;
	struct load_results *res = user;
	struct article *a = j->a;

	diag_progress_step(++res->taken);
	if (!a)
		g_ptr_array_add(res->b->left_out, g_strdup_printf("%s (%s)", j->f->file, j->why));
	else if (a->section_index) {
		g_ptr_array_add(res->b->sections, a);
		g_hash_table_insert(res->section_titles, a->dir, a->title);
	} else {
		g_ptr_array_add(res->loaded, a);
	}
}

/*
 * Read every source file: parsing and identifying run on every core, and the results (and
 * their messages) are taken in the files' order, so the book and stderr are the same each run.
 * Articles that cannot be read are reported and named in b->left_out.
 */
static GPtrArray *load_all(struct reading *r)
{
	struct book *b = r->b;
	GPtrArray *files = collect_sources(r->opts->sources, b->roots);
	struct load_results res = { b, g_ptr_array_new(), g_hash_table_new(g_str_hash, g_str_equal), 0 };
	struct load_job *jobs = g_new0(struct load_job, files->len ? files->len : 1);
	gpointer *order = g_new(gpointer, files->len ? files->len : 1);
	GPtrArray *loaded = res.loaded;
	GHashTable *section_titles = res.section_titles;

	/* Library set-up that is not thread-safe, done once here: libxml2's, and cmark-gfm's
	   extension tables (filled when a parser first attaches them). */
	xmlInitParser();
	cmark_node_free(markdown_parse("", 0));
	for (guint i = 0; i < files->len; i++) {
		jobs[i] = (struct load_job){ .r = r, .f = g_ptr_array_index(files, i) };
		order[i] = &jobs[i];
	}
	diag_progress_begin("reading", files->len);
	parallel_in_order(order, files->len, load_one, take_loaded, &res);
	diag_progress_end();
	g_free(order);
	g_free(jobs);
	for (guint i = 0; i < loaded->len; i++)
		find_section(g_ptr_array_index(loaded, i), section_titles);
	/* A section named by its own _index.md: use its title for its own folder's part. */
	for (guint i = 0; i < b->sections->len; i++) {
		struct article *s = g_ptr_array_index(b->sections, i);

		g_free(s->section);
		s->section = strcmp(s->dir, s->root->real) ? g_strdup(s->title) : NULL;
	}
	g_hash_table_destroy(section_titles);
	g_ptr_array_free(files, TRUE);
	return loaded;
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

static void book_metadata(struct book *b, const struct options *o)
{
	b->title = g_strdup(o->title);
	for (guint i = 0; !b->title && i < b->sections->len; i++) {
		struct article *s = g_ptr_array_index(b->sections, i);

		if (!strcmp(s->dir, s->root->real) && s->fm.title.text && *s->fm.title.text)
			b->title = g_strdup(s->title);
	}
	if (!b->title && o->sources->len > 0) {
		char *first = g_ptr_array_index(o->sources, 0);
		char *real = realpath(first, NULL);

		b->title = g_path_get_basename(real ? real : first);
		free(real);
		if (g_str_has_suffix(b->title, ".md"))
			b->title[strlen(b->title) - 3] = '\0';
	}
	b->subtitle = g_strdup(o->subtitle);
	b->author = g_strdup(o->author);
	b->publisher = g_strdup(o->publisher);
	b->description = g_strdup(o->description);
	if (!b->lang)
		b->lang = common_lang(b);
	if (!b->lang)
		b->lang = g_strdup("und");
	for (guint i = 0; i < b->articles->len; i++) {
		struct article *a = g_ptr_array_index(b->articles, i);

		if (!a->lang)
			a->lang = g_strdup(b->lang);
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

struct book *book_build(const struct options *opts, GHashTable *sent, double cjk_latin_space)
{
	struct book *b = book_new();
	struct reading r = { b, opts, sent };
	struct select_filters *filters = select_filters_new(opts);
	GPtrArray *loaded;

	b->cjk_latin_space = cjk_latin_space;
	/* A language given for the book is the default of articles without one. */
	b->lang = g_strdup(opts->book_lang);
	loaded = load_all(&r);
	select_articles(&r, filters, loaded);
	g_ptr_array_free(loaded, TRUE);
	select_filters_free(filters);
	arrange_sort(&r);
	select_limit(&r);
	if (!b->lang)
		b->lang = common_lang(b);
	arrange_group(&r);
	passes_run(b);
	book_metadata(b, opts);
	images_resolve(&r);
	if (b->left_out->len) {
		GString *s = g_string_new(NULL);

		for (guint i = 0; i < b->left_out->len; i++)
			g_string_append_printf(s, "\n  %s", (char *)g_ptr_array_index(b->left_out, i));
		diag_warn(NULL, 0, "%u file%s left out of the book:%s", b->left_out->len,
			  b->left_out->len == 1 ? "" : "s", s->str);
		g_string_free(s, TRUE);
	}
	return b;
}
