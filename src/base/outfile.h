/* outfile.h - writes an output atomically when it is a file, straight through when it is a stream. */
#ifndef FOLIO_OUTFILE_H
#define FOLIO_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

/*
 * What the output named path is decides how it is written; nothing folio
 * does ever replaces anything but a regular file:
 * - a regular file, or a name not yet taken: written to a temporary file
 *   beside it (".<name>.folio-XXXXXX") and renamed over it only on success;
 *   such files that killed runs left there are removed once an hour old;
 * - a symbolic link: the same, for the file the link finally points to (the
 *   link stays a link);
 * - "-" (standard output), a FIFO or a character device: the book is staged
 *   in a file of the temporary folder ($TMPDIR: the EPUB's zip and the PDF's
 *   last pass seek) and copied to it on success, the staging file removed;
 *   nothing is created beside it, nothing renamed;
 * - a folder, socket or block device: refused.
 */
struct outfile {
	char *path;	/* the name given, for messages */
	char *target;	/* the file renamed over (path, or a link's target); NULL when streaming */
	char *tmp;	/* the file being written: "<dir>/.<name>.folio-XXXXXX", or a staging file */
	FILE *fp;	/* open on tmp for writers that stream; writers that need a path use tmp */
	int stream_fd;	/* streaming: where the finished bytes go; else -1 */
};

/* Prepare to write path. Returns NULL (reported, naming path and the reason) when it cannot be written. */
/*
 * The file a chain of symbolic links from path ends at (it need not exist yet), or NULL with
 * errno set (ELOOP for a cycle); a copy of path when it is no link. What outfile_begin writes.
 */
char *outfile_follow_links(const char *path);

struct outfile *outfile_begin(const char *path);
/* Close, flush to disk and put in place. Returns false (reported, temporary removed) on failure. */
bool outfile_commit(struct outfile *o);
/* Remove the temporary file; path is left as it was. Accepts NULL. */
void outfile_abort(struct outfile *o);

/* A scratch file a writer makes beside the temporary (path is kept, not copied): removed like the
   temporary when a signal ends the run. Untrack it before removing it and freeing path. */
void outfile_scratch_track(char *path);
void outfile_scratch_untrack(char *path);

/* What names a temporary file beside its book: ".<name>" OUTFILE_MARKER "XXXXXX". */
#define OUTFILE_MARKER ".folio-"

/*
 * Remove dir's regular files of this user named "." ... marker and six more characters (and
 * maybe a scratch file's extension, ".cairo") that nothing has touched for an hour: what killed
 * runs left. How many.
 */
int outfile_remove_stale(const char *dir, const char *marker);

/* Write all of data to path the same way. */
bool outfile_write_all(const char *path, const void *data, size_t len);

#endif
