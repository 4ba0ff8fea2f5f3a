/* digest.h - `folio digest`: a book of what is new, titled from its dates, for cron and systemd timers. */
#ifndef FOLIO_DIGEST_H
#define FOLIO_DIGEST_H

#include <glib.h>

#include "base/options.h"

enum { DIGEST_WRITTEN = 0, DIGEST_FAILED = 1, DIGEST_USAGE = 2, DIGEST_NOTHING_NEW = 3 };

/*
 * Run a digest with the parsed options o: choose the articles (with --new,
 * only those --state says no earlier digest held), fill the {{...}} fields
 * of the title, subtitle and output names, write every output, then record
 * the digest in the state file. Prints one summary line on stdout. Returns
 * DIGEST_WRITTEN, DIGEST_NOTHING_NEW (nothing written), DIGEST_USAGE or
 * DIGEST_FAILED (nothing recorded; earlier books and the state untouched).
 */
int digest_run(struct options *o);
/* Can o be a digest: --new has its --state, every {{field}} of the title, subtitle and outputs is known? (said) */
bool digest_usage_ok(const struct options *o);
/*
 * The same, telling (when not NULL) the articles of the digest, the PDF's pages (left as is without
 * a PDF) and, once written, the files it wrote, its output templates filled (g_ptr_array_unref).
 */
int digest_run_counted(struct options *o, guint *articles, int *pages, GPtrArray **written);

#endif
