/* test_cairo_cff.c - Cairo's CID test given only the head of a CJK face's CFF table: the same PDF,
 * the head read while a page is drawn, the whole table to any other caller and at the finish. */
#include "check.h"
#include "format/pdf/cairo_cff.h"

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <cairo-pdf.h>
#include <glib.h>
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

static cairo_status_t collect(void *closure, const unsigned char *data, unsigned int length)
{
	g_byte_array_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* Noto Serif CJK SC's file and face, as fontconfig finds it, made a Cairo face. */
static cairo_font_face_t *cjk_face(void)
{
	FcPattern *want = FcNameParse((const FcChar8 *)"Noto Serif CJK SC:lang=zh-cn"), *got;
	FcResult r;
	cairo_font_face_t *face;

	FcConfigSubstitute(NULL, want, FcMatchPattern);
	FcDefaultSubstitute(want);
	got = FcFontMatch(NULL, want, &r);
	face = cairo_ft_font_face_create_for_pattern(got);
	FcPatternDestroy(want);
	FcPatternDestroy(got);
	return face;
}

/*
 * A page of Chinese and English drawn in that one face (its Latin letters too: Cairo puts them
 * in a subset of their own unless the face is CID-keyed) as a PDF; with window, drawn between
 * begin and end.
 */
static GByteArray *page_pdf(bool window)
{
	GByteArray *out = g_byte_array_new();
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(collect, out, 300, 200);
	cairo_t *cr = cairo_create(s);
	cairo_font_face_t *face = cjk_face();
	cairo_scaled_font_t *sf;
	FT_Face ft;
	const char *text = "杭州的成功DeepSeek";
	cairo_glyph_t glyphs[32];
	int n = 0;

	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2026-01-01T00:00:00Z");
	cairo_set_font_face(cr, face);
	cairo_set_font_size(cr, 12);
	sf = cairo_get_scaled_font(cr);
	ft = cairo_ft_scaled_font_lock_face(sf);
	for (const char *p = text; *p && n < 32; p = g_utf8_next_char(p), n++) {
		glyphs[n].index = FT_Get_Char_Index(ft, g_utf8_get_char(p));
		glyphs[n].x = 20 + 12 * n;
		glyphs[n].y = 50;
	}
	cairo_ft_scaled_font_unlock_face(sf);
	cairo_show_glyphs(cr, glyphs, n);
	if (window)
		cairo_cff_page_begin();
	cairo_show_page(cr);
	if (window)
		cairo_cff_page_end();
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	cairo_font_face_destroy(face);
	return out;
}

static bool has(const GByteArray *b, const char *what)
{
	return memmem(b->data, b->len, what, strlen(what)) != NULL;
}

int main(void)
{
	GByteArray *plain, *cut;
	unsigned before;

	/* Cut first: the buffer Cairo's test reads is then new memory, not a whole table freed before. */
	cut = page_pdf(true);
	CHECK("cairo_cff: drawn in the window, Cairo's CID test read only the table's head", cairo_cff_heads() > 0);
	before = cairo_cff_heads();
	plain = page_pdf(false);
	CHECK("cairo_cff: outside a page's drawing, nothing is cut", cairo_cff_heads() == before);
	CHECK("cairo_cff: the page's face is embedded CID-keyed (the control)", has(plain, "/CIDFontType0C"));
	CHECK("cairo_cff: ... and the PDF is the same, byte for byte",
	      plain->len == cut->len && !memcmp(plain->data, cut->data, plain->len));

	/* Called by anything but Cairo, inside the window too, the whole table is copied. */
	{
		cairo_font_face_t *ff = cjk_face();
		cairo_matrix_t size, unit;
		cairo_font_options_t *fo = cairo_font_options_create();
		cairo_scaled_font_t *sf;
		FT_Face face;
		FT_ULong len = 0, len2;
		FT_Byte *a, *b;

		cairo_matrix_init_scale(&size, 12, 12);
		cairo_matrix_init_identity(&unit);
		sf = cairo_scaled_font_create(ff, &size, &unit, fo);
		face = cairo_ft_scaled_font_lock_face(sf);
		CHECK("cairo_cff: the face has a large CFF table", face && !FT_Load_Sfnt_Table(face, TTAG_CFF, 0, NULL, &len)
		      && len > (1u << 20));
		a = g_malloc(len);
		b = g_malloc0(len);
		len2 = len;
		FT_Load_Sfnt_Table(face, TTAG_CFF, 0, a, &len2);
		before = cairo_cff_heads();
		cairo_cff_page_begin();
		FT_Load_Sfnt_Table(face, TTAG_CFF, 0, b, &len2);
		cairo_cff_page_end();
		CHECK("cairo_cff: another caller in the window gets the whole table",
		      cairo_cff_heads() == before && !memcmp(a, b, len));
		g_free(a);
		g_free(b);
		cairo_ft_scaled_font_unlock_face(sf);
		cairo_scaled_font_destroy(sf);
		cairo_font_options_destroy(fo);
		cairo_font_face_destroy(ff);
	}
	g_byte_array_unref(plain);
	g_byte_array_unref(cut);
	CHECK_DONE();
}
