/* cover.c - the drawn cover: title, dates, count and author set with Pango on Cairo, for every back end. */
#include "format/cover.h"
#include "text/l10n.h"

#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "base/langtag.h"
#include "base/xmlesc.h"
#include "format/fonts.h"

/* Which Noto CJK face suits the language: SC, TC, HK, JP or KR; NULL for non-CJK text. */
static const char *cjk_region(const char *lang)
{
	return lang ? langtag_region(langtag_writing(lang)) : "SC";
}

void cover_style_for_lang(const char *lang, struct cover_style *s)
{
	static const char *serif[] = { "Noto Serif CJK SC", "Noto Serif CJK TC", "Noto Serif CJK HK",
				       "Noto Serif CJK JP", "Noto Serif CJK KR" };
	static const char *sans[] = { "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans CJK HK",
				      "Noto Sans CJK JP", "Noto Sans CJK KR" };
	static const char *regions[] = { "SC", "TC", "HK", "JP", "KR" };
	const char *region = cjk_region(lang);

	memset(s, 0, sizeof *s);
	/* A non-CJK book (und counts as CJK: most collections are Chinese) gets Noto's Latin faces. */
	s->title_family = lang && !region && strcmp(lang, "und") ? "Noto Serif" : serif[0];
	s->text_family = lang && !region && strcmp(lang, "und") ? "Noto Sans" : sans[0];
	s->title_bold = !strcmp(s->title_family, "Noto Serif");
	for (size_t i = 0; region && i < G_N_ELEMENTS(regions); i++)
		if (!strcmp(region, regions[i])) {
			s->title_family = serif[i];
			s->text_family = sans[i];
		}
	/* Paper, ink and a vermilion that stay readable in greyscale on e-ink. */
	s->paper[0] = 0.957, s->paper[1] = 0.937, s->paper[2] = 0.898;
	s->ink[0] = 0.11, s->ink[1] = 0.11, s->ink[2] = 0.13;
	s->muted[0] = 0.36, s->muted[1] = 0.35, s->muted[2] = 0.34;
	s->accent[0] = 0.62, s->accent[1] = 0.16, s->accent[2] = 0.13;
}

static bool cjk_book(const struct book *b)
{
	return !b->lang || !strcmp(b->lang, "und") || cjk_region(b->lang);
}


/* A centred paragraph of text in family at size (user units), wrapped to width; returns its height. */
static double draw_text(cairo_t *cr, const struct book *b, const char *text, const char *family, double size,
			bool bold, double x, double y, double width, const double rgb[3], int max_lines)
{
	PangoLayout *layout;
	PangoFontDescription *fd = pango_font_description_new();
	cairo_font_options_t *fo = cairo_font_options_create();
	/* Only characters a PDF surface takes: Cairo draws nothing after a noncharacter. */
	char *clean = xml_clean_text(text, -1);
	int w, h;

	layout = pango_cairo_create_layout(cr);

	/* The same outlines at every size and on every surface: no hinting. */
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(pango_layout_get_context(layout), fo);
	if (b->lang && strcmp(b->lang, "und"))
		pango_context_set_language(pango_layout_get_context(layout), pango_language_from_string(b->lang));
	pango_layout_context_changed(layout);
	pango_font_description_set_family(fd, family);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	/* Long titles shrink until they fit in max_lines. */
	for (;;) {
		pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
		pango_layout_set_font_description(layout, fd);
		pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
		pango_layout_set_text(layout, clean ? clean : text, -1);
		if (pango_layout_get_line_count(layout) <= max_lines || size < 8)
			break;
		size *= 0.85;
	}
	if (pango_layout_get_line_count(layout) > max_lines) {
		pango_layout_set_height(layout, -max_lines);
		pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
	} else if (pango_layout_get_line_count(layout) > 1) {
		/* Balanced lines: the narrowest width that needs no more lines, centred in the full one
		   (not a full line and a word or two under it). */
		int lines = pango_layout_get_line_count(layout);
		double lo = width / (lines + 1), hi = width;

		for (int i = 0; i < 14; i++) {
			double mid = (lo + hi) / 2;

			pango_layout_set_width(layout, (int)(mid * PANGO_SCALE));
			if (pango_layout_get_line_count(layout) > lines)
				lo = mid;
			else
				hi = mid;
		}
		pango_layout_set_width(layout, (int)(hi * PANGO_SCALE));
		x += (width - hi) / 2;
	}
	pango_layout_get_size(layout, &w, &h);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, layout);
	pango_font_description_free(fd);
	cairo_font_options_destroy(fo);
	g_object_unref(layout);
	g_free(clean);
	return (double)h / PANGO_SCALE;
}

/* A text of the cover, between the hooks' marks. */
static double hooked_text(const struct cover_hooks *h, cairo_t *cr, const struct book *b, const char *text,
			  const char *family, double size, bool bold, double x, double y, double width, const double rgb[3],
			  int max_lines)
{
	double height;

	if (h && h->text)
		h->text(h->data, true);
	height = draw_text(cr, b, text, family, size, bold, x, y, width, rgb, max_lines);
	if (h && h->text)
		h->text(h->data, false);
	return height;
}

static void draw_cover(cairo_t *cr, const struct book *b, double W, double H, const struct cover_style *s,
		       const struct cover_hooks *h)
{
	double margin = W * 0.12, width = W - 2 * margin, y;
	GString *facts = g_string_new(NULL);

	double bleed = h ? h->bleed : 0;

	cairo_save(cr);
	/* The paper and the bands touch the edges: in print they run on into the bleed. */
	cairo_rectangle(cr, -bleed, -bleed, W + 2 * bleed, H + 2 * bleed);
	cairo_set_source_rgb(cr, s->paper[0], s->paper[1], s->paper[2]);
	cairo_fill(cr);
	/* A band at the head and the foot, as on a paperback. */
	cairo_set_source_rgb(cr, s->accent[0], s->accent[1], s->accent[2]);
	cairo_rectangle(cr, -bleed, -bleed, W + 2 * bleed, H * 0.045 + bleed);
	cairo_rectangle(cr, -bleed, H * 0.955, W + 2 * bleed, H * 0.045 + bleed);
	cairo_fill(cr);

	y = H * 0.22;
	y += hooked_text(h, cr, b, b->title && *b->title ? b->title : "folio", s->title_family, W * 0.085, s->title_bold,
			 margin, y, width, s->ink, 4);
	y += W * 0.05;
	cairo_set_source_rgb(cr, s->accent[0], s->accent[1], s->accent[2]);
	cairo_rectangle(cr, W * 0.42, y, W * 0.16, MAX(W * 0.004, 0.5));
	cairo_fill(cr);
	y += W * 0.06;
	if (b->subtitle && *b->subtitle)
		y += hooked_text(h, cr, b, b->subtitle, s->text_family, W * 0.042, false, margin, y, width, s->ink, 3)
		     + W * 0.03;
	/* The same words as the title page: "2025年2月13日 – 2025年3月1日 · 共 4 篇". */
	if (b->first.valid && b->last.valid)
		l10n_date_range(facts, &b->first, &b->last, cjk_book(b) && !cjk_region(b->lang) ? "zh" : b->lang);
	if (facts->len)
		g_string_append(facts, " · ");
	l10n_article_count(facts, cjk_book(b) && !cjk_region(b->lang) ? "zh" : b->lang, b->articles->len);
	hooked_text(h, cr, b, facts->str, s->text_family, W * 0.032, false, margin, y, width, s->muted, 2);
	if (b->author && *b->author)
		hooked_text(h, cr, b, b->author, s->text_family, W * 0.038, false, margin, H * 0.84, width, s->ink, 2);
	cairo_restore(cr);
	g_string_free(facts, TRUE);
}

void cover_draw_styled(cairo_t *cr, const struct book *b, double W, double H, const struct cover_style *s)
{
	/* Its layouts load fonts: under the fonts' lock (format/fonts.h). */
	fonts_lock();
	draw_cover(cr, b, W, H, s, NULL);
	fonts_unlock();
}

void cover_draw_hooked(cairo_t *cr, const struct book *b, double width_pt, double height_pt, const struct cover_hooks *h)
{
	struct cover_style s;

	cover_style_for_lang(b->lang, &s);
	fonts_lock();
	draw_cover(cr, b, width_pt, height_pt, &s, h);
	fonts_unlock();
}

void cover_draw(cairo_t *cr, const struct book *b, double width_pt, double height_pt)
{
	struct cover_style s;

	cover_style_for_lang(b->lang, &s);
	cover_draw_styled(cr, b, width_pt, height_pt, &s);
}
