/* pdf_post_doc.h - the post-pass over the document: catalog, Info, XMP metadata, PDF/X-4 output intent. */
#ifndef FOLIO_PDF_POST_DOC_H
#define FOLIO_PDF_POST_DOC_H

#include "format/pdf/pdf_post_base.h"

/*
 * PDF/X-4: read the output intent's ICC profile (s->cmyk_intent; a CMYK one also gets sRGB as
 * every page's DefaultRGB) and add /OutputIntents. Nothing without x4. false when reported.
 */
bool post_intent(struct post *s);

/* The colour components (1 grey, 3 RGB, 4 CMYK) of the ICC profile at path; 0 when it is none or unreadable (the post-pass reports it). */
int pdf_icc_components(const char *path);

/*
 * The catalog's /Lang, /MarkInfo (tagged) and /ViewerPreferences /DisplayDocTitle; Info dates
 * in PDF's form (Cairo 1.16 leaves out "D:"), /Trapped and /GTS_PDFXVersion for PDF/X-4; the
 * XMP packet agreeing with Info, with a document ID from the PDF's own bytes. Puts the catalog
 * (s->root) back; returns the trailer's keys for the file written (Root, Info, ID).
 */
struct pdfo *post_document(struct post *s);

#endif
