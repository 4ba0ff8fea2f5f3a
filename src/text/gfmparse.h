/* gfmparse.h - cmark-gfm parsers with folio's extensions, safe to run on every thread at once. */
#ifndef FOLIO_GFMPARSE_H
#define FOLIO_GFMPARSE_H

#include <stdbool.h>
#include <cmark-gfm.h>

/*
 * A parser with options and GFM's tables and strikethrough, every parser of folio the same.
 *
 * cmark-gfm keeps one global table of the characters its extensions' inline syntax starts with
 * (a table's '|', strikethrough's '~'): each parse enters its extensions' characters as its
 * inline pass begins and takes them out at its end, so two parses at once take them out from
 * under each other. Every parser here has the same extensions, so the characters are entered
 * once, by the first, and the program's own cmark_manage_extensions_special_characters (the
 * one the library's calls reach, as the program's symbols come first) leaves the table as it
 * is: parses run on any thread at once. A library that binds its own calls (-Bsymbolic, LTO)
 * never reaches it: that is found out by a first parse, and then every parse finishes under
 * one lock, as before.
 */
cmark_parser *gfm_parser_new(int options);

/* cmark_parser_finish, under the lock only where the library binds its own calls. */
cmark_node *gfm_parser_finish(cmark_parser *parser);

/* True when parses run at once (the library's calls reach the program's function). */
bool gfm_parses_shared(void);

#endif
