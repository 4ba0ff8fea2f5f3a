/* clreq.h - character classes and line-breaking rules of Chinese (and Japanese) text, after W3C CLREQ. */
#ifndef FOLIO_CLREQ_H
#define FOLIO_CLREQ_H

#include <stdbool.h>
#include <glib.h>

/* Han ideographs, kana, hangul, CJK and full-width punctuation and forms. */
bool clreq_is_cjk(gunichar u);
/* Closing brackets and quotes, and the stops and pauses: never at the start of a line. */
bool clreq_no_line_start(gunichar u);
/* Opening brackets and quotes: never at the end of a line. */
bool clreq_no_line_end(gunichar u);
/* Marks that come in unbreakable pairs: the dash "——" and the ellipsis "……". */
bool clreq_inseparable(gunichar a, gunichar b);

/*
 * May a line break fall between characters a and b (neither a space)?
 * unicode_says is the Unicode line-breaking algorithm's answer (Pango's),
 * kept where CLREQ has nothing to add: between Latin letters, in numbers.
 */
bool clreq_break_between(gunichar a, gunichar b, bool unicode_says);

#endif
