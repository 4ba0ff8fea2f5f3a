/* pdf.h - the print back ends: the paginated PDF, and its pages as text (trace) for golden tests. */
#ifndef FOLIO_PDF_H
#define FOLIO_PDF_H

#include <stdbool.h>

#include "format/export.h"

/*
 * Lay out x->book with x->theme and draw it as a PDF into out->fp: cover,
 * title page, contents, part pages and articles, with fonts subset and
 * embedded, links, named destinations and an outline. Same bytes for the
 * same book. Problems are reported through diag; false on failure.
 */
bool pdf_write(const struct export *x, struct outfile *out);

/* The same pages as text, one box a line (format/pdf/device_trace.c). */
bool trace_write(const struct export *x, struct outfile *out);

#endif
