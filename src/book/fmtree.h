/* fmtree.h - front matter and site settings as one typed tree, whatever format (YAML, TOML, JSON) they were written in. */
#ifndef FOLIO_FMTREE_H
#define FOLIO_FMTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A value as its format typed it. Scalars keep their text: a string as given, a number or
 * a boolean as TOML and JSON print it ("3", "2.5", "true"); a date as written in RFC 3339 form
 * ("2025-03-04", "2025-03-04T08:00:00+08:00"), read later in the zone dates are read in.
 * YAML scalars are all FM_TEXT (YAML types them by their text).
 */
enum fm_kind { FM_NULL, FM_TEXT, FM_INT, FM_FLOAT, FM_BOOL, FM_DATE, FM_LIST, FM_MAP };

struct fm_node {
	enum fm_kind kind;
	char *text;		/* scalars; NULL for FM_NULL, FM_LIST and FM_MAP */
	int line;		/* 1-based line of the file it was written on; 0 when unknown */
	GPtrArray *items;	/* FM_LIST: its items; FM_MAP: the values (struct fm_node *) */
	GPtrArray *keys;	/* FM_MAP: the keys (char *), one per value, in file order */
	GHashTable *index;	/* FM_MAP of many keys: each key in lower case -> where it stands (fmtree.c) */
};

struct fm_node *fm_node_scalar(enum fm_kind kind, const char *text, int line);
struct fm_node *fm_node_list(int line);
struct fm_node *fm_node_map(int line);
void fm_node_free(struct fm_node *n);
struct fm_node *fm_node_copy(const struct fm_node *n);

/* Append item to list (taken). */
void fm_list_add(struct fm_node *list, struct fm_node *item);
/*
 * Set key in map to value (taken). A key given twice keeps its first place and its last value,
 * as Hugo reads a duplicate JSON key; returns false when it replaced one.
 */
bool fm_map_set(struct fm_node *map, const char *key, struct fm_node *value);

/* The value of key in map (case ignored: Hugo's keys are), or NULL. */
struct fm_node *fm_map_get(const struct fm_node *map, const char *key);
/* The value at a dotted path ("river.length", case ignored) below map, or NULL. */
struct fm_node *fm_lookup(const struct fm_node *map, const char *path);
/* The first of several keys map holds (their values, in the order named), or NULL. */
struct fm_node *fm_map_get_any(const struct fm_node *map, const char *const *keys);

/* Add to dst every key of src it lacks (deep copies), as Hugo's cascade does. */
void fm_map_merge_missing(struct fm_node *dst, const struct fm_node *src);

/* True for a scalar that says true (true, yes, on, any case). */
bool fm_is_true(const struct fm_node *n);

/*
 * Any value as one line of text: a scalar as it is, a list as "a, b", a map as "k: v; k: v";
 * nesting and length bounded. g_free.
 */
char *fm_node_text(const struct fm_node *n);

/* The name of a kind, for messages ("a list", "a mapping"). */
const char *fm_kind_name(enum fm_kind k);

#ifdef __cplusplus
}
#endif

#endif
