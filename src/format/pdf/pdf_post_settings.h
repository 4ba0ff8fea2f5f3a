/* pdf_post_settings.h - what the post-pass over Cairo's PDF is asked to add: claims, press boxes and marks. */
#ifndef FOLIO_PDF_POST_SETTINGS_H
#define FOLIO_PDF_POST_SETTINGS_H

#include <stdbool.h>

#include "base/options.h"

struct pdf_post {
	const char *name;		/* the output's name, for messages */
	const char *lang;		/* the book's language: the catalog's /Lang and dc:language */
	bool ua;			/* claim PDF/UA-1: pdfuaid:part 1 in the XMP */
	bool x4;			/* PDF/X-4: the output intent, GTS_PDFXVersion, Trapped, fonts checked */
	const char *icc_path;		/* x4: the output intent's ICC profile */
	const char *output_condition;	/* x4: its OutputConditionIdentifier */
	double bleed, slug;		/* points: each page was drawn larger by bleed + slug on every side */
	bool boxes;			/* write TrimBox and BleedBox */
	unsigned marks;			/* enum print_marks: drawn in the slug in registration colour */
	int moved_to, moved;		/* the last `moved` pages Cairo drew belong before its page moved_to (device.h) */
};

#endif
