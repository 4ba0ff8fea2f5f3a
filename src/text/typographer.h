/* typographer.h - straight quotes, -- --- ... << >> set as typeset characters, as Hugo's Goldmark Typographer sets them. */
#ifndef FOLIO_TYPOGRAPHER_H
#define FOLIO_TYPOGRAPHER_H

#include <cmark-gfm.h>

#include "text/mdsource.h"

/*
 * In the text of doc outside code and bare addresses, block by block, as Hugo (Goldmark 1.5's
 * Typographer, on by default) does: --- an em dash, -- an en dash, ... an ellipsis, << and >>
 * guillemets; a ' or " that only opens (by CommonMark's flanking rules) a left quote, one that
 * only closes an open one a right quote; an apostrophe between letters (it's), before a decade
 * ('90s) or in 'twas, 'em; "Alice's", "I'm", "don't", "I've", "I'll", "you're" an apostrophe.
 * A quote with letters on both sides (Chinese text: 凭"反AI"属性) is left as typed here
 * (textnorm_cjk_quotes pairs those first). A character escaped in src, the Markdown doc was parsed
 * from ("\"", "\--", "\..."), is left as typed, as Goldmark leaves it.
 */
void typographer_tree(cmark_node *doc, struct md_source *src);

#endif
