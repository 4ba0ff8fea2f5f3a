/* pdf_writer.c - the "pdf" and "trace" writers: theme, fonts and a device around the page layout. */
#include "format/pdf/pdf.h"

#include "format/fonts.h"
#include "format/pdf/device.h"
#include "format/pdf/theme.h"

static bool write_pages(const struct export *x, struct outfile *out, bool trace)
{
	const struct book *b = x->book;
	const struct theme *t = x->theme;
	struct fonts *f;
	struct device *dev;
	bool ok;

	f = fonts_new(x->opts->datadir);
	dev = trace ? device_trace_new(out->fp, out->path) : device_cairo_new(out->fp, out->path, b, t->page_w, t->page_h);
	ok = layout_book(b, t, f, dev);
	if (x->pages)
		*x->pages = dev->pages;
	/*
	 * Pango is done: its font map and caches go before cairo reads each font's whole outline
	 * table to subset it (cairo holds its own references to the fonts it embeds).
	 */
	fonts_free(f);
	ok = dev->finish(dev) && ok;
	dev->free(dev);
	return ok;
}

bool pdf_write(const struct export *x, struct outfile *out)
{
	return write_pages(x, out, false);
}

bool trace_write(const struct export *x, struct outfile *out)
{
	return write_pages(x, out, true);
}
