/* select.c - keeps the articles the options ask for and drops drafts. */
#include "select.h"

#include "diag.h"

void select_articles(struct book *b, GPtrArray *candidates)
{
	int drafts = 0;

	for (guint i = 0; i < candidates->len; i++) {
		struct article *a = g_ptr_array_index(candidates, i);

		if (a->fm.draft && !b->opts->include_drafts) {
			drafts++;
			article_free(a);
			continue;
		}
		g_ptr_array_add(b->articles, a);
	}
	g_ptr_array_set_size(candidates, 0);
	if (drafts)
		diag_note(NULL, 0, "%d draft%s skipped (--include-drafts keeps them)", drafts,
			  drafts == 1 ? "" : "s");
}
