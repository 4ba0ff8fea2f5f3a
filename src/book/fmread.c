/* fmread.c - chooses the reader of a format: YAML (libyaml), TOML (toml++), JSON (json-glib). */
#include "book/fmread.h"

#include "base/diag.h"
#include "base/nesting.h"
#include "book/fm_json.h"
#include "book/fm_yaml.h"
#include "book/toml.h"

const char *fm_format_name(enum fm_format f)
{
	return f == FMT_TOML ? "TOML" : f == FMT_JSON ? "JSON" : "YAML";
}

struct fm_node *fm_read(enum fm_format f, const char *file, const char *text, size_t len, int first_line,
			const char *what)
{
	int deep = nesting_too_deep(text, len, f == FMT_TOML ? NESTING_TOML : NESTING_BRACKETS);

	if (deep) {
		diag_warn(file, first_line + deep - 1, "bad %s %s: nested deeper than %d levels", fm_format_name(f), what,
			  NESTING_MAX);
		return NULL;
	}
	switch (f) {
	case FMT_TOML: {
		char *problem = NULL;
		int line = 0;
		struct fm_node *n = toml_read_tree(text, len, first_line, &problem, &line);

		if (!n) {
			diag_warn(file, line, "bad TOML %s: %s", what, problem ? problem : "syntax error");
			g_free(problem);
		}
		return n;
	}
	case FMT_JSON:
		return fm_read_json(file, text, len, first_line, what);
	default:
		return fm_read_yaml(file, text, len, first_line, what);
	}
}
