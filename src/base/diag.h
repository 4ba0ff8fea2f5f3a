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
/* Print every message, not only the first DIAG_SHOWN of a kind and cause (--verbose). */
void diag_set_verbose(bool verbose);
bool diag_is_quiet(void);
/* Keep notes to ourselves (digests run by cron): warnings and errors are still printed. */
void diag_hide_notes(bool hide);
/*
 * What the messages from now on are about (folio batch: "book 'tag-a' (m.yaml:4)"), printed as
 * "folio: in book ...:" on a line of its own before the first of them that is printed, so a
 * run of many books says which book each message is about. NULL: none.
 */
void diag_set_scope(const char *scope);

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
 * Messages that can come by the thousand (pictures a dead host never gave, raw HTML dropped,
 * links removed) say what kind they are, defined once by the module that gives them:
 *   static const struct diag_kind not_downloaded = { "image-not-downloaded",
 *           "pictures could not be downloaded", "host" };
 * The first DIAG_SHOWN of one kind and cause are printed; the rest are counted and summed up by
 * diag_summarize, one line per kind and cause: "1,204 more pictures could not be downloaded from
 * 3 hosts: host not found (cdn.example.com 1,100, ...)". Messages without a kind are all printed.
 */
enum { DIAG_SHOWN = 5 };

struct diag_kind {
	const char *name;	/* for --report: "image-not-downloaded" */
	const char *many;	/* the summary's words for them: "pictures could not be downloaded" */
	const char *detail;	/* what a message's detail is ("host"; the report's key), or NULL */
};

/*
 * Report a message of a kind: cause is its reason without the place ("host not found"; NULL:
 * the message's text itself), detail the place within the cause (a host name; may be NULL).
 */
void diag_kind_at(enum diag_level level, const struct diag_kind *kind, const char *cause, const char *detail,
		  const char *file, int line, const char *fmt, ...) G_GNUC_PRINTF(7, 8);
void diag_kind_vat(enum diag_level level, const struct diag_kind *kind, const char *cause, const char *detail,
		   const char *file, int line, const char *fmt, va_list ap) G_GNUC_PRINTF(7, 0);

/* One message as given, for a sink (the --report file); levels as printed (--strict applied). */
struct diag_message {
	enum diag_level level;
	const struct diag_kind *kind;	/* NULL: no kind */
	const char *cause, *detail;	/* NULL when not given */
	const char *file;
	int line;
	const char *text;
};

/*
 * Hand every message to fn as well, in the order they are printed, whatever -q, --verbose and
 * the summing up keep from stderr (fn NULL: no more). fn runs under diag's lock: it must not
 * report messages itself.
 */
void diag_set_sink(void (*fn)(const struct diag_message *m, void *data), void *data);

/* Print the summary lines of what was counted and not printed; then forget those counts. */
void diag_summarize(void);

/* "1,204": n with a comma between thousands, whatever the locale (messages are English). g_free. */
char *diag_thousands(guint64 n);

/*
 * Work done on several threads reports in a set order: between diag_hold_begin and
 * diag_hold_end, this thread's messages are kept, not printed or counted; diag_held_give
 * prints and counts them later, in the order they were made. A hold begun inside another
 * keeps its messages apart from it (what an article's reading finds to say only if a book
 * takes the article); the outer one holds again at its end.
 */
struct diag_held;
void diag_hold_begin(void);
struct diag_held *diag_hold_end(void);	/* NULL when nothing was said */
void diag_held_give(struct diag_held *held);	/* frees held; NULL is nothing */

/*
 * A run that reuses work done once (folio batch reading a collection once for many books) says
 * that work's messages again for each book: between diag_record_begin and diag_record_end every
 * message said (by any thread, held ones as they are given) is also kept, as given (before
 * --strict); diag_held_repeat says them again under the settings of the moment (the same counts,
 * --strict, -q, the same summing up). Not nested.
 */
void diag_record_begin(void);
struct diag_held *diag_record_end(void);	/* NULL when nothing was said */
void diag_held_repeat(const struct diag_held *held);	/* NULL is nothing */
void diag_held_free(struct diag_held *held);
struct diag_held *diag_held_copy(const struct diag_held *held);	/* NULL is NULL */

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
