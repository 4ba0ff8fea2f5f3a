/* pdf_writer.c - the "pdf" and "trace" writers: theme, fonts and a device around the page layout, then the post-pass. */
#include "format/pdf/pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "base/diag.h"
#include "base/units.h"
#include "format/fonts.h"
#include "format/pdf/device.h"
#include "format/pdf/pdf_post.h"
#include "format/pdf/pdf_post_doc.h"
#include "format/pdf/theme.h"

/* Room outside the bleed for the printer's marks (they end 2pt short of the paper's edge). */
#define SLUG_MM 8

/* The book laid out and drawn on dev; post (or NULL) learns which pages the post-pass moves. */
static bool lay_out(const struct export *x, struct device *dev, struct pdf_post *post)
{
	struct fonts *f = fonts_new(x->opts->datadir);
	bool ok = layout_book(x->book, x->theme, f, dev);

	if (x->pages)
		*x->pages = dev->pages;
	if (post) {
		post->moved_to = dev->moved_to;
		post->moved = dev->moved;
	}
	/*
	 * Pango is done: its font map and caches go before cairo reads each font's whole outline
	 * table to subset it (cairo holds its own references to the fonts it embeds).
	 */
	fonts_free(f);
	ok = dev->finish(dev) && ok;
	dev->free(dev);
	/* No thread sets text now: the faces pinned for the threads may close. */
	fonts_unpin_all();
	return ok;
}

/* Cairo's PDF goes to a file of its own beside the output, for the post-pass to read. */
static FILE *open_beside(const char *path)
{
	int fd = g_open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0) {
		diag_error(path, 0, "cannot write: %s", g_strerror(errno));
		return NULL;
	}
	return fdopen(fd, "w+b");
}

bool pdf_write(const struct export *x, struct outfile *out)
{
	const struct theme *t = x->theme;
	struct tag_log *log = t->tagged ? tag_log_new() : NULL;
	double slug = t->marks ? units_mm(SLUG_MM) : 0;
	/* PDF/X-4's output profile: RGB, or unreadable (counted as RGB here; the post-pass reports it). */
	int press = t->standards & STANDARD_X4 ? pdf_icc_components(t->output_profile) : -1;
	struct device_print print = { .log = log, .ua = (t->standards & STANDARD_UA1) != 0, .bleed = t->bleed, .slug = slug,
				      .rgb_press = press == 3 || press == 0 };
	struct pdf_post post = {
		.name = out->path, .lang = x->book->lang, .x4 = (t->standards & STANDARD_X4) != 0,
		.icc_path = t->output_profile, .output_condition = t->output_condition,
		.bleed = t->bleed, .slug = slug, .marks = t->marks,
		.boxes = t->bleed > 0 || t->marks || (t->standards & STANDARD_X4),
	};
	char *cairo_path = g_strdup_printf("%s.cairo", out->tmp);
	FILE *fp = open_beside(cairo_path);
	bool ok = fp != NULL;

	if (ok) {
		outfile_scratch_track(cairo_path);
		ok = lay_out(x, device_cairo_new(fp, out->path, x->book, t->page_w, t->page_h, &print), &post);
		if (fclose(fp) != 0 && ok) {
			diag_error(out->path, 0, "cannot write: %s", g_strerror(errno));
			ok = false;
		}
		/* Tagged, the PDF claims PDF/UA-1 (with ua-1, what it forbids has failed the run by now). */
		post.ua = log != NULL;
		/* The layout's memory is free again for the post-pass (which holds only the objects it changes). */
		if (ok)
			ok = pdf_post_write(cairo_path, out->fp, &post, log);
		else
			tag_log_free(log);
		log = NULL;
		outfile_scratch_untrack(cairo_path);
		g_unlink(cairo_path);
	}
	tag_log_free(log);
	g_free(cairo_path);
	return ok;
}

bool trace_write(const struct export *x, struct outfile *out)
{
	return lay_out(x, device_trace_new(out->fp, out->path), NULL);
}
