/* paths.h - the folders folio may read, and resolving paths so nothing outside them is read. */
#ifndef FOLIO_PATHS_H
#define FOLIO_PATHS_H

#include <stdbool.h>
#include <glib.h>

/* A SOURCE folder (or the folder of a SOURCE file) folio may read from. */
struct root {
	char *given;	/* as on the command line, for messages */
	char *real;	/* realpath */
};

struct roots {
	GPtrArray *list;	/* of struct root * */
};

struct roots *roots_new(void);
void roots_free(struct roots *r);
/* Adds the folder dir (realpath'd); returns the root, or NULL if dir does not exist. */
const struct root *roots_add(struct roots *r, const char *dir);
/* Append a copy of each of from's roots to to, in from's order (a copy's index is its original's). */
void roots_copy_into(struct roots *to, const struct roots *from);
/* The root that contains the real path real, or NULL. */
const struct root *roots_find(const struct roots *r, const char *real);

/*
 * Resolve ref (a relative path as written in Markdown or front matter, with
 * %XX escapes, maybe a ?query or #fragment) against the folder base_dir.
 * Returns a newly allocated real path inside one of the roots, or NULL with
 * *why set to a static reason: absolute, leaves the source folders, missing,
 * not a regular file.
 */
char *paths_resolve(const struct roots *r, const char *base_dir, const char *ref, const char **why);

/*
 * path with "." and ".." collapsed and empty parts dropped, without touching the file system: a
 * ".." at the top is dropped; an absolute path stays absolute ("/" at least), a relative one
 * relative ("" at least).
 */
char *paths_collapse(const char *path);

/*
 * Does value, a path written in a file of folder dir, stay inside dir? It must be relative, have
 * no ".." in it, and lead nowhere else through a symbolic link (as far as it exists).
 */
bool paths_within(const char *dir, const char *value);

/* True if ref names a URL with a scheme (http:, https:, data:, mailto:, ...) or starts with "//". */
bool paths_is_url(const char *ref);

/*
 * The names in folder dir, in byte order (the same each run, whatever the file system's order),
 * without those that begin with '.' unless dotted. NULL when dir cannot be read (*err says why;
 * err may be NULL). g_ptr_array_free.
 */
GPtrArray *paths_sorted_names(const char *dir, bool dotted, GError **err);

/* Path of file relative to the folder that holds it in its root, for messages and ids. */
char *paths_display(const char *given_root, const char *rel);

#endif
