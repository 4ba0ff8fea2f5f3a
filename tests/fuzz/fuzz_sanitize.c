/*
 * fuzz_sanitize.c - the raw HTML sanitizer on its own. The first byte chooses what the rest is:
 *   0: HTML blocks of one Markdown container (split at blank lines, so lone <div>s open and close
 *      across them); the XHTML written must be well-formed and run and load nothing; and each
 *      <table> read as the PDF sets it (html_table_gfm): a GFM table of at most 40 columns, or none;
 *   1: an SVG image file (svgfile_clean): well-formed, an <svg> root, nothing that runs or loads;
 *   2: a URL (sanitize_url): only the schemes a book may link to, only URL-safe bytes;
 *   3: <img> sources found in raw HTML (sanitize_image_sources): each non-empty, a caption only in a figure.
 */
#include "fuzz.h"

#include <cmark-gfm-core-extensions.h>

#include "html/sanitize.h"
#include "html/table.h"
#include "base/xmlesc.h"
#include "html/rawhtml.h"
#include "media/svgfile.h"

static void put_image(void *data, GString *out, cmark_node *node, const char *src, int nth, const char *alt,
		      bool block)
{
	FUZZ_ASSERT(nth >= 0, "an <img> numbered below 0", src);
	/* As the EPUB writer does: the address is text, never a source. */
	g_string_append(out, block ? "<div class=\"img\">" : "<span class=\"img\">");
	xml_escape(out, src, -1);
	g_string_append(out, block ? "</div>" : "</span>");
}

/* Every <table> of a block (in document order) as the PDF reads it: a document whose first child is a GFM table, or NULL. */
static void tables(const char *html, int line)
{
	htmlDocPtr doc = sanitize_parse_html(html);

	for (const xmlNode *n = doc ? doc->children : NULL; n; n = sanitize_next_node(n, (const xmlNode *)doc, true)) {
		if (n->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)n->name, "table")) {
			cmark_node *t = html_table_gfm(n, line, "zh-CN");

			if (t) {
				cmark_node *table = cmark_node_first_child(t);

				FUZZ_ASSERT(table && !strcmp(cmark_node_get_type_string(table), "table"), "no table read", html);
				FUZZ_ASSERT(cmark_gfm_extensions_get_table_columns(table) <= 40, "a table wider than 40 columns", html);
				cmark_node_free(t);
			}
		}
	}
	if (doc)
		xmlFreeDoc(doc);
}

static void blocks(const char *html)
{
	GString *out = g_string_new("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT), *quote = cmark_node_new(CMARK_NODE_BLOCK_QUOTE);
	struct sanitizer *s = rawhtml_new(out, "fuzz.md", "en", put_image, NULL);
	char **parts = g_strsplit(html, "\n\n", -1);

	s->quiet = true;
	cmark_node_append_child(doc, quote);
	for (int i = 0; parts[i]; i++) {
		cmark_node *n = cmark_node_new(CMARK_NODE_HTML_BLOCK);

		cmark_node_set_literal(n, parts[i]);
		cmark_node_append_child(quote, n);
		rawhtml_block(s, n, i + 1);
		tables(parts[i], i + 1);
	}
	rawhtml_close(s, quote);
	rawhtml_close(s, doc);
	FUZZ_ASSERT(s->open->len == 0, "raw elements left open", out->str);
	FUZZ_ASSERT(s->link_depth == 0, "link depth not back to 0", out->str);
	g_string_append(out, "</div>");
	fuzz_check_xml(out->str, out->len);
	g_strfreev(parts);
	sanitizer_free(s);
	cmark_node_free(doc);
	g_string_free(out, TRUE);
}

/* Nothing in the cleaned SVG runs or loads: no script or HTML, no event attribute, no address but its own. */
static void svg_safe(const xmlNode *n, const char *svg)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		FUZZ_ASSERT(strcmp((const char *)n->name, "script") && strcmp((const char *)n->name, "foreignObject"),
			    "an SVG keeps a script or HTML", svg);
		for (const xmlAttr *a = n->properties; a; a = a->next) {
			char *v = (char *)xmlNodeListGetString(n->doc, a->children, 1);
			char *low = g_ascii_strdown(v ? v : "", -1);

			FUZZ_ASSERT(g_ascii_strncasecmp((const char *)a->name, "on", 2), "an SVG keeps an event attribute", svg);
			if (!strcmp((const char *)a->name, "href"))
				FUZZ_ASSERT(low[0] == '#' || g_str_has_prefix(low, "data:image/"), "an SVG keeps an address", svg);
			for (const char *u = strstr(low, "url("); u; u = strstr(u + 4, "url(")) {
				const char *p = u + 4 + strspn(u + 4, " \"'");

				FUZZ_ASSERT(*p == '#', "an SVG keeps a url() of another file", svg);
			}
			g_free(low);
			xmlFree(v);
		}
		if (!strcmp((const char *)n->name, "style")) {
			xmlChar *css = xmlNodeGetContent(n);
			char *low = g_ascii_strdown(css ? (const char *)css : "", -1);

			FUZZ_ASSERT(!strstr(low, "@import"), "an SVG's style sheet imports another", svg);
			for (const char *u = strstr(low, "url("); u; u = strstr(u + 4, "url(")) {
				const char *p = u + 4 + strspn(u + 4, " \"'");

				FUZZ_ASSERT(*p == '#' || g_str_has_prefix(p, "data:"), "an SVG's style sheet names another file", svg);
			}
			g_free(low);
			xmlFree(css);
		}
		svg_safe(n->children, svg);
	}
}

static void svg(const char *data, size_t len)
{
	char *flaw = NULL;
	struct svg_facts facts;
	GString *out = svgfile_clean(data, len, 50, &facts, &flaw);
	xmlDoc *d;

	g_free(flaw);
	if (!out)
		return;
	/* (an SVG's own style attributes and sheets stay, cleaned: not the XHTML's rules of fuzz_check_xml) */
	d = xmlReadMemory(out->str, (int)out->len, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR
			  | XML_PARSE_NOWARNING);
	FUZZ_ASSERT(d != NULL, "a cleaned SVG that is not well-formed XML", out->str);
	FUZZ_ASSERT(!strcmp((const char *)xmlDocGetRootElement(d)->name, "svg"), "SVG image without an svg root", out->str);
	svg_safe(xmlDocGetRootElement(d), out->str);
	xmlFreeDoc(d);
	g_string_free(out, TRUE);
}

static void url(const char *in)
{
	static const char *const schemes[] = { "http:", "https:", "mailto:", "tel:", "ftp:" };
	bool relative = true;
	char *u = sanitize_url(in, &relative);
	bool known = false;
	char *scheme;

	if (!u)
		return;
	for (const char *p = u; *p; p++)
		FUZZ_ASSERT((unsigned char)*p > 0x20 && (unsigned char)*p < 0x7F && !strchr("\"<>\\^`{|}", *p),
			    "URL keeps a byte that must be escaped", u);
	for (size_t i = 0; i < G_N_ELEMENTS(schemes); i++)
		known |= g_str_has_prefix(u, schemes[i]);
	scheme = fuzz_scheme(u);
	if (relative)
		FUZZ_ASSERT(!scheme, "relative URL with a scheme", u);
	else
		FUZZ_ASSERT(known && scheme, "absolute URL with a scheme not allowed", u);
	g_free(scheme);
	g_free(u);
}

static void found_image(void *data, const char *src, const char *alt, enum sanitize_img_place place,
			const char *caption)
{
	FUZZ_ASSERT(src && *src && alt, "empty image source reported", src);
	FUZZ_ASSERT(!caption || place == SANITIZE_IMG_IN_FIGURE, "a caption for a picture in no figure", src);
	(*(int *)data)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text;
	int count = 0;

	fuzz_init();
	if (size < 1)
		return 0;
	text = g_strndup((const char *)data + 1, size - 1);	/* raw HTML comes as C strings */
	switch (data[0] & 3) {
	case 0:
		blocks(text);
		break;
	case 1:
		svg((const char *)data + 1, size - 1);
		break;
	case 2:
		url(text);
		break;
	default:
		sanitize_image_sources(text, found_image, &count);
		break;
	}
	g_free(text);
	return 0;
}
