/* clreq.c - line-start and line-end prohibitions (kinsoku), break opportunities and spacing classes of CJK text. */
#include "text/clreq.h"

#include <string.h>

bool clreq_is_cjk(gunichar u)
{
	return (u >= 0x2E80 && u <= 0x9FFF) || (u >= 0xAC00 && u <= 0xD7AF) || (u >= 0xF900 && u <= 0xFAFF)
	       || (u >= 0xFE30 && u <= 0xFE4F) || (u >= 0xFF00 && u <= 0xFFEF) || (u >= 0x20000 && u <= 0x3FFFF);
}

static bool small_kana(gunichar u)
{
	switch (u) {
	case 0x3041: case 0x3043: case 0x3045: case 0x3047: case 0x3049: case 0x3063: case 0x3083:
	case 0x3085: case 0x3087: case 0x308E: case 0x3095: case 0x3096:
	case 0x30A1: case 0x30A3: case 0x30A5: case 0x30A7: case 0x30A9: case 0x30C3: case 0x30E3:
	case 0x30E5: case 0x30E7: case 0x30EE: case 0x30F5: case 0x30F6:
		return true;
	default:
		return u >= 0x31F0 && u <= 0x31FF;	/* katakana phonetic extensions: all small */
	}
}

bool clreq_is_han(gunichar u)
{
	return (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF) || (u >= 0x20000 && u <= 0x3FFFF);
}

/* Han, kana, hangul and bopomofo: the characters between which Chinese text may break freely. */
static bool ideographic(gunichar u)
{
	return clreq_is_han(u) || (u >= 0xF900 && u <= 0xFAFF) || (u >= 0x3040 && u <= 0x30FF)
	       || (u >= 0x31F0 && u <= 0x31FF) || (u >= 0x3100 && u <= 0x312F) || (u >= 0x31A0 && u <= 0x31BF)
	       || (u >= 0xAC00 && u <= 0xD7AF) || (u >= 0x1100 && u <= 0x11FF) || (u >= 0x3130 && u <= 0x318F)
	       || u == 0x3007;
}

enum clreq_class clreq_class(gunichar u)
{
	if (u < 0x80) {
		switch (u) {
		case '(': case '[': case '{':
			return CLREQ_OPEN;
		case ')': case ']': case '}':
			return CLREQ_CLOSE;
		case ',': case '.': case ';': case ':': case '?': case '!':
			return CLREQ_HALF_STOP;
		default:
			return CLREQ_OTHER;
		}
	}
	switch (u) {
	case 0xFF08: case 0xFF3B: case 0xFF5B: case 0x3014: case 0x3008: case 0x300A: case 0x300C:
	case 0x300E: case 0x3010: case 0x3016: case 0x3018: case 0x301A: case 0xFF5F: case 0x201C:
	case 0x2018: case 0x00AB: case 0x2039: case 0x301D: case 0xFE59: case 0xFE5B: case 0xFE5D:
	case 0x2985: case 0xFF62:
		return CLREQ_OPEN;
	case 0xFF09: case 0xFF3D: case 0xFF5D: case 0x3015: case 0x3009: case 0x300B: case 0x300D:
	case 0x300F: case 0x3011: case 0x3017: case 0x3019: case 0x301B: case 0xFF60: case 0x201D:
	case 0x2019: case 0x00BB: case 0x203A: case 0x301E: case 0x301F: case 0xFE5A: case 0xFE5C:
	case 0xFE5E: case 0x2986: case 0xFF63:
		return CLREQ_CLOSE;
	case 0xFF0C: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF64: case 0xFE50: case 0xFE51:
	case 0xFE54: case 0xFE55:
		return CLREQ_PAUSE;
	case 0x3002: case 0xFF0E: case 0xFF1F: case 0xFF01: case 0xFF61: case 0x203C: case 0x2047:
	case 0x2048: case 0x2049: case 0xFE52: case 0xFE56: case 0xFE57:
		return CLREQ_STOP;
	case 0x30FB: case 0x00B7: case 0x2027: case 0xFF65:
		return CLREQ_MIDDOT;
	case 0x2014: case 0x2015: case 0x2E3A: case 0x2E3B:
		return CLREQ_DASH;
	case 0x2026: case 0x22EF:
		return CLREQ_ELLIPSIS;
	case 0x30FC: case 0x3005: case 0x303B: case 0x309D: case 0x309E: case 0x30FD: case 0x30FE:
	case 0x301C: case 0xFF5E: case 0x2010: case 0x30A0: case 0xFF05: case 0x2030: case 0x2103:
	case 0x2109: case 0x00B0:
		return CLREQ_NO_START;
	default:
		break;
	}
	if (small_kana(u))
		return CLREQ_NO_START;
	if (ideographic(u) || (u >= 0xFF10 && u <= 0xFF19) || (u >= 0xFF21 && u <= 0xFF3A)
	    || (u >= 0xFF41 && u <= 0xFF5A))
		return CLREQ_LETTER;
	return CLREQ_OTHER;
}

bool clreq_no_line_start(gunichar u)
{
	switch (clreq_class(u)) {
	case CLREQ_CLOSE: case CLREQ_PAUSE: case CLREQ_STOP: case CLREQ_MIDDOT: case CLREQ_NO_START:
	case CLREQ_HALF_STOP:
		return true;
	default:
		return false;
	}
}

bool clreq_no_line_end(gunichar u)
{
	return clreq_class(u) == CLREQ_OPEN;
}

bool clreq_inseparable(gunichar a, gunichar b)
{
	enum clreq_class ca = clreq_class(a);

	return (ca == CLREQ_DASH || ca == CLREQ_ELLIPSIS) && clreq_class(b) == ca;
}

static bool is_digit(gunichar u)
{
	return (u >= '0' && u <= '9') || (u >= 0xFF10 && u <= 0xFF19);
}

static bool western_operator(gunichar u)
{
	if (u > 0 && u < 0x80)
		return strchr("-/+%$#&*=~@_\\|^<>", (int)u) != NULL;
	return u == 0x2010 || u == 0x2011 || u == 0x2012 || u == 0x2013 || u == 0x2212 || u == 0x00B1
	       || u == 0x2030;
}

bool clreq_break_between(gunichar a, gunichar b, bool unicode_says)
{
	bool cjk_context = clreq_is_cjk(a) || clreq_is_cjk(b);

	if (clreq_no_line_start(b) || clreq_no_line_end(a) || clreq_inseparable(a, b))
		return false;
	if (!cjk_context)
		return unicode_says;
	/* A straight quote may open or close: it stays with the text on both sides. */
	if (a == '"' || a == '\'' || b == '"' || b == '\'')
		return false;
	/*
	 * Western hyphens, slashes, signs and operators keep Unicode's rules beside Chinese too:
	 * no break before "-" or "/" ("图-车", "4500万-5800万", "18万吨/年"), nor a minus sign
	 * left at the start of a line.
	 */
	if (western_operator(a) || western_operator(b))
		return unicode_says;
	/* A number and the unit or measure word written right after it stay together ("2024年"), and so
	 * do the ordinal prefix and its number ("第3章"). */
	if (is_digit(a) && clreq_class(b) == CLREQ_LETTER)
		return false;
	if (a == 0x7B2C && is_digit(b))
		return false;
	/* Between a CJK character and anything else (not forbidden above) a line may break. */
	return true;
}

static bool western_alnum(gunichar u)
{
	if (u < 0x80)
		return g_ascii_isalnum((int)u);
	return u < 0x2E80 && g_unichar_isalnum(u);
}

bool clreq_word_apostrophe(const char *text, const char *c)
{
	const char *before = c > text ? g_utf8_find_prev_char(text, c) : NULL;

	return before && !strncmp(c, "\xE2\x80\x99", 3) && c[3] && western_alnum(g_utf8_get_char_validated(before, -1))
	       && western_alnum(g_utf8_get_char_validated(c + 3, -1));
}

bool clreq_latin_letter(gunichar u)
{
	return u < 0x2E80 && g_unichar_isalpha(u) && g_unichar_get_script(u) == G_UNICODE_SCRIPT_LATIN;
}

/* Punctuation a Latin run holds between its words (and ’ as in "we’re"). */
static bool latin_joiner(gunichar u)
{
	return (u && u < 0x80 && strchr(" .,'-&:;!?", (int)u)) || u == 0x2019 || u == 0x2026;
}

/* Punctuation that ends a Latin run's last word ("gone…", "love.", "students’"). */
static bool latin_closer(gunichar u)
{
	return (u && u < 0x80 && strchr(".,;:!?", (int)u)) || u == 0x2019 || u == 0x2026;
}

size_t clreq_latin_run(const char *s, size_t len)
{
	const char *end = s + len, *last = NULL, *p;

	if (!len || !clreq_latin_letter(g_utf8_get_char(s)))
		return 0;
	for (p = s; p < end; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);

		if (clreq_latin_letter(u) || (u < 0x80 && g_ascii_isdigit((int)u)))
			last = g_utf8_next_char(p);
		else if (!latin_joiner(u))
			break;
	}
	for (p = last; p < end && latin_closer(g_utf8_get_char(p)); p = g_utf8_next_char(p))
		;
	return (size_t)(p - s);
}

size_t clreq_latin_segment(const char *s, size_t len, bool *latin)
{
	size_t run = clreq_latin_run(s, len);
	const char *q, *end = s + len;

	*latin = run > 0;
	if (run)
		return run;
	for (q = g_utf8_next_char(s); q < end && !clreq_latin_letter(g_utf8_get_char(q));)
		q = g_utf8_next_char(q);
	return (size_t)(MIN(q, end) - s);
}

bool clreq_autospace(gunichar a, gunichar b)
{
	/* western_alnum first: it turns down a pair of Chinese characters, the common case, at once */
	return (western_alnum(b) && ideographic(a)) || (western_alnum(a) && ideographic(b));
}

/* A full-width bracket, quote, stop, pause or middle dot: its em box holds its own blank. */
static bool fullwidth_mark(gunichar u)
{
	switch (clreq_class(u)) {
	case CLREQ_OPEN: case CLREQ_CLOSE: case CLREQ_PAUSE: case CLREQ_STOP: case CLREQ_MIDDOT:
		return clreq_is_cjk(u);
	default:
		return false;
	}
}

static bool curly_quote(gunichar u)
{
	return u == 0x201C || u == 0x201D || u == 0x2018 || u == 0x2019;
}

bool clreq_space_dropped(gunichar a, gunichar b)
{
	if (fullwidth_mark(a) || fullwidth_mark(b))
		return true;
	/* Curly quotes are full width in Chinese text (and narrow in Western text). */
	return (curly_quote(a) && clreq_is_cjk(b) && b != 0x3000) || (curly_quote(b) && clreq_is_cjk(a) && a != 0x3000);
}

bool clreq_is_unit(const char *word, int len)
{
	/* Units of measure written after a number and a space in Chinese and English text. */
	static const char *const units[] = {
		"km", "m", "cm", "mm", "nm", "kg", "g", "mg", "t", "L", "mL", "ml", "h", "min", "s", "ms",
		"Hz", "kHz", "MHz", "GHz", "W", "kW", "MW", "GW", "kWh", "Wh", "mAh", "V", "kV", "A", "mA",
		"B", "KB", "kB", "MB", "GB", "TB", "PB", "bps", "kbps", "Mbps", "Gbps", "px", "pt", "dpi",
		"fps", "nm", "K", "%", "°C", "°F", "sq", "ft", "in", "mi", "lb", "oz", "mph",
	};

	if (len <= 0)
		return false;
	for (size_t i = 0; i < G_N_ELEMENTS(units); i++)
		if ((int)strlen(units[i]) == len && !memcmp(units[i], word, (size_t)len))
			return true;
	return false;
}

bool clreq_lang_is_hant(const char *lang)
{
	static const char *const hant[] = { "zh-hant", "zh-tw", "zh-hk", "zh-mo" };
	char tag[16];
	size_t n = 0;

	if (!lang)
		return false;
	/* Lower case, "_" read as "-" (zh_TW from locales). */
	for (; lang[n] && n < sizeof(tag) - 1; n++)
		tag[n] = lang[n] == '_' ? '-' : g_ascii_tolower(lang[n]);
	tag[n] = 0;
	for (size_t i = 0; i < G_N_ELEMENTS(hant); i++) {
		size_t k = strlen(hant[i]);

		if (!strncmp(tag, hant[i], k) && (tag[k] == 0 || tag[k] == '-'))
			return true;
	}
	return false;
}
