/* device.h - what draws finished pages: the Cairo PDF device and the text trace device. */
#ifndef FOLIO_DEVICE_H
#define FOLIO_DEVICE_H

#include <stdbool.h>
#include <stdio.h>

#include "book/model.h"
#include "format/pdf/layout.h"

struct device {
	/* Draw one finished page (pages come in order). */
	void (*page)(struct device *d, const struct page *p);
	/* Finish the document; false (reported) when it could not be written. */
	bool (*finish)(struct device *d);
	void (*free)(struct device *d);
	int pages;	/* pages laid out, once layout_book is done */
};

/* A PDF written to fp: metadata from b, dates from b->modified. */
struct device *device_cairo_new(FILE *fp, const char *path, const struct book *b, double w, double h);
/* The same pages as text lines (for golden tests). */
struct device *device_trace_new(FILE *fp, const char *path);

#endif
