/* device_cairo.c - draws finished pages into Cairo's PDF surface: text, images, links, outline, metadata. */
#include "format/pdf/device.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "text/clreq.h"
#include "format/cover.h"
#include "base/date.h"
#include "base/diag.h"
#include "media/imagedecode.h"
#include "format/pdf/pdf_fixup.h"
#include "base/version.h"
#include "base/xmlesc.h"

enum { MAX_LEVELS = 8, CACHE_BYTES = 64 << 20 };

struct cdev {
	struct device d;
	FILE *fp;
	const char *path;		/* the output's name, for messages */
	cairo_surface_t *surface;
	cairo_t *cr;
	const struct book *book;	/* for the generated cover */
	bool write_failed;
	int write_errno;		/* why the first failed write failed (a full disk, a file-size limit) */
	int outline[MAX_LEVELS];	/* the last outline entry at each level */
	GHashTable *images;		/* const struct resource * -> cairo_surface_t * (or NULL: cannot draw) */
	gsize cached;
};

static cairo_status_t write_fp(void *closure, const unsigned char *data, unsigned int length)
{
	struct cdev *c = closure;

	if (fwrite(data, 1, length, c->fp) != length) {
		if (!c->write_failed)
			c->write_errno = errno;
		c->write_failed = true;
		return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static void set_color(cairo_t *cr, guint32 rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* A value for a Cairo tag attribute: single-quoted, with ' and \ escaped, only characters Cairo takes. */
static void quote_attr(GString *s, const char *value)
{
	char *clean = xml_clean_text(value, -1);

	g_string_append_c(s, '\'');
	for (const char *v = clean ? clean : value; *v; v++) {
		if (*v == '\'' || *v == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *v);
	}
	g_string_append_c(s, '\'');
	g_free(clean);
}

/* Document metadata, only characters Cairo takes (one noncharacter would fail the whole file). */
static void set_metadata(cairo_surface_t *surface, cairo_pdf_metadata_t key, const char *value)
{
	char *clean = xml_clean_text(value, -1);

	cairo_pdf_surface_set_metadata(surface, key, clean ? clean : value);
	g_free(clean);
}

/* "uri='...'" or "dest='...'" for a link target ("#name" is inside the book). */
static GString *link_attrs(const char *target)
{
	GString *s = g_string_new(NULL);

	if (target[0] == '#') {
		g_string_append(s, "dest=");
		quote_attr(s, target + 1);
	} else {
		g_string_append(s, "uri=");
		quote_attr(s, target);
	}
	return s;
}

/* ---- images ---- */

static cairo_surface_t *image_for(struct cdev *c, const struct resource *r)
{
	cairo_surface_t *s;

	if (g_hash_table_contains(c->images, r))
		return g_hash_table_lookup(c->images, r);
	if (c->cached > CACHE_BYTES) {
		g_hash_table_remove_all(c->images);
		c->cached = 0;
	}
	s = imagedecode_surface(r->path, r->id);
	if (!s)
		diag_warn(r->path, 0, "this image cannot be decoded; an empty frame is printed instead");
	g_hash_table_insert(c->images, (gpointer)r, s);
	if (s && !strcmp(r->media_type, "image/jpeg"))
		c->cached += 1024;
	else if (s)
		c->cached += (gsize)cairo_image_surface_get_stride(s) * cairo_image_surface_get_height(s);
	return s;
}

static void draw_image(struct cdev *c, const struct box *b, bool fill_page)
{
	cairo_t *cr = c->cr;
	cairo_surface_t *s = image_for(c, b->res);
	double iw, ih, scale;

	if (!s) {
		cairo_save(cr);
		cairo_set_line_width(cr, 0.8);
		set_color(cr, 0x999999);
		cairo_rectangle(cr, b->x + 0.4, b->y + 0.4, b->w - 0.8, b->h - 0.8);
		cairo_stroke(cr);
		cairo_restore(cr);
		return;
	}
	iw = cairo_image_surface_get_width(s);
	ih = cairo_image_surface_get_height(s);
	/* A cover fills its page (cut at the edges); other images are placed in their box. */
	scale = fill_page ? fmax(b->w / iw, b->h / ih) : fmin(b->w / iw, b->h / ih);
	cairo_save(cr);
	cairo_rectangle(cr, b->x, b->y, b->w, b->h);
	cairo_clip(cr);
	cairo_translate(cr, b->x + (b->w - iw * scale) / 2, b->y + (b->h - ih * scale) / 2);
	cairo_scale(cr, scale, scale);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_restore(cr);
}

/* ---- text ---- */

/* A clickable rectangle (Cairo's link tag with a rect: nothing is drawn inside the tag). */
static void link_rect(cairo_t *cr, const char *target, double x, double y, double w, double h)
{
	GString *attrs = link_attrs(target);

	g_string_append_printf(attrs, " rect=[%.2f %.2f %.2f %.2f]", x, y, w, h);
	cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs->str);
	cairo_tag_end(cr, CAIRO_TAG_LINK);
	g_string_free(attrs, TRUE);
}

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

static void draw_text(struct cdev *c, const struct box *b)
{
	cairo_t *cr = c->cr;
	const struct para_line *l = para_line(b->lp->para, b->line);
	const char *text = para_text(b->lp->para);

	for (guint i = 0; i < l->runs->len; i++) {
		const struct para_run *r = g_ptr_array_index(l->runs, i);
		double x = b->x + l->x + r->x, y = b->y - r->style->rise;

		if (r->glyphs->item->length <= 0)
			continue;
		set_color(cr, r->style->color);
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
		/* Links as rectangles over the run: drawing inside a link tag makes Cairo mark up content. */
		if (r->style->link && r->width > 0)
			link_rect(cr, r->style->link, x, b->y - l->ascent, r->width, l->ascent + l->descent);
	}
}

static void add_outline(struct cdev *c, const struct box *b)
{
	int level = CLAMP(b->level, 0, MAX_LEVELS - 1);
	int parent = CAIRO_PDF_OUTLINE_ROOT;
	GString *attrs = g_string_new("dest=");
	char *title = xml_clean_text(b->text, -1);

	quote_attr(attrs, b->target);
	for (int l = level - 1; l >= 0; l--)
		if (c->outline[l] >= 0) {
			parent = c->outline[l];
			break;
		}
	c->outline[level] = cairo_pdf_surface_add_outline(c->surface, parent, title ? title : b->text ? b->text : "",
							  attrs->str, level == 0 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
	for (int l = level + 1; l < MAX_LEVELS; l++)
		c->outline[l] = -1;
	g_string_free(attrs, TRUE);
	g_free(title);
}

static void cairo_page(struct device *d, const struct page *p)
{
	struct cdev *c = (struct cdev *)d;
	cairo_t *cr = c->cr;

	/* Once a write failed (a full disk) the PDF is lost: draw no more (cairo in its error state
	   leaks what drawing an image makes), and cairo_finish says why. */
	if (c->write_failed || cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		return;
	cairo_pdf_surface_set_size(c->surface, p->w, p->h);
	if (p->label)
		cairo_pdf_surface_set_page_label(c->surface, p->label);
	for (guint i = 0; i < p->boxes->len; i++) {
		const struct box *b = &g_array_index(p->boxes, struct box, i);
		GString *attrs;

		switch (b->kind) {
		case BOX_TEXT:
			draw_text(c, b);
			break;
		case BOX_RULE:
		case BOX_FILL:
			set_color(cr, b->color);
			cairo_rectangle(cr, b->x, b->y, b->w, b->h);
			cairo_fill(cr);
			break;
		case BOX_FRAME:
			set_color(cr, b->color);
			cairo_set_line_width(cr, b->lw);
			cairo_rectangle(cr, b->x, b->y, b->w, b->h);
			cairo_stroke(cr);
			break;
		case BOX_IMAGE:
			draw_image(c, b, false);
			break;
		case BOX_COVER:
			/* A cover image fills the page; a drawn cover is drawn as vectors, not pasted as pixels. */
			if (b->res)
				draw_image(c, b, true);
			else
				cover_draw(cr, c->book, p->w, p->h);
			break;
		case BOX_LINK:
			link_rect(cr, b->target, b->x, b->y, b->w, b->h);
			break;
		case BOX_DEST:
			attrs = g_string_new("name=");
			quote_attr(attrs, b->target);
			g_string_append_printf(attrs, " x=%.2f y=%.2f", b->x, MAX(0, b->y - 4));
			cairo_tag_begin(cr, CAIRO_TAG_DEST, attrs->str);
			cairo_tag_end(cr, CAIRO_TAG_DEST);
			g_string_free(attrs, TRUE);
			break;
		case BOX_OUTLINE:
			add_outline(c, b);
			break;
		}
	}
	cairo_show_page(cr);
}

static bool cairo_finish(struct device *d)
{
	struct cdev *c = (struct cdev *)d;
	cairo_status_t st;

	cairo_destroy(c->cr);
	c->cr = NULL;
	cairo_surface_finish(c->surface);
	st = cairo_surface_status(c->surface);
	/* Cairo 1.16 names objects it never writes on pages with links: define them. */
	errno = 0;
	if (st == CAIRO_STATUS_SUCCESS && !c->write_failed && !pdf_fixup_missing_objects(c->fp)) {
		c->write_failed = true;
		c->write_errno = errno;
	}
	if (c->write_failed) {
		diag_error(c->path, 0, "cannot write the PDF: %s",
			   c->write_errno ? g_strerror(c->write_errno) : "the file could not be read back or written");
		return false;
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_error(c->path, 0, "cannot write the PDF: %s", cairo_status_to_string(st));
		return false;
	}
	return true;
}

static void cairo_free(struct device *d)
{
	struct cdev *c = (struct cdev *)d;

	if (!c)
		return;
	if (c->cr)
		cairo_destroy(c->cr);
	cairo_surface_destroy(c->surface);
	g_hash_table_destroy(c->images);
	g_free(c);
}

static void surface_destroy(gpointer s)
{
	if (s)
		cairo_surface_destroy(s);
}

/* "2025-02-13T07:10:13Z" (what Cairo turns into a PDF date). */
/* Up to 32 distinct tags of the articles, for the PDF's keywords. */
static char *keywords(const struct book *b)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < b->articles->len && g_hash_table_size(seen) < 32; i++) {
		const struct article *a = g_ptr_array_index(b->articles, i);

		for (guint j = 0; j < a->fm.tags.items->len && g_hash_table_size(seen) < 32; j++) {
			const char *t = g_ptr_array_index(a->fm.tags.items, j);

			if (g_hash_table_contains(seen, t))
				continue;
			g_hash_table_add(seen, (gpointer)t);
			if (s->len)
				g_string_append(s, ", ");
			g_string_append(s, t);
		}
	}
	g_hash_table_destroy(seen);
	return g_string_free(s, FALSE);
}

struct device *device_cairo_new(FILE *fp, const char *path, const struct book *b, double w, double h)
{
	struct cdev *c = g_new0(struct cdev, 1);
	char *date = date_format_utc(b->modified), *kw = keywords(b), *creator = g_strdup_printf("folio %s", FOLIO_VERSION);

	c->d.page = cairo_page;
	c->d.finish = cairo_finish;
	c->d.free = cairo_free;
	c->fp = fp;
	c->path = path;
	c->book = b;
	c->images = g_hash_table_new_full(NULL, NULL, NULL, surface_destroy);
	for (int i = 0; i < MAX_LEVELS; i++)
		c->outline[i] = -1;
	c->surface = cairo_pdf_surface_create_for_stream(write_fp, c, w, h);
	cairo_pdf_surface_restrict_to_version(c->surface, CAIRO_PDF_VERSION_1_5);
	set_metadata(c->surface, CAIRO_PDF_METADATA_TITLE, b->title ? b->title : "");
	if (b->author)
		set_metadata(c->surface, CAIRO_PDF_METADATA_AUTHOR, b->author);
	if (b->description)
		set_metadata(c->surface, CAIRO_PDF_METADATA_SUBJECT, b->description);
	if (*kw)
		set_metadata(c->surface, CAIRO_PDF_METADATA_KEYWORDS, kw);
	cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATOR, creator);
	cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
	c->cr = cairo_create(c->surface);
	g_free(date);
	g_free(kw);
	g_free(creator);
	return &c->d;
}
