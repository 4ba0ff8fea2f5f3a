/* nesting.c - refuses text nested too deep for the parsers folio hands it to, before they see it. */
#include "base/nesting.h"

int nesting_too_deep(const char *text, size_t len, enum nesting_syntax syntax)
{
	int depth = 0, line = 1, dots = 0;
	char quote = 0;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (c == '\n') {
			line++;
			dots = 0;
			if (quote == '\'')
				quote = 0;	/* an apostrophe in YAML's plain text is no string */
			continue;
		}
		if (quote) {
			if (c == '\\' && quote == '"' && i + 1 < len && text[i + 1] != '\n')
				i++;
			else if (c == quote)
				quote = 0;
			continue;
		}
		switch (c) {
		case '"': case '\'':
			quote = c;
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
