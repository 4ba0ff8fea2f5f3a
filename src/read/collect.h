/* collect.h - finds the Markdown files of the SOURCE folders and files. */
#ifndef FOLIO_COLLECT_H
#define FOLIO_COLLECT_H

#include <glib.h>

#include "base/paths.h"
#include "read/site.h"

struct found_file {
	char *file;		/* for messages: SOURCE joined with the path inside it */
	char *real;		/* real path */
	char *rel;		/* path inside its SOURCE folder */
	const struct root *root;
};

/* Is name one folio may read as an article (Markdown; HTML in a Hugo site's content)? */
bool collect_may_read(const char *name);

/*
 * Add each SOURCE to roots and list its Markdown files (.md, .markdown and .mdown files;
 * hidden files and folders skipped, symlinks that leave the folder refused),
 * sorted by path within each SOURCE, each file once. A SOURCE that does not
 * exist is reported as an error. A SOURCE that is the root of site (a Hugo site, or NULL) is
 * read as Hugo reads it: its content folders only, .html files too, and in a leaf bundle (a
 * folder with an index file) only the index files. Pages in Hugo's other content formats (Org,
 * AsciiDoc, ...) found in the folders are added to left_out ("FILE (reason)", book/model.h).
 * Returns an array of struct found_file *.
 */
GPtrArray *collect_sources(const GPtrArray *sources, struct roots *roots, const struct site *site,
			   GPtrArray *left_out);

#endif
