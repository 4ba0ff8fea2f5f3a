/* arrange.c - sorts articles (weight, then --sort) and groups them into parts (sections). */
#include "arrange.h"

#include <string.h>

#include "diag.h"

enum sort_key { SORT_DATE, SORT_DATE_DESC, SORT_TITLE, SORT_PATH };

static enum sort_key sort_key;

static int by_path(const struct article *a, const struct article *b)
{
	int c = strcmp(a->root->real, b->root->real);

	return c ? c : strcmp(a->rel, b->rel);
}

static bool arrange_by_section(struct book *b);

static int compare(gconstpointer pa, gconstpointer pb)
{
	const struct article *a = *(struct article *const *)pa, *b = *(struct article *const *)pb;
	int c = 0;

	/* Hugo: an article with a weight comes before those without; lower weights first. */
	if (a->fm.has_weight != b->fm.has_weight)
		return a->fm.has_weight ? -1 : 1;
	if (a->fm.has_weight && a->fm.weight != b->fm.weight)
		return a->fm.weight < b->fm.weight ? -1 : 1;
	switch (sort_key) {
	case SORT_DATE:
	case SORT_DATE_DESC:
		/* Undated articles go last either way. */
		if (a->fm.date.valid != b->fm.date.valid)
			return a->fm.date.valid ? -1 : 1;
		if (a->fm.date.valid && a->fm.date.utc != b->fm.date.utc)
			c = a->fm.date.utc < b->fm.date.utc ? -1 : 1;
		if (sort_key == SORT_DATE_DESC)
			c = -c;
		break;
	case SORT_TITLE:
		c = g_utf8_collate(a->title, b->title);
		break;
	case SORT_PATH:
		break;
	}
	return c ? c : by_path(a, b);
}

bool arrange_articles(struct book *b)
{
	const char *s = b->opts->sort ? b->opts->sort : "date";

	if (!strcmp(s, "date"))
		sort_key = SORT_DATE;
	else if (!strcmp(s, "-date"))
		sort_key = SORT_DATE_DESC;
	else if (!strcmp(s, "title"))
		sort_key = SORT_TITLE;
	else if (!strcmp(s, "path"))
		sort_key = SORT_PATH;
	else {
		diag_error(NULL, 0, "--sort must be date, -date, title or path, not '%s'", s);
		return false;
	}
	g_ptr_array_sort(b->articles, compare);
	if (b->sections->len)
		return arrange_by_section(b);
	return true;
}

static struct part *find_part(GPtrArray *parts, const char *title)
{
	for (guint i = 0; i < parts->len; i++) {
		struct part *p = g_ptr_array_index(parts, i);

		if (!strcmp(p->title, title))
			return p;
	}
	return NULL;
}

/*
 * Parts from the _index.md sections: in the order of the sections' paths,
 * articles outside any section first and ungrouped. The reading order
 * (b->articles) is rebuilt to follow the parts.
 */
static bool arrange_by_section(struct book *b)
{
	GPtrArray *loose = g_ptr_array_new();
	GPtrArray *order;

	for (guint i = 0; i < b->sections->len; i++) {
		struct article *s = g_ptr_array_index(b->sections, i);

		if (s->section && !find_part(b->parts, s->section)) {
			struct part *p = part_new(s->section);

			p->intro = s;
			g_ptr_array_add(b->parts, p);
		}
	}
	for (guint i = 0; i < b->articles->len; i++) {
		struct article *a = g_ptr_array_index(b->articles, i);
		struct part *p = a->section ? find_part(b->parts, a->section) : NULL;

		g_ptr_array_add(p ? p->articles : loose, a);
	}
	order = g_ptr_array_new();
	g_ptr_array_extend(order, loose, NULL, NULL);
	for (guint i = 0; i < b->parts->len; i++) {
		struct part *p = g_ptr_array_index(b->parts, i);

		g_ptr_array_extend(order, p->articles, NULL, NULL);
		if (!p->articles->len) {
			g_ptr_array_remove_index(b->parts, i);
			part_free(p);
			i--;
		}
	}
	g_ptr_array_set_size(b->articles, 0);
	g_ptr_array_extend(b->articles, order, NULL, NULL);
	g_ptr_array_free(order, TRUE);
	g_ptr_array_free(loose, TRUE);
	for (guint i = 0; i < b->parts->len; i++) {
		struct part *p = g_ptr_array_index(b->parts, i);

		g_free(p->id);
		p->id = g_strdup_printf("p%02u", i + 1);
	}
	return true;
}
