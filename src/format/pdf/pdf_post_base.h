/* pdf_post_base.h - the post-pass's shared state and its small helpers over the PDF's objects. */
#ifndef FOLIO_PDF_POST_BASE_H
#define FOLIO_PDF_POST_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "format/pdf/pdf_doc.h"
#include "format/pdf/pdf_post_settings.h"
#include "format/pdf/taglog.h"

struct post {
	struct pdf_doc *doc;
	const struct pdf_post *p;
	const struct tag_log *log;	/* NULL once read */
	const unsigned char *input;	/* Cairo's file, mapped */
	size_t input_len;
	GThread *input_digest;		/* computing the MD5 of input (a string, g_free) meanwhile; joined once */
	bool failed;			/* reported */

	/* The catalog, changed by every pass and put back by the document's. */
	int root_num;
	struct pdfo *root;

	/* The pages in order: object numbers, their /StructParents (-1: none) and back. */
	GArray *pages;			/* int */
	GArray *struct_parents;		/* long long */
	GHashTable *page_index;		/* page object number -> page number - 1 */

	/* Filled by the structure pass (pdf_post_tree.c) for the pages pass. */
	bool has_tree;
	GPtrArray *held;		/* by page number - 1: GPtrArray by MCID of what elements hold (below) */
	long elements, spans_folded;

	/* Set by pdf_post_doc.c from the output intent, for the pages pass. */
	bool cmyk_intent;		/* its profile is CMYK */
	struct pdfo *default_rgb;	/* [/ICCBased sRGB] for a CMYK intent's pages, or NULL */
	struct pdfo *output_intents;	/* the catalog's /OutputIntents, or NULL */
	long artifacts, orphans;	/* what the pages pass marked */
};

/* Report a problem of the PDF itself (Cairo wrote something unexpected). */
void post_fail(struct post *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* The page number - 1 of page object num, or G_MAXUINT. */
guint post_page_of(const struct post *s, int num);
/* The object number a reference names, or 0. */
int post_ref_num(const struct pdfo *o);

/* dict[key] as a dictionary of dict's own: a reference's dictionary is copied in; made when missing. */
struct pdfo *post_own_dict(struct post *s, struct pdfo *dict, const char *key);

/* The four numbers of a rectangle dict[key]; false when there is none. */
bool post_read_box(const struct pdfo *dict, const char *key, double v[4]);

/* Stream num written now with dict (taken) and data, compressed here when compress. */
void post_write_stream(struct post *s, int num, struct pdfo *dict, const void *data, size_t len, bool compress);

/* MCID n of page index is held by a structure element, its marked content showing actual (or NULL). */
void post_hold_mcid(struct post *s, guint page, long mcid, const char *actual);
/* NULL when no element holds MCID n of page index; else the text it shows, or "". */
const char *post_mcid_held(const struct post *s, guint page, long mcid);

#endif
