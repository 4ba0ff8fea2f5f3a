/* pdf_post.c - the pass over Cairo's finished PDF (libqpdf) that adds what Cairo 1.16 cannot write. */
#include "format/pdf/pdf_post.h"

#include <string.h>

#include "base/diag.h"
#include "format/pdf/pdf_post_base.h"
#include "format/pdf/pdf_post_doc.h"
#include "format/pdf/pdf_post_pages.h"
#include "format/pdf/pdf_post_tree.h"

/*
 * qpdf's warnings about Cairo's own output: repaired or not, they mean something is off. But
 * one: Cairo 1.16 names a picture drawn twice on a page twice in its resources, to the same
 * object (qpdf: "dictionary has duplicated key"), which changes nothing.
 */
static void report_warnings(struct post *s, const char *when)
{
	while (qpdf_more_warnings(s->q)) {
		qpdf_error w = qpdf_next_warning(s->q);
		const char *text = qpdf_get_error_full_text(s->q, w);

		if (!strstr(text, "dictionary has duplicated key"))
			post_fail(s, "qpdf %s: %s", when, text);
	}
}

static void index_pages(struct post *s)
{
	int n = qpdf_get_num_pages(s->q);

	for (int i = 0; i < n; i++) {
		qpdf_oh page = qpdf_get_page_n(s->q, (size_t)i);

		g_hash_table_insert(s->page_index, GINT_TO_POINTER(qpdf_oh_get_object_id(s->q, page)), GUINT_TO_POINTER(i));
		qpdf_oh_release(s->q, page);
	}
}

static bool write_out(struct post *s, const char *out)
{
	qpdf_data q = s->q;

	if (qpdf_init_write(q, out) & QPDF_ERRORS)
		return !post_qpdf_failed(s, "write");
	/* Same input, same bytes: the /ID is a digest of the content, not of the time and name. */
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_object_stream_mode(q, qpdf_o_generate);
	qpdf_set_compress_streams(q, QPDF_TRUE);
	/* Cairo's streams are compressed already: copied as they are, not inflated and deflated again. */
	qpdf_set_decode_level(q, qpdf_dl_none);
	/* PDF/UA-1 is PDF 1.7; PDF/X-4 needs 1.6 or later. */
	qpdf_set_minimum_pdf_version(q, "1.7");
	if (qpdf_write(q) & QPDF_ERRORS)
		return !post_qpdf_failed(s, "write");
	return true;
}

/* The document ID's digest of Cairo's file, on a thread of its own while qpdf reads the file. */
static gpointer input_md5(gpointer data)
{
	const struct post *s = data;

	return g_compute_checksum_for_data(G_CHECKSUM_MD5, s->input, s->input_len);
}

void pdf_post_prepare(void)
{
	libqpdf_preload();
}

bool pdf_post_write(const char *in, const char *out, const struct pdf_post *p, struct tag_log *log)
{
	struct post s = { .p = p, .log = log };
	bool tagged = log != NULL;
	GError *e = NULL;
	const char *no_qpdf;
	GMappedFile *map;
	bool ok = false;

	if (!libqpdf_load(&no_qpdf)) {
		diag_error(p->name, 0, "cannot finish the PDF: %s", no_qpdf);
		tag_log_free(log);
		return false;
	}
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
	s.held = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	s.q = qpdf_init();
	qpdf_silence_errors(s.q);
	qpdf_set_suppress_warnings(s.q, QPDF_TRUE);
	if (qpdf_read_memory(s.q, in, (const char *)s.input, (unsigned long long)s.input_len, NULL) & QPDF_ERRORS) {
		post_qpdf_failed(&s, "read");
		tag_log_free(log);
		goto out;
	}
	index_pages(&s);
	ok = post_tree(&s) && post_intent(&s) && post_pages(&s);
	/* The log and what elements hold are read: their memory goes before qpdf writes. */
	tag_log_free(log);
	s.log = NULL;
	g_ptr_array_set_size(s.held, 0);
	ok = ok && post_document(&s);
	/*
	 * Untagged, Cairo 1.16's link tags still make structure objects it never writes: qpdf finds
	 * the cross-reference table naming them and rebuilds it, and the PDF written has none of them.
	 */
	if (tagged)
		report_warnings(&s, "reading Cairo's PDF");
	else
		while (qpdf_more_warnings(s.q))
			qpdf_next_warning(s.q);
	if (ok && !s.failed && write_out(&s, out))
		report_warnings(&s, "writing the PDF");
	ok = ok && !s.failed;
out:
	if (s.input_digest)
		g_free(g_thread_join(s.input_digest));
	if (s.default_rgb)
		qpdf_oh_release(s.q, s.default_rgb);
	qpdf_cleanup(&s.q);
	g_ptr_array_free(s.held, TRUE);
	g_hash_table_destroy(s.page_index);
	g_mapped_file_unref(map);
	return ok;
}
