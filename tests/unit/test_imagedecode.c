/* test_imagedecode.c - image headers, conversions and the Cairo surfaces the PDF writer draws. */
#include <cairo-pdf.h>
#include <string.h>

#include "check.h"
#include "imagedecode.h"
#include "imagetype.h"
#include "options.h"

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
	struct resource r = { 0 };

	r.id = (char *)id;
	r.path = (char *)path;
	return imagedecode_surface(&r);
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
	      && !p1.bytes && !p1.converted_from);
	sniff(svg, &info);
	CHECK("prepare: SVG size from viewBox", imagedecode_prepare(&o, g_bytes_get_data(svg, NULL), g_bytes_get_size(svg), &info, &p1, &why)
	      && p1.width == 120 && p1.height == 80);
	CHECK("webp mode: values", imagedecode_webp_mode_valid("auto") && imagedecode_webp_mode_valid("keep")
	      && !imagedecode_webp_mode_valid("gif") && !imagedecode_webp_mode_valid(NULL));

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

	g_byte_array_free(pdf, TRUE);
	options_clear(&o);
	CHECK_DONE();
}
