/* pdf_post_base.c - the post-pass's shared state and its small helpers over libqpdf's C API. */
#include "format/pdf/pdf_post_base.h"

#include <stdarg.h>
#include <string.h>

#include "base/diag.h"
#include "base/zbuf.h"

bool post_qpdf_failed(struct post *s, const char *what)
{
	qpdf_error e;

	if (!qpdf_has_error(s->q))
		return false;
	e = qpdf_get_error(s->q);
	if (!strcmp(what, "write"))
		diag_error(s->p->name, 0, "cannot write the PDF: %s", e ? qpdf_get_error_full_text(s->q, e) : "qpdf failed");
	else
		diag_error(s->p->name, 0, "cannot finish the PDF (%s): %s", what, e ? qpdf_get_error_full_text(s->q, e) : "qpdf failed");
	s->failed = true;
	return true;
}

void post_fail(struct post *s, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	diag_error(s->p->name, 0, "cannot finish the PDF: %s", msg);
	g_free(msg);
	s->failed = true;
}

void post_set_text(qpdf_data q, qpdf_oh dict, const char *key, const char *utf8)
{
	qpdf_oh v = qpdf_oh_new_unicode_string(q, utf8);

	qpdf_oh_replace_key(q, dict, key, v);
	qpdf_oh_release(q, v);
}

void post_set_bytes(qpdf_data q, qpdf_oh dict, const char *key, const char *bytes)
{
	qpdf_oh v = qpdf_oh_new_string(q, bytes);

	qpdf_oh_replace_key(q, dict, key, v);
	qpdf_oh_release(q, v);
}

void post_set_parsed(qpdf_data q, qpdf_oh dict, const char *key, const char *syntax)
{
	qpdf_oh v = qpdf_oh_parse(q, syntax);

	qpdf_oh_replace_key(q, dict, key, v);
	qpdf_oh_release(q, v);
}

qpdf_oh post_dict_key(qpdf_data q, qpdf_oh dict, const char *key)
{
	qpdf_oh v = qpdf_oh_get_key(q, dict, key);

	if (qpdf_oh_is_dictionary(q, v))
		return v;
	qpdf_oh_release(q, v);
	v = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, dict, key, v);
	qpdf_oh_release(q, v);
	return qpdf_oh_get_key(q, dict, key);
}

bool post_read_box(qpdf_data q, qpdf_oh dict, const char *key, double v[4])
{
	qpdf_oh a = qpdf_oh_get_key(q, dict, key);
	bool ok = qpdf_oh_is_array(q, a) && qpdf_oh_get_array_n_items(q, a) == 4;

	for (int i = 0; ok && i < 4; i++) {
		qpdf_oh n = qpdf_oh_get_array_item(q, a, i);

		ok = qpdf_oh_is_number(q, n);
		v[i] = ok ? qpdf_oh_get_numeric_value(q, n) : 0;
		qpdf_oh_release(q, n);
	}
	qpdf_oh_release(q, a);
	return ok;
}

unsigned char *post_deflate(const void *data, size_t len, size_t *outlen)
{
	return zbuf_deflate(data, len, 6, ZBUF_ZLIB, outlen);
}

void post_store_stream(qpdf_data q, qpdf_oh stream, const void *data, size_t len, const unsigned char *z, size_t zlen)
{
	qpdf_oh null = qpdf_oh_new_null(q);

	if (z) {
		qpdf_oh flate = qpdf_oh_new_name(q, "/FlateDecode");

		qpdf_oh_replace_stream_data(q, stream, z, zlen, flate, null);
		qpdf_oh_release(q, flate);
	} else {
		qpdf_oh_replace_stream_data(q, stream, data, len, null, null);
	}
	qpdf_oh_release(q, null);
}

void post_replace_stream(qpdf_data q, qpdf_oh stream, const void *data, size_t len)
{
	size_t zlen = 0;
	unsigned char *z = post_deflate(data, len, &zlen);

	post_store_stream(q, stream, data, len, z, zlen);
	g_free(z);
}

qpdf_oh post_new_stream(qpdf_data q, const void *data, size_t len, bool compress)
{
	qpdf_oh st = qpdf_oh_new_stream(q);

	if (compress) {
		post_replace_stream(q, st, data, len);
	} else {
		qpdf_oh null = qpdf_oh_new_null(q);

		qpdf_oh_replace_stream_data(q, st, data, len, null, null);
		qpdf_oh_release(q, null);
	}
	return st;
}

void post_hold_mcid(struct post *s, guint page, long mcid, const char *actual)
{
	GPtrArray *held;

	if (mcid < 0 || mcid > (1L << 24))
		return;
	while (s->held->len <= page)
		g_ptr_array_add(s->held, g_ptr_array_new());
	held = g_ptr_array_index(s->held, page);
	if (held->len <= (guint)mcid)
		g_ptr_array_set_size(held, (guint)mcid + 1);
	/* The log's text outlives the pass; an element with none holds its MCID all the same. */
	if (!g_ptr_array_index(held, mcid) || actual)
		g_ptr_array_index(held, mcid) = (gpointer)(actual ? actual : "");
}

const char *post_mcid_held(const struct post *s, guint page, long mcid)
{
	const GPtrArray *held = page < s->held->len ? g_ptr_array_index(s->held, page) : NULL;

	return held && mcid >= 0 && (guint)mcid < held->len ? g_ptr_array_index(held, mcid) : NULL;
}
