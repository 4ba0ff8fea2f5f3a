/* pdf_post.c - the pass over Cairo's finished PDF that adds what Cairo 1.16 cannot write. */
#include "format/pdf/pdf_post.h"

#include <string.h>

#include "base/diag.h"
#include "format/pdf/pdf_doc.h"
#include "format/pdf/pdf_post_base.h"
#include "format/pdf/pdf_post_doc.h"
#include "format/pdf/pdf_post_order.h"
#include "format/pdf/pdf_post_pages.h"
#include "format/pdf/pdf_post_tree.h"

/* The pages in order, from the page tree (depth first; a loop or a deep tree is reported). */
static void index_pages(struct post *s, int num, int depth)
{
	struct pdfo *node = pdf_doc_get(s->doc, num, NULL), *held, *kids;

	if (depth > 64 || !pdfo_is(node, PDFO_DICT)) {
		post_fail(s, "the page tree is broken at object %d", num);
		pdfo_free(node);
		return;
	}
	if (pdfo_is_name(pdfo_get(node, "Type"), "Page")) {
		const struct pdfo *sp = pdfo_get(node, "StructParents");
		long long parents = pdfo_is(sp, PDFO_INT) ? sp->u.i : -1;
		guint index = s->pages->len;

		if (g_hash_table_contains(s->page_index, GINT_TO_POINTER(num)))
			post_fail(s, "page object %d is in the page tree twice", num);
		g_hash_table_insert(s->page_index, GINT_TO_POINTER(num), GUINT_TO_POINTER(index));
		g_array_append_val(s->pages, num);
		g_array_append_val(s->struct_parents, parents);
	} else {
		kids = pdf_doc_resolve(s->doc, pdfo_get(node, "Kids"), &held);
		for (guint i = 0; i < pdfo_len(kids) && !s->failed; i++)
			index_pages(s, post_ref_num(pdfo_at(kids, i)), depth + 1);
		pdfo_free(held);
	}
	pdfo_free(node);
}

/* The document ID's digest of Cairo's file, on a thread of its own while the file is worked on. */
static gpointer input_md5(gpointer data)
{
	const struct post *s = data;

	return g_compute_checksum_for_data(G_CHECKSUM_MD5, s->input, s->input_len);
}

bool pdf_post_write(const char *in, FILE *out, const struct pdf_post *p, struct tag_log *log)
{
	struct post s = { .p = p, .log = log };
	GError *e = NULL;
	GMappedFile *map;
	char *error = NULL;
	struct pdfo *trailer;
	bool ok = false;

	/* Mapped, not read: its pages are the file's, which the system may drop and read again. */
	map = g_mapped_file_new(in, FALSE, &e);
	if (!map) {
		diag_error(p->name, 0, "cannot read the PDF Cairo wrote: %s", e->message);
		g_error_free(e);
		tag_log_free(log);
		return false;
	}
	s.input = (const unsigned char *)g_mapped_file_get_contents(map);
	s.input_len = g_mapped_file_get_length(map);
	s.input_digest = g_thread_new("pdf-id", input_md5, &s);
	s.page_index = g_hash_table_new(NULL, NULL);
	s.pages = g_array_new(FALSE, FALSE, sizeof(int));
	s.struct_parents = g_array_new(FALSE, FALSE, sizeof(long long));
	s.held = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	s.doc = pdf_doc_read(s.input, s.input_len, &error);
	if (!s.doc) {
		post_fail(&s, "%s", error);
		g_free(error);
		tag_log_free(log);
		goto out;
	}
	s.root_num = post_ref_num(pdfo_get(pdf_doc_trailer(s.doc), "Root"));
	s.root = pdf_doc_get(s.doc, s.root_num, NULL);
	if (!pdfo_is(s.root, PDFO_DICT) || !pdfo_is(pdfo_get(s.root, "Pages"), PDFO_REF))
		post_fail(&s, "no document catalog with a page tree");
	else
		index_pages(&s, post_ref_num(pdfo_get(s.root, "Pages")), 0);
	if (!s.failed)
		post_order_pages(&s);
	/* PDF/UA-1 is PDF 1.7; PDF/X-4 needs 1.6 or later. */
	pdf_doc_begin(s.doc, out, "1.7");
	ok = !s.failed && post_tree(&s) && post_intent(&s) && post_pages(&s);
	/* The log and what elements hold are read: their memory goes before the rest is written. */
	tag_log_free(log);
	s.log = NULL;
	g_ptr_array_set_size(s.held, 0);
	if (ok) {
		trailer = post_document(&s);
		if (!pdf_doc_finish(s.doc, trailer, &error)) {
			diag_error(p->name, 0, "cannot write the PDF: %s", error);
			g_free(error);
			s.failed = true;
		}
	}
	ok = ok && !s.failed;
out:
	if (s.input_digest)
		g_free(g_thread_join(s.input_digest));
	pdfo_free(s.default_rgb);
	pdfo_free(s.output_intents);
	pdfo_free(s.root);
	pdf_doc_free(s.doc);
	g_ptr_array_free(s.held, TRUE);
	g_hash_table_destroy(s.page_index);
	g_array_free(s.pages, TRUE);
	g_array_free(s.struct_parents, TRUE);
	g_mapped_file_unref(map);
	return ok;
}
