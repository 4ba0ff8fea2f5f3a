/* main.c - the command line: read options, build the book, write each output, choose the exit status. */
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "format/pdf/theme.h"
#include "read/build.h"
#include "base/diag.h"
#include "cli/batch.h"
#include "cli/digest.h"
#include "base/options.h"
#include "base/report.h"
#include "base/parallel.h"
#include "base/slices.h"
#include "cli/writer.h"

enum { EXIT_WRITTEN = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

/*
 * templates/ and fonts/: $FOLIO_DATADIR; else beside the executable's folder (build/folio in a
 * source tree); else PREFIX/share/folio seen from the executable (bin/folio), so an installed
 * copy works wherever PREFIX and DESTDIR put it; else the PREFIX it was built for.
 */
static char *find_datadir(void)
{
	const char *env = g_getenv("FOLIO_DATADIR");
	char *exe, *dir, *up, *candidates[2];

	if (env && *env)
		return g_strdup(env);
	exe = g_file_read_link("/proc/self/exe", NULL);
	if (exe) {
		dir = g_path_get_dirname(exe);
		up = g_path_get_dirname(dir);
		candidates[0] = g_strdup(up);
		candidates[1] = g_build_filename(up, "share", "folio", NULL);
		g_free(exe);
		g_free(dir);
		g_free(up);
		for (int i = 0; i < 2; i++) {
			char *probe = g_build_filename(candidates[i], "templates", "theme.yaml", NULL);
			bool found = g_file_test(probe, G_FILE_TEST_IS_REGULAR);

			g_free(probe);
			if (found) {
				g_free(candidates[1 - i]);
				return candidates[i];
			}
		}
		g_free(candidates[0]);
		g_free(candidates[1]);
	}
	return g_strdup(FOLIO_DATADIR);
}

static int build(struct options *o)
{
	struct export x;
	bool usage;
	struct theme *theme = export_prepare(&x, o, &usage);
	struct book *b;
	bool ok;

	if (!theme)
		return usage ? EXIT_USAGE : EXIT_FAILED;
	b = book_build(o, NULL, theme->cjk_latin_space);
	if (!b || diag_failed()) {
		book_free(b);
		theme_free(theme);
		return EXIT_FAILED;
	}
	if (!writer_book_wanted(b, o)) {
		book_free(b);
		theme_free(theme);
		return EXIT_FAILED;
	}
	x.book = b;
	ok = export_book(&x, o->outputs, o->to);
	book_free(b);
	theme_free(theme);
	return ok ? EXIT_WRITTEN : EXIT_FAILED;
}

/*
 * The heap's first 64 MB advised onto huge pages (2 MB each, where transparent huge pages are
 * "madvise" or "always"), and kept when freed (M_TRIM_THRESHOLD): Cairo's copies of each CJK
 * font's outline table (see main) are faulted in 512 times less often. In a virtual machine those
 * faults were a third of a one-article PDF's time. The blocks are each under M_MMAP_THRESHOLD, so
 * they come from the heap, one after the other.
 */
static void heap_on_huge_pages(void)
{
	enum { BLOCKS = 4, BLOCK = 16 << 20 };
	const uintptr_t huge = 2 << 20;
	uintptr_t lo = UINTPTR_MAX, hi = 0;
	char *block[BLOCKS];

	for (int i = 0; i < BLOCKS; i++) {
		block[i] = malloc(BLOCK);
		if (block[i]) {
			lo = MIN(lo, (uintptr_t)block[i]);
			hi = MAX(hi, (uintptr_t)block[i] + BLOCK);
		}
	}
	lo = (lo + huge - 1) & ~(huge - 1);
	hi &= ~(huge - 1);
	if (hi > lo)
		madvise((void *)lo, hi - lo, MADV_HUGEPAGE);	/* only advice: where it is refused, nothing changes */
	for (int i = BLOCKS - 1; i >= 0; i--)
		free(block[i]);
}

/* Links base/slices.c in: its preinit entry turns GLib's slices to malloc before GLib starts. */
__attribute__((used)) static bool (*const slices_linked)(void) = slices_from_malloc;

int main(int argc, char **argv)
{
	struct options o;
	int status;

	/* Collation and character classes follow the user; numbers in output files never do. */
	setlocale(LC_CTYPE, "");
	setlocale(LC_COLLATE, "");
	/* A file-size limit (ulimit -f) makes a write fail with "File too large", reported with the
	   file's name, instead of killing the run and leaving its temporary files behind. */
	signal(SIGXFSZ, SIG_IGN);
	/*
	 * Cairo copies each CJK font's whole outline table (15 to 24 MB) when it first draws with the
	 * face and again when it subsets it. Mapped afresh each time, every copy was faulted in page
	 * by page (about a tenth of a weekly digest's PDF); from the heap, and kept there when freed,
	 * the memory of one copy serves the next. mallopt speaks to glibc's malloc; tcmalloc,
	 * build/folio's allocator, ignores it, grows its heap the same way (brk) and keeps freed
	 * spans itself: strace shows no MADV_DONTNEED on the heap in the bench book.
	 */
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 128 << 20);
	heap_on_huge_pages();
	/*
	 * Cairo compresses each page's content on the thread that draws, and the post-pass, on that
	 * thread too, inflates it again to rewrite it (pdf_post_pages.c), then compresses it on every
	 * core. Cairo's own switch, read when it makes a PDF surface, leaves the content plain: the
	 * finished PDF is compressed as before (only its document ID, a digest of Cairo's file,
	 * differs). Set here, before any thread could read the environment while it changes.
	 */
	g_setenv("CAIRO_DEBUG_PDF", "1", FALSE);
	if (argc > 1 && !strcmp(argv[1], "batch")) {
		char *datadir = find_datadir();

		status = batch_main(argc - 1, argv + 1, datadir);
		g_free(datadir);
		return status;
	}
	options_init(&o);
	status = options_parse(&o, argc, argv);
	if (status != 0) {
		options_clear(&o);
		return status < 0 ? EXIT_WRITTEN : status;
	}
	diag_set_quiet(o.quiet);
	diag_set_strict(o.strict);
	diag_set_verbose(o.verbose);
	parallel_set_threads((guint)MIN(o.threads, 256));
	o.datadir = find_datadir();
	if (o.sources->len == 0 || o.outputs->len == 0) {
		diag_error(NULL, 0, o.sources->len ? "no output: give -o FILE" : "no SOURCE folder or file given");
		options_usage(false);
		options_clear(&o);
		return EXIT_USAGE;
	}
	if (o.format && o.outputs->len > 1) {
		diag_error(NULL, 0, "-t applies to one output; with several, the extensions choose");
		options_clear(&o);
		return EXIT_USAGE;
	}
	/* Every output's format is known before anything is read. */
	for (guint i = 0; i < o.outputs->len; i++) {
		if (!writer_for(o.to, g_ptr_array_index(o.outputs, i))) {
			options_clear(&o);
			return EXIT_USAGE;
		}
	}
	if (!writer_check_targets(&o, NULL, 0)) {
		options_clear(&o);
		return EXIT_USAGE;
	}
	if (o.report && !report_open(o.report)) {
		options_clear(&o);
		return EXIT_FAILED;
	}
	status = o.mode == MODE_DIGEST ? digest_run(&o) : build(&o);
	/* What was counted and not printed, then the report: both also when the run failed. */
	diag_summarize();
	if (!report_close() && status == EXIT_WRITTEN)
		status = EXIT_FAILED;
	options_clear(&o);
	return status;
}
