/* export.h - the one door of every back end: the finished book, the run's settings and the print theme, read only. */
#ifndef FOLIO_EXPORT_H
#define FOLIO_EXPORT_H

#include <stdbool.h>

#include "base/options.h"
#include "base/outfile.h"
#include "book/model.h"

struct theme;

struct export {
	const struct book *book;
	const struct options *opts;	/* the run's settings: --css, the data folder */
	const struct theme *theme;	/* the print theme (format/pdf/theme.h), print options applied */
	int *pages;			/* where the PDF writer leaves its count of pages, or NULL */
};

/*
 * What every back end is: write x into out (out->fp is open on out->tmp; a
 * back end that needs a path writes out->tmp itself). Problems are reported
 * through diag; false on failure. Each back end declares its own in its header.
 */
typedef bool (*export_fn)(const struct export *x, struct outfile *out);

#endif
