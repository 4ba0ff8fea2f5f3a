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

void lay_headings_begin(struct lay *L, const struct article *a, int title_level)
{
	L->title_level = title_level;
	L->head_prev = title_level;
	L->head_min = 6;
	for (guint i = 0; a && i < a->headings->len; i++)
		L->head_min = MIN(L->head_min, ((const struct heading *)g_ptr_array_index(a->headings, i))->level);
}

enum srole lay_heading_level(struct lay *L, int level)
{
	int want = L->title_level + 1 + level - L->head_min;

	/* A heading may go deeper than the last by one level only (H2 then H4 becomes H2 then H3). */
	want = MIN(want, L->head_prev + 1);
	want = MAX(want, L->title_level + 1);
	L->head_prev = MIN(want, 6);
	return selem_heading(L->head_prev);
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
