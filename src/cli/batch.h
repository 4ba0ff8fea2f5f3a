/* batch.h - `folio batch MANIFEST`: many books in one process, each collection read once, a status line per book. */
#ifndef FOLIO_BATCH_H
#define FOLIO_BATCH_H

enum { BATCH_WRITTEN = 0, BATCH_SOME_FAILED = 1, BATCH_USAGE = 2 };

/*
 * Run `folio batch` with argv as given after "batch" (argv[0] is "batch"): read and check the
 * whole manifest (a bad one: BATCH_USAGE before any book is built), take this shard's books,
 * build each (one book's failure never stops the others), append one status line per book.
 * datadir is folio's templates/ and fonts/ folder. Returns BATCH_WRITTEN when every book of the
 * shard was written (or is unchanged, or a digest found nothing new), BATCH_SOME_FAILED when any
 * failed, BATCH_USAGE for a bad command line or manifest.
 */
int batch_main(int argc, char **argv, const char *datadir);

#endif
