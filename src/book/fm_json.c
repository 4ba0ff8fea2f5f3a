/* fm_json.c - reads JSON into folio's typed tree with json-glib, each member with the line it was read on. */
#include "book/fm_json.h"

#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "base/diag.h"

/*
 * json-glib's nodes carry no lines; its parser tells the line it is on while it emits its
 * signals. So: a container's line is where it opened (a stack of lines, kept while parsing), a
 * scalar member's the line its value ended on.
 */
struct jlines {
	const char *file;
	int first_line;
	GArray *open;		/* lines of the containers being read */
	GHashTable *container;	/* JsonObject * or JsonArray * -> line + 1 */
	GHashTable *member;	/* "object\nname" -> line + 1 */
	GHashTable *element;	/* "array\nindex" -> line + 1 */
};

static char *member_key(gconstpointer container, const char *name)
{
	return g_strdup_printf("%p\n%s", container, name);
}

static void on_open(JsonParser *parser, gpointer data)
{
	struct jlines *j = data;
	guint line = json_parser_get_current_line(parser);

	g_array_append_val(j->open, line);
}

static void on_close(gpointer container, struct jlines *j)
{
	guint line = j->open->len ? g_array_index(j->open, guint, j->open->len - 1) : 0;

	if (j->open->len)
		g_array_set_size(j->open, j->open->len - 1);
	g_hash_table_insert(j->container, container, GUINT_TO_POINTER(line + 1));
}

static void on_object_end(JsonParser *parser, JsonObject *object, gpointer data)
{
	on_close(object, data);
}

static void on_array_end(JsonParser *parser, JsonArray *array, gpointer data)
{
	on_close(array, data);
}

static void on_member(JsonParser *parser, JsonObject *object, gchar *name, gpointer data)
{
	struct jlines *j = data;
	char *key = member_key(object, name);
	guint line = json_parser_get_current_line(parser);

	if (g_hash_table_contains(j->member, key))
		diag_warn(j->file, j->first_line + (int)line - 1, "'%s' is given twice; the last one is used", name);
	g_hash_table_insert(j->member, key, GUINT_TO_POINTER(line + 1));
}

static void on_element(JsonParser *parser, JsonArray *array, gint index, gpointer data)
{
	struct jlines *j = data;
	char *key = g_strdup_printf("%p\n%d", (void *)array, index);

	g_hash_table_insert(j->element, key, GUINT_TO_POINTER(json_parser_get_current_line(parser) + 1));
}

static int file_line(const struct jlines *j, guint recorded)
{
	return recorded ? j->first_line + (int)recorded - 2 : j->first_line;
}

static struct fm_node *convert(struct jlines *j, JsonNode *n, guint recorded);

static struct fm_node *convert_object(struct jlines *j, JsonObject *o, guint recorded)
{
	GList *names = json_object_get_members(o);
	struct fm_node *map = fm_node_map(file_line(j, recorded));

	for (GList *l = names; l; l = l->next) {
		const char *name = l->data;
		char *key = member_key(o, name);
		guint line = GPOINTER_TO_UINT(g_hash_table_lookup(j->member, key));

		fm_map_set(map, name, convert(j, json_object_get_member(o, name), line));
		g_free(key);
	}
	g_list_free(names);
	return map;
}

static struct fm_node *convert(struct jlines *j, JsonNode *n, guint recorded)
{
	switch (json_node_get_node_type(n)) {
	case JSON_NODE_OBJECT: {
		JsonObject *o = json_node_get_object(n);
		guint open = GPOINTER_TO_UINT(g_hash_table_lookup(j->container, o));

		return convert_object(j, o, open ? open : recorded);
	}
	case JSON_NODE_ARRAY: {
		JsonArray *a = json_node_get_array(n);
		guint open = GPOINTER_TO_UINT(g_hash_table_lookup(j->container, a));
		struct fm_node *list = fm_node_list(file_line(j, open ? open : recorded));

		for (guint i = 0; i < json_array_get_length(a); i++) {
			char *key = g_strdup_printf("%p\n%u", (void *)a, i);

			fm_list_add(list, convert(j, json_array_get_element(a, i),
						  GPOINTER_TO_UINT(g_hash_table_lookup(j->element, key))));
			g_free(key);
		}
		return list;
	}
	case JSON_NODE_NULL:
		return fm_node_scalar(FM_NULL, NULL, file_line(j, recorded));
	default:
		break;
	}
	switch (json_node_get_value_type(n)) {
	case G_TYPE_BOOLEAN:
		return fm_node_scalar(FM_BOOL, json_node_get_boolean(n) ? "true" : "false", file_line(j, recorded));
	case G_TYPE_INT64: {
		char *t = g_strdup_printf("%" G_GINT64_FORMAT, json_node_get_int(n));
		struct fm_node *s = fm_node_scalar(FM_INT, t, file_line(j, recorded));

		g_free(t);
		return s;
	}
	case G_TYPE_DOUBLE: {
		char buf[G_ASCII_DTOSTR_BUF_SIZE];
		double d = json_node_get_double(n);

		/* The shortest form that reads back the same. */
		g_ascii_formatd(buf, sizeof buf, "%.15g", d);
		if (g_ascii_strtod(buf, NULL) != d)
			g_ascii_formatd(buf, sizeof buf, "%.17g", d);
		return fm_node_scalar(FM_FLOAT, buf, file_line(j, recorded));
	}
	default:
		return fm_node_scalar(FM_TEXT, json_node_get_string(n), file_line(j, recorded));
	}
}

/* "<data>:3:7: Parse error: ..." -> 3. */
static int error_line(const char *message)
{
	const char *p = strstr(message, ">:");
	int line = 0;

	if (p && sscanf(p + 2, "%d", &line) == 1)
		return line;
	return 0;
}

/* The UTF-16 code unit of the escape "\\uXXXX" at p, or -1. */
static int escaped_unit(const char *p, const char *end)
{
	int unit = 0;

	if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
		return -1;
	for (int i = 2; i < 6; i++) {
		if (!g_ascii_isxdigit(p[i]))
			return -1;
		unit = unit * 16 + g_ascii_xdigit_value(p[i]);
	}
	return unit;
}

/*
 * text with each escaped surrogate that has no partner written \uFFFD (g_free), or NULL when there
 * is none: Hugo (Go's encoding/json) reads one replacement character there; json-glib read three
 * and swallowed the character after it. Six characters for six: lines and columns stay.
 */
static char *lone_surrogates_replaced(const char *text, size_t len)
{
	const char *end = text + len;
	char *out = NULL;

	for (const char *p = text; p < end; p++) {
		int unit, next;

		if (*p != '\\')
			continue;
		unit = escaped_unit(p, end);
		if (unit < 0xD800 || unit > 0xDFFF) {
			p++;	/* the escaped character: an escaped backslash escapes nothing after it */
			continue;
		}
		next = escaped_unit(p + 6, end);
		if (unit <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
			p += 11;	/* a pair */
			continue;
		}
		if (!out) {
			out = g_malloc(len + 1);
			memcpy(out, text, len);
			out[len] = '\0';
		}
		memcpy(out + (p - text), "\\uFFFD", 6);
		p += 5;
	}
	return out;
}

struct fm_node *fm_read_json(const char *file, const char *text, size_t len, int first_line, const char *what)
{
	char *repaired = lone_surrogates_replaced(text, len);
	JsonParser *parser = json_parser_new_immutable();
	struct jlines j = { file, first_line, g_array_new(FALSE, FALSE, sizeof(guint)),
			    g_hash_table_new(NULL, NULL), g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
			    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
	GError *err = NULL;
	struct fm_node *tree = NULL;

	g_signal_connect(parser, "object-start", G_CALLBACK(on_open), &j);
	g_signal_connect(parser, "array-start", G_CALLBACK(on_open), &j);
	g_signal_connect(parser, "object-end", G_CALLBACK(on_object_end), &j);
	g_signal_connect(parser, "array-end", G_CALLBACK(on_array_end), &j);
	g_signal_connect(parser, "object-member", G_CALLBACK(on_member), &j);
	g_signal_connect(parser, "array-element", G_CALLBACK(on_element), &j);
	if (repaired)
		text = repaired;
	if (!json_parser_load_from_data(parser, text, (gssize)len, &err)) {
		int line = error_line(err->message);
		const char *msg = strstr(err->message, "Parse error: ");

		diag_warn(file, line ? first_line + line - 1 : first_line, "bad JSON %s: %s", what,
			  msg ? msg + 13 : err->message);
		g_error_free(err);
	} else if (!json_parser_get_root(parser)) {
		tree = fm_node_map(first_line);
	} else {
		tree = convert(&j, json_parser_get_root(parser), 1);
	}
	g_array_free(j.open, TRUE);
	g_hash_table_destroy(j.container);
	g_hash_table_destroy(j.member);
	g_hash_table_destroy(j.element);
	g_object_unref(parser);
	g_free(repaired);
	return tree;
}
