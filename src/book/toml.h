/* toml.h - TOML text into folio's typed tree, read by toml++ (the one C++ file: toml.cc). */
#ifndef FOLIO_TOML_H
#define FOLIO_TOML_H

#include <stddef.h>

#include "book/fmtree.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Parse len bytes of TOML (its first line is line first_line of its file) into a mapping whose
 * nodes carry their lines, keys in file order. NULL when it is not TOML 1.0: *problem (g_free)
 * says why and *line where.
 */
struct fm_node *toml_read_tree(const char *text, size_t len, int first_line, char **problem, int *line);

#ifdef __cplusplus
}
#endif

#endif
