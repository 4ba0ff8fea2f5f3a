/* gfmparse.h - cmark-gfm parsers with folio's extensions, safe to run on every thread at once. */
#ifndef FOLIO_GFMPARSE_H
#define FOLIO_GFMPARSE_H

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
 * is: parses run on any thread at once.
 */
cmark_parser *gfm_parser_new(int options);

#endif
