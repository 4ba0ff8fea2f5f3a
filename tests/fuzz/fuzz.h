/* fuzz.h - what folio's fuzz targets share: set-up, a scratch folder, and the XHTML safety oracle. */
#ifndef FOLIO_FUZZ_H
#define FOLIO_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The source tree (templates/, fonts/), set by the Makefile. */
#ifndef FUZZ_DATADIR
#define FUZZ_DATADIR "."
#endif

/* A property the code under test promised and broke: say which, show the evidence, crash. */
#define FUZZ_ASSERT(cond, what, evidence) do { \
	if (!(cond)) \
		fuzz_fail(__FILE__, __LINE__, (what), (evidence)); \
} while (0)

G_GNUC_NORETURN G_GNUC_UNUSED static void fuzz_fail(const char *file, int line, const char *what, const char *evidence)
{
	fprintf(stderr, "fuzz: %s:%d: %s\n", file, line, what);
	fprintf(stderr, "---- evidence ----\n%.4000s\n------------------\n", evidence ? evidence : "");
	abort();
}

static char *fuzz_dir;

G_GNUC_UNUSED static void fuzz_remove_dir(void)
{
	GDir *d;
	const char *name;

	if (!fuzz_dir || !(d = g_dir_open(fuzz_dir, 0, NULL)))
		return;
	while ((name = g_dir_read_name(d))) {
		char *p = g_build_filename(fuzz_dir, name, NULL);

		g_unlink(p);
		g_free(p);
	}
	g_dir_close(d);
	g_rmdir(fuzz_dir);
}

/*
 * A GLib critical (an API misused) is a crash libFuzzer keeps: abort(), not the SIGTRAP GLib raises
 * for fatal messages, which it would not catch. Run the saved input again without -close_fd_mask to
 * read the message. Warnings (librsvg's Pango on an SVG's absurd font size) are the libraries' own.
 */
static GLogWriterOutput fuzz_log_writer(GLogLevelFlags level, const GLogField *fields, gsize n, gpointer data)
{
	if (!(level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL)))
		return G_LOG_WRITER_HANDLED;
	g_log_writer_standard_streams(level, fields, n, data);
	abort();
}

/*
 * Once per process: messages quiet (errors still print; run with -close_fd_mask=2), GLib criticals
 * are crashes, fixed dates, and a scratch folder removed at exit.
 */
G_GNUC_UNUSED static void fuzz_init(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	diag_set_quiet(true);
	g_log_set_writer_func(fuzz_log_writer, NULL, NULL);
	g_setenv("SOURCE_DATE_EPOCH", "1700000000", TRUE);
	g_setenv("TZ", "UTC", TRUE);
	fuzz_dir = g_dir_make_tmp("folio-fuzz-XXXXXX", NULL);
	if (!fuzz_dir)
		abort();
	atexit(fuzz_remove_dir);
}

/* The scratch file name (g_free). */
G_GNUC_UNUSED static char *fuzz_path(const char *name)
{
	return g_build_filename(fuzz_dir, name, NULL);
}

/* Write data to the scratch file name; returns its path (g_free). */
G_GNUC_UNUSED static char *fuzz_write(const char *name, const void *data, size_t len)
{
	char *path = fuzz_path(name);

	if (!g_file_set_contents(path, data, (gssize)len, NULL))
		abort();
	return path;
}

/* ---- the oracle: well-formed XML that runs nothing and loads nothing ---- */

static const char *const fuzz_forbidden[] = {
	"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input",
	"button", "textarea", "select", "base", "portal", "video", "audio", "source", "foreignObject",
	"use", "image", "animate", "set", "handler", "listener",
};

/*
 * The scheme of a URL as a browser reads it (WHATWG URL: C0 controls and spaces around it and tab,
 * CR, LF inside removed; a letter, then letters, digits, "+", "-", ".", then ":"), lower-cased;
 * NULL when it has none (a relative URL). g_free.
 */
G_GNUC_UNUSED static char *fuzz_scheme(const char *value)
{
	GString *v = g_string_new(NULL);
	size_t n = 0;
	char *scheme = NULL;

	while (*value && (unsigned char)*value <= 0x20)
		value++;
	for (const char *p = value; *p; p++)
		if (*p != '\t' && *p != '\n' && *p != '\r')
			g_string_append_c(v, g_ascii_tolower(*p));
	if (g_ascii_isalpha(v->str[0]))
		while (g_ascii_isalnum(v->str[n]) || v->str[n] == '+' || v->str[n] == '-' || v->str[n] == '.')
			n++;
	if (n > 0 && v->str[n] == ':')
		scheme = g_strndup(v->str, n);
	g_string_free(v, TRUE);
	return scheme;
}

/* Is value a URL with a scheme other than those a book may link to (link) or with any scheme? */
G_GNUC_UNUSED static bool fuzz_bad_scheme(const char *value, bool link)
{
	static const char *const ok[] = { "http", "https", "mailto", "tel", "ftp" };
	char *scheme = fuzz_scheme(value);
	bool bad = scheme != NULL;

	for (size_t i = 0; scheme && link && i < G_N_ELEMENTS(ok); i++)
		if (!strcmp(scheme, ok[i]))
			bad = false;
	g_free(scheme);
	return bad;
}

G_GNUC_UNUSED static void fuzz_check_node(const xmlNode *n, const char *doc)
{
	for (; n; n = n->next) {
		const char *name = (const char *)n->name;
		bool xhtml;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; i < G_N_ELEMENTS(fuzz_forbidden); i++)
			FUZZ_ASSERT(g_ascii_strcasecmp(name, fuzz_forbidden[i]), "forbidden element written", doc);
		/* The package file (OPF) has a meta of its own: these rules are XHTML's. */
		xhtml = n->ns && !strcmp((const char *)n->ns->href, "http://www.w3.org/1999/xhtml");
		if (xhtml && !strcmp(name, "meta")) {
			FUZZ_ASSERT(n->properties && !n->properties->next
				    && !strcmp((const char *)n->properties->name, "charset"), "meta other than charset", doc);
		}
		if (xhtml && !strcmp(name, "link")) {
			xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");

			FUZZ_ASSERT(href && !strcmp((const char *)href, "css/epub.css"), "link other than the stylesheet", doc);
			xmlFree(href);
		}
		for (const xmlAttr *a = n->properties; a; a = a->next) {
			const char *an = (const char *)a->name;
			xmlChar *v = xmlNodeGetContent((xmlNode *)a);
			const char *value = v ? (const char *)v : "";

			FUZZ_ASSERT(g_ascii_strncasecmp(an, "on", 2), "event handler attribute written", doc);
			FUZZ_ASSERT(g_ascii_strcasecmp(an, "style"), "style attribute written", doc);
			if (!g_ascii_strcasecmp(an, "href"))
				FUZZ_ASSERT(!fuzz_bad_scheme(value, true), "href with an unsafe scheme", doc);
			if (!g_ascii_strcasecmp(an, "src") || !g_ascii_strcasecmp(an, "data")
			    || !g_ascii_strcasecmp(an, "action") || !g_ascii_strcasecmp(an, "formaction")
			    || !g_ascii_strcasecmp(an, "poster") || !g_ascii_strcasecmp(an, "srcset"))
				FUZZ_ASSERT(!fuzz_bad_scheme(value, false), "something loaded from outside the book", doc);
			xmlFree(v);
		}
		fuzz_check_node(n->children, doc);
	}
}

/*
 * The XML document (or fragment wrapped by the caller) is well-formed and safe; else crash. No
 * XML_PARSE_HUGE: readers' parsers take 256 levels of elements, no more.
 */
G_GNUC_UNUSED static void fuzz_check_xml(const char *xml, size_t len)
{
	xmlDoc *d = xmlReadMemory(xml, (int)len, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	FUZZ_ASSERT(d != NULL, "not well-formed XML", xml);
	fuzz_check_node(xmlDocGetRootElement(d), xml);
	xmlFreeDoc(d);
}

#endif
