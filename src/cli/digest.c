/* digest.c - `folio digest`: choose what is new, title it from its window, write it, remember it. */
#include "cli/digest.h"
#include "base/date.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "format/pdf/theme.h"
#include "read/build.h"
#include "base/diag.h"
#include "cli/state.h"
#include "cli/template.h"
#include "cli/writer.h"

enum { F_YEAR, F_MONTH, F_DAY, F_WEEK, F_WEEKYEAR, F_FROM, F_TO, F_DATE, F_COUNT, NFIELDS };

static const char *const field_names[NFIELDS] = {
	"year", "month", "day", "week", "weekyear", "from", "to", "date", "count"
};

struct fields {
	struct template_field f[NFIELDS];
	char *values[NFIELDS];
};

static void fields_clear(struct fields *fs)
{
	for (int i = 0; i < NFIELDS; i++)
		g_free(fs->values[i]);
}

/*
 * The window a digest covers, as days of --timezone: from the start the
 * filters ask for (else, with --new, the previous digest; else the oldest
 * article) to the end they ask for (else now). The calendar fields name the
 * last full day the window covers: --until's day when it is past, else
 * yesterday. A digest made on Monday morning is named after the week it looks
 * back on, a daily one at 06:00 after yesterday, a monthly one on the 1st
 * after the month before; and weekly runs never share a name.
 */
static void fill_fields(struct fields *fs, const struct options *o, const struct book *b, const struct state *st)
{
	gint64 from, last;
	GDateTime *u, *now, *named;

	if (b->chosen.has_from)
		from = b->chosen.from;
	else if (st && o->new_only && st->has_last_run)
		from = st->last_run;
	else if (b->first.valid)
		from = b->first.utc;
	else
		from = o->now;
	last = b->chosen.has_to ? b->chosen.to - 1 : o->now;
	u = g_date_time_new_from_unix_utc(o->now);
	now = date_to_zone(u, o->tz);
	g_date_time_unref(u);
	if (o->until && last < o->now) {
		u = g_date_time_new_from_unix_utc(last);
		named = date_to_zone(u, o->tz);
		g_date_time_unref(u);
	} else {
		named = g_date_time_add_days(now, -1);
	}
	fs->values[F_YEAR] = g_date_time_format(named, "%Y");
	fs->values[F_MONTH] = g_date_time_format(named, "%m");
	fs->values[F_DAY] = g_date_time_format(named, "%d");
	fs->values[F_WEEK] = g_date_time_format(named, "%V");
	fs->values[F_WEEKYEAR] = g_date_time_format(named, "%G");
	fs->values[F_FROM] = date_format_in(from, o->tz, "%Y-%m-%d");
	fs->values[F_TO] = date_format_in(last, o->tz, "%Y-%m-%d");
	fs->values[F_DATE] = date_format_in(o->now, o->tz, "%Y-%m-%d");
	fs->values[F_COUNT] = g_strdup_printf("%u", b->articles->len);
	for (int i = 0; i < NFIELDS; i++)
		fs->f[i] = (struct template_field){ field_names[i], fs->values[i] };
	g_date_time_unref(named);
	g_date_time_unref(now);
}

/* Fill one template; NULL after reporting an unknown field. what names the setting for messages. */
static char *fill(const char *what, const char *text, const struct fields *fs)
{
	char *bad = NULL;
	char *out = template_fill(text, fs->f, NFIELDS, &bad);

	if (!out) {
		diag_error(NULL, 0, "%s '%s': unknown field %s (known: {{year}} {{month}} {{day}} {{week}} "
			   "{{weekyear}} {{from}} {{to}} {{date}} {{count}})", what, text, bad);
		g_free(bad);
		return NULL;
	}
	/* Late December can be week 01 of the next year: {{year}}-W{{week}} would name an old digest. */
	if (template_uses(text, "year") && template_uses(text, "week")
	    && strcmp(fs->values[F_YEAR], fs->values[F_WEEKYEAR]))
		diag_warn(NULL, 0, "%s '%s': week %s belongs to %s, not %s; use {{weekyear}} with {{week}}", what,
			  text, fs->values[F_WEEK], fs->values[F_WEEKYEAR], fs->values[F_YEAR]);
	return out;
}

/* True when text (may be NULL) is a template with known fields only (reported otherwise). */
static bool template_valid(const char *what, const char *text, const struct fields *fs)
{
	char *filled;
	bool ok;

	if (!text)
		return true;
	filled = fill(what, text, fs);
	ok = filled != NULL;
	g_free(filled);
	return ok;
}

/* Every template checked before anything is read, with sample values. */
static bool templates_valid(const struct options *o)
{
	struct fields fs = { 0 };
	bool ok;

	for (int i = 0; i < NFIELDS; i++) {
		fs.values[i] = g_strdup("0");
		fs.f[i] = (struct template_field){ field_names[i], fs.values[i] };
	}
	ok = template_valid("--title", o->title, &fs);
	ok = template_valid("--subtitle", o->subtitle, &fs) && ok;
	for (guint i = 0; i < o->outputs->len; i++)
		ok = template_valid("-o", g_ptr_array_index(o->outputs, i), &fs) && ok;
	fields_clear(&fs);
	return ok;
}

bool digest_usage_ok(const struct options *o)
{
	if (o->new_only && !o->state) {
		diag_error(NULL, 0, "--new needs --state FILE (where earlier digests are remembered)");
		return false;
	}
	return templates_valid(o);
}

/*
 * Output paths filled and made ready: their folders created, none twice, and
 * none that would replace a book an earlier digest of this state wrote (its
 * articles are recorded as sent: replacing it would lose them).
 */
static GPtrArray *ready_outputs(const struct options *o, const struct fields *fs, const struct state *st)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	bool ok = true;

	for (guint i = 0; ok && i < o->outputs->len; i++) {
		char *path = fill("-o", g_ptr_array_index(o->outputs, i), fs);
		char *dir, *abs;

		if (!path) {
			ok = false;
			break;
		}
		g_ptr_array_add(out, path);
		dir = g_path_get_dirname(path);
		if (g_mkdir_with_parents(dir, 0777) != 0) {
			diag_error(dir, 0, "cannot create the folder for %s: %s", path, g_strerror(errno));
			ok = false;
		}
		g_free(dir);
		abs = state_absolute(path);
		if (ok && g_hash_table_contains(seen, abs)) {
			diag_error(path, 0, "given twice as an output");
			ok = false;
		} else if (ok && st && g_hash_table_contains(st->outputs, abs)
			   && g_file_test(path, G_FILE_TEST_EXISTS)) {
			diag_error(path, 0, "an earlier digest wrote this book and its articles are recorded as sent; "
				   "not replacing it (remove it, or put {{date}} or {{count}} in the output name)");
			ok = false;
		}
		g_hash_table_add(seen, abs);
	}
	g_hash_table_destroy(seen);
	if (!ok) {
		g_ptr_array_free(out, TRUE);
		return NULL;
	}
	return out;
}

/* The tests stop a run dead at a named point (FOLIO_CRASH_AT=NAME), as a power cut or kill -9 would. */
static void crash_point(const char *name)
{
	const char *at = g_getenv("FOLIO_CRASH_AT");

	if (at && !strcmp(at, name))
		raise(SIGKILL);
}

/*
 * The one line a digest prints on stdout, tab-separated:
 * STATUS now=... articles=N parts=N read=N already-sent=N duplicates=N
 * filtered=N over-limit=N from=DAY to=DAY [output=PATH]...
 */
static void print_summary(const char *status, const struct options *o, const struct book *b,
			  const struct fields *fs, const GPtrArray *outputs)
{
	const struct chosen *c = &b->chosen;
	GString *line = g_string_new(status);
	char *now = date_format_utc(o->now);
	FILE *to = stdout;

	g_string_append_printf(line, "\tnow=%s\tarticles=%u\tparts=%u\tread=%u\talready-sent=%u\tduplicates=%u"
			       "\tfiltered=%u\tover-limit=%u\tfrom=%s\tto=%s", now, b->articles->len, b->parts->len,
			       c->read, c->already_sent, c->duplicates,
			       /* Hugo's publishing rules' too (future, expired ...): read is the sum */
			       c->drafts + c->by_files + c->by_date + c->by_category + c->by_tag + c->by_lang + c->future
				       + c->expired + c->unlisted + c->headless + c->draft_sections + c->layout_only
				       + c->protected_,
			       c->over_limit, fs->values[F_FROM], fs->values[F_TO]);
	for (guint i = 0; outputs && i < outputs->len; i++) {
		g_string_append(line, "\toutput=");
		state_escape(line, g_ptr_array_index(outputs, i));
		/* The book itself on standard output (-o -): the line goes to stderr, not into the book. */
		if (!strcmp(g_ptr_array_index(outputs, i), "-"))
			to = stderr;
	}
	fprintf(to, "%s\n", line->str);
	fflush(to);
	g_string_free(line, TRUE);
	g_free(now);
}

static int write_digest(const struct export *x, struct book *b, struct state *st, const struct fields *fs,
			GPtrArray **written)
{
	const struct options *o = x->opts;
	GPtrArray *outputs;
	char *title = NULL, *subtitle = NULL;
	int status = DIGEST_FAILED;

	if (o->title && !(title = fill("--title", o->title, fs)))
		return DIGEST_FAILED;
	subtitle = fill("--subtitle", o->subtitle ? o->subtitle
			: strcmp(fs->values[F_FROM], fs->values[F_TO]) ? "{{from}} – {{to}}" : "{{from}}", fs);
	if (!subtitle) {
		g_free(title);
		return DIGEST_FAILED;
	}
	book_set_title(b, title, subtitle);
	outputs = ready_outputs(o, fs, st);
	if (!outputs || diag_failed())
		goto out;
	/* The new state is on disk before any book is renamed into place, and replaces the old one last. */
	if (st && !state_prepare(st, o->now, o->tz, b->articles, outputs))
		goto out;
	crash_point("prepared");
	if (!export_book(&(struct export){ .book = b, .opts = o, .theme = x->theme, .pages = x->pages }, outputs, o->to))
		goto out;
	crash_point("written");
	if (st && !state_commit(st)) {
		diag_error(o->state, 0, "the books were written but the state was not updated: their articles "
			   "will be in the next digest again");
		goto out;
	}
	print_summary("written", o, b, fs, outputs);
	status = DIGEST_WRITTEN;
	if (written)
		*written = g_steal_pointer(&outputs);
out:
	if (outputs)
		g_ptr_array_free(outputs, TRUE);
	g_free(title);
	g_free(subtitle);
	return status;
}

int digest_run(struct options *o)
{
	return digest_run_counted(o, NULL, NULL, NULL);
}

int digest_run_counted(struct options *o, guint *articles, int *pages, GPtrArray **written)
{
	struct state *st = NULL;
	struct book *b;
	struct fields fs = { 0 };
	struct export x;
	struct theme *theme;
	bool usage;
	int status;

	/* A scheduled run talks only when something is wrong (unless asked, --verbose); on a terminal it says what it chose. */
	if (!isatty(STDERR_FILENO) && !o->verbose)
		diag_hide_notes(true);
	if (!digest_usage_ok(o))
		return DIGEST_USAGE;
	if (!(theme = export_prepare(&x, o, &usage)))
		return usage ? DIGEST_USAGE : DIGEST_FAILED;
	if (o->state && !(st = state_open(o->state))) {
		theme_free(theme);
		return DIGEST_FAILED;
	}
	/* A clock set back (or SOURCE_DATE_EPOCH) names a window that ends before it starts. */
	if (st && st->has_last_run && o->now < st->last_run) {
		char *now = date_format_utc(o->now), *last = date_format_utc(st->last_run);

		diag_warn(o->state, 0, "now (%s) is before this state's last digest (%s): the clock or "
			  "SOURCE_DATE_EPOCH went back; what is new is still judged by what was sent", now, last);
		g_free(now);
		g_free(last);
	}
	b = book_build(o, st && o->new_only ? st->keys : NULL, theme->cjk_latin_space);
	if (!b || diag_failed()) {
		book_free(b);
		state_close(st);
		theme_free(theme);
		return DIGEST_FAILED;
	}
	crash_point("built");
	x.pages = pages;
	if (articles)
		*articles = b->articles->len;
	fill_fields(&fs, o, b, st);
	if (b->chosen.read == 0 && !o->allow_empty) {
		/* Not "nothing new": an empty, unmounted or unsynced folder would stay silent for good. */
		diag_error(NULL, 0, "no article was read from the sources (an empty, unmounted or unsynced folder?): "
			   "no digest written (--allow-empty takes this as nothing new)");
		status = DIGEST_FAILED;
	} else if (b->articles->len == 0) {
		diag_note(NULL, 0, "nothing new%s: no digest written (exit status 3)",
			  o->new_only ? " since the last digest" : " in what was asked for");
		print_summary("nothing-new", o, b, &fs, NULL);
		status = DIGEST_NOTHING_NEW;
	} else {
		status = write_digest(&x, b, st, &fs, written);
	}
	fields_clear(&fs);
	book_free(b);
	state_close(st);
	theme_free(theme);
	return status;
}
