/* fm_json.h - JSON text (front matter, settings) into folio's typed tree, read by json-glib. */
#ifndef FOLIO_FM_JSON_H
#define FOLIO_FM_JSON_H

#include <stddef.h>

#include "book/fmtree.h"

/*
 * Parse len bytes of JSON (its first line is line first_line of file) into a tree whose members
 * carry the line they were read on; NULL when it is not JSON (reported with its line). A key
 * given twice keeps the last value, as Hugo reads it.
 */
struct fm_node *fm_read_json(const char *file, const char *text, size_t len, int first_line, const char *what);

#endif
