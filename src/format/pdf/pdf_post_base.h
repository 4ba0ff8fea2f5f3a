/* pdf_post_base.h - the post-pass's shared state and its small helpers over libqpdf's C API. */
#ifndef FOLIO_PDF_POST_BASE_H
#define FOLIO_PDF_POST_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>
#include "format/pdf/qpdf_lib.h"

#include "format/pdf/pdf_post_settings.h"
#include "format/pdf/taglog.h"

struct post {
	qpdf_data q;
	const struct pdf_post *p;
	const struct tag_log *log;	/* NULL once read */
	const unsigned char *input;	/* Cairo's file, mapped */
	size_t input_len;
	GThread *input_digest;		/* computing the MD5 of input (a string, g_free) meanwhile; joined once */
	bool failed;			/* reported */

	/* Filled by the structure pass (pdf_post_tree.c) for the pages pass. */
	bool has_tree;
	GHashTable *page_index;		/* page object id -> page number - 1 */
	GPtrArray *held;		/* by page number - 1: GPtrArray by MCID of what elements hold (below) */
	long elements, spans_folded;

	/* Set by pdf_post.c from the output intent, for the pages pass. */
	bool cmyk_intent;		/* its profile is CMYK */
	qpdf_oh default_rgb;		/* [/ICCBased sRGB] for a CMYK intent's pages, or 0 */
	long artifacts, orphans;	/* what the pages pass marked */
};

/* True, after reporting qpdf's error as "what: ...", when libqpdf has one. */
bool post_qpdf_failed(struct post *s, const char *what);
/* Report a problem of the PDF itself (Cairo wrote something unexpected). */
void post_fail(struct post *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* dict[key] = a text string (UTF-8 in; PDFDocEncoding or UTF-16 out). */
void post_set_text(qpdf_data q, qpdf_oh dict, const char *key, const char *utf8);
/* dict[key] = a byte string. */
void post_set_bytes(qpdf_data q, qpdf_oh dict, const char *key, const char *bytes);
/* dict[key] = the object PDF syntax text parses to. */
void post_set_parsed(qpdf_data q, qpdf_oh dict, const char *key, const char *syntax);
/* dict[key] as a dictionary, made (direct) when it is missing. */
qpdf_oh post_dict_key(qpdf_data q, qpdf_oh dict, const char *key);
/* The four numbers of a rectangle dict[key]; false when there is none. */
bool post_read_box(qpdf_data q, qpdf_oh dict, const char *key, double v[4]);
/* A stream of data (compressed with Flate here, so qpdf holds it small). */
qpdf_oh post_new_stream(qpdf_data q, const void *data, size_t len, bool compress);
/* Replace stream's data, compressed. */
void post_replace_stream(qpdf_data q, qpdf_oh stream, const void *data, size_t len);
/* The same in two steps: data compressed with Flate (g_free; NULL when it cannot be), which touches no
   qpdf object and may run on any thread; then stored (z NULL: data as it is). */
unsigned char *post_deflate(const void *data, size_t len, size_t *outlen);
void post_store_stream(qpdf_data q, qpdf_oh stream, const void *data, size_t len, const unsigned char *z, size_t zlen);

/* MCID n of page index is held by a structure element, its marked content showing actual (or NULL). */
void post_hold_mcid(struct post *s, guint page, long mcid, const char *actual);
/* NULL when no element holds MCID n of page index; else the text it shows, or "". */
const char *post_mcid_held(const struct post *s, guint page, long mcid);

#endif
