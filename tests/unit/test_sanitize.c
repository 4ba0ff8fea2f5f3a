/* test_sanitize.c - URL policy, XML escaping and raw HTML pieces of the EPUB sanitizer. */
#include "check.h"
#include "html/sanitize.h"
#include "base/xmlesc.h"
#include "html/rawhtml.h"

#include <glib.h>

static char got[512];

/* sanitize_url as one string: "NULL", "rel:URL" or "abs:URL". */
static const char *url(const char *in)
{
	bool relative;
	char *u = sanitize_url(in, &relative);

	if (!u)
		return "NULL";
	g_snprintf(got, sizeof got, "%s:%s", relative ? "rel" : "abs", u);
	g_free(u);
	return got;
}

static const char *esc(const char *in)
{
	GString *s = g_string_new(NULL);

	xml_escape(s, in, -1);
	g_strlcpy(got, s->str, sizeof got);
	g_string_free(s, TRUE);
	return got;
}

/* One HTML block through the sanitizer. */
static const char *block(const char *html)
{
	GString *out = g_string_new(NULL);
	cmark_node *n = cmark_node_new(CMARK_NODE_HTML_BLOCK), *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	struct sanitizer *s = rawhtml_new(out, "test.md", "en", NULL, NULL);

	s->quiet = true;
	cmark_node_set_literal(n, html);
	cmark_node_append_child(doc, n);
	rawhtml_block(s, n, 1);
	rawhtml_close(s, doc);
	g_strlcpy(got, out->str, sizeof got);
	sanitizer_free(s);
	cmark_node_free(doc);
	g_string_free(out, TRUE);
	return got;
}

static void found_src(void *data, const char *src, const char *alt, enum sanitize_img_place place, const char *caption)
{
	g_string_append_printf(data, "%s%s", ((GString *)data)->len ? " " : "", src);
}

/* The pictures the <img> elements of a piece of raw HTML show, space-separated. */
static const char *img_srcs(const char *html)
{
	GString *out = g_string_new(NULL);

	sanitize_image_sources(html, found_src, out);
	g_strlcpy(got, out->str, sizeof got);
	g_string_free(out, TRUE);
	return got;
}

/* Raw HTML nested levels deep (each level a div in a list item in a table cell): the XHTML out. */
static GString *nested(int levels)
{
	GString *html = g_string_new(NULL), *out = g_string_new(NULL);
	cmark_node *n = cmark_node_new(CMARK_NODE_HTML_BLOCK), *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	struct sanitizer *s = rawhtml_new(out, "test.md", "en", NULL, NULL);

	for (int i = 0; i < levels; i++)
		g_string_append(html, i % 3 == 0 ? "<div>" : i % 3 == 1 ? "<ul><li>" : "<table><tr><td>");
	g_string_append(html, "DEEPEST");
	s->quiet = true;
	cmark_node_set_literal(n, html->str);
	cmark_node_append_child(doc, n);
	rawhtml_block(s, n, 1);
	rawhtml_close(s, doc);
	sanitizer_free(s);
	cmark_node_free(doc);
	g_string_free(html, TRUE);
	return out;
}

/* The deepest nesting of elements in a piece of XHTML (a well-formed fragment), -1 if unbalanced. */
static int depth_of(const char *x)
{
	int depth = 0, most = 0;

	for (const char *p = strchr(x, '<'); p; p = strchr(p + 1, '<')) {
		const char *gt = strchr(p, '>');

		if (!gt)
			return -1;
		if (p[1] == '/')
			depth--;
		else if (gt[-1] != '/')
			depth++;
		most = MAX(most, depth);
		if (depth < 0)
			return -1;
	}
	return depth ? -1 : most;
}

/*
 * A tag of many attributes: libxml2 compared each with all before it (100,000 took 50 s), so
 * those past the 256th are left out before it reads the tag. The text around it stays.
 */
static void test_many_attributes(void)
{
	for (int junk = 255; junk <= 256; junk++) {
		GString *h = g_string_new("<p><a ");

		for (int i = 0; i < junk; i++)
			g_string_append_printf(h, "data-x%d='a>b' ", i);
		g_string_append(h, "href=\"https://example.com/\">link</a> after</p>");
		block(h->str);
		if (junk == 255)
			CHECK("many attributes: the 256th is read", strstr(got, "href=\"https://example.com/\"") != NULL);
		else
			CHECK("many attributes: the 257th is left out", !strstr(got, "href="));
		CHECK("many attributes: ... the text around kept (a quoted > not the tag's end)",
		      strstr(got, "link") && strstr(got, " after") && !strstr(got, "b'"));
		g_string_free(h, TRUE);
	}
}

int main(void)
{
	test_many_attributes();
	CHECK_STR("img: src first", img_srcs("<img src=\"s.png\" srcset=\"b.png 2x\">"), "s.png");
	CHECK_STR("img: the widest srcset candidate", img_srcs("<img srcset=\"a.png 480w, b.png 1200w, c.png 800w\">"),
		  "b.png");
	CHECK_STR("img: a candidate ending in a comma has no descriptor (1x), the next one is read",
		  img_srcs("<img srcset=\"a.png, b.png 2x\">"), "b.png");
	CHECK_STR("img: data-src behind a data: stand-in", img_srcs("<img src=\"data:image/gif;base64,R0l=\" data-src=\"c.png\">"),
		  "c.png");
	CHECK_STR("img: a lazy loader's class: data-src over its src",
		  img_srcs("<img class=\"post-img lazyload\" src=\"thumb.png\" data-src=\"c.png\">"), "c.png");
	CHECK_STR("img: a loading.gif stand-in: data-original over it",
		  img_srcs("<img src=\"/img/Loading.GIF?v=2\" data-original=\"c.png\">"), "c.png");
	CHECK_STR("img: Zhihu's data-actualsrc behind a lazy class",
		  img_srcs("<img class=\"lazy\" src=\"t.png\" data-actualsrc=\"c.png\">"), "c.png");
	CHECK_STR("img: WordPress's data-lazy-src behind a placeholder",
		  img_srcs("<img src=\"placeholder.svg\" data-lazy-src=\"c.png\">"), "c.png");
	CHECK_STR("img: a stand-in with nothing loaded instead stays",
		  img_srcs("<img src=\"loading.gif\">"), "loading.gif");
	CHECK_STR("img: a stand-in's name in a folder's name is no stand-in",
		  img_srcs("<img src=\"/lazy/photo.png\" data-src=\"c.png\">"), "/lazy/photo.png");
	CHECK_STR("img: a src not a stand-in wins over data-src",
		  img_srcs("<img src=\"s.png\" data-src=\"c.png\">"), "s.png");
	CHECK_STR("url: https kept", url("https://example.com/a?b=1&c=2#f"), "abs:https://example.com/a?b=1&c=2#f");
	CHECK_STR("url: scheme and host lower-cased", url("HTTPS://Example.com/"), "abs:https://example.com/");
	CHECK_STR("url: mailto kept", url("mailto:a@b.c"), "abs:mailto:a@b.c");
	CHECK_STR("url: javascript refused", url("javascript:alert(1)"), "NULL");
	CHECK_STR("url: mixed case refused", url("jAvAsCrIpT:alert(1)"), "NULL");
	CHECK_STR("url: tab inside refused", url("java\tscript:alert(1)"), "NULL");
	CHECK_STR("url: newline inside refused", url("java\nscript:alert(1)"), "NULL");
	CHECK_STR("url: leading space and control refused", url(" \x01javascript:alert(1)"), "NULL");
	CHECK_STR("url: vbscript refused", url("vbscript:msgbox(1)"), "NULL");
	CHECK_STR("url: data refused", url("data:text/html,<script>x</script>"), "NULL");
	CHECK_STR("url: file refused", url("file:///etc/passwd"), "NULL");
	CHECK_STR("url: protocol-relative gets https", url("//cdn.example/x.png"), "abs:https://cdn.example/x.png");
	CHECK_STR("url: relative path", url("../other.md#top"), "rel:../other.md#top");
	CHECK_STR("url: fragment", url("#note"), "rel:#note");
	CHECK_STR("url: space and quote escaped", url("https://e.x/a b\"c"), "abs:https://e.x/a%20b%22c");
	CHECK_STR("url: stray percent escaped, escapes kept", url("https://e.x/100%/%E4%B8%AD"),
		  "abs:https://e.x/100%25/%E4%B8%AD");
	CHECK_STR("url: non-ASCII escaped", url("https://e.x/中"), "abs:https://e.x/%E4%B8%AD");
	/* Valid URIs (html/uri.c): what EPUBCheck's RSC-020 and RSC-023 found in real articles. */
	CHECK_STR("uri: a second # is %23", url("https://e.x/p#a#b"), "abs:https://e.x/p#a%23b");
	CHECK_STR("uri: a Chinese host name in ASCII", url("https://例子.中国/路"),
		  "abs:https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF");
	CHECK_STR("uri: a host name written as escapes", url("https://%E4%BE%8B%E5%AD%90.cn"), "abs:https://xn--fsqu00a.cn");
	CHECK_STR("uri: brackets outside an IPv6 host", url("https://e.x/a[1]?q=[2]"), "abs:https://e.x/a%5B1%5D?q=%5B2%5D");
	CHECK_STR("uri: an IPv6 host kept", url("http://[::1]:80/"), "abs:http://[::1]:80/");
	CHECK_STR("uri: backslash is a slash before the query", url("https://e.x\\a\\b?c\\d"), "abs:https://e.x/a/b?c%5Cd");
	CHECK_STR("uri: http: without slashes", url("http:e.x/a"), "abs:http://e.x/a");
	CHECK_STR("uri: an '@' in userinfo", url("https://a@b@e.x/"), "abs:https://a%40b@e.x/");
	CHECK_STR("uri: tel without spaces", url("tel:+86 10 1234"), "abs:tel:+86101234");
	CHECK_STR("uri: a relative path encoded too", url("a b/c#d#e"), "rel:a%20b/c#d%23e");
	CHECK_STR("uri: a bad port is no link", url("http://e.x:8o/"), "NULL");
	CHECK_STR("uri: a space in the host is no link", url("http://e x/"), "NULL");
	CHECK_STR("uri: no host is no link", url("http:///"), "NULL");
	CHECK_STR("uri: an empty label is no link", url("http://a..b/"), "NULL");
	CHECK_STR("uri: a 64-letter label is no link",
		  url("http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.cn/"), "NULL");
	CHECK_STR("uri: a 63-letter label is one",
		  url("http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.cn/"),
		  "abs:http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.cn/");
	CHECK_STR("uri: a port over 65535 is no link", url("http://e.x:65536/"), "NULL");
	CHECK_STR("uri: a label starting with '-' is no link", url("https://-a.cn/"), "NULL");
	CHECK_STR("uri: a label ending with '-' is no link", url("https://a-.cn/"), "NULL");
	CHECK_STR("uri: five numbers are no host", url("http://1.2.3.4.5/"), "NULL");
	CHECK_STR("uri: 256 is no IPv4 number", url("http://256.1.1.1/"), "NULL");
	CHECK_STR("uri: an IPv4 host", url("http://192.0.2.1/"), "abs:http://192.0.2.1/");
	CHECK_STR("uri: an empty mailto: is no link", url("mailto:"), "NULL");

	CHECK_STR("escape: markup characters", esc("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c'");
	CHECK_STR("escape: controls dropped, tab and newline kept", esc("a\x01\x07\x1b\tb\nc\x7f\xc2\x85"),
		  "a\tb\nc");
	CHECK_STR("escape: noncharacters dropped", esc("x\xef\xbf\xbey\xef\xb7\x90z"), "xyz");
	CHECK_STR("escape: broken UTF-8 replaced", esc("a\xff" "b"), "a\xef\xbf\xbd" "b");

	CHECK_STR("block: script dropped, text kept", block("<p>a<script>alert(1)</script>b</p>"), "<p>ab</p>");
	CHECK_STR("block: unclosed script keeps what follows", block("<div><script>x\n<p>after</p></div>"),
		  "<div>x\n<p>after</p></div>");
	CHECK_STR("block: unclosed comment keeps what follows", block("<p>a</p><!-- b <p>c</p>"),
		  "<p>a</p> b <p>c</p>");
	CHECK_STR("block: event handler and style dropped", block("<p onclick=\"x\" style=\"a\" title=\"t\">p</p>"),
		  "<p title=\"t\">p</p>");
	CHECK_STR("block: entity-encoded javascript link unwrapped", block("<a href=\"&#106;avascript:x\">t</a>"),
		  "t");
	CHECK_STR("block: stray text in a list gets an item", block("<ul>x<li>y</li></ul>"), "<ul><li>x</li><li>y</li></ul>");
	CHECK_STR("block: table gets a body, stray text a cell", block("<table>s<tr><td>c</td></tr></table>"),
		  "<table><tbody><tr><td>s</td></tr><tr><td>c</td></tr></tbody></table>");
	CHECK_STR("block: div in a span is unwrapped", block("<p><span><div>d</div></span></p>"),
		  "<p><span>d</span></p>");
	CHECK_STR("block: ruby without rt becomes text", block("<p><ruby>漢</ruby></p>"), "<p>漢</p>");
	CHECK_STR("block: ruby with rt kept", block("<p><ruby>漢<rt>kan</rt></ruby></p>"), "<p><ruby>漢<rt>kan</rt></ruby></p>");
	CHECK_STR("block: lone div stays open until its end", block("<div class=\"box\">"), "<div class=\"box\"></div>");
	/* Nesting past sense: flattened so readers' parsers (256 levels) take the page, the text kept. */
	for (int levels = 300; levels <= 300000; levels *= 1000) {
		GString *out = nested(levels);
		int d = depth_of(out->str);
		char name[80];

		g_snprintf(name, sizeof name, "block: %d levels of raw HTML kept to 150, text and all", levels);
		CHECK(name, d > 20 && d <= 150 && strstr(out->str, "DEEPEST"));
		g_string_free(out, TRUE);
	}
	CHECK_DONE();
}
