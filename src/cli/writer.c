/* writer.c - picks a writer by format or file extension and writes all outputs atomically. */
#include "cli/writer.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/outfile.h"
#include "format/epub/epub.h"
#include "format/model/model.h"
#include "format/pdf/pdf.h"
#include "format/pdf/theme.h"
#include "read/collect.h"
#include "read/select.h"

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

char *writer_target_of(const char *path)
{
	char *dir, *name, *real, *out, *end;

	if (!strcmp(path, "-"))
		return g_strdup("-");
	end = outfile_follow_links(path);
	if (end)
		path = end;
	dir = g_path_get_dirname(path);
	name = g_path_get_basename(path);
	real = realpath(dir, NULL);
	out = real ? g_build_filename(real, name, NULL) : g_canonicalize_filename(path, NULL);
	free(real);
	g_free(dir);
	g_free(name);
	g_free(end);
	return out;
}

/*
 * A name folio reads in a SOURCE folder: an article (Markdown, a Hugo HTML page), its settings, or
 * a picture ("-t epub -o src/pic.png" replaced the article's picture with the book).
 */
static bool read_as_input(const char *path)
{
	static const char *const pictures[] = { ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp",
						".tif", ".tiff" };
	char *name = g_path_get_basename(path), *lower = g_ascii_strdown(name, -1);
	bool input = !strcmp(name, "folio.yaml") || collect_may_read(name);

	for (size_t i = 0; !input && i < G_N_ELEMENTS(pictures); i++)
		input = g_str_has_suffix(lower, pictures[i]);
	g_free(lower);
	g_free(name);
	return input;
}

/* Is real (a real path) source, or a file in the folder source, of a name folio reads there? */
static bool replaces_input(const char *source, const char *real)
{
	char *src = realpath(source, NULL);
	size_t n = src ? strlen(src) : 0;
	bool hit = src && (!strcmp(src, real) || (!strncmp(real, src, n) && real[n] == '/' && read_as_input(real)));

	free(src);
	return hit;
}

/* The option of o naming a file the run reads whose real path is real ("css", "cover" ...), or NULL. */
static const char *named_input(const struct options *o, const char *real)
{
	const struct {
		const char *name, *path;
	} named[] = { { "config", o->config }, { "css", o->css }, { "theme", o->theme }, { "cover", o->cover },
		      { "state", o->state } };
	const char *hit = NULL;

	for (size_t i = 0; !hit && i < G_N_ELEMENTS(named); i++) {
		char *r = named[i].path ? realpath(named[i].path, NULL) : NULL;

		if (r && !strcmp(r, real))
			hit = named[i].name;
		free(r);
	}
	for (guint i = 0; !hit && o->files && i < o->files->len; i++) {
		char *r = realpath(g_ptr_array_index(o->files, i), NULL);

		if (r && !strcmp(r, real))
			hit = "files";
		free(r);
	}
	return hit;
}

bool writer_check_input(const struct options *o, const char *path, const char *what, const char *file, int line)
{
	char *r = writer_target_of(path);
	const char *option = strcmp(r, "-") ? named_input(o, r) : NULL;
	bool ok = !option;

	if (option)
		diag_error(file, line, "the %s '%s' is the %s file folio reads: writing it would replace it", what, path,
			   option);
	for (guint k = 0; ok && strcmp(r, "-") && k < o->sources->len; k++) {
		if (replaces_input(g_ptr_array_index(o->sources, k), r)) {
			diag_error(file, line, "the %s '%s' is a file folio reads in the SOURCE '%s': writing it would "
				   "replace it", what, path, (const char *)g_ptr_array_index(o->sources, k));
			ok = false;
		}
	}
	g_free(r);
	return ok;
}

bool writer_check_targets(const struct options *o, const char *file, int line)
{
	GPtrArray *named = g_ptr_array_new();
	GPtrArray *real = g_ptr_array_new_with_free_func(g_free);
	bool ok = true;

	g_ptr_array_extend(named, o->outputs, NULL, NULL);
	if (o->report)
		g_ptr_array_add(named, o->report);
	for (guint i = 0; i < named->len; i++)
		g_ptr_array_add(real, writer_target_of(g_ptr_array_index(named, i)));
	for (guint i = 0; ok && i < named->len; i++) {
		const char *r = g_ptr_array_index(real, i), *what = o->report && i + 1 == named->len ? "report" : "output";

		for (guint k = 0; ok && k < i; k++) {
			if (!strcmp(g_ptr_array_index(real, k), r)) {
				diag_error(file, line, "'%s' is named twice (%s): one would replace the other",
					   (const char *)g_ptr_array_index(named, i),
					   strcmp(what, "report") ? "as two outputs" : "as an output and as the report");
				ok = false;
			}
		}
		if (ok)
			ok = writer_check_input(o, g_ptr_array_index(named, i), what, file, line);
	}
	g_ptr_array_free(named, TRUE);
	g_ptr_array_free(real, TRUE);
	return ok;
}

bool writer_book_wanted(const struct book *b, const struct options *o)
{
	char *why;

	/* A book with nothing in it is a mistake (a cron job would mail it every week), unless asked for. */
	if (b->articles->len > 0 || o->allow_empty)
		return true;
	why = select_account(b);
	diag_error(NULL, 0, "no article for the book: %s; nothing written (--allow-empty writes an empty book)", why);
	g_free(why);
	return false;
}

struct theme *export_prepare(struct export *x, const struct options *o, bool *usage)
{
	struct theme *t = theme_load(o->theme, o->datadir, o->theme_confined);
	bool options_fault = false;

	if (t && !theme_apply_options(t, o, &options_fault)) {
		theme_free(t);
		t = NULL;
	}
	*x = (struct export){ .opts = o, .theme = t };
	if (usage)
		*usage = options_fault;
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
