/* langdetect.h - guesses the language of an article's text where its front matter is silent or wrong. */
#ifndef FOLIO_LANGDETECT_H
#define FOLIO_LANGDETECT_H

#include <stdbool.h>
#include <cmark-gfm.h>

/*
 * Look at up to a few thousand characters of doc's text (and the title): returns "zh-Hans",
 * "zh-Hant", "ja" or "ko" when most letters are of that script, NULL when the text is mostly
 * not CJK (or too short to say). *latin is set true when the text is long enough to tell and
 * nearly all of its letters are Latin.
 */
const char *langdetect(cmark_node *doc, const char *title, bool *latin);

#endif
