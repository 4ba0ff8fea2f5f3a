/* diag.c - formats, counts and prints every message folio gives on stderr. */
#include "base/diag.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static GMutex lock;
static bool quiet, strict, hide_notes, verbose;
static int counts[3];
static GPrivate held_here;	/* this thread's struct diag_held *, while holding */
static struct diag_held *recording;	/* diag_record_begin..end: every message said, as given */
static char *last_error;	/* the last error's "FILE:LINE: text", for a batch's status line */
static struct {
	const char *task;
	unsigned total, shown;
	bool active;
} progress;
static void (*sink)(const struct diag_message *m, void *data);
static char *scope;		/* diag_set_scope's, until its first printed message */
static void show_scope(void);
static void *sink_data;

/* Messages of one kind and cause: how many were seen, and of those not printed, where they were. */
struct group {
	const struct diag_kind *kind;
	char *cause;
	guint seen, more;
	enum diag_level level;	/* the highest of those not printed */
	GHashTable *details;	/* detail -> count, of those not printed */
};
static GPtrArray *groups;	/* of struct group *, in the order first seen */
static GHashTable *group_index;	/* "name\ncause" -> struct group * */

void diag_set_quiet(bool q) { quiet = q; }
void diag_set_strict(bool s) { strict = s; }
void diag_set_verbose(bool v) { verbose = v; }
void diag_hide_notes(bool hide) { hide_notes = hide; }
bool diag_is_quiet(void) { return quiet; }

void diag_set_sink(void (*fn)(const struct diag_message *m, void *data), void *data)
{
	g_mutex_lock(&lock);
	sink = fn;
	sink_data = data;
	g_mutex_unlock(&lock);
}

static void clear_progress_line(void)
{
	if (progress.active && progress.shown)
		fputs("\r\033[K", stderr);
}

struct held_message {
	enum diag_level level;
	const struct diag_kind *kind;
	char *cause, *detail, *file;
	int line;
	char *text;
};

struct diag_held {
	GArray *messages;	/* of struct held_message */
	struct diag_held *outer;	/* the thread's hold it was begun inside, restored at its end */
};

static void group_free(gpointer p)
{
	struct group *g = p;

	g_free(g->cause);
	g_hash_table_destroy(g->details);
	g_free(g);
}

/* The group of kind and cause (under the lock), made when first seen. */
static struct group *group_of(const struct diag_kind *kind, const char *cause)
{
	char *key = g_strconcat(kind->name, "\n", cause, NULL);
	struct group *g;

	if (!groups) {
		groups = g_ptr_array_new_with_free_func(group_free);
		group_index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	}
	g = g_hash_table_lookup(group_index, key);
	if (g) {
		g_free(key);
		return g;
	}
	g = g_new0(struct group, 1);
	g->kind = kind;
	g->cause = g_strdup(cause);
	g->details = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_hash_table_insert(group_index, key, g);
	g_ptr_array_add(groups, g);
	return g;
}

/* Counted, handed to the sink, and printed unless -q, hidden notes or the summing up keep it back. */
static void say(enum diag_level level, const struct diag_kind *kind, const char *cause, const char *detail,
		const char *file, int line, const char *text)
{
	static const char *names[] = { "note", "warning", "error" };
	struct diag_message m;

	g_mutex_lock(&lock);
	if (recording) {
		/* As given, before --strict: said again, it is promoted by the settings of then. */
		struct held_message r = { level, kind, g_strdup(cause), g_strdup(detail), g_strdup(file), line,
					  g_strdup(text) };

		g_array_append_val(recording->messages, r);
	}
	if (level == DIAG_WARNING && strict)
		level = DIAG_ERROR;
	counts[level]++;
	if (level == DIAG_ERROR) {
		g_free(last_error);
		last_error = file && line > 0 ? g_strdup_printf("%s:%d: %s", file, line, text)
			   : file ? g_strdup_printf("%s: %s", file, text) : g_strdup(text);
	}
	m = (struct diag_message){ level, kind, cause, detail, file, line, text };
	if (sink)
		sink(&m, sink_data);
	if ((level != DIAG_ERROR && quiet) || (level == DIAG_NOTE && hide_notes)) {
		g_mutex_unlock(&lock);
		return;
	}
	if (kind && !verbose) {
		struct group *g = group_of(kind, cause ? cause : text);

		if (++g->seen > DIAG_SHOWN) {
			g->more++;
			g->level = MAX(g->level, level);
			if (detail)
				g_hash_table_insert(g->details, g_strdup(detail), GUINT_TO_POINTER(
					GPOINTER_TO_UINT(g_hash_table_lookup(g->details, detail)) + 1));
			g_mutex_unlock(&lock);
			return;
		}
	}
	clear_progress_line();
	show_scope();
	fputs("folio: ", stderr);
	if (file && line > 0)
		fprintf(stderr, "%s:%d: ", file, line);
	else if (file)
		fprintf(stderr, "%s: ", file);
	fprintf(stderr, "%s: %s\n", names[level], text);
	progress.shown = 0;
	g_mutex_unlock(&lock);
}

/*
 * s as a message may show it: valid UTF-8 (bytes that are not are replaced), and control
 * characters written as \xNN, a line break too unless lines are kept: a file name could hold an
 * escape sequence that retitles or recolours the terminal, or a bidirectional override or isolate
 * (U+202A-E, U+2066-9) that shows the rest of the line reordered. g_free.
 */
static bool control(gunichar c, bool keep_lines)
{
	return (c < 0x20 && !(keep_lines && (c == '\n' || c == '\t'))) || (c >= 0x7F && c < 0xA0)
	       || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static char *printable(const char *s, bool keep_lines)
{
	char *valid = g_utf8_make_valid(s, -1);
	const char *p = valid;
	GString *out;

	while (*p && !control(g_utf8_get_char(p), keep_lines))
		p = g_utf8_next_char(p);
	if (!*p)
		return valid;
	out = g_string_new_len(valid, p - valid);
	for (; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (control(c, keep_lines))
			g_string_append_printf(out, "\\x%02X", c);
		else
			g_string_append_len(out, p, g_utf8_next_char(p) - p);
	}
	g_free(valid);
	return g_string_free(out, FALSE);
}

void diag_set_scope(const char *s)
{
	g_mutex_lock(&lock);
	g_free(scope);
	scope = s ? printable(s, false) : NULL;
	g_mutex_unlock(&lock);
}

/* The scope's line before its first printed message (call with the lock held). */
static void show_scope(void)
{
	if (!scope)
		return;
	fprintf(stderr, "folio: in %s:\n", scope);
	g_clear_pointer(&scope, g_free);
}

/* s copied with parts of it replaced, in order (splice_part), then finished (splice_end). */
struct splice {
	char *s;
	GString *out;		/* NULL while nothing is replaced */
	const char *done;	/* copied up to here */
};

/* [at, end) of s as with. */
static void splice_part(struct splice *sp, const char *at, const char *end, const char *with)
{
	if (!sp->out)
		sp->out = g_string_new(NULL);
	g_string_append_len(sp->out, sp->done, at - sp->done);
	g_string_append(sp->out, with);
	sp->done = end;
}

/* The text spliced (s itself when nothing was replaced; taken otherwise). */
static char *splice_end(struct splice *sp)
{
	if (!sp->out)
		return sp->s;
	g_string_append(sp->out, sp->done);
	g_free(sp->s);
	return g_string_free(sp->out, FALSE);
}

/*
 * A web address quoted in a message with a long query ("?X-Amz-Security-Token=..." of a presigned
 * picture, 2 KB) is shown without it: the query hid the message, and carried the credentials
 * that signed it into every log the message reaches. Takes s.
 */
enum { DIAG_QUERY_SHOWN = 48 };

static char *elide_queries(char *s)
{
	struct splice sp = { s, NULL, s };
	const char *p = s;

	while ((p = strstr(p, "://"))) {
		const char *start = p, *q, *end;

		while (start > s && g_ascii_isalpha(start[-1]))
			start--;
		end = p + strcspn(p, " \t\n'\"<>()[]");
		p += 3;
		if (start == p - 3 || !(q = memchr(p, '?', (size_t)(end - p))) || end - q <= DIAG_QUERY_SHOWN)
			continue;
		splice_part(&sp, q, end, "?\u2026");
		p = end;
	}
	return splice_end(&sp);
}

/*
 * A data: address quoted in a message is shown by its media type and size: a picture's whole
 * base64 made a line of 2 MB on stderr and in --report. Takes s.
 */
static char *elide_data(char *s)
{
	struct splice sp = { s, NULL, s };
	const char *p = s;

	while ((p = strstr(p, "data:"))) {
		const char *comma = p + strcspn(p, ", \t\n'\"<>()"), *end;
		char *size;

		if (*comma != ',') {
			p = comma;	/* every "data:" before it ends there too (no rescans: quadratic) */
			continue;
		}
		end = comma + 1 + strcspn(comma + 1, " \t\n'\"<>()");
		if (end - comma > DIAG_QUERY_SHOWN) {
			size = g_strdup_printf("\u2026 (%zu bytes)", (size_t)(end - comma - 1));
			splice_part(&sp, comma + 1, end, size);
			g_free(size);
		}
		p = end;
	}
	return splice_end(&sp);
}

void diag_kind_vat(enum diag_level level, const struct diag_kind *kind, const char *cause, const char *detail,
		   const char *file, int line, const char *fmt, va_list ap)
{
	struct diag_held *h = g_private_get(&held_here);
	char *raw = elide_data(elide_queries(g_strdup_vprintf(fmt, ap)));
	/* A message quotes what it read: bytes that are no UTF-8 there, or control characters, are not passed on. */
	char *text = printable(raw, true), *shown_file = file ? printable(file, false) : NULL;

	g_free(raw);
	if (h) {
		struct held_message m = { level, kind, g_strdup(cause), g_strdup(detail), shown_file, line, text };

		g_array_append_val(h->messages, m);
		return;
	}
	say(level, kind, cause, detail, shown_file, line, text);
	g_free(shown_file);
	g_free(text);
}

void diag_kind_at(enum diag_level level, const struct diag_kind *kind, const char *cause, const char *detail,
		  const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_kind_vat(level, kind, cause, detail, file, line, fmt, ap);
	va_end(ap);
}

void diag_vat(enum diag_level level, const char *file, int line, const char *fmt, va_list ap)
{
	diag_kind_vat(level, NULL, NULL, NULL, file, line, fmt, ap);
}

void diag_at(enum diag_level level, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_kind_vat(level, NULL, NULL, NULL, file, line, fmt, ap);
	va_end(ap);
}

void diag_hold_begin(void)
{
	struct diag_held *h = g_new0(struct diag_held, 1);

	h->messages = g_array_new(FALSE, FALSE, sizeof(struct held_message));
	h->outer = g_private_get(&held_here);
	g_private_set(&held_here, h);
}

struct diag_held *diag_hold_end(void)
{
	struct diag_held *h = g_private_get(&held_here);

	g_private_set(&held_here, h ? h->outer : NULL);
	if (h)
		h->outer = NULL;
	if (h && !h->messages->len) {
		diag_held_free(h);
		return NULL;
	}
	return h;
}

void diag_held_give(struct diag_held *h)
{
	/* given on a thread that is not holding */
	diag_held_repeat(h);
	diag_held_free(h);
}

void diag_record_begin(void)
{
	struct diag_held *h = g_new0(struct diag_held, 1);

	h->messages = g_array_new(FALSE, FALSE, sizeof(struct held_message));
	g_mutex_lock(&lock);
	recording = h;
	g_mutex_unlock(&lock);
}

struct diag_held *diag_record_end(void)
{
	struct diag_held *h;

	g_mutex_lock(&lock);
	h = recording;
	recording = NULL;
	g_mutex_unlock(&lock);
	if (h && !h->messages->len) {
		diag_held_free(h);
		return NULL;
	}
	return h;
}

void diag_held_repeat(const struct diag_held *h)
{
	for (guint i = 0; h && i < h->messages->len; i++) {
		const struct held_message *m = &g_array_index(h->messages, struct held_message, i);

		say(m->level, m->kind, m->cause, m->detail, m->file, m->line, m->text);
	}
}

struct diag_held *diag_held_copy(const struct diag_held *h)
{
	struct diag_held *c;

	if (!h)
		return NULL;
	c = g_new0(struct diag_held, 1);
	c->messages = g_array_sized_new(FALSE, FALSE, sizeof(struct held_message), h->messages->len);
	for (guint i = 0; i < h->messages->len; i++) {
		const struct held_message *m = &g_array_index(h->messages, struct held_message, i);
		struct held_message d = { m->level, m->kind, g_strdup(m->cause), g_strdup(m->detail), g_strdup(m->file),
					  m->line, g_strdup(m->text) };

		g_array_append_val(c->messages, d);
	}
	return c;
}

void diag_held_free(struct diag_held *h)
{
	if (!h)
		return;
	for (guint i = 0; i < h->messages->len; i++) {
		struct held_message *m = &g_array_index(h->messages, struct held_message, i);

		g_free(m->cause);
		g_free(m->detail);
		g_free(m->file);
		g_free(m->text);
	}
	g_array_free(h->messages, TRUE);
	g_free(h);
}

char *diag_thousands(guint64 n)
{
	char *digits = g_strdup_printf("%" G_GUINT64_FORMAT, n);
	size_t len = strlen(digits);
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			g_string_append_c(s, ',');
		g_string_append_c(s, digits[i]);
	}
	g_free(digits);
	return g_string_free(s, FALSE);
}

struct detail_count {
	const char *detail;
	guint n;
};

/* Most first; equal counts by name, so the line is the same every run. */
static gint by_count(gconstpointer a, gconstpointer b)
{
	const struct detail_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return strcmp(x->detail, y->detail);
}

/* " from 3 hosts" and " (cdn.example.com 1,100, img.example.org 100, 2 other hosts 4)" of g's details. */
static void add_details(GString *from, GString *list, const struct group *g)
{
	enum { LISTED = 3 };
	GArray *d = g_array_new(FALSE, FALSE, sizeof(struct detail_count));
	GHashTableIter it;
	gpointer k, v;
	guint rest = 0;
	char *n;

	g_hash_table_iter_init(&it, g->details);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		struct detail_count c = { k, GPOINTER_TO_UINT(v) };

		g_array_append_val(d, c);
	}
	if (!d->len) {
		g_array_free(d, TRUE);
		return;
	}
	g_array_sort(d, by_count);
	n = diag_thousands(d->len);
	g_string_append_printf(from, " from %s %s%s", n, g->kind->detail, d->len == 1 ? "" : "s");
	g_free(n);
	g_string_append(list, " (");
	for (guint i = 0; i < d->len; i++) {
		struct detail_count *c = &g_array_index(d, struct detail_count, i);

		if (i >= LISTED) {
			rest += c->n;
			continue;
		}
		n = diag_thousands(c->n);
		g_string_append_printf(list, "%s%s %s", i ? ", " : "", c->detail, n);
		g_free(n);
	}
	if (rest) {
		n = diag_thousands(rest);
		g_string_append_printf(list, ", %u other %ss %s", d->len - LISTED, g->kind->detail, n);
		g_free(n);
	}
	g_string_append_c(list, ')');
	g_array_free(d, TRUE);
}

void diag_summarize(void)
{
	static const char *names[] = { "note", "warning", "error" };

	g_mutex_lock(&lock);
	for (guint i = 0; groups && i < groups->len; i++) {
		const struct group *g = g_ptr_array_index(groups, i);
		GString *from, *list;
		char *n;

		if (!g->more)
			continue;
		from = g_string_new(NULL);
		list = g_string_new(NULL);
		add_details(from, list, g);
		n = diag_thousands(g->more);
		clear_progress_line();
		show_scope();
		progress.shown = 0;
		fprintf(stderr, "folio: %s: %s more %s%s: %s%s\n", names[g->level], n, g->kind->many, from->str,
			g->cause, list->str);
		g_free(n);
		g_string_free(from, TRUE);
		g_string_free(list, TRUE);
	}
	g_clear_pointer(&groups, g_ptr_array_unref);
	g_clear_pointer(&group_index, g_hash_table_unref);
	g_mutex_unlock(&lock);
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
	g_clear_pointer(&groups, g_ptr_array_unref);
	g_clear_pointer(&group_index, g_hash_table_unref);
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
