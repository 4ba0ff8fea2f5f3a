/* test_select.c - language filters, language families and the keys that find duplicates. */
#include "check.h"
#include "read/identity.h"
#include "read/select.h"

#include <glib.h>

static const char *family(const char *tag)
{
	static char buf[32];
	char *f = select_lang_family(tag);

	g_strlcpy(buf, f, sizeof buf);
	g_free(f);
	return buf;
}

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
	CHECK("lang: zh takes zh-CN", select_lang_matches("zh", "zh-CN"));
	CHECK("lang: zh takes zh-Hans", select_lang_matches("zh", "zh-Hans"));
	CHECK("lang: zh takes zh-Hant-TW", select_lang_matches("zh", "zh-Hant-TW"));
	CHECK("lang: zh-Hant takes zh-TW", select_lang_matches("zh-Hant", "zh-TW"));
	CHECK("lang: zh-Hant takes zh-HK", select_lang_matches("zh-Hant", "zh-HK"));
	CHECK("lang: zh-Hant refuses zh-CN", !select_lang_matches("zh-Hant", "zh-CN"));
	CHECK("lang: zh-Hans takes zh-CN", select_lang_matches("zh-Hans", "zh-CN"));
	CHECK("lang: zh-Hans refuses bare zh", !select_lang_matches("zh-Hans", "zh"));
	CHECK("lang: zh-TW takes zh-Hant-TW", select_lang_matches("zh-TW", "zh-Hant-TW"));
	CHECK("lang: zh-TW refuses zh-HK", !select_lang_matches("zh-TW", "zh-HK"));
	CHECK("lang: en takes en-US", select_lang_matches("en", "en-US"));
	CHECK("lang: en-US refuses en", !select_lang_matches("en-US", "en"));
	CHECK("lang: case ignored", select_lang_matches("EN", "en-gb"));
	CHECK("lang: en refuses eng-like prefixes", !select_lang_matches("en", "eo"));
	CHECK("lang: nothing matches no language", !select_lang_matches("en", NULL));

	CHECK_STR("family: en-GB", family("en-GB"), "en");
	CHECK_STR("family: zh-HK", family("zh-HK"), "zh-Hant");
	CHECK_STR("family: zh-Hant-TW", family("zh-Hant-TW"), "zh-Hant");
	CHECK_STR("family: zh-CN", family("zh-CN"), "zh-Hans");
	CHECK_STR("family: zh alone", family("zh"), "zh");
	CHECK_STR("family: none", family(NULL), "und");

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
