/* loadcache.c - each source collection read and parsed once for every book of a run that reads it (folio batch). */
#include "read/loadcache.h"

#include <string.h>

/* What reading one collection gave, as it gave it. */
struct entry {
	struct roots *roots;
	GPtrArray *sections;	/* of struct article * (owned) */
	GPtrArray *loaded;	/* of struct article * (owned) */
	GPtrArray *left_out;	/* of char * */
	struct diag_held *said;	/* reading's messages, or NULL */
};

static GMutex lock;
static GHashTable *cache;	/* key -> struct entry *; NULL: off */
static guint n_read, n_reused, n_most;	/* n_most: the most entries kept at once */

static void articles_free(GPtrArray *list)
{
	for (guint i = 0; i < list->len; i++)
		article_free(g_ptr_array_index(list, i));
	g_ptr_array_free(list, TRUE);
}

static void entry_free(gpointer p)
{
	struct entry *e = p;

	roots_free(e->roots);
	articles_free(e->sections);
	articles_free(e->loaded);
	g_ptr_array_free(e->left_out, TRUE);
	diag_held_free(e->said);
	g_free(e);
}

void loadcache_enable(bool on)
{
	g_mutex_lock(&lock);
	g_clear_pointer(&cache, g_hash_table_destroy);
	if (on)
		cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, entry_free);
	n_read = n_reused = n_most = 0;
	g_mutex_unlock(&lock);
}

char *loadcache_sources_key(const GPtrArray *sources)
{
	GString *k = g_string_new(NULL);

	/* Separated by a control byte (US) no real path holds. */
	for (guint i = 0; i < sources->len; i++)
		g_string_append_printf(k, "source=%s\037", (char *)g_ptr_array_index(sources, i));
	return g_string_free(k, FALSE);
}

void loadcache_forget(const GPtrArray *sources)
{
	char *sources_key = loadcache_sources_key(sources);
	char *prefix = g_strconcat(sources_key, "tz=", NULL);	/* not a longer list that starts alike */
	GHashTableIter it;
	gpointer key;

	g_mutex_lock(&lock);
	if (cache) {
		g_hash_table_iter_init(&it, cache);
		while (g_hash_table_iter_next(&it, &key, NULL))
			if (g_str_has_prefix(key, prefix))
				g_hash_table_iter_remove(&it);
	}
	g_mutex_unlock(&lock);
	g_free(prefix);
	g_free(sources_key);
}

char *loadcache_key(const struct reading *r)
{
	const struct options *o = r->opts;
	GString *k;
	bool on;
	char *sources;

	g_mutex_lock(&lock);
	on = cache != NULL;
	g_mutex_unlock(&lock);
	if (!on)
		return NULL;
	/* Everything reading depends on besides the files: the zone dates are read in, the book's
	   language (articles without one, the notes' labels), Hugo's publishing rules and the moment
	   they are judged at, folio.yaml's shortcode mappings. The sources first (loadcache_forget). */
	sources = loadcache_sources_key(o->sources);
	k = g_string_new(sources);
	g_free(sources);
	g_string_append_printf(k, "tz=%s\037lang=%s\037drafts=%d future=%d expired=%d now=%" G_GINT64_FORMAT "\037",
			       g_time_zone_get_identifier(r->tz), r->b->lang ? r->b->lang : "", o->include_drafts,
			       o->include_future, o->include_expired, o->now);
	if (o->shortcodes) {
		GList *names = g_list_sort(g_hash_table_get_keys(o->shortcodes), (GCompareFunc)(void (*)(void))strcmp);

		for (GList *n = names; n; n = n->next)
			g_string_append_printf(k, "shortcode=%s:%s\037", (char *)n->data,
					       (char *)g_hash_table_lookup(o->shortcodes, n->data));
		g_list_free(names);
	}
	return g_string_free(k, FALSE);
}

/* Copies of list's articles, each with the root of to at its original's index in from. */
static GPtrArray *articles_copy(const GPtrArray *list, const struct roots *from, const struct roots *to)
{
	GPtrArray *out = g_ptr_array_new_full(list->len, NULL);

	for (guint i = 0; i < list->len; i++) {
		const struct article *a = g_ptr_array_index(list, i);
		const struct root *root = NULL;
		guint at;

		if (a->root && g_ptr_array_find(from->list, a->root, &at))
			root = g_ptr_array_index(to->list, at);
		g_ptr_array_add(out, article_copy(a, root));
	}
	return out;
}

const GPtrArray *loadcache_take(const char *key, struct reading *r)
{
	struct book *b = r->b;
	struct entry *e;

	g_mutex_lock(&lock);
	e = cache ? g_hash_table_lookup(cache, key) : NULL;
	if (e)
		n_reused++;
	g_mutex_unlock(&lock);
	/* e stays until loadcache_forget or loadcache_enable, which a run calls between books only. */
	if (!e)
		return NULL;
	roots_copy_into(b->roots, e->roots);
	g_ptr_array_extend_and_steal(b->sections, articles_copy(e->sections, e->roots, b->roots));
	for (guint i = 0; i < e->left_out->len; i++)
		g_ptr_array_add(b->left_out, g_strdup(g_ptr_array_index(e->left_out, i)));
	diag_held_repeat(e->said);
	return e->loaded;
}

const GPtrArray *loadcache_keep(const char *key, const struct reading *r, GPtrArray *loaded, struct diag_held *said)
{
	const struct book *b = r->b;
	struct entry *e = g_new0(struct entry, 1), *had;

	e->roots = roots_new();
	roots_copy_into(e->roots, b->roots);
	e->sections = articles_copy(b->sections, b->roots, e->roots);
	/* The articles themselves are kept, their roots now the entry's (the book's go with it). */
	for (guint i = 0; i < loaded->len; i++) {
		struct article *a = g_ptr_array_index(loaded, i);
		guint at;

		if (a->root && g_ptr_array_find(b->roots->list, a->root, &at))
			a->root = g_ptr_array_index(e->roots->list, at);
	}
	e->loaded = loaded;
	e->left_out = g_ptr_array_new_with_free_func(g_free);
	for (guint i = 0; i < b->left_out->len; i++)
		g_ptr_array_add(e->left_out, g_strdup(g_ptr_array_index(b->left_out, i)));
	e->said = said;
	g_mutex_lock(&lock);
	g_assert(cache);	/* on since loadcache_key gave key: a run turns it off only when done */
	had = g_hash_table_lookup(cache, key);
	if (!had) {
		g_hash_table_insert(cache, g_strdup(key), e);
		n_read++;
		n_most = MAX(n_most, g_hash_table_size(cache));
	}
	g_mutex_unlock(&lock);
	if (had) {
		/* Kept first by another thread reading the same: that one serves (the same articles). */
		entry_free(e);
		return had->loaded;
	}
	return e->loaded;
}

void loadcache_own(struct reading *r)
{
	GPtrArray *chosen = r->b->articles;

	for (guint i = 0; i < chosen->len; i++) {
		const struct article *a = g_ptr_array_index(chosen, i);
		const struct root *root = NULL;

		/* The book's roots are copies of the entry's: the same real paths, each once (roots_add). */
		for (guint k = 0; a->root && !root && k < r->b->roots->list->len; k++) {
			const struct root *t = g_ptr_array_index(r->b->roots->list, k);

			if (!strcmp(t->real, a->root->real))
				root = t;
		}
		g_ptr_array_index(chosen, i) = article_copy(a, root);
	}
}

void loadcache_counts(guint *read, guint *reused, guint *most)
{
	g_mutex_lock(&lock);
	*read = n_read;
	*reused = n_reused;
	if (most)
		*most = n_most;
	g_mutex_unlock(&lock);
}
