/* slices.c - GLib's slice allocator turned to malloc before any library starts. */
#include "base/slices.h"

#include <glib.h>

/*
 * GLib 2.74's slice allocator (Pango's items, glyph strings and lists, GLib's own lists) keeps
 * per-thread magazines that trade blocks through a global depot when one thread frees what
 * another made, as the PDF's setting and drawing threads do; GLib 2.76 made every slice a
 * malloc. G_SLICE=always-malloc asks the same, but GLib's constructor allocates from the slices
 * (and so reads the setting) before main. The executable's preinit array runs before every
 * library's constructor (ELF), and g_slice_set_config, called before the first slice, only sets
 * a static that GLib copies when it starts.
 */
static void slices_to_malloc(int argc, char **argv, char **envp)
{
	G_GNUC_BEGIN_IGNORE_DEPRECATIONS
	g_slice_set_config(G_SLICE_CONFIG_ALWAYS_MALLOC, TRUE);
	G_GNUC_END_IGNORE_DEPRECATIONS
}

__attribute__((section(".preinit_array"), used))
static void (*const preinit)(int, char **, char **) = slices_to_malloc;

bool slices_from_malloc(void)
{
	G_GNUC_BEGIN_IGNORE_DEPRECATIONS
	return g_slice_get_config(G_SLICE_CONFIG_ALWAYS_MALLOC) != 0;
	G_GNUC_END_IGNORE_DEPRECATIONS
}
