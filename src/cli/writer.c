/* writer.c - picks a writer by format or file extension and writes all outputs atomically. */
#include "cli/writer.h"

#include <string.h>

#include "base/diag.h"
#include "format/epub/epub.h"

static const struct writer writers[] = {
	{ "epub", "epub", epub_write },
	{ "model", "model", model_write },
	{ "pdf", "pdf", pdf_write },
	{ "trace", "trace", trace_write },
};

/* The writer for -t format, or else for path's extension; NULL, silently, when none fits. */
static const struct writer *find(const char *format, const char *path)
{
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; i < G_N_ELEMENTS(writers); i++) {
		if (format ? !strcmp(format, writers[i].name)
			   : (dot && writers[i].ext && !g_ascii_strcasecmp(dot + 1, writers[i].ext)))
			return &writers[i];
	}
	return NULL;
}

bool writer_outputs_use(const GPtrArray *outputs, const char *format, const char *name)
{
	for (guint i = 0; i < outputs->len; i++) {
		const struct writer *w = find(format, g_ptr_array_index(outputs, i));

		if (w && !strcmp(w->name, name))
			return true;
	}
	return false;
}

const struct writer *writer_for(const char *format, const char *path)
{
	const struct writer *w = find(format, path);

	if (w)
		return w;
	if (format)
		diag_error(NULL, 0, "unknown format '%s' (epub, pdf, model or trace)", format);
	else
		diag_error(path, 0, "cannot tell the format from the name: use .epub or .pdf, or -t");
	return NULL;
}

bool export_book(const struct book *b, const GPtrArray *outputs, const char *format)
{
	GPtrArray *files = g_ptr_array_new();
	bool ok = true;

	for (guint i = 0; ok && i < outputs->len; i++) {
		const char *path = g_ptr_array_index(outputs, i);
		const struct writer *w = writer_for(format, path);
		struct outfile *out = w ? outfile_begin(path) : NULL;

		if (!out) {
			ok = false;
			break;
		}
		g_ptr_array_add(files, out);
		if (!w->write(b, out) || diag_failed())
			ok = false;
	}
	for (guint i = 0; i < files->len; i++) {
		struct outfile *out = g_ptr_array_index(files, i);

		if (ok)
			ok = outfile_commit(out);
		else
			outfile_abort(out);
	}
	g_ptr_array_free(files, TRUE);
	return ok;
}
