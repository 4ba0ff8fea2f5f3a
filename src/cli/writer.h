/* writer.h - the output formats: the back end for each, and writing every output of a run atomically. */
#ifndef FOLIO_WRITER_H
#define FOLIO_WRITER_H

#include <stdbool.h>

#include "format/export.h"

struct writer {
	enum output_format format;
	const char *name;	/* the -t name */
	const char *ext;	/* the output extension that selects it, or NULL */
	export_fn write;	/* the back end's door (format/export.h) */
};

/* The writer for -t to, or else (FORMAT_BY_NAME) for the extension of path; NULL (reported) when none fits. */
const struct writer *writer_for(enum output_format to, const char *path);

/*
 * No output or report of o may replace what the run reads or another of them: a SOURCE file, a
 * Markdown or HTML page, folio.yaml or a picture in a SOURCE folder, a file an option names
 * (--config, --css, --theme, --cover, --state, files:), or the same path twice. Said (with file
 * and line: a manifest's book; NULL, 0: the command line) and false when one would.
 */
bool writer_check_targets(const struct options *o, const char *file, int line);
/*
 * Where path will be written: the end of its chain of symbolic links (as outfile_begin follows
 * it), as its folder's real path and its name; "-" for standard output. g_free.
 */
char *writer_target_of(const char *path);
/* The same for one more file the run writes (what: "status file"), against what o reads. */
bool writer_check_input(const struct options *o, const char *path, const char *what, const char *file, int line);

/* Does b hold an article, or o allow an empty book? Else said ("no article for the book: why"). */
bool writer_book_wanted(const struct book *b, const struct options *o);

/*
 * What the back ends get besides the book: the options and the print theme
 * (templates/theme.yaml or --theme, with --page-size, --margin and
 * --two-sided applied), loaded before anything is read, so a bad theme fails
 * first. Returns the theme, for theme_free (format/pdf/theme.h) once the run
 * is done; NULL (reported) on failure, *usage (when not NULL) then saying whether
 * the options are to blame (--margin too wide for the page) rather than the theme.
 */
struct theme *export_prepare(struct export *x, const struct options *o, bool *usage);

/*
 * Write x->book to every path of outputs: all to temporary files first,
 * put in place only when every one succeeded and no error was reported.
 * Returns true when all were written.
 */
bool export_book(const struct export *x, const GPtrArray *outputs, enum output_format to);

#endif
