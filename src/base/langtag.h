/* langtag.h - the one place folio reads BCP 47 language tags: shape, case, script, glyph forms, families. */
#ifndef FOLIO_LANGTAG_H
#define FOLIO_LANGTAG_H

#include <stdbool.h>

/*
 * How a language is written, as far as folio sets it: the glyph forms of its Han characters
 * (Simplified, Traditional as in Taiwan, Traditional as in Hong Kong, Japanese, Korean), or
 * none of those. Labels, fonts, the cover and the line-breaking rules all follow this.
 */
enum lang_writing { LANG_OTHER, LANG_HANS, LANG_HANT, LANG_HK, LANG_JA, LANG_KO };

/* True when tag has the shape of a BCP 47 tag ("zh-Hant-TW"): subtags of 1-8 letters or digits, a letter first. */
bool langtag_ok(const char *tag);

/*
 * Canonical case and separators: "zh_cn" -> "zh-CN", "ZH-hant-tw" -> "zh-Hant-TW"; NULL for NULL
 * or ""; g_free. A country's code written alone where a language goes, which is no ISO 639 code
 * ("cn", common on Chinese blogs), is its language: "cn" -> "zh-CN" (langtag_country).
 */
char *langtag_normalize(const char *tag);

/* The language tag for a country's code written as a language ("cn", "JP"), else NULL. */
const char *langtag_country(const char *tag);

/*
 * The writing of tag. Chinese is any of zh and its member languages (yue, cmn, wuu, hak, nan,
 * lzh ...): an explicit script wins (Hans, Hant), then the region (TW: Hant; HK, MO: HK;
 * CN, SG, MY: Hans), then the language (yue: HK); else Simplified. NULL and "und": LANG_OTHER.
 */
enum lang_writing langtag_writing(const char *tag);

/* True for Chinese, Japanese or Korean (langtag_writing is not LANG_OTHER). */
bool langtag_is_cjk(const char *tag);
/* Is the language (or the script the tag names) written right to left: ar, fa, he, ur, az-Arab ...? */
bool langtag_is_rtl(const char *tag);

/* The Noto CJK region of a writing: "SC", "TC", "HK", "JP", "KR"; NULL for LANG_OTHER. */
const char *langtag_region(enum lang_writing w);

/*
 * The family a tag belongs to, for grouping: its language ("en" for en-GB), and for Chinese its
 * script ("zh-Hant" for zh-HK, zh-TW and yue, "zh-Hans" for zh-CN); "und" for none. g_free.
 */
char *langtag_family(const char *tag);

/* The POSIX locale name of tag's language and region: "de_CH" for de-CH, "pt_BR", "en" for en; NULL for NULL or "". g_free. */
char *langtag_locale(const char *tag);

/* True when the tag have is one that the filter want asks for: every part want names agrees (zh takes zh-TW). */
bool langtag_matches(const char *want, const char *have);

#endif
