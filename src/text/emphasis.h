/* emphasis.h - "**bold**" next to Chinese punctuation, which CommonMark leaves as literal asterisks. */
#ifndef FOLIO_EMPHASIS_H
#define FOLIO_EMPHASIS_H

#include <cmark-gfm.h>

/*
 * CommonMark's flanking rules keep "**街区。**金融" from closing (punctuation
 * before, a letter after), so Chinese text shows its asterisks. Pair the
 * "**" that cmark left as text, in order within one inline container,
 * where a CJK character or punctuation stands beside one of them and they
 * hold more than white space, and make STRONG nodes of them. Other text is
 * left as it is. (cmark merges an escaped "\*\*" into text too: escaped asterisks
 * beside Chinese text are paired as well.)
 */
void emphasis_repair_cjk(cmark_node *doc);

#endif
