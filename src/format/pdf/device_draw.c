/* device_draw.c - what the Cairo device draws a box with: text runs, pictures (decoded once), shapes. */
#include "format/pdf/device_draw.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "base/diag.h"
#include "media/imagedecode.h"
#include "text/clreq.h"

enum { CACHE_BYTES = 64 << 20 };

static void surface_destroy(gpointer s)
{
	if (s)
		cairo_surface_destroy(s);
}

void draw_images_init(struct draw_images *im)
{
	im->surfaces = g_hash_table_new_full(NULL, NULL, NULL, surface_destroy);
	im->bytes = 0;
}

void draw_images_clear(struct draw_images *im)
{
	if (im->surfaces)
		g_hash_table_destroy(im->surfaces);
	im->surfaces = NULL;
}

void draw_set_color(cairo_t *cr, guint32 rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* ---- text ---- */

/* CLREQ emphasis dots (着重号): a small dot centred under each Han character or kana of the run. */
static void emphasis_dots(cairo_t *cr, const char *text, const struct para_run *r, double x, double y)
{
	const PangoGlyphString *g = r->glyphs->glyphs;
	const PangoItem *item = r->glyphs->item;
	double size = pango_font_description_get_size(r->style->font) / (double)PANGO_SCALE;
	double gx = x;

	for (int i = 0; i < g->num_glyphs; i++) {
		double w = g->glyphs[i].geometry.width / (double)PANGO_SCALE;
		gunichar u = g_utf8_get_char(text + item->offset + g->log_clusters[i]);
		bool first_of_cluster = i == 0 || g->log_clusters[i] != g->log_clusters[i - 1];

		if (first_of_cluster && g_unichar_isalpha(u) && clreq_is_cjk(u)) {
			/* Centred on the em box, not on the glyph's advance (which carries justification). */
			cairo_arc(cr, gx + size * 0.5, y + size * 0.3, size * 0.07, 0, 2 * G_PI);
			cairo_fill(cr);
		}
		gx += w;
	}
}

void draw_hyphen(cairo_t *cr, const struct box *b, const struct para_line *l)
{
	if (!l->hyphen)
		return;
	draw_set_color(cr, l->hyphen_style->color);
	cairo_move_to(cr, b->x + l->x + l->hyphen_x, b->y - l->hyphen_style->rise);
	pango_cairo_show_glyph_string(cr, l->hyphen_font, l->hyphen);
}

double draw_hyphen_after(const struct para_line *l, const struct para_run *r)
{
	/* (the hyphen follows the line's last run: para.c sets it after the word's last letter) */
	return l->hyphen && r == g_ptr_array_index(l->runs, l->runs->len - 1) ? l->width - l->hyphen_x : 0;
}

void draw_run(cairo_t *cr, const struct box *b, const struct para_line *l, const struct para_run *r)
{
	const char *text = para_text(b->lp->para);
	double x = b->x + l->x + r->x, y = b->y - r->style->rise;

	draw_set_color(cr, r->style->color);
	cairo_move_to(cr, x, y);
	pango_cairo_show_glyph_item(cr, text, r->glyphs);
	if (r->style->dots)
		emphasis_dots(cr, text, r, x, y);
	if (r->style->strike || r->style->underline) {
		double size = pango_font_description_get_size(r->style->font) / (double)PANGO_SCALE;
		double ly = r->style->strike ? y - size * 0.3 : y + size * 0.12;

		cairo_rectangle(cr, x, ly, r->width, size * 0.06);
		cairo_fill(cr);
	}
}

/* ---- pictures ---- */

static cairo_surface_t *image_for(struct draw_images *im, const struct resource *r)
{
	cairo_surface_t *s;

	if (g_hash_table_contains(im->surfaces, r))
		return g_hash_table_lookup(im->surfaces, r);
	if (im->bytes > CACHE_BYTES) {
		g_hash_table_remove_all(im->surfaces);
		im->bytes = 0;
	}
	s = imagedecode_surface(r->path, r->id);
	if (!s)
		diag_warn(r->path, 0, "this image cannot be decoded; an empty frame is printed instead");
	g_hash_table_insert(im->surfaces, (gpointer)r, s);
	if (s)
		im->bytes += (gsize)cairo_image_surface_get_stride(s) * cairo_image_surface_get_height(s);
	return s;
}

void draw_image(cairo_t *cr, struct draw_images *im, const struct box *b, bool fill, double grow)
{
	cairo_surface_t *s = image_for(im, b->res);
	double iw, ih, scale, x = b->x - grow, y = b->y - grow, w = b->w + 2 * grow, h = b->h + 2 * grow;

	if (!s) {
		cairo_save(cr);
		cairo_set_line_width(cr, 0.8);
		draw_set_color(cr, 0x999999);
		cairo_rectangle(cr, b->x + 0.4, b->y + 0.4, b->w - 0.8, b->h - 0.8);
		cairo_stroke(cr);
		cairo_restore(cr);
		return;
	}
	iw = cairo_image_surface_get_width(s);
	ih = cairo_image_surface_get_height(s);
	/* A cover fills its page (cut at the edges); other images are placed in their box. */
	scale = fill ? fmax(w / iw, h / ih) : fmin(w / iw, h / ih);
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	cairo_translate(cr, x + (w - iw * scale) / 2, y + (h - ih * scale) / 2);
	cairo_scale(cr, scale, scale);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_restore(cr);
}

void draw_shape(cairo_t *cr, const struct box *b)
{
	draw_set_color(cr, b->color);
	cairo_rectangle(cr, b->x, b->y, b->w, b->h);
	if (b->kind == BOX_FRAME) {
		cairo_set_line_width(cr, b->lw);
		cairo_stroke(cr);
	} else {
		cairo_fill(cr);
	}
}
