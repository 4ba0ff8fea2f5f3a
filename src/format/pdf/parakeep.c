/* parakeep.c - paragraphs set in one book of a batch, kept within a budget for the next book that sets them alike. */
#include "format/pdf/parakeep.h"

struct kept {
	GBytes *key;
	gpointer value;
	GDestroyNotify unref;
	size_t bytes;
	int next_book;		/* the book that will want it */
	guint64 order;		/* when it was kept or last found */
};

static GMutex lock;
static GHashTable *table;	/* GBytes * -> struct kept * */
static GTree *wanted;		/* struct kept *, by next_book, then order: the last goes first */
static size_t budget, used, most;
static guint64 found, kept_count, ticks;
static gint on;

static gint by_want(gconstpointer pa, gconstpointer pb)
{
	const struct kept *a = pa, *b = pb;

	if (a->next_book != b->next_book)
		return a->next_book < b->next_book ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void kept_free(gpointer data)
{
	struct kept *k = data;

	g_bytes_unref(k->key);
	k->unref(k->value);
	g_free(k);
}

/* Take k out of the store (with the lock held), for the caller to free outside it. */
static void take_out(struct kept *k, GPtrArray *gone)
{
	g_tree_remove(wanted, k);
	g_hash_table_steal(table, k->key);
	used -= k->bytes;
	g_ptr_array_add(gone, k);
}

void parakeep_enable(size_t bytes)
{
	GHashTable *gone_table;
	GTree *gone_tree;

	g_mutex_lock(&lock);
	gone_table = table;
	gone_tree = wanted;
	table = bytes ? g_hash_table_new_full(g_bytes_hash, g_bytes_equal, NULL, kept_free) : NULL;
	wanted = bytes ? g_tree_new(by_want) : NULL;
	budget = bytes;
	used = most = 0;
	found = kept_count = ticks = 0;
	g_atomic_int_set(&on, bytes > 0);
	g_mutex_unlock(&lock);
	if (gone_tree)
		g_tree_destroy(gone_tree);
	if (gone_table)
		g_hash_table_destroy(gone_table);
}

bool parakeep_on(void)
{
	return g_atomic_int_get(&on);
}

void parakeep_book(int book)
{
	GPtrArray *gone = g_ptr_array_new_with_free_func(kept_free);
	GTreeNode *n;

	g_mutex_lock(&lock);
	while (wanted && (n = g_tree_node_first(wanted)) && ((struct kept *)g_tree_node_key(n))->next_book < book)
		take_out(g_tree_node_key(n), gone);
	g_mutex_unlock(&lock);
	g_ptr_array_free(gone, TRUE);
}

gpointer parakeep_find(GBytes *key, gpointer (*ref)(gpointer value), int next_book)
{
	GPtrArray *gone = g_ptr_array_new_with_free_func(kept_free);
	gpointer value = NULL;
	struct kept *k;

	g_mutex_lock(&lock);
	if (table && (k = g_hash_table_lookup(table, key))) {
		value = ref(k->value);
		found++;
		if (next_book <= 0) {
			take_out(k, gone);
		} else {
			g_tree_remove(wanted, k);
			k->next_book = next_book;
			k->order = ++ticks;
			g_tree_insert(wanted, k, k);
		}
	}
	g_mutex_unlock(&lock);
	g_ptr_array_free(gone, TRUE);
	return value;
}

void parakeep_put(GBytes *key, gpointer value, size_t bytes, int next_book, GDestroyNotify unref)
{
	GPtrArray *gone = g_ptr_array_new_with_free_func(kept_free);
	struct kept *k = g_new0(struct kept, 1);

	k->key = g_bytes_ref(key);
	k->value = value;
	k->unref = unref;
	k->bytes = bytes + g_bytes_get_size(key) + sizeof *k;
	k->next_book = next_book;
	g_mutex_lock(&lock);
	if (!table || next_book <= 0 || k->bytes > budget || g_hash_table_contains(table, key)) {
		g_ptr_array_add(gone, k);
	} else {
		k->order = ++ticks;
		g_tree_insert(wanted, k, k);
		g_hash_table_insert(table, k->key, k);
		used += k->bytes;
		/* What is wanted last goes (k itself, when nothing kept is wanted later); freed outside the lock. */
		while (used > budget)
			take_out(g_tree_node_key(g_tree_node_last(wanted)), gone);
		if (g_hash_table_lookup(table, key) == k)
			kept_count++;
		most = MAX(most, used);
	}
	g_mutex_unlock(&lock);
	g_ptr_array_free(gone, TRUE);
}

void parakeep_counts(guint64 *n_found, guint64 *n_kept, size_t *n_most)
{
	g_mutex_lock(&lock);
	*n_found = found;
	*n_kept = kept_count;
	*n_most = most;
	g_mutex_unlock(&lock);
}
