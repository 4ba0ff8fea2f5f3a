/* test_cover.c - the drawn cover: deterministic PNG bytes, vector PDF text, fonts by language. */
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "check.h"
#include "format/cover.h"

static cairo_status_t append(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static GByteArray *render_png(const struct book *b)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 600);
	cairo_t *cr = cairo_create(s);
	GByteArray *png = g_byte_array_new();

	cover_draw(cr, b, 400, 600);
	cairo_destroy(cr);
	cairo_surface_write_to_png_stream(s, append, png);
	cairo_surface_destroy(s);
	return png;
}

int main(void)
{
	struct book b = { 0 };
	struct cover_style st;
	GByteArray *one, *two, *pdf = g_byte_array_new();
	cairo_surface_t *surface;
	cairo_t *cr;
	const char *out = g_getenv("FOLIO_COVER_PNG");

	b.title = "城市与创新：一个很长很长的书名，用来试一试换行和缩小字号是否正常";
	b.subtitle = "folio 示例文集";
	b.author = "folio 编辑部";
	b.lang = "zh-CN";
	b.articles = g_ptr_array_new();
	g_ptr_array_add(b.articles, NULL);
	g_ptr_array_add(b.articles, NULL);
	b.first = (struct folio_date){ 1739430613, 8 * 3600, true, true };
	b.last = (struct folio_date){ 1740790800, 8 * 3600, true, true };

	one = render_png(&b);
	two = render_png(&b);
	CHECK("cover: PNG drawn", one->len > 1000);
	CHECK("cover: same bytes twice", one->len == two->len && !memcmp(one->data, two->data, one->len));
	if (out)
		g_file_set_contents(out, (const char *)one->data, one->len, NULL);

	/* The PDF side: vector text, so the title's glyphs are a font in the PDF, not an image. */
	surface = cairo_pdf_surface_create_for_stream(append, pdf, 420, 595);
	cr = cairo_create(surface);
	cover_draw(cr, &b, 420, 595);
	cairo_destroy(cr);
	cairo_surface_finish(surface);
	cairo_surface_destroy(surface);
	CHECK("cover: PDF has a font", memmem(pdf->data, pdf->len, "/FontFile", 9) != NULL);
	CHECK("cover: PDF has no image", memmem(pdf->data, pdf->len, "/Subtype /Image", 15) == NULL);

	cover_style_for_lang("zh-TW", &st);
	CHECK_STR("cover: zh-TW title font", st.title_family, "Noto Serif CJK TC");
	cover_style_for_lang("zh-HK", &st);
	CHECK_STR("cover: zh-HK text font", st.text_family, "Noto Sans CJK HK");
	cover_style_for_lang("zh-Hans", &st);
	CHECK_STR("cover: zh-Hans title font", st.title_family, "Noto Serif CJK SC");
	cover_style_for_lang("en", &st);
	CHECK_STR("cover: en title font, and Simplified Chinese for Han (not fontconfig's Japanese)", st.title_family,
		  "Noto Serif, Noto Serif CJK SC");
	cover_style_for_lang("ja", &st);
	CHECK_STR("cover: ja text font", st.text_family, "Noto Sans CJK JP");
	/* The same glyph forms as the body (base/langtag.c): the cover set zh-Hant-HK in TC forms. */
	cover_style_for_lang("zh-Hant-HK", &st);
	CHECK_STR("cover: zh-Hant-HK title font is Hong Kong's", st.title_family, "Noto Serif CJK HK");
	cover_style_for_lang("yue", &st);
	CHECK_STR("cover: yue text font is Hong Kong's", st.text_family, "Noto Sans CJK HK");

	g_byte_array_free(one, TRUE);
	g_byte_array_free(two, TRUE);
	g_byte_array_free(pdf, TRUE);
	g_ptr_array_free(b.articles, TRUE);
	CHECK_DONE();
}
