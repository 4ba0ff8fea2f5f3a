/* yamlfile.c - reads a settings file (folio.yaml, a print theme) into one YAML document. */
#include "base/yamlfile.h"

#include <glib.h>
#include <string.h>

#include "base/diag.h"
#include "base/nesting.h"

int yamlfile_line(const yaml_node_t *n)
{
	return (int)n->start_mark.line + 1;
}

int yamlfile_nul_line(yaml_document_t *doc)
{
	for (yaml_node_t *n = doc->nodes.start; n && n < doc->nodes.top; n++)
		if (n->type == YAML_SCALAR_NODE && strlen((const char *)n->data.scalar.value) != n->data.scalar.length)
			return yamlfile_line(n);
	return 0;
}

bool yamlfile_load(const char *path, const char *what, yaml_document_t *doc)
{
	char *text = NULL;
	gsize len = 0;
	GError *err = NULL;
	yaml_parser_t parser;
	bool ok;

	if (!g_file_get_contents(path, &text, &len, &err)) {
		diag_error(path, 0, "cannot read %s: %s", what, err->message);
		g_error_free(err);
		return false;
	}
	if (nesting_too_deep(text, len, NESTING_BRACKETS)) {
		diag_error(path, nesting_too_deep(text, len, NESTING_BRACKETS), "bad YAML in %s: nested deeper than %d levels",
			   what, NESTING_MAX);
		g_free(text);
		return false;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (unsigned char *)text, len);
	/* The document keeps copies of its scalars: the text and the parser can go now. */
	ok = yaml_parser_load(&parser, doc);
	if (!ok) {
		diag_error(path, (int)parser.problem_mark.line + 1, "bad YAML in %s: %s", what,
			   parser.problem ? parser.problem : "syntax error");
	} else if (yamlfile_nul_line(doc)) {
		diag_error(path, yamlfile_nul_line(doc), "bad YAML in %s: a value holds a NUL character", what);
		yaml_document_delete(doc);
		ok = false;
	}
	yaml_parser_delete(&parser);
	g_free(text);
	return ok;
}

bool yamlfile_is_true(const char *s)
{
	return s && (!g_ascii_strcasecmp(s, "true") || !g_ascii_strcasecmp(s, "yes")
		     || !g_ascii_strcasecmp(s, "on"));
}

bool yamlfile_is_bool(const char *s)
{
	return yamlfile_is_true(s) || (s && (!g_ascii_strcasecmp(s, "false") || !g_ascii_strcasecmp(s, "no")
					     || !g_ascii_strcasecmp(s, "off")));
}
