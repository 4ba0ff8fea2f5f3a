/* vertical.c - text for a page set vertically: corner brackets for Chinese quotes, short numbers upright. */
#include "format/epub/vertical.h"

#include <string.h>

#include "base/langtag.h"
#include "base/xmlesc.h"
#include "text/clreq.h"

bool vertical_lang(const char *lang)
{
	enum lang_writing w = langtag_writing(lang);

	return w == LANG_HANS || w == LANG_HANT || w == LANG_HK || w == LANG_JA;
}

static bool chinese(const char *lang)
{
	enum lang_writing w = langtag_writing(lang);

	return w == LANG_HANS || w == LANG_HANT || w == LANG_HK;
}

/* A character that makes a digit beside it part of something longer: a word, a decimal, a time. */
static bool joins_number(gunichar u)
{
	return (u < 0x80 && (g_ascii_isalnum(u) || strchr(".,:/", (int)u))) || u == 0xFF0E || u == 0xFF1A;
}

static bool is_space(gunichar u)
{
	return u == ' ' || u == 0x2005;
}

/* The character before p (not before start), past spaces; 0 at the start. */
static gunichar before(const char *start, const char *p)
{
	while (p > start) {
		gunichar u;

		p = g_utf8_prev_char(p);
		u = g_utf8_get_char(p);
		if (!is_space(u))
			return u;
	}
	return 0;
}

/* The character at or after p (before end), past spaces; 0 at the end. */
static gunichar after(const char *p, const char *end)
{
	for (; p < end; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);

		if (!is_space(u))
			return u;
	}
	return 0;
}

/* The full-width form vertical Chinese sets for an ASCII bracket, slash, bar or hyphen; NULL for others. */
static const char *full_width_form(gunichar u)
{
	switch (u) {
	case '(':
		return "\uFF08";
	case ')':
		return "\uFF09";
	case '/':
		return "\uFF0F";
	case '|':
		return "\uFF5C";
	case '-':
	case 0x2010:	/* hyphen */
	case 0x2011:	/* non-breaking hyphen */
		return "\uFF0D";
	default:
		return NULL;
	}
}

void vertical_text(GString *out, const char *text, gssize len, const char *lang, struct vertical_quotes *q)
{
	struct vertical_quotes local = { 0 };
	const char *p = text, *end = text + (len < 0 ? (gssize)strlen(text) : len);
	bool zh = chinese(lang), drop_space = false;

	if (!q)
		q = &local;
	while (p < end) {
		gunichar u = g_utf8_get_char(p);
		const char *next = g_utf8_next_char(p);

		if (u < 0x80 && g_ascii_isdigit(u)) {
			const char *d = p;

			while (d < end && g_ascii_isdigit(*d))
				d++;
			if (d - p <= 2 && !joins_number(before(text, p)) && !joins_number(after(d, end))) {
				/* The quarter-em space folio set before it goes: an upright number needs none. */
				while (out->len && !strcmp(out->str + out->len - (out->len >= 3 ? 3 : 0), "\u2005"))
					g_string_truncate(out, out->len - 3);
				g_string_append(out, "<span class=\"" VERTICAL_TCY_CLASS "\">");
				g_string_append_len(out, p, d - p);
				g_string_append(out, "</span>");
				drop_space = true;
				p = d;
				continue;
			}
			xml_escape(out, p, d - p);
			p = d;
			drop_space = false;
			continue;
		}
		if (drop_space && u == 0x2005) {
			p = next;
			continue;
		}
		drop_space = false;
		if (zh && u == 0x00B7) {
			/* The middle dot of a name (间隔号, Latin-1) would lie on its side among upright Han,
			   narrow, and WebKit draws it over the character before it (set upright too): it gets
			   an em of its own, combined like a short number. */
			g_string_append(out, "<span class=\"" VERTICAL_TCY_CLASS "\">\u00B7</span>");
		} else if ((u == 0x00AE || u == 0x00A9 || u == 0x2122) && before(text, p) < 0x2E80
			   && g_unichar_isalnum(before(text, p))) {
			/* ® © ™ stand upright in vertical text (Unicode), but after a Latin word, which lies on
			   its side, they belong to it; upright, WebKit draws them over its last letter. */
			g_string_append(out, "<span class=\"" VERTICAL_SIDEWAYS_CLASS "\">");
			g_string_append_len(out, p, next - p);
			g_string_append(out, "</span>");
		} else if (zh && full_width_form(u) && (clreq_is_cjk(before(text, p)) || clreq_is_cjk(after(next, end)))) {
			/* ASCII brackets, slashes, bars and hyphens typed in Chinese (人工智能(AI), 元/股,
			   4500万-5800万) lie on their side, and WebKit draws them over the character before:
			   the full-width forms Chinese text uses, which stand in the column (and read the
			   same to a search). */
			g_string_append(out, full_width_form(u));
		} else if (zh && u == 0x201C)
			g_string_append(out, "\u300C");
		else if (zh && u == 0x201D)
			g_string_append(out, "\u300D");
		else if (zh && u == 0x2018) {
			g_string_append(out, "\u300E");
			q->single_open++;
		} else if (zh && u == 0x2019 && q->single_open > 0) {
			g_string_append(out, "\u300F");
			q->single_open--;
		} else {
			xml_escape(out, p, next - p);
		}
		p = next;
	}
}
