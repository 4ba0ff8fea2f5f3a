/* pdf_post_tree.c - the post-pass over Cairo's structure tree: attributes, folded Spans, held MCIDs. */
#include "format/pdf/pdf_post_tree.h"

#include <string.h>

/* A ParentTree entry (a page's array of elements by MCID) read for changes. */
struct parent_entry {
	struct pdfo *array;	/* the walk's */
	int num;		/* its object, or 0 when it is in /Nums itself */
	bool changed;
};

struct walk {
	struct post *s;
	struct pdf_doc *d;
	guint index;			/* the next element's record */
	struct pdfo *nums;		/* the ParentTree's /Nums (borrowed from parent_tree) */
	struct pdfo *parent_tree;	/* the ParentTree (the walk's), written back when changed */
	int parent_tree_num;		/* its object, or 0 when it sits in the tree root */
	bool nums_changed;
	GArray *entries;		/* struct parent_entry by ParentTree key, array NULL until looked up */
	bool stop;			/* the tree and the log disagree: reported */
};

/* An element's /K (and the tree root's) holds one kid or an array of them: how many, and kid i. */
static guint kids_len(const struct pdfo *k)
{
	return pdfo_is(k, PDFO_ARRAY) ? pdfo_len(k) : k && !pdfo_is(k, PDFO_NULL);
}

static const struct pdfo *kid_at(const struct pdfo *k, guint i)
{
	return pdfo_is(k, PDFO_ARRAY) ? pdfo_at(k, i) : k;
}

/* ---- MCIDs ---- */

/* A kid that is an MCID (an integer on elem's /Pg, or an MCR) showing actual: note it held; *mcid and *pg (a page's object) set. */
static bool kid_mcid(struct walk *w, const struct pdfo *elem, const struct pdfo *kid, const char *actual, long *mcid, int *pg)
{
	if (pdfo_is(kid, PDFO_INT)) {
		*mcid = (long)kid->u.i;
		*pg = post_ref_num(pdfo_get(elem, "Pg"));
	} else if (pdfo_is(kid, PDFO_DICT) && pdfo_is_name(pdfo_get(kid, "Type"), "MCR")) {
		*mcid = (long)pdfo_number(pdfo_get(kid, "MCID"));
		*pg = post_ref_num(pdfo_get(kid, "Pg"));
		if (!*pg)
			*pg = post_ref_num(pdfo_get(elem, "Pg"));
	} else {
		return false;
	}
	{
		guint page = post_page_of(w->s, *pg);

		if (page != G_MAXUINT)
			post_hold_mcid(w->s, page, *mcid, actual);
	}
	return true;
}

/* The ParentTree's value for key (a page's array of elements by MCID), or NULL. The walk's. */
static struct parent_entry *parent_entry(struct walk *w, long long key)
{
	guint n = pdfo_len(w->nums);

	if (key < 0 || key > G_MAXINT / 2 || !w->nums)
		return NULL;
	if ((guint)key < w->entries->len && g_array_index(w->entries, struct parent_entry, key).array)
		return &g_array_index(w->entries, struct parent_entry, key);
	/* Cairo writes the keys in order, each once: look where key should be, then everywhere. */
	for (int pass = 0; pass < 2; pass++) {
		for (guint i = pass ? 0 : (guint)(2 * key); i + 1 < n; i += 2) {
			const struct pdfo *k = pdfo_at(w->nums, i);

			if (pdfo_is(k, PDFO_INT) && k->u.i == key) {
				struct pdfo *v = pdfo_at(w->nums, i + 1);
				struct parent_entry e = { 0 };

				if (pdfo_is(v, PDFO_REF)) {
					e.num = v->u.ref.num;
					e.array = pdf_doc_get(w->d, e.num, NULL);
				} else {
					e.array = v;
				}
				if (!pdfo_is(e.array, PDFO_ARRAY)) {
					if (e.num)
						pdfo_free(e.array);
					return NULL;
				}
				if ((guint)key >= w->entries->len)
					g_array_set_size(w->entries, (guint)key + 1);
				g_array_index(w->entries, struct parent_entry, key) = e;
				return &g_array_index(w->entries, struct parent_entry, key);
			}
			if (!pass)
				break;
		}
	}
	return NULL;
}

/* ---- folding Spans ---- */

static bool plain_span(const struct tag_record *r)
{
	return r && r->role == SR_SPAN && !r->lang && !r->alt;
}

/*
 * Append span's MCIDs to out (parent's new kids) in its place, each as an MCR naming its page,
 * and make the ParentTree name parent (object parent_num) for them. Returns false (nothing
 * appended) when span holds more than MCIDs and stays as it is.
 */
static bool fold_span(struct walk *w, struct pdfo *out, const struct pdfo *span, int parent_num)
{
	const struct pdfo *k = pdfo_get(span, "K");
	guint n = kids_len(k);

	if (!n)
		return false;	/* holds nothing: stays as it is */
	for (guint i = 0; i < n; i++) {
		const struct pdfo *kid = kid_at(k, i);

		if (!pdfo_is(kid, PDFO_INT) && !(pdfo_is(kid, PDFO_DICT) && pdfo_is_name(pdfo_get(kid, "Type"), "MCR")))
			return false;
	}
	for (guint i = 0; i < n; i++) {
		long mcid = 0;
		int pg = 0;
		struct pdfo *mcr = pdfo_dict();
		guint page;
		struct parent_entry *entry;

		kid_mcid(w, span, kid_at(k, i), NULL, &mcid, &pg);
		pdfo_set(mcr, "Type", pdfo_name("MCR"));
		pdfo_set(mcr, "Pg", pdfo_ref(pg));
		pdfo_set(mcr, "MCID", pdfo_int(mcid));
		pdfo_push(out, mcr);
		page = post_page_of(w->s, pg);
		entry = page != G_MAXUINT && g_array_index(w->s->struct_parents, long long, page) >= 0
			? parent_entry(w, g_array_index(w->s->struct_parents, long long, page)) : NULL;
		if (entry && mcid >= 0 && (guint)mcid < pdfo_len(entry->array)) {
			pdfo_put(entry->array, (guint)mcid, pdfo_ref(parent_num));
			entry->changed = true;
			if (!entry->num)
				w->nums_changed = true;
		} else {
			post_fail(w->s, "the ParentTree has no entry for MCID %ld of a page", mcid);
		}
	}
	w->s->spans_folded++;
	return true;
}

/* ---- the walk ---- */

/* A link's annotation describes where it goes: the log's words, else its address. */
static void link_contents(struct walk *w, const struct pdfo *objr, const struct tag_record *r)
{
	int num = post_ref_num(pdfo_get(objr, "Obj"));
	struct pdfo *annot = num ? pdf_doc_get(w->d, num, NULL) : NULL;

	if (pdfo_is(annot, PDFO_DICT)) {
		if (r->contents && *r->contents) {
			pdfo_set(annot, "Contents", pdfo_text(r->contents));
		} else {
			struct pdfo *held, *action = pdf_doc_resolve(w->d, pdfo_get(annot, "A"), &held);
			char *uri = pdfo_utf8(pdfo_get(action, "URI"));

			pdfo_set(annot, "Contents", pdfo_text(uri ? uri : "Link"));
			g_free(uri);
			pdfo_free(held);
		}
		pdf_doc_put(w->d, num, annot);
		return;
	}
	pdfo_free(annot);
}

static bool visit(struct walk *w, int num, struct pdfo *elem);

/*
 * One kid of elem (object elem_num), then what stands in its place appended to out (elem's new
 * kids; NULL: none kept): the kid, or a folded Span's MCIDs. True when out differs from the kids.
 * A new array rather than a splice in place: each splice moved every later kid.
 */
static bool visit_kid(struct walk *w, const struct pdfo *elem, int elem_num, const struct tag_record *r, struct pdfo *out,
		      const struct pdfo *kid)
{
	long mcid;
	int pg;
	bool folded = false;

	if (kid_mcid(w, elem, kid, r->actual, &mcid, &pg)) {
		/* noted */
	} else if (pdfo_is(kid, PDFO_DICT) && pdfo_is_name(pdfo_get(kid, "Type"), "OBJR")) {
		if (r->role == SR_LINK)
			link_contents(w, kid, r);
	} else if (pdfo_is(kid, PDFO_REF)) {
		struct pdfo *child = pdf_doc_get(w->d, kid->u.ref.num, NULL);

		if (pdfo_is(child, PDFO_DICT) && pdfo_get(child, "S")) {
			const struct tag_record *kr = tag_log_at(w->s->log, w->index);

			visit(w, kid->u.ref.num, child);
			if (!w->stop && plain_span(kr) && out && fold_span(w, out, child, elem_num)) {
				/* Nothing names the Span now. */
				pdf_doc_drop(w->d, kid->u.ref.num);
				folded = true;
			}
		}
		pdfo_free(child);
	}
	if (out && !folded)
		pdfo_push(out, pdfo_copy(kid));
	return folded;
}

/*
 * The Document's kids in the book's order: those begun on pages drawn out of it (records from
 * log->moved_from on) go before the first begun at log->moved_before or later. True when the
 * order changed. begun: each kid's record.
 */
static bool put_moved_in_place(struct pdfo *kids, const GArray *begun, const struct tag_log *log)
{
	GPtrArray *items = kids->u.items, *order = g_ptr_array_sized_new(items->len);
	bool changed = false;

	for (int part = 0; part < 3; part++)
		for (guint i = 0; i < items->len; i++) {
			guint rec = g_array_index(begun, guint, i);
			int in = rec < log->moved_before ? 0 : rec >= log->moved_from ? 1 : 2;

			if (in == part)
				g_ptr_array_add(order, g_ptr_array_index(items, i));
		}
	for (guint i = 0; i < items->len; i++) {
		changed |= g_ptr_array_index(order, i) != g_ptr_array_index(items, i);
		g_ptr_array_index(items, i) = g_ptr_array_index(order, i);
	}
	g_ptr_array_free(order, TRUE);
	return changed;
}

static bool set_attributes(struct pdfo *elem, const struct tag_record *r)
{
	if (r->alt)
		pdfo_set(elem, "Alt", pdfo_text(r->alt));
	if (r->lang)
		pdfo_set(elem, "Lang", pdfo_text(r->lang));
	if (r->id)
		pdfo_set(elem, "ID", pdfo_bytes(r->id, strlen(r->id)));
	if (r->scope)
		pdfo_set_parsed(elem, "A", r->scope == SCOPE_ROW ? "<</O/Table/Scope/Row>>" : "<</O/Table/Scope/Column>>");
	return r->alt || r->lang || r->id || r->scope;
}

/* Element num (elem, the caller's) and its kids; written back when changed. */
static bool visit(struct walk *w, int num, struct pdfo *elem)
{
	guint index = w->index++;
	const struct tag_record *r = tag_log_at(w->s->log, index);
	const struct pdfo *s = pdfo_get(elem, "S");
	const char *type = pdfo_is(s, PDFO_NAME) ? s->u.text : "?";
	struct pdfo *k;
	bool changed;

	if (w->stop)
		return false;
	if (!r || strcmp(type, selem_type(r->role))) {
		post_fail(w->s, "structure element %u is %s where folio tagged %s", index, type,
			  r ? selem_type(r->role) : "nothing");
		w->stop = true;
		return false;
	}
	w->s->elements++;
	changed = set_attributes(elem, r);
	k = pdfo_get(elem, "K");
	if (pdfo_is(k, PDFO_ARRAY) || pdfo_is(k, PDFO_REF)) {
		/* The kids again, Spans folded, in a new array (a single Span kid too: /K becomes one). */
		struct pdfo *out = pdfo_array();
		bool folded = false, moved = false;
		GArray *begun = g_array_new(FALSE, FALSE, sizeof(guint));	/* by kid of out: its record */

		for (guint i = 0; i < kids_len(k) && !w->stop; i++) {
			guint record = w->index;

			folded |= visit_kid(w, elem, num, r, out, kid_at(k, i));
			while (begun->len < pdfo_len(out))
				g_array_append_val(begun, record);
		}
		if (!w->stop && r->role == SR_DOCUMENT && w->s->log->moved_from)
			moved = put_moved_in_place(out, begun, w->s->log);
		g_array_free(begun, TRUE);
		if (!w->stop && (folded || moved)) {
			pdfo_set(elem, "K", out);
			changed = true;
		} else {
			pdfo_free(out);
		}
	} else if (k && !pdfo_is(k, PDFO_NULL)) {
		visit_kid(w, elem, num, r, NULL, k);
	}
	if (changed && !w->stop)
		pdf_doc_put(w->d, num, pdfo_copy(elem));
	return changed;
}

/* No tree (an untagged PDF): Cairo's link tags still leave /StructParent(s) pointing into none. */
static void drop_struct_parents(struct post *s)
{
	for (guint i = 0; i < s->pages->len; i++) {
		int num = g_array_index(s->pages, int, i);
		struct pdfo *page = pdf_doc_get(s->doc, num, NULL), *held, *annots;

		if (!page)
			continue;
		annots = pdf_doc_resolve(s->doc, pdfo_get(page, "Annots"), &held);
		for (guint j = 0; j < pdfo_len(annots); j++) {
			int an_num = post_ref_num(pdfo_at(annots, j));
			struct pdfo *an = an_num ? pdf_doc_get(s->doc, an_num, NULL) : NULL;

			if (pdfo_get(an, "StructParent")) {
				pdfo_remove(an, "StructParent");
				pdf_doc_put(s->doc, an_num, an);
			} else {
				pdfo_free(an);
			}
		}
		pdfo_free(held);
		if (pdfo_get(page, "StructParents")) {
			pdfo_remove(page, "StructParents");
			pdf_doc_put(s->doc, num, page);
		} else {
			pdfo_free(page);
		}
		g_array_index(s->struct_parents, long long, i) = -1;
	}
}

/* The ParentTree's entries changed by folding, written back. */
static void put_parent_entries(struct walk *w, int tree_num, struct pdfo *tree)
{
	for (guint i = 0; i < w->entries->len; i++) {
		struct parent_entry *e = &g_array_index(w->entries, struct parent_entry, i);

		if (e->num && e->changed)
			pdf_doc_put(w->d, e->num, e->array);
		else if (e->num)
			pdfo_free(e->array);
	}
	if (w->nums_changed) {
		if (w->parent_tree_num)
			pdf_doc_put(w->d, w->parent_tree_num, pdfo_copy(w->parent_tree));
		else
			pdf_doc_put(w->d, tree_num, pdfo_copy(tree));
	}
}

bool post_tree(struct post *s)
{
	struct pdfo *tree_ref = pdfo_get(s->root, "StructTreeRoot"), *tree, *kids, *pt;
	int tree_num = post_ref_num(tree_ref);
	struct walk w = { .s = s, .d = s->doc };
	guint records = s->log ? s->log->records->len : 0;

	tree = tree_num ? pdf_doc_get(s->doc, tree_num, NULL) : pdfo_copy(tree_ref);
	if (!pdfo_is(tree, PDFO_DICT)) {
		if (records)
			post_fail(s, "Cairo wrote no structure tree for %u elements", records);
		drop_struct_parents(s);
		pdfo_remove(s->root, "StructTreeRoot");
		pdfo_free(tree);
		return !s->failed;
	}
	if (!s->log) {
		post_fail(s, "an untagged PDF has a structure tree");
		pdfo_free(tree);
		return false;
	}
	s->has_tree = true;
	pt = pdfo_get(tree, "ParentTree");
	w.parent_tree_num = post_ref_num(pt);
	w.parent_tree = w.parent_tree_num ? pdf_doc_get(s->doc, w.parent_tree_num, NULL) : pt;
	w.nums = pdfo_get(w.parent_tree, "Nums");
	if (!pdfo_is(w.nums, PDFO_ARRAY))
		w.nums = NULL;
	w.entries = g_array_new(FALSE, TRUE, sizeof(struct parent_entry));
	kids = pdfo_get(tree, "K");
	for (guint i = 0; i < kids_len(kids) && !w.stop; i++) {
		const struct pdfo *kid = kid_at(kids, i);
		struct pdfo *elem = pdf_doc_get(s->doc, post_ref_num(kid), NULL);

		if (pdfo_is(elem, PDFO_DICT))
			visit(&w, post_ref_num(kid), elem);
		pdfo_free(elem);
	}
	if (!w.stop && w.index != records)
		post_fail(s, "the structure tree has %u elements where folio tagged %u", w.index, records);
	put_parent_entries(&w, tree_num, tree);
	g_array_free(w.entries, TRUE);
	if (w.parent_tree_num)
		pdfo_free(w.parent_tree);
	pdfo_free(tree);
	return !s->failed;
}
