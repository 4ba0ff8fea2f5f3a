/* collect.c - walks SOURCE folders in a stable order and lists their Markdown files. */
#include "read/collect.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "base/diag.h"

/* How a folder is read: a plain SOURCE folder, or the content folder of a Hugo site. */
struct rules {
	bool html;		/* .html files are content files too (Hugo's) */
	bool bundles;		/* a folder with an index file is a leaf bundle: its other files are its resources */
};

static void found_free(gpointer p)
{
	struct found_file *f = p;

	g_free(f->file);
	g_free(f->real);
	g_free(f->rel);
	g_free(f);
}

/* Hugo's Markdown suffixes (md, markdown, mdown), and .MD and .Markdown as people write them. */
static bool is_markdown(const char *name)
{
	return g_str_has_suffix(name, ".md") || g_str_has_suffix(name, ".markdown") || g_str_has_suffix(name, ".mdown")
	       || g_str_has_suffix(name, ".MD") || g_str_has_suffix(name, ".Markdown");
}

/*
 * A page in one of Hugo's other content formats (Emacs Org, which Hugo reads itself; AsciiDoc,
 * reStructuredText, Pandoc and MMark, which it hands to outside programs), by its suffix as
 * Hugo tells them: its name, or NULL. folio reads none of them: each is named as left out.
 */
static const char *other_format(const char *name)
{
	static const struct {
		const char *suffix, *format;
	} formats[] = { { ".org", "an Org page" },	       { ".adoc", "an AsciiDoc page" },
			{ ".asciidoc", "an AsciiDoc page" },   { ".ad", "an AsciiDoc page" },
			{ ".rst", "a reStructuredText page" }, { ".rest", "a reStructuredText page" },
			{ ".pandoc", "a Pandoc page" },	       { ".pdc", "a Pandoc page" },
			{ ".mmark", "an MMark page" } };

	for (size_t i = 0; i < G_N_ELEMENTS(formats); i++)
		if (g_str_has_suffix(name, formats[i].suffix))
			return formats[i].format;
	return NULL;
}

static bool is_html(const char *name)
{
	return g_str_has_suffix(name, ".html") || g_str_has_suffix(name, ".htm");
}

bool collect_may_read(const char *name)
{
	return is_markdown(name) || is_html(name);
}

/*
 * Does the file open with front matter (---, +++ or {, after a byte-order mark and blank space)?
 * Hugo publishes an .html content file only then; one without (a demo page, a canvas) it copies
 * as it is, and it is no page, nor a bundle's index hiding the folder's other pages.
 */
static bool opens_with_front_matter(const char *dir, const char *name)
{
	char *path = g_build_filename(dir, name, NULL), head[64];
	/* Not blocking on a named pipe (an archive may hold one): only a regular file is read. */
	int fd = g_open(path, O_RDONLY | O_NONBLOCK, 0);
	struct stat st;
	ssize_t got = fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? read(fd, head, sizeof head - 1) : 0;
	size_t n = got > 0 ? (size_t)got : 0;
	const char *p = head;

	if (fd >= 0)
		close(fd);
	g_free(path);
	head[n] = '\0';
	while (!strncmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (*p && g_ascii_isspace(*p))
		p++;
	return g_str_has_prefix(p, "---") || g_str_has_prefix(p, "+++") || *p == '{';
}

static bool is_content(const char *dir, const char *name, const struct rules *rules)
{
	return is_markdown(name) || (rules->html && is_html(name) && opens_with_front_matter(dir, name));
}

/* index.md, index.en.md, index.html: the page of a leaf bundle (index.org too, which folio cannot read). */
static bool is_bundle_index(const char *dir, const char *name, const struct rules *rules)
{
	return g_str_has_prefix(name, "index.") && (is_content(dir, name, rules) || other_format(name));
}

static void add_file(GPtrArray *out, GHashTable *seen, const struct root *root, const char *file,
		     const char *real, const char *rel)
{
	struct found_file *f;

	if (g_hash_table_contains(seen, real))
		return;
	g_hash_table_add(seen, g_strdup(real));
	f = g_new0(struct found_file, 1);
	f->file = g_strdup(file);
	f->real = g_strdup(real);
	f->rel = g_strdup(rel);
	f->root = root;
	g_ptr_array_add(out, f);
}

/* Walk dir (real path real_dir, rel inside root); visited guards against symlink loops. */
static void walk(GPtrArray *out, GPtrArray *left_out, GHashTable *seen, GHashTable *visited,
		 const struct roots *roots, const struct root *root, const char *real_dir, const char *rel,
		 const struct rules *rules)
{
	GError *err = NULL;
	GPtrArray *names;
	bool leaf = false;

	if (g_hash_table_contains(visited, real_dir))
		return;
	g_hash_table_add(visited, g_strdup(real_dir));
	names = paths_sorted_names(real_dir, false, &err);
	if (!names) {
		char *shown = paths_display(root->given, rel);

		diag_warn(shown, 0, "cannot read folder: %s", err->message);
		g_free(shown);
		g_error_free(err);
		return;
	}
	/* In a leaf bundle only the index files are pages (Hugo's rule): the rest are its resources. */
	for (guint i = 0; rules->bundles && i < names->len && !leaf; i++)
		leaf = is_bundle_index(real_dir, g_ptr_array_index(names, i), rules);

	for (guint i = 0; i < names->len; i++) {
		const char *n = g_ptr_array_index(names, i);

		if (leaf && !is_bundle_index(real_dir, n, rules))
			continue;
		char *child_rel = *rel ? g_build_filename(rel, n, NULL) : g_strdup(n);
		char *path = g_build_filename(real_dir, n, NULL);
		char *shown = paths_display(root->given, child_rel);
		struct stat st;
		/*
		 * An entry of a real folder that is no link is its own real path: only a link is
		 * resolved (realpath reads every folder above it: 1,200 nested folders took 16 s).
		 */
		char *real = lstat(path, &st) == 0 && !S_ISLNK(st.st_mode) ? strdup(path) : realpath(path, NULL);

		if (!real) {
			diag_warn(shown, 0, "broken link or unreadable entry (%s); skipped", g_strerror(errno));
		} else if (!roots_find(roots, real)) {
			/* Said for what would be read here; a settings file is said by its reader. */
			if (stat(real, &st) != 0 || S_ISDIR(st.st_mode) || is_content(real_dir, n, rules))
				diag_warn(shown, 0, "is a link that leaves the source folders; skipped");
		} else if (stat(real, &st) != 0) {
			diag_warn(shown, 0, "cannot be read (%s); skipped", g_strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			walk(out, left_out, seen, visited, roots, root, real, child_rel, rules);
		} else if (S_ISREG(st.st_mode) && is_content(real_dir, n, rules)) {
			add_file(out, seen, root, shown, real, child_rel);
		} else if (S_ISREG(st.st_mode) && other_format(n)) {
			g_ptr_array_add(left_out, g_strdup_printf("%s (%s: folio reads Markdown%s)", shown,
								  other_format(n), rules->html ? " and HTML" : ""));
		} else if (!S_ISREG(st.st_mode) && (is_markdown(n) || (rules->html && is_html(n)))) {
			/* A named pipe or device named like a page (unpacked from an archive): never read, said. */
			g_ptr_array_add(left_out, g_strdup_printf("%s (not a regular file: a %s)", shown,
								  S_ISFIFO(st.st_mode) ? "named pipe" : "device or socket"));
		}
		free(real);
		g_free(shown);
		g_free(path);
		g_free(child_rel);
	}
	g_ptr_array_free(names, TRUE);
}

/* A Hugo site root: its content folders (one per language, each once), read by Hugo's rules. */
static void walk_site(GPtrArray *out, GPtrArray *left_out, GHashTable *seen, GHashTable *visited, const struct roots *roots,
		      const struct root *root, const struct site *site)
{
	static const struct rules hugo = { true, true };
	GHashTable *done = g_hash_table_new(g_str_hash, g_str_equal);

	for (guint i = 0; i < site->langs->len; i++) {
		const struct site_lang *l = g_ptr_array_index(site->langs, i);
		char *rel;

		if (!l->content_dir || g_hash_table_contains(done, l->content_dir))
			continue;
		if (!g_str_has_prefix(l->content_dir, site->root)) {
			diag_warn(site->config, 0, "the content folder %s is outside the site; not read", l->content_dir);
			continue;
		}
		g_hash_table_add(done, l->content_dir);
		rel = g_strdup(l->content_dir + strlen(site->root) + (strlen(l->content_dir) > strlen(site->root)));
		walk(out, left_out, seen, visited, roots, root, l->content_dir, rel, &hugo);
		g_free(rel);
	}
	if (!g_hash_table_size(done))
		diag_warn(site->config, 0, "the site has no content folder (contentDir)");
	g_hash_table_destroy(done);
}

GPtrArray *collect_sources(const GPtrArray *sources, struct roots *roots, const struct site *site,
			   GPtrArray *left_out)
{
	static const struct rules plain = { false, false };

	GPtrArray *out = g_ptr_array_new_with_free_func(found_free);
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *visited = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	/* All roots first, so a link from one SOURCE into another is allowed. */
	for (guint i = 0; i < sources->len; i++) {
		const char *src = g_ptr_array_index(sources, i);

		if (g_file_test(src, G_FILE_TEST_IS_DIR)) {
			roots_add(roots, src);
		} else if (g_file_test(src, G_FILE_TEST_IS_REGULAR)) {
			char *dir = g_path_get_dirname(src);

			roots_add(roots, dir);
			g_free(dir);
		}
	}
	for (guint i = 0; i < sources->len; i++) {
		const char *src = g_ptr_array_index(sources, i);
		char *real = realpath(src, NULL);
		struct stat st;

		if (!real || stat(real, &st) != 0) {
			diag_error(src, 0, "cannot read it: %s", g_strerror(errno));
		} else if (S_ISDIR(st.st_mode) && site && !strcmp(real, site->root)) {
			walk_site(out, left_out, seen, visited, roots, roots_find(roots, real), site);
		} else if (S_ISDIR(st.st_mode)) {
			walk(out, left_out, seen, visited, roots, roots_find(roots, real), real, "", &plain);
		} else if (S_ISREG(st.st_mode)) {
			char *base = g_path_get_basename(src);

			add_file(out, seen, roots_find(roots, real), src, real, base);
			g_free(base);
		} else {
			diag_error(src, 0, "is neither a folder nor a Markdown file");
		}
		free(real);
	}
	g_hash_table_destroy(seen);
	g_hash_table_destroy(visited);
	return out;
}
