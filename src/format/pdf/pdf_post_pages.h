/* pdf_post_pages.h - the post-pass over each page: artifacts, /Tabs, page boxes, printer's marks. */
#ifndef FOLIO_PDF_POST_PAGES_H
#define FOLIO_PDF_POST_PAGES_H

#include "format/pdf/pdf_post_base.h"

/*
 * Every page: with a structure tree, what no element holds is marked /Artifact (orphan MCIDs
 * too); /Tabs /S where there are annotations; TrimBox and BleedBox inside the MediaBox the
 * device drew, and crop and registration marks in the slug; with PDF/X-4, every font checked
 * for its embedded program and the colour of pictures for the output intent's. false when
 * reported.
 */
bool post_pages(struct post *s);

#endif
