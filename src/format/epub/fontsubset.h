/* fontsubset.h - the fonts an EPUB embeds: the faces its text is set in, cut down with HarfBuzz's subsetter. */
#ifndef FOLIO_FONTSUBSET_H
#define FOLIO_FONTSUBSET_H

#include <stdbool.h>
#include <glib.h>

#include "format/epub/fontuse.h"

struct embedded_font {
	char *family;		/* "Noto Serif CJK SC": the name the stylesheet asks for */
	int weight;		/* 400 or 700 */
	bool italic;
	char *href;		/* "fonts/NotoSerifCJKSC-Regular.otf", relative to the OPF */
	const char *media_type;	/* font/otf or font/ttf */
	GBytes *data;		/* the subset */
	char *source;		/* the font file it was cut from ("NotoSerifCJK-Regular.ttc") */
	int face;		/* and the face of that file (a collection's index, from 0) */
	char *copyright;	/* the font's own notice (name 0), for the licence page */
	char *licence_url;	/* its name 14, or NULL */
	unsigned chars;		/* code points kept */
};

/*
 * Subsets of the faces u's characters are set in: each character of a stack goes to the first
 * family of that stack (the stylesheet's Noto families, in its order) whose face has it; a bold
 * or italic face that is not installed gives way to the regular one (readers synthesise the
 * style). Faces are found through datadir/fonts/fonts.conf; each keeps only its characters and
 * the layout features Chinese and Latin text need (vertical forms, CJK punctuation spacing,
 * localised forms, kerning, ligatures, marks), with no hinting. The same characters give the
 * same bytes. Returns struct embedded_font *, ordered by family, weight and style; empty when
 * no face could be read (reported).
 */
GPtrArray *fontsubset_make(const struct font_use *u, const char *datadir);

/* The @font-face rules for fonts, their addresses relative to the stylesheet (css/ beside fonts/). */
void fontsubset_css(GString *css, const GPtrArray *fonts);

void embedded_font_free(gpointer f);

#endif
