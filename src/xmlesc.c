/* xmlesc.c - escapes text for XML and drops the characters no XML reader or validator accepts. */
#include "xmlesc.h"

#include <string.h>

static gboolean allowed(gunichar c)
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
				if (allowed(b))
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
		if (allowed(c))
			g_string_append_len(out, p, next - p);
		p = next;
	}
}
