/* slices.h - GLib's slice allocator turned to malloc before any library starts. */
#ifndef FOLIO_SLICES_H
#define FOLIO_SLICES_H

#include <stdbool.h>

/*
 * True when GLib's slice allocator gives malloc's memory, as this file's preinit entry asks of
 * GLib 2.74 (2.76 and later always do). A program that calls it links the entry in.
 */
bool slices_from_malloc(void);

#endif
