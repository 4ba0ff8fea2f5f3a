/* outfile.h - writes an output beside its final name and renames it into place only on success. */
#ifndef FOLIO_OUTFILE_H
#define FOLIO_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

struct outfile {
	char *path;	/* the final name */
	char *tmp;	/* the file being written: "<dir>/.<name>.XXXXXX" */
	FILE *fp;	/* open on tmp for writers that stream; writers that need a path use tmp */
};

/* Create the temporary file beside path. Returns NULL (reported) when the folder is not writable. */
struct outfile *outfile_begin(const char *path);
/* Close, flush to disk and rename over path. Returns false (reported, temporary removed) on failure. */
bool outfile_commit(struct outfile *o);
/* Remove the temporary file; path is left as it was. Accepts NULL. */
void outfile_abort(struct outfile *o);

/* Write all of data to path the same way (temporary file, then rename). */
bool outfile_write_all(const char *path, const void *data, size_t len);

#endif
