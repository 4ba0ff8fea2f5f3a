/* test_drawimages.c - the PDF device's decoded pictures stay within their budget, JPEGs too. */
#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>

#include "check.h"
#include "format/pdf/device_draw.h"

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int len)
{
	return CAIRO_STATUS_SUCCESS;
}

int main(void)
{
	char *dir = g_dir_make_tmp("folio-drawimages-XXXXXX", NULL);
	cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(discard, NULL, 420, 595);
	cairo_t *cr = cairo_create(pdf);
	struct draw_images im;
	struct resource res[16];
	enum { N = G_N_ELEMENTS(res) };
	int kept;

	/*
	 * Sixteen photographs of 1920x1080, one a page: each is 8 MB decoded. A JPEG was counted
	 * as 1 KB (Cairo embeds its own bytes) while its pixels stayed decoded, so a book of 100
	 * photographs held 830 MB; the budget (64 MB) now counts its pixels.
	 */
	draw_images_init(&im);
	for (int i = 0; i < N; i++) {
		GdkPixbuf *pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, 1920, 1080);
		struct box b = { .kind = BOX_IMAGE, .x = 10, .y = 10, .w = 300, .h = 170 };

		gdk_pixbuf_fill(pb, 0x20406000u + (guint32)i * 0x01020300u);
		res[i] = (struct resource){ .id = g_strdup_printf("img-%016d", i),
					    .path = g_strdup_printf("%s/p%d.jpg", dir, i), .media_type = "image/jpeg",
					    .width = 1920, .height = 1080, .components = 3 };
		gdk_pixbuf_save(pb, res[i].path, "jpeg", NULL, "quality", "80", NULL);
		g_object_unref(pb);
		b.res = &res[i];
		draw_image(cr, &im, &b, false, 0);
		cairo_show_page(cr);
	}
	kept = (int)g_hash_table_size(im.surfaces);
	CHECK("draw images: every photograph drawn", cairo_status(cr) == CAIRO_STATUS_SUCCESS);
	CHECK("draw images: decoded JPEGs kept within the budget, not all of them", kept > 0 && kept < N);
	CHECK("draw images: ... the count is their pixels", im.bytes >= (gsize)kept * 1920 * 1080 * 4);
	draw_images_clear(&im);
	cairo_destroy(cr);
	cairo_surface_finish(pdf);
	cairo_surface_destroy(pdf);
	for (int i = 0; i < N; i++) {
		g_unlink(res[i].path);
		g_free(res[i].path);
		g_free(res[i].id);
	}
	g_rmdir(dir);
	g_free(dir);
	CHECK_DONE();
}
