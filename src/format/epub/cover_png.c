/* cover_png.c - the drawn cover as the EPUB's cover image: drawn and encoded as PNG on a thread of its own. */
#include "format/epub/cover_png.h"

#include <png.h>
#include <string.h>
#include <zlib.h>

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
 * The zlib stream of the image's rows, built from raw deflate segments. Each segment comes from a
 * compressor of its own and ends on a byte boundary (Z_SYNC_FLUSH), so the segments join into one
 * stream as pigz joins its blocks, with the Adler-32 of all the rows combined. A drawn cover is
 * nine tenths rows equal to the one above (paper, the bars): such a row, filtered "Up", is all
 * zeros, and a run of them is written as copies of one deflated block of zero rows, made once, so
 * only the rows that differ are deflated at all. The bytes depend on nothing but the pixels.
 */
struct zjoin {
	GByteArray *z;		/* the segments so far */
	uLong adler;		/* of every filtered row so far */
	bool ok;
	GByteArray *varied;	/* rows that differ from the one above, filtered "Sub", not yet deflated */
	guchar *zeros;		/* ZERO_BLOCK rows filtered "Up" from a row equal to them: a filter byte, zeros */
	GByteArray *zero_block;	/* zeros deflated; NULL until a run of that many rows comes */
	uLong zero_adler;
	size_t row_len;
};

enum { ZERO_BLOCK = 64, VARIED_MAX = 1 << 20 };

/* len bytes of rows deflated as one segment at the end of out; false on failure. */
static bool deflate_segment(GByteArray *out, const guchar *rows, size_t len)
{
	z_stream zs = { 0 };
	bool ok;
	int rc;

	/* Level 1, runs only: rows of flat colour and text, filtered, are mostly runs of zeros (the
	   stream nearly a third smaller than with the default strategy, and no slower). */
	if (deflateInit2(&zs, 1, Z_DEFLATED, -MAX_WBITS, 8, Z_RLE) != Z_OK)
		return false;
	zs.next_in = (Bytef *)rows;
	zs.avail_in = (uInt)len;
	do {
		guint at = out->len;

		g_byte_array_set_size(out, at + 65536);
		zs.next_out = out->data + at;
		zs.avail_out = 65536;
		rc = deflate(&zs, Z_SYNC_FLUSH);
		g_byte_array_set_size(out, at + 65536 - zs.avail_out);
	} while (rc == Z_OK && (zs.avail_in || zs.avail_out == 0));
	ok = rc == Z_OK || rc == Z_BUF_ERROR;
	deflateEnd(&zs);
	return ok;
}

static void zjoin_segment(struct zjoin *j, const guchar *rows, size_t len)
{
	if (!len || !j->ok)
		return;
	j->adler = adler32(j->adler, rows, (uInt)len);
	j->ok = deflate_segment(j->z, rows, len);
}

static void zjoin_flush_varied(struct zjoin *j)
{
	zjoin_segment(j, j->varied->data, j->varied->len);
	g_byte_array_set_size(j->varied, 0);
}

/* n rows equal to the row above each. */
static void zjoin_repeat(struct zjoin *j, int n)
{
	zjoin_flush_varied(j);
	for (; n >= ZERO_BLOCK && j->ok; n -= ZERO_BLOCK) {
		size_t len = ZERO_BLOCK * j->row_len;

		if (!j->zero_block) {
			j->zero_block = g_byte_array_new();
			j->zero_adler = adler32(adler32(0, NULL, 0), j->zeros, (uInt)len);
			j->ok = deflate_segment(j->zero_block, j->zeros, len);
		}
		g_byte_array_append(j->z, j->zero_block->data, j->zero_block->len);
		j->adler = adler32_combine(j->adler, j->zero_adler, (z_off_t)len);
	}
	zjoin_segment(j, j->zeros, (size_t)n * j->row_len);
}

/* A row that differs from the one above (or is the first), filtered "Sub": each byte less the
   same colour's byte of the pixel to its left. */
static void zjoin_varied(struct zjoin *j, const guint32 *in, int w)
{
	guint at = j->varied->len;
	guchar *row;
	guint32 left = 0;

	g_byte_array_set_size(j->varied, at + (guint)j->row_len);
	row = j->varied->data + at;
	row[0] = PNG_FILTER_VALUE_SUB;
	for (int x = 0; x < w; x++) {
		guint32 p = in[x];

		row[1 + 3 * x] = (guchar)((p >> 16) - (left >> 16));
		row[2 + 3 * x] = (guchar)((p >> 8) - (left >> 8));
		row[3 + 3 * x] = (guchar)(p - left);
		left = p;
	}
	if (j->varied->len >= VARIED_MAX)
		zjoin_flush_varied(j);
}

/* The recording's rows from y0 into band, as many as it holds (black first, as a whole raster
   starts: what the drawing leaves uncovered reads the same). */
static void band_raster(cairo_surface_t *recording, cairo_surface_t *band, int y0)
{
	cairo_t *cr = cairo_create(band);

	cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_paint(cr);
	cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
	cairo_set_source_surface(cr, recording, 0, -y0);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_flush(band);
}

/*
 * The cover as PNG bytes. The recorded drawing is rasterized a band of rows at a time into one
 * small image (a whole 1600x2400 raster is 15 MB written, faulted in and read again, which took
 * longer than the rest of a weekly digest's EPUB); each row is compared with the one above and
 * goes to the joined stream (struct zjoin) as a repeat or as a row of its own. libpng writes the
 * signature, the header and the chunks (png_write_chunk) around the stream. NULL on failure.
 */
static GBytes *cover_png(cairo_surface_t *recording, int w, int h)
{
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png ? png_create_info_struct(png) : NULL;
	cairo_surface_t *band = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, COVER_PNG_BAND);
	int stride = cairo_image_surface_get_stride(band);
	guint32 *above = g_new(guint32, (size_t)w);
	GByteArray *out = g_byte_array_new(), *z = g_byte_array_new();
	struct zjoin j = { .z = z, .adler = adler32(0, NULL, 0), .ok = true, .varied = g_byte_array_new(),
			   .row_len = 1 + (size_t)w * 3 };
	int repeats = 0;
	bool ok = false;

	j.zeros = g_malloc0(ZERO_BLOCK * j.row_len);
	for (int y = 0; y < ZERO_BLOCK; y++)
		j.zeros[(size_t)y * j.row_len] = PNG_FILTER_VALUE_UP;
	/* zlib's header for deflate at level 1 with a 32 KB window. */
	g_byte_array_append(z, (const guchar[]){ 0x78, 0x01 }, 2);
	for (int y0 = 0; cairo_surface_status(band) == CAIRO_STATUS_SUCCESS && y0 < h && j.ok; y0 += COVER_PNG_BAND) {
		const unsigned char *src;

		band_raster(recording, band, y0);
		src = cairo_image_surface_get_data(band);
		for (int y = 0; y < MIN(COVER_PNG_BAND, h - y0); y++) {
			const guint32 *in = (const guint32 *)(src + (size_t)y * stride);

			/* Equal pixels with all 32 bits alike: the unused byte of RGB24 only ever makes a
			   repeated row count as one of its own. */
			if (y0 + y > 0 && !memcmp(in, above, (size_t)w * 4)) {
				repeats++;
				continue;
			}
			if (repeats) {
				zjoin_repeat(&j, repeats);
				repeats = 0;
			}
			zjoin_varied(&j, in, w);
			memcpy(above, in, (size_t)w * 4);
		}
	}
	zjoin_repeat(&j, repeats);
	zjoin_flush_varied(&j);
	if (info && j.ok && cairo_surface_status(band) == CAIRO_STATUS_SUCCESS) {
		/* The end: an empty final block (fixed codes), then the Adler-32, most significant byte first. */
		guchar trailer[6] = { 0x03, 0x00, (guchar)(j.adler >> 24), (guchar)(j.adler >> 16),
				      (guchar)(j.adler >> 8), (guchar)j.adler };

		g_byte_array_append(z, trailer, sizeof trailer);
		/* Nothing that libpng's error jump could leave half-changed is set between here and ok. */
		if (!setjmp(png_jmpbuf(png))) {
			png_set_write_fn(png, out, png_append, png_no_flush);
			png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
				     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
			png_write_info(png, info);
			png_write_chunk(png, (png_const_bytep)"IDAT", z->data, z->len);
			png_write_chunk(png, (png_const_bytep)"IEND", NULL, 0);
			ok = true;
		}
	}
	png_destroy_write_struct(&png, info ? &info : NULL);
	cairo_surface_destroy(band);
	g_free(above);
	g_free(j.zeros);
	g_byte_array_free(j.varied, TRUE);
	if (j.zero_block)
		g_byte_array_free(j.zero_block, TRUE);
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
