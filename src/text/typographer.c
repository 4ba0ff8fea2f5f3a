/* typographer.c - straight quotes, -- --- ... << >> set as typeset characters, as Hugo's Goldmark Typographer sets them. */
#include "text/typographer.h"

#include <stdbool.h>
#include <string.h>
#include <glib.h>

/* Go's unicode.IsPunct: the P categories only (GLib's ispunct takes symbols too). */
static bool is_punct(gunichar c)
{
	switch (g_unichar_type(c)) {
	case G_UNICODE_CONNECT_PUNCTUATION:
	case G_UNICODE_DASH_PUNCTUATION:
	case G_UNICODE_CLOSE_PUNCTUATION:
	case G_UNICODE_FINAL_PUNCTUATION:
	case G_UNICODE_INITIAL_PUNCTUATION:
	case G_UNICODE_OTHER_PUNCTUATION:
	case G_UNICODE_OPEN_PUNCTUATION:
		return true;
	default:
		return false;
	}
}

/*
 * Goldmark's util.IsPunctRune, which its delimiters' flanking uses: every ASCII mark ('=', '>',
 * '$' too), else unicode.IsPunct ("x='暂时'" opens its quote after '=', as Hugo sets it).
 */
static bool is_punct_rune(gunichar c)
{
	return c < 128 ? g_ascii_ispunct((gchar)c) : is_punct(c);
}

static bool is_space(gunichar c)
{
	return g_unichar_isspace(c) || c == 0x85 || c == 0xA0;
}

static bool is_inline(cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		return true;
	default:
		/* strikethrough, the one inline container of the extensions folio uses */
		return cmark_node_get_type_string(n) && !strcmp(cmark_node_get_type_string(n), "strikethrough");
	}
}

/* The Markdown character the source has just outside text node n (before it, or after it). */
static gunichar outside(cmark_node *n, bool before)
{
	cmark_node *s = before ? cmark_node_previous(n) : cmark_node_next(n), *p = cmark_node_parent(n);
	const char *lit;

	if (!s) {
		if (!p || !is_inline(p))
			return before ? '\n' : ' ';	/* a line's head or end, as Goldmark takes them */
		switch (cmark_node_get_type(p)) {
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			return '*';
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			return before ? '[' : ']';
		default:
			return '~';
		}
	}
	switch (cmark_node_get_type(s)) {
	case CMARK_NODE_TEXT:
		lit = cmark_node_get_literal(s);
		if (!lit || !*lit)
			return ' ';
		return before ? g_utf8_get_char(g_utf8_prev_char(lit + strlen(lit))) : g_utf8_get_char(lit);
	case CMARK_NODE_CODE:
		return '`';
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		return '*';
	case CMARK_NODE_LINK:
		return before ? ')' : '[';
	case CMARK_NODE_IMAGE:
		return before ? ')' : '!';
	case CMARK_NODE_HTML_INLINE:
		return before ? '>' : '<';
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		return before ? '\n' : ' ';
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		return before ? ']' : '[';
	default:
		return '~';
	}
}

/* A bare address linked whole (text/linkify.c): Goldmark's linkify takes it before the typographer. */
static bool in_bare_address(cmark_node *n)
{
	cmark_node *p = cmark_node_parent(n);
	const char *url, *lit = cmark_node_get_literal(n);

	if (!p || cmark_node_get_type(p) != CMARK_NODE_LINK || !lit)
		return false;
	url = cmark_node_get_url(p);
	if (!url)
		return false;
	if (g_str_has_prefix(url, "mailto:"))
		url += strlen("mailto:");
	else if (g_str_has_prefix(url, "https://") && !g_str_has_prefix(lit, "https://"))
		url += strlen("https://");
	return !strcmp(url, lit);
}

/* Unclosed quotes of the block being set (Goldmark's counter, reset at each block). */
struct quotes {
	cmark_node *block;
	int single, dbl;
};

/* The character at byte k of t (len bytes), else just outside it (beyond), else a space. */
static gunichar at(const char *t, size_t len, size_t k, gunichar beyond)
{
	if (k < len)
		return g_utf8_get_char(t + k);
	return k == len ? beyond : ' ';
}

/* What the quote at t[i] becomes (a typeset character's UTF-8), or NULL: as typed. */
static const char *quote(const char *t, size_t len, size_t i, gunichar before, gunichar beyond, struct quotes *q)
{
	const char *line = t + i;
	size_t left = len - i, j = i;
	char c = t[i];
	gunichar after;
	bool open, close, left_flank, right_flank;

	while (j < len && t[j] == c)
		j++;
	after = at(t, len, j, beyond);
	left_flank = !is_space(after) && (!is_punct_rune(after) || is_space(before) || is_punct_rune(before));
	right_flank = !is_space(before) && (!is_punct_rune(before) || is_space(after) || is_punct_rune(after));
	open = left_flank;
	close = right_flank;
	if (c == '\'') {
		/* '90s */
		if (open && !close && left > 3 && g_ascii_isdigit(line[1]) && g_ascii_isdigit(line[2]) && line[3] == 's') {
			gunichar a4 = at(t, len, i + 4, beyond);

			if (is_space(a4) || is_punct_rune(a4))
				return "\u2019";
		}
		/* 'twas, 'em, 'net, 'll */
		if (left > 1 && (is_punct(before) || is_space(before)) && strchr("tenl", line[1]))
			return "\u2019";
		/* an apostrophe between letters or digits and a letter: it's, 1's */
		if (left > 1 && (g_unichar_isdigit(before) || g_unichar_isalpha(before))
		    && g_unichar_isalpha(g_utf8_get_char(line + 1)))
			return "\u2019";
		if (open && !close) {
			bool right = (left > 1 && strchr("smtd", line[1])
				      && (left < 3 || g_ascii_ispunct(line[2]) || g_ascii_isspace(line[2])))
				     || (left > 2 && ((line[1] == 'v' && line[2] == 'e') || (line[1] == 'l' && line[2] == 'l')
						      || (line[1] == 'r' && line[2] == 'e'))
					 && (left < 4 || g_ascii_ispunct(line[3]) || g_ascii_isspace(line[3])));

			if (!right)
				q->single++;
			return right ? "\u2019" : "\u2018";
		}
		/* Smiths', doin' (Goldmark's test: a quote with two more bytes on its line, no digit next) */
		if (left > 2 && !g_unichar_isdigit(g_utf8_get_char(line + 1)))
			return "\u2019";
		if (q->single > 0) {
			bool maybe = close && open && left > 1 && is_punct(g_utf8_get_char(line + 1))
				     && (left == 2 || (left > 2 && g_ascii_ispunct(line[2])) || (left > 2 && g_ascii_isspace(line[2])));

			if ((close && !open) || maybe) {
				q->single--;
				return "\u2019";
			}
		}
		return NULL;
	}
	if (open && !close) {
		q->dbl++;
		return "\u201C";
	}
	if (q->dbl > 0) {
		bool maybe = close && open && left > 1 && is_punct(g_utf8_get_char(line + 1))
			     && (left == 2 || (left > 2 && g_ascii_ispunct(line[2])) || (left > 2 && g_ascii_isspace(line[2])));

		if ((close && !open) || maybe) {
			/* Monitor 21"" */
			if (left > 1 && line[1] == '"' && g_unichar_isdigit(before))
				return NULL;
			q->dbl--;
			return "\u201D";
		}
	}
	return NULL;
}

/* Are bytes [i, i + n) of a text free of characters written escaped (mask, or NULL: none)? */
static bool plain(const unsigned char *escaped, size_t i, size_t n)
{
	return !escaped || !memchr(escaped + i, 1, n);
}

static void set_text(cmark_node *n, struct quotes *q, struct md_source *src)
{
	const char *t = cmark_node_get_literal(n);
	unsigned char *escaped = src ? md_source_escapes(src, n) : NULL;
	size_t len;
	gunichar before, beyond;
	GString *out;
	bool changed = false;

	len = strlen(t);
	before = outside(n, true);
	beyond = outside(n, false);
	out = g_string_sized_new(len);

	for (size_t i = 0; i < len;) {
		const char *put = NULL;
		size_t take = 1;
		char c = t[i];

		if (c == '-' && len - i > 2 && t[i + 1] == '-' && t[i + 2] == '-' && plain(escaped, i, 3))
			put = "\u2014", take = 3;
		else if (c == '.' && len - i > 2 && t[i + 1] == '.' && t[i + 2] == '.' && plain(escaped, i, 3))
			put = "\u2026", take = 3;
		else if (c == '<' && len - i > 1 && t[i + 1] == '<' && plain(escaped, i, 2))
			put = "\u00AB", take = 2;
		else if (c == '>' && len - i > 1 && t[i + 1] == '>' && plain(escaped, i, 2))
			put = "\u00BB", take = 2;
		else if (c == '-' && len - i > 1 && t[i + 1] == '-' && plain(escaped, i, 2))
			put = "\u2013", take = 2;
		else if ((c == '\'' || c == '"') && plain(escaped, i, 1))
			put = quote(t, len, i, before, beyond, q);
		if (put) {
			g_string_append(out, put);
			changed = true;
		} else {
			take = (size_t)(g_utf8_next_char(t + i) - (t + i));
			g_string_append_len(out, t + i, (gssize)take);
		}
		before = g_utf8_get_char(g_utf8_prev_char(t + i + take));
		i += take;
	}
	if (changed)
		cmark_node_set_literal(n, out->str);
	g_string_free(out, TRUE);
	g_free(escaped);
}

/*
 * "<<extend>>": cmark reads "<extend>" as an inline HTML tag after a text "<"; Goldmark's
 * Typographer takes "<<" first (Hugo: «extend»). Such a tag after a text ending in a "<" written
 * as it is goes back to text, joined to the texts around it, for set_text to set.
 */
static void tags_after_angle(cmark_node *doc, struct md_source *src)
{
	GPtrArray *tags = g_ptr_array_new();
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE)
			g_ptr_array_add(tags, n);
	}
	cmark_iter_free(it);
	for (guint i = 0; i < tags->len; i++) {
		cmark_node *tag = g_ptr_array_index(tags, i), *prev = cmark_node_previous(tag), *next;
		const char *lit = prev && cmark_node_get_type(prev) == CMARK_NODE_TEXT ? cmark_node_get_literal(prev) : NULL;
		size_t len = lit ? strlen(lit) : 0;
		unsigned char *escaped;
		GString *joined;

		if (!len || lit[len - 1] != '<' || cmark_node_get_literal(tag)[0] != '<')
			continue;
		escaped = src ? md_source_escapes(src, prev) : NULL;
		if (escaped && escaped[len - 1]) {
			g_free(escaped);
			continue;
		}
		g_free(escaped);
		joined = g_string_new(lit);
		g_string_append(joined, cmark_node_get_literal(tag));
		next = cmark_node_next(tag);
		if (next && cmark_node_get_type(next) == CMARK_NODE_TEXT) {
			g_string_append(joined, cmark_node_get_literal(next));
			cmark_node_free(next);
		}
		cmark_node_free(tag);
		cmark_node_set_literal(prev, joined->str);
		g_string_free(joined, TRUE);
	}
	g_ptr_array_free(tags, TRUE);
}

void typographer_tree(cmark_node *doc, struct md_source *src)
{
	cmark_iter *it;
	cmark_event_type ev;
	struct quotes q = { 0 };

	tags_after_angle(doc, src);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it), *block;

		const char *lit;

		/* Most text (all Chinese text) has nothing to set: looked at no further. */
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_TEXT
		    || !(lit = cmark_node_get_literal(n)) || !strpbrk(lit, "-.<>'\"") || in_bare_address(n))
			continue;
		for (block = cmark_node_parent(n); block && is_inline(block); block = cmark_node_parent(block))
			;
		if (block != q.block)
			q = (struct quotes){ .block = block };
		set_text(n, &q, src);
	}
	cmark_iter_free(it);
}
