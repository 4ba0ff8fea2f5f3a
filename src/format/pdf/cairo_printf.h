/* cairo_printf.h - the numbers Cairo writes into a PDF, formatted without glibc's printf machinery. */
#ifndef FOLIO_CAIRO_PRINTF_H
#define FOLIO_CAIRO_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Cairo 1.16 writes every number of a PDF with a call of snprintf of its own (its output stream's
 * printf passes each conversion on): "%0*x" for each glyph drawn, "%d", and "%f" (or, under 0.1,
 * "%.18f" then "%.*f") for the rest, about 1,200 calls a page, 7% of the bench book's CPU in
 * glibc's printf. This program's __snprintf_chk, which every library's fortified snprintf reaches
 * (the program's symbols come first, as cairo_zlib.c's deflateInit_), formats those exactly as
 * glibc does when the caller is Cairo's code (cairo_code.h: before cairo_code_init, none is), and
 * passes every other call on.
 */

/*
 * s (maxlen bytes) formatted as vsnprintf would, for fmt "%0*x" (width 0 to 32), "%d", "%f",
 * "%.18f" or "%.*f" (precision 0 to 18; a finite value under 2^53, rounding to nearest, "." for
 * the decimal point): the length, as vsnprintf's. -1 for any other format or value, with s
 * untouched and ap not read.
 */
int cairo_printf_format(char *s, size_t maxlen, const char *fmt, va_list ap);

/* How many of Cairo's calls were formatted here, on this thread (for tests). */
unsigned long cairo_printf_formatted(void);

#endif
