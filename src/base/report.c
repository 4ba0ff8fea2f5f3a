/* report.c - writes every message of a run to the --report file as JSON lines, atomically. */
#include "base/report.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib.h>

#include "base/diag.h"
#include "base/outfile.h"

static struct outfile *report;
static bool write_failed;
static int write_errno;

void json_string(GString *s, const char *text)
{
	char *valid;

	if (!text) {
		g_string_append(s, "null");
		return;
	}
	valid = g_utf8_make_valid(text, -1);
	g_string_append_c(s, '"');
	for (const char *p = valid; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '"' || c == '\\')
			g_string_append_printf(s, "\\%c", c);
		else if (c == '\n')
			g_string_append(s, "\\n");
		else if (c == '\t')
			g_string_append(s, "\\t");
		else if (c < 0x20 || c == 0x7F)
			g_string_append_printf(s, "\\u%04x", c);
		else
			g_string_append_c(s, (char)c);
	}
	g_string_append_c(s, '"');
	g_free(valid);
}

/* diag's sink: one line per message, in the order they were given. */
static void write_message(const struct diag_message *m, void *unused)
{
	static const char *severity[] = { "note", "warning", "error" };
	GString *s = g_string_new("{\"file\": ");

	json_string(s, m->file);
	if (m->line > 0)
		g_string_append_printf(s, ", \"line\": %d", m->line);
	else
		g_string_append(s, ", \"line\": null");
	g_string_append_printf(s, ", \"severity\": \"%s\", \"kind\": ", severity[m->level]);
	json_string(s, m->kind ? m->kind->name : "other");
	if (m->kind) {
		g_string_append(s, ", \"cause\": ");
		json_string(s, m->cause ? m->cause : m->text);
	}
	if (m->kind && m->kind->detail && m->detail) {
		g_string_append(s, ", ");
		json_string(s, m->kind->detail);
		g_string_append(s, ": ");
		json_string(s, m->detail);
	}
	g_string_append(s, ", \"text\": ");
	json_string(s, m->text);
	g_string_append(s, "}\n");
	if (!write_failed && fwrite(s->str, 1, s->len, report->fp) != s->len) {
		write_failed = true;
		write_errno = errno;
	}
	g_string_free(s, TRUE);
}

bool report_open(const char *path)
{
	report = outfile_begin(path);
	if (!report)
		return false;
	write_failed = false;
	diag_set_sink(write_message, NULL);
	return true;
}

bool report_close(void)
{
	struct outfile *o = report;

	if (!o)
		return true;
	diag_set_sink(NULL, NULL);
	report = NULL;
	if (write_failed) {
		diag_error(o->path, 0, "cannot write the report: %s", g_strerror(write_errno));
		outfile_abort(o);
		return false;
	}
	return outfile_commit(o);
}
