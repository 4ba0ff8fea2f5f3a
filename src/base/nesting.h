/* nesting.h - refuses text nested too deep for the parsers folio hands it to, before they see it. */
#ifndef FOLIO_NESTING_H
#define FOLIO_NESTING_H

#include <stddef.h>

/*
 * Deeper than this, nothing in front matter, settings or a manifest means anything, and the
 * parsers do harm: json-glib and toml++ recurse (200,000 levels overflow the stack), libyaml
 * takes quadratic time on flow collections (100,000 levels: a minute).
 */
enum { NESTING_MAX = 1000 };

enum nesting_syntax { NESTING_BRACKETS, NESTING_TOML };

/*
 * The line (from 1) where text first nests deeper than NESTING_MAX, or 0: open brackets and
 * braces not yet closed, wherever they are; in TOML, also the dots of one line (a dotted key
 * a.b.c, which toml++ nests as tables).
 */
int nesting_too_deep(const char *text, size_t len, enum nesting_syntax syntax);

#endif
