/* reading.h - a book being read: the model it fills, and the run's settings it is read with. */
#ifndef FOLIO_READING_H
#define FOLIO_READING_H

#include <glib.h>

#include "base/options.h"
#include "book/model.h"
#include "read/site.h"

struct reading {
	struct book *b;			/* the model being filled */
	const struct options *opts;	/* checked and parsed (base/options.h) */
	GHashTable *sent;		/* digest --new: identity keys earlier digests held (borrowed), or NULL */
	const struct site *site;	/* the Hugo site a SOURCE is the root of, or NULL */
	GTimeZone *tz;			/* dates without a zone: --timezone, else the site's timeZone, else
					   (in a Hugo site) UTC, else the local zone */
};

#endif
