/* diag.h - the one module that reports problems (and progress) on stderr. */
#ifndef FOLIO_DIAG_H
#define FOLIO_DIAG_H

#include <stdbool.h>
#include <glib.h>

enum diag_level {
	DIAG_NOTE,	/* information, hidden by -q */
	DIAG_WARNING,	/* something was left out or replaced; an error under --strict */
	DIAG_ERROR	/* the run fails and writes nothing */
};

/* Settings from the command line; call before any message. */
void diag_set_quiet(bool quiet);
void diag_set_strict(bool strict);
bool diag_is_quiet(void);
/* Keep notes to ourselves (digests run by cron): warnings and errors are still printed. */
void diag_hide_notes(bool hide);

/*
 * Report a message as "folio: FILE:LINE: warning: TEXT". file may be NULL
 * (no location) and line 0 (file only). Thread-safe. Under --strict a
 * warning is counted and printed as an error.
 */
void diag_at(enum diag_level level, const char *file, int line, const char *fmt, ...)
	G_GNUC_PRINTF(4, 5);
void diag_vat(enum diag_level level, const char *file, int line, const char *fmt, va_list ap)
	G_GNUC_PRINTF(4, 0);

#define diag_note(file, line, ...)  diag_at(DIAG_NOTE, file, line, __VA_ARGS__)
#define diag_warn(file, line, ...)  diag_at(DIAG_WARNING, file, line, __VA_ARGS__)
#define diag_error(file, line, ...) diag_at(DIAG_ERROR, file, line, __VA_ARGS__)

/*
 * Work done on several threads reports in a set order: between diag_hold_begin and
 * diag_hold_end, this thread's messages are kept, not printed or counted; diag_held_give
 * prints and counts them later, in the order they were made.
 */
struct diag_held;
void diag_hold_begin(void);
struct diag_held *diag_hold_end(void);	/* NULL when nothing was said */
void diag_held_give(struct diag_held *held);	/* frees held; NULL is nothing */

/* Messages seen so far at this severity (warnings promoted by --strict count as errors). */
int diag_count(enum diag_level level);
/* True once an error (or, under --strict, a warning) has been reported. */
bool diag_failed(void);
/* Forget all counts (tests, and each run of a long-lived caller). */
void diag_reset(void);
/* The last error since diag_reset, as "FILE:LINE: text" (g_free), or NULL. */
char *diag_last_error(void);

/* Print a plain line to stderr (usage text, summaries); nothing else writes there. */
void diag_print(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

/*
 * Progress of a long run: drawn as a bar on a terminal, silent otherwise and
 * under -q. progress_begin names the task; progress_step sets done of total.
 */
void diag_progress_begin(const char *task, unsigned total);
void diag_progress_step(unsigned done);
void diag_progress_end(void);

#endif
