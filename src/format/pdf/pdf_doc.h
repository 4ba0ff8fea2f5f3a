/* pdf_doc.h - a PDF file read object by object from its bytes, edited, and written out anew without holding it. */
#ifndef FOLIO_PDF_DOC_H
#define FOLIO_PDF_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "format/pdf/pdf_obj.h"

/*
 * The input is the PDF's bytes (mapped: they stay the caller's); objects are parsed from them
 * when asked for and dropped again, so memory holds only what was changed, each change as its
 * compact PDF text. The output is written as it goes: streams when they are put, every other
 * object at the end, packed into compressed object streams with a cross-reference stream.
 */
struct pdf_doc;

/* The file's cross-reference table and trailer read (or its objects found by a scan when the table is broken). */
struct pdf_doc *pdf_doc_read(const unsigned char *buf, size_t len, char **error);
void pdf_doc_free(struct pdf_doc *d);

/* The trailer dictionary (the doc's). */
struct pdfo *pdf_doc_trailer(struct pdf_doc *d);

/*
 * Object num as it stands (changed or not): a new value (pdfo_free), NULL when there is none.
 * For a stream, its dictionary, and *stream true.
 */
struct pdfo *pdf_doc_get(struct pdf_doc *d, int num, bool *stream);
/* o itself, or when it is a reference, what it names (a new value, owned in *held); NULL for none. */
struct pdfo *pdf_doc_resolve(struct pdf_doc *d, struct pdfo *o, struct pdfo **held);

/* Object num is now o (taken; a stream's dictionary keeps the stream's data). */
void pdf_doc_put(struct pdf_doc *d, int num, struct pdfo *o);
/* Object num is not written. */
void pdf_doc_drop(struct pdf_doc *d, int num);
/* A new object's number. */
int pdf_doc_new_number(struct pdf_doc *d);

/*
 * A stream's data, decoded (no filter, or FlateDecode): *len bytes, to g_free when *owned, else
 * the input's. NULL with a message in *error when it cannot be read.
 */
const unsigned char *pdf_doc_stream_data(struct pdf_doc *d, int num, size_t *len, bool *owned, char **error);

/* data compressed as the file's FlateDecode streams are (g_free; NULL when it cannot be); any thread. */
unsigned char *pdf_doc_deflate(const void *data, size_t len, size_t *zlen);

/* Output to fp: the header. Then streams may be put; pdf_doc_finish writes the rest. */
void pdf_doc_begin(struct pdf_doc *d, FILE *fp, const char *version);
/*
 * Stream object num (new or replacing one) written now: dict (taken; its /Length and /Filter
 * set here) with data, already compressed with Flate when z (zlen bytes) is given.
 */
void pdf_doc_put_stream(struct pdf_doc *d, int num, struct pdfo *dict, const void *data, size_t len, const void *z,
			size_t zlen);
/* Every other object, then the cross-reference stream with trailer's keys (taken). False on a write error or a broken object (*error). */
bool pdf_doc_finish(struct pdf_doc *d, struct pdfo *trailer, char **error);

#endif
