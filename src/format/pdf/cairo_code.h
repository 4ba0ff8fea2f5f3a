/* cairo_code.h - whether an address is in Cairo's own code (for the program's stand-ins for library functions). */
#ifndef FOLIO_CAIRO_CODE_H
#define FOLIO_CAIRO_CODE_H

#include <stdbool.h>

/*
 * cairo_cff.c and cairo_printf.c define library functions in the program (as cairo_zlib.c
 * does) and act differently only when Cairo itself called them: the caller's return address in
 * libcairo.so's executable segment. cairo_code_init finds that segment (once, for the process); before it,
 * cairo_code_contains says no for every address.
 */
void cairo_code_init(void);
bool cairo_code_contains(const void *address);

#endif
