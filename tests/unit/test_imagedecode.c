/* test_imagedecode.c - image headers, conversions and the Cairo surfaces the PDF writer draws. */
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "check.h"
#include "media/imagedecode.h"
#include "media/imagetype.h"
#include "base/options.h"

static void count_message(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data)
{
	(*(int *)data)++;
}

static GBytes *load(const char *path)
{
	char *data = NULL;
	gsize len = 0;

	if (!g_file_get_contents(path, &data, &len, NULL))
		return NULL;
	return g_bytes_new_take(data, len);
}

static bool sniff(GBytes *b, struct image_info *info)
{
	gsize n;
	const unsigned char *d = g_bytes_get_data(b, &n);

	return imagetype_sniff(d, n, info);
}

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *surface_of(const char *path, const char *id)
{
	return imagedecode_surface(path, id);
}

int main(void)
{
	struct options o;
	struct image_info info;
	struct image_prepared p1, p2;
	char *why = NULL;
	GBytes *jpeg = load("tests/images/good/bundle/photo.jpg"), *turn = load("tests/images/good/bundle/turn.jpg");
	GBytes *gif = load("tests/images/serve/anim-gif"), *webp = load("tests/images/serve/lossy-webp");
	GBytes *alpha = load("tests/images/serve/alpha-webp"), *anim = load("tests/images/serve/anim-webp");
	GBytes *svg = load("tests/images/serve/vector-svg");
	cairo_surface_t *s;
	GByteArray *pdf = g_byte_array_new();
	const unsigned char *mime;
	unsigned long mime_len;

	CHECK("fixtures: all there", jpeg && turn && gif && webp && alpha && anim && svg);
	options_init(&o);

	/* Headers */
	CHECK("type: EXIF orientation read", sniff(turn, &info) && info.orientation == 6);
	CHECK("type: plain JPEG has no orientation", sniff(jpeg, &info) && info.orientation == 0 && info.width == 64);
	CHECK("type: GIF frames counted", sniff(gif, &info) && info.frames == 2 && info.animated);
	CHECK("type: lossy WebP", sniff(webp, &info) && !info.lossless && !info.alpha && !info.animated);
	CHECK("type: lossless WebP has alpha", sniff(alpha, &info) && info.lossless && info.alpha);
	CHECK("type: animated WebP", sniff(anim, &info) && info.animated && info.width == 30 && info.height == 20);

	/* Conversions are deterministic: the same bytes every time. */
	sniff(webp, &info);
	CHECK("prepare: WebP converted", imagedecode_prepare(&o, g_bytes_get_data(webp, NULL), g_bytes_get_size(webp), &info, &p1, &why)
	      && p1.bytes && !strcmp(p1.media_type, "image/jpeg"));
	CHECK("prepare: WebP converted again", imagedecode_prepare(&o, g_bytes_get_data(webp, NULL), g_bytes_get_size(webp), &info, &p2, &why)
	      && p2.bytes && g_bytes_equal(p1.bytes, p2.bytes));
	g_bytes_unref(p1.bytes);
	g_bytes_unref(p2.bytes);
	sniff(jpeg, &info);
	CHECK("prepare: small JPEG packed as it is", imagedecode_prepare(&o, g_bytes_get_data(jpeg, NULL), g_bytes_get_size(jpeg), &info, &p1, &why)
	      && !p1.bytes && !p1.converted_from && p1.components == 3);
	o.image_max_pixels = 32;
	CHECK("prepare: a scaled JPEG is RGB", imagedecode_prepare(&o, g_bytes_get_data(jpeg, NULL), g_bytes_get_size(jpeg), &info, &p1, &why)
	      && p1.bytes && p1.width == 32 && p1.components == 3);
	g_bytes_unref(p1.bytes);
	o.image_max_pixels = 2400;
	sniff(svg, &info);
	CHECK("prepare: SVG size from viewBox", imagedecode_prepare(&o, g_bytes_get_data(svg, NULL), g_bytes_get_size(svg), &info, &p1, &why)
	      && p1.width == 120 && p1.height == 80);

	/* Surfaces for the PDF */
	s = surface_of("tests/images/good/bundle/photo.jpg", "img-jpeg");
	CHECK("surface: JPEG decoded", s && cairo_image_surface_get_width(s) == 64 && cairo_image_surface_get_height(s) == 48);
	cairo_surface_get_mime_data(s, CAIRO_MIME_TYPE_JPEG, &mime, &mime_len);
	CHECK("surface: JPEG bytes attached", mime && mime_len == g_bytes_get_size(jpeg)
	      && !memcmp(mime, g_bytes_get_data(jpeg, NULL), mime_len));
	{
		cairo_surface_t *page = cairo_pdf_surface_create_for_stream(append, pdf, 200, 200);
		cairo_t *cr = cairo_create(page);

		cairo_set_source_surface(cr, s, 0, 0);
		cairo_paint(cr);
		cairo_set_source_surface(cr, s, 100, 100);
		cairo_paint(cr);
		cairo_destroy(cr);
		cairo_surface_finish(page);
		cairo_surface_destroy(page);
	}
	CHECK("surface: the PDF embeds the JPEG itself", memmem(pdf->data, pdf->len, "/DCTDecode", 10) != NULL);
	{
		const guint8 *first = memmem(pdf->data, pdf->len, g_bytes_get_data(jpeg, NULL), 64);
		const guint8 *again = first ? memmem(first + 64, pdf->len - (gsize)(first + 64 - pdf->data),
						     g_bytes_get_data(jpeg, NULL), 64) : NULL;

		CHECK("surface: ... once for two uses", first && !again);
	}
	cairo_surface_destroy(s);
	s = surface_of("tests/images/serve/anim-gif", "img-gif");
	CHECK("surface: GIF decoded", s && cairo_image_surface_get_width(s) == 16);
	cairo_surface_destroy(s);
	s = surface_of("tests/images/serve/alpha-webp", "img-webp");
	CHECK("surface: WebP with alpha is ARGB32", s && cairo_image_surface_get_format(s) == CAIRO_FORMAT_ARGB32
	      && cairo_image_surface_get_width(s) == 24);
	cairo_surface_destroy(s);
	s = surface_of("tests/images/serve/anim-webp", "img-anim");
	CHECK("surface: animated WebP, first frame", s && cairo_image_surface_get_width(s) == 30);
	cairo_surface_destroy(s);
	s = surface_of("tests/images/serve/plain", "img-png");
	CHECK("surface: PNG is RGB24", s && cairo_image_surface_get_format(s) == CAIRO_FORMAT_RGB24);
	cairo_surface_destroy(s);
	s = surface_of("tests/images/serve/vector-svg", "img-svg");
	CHECK("surface: SVG rasterised", s && cairo_image_surface_get_width(s) == 2400 && cairo_image_surface_get_height(s) == 1600);
	cairo_surface_destroy(s);
	s = surface_of("tests/images/serve/notimage", "img-x");
	CHECK("surface: not an image gives NULL", s == NULL);
	s = surface_of("tests/images/serve/bomb-png", "img-bomb");
	CHECK("surface: a bomb is not decoded", s == NULL);

	/* A GIF with no picture in it (found by fuzz_image): refused as damaged before gdk-pixbuf's GIF
	 * loader, which tripped over its own checks on it (GLib criticals on stderr). */
	{
		static const unsigned char broken[] = {
		0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x10, 0x00, 0x0c, 0x00, 0x81, 0x00, 0x00, 0xff, 0x00, 0x00, 0x00, 0x80,
		0x00, 0x00, 0x00, 0xff, 0x21, 0xff, 0x0b, 0x4e, 0x45, 0x54, 0x53, 0x43, 0x41, 0x50, 0x45, 0x32, 0x2e, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x04, 0x0a, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x2c, 0xf1,
		0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x0c, 0x00, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x66,
		0x26, 0x26, 0x24, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26,
		0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26,
		0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x26, 0x00, 0x02,
		0x04, 0x08, 0x30, 0x61, 0x42, 0x89, 0x12, 0x01, 0x02, 0x05, 0x00, 0x3b
		};
		int criticals = 0;
		guint id = g_log_set_handler("GdkPixbuf", G_LOG_LEVEL_CRITICAL, count_message, &criticals);
		char *path = g_build_filename(g_get_tmp_dir(), "folio-test-broken.gif", NULL);

		why = NULL;
		g_file_set_contents(path, (const char *)broken, sizeof broken, NULL);
		CHECK("gif: a GIF without a picture is damaged",
		      imagetype_sniff(broken, sizeof broken, &info) && info.frames == 0
		      && !imagedecode_prepare(&o, broken, sizeof broken, &info, &p1, &why) && why && strstr(why, "damaged"));
		s = surface_of(path, "img-broken");
		CHECK("gif: and not drawn, quietly", s == NULL && criticals == 0);
		g_log_remove_handler("GdkPixbuf", id);
		g_unlink(path);
		g_free(path);
		g_free(why);
	}

	/*
	 * A GIF whose LZW minimum code size is 12 (GIF's codes hold 12 bits, and start a bit wider):
	 * its header and frame are whole, but no decoder reads its picture. The PDF printed an empty
	 * frame where the EPUB packed it; now both show the placeholder.
	 */
	{
		static const unsigned char lzw[] = {
			'G', 'I', 'F', '8', '9', 'a', 2, 0, 2, 0, 0x80, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff,
			0x2c, 0, 0, 0, 0, 2, 0, 2, 0, 0, 12, 2, 0xfc, 0x0b, 0, 0x3b
		};

		why = NULL;
		CHECK("gif: picture data no decoder reads is damaged",
		      imagetype_sniff(lzw, sizeof lzw, &info) && info.frames == 1
		      && !imagedecode_prepare(&o, lzw, sizeof lzw, &info, &p1, &why) && why
		      && !strcmp(why, "is damaged: its picture data cannot be decoded"));
		g_free(why);
	}

	g_byte_array_free(pdf, TRUE);
	options_clear(&o);
	CHECK_DONE();
}
