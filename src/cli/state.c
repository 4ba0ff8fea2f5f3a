/* state.c - reads and atomically rewrites the digest state file, under a lock file beside it. */
#include "cli/state.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "book/model.h"
#include "base/diag.h"
#include "read/identity.h"
#include "base/outfile.h"

/*
 * The format, one record a line, fields separated by tabs (escaped as in
 * state_escape):
 *   folio-digest-state	1
 *   run	2025-03-10T06:00:00Z	12	/abs/digests/weekly.epub	/abs/digests/weekly.pdf
 *   article	2025-03-10T06:00:00Z	link:host/path	title:2025-03-09:title\nTEXTSUM	path:/abs/a.md
 * (TEXTSUM: identity_text_fingerprint, so another article of the same title and day is not taken
 * for it; state files before it hold the title key alone, which then matches nothing.)
 * Lines starting with "#" and empty lines are ignored.
 */
#define STATE_MAGIC "folio-digest-state"
#define STATE_VERSION "1"

void state_escape(GString *out, const char *field)
{
	for (const char *p = field; *p; p++) {
		switch (*p) {
		case '\\': g_string_append(out, "\\\\"); break;
		case '\t': g_string_append(out, "\\t"); break;
		case '\n': g_string_append(out, "\\n"); break;
		case '\r': g_string_append(out, "\\r"); break;
		default: g_string_append_c(out, *p); break;
		}
	}
}

static char *unescape(const char *s)
{
	GString *out = g_string_new(NULL);

	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			g_string_append_c(out, *s);
			continue;
		}
		s++;
		g_string_append_c(out, *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : *s);
	}
	return g_string_free(out, FALSE);
}

char *state_absolute(const char *path)
{
	char *dir, *base, *real, *abs;

	if (!strcmp(path, "-"))
		return g_strdup("-");	/* standard output: no file */
	dir = g_path_get_dirname(path);
	base = g_path_get_basename(path);
	real = realpath(dir, NULL);
	abs = real ? g_build_filename(real, base, NULL) : g_strdup(path);

	free(real);
	g_free(dir);
	g_free(base);
	return abs;
}

static bool read_time(const char *text, gint64 *out)
{
	struct folio_date d;

	if (!date_parse(text, NULL, &d) || !d.has_time)
		return false;
	*out = d.utc;
	return true;
}

/* One record; false (reported with its line) when it is not one folio writes. */
static bool parse_line(struct state *s, char **f, guint n, int line)
{
	gint64 when;

	if (!strcmp(f[0], "run") && n >= 3 && read_time(f[1], &when) && f[2][0]
	    && !f[2][strspn(f[2], "0123456789")]) {
		s->runs++;
		if (!s->has_last_run || when > s->last_run)
			s->last_run = when;
		s->has_last_run = true;
		for (guint i = 3; i < n; i++)
			g_hash_table_add(s->outputs, unescape(f[i]));
		return true;
	}
	if (!strcmp(f[0], "article") && n >= 3 && read_time(f[1], &when)) {
		for (guint i = 2; i < n; i++)
			g_hash_table_add(s->keys, unescape(f[i]));
		return true;
	}
	diag_error(s->path, line, "not a line of a folio digest state file (written by a newer folio, "
		   "or edited by hand?)");
	return false;
}

/* Does the run recorded at line run_line (0: none yet) hold as many article lines as it says? */
static bool run_whole(const struct state *s, int run_line, guint64 said, guint64 seen)
{
	if (!run_line || said == seen)
		return true;
	diag_error(s->path, run_line, "this digest's record says %" G_GUINT64_FORMAT " article%s and %" G_GUINT64_FORMAT
		   " follow%s it: the state is damaged", said, said == 1 ? "" : "s", seen, seen == 1 ? "s" : "");
	return false;
}

static bool parse(struct state *s)
{
	char **lines = g_strsplit(s->text->str, "\n", -1);
	bool ok = true, header = false;
	int run_line = 0;
	guint64 said = 0, seen = 0;

	for (int i = 0; ok && lines[i]; i++) {
		char **f;
		guint n;

		if (!lines[i][0] || lines[i][0] == '#')
			continue;
		f = g_strsplit(lines[i], "\t", -1);
		n = g_strv_length(f);
		if (strchr(lines[i], '\r')) {
			diag_error(s->path, i + 1, "has Windows line ends (CRLF), which folio never writes: convert "
				   "it back (dos2unix) rather than start again");
			ok = false;
		} else if (!header) {
			header = true;
			if (n == 2 && !strcmp(f[0], STATE_MAGIC) && strcmp(f[1], STATE_VERSION)) {
				diag_error(s->path, i + 1, "is a digest state of version %s, which this folio (version %s "
					   "states) cannot read: a newer folio wrote it", f[1], STATE_VERSION);
				ok = false;
			} else if (n != 2 || strcmp(f[0], STATE_MAGIC)) {
				diag_error(s->path, i + 1, "is not a folio digest state file (version %s)",
					   STATE_VERSION);
				ok = false;
			}
		} else {
			ok = parse_line(s, f, n, i + 1);
			/* A run's line is followed by one line per article it sent: a cut loses some. */
			if (ok && !strcmp(f[0], "run")) {
				ok = run_whole(s, run_line, said, seen);
				run_line = i + 1;
				said = g_ascii_strtoull(f[2], NULL, 10);
				seen = 0;
			} else if (ok) {
				seen++;
			}
		}
		g_strfreev(f);
	}
	g_strfreev(lines);
	/* folio writes its header with a digest's record, never alone: one without any is cut short. */
	if (ok && (!header || !s->runs)) {
		diag_error(s->path, 0, "%s: the state is damaged (taking it as nothing sent would send everything again)",
			   header ? "holds no digest's record" : "has no 'folio-digest-state' line");
		ok = false;
	}
	return ok && run_whole(s, run_line, said, seen);
}

static bool take_lock(struct state *s)
{
	char *dir = g_path_get_dirname(s->path);

	/* A first scheduled run may name a folder nobody made yet (digests/digest.state). */
	if (g_mkdir_with_parents(dir, 0777) != 0) {
		diag_error(dir, 0, "cannot create the folder of the digest state: %s", g_strerror(errno));
		g_free(dir);
		return false;
	}
	g_free(dir);
	s->lock_fd = open(s->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (s->lock_fd < 0) {
		diag_error(s->lock_path, 0, "cannot create the lock file of the state: %s", g_strerror(errno));
		return false;
	}
	if (flock(s->lock_fd, LOCK_EX | LOCK_NB) == 0)
		return true;
	if (errno != EWOULDBLOCK) {
		diag_error(s->lock_path, 0, "cannot lock: %s", g_strerror(errno));
		return false;
	}
	/* Another digest of the same state is running: ours goes after it, and sees what it sent. */
	diag_note(s->lock_path, 0, "another folio digest is using this state; waiting for it to finish");
	while (flock(s->lock_fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			diag_error(s->lock_path, 0, "cannot lock: %s", g_strerror(errno));
			return false;
		}
	}
	return true;
}

/*
 * A digest killed after writing the new state beside the old one leaves its
 * temporary file (".NAME.folio-XXXXXX", see outfile.h); under the lock no other
 * digest is writing one, so they can go.
 */
static void remove_stale_temporaries(const char *path)
{
	char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
	char *prefix = g_strdup_printf(".%s" OUTFILE_MARKER, base);
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	while (d && (name = g_dir_read_name(d))) {
		if (g_str_has_prefix(name, prefix) && strlen(name) == strlen(prefix) + 6) {
			char *p = g_build_filename(dir, name, NULL);

			g_unlink(p);
			g_free(p);
		}
	}
	if (d)
		g_dir_close(d);
	g_free(prefix);
	g_free(base);
	g_free(dir);
}

struct state *state_open(const char *path)
{
	struct state *s = g_new0(struct state, 1);
	char *text = NULL;
	gsize len = 0;
	GError *err = NULL;

	s->path = g_strdup(path);
	{
		/* Beside the file the links end at: two runs naming one state through a link and not
		   took two locks, ran at once, and one's records were lost. */
		char *end = outfile_follow_links(path);

		s->lock_path = g_strconcat(end ? end : path, ".lock", NULL);
		g_free(end);
	}
	s->lock_fd = -1;
	s->keys = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	s->outputs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	s->text = g_string_new(NULL);
	if (!take_lock(s))
		goto fail;
	remove_stale_temporaries(path);
	if (!g_file_get_contents(path, &text, &len, &err)) {
		if (!g_error_matches(err, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
			diag_error(path, 0, "cannot read the digest state: %s", err->message);
			g_error_free(err);
			goto fail;
		}
		g_error_free(err);
		diag_note(path, 0, "no digest state yet; this digest starts it");
		return s;
	}
	if (memchr(text, '\0', len) || !g_utf8_validate(text, (gssize)len, NULL)) {
		diag_error(path, 0, "is not a folio digest state file (not UTF-8 text)");
		g_free(text);
		goto fail;
	}
	/* folio writes a header and ends every line: an empty file, or a last line cut, is damage. */
	if (len == 0 || text[len - 1] != '\n') {
		int lines = 1;

		for (gsize i = 0; i < len; i++)
			lines += text[i] == '\n';
		if (len == 0)
			diag_error(path, 0, "is empty, not a folio digest state (it would send everything again): "
				   "remove it to start a new state");
		else
			diag_error(path, lines, "its last line is cut short (no line end): the state is damaged");
		g_free(text);
		goto fail;
	}
	g_string_append_len(s->text, text, (gssize)len);
	g_free(text);
	if (!parse(s))
		goto fail;
	return s;
fail:
	state_close(s);
	return NULL;
}

bool state_prepare(struct state *s, gint64 now, GTimeZone *tz, const GPtrArray *articles,
		   const GPtrArray *outputs)
{
	GString *out = g_string_new(NULL);
	char *when = date_format_utc(now);
	bool ok;

	if (!s->text->len)
		g_string_append(out, "# folio digest state: what earlier digests held (see folio's README).\n"
			       STATE_MAGIC "\t" STATE_VERSION "\n");
	else
		g_string_append_len(out, s->text->str, (gssize)s->text->len);
	g_string_append_printf(out, "run\t%s\t%u", when, articles->len);
	for (guint i = 0; i < outputs->len; i++) {
		char *abs = state_absolute(g_ptr_array_index(outputs, i));

		g_string_append_c(out, '\t');
		state_escape(out, abs);
		g_free(abs);
	}
	g_string_append_c(out, '\n');
	for (guint i = 0; i < articles->len; i++) {
		GPtrArray *keys = identity_keys(g_ptr_array_index(articles, i), tz, IDENTITY_PATH | IDENTITY_TEXT);

		g_string_append_printf(out, "article\t%s", when);
		for (guint k = 0; k < keys->len; k++) {
			g_string_append_c(out, '\t');
			state_escape(out, g_ptr_array_index(keys, k));
		}
		g_string_append_c(out, '\n');
		g_ptr_array_unref(keys);
	}
	g_free(when);
	s->next = outfile_begin(s->path);
	ok = s->next && fwrite(out->str, 1, out->len, s->next->fp) == out->len && fflush(s->next->fp) == 0;
	if (s->next && !ok) {
		diag_error(s->path, 0, "cannot write the digest state: %s", g_strerror(errno));
		outfile_abort(s->next);
		s->next = NULL;
	}
	g_string_free(out, TRUE);
	return ok;
}

bool state_commit(struct state *s)
{
	struct outfile *next = s->next;

	s->next = NULL;
	return next && outfile_commit(next);
}

void state_close(struct state *s)
{
	if (!s)
		return;
	outfile_abort(s->next);
	/* Closing the lock file releases the lock; the file itself stays (removing it would race). */
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	g_hash_table_destroy(s->keys);
	g_hash_table_destroy(s->outputs);
	g_string_free(s->text, TRUE);
	g_free(s->lock_path);
	g_free(s->path);
	g_free(s);
}
