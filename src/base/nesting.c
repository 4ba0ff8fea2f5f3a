/* nesting.c - refuses text nested too deep for the parsers folio hands it to, before they see it. */
#include "base/nesting.h"

int nesting_too_deep(const char *text, size_t len, enum nesting_syntax syntax)
{
	int depth = 0, line = 1, dots = 0;

	/*
	 * Quotes are not followed: one stray '"' in a comment or in YAML's plain text would hide the
	 * rest of the text from the count. Brackets in strings count too; a thousand unmatched ones
	 * in a string are as far past sense.
	 */
	for (size_t i = 0; i < len; i++) {
		switch (text[i]) {
		case '\n':
			line++;
			dots = 0;
			break;
		case '[': case '{':
			if (++depth > NESTING_MAX)
				return line;
			break;
		case ']': case '}':
			if (depth > 0)
				depth--;
			break;
		case '.':
			if (syntax == NESTING_TOML && ++dots > NESTING_MAX)
				return line;
			break;
		default:
			break;
		}
	}
	return 0;
}
