/* writer.h - the output formats: each writer reads the finished book and fills one output file. */
#ifndef FOLIO_WRITER_H
#define FOLIO_WRITER_H

#include <stdbool.h>

#include "book/book.h"
#include "base/outfile.h"

struct writer {
	enum output_format format;
	const char *name;	/* the -t name */
	const char *ext;	/* the output extension that selects it, or NULL */
	/* Write b to out (out->fp is open on out->tmp). Report problems through diag; false on failure. */
	bool (*write)(const struct book *b, struct outfile *out);
};

/* The writer for -t to, or else (FORMAT_BY_NAME) for the extension of path; NULL (reported) when none fits. */
const struct writer *writer_for(enum output_format to, const char *path);
/* Does one of outputs go to the writer of format (FORMAT_EPUB)? Nothing is reported. */
bool writer_outputs_use(const GPtrArray *outputs, enum output_format to, enum output_format format);

/*
 * Write b to every path of outputs: all to temporary files first, renamed
 * into place only when every one succeeded and no error was reported.
 * Returns true when all were written.
 */
bool export_book(const struct book *b, const GPtrArray *outputs, enum output_format to);

/* The writers (one file each). */
bool model_write(const struct book *b, struct outfile *out);
bool pdf_write(const struct book *b, struct outfile *out);	/* pdf_writer.c */
bool trace_write(const struct book *b, struct outfile *out);	/* the PDF's pages as text */

#endif
