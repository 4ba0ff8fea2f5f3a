/* tasklist.c - GFM task list items ("- [x] done") shown with a ballot box, as Hugo's Goldmark TaskList shows a checkbox. */
#include "text/tasklist.h"

#include <stdbool.h>
#include <string.h>
#include <glib.h>

static bool is_white(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

void tasklist_tree(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *item = cmark_iter_get_node(it), *para, *text;
		const char *lit;
		size_t skip;
		char *boxed;

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(item) != CMARK_NODE_ITEM
		    || !(para = cmark_node_first_child(item)) || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH
		    || !(text = cmark_node_first_child(para)) || cmark_node_get_type(text) != CMARK_NODE_TEXT
		    || !(lit = cmark_node_get_literal(text)))
			continue;
		/* Goldmark: ^\[([\sxX])\]\s* at the head of the item's first block */
		if (lit[0] != '[' || !(is_white(lit[1]) || lit[1] == 'x' || lit[1] == 'X') || lit[2] != ']')
			continue;
		skip = 3;
		while (is_white(lit[skip]))
			skip++;
		boxed = g_strconcat(lit[1] == 'x' || lit[1] == 'X' ? "\u2611 " : "\u2610 ", lit + skip, NULL);
		cmark_node_set_literal(text, boxed);
		g_free(boxed);
	}
	cmark_iter_free(it);
}
