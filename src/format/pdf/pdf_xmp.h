/* pdf_xmp.h - the PDF's XMP metadata packet: the Info dictionary's facts, and the standards it claims. */
#ifndef FOLIO_PDF_XMP_H
#define FOLIO_PDF_XMP_H

#include <stdbool.h>

/* What goes in; NULL or "" leaves a property out (title is always written). */
struct xmp_facts {
	const char *title, *author, *subject, *keywords;
	const char *lang;		/* dc:language */
	const char *creator_tool;	/* Info /Creator */
	const char *producer;		/* Info /Producer */
	const char *created, *modified;	/* ISO 8601: 2025-02-13T07:10:13Z */
	const char *document_id;	/* a UUID: 8-4-4-4-12 hexadecimal digits */
	bool ua;			/* pdfuaid:part 1 */
	bool x4;			/* pdfxid:GTS_PDFXVersion PDF/X-4, pdf:Trapped False */
};

/* The packet (UTF-8, g_free), text escaped for XML. */
char *xmp_packet(const struct xmp_facts *f);

#endif
