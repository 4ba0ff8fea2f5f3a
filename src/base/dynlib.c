/* dynlib.c - a shared library opened when it is first needed, and its functions by name (dlopen). */
#include "base/dynlib.h"

#include <dlfcn.h>
#include <glib.h>

void *dynlib_open(const char *soname, char **error)
{
	/* Bound now: a symbol missing from an installed library is found here, not mid-book. */
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (!lib)
		*error = g_strdup_printf("cannot load %s: %s", soname, dlerror());
	return lib;
}

void *dynlib_symbol(void *lib, const char *soname, const char *name, char **error)
{
	void *p = dlsym(lib, name);

	if (!p)
		*error = g_strdup_printf("%s has no %s (another version than folio was built with?)", soname, name);
	return p;
}
