/* parakeep.c - paragraphs set in one book of a batch, kept within a budget for the next books that set them alike. */
#include "format/pdf/parakeep.h"

struct kept {
	GBytes *key;
	gpointer value;
	GDestroyNotify unref;
	size_t bytes;
	GList use;		/* in recent: most recently used first */
};

static GMutex lock;
static GHashTable *table;	/* GBytes * -> struct kept * */
static GQueue recent = G_QUEUE_INIT;
static size_t budget, used, most;
static guint64 found, kept_count;
static gint on;

static void kept_free(gpointer data)
{
	struct kept *k = data;

	g_bytes_unref(k->key);
	k->unref(k->value);
	g_free(k);
}

void parakeep_enable(size_t bytes)
{
	GHashTable *gone;

	g_mutex_lock(&lock);
	gone = table;
	table = bytes ? g_hash_table_new_full(g_bytes_hash, g_bytes_equal, NULL, kept_free) : NULL;
	g_queue_init(&recent);
	budget = bytes;
	used = most = 0;
	found = kept_count = 0;
	g_atomic_int_set(&on, bytes > 0);
	g_mutex_unlock(&lock);
	if (gone)
		g_hash_table_destroy(gone);
}

bool parakeep_on(void)
{
	return g_atomic_int_get(&on);
}

gpointer parakeep_find(GBytes *key, gpointer (*ref)(gpointer value))
{
	gpointer value = NULL;
	struct kept *k;

	g_mutex_lock(&lock);
	if (table && (k = g_hash_table_lookup(table, key))) {
		g_queue_unlink(&recent, &k->use);
		g_queue_push_head_link(&recent, &k->use);
		value = ref(k->value);
		found++;
	}
	g_mutex_unlock(&lock);
	return value;
}

void parakeep_put(GBytes *key, gpointer value, size_t bytes, GDestroyNotify unref)
{
	GPtrArray *gone = g_ptr_array_new_with_free_func(kept_free);
	struct kept *k = g_new0(struct kept, 1);

	k->key = g_bytes_ref(key);
	k->value = value;
	k->unref = unref;
	k->bytes = bytes + g_bytes_get_size(key) + sizeof *k;
	g_mutex_lock(&lock);
	if (!table || k->bytes > budget || g_hash_table_contains(table, key)) {
		g_ptr_array_add(gone, k);
	} else {
		k->use.data = k;
		g_queue_push_head_link(&recent, &k->use);
		g_hash_table_insert(table, k->key, k);
		used += k->bytes;
		kept_count++;
		/* The least recently used go; freed outside the lock. */
		while (used > budget) {
			struct kept *old = g_queue_pop_tail_link(&recent)->data;

			used -= old->bytes;
			g_hash_table_steal(table, old->key);
			g_ptr_array_add(gone, old);
		}
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
