/* test_slices.c - GLib's slice allocator gives malloc's memory in a program that links base/slices.c. */
#include "check.h"
#include "base/slices.h"

#include <glib.h>

int main(void)
{
	/* GLib had started (and allocated slices) before main: the preinit entry came first. */
	CHECK("slices: GLib's slice allocator is malloc", slices_from_malloc());
	{
		GList *l = g_list_prepend(NULL, (gpointer)"x");

		g_list_free(l);
		CHECK("slices: still malloc after slices are used", slices_from_malloc());
	}
	CHECK_DONE();
}
