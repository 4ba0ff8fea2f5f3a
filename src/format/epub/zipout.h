/* zipout.h - a libzip archive written straight into an open file: the output's own temporary. */
#ifndef FOLIO_ZIPOUT_H
#define FOLIO_ZIPOUT_H

#include <stdio.h>
#include <zip.h>

/*
 * A new, empty archive that zip_close writes into fp (open for writing and seeking, at its
 * start, left open). libzip's own file source would write a second temporary file beside fp's,
 * named from OpenSSL's random numbers (seeding them took milliseconds of a small book), and
 * rename it over fp's file. NULL with *err set (a libzip error code) on failure.
 */
zip_t *zipout_open(FILE *fp, int *err);

#endif
