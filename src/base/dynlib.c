/* dynlib.c - a shared library opened when it is first needed, and its functions by name (dlopen). */
#include "base/dynlib.h"

#include <dlfcn.h>
#include <glib.h>

char *dynlib_load(const char *soname, const char *const *names, void **const *slots, size_t n)
{
	/* Bound now: a symbol missing from an installed library is found here, not mid-book. */
	void *lib = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (!lib)
		return g_strdup_printf("cannot load %s: %s", soname, dlerror());
	for (size_t i = 0; i < n; i++)
		if (!(*slots[i] = dlsym(lib, names[i])))
			return g_strdup_printf("%s has no %s (another version than folio was built with?)", soname, names[i]);
	return NULL;
}
