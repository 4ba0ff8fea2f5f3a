/* cover.c - the drawn cover: title, dates, count and author set with Pango on Cairo, for every back end. */
#include "format/cover.h"
#include "text/l10n.h"

#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "base/langtag.h"
#include "base/xmlesc.h"
#include "format/fonts.h"
#include "text/clreq.h"
#include "text/textnorm.h"

/* The space between Han and Latin letters or digits on the cover: CLREQ's quarter em, the books' default. */
#define CJK_LATIN_SPACE 0.25

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
	/*
	 * A non-CJK book (und counts as CJK: most collections are Chinese) gets Noto's Latin faces,
	 * and for Han in them (a Chinese title of an English site) the Simplified Chinese ones, as
	 * the title page and the text have: fontconfig's choice was Japanese forms.
	 */
	bool latin = lang && !region && strcmp(lang, "und");

	s->title_family = latin ? "Noto Serif, Noto Serif CJK SC" : serif[0];
	s->text_family = latin ? "Noto Sans, Noto Sans CJK SC" : sans[0];
	s->title_bold = latin;
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


/*
 * Where a cover's text may break into lines at its best: Pango would break Chinese between any
 * two characters ("阅读 / 器", "的中 / 文"), and gives no word boundaries for it. So a break
 * falls only where a reader pauses anyway: at a space; after a pause, stop or closing mark (，：」）);
 * before an opening mark (「《（); after the particle 的, which ends a phrase; before the
 * conjunctions 与 和 及, which open one (not in 以及). Particles that also begin words (之路, 了解,
 * 或许) are not used, nor a break after a conjunction (和平). A text of facts marks its breaks
 * itself (BREAK_HERE: between a date range's ends, before the article count), and breaks only
 * there: never inside a date ("2022 年 / 3 月 28 日"); with dots_only, only at the marks before a
 * " · " (the range kept whole). Returns the byte offsets where a line may start (0 first, then
 * ascending).
 */
#define BREAK_HERE "\u200B"
static GArray *phrase_starts(const char *text, bool dots_only)
{
	static const char after[] = "的", before[] = "与和及";
	GArray *starts = g_array_new(FALSE, FALSE, sizeof(int));
	int zero = 0;
	gunichar prev = 0;
	bool marked = strstr(text, BREAK_HERE) != NULL;

	g_array_append_val(starts, zero);
	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);
		bool ok = false;

		if (marked) {
			const char *next = p + strlen(BREAK_HERE);

			if (p > text && !strncmp(p, BREAK_HERE, strlen(BREAK_HERE))
			    && (!dots_only || g_str_has_prefix(next, " \u00B7"))) {
				int at = (int)(p - text);

				g_array_append_val(starts, at);
			}
			continue;
		}
		if (p == text || u == ' ') {
			prev = u;
			continue;
		}
		if (prev == ' ')
			ok = true;
		else if (clreq_no_line_start(u) || clreq_no_line_end(prev) || clreq_inseparable(prev, u))
			ok = false;
		else if (clreq_class(prev) >= CLREQ_CLOSE && clreq_class(prev) <= CLREQ_STOP && clreq_is_cjk(prev))
			ok = true;
		else if (clreq_no_line_end(u) && clreq_is_cjk(u))
			ok = true;
		else if (clreq_is_han(prev) && clreq_is_han(u))
			ok = (g_utf8_strchr(after, -1, prev) && g_utf8_get_char(g_utf8_next_char(p)))
			     || (g_utf8_strchr(before, -1, u) && prev != 0x4EE5);	/* 以及 */
		if (ok) {
			int at = (int)(p - text);

			g_array_append_val(starts, at);
		}
		prev = u;
	}
	return starts;
}

/*
 * text[*from, *to) as a line shows it: without the spaces and break marks at its ends, nor the
 * separator (" · ") just after a break mark at its start.
 */
static void trim_piece(const char *text, int *from, int *to)
{
	size_t mark = strlen(BREAK_HERE), dot = strlen("\u00B7");

	bool marked = false;

	for (;;) {
		if (*from < *to && text[*from] == ' ')
			(*from)++;
		else if (*to - *from >= (int)mark && !strncmp(text + *from, BREAK_HERE, mark))
			*from += (int)mark, marked = true;
		else if (marked && *to - *from >= (int)dot && !strncmp(text + *from, "\u00B7", dot))
			*from += (int)dot, marked = false;
		else
			break;
	}
	for (;;) {
		if (*to > *from && text[*to - 1] == ' ')
			(*to)--;
		else if (*to - *from >= (int)mark && !strncmp(text + *to - mark, BREAK_HERE, mark))
			*to -= (int)mark;
		else
			break;
	}
}

/* Width of text[from, to) as a line shows it (trim_piece), set in layout's font. */
static double piece_width(PangoLayout *layout, const char *text, int from, int to)
{
	int w, h;

	trim_piece(text, &from, &to);
	pango_layout_set_width(layout, -1);
	pango_layout_set_text(layout, text + from, to - from);
	pango_layout_get_size(layout, &w, &h);
	return (double)w / PANGO_SCALE;
}

/*
 * The text in as few lines as fit in width (at most max_lines), broken only at phrase_starts and
 * balanced: of those breaks, the ones that make the longest line shortest. Returns the lines
 * joined by "\n", or NULL when no such breaking fits.
 */
static char *phrase_lines(PangoLayout *layout, const char *text, double width, int max_lines, bool dots_only)
{
	GArray *at = phrase_starts(text, dots_only);
	int n = (int)at->len, end = (int)strlen(text), best_k = -1;
	/* w[i][j]: the line holding pieces i..j-1; cost[k][j]: the longest line of the best k lines up to j */
	double *w = g_new(double, (n + 1) * (n + 1)), *cost = g_new(double, (max_lines + 1) * (n + 1));
	int *from = g_new(int, (max_lines + 1) * (n + 1));
	char *lines = NULL;

#define OFF(i) ((i) < n ? g_array_index(at, int, i) : end)
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j <= n; j++)
			w[i * (n + 1) + j] = piece_width(layout, text, OFF(i), OFF(j));
	for (int k = 0; k <= max_lines; k++)
		for (int j = 0; j <= n; j++)
			cost[k * (n + 1) + j] = k == 0 && j == 0 ? 0 : G_MAXDOUBLE;
	for (int k = 1; k <= max_lines && best_k < 0; k++) {
		for (int j = 1; j <= n; j++)
			for (int i = 0; i < j; i++) {
				double prev = cost[(k - 1) * (n + 1) + i], line = w[i * (n + 1) + j];
				double c = MAX(prev, line);

				if (prev < G_MAXDOUBLE && line <= width && c < cost[k * (n + 1) + j]) {
					cost[k * (n + 1) + j] = c;
					from[k * (n + 1) + j] = i;
				}
			}
		if (cost[k * (n + 1) + n] < G_MAXDOUBLE)
			best_k = k;
	}
	if (best_k > 0) {
		GPtrArray *parts = g_ptr_array_new_with_free_func(g_free);

		for (int k = best_k, j = n; k > 0; k--) {
			int i = from[k * (n + 1) + j], a = OFF(i), b = OFF(j);

			trim_piece(text, &a, &b);
			g_ptr_array_insert(parts, 0, g_strndup(text + a, b - a));
			j = i;
		}
		g_ptr_array_add(parts, NULL);
		lines = g_strjoinv("\n", (char **)parts->pdata);
		g_ptr_array_free(parts, TRUE);
	}
#undef OFF
	g_free(w);
	g_free(cost);
	g_free(from);
	g_array_free(at, TRUE);
	return lines;
}

/* s without its break marks (BREAK_HERE), in place: the lines are drawn as text and read back. */
static void drop_marks(char *s)
{
	size_t mark = strlen(BREAK_HERE);
	char *out = s;

	for (const char *in = s; *in;)
		if (!strncmp(in, BREAK_HERE, mark))
			in += mark;
		else
			*out++ = *in++;
	*out = '\0';
}

/* Each U+2005 FOUR-PER-EM SPACE of s made a plain space, in place. */
static void plain_spaces(char *s)
{
	char *out = s;

	for (const char *in = s; *in;)
		if (!strncmp(in, "\u2005", 3)) {
			*out++ = ' ';
			in += 3;
		} else {
			*out++ = *in++;
		}
	*out = '\0';
}

/*
 * A centred paragraph of text in family at size (user units), wrapped to width; returns its
 * height. Lines break between phrases (phrase_lines) at the largest size down to 0.6 of the one
 * asked for; only a text that cannot be broken so (a phrase wider than the cover) is left to
 * Pango's breaking, shrunk until it fits in max_lines and balanced.
 */
static double draw_text(cairo_t *cr, PangoContext *like, const struct book *b, const char *text, const char *family,
			double size, bool bold, double x, double y, double width, const double rgb[3], int max_lines)
{
	PangoContext *ctx = like ? pango_font_map_create_context(pango_context_get_font_map(like))
				 : pango_cairo_create_context(cr);
	PangoLayout *layout;
	PangoFontDescription *fd = pango_font_description_new();
	cairo_font_options_t *fo = cairo_font_options_create();
	/* Only characters a PDF surface takes: Cairo draws nothing after a noncharacter. */
	char *clean = xml_clean_text(text, -1);
	GString *spaced = g_string_new(NULL);
	char *lines = NULL;
	double asked = size;
	int w, h;

	if (like) {
		/* Exactly the book's options (not merged with the surface's): the same font faces. */
		pango_cairo_context_set_font_options(ctx, pango_cairo_context_get_font_options(like));
		pango_context_set_round_glyph_positions(ctx, pango_context_get_round_glyph_positions(like));
	} else {
		/* The same outlines at every size and on every surface: no hinting. */
		cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
		cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
		cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
		pango_cairo_update_context(cr, ctx);
		pango_cairo_context_set_font_options(ctx, fo);
	}
	/*
	 * Han and Latin letters or digits apart, as the title page and the text set them: by a plain
	 * space, which is about a quarter em. Not U+2005: fonts without it draw the space's glyph,
	 * and Cairo names a glyph by the first text drawn with it: every space of the book after the
	 * cover would read as U+2005 (a search for "figures from" found nothing).
	 */
	textnorm_cjk_spacing(spaced, clean ? clean : text, -1, 0, 0, false, CJK_LATIN_SPACE);
	g_free(clean);
	clean = g_string_free(spaced, FALSE);
	plain_spaces(clean);
	layout = pango_layout_new(ctx);
	g_object_unref(ctx);
	if (b->lang && strcmp(b->lang, "und"))
		pango_context_set_language(pango_layout_get_context(layout), pango_language_from_string(b->lang));
	pango_layout_context_changed(layout);
	pango_font_description_set_family(fd, family);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	for (; size >= asked * 0.6 && !lines; size *= 0.85) {
		pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
		pango_layout_set_font_description(layout, fd);
		/* Facts break between the range and the count, and only when that will not do, in the range. */
		lines = phrase_lines(layout, clean ? clean : text, width, max_lines, true);
		if (!lines && strstr(clean ? clean : text, BREAK_HERE))
			lines = phrase_lines(layout, clean ? clean : text, width, max_lines, false);
		if (lines)
			break;
	}
	if (lines)
		drop_marks(lines);
	else if (clean)
		drop_marks(clean);
	if (lines) {
		pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
		pango_layout_set_text(layout, lines, -1);
	} else {
		/* Long titles shrink until they fit in max_lines. */
		for (size = asked;; size *= 0.85) {
			pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
			pango_layout_set_font_description(layout, fd);
			pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
			pango_layout_set_text(layout, clean ? clean : text, -1);
			if (pango_layout_get_line_count(layout) <= max_lines || size < 8)
				break;
		}
		if (pango_layout_get_line_count(layout) > max_lines) {
			pango_layout_set_height(layout, -max_lines);
			pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
		} else if (pango_layout_get_line_count(layout) > 1) {
			/* Balanced lines: the narrowest width that needs no more lines, centred in the full one
			   (not a full line and a word or two under it). */
			int n = pango_layout_get_line_count(layout);
			double lo = width / (n + 1), hi = width;

			for (int i = 0; i < 14; i++) {
				double mid = (lo + hi) / 2;

				pango_layout_set_width(layout, (int)(mid * PANGO_SCALE));
				if (pango_layout_get_line_count(layout) > n)
					lo = mid;
				else
					hi = mid;
			}
			pango_layout_set_width(layout, (int)(hi * PANGO_SCALE));
			x += (width - hi) / 2;
		}
	}
	pango_layout_get_size(layout, &w, &h);
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, layout);
	pango_font_description_free(fd);
	cairo_font_options_destroy(fo);
	g_object_unref(layout);
	g_free(lines);
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
	height = draw_text(cr, h ? h->like : NULL, b, text, family, size, bold, x, y, width, rgb, max_lines);
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
	/*
	 * The same words as the title page: "2025年2月13日—2025年3月1日 · 共 4 篇", broken (when
	 * they take two lines) after the range's dash or in place of the dot, never inside a date.
	 */
	if (b->first.valid && b->last.valid) {
		gssize at = l10n_date_range(facts, &b->first, &b->last, b->lang);

		if (at >= 0)
			g_string_insert(facts, at, BREAK_HERE);
	}
	if (facts->len)
		g_string_append(facts, BREAK_HERE " \u00B7 ");
	l10n_article_count(facts, b->lang, b->articles->len);
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
	cover_draw_hooked(cr, b, width_pt, height_pt, NULL);
}
