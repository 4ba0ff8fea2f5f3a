/* cover_png.c - the drawn cover as the EPUB's cover image: drawn and encoded as PNG on a thread of its own. */
#include "format/epub/cover_png.h"

#include <png.h>
#include <string.h>
#include <zlib.h>

#include "base/parallel.h"
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
 * One half of the image's rows (each a filter byte, "None", then RGB), deflated on its own: a raw
 * deflate segment that ends on a byte boundary (Z_SYNC_FLUSH) when another follows, and the
 * Adler-32 of what it holds. The two halves joined are one zlib stream, as pigz joins its blocks:
 * each half is compressed on a thread of its own, and the bytes do not depend on the threads.
 */
struct half {
	z_stream zs;
	GByteArray *out;
	uLong adler;
	bool ok;
	GAsyncQueue *bands;	/* GBytes of rows for the thread that deflates them, "" at the end */
	GThread *thread;
};

static void half_begin(struct half *h)
{
	memset(&h->zs, 0, sizeof h->zs);
	h->out = g_byte_array_new();
	h->adler = adler32(0, NULL, 0);
	/* Level 1: flat colour and text compress nearly as well, in a fraction of the time. */
	h->ok = deflateInit2(&h->zs, 1, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK;
}

static void half_feed(struct half *h, const guchar *rows, size_t len, int flush)
{
	if (!h->ok)
		return;
	if (len)	/* adler32() of no buffer is its starting value, not "no change" */
		h->adler = adler32(h->adler, rows, (uInt)len);
	h->zs.next_in = (Bytef *)rows;
	h->zs.avail_in = (uInt)len;
	do {
		guint at = h->out->len;
		int rc;

		g_byte_array_set_size(h->out, at + 65536);
		h->zs.next_out = h->out->data + at;
		h->zs.avail_out = 65536;
		rc = deflate(&h->zs, flush);
		g_byte_array_set_size(h->out, at + 65536 - h->zs.avail_out);
		if (rc == Z_STREAM_ERROR) {
			h->ok = false;
			return;
		}
	} while (h->zs.avail_in || h->zs.avail_out == 0);
}

static void half_end(struct half *h)
{
	deflateEnd(&h->zs);
}

/* The first half's thread: its bands as they come, then the flush that lets the second follow. */
static gpointer deflate_bands(gpointer data)
{
	struct half *h = data;
	GBytes *band;

	while (g_bytes_get_size(band = g_async_queue_pop(h->bands))) {
		half_feed(h, g_bytes_get_data(band, NULL), g_bytes_get_size(band), Z_NO_FLUSH);
		g_bytes_unref(band);
	}
	g_bytes_unref(band);
	half_feed(h, NULL, 0, Z_SYNC_FLUSH);
	return NULL;
}

/* Rows [y0, y0 + n) of the recording as PNG rows: a filter byte and RGB each. */
static GBytes *band_rows(cairo_surface_t *recording, cairo_surface_t *band, int w, int y0, int n)
{
	cairo_t *cr = cairo_create(band);
	const unsigned char *src;
	int stride = cairo_image_surface_get_stride(band);
	size_t row_len = 1 + (size_t)w * 3;
	guchar *rows = g_malloc(row_len * (size_t)n);

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
	for (int y = 0; y < n; y++) {
		const guint32 *in = (const guint32 *)(src + (size_t)y * stride);
		guchar *row = rows + (size_t)y * row_len;

		row[0] = PNG_FILTER_VALUE_NONE;
		for (int x = 0; x < w; x++) {
			row[1 + 3 * x] = (guchar)(in[x] >> 16);
			row[2 + 3 * x] = (guchar)(in[x] >> 8);
			row[3 + 3 * x] = (guchar)in[x];
		}
	}
	return g_bytes_new_take(rows, row_len * (size_t)n);
}

/*
 * The cover as PNG bytes. The recorded drawing is rasterized a band of rows at a time into one
 * small image (a whole 1600x2400 raster is 15 MB written, faulted in and read again, which took
 * longer than the rest of a weekly digest's EPUB), and the rows are deflated in two halves, the
 * first on a thread of its own while this one rasterizes and deflates the second: the cover is
 * what a weekly digest's EPUB waits for last, and libpng deflates on one thread. libpng writes
 * the signature, the header and the chunks (png_write_chunk) around the joined stream. NULL on
 * failure.
 */
static GBytes *cover_png(cairo_surface_t *recording, int w, int h)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	cairo_surface_t *band = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, COVER_PNG_BAND);
	GByteArray *out = g_byte_array_new(), *z = NULL;
	struct half top, bottom;
	int split = (h / 2 + COVER_PNG_BAND - 1) / COVER_PNG_BAND * COVER_PNG_BAND;
	bool ok = false;

	half_begin(&top);
	half_begin(&bottom);
	top.bands = g_async_queue_new();
	/* On one thread (--threads 1) the first half is deflated here first: the same bytes. */
	top.thread = parallel_threads() > 1 ? g_thread_new("cover-png", deflate_bands, &top) : NULL;
	for (int y0 = 0; cairo_surface_status(band) == CAIRO_STATUS_SUCCESS && y0 < h; y0 += COVER_PNG_BAND) {
		GBytes *rows = band_rows(recording, band, w, y0, MIN(COVER_PNG_BAND, h - y0));

		if (y0 >= split) {
			half_feed(&bottom, g_bytes_get_data(rows, NULL), g_bytes_get_size(rows), Z_NO_FLUSH);
			g_bytes_unref(rows);
		} else if (top.thread) {
			g_async_queue_push(top.bands, rows);
		} else {
			half_feed(&top, g_bytes_get_data(rows, NULL), g_bytes_get_size(rows), Z_NO_FLUSH);
			g_bytes_unref(rows);
		}
	}
	if (top.thread) {
		g_async_queue_push(top.bands, g_bytes_new_static("", 0));
		g_thread_join(top.thread);
	} else {
		half_feed(&top, NULL, 0, Z_SYNC_FLUSH);
	}
	half_feed(&bottom, NULL, 0, Z_FINISH);
	half_end(&top);
	half_end(&bottom);
	g_async_queue_unref(top.bands);
	if (info && top.ok && bottom.ok && cairo_surface_status(band) == CAIRO_STATUS_SUCCESS) {
		/* zlib's header for deflate at level 1 with a 32 KB window, then the halves, then the
		   Adler-32 of all the rows, most significant byte first. */
		static const guchar header[2] = { 0x78, 0x01 };
		uLong adler = adler32_combine(top.adler, bottom.adler, (z_off_t)bottom.zs.total_in);
		guchar trailer[4] = { (guchar)(adler >> 24), (guchar)(adler >> 16), (guchar)(adler >> 8), (guchar)adler };

		z = g_byte_array_sized_new(2 + top.out->len + bottom.out->len + 4);
		g_byte_array_append(z, header, 2);
		g_byte_array_append(z, top.out->data, top.out->len);
		g_byte_array_append(z, bottom.out->data, bottom.out->len);
		g_byte_array_append(z, trailer, 4);
	}
	/* Nothing that libpng's error jump could leave half-changed is set between here and ok. */
	if (z && !setjmp(png_jmpbuf(png))) {
		png_set_write_fn(png, out, png_append, png_no_flush);
		png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
			     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
		png_write_info(png, info);
		png_write_chunk(png, (png_const_bytep)"IDAT", z->data, z->len);
		png_write_chunk(png, (png_const_bytep)"IEND", NULL, 0);
		ok = true;
	}
	png_destroy_write_struct(&png, info ? &info : NULL);
	cairo_surface_destroy(band);
	g_byte_array_free(top.out, TRUE);
	g_byte_array_free(bottom.out, TRUE);
	if (z)
		g_byte_array_free(z, TRUE);
	if (!ok) {
		g_byte_array_free(out, TRUE);
		return NULL;
	}
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
