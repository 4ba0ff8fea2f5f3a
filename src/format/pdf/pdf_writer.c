/* pdf_writer.c - the "pdf" and "trace" writers: theme, fonts and a device around the page layout. */
#include "format/pdf/device.h"
#include "base/diag.h"
#include "format/fonts.h"
#include "format/pdf/theme.h"
#include "cli/writer.h"

static bool write_pages(const struct book *b, struct outfile *out, bool trace)
{
	const struct options *o = b->opts;
	const struct theme *t = b->theme;
	struct fonts *f;
	struct device *dev;
	bool ok;

	f = fonts_new(o->datadir);
	dev = trace ? device_trace_new(out->fp) : device_cairo_new(out->fp, b, t->page_w, t->page_h);
	ok = layout_book(b, t, f, dev);
	/*
	 * Pango is done: its font map and caches go before cairo reads each font's whole outline
	 * table to subset it (cairo holds its own references to the fonts it embeds).
	 */
	fonts_free(f);
	ok = dev->finish(dev) && ok;
	dev->free(dev);
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
