/* hyphen.h - where an English word may be hyphenated at a line's end (TeX's patterns, through libhyphen). */
#ifndef FOLIO_HYPHEN_H
#define FOLIO_HYPHEN_H

#include <stdbool.h>

/*
 * Marks where word (len bytes of ASCII letters) may break with a hyphen: after[i] is true when
 * a line may end after byte i with a hyphen set there. At least two letters stay before a break
 * and three after it (the patterns' own LEFTHYPHENMIN and RIGHTHYPHENMIN); a word of fewer than
 * five letters, or more than HYPHEN_MAX_WORD, never breaks. False, after[] untouched, when it
 * has no break or Debian's hyphen-en-us patterns are not installed. Any thread.
 */
#define HYPHEN_MAX_WORD 64
bool hyphen_english(const char *word, int len, bool *after);

#endif
