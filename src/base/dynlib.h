/* dynlib.h - a shared library opened when it is first needed, not at every start, and its functions by name. */
#ifndef FOLIO_DYNLIB_H
#define FOLIO_DYNLIB_H

/*
 * The library soname, opened (once per process: the system keeps it), or NULL with *error
 * (g_free) saying why. Each library linked at start costs every run its loading and
 * relocation, a run that never calls it too: libcurl and libqpdf with the 24 libraries only
 * they bring were 14 ms of a weekly digest's 120 ms EPUB.
 */
void *dynlib_open(const char *soname, char **error);

/* The address of name in lib, or NULL with *error (g_free) set when it has none. */
void *dynlib_symbol(void *lib, const char *soname, const char *name, char **error);

#endif
