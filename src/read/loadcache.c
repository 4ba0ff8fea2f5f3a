/* loadcache.c - articles loaded once for every book of a run that reads the same files (folio batch). */
#include "read/loadcache.h"

struct entry {
	struct article *a;	/* NULL: refused */
	const char *why;
};

static GMutex lock;
static GHashTable *cache;	/* key -> struct entry * */

static void entry_free(gpointer p)
{
	struct entry *e = p;

	article_free(e->a);
	g_free(e);
}

void loadcache_enable(void)
{
	g_mutex_lock(&lock);
	if (!cache)
		cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, entry_free);
	g_mutex_unlock(&lock);
}

void loadcache_clear(void)
{
	g_mutex_lock(&lock);
	if (cache)
		g_hash_table_destroy(cache);
	cache = NULL;
	g_mutex_unlock(&lock);
}

char *loadcache_key(const char *file, const char *real, const char *rel, GTimeZone *tz, const char *lang)
{
	return g_strjoin("\t", file, real, rel, tz ? g_time_zone_get_identifier(tz) : "", lang ? lang : "", NULL);
}

bool loadcache_find(const char *key, const struct root *root, struct article **a, const char **why)
{
	struct entry *e;
	bool found = false;

	g_mutex_lock(&lock);
	if (cache && (e = g_hash_table_lookup(cache, key))) {
		*a = e->a ? article_copy(e->a, root) : NULL;
		*why = e->why;
		found = true;
	}
	g_mutex_unlock(&lock);
	return found;
}

void loadcache_keep(const char *key, const struct article *a, const char *why)
{
	struct entry *e;

	g_mutex_lock(&lock);
	if (cache && !g_hash_table_contains(cache, key)) {
		e = g_new0(struct entry, 1);
		e->a = a ? article_copy(a, NULL) : NULL;
		e->why = why;
		g_hash_table_insert(cache, g_strdup(key), e);
	}
	g_mutex_unlock(&lock);
}
