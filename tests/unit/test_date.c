/* test_date.c - the date forms of front matter and options. */
#include "check.h"
#include "base/date.h"

#include <glib.h>

static void count_message(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
	(*(int *)data)++;
}

static const char *iso(const char *text, GTimeZone *tz)
{
	static char buf[64];
	struct folio_date d;
	char *s;

	if (!date_parse(text, tz, &d))
		return "invalid";
	s = date_format_rfc3339(&d);
	g_strlcpy(buf, s, sizeof buf);
	g_free(s);
	return buf;
}

int main(void)
{
	GTimeZone *utc = g_time_zone_new_utc();
	GTimeZone *sh = g_time_zone_new_identifier("Asia/Shanghai");
	GTimeZone *ny = g_time_zone_new_identifier("America/New_York");
	struct folio_date d;
	gint64 span;

	CHECK_STR("date: corpus form in UTC", iso("2025-02-13 15:10:13", utc), "2025-02-13T15:10:13Z");
	CHECK_STR("date: Hugo's zero date keeps four year digits", iso("0001-01-01T00:00:00Z", utc), "0001-01-01T00:00:00Z");
	/* Outside GLib's years in UTC: a digest crashed on the NULL its formatting gave. */
	CHECK("date: year 0 in UTC is refused", !date_parse("0001-01-01T00:00:00+14:00", utc, &d) && !d.valid);
	CHECK("date: year 10000 in UTC is refused", !date_parse("9999-12-31T23:59:59-14:00", utc, &d) && !d.valid);
	CHECK_STR("date: the last moment GLib holds", iso("9999-12-31T23:59:59Z", utc), "9999-12-31T23:59:59Z");
	{
		char *s = date_format_in(DATE_MIN_UTC, ny, "%Y");

		CHECK_STR("date: Hugo's zero date seen from New York stays in year 1 (UTC)", s, "1");
		g_free(s);
	}
	CHECK_STR("date: corpus form in Shanghai", iso("2025-02-13 15:10:13", sh), "2025-02-13T15:10:13+08:00");
	CHECK("date: Shanghai form is 8h before UTC",
	      date_parse("2025-02-13 15:10:13", sh, &d) && d.utc == 1739430613);
	CHECK_STR("date: RFC 3339 Z", iso("2025-02-13T07:10:13Z", sh), "2025-02-13T07:10:13Z");
	CHECK_STR("date: RFC 3339 offset kept", iso("2025-02-13T15:10:13+08:00", utc), "2025-02-13T15:10:13+08:00");
	CHECK_STR("date: RFC 3339 fraction dropped", iso("2025-02-13T15:10:13.123-05:00", utc), "2025-02-13T15:10:13-05:00");
	CHECK_STR("date: date only", iso("2025-02-13", utc), "2025-02-13");
	CHECK_STR("date: slashes", iso("2025/02/13", utc), "2025-02-13");
	CHECK_STR("date: RFC 1123", iso("Fri, 21 Aug 2026 15:30:00 GMT", sh), "2026-08-21T15:30:00Z");
	CHECK_STR("date: RFC 2822 offset", iso("21 Aug 2026 15:30:00 +0800", utc), "2026-08-21T15:30:00+08:00");
	CHECK_STR("date: empty is invalid", iso("", utc), "invalid");
	CHECK_STR("date: garbage is invalid", iso("yesterday", utc), "invalid");
	CHECK_STR("date: February 30 is invalid", iso("2025-02-30", utc), "invalid");
	CHECK_STR("date: hour 24 is invalid", iso("2025-02-13 24:00:00", utc), "invalid");
	CHECK_STR("date: trailing junk is invalid", iso("2025-02-13 10:00:00 tomorrow", utc), "invalid");
	/* New York changed from EST to EDT on 2025-03-09 at 02:00. */
	CHECK_STR("date: before DST in New York", iso("2025-03-08 12:00:00", ny), "2025-03-08T12:00:00-05:00");
	CHECK_STR("date: after DST in New York", iso("2025-03-10 12:00:00", ny), "2025-03-10T12:00:00-04:00");
	CHECK("date: 7d span", date_parse_span("7d", &span) && span == 7 * 86400);
	CHECK("date: 24h span", date_parse_span("24h", &span) && span == 86400);
	CHECK("date: 2w span", date_parse_span("2w", &span) && span == 14 * 86400);
	CHECK("date: bad span", !date_parse_span("7x", &span) && !date_parse_span("d", &span)
	      && !date_parse_span("-1d", &span));
	/* Year 0 and years past GLib's range are no dates, refused without a critical on stderr (fuzz_text). */
	{
		int criticals = 0;
		guint id = g_log_set_handler("GLib", G_LOG_LEVEL_CRITICAL, count_message, &criticals);

		CHECK("date: year 0 and year 70000 refused quietly", !date_parse("1 Jan 0", utc, &d)
		      && !date_parse("1 Jan 70000 10:00 GMT", utc, &d) && !date_parse("29 Feb 65536", utc, &d)
		      && criticals == 0);
		g_log_remove_handler("GLib", id);
	}
	CHECK("date: zone by name", date_zone("Asia/Shanghai") != NULL);
	CHECK("date: unknown zone", date_zone("Nowhere/Atlantis") == NULL);
	/* A zone is a name, never a path GLib would open (a FIFO there blocked the run for good). */
	CHECK("date: a path is no zone", date_zone("/etc/passwd") == NULL && date_zone("/usr/share/zoneinfo/UTC") == NULL);
	CHECK("date: ... nor one up from the zone folder", date_zone("../../../etc/passwd") == NULL
	      && date_zone("Asia/../../etc/passwd") == NULL && date_zone("Asia//Shanghai") == NULL);
	CHECK("date: offsets and names with digits, signs and three parts are zones", date_zone("+08:00") != NULL
	      && date_zone("-0530") != NULL && date_zone("Etc/GMT+8") != NULL && date_zone("EST5EDT") != NULL
	      && date_zone("America/Argentina/Buenos_Aires") != NULL);
	g_time_zone_unref(utc);
	g_time_zone_unref(sh);
	g_time_zone_unref(ny);
	CHECK_DONE();
}
