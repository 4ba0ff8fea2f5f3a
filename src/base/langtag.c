/* langtag.c - BCP 47 tags read one way for every stage: which Chinese, which glyphs, which family. */
#include "base/langtag.h"

#include <string.h>
#include <glib.h>

/* Chinese and its member languages as ISO 639-3 names them; yue is written in Hong Kong's forms. */
static const char *const chinese[] = { "zh", "cmn", "yue", "wuu", "hak", "nan", "lzh", "gan", "hsn", "cdo",
				       "cjy", "cpx", "czh", "czo", "mnp" };

bool langtag_ok(const char *v)
{
	char **parts;
	bool ok;

	if (!v || !*v)
		return false;
	parts = g_strsplit(v, "-", -1);
	ok = parts[0] != NULL;
	for (int i = 0; ok && parts[i]; i++) {
		size_t n = strlen(parts[i]);

		ok = n >= 1 && n <= 8;
		for (size_t j = 0; ok && j < n; j++)
			ok = i ? g_ascii_isalnum(parts[i][j]) : g_ascii_isalpha(parts[i][j]);
	}
	g_strfreev(parts);
	return ok;
}

/* Countries' codes that are no language's code (ISO 639-1 has none of them), with their language. */
static const char *const countries[][2] = {
	{ "cn", "zh-CN" }, { "hk", "zh-HK" }, { "jp", "ja" }, { "cz", "cs" }, { "dk", "da" },
	{ "gr", "el" }, { "ua", "uk" }, { "vn", "vi" },
};

const char *langtag_country(const char *tag)
{
	for (size_t i = 0; tag && i < G_N_ELEMENTS(countries); i++)
		if (!g_ascii_strcasecmp(tag, countries[i][0]))
			return countries[i][1];
	return NULL;
}

char *langtag_normalize(const char *tag)
{
	const char *country = langtag_country(tag);
	char **parts;
	GString *out;

	if (!tag || !*tag)
		return NULL;
	if (country)
		return g_strdup(country);
	parts = g_strsplit_set(tag, "-_", -1);
	out = g_string_new(NULL);
	for (int i = 0; parts[i]; i++) {
		char *p = parts[i];
		size_t n = strlen(p);

		if (!n)
			continue;
		if (out->len)
			g_string_append_c(out, '-');
		if (i == 0)
			p = g_ascii_strdown(p, -1);
		else if (n == 2)
			p = g_ascii_strup(p, -1);	/* region */
		else if (n == 4) {
			p = g_ascii_strdown(p, -1);	/* script: Hant */
			p[0] = g_ascii_toupper(p[0]);
		} else
			p = g_ascii_strdown(p, -1);
		g_string_append(out, p);
		g_free(p);
	}
	g_strfreev(parts);
	return g_string_free(out, FALSE);
}

/* A tag's language, script and region subtags (lower, title and upper case as written). */
struct tag_parts {
	char lang[9], script[5], region[4];
};

static void split_tag(const char *tag, struct tag_parts *p)
{
	char **sub = g_strsplit_set(tag, "-_", -1);

	memset(p, 0, sizeof *p);
	for (int i = 0; sub[i]; i++) {
		size_t n = strlen(sub[i]);

		if (i == 0)
			g_strlcpy(p->lang, sub[i], sizeof p->lang);
		else if (n == 4 && g_ascii_isalpha(sub[i][0]) && !p->script[0] && !p->region[0])
			g_strlcpy(p->script, sub[i], sizeof p->script);
		else if ((n == 2 || (n == 3 && g_ascii_isdigit(sub[i][0]))) && !p->region[0])
			g_strlcpy(p->region, sub[i], sizeof p->region);
	}
	g_strfreev(sub);
}

static bool is_chinese(const char *lang)
{
	for (size_t i = 0; i < G_N_ELEMENTS(chinese); i++)
		if (!g_ascii_strcasecmp(lang, chinese[i]))
			return true;
	return false;
}

static bool region_is(const char *region, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_strcasecmp(region, names[i]))
			return true;
	return false;
}

enum lang_writing langtag_writing(const char *tag)
{
	static const char *const hk[] = { "HK", "MO" }, *const tw[] = { "TW" }, *const hans[] = { "CN", "SG", "MY" };
	struct tag_parts p;

	if (!tag || !*tag)
		return LANG_OTHER;
	split_tag(tag, &p);
	if (!g_ascii_strcasecmp(p.lang, "ja"))
		return LANG_JA;
	if (!g_ascii_strcasecmp(p.lang, "ko"))
		return LANG_KO;
	if (!is_chinese(p.lang))
		return LANG_OTHER;
	if (!g_ascii_strcasecmp(p.script, "Hans"))
		return LANG_HANS;
	if (region_is(p.region, hk, G_N_ELEMENTS(hk)))
		return LANG_HK;
	if (!g_ascii_strcasecmp(p.script, "Hant") || region_is(p.region, tw, G_N_ELEMENTS(tw)))
		return !g_ascii_strcasecmp(p.lang, "yue") && !p.region[0] ? LANG_HK : LANG_HANT;
	if (region_is(p.region, hans, G_N_ELEMENTS(hans)))
		return LANG_HANS;
	return !g_ascii_strcasecmp(p.lang, "yue") ? LANG_HK : LANG_HANS;
}

bool langtag_is_cjk(const char *tag)
{
	return langtag_writing(tag) != LANG_OTHER;
}

bool langtag_is_rtl(const char *tag)
{
	/* Languages written right to left by default, and the right-to-left scripts a tag may name. */
	static const char *const langs[] = { "ar", "fa", "he", "iw", "ur", "ps", "sd", "ug", "yi", "dv", "ckb",
					     "syr", "arc", "ks", "prs", "pnb", "azb", "lrc", "mzn", "glk", "ji" };
	static const char *const scripts[] = { "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Samr",
					       "Mand", "Mend" };
	struct tag_parts p;

	if (!tag || !*tag)
		return false;
	split_tag(tag, &p);
	for (size_t i = 0; i < G_N_ELEMENTS(scripts); i++)
		if (!g_ascii_strcasecmp(p.script, scripts[i]))
			return true;
	if (p.script[0])
		return false;	/* az-Arab is, az-Latn is not: the script says */
	for (size_t i = 0; i < G_N_ELEMENTS(langs); i++)
		if (!g_ascii_strcasecmp(p.lang, langs[i]))
			return true;
	return false;
}

const char *langtag_region(enum lang_writing w)
{
	static const char *const regions[] = { [LANG_OTHER] = NULL, [LANG_HANS] = "SC", [LANG_HANT] = "TC",
					       [LANG_HK] = "HK", [LANG_JA] = "JP", [LANG_KO] = "KR" };

	return regions[w];
}

/* The script a Chinese tag names, by subtag or by region ("zh-TW": Hant); "" when it names none. */
static const char *chinese_script(const struct tag_parts *p)
{
	static const char *const hant[] = { "TW", "HK", "MO" }, *const hans[] = { "CN", "SG", "MY" };

	if (!g_ascii_strcasecmp(p->script, "Hans") || !g_ascii_strcasecmp(p->script, "Hant"))
		return !g_ascii_strcasecmp(p->script, "Hans") ? "Hans" : "Hant";
	if (p->script[0])
		return p->script;
	if (region_is(p->region, hant, G_N_ELEMENTS(hant)))
		return "Hant";
	if (region_is(p->region, hans, G_N_ELEMENTS(hans)))
		return "Hans";
	return "";
}

char *langtag_family(const char *tag)
{
	struct tag_parts p;

	if (!tag || !*tag)
		return g_strdup("und");
	split_tag(tag, &p);
	if (!g_ascii_strcasecmp(p.lang, "zh") && *chinese_script(&p))
		return g_strdup_printf("zh-%s", chinese_script(&p));
	return g_ascii_strdown(p.lang, -1);
}

char *langtag_locale(const char *tag)
{
	struct tag_parts p;
	char *lang, *region, *name;

	if (!tag || !*tag)
		return NULL;
	split_tag(tag, &p);
	lang = g_ascii_strdown(p.lang, -1);
	region = g_ascii_strup(p.region, -1);
	name = *region ? g_strdup_printf("%s_%s", lang, region) : g_strdup(lang);
	g_free(lang);
	g_free(region);
	return name;
}

bool langtag_matches(const char *want, const char *have)
{
	struct tag_parts w, h;
	const char *ws, *hs;

	if (!want || !have)
		return false;
	split_tag(want, &w);
	split_tag(have, &h);
	ws = is_chinese(w.lang) ? chinese_script(&w) : w.script;
	hs = is_chinese(h.lang) ? chinese_script(&h) : h.script;
	/* Every part the filter names must agree; what it leaves out matches anything. */
	return !g_ascii_strcasecmp(w.lang, h.lang) && (!w.script[0] || !g_ascii_strcasecmp(ws, hs))
	       && (!w.region[0] || !g_ascii_strcasecmp(w.region, h.region));
}
