/* curl_lib.c - libcurl opened with the first download (its soname is the one folio was built against). */
#include "media/curl_lib.h"

#include <glib.h>

#include "base/dynlib.h"
#include <sonames.h>	/* build/gen/, not src/ */

struct libcurl libcurl;

static gpointer load(gpointer unused)
{
	char *error = NULL;
	void *lib = dynlib_open(FOLIO_CURL_SONAME, &error);

	(void)unused;
	if (!lib)
		return error;
	/* dlsym's address into a function pointer, the way POSIX gives it. */
#define FOLIO_CURL_LOOKUP(name) \
	if (!error) \
		*(void **)&libcurl.p_##name = dynlib_symbol(lib, FOLIO_CURL_SONAME, #name, &error);
	FOLIO_CURL_FUNCTIONS(FOLIO_CURL_LOOKUP)
#undef FOLIO_CURL_LOOKUP
	if (!error && libcurl.p_curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		error = g_strdup("libcurl cannot start (curl_global_init failed)");
	return error;
}

bool libcurl_load(const char **error)
{
	static GOnce once = G_ONCE_INIT;

	/* What g_once keeps is the failure's message; NULL when libcurl is ready. */
	*error = g_once(&once, load, NULL);
	return !*error;
}
