/* qpdf_lib.c - libqpdf opened for the PDF's post-pass (its soname is the one folio was built against). */
#include "format/pdf/qpdf_lib.h"

#include <glib.h>

#include "base/dynlib.h"
#include <sonames.h>	/* build/gen/, not src/ */

struct libqpdf libqpdf;

static gpointer load(gpointer unused)
{
#define DYNLIB_STRUCT libqpdf
	static const char *const names[] = { FOLIO_QPDF_FUNCTIONS(DYNLIB_NAME) };
	void **const slots[] = { FOLIO_QPDF_FUNCTIONS(DYNLIB_SLOT) };
#undef DYNLIB_STRUCT

	(void)unused;
	return dynlib_load(FOLIO_QPDF_SONAME, names, slots, G_N_ELEMENTS(names));
}

static GOnce once = G_ONCE_INIT;

bool libqpdf_load(const char **error)
{
	/* What g_once keeps is the failure's message; NULL when libqpdf is ready. */
	*error = g_once(&once, load, NULL);
	return !*error;
}

static gpointer preload(gpointer unused)
{
	(void)g_once(&once, load, unused);
	return NULL;
}

void libqpdf_preload(void)
{
	static gint started;

	/* One thread for the process: later books find it loaded. */
	if (g_atomic_int_compare_and_exchange(&started, 0, 1))
		g_thread_unref(g_thread_new("qpdf-load", preload, NULL));
}
