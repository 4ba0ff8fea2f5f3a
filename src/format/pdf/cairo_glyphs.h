/* cairo_glyphs.h - which glyphs of each font file the process has shown through Cairo (for cairo_cff.c). */
#ifndef FOLIO_CAIRO_GLYPHS_H
#define FOLIO_CAIRO_GLYPHS_H

#include <stdbool.h>

/*
 * The program defines Cairo's cairo_show_glyphs, cairo_show_text_glyphs and cairo_show_text (as
 * cairo_zlib.c defines zlib's deflateInit_): every glyph any library or the program shows on any
 * surface reaches Cairo through one of them, and is recorded there by the file of its FreeType
 * face before Cairo is called. A glyph shown is recorded for the life of the process, so a file's
 * record holds every glyph any PDF of the process has used, a PDF's own among them.
 */
struct cairo_glyphs;

/* The record of the font file at path, or NULL when nothing of it was shown with only glyph numbers
   under 65,536 (then no glyph of it may be left out). */
const struct cairo_glyphs *cairo_glyphs_of_file(const char *path);
/* Whether glyph was shown in a face of that file (glyph 0, .notdef, always counts as shown). */
bool cairo_glyphs_shown(const struct cairo_glyphs *g, unsigned glyph);
/* The first glyph shown from glyph on; 65,536 when there is none. */
unsigned cairo_glyphs_next(const struct cairo_glyphs *g, unsigned glyph);

#endif
