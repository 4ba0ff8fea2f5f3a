/* model.h - the "model" back end: the book model as plain text, for golden tests and debugging. */
#ifndef FOLIO_MODEL_WRITER_H
#define FOLIO_MODEL_WRITER_H

#include <stdbool.h>

#include "format/export.h"

/* Write what folio read, chose and resolved for x->book into out->fp, one field a line. */
bool model_write(const struct export *x, struct outfile *out);

#endif
