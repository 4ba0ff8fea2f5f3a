/* yamlfile.h - reads a settings file (folio.yaml, a print theme) into one YAML document. */
#ifndef FOLIO_YAMLFILE_H
#define FOLIO_YAMLFILE_H

#include <stdbool.h>
#include <yaml.h>

/*
 * Read path and parse it into doc (yaml_document_delete it after use). A file that cannot be
 * read, or bad YAML (with its line), is an error naming what the file is ("the theme",
 * "settings"); false then, and doc holds nothing.
 */
bool yamlfile_load(const char *path, const char *what, yaml_document_t *doc);

/* The 1-based line where node n starts, for messages. */
int yamlfile_line(const yaml_node_t *n);

#endif
