/* parselock.h - every cmark-gfm parse finished under one lock: the library's inline pass shares a global table. */
#ifndef FOLIO_PARSELOCK_H
#define FOLIO_PARSELOCK_H

#include <cmark-gfm.h>

/*
 * cmark_parser_finish(parser) with the lock held. cmark-gfm adds each parser's extension
 * characters (a table's '|', strikethrough's '~', an autolink's ':') to one global table as its
 * inline pass begins and takes them out at its end: two finishes at once, on two threads, would
 * take them out from under each other. Every parse in folio finishes here.
 */
cmark_node *parselock_finish(cmark_parser *parser);

/* The lock itself, for a caller that must wait out every parse (tests). */
void parselock_hold(void);
void parselock_release(void);

#endif
