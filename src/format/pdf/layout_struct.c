/* layout_struct.c - the structure elements layout gives what it sets: headings' levels, figures' descriptions. */
#include "format/pdf/layout_int.h"

#include "text/alttext.h"

struct selem *lay_element(struct lay *L, enum srole role, struct selem *parent, int line)
{
	struct selem *e = selem_new(role, parent);

	if (L->art) {
		e->file = L->art->file;
		e->line = line ? line : e->line;
	}
	return e;
}

void lay_para_role(struct lay *L, struct lpara *lp, enum srole role, struct selem *parent)
{
	selem_unref(lp->el);
	lp->el = lay_element(L, role, parent, lp->line);
}

enum srole lay_heading_level(const struct lay *L, cmark_node *n)
{
	const struct heading *h = record_heading(n);

	/* Its depth under the title, decided for both books (book/model.h); clamped to H6. */
	return selem_heading(L->title_level + (h ? h->depth : cmark_node_get_heading_level(n)));
}

struct selem *lay_figure(struct lay *L, const struct image *im, const char *caption, struct selem *parent, int line)
{
	struct selem *e = lay_element(L, SR_FIGURE, parent, line);
	const char *alt = im ? im->alt : NULL;

	if (im && im->decorative) {
		/* No words: drawn as an artifact, and not reported as undescribed. */
		e->judged = true;
		return e;
	}
	/* What it shows: its alt text when that says something, else its caption, else whatever it has. */
	e->alt_usable = alt_text_meaningful(alt) || (caption && alt_text_meaningful(caption));
	if (alt_text_meaningful(alt))
		e->alt = g_strdup(alt);
	else if (caption && *caption)
		e->alt = g_strdup(caption);
	else if (alt && *alt)
		e->alt = g_strdup(alt);
	return e;
}
