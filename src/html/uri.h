/* uri.h - an address as an author wrote it (an IRI, a sloppy URL) made a valid URI, or the reason it cannot be. */
#ifndef FOLIO_URI_H
#define FOLIO_URI_H

enum uri_verdict {
	URI_VALID,	/* a valid absolute URI (RFC 3986) of a scheme a book may link to */
	URI_RELATIVE,	/* a path or #fragment with no scheme, encoded the same way */
	URI_UNSAFE,	/* a scheme a book never links to: javascript:, vbscript:, data:, file: ... */
	URI_INVALID	/* http(s) or ftp, but no valid URI says the same: a bad host name or port */
};

/*
 * The one place an address becomes what both books write. Controls are removed (browsers drop tabs
 * and newlines; "java\tscript:" is a trick) and spaces trimmed; schemes are http, https, ftp,
 * mailto and tel ("//host/..." is https). Then, as RFC 3987 maps an IRI to a URI: every
 * character a URI cannot hold (non-ASCII, space, quote, [ ] outside an IPv6 host, \ in a query,
 * a second '#') is percent-encoded as UTF-8, escapes already there are kept; the host name is
 * written in ASCII (IDNA: 例子.中国 is xn--fsqu00a.xn--fiqs8s) and lower-cased; as browsers do,
 * '\' before the query is '/' and "http:example.com" has its "//". A host that is no host name
 * and a port that is no number make the address invalid: *why says so (static text).
 * *uri is set (g_free) for URI_VALID and URI_RELATIVE, else NULL. why may be NULL.
 */
enum uri_verdict uri_from_address(const char *address, char **uri, const char **why);

/*
 * A relative address ("../b/", "b/#part") as a reader's browser takes it on a page published at
 * permalink ("/posts/a/"): the site address it names ("/posts/b/"), or NULL; g_free.
 */
char *uri_from_page(const char *permalink, const char *url);

#endif
