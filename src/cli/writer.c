/* writer.c - picks a writer by format or file extension and writes all outputs atomically. */
#include "cli/writer.h"

#include <string.h>

#include "base/diag.h"
#include "format/epub/epub.h"
#include "format/model/model.h"
#include "format/pdf/pdf.h"
#include "format/pdf/theme.h"

static const struct writer writers[] = {
	{ FORMAT_EPUB, "epub", "epub", epub_write },
	{ FORMAT_MODEL, "model", "model", model_write },
	{ FORMAT_PDF, "pdf", "pdf", pdf_write },
	{ FORMAT_TRACE, "trace", "trace", trace_write },
};

/* The writer for -t to, or else (FORMAT_BY_NAME) for path's extension; NULL, silently, when none fits. */
static const struct writer *find(enum output_format to, const char *path)
{
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; i < G_N_ELEMENTS(writers); i++) {
		if (to != FORMAT_BY_NAME ? to == writers[i].format
					 : (dot && writers[i].ext && !g_ascii_strcasecmp(dot + 1, writers[i].ext)))
			return &writers[i];
	}
	return NULL;
}

const struct writer *writer_for(enum output_format to, const char *path)
{
	const struct writer *w = find(to, path);

	if (!w)
		diag_error(path, 0, "cannot tell the format from the name: use .epub or .pdf, or -t");
	return w;
}

struct theme *export_prepare(struct export *x, const struct options *o)
{
	struct theme *t = theme_load(o->theme, o->datadir);

	if (t && !theme_apply_options(t, o)) {
		theme_free(t);
		t = NULL;
	}
	*x = (struct export){ .opts = o, .theme = t };
	return t;
}

bool export_book(const struct export *x, const GPtrArray *outputs, enum output_format to)
{
	GPtrArray *files = g_ptr_array_new();
	bool ok = true;

	for (guint i = 0; ok && i < outputs->len; i++) {
		const char *path = g_ptr_array_index(outputs, i);
		const struct writer *w = writer_for(to, path);
		struct outfile *out = w ? outfile_begin(path) : NULL;
		int errors = diag_count(DIAG_ERROR);

		if (!out) {
			ok = false;
			break;
		}
		g_ptr_array_add(files, out);
		if (!w->write(x, out) || diag_failed()) {
			ok = false;
			/* Never a silent failure: a writer that failed without a word is named here. */
			if (diag_count(DIAG_ERROR) == errors)
				diag_error(path, 0, "cannot write the %s (no reason was given)", w->name);
		}
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
