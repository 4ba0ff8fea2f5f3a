/* uri.c - makes an address a valid URI: RFC 3987's mapping of IRIs, IDNA host names, the rest percent-encoded. */
#include "html/uri.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

enum { HOST_MAX = 253, LABEL_MAX = 63, PORT_MAX = 65535 };

/* The schemes a book links to; the first three have a host. */
static const char *const schemes[] = { "http", "https", "ftp", "mailto", "tel" };

static bool scheme_char(char c, bool first)
{
	return g_ascii_isalpha(c) || (!first && (g_ascii_isdigit(c) || c == '+' || c == '-' || c == '.'));
}

/*
 * Append s[0..n) with every byte a URI cannot hold there percent-encoded: unreserved characters,
 * sub-delims, ':' and '@' stay (RFC 3986 pchar), and so do the characters of also; an escape
 * already made ("%E4") stays, a lone '%' is "%25".
 */
static void encode(GString *out, const char *s, size_t n, const char *also)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%' && i + 2 < n && g_ascii_isxdigit(s[i + 1]) && g_ascii_isxdigit(s[i + 2]))
			g_string_append_c(out, '%');
		else if (c < 0x80 && c && (g_ascii_isalnum(c) || strchr("-._~!$&'()*+,;=:@", c)
					   || (also && strchr(also, c))))
			g_string_append_c(out, (char)c);
		else
			g_string_append_printf(out, "%%%02X", c);
	}
}

/* Path, query and fragment of s (what follows the authority, or a relative reference), encoded. */
static void encode_rest(GString *out, const char *s, bool backslash_is_slash)
{
	size_t path = strcspn(s, "?#");
	const char *q = s + path;

	if (backslash_is_slash) {
		char *p = g_strndup(s, path);

		g_strdelimit(p, "\\", '/');
		encode(out, p, path, "/");
		g_free(p);
	} else {
		encode(out, s, path, "/");
	}
	if (*q == '?') {
		size_t n = strcspn(q + 1, "#");

		g_string_append_c(out, '?');
		encode(out, q + 1, n, "/?");
		q += 1 + n;
	}
	if (*q == '#') {
		g_string_append_c(out, '#');
		encode(out, q + 1, strlen(q + 1), "/?");	/* a second '#' is "%23" */
	}
}

/* An IPv6 literal's inside: hex digits, colons, dots (an IPv4 tail); at least two colons. */
static bool ipv6_ok(const char *s, size_t n)
{
	int colons = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == ':')
			colons++;
		else if (!g_ascii_isxdigit(s[i]) && s[i] != '.')
			return false;
	}
	return colons >= 2;
}

/* Four numbers from 0 to 255, as an IPv4 address is written. */
static bool ipv4_ok(const char *h)
{
	char **parts = g_strsplit(h, ".", -1);
	bool ok = g_strv_length(parts) == 4;

	for (int i = 0; ok && parts[i]; i++) {
		size_t n = strlen(parts[i]);

		ok = n > 0 && n <= 3 && strspn(parts[i], "0123456789") == n && atoi(parts[i]) <= 255;
	}
	g_strfreev(parts);
	return ok;
}

/*
 * A host name in ASCII: labels of letters, digits, '-' and '_', 1 to 63 long, not starting or
 * ending with '-'; a last '.' is allowed; a last label of digits only is an IPv4 address.
 */
static const char *host_name_problem(const char *h)
{
	size_t len = strlen(h), label = 0;
	const char *last = h;

	if (!len)
		return "it names no host";
	if (len > HOST_MAX + 1 || (len == HOST_MAX + 1 && h[len - 1] != '.'))
		return "its host name is longer than 253 characters";
	for (size_t i = 0; i <= len; i++) {
		char c = h[i];

		if (c == '.' || c == '\0') {
			if (label == 0 && !(c == '\0' && i > 0))
				return "its host name has an empty label (two dots, or a dot first)";
			if (label && (h[i - label] == '-' || h[i - 1] == '-'))
				return "a label of its host name starts or ends with '-'";
			if (label)
				last = h + i - label;
			label = 0;
		} else if (g_ascii_isalnum(c) || c == '-' || c == '_') {
			if (++label > LABEL_MAX)
				return "a label of its host name is longer than 63 characters";
		} else {
			return "its host name holds a character no host name has";
		}
	}
	if (g_ascii_isdigit(*last) && strspn(last, "0123456789.") == strlen(last)) {
		char *bare = g_strndup(h, len - (h[len - 1] == '.'));
		bool ok = ipv4_ok(bare);

		g_free(bare);
		if (!ok)
			return "its host is neither a name nor an IPv4 address";
	}
	return NULL;
}

/*
 * The authority of a hierarchical address (s[0..n): userinfo@host:port) as a URI writes it, or
 * NULL with *why set.
 */
/* The host of an authority (s[0..n), no userinfo, no port) in ASCII, lower case; NULL with *why set. */
static char *host(const char *s, size_t n, const char **why)
{
	char *raw = g_strndup(s, n), *name, *ascii;

	/* Written as escapes ("%E4%BE%8B.cn") or as characters: the name, then its ASCII form. */
	name = g_uri_unescape_string(raw, NULL);
	g_free(raw);
	if (!name || !g_utf8_validate(name, -1, NULL)) {
		g_free(name);
		*why = "its host name is not UTF-8 text";
		return NULL;
	}
	ascii = *name ? g_hostname_to_ascii(name) : g_strdup("");
	g_free(name);
	if (!ascii) {
		*why = "its host name cannot be written in ASCII (IDNA)";
		return NULL;
	}
	raw = g_ascii_strdown(ascii, -1);
	g_free(ascii);
	if ((*why = host_name_problem(raw)))
		g_clear_pointer(&raw, g_free);
	return raw;
}

/*
 * The authority of a hierarchical address (s[0..n): userinfo@host:port) as a URI writes it, or
 * NULL with *why set.
 */
static char *authority(const char *s, size_t n, const char **why)
{
	const char *at = g_strrstr_len(s, (gssize)n, "@");
	const char *h = at ? at + 1 : s, *end = s + n, *port;
	GString *out = g_string_new(NULL);
	char *name;

	if (at) {
		GString *user = g_string_new(NULL);

		encode(user, s, (size_t)(at - s), NULL);
		g_string_replace(user, "@", "%40", 0);	/* pchar allows '@'; userinfo does not */
		g_string_append_printf(out, "%s@", user->str);
		g_string_free(user, TRUE);
	}
	if (h < end && *h == '[') {
		const char *close = memchr(h, ']', (size_t)(end - h));

		if (!close || !ipv6_ok(h + 1, (size_t)(close - h - 1)) || (close + 1 < end && close[1] != ':')) {
			*why = "its IPv6 address is not one";
			goto fail;
		}
		name = g_ascii_strdown(h, close + 1 - h);
		port = close + 1;
	} else {
		port = memchr(h, ':', (size_t)(end - h));
		if (!port)
			port = end;
		if (!(name = host(h, (size_t)(port - h), why)))
			goto fail;
	}
	g_string_append(out, name);
	g_free(name);
	/* ":" alone is no port (dropped); else digits, at most 65535. */
	if (port + 1 < end) {
		guint64 v = 0;

		for (const char *p = port + 1; p < end; p++) {
			if (!g_ascii_isdigit(*p) || (v = v * 10 + (guint64)(*p - '0')) > PORT_MAX) {
				*why = "its port is not a number from 0 to 65535";
				goto fail;
			}
		}
		g_string_append_len(out, port, end - port);
	}
	return g_string_free(out, FALSE);
fail:
	g_string_free(out, TRUE);
	return NULL;
}

/* Why a link of the scheme (n bytes at s) is refused: a script's, a file's or data's, or another's (git:, ssh:). */
static const char *refused(const char *s, size_t n)
{
	static const char *const scripts[] = { "javascript", "vbscript", "livescript", "mocha" };

	for (size_t i = 0; i < G_N_ELEMENTS(scripts); i++)
		if (strlen(scripts[i]) == n && !g_ascii_strncasecmp(s, scripts[i], n))
			return "folio keeps no scripts";
	if ((n == 4 && !g_ascii_strncasecmp(s, "file", 4)) || (n == 4 && !g_ascii_strncasecmp(s, "data", 4)))
		return "a book links to no file or data of its own";
	return "a book links only to web (http, https, ftp), mail and telephone addresses";
}

enum uri_verdict uri_from_address(const char *address, char **uri, const char **why)
{
	GString *clean = g_string_new(NULL), *out;
	const char *unused, *rest;
	size_t n = 0, auth;
	int scheme = -1;
	char *a;

	if (!why)
		why = &unused;
	*why = NULL;
	*uri = NULL;
	/* Browsers strip controls and spaces around a URL and tabs and newlines inside it: so do we, all controls. */
	for (const char *p = address ? address : ""; *p; p++)
		if ((unsigned char)*p >= 0x20 && *p != 0x7F)
			g_string_append_c(clean, *p);
	g_strstrip(clean->str);
	g_string_set_size(clean, strlen(clean->str));
	if (clean->len && scheme_char(clean->str[0], true))
		while (n < clean->len && scheme_char(clean->str[n], false))
			n++;
	if (n > 0 && n < clean->len && clean->str[n] == ':') {
		for (size_t i = 0; i < G_N_ELEMENTS(schemes); i++)
			if (strlen(schemes[i]) == n && !g_ascii_strncasecmp(clean->str, schemes[i], n))
				scheme = (int)i;
		if (scheme < 0) {
			*why = refused(clean->str, n);
			g_string_free(clean, TRUE);
			return URI_UNSAFE;
		}
	} else if (g_str_has_prefix(clean->str, "//")) {
		g_string_prepend(clean, "https:");
		scheme = 1;
		n = 5;
	} else {
		out = g_string_sized_new(clean->len + 8);
		encode_rest(out, clean->str, false);
		g_string_free(clean, TRUE);
		*uri = g_string_free(out, FALSE);
		return URI_RELATIVE;
	}
	out = g_string_new(schemes[scheme]);
	g_string_append_c(out, ':');
	rest = clean->str + n + 1;
	if (scheme >= 3) {
		/* mailto: and tel: have no host; a telephone number's spaces are only for the eye. */
		if (!rest[strspn(rest, " ")]) {
			g_string_free(clean, TRUE);
			g_string_free(out, TRUE);
			*why = "it names no address";
			return URI_INVALID;
		}
		if (scheme == 4) {
			char **parts = g_strsplit(rest, " ", -1);
			char *joined = g_strjoinv("", parts);

			encode_rest(out, joined, false);
			g_free(joined);
			g_strfreev(parts);
		} else {
			encode_rest(out, rest, false);
		}
		g_string_free(clean, TRUE);
		*uri = g_string_free(out, FALSE);
		return URI_VALID;
	}
	/* http:, https:, ftp:: "//" (or "\\", or none) and the authority, up to the path. */
	rest += strspn(rest, "/\\");
	auth = strcspn(rest, "/\\?#");
	a = authority(rest, auth, why);
	if (!a) {
		g_string_free(clean, TRUE);
		g_string_free(out, TRUE);
		return URI_INVALID;
	}
	g_string_append(out, "//");
	g_string_append(out, a);
	g_free(a);
	encode_rest(out, rest + auth, true);
	g_string_free(clean, TRUE);
	*uri = g_string_free(out, FALSE);
	return URI_VALID;
}

/*
 * A relative address ("../b/", "b/#part") as a reader's browser takes it on a page published at
 * permalink ("/posts/a/"): the site address it names ("/posts/b/"), or NULL.
 */
char *uri_from_page(const char *permalink, const char *url)
{
	static const char site[] = "http://site.invalid";
	char *base, *abs;
	char *path = NULL;

	if (!permalink || permalink[0] != '/' || url[0] == '/' || strchr(url, ':'))
		return NULL;
	base = g_strconcat(site, permalink, NULL);
	abs = g_uri_resolve_relative(base, url, G_URI_FLAGS_NONE, NULL);
	if (abs && g_str_has_prefix(abs, site) && abs[strlen(site)] == '/')
		path = g_strdup(abs + strlen(site));
	g_free(abs);
	g_free(base);
	return path;
}
