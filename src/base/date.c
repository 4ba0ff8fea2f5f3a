/* date.c - parses the date forms of front matter and options into UTC seconds. */
#include "base/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Reads exactly n digits; returns the position after them or NULL. */
static const char *digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return NULL;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return s + n;
}

/* "Z", "z", "+08:00", "+0800", "+08", "UTC", "GMT"; sets *offset; NULL if none. */
static const char *zone(const char *s, int *offset, bool *found)
{
	int h, m = 0, sign;

	*found = false;
	s = skip_space(s);
	if (*s == 'Z' || *s == 'z') {
		*offset = 0;
		*found = true;
		return s + 1;
	}
	if (!strncmp(s, "UTC", 3) || !strncmp(s, "GMT", 3)) {
		*offset = 0;
		*found = true;
		s += 3;
		if (*s != '+' && *s != '-')
			return s;
	}
	if (*s != '+' && *s != '-')
		return s;
	sign = *s == '-' ? -1 : 1;
	s++;
	if (!(s = digits(s, 2, &h)))
		return NULL;
	if (*s == ':')
		s++;
	if (isdigit((unsigned char)*s) && !(s = digits(s, 2, &m)))
		return NULL;
	if (h > 23 || m > 59)
		return NULL;
	*offset = sign * (h * 3600 + m * 60);
	*found = true;
	return s;
}

static bool finish(int y, int mo, int d, int h, int mi, int sec, bool has_time,
		   bool zoned, int offset, GTimeZone *tz, struct folio_date *out)
{
	GTimeZone *use;
	GDateTime *dt;

	/* The year first: GLib's month length wants 1..65535 (a critical otherwise), GDateTime 1..9999. */
	if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > g_date_get_days_in_month(mo, y) || h > 23
	    || mi > 59 || sec > 60)
		return false;
	if (sec == 60)
		sec = 59;
	if (zoned)
		use = g_time_zone_new_offset(offset);
	else
		use = tz ? g_time_zone_ref(tz) : g_time_zone_new_local();
	dt = g_date_time_new(use, y, mo, d, h, mi, sec);
	g_time_zone_unref(use);
	if (!dt)
		return false;
	out->utc = g_date_time_to_unix(dt);
	if (out->utc < DATE_MIN_UTC || out->utc > DATE_MAX_UTC) {
		g_date_time_unref(dt);
		return false;
	}
	out->offset = (int)(g_date_time_get_utc_offset(dt) / G_TIME_SPAN_SECOND);
	out->has_time = has_time;
	out->valid = true;
	g_date_time_unref(dt);
	return true;
}

/* ISO 8601 / RFC 3339 and the "YYYY-MM-DD HH:MM:SS" and "YYYY/MM/DD" forms. */
static bool parse_iso(const char *s, GTimeZone *tz, struct folio_date *out)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, offset = 0;
	bool has_time = false, zoned = false;
	char sep;

	if (!(s = digits(s, 4, &y)))
		return false;
	sep = *s;
	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	if (!(s = digits(s + 1, 2, &mo)) || *s != sep || !(s = digits(s + 1, 2, &d)))
		return false;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		const char *t = s + 1;

		t = skip_space(t);
		if (isdigit((unsigned char)*t)) {
			/* Hugo also reads a one-digit hour ("T8:59:56+08:00"). */
			if (!(t = digits(t, isdigit((unsigned char)t[1]) ? 2 : 1, &h)) || *t != ':'
			    || !(t = digits(t + 1, 2, &mi)))
				return false;
			if (*t == ':' && !(t = digits(t + 1, 2, &sec)))
				return false;
			if (*t == '.' || *t == ',') {	/* fractions of a second are dropped */
				t++;
				while (isdigit((unsigned char)*t))
					t++;
			}
			has_time = true;
			s = t;
		}
	}
	if (!(s = zone(s, &offset, &zoned)))
		return false;
	if (*skip_space(s))
		return false;
	return finish(y, mo, d, h, mi, sec, has_time, zoned, offset, tz, out);
}

/* RFC 1123/2822: "Fri, 21 Aug 2026 15:30:00 GMT", weekday optional. */
static bool parse_rfc2822(const char *s, GTimeZone *tz, struct folio_date *out)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	char mon[4] = "";
	int d, y, h = 0, mi = 0, sec = 0, offset = 0, n = 0, mo;
	bool zoned = false, has_time = false;
	const char *m;

	s = skip_space(s);
	if (isalpha((unsigned char)*s)) {
		while (isalpha((unsigned char)*s))
			s++;
		if (*s == ',')
			s++;
	}
	if (sscanf(s, " %d %3s %d%n", &d, mon, &y, &n) != 3)
		return false;
	s += n;
	m = strstr(months, mon);
	if (strlen(mon) != 3 || !m || (m - months) % 3)
		return false;
	mo = (int)(m - months) / 3 + 1;
	s = skip_space(s);
	if (isdigit((unsigned char)*s)) {
		n = 0;
		if (sscanf(s, "%d:%d%n", &h, &mi, &n) != 2)
			return false;
		s += n;
		if (*s == ':') {
			n = 0;
			if (sscanf(s + 1, "%d%n", &sec, &n) != 1)
				return false;
			s += 1 + n;
		}
		has_time = true;
	}
	if (!(s = zone(s, &offset, &zoned)))
		return false;
	if (*skip_space(s))
		return false;
	return finish(y, mo, d, h, mi, sec, has_time, zoned, offset, tz, out);
}

bool date_parse(const char *text, GTimeZone *tz, struct folio_date *d)
{
	memset(d, 0, sizeof *d);
	if (!text)
		return false;
	text = skip_space(text);
	if (isdigit((unsigned char)text[0]) && isdigit((unsigned char)text[1])
	    && isdigit((unsigned char)text[2]) && isdigit((unsigned char)text[3]))
		return parse_iso(text, tz, d) || (memset(d, 0, sizeof *d), false);
	return parse_rfc2822(text, tz, d) || (memset(d, 0, sizeof *d), false);
}

static GDateTime *local_view(const struct folio_date *d)
{
	GTimeZone *tz = g_time_zone_new_offset(d->offset);
	GDateTime *utc = g_date_time_new_from_unix_utc(d->utc);
	GDateTime *dt = g_date_time_to_timezone(utc, tz);

	g_date_time_unref(utc);
	g_time_zone_unref(tz);
	return dt;
}

/* The year with four digits at least: GLib's %Y writes year 1 as "1", which no reader of RFC 3339 takes. */
static char *format_with_year(GDateTime *dt, const char *rest)
{
	char *tail = g_date_time_format(dt, rest);
	char *s = g_strdup_printf("%04d%s", g_date_time_get_year(dt), tail);

	g_free(tail);
	return s;
}

char *date_format_rfc3339(const struct folio_date *d)
{
	GDateTime *dt;
	char *s;

	if (!d->valid)
		return g_strdup("");
	dt = local_view(d);
	if (!d->has_time)
		s = format_with_year(dt, "-%m-%d");
	else if (d->offset == 0)
		s = format_with_year(dt, "-%m-%dT%H:%M:%SZ");
	else
		s = format_with_year(dt, "-%m-%dT%H:%M:%S%:z");
	g_date_time_unref(dt);
	return s;
}

char *date_format_utc(gint64 utc)
{
	GDateTime *dt = g_date_time_new_from_unix_utc(utc);
	char *s = format_with_year(dt, "-%m-%dT%H:%M:%SZ");

	g_date_time_unref(dt);
	return s;
}

GDateTime *date_to_zone(GDateTime *u, GTimeZone *tz)
{
	GDateTime *l = g_date_time_to_timezone(u, tz);

	return l ? l : g_date_time_ref(u);
}

char *date_format_in(gint64 utc, GTimeZone *tz, const char *fmt)
{
	GDateTime *u = g_date_time_new_from_unix_utc(utc);
	GDateTime *l = date_to_zone(u, tz);
	char *s = g_date_time_format(l, fmt);

	g_date_time_unref(l);
	g_date_time_unref(u);
	return s;
}

void date_fields(const struct folio_date *d, int *year, int *month, int *day)
{
	GDateTime *dt = local_view(d);

	g_date_time_get_ymd(dt, year, month, day);
	g_date_time_unref(dt);
}

bool date_parse_span(const char *text, gint64 *seconds)
{
	char *end;
	gint64 n;

	if (!text || !isdigit((unsigned char)*text))
		return false;
	n = g_ascii_strtoll(text, &end, 10);
	if (n <= 0 || n > 100000 || end[0] == '\0' || end[1] != '\0')
		return false;
	switch (end[0]) {
	case 'm': *seconds = n * 60; return true;
	case 'h': *seconds = n * 3600; return true;
	case 'd': *seconds = n * 86400; return true;
	case 'w': *seconds = n * 7 * 86400; return true;
	case 'y': *seconds = n * 365 * 86400; return true;
	default: return false;
	}
}

/*
 * Is name a zone's name ("Asia/Shanghai", "Etc/GMT+8", "EST5EDT") or an offset ("+08:00", "-0530"),
 * never a path? GLib takes an absolute path, or one up from its zoneinfo folder, as a zone: a
 * collection's folio.yaml or a site's timeZone opened files outside the folders given, and a FIFO
 * there blocked the run for good.
 */
static bool zone_name(const char *name)
{
	if (name[0] == '+' || name[0] == '-')
		return strlen(name) <= 6 && name[1 + strspn(name + 1, "0123456789:")] == '\0';
	for (const char *seg = name;; seg++) {
		size_t n = strspn(seg, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+-");

		if (!n || !g_ascii_isalpha(seg[0]))
			return false;	/* an empty segment ("/x", "a//b"), ".." or "." */
		seg += n;
		if (*seg == '\0')
			return seg - name <= 64;
		if (*seg != '/')
			return false;
	}
}

GTimeZone *date_zone(const char *name)
{
	if (!name || !*name || !strcmp(name, "local"))
		return g_time_zone_new_local();
	if (!strcmp(name, "UTC") || !strcmp(name, "Z"))
		return g_time_zone_new_utc();
	return zone_name(name) ? g_time_zone_new_identifier(name) : NULL;
}
