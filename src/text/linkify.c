/* linkify.c - bare web and e-mail addresses in an article's text made links, as Hugo's Goldmark Linkify makes them. */
#include "text/linkify.h"

#include <stdbool.h>
#include <string.h>
#include <glib.h>

#include "text/nodetext.h"

/* Goldmark 1.5's expressions (extension/linkify.go, util.go), the same in PCRE. */
#define URL_PATH "[-a-zA-Z0-9@:%_+.~#$!?&/=\\(\\);,'\">\\^{}\\[\\]`]*"
static const char url_pattern[] =
	"^(?:http|https|ftp)://[-a-zA-Z0-9@:%._\\+~#=]{1,256}\\.[a-z]+(?::\\d+)?(?:[/#?]" URL_PATH ")?";
static const char www_pattern[] =
	"^www\\.[-a-zA-Z0-9@:%._\\+~#=]{1,256}\\.[a-z]+(?:[/#?][-a-zA-Z0-9@:%_\\+.~#!?&/=\\(\\);,'\">\\^{}\\[\\]`]*)?";
static const char domain_pattern[] =
	"^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*";

static GRegex *url_re, *www_re, *domain_re;

static void compile(void)
{
	static gsize done;

	if (g_once_init_enter(&done)) {
		GRegexCompileFlags f = G_REGEX_RAW | G_REGEX_OPTIMIZE;

		url_re = g_regex_new(url_pattern, f, 0, NULL);
		www_re = g_regex_new(www_pattern, f, 0, NULL);
		domain_re = g_regex_new(domain_pattern, f, 0, NULL);
		g_assert(url_re && www_re && domain_re);
		g_once_init_leave(&done, 1);
	}
}

/* The length re matches at the start of text, 0 for none. */
static size_t match_len(const GRegex *re, const char *text, size_t len)
{
	GMatchInfo *mi = NULL;
	int start = 0, end = 0;

	if (len > G_MAXSSIZE)
		return 0;
	if (g_regex_match_full(re, text, (gssize)len, 0, 0, &mi, NULL))
		g_match_info_fetch_pos(mi, 0, &start, &end);
	g_match_info_free(mi);
	return start == 0 && end > 0 ? (size_t)end : 0;
}

static bool starts(const char *text, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && !memcmp(text, prefix, n);
}

/* Goldmark's letters of an address's local part (util.go's emailTable). */
static bool email_char(unsigned char c)
{
	return g_ascii_isalnum(c) || (c && strchr("!#$%&'*+-./=?^_`{|}~", c));
}

/* util.FindEmailIndex and the checks around it: the length of "local@domain.tld", or 0. */
static size_t email_len(const char *text, size_t len)
{
	size_t i = 0, stop, dom;

	while (i < len && email_char((unsigned char)text[i]))
		i++;
	if (i == 0 || i >= len || text[i] != '@' || i + 1 >= len)
		return 0;
	dom = match_len(domain_re, text + i + 1, len - i - 1);
	if (!dom)
		return 0;
	stop = i + 1 + dom;
	/* a dot in the domain (its last character not counted) */
	if (!memchr(text + i, '.', stop - 1 - i))
		return 0;
	if (text[stop - 1] == '.')
		stop--;
	if (stop < len && (text[stop] == '-' || text[stop] == '_'))
		return 0;
	return stop;
}

/* Goldmark's cut of an address ending in ')': as many characters as ')' outnumber '('. */
static size_t balance_parens(const char *text, size_t end)
{
	long closing = 0;

	for (size_t i = 0; i < end; i++)
		closing += text[i] == ')' ? 1 : text[i] == '(' ? -1 : 0;
	return closing > 0 && (size_t)closing < end ? end - (size_t)closing : end;
}

size_t linkify_match(const char *text, size_t len, enum linkify_kind *kind)
{
	size_t end = 0;

	compile();
	*kind = LINKIFY_NONE;
	if (starts(text, len, "http:") || starts(text, len, "https:") || starts(text, len, "ftp:")) {
		end = match_len(url_re, text, len);
		*kind = LINKIFY_URL;
	}
	if (!end && starts(text, len, "www.")) {
		end = match_len(www_re, text, len);
		*kind = LINKIFY_WWW;
	}
	if (end) {
		char last = text[end - 1];

		if (last == '.') {
			end--;
		} else if (last == ')') {
			end = balance_parens(text, end);
		} else if (last == ';') {
			/* "&amp;" at the end is the text's, not the address's */
			size_t i = end - 1;

			while (i > 0 && g_ascii_isalnum(text[i - 1]))
				i--;
			if (i < end - 1 && i > 0 && text[i - 1] == '&')
				end = i - 1;
		}
	} else {
		if (len && g_ascii_ispunct(text[0]))
			return 0;
		end = email_len(text, len);
		*kind = end ? LINKIFY_EMAIL : LINKIFY_NONE;
		if (!end)
			return 0;
	}
	while (end > 1 && strchr("?!.,:*_~", text[end - 1]))
		end--;
	/* Goldmark keeps the ')' of "(https://a.b/c)." once the '.' is gone: its '(' is outside. */
	if (text[end - 1] == ')')
		end = balance_parens(text, end);
	return end;
}

/* Goldmark tries an address at a line's head, after another inline, and after these. */
static bool may_start_after(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == '*' || c == '_'
	       || c == '~' || c == '(';
}

static bool inside_link(cmark_node *n)
{
	for (cmark_node *p = cmark_node_parent(n); p; p = cmark_node_parent(p))
		if (cmark_node_get_type(p) == CMARK_NODE_LINK || cmark_node_get_type(p) == CMARK_NODE_IMAGE)
			return true;
	return false;
}

/* Split the text node n around each address in it. */
static void linkify_text(cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	char *text;
	size_t len, from = 0;
	bool changed = false;

	/* Every address has a dot (most text, all Chinese text, has none beside an ASCII letter): no copy. */
	if (!lit || !strchr(lit, '.'))
		return;
	text = g_strdup(lit);
	len = strlen(text);
	for (size_t i = 0; i < len; i++) {
		enum linkify_kind kind;
		size_t m;
		cmark_node *link;
		char *url;

		if (i > 0 && !may_start_after(text[i - 1]))
			continue;
		if (!(m = linkify_match(text + i, len - i, &kind)))
			continue;
		if (i > from)
			cmark_node_insert_before(n, node_new_text(text + from, i - from));
		url = g_strdup_printf("%s%.*s", kind == LINKIFY_WWW ? "https://" : kind == LINKIFY_EMAIL ? "mailto:" : "",
				      (int)m, text + i);
		link = cmark_node_new(CMARK_NODE_LINK);
		cmark_node_set_url(link, url);
		cmark_node_append_child(link, node_new_text(text + i, m));
		cmark_node_insert_before(n, link);
		g_free(url);
		from = i + m;
		i = from - 1;
		changed = true;
	}
	if (changed) {
		if (from < len) {
			cmark_node_set_literal(n, text + from);
		} else {
			cmark_node_unlink(n);
			cmark_node_free(n);
		}
	}
	g_free(text);
}

void linkify_tree(cmark_node *doc)
{
	GPtrArray *texts = g_ptr_array_new();
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_TEXT && !inside_link(n))
			g_ptr_array_add(texts, n);
	}
	cmark_iter_free(it);
	for (guint i = 0; i < texts->len; i++)
		linkify_text(g_ptr_array_index(texts, i));
	g_ptr_array_free(texts, TRUE);
}
