/* xmlesc.h - the one escaping function for every XML file folio writes (XHTML, OPF, NCX). */
#ifndef FOLIO_XMLESC_H
#define FOLIO_XMLESC_H

#include <glib.h>

/*
 * Append the first len bytes of s (all of it when len < 0) to out as XML
 * character data that is also safe inside a double-quoted attribute:
 * & < > " are escaped, characters XML 1.0 forbids or HTML calls control
 * characters (C0 but tab and newline, DEL, C1, noncharacters) are dropped,
 * and bytes that are not UTF-8 become U+FFFD.
 */
void xml_escape(GString *out, const char *s, gssize len);

#endif
