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

unsigned emoji_replace(GString *out, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	unsigned n = 0;

	while (p < end) {
		const char *colon = memchr(p, ':', (size_t)(end - p)), *close;
		size_t span;

		if (!colon) {
			g_string_append_len(out, p, end - p);
			break;
		}
		g_string_append_len(out, p, colon - p);
		span = (size_t)(end - colon - 1);
		close = memchr(colon + 1, ':', span < EMOJI_CODE_MAX ? span : EMOJI_CODE_MAX);
		if (close) {
			const char *e = emoji_lookup(colon, (size_t)(close - colon + 1));

			if (e) {
				g_string_append(out, e);
				n++;
				p = close + 1;
				continue;
			}
		}
		/* Not a code: the colon stays, and the next one may open a code. */
		g_string_append_c(out, ':');
		p = colon + 1;
	}
	return n;
}
