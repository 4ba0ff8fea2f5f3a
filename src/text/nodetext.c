/* nodetext.c - plain text and file lines of Markdown nodes, the one way every stage reads them. */
#include "text/nodetext.h"

#include <string.h>
#include <glib.h>

static void plain_text(cmark_node *node, GString *out)
{
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			g_string_append(out, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			g_string_append_c(out, ' ');
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE:
		case CMARK_NODE_HTML_INLINE:
			break;
		default:
			plain_text(c, out);
			break;
		}
	}
}

char *node_plain_text(cmark_node *node)
{
	GString *out = g_string_new(NULL);

	plain_text(node, out);
	return g_strstrip(g_string_free(out, FALSE));
}

int lines_source(const GArray *shifts, int out)
{
	const struct line_shift *last = NULL;

	for (guint i = 0; shifts && i < shifts->len; i++) {
		const struct line_shift *s = &g_array_index(shifts, struct line_shift, i);

		if (s->out > out)
			break;
		last = s;
	}
	if (!last)
		return out;
	if (out <= last->out + last->extra)
		return last->src;	/* in what the expansion added: its shortcode's line */
	return out - last->shift;
}

int lines_output(const GArray *shifts, int src)
{
	int shift = 0;

	for (guint i = 0; shifts && i < shifts->len; i++) {
		const struct line_shift *s = &g_array_index(shifts, struct line_shift, i);

		if (s->src >= src)
			break;
		shift = s->shift;
	}
	return src + shift;
}

int node_file_line(cmark_node *n, int body_line, const GArray *shifts)
{
	int line = cmark_node_get_start_line(n);

	while (line <= 0 && cmark_node_parent(n)) {
		n = cmark_node_parent(n);
		line = cmark_node_get_start_line(n);
	}
	return body_line + (line > 0 ? lines_source(shifts, line) - 1 : 0);
}

cmark_node *node_new_text(const char *s, size_t len)
{
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
	char *copy = g_strndup(s, len);

	cmark_node_set_literal(t, copy);
	g_free(copy);
	return t;
}

bool node_is_blank(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	const char *s;

	if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
		return true;
	if (t != CMARK_NODE_TEXT)
		return false;
	s = cmark_node_get_literal(n);
	return !s || !s[strspn(s, " \t\n")];
}

cmark_node *node_linked_image(cmark_node *n)
{
	cmark_node *img = NULL;

	if (cmark_node_get_type(n) != CMARK_NODE_LINK)
		return NULL;
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_IMAGE && !img)
			img = c;
		else if (!node_is_blank(c))
			return NULL;
	}
	return img;
}

bool node_pictures_only(cmark_node *para)
{
	bool img = false;

	for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_IMAGE || node_linked_image(c))
			img = true;
		else if (!node_is_blank(c))
			return false;
	}
	return img;
}

cmark_node *node_block_of(cmark_node *n)
{
	while (n && (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE)
		n = cmark_node_parent(n);
	return n;
}

cmark_node *node_link_around(cmark_node *n)
{
	for (n = cmark_node_parent(n); n && (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
	     n = cmark_node_parent(n))
		if (cmark_node_get_type(n) == CMARK_NODE_LINK)
			return n;
	return NULL;
}
