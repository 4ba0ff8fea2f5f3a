/* fmtree.c - the typed tree every front matter and site settings format is read into. */
#include "book/fmtree.h"

#include <string.h>

static void index_map(struct fm_node *map);

static struct fm_node *node_new(enum fm_kind kind, int line)
{
	struct fm_node *n = g_new0(struct fm_node, 1);

	n->kind = kind;
	n->line = line;
	return n;
}

struct fm_node *fm_node_scalar(enum fm_kind kind, const char *text, int line)
{
	struct fm_node *n = node_new(kind, line);

	n->text = kind == FM_NULL ? NULL : g_strdup(text ? text : "");
	return n;
}

struct fm_node *fm_node_list(int line)
{
	struct fm_node *n = node_new(FM_LIST, line);

	n->items = g_ptr_array_new_with_free_func((GDestroyNotify)fm_node_free);
	return n;
}

struct fm_node *fm_node_map(int line)
{
	struct fm_node *n = node_new(FM_MAP, line);

	n->items = g_ptr_array_new_with_free_func((GDestroyNotify)fm_node_free);
	n->keys = g_ptr_array_new_with_free_func(g_free);
	return n;
}

void fm_node_free(struct fm_node *n)
{
	if (!n)
		return;
	g_free(n->text);
	if (n->items)
		g_ptr_array_free(n->items, TRUE);
	if (n->keys)
		g_ptr_array_free(n->keys, TRUE);
	if (n->index)
		g_hash_table_destroy(n->index);
	g_free(n);
}

struct fm_node *fm_node_copy(const struct fm_node *n)
{
	struct fm_node *c;

	if (!n)
		return NULL;
	if (n->kind == FM_LIST || n->kind == FM_MAP) {
		c = n->kind == FM_LIST ? fm_node_list(n->line) : fm_node_map(n->line);
		for (guint i = 0; i < n->items->len; i++) {
			g_ptr_array_add(c->items, fm_node_copy(g_ptr_array_index(n->items, i)));
			if (n->keys)
				g_ptr_array_add(c->keys, g_strdup(g_ptr_array_index(n->keys, i)));
		}
		if (c->kind == FM_MAP)
			index_map(c);
		return c;
	}
	return fm_node_scalar(n->kind, n->text, n->line);
}

void fm_list_add(struct fm_node *list, struct fm_node *item)
{
	g_ptr_array_add(list->items, item);
}

/*
 * Where the keys that differ from one only in case stand: the first and the last. A map of many
 * keys keeps them in an index (a front matter of 160,000 keys took 70 s looking through them
 * all for each new one); a small map is looked through.
 */
struct key_place {
	int first, last;
};

enum { INDEX_FROM = 32 };	/* keys */

static void index_key(GHashTable *index, const char *key, int i)
{
	char *lower = g_ascii_strdown(key, -1);
	struct key_place *at = g_hash_table_lookup(index, lower);

	if (at) {
		at->last = i;
		g_free(lower);
	} else {
		at = g_new(struct key_place, 1);
		at->first = at->last = i;
		g_hash_table_insert(index, lower, at);
	}
}

/*
 * Index map once it holds INDEX_FROM keys (as it is made, on one thread: a map read is never
 * written, and the site's settings are read by every thread).
 */
static void index_map(struct fm_node *map)
{
	if (map->index || map->keys->len < INDEX_FROM)
		return;
	map->index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (guint i = 0; i < map->keys->len; i++)
		index_key(map->index, g_ptr_array_index(map->keys, i), (int)i);
}

/* The places of key in map (case aside), or false when it has none. */
static bool find_key(const struct fm_node *map, const char *key, struct key_place *out)
{
	if (!map || map->kind != FM_MAP)
		return false;
	if (map->index) {
		char *lower = g_ascii_strdown(key, -1);
		const struct key_place *at = g_hash_table_lookup(map->index, lower);

		g_free(lower);
		if (at)
			*out = *at;
		return at != NULL;
	}
	out->first = -1;
	for (guint i = 0; i < map->keys->len; i++) {
		if (!g_ascii_strcasecmp(g_ptr_array_index(map->keys, i), key)) {
			if (out->first < 0)
				out->first = (int)i;
			out->last = (int)i;
		}
	}
	return out->first >= 0;
}

bool fm_map_set(struct fm_node *map, const char *key, struct fm_node *value)
{
	struct key_place at;

	if (find_key(map, key, &at) && !strcmp(g_ptr_array_index(map->keys, at.first), key)) {
		fm_node_free(g_ptr_array_index(map->items, at.first));
		g_ptr_array_index(map->items, at.first) = value;
		return false;
	}
	g_ptr_array_add(map->keys, g_strdup(key));
	g_ptr_array_add(map->items, value);
	if (map->index)
		index_key(map->index, key, (int)map->keys->len - 1);
	else
		index_map(map);
	return true;
}

struct fm_node *fm_map_get(const struct fm_node *map, const char *key)
{
	struct key_place at;

	/* Keys that differ only in case: the last one written wins, as Hugo lowers them all. */
	return find_key(map, key, &at) ? g_ptr_array_index(map->items, at.last) : NULL;
}

struct fm_node *fm_lookup(const struct fm_node *map, const char *path)
{
	const struct fm_node *n = map;
	const char *p = path;

	while (n && *p) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		char *key = g_strndup(p, len);

		n = fm_map_get(n, key);
		g_free(key);
		p += len;
		if (*p == '.')
			p++;
	}
	return (struct fm_node *)n;
}

struct fm_node *fm_map_get_any(const struct fm_node *map, const char *const *keys)
{
	for (; *keys; keys++) {
		struct fm_node *n = fm_map_get(map, *keys);

		if (n)
			return n;
	}
	return NULL;
}

void fm_map_merge_missing(struct fm_node *dst, const struct fm_node *src)
{
	if (!dst || !src || dst->kind != FM_MAP || src->kind != FM_MAP)
		return;
	for (guint i = 0; i < src->keys->len; i++) {
		const char *k = g_ptr_array_index(src->keys, i);

		if (!fm_map_get(dst, k))
			fm_map_set(dst, k, fm_node_copy(g_ptr_array_index(src->items, i)));
	}
}

bool fm_is_true(const struct fm_node *n)
{
	return n && n->text && (!g_ascii_strcasecmp(n->text, "true") || !g_ascii_strcasecmp(n->text, "yes")
				|| !g_ascii_strcasecmp(n->text, "on"));
}

enum { NODE_TEXT_DEPTH = 8, NODE_TEXT_MAX = 4096 };

static void text_into(const struct fm_node *n, GString *s, int depth)
{
	if (s->len >= NODE_TEXT_MAX)
		return;
	if (n->kind != FM_LIST && n->kind != FM_MAP) {
		g_string_append(s, n->text ? n->text : "");
	} else if (depth >= NODE_TEXT_DEPTH) {
		g_string_append(s, "...");
	} else {
		for (guint i = 0; i < n->items->len && s->len < NODE_TEXT_MAX; i++) {
			if (i)
				g_string_append(s, n->kind == FM_LIST ? ", " : "; ");
			if (n->kind == FM_MAP)
				g_string_append_printf(s, "%s: ", (char *)g_ptr_array_index(n->keys, i));
			text_into(g_ptr_array_index(n->items, i), s, depth + 1);
		}
	}
	if (s->len > NODE_TEXT_MAX) {
		/* Cut on a character boundary. */
		const char *end = s->str + NODE_TEXT_MAX;

		while (end > s->str && (*end & 0xC0) == 0x80)
			end--;
		g_string_truncate(s, (gsize)(end - s->str));
		g_string_append(s, "...");
	}
}

char *fm_node_text(const struct fm_node *n)
{
	GString *s = g_string_new(NULL);

	if (n)
		text_into(n, s, 0);
	return g_string_free(s, FALSE);
}

const char *fm_kind_name(enum fm_kind k)
{
	static const char *const names[] = { "nothing", "text", "a whole number", "a number", "true or false",
		"a date", "a list", "a mapping" };

	return names[k];
}
