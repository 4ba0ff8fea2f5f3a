/* test_langtag.c - language tags read one way: shape, case, which Chinese, glyph region, families, filters. */
#include "check.h"
#include "base/langtag.h"

#include <glib.h>

static const char *family(const char *tag)
{
	static char buf[32];
	char *f = langtag_family(tag);

	g_strlcpy(buf, f, sizeof buf);
	g_free(f);
	return buf;
}

static const char *norm(const char *tag)
{
	static char buf[64];
	char *n = langtag_normalize(tag);

	g_strlcpy(buf, n ? n : "(null)", sizeof buf);
	g_free(n);
	return buf;
}

static const char *region(const char *tag)
{
	const char *r = langtag_region(langtag_writing(tag));

	return r ? r : "-";
}

int main(void)
{
	CHECK("shape: zh-Hant-TW", langtag_ok("zh-Hant-TW"));
	CHECK("shape: x-private subtags", langtag_ok("en-x-folio"));
	CHECK("shape: a digit first is no tag", !langtag_ok("1zh"));
	CHECK("shape: a subtag of nine is no tag", !langtag_ok("zh-abcdefghi"));
	CHECK("shape: spaces are no tag", !langtag_ok("zh CN"));
	CHECK("shape: empty", !langtag_ok(""));
	CHECK_STR("case: zh_cn", norm("zh_cn"), "zh-CN");
	CHECK_STR("case: ZH-hant-tw", norm("ZH-hant-tw"), "zh-Hant-TW");
	CHECK_STR("case: none", norm(""), "(null)");
	/* A country's code where a language goes (Chinese blogs' "cn"): its language, set as such. */
	CHECK_STR("country: cn is zh-CN", norm("cn"), "zh-CN");
	CHECK_STR("country: CN too", norm("CN"), "zh-CN");
	CHECK_STR("country: jp is ja", norm("jp"), "ja");
	CHECK("country: cn is Simplified Chinese", langtag_writing(norm("cn")) == LANG_HANS);
	CHECK_STR("country: zh-cn is untouched", norm("zh-cn"), "zh-CN");
	CHECK_STR("country: a language's code that is also a country's stays (tw: Twi)", norm("tw"), "tw");
	CHECK("country: none for a language", !langtag_country("zh") && !langtag_country("en"));

	CHECK_STR("glyphs: zh", region("zh"), "SC");
	CHECK_STR("glyphs: zh-CN", region("zh-CN"), "SC");
	CHECK_STR("glyphs: zh-TW", region("zh-TW"), "TC");
	CHECK_STR("glyphs: zh-Hant", region("zh-Hant"), "TC");
	CHECK_STR("glyphs: zh-HK", region("zh-HK"), "HK");
	CHECK_STR("glyphs: zh-Hant-HK is Hong Kong's, everywhere", region("zh-Hant-HK"), "HK");
	CHECK_STR("glyphs: zh-MO", region("zh-MO"), "HK");
	CHECK_STR("glyphs: zh-Hans-HK is Simplified", region("zh-Hans-HK"), "SC");
	CHECK_STR("glyphs: yue is Hong Kong's", region("yue"), "HK");
	CHECK_STR("glyphs: yue-Hant", region("yue-Hant"), "HK");
	CHECK_STR("glyphs: yue-Hans", region("yue-Hans"), "SC");
	CHECK_STR("glyphs: cmn-Hant-TW", region("cmn-Hant-TW"), "TC");
	CHECK_STR("glyphs: ja", region("ja-JP"), "JP");
	CHECK_STR("glyphs: ko", region("ko"), "KR");
	CHECK_STR("glyphs: jv (Javanese) is not Japanese", region("jv"), "-");
	CHECK_STR("glyphs: jav is not Japanese", region("jav"), "-");
	CHECK_STR("glyphs: za (Zhuang) is not Chinese", region("za"), "-");
	CHECK_STR("glyphs: en", region("en"), "-");
	CHECK_STR("glyphs: und", region("und"), "-");
	CHECK("cjk: yue", langtag_is_cjk("yue"));
	CHECK("cjk: not en", !langtag_is_cjk("en-GB"));
	CHECK("cjk: not NULL", !langtag_is_cjk(NULL));
	CHECK("rtl: Persian, Arabic, Hebrew, Urdu", langtag_is_rtl("fa") && langtag_is_rtl("ar-EG") && langtag_is_rtl("he")
	      && langtag_is_rtl("ur_PK"));
	CHECK("rtl: by the script named", langtag_is_rtl("az-Arab") && !langtag_is_rtl("ku-Latn") && langtag_is_rtl("pa-Arab"));
	CHECK("rtl: not English, Chinese, nothing", !langtag_is_rtl("en") && !langtag_is_rtl("zh-Hant") && !langtag_is_rtl(NULL)
	      && !langtag_is_rtl(""));

	CHECK("lang: zh takes zh-CN", langtag_matches("zh", "zh-CN"));
	CHECK("lang: zh takes zh-Hans", langtag_matches("zh", "zh-Hans"));
	CHECK("lang: zh takes zh-Hant-TW", langtag_matches("zh", "zh-Hant-TW"));
	CHECK("lang: zh-Hant takes zh-TW", langtag_matches("zh-Hant", "zh-TW"));
	CHECK("lang: zh-Hant takes zh-HK", langtag_matches("zh-Hant", "zh-HK"));
	CHECK("lang: zh-Hant refuses zh-CN", !langtag_matches("zh-Hant", "zh-CN"));
	CHECK("lang: zh-Hans takes zh-CN", langtag_matches("zh-Hans", "zh-CN"));
	CHECK("lang: zh-Hans refuses bare zh", !langtag_matches("zh-Hans", "zh"));
	CHECK("lang: zh-TW takes zh-Hant-TW", langtag_matches("zh-TW", "zh-Hant-TW"));
	CHECK("lang: zh-TW refuses zh-HK", !langtag_matches("zh-TW", "zh-HK"));
	CHECK("lang: en takes en-US", langtag_matches("en", "en-US"));
	CHECK("lang: en-US refuses en", !langtag_matches("en-US", "en"));
	CHECK("lang: case ignored", langtag_matches("EN", "en-gb"));
	CHECK("lang: en refuses eng-like prefixes", !langtag_matches("en", "eo"));
	CHECK("lang: nothing matches no language", !langtag_matches("en", NULL));

	CHECK_STR("family: en-GB", family("en-GB"), "en");
	CHECK_STR("family: zh-HK", family("zh-HK"), "zh-Hant");
	CHECK_STR("family: zh-Hant-TW", family("zh-Hant-TW"), "zh-Hant");
	CHECK_STR("family: zh-CN", family("zh-CN"), "zh-Hans");
	CHECK_STR("family: zh alone", family("zh"), "zh");
	CHECK_STR("family: none", family(NULL), "und");

	CHECK_STR("family: en-GB", family("en-GB"), "en");
	CHECK_DONE();
}
