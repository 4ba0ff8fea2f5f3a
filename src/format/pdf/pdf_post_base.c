/* pdf_post_base.c - the post-pass's shared state and its small helpers over the PDF's objects. */
#include "format/pdf/pdf_post_base.h"

#include <stdarg.h>
#include <string.h>

#include "base/diag.h"

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

guint post_page_of(const struct post *s, int num)
{
	gpointer v;

	if (num <= 0 || !g_hash_table_lookup_extended(s->page_index, GINT_TO_POINTER(num), NULL, &v))
		return G_MAXUINT;
	return GPOINTER_TO_UINT(v);
}

int post_ref_num(const struct pdfo *o)
{
	return pdfo_is(o, PDFO_REF) ? o->u.ref.num : 0;
}

struct pdfo *post_own_dict(struct post *s, struct pdfo *dict, const char *key)
{
	struct pdfo *v = pdfo_get(dict, key);

	if (pdfo_is(v, PDFO_REF)) {
		struct pdfo *target = pdf_doc_get(s->doc, v->u.ref.num, NULL);

		if (pdfo_is(target, PDFO_DICT)) {
			pdfo_set(dict, key, target);
			return target;
		}
		pdfo_free(target);
	}
	return pdfo_get_dict(dict, key);
}

bool post_read_box(const struct pdfo *dict, const char *key, double v[4])
{
	const struct pdfo *a = pdfo_get(dict, key);
	bool ok = pdfo_len(a) == 4;

	for (guint i = 0; ok && i < 4; i++) {
		ok = pdfo_is_number(pdfo_at(a, i));
		v[i] = pdfo_number(pdfo_at(a, i));
	}
	return ok;
}

void post_write_stream(struct post *s, int num, struct pdfo *dict, const void *data, size_t len, bool compress)
{
	size_t zlen = 0;
	unsigned char *z = compress ? pdf_doc_deflate(data, len, &zlen) : NULL;

	pdf_doc_put_stream(s->doc, num, dict, data, len, z, zlen);
	g_free(z);
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
