/* test_select.c - the keys that find duplicates, and the source paragraph they leave out. */
#include "check.h"
#include "read/identity.h"
#include "read/markdown.h"
#include "read/select.h"

#include <string.h>
#include <glib.h>

static const char *link_key(const char *url)
{
	static char buf[256];
	char *k = identity_link_key(url);

	g_strlcpy(buf, k ? k : "(none)", sizeof buf);
	g_free(k);
	return buf;
}

/* The url of the link identity_source_paragraph finds in body, or "(none)". */
static const char *source_of(const char *body)
{
	static char buf[256];
	cmark_node *doc = markdown_parse(body, strlen(body)), *link = NULL;

	g_strlcpy(buf, identity_source_paragraph(doc, &link) ? cmark_node_get_url(link) : "(none)", sizeof buf);
	cmark_node_free(doc);
	return buf;
}

int main(void)
{
	CHECK_STR("link: scheme, host case, fragment and trailing slash dropped",
		  link_key("https://Example.COM/news/1/#top"), "link:example.com/news/1");
	CHECK_STR("link: http and https are one page", link_key("http://example.com/news/1"),
		  "link:example.com/news/1");
	CHECK_STR("link: protocol-relative", link_key("//example.com/news/1"), "link:example.com/news/1");
	CHECK_STR("link: path case kept", link_key("https://example.com/News/1"), "link:example.com/News/1");
	CHECK_STR("link: query kept", link_key(" https://example.com/a?id=2/ "), "link:example.com/a?id=2/");
	CHECK_STR("link: not a web link", link_key("mailto:a@example.com"), "(none)");
	CHECK_STR("link: no host", link_key("https:///x"), "(none)");

	CHECK_STR("source: the named link that ends the text", source_of("正文。\n\n[qq](https://qq.com/a)\n"), "https://qq.com/a");
	CHECK_STR("source: ... after a list of related links too",
		  source_of("正文。\n\n**相關閱讀：**\n\n[**一**](https://d.com/1)\n\n[**二**](https://d.com/2)\n\n"
			    "[dotdotnews](https://www.dotdotnews.com/a/3)\n"), "https://www.dotdotnews.com/a/3");
	CHECK_STR("source: ... after an address", source_of("Text.\n\n<https://b.com/x>\n\n[morningstar](https://m.com/y)\n"),
		  "https://m.com/y");
	CHECK_STR("source: not a link around a picture (it was lost)",
		  source_of("Text.\n\n[![Stargazers](chart.png)](https://starchart.cc/r)\n"), "(none)");
	CHECK_STR("source: not what a heading holds (the heading was left empty)",
		  source_of("Text.\n\n## Links\n\n[site](https://a.com/)\n"), "(none)");
	CHECK_STR("source: not the last of a list of addresses",
		  source_of("Text.\n\n零宽字符转换网站\n\n<https://a.com/1>\n\n[https://b.com/2](https://b.com/2)\n"), "(none)");
	/* A blog's last step led into its link: it was taken out of the text as the post's source. */
	CHECK_STR("source: not a link the text leads into",
		  source_of("先开启功能，然后安装内核，下载地址如下：\n\n[https://learn.microsoft.com/x](https://learn.microsoft.com/x)\n"),
		  "(none)");
	CHECK_STR("source: ... nor after \"参考：\" in bold",
		  source_of("需要用 `git push --force-with-lease`。**参考：**\n\n[Git push rejected - Stack Overflow](https://stackoverflow.com/q/1)\n"),
		  "(none)");
	CHECK_STR("source: ... nor after \"See:\"", source_of("Text. See:\n\n[the manual](https://a.com/m)\n"), "(none)");
	CHECK_STR("source: a label that says a source follows still gives it",
		  source_of("正文。\n\n原文链接：\n\n[infoq](https://www.infoq.cn/article/x)\n"), "https://www.infoq.cn/article/x");
	CHECK_STR("source: ... in English too", source_of("Text.\n\nOriginal article:\n\n[site](https://a.com/o)\n"),
		  "https://a.com/o");
	CHECK_STR("source: ... and one ending in a full stop is not a lead", source_of("Text.\n\n[site](https://a.com/p)\n"),
		  "https://a.com/p");
	CHECK_DONE();
}
