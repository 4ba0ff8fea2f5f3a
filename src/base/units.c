/* units.c - reads the lengths and page sizes of options and themes into points. */
#include "base/units.h"

#include <math.h>
#include <glib.h>

static const struct {
	const char *name;
	double w, h;	/* mm */
} page_sizes[] = {
	{ "A4", 210, 297 }, { "A5", 148, 210 }, { "A6", 105, 148 }, { "B5", 176, 250 },
	{ "B5-JIS", 182, 257 }, { "B6", 125, 176 }, { "Letter", 215.9, 279.4 },
	/* Common Chinese trade sizes: 16K and 32K. */
	{ "16K", 185, 260 }, { "32K", 130, 184 },
};

double units_mm(double v)
{
	return v * 72.0 / 25.4;
}

bool units_parse_length(const char *s, double *pt)
{
	char *end;
	double v;

	if (!s)
		return false;
	while (*s == ' ')
		s++;
	v = g_ascii_strtod(s, &end);
	if (end == s || !isfinite(v) || v < 0)
		return false;
	while (*end == ' ')
		end++;
	if (!g_ascii_strcasecmp(end, "mm"))
		v = units_mm(v);
	else if (!g_ascii_strcasecmp(end, "cm"))
		v = units_mm(v * 10);
	else if (!g_ascii_strcasecmp(end, "in"))
		v *= 72;
	else if (*end && g_ascii_strcasecmp(end, "pt"))
		return false;
	/* "1e308mm" is a number, and no length once in points. */
	if (!isfinite(v))
		return false;
	*pt = v;
	return true;
}

bool units_parse_page_size(const char *s, double *w, double *h)
{
	double a, b;
	char *end;

	for (size_t i = 0; i < G_N_ELEMENTS(page_sizes); i++) {
		if (!g_ascii_strcasecmp(s, page_sizes[i].name)) {
			*w = units_mm(page_sizes[i].w);
			*h = units_mm(page_sizes[i].h);
			return true;
		}
	}
	/* WIDTHxHEIGHT with a unit after the height (mm if none). */
	a = g_ascii_strtod(s, &end);
	if (end == s || (*end != 'x' && *end != 'X'))
		return false;
	s = end + 1;
	b = g_ascii_strtod(s, &end);
	if (end == s || !isfinite(a) || !isfinite(b))
		return false;
	if (!*end || !g_ascii_strcasecmp(end, "mm")) {
		a = units_mm(a);
		b = units_mm(b);
	} else if (!g_ascii_strcasecmp(end, "pt")) {
	} else if (!g_ascii_strcasecmp(end, "in")) {
		a *= 72;
		b *= 72;
	} else if (!g_ascii_strcasecmp(end, "cm")) {
		a = units_mm(a * 10);
		b = units_mm(b * 10);
	} else {
		return false;
	}
	/* From a business card to a poster: anything else is a typo. */
	if (a < 72 || b < 72 || a > 72 * 60 || b > 72 * 60)
		return false;
	*w = a;
	*h = b;
	return true;
}
