/* markdown.c - parses an article body with folio's extensions so that raw HTML never swallows text, and again the same. */
#include "read/markdown.h"

#include <string.h>
#include <cmark-gfm-core-extensions.h>

#include "base/diag.h"
#include "read/passthrough.h"
#include "text/deflist.h"
#include "text/emphasis.h"
#include "text/gfmparse.h"
#include "text/linkify.h"
#include "text/tablehead.h"
#include "text/nodetext.h"
#include "text/tasklist.h"
#include "text/textnorm.h"
#include "text/typographer.h"

static bool starts_ci(const char *s, const char *prefix)
{
	return !g_ascii_strncasecmp(s, prefix, strlen(prefix));
}

/* Case-insensitive strstr. */
static const char *find_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!g_ascii_strncasecmp(hay, needle, n))
			return hay;
	return NULL;
}

cmark_node *markdown_parse(const char *text, size_t len)
{
	/* Bare addresses are linked afterwards, by Hugo's rules (text/linkify.c), not GFM's autolink. */
	/* ~~struck~~ only, as Hugo's Goldmark: "10~20 元，5~8 公斤" are two ranges, not a strike. */
	cmark_parser *parser = gfm_parser_new(CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE);
	cmark_node *doc;

	cmark_parser_feed(parser, text, len);
	doc = gfm_parser_finish(parser);
	cmark_parser_free(parser);
	return doc;
}

static cmark_node *reparse(const char *parsed, size_t len);

/* The repairs every reader of a body sees, when it is loaded and whenever it is parsed again. */
static cmark_node *repaired(cmark_node *doc, const char *text, size_t len, const GPtrArray *passthrough)
{
	/* The text as written tells which characters were escaped (cmark reads "\\:" as ":"). */
	struct md_source *src = md_source_new(text, len);

	/* First, on the tree as cmark made it: the repairs after it split and join the text nodes that begin lines. */
	deflist_tree(doc, src, reparse);
	/* The snippets Markdown must not read put back (code, to the repairs after). */
	passthrough_restore(doc, passthrough);
	emphasis_repair_cjk(doc);
	textnorm_join_split_paragraphs(doc);
	textnorm_wordless_headings(doc);
	linkify_tree(doc);
	tasklist_tree(doc);
	tablehead_tree(doc);
	textnorm_cjk_quotes(doc);
	typographer_tree(doc, src);
	md_source_free(src);
	return doc;
}

/*
 * If the HTML block's text opens one of CommonMark's HTML blocks 1-5 and
 * never meets its end condition, return the length of the opening to drop
 * (within the block's first line) and name it; else 0.
 */
static size_t unclosed_opening(const char *lit, const char **what)
{
	static const char *const type1[] = { "script", "pre", "style", "textarea" };
	const char *p = lit;

	while (*p == ' ')
		p++;
	for (size_t i = 0; i < G_N_ELEMENTS(type1); i++) {
		size_t n = strlen(type1[i]);
		char c;

		if (p[0] != '<' || g_ascii_strncasecmp(p + 1, type1[i], n))
			continue;
		c = p[1 + n];
		if (c != ' ' && c != '\t' && c != '>' && c != '\n' && c != '\0')
			continue;
		if (find_ci(lit, "</script>") || find_ci(lit, "</pre>") || find_ci(lit, "</style>")
		    || find_ci(lit, "</textarea>"))
			return 0;
		*what = type1[i];
		return 1 + n;
	}
	if (starts_ci(p, "<!--"))
		return strstr(p + 4, "-->") ? 0 : (*what = "<!--", 4);
	if (starts_ci(p, "<![CDATA["))
		return strstr(p, "]]>") ? 0 : (*what = "<![CDATA[", 9);
	if (starts_ci(p, "<?"))
		return strstr(p + 2, "?>") ? 0 : (*what = "<?", 2);
	if (p[0] == '<' && p[1] == '!' && g_ascii_isalpha(p[2]))
		return strchr(p + 2, '>') ? 0 : (*what = "<!", 2);
	return 0;
}

/* The HTML blocks that run, unclosed, to the end of their containers, in document order. */
static GPtrArray *find_swallowing(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	GPtrArray *found = g_ptr_array_new();

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *what;

		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK && !cmark_node_next(n)
		    && unclosed_opening(cmark_node_get_literal(n), &what))
			g_ptr_array_add(found, n);
	}
	cmark_iter_free(it);
	return found;
}

/* data: URLs the CommonMark reference renderers accept as images: raster formats only. */
static bool safe_data_image(const char *url)
{
	static const char *const ok[] = { "data:image/gif;", "data:image/png;", "data:image/jpeg;", "data:image/webp;" };

	for (size_t i = 0; i < G_N_ELEMENTS(ok); i++)
		if (starts_ci(url, ok[i]))
			return true;
	return false;
}

/*
 * An image whose address is any other data: URL (SVG, HTML, text) is not an
 * image, as in markdown-it and commonmark.js: it stays the text it was
 * written as, so nothing is lost and nothing in it can run. It is set as
 * inline code: a literal, and one word hundreds of letters long that readers
 * must be free to break anywhere (WebKit does not break a hyphenated English
 * word where overflow-wrap says). file NULL: quietly (the text is parsed
 * again, and was reported the first time).
 */
static void unsafe_data_images(cmark_node *doc, const char *file, int first_line, const GArray *shifts)
{
	cmark_iter *it = cmark_iter_new(doc);
	GPtrArray *found = g_ptr_array_new();
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *url = cmark_node_get_url(n);

		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_IMAGE && url) {
			while (*url == ' ' || *url == '\t' || *url == '\n')
				url++;
			if (starts_ci(url, "data:") && !safe_data_image(url))
				g_ptr_array_add(found, n);
		}
	}
	cmark_iter_free(it);
	for (guint i = 0; i < found->len; i++) {
		cmark_node *n = g_ptr_array_index(found, i), *t = cmark_node_new(CMARK_NODE_CODE);
		char *alt = node_plain_text(n);
		const char *title = cmark_node_get_title(n);
		GString *src = g_string_new(NULL);
		int line = cmark_node_get_start_line(n);

		for (cmark_node *p = n; line <= 0 && cmark_node_parent(p); p = cmark_node_parent(p))
			line = cmark_node_get_start_line(cmark_node_parent(p));
		g_string_append_printf(src, "![%s](%s%s%s%s)", alt, cmark_node_get_url(n), title && *title ? " \"" : "",
				       title ? title : "", title && *title ? "\"" : "");
		if (file)
			diag_warn(file, first_line + lines_source(shifts, line > 0 ? line : 1) - 1,
				  "image '%.30s…' is a data: URL that is not a picture format; it is shown as text",
				  cmark_node_get_url(n));
		cmark_node_set_literal(t, src->str);
		cmark_node_replace(n, t);
		cmark_node_free(n);
		g_free(alt);
		g_string_free(src, TRUE);
	}
	g_ptr_array_free(found, TRUE);
}

/*
 * Drop the openings of the swallowing blocks found in text (parsed as doc), reporting each; they
 * are all dropped at once, from the last, so that the offsets found before stay right.
 */
static void drop_openings(GString *text, GPtrArray *bad, const char *file, int first_line, const GArray *shifts)
{
	size_t *at = g_new(size_t, bad->len), *olen = g_new(size_t, bad->len), off = 0;
	int l = 1;

	for (guint i = 0; i < bad->len; i++) {
		cmark_node *n = g_ptr_array_index(bad, i);
		int line = cmark_node_get_start_line(n);
		const char *what = NULL, *lt;

		olen[i] = unclosed_opening(cmark_node_get_literal(n), &what);
		for (; l < line && off < text->len; off++)
			if (text->str[off] == '\n')
				l++;
		lt = strchr(text->str + off, '<');
		at[i] = lt ? (size_t)(lt - text->str) : text->len;
		if (!lt || (i > 0 && at[i] == at[i - 1])) {
			olen[i] = 0;	/* cannot happen: the block starts with '<' on its line */
			continue;
		}
		if (g_ascii_isalpha(what[0])) {
			/* "<script ...>": drop the whole start tag when it ends on this line */
			const char *gt = strchr(lt, '>'), *nl = strchr(lt, '\n');

			if (gt && (!nl || gt < nl))
				olen[i] = (size_t)(gt + 1 - lt);
			diag_warn(file, first_line + lines_source(shifts, line) - 1,
				  "raw HTML <%s> is never closed; the tag is dropped and the text after it kept", what);
		} else {
			diag_warn(file, first_line + lines_source(shifts, line) - 1,
				  "raw HTML '%s' is never closed; it is dropped and the text after it kept", what);
		}
	}
	for (guint i = bad->len; i > 0; i--)
		if (olen[i - 1])
			g_string_erase(text, (gssize)at[i - 1], (gssize)olen[i - 1]);
	g_free(at);
	g_free(olen);
}

/*
 * Openings can hide one another (each swallows the next): after this many rounds of dropping the
 * openings in sight and parsing again, what still swallows is kept as plain text, so a hostile
 * file costs a few parses, not one per opening.
 */
#define SWALLOW_ROUNDS 16

/*
 * The blocks that still swallow become paragraphs of their text, without their opening; reported
 * when file is given (parsing again later repeats this quietly, from the same text).
 */
static void swallowing_to_text(cmark_node *doc, const char *file, int first_line, const GArray *shifts)
{
	GPtrArray *bad = find_swallowing(doc);

	for (guint i = 0; i < bad->len; i++) {
		cmark_node *n = g_ptr_array_index(bad, i), *para = cmark_node_new(CMARK_NODE_PARAGRAPH);
		cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
		const char *lit = cmark_node_get_literal(n), *what = NULL;
		size_t olen = unclosed_opening(lit, &what);
		const char *lt = strchr(lit, '<');

		cmark_node_set_literal(t, lt ? lt + olen : lit);
		cmark_node_append_child(para, t);
		if (file)
			diag_warn(file, first_line + lines_source(shifts, cmark_node_get_start_line(n)) - 1,
				  "raw HTML '%s' is never closed; it is dropped and the text after it kept as it is", what);
		cmark_node_replace(n, para);
		cmark_node_free(n);
	}
	g_ptr_array_free(bad, TRUE);
}

/* The body parsed with the openings that swallow dropped: *parsed (parsed_len bytes) is that text, g_free. */
static cmark_node *parse_safe(const char *file, int first_line, const GArray *shifts, const char *body, size_t len,
			      char **parsed, size_t *parsed_len)
{
	GString *text = g_string_new_len(body, (gssize)len);
	cmark_node *doc = NULL;

	for (int round = 0; round <= SWALLOW_ROUNDS; round++) {
		GPtrArray *bad;

		doc = markdown_parse(text->str, text->len);
		if (round == SWALLOW_ROUNDS) {
			swallowing_to_text(doc, file, first_line, shifts);
			break;
		}
		bad = find_swallowing(doc);
		if (!bad->len) {
			g_ptr_array_free(bad, TRUE);
			break;
		}
		drop_openings(text, bad, file, first_line, shifts);
		g_ptr_array_free(bad, TRUE);
		cmark_node_free(doc);
		doc = NULL;
	}
	unsafe_data_images(doc, file, first_line, shifts);
	/* Kept for the whole run: without the GString's spare room (up to as much again). */
	*parsed_len = text->len;
	*parsed = g_realloc(g_string_free(text, FALSE), *parsed_len + 1);
	return doc;
}

static cmark_node *reparse(const char *parsed, size_t len)
{
	cmark_node *doc = markdown_parse(parsed, len);

	/* What loading's last round did to the tree, done again to the same text. */
	swallowing_to_text(doc, NULL, 0, NULL);
	unsafe_data_images(doc, NULL, 0, NULL);
	return doc;
}

cmark_node *markdown_load(const char *file, int first_line, const GArray *shifts, const char *body, size_t len,
			  const GPtrArray *passthrough, char **parsed, size_t *parsed_len)
{
	char *text;
	size_t text_len;
	cmark_node *doc = parse_safe(file, first_line, shifts, body, len, &text, &text_len);

	repaired(doc, text, text_len, passthrough);
	if (parsed) {
		*parsed = text;
		*parsed_len = text_len;
	} else {
		g_free(text);
	}
	return doc;
}

cmark_node *markdown_reload(const char *parsed, size_t len, const GPtrArray *passthrough)
{
	return repaired(reparse(parsed, len), parsed, len, passthrough);
}
