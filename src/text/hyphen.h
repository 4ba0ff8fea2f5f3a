/* hyphen.h - where a word may be hyphenated at a line's end, in its language (TeX's patterns, through libhyphen). */
#ifndef FOLIO_HYPHEN_H
#define FOLIO_HYPHEN_H

#include <stdbool.h>

/* One language's patterns, loaded once for the run and only read after. */
struct hyphen_patterns;

/*
 * The patterns for lang (a BCP 47 tag): Debian's hyphen-* file for its language and region
 * (hyph_de_CH.dic for de-CH), else for its language (hyph_fr.dic), else for the language's
 * main region (hyph_de_DE.dic for de); NULL when none is installed. Any thread.
 */
const struct hyphen_patterns *hyphen_patterns_for(const char *lang);

/*
 * Marks where word (len bytes of UTF-8 letters) may break with a hyphen: after[i] is true when
 * a line may end after byte i (a letter's last byte) with a hyphen set there. At least two
 * letters stay before a break and three after it (more where the patterns ask); a word of fewer
 * than five letters, or more than HYPHEN_MAX_WORD, never breaks, nor one the patterns' character
 * set cannot hold or that would be spelt differently when broken (German's old "ck" to "k-k").
 * False, after[] (len entries) untouched, when it has no break or hp is NULL. Any thread.
 */
#define HYPHEN_MAX_WORD 64
#define HYPHEN_MAX_BYTES (HYPHEN_MAX_WORD * 4)	/* its UTF-8: the size of after[] a caller needs at most */
bool hyphen_word(const struct hyphen_patterns *hp, const char *word, int len, bool *after);

#endif
