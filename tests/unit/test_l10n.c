/* test_l10n.c - the words and dates folio puts into a book, in each language it knows, and English for the rest. */
#include "check.h"
#include "text/l10n.h"

#include <glib.h>

/* The one buffer each helper below writes into and returns (read before the next call). */
static GString *scratch(void)
{
	static GString *s;

	if (!s)
		s = g_string_new(NULL);
	g_string_truncate(s, 0);
	return s;
}

/* l10n_lead's words for which in lang. */
static const char *lead(const char *lang, enum l10n_label which)
{
	GString *s = scratch();

	l10n_lead(s, lang, which);
	return s->str;
}

/* The date written at text (read in UTC), as lang reads it. */
static const char *date(const char *text, const char *lang, bool with_time)
{
	GString *s = scratch();
	GTimeZone *utc = g_time_zone_new_utc();
	struct folio_date d;

	if (date_parse(text, utc, &d))
		l10n_date(s, &d, lang, with_time);
	g_time_zone_unref(utc);
	return s->str;
}

static const char *count(const char *lang, unsigned n)
{
	GString *s = scratch();

	l10n_article_count(s, lang, n);
	return s->str;
}

static const char *subset(const char *lang, unsigned chars)
{
	GString *s = scratch();

	l10n_font_subset(s, lang, "fonts/A.otf", chars, "A.ttc", 2);
	return s->str;
}

int main(void)
{
	/* Labels: each language's own, by its language subtag whatever the region; English for the rest. */
	CHECK_STR("label: Chinese contents", l10n_label("zh-CN", L_CONTENTS), "目录");
	CHECK_STR("label: French contents", l10n_label("fr", L_CONTENTS), "Table des matières");
	CHECK_STR("label: ... in Canada too", l10n_label("fr-CA", L_CONTENTS), "Table des matières");
	CHECK_STR("label: German notes", l10n_label("de-AT", L_NOTES), "Anmerkungen");
	CHECK_STR("label: Spanish missing picture", l10n_label("es-MX", L_IMAGE_MISSING), "Imagen no incluida");
	CHECK_STR("label: Italian cover", l10n_label("it", L_COVER), "Copertina");
	CHECK_STR("label: Portuguese title page", l10n_label("pt-BR", L_TITLE_PAGE), "Folha de rosto");
	CHECK_STR("label: Russian contents", l10n_label("ru", L_CONTENTS), "Содержание");
	CHECK_STR("label: a language folio does not know: English", l10n_label("sw", L_CONTENTS), "Contents");
	CHECK_STR("label: no language: English", l10n_label(NULL, L_NOTES), "Notes");
	for (int which = 0; which < L_COUNT_; which++) {
		const char *langs[] = { "en", "zh-Hans", "zh-Hant", "ja", "ko", "fr", "de", "es", "it", "pt", "ru" };

		for (size_t i = 0; i < G_N_ELEMENTS(langs); i++) {
			const char *l = l10n_label(langs[i], (enum l10n_label)which);
			char *what = g_strdup_printf("label: %s has label %d", langs[i], which);

			CHECK(what, l && *l && g_utf8_validate(l, -1, NULL));
			g_free(what);
		}
	}
	/* Leads: a colon as each language sets it; "By"'s kind of word with a space. */
	CHECK_STR("lead: English source", lead("en", L_SOURCE), "Source: ");
	CHECK_STR("lead: English author", lead("en-GB", L_AUTHOR), "By ");
	CHECK_STR("lead: Chinese source", lead("zh-TW", L_SOURCE), "來源：");
	CHECK_STR("lead: French source, a no-break space before the colon", lead("fr", L_SOURCE), "Source\u00A0: ");
	CHECK_STR("lead: French author", lead("fr", L_AUTHOR), "Par ");
	CHECK_STR("lead: German author", lead("de", L_AUTHOR), "Von ");
	CHECK_STR("lead: Russian author", lead("ru", L_AUTHOR), "Автор: ");
	CHECK_STR("lead: Korean author", lead("ko", L_AUTHOR), "저자: ");
	/* Dates. */
	CHECK_STR("date: English", date("2026-12-06", "en", false), "6 December 2026");
	CHECK_STR("date: Chinese", date("2026-12-06 15:10:00", "zh-CN", true), "2026年12月6日 15:10");
	CHECK_STR("date: French, the first of the month", date("2026-03-01", "fr", false), "1er mars 2026");
	CHECK_STR("date: French", date("2026-12-06 15:10:00", "fr", true), "6 décembre 2026, 15:10");
	CHECK_STR("date: German", date("2026-03-06", "de-CH", false), "6. März 2026");
	CHECK_STR("date: Spanish", date("2026-12-06", "es", false), "6 de diciembre de 2026");
	CHECK_STR("date: Italian", date("2026-08-15", "it", false), "15 agosto 2026");
	CHECK_STR("date: Portuguese", date("2026-03-06", "pt-BR", false), "6 de março de 2026");
	CHECK_STR("date: Russian, the month in the genitive", date("2026-12-06", "ru", false), "6 декабря 2026 г.");
	/* Counts, with Russian's three plural forms. */
	CHECK_STR("count: English one", count("en", 1), "1 article");
	CHECK_STR("count: Spanish", count("es", 5), "5 artículos");
	CHECK_STR("count: German", count("de", 5), "5 Artikel");
	/* The fonts page's list, in the book's language (it was English in every book). */
	CHECK_STR("font subset: English", subset("en", 163), " (fonts/A.otf: 163 characters, from A.ttc, face 2).");
	CHECK_STR("font subset: English, one", subset("en-GB", 1), " (fonts/A.otf: 1 character, from A.ttc, face 2).");
	CHECK_STR("font subset: Simplified Chinese", subset("zh-CN", 163), "（fonts/A.otf：163 个字符，取自 A.ttc 第 2 号字体）。");
	CHECK_STR("font subset: Traditional Chinese", subset("zh-HK", 7), "（fonts/A.otf：7 個字元，取自 A.ttc 第 2 號字型）。");
	CHECK_STR("font subset: French, its colon", subset("fr", 2), " (fonts/A.otf\u00A0: 2 caractères, tirés de A.ttc, police 2).");
	CHECK_STR("font subset: Russian 1", subset("ru", 21), " (fonts/A.otf: 21 символ, из A.ttc, шрифт 2).");
	CHECK_STR("font subset: Russian 3", subset("ru", 3), " (fonts/A.otf: 3 символа, из A.ttc, шрифт 2).");
	CHECK_STR("font subset: Russian 12", subset("ru", 12), " (fonts/A.otf: 12 символов, из A.ttc, шрифт 2).");
	CHECK_STR("count: Russian 1", count("ru", 1), "1 статья");
	CHECK_STR("count: Russian 3", count("ru", 3), "3 статьи");
	CHECK_STR("count: Russian 11", count("ru", 11), "11 статей");
	CHECK_STR("count: Russian 21", count("ru", 21), "21 статья");
	CHECK_STR("count: Russian 112", count("ru", 112), "112 статей");
	/* Notes and alerts. */
	CHECK_STR("callout: German warning", l10n_callout("de", "caution"), "Warnung");
	CHECK_STR("callout: French tip (an alias)", l10n_callout("fr", "hint"), "Astuce");
	CHECK_STR("alert: Spanish important", l10n_alert("es", "IMPORTANT"), "Importante");
	CHECK_STR("alert: Russian caution", l10n_alert("ru", "caution"), "Осторожно");
	CHECK("callout: a kind folio does not know: none", l10n_callout("fr", "sidebar") == NULL);
	CHECK_DONE();
}
