/* xmlesc.c - escapes text for XML and drops the characters no XML reader or validator accepts. */
#include "base/xmlesc.h"

#include <string.h>

bool xml_char_allowed(gunichar c)
{
	if (c < 0x20)
		return c == '\t' || c == '\n';
	if (c >= 0x7F && c <= 0x9F)
		return FALSE;
	if (c >= 0xFDD0 && c <= 0xFDEF)
		return FALSE;
	if ((c & 0xFFFE) == 0xFFFE)
		return FALSE;
	return c <= 0x10FFFF;
}

/* Length of the character at p when it is valid UTF-8 that XML allows and needs no escape; else 0. */
static size_t plain_char_len(const char *p, const char *end)
{
	unsigned char b = (unsigned char)*p;
	gunichar c;

	if (b < 0x80)
		return b >= 0x20 ? (b != '&' && b != '<' && b != '>' && b != '"' && b != 0x7F)
				 : (b == '\t' || b == '\n');
	c = g_utf8_get_char_validated(p, end - p);
	if (c == (gunichar)-1 || c == (gunichar)-2 || !xml_char_allowed(c))
		return 0;
	return (size_t)(g_utf8_next_char(p) - p);
}

void xml_escape(GString *out, const char *s, gssize len)
{
	const char *p, *end;

	if (!s)
		return;
	end = s + (len < 0 ? (gssize)strlen(s) : len);
	for (p = s; p < end;) {
		const char *run = p;
		size_t n;
		gunichar c;

		/* Copy runs of plain text at once; stop at what needs escaping or dropping. */
		while (p < end && (n = plain_char_len(p, end)) > 0)
			p += n;
		if (p > run)
			g_string_append_len(out, run, p - run);
		if (p >= end)
			break;
		switch (*p) {
		case '&': g_string_append(out, "&amp;"); p++; continue;
		case '<': g_string_append(out, "&lt;"); p++; continue;
		case '>': g_string_append(out, "&gt;"); p++; continue;
		case '"': g_string_append(out, "&quot;"); p++; continue;
		default: break;
		}
		if ((unsigned char)*p < 0x80) {	/* a control character: dropped */
			p++;
			continue;
		}
		c = g_utf8_get_char_validated(p, end - p);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			g_string_append(out, "\xEF\xBF\xBD");
			p++;
			continue;
		}
		p = g_utf8_next_char(p);	/* valid, but not allowed in XML: dropped */
	}
}

char *xml_clean_text(const char *s, gssize len)
{
	const char *end, *q;
	GString *clean;

	if (!s)
		return NULL;
	end = s + (len < 0 ? (gssize)strlen(s) : len);
	for (q = s; q < end;) {
		gunichar c = g_utf8_get_char_validated(q, end - q);

		if (c == (gunichar)-1 || c == (gunichar)-2 || !xml_char_allowed(c))
			break;
		q = g_utf8_next_char(q);
	}
	if (q >= end)
		return NULL;
	clean = g_string_new_len(s, q - s);
	while (q < end) {
		gunichar c = g_utf8_get_char_validated(q, end - q);

		if (c == (gunichar)-1 || c == (gunichar)-2) {
			g_string_append(clean, "\xEF\xBF\xBD");
			q++;
			continue;
		}
		if (xml_char_allowed(c))
			g_string_append_len(clean, q, g_utf8_next_char(q) - q);
		q = g_utf8_next_char(q);
	}
	return g_string_free(clean, FALSE);
}

void xml_attr(GString *out, const char *name, const char *value)
{
	g_string_append_printf(out, " %s=\"", name);
	xml_escape(out, value, -1);
	g_string_append_c(out, '"');
}
