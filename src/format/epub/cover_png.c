/* cover_png.c - the drawn cover as the EPUB's cover image: drawn here, encoded as PNG on a thread of its own. */
#include "format/epub/cover_png.h"

#include <png.h>

#include "format/cover.h"

enum { COVER_PNG_WIDTH = 1600, COVER_PNG_HEIGHT = 2400 };

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

struct cover_png {
	cairo_surface_t *surface;
	GThread *thread;
	GBytes *png;		/* NULL until encoded, or when encoding failed */
};

static gpointer encode(gpointer data)
{
	struct cover_png *c = data;

	c->png = cover_png(c->surface);
	return NULL;
}

struct cover_png *cover_png_start(const struct book *b)
{
	struct cover_png *c = g_new0(struct cover_png, 1);
	cairo_t *cr;

	c->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, COVER_PNG_WIDTH, COVER_PNG_HEIGHT);
	cr = cairo_create(c->surface);
	cover_draw(cr, b, COVER_PNG_WIDTH, COVER_PNG_HEIGHT);
	cairo_destroy(cr);
	cairo_surface_flush(c->surface);
	c->thread = g_thread_new("cover", encode, c);
	return c;
}

GBytes *cover_png_finish(struct cover_png *c)
{
	if (c->thread) {
		g_thread_join(c->thread);
		c->thread = NULL;
		cairo_surface_destroy(c->surface);
		c->surface = NULL;
	}
	return c->png;
}

void cover_png_free(struct cover_png *c)
{
	if (!c)
		return;
	cover_png_finish(c);
	if (c->png)
		g_bytes_unref(c->png);
	g_free(c);
}

void cover_png_resource(struct resource *r)
{
	r->id = g_strdup("img-cover");
	r->href = g_strdup("images/img-cover.png");
	r->media_type = "image/png";
	r->width = COVER_PNG_WIDTH;
	r->height = COVER_PNG_HEIGHT;
}
