/* pdf_post.h - the pass over Cairo's finished PDF that adds what Cairo 1.16 cannot write. */
#ifndef FOLIO_PDF_POST_H
#define FOLIO_PDF_POST_H

#include <stdbool.h>
#include <stdio.h>

#include "format/pdf/pdf_post_settings.h"
#include "format/pdf/taglog.h"

/*
 * Read the PDF Cairo wrote at in and write the finished one to out: with a tag log (the
 * device tagged it), the structure elements get what Cairo drops (/Alt, /Lang, /ID, table
 * header scopes, link descriptions), Spans holding plain text are folded into their
 * paragraphs, whatever no element holds is marked /Artifact, and the catalog gets /Lang,
 * /MarkInfo and /ViewerPreferences; without one, Cairo's references into a structure tree it
 * never wrote go. Always: XMP metadata, PDF dates, /Tabs on pages with links, page boxes and
 * marks, PDF/X-4's output intent and keys. Written as it goes (page streams in page order,
 * the other objects packed in object streams at the end), so memory holds what changed, not the
 * file. Same bytes for the same input. Takes log (freed as soon as it has been read). Reported
 * through diag; false on failure.
 */
bool pdf_post_write(const char *in, FILE *out, const struct pdf_post *p, struct tag_log *log);

#endif
