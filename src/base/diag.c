/* diag.c - formats, counts and prints every message folio gives on stderr. */
#include "base/diag.h"

#include <stdio.h>
#include <unistd.h>

static GMutex lock;
static bool quiet, strict, hide_notes;
static int counts[3];
static GPrivate held_here;	/* this thread's struct diag_held *, while holding */
static char *last_error;	/* the last error's "FILE:LINE: text", for a batch's status line */
static struct {
	const char *task;
	unsigned total, shown;
	bool active;
} progress;

void diag_set_quiet(bool q) { quiet = q; }
void diag_set_strict(bool s) { strict = s; }
void diag_hide_notes(bool hide) { hide_notes = hide; }
bool diag_is_quiet(void) { return quiet; }

static void clear_progress_line(void)
{
	if (progress.active && progress.shown)
		fputs("\r\033[K", stderr);
}

struct held_message {
	enum diag_level level;
	char *file;
	int line;
	char *text;
};

struct diag_held {
	GArray *messages;	/* of struct held_message */
};

static void say(enum diag_level level, const char *file, int line, const char *fmt, va_list ap)
	G_GNUC_PRINTF(4, 0);

void diag_vat(enum diag_level level, const char *file, int line, const char *fmt, va_list ap)
{
	struct diag_held *h = g_private_get(&held_here);

	if (h) {
		struct held_message m = { level, g_strdup(file), line, g_strdup_vprintf(fmt, ap) };

		g_array_append_val(h->messages, m);
		return;
	}
	say(level, file, line, fmt, ap);
}

void diag_hold_begin(void)
{
	struct diag_held *h = g_new0(struct diag_held, 1);

	h->messages = g_array_new(FALSE, FALSE, sizeof(struct held_message));
	g_private_set(&held_here, h);
}

struct diag_held *diag_hold_end(void)
{
	struct diag_held *h = g_private_get(&held_here);

	g_private_set(&held_here, NULL);
	if (h && !h->messages->len) {
		g_array_free(h->messages, TRUE);
		g_free(h);
		return NULL;
	}
	return h;
}

void diag_held_give(struct diag_held *h)
{
	if (!h)
		return;
	for (guint i = 0; i < h->messages->len; i++) {
		struct held_message *m = &g_array_index(h->messages, struct held_message, i);

		diag_at(m->level, m->file, m->line, "%s", m->text);	/* given on a thread that is not holding */
		g_free(m->file);
		g_free(m->text);
	}
	g_array_free(h->messages, TRUE);
	g_free(h);
}

static void say(enum diag_level level, const char *file, int line, const char *fmt, va_list ap)
{
	static const char *names[] = { "note", "warning", "error" };

	if (level == DIAG_WARNING && strict)
		level = DIAG_ERROR;
	g_mutex_lock(&lock);
	counts[level]++;
	if (level == DIAG_ERROR) {
		va_list copy;
		char *text;

		va_copy(copy, ap);
		text = g_strdup_vprintf(fmt, copy);
		va_end(copy);
		g_free(last_error);
		last_error = file && line > 0 ? g_strdup_printf("%s:%d: %s", file, line, text)
			   : file ? g_strdup_printf("%s: %s", file, text) : g_strdup(text);
		g_free(text);
	}
	if ((level != DIAG_ERROR && quiet) || (level == DIAG_NOTE && hide_notes)) {
		g_mutex_unlock(&lock);
		return;
	}
	clear_progress_line();
	fputs("folio: ", stderr);
	if (file && line > 0)
		fprintf(stderr, "%s:%d: ", file, line);
	else if (file)
		fprintf(stderr, "%s: ", file);
	fprintf(stderr, "%s: ", names[level]);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	progress.shown = 0;
	g_mutex_unlock(&lock);
}

void diag_at(enum diag_level level, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vat(level, file, line, fmt, ap);
	va_end(ap);
}

int diag_count(enum diag_level level)
{
	int n;

	g_mutex_lock(&lock);
	n = counts[level];
	g_mutex_unlock(&lock);
	return n;
}

bool diag_failed(void)
{
	return diag_count(DIAG_ERROR) > 0;
}

void diag_reset(void)
{
	g_mutex_lock(&lock);
	counts[0] = counts[1] = counts[2] = 0;
	g_free(last_error);
	last_error = NULL;
	g_mutex_unlock(&lock);
}

char *diag_last_error(void)
{
	char *s;

	g_mutex_lock(&lock);
	s = g_strdup(last_error);
	g_mutex_unlock(&lock);
	return s;
}

void diag_print(const char *fmt, ...)
{
	va_list ap;

	g_mutex_lock(&lock);
	clear_progress_line();
	progress.shown = 0;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	g_mutex_unlock(&lock);
}

void diag_progress_begin(const char *task, unsigned total)
{
	g_mutex_lock(&lock);
	progress.task = task;
	progress.total = total;
	progress.shown = 0;
	progress.active = !quiet && isatty(STDERR_FILENO);
	g_mutex_unlock(&lock);
}

void diag_progress_step(unsigned done)
{
	enum { WIDTH = 30 };
	unsigned fill, pct;

	g_mutex_lock(&lock);
	if (!progress.active || progress.total == 0) {
		g_mutex_unlock(&lock);
		return;
	}
	if (done > progress.total)
		done = progress.total;
	pct = (unsigned)(100.0 * done / progress.total);
	/* Redraw only when the percentage moved, to keep the terminal cheap. */
	if (progress.shown && pct == progress.shown - 1) {
		g_mutex_unlock(&lock);
		return;
	}
	fill = WIDTH * done / progress.total;
	fprintf(stderr, "\r%s [", progress.task);
	for (unsigned i = 0; i < WIDTH; i++)
		fputc(i < fill ? '#' : '.', stderr);
	fprintf(stderr, "] %3u%% %u/%u", pct, done, progress.total);
	fflush(stderr);
	progress.shown = pct + 1;
	g_mutex_unlock(&lock);
}

void diag_progress_end(void)
{
	g_mutex_lock(&lock);
	clear_progress_line();
	progress.active = false;
	progress.shown = 0;
	g_mutex_unlock(&lock);
}
