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
 * Append span's MCIDs to out (parent's new kids) in its place, each as an MCR naming its page,
 * and make the ParentTree name parent for them. Returns false (nothing appended) when span
 * holds more than MCIDs and stays as it is.
 */
static bool fold_span(struct walk *w, qpdf_oh out, qpdf_oh span, qpdf_oh parent)
{
	qpdf_data q = w->q;
	qpdf_oh k = qpdf_oh_get_key(q, span, "/K");
	qpdf_oh list = qpdf_oh_is_array(q, k) ? qpdf_oh_new_object(q, k) : qpdf_oh_wrap_in_array(q, k);
	int n = qpdf_oh_get_array_n_items(q, list);
	bool folded = false;

	for (int i = 0; i < n; i++) {
		qpdf_oh kid = qpdf_oh_get_array_item(q, list, i);
		bool mcid = qpdf_oh_is_integer(q, kid) || qpdf_oh_is_dictionary_of_type(q, kid, "/MCR", "");

		qpdf_oh_release(q, kid);
		if (!mcid)
			goto out;
	}
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
		qpdf_oh_append_item(q, out, mcr);
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
	folded = true;
out:
	qpdf_oh_release(q, list);
	qpdf_oh_release(q, k);
	return folded;
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

/*
 * One kid of elem, then what stands in its place appended to out (elem's new kids; 0: none
 * kept): the kid, or a folded Span's MCIDs. A new array rather than a splice in place: each
 * splice moved every later kid (10,000 notes under one element took 50 s).
 */
static void visit_kid(struct walk *w, qpdf_oh elem, const struct tag_record *r, qpdf_oh out, qpdf_oh kid)
{
	qpdf_data q = w->q;
	long mcid;
	qpdf_oh pg = 0;

	if (kid_mcid(w, elem, kid, r->actual, &mcid, &pg)) {
		qpdf_oh_release(q, pg);
	} else if (qpdf_oh_is_dictionary_of_type(q, kid, "/OBJR", "")) {
		if (r->role == SR_LINK)
			link_contents(w, kid, r);
	} else if (qpdf_oh_is_dictionary(q, kid) && qpdf_oh_has_key(q, kid, "/S")) {
		const struct tag_record *kr = tag_log_at(w->s->log, w->index);

		visit(w, kid);
		if (!w->stop && plain_span(kr) && out && fold_span(w, out, kid, elem))
			return;
	}
	if (out)
		qpdf_oh_append_item(q, out, kid);
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
	if (qpdf_oh_is_array(q, k) || (qpdf_oh_is_dictionary(q, k) && qpdf_oh_has_key(q, k, "/S")
					&& plain_span(tag_log_at(w->s->log, w->index)))) {
		/* The kids again, Spans folded, in a new array (a single Span kid too: /K becomes one). */
		qpdf_oh list = qpdf_oh_is_array(q, k) ? qpdf_oh_new_object(q, k) : qpdf_oh_wrap_in_array(q, k);
		qpdf_oh out = qpdf_oh_new_array(q);
		int n = qpdf_oh_get_array_n_items(q, list);

		for (int i = 0; i < n && !w->stop; i++) {
			qpdf_oh kid = qpdf_oh_get_array_item(q, list, i);

			visit_kid(w, elem, r, out, kid);
			qpdf_oh_release(q, kid);
		}
		if (!w->stop)
			qpdf_oh_replace_key(q, elem, "/K", out);
		qpdf_oh_release(q, out);
		qpdf_oh_release(q, list);
	} else if (!qpdf_oh_is_null(q, k)) {
		visit_kid(w, elem, r, 0, k);
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
