/* xmlesc.c - escapes text for XML and drops the characters no XML reader or validator accepts. */
#include "xmlesc.h"

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

void xml_escape(GString *out, const char *s, gssize len)
{
	const char *p, *end;

	if (!s)
		return;
	end = s + (len < 0 ? (gssize)strlen(s) : len);
	for (p = s; p < end;) {
		unsigned char b = (unsigned char)*p;
		gunichar c;
		const char *next;

		if (b < 0x80) {
			switch (b) {
			case '&': g_string_append(out, "&amp;"); break;
			case '<': g_string_append(out, "&lt;"); break;
			case '>': g_string_append(out, "&gt;"); break;
			case '"': g_string_append(out, "&quot;"); break;
			default:
				if (xml_char_allowed(b))
					g_string_append_c(out, (char)b);
				break;
			}
			p++;
			continue;
		}
		c = g_utf8_get_char_validated(p, end - p);
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			g_string_append(out, "\xEF\xBF\xBD");
			p++;
			continue;
		}
		next = g_utf8_next_char(p);
		if (xml_char_allowed(c))
			g_string_append_len(out, p, next - p);
		p = next;
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
