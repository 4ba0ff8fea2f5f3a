/* pdf_fixup.h - completes a PDF whose cross-reference table names objects that were never written. */
#ifndef FOLIO_PDF_FIXUP_H
#define FOLIO_PDF_FIXUP_H

#include <stdbool.h>
#include <stdio.h>

/*
 * Cairo 1.16 reserves structure objects for pages with links and never
 * writes them, so its xref points them at other objects' offsets. This
 * checks every in-use entry of the PDF open in fp (read and write) and, if
 * any is wrong, appends an incremental update defining those objects as
 * null. Returns false only when fp cannot be read or written; a PDF it
 * does not understand is left as it is.
 */
bool pdf_fixup_missing_objects(FILE *fp);

#endif
