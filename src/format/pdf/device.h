/* device.h - what draws finished pages: the Cairo PDF device and the text trace device. */
#ifndef FOLIO_DEVICE_H
#define FOLIO_DEVICE_H

#include <stdbool.h>
#include <stdio.h>

#include "book/model.h"
#include "format/pdf/layout.h"
#include "format/pdf/taglog.h"

struct device {
	/* Draw one finished page (pages come in order, but for the moved ones below). */
	void (*page)(struct device *d, const struct page *p);
	/* Finish the document; false (reported) when it could not be written. */
	bool (*finish)(struct device *d);
	void (*free)(struct device *d);
	int pages;	/* pages laid out, once layout_book is done */
	/*
	 * Set by layout_book before finish: the last `moved` pages drawn (the contents, drawn once
	 * the body's page numbers were known) belong before the page drawn at index moved_to (from 0).
	 */
	int moved_to, moved;
	struct fonts *fonts;	/* the book's, while layout_book runs: for what the device sets itself (a drawn cover) */
};

/* How the Cairo device draws for print and for readers. */
struct device_print {
	struct tag_log *log;	/* tag the structure, recording it here; NULL: an untagged PDF */
	bool ua;		/* PDF/UA-1: a picture with no usable description is an error */
	bool rgb_press;		/* PDF/X-4 with an RGB output intent: a CMYK picture is an error */
	double bleed, slug;	/* points drawn around every page (the trim); the cover's ground runs into the bleed */
};

/*
 * A PDF written to fp (path: the output's name, for messages): metadata from b, dates from
 * b->modified; pages w x h points plus print's margins.
 */
struct device *device_cairo_new(FILE *fp, const char *path, const struct book *b, double w, double h,
				const struct device_print *print);
/* The same pages as text lines (for golden tests). */
struct device *device_trace_new(FILE *fp, const char *path);

#endif
