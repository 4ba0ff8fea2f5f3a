/* collect.h - finds the Markdown files of the SOURCE folders and files. */
#ifndef FOLIO_COLLECT_H
#define FOLIO_COLLECT_H

#include <glib.h>

#include "base/paths.h"

struct found_file {
	char *file;		/* for messages: SOURCE joined with the path inside it */
	char *real;		/* real path */
	char *rel;		/* path inside its SOURCE folder */
	const struct root *root;
};

/*
 * Add each SOURCE to roots and list its Markdown files (.md and .markdown files;
 * hidden files and folders skipped, symlinks that leave the folder refused),
 * sorted by path within each SOURCE, each file once. A SOURCE that does not
 * exist is reported as an error. Returns an array of struct found_file *.
 */
GPtrArray *collect_sources(const GPtrArray *sources, struct roots *roots);

#endif
