/* curl_lib.c - libcurl opened with the first download (its soname is the one folio was built against). */
#include "media/curl_lib.h"

#include <glib.h>

#include "base/dynlib.h"
#include <sonames.h>	/* build/gen/, not src/ */

struct libcurl libcurl;

static gpointer load(gpointer unused)
{
#define DYNLIB_STRUCT libcurl
	static const char *const names[] = { FOLIO_CURL_FUNCTIONS(DYNLIB_NAME) };
	void **const slots[] = { FOLIO_CURL_FUNCTIONS(DYNLIB_SLOT) };
#undef DYNLIB_STRUCT
	char *error = dynlib_load(FOLIO_CURL_SONAME, names, slots, G_N_ELEMENTS(names));

	(void)unused;
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
