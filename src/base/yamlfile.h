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

/*
 * The line of doc's first value holding a NUL character ("\u0000" in JSON, "\0" in YAML), or 0:
 * folio reads values as C strings, which would end there ("a\u0000x" and "a\u0000y" were one name).
 */
int yamlfile_nul_line(yaml_document_t *doc);

/* The 1-based line where node n starts, for messages. */
int yamlfile_line(const yaml_node_t *n);

/* True for YAML 1.1 true values: true, yes, on (any case). */
bool yamlfile_is_true(const char *s);
/* True for YAML 1.1 booleans of either value: true, false, yes, no, on, off (any case). */
bool yamlfile_is_bool(const char *s);

#endif
