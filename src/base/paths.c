/* paths.c - keeps every file folio reads inside the SOURCE folders it was given. */
#include "base/paths.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

bool paths_within(const char *dir, const char *value)
{
	char **parts = g_strsplit(value, "/", -1), *real_dir, *probe, *real = NULL;
	bool dotdot = false, inside;
	size_t n;

	for (char **p = parts; *p; p++)
		dotdot = dotdot || !strcmp(*p, "..");
	g_strfreev(parts);
	if (!*value || g_path_is_absolute(value) || dotdot)
		return false;
	real_dir = realpath(dir, NULL);
	if (!real_dir)
		return false;
	/* The deepest part of it that exists, links followed; what follows cannot leave it. */
	probe = g_build_filename(dir, value, NULL);
	while (!(real = realpath(probe, NULL))) {
		char *up = g_path_get_dirname(probe);
		bool top = !strcmp(up, probe);

		g_free(probe);
		probe = up;
		if (top)
			break;
	}
	n = strlen(real_dir);
	inside = real && !strncmp(real, real_dir, n) && (real[n] == '/' || !real[n] || n == 1);
	free(real);
	free(real_dir);
	g_free(probe);
	return inside;
}
