/* cover.c - the cover: the user's image, or title, dates and count drawn with Pango on Cairo. */
#include "format/cover.h"
#include "text/l10n.h"

#include <pango/pangocairo.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "format/fonts.h"
#include "read/resources.h"
#include "cli/writer.h"
#include "base/xmlesc.h"
#include "base/langtag.h"

enum { COVER_PNG_WIDTH = 1600, COVER_PNG_HEIGHT = 2400 };

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

	fonts_use_own_faces();	/* the book's faces, not a second copy of them */
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

void cover_draw_styled(cairo_t *cr, const struct book *b, double W, double H, const struct cover_style *s)
{
	double margin = W * 0.12, width = W - 2 * margin, y;
	GString *facts = g_string_new(NULL);

	cairo_save(cr);
	cairo_rectangle(cr, 0, 0, W, H);
	cairo_set_source_rgb(cr, s->paper[0], s->paper[1], s->paper[2]);
	cairo_fill(cr);
	/* A band at the head and the foot, as on a paperback. */
	cairo_set_source_rgb(cr, s->accent[0], s->accent[1], s->accent[2]);
	cairo_rectangle(cr, 0, 0, W, H * 0.045);
	cairo_rectangle(cr, 0, H * 0.955, W, H * 0.045);
	cairo_fill(cr);

	y = H * 0.22;
	y += draw_text(cr, b, b->title && *b->title ? b->title : "folio", s->title_family, W * 0.085, s->title_bold,
		       margin, y, width, s->ink, 4);
	y += W * 0.05;
	cairo_set_source_rgb(cr, s->accent[0], s->accent[1], s->accent[2]);
	cairo_rectangle(cr, W * 0.42, y, W * 0.16, MAX(W * 0.004, 0.5));
	cairo_fill(cr);
	y += W * 0.06;
	if (b->subtitle && *b->subtitle)
		y += draw_text(cr, b, b->subtitle, s->text_family, W * 0.042, false, margin, y, width, s->ink, 3)
		     + W * 0.03;
	/* The same words as the title page: "2025年2月13日 – 2025年3月1日 · 共 4 篇". */
	if (b->first.valid && b->last.valid)
		l10n_date_range(facts, &b->first, &b->last, cjk_book(b) && !cjk_region(b->lang) ? "zh" : b->lang);
	if (facts->len)
		g_string_append(facts, " · ");
	l10n_article_count(facts, cjk_book(b) && !cjk_region(b->lang) ? "zh" : b->lang, b->articles->len);
	draw_text(cr, b, facts->str, s->text_family, W * 0.032, false, margin, y, width, s->muted, 2);
	if (b->author && *b->author)
		draw_text(cr, b, b->author, s->text_family, W * 0.038, false, margin, H * 0.84, width, s->ink, 2);
	cairo_restore(cr);
	g_string_free(facts, TRUE);
}

void cover_draw(cairo_t *cr, const struct book *b, double width_pt, double height_pt)
{
	struct cover_style s;

	cover_style_for_lang(b->lang, &s);
	cover_draw_styled(cr, b, width_pt, height_pt, &s);
}

static void png_append(png_structp png, png_bytep data, png_size_t len)
{
	g_byte_array_append(png_get_io_ptr(png), data, (guint)len);
}

static void png_no_flush(png_structp png)
{
	(void)png;
}

/*
 * The drawn cover as PNG bytes, written with libpng without adaptive row filters and at zlib
 * level 1: flat colour and text compress nearly as well, in a fraction of the time (Cairo's own
 * PNG writer took half of a 200-article EPUB build). NULL on failure.
 */
static GBytes *cover_png(cairo_surface_t *surface)
{
	int w = cairo_image_surface_get_width(surface), h = cairo_image_surface_get_height(surface);
	int stride = cairo_image_surface_get_stride(surface);
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	GByteArray *out = g_byte_array_new();
	guchar *row = g_malloc((size_t)w * 3);
	const unsigned char *src;

	if (!info || setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, info ? &info : NULL);
		g_byte_array_free(out, TRUE);
		g_free(row);
		return NULL;
	}
	png_set_write_fn(png, out, png_append, png_no_flush);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_compression_level(png, 1);
	png_write_info(png, info);
	src = cairo_image_surface_get_data(surface);
	for (int y = 0; y < h; y++) {
		const guint32 *in = (const guint32 *)(src + (size_t)y * stride);

		for (int x = 0; x < w; x++) {
			row[3 * x] = (guchar)(in[x] >> 16);
			row[3 * x + 1] = (guchar)(in[x] >> 8);
			row[3 * x + 2] = (guchar)in[x];
		}
		png_write_row(png, row);
	}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	g_free(row);
	return g_byte_array_free_to_bytes(out);
}

/* The drawn cover's pixels, turned into a PNG file on a thread of its own. */
struct cover_png_job {
	cairo_surface_t *surface;
	char *path;
	GThread *thread;
	bool ok;
};

static gpointer write_cover_png(gpointer data)
{
	struct cover_png_job *j = data;
	GBytes *png = cover_png(j->surface);

	j->ok = png && g_file_set_contents(j->path, g_bytes_get_data(png, NULL), (gssize)g_bytes_get_size(png), NULL);
	if (png)
		g_bytes_unref(png);
	return NULL;
}

/*
 * Draw the cover (Pango and the fonts stay on this thread) and start writing its PNG: encoding
 * 1600x2400 pixels takes as long as rendering a hundred articles, so it runs beside them.
 */
static struct resource *drawn_cover(struct book *b)
{
	cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, COVER_PNG_WIDTH, COVER_PNG_HEIGHT);
	cairo_t *cr = cairo_create(surface);
	struct resource *r = resources_add_later(b, "img-cover", "png", "image/png", COVER_PNG_WIDTH, COVER_PNG_HEIGHT);
	struct cover_png_job *j;

	cover_draw(cr, b, COVER_PNG_WIDTH, COVER_PNG_HEIGHT);
	cairo_destroy(cr);
	cairo_surface_flush(surface);
	if (!r) {
		diag_warn(NULL, 0, "the cover could not be drawn: no temporary folder; the book has no cover image");
		cairo_surface_destroy(surface);
		return NULL;
	}
	j = g_new0(struct cover_png_job, 1);
	j->surface = surface;
	j->path = g_strdup(r->path);
	j->thread = g_thread_new("cover", write_cover_png, j);
	b->cover_job = j;
	return r;
}

bool cover_finish(const struct book *b)
{
	struct cover_png_job *j = b->cover_job;

	if (!j)
		return true;
	if (j->thread) {
		g_thread_join(j->thread);
		j->thread = NULL;
		cairo_surface_destroy(j->surface);
		j->surface = NULL;
	}
	return j->ok;
}

void cover_free(struct book *b)
{
	cover_finish(b);
	if (b->cover_job) {
		g_free(b->cover_job->path);
		g_free(b->cover_job);
		b->cover_job = NULL;
	}
}

void cover_resolve(struct book *b)
{
	const char *why = NULL;
	char *real;

	if (b->opts->cover) {
		real = realpath(b->opts->cover, NULL);
		if (!real) {
			diag_warn(b->opts->cover, 0, "cover image does not exist; a cover is drawn instead");
		} else {
			b->cover_res = resources_add_file(b, real, &why);
			if (!b->cover_res)
				diag_warn(b->opts->cover, 0, "cover image %s; a cover is drawn instead", why);
			else
				b->cover = g_strdup(real);
			free(real);
		}
	}
	if (!b->cover_res) {
		/* Drawn: as vectors by the PDF, and as a PNG only for an EPUB being written. */
		b->cover_drawn = true;
		if (writer_outputs_use(b->opts->outputs, b->opts->to, FORMAT_EPUB))
			b->cover_res = drawn_cover(b);
	}
}
