/* paths.c - keeps every file folio reads inside the SOURCE folders it was given. */
#include "base/paths.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/outfile.h"

static void root_free(gpointer p)
{
	struct root *r = p;

	g_free(r->given);
	free(r->real);
	g_free(r);
}

struct roots *roots_new(void)
{
	struct roots *r = g_new0(struct roots, 1);

	r->list = g_ptr_array_new_with_free_func(root_free);
	return r;
}

void roots_free(struct roots *r)
{
	if (!r)
		return;
	g_ptr_array_free(r->list, TRUE);
	g_free(r);
}

void roots_copy_into(struct roots *to, const struct roots *from)
{
	for (guint i = 0; i < from->list->len; i++) {
		const struct root *f = g_ptr_array_index(from->list, i);
		struct root *c = g_new0(struct root, 1);

		c->given = g_strdup(f->given);
		c->real = strdup(f->real);
		g_ptr_array_add(to->list, c);
	}
}

static bool is_under(const char *real, const char *dir)
{
	size_t n = strlen(dir);

	if (strncmp(real, dir, n))
		return false;
	return real[n] == '\0' || real[n] == '/' || (n == 1 && dir[0] == '/');
}

const struct root *roots_find(const struct roots *r, const char *real)
{
	for (guint i = 0; i < r->list->len; i++) {
		struct root *root = g_ptr_array_index(r->list, i);

		if (is_under(real, root->real))
			return root;
	}
	return NULL;
}

const struct root *roots_add(struct roots *r, const char *dir)
{
	char *real = realpath(dir, NULL);
	struct root *root;

	if (!real)
		return NULL;
	for (guint i = 0; i < r->list->len; i++) {
		root = g_ptr_array_index(r->list, i);
		if (!strcmp(root->real, real)) {
			free(real);
			return root;
		}
	}
	root = g_new0(struct root, 1);
	root->given = g_strdup(dir);
	root->real = real;
	g_ptr_array_add(r->list, root);
	return root;
}

bool paths_is_url(const char *ref)
{
	const char *p = ref;

	if (ref[0] == '/' && ref[1] == '/')
		return true;
	if (!isalpha((unsigned char)*p))
		return false;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	/* "c:" alone is a drive letter, not a scheme. */
	return *p == ':' && p - ref > 1;
}

char *paths_collapse(const char *path)
{
	char **parts = g_strsplit(path, "/", -1);
	GPtrArray *keep = g_ptr_array_new();
	GString *out = g_string_new(NULL);
	bool absolute = path[0] == '/';

	for (char **p = parts; *p; p++) {
		if (!**p || !strcmp(*p, "."))
			continue;
		if (!strcmp(*p, "..")) {
			if (keep->len)
				g_ptr_array_remove_index(keep, keep->len - 1);
			continue;
		}
		g_ptr_array_add(keep, *p);
	}
	for (guint i = 0; i < keep->len; i++)
		g_string_append_printf(out, i || absolute ? "/%s" : "%s", (char *)g_ptr_array_index(keep, i));
	if (!out->len && absolute)
		g_string_append_c(out, '/');
	g_ptr_array_free(keep, TRUE);
	g_strfreev(parts);
	return g_string_free(out, FALSE);
}

char *paths_resolve(const struct roots *r, const char *base_dir, const char *ref, const char **why)
{
	char *path, *joined, *real;
	size_t n;
	struct stat st;

	*why = NULL;
	n = strcspn(ref, "?#");
	path = g_uri_unescape_segment(ref, ref + n, "/");
	if (!path || !*path) {
		g_free(path);
		*why = "is not a valid path";
		return NULL;
	}
	if (path[0] == '/') {
		g_free(path);
		*why = "is an absolute path, outside the source folders";
		return NULL;
	}
	joined = g_build_filename(base_dir, path, NULL);
	g_free(path);
	/* Refuse a ".." that climbs out before asking the file system anything. */
	path = paths_collapse(joined);
	if (!roots_find(r, path)) {
		g_free(path);
		g_free(joined);
		*why = "leaves the source folders";
		return NULL;
	}
	g_free(path);
	real = realpath(joined, NULL);
	g_free(joined);
	if (!real) {
		/* The usual reason in plain words; any other names the system's (interned: few, kept). */
		if (errno == ENOENT || errno == ENOTDIR) {
			*why = "does not exist";
		} else {
			char *t = g_strdup_printf("cannot be read: %s", g_strerror(errno));

			*why = g_intern_string(t);
			g_free(t);
		}
		return NULL;
	}
	if (!roots_find(r, real)) {
		free(real);
		*why = "leaves the source folders";
		return NULL;
	}
	if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		free(real);
		*why = "is not a regular file";
		return NULL;
	}
	path = g_strdup(real);
	free(real);
	return path;
}

static int compare_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

GPtrArray *paths_sorted_names(const char *dir, bool dotted, GError **err)
{
	GDir *d = g_dir_open(dir, 0, err);
	GPtrArray *names;
	const char *name;

	if (!d)
		return NULL;
	names = g_ptr_array_new_with_free_func(g_free);
	while ((name = g_dir_read_name(d)))
		if (dotted || name[0] != '.')
			g_ptr_array_add(names, g_strdup(name));
	g_dir_close(d);
	g_ptr_array_sort(names, compare_names);
	return names;
}

char *paths_display(const char *given_root, const char *rel)
{
	if (!strcmp(given_root, ".") || !*given_root)
		return g_strdup(rel);
	return g_build_filename(given_root, rel, NULL);
}

/* Is path (absolute, collapsed) inside real_dir, its existing part's links followed? */
static bool inside_real(const char *real_dir, const char *path)
{
	char *probe = g_strdup(path), *real = NULL, *rest = g_strdup(""), *full;
	size_t n = strlen(real_dir);
	bool inside;

	/* The deepest part of it that exists, links followed; what follows it is appended as written. */
	while (!(real = realpath(probe, NULL))) {
		char *up = g_path_get_dirname(probe), *base = g_path_get_basename(probe);
		char *r = *rest ? g_build_filename(base, rest, NULL) : g_strdup(base);
		bool top = !strcmp(up, probe);

		g_free(rest);
		g_free(base);
		g_free(probe);
		rest = r;
		probe = up;
		if (top)
			break;
	}
	full = real && *rest ? g_build_filename(real, rest, NULL) : g_strdup(real ? real : "");
	inside = real && !strncmp(full, real_dir, n) && (full[n] == '/' || !full[n] || n == 1);
	free(real);
	g_free(probe);
	g_free(rest);
	g_free(full);
	return inside;
}

bool paths_within(const char *dir, const char *value)
{
	char **parts = g_strsplit(value, "/", -1), *real_dir;
	GString *prefix;
	bool ok = *value && !g_path_is_absolute(value);

	for (char **p = parts; ok && *p; p++)
		ok = strcmp(*p, "..") != 0;
	real_dir = ok ? realpath(dir, NULL) : NULL;
	ok = ok && real_dir;
	/*
	 * Each part that is a symbolic link must end inside, even one that leads nowhere yet (the
	 * writer would follow it and create its target); then the whole path.
	 */
	prefix = g_string_new(real_dir);
	for (char **p = parts; ok && *p; p++) {
		struct stat st;

		if (!**p || !strcmp(*p, "."))
			continue;
		g_string_append_printf(prefix, "/%s", *p);
		if (lstat(prefix->str, &st) != 0)
			break;	/* what follows does not exist: no link in it */
		if (S_ISLNK(st.st_mode)) {
			char *end = outfile_follow_links(prefix->str), *collapsed = end ? paths_collapse(end) : NULL;

			ok = collapsed && g_path_is_absolute(collapsed) && inside_real(real_dir, collapsed);
			g_free(collapsed);
			g_free(end);
		}
	}
	if (ok) {
		char *whole = g_build_filename(real_dir, value, NULL), *collapsed = paths_collapse(whole);

		ok = inside_real(real_dir, collapsed);
		g_free(collapsed);
		g_free(whole);
	}
	g_string_free(prefix, TRUE);
	g_strfreev(parts);
	free(real_dir);
	return ok;
}
