/* linkify.h - bare web and e-mail addresses in an article's text made links, as Hugo's Goldmark Linkify makes them. */
#ifndef FOLIO_LINKIFY_H
#define FOLIO_LINKIFY_H

#include <stddef.h>
#include <cmark-gfm.h>

/* What linkify_match found. */
enum linkify_kind {
	LINKIFY_NONE,
	LINKIFY_URL,	/* http://, https://, ftp://: the address as written */
	LINKIFY_WWW,	/* www.: https:// in front (Hugo's linkifyProtocol) */
	LINKIFY_EMAIL,	/* mailto: in front */
};

/*
 * The length of the address that starts text (len bytes) by Goldmark's rules (Hugo 0.111): a
 * scheme or www. and a host with a dot and a lower-case top-level name, then only ASCII letters,
 * digits and URL punctuation (a Chinese comma or character ends it); a trailing . ? ! , : * _ ~
 * is not part of it, nor a ')' without its '(' or a closing "&name;". 0 and LINKIFY_NONE: none.
 * Whether an address may start here at all is linkify_tree's to say.
 */
size_t linkify_match(const char *text, size_t len, enum linkify_kind *kind);

/*
 * In every text node of doc outside links and pictures, each address that starts a text node or
 * follows white space or one of * _ ~ ( becomes a link node holding its text (Goldmark starts a
 * match only there: "地址：https://…" stays text, as on the Hugo site). Unlike Goldmark, an
 * address never runs into the code span or other Markdown after its text node.
 */
void linkify_tree(cmark_node *doc);

#endif
