/* alerts.h - GitHub's and Obsidian's alerts ("> [!NOTE]") set as a theme's note: the marker becomes its title in bold. */
#ifndef FOLIO_ALERTS_H
#define FOLIO_ALERTS_H

#include <stddef.h>
#include <cmark-gfm.h>

/*
 * text (len bytes of Markdown) with every block quote whose first paragraph begins with an
 * alert's marker, "[!TYPE]" with an optional fold sign (+ or -) and title, as Hugo (0.132 on)
 * reads them, rewritten: the marker becomes the title in bold (the title given, else the
 * type's name in lang, as l10n_alert names it: "Note", "注意"), a line of its
 * own when the paragraph goes on (a hard break: every line keeps its number). parse reads the
 * text as the book does, to find the quotes (not in code). NULL when there is none; g_free.
 */
char *alerts_rewrite(const char *text, size_t len, const char *lang, cmark_node *(*parse)(const char *text, size_t len),
		     size_t *out_len);

#endif
