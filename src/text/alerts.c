/* alerts.c - GitHub's and Obsidian's alerts ("> [!NOTE]") set as a theme's note: the marker becomes its title in bold. */
#include "text/alerts.h"

#include <string.h>
#include <glib.h>

#include "text/l10n.h"

/*
 * An alert's marker at p (to end): its length, type [t0, t1), sign (+ or - folds it; FixIt's ~: no
 * title, its content alone) and title [s0, s1) (trimmed), or 0.
 */
static size_t marker(const char *p, const char *end, const char **t0, const char **t1, char *sign, const char **s0,
		     const char **s1)
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
	*sign = 0;
	if (q < end && (*q == '+' || *q == '-' || *q == '~'))
		*sign = *q++;
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

/* The text's lines, found moving forward: the quotes come in text order. */
struct lines {
	const char *text, *end;
	const char *at;		/* where line begins, or NULL past the end */
	int line;
};

/* Where node n's text begins (its line and column), or NULL. */
static const char *node_at(struct lines *L, cmark_node *n)
{
	int line = cmark_node_get_start_line(n), col = cmark_node_get_start_column(n);

	if (line < 1 || col < 1)
		return NULL;
	if (line < L->line) {
		L->at = L->text;
		L->line = 1;
	}
	for (; L->at && L->line < line; L->line++) {
		const char *nl = memchr(L->at, '\n', (size_t)(L->end - L->at));

		L->at = nl ? nl + 1 : NULL;
	}
	return L->at && col - 1 <= L->end - L->at ? L->at + col - 1 : NULL;
}

char *alerts_rewrite(const char *text, size_t len, const char *lang, cmark_node *(*parse)(const char *text, size_t len),
		     size_t *out_len)
{
	struct lines L = { text, text + len, text, 1 };
	GString *out = NULL;
	size_t copied = 0;
	cmark_node *doc;
	cmark_iter *it;

	if (!memmem(text, len, "[!", 2))
		return NULL;
	doc = parse(text, len);
	it = cmark_iter_new(doc);
	for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
		cmark_node *q = cmark_iter_get_node(it), *para = cmark_node_first_child(q), *from;
		const char *p, *t0, *t1, *s0, *s1;
		size_t n;
		char *type, sign;

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(q) != CMARK_NODE_BLOCK_QUOTE || !para
		    || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
			continue;
		/* A paragraph a table was cut from has no place of its own: the quote's first line. */
		from = cmark_node_get_start_line(para) > 0 ? para : q;
		if (!(p = node_at(&L, from)))
			continue;
		if (from == q && p < L.end && *p == '>')
			p++;
		if (from == q && p < L.end && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(p - text) < copied || !(n = marker(p, L.end, &t0, &t1, &sign, &s0, &s1)))
			continue;
		if (!out)
			out = g_string_sized_new(len + 64);
		g_string_append_len(out, text + copied, (gssize)((size_t)(p - text) - copied));
		copied = (size_t)(p - text) + n;
		if (sign == '~') {
			/* No title: the marker goes (words written after it stay, as text). */
			g_string_append_len(out, s0, (gssize)(s1 - s0));
			continue;
		}
		type = g_ascii_strdown(t0, t1 - t0);
		g_string_append(out, "**");
		if (s1 > s0)
			g_string_append_len(out, s0, (gssize)(s1 - s0));
		else if (l10n_alert(lang, type))
			g_string_append(out, l10n_alert(lang, type));
		else
			g_string_append_printf(out, "%c%s", g_ascii_toupper(type[0]), type + 1);
		g_string_append(out, "**");
		/* The paragraph goes on below: the title stays a line of its own. */
		if (cmark_node_get_end_line(para) > cmark_node_get_start_line(para))
			g_string_append_c(out, '\\');
		g_free(type);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	if (!out)
		return NULL;
	g_string_append_len(out, text + copied, (gssize)(len - copied));
	*out_len = out->len;
	return g_string_free(out, FALSE);
}
