/* emphasis.c - pairs the "**" CommonMark leaves unmatched beside CJK punctuation into strong emphasis. */
#include "text/emphasis.h"

#include <string.h>
#include <glib.h>

#include "text/clreq.h"
#include "text/nodetext.h"

struct delim {
	cmark_node *node;
	size_t off;	/* of the first '*' in the node's literal */
};

static gunichar char_before(const char *lit, size_t off)
{
	return off ? g_utf8_get_char(g_utf8_prev_char(lit + off)) : 0;
}

static gunichar char_after(const char *lit, size_t off)
{
	return lit[off] ? g_utf8_get_char(lit + off) : 0;
}

/* The "**" runs (exactly two asterisks) in the TEXT children of parent, in order. */
static GArray *find_delims(cmark_node *parent)
{
	GArray *d = g_array_new(FALSE, FALSE, sizeof(struct delim));

	for (cmark_node *c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
		const char *lit = cmark_node_get_type(c) == CMARK_NODE_TEXT ? cmark_node_get_literal(c) : NULL;

		for (size_t i = 0; lit && lit[i]; i++) {
			size_t n = strspn(lit + i, "*");

			if (n == 2 && (i == 0 || lit[i - 1] != '\\')) {
				struct delim x = { c, i };

				g_array_append_val(d, x);
			}
			if (n)
				i += n - 1;
		}
	}
	return d;
}

/*
 * Flanking is not asked for: Chinese sources put "** " and " **" around bold
 * text as often as not. A pair must only hold something but white space.
 */
static bool holds_text(const struct delim *a, const struct delim *b)
{
	const char *lit = cmark_node_get_literal(a->node);

	if (a->node != b->node)
		return true;
	for (size_t i = a->off + 2; i < b->off; i++)
		if (!g_ascii_isspace(lit[i]))
			return true;
	return false;
}

/* Only where CommonMark's rules fail Chinese: a CJK character or mark beside one of the pair. */
static bool cjk_beside(const struct delim *a, const struct delim *b)
{
	const char *la = cmark_node_get_literal(a->node), *lb = cmark_node_get_literal(b->node);

	return clreq_is_cjk(char_before(la, a->off)) || clreq_is_cjk(char_after(la, a->off + 2))
	       || clreq_is_cjk(char_before(lb, b->off)) || clreq_is_cjk(char_after(lb, b->off + 2));
}

/* Replace the pair of delimiters a (opening) and b (closing) by a STRONG node around what is between. */
static void make_strong(struct delim a, struct delim b)
{
	cmark_node *strong = cmark_node_new(CMARK_NODE_STRONG);
	char *la = g_strdup(cmark_node_get_literal(a.node)), *lb = g_strdup(cmark_node_get_literal(b.node));

	if (a.node == b.node) {
		cmark_node_append_child(strong, node_new_text(la + a.off + 2, b.off - a.off - 2));
		cmark_node_insert_after(a.node, strong);
		if (lb[b.off + 2])
			cmark_node_insert_after(strong, node_new_text(lb + b.off + 2, strlen(lb + b.off + 2)));
	} else {
		cmark_node *c, *next;

		cmark_node_insert_after(a.node, strong);
		if (la[a.off + 2])
			cmark_node_append_child(strong, node_new_text(la + a.off + 2, strlen(la + a.off + 2)));
		for (c = cmark_node_next(strong); c && c != b.node; c = next) {
			next = cmark_node_next(c);
			cmark_node_unlink(c);
			cmark_node_append_child(strong, c);
		}
		if (b.off)
			cmark_node_append_child(strong, node_new_text(lb, b.off));
		if (lb[b.off + 2]) {
			cmark_node_set_literal(b.node, lb + b.off + 2);
		} else {
			cmark_node_unlink(b.node);
			cmark_node_free(b.node);
		}
	}
	la[a.off] = '\0';
	cmark_node_set_literal(a.node, la);
	if (!*la) {
		cmark_node_unlink(a.node);
		cmark_node_free(a.node);
	}
	g_free(la);
	g_free(lb);
}

/* Pair the first opening "**" with the next closing one; false when no pair is left. */
static bool repair_once(cmark_node *parent)
{
	GArray *d = find_delims(parent);
	bool done = false;

	for (guint i = 0; !done && i < d->len; i++) {
		struct delim *a = &g_array_index(d, struct delim, i);

		if (i + 1 < d->len) {
			/* only the next delimiter may close a */
			struct delim *b = &g_array_index(d, struct delim, i + 1);

			if (holds_text(a, b) && cjk_beside(a, b)) {
				make_strong(*a, *b);
				done = true;
			}
		}
	}
	g_array_free(d, TRUE);
	return done;
}

void emphasis_repair_cjk(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	GPtrArray *parents = g_ptr_array_new();
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit;

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_TEXT)
			continue;
		lit = cmark_node_get_literal(n);
		if (lit && strstr(lit, "**") && (!parents->len || g_ptr_array_index(parents, parents->len - 1)
						  != cmark_node_parent(n)))
			g_ptr_array_add(parents, cmark_node_parent(n));
	}
	cmark_iter_free(it);
	for (guint i = 0; i < parents->len; i++)
		for (int round = 0; round < 1000 && repair_once(g_ptr_array_index(parents, i)); round++)
			;
	g_ptr_array_free(parents, TRUE);
}
