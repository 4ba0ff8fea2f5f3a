/* report.h - --report FILE: every message of a run as JSON lines, for cron jobs and CI. */
#ifndef FOLIO_REPORT_H
#define FOLIO_REPORT_H

#include <stdbool.h>
#include <glib.h>

/*
 * From now on every message (whatever -q, --verbose and the summing up print) is also written to
 * path, one JSON object a line: {"file": ..., "line": ..., "severity": "warning", "kind": ...,
 * "cause": ..., HOST-OR-OTHER-DETAIL: ..., "text": ...}; file and line are null when the message
 * has none, kind "other" when it has no kind. The file is written as outputs are (base/outfile.h:
 * atomically beside it, or through to a stream). False (reported) when path cannot be written.
 */
bool report_open(const char *path);

/* Append text as a JSON string ("null" for NULL): quotes, backslashes and controls escaped, bytes
   that are not UTF-8 replaced. Also folio batch's status lines. */
void json_string(GString *s, const char *text);

/* Put the report in place, whatever the run came to. False (reported) when it cannot be written. */
bool report_close(void);

#endif
