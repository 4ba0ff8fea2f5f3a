/* alerts.c - GitHub's and Obsidian's alerts ("> [!NOTE]") set as a theme's note: the marker becomes its title in bold. */
#include "text/alerts.h"

#include <string.h>
#include <glib.h>

#include "text/l10n.h"

/* An alert's marker at p (to end): its length, type [t0, t1), sign and title [s0, s1) (trimmed), or 0. */
static size_t marker(const char *p, const char *end, const char **t0, const char **t1, const char **s0, const char **s1)
{
	const char *q = p;

	if (end - q < 4 || q[0] != '[' || q[1] != '!')
		return 0;
	q += 2;
	*t0 = q;
	while (q < end && g_ascii_isalpha(*q) && q - *t0 < 32)
		q++;
	*t1 = q;
	if (*t1 == *t0 || q >= end || *q != ']')
		return 0;
	q++;
	if (q < end && (*q == '+' || *q == '-'))
		q++;
	if (q < end && *q != ' ' && *q != '\t' && *q != '\n' && *q != '\r')
		return 0;	/* "[!NOTE]x": no marker */
	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	*s0 = q;
	while (q < end && *q != '\n' && *q != '\r')
		q++;
	*s1 = q;
	while (*s1 > *s0 && ((*s1)[-1] == ' ' || (*s1)[-1] == '\t'))
		(*s1)--;
	return (size_t)(q - p);
}

/* Where line (1-based) begins in text, or NULL. */
static const char *line_start(const char *text, const char *end, int line)
{
	const char *p = text;

	for (int l = 1; l < line && p; l++) {
		p = memchr(p, '\n', (size_t)(end - p));
		p = p ? p + 1 : NULL;
	}
	return p;
}

char *alerts_rewrite(const char *text, size_t len, const char *lang, cmark_node *(*parse)(const char *text, size_t len),
		     size_t *out_len)
{
	const char *end = text + len;
	GArray *at;		/* size_t pairs: where a marker starts and how long it is, in text order */
	GPtrArray *labels;	/* each one's replacement */
	cmark_node *doc;
	cmark_iter *it;
	GString *out;
	size_t copied = 0;

	if (!memmem(text, len, "[!", 2))
		return NULL;
	doc = parse(text, len);
	at = g_array_new(FALSE, FALSE, sizeof(size_t));
	labels = g_ptr_array_new_with_free_func(g_free);
	it = cmark_iter_new(doc);
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *q = cmark_iter_get_node(it), *para = cmark_node_first_child(q);
		const char *line, *p, *t0, *t1, *s0, *s1;
		size_t n, start;
		char *type, *label;

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(q) != CMARK_NODE_BLOCK_QUOTE || !para
		    || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
			continue;
		if (cmark_node_get_start_line(para) > 0) {
			line = line_start(text, end, cmark_node_get_start_line(para));
			if (!line || cmark_node_get_start_column(para) < 1 || cmark_node_get_start_column(para) - 1 > end - line)
				continue;
			p = line + cmark_node_get_start_column(para) - 1;
		} else {
			/* A paragraph a table was cut from has no place of its own: the quote's first line. */
			line = line_start(text, end, cmark_node_get_start_line(q));
			if (!line || cmark_node_get_start_column(q) < 1 || cmark_node_get_start_column(q) - 1 > end - line)
				continue;
			p = line + cmark_node_get_start_column(q) - 1;
			if (p < end && *p == '>')
				p++;
			if (p < end && (*p == ' ' || *p == '\t'))
				p++;
		}
		if (!(n = marker(p, end, &t0, &t1, &s0, &s1)))
			continue;
		start = (size_t)(p - text);
		if (at->len && start < g_array_index(at, size_t, at->len - 2) + g_array_index(at, size_t, at->len - 1))
			continue;	/* a quote inside one already taken on the same line */
		type = g_ascii_strdown(t0, t1 - t0);
		if (s1 > s0)
			label = g_strndup(s0, (gsize)(s1 - s0));
		else if (l10n_alert(lang, type))
			label = g_strdup(l10n_alert(lang, type));
		else
			label = g_strdup_printf("%c%s", g_ascii_toupper(type[0]), type + 1);
		/* The paragraph goes on below: the title stays a line of its own. */
		g_ptr_array_add(labels, g_strdup_printf("**%s**%s", label,
							cmark_node_get_end_line(para) > cmark_node_get_start_line(para) ? "\\" : ""));
		g_array_append_val(at, start);
		g_array_append_val(at, n);
		g_free(label);
		g_free(type);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	if (!labels->len) {
		g_array_free(at, TRUE);
		g_ptr_array_free(labels, TRUE);
		return NULL;
	}
	out = g_string_sized_new(len + 64);
	for (guint i = 0; i < labels->len; i++) {
		size_t start = g_array_index(at, size_t, 2 * i), n = g_array_index(at, size_t, 2 * i + 1);

		g_string_append_len(out, text + copied, (gssize)(start - copied));
		g_string_append(out, g_ptr_array_index(labels, i));
		copied = start + n;
	}
	g_string_append_len(out, text + copied, (gssize)(len - copied));
	g_array_free(at, TRUE);
	g_ptr_array_free(labels, TRUE);
	*out_len = out->len;
	return g_string_free(out, FALSE);
}
