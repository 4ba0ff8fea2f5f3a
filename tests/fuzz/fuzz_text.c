/*
 * fuzz_text.c - folio's small readers of text. The first byte chooses one; the rest is its input:
 *   0 date_parse: a date read back from its RFC 3339 form is the same instant and zone (a date
 *     alone: the same day)
 *   1 date_parse_span: a positive number of seconds
 *   2 template_fill / template_uses: a filled template holds no "{{" of its own making
 *   3 front matter (fm_split + fm_parse, as article_read calls them): lines inside the file
 *   4 the digest state file (state_open)
 *   5 the print theme (theme_load): a theme that loads leaves room for text
 *   6 folio.yaml (options_load_file), for a build and for a digest
 *   7 identity keys of a source link and of a title
 *   8 lengths and page sizes (units_parse_length, units_parse_page_size)
 */
#include "fuzz.h"

#include <math.h>

#include "base/date.h"
#include "book/frontmatter.h"
#include "read/identity.h"
#include "base/options.h"
#include "cli/state.h"
#include "cli/template.h"
#include "format/pdf/theme.h"
#include "base/units.h"

static void dates(const char *text)
{
	struct folio_date d, again;
	GTimeZone *tz = g_time_zone_new_utc();
	char *iso;

	if (date_parse(text, tz, &d)) {
		iso = date_format_rfc3339(&d);
		FUZZ_ASSERT(date_parse(iso, tz, &again), "a date folio wrote does not read back", iso);
		FUZZ_ASSERT(again.has_time == d.has_time, "a date read back with another precision", iso);
		if (d.has_time) {
			FUZZ_ASSERT(again.utc == d.utc && again.offset == d.offset, "a date read back is another time", iso);
		} else {
			int y1, m1, d1, y2, m2, d2;

			date_fields(&d, &y1, &m1, &d1);
			date_fields(&again, &y2, &m2, &d2);
			FUZZ_ASSERT(y1 == y2 && m1 == m2 && d1 == d2, "a date read back is another day", iso);
		}
		g_free(iso);
	}
	g_time_zone_unref(tz);
}

static void template(const char *text)
{
	static const struct template_field fields[] = {
		{ "year", "2025" }, { "month", "03" }, { "date", "2025-03-10" }, { "count", "12" }, { "from", "3月1日" },
	};
	char *bad = NULL, *out = template_fill(text, fields, G_N_ELEMENTS(fields), &bad);

	if (out) {
		FUZZ_ASSERT(!bad, "filled and also failed", bad);
		FUZZ_ASSERT(!strstr(out, "{{"), "a filled template keeps a field", out);
	} else {
		FUZZ_ASSERT(bad != NULL, "failed without naming why", text);
	}
	g_free(out);
	g_free(bad);
	(void)template_uses(text, "year");
}

static void front_matter(const char *data, size_t len)
{
	const char *bad;
	struct fm_region fr;
	int split;
	struct front_matter fm;
	char *text;

	if (!g_utf8_validate(data, (gssize)len, &bad))
		return;	/* article_read refuses these first */
	/* and makes every line end "\n" */
	text = g_malloc(len + 1);
	for (size_t i = 0, j = 0;; i++) {
		if (i == len) {
			text[j] = '\0';
			len = j;
			break;
		}
		text[j++] = data[i] == '\r' ? '\n' : data[i];
		if (data[i] == '\r' && i + 1 < len && data[i + 1] == '\n')
			i++;
	}
	fm_init(&fm);
	split = fm_split("fuzz.md", text, len, &fr);
	FUZZ_ASSERT(fr.body >= text && fr.body <= text + len && fr.body_line >= 1, "body outside the file", text);
	if (split == 1) {
		GTimeZone *tz = g_time_zone_new_utc();

		FUZZ_ASSERT(fr.text >= text && fr.text + fr.len <= text + len, "front matter outside the file", text);
		if (fm_parse("fuzz.md", &fr, tz, &fm)) {
			FUZZ_ASSERT(fm.title.line <= fr.body_line, "title line past the front matter", text);
			for (guint i = 0; i < fm.extra->len; i++) {
				const struct fm_extra *e = g_ptr_array_index(fm.extra, i);

				FUZZ_ASSERT(strlen(e->value) <= 4096 + 8, "an unused field kept unbounded", e->key);
				FUZZ_ASSERT(g_utf8_validate(e->value, -1, NULL), "an unused field cut inside a character", e->key);
			}
		}
		g_time_zone_unref(tz);
	}
	fm_clear(&fm);
	g_free(text);
}

static void state(const char *data, size_t len)
{
	char *path = fuzz_write("digest.state", data, len);

	state_close(state_open(path));
	g_free(path);
}

static void theme(const char *data, size_t len)
{
	char *path = fuzz_write("theme.yaml", data, len);
	struct theme *t = theme_load(path, NULL, false);

	if (t) {
		FUZZ_ASSERT(t->page_w - t->margin_inner - t->margin_outer >= 72
			    && t->page_h - t->margin_top - t->margin_bottom >= 72, "a theme without room for text", path);
		FUZZ_ASSERT(isfinite(t->size) && t->size >= 4 && t->size <= 72, "a text size out of range", path);
	}
	theme_free(t);
	g_free(path);
}

static void settings(const char *data, size_t len, bool digest)
{
	char *path = fuzz_write("folio.yaml", data, len);
	struct options o;

	options_init(&o);
	o.mode = digest ? MODE_DIGEST : MODE_BUILD;
	(void)options_load_file(&o, path);
	options_clear(&o);
	g_free(path);
}

static void identity(const char *text)
{
	GTimeZone *tz = g_time_zone_new_utc();
	char *k = identity_link_key(text);

	FUZZ_ASSERT(!k || g_str_has_prefix(k, "link:"), "a link key without its kind", k);
	g_free(k);
	if (g_utf8_validate(text, -1, NULL)) {
		k = identity_title_key(text, 1700000000, tz);
		FUZZ_ASSERT(k && g_str_has_prefix(k, "title:2023-11-14:"), "a title key without its day", k);
		g_free(k);
	}
	g_time_zone_unref(tz);
}

static void lengths(const char *text)
{
	double pt = -1, w = -1, h = -1;

	if (units_parse_length(text, &pt))
		FUZZ_ASSERT(isfinite(pt) && pt >= 0, "a length that is no length", text);
	if (units_parse_page_size(text, &w, &h))
		FUZZ_ASSERT(isfinite(w) && isfinite(h) && w >= 72 && h >= 72, "a page size too small", text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *rest = (const char *)data + 1;
	size_t len = size ? size - 1 : 0;
	char *text;
	gint64 seconds = 0;

	fuzz_init();
	if (size < 1)
		return 0;
	text = g_strndup(rest, len);
	switch (data[0] % 9) {
	case 0:
		dates(text);
		break;
	case 1:
		if (date_parse_span(text, &seconds))
			FUZZ_ASSERT(seconds > 0, "a span of no time", text);
		break;
	case 2:
		template(text);
		break;
	case 3:
		front_matter(rest, len);
		break;
	case 4:
		state(rest, len);
		break;
	case 5:
		theme(rest, len);
		break;
	case 6:
		settings(rest, len, data[0] & 0x80);
		break;
	case 7:
		identity(text);
		break;
	default:
		lengths(text);
		break;
	}
	g_free(text);
	diag_reset();
	return 0;
}
