/* svgfile.h - an SVG picture file made safe to pack with its whole drawing: no script, nothing loaded from elsewhere. */
#ifndef FOLIO_SVGFILE_H
#define FOLIO_SVGFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

/* What the cleaned SVG is, read from it. */
struct svg_facts {
	int width, height;	/* from width/height, else the viewBox; 0 when it says none */
	bool blank;		/* it draws nothing (a web page's spacer) */
};

/*
 * The SVG in data (len bytes) as a book may hold it. Its drawing is kept whole (shapes, text,
 * styles and <style> sheets, gradients, patterns, clip paths, masks, markers, filters, <use> of
 * its own definitions, pictures embedded as data: of at most max_megapixels); what would run or
 * load something is left out (scripts, event attributes, animations, HTML in <foreignObject>,
 * any address but the file's own #fragments, its embedded pictures and its styles' data:
 * addresses, fonts), and so is what only an editor reads (other namespaces: Inkscape's, RDF).
 * An SVG that is not well-formed XML is read as far as libxml2 can; one whose copies (<use>,
 * markers) would draw past a limit, or that drew only through what is left out, is refused.
 * Returns the cleaned file and its *facts, or NULL when no <svg> can be read from data or it is
 * refused (*flaw says why). *flaw (g_free; NULL when nothing was
 * lost or repaired) completes "image 'X' ...": what of the drawing was left out or repaired,
 * for a warning.
 */
GString *svgfile_clean(const char *data, size_t len, long max_megapixels, struct svg_facts *facts, char **flaw);

#endif
