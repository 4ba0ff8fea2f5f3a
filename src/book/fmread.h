/* fmread.h - reads YAML, TOML or JSON text (front matter, a site's settings) into one typed tree. */
#ifndef FOLIO_FMREAD_H
#define FOLIO_FMREAD_H

#include <stddef.h>

#include "book/fmtree.h"

enum fm_format { FMT_NONE, FMT_YAML, FMT_TOML, FMT_JSON };

/*
 * Read text (len bytes, its first line being line first_line of file) in format f into a tree
 * whose nodes carry their file lines. Returns the root (a mapping, or any node for YAML and
 * JSON, which the caller checks), or NULL when the text is not valid in its format: then the
 * problem was reported as a warning naming file and line and what the text is ("front matter",
 * "settings"). An empty text gives an empty mapping.
 */
struct fm_node *fm_read(enum fm_format f, const char *file, const char *text, size_t len, int first_line,
			const char *what);

/* The format's name for messages: "YAML", "TOML", "JSON". */
const char *fm_format_name(enum fm_format f);

#endif
