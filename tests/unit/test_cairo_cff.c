/* test_cairo_cff.c - Cairo 1.16's loads of a CJK face's CFF table copy only what it reads: the
 * head for its CID test while a page is drawn, the glyphs shown for its subsetting at the finish;
 * the same PDF either way, and the whole table for any other caller. */
#include "check.h"
#include "format/pdf/cairo_cff.h"
#include "format/pdf/cairo_code.h"

#include <dlfcn.h>
#include <malloc.h>
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

/* What a page shows, and how. */
struct page {
	bool window;		/* drawn between cairo_cff_page_begin and _end */
	const char *text;	/* shown with cairo_show_glyphs (the program's, which records them) */
	const char *toy;	/* shown with cairo_show_text (the program's too) */
	const char *unseen;	/* shown with Cairo's own cairo_show_glyphs, so not recorded */
};

/* text's glyphs in ft, from x on. */
static int glyphs_of(FT_Face ft, const char *text, cairo_glyph_t *glyphs, int max, double x)
{
	int n = 0;

	for (const char *p = text; p && *p && n < max; p = g_utf8_next_char(p), n++) {
		glyphs[n].index = FT_Get_Char_Index(ft, g_utf8_get_char(p));
		glyphs[n].x = x + 12 * n;
		glyphs[n].y = 50;
	}
	return n;
}

/*
 * A page of Chinese and English in that one face (its Latin letters too: Cairo puts them in a
 * subset of their own unless the face is CID-keyed) as a PDF.
 */
static GByteArray *page_pdf(const struct page *pg)
{
	GByteArray *out = g_byte_array_new();
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(collect, out, 300, 200);
	cairo_t *cr = cairo_create(s);
	cairo_font_face_t *face = cjk_face();
	cairo_scaled_font_t *sf;
	FT_Face ft;
	cairo_glyph_t glyphs[32], unseen[32];
	int n, m;

	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2026-01-01T00:00:00Z");
	cairo_set_font_face(cr, face);
	cairo_set_font_size(cr, 12);
	sf = cairo_get_scaled_font(cr);
	ft = cairo_ft_scaled_font_lock_face(sf);
	n = glyphs_of(ft, pg->text, glyphs, 32, 20);
	m = glyphs_of(ft, pg->unseen, unseen, 32, 20);
	cairo_ft_scaled_font_unlock_face(sf);
	cairo_show_glyphs(cr, glyphs, n);
	if (pg->toy) {
		cairo_move_to(cr, 20, 80);
		cairo_show_text(cr, pg->toy);
	}
	if (m) {
		void (*cairos_own)(cairo_t *, const cairo_glyph_t *, int) =
			(void (*)(cairo_t *, const cairo_glyph_t *, int))dlsym(RTLD_NEXT, "cairo_show_glyphs");

		for (int i = 0; i < m; i++)
			unseen[i].y = 110;
		cairos_own(cr, unseen, m);
	}
	if (pg->window)
		cairo_cff_page_begin();
	cairo_show_page(cr);
	if (pg->window)
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

static bool same(const GByteArray *a, const GByteArray *b)
{
	return a->len == b->len && !memcmp(a->data, b->data, a->len);
}

int main(void)
{
	GByteArray *plain, *cut, *thin, *whole;
	unsigned before;

	cairo_code_init();	/* as device_cairo_new does: Cairo's calls known as Cairo's */
	/* New memory filled with a byte of glibc's, not a table's bytes freed before: a part of the
	   table Cairo reads and the copy left out cannot come out right by chance. */
	mallopt(M_PERTURB, 0x5a);

	/*
	 * First, before any whole table was loaded (the buffer Cairo's subsetting reads is new memory,
	 * not a table freed before): a glyph shown past the record (Cairo's own function) is left out
	 * of the copy, and the PDF differs. This is what the checks below would see of a glyph missed.
	 */
	before = cairo_cff_thinned();
	thin = page_pdf(&(struct page){ .text = "杭州", .unseen = "龘" });
	CHECK("cairo_cff: a whole CFF table loaded at the finish left out the glyphs not shown",
	      cairo_cff_thinned() > before);
	cairo_cff_set_thinning(false);
	whole = page_pdf(&(struct page){ .text = "杭州", .unseen = "龘" });
	cairo_cff_set_thinning(true);
	CHECK("cairo_cff: (the control) a glyph Cairo was given past the record changes the PDF", !same(thin, whole));
	g_byte_array_unref(thin);
	g_byte_array_unref(whole);

	/* Every glyph shown through the program's functions: the same PDF as from the whole table
	   (the digits and letters are runs of consecutive glyphs, copied a run at a time). */
	before = cairo_cff_thinned();
	const struct page shown = { .text = "杭州的成功DeepSeek 2025",
				    .toy = "深度求索，模型 0123456789 abcdefghijklmnopqrstuvwxyz。" };
	thin = page_pdf(&shown);
	cairo_cff_set_thinning(false);
	whole = page_pdf(&shown);
	cairo_cff_set_thinning(true);
	CHECK("cairo_cff: glyphs shown with cairo_show_glyphs and cairo_show_text, the table thinned",
	      cairo_cff_thinned() > before);
	CHECK("cairo_cff: ... and the PDF is that of the whole table, byte for byte", same(thin, whole));
	g_byte_array_unref(thin);
	g_byte_array_unref(whole);

	/* The CID test, drawn in the window, reads only the table's head. */
	cut = page_pdf(&(struct page){ .window = true, .text = "杭州的成功DeepSeek" });
	CHECK("cairo_cff: drawn in the window, Cairo's CID test read only the table's head", cairo_cff_heads() > 0);
	before = cairo_cff_heads();
	plain = page_pdf(&(struct page){ .text = "杭州的成功DeepSeek" });
	CHECK("cairo_cff: outside a page's drawing, nothing is cut", cairo_cff_heads() == before);
	CHECK("cairo_cff: the page's face is embedded CID-keyed (the control)", has(plain, "/CIDFontType0C"));
	CHECK("cairo_cff: ... and the PDF is the same, byte for byte", same(plain, cut));

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
		memset(b, 0, len);
		before = cairo_cff_thinned();
		FT_Load_Sfnt_Table(face, TTAG_CFF, 0, b, &len2);
		CHECK("cairo_cff: ... and outside it, with glyphs recorded, too",
		      cairo_cff_thinned() == before && !memcmp(a, b, len));
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
