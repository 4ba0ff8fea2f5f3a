/* state.h - the digest state file: which articles earlier digests held, kept under a lock. */
#ifndef FOLIO_STATE_H
#define FOLIO_STATE_H

#include <stdbool.h>
#include <glib.h>

struct state {
	char *path;		/* the state file, as given */
	char *lock_path;	/* path + ".lock": held (flock) from state_open to state_close */
	int lock_fd;
	GString *text;		/* the file as read, each line ending in "\n" ("" for a new file) */
	GHashTable *keys;	/* identity keys (identity.h) of every article sent */
	GHashTable *outputs;	/* absolute paths of the books earlier digests wrote */
	guint runs;		/* digests recorded */
	bool has_last_run;
	gint64 last_run;	/* when the latest recorded digest was made, UTC seconds */
	struct outfile *next;	/* the new state, written by state_prepare */
};

/*
 * Lock path + ".lock" (waiting, with a note, while another digest holds it;
 * the folder is created when missing) and read path. A missing file is an
 * empty state. Returns NULL, reported,
 * when the lock cannot be taken or the file is unreadable or malformed
 * (never read as empty: that would send everything again).
 */
struct state *state_open(const char *path);

/*
 * Write, beside the state file, the state with one more digest: made at now,
 * holding the articles (struct article *) of articles (their days taken in
 * tz, as the digest chose them), written to outputs.
 * Nothing replaces the state until state_commit. Returns false (reported).
 */
bool state_prepare(struct state *s, gint64 now, GTimeZone *tz, const GPtrArray *articles,
		   const GPtrArray *outputs);

/* Flush, fsync and rename the prepared state into place. Returns false (reported). */
bool state_commit(struct state *s);

/* Remove a prepared state that will not be used, unlock and free. Accepts NULL. */
void state_close(struct state *s);

/* The absolute form of path (its folder resolved, which must exist), or a copy of path. g_free. */
char *state_absolute(const char *path);

/* Append field to out with backslash, tab, newline and carriage return escaped. */
void state_escape(GString *out, const char *field);

#endif
