/* clreq.h - character classes and line-breaking rules of Chinese (and Japanese) text, after W3C CLREQ. */
#ifndef FOLIO_CLREQ_H
#define FOLIO_CLREQ_H

#include <stdbool.h>
#include <glib.h>

/* What a character is to Chinese layout (CLREQ 3.1, JLREQ character classes). */
enum clreq_class {
	CLREQ_OTHER,		/* Latin, digits, symbols, spaces */
	CLREQ_LETTER,		/* Han, kana, hangul, bopomofo, full-width letters: the body of CJK text */
	CLREQ_OPEN,		/* opening brackets and quotes (cl-01): never at a line end */
	CLREQ_CLOSE,		/* closing brackets and quotes (cl-02): never at a line start */
	CLREQ_PAUSE,		/* ，、；： and kin (cl-05, cl-07): never at a line start */
	CLREQ_STOP,		/* 。．？！ and kin (cl-04, cl-06): never at a line start */
	CLREQ_MIDDOT,		/* ・·‧･ (cl-05): never at a line start */
	CLREQ_DASH,		/* —― ⸺⸻: two of them are one mark */
	CLREQ_ELLIPSIS,		/* …⋯: two of them are one mark */
	CLREQ_NO_START,		/* iteration marks, ー, small kana, ‐゠〜～, ％‰℃°: never at a line start */
	CLREQ_HALF_STOP		/* ,.;:?! : never at a line start after CJK text */
};

enum clreq_class clreq_class(gunichar u);

/* Han ideographs, kana, hangul, CJK and full-width punctuation and forms (pdfcheck's notion). */
bool clreq_is_cjk(gunichar u);
/*
 * Is c (in text) a right single quote (U+2019) inside a Latin word, a Latin letter or digit on
 * each side ("Go’s", "don’t")? In CJK text it is the Latin apostrophe, not the full-width
 * closing quote a CJK face draws for U+2019: both books ask for its proportional form.
 */
bool clreq_word_apostrophe(const char *text, const char *c);
/* A letter of the Latin script (not a digit, a mark or a CJK character). */
bool clreq_latin_letter(gunichar u);
/*
 * The bytes of the Latin run that starts at s (within len), or 0 when s does not start with a
 * Latin letter: its words, digits and the punctuation between them (" . , ' ’ - & : ; ! ? …"),
 * and the marks that end its last word ("gone…", "love.", "students’"). Chinese emphasis is dots
 * under each character, which Latin words do not take (CLREQ 3.3.4): both books set such a run
 * in italics instead ("*we’re gone…*" was "we" + a full-width ’ + "re gone" + a centred "…").
 */
size_t clreq_latin_run(const char *s, size_t len);
/* The piece of text at s (within len) set in one way: a Latin run (*latin), or what comes before the next. */
size_t clreq_latin_segment(const char *s, size_t len, bool *latin);
/* A Chinese character (han): the unified ideographs and their extensions. */
bool clreq_is_han(gunichar u);
/* Closing brackets and quotes, stops and pauses, middle dots, iteration marks, small kana: never at the start of a line. */
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

/*
 * Does the space between Chinese and Western text (CLREQ 3.2.2) belong between a and b?
 * True between a Han or kana character and a Latin (Greek, Cyrillic) letter or digit, either way round.
 */
bool clreq_autospace(gunichar a, gunichar b);

/*
 * Is a space typed between a and b a stray one, not set: a full-width bracket, quote, stop,
 * pause or middle dot on either side carries its own blank ("成本， 但" is set "成本，但"),
 * and so do curly quotes beside Chinese text ("了 “按量”").
 */
bool clreq_space_dropped(gunichar a, gunichar b);

/* Is word (len bytes, the text after "<digit> ") a unit of measure that stays with its number ("100 km")? */
bool clreq_is_unit(const char *word, int len);

/*
 * Does language tag lang (BCP 47, any case; NULL fine) call for Traditional Chinese
 * conventions: centred punctuation, not compressed (zh-Hant, zh-TW, zh-HK, zh-MO)?
 */
bool clreq_lang_is_hant(const char *lang);

#endif
