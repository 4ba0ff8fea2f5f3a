/* textnorm.c - soft line breaks and spacing normalised once for both writers. */
#include "textnorm.h"

#include <string.h>

#include "clreq.h"

bool textnorm_softbreak_is_space(gunichar before, gunichar after)
{
	if (!before || !after)
		return false;
	return !(clreq_is_cjk(before) && clreq_is_cjk(after));
}

/* Last (or first) character of the text inside node, depth first; 0 when it has none. */
static gunichar edge_char(cmark_node *node, bool last)
{
	const char *lit;

	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		lit = cmark_node_get_literal(node);
		if (!lit || !*lit)
			return 0;
		return last ? g_utf8_get_char(g_utf8_prev_char(lit + strlen(lit))) : g_utf8_get_char(lit);
	default:
		for (cmark_node *c = last ? cmark_node_last_child(node) : cmark_node_first_child(node); c;
		     c = last ? cmark_node_previous(c) : cmark_node_next(c)) {
			gunichar u = edge_char(c, last);

			if (u)
				return u;
		}
		return 0;
	}
}

/* Walk siblings (climbing out of inline containers) for the nearest character. */
static gunichar neighbour(cmark_node *n, bool before)
{
	while (n) {
		for (cmark_node *s = before ? cmark_node_previous(n) : cmark_node_next(n); s;
		     s = before ? cmark_node_previous(s) : cmark_node_next(s)) {
			gunichar u = edge_char(s, before);

			if (u)
				return u;
		}
		n = cmark_node_parent(n);
		if (!n || cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH
		    || cmark_node_get_type(n) == CMARK_NODE_HEADING)
			break;
	}
	return 0;
}

gunichar textnorm_char_before(cmark_node *n)
{
	return neighbour(n, true);
}

gunichar textnorm_char_after(cmark_node *n)
{
	return neighbour(n, false);
}
