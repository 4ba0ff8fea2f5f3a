/* mdsource.c - the Markdown a tree was parsed from, by line: which characters of a text node were escaped there. */
#include "text/mdsource.h"

#include <string.h>
#include <glib.h>

struct md_source {
	const char *text;
	size_t len;
	GArray *starts;		/* size_t: the offset each line begins at */
};

struct md_source *md_source_new(const char *text, size_t len)
{
	struct md_source *s = g_new0(struct md_source, 1);

	s->text = text;
	s->len = len;
	return s;
}

void md_source_free(struct md_source *s)
{
	if (!s)
		return;
	if (s->starts)
		g_array_free(s->starts, TRUE);
	g_free(s);
}

size_t md_source_length(const struct md_source *s)
{
	return s->len;
}

const char *md_source_line(struct md_source *s, int line, size_t *len)
{
	const char *end = s->text + s->len, *p, *nl;

	if (!s->starts) {
		size_t zero = 0;

		s->starts = g_array_new(FALSE, FALSE, sizeof(size_t));
		g_array_append_val(s->starts, zero);
		for (p = s->text; (nl = memchr(p, '\n', (size_t)(end - p))); p = nl + 1) {
			size_t next = (size_t)(nl + 1 - s->text);

			g_array_append_val(s->starts, next);
		}
	}
	if (line < 1 || (guint)line > s->starts->len)
		return NULL;
	p = s->text + g_array_index(s->starts, size_t, line - 1);
	nl = memchr(p, '\n', (size_t)(end - p));
	*len = (size_t)((nl ? nl : end) - p);
	if (*len && p[*len - 1] == '\r')
		(*len)--;
	return p;
}

/* An entity at p ("&amp;", "&#39;", "&#x4E2D;") up to end: its length, else 0. */
static size_t entity_len(const char *p, const char *end)
{
	const char *q = p + 1;

	if (q < end && *q == '#')
		q++;
	while (q < end && q - p < 34 && g_ascii_isalnum(*q))
		q++;
	return q < end && *q == ';' && q > p + 1 ? (size_t)(q + 1 - p) : 0;
}

unsigned char *md_source_escapes(struct md_source *s, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n), *src, *p, *end;
	int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);
	unsigned char *mask = NULL;
	size_t line_len, j = 0, n_lit;

	if (!lit || line <= 0 || col <= 0 || cmark_node_get_end_line(n) != line
	    || !(src = md_source_line(s, line, &line_len)) || (size_t)col > line_len)
		return NULL;
	p = src + col - 1;
	end = src + line_len;
	n_lit = strlen(lit);
	/* A paragraph's continuation line loses its indent, and cmark's column counts it: the text
	   starts after it ("  a \\-- b" was read from the blank, found no escape, and set an en dash). */
	while (p < end && (*p == ' ' || *p == '\t') && *lit != *p)
		p++;
	/* Nothing escaped where the line has no backslash or entity after the text's start. */
	if (!memchr(p, '\\', (size_t)(end - p)) && !memchr(p, '&', (size_t)(end - p)))
		return NULL;
	while (j < n_lit) {
		size_t e;

		if (p >= end)
			goto misread;
		if (*p == '\\' && p + 1 < end && g_ascii_ispunct(p[1]) && lit[j] == p[1]) {
			if (!mask)
				mask = g_malloc0(n_lit);
			mask[j++] = 1;
			p += 2;
		} else if (*p == '&' && (e = entity_len(p, end)) && strncmp(lit + j, p, e)) {
			/* one character for the entity (the few named ones that give two are misread),
			   written as no Markdown character: "&lt;&lt;" is no "<<" to the typographer */
			size_t k = (size_t)(g_utf8_next_char(lit + j) - (lit + j));

			if (!mask)
				mask = g_malloc0(n_lit);
			memset(mask + j, 1, k);
			j += k;
			p += e;
		} else if (*p == lit[j]) {
			p++;
			j++;
		} else {
			goto misread;
		}
	}
	return mask;
misread:
	g_free(mask);
	return NULL;
}
