/* emoji.c - Hugo's emoji codes (":smile:") turned into the characters, from the table Hugo itself uses. */
#include "text/emoji.h"

#include <string.h>

struct emoji_code {
	const char *code, *emoji;
};

/* Generated at build time from Debian's golang-github-kyokomi-emoji-dev (Makefile), sorted by code. */
static const struct emoji_code codes[] = {
#include <emoji_codes.h>	/* build/gen/, not src/ */
};

/* The longest code of the table is far shorter; a longer run between colons is no code. */
#define EMOJI_CODE_MAX 80

static int compare_code(const char *code, size_t len, const char *entry)
{
	int c = strncmp(code, entry, len);

	return c ? c : entry[len] ? -1 : 0;
}

const char *emoji_lookup(const char *code, size_t len)
{
	size_t lo = 0, hi = G_N_ELEMENTS(codes);

	if (len < 3 || code[0] != ':' || code[len - 1] != ':')
		return NULL;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = compare_code(code, len, codes[mid].code);

		if (!c)
			return codes[mid].emoji;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *emoji_at(const char *s, size_t avail, size_t *code_len)
{
	const char *close;

	if (avail < 3 || s[0] != ':')
		return NULL;
	close = memchr(s + 1, ':', MIN(avail - 1, EMOJI_CODE_MAX));
	if (!close)
		return NULL;
	*code_len = (size_t)(close - s) + 1;
	return emoji_lookup(s, *code_len);
}
