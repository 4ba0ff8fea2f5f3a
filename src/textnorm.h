/* textnorm.h - how the author's white space becomes book text, the same in the EPUB and the PDF. */
#ifndef FOLIO_TEXTNORM_H
#define FOLIO_TEXTNORM_H

#include <stdbool.h>
#include <cmark-gfm.h>
#include <glib.h>

/*
 * What a Markdown soft line break between the characters before and after it
 * becomes: nothing between two CJK characters (a Chinese paragraph wrapped in
 * the source has no spaces), a space otherwise.
 */
bool textnorm_softbreak_is_space(gunichar before, gunichar after);

/* The last character of the text before node n and the first after it, within its paragraph (0 if none). */
gunichar textnorm_char_before(cmark_node *n);
gunichar textnorm_char_after(cmark_node *n);

#endif
