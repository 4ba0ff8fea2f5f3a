/* xmlesc.h - the one escaping function for every XML file folio writes (XHTML, OPF, NCX). */
#ifndef FOLIO_XMLESC_H
#define FOLIO_XMLESC_H

#include <stdbool.h>
#include <glib.h>

/*
 * Append the first len bytes of s (all of it when len < 0) to out as XML
 * character data that is also safe inside a double-quoted attribute:
 * & < > " are escaped, characters XML 1.0 forbids or HTML calls control
 * characters (C0 but tab and newline, DEL, C1, noncharacters) are dropped,
 * and bytes that are not UTF-8 become U+FFFD.
 */
void xml_escape(GString *out, const char *s, gssize len);

/* Append  name="value"  (a space first), value escaped by xml_escape. */
void xml_attr(GString *out, const char *name, const char *value);

/* Is c a character a book may hold: not one of those xml_escape drops (the PDF drops them too)? */
bool xml_char_allowed(gunichar c);

/*
 * The first len bytes of s (all when len < 0) holding only what a book may: the characters
 * xml_escape drops are dropped and bytes that are not UTF-8 become U+FFFD, as in the EPUB. The
 * PDF needs it too: Cairo refuses noncharacters and broken UTF-8, and then draws nothing more
 * (or fails the whole file). Returns NULL when s is that already; else g_free the result.
 */
char *xml_clean_text(const char *s, gssize len);

#endif
