/* test_select.c - the keys that find duplicates. */
#include "check.h"
#include "read/identity.h"
#include "read/select.h"

#include <glib.h>

static const char *link_key(const char *url)
{
	static char buf[256];
	char *k = identity_link_key(url);

	g_strlcpy(buf, k ? k : "(none)", sizeof buf);
	g_free(k);
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
	CHECK_DONE();
}
