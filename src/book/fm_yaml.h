/* fm_yaml.h - YAML text (front matter, settings) into folio's typed tree, read by libyaml. */
#ifndef FOLIO_FM_YAML_H
#define FOLIO_FM_YAML_H

#include <stddef.h>

#include "book/fmtree.h"

/*
 * Parse len bytes of YAML (its first line is line first_line of file) into a tree; NULL when it
 * is not YAML (reported with its line). Aliases are copied, within bounds (a document that
 * names itself, or "billion laughs", stops growing: its deepest copies become "...").
 */
struct fm_node *fm_read_yaml(const char *file, const char *text, size_t len, int first_line, const char *what);

#endif
