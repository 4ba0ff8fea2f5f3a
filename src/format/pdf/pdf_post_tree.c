/* pdf_post_tree.c - the post-pass over Cairo's structure tree: attributes, folded Spans, held MCIDs. */
#include "format/pdf/pdf_post_tree.h"

#include <string.h>

struct walk {
	struct post *s;
	qpdf_data q;
	guint index;			/* the next element's record */
	qpdf_oh nums;			/* the ParentTree's /Nums */
	GArray *entries;		/* qpdf_oh by ParentTree key, 0 until looked up */
	bool stop;			/* the tree and the log disagree: reported */
};

/* ---- MCIDs ---- */

static guint page_of(const struct walk *w, qpdf_oh pg)
{
	gpointer v;

	if (!qpdf_oh_is_dictionary(w->q, pg)
	    || !g_hash_table_lookup_extended(w->s->page_index, GINT_TO_POINTER(qpdf_oh_get_object_id(w->q, pg)), NULL, &v))
		return G_MAXUINT;
	return GPOINTER_TO_UINT(v);
}

/* A kid that is an MCID (an integer on elem's /Pg, or an MCR) showing actual: note it held; *mcid and *pg set. */
static bool kid_mcid(struct walk *w, qpdf_oh elem, qpdf_oh kid, const char *actual, long *mcid, qpdf_oh *pg)
{
	qpdf_data q = w->q;
	qpdf_oh m;

	if (qpdf_oh_is_integer(q, kid)) {
		*mcid = (long)qpdf_oh_get_int_value(q, kid);
		*pg = qpdf_oh_get_key(q, elem, "/Pg");
	} else if (qpdf_oh_is_dictionary_of_type(q, kid, "/MCR", "")) {
		m = qpdf_oh_get_key(q, kid, "/MCID");
		*mcid = (long)qpdf_oh_get_int_value(q, m);
		qpdf_oh_release(q, m);
		*pg = qpdf_oh_get_key(q, kid, "/Pg");
		if (!qpdf_oh_is_dictionary(q, *pg)) {
			qpdf_oh_release(q, *pg);
			*pg = qpdf_oh_get_key(q, elem, "/Pg");
		}
	} else {
		return false;
	}
	{
		guint page = page_of(w, *pg);

		if (page != G_MAXUINT)
			post_hold_mcid(w->s, page, *mcid, actual);
	}
	return true;
}

/* The ParentTree's value for key (a page's array of elements by MCID), or 0. Owned by the walk. */
static qpdf_oh parent_entry(struct walk *w, long long key)
{
	qpdf_data q = w->q;
	int n;

	if (key < 0 || key > G_MAXINT / 2 || !w->nums)
		return 0;
	if ((guint)key < w->entries->len && g_array_index(w->entries, qpdf_oh, key))
		return g_array_index(w->entries, qpdf_oh, key);
	/* Cairo writes the keys in order, each once: look where key should be, then everywhere. */
	n = qpdf_oh_get_array_n_items(q, w->nums);
	for (int pass = 0; pass < 2; pass++) {
		for (int i = pass ? 0 : (int)(2 * key); i + 1 < n; i += 2) {
			qpdf_oh k = qpdf_oh_get_array_item(q, w->nums, i);
			bool hit = qpdf_oh_is_integer(q, k) && qpdf_oh_get_int_value(q, k) == key;

			qpdf_oh_release(q, k);
			if (hit) {
				qpdf_oh v = qpdf_oh_get_array_item(q, w->nums, i + 1);

				if ((guint)key >= w->entries->len)
					g_array_set_size(w->entries, (guint)key + 1);
				g_array_index(w->entries, qpdf_oh, key) = v;
				return v;
			}
			if (!pass)
				break;
		}
	}
	return 0;
}

/* ---- folding Spans ---- */

static bool plain_span(const struct tag_record *r)
{
	return r && r->role == SR_SPAN && !r->lang && !r->alt;
}

/*
 * Put span's MCIDs in its place in parent's kids (an array) at position at, each as an MCR
 * naming its page, and make the ParentTree name parent for them. Returns how many took its
 * place (0: left as it is).
 */
static int fold_span(struct walk *w, qpdf_oh kids, int at, qpdf_oh span, qpdf_oh parent)
{
	qpdf_data q = w->q;
	qpdf_oh k = qpdf_oh_get_key(q, span, "/K");
	qpdf_oh list = qpdf_oh_is_array(q, k) ? qpdf_oh_new_object(q, k) : qpdf_oh_wrap_in_array(q, k);
	int n = qpdf_oh_get_array_n_items(q, list), put = 0;

	for (int i = 0; i < n; i++) {
		qpdf_oh kid = qpdf_oh_get_array_item(q, list, i);
		bool mcid = qpdf_oh_is_integer(q, kid) || qpdf_oh_is_dictionary_of_type(q, kid, "/MCR", "");

		qpdf_oh_release(q, kid);
		if (!mcid)
			goto out;
	}
	qpdf_oh_erase_item(q, kids, at);
	for (int i = 0; i < n; i++) {
		qpdf_oh kid = qpdf_oh_get_array_item(q, list, i), pg = 0, mcr, sp, entry;
		long mcid = 0;

		kid_mcid(w, span, kid, NULL, &mcid, &pg);
		mcr = qpdf_oh_parse(q, "<< /Type /MCR >>");
		qpdf_oh_replace_key(q, mcr, "/Pg", pg);
		{
			qpdf_oh v = qpdf_oh_new_integer(q, mcid);

			qpdf_oh_replace_key(q, mcr, "/MCID", v);
			qpdf_oh_release(q, v);
		}
		qpdf_oh_insert_item(q, kids, at + put++, mcr);
		sp = qpdf_oh_get_key(q, pg, "/StructParents");
		entry = qpdf_oh_is_integer(q, sp) ? parent_entry(w, qpdf_oh_get_int_value(q, sp)) : 0;
		if (entry && qpdf_oh_is_array(q, entry) && mcid < qpdf_oh_get_array_n_items(q, entry))
			qpdf_oh_set_array_item(q, entry, (int)mcid, parent);
		else
			post_fail(w->s, "the ParentTree has no entry for MCID %ld of a page", mcid);
		qpdf_oh_release(q, sp);
		qpdf_oh_release(q, mcr);
		qpdf_oh_release(q, pg);
		qpdf_oh_release(q, kid);
	}
	w->s->spans_folded++;
out:
	qpdf_oh_release(q, list);
	qpdf_oh_release(q, k);
	return put;
}

/* ---- the walk ---- */

/* A link's annotation describes where it goes: the log's words, else its address. */
static void link_contents(struct walk *w, qpdf_oh objr, const struct tag_record *r)
{
	qpdf_data q = w->q;
	qpdf_oh annot = qpdf_oh_get_key(q, objr, "/Obj");

	if (qpdf_oh_is_dictionary(q, annot)) {
		if (r->contents && *r->contents) {
			post_set_text(q, annot, "/Contents", r->contents);
		} else {
			qpdf_oh action = qpdf_oh_get_key(q, annot, "/A"), uri = qpdf_oh_get_key_if_dict(q, action, "/URI");

			post_set_text(q, annot, "/Contents", qpdf_oh_is_string(q, uri) ? qpdf_oh_get_utf8_value(q, uri) : "Link");
			qpdf_oh_release(q, uri);
			qpdf_oh_release(q, action);
		}
	}
	qpdf_oh_release(q, annot);
}

static void visit(struct walk *w, qpdf_oh elem);

/* One kid of elem; returns how many kids now stand where it stood (a folded Span: its MCIDs). */
static int visit_kid(struct walk *w, qpdf_oh elem, const struct tag_record *r, qpdf_oh kids, int at, qpdf_oh kid)
{
	qpdf_data q = w->q;
	long mcid;
	qpdf_oh pg = 0;

	if (kid_mcid(w, elem, kid, r->actual, &mcid, &pg)) {
		qpdf_oh_release(q, pg);
		return 1;
	}
	if (qpdf_oh_is_dictionary_of_type(q, kid, "/OBJR", "")) {
		if (r->role == SR_LINK)
			link_contents(w, kid, r);
		return 1;
	}
	if (qpdf_oh_is_dictionary(q, kid) && qpdf_oh_has_key(q, kid, "/S")) {
		const struct tag_record *kr = tag_log_at(w->s->log, w->index);

		visit(w, kid);
		if (!w->stop && plain_span(kr) && kids)
			return MAX(fold_span(w, kids, at, kid, elem), 1);
	}
	return 1;
}

static void set_attributes(struct walk *w, qpdf_oh elem, const struct tag_record *r)
{
	qpdf_data q = w->q;

	if (r->alt)
		post_set_text(q, elem, "/Alt", r->alt);
	if (r->lang)
		post_set_text(q, elem, "/Lang", r->lang);
	if (r->id)
		post_set_bytes(q, elem, "/ID", r->id);
	if (r->scope)
		post_set_parsed(q, elem, "/A", r->scope == SCOPE_ROW ? "<< /O /Table /Scope /Row >>"
								 : "<< /O /Table /Scope /Column >>");
}

static void visit(struct walk *w, qpdf_oh elem)
{
	qpdf_data q = w->q;
	guint index = w->index++;
	const struct tag_record *r = tag_log_at(w->s->log, index);
	qpdf_oh s = qpdf_oh_get_key(q, elem, "/S"), k;
	const char *type = qpdf_oh_is_name(q, s) ? qpdf_oh_get_name(q, s) + 1 : "?";

	if (w->stop)
		goto out;
	if (!r || strcmp(type, selem_type(r->role))) {
		post_fail(w->s, "structure element %u is %s where folio tagged %s", index, type,
			  r ? selem_type(r->role) : "nothing");
		w->stop = true;
		goto out;
	}
	w->s->elements++;
	set_attributes(w, elem, r);
	k = qpdf_oh_get_key(q, elem, "/K");
	if (qpdf_oh_is_array(q, k)) {
		for (int i = 0; i < qpdf_oh_get_array_n_items(q, k) && !w->stop;) {
			qpdf_oh kid = qpdf_oh_get_array_item(q, k, i);

			i += visit_kid(w, elem, r, k, i, kid);
			qpdf_oh_release(q, kid);
		}
	} else if (qpdf_oh_is_dictionary(q, k) && qpdf_oh_has_key(q, k, "/S")
		   && plain_span(tag_log_at(w->s->log, w->index))) {
		/* A single Span kid: /K becomes an array, so the same splice serves. */
		qpdf_oh arr = qpdf_oh_wrap_in_array(q, k), kids;

		qpdf_oh_replace_key(q, elem, "/K", arr);
		kids = qpdf_oh_get_key(q, elem, "/K");
		visit_kid(w, elem, r, kids, 0, k);
		qpdf_oh_release(q, kids);
		qpdf_oh_release(q, arr);
	} else if (!qpdf_oh_is_null(q, k)) {
		visit_kid(w, elem, r, 0, 0, k);
	}
	qpdf_oh_release(q, k);
out:
	qpdf_oh_release(q, s);
}

/* No tree (an untagged PDF): Cairo's link tags still leave /StructParent(s) pointing into none. */
static void drop_struct_parents(struct post *s)
{
	qpdf_data q = s->q;
	int n = qpdf_get_num_pages(q);

	for (int i = 0; i < n; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i), annots = qpdf_oh_get_key(q, page, "/Annots");

		qpdf_oh_remove_key(q, page, "/StructParents");
		for (int j = 0; qpdf_oh_is_array(q, annots) && j < qpdf_oh_get_array_n_items(q, annots); j++) {
			qpdf_oh an = qpdf_oh_get_array_item(q, annots, j);

			if (qpdf_oh_is_dictionary(q, an))
				qpdf_oh_remove_key(q, an, "/StructParent");
			qpdf_oh_release(q, an);
		}
		qpdf_oh_release(q, annots);
		qpdf_oh_release(q, page);
	}
}

bool post_tree(struct post *s)
{
	qpdf_data q = s->q;
	qpdf_oh root = qpdf_get_root(q), tree = qpdf_oh_get_key(q, root, "/StructTreeRoot"), pt, kids;
	struct walk w = { .s = s, .q = q };
	guint records = s->log ? s->log->records->len : 0;

	if (!qpdf_oh_is_dictionary(q, tree)) {
		if (records)
			post_fail(s, "Cairo wrote no structure tree for %u elements", records);
		drop_struct_parents(s);
		qpdf_oh_remove_key(q, root, "/StructTreeRoot");
		goto out;
	}
	if (!s->log) {
		post_fail(s, "an untagged PDF has a structure tree");
		goto out;
	}
	s->has_tree = true;
	pt = qpdf_oh_get_key(q, tree, "/ParentTree");
	w.nums = qpdf_oh_get_key_if_dict(q, pt, "/Nums");
	if (!qpdf_oh_is_array(q, w.nums)) {
		qpdf_oh_release(q, w.nums);
		w.nums = 0;
	}
	qpdf_oh_release(q, pt);
	w.entries = g_array_new(FALSE, TRUE, sizeof(qpdf_oh));
	kids = qpdf_oh_get_key(q, tree, "/K");
	if (qpdf_oh_is_array(q, kids)) {
		for (int i = 0; i < qpdf_oh_get_array_n_items(q, kids) && !w.stop; i++) {
			qpdf_oh kid = qpdf_oh_get_array_item(q, kids, i);

			if (qpdf_oh_is_dictionary(q, kid))
				visit(&w, kid);
			qpdf_oh_release(q, kid);
		}
	} else if (qpdf_oh_is_dictionary(q, kids)) {
		visit(&w, kids);
	}
	qpdf_oh_release(q, kids);
	if (!w.stop && w.index != records)
		post_fail(s, "the structure tree has %u elements where folio tagged %u", w.index, records);
	for (guint i = 0; i < w.entries->len; i++)
		if (g_array_index(w.entries, qpdf_oh, i))
			qpdf_oh_release(q, g_array_index(w.entries, qpdf_oh, i));
	g_array_free(w.entries, TRUE);
	if (w.nums)
		qpdf_oh_release(q, w.nums);
out:
	qpdf_oh_release(q, tree);
	qpdf_oh_release(q, root);
	return !s->failed && !post_qpdf_failed(s, "structure");
}
