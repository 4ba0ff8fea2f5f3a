/*
 * fuzz_para.c - the paragraph setter (para.c) on any UTF-8 at any width, with folio's own fonts.
 *   byte 0: align (bits 0-1), punct_width (2-3), lang (4-5), keep_spaces (6), CJK-Latin space (7)
 *   byte 1: the measure, 4 + 2 * b points;  byte 2: first-line indent in quarter em (< half the measure)
 *   the rest: the text (made valid UTF-8); bytes 0x01-0x03 switch to the body, code or large style.
 * Properties: the lines hold the text in order, each byte once; no line reaches past the measure
 * (or starts before it) unless it holds a single shaped cluster wider than the measure.
 */
#include "fuzz.h"

#include <pango/pango.h>

#include "format/fonts.h"
#include "format/pdf/para.h"

#define SLACK 0.01	/* points: rounding of Pango units */

static struct fonts *fonts;
static struct para_style styles[3];

static void setup(void)
{
	static const char *const fams[] = { "Noto Serif CJK SC, Noto Serif, Symbola",
					    "Noto Sans Mono CJK SC, DejaVu Sans Mono, Symbola",
					    "Noto Sans CJK SC, Noto Sans, Symbola" };
	static const double sizes[] = { 10.5, 8.5, 17 };

	fonts = fonts_new_quiet(FUZZ_DATADIR);
	for (int i = 0; i < 3; i++) {
		styles[i].font = pango_font_description_from_string(fams[i]);
		pango_font_description_set_size(styles[i].font, (int)(sizes[i] * PANGO_SCALE));
		styles[i].code = i == 1;
	}
}

/*
 * Shaped clusters of line l that take room: a cluster is what no break can split (a grapheme,
 * or a ligature such as the one the CJK fonts have for "——"); trailing spaces take none.
 */
static int clusters(const struct para_line *l)
{
	int count = 0;

	for (guint r = 0; r < l->runs->len; r++) {
		const struct para_run *run = g_ptr_array_index(l->runs, r);
		const PangoGlyphString *g = run->glyphs->glyphs;

		for (int i = 0; i < g->num_glyphs;) {
			int width = 0, j = i;

			for (; j < g->num_glyphs && g->log_clusters[j] == g->log_clusters[i]; j++)
				width += g->glyphs[j].geometry.width;
			count += width != 0;
			i = j;
		}
	}
	return count;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { "zh-cn", "zh-tw", "en", "ja" };
	struct para_settings set = { 0 };
	struct para *p;
	char *text;
	const char *t;
	int style = 0, n, expect = 0;
	size_t start = 0;

	fuzz_init();
	if (size < 3)
		return 0;
	if (!fonts)
		setup();
	set.align = (enum para_align)(data[0] & 3);
	set.punct = (enum punct_width)((data[0] >> 2) & 3) % 3;
	set.lang = pango_language_from_string(langs[(data[0] >> 4) & 3]);
	set.keep_spaces = data[0] & 0x40;
	set.cjk_latin_space = data[0] & 0x80 ? 0.25 : 0;
	set.width = 4 + 2.0 * data[1];
	set.indent = MIN(data[2] * 10.5 / 4, set.width / 2);
	set.line_height = 18;
	text = g_utf8_make_valid((const char *)data + 3, (gssize)(size - 3));
	p = para_new(fonts_context(fonts), &set);
	for (size_t i = 0;; i++) {
		if (text[i] == '\0' || (text[i] >= 1 && text[i] <= 3)) {
			para_add(p, text + start, (int)(i - start), &styles[style]);
			if (!text[i])
				break;
			style = text[i] - 1;
			start = i + 1;
		}
	}
	n = para_layout(p);
	t = para_text(p);
	for (int i = 0; i < n; i++) {
		const struct para_line *l = para_line(p, i);
		char evidence[512];

		g_snprintf(evidence, sizeof evidence, "measure %.2f, indent %.2f, line %d: x %.3f width %.3f: '%.*s'",
			   set.width, set.indent, i, l->x, l->width, MIN(l->end - l->start, 300), t + l->start);
		FUZZ_ASSERT(l->start == expect && l->end > l->start, "lines do not hold the text in order", evidence);
		expect = l->end;
		if (l->x + l->width > set.width + SLACK || l->x < -SLACK)
			FUZZ_ASSERT(clusters(l) <= 1, "a line reaches past the measure", evidence);
	}
	FUZZ_ASSERT(expect == (int)strlen(t), "text left out of the lines", t + expect);
	para_free(p);
	g_free(text);
	return 0;
}
