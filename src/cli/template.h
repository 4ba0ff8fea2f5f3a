/* template.h - fills "{{name}}" fields in digest titles and output names. */
#ifndef FOLIO_TEMPLATE_H
#define FOLIO_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

struct template_field {
	const char *name;	/* "year" */
	const char *value;	/* "2025" */
};

/*
 * Copy text with each "{{name}}" (spaces inside the braces allowed) replaced
 * by the value of the field of that name. Returns NULL when text names a
 * field that is not among fields or leaves "{{" unclosed, and sets *bad to
 * the offending piece (g_free it). The result is g_free'd by the caller.
 */
char *template_fill(const char *text, const struct template_field *fields, size_t n, char **bad);

/* True when text holds the field "{{name}}". */
bool template_uses(const char *text, const char *name);

#endif
