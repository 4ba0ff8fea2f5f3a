/* clreq.c - line-start and line-end prohibitions (kinsoku) and break opportunities in CJK text. */
#include "clreq.h"

bool clreq_is_cjk(gunichar u)
{
	return (u >= 0x2E80 && u <= 0x9FFF) || (u >= 0xAC00 && u <= 0xD7AF) || (u >= 0xF900 && u <= 0xFAFF)
	       || (u >= 0xFE30 && u <= 0xFE4F) || (u >= 0xFF00 && u <= 0xFFEF) || (u >= 0x20000 && u <= 0x3FFFF);
}

static bool in(gunichar u, const char *set)
{
	for (const char *s = set; *s; s = g_utf8_next_char(s))
		if (g_utf8_get_char(s) == u)
			return true;
	return false;
}

/* CLREQ 3.1.7 and JLREQ cl-02, cl-04..cl-07, cl-10, small kana. */
static const char no_start[] =
	"）］｝〕〉》」』】〗〙〛｠”’»›)]}"
	"，。、；：？！．‼⁇⁈⁉,.;:?!"
	"・·‧･"
	"ー々〻ゝゞヽヾ〜～"
	"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
	"％‰℃°";
/* CLREQ 3.1.7 and JLREQ cl-01. */
static const char no_end[] = "（［｛〔〈《「『【〖〘〚｟“‘«‹([{";

bool clreq_no_line_start(gunichar u)
{
	return in(u, no_start);
}

bool clreq_no_line_end(gunichar u)
{
	return in(u, no_end);
}

static bool is_dash(gunichar u)
{
	return u == 0x2014 || u == 0x2015 || u == 0x2E3A || u == 0x2E3B;
}

static bool is_ellipsis(gunichar u)
{
	return u == 0x2026 || u == 0x22EF;
}

bool clreq_inseparable(gunichar a, gunichar b)
{
	return (is_dash(a) && is_dash(b)) || (is_ellipsis(a) && is_ellipsis(b));
}

static bool is_digit(gunichar u)
{
	return (u >= '0' && u <= '9') || (u >= 0xFF10 && u <= 0xFF19);
}

static bool is_quote(gunichar u)
{
	return u == 0x201C || u == 0x201D || u == 0x2018 || u == 0x2019;
}

bool clreq_break_between(gunichar a, gunichar b, bool unicode_says)
{
	bool cjk_context = clreq_is_cjk(a) || clreq_is_cjk(b)
			   || (is_quote(a) && clreq_is_cjk(b)) || (is_quote(b) && clreq_is_cjk(a));

	if (clreq_no_line_start(b) || clreq_no_line_end(a) || clreq_inseparable(a, b))
		return false;
	if (!cjk_context)
		return unicode_says;
	/* A number and the unit or measure word written right after it stay together. */
	if (is_digit(a) && clreq_is_cjk(b))
		return false;
	/* Between a CJK character and anything else (not forbidden above) a line may break. */
	return true;
}
