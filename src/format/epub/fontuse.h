/* fontuse.h - which characters the book sets in which font stack of the stylesheet, read from its pages. */
#ifndef FOLIO_FONTUSE_H
#define FOLIO_FONTUSE_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

/*
 * A stack is what templates/epub.css asks of an element: a kind of face (text in a serif, headings
 * and the header lines in a sans-serif, code in a monospace), a weight, a style, and the writing
 * of its language (which region's CJK face comes first, or the Latin faces).
 */
enum font_kind { FONT_SERIF, FONT_SANS, FONT_MONO, FONT_KINDS };
enum font_script { SCRIPT_SC, SCRIPT_TC, SCRIPT_HK, SCRIPT_JP, SCRIPT_KR, SCRIPT_LATIN, SCRIPTS };

#define FONT_STACKS (FONT_KINDS * 2 * 2 * SCRIPTS)

struct font_use {
	GHashTable *chars[FONT_STACKS];	/* code point (GUINT_TO_POINTER) -> itself; NULL: none yet */
};

/* The stack number of a kind, weight, style and script. */
int font_stack(enum font_kind kind, bool bold, bool italic, enum font_script script);
/* And back. */
void font_stack_parts(int stack, enum font_kind *kind, bool *bold, bool *italic, enum font_script *script);

struct font_use *font_use_new(void);
void font_use_free(struct font_use *u);

/*
 * Add the characters of an XHTML page, each to the stack the stylesheet sets it in (the element
 * rules of templates/epub.css, and the language of the nearest lang attribute, else lang). Any
 * thread; a page that is not well-formed XML adds nothing and returns false.
 */
bool font_use_page(struct font_use *u, const char *xhtml, size_t len);

/* Add text as set in one stack (what a page will hold that is not written yet). */
void font_use_text(struct font_use *u, int stack, const char *text);

/* into gets every character of from. */
void font_use_merge(struct font_use *into, const struct font_use *from);

/* How many (stack, character) pairs u holds: it grows when a page adds something new. */
size_t font_use_count(const struct font_use *u);

#endif
