/* l10n.h - the few words and date forms folio itself puts into a book, in the book's languages. */
#ifndef FOLIO_L10N_H
#define FOLIO_L10N_H

#include <stdbool.h>
#include <glib.h>

#include "base/date.h"

enum l10n_label {
	L_SOURCE,		/* "来源" before the source link */
	L_AUTHOR,		/* before the article's author */
	L_TAGS,
	L_CONTENTS,		/* the table of contents */
	L_LANDMARKS,
	L_COVER,
	L_TITLE_PAGE,
	L_START,		/* first article (landmark) */
	L_NOTES,		/* footnotes heading */
	L_IMAGE_MISSING,	/* placeholder for an image that is not in the book */
	L_IMAGE_UNSUPPORTED,	/* why a picture in the book is not printed: a reason, in lower case */
	L_EMBED,		/* placeholder for an iframe, object, embed */
	L_VIDEO,
	L_AUDIO,
	L_POST,			/* a post on a social network (a shortcode's note) */
	L_CODE_SNIPPET,		/* a gist (a shortcode's note) */
	L_DETAILS,		/* a details shortcode's title when it names none */
	L_A11Y_SUMMARY,		/* schema:accessibilitySummary */
	L_FONT_LICENCE,		/* the title page's link to the embedded fonts' licence, and that page's title */
	L_FONTS_NOTE,		/* that page's opening: what the subsets are and their licence */
	L_LICENCE,		/* before a font's licence address */
	L_COUNT_
};

/*
 * The label in the language of the BCP 47 tag lang: Chinese (Simplified, Traditional), Japanese,
 * Korean, English, French, German, Spanish, Italian, Portuguese or Russian; English for another.
 */
const char *l10n_label(const char *lang, enum l10n_label which);

/*
 * A theme's note titled by its kind ("note", "warning", "tip" and their aliases, as LoveIt and
 * FixIt name them) in lang: "Warning", "警告", "警告"; NULL for a kind folio does not know.
 */
const char *l10n_callout(const char *lang, const char *kind);

/* An alert ("> [!IMPORTANT]") titled in lang: GitHub's five as GitHub names them, the others as
   a theme's notes (l10n_callout); NULL for a type folio does not know. */
const char *l10n_alert(const char *lang, const char *type);

/* Append the label as it leads into what follows: "来源：", "Source: ", "Source : " (French), "作者：", "By ". */
void l10n_lead(GString *out, const char *lang, enum l10n_label which);

/*
 * Append d as people read it in lang ("2025年2月13日 15:10", "13 February
 * 2025, 15:10", "13. Februar 2025", "1er mars 2025", "13 февраля 2025 г."); the
 * time only when with_time and the date has one. Nothing for an invalid date.
 */
void l10n_date(GString *out, const struct folio_date *d, const char *lang, bool with_time);
/*
 * "2025年2月13日—2025年3月1日", "13 February 2025 – 1 March 2025": the two dates (one when they are
 * the same day). Returns where in out a line may break, just after the range's dash; -1 for one date.
 */
gssize l10n_date_range(GString *out, const struct folio_date *first, const struct folio_date *last,
		       const char *lang);

/*
 * Append what a font subset of the EPUB holds and where it was cut from, in parentheses, as the
 * fonts page lists it: " (fonts/A.otf: 163 characters, from A.ttc, face 2)." /
 * "（fonts/A.otf：163 个字符，取自 A.ttc 第 2 号字体）。".
 */
void l10n_font_subset(GString *out, const char *lang, const char *href, unsigned chars, const char *source,
		      int face);

/* Append "共 5 篇文章" / "5 articles" / "5 статей". */
void l10n_article_count(GString *out, const char *lang, unsigned n);

#endif
