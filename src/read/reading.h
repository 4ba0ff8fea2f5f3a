/* reading.h - a book being read: the model it fills, and the run's settings it is read with. */
#ifndef FOLIO_READING_H
#define FOLIO_READING_H

#include <glib.h>

#include "base/options.h"
#include "book/model.h"

struct reading {
	struct book *b;			/* the model being filled */
	const struct options *opts;	/* checked and parsed (base/options.h) */
	GHashTable *sent;		/* digest --new: identity keys earlier digests held (borrowed), or NULL */
};

#endif
