/* vertical.h - text for a page set vertically: corner brackets for Chinese quotes, short numbers upright. */
#ifndef FOLIO_VERTICAL_H
#define FOLIO_VERTICAL_H

#include <stdbool.h>
#include <glib.h>

/* The class of a number set upright in one em (text-combine-upright) on a vertical page. */
#define VERTICAL_TCY_CLASS "tcy"
/* ® © ™ after a Latin word, set on their side with it (Unicode sets them upright). */
#define VERTICAL_SIDEWAYS_CLASS "sideways"

/* Is a page in lang set vertically in a vertical edition (Chinese and Japanese; others stay horizontal)? */
bool vertical_lang(const char *lang);

/* Single quotes opened and not yet closed, across the text nodes of one block. */
struct vertical_quotes {
	int single_open;
};

/*
 * Append text, XML-escaped, as a vertical page in lang sets it: in Chinese, the quotation marks
 * “ ” ‘ ’ become the corner brackets 「 」 『 』 that vertical Chinese uses (a ’ that closes no
 * ‘ is an apostrophe and stays); a number of one or two ASCII digits standing alone among CJK
 * text is wrapped in <span class="tcy"> to be set upright in one em, without the quarter-em
 * spaces beside it (longer numbers and Latin words are set sideways, spaced as they are); the
 * middle dot of a Chinese name gets an em of its own the same way, and ® © ™ after a Latin word
 * are set sideways with it.
 * q carries the single quotes' state from one text node to the next (NULL: this text alone).
 */
void vertical_text(GString *out, const char *text, gssize len, const char *lang, struct vertical_quotes *q);

#endif
