/* cssclean.c - a stylesheet the user gives, kept to what a book may hold: no address outside it, no script hooks. */
#include "format/epub/cssclean.h"

#include <string.h>

#include "base/diag.h"

/* Line of offset off in text. */
static int line_of(const char *text, const char *at)
{
	int line = 1;

	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

/* Past a string or comment that starts at p (returns p when none starts there). */
static const char *skip_quoted(const char *p)
{
	if (p[0] == '/' && p[1] == '*') {
		const char *e = strstr(p + 2, "*/");

		return e ? e + 2 : p + strlen(p);
	}
	if (*p == '"' || *p == '\'') {
		char q = *p;

		for (p++; *p && *p != q && *p != '\n'; p++)
			if (*p == '\\' && p[1])
				p++;
		return *p == q ? p + 1 : p;
	}
	return p;
}

/* Where the declaration or at-rule holding at ends: its ';', or before the '}' that closes its block. */
static const char *statement_end(const char *at)
{
	const char *p = at;
	int depth = 0;

	while (*p) {
		const char *q = skip_quoted(p);

		if (q != p) {
			p = q;
			continue;
		}
		if (*p == '(')
			depth++;
		else if (*p == ')' && depth)
			depth--;
		else if (!depth && *p == ';')
			return p + 1;
		else if (!depth && (*p == '}' || *p == '{'))
			return p;
		p++;
	}
	return p;
}

/* Where the statement holding at begins: after the ';', '{' or '}' before it. */
static const char *statement_start(const char *text, const char *at)
{
	const char *p = at;

	while (p > text && !strchr(";{}", p[-1]))
		p--;
	return p;
}

/* Does url(...) at p (past "url(") name something inside the book? Only a data: address does. */
static bool data_address(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'')
		p++;
	return !g_ascii_strncasecmp(p, "data:", 5);
}

/* Is the statement at p (to end) one a book drops: an @import, a script hook, an outside address? */
static const char *why_dropped(const char *p, const char *end)
{
	GString *bare = g_string_sized_new((gsize)(end - p));
	const char *why = NULL;
	char *s;

	/* Its strings and comments say nothing ("content: \"url(x)\"" names no file). */
	for (const char *c = p; c < end;) {
		const char *q = skip_quoted(c);

		if (q != c) {
			/* (a quoted data: address is still one: url("data:...")) */
			g_string_append(bare, (*c == '"' || *c == '\'') && !g_ascii_strncasecmp(c + 1, "data:", 5) ? "data:" : " ");
			c = MIN(q, end);
		} else {
			g_string_append_c(bare, *c++);
		}
	}
	s = g_ascii_strdown(bare->str, (gssize)bare->len);
	g_string_free(bare, TRUE);

	const char *name = g_strchug(s);

	if (g_str_has_prefix(name, "@import"))
		why = "an @import of another stylesheet (the book holds one)";
	else if (strstr(s, "expression(") || ((g_str_has_prefix(name, "behavior") || g_str_has_prefix(name, "-moz-binding"))
					       && strchr(name, ':')))
		why = "a script hook (expression, behavior, -moz-binding)";
	for (const char *u = strstr(s, "url("); !why && u; u = strstr(u + 4, "url("))
		if (!data_address(u + 4))
			why = "an address of a file the book does not hold (only data: addresses are kept)";
	g_free(s);
	return why;
}

char *cssclean(const char *css, const char *file)
{
	GString *out = g_string_sized_new(strlen(css));
	const char *p = css, *done = css;
	guint dropped = 0;

	while (*p) {
		const char *q = skip_quoted(p), *start, *end, *why;

		if (q != p) {
			p = q;
			continue;
		}
		/* A statement is judged where it starts: at an at-rule's '@' or a declaration's name. */
		if (*p == '@' || (g_ascii_isalpha(*p) || *p == '-' || *p == '*')) {
			start = statement_start(css, p);
			end = statement_end(p);
			if (start < done)
				start = done;
			/* (a selector, or an at-rule's prelude, is followed by its block: never dropped) */
			if (*end != '{' && (why = why_dropped(start, end))) {
				if (!dropped++)
					diag_warn(file, line_of(css, start), "%s is left out of the book's stylesheet%s", why,
						  " (a book holds no other file, and runs no script)");
				g_string_append_len(out, done, start - done);
				done = p = end;
				continue;
			}
			p = end > p ? end : p + 1;
			continue;
		}
		p++;
	}
	g_string_append(out, done);
	if (dropped > 1)
		diag_note(file, 0, "%u such rules or declarations left out of the stylesheet in all", dropped);
	return g_string_free(out, FALSE);
}
