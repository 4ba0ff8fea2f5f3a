/* cover_png.c - the drawn cover as the EPUB's cover image: drawn and encoded as PNG on a thread of its own. */
#include "format/epub/cover_png.h"

#include <png.h>

#include "format/cover.h"
#include "format/fonts.h"

enum { COVER_PNG_WIDTH = 1600, COVER_PNG_HEIGHT = 2400, COVER_PNG_BAND = 64 };

static void png_append(png_structp png, png_bytep data, png_size_t len)
{
	g_byte_array_append(png_get_io_ptr(png), data, (guint)len);
}

static void png_no_flush(png_structp png)
{
	(void)png;
}

/*
 * The cover as PNG bytes, written with libpng without adaptive row filters and at zlib level 1:
 * flat colour and text compress nearly as well, in a fraction of the time (Cairo's own PNG
 * writer took half of a 200-article EPUB build). The recorded drawing is rasterized a band of
 * rows at a time into one small image: a whole 1600x2400 raster is 15 MB written, faulted in
 * and read again, which took longer than the rest of a weekly digest's EPUB. NULL on failure.
 */
static GBytes *cover_png(cairo_surface_t *recording, int w, int h)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	cairo_surface_t *band = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, COVER_PNG_BAND);
	GByteArray *out = g_byte_array_new();
	guchar *row = g_malloc((size_t)w * 3);

	if (!info || cairo_surface_status(band) != CAIRO_STATUS_SUCCESS || setjmp(png_jmpbuf(png))) {
		png_destroy_write_struct(&png, info ? &info : NULL);
		cairo_surface_destroy(band);
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
	for (int y0 = 0; y0 < h; y0 += COVER_PNG_BAND) {
		cairo_t *cr = cairo_create(band);
		const unsigned char *src;
		int stride = cairo_image_surface_get_stride(band);

		/* Black first, as a whole raster starts: what the drawing leaves uncovered reads the same. */
		cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_paint(cr);
		cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
		cairo_set_source_surface(cr, recording, 0, -y0);
		cairo_paint(cr);
		cairo_destroy(cr);
		cairo_surface_flush(band);
		src = cairo_image_surface_get_data(band);
		for (int y = 0; y < COVER_PNG_BAND && y0 + y < h; y++) {
			const guint32 *in = (const guint32 *)(src + (size_t)y * stride);

			for (int x = 0; x < w; x++) {
				row[3 * x] = (guchar)(in[x] >> 16);
				row[3 * x + 1] = (guchar)(in[x] >> 8);
				row[3 * x + 2] = (guchar)in[x];
			}
			png_write_row(png, row);
		}
	}
	png_write_end(png, NULL);
	png_destroy_write_struct(&png, &info);
	cairo_surface_destroy(band);
	g_free(row);
	return g_byte_array_free_to_bytes(out);
}

struct cover_png {
	const struct book *b;
	char *datadir;		/* folio's fonts.conf is read from here */
	GThread *thread;
	GBytes *png;		/* NULL until encoded, or when encoding failed */
};

/* The cover drawn (recorded, then rasterized band by band) and encoded, on the cover's own thread. */
static gpointer draw_and_encode(gpointer data)
{
	struct cover_png *c = data;
	cairo_rectangle_t page = { 0, 0, COVER_PNG_WIDTH, COVER_PNG_HEIGHT };
	cairo_surface_t *recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR, &page);
	cairo_t *cr = cairo_create(recording);
	/* folio's font set-up, as the PDF's cover: one small file read, not the system's many. */
	struct fonts *fonts = fonts_new_quiet(c->datadir);
	struct cover_hooks h = { .like = fonts_context(fonts) };

	cover_draw_hooked(cr, c->b, COVER_PNG_WIDTH, COVER_PNG_HEIGHT, &h);
	cairo_destroy(cr);
	fonts_free(fonts);
	if (cairo_surface_status(recording) == CAIRO_STATUS_SUCCESS)
		c->png = cover_png(recording, COVER_PNG_WIDTH, COVER_PNG_HEIGHT);
	cairo_surface_destroy(recording);
	return NULL;
}

struct cover_png *cover_png_start(const struct book *b, const char *datadir)
{
	struct cover_png *c = g_new0(struct cover_png, 1);

	c->b = b;
	c->datadir = g_strdup(datadir);
	c->thread = g_thread_new("cover", draw_and_encode, c);
	return c;
}

GBytes *cover_png_finish(struct cover_png *c)
{
	if (c->thread) {
		g_thread_join(c->thread);
		c->thread = NULL;
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
	g_free(c->datadir);
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
