/* units.h - lengths and page sizes as people write them: "18mm", "50pt", "A5", "148x210mm". */
#ifndef FOLIO_UNITS_H
#define FOLIO_UNITS_H

#include <stdbool.h>

/* Points in v millimetres. */
double units_mm(double v);

/* "18mm", "50pt", "1.5cm", "0.75in", or a bare number of points; not negative. */
bool units_parse_length(const char *s, double *pt);

/*
 * "A4", "A5", "A6", "B5", "B5-JIS", "B6", "Letter", "16K", "32K" (any case), or
 * WIDTHxHEIGHT with a unit after the height (mm when none), between 1 inch and 60 inches a side.
 */
bool units_parse_page_size(const char *s, double *w, double *h);

/* What units_parse_page_size takes, for messages. */
/* The widest bleed a press asks for, in mm: past it a bleed is a mistake (--bleed, pdf.bleed). */
#define UNITS_BLEED_MAX_MM 25
#define UNITS_PAGE_SIZES "A4, A5, A6, B5, B5-JIS, B6, Letter, 16K, 32K or WIDTHxHEIGHTmm (each side 1 to 60 inches)"

#endif
