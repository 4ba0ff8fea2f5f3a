/* gstr.h - tests on a GString that go by its length, not by strlen of all it holds. */
#ifndef FOLIO_GSTR_H
#define FOLIO_GSTR_H

#include <stdbool.h>
#include <string.h>
#include <glib.h>

/*
 * Does s end with suffix (from byte from on; 0: all of s)? g_str_has_suffix measures the whole
 * string each time: asked after every paragraph of a page being written, it made the EPUB
 * writer quadratic (100,000 paragraphs: 84 s).
 */
static inline bool gstr_ends_with(const GString *s, gsize from, const char *suffix)
{
	gsize n = strlen(suffix);

	return s->len >= from + n && !memcmp(s->str + s->len - n, suffix, n);
}

#endif
