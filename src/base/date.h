/* date.h - the date and time forms found in article front matter and on the command line. */
#ifndef FOLIO_DATE_H
#define FOLIO_DATE_H

#include <stdbool.h>
#include <glib.h>

struct folio_date {
	gint64 utc;		/* seconds since the epoch */
	int offset;		/* seconds east of UTC the date was written in */
	bool valid;
	bool has_time;		/* false for a date alone ("2025-02-13") */
};

/*
 * The moments folio takes: GLib's years 1 to 9999 in UTC (0001-01-01T00:00+14:00 is year 0 there:
 * formatting it gave NULL, and a digest crashed). Hugo's zero date, 0001-01-01T00:00:00Z, is one.
 */
#define DATE_MIN_UTC G_GINT64_CONSTANT(-62135596800)	/* 0001-01-01T00:00:00Z */
#define DATE_MAX_UTC G_GINT64_CONSTANT(253402300799)	/* 9999-12-31T23:59:59Z */

/*
 * Parse "2025-02-13 15:10:13", "2025-02-13T15:10:13", RFC 3339 with "Z" or
 * an offset, a one-digit hour ("2025-02-13T8:10:13+08:00", as Hugo reads it),
 * a date alone, "2025/02/13", and RFC 1123/2822
 * ("Fri, 21 Aug 2026 15:30:00 GMT", "+0800"). A time without a zone is read
 * in tz (the local zone when NULL). Returns false (and d->valid false) when
 * the text is none of these, names an impossible date or one outside DATE_MIN_UTC..DATE_MAX_UTC.
 */
bool date_parse(const char *text, GTimeZone *tz, struct folio_date *d);

/* "2025-02-13T15:10:13+08:00" (or "2025-02-13" for a date alone); g_free the result. */
char *date_format_rfc3339(const struct folio_date *d);
/* The UTC form EPUB wants for dcterms:modified: "2025-02-13T07:10:13Z". */
char *date_format_utc(gint64 utc);
/* utc formatted with g_date_time_format's fmt as seen in zone tz (in UTC where tz's view would
   leave GLib's years); g_free the result. */
char *date_format_in(gint64 utc, GTimeZone *tz, const char *fmt);
/*
 * u seen in zone tz, or u itself (UTC) where that view would leave GLib's years 1 to 9999 (Hugo's
 * zero date, 0001-01-01T00:00:00Z, in New York: g_date_time_to_timezone gave NULL, and grouping by
 * month crashed). A new reference.
 */
GDateTime *date_to_zone(GDateTime *u, GTimeZone *tz);
/* Calendar fields in the zone the date was written in. */
void date_fields(const struct folio_date *d, int *year, int *month, int *day);

/*
 * A span such as "7d", "24h", "2w", "30m" (minutes) or "1y" in seconds; false
 * when malformed.
 */
bool date_parse_span(const char *text, gint64 *seconds);

/* The zone named by "UTC", "Asia/Shanghai", "+08:00" or "local"; NULL when unknown. */
GTimeZone *date_zone(const char *name);

#endif
