/* cssclean.c - a stylesheet (the user's, an SVG's) kept to what a book may hold: no address outside it, no script hooks. */
#include "html/cssclean.h"

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

/*
 * Past the url(...) that starts at p (text starting at css), or p when none does. Unquoted, an
 * address runs to its ')' whatever it holds: a comment's opening mark inside it opens no comment,
 * which would hide "fill:url(http://...)" after it from the cleaner while CSS reads it.
 */
static const char *skip_url(const char *css, const char *p)
{
	if (g_ascii_strncasecmp(p, "url(", 4) || (p > css && (g_ascii_isalnum(p[-1]) || p[-1] == '-' || p[-1] == '_'
							       || p[-1] == '\\')))
		return p;
	p += 4;
	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p == '"' || *p == '\'')
		p = skip_quoted(p);
	while (*p && *p != ')')
		p++;
	return *p ? p + 1 : p;
}

/*
 * Does url(...) at p (past "url(") name something inside the book? A data: address does, and a
 * fragment (an SVG's own gradient or clip path: url(#g)) names a part of the file it is in.
 */
static bool own_address(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '"' || *p == '\'')
		p++;
	return !g_ascii_strncasecmp(p, "data:", 5) || *p == '#';
}

/* Is the statement at p (to end) one a book drops: an @import, a script hook, an outside address? */
static const char *why_dropped(const char *p, const char *end)
{
	GString *bare = g_string_sized_new((gsize)(end - p));
	const char *why = NULL;
	char *s;

	/* Its strings and comments say nothing ("content: \"url(x)\"" names no file). */
	for (const char *c = p; c < end;) {
		const char *q = skip_quoted(c), *u = skip_url(p, c);

		if (u != c) {
			/* an address is judged whole, comment marks and all */
			g_string_append_len(bare, c, MIN(u, end) - c);
			c = MIN(u, end);
		} else if (q != c) {
			/* (a quoted data: or #fragment address is still one: url("data:...")) */
			g_string_append(bare, (*c == '"' || *c == '\'') && own_address(c + 1) ? "data:" : " ");
			c = MIN(q, end);
		} else {
			g_string_append_c(bare, *c++);
		}
	}
	s = g_ascii_strdown(bare->str, (gssize)bare->len);
	g_string_free(bare, TRUE);

	const char *name = g_strchug(s);

	if (g_str_has_prefix(name, "@namespace"))
		why = NULL;	/* names a namespace, fetches nothing */
	else if (g_str_has_prefix(name, "@import"))
		why = "an @import of another stylesheet (the book holds one)";
	else if (strchr(name, '\\'))
		why = "an escaped name or address (\\75 rl(...) is url(...))";
	else if (strstr(s, "expression(") || ((g_str_has_prefix(name, "behavior") || g_str_has_prefix(name, "-moz-binding"))
					       && strchr(name, ':')))
		why = "a script hook (expression, behavior, -moz-binding)";
	else if (strstr(s, "image-set("))
		why = "an image-set() (its quoted addresses name files as url() does)";
	for (const char *u = strstr(s, "url("); !why && u && !g_str_has_prefix(name, "@namespace"); u = strstr(u + 4, "url("))
		if (!own_address(u + 4))
			why = "an address of a file the book does not hold (only data: and #fragment addresses are kept)";
	g_free(s);
	return why;
}

/* Past the blanks and comments at p, before end. */
static const char *skip_blank(const char *p, const char *end)
{
	while (p < end) {
		const char *q = p[0] == '/' && p[1] == '*' ? skip_quoted(p) : p;

		if (q != p)
			p = q;
		else if (g_ascii_isspace(*p))
			p++;
		else
			break;
	}
	return MIN(p, end);
}

/* css cleaned; with file, the first rule dropped said there and the count after it. */
static char *clean(const char *css, const char *file, unsigned *count)
{
	GString *out = g_string_sized_new(strlen(css));
	const char *p = css, *done = css, *stmt = css;
	unsigned dropped = 0;

	/* Statements end at ';', '{' or '}' outside strings and comments; one before '{' is a selector
	   or an at-rule's prelude (kept), the others declarations and at-rules, judged whole. */
	for (;;) {
		const char *q = skip_quoted(p), *start, *why;

		if (q == p)
			q = skip_url(css, p);
		if (q != p) {
			p = q;
			continue;
		}
		if (*p && !strchr(";{}", *p)) {
			p++;
			continue;
		}
		start = skip_blank(stmt, p);
		if (*p != '{' && start < p && (why = why_dropped(start, p))) {
			if (!dropped++ && file)
				diag_warn(file, line_of(css, start), "%s is left out of the book's stylesheet%s", why,
					  " (a book holds no other file, and runs no script)");
			g_string_append_len(out, done, start - done);
			done = *p == ';' ? p + 1 : p;
		}
		if (!*p)
			break;
		stmt = ++p;
	}
	g_string_append(out, done);
	if (dropped > 1 && file)
		diag_note(file, 0, "%u such rules or declarations left out of the stylesheet in all", dropped);
	if (count)
		*count = dropped;
	return g_string_free(out, FALSE);
}

char *cssclean(const char *css, const char *file)
{
	return clean(css, file, NULL);
}

char *cssclean_quiet(const char *css, unsigned *dropped)
{
	return clean(css, NULL, dropped);
}
