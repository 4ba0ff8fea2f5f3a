/* fmtree.c - the typed tree every front matter and site settings format is read into. */
#include "book/fmtree.h"

#include <string.h>

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
		return c;
	}
	return fm_node_scalar(n->kind, n->text, n->line);
}

void fm_list_add(struct fm_node *list, struct fm_node *item)
{
	g_ptr_array_add(list->items, item);
}

static int find_key(const struct fm_node *map, const char *key, size_t len)
{
	if (!map || map->kind != FM_MAP)
		return -1;
	for (guint i = 0; i < map->keys->len; i++) {
		const char *k = g_ptr_array_index(map->keys, i);

		if (strlen(k) == len && !g_ascii_strncasecmp(k, key, len))
			return (int)i;
	}
	return -1;
}

bool fm_map_set(struct fm_node *map, const char *key, struct fm_node *value)
{
	int i = find_key(map, key, strlen(key));

	if (i >= 0 && !strcmp(g_ptr_array_index(map->keys, i), key)) {
		fm_node_free(g_ptr_array_index(map->items, i));
		g_ptr_array_index(map->items, i) = value;
		return false;
	}
	g_ptr_array_add(map->keys, g_strdup(key));
	g_ptr_array_add(map->items, value);
	return true;
}

struct fm_node *fm_map_get(const struct fm_node *map, const char *key)
{
	int i = find_key(map, key, strlen(key));

	/* Keys that differ only in case: the last one written wins, as Hugo lowers them all. */
	for (int j = i + 1; i >= 0 && j < (int)map->keys->len; j++) {
		const char *k = g_ptr_array_index(map->keys, j);

		if (!g_ascii_strcasecmp(k, key))
			i = j;
	}
	return i >= 0 ? g_ptr_array_index(map->items, i) : NULL;
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
