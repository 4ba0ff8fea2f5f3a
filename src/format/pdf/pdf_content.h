/* pdf_content.h - a PDF content-stream tokenizer, and marking what no structure element holds as /Artifact. */
#ifndef FOLIO_PDF_CONTENT_H
#define FOLIO_PDF_CONTENT_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

/*
 * Asked for each "/Name Do": true when that XObject is a form holding tagged (MCID) content,
 * so the Do is not wrapped (the form is worked on by itself instead).
 */
typedef bool (*content_form_fn)(void *data, const char *name, size_t len);

/*
 * Asked for each BDC carrying /MCID n: NULL when no structure element holds n (Cairo leaves
 * such orphans when something is drawn while an element with no children yet is innermost):
 * that sequence becomes an /Artifact. Else the text it shows (UTF-8), or "" for none known:
 * given, the sequence becomes /Span << /MCID n /ActualText (text) >>, what text extraction
 * and copying read instead of guessing from the glyphs' places, and the /ActualText spans
 * nested in it (Pango's, for ligatures) go: text tools stop at their end (poppler).
 */
typedef const char *(*content_mcid_fn)(void *data, long mcid);

struct content_stats {
	long ops;		/* operators seen */
	long artifacts;		/* /Artifact sequences inserted */
	long mcids;		/* BDC with /MCID seen */
	long tagged_forms;	/* Do of forms holding tagged content (left unwrapped) */
	long orphans;		/* MCID sequences no element holds, made artifacts */
	long actual;		/* MCID sequences given their /ActualText */
};

/*
 * Append to out the content stream in[0, len) with every graphics object (path, text object,
 * image, shading, XObject) that lies outside any MCID-tagged or /Artifact sequence wrapped in
 * "/Artifact BMC ... EMC". The bytes are copied as they are; the marks go in between
 * instructions, never around q, Q, BDC, BMC or another sequence's EMC, so nesting stays proper.
 * form and mcid may be NULL (no form is tagged, every MCID is held). Returns false with a
 * message in *error (g_free) when the stream does not parse: an unterminated string or inline
 * image, an EMC without its BMC, sequences left open.
 */
bool content_mark_artifacts(const unsigned char *in, size_t len, GByteArray *out, content_form_fn form,
			    content_mcid_fn mcid, void *data, struct content_stats *st, char **error);

/* True when the stream holds "/MCID" (a quick test for forms). */
bool content_has_mcid(const unsigned char *in, size_t len);

#endif
