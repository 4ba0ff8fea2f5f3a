/* tablehead.c - a table pasted from the web with an empty header row takes its first row as its header, in both books. */
#include "text/tablehead.h"

#include <stdbool.h>
#include <string.h>
#include <glib.h>
#include <cmark-gfm-core-extensions.h>

#include "text/nodetext.h"

static bool is_type(cmark_node *n, const char *name)
{
	return !strcmp(cmark_node_get_type_string(n), name);
}

bool tablehead_empty(cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	bool empty = true;

	while (empty && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_IMAGE)
			empty = false;
	cmark_iter_free(it);
	if (empty) {
		char *text = node_plain_text(n);

		empty = !*g_strstrip(text);
		g_free(text);
	}
	return empty;
}

void tablehead_tree(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	GPtrArray *tables = g_ptr_array_new();
	cmark_event_type ev;

	/* Found first, changed after: the iterator must not meet a freed row. */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER && is_type(n, "table"))
			g_ptr_array_add(tables, n);
	}
	cmark_iter_free(it);
	for (guint i = 0; i < tables->len; i++) {
		cmark_node *table = g_ptr_array_index(tables, i), *head = cmark_node_first_child(table);
		cmark_node *next = head ? cmark_node_next(head) : NULL;

		if (!head || !cmark_gfm_extensions_get_table_row_is_header(head) || !tablehead_empty(head))
			continue;
		if (!next) {
			cmark_node_free(table);	/* nothing in it at all (cmark_node_free unlinks) */
			continue;
		}
		cmark_node_free(head);
		cmark_gfm_extensions_set_table_row_is_header(next, 1);
	}
	g_ptr_array_free(tables, TRUE);
}
