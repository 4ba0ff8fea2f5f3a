/* pdf_post_order.c - pages Cairo drew out of the book's order put back in it: page tree and page labels. */
#include "format/pdf/pdf_post_order.h"

#include <string.h>

#include "format/pdf/layout.h"

/* One page's label: a prefix (or NULL), a numbering style (or NULL) and its number in it. */
struct label {
	const struct pdfo *prefix, *style;
	long long number;
};

/* The label of every page from the number tree's /Nums (Cairo's: one level, keys in order). */
static struct label *read_labels(const struct pdfo *nums, guint pages)
{
	struct label *l = g_new0(struct label, pages + 1);
	guint k = 0;

	for (guint i = 0; i < pages; i++) {
		while (k + 3 < pdfo_len(nums) && pdfo_is(pdfo_at(nums, k + 2), PDFO_INT)
		       && pdfo_at(nums, k + 2)->u.i <= (long long)i)
			k += 2;
		if (k + 1 < pdfo_len(nums) && pdfo_is(pdfo_at(nums, k), PDFO_INT) && pdfo_at(nums, k)->u.i <= (long long)i) {
			const struct pdfo *d = pdfo_at(nums, k + 1), *st = pdfo_get(d, "St");

			l[i].prefix = pdfo_get(d, "P");
			l[i].style = pdfo_get(d, "S");
			l[i].number = (pdfo_is(st, PDFO_INT) ? st->u.i : 1) + ((long long)i - pdfo_at(nums, k)->u.i);
		}
	}
	return l;
}

static bool same_object(const struct pdfo *a, const struct pdfo *b)
{
	GString *x, *y;
	bool same;

	if (!a || !b)
		return a == b;
	x = g_string_new(NULL);
	y = g_string_new(NULL);
	pdfo_write(x, a);
	pdfo_write(y, b);
	same = g_string_equal(x, y);
	g_string_free(x, TRUE);
	g_string_free(y, TRUE);
	return same;
}

/* /PageLabels again for the pages in the book's order: a range starts where the numbering does not go on. */
static void order_labels(struct post *s, const int *drawn_of)
{
	struct pdfo *held, *tree = pdf_doc_resolve(s->doc, pdfo_get(s->root, "PageLabels"), &held), *nums, *out;
	struct label *l;
	guint n = s->pages->len;

	nums = pdfo_get(tree, "Nums");
	if (!pdfo_is(nums, PDFO_ARRAY)) {
		pdfo_free(held);
		return;
	}
	l = read_labels(nums, n);
	out = pdfo_array();
	for (guint j = 0; j < n; j++) {
		const struct label *cur = &l[drawn_of[j]], *prev = j ? &l[drawn_of[j - 1]] : NULL;
		struct pdfo *d;

		if (prev && cur->style && same_object(cur->style, prev->style) && same_object(cur->prefix, prev->prefix)
		    && cur->number == prev->number + 1)
			continue;
		d = pdfo_dict();
		if (cur->style)
			pdfo_set(d, "S", pdfo_copy(cur->style));
		if (cur->prefix)
			pdfo_set(d, "P", pdfo_copy(cur->prefix));
		if (cur->style && cur->number != 1)
			pdfo_set(d, "St", pdfo_int(cur->number));
		pdfo_push(out, pdfo_int(j));
		pdfo_push(out, d);
	}
	tree = pdfo_dict();
	pdfo_set(tree, "Nums", out);
	pdfo_set(s->root, "PageLabels", tree);
	g_free(l);
	pdfo_free(held);
}

bool post_order_pages(struct post *s)
{
	guint n = s->pages->len;
	int tree_num = post_ref_num(pdfo_get(s->root, "Pages"));
	struct pdfo *tree, *kids;
	int *drawn_of;
	GArray *pages, *parents;

	if (s->p->moved <= 0 || n == 0)
		return true;
	if (!layout_book_moves((int)n, s->p->moved_to, s->p->moved)) {
		post_fail(s, "%d pages to move before page %d of %u", s->p->moved, s->p->moved_to + 1, n);
		return false;
	}
	tree = pdf_doc_get(s->doc, tree_num, NULL);
	kids = pdfo_get(tree, "Kids");
	if (!pdfo_is(kids, PDFO_ARRAY) || pdfo_len(kids) != n) {
		post_fail(s, "the page tree has more than one level: its pages cannot be put in order");
		pdfo_free(tree);
		return false;
	}
	drawn_of = layout_book_drawn_order((int)n, s->p->moved_to, s->p->moved);
	pages = g_array_sized_new(FALSE, FALSE, sizeof(int), n);
	parents = g_array_sized_new(FALSE, FALSE, sizeof(long long), n);
	kids = pdfo_array();
	g_hash_table_remove_all(s->page_index);
	for (guint j = 0; j < n; j++) {
		int num = g_array_index(s->pages, int, drawn_of[j]);

		g_array_append_val(pages, num);
		g_array_append_val(parents, g_array_index(s->struct_parents, long long, drawn_of[j]));
		g_hash_table_insert(s->page_index, GINT_TO_POINTER(num), GUINT_TO_POINTER(j));
		pdfo_push(kids, pdfo_ref(num));
	}
	pdfo_set(tree, "Kids", kids);
	pdf_doc_put(s->doc, tree_num, tree);
	order_labels(s, drawn_of);
	g_array_free(s->pages, TRUE);
	g_array_free(s->struct_parents, TRUE);
	s->pages = pages;
	s->struct_parents = parents;
	g_free(drawn_of);
	return true;
}
