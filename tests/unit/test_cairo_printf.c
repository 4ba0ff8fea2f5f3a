/* test_cairo_printf.c - Cairo's numbers formatted here as glibc's vsnprintf formats them, and a
 * PDF drawn with them the same bytes as one drawn through glibc alone. */
#include "check.h"
#include "format/pdf/cairo_code.h"
#include "format/pdf/cairo_printf.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <cairo-pdf.h>
#include <glib.h>

static int failures_shown;

/* fmt with the arguments through cairo_printf_format and through vsnprintf, into maxlen bytes. */
static bool same(size_t maxlen, const char *fmt, ...)
{
	char fast[128], slow[128];
	va_list a, b;
	int nf, ns;

	memset(fast, 'x', sizeof fast);
	memset(slow, 'x', sizeof slow);
	va_start(a, fmt);
	va_copy(b, a);
	nf = cairo_printf_format(fast, maxlen, fmt, a);
	ns = vsnprintf(slow, maxlen, fmt, b);
	va_end(a);
	va_end(b);
	if (nf == ns && !memcmp(fast, slow, sizeof fast))
		return true;
	if (failures_shown++ < 5)
		printf("# %s: got %d '%.*s', want %d '%.*s'\n", fmt, nf, (int)MIN(maxlen, 60), fast, ns,
		       (int)MIN(maxlen, 60), slow);
	return false;
}

/* Whether fmt with the arguments is left to glibc (-1, the buffer untouched). */
static bool declined(const char *fmt, ...)
{
	char buf[8] = "keep";
	va_list a;
	int n;

	va_start(a, fmt);
	n = cairo_printf_format(buf, sizeof buf, fmt, a);
	va_end(a);
	return n == -1 && !strcmp(buf, "keep");
}

/* A double with a random significand and a binary exponent in [lo, hi], of either sign. */
static double random_double(GRand *r, int lo, int hi)
{
	double m = g_rand_double(r) + 0.5;

	return ldexp(g_rand_boolean(r) ? -m : m, g_rand_int_range(r, lo, hi + 1));
}

static cairo_status_t collect(void *closure, const unsigned char *data, unsigned int length)
{
	g_byte_array_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* A page of glyphs at fractional places, text and lines, as a PDF Cairo writes. */
static GByteArray *page_pdf(void)
{
	GByteArray *out = g_byte_array_new();
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(collect, out, 419.53, 595.28);
	cairo_t *cr = cairo_create(s);
	cairo_glyph_t glyphs[40];

	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2026-01-01T00:00:00Z");
	cairo_select_font_face(cr, "Noto Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 10.5);
	for (int i = 0; i < 40; i++) {
		glyphs[i].index = 36 + (unsigned)i;
		glyphs[i].x = 50 + i * 7.3517 + (i % 3) * 0.0078125;
		glyphs[i].y = 80.125 + (i % 5) * 0.000731;
	}
	cairo_show_glyphs(cr, glyphs, 40);
	cairo_move_to(cr, 50.33, 120.77);
	cairo_show_text(cr, "Numbers 0.1 -2.5 1e-7");
	cairo_set_source_rgb(cr, 0.2, 0.4, 0.6);
	cairo_rectangle(cr, 33.3333, 200.0001, 99.99999, -0.04);
	cairo_fill(cr);
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	return out;
}

int main(void)
{
	static const double tricky[] = {
		0.0, -0.0, 1.0 / 128, 3.0 / 128, -1.0 / 128, 5.0 / 128, 0.0000005, 0.0000015, 1e-7, -1e-9,
		0.1, 0.5, 1.5, 2.5, 0.25, 0.125, 0.9999995, 0.99999949999, 1.0, 123.456, 419.527559, 595.275591,
		1e15, 0x1p52, 0x1p53 - 1, 4.9e-324, 2.2250738585072014e-308, 9.5367431640625e-07, 0.0000004999999,
	};
	static const int ints[] = { 0, 1, -1, 9, 10, -10, 99999, INT_MAX, INT_MIN, INT_MIN + 1 };
	static const unsigned hexes[] = { 0, 1, 0xf, 0x10, 0xabc, 0xffff, 0x10000, 0xdeadbeef, UINT_MAX };
	GRand *r = g_rand_new_with_seed(20261206);
	bool ok = true;
	GByteArray *through_glibc, *formatted_here;
	unsigned long before;

	for (size_t i = 0; i < G_N_ELEMENTS(tricky); i++)
		ok &= same(64, "%f", tricky[i]) && same(64, "%f", -tricky[i]);
	CHECK("cairo_printf: %f of ties (k/128), halves, the smallest and the largest values as glibc's", ok);
	ok = true;
	for (int i = 0; i < 300000; i++)
		ok &= same(64, "%f", random_double(r, -40, 52));
	for (int i = 0; i < 100000; i++)
		ok &= same(64, "%f", g_rand_int_range(r, -600000, 600000) / (i % 2 ? 64.0 : 1000.0));
	CHECK("cairo_printf: %f of 400,000 random values as glibc's", ok);
	ok = true;
	for (int i = 0; i < 200000; i++) {
		double v = random_double(r, -70, 52);

		ok &= same(64, "%.18f", v) && same(64, "%.*f", i % 19, v);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(tricky); i++)
		for (int p = 0; p <= 18; p++)
			ok &= same(64, "%.*f", p, tricky[i]);
	CHECK("cairo_printf: %.18f and %.*f (precision 0 to 18) of 200,000 random values as glibc's", ok);
	ok = true;
	for (size_t i = 0; i < G_N_ELEMENTS(ints); i++)
		ok &= same(64, "%d", ints[i]);
	for (int i = 0; i < 100000; i++)
		ok &= same(64, "%d", (int)g_rand_int(r));
	CHECK("cairo_printf: %d as glibc's", ok);
	ok = true;
	for (int w = 0; w <= 32; w++)
		for (size_t i = 0; i < G_N_ELEMENTS(hexes); i++)
			ok &= same(64, "%0*x", w, hexes[i]);
	for (int i = 0; i < 100000; i++)
		ok &= same(64, "%0*x", g_rand_int_range(r, 0, 9), g_rand_int(r));
	CHECK("cairo_printf: %0*x, widths 0 to 32, as glibc's", ok);
	ok = true;
	for (size_t n = 0; n <= 12; n++)
		ok &= same(n, "%f", -123.4567891) && same(n, "%d", INT_MIN) && same(n, "%0*x", 8, 0xbeefu);
	CHECK("cairo_printf: cut to a short buffer (0 to 12 bytes) as glibc cuts it, the same length returned", ok);

	CHECK("cairo_printf: other formats and values are left to glibc",
	      declined("%ld", 5L) && declined("%.3f", 1.0) && declined("%x", 5u) && declined("%f", INFINITY)
	      && declined("%f", NAN) && declined("%f", 0x1p53) && declined("%f", -1e300)
	      && declined("%.*f", 19, 0.5) && declined("%.*f", -1, 0.5) && declined("%.17f", 0.5)
	      && declined("%0*x", -4, 5u) && declined("%0*x", 33, 5u) && declined("%s", "s") && declined("x%d", 1));

	/* Cairo's own calls: before cairo_code_init every one goes to glibc, after it most come here. */
	before = cairo_printf_formatted();
	through_glibc = page_pdf();
	CHECK("cairo_printf: before cairo_code_init, none of Cairo's calls is formatted here",
	      cairo_printf_formatted() == before);
	cairo_code_init();
	formatted_here = page_pdf();
	CHECK("cairo_printf: after it, Cairo's numbers are formatted here", cairo_printf_formatted() > before + 50);
	CHECK("cairo_printf: ... and the PDF is the same, byte for byte",
	      through_glibc->len == formatted_here->len
	      && !memcmp(through_glibc->data, formatted_here->data, through_glibc->len));
	g_byte_array_unref(through_glibc);
	g_byte_array_unref(formatted_here);
	g_rand_free(r);
	CHECK_DONE();
}
