/* dynlib.h - a shared library opened when it is first needed, not at every start, and its functions by name. */
#ifndef FOLIO_DYNLIB_H
#define FOLIO_DYNLIB_H

#include <stddef.h>

/*
 * Open soname and set *slots[i] to the address of names[i], for each of the n: NULL when all
 * were found, else why not (g_free). Each library linked at start costs every run its loading
 * and relocation, a run that never calls it too: libcurl and libqpdf (the PDF's post-pass
 * then) with the 24 libraries only they brought were 14 ms of a weekly digest's 120 ms EPUB. A
 * library once opened stays.
 */
char *dynlib_load(const char *soname, const char *const *names, void **const *slots, size_t n);

/* For a list of functions X(name) given as a macro list(X): their names, and the addresses of the
   pointers p_NAME that receive them in the struct the caller names DYNLIB_STRUCT (a function
   pointer's place written as POSIX's dlsym gives it). The names are only pasted and quoted: a
   caller's macros of the same names do not touch them. */
#define DYNLIB_NAME(name) #name,
#define DYNLIB_SLOT(name) (void **)&DYNLIB_STRUCT.p_##name,

#endif
