/* pdf_post_tree.h - the post-pass over Cairo's structure tree: attributes, folded Spans, held MCIDs. */
#ifndef FOLIO_PDF_POST_TREE_H
#define FOLIO_PDF_POST_TREE_H

#include "format/pdf/pdf_post_base.h"

/*
 * With a tag log: walk the tree depth first, element i being the log's record i (its type is
 * checked: a tree that does not match is an error), set what the record holds, fold plain
 * Spans into their parents (their MCIDs become the parent's, in the ParentTree too) and note
 * the MCIDs elements hold (s->held). Without one: drop the structure references Cairo leaves
 * for links. false when reported.
 */
bool post_tree(struct post *s);

#endif
