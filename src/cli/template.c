/* template.c - "{{name}}" substitution for digest titles and file names; unknown names are errors. */
#include "cli/template.h"

#include <string.h>
#include <glib.h>

/* The field at p (just after "{{"): its name trimmed, and where the text resumes; NULL if unclosed. */
static char *field_name(const char *p, const char **resume)
{
	const char *close = strstr(p, "}}");

	if (!close)
		return NULL;
	*resume = close + 2;
	return g_strstrip(g_strndup(p, (gsize)(close - p)));
}

char *template_fill(const char *text, const struct template_field *fields, size_t n, char **bad)
{
	GString *out = g_string_new(NULL);
	const char *p = text;

	*bad = NULL;
	while (*p) {
		const char *open = strstr(p, "{{"), *resume;
		char *name;
		size_t i;

		if (!open) {
			g_string_append(out, p);
			break;
		}
		g_string_append_len(out, p, open - p);
		name = field_name(open + 2, &resume);
		if (!name) {
			*bad = g_strdup(open);
			g_string_free(out, TRUE);
			return NULL;
		}
		for (i = 0; i < n && strcmp(fields[i].name, name); i++)
			;
		if (i == n) {
			*bad = g_strndup(open, (gsize)(resume - open));
			g_free(name);
			g_string_free(out, TRUE);
			return NULL;
		}
		g_string_append(out, fields[i].value);
		g_free(name);
		p = resume;
	}
	return g_string_free(out, FALSE);
}

bool template_uses(const char *text, const char *name)
{
	const char *p = text;

	while (text && (p = strstr(p, "{{"))) {
		const char *resume;
		char *field = field_name(p + 2, &resume);
		bool hit = field && !strcmp(field, name);

		g_free(field);
		if (hit)
			return true;
		if (!field)
			return false;
		p = resume;
	}
	return false;
}
