/* identity.c - keys that recognise an article again: after an edit, a move, or as a duplicate. */
#include "read/identity.h"
#include "base/date.h"

#include <string.h>
#include <zlib.h>

#include "text/nodetext.h"

char *identity_link_key(const char *url)
{
	const char *rest, *host_end;
	char *trimmed, *host, *path, *key;
	size_t n;

	if (!url)
		return NULL;
	trimmed = g_strstrip(g_strdup(url));
	/* http://, https:// and //host name the same page. */
	if (!g_ascii_strncasecmp(trimmed, "https://", 8))
		rest = trimmed + 8;
	else if (!g_ascii_strncasecmp(trimmed, "http://", 7))
		rest = trimmed + 7;
	else if (g_str_has_prefix(trimmed, "//"))
		rest = trimmed + 2;
	else {
		g_free(trimmed);
		return NULL;
	}
	host_end = rest + strcspn(rest, "/?#");
	if (host_end == rest) {
		g_free(trimmed);
		return NULL;
	}
	host = g_ascii_strdown(rest, host_end - rest);
	path = g_strndup(host_end, strcspn(host_end, "#"));
	n = strlen(path);
	/* "/a/" and "/a" are the same page on every site worth citing; "?q=/" is left alone. */
	if (n && path[n - 1] == '/' && !strchr(path, '?'))
		path[n - 1] = '\0';
	key = g_strconcat("link:", host, path, NULL);
	g_free(host);
	g_free(path);
	g_free(trimmed);
	return key;
}

/* A headline as wire services and re-posters vary it: width, case and runs of spaces aside. */
char *identity_fold_title(const char *title)
{
	char *norm = g_utf8_normalize(title, -1, G_NORMALIZE_NFKC);
	char *folded = g_utf8_casefold(norm ? norm : title, -1);
	GString *out = g_string_new(NULL);
	bool space = false;

	for (const char *p = folded; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_isspace(c)) {
			space = out->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(out, ' ');
		space = false;
		g_string_append_unichar(out, c);
	}
	g_free(folded);
	g_free(norm);
	return g_string_free(out, FALSE);
}

char *identity_title_key(const char *title, gint64 utc, GTimeZone *tz)
{
	GDateTime *u = g_date_time_new_from_unix_utc(utc);
	GDateTime *l = date_to_zone(u, tz);
	char *day = g_date_time_format(l, "%Y-%m-%d");
	char *folded = identity_fold_title(title);
	char *key = g_strdup_printf("title:%s:%s", day, folded);

	g_free(folded);
	g_free(day);
	g_date_time_unref(l);
	g_date_time_unref(u);
	return key;
}

static bool is_space_char(const char *s)
{
	unsigned char b = (unsigned char)*s;

	if (b < 0x80)	/* what g_unichar_isspace says of ASCII, without its tables */
		return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f';
	if (b >= 0xE4)	/* U+4000 and up (the ideographs): no spaces there */
		return false;
	return g_unichar_isspace(g_utf8_get_char(s));
}

/*
 * CRC-32 and Adler-32 of the text and its length: a 64-bit fingerprint, compared only between
 * articles with the same title on the same day, at a fraction of a cryptographic hash's cost.
 */
struct text_sum {
	uLong crc, adler;
	guint64 len;
};

static void sum_update(struct text_sum *sum, const char *s, size_t n)
{
	sum->crc = crc32_z(sum->crc, (const Bytef *)s, n);
	sum->adler = adler32_z(sum->adler, (const Bytef *)s, n);
	sum->len += n;
}

/* Add s without its white space: one update per run of other characters. */
static void checksum_unspaced(struct text_sum *sum, const char *s)
{
	const char *run = s;

	for (; s && *s; s = g_utf8_next_char(s)) {
		if (!is_space_char(s))
			continue;
		if (s > run)
			sum_update(sum, run, (size_t)(s - run));
		run = g_utf8_next_char(s);
	}
	if (s && s > run)
		sum_update(sum, run, (size_t)(s - run));
}

static void body_text(cmark_node *n, struct text_sum *sum)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);

		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_CODE_BLOCK) {
			checksum_unspaced(sum, cmark_node_get_literal(c));
		} else {
			body_text(c, sum);
		}
	}
}

static bool is_blank(const char *s)
{
	return !s || !s[strspn(s, " \t\n")];
}

/* The link p holds and nothing else (blanks aside), or NULL; not a link around a picture. */
static cmark_node *link_alone(cmark_node *p)
{
	cmark_node *found = NULL;

	if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return NULL;
	for (cmark_node *c = cmark_node_first_child(p); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);

		if (t == CMARK_NODE_LINK && !found)
			found = c;
		else if (!(t == CMARK_NODE_TEXT && is_blank(cmark_node_get_literal(c))) && t != CMARK_NODE_SOFTBREAK)
			return NULL;
	}
	for (cmark_node *c = found ? cmark_node_first_child(found) : NULL; c; c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_IMAGE)
			return NULL;
	return found;
}

/* Does the link read as its own address ("https://x.org/a", an autolink), not a name? */
static bool names_itself(cmark_node *link)
{
	char *text = node_plain_text(link);
	const char *url = cmark_node_get_url(link), *t = text, *scheme = strstr(text, "://");
	bool same;

	if (scheme && scheme - text < 8)
		t = scheme + 3;	/* the text's scheme aside: "https://a.org" names http://a.org too */
	/* "www.x.org", "x.org/a" in the address: an address; "dotdotnews" in dotdotnews.com's, a name */
	same = strpbrk(t, "./") && !strpbrk(t, " \t") && url && strstr(url, t) != NULL;
	g_free(text);
	return same;
}

/*
 * Does paragraph p lead into the link after it ("下载地址如下：", "参考：", "See:"): it ends in a
 * colon and does not say a source follows ("原文链接：", "Source:", "转载自：")?
 */
static bool leads_into_link(cmark_node *p)
{
	static const char *const source_words[] = { "原文", "来源", "來源", "出处", "出處", "转载", "轉載", "转自",
						    "轉自", "source", "original", "via:", "from:" };
	char *text, *folded;
	size_t n;
	bool colon, source = false;

	if (cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return false;
	text = g_strchomp(node_plain_text(p));
	n = strlen(text);
	colon = (n >= 1 && text[n - 1] == ':') || g_str_has_suffix(text, "：");
	folded = g_utf8_casefold(text, -1);
	for (size_t i = 0; colon && i < G_N_ELEMENTS(source_words); i++)
		source = source || strstr(folded, source_words[i]) != NULL;
	g_free(folded);
	g_free(text);
	return colon && !source;
}

cmark_node *identity_source_paragraph(cmark_node *doc, cmark_node **link)
{
	cmark_node *last = cmark_node_last_child(doc), *found, *before;

	/* cmark-gfm moves footnote definitions to the end; the source link is before them */
	while (last && cmark_node_get_type(last) == CMARK_NODE_FOOTNOTE_DEFINITION)
		last = cmark_node_previous(last);
	if (!(found = link_alone(last)))
		return NULL;
	/*
	 * A link that is what a heading above holds ("## Stargazers" then the chart), or the last
	 * of a list of addresses, one a paragraph ("转换网站" then two), is the text's own; a named
	 * link after a list of them ("相關閱讀" then three, then "[dotdotnews](…)") is the source.
	 */
	before = cmark_node_previous(last);
	if (before && (cmark_node_get_type(before) == CMARK_NODE_HEADING || (link_alone(before) && names_itself(found))))
		return NULL;
	/* A link the text leads into ("下载地址如下：" then the address) is the text's own, as in Hugo. */
	if (before && leads_into_link(before))
		return NULL;
	if (link)
		*link = found;
	return last;
}

char *identity_text_fingerprint(const struct article *a)
{
	struct text_sum sum = { crc32(0L, Z_NULL, 0), adler32(0L, Z_NULL, 0), 0 };

	cmark_node *source = identity_source_paragraph(a->doc, NULL);

	for (cmark_node *c = cmark_node_first_child(a->doc); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_DEFINITION || c == source)
			continue;
		body_text(c, &sum);
	}
	return g_strdup_printf("%08lx%08lx-%" G_GUINT64_FORMAT, sum.crc, sum.adler, sum.len);
}

GPtrArray *identity_keys(const struct article *a, GTimeZone *tz, unsigned with)
{
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	char *link = identity_link_key(a->source_url);

	if (link)
		g_ptr_array_add(keys, link);
	if (a->fm.date.valid && a->title && *a->title) {
		char *title = identity_title_key(a->title, a->fm.date.utc, tz);

		if (with & IDENTITY_TEXT) {
			char *k = g_strconcat(title, "\n", a->text_fingerprint, NULL);

			g_free(title);
			title = k;
		}
		g_ptr_array_add(keys, title);
	}
	if (with & IDENTITY_PATH)
		g_ptr_array_add(keys, g_strconcat("path:", a->real, NULL));
	return keys;
}
