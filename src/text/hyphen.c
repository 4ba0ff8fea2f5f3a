/* hyphen.c - where an English word may be hyphenated at a line's end (TeX's patterns, through libhyphen). */
#include "text/hyphen.h"

#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <hyphen.h>

/* Debian's hyphen-en-us: Liang's TeX patterns for US English, in libhyphen's form. */
#define PATTERNS_EN "/usr/share/hyphen/hyph_en_US.dic"

/* Loaded once, then only read: libhyphen's hyphenation keeps its state on the caller's side. */
static HyphenDict *english(void)
{
	static gsize once;
	static HyphenDict *dict;

	if (g_once_init_enter(&once)) {
		dict = hnj_hyphen_load(PATTERNS_EN);
		g_once_init_leave(&once, 1);
	}
	return dict;
}

bool hyphen_english(const char *word, int len, bool *after)
{
	HyphenDict *dict = english();
	char low[HYPHEN_MAX_WORD + 1], marks[HYPHEN_MAX_WORD + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	bool any = false;

	if (!dict || len < 5 || len > HYPHEN_MAX_WORD)
		return false;
	for (int i = 0; i < len; i++) {
		if (!g_ascii_isalpha(word[i]))
			return false;
		low[i] = g_ascii_tolower(word[i]);
	}
	low[len] = '\0';
	memset(marks, 0, sizeof(marks));
	if (hnj_hyphen_hyphenate3(dict, low, len, marks, NULL, &rep, &pos, &cut, MAX(dict->lhmin, 2),
				  MAX(dict->rhmin, 3), 0, 0) != 0)
		return false;
	/* rep is set only for non-standard breaks (German's ck to k-k): none in English; never kept. */
	if (rep) {
		for (int i = 0; i < len; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
		return false;
	}
	for (int i = 1; i < len - 3; i++)
		if (marks[i] & 1) {
			after[i] = true;
			any = true;
		}
	return any;
}
