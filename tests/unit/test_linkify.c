/* test_linkify.c - bare addresses linked as Hugo 0.111 (Goldmark's Linkify) links them; the expected forms are Hugo's output. */
#include "check.h"
#include "read/markdown.h"
#include "text/linkify.h"

#include <glib.h>

/* The paragraphs of md as text, each link as <url|text>, code as `code`, emphasis as *...*. */
static void flat(GString *out, cmark_node *n)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			g_string_append(out, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_CODE:
			g_string_append_printf(out, "`%s`", cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
			g_string_append_c(out, '\n');
			break;
		case CMARK_NODE_LINK:
			g_string_append_printf(out, "<%s|", cmark_node_get_url(c));
			flat(out, c);
			g_string_append_c(out, '>');
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			g_string_append_c(out, '*');
			flat(out, c);
			g_string_append_c(out, '*');
			break;
		case CMARK_NODE_PARAGRAPH:
			if (out->len)
				g_string_append_c(out, '/');
			flat(out, c);
			break;
		default:
			flat(out, c);
			break;
		}
	}
}

static char got[1024];

static const char *linked(const char *md)
{
	cmark_node *doc = markdown_parse(md, strlen(md));
	GString *s = g_string_new(NULL);

	linkify_tree(doc);
	flat(s, doc);
	g_strlcpy(got, s->str, sizeof got);
	g_string_free(s, TRUE);
	cmark_node_free(doc);
	return got;
}

static size_t match(const char *text, enum linkify_kind *kind)
{
	return linkify_match(text, strlen(text), kind);
}

int main(void)
{
	enum linkify_kind k;

	/* What folio's reading does before its threads start (cmark-gfm's extension tables). */
	cmark_node_free(markdown_parse("", 0));

	/* Chinese text after an address is the text's (GFM's autolink ran on through it). */
	CHECK_STR("linkify: a Chinese comma ends an address", linked("地址 https://example.com/a，后面的文字。"),
		  "地址 <https://example.com/a|https://example.com/a>，后面的文字。");
	CHECK_STR("linkify: after a full-width colon nothing is linked (Hugo)",
		  linked("仓库地址为：https://github.com/pkg/profile。`pkg/profile`只是。"),
		  "仓库地址为：https://github.com/pkg/profile。`pkg/profile`只是。");
	CHECK_STR("linkify: an address stops at a code span", linked("see https://example.com/a`code` after."),
		  "see <https://example.com/a|https://example.com/a>`code` after.");
	CHECK_STR("linkify: inside emphasis and after (", linked("*https://example.com/em* and (https://example.com/p)."),
		  "*<https://example.com/em|https://example.com/em>* and (<https://example.com/p|https://example.com/p>).");
	CHECK_STR("linkify: www, e-mail; no mailto:, localhost or bare IP",
		  linked("www.example.com/x and foo@bar.com and mailto:me@x.org and http://localhost:8080/x and https://192.168.1.1/x."),
		  "<https://www.example.com/x|www.example.com/x> and <mailto:foo@bar.com|foo@bar.com> and mailto:me@x.org and "
		  "http://localhost:8080/x and https://192.168.1.1/x.");
	CHECK_STR("linkify: trailing punctuation, parentheses",
		  linked("https://example.com/a_b?c=1&d=2. trailing, https://example.com/x) https://example.com/(y)"),
		  "<https://example.com/a_b?c=1&d=2|https://example.com/a_b?c=1&d=2>. trailing, "
		  "<https://example.com/x|https://example.com/x>) <https://example.com/(y)|https://example.com/(y)>");
	CHECK_STR("linkify: after another inline",
		  linked("**粗体**https://example.com/b 后 `c`https://example.com/c [t](https://e.com/1)https://example.com/d"),
		  "*粗体*<https://example.com/b|https://example.com/b> 后 `c`<https://example.com/c|https://example.com/c> "
		  "<https://e.com/1|t><https://example.com/d|https://example.com/d>");
	CHECK_STR("linkify: a Chinese letter ends the path", linked("https://zh.wikipedia.org/wiki/中文 end"),
		  "<https://zh.wikipedia.org/wiki/|https://zh.wikipedia.org/wiki/>中文 end");
	CHECK_STR("linkify: at a line's head and after a soft break",
		  linked("https://example.com/linehead\nnext line https://example.com/softbreak"),
		  "<https://example.com/linehead|https://example.com/linehead>\n"
		  "next line <https://example.com/softbreak|https://example.com/softbreak>");
	CHECK_STR("linkify: not inside a link's text", linked("[see https://example.com/in](https://example.com/out)"),
		  "<https://example.com/out|see https://example.com/in>");
	CHECK_STR("linkify: not in the middle of a word", linked("abchttps://example.com/x"), "abchttps://example.com/x");

	CHECK("linkify: an upper-case top-level name is no address (Goldmark)", !match("https://EXAMPLE.COM/", &k));
	CHECK("linkify: e-mail needs a dot in its domain", !match("me@localhost", &k));
	CHECK("linkify: e-mail followed by _ is none", !match("me@x.org_y", &k));
	CHECK("linkify: e-mail", match("me@x.org, then", &k) == 8 && k == LINKIFY_EMAIL);
	CHECK("linkify: a port", match("http://example.com:8080/x y", &k) == 25 && k == LINKIFY_URL);
	CHECK("linkify: a closing &name; is the text's", match("https://example.com/q&amp;", &k) == 21);
	CHECK("linkify: ftp", match("ftp://ftp.example.org/pub", &k) == 25 && k == LINKIFY_URL);
	CHECK_DONE();
}
