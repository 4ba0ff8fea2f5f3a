/* pdf_writer.c - the "pdf" and "trace" writers: theme, fonts and a device around the page layout. */
#include "device.h"
#include "diag.h"
#include "fonts.h"
#include "theme.h"
#include "writer.h"

static bool write_pages(const struct book *b, struct outfile *out, bool trace)
{
	const struct options *o = b->opts;
	struct theme *t = theme_load(o->theme, o->datadir);
	struct fonts *f;
	struct device *dev;
	bool ok;

	if (!t)
		return false;
	if (!theme_apply_options(t, o)) {
		theme_free(t);
		return false;
	}
	f = fonts_new(o->datadir);
	dev = trace ? device_trace_new(out->fp) : device_cairo_new(out->fp, b, t->page_w, t->page_h);
	ok = layout_book(b, t, f, dev);
	ok = dev->finish(dev) && ok;
	dev->free(dev);
	fonts_free(f);
	theme_free(t);
	return ok;
}

bool pdf_write(const struct book *b, struct outfile *out)
{
	return write_pages(b, out, false);
}

bool trace_write(const struct book *b, struct outfile *out)
{
	return write_pages(b, out, true);
}
