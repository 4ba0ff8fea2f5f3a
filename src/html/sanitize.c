/* sanitize.c - raw HTML through libxml2's HTML parser and an allow-list; never loses the text around it. */
#include "html/sanitize.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "base/diag.h"
#include "html/allow.h"
#include "html/uri.h"
#include "text/l10n.h"
#include "base/xmlesc.h"
#include "base/langtag.h"

static const struct elem elems[] = {
	/* flow */
	{ "p", "p", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "div", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "section", "section", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "article", "article", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "aside", "aside", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "header", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "footer", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "address", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "blockquote", "blockquote", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "figure", "figure", A_KEEP, X_FLOW, C_FIGURE, NULL },
	{ "h1", "h1", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "h2", "h2", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "h3", "h3", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "h4", "h4", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "h5", "h5", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "h6", "h6", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "hr", "hr", A_KEEP, X_FLOW, C_VOID, NULL },
	{ "pre", "pre", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "listing", "pre", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "xmp", "pre", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "plaintext", "pre", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "ul", "ul", A_KEEP, X_FLOW, C_LIST, NULL },
	{ "ol", "ol", A_KEEP, X_FLOW, C_LIST, " start reversed type " },
	{ "dir", "ul", A_KEEP, X_FLOW, C_LIST, NULL },
	{ "menu", "ul", A_KEEP, X_FLOW, C_LIST, NULL },
	{ "li", "li", A_KEEP, X_LI, C_FLOW, " value " },
	/* A definition list, details and the like become plain blocks: always valid, always readable. */
	{ "dl", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "dt", "p", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "dd", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "details", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "summary", "p", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "center", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "main", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "nav", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "hgroup", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "dialog", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "fieldset", "div", A_KEEP, X_FLOW, C_FLOW, NULL },
	{ "legend", "p", A_KEEP, X_FLOW, C_PHRASE, NULL },
	{ "table", "table", A_TABLE, X_FLOW, C_FLOW, NULL },
	{ "tr", "tr", A_KEEP, X_TR, C_ROW, NULL },
	{ "td", "td", A_KEEP, X_CELL, C_FLOW, " colspan rowspan " },
	{ "th", "th", A_KEEP, X_CELL, C_PHRASE, " colspan rowspan scope abbr " },
	{ "figcaption", "figcaption", A_KEEP, X_FIGCAPTION, C_FLOW, NULL },
	/* phrasing */
	{ "a", "a", A_A, X_PHRASE, C_PHRASE, NULL },
	{ "img", "img", A_IMG, X_PHRASE, C_VOID, NULL },
	{ "abbr", "abbr", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "acronym", "abbr", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "b", "b", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "bdi", "bdi", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "bdo", "bdo", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "br", "br", A_KEEP, X_PHRASE, C_VOID, NULL },
	{ "wbr", "wbr", A_KEEP, X_PHRASE, C_VOID, NULL },
	{ "cite", "cite", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "code", "code", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "tt", "code", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "del", "del", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "ins", "ins", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "dfn", "dfn", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "em", "em", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "i", "i", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "kbd", "kbd", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "mark", "mark", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "q", "q", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "s", "s", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "strike", "s", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "samp", "samp", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "small", "small", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "span", "span", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "strong", "strong", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "sub", "sub", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "sup", "sup", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "u", "u", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "var", "var", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "big", "span", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "font", "span", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "blink", "span", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "marquee", "span", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "nobr", "span", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "time", "span", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "data", "span", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "label", "span", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "output", "span", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "button", "span", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "rb", "span", A_KEEP, X_PHRASE, C_PHRASE, NULL },
	{ "ruby", "ruby", A_KEEP, X_PHRASE, C_RUBY, NULL },
	{ "rt", "rt", A_KEEP, X_RT, C_PHRASE, NULL },
	{ "rp", "rp", A_KEEP, X_RT, C_PHRASE, NULL },
	/* code and things that load or act: never written */
	{ "script", NULL, A_DROP, 0, 0, NULL },
	{ "style", NULL, A_DROP, 0, 0, NULL },
	{ "meta", NULL, A_DROP_WARN, 0, 0, NULL },
	{ "link", NULL, A_DROP_WARN, 0, 0, NULL },
	{ "base", NULL, A_DROP_WARN, 0, 0, NULL },
	{ "input", NULL, A_DROP_WARN, 0, 0, NULL },
	{ "keygen", NULL, A_DROP_WARN, 0, 0, NULL },
	{ "form", NULL, A_UNWRAP_WARN, 0, 0, NULL },
	{ "frameset", NULL, A_UNWRAP_WARN, 0, 0, NULL },
	{ "iframe", NULL, A_EMBED, 0, 0, NULL },
	{ "frame", NULL, A_EMBED, 0, 0, NULL },
	{ "object", NULL, A_EMBED, 0, 0, NULL },
	{ "embed", NULL, A_EMBED, 0, 0, NULL },
	{ "applet", NULL, A_EMBED, 0, 0, NULL },
	{ "video", NULL, A_EMBED, 0, 0, NULL },
	{ "audio", NULL, A_EMBED, 0, 0, NULL },
	{ "portal", NULL, A_EMBED, 0, 0, NULL },
	{ "source", NULL, A_DROP, 0, 0, NULL },
	{ "track", NULL, A_DROP, 0, 0, NULL },
	{ "param", NULL, A_DROP, 0, 0, NULL },
	{ "col", NULL, A_DROP, 0, 0, NULL },
	{ "area", NULL, A_DROP, 0, 0, NULL },
	{ "svg", NULL, A_SVG, X_PHRASE, 0, NULL },
	{ "math", NULL, A_MATH, X_PHRASE, 0, NULL },
	/*
	 * Everything else the parser knows (html, head, body, title, noscript,
	 * template, textarea, select, option, canvas, picture, colgroup, ...)
	 * and every unknown name: the tag goes, the content stays.
	 */
};

/* Names of HTML elements written as text when they come as unknown inline tags ("Vector<int>"). */
static const char *const known_unwrapped[] = {
	"html", "head", "body", "title", "noscript", "noembed", "noframes", "template", "textarea",
	"select", "option", "optgroup", "datalist", "canvas", "picture", "map", "colgroup", "thead",
	"tbody", "tfoot", "caption", "slot", "search", "meter", "progress", "object", "basefont",
	"bgsound", "isindex", "image", "multicol", "spacer", "center", "math", "svg",
	/* MathML's and SVG's elements, met as inline pieces (lower case, as allow_tag_name gives them:
	   the PDF printed "<linearGradient id=...>" and "<maction ...>" as text) */
	"mi", "mn", "mo", "ms", "mtext", "mrow", "mfrac", "msqrt", "mroot", "msub", "msup", "msubsup",
	"munder", "mover", "munderover", "mtable", "mtr", "mtd", "mspace", "mstyle", "semantics",
	"annotation", "annotation-xml", "maction", "maligngroup", "malignmark", "menclose", "merror",
	"mfenced", "mglyph", "mlabeledtr", "mlongdiv", "mmultiscripts", "mpadded", "mphantom",
	"mprescripts", "mscarries", "mscarry", "msgroup", "msline", "msrow", "mstack",
	"path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "g", "tspan", "text", "desc",
	"use", "defs", "foreignobject", "animate", "animatemotion", "animatetransform", "set", "clippath",
	"lineargradient", "radialgradient", "textpath", "feblend", "fecolormatrix", "fecomponenttransfer", "fecomposite", "feconvolvematrix",
	"fediffuselighting", "fedisplacementmap", "fedistantlight", "fedropshadow", "feflood", "fefunca",
	"fefuncb", "fefuncg", "fefuncr", "fegaussianblur", "feimage", "femerge", "femergenode",
	"femorphology", "feoffset", "fepointlight", "fespecularlighting", "fespotlight", "fetile",
	"feturbulence", "mpath",
	/* (not "none", "stop", "filter", "mask", "pattern", "symbol", "view" ...: "<none>" and
	   "git log <pattern>" in prose are the author's words, kept as text) */
};


const struct elem *allow_elem(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(elems); i++)
		if (!g_ascii_strcasecmp(elems[i].name, name))
			return &elems[i];
	return NULL;
}

bool allow_known_name(const char *name)
{
	if (allow_elem(name))
		return true;
	for (size_t i = 0; i < G_N_ELEMENTS(known_unwrapped); i++)
		if (!g_ascii_strcasecmp(known_unwrapped[i], name))
			return true;
	return false;
}

char *allow_tag_name(const char *piece, bool *end)
{
	const char *p, *q;

	if (!piece || piece[0] != '<' || piece[1] == '!' || piece[1] == '?')
		return NULL;
	*end = piece[1] == '/';
	p = piece + 1 + *end;
	for (q = p; g_ascii_isalnum(*q) || *q == '-'; q++)
		;
	return g_ascii_strdown(p, q - p);
}

char *allow_cdata_text(const char *piece)
{
	size_t len;

	if (!piece || !allow_starts_ci(piece, "<![CDATA["))
		return NULL;
	len = strlen(piece);
	return g_strndup(piece + 9, len >= 12 ? len - 12 : 0);
}

bool allow_holds_code(const char *name)
{
	return !g_ascii_strcasecmp(name, "script") || !g_ascii_strcasecmp(name, "style");
}

cmark_node *allow_end_tag_after(cmark_node *node, cmark_node *stop, const char *name)
{
	for (cmark_node *n = cmark_node_next(node); n && n != stop; n = cmark_node_next(n)) {
		bool end = false;
		char *other = cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE
				      ? allow_tag_name(cmark_node_get_literal(n), &end) : NULL;
		bool found = other && end && !strcmp(other, name);

		g_free(other);
		if (found)
			return n;
	}
	return NULL;
}

char *allow_link_address(const xmlNode *a)
{
	char *href = allow_attr(a, "href");
	bool relative = false;
	char *safe = href ? sanitize_url(href, &relative) : NULL;

	g_free(href);
	if (safe && relative) {
		g_free(safe);
		return NULL;
	}
	return safe;
}

struct sanitizer *sanitizer_new(GString *out, const char *file, const char *lang, sanitize_image_fn image,
				void *image_data)
{
	struct sanitizer *s = g_new0(struct sanitizer, 1);

	s->out = out;
	s->file = file;
	s->lang = lang;
	s->image = image;
	s->image_data = image_data;
	return s;
}

void sanitizer_free(struct sanitizer *s)
{
	if (!s)
		return;
	if (s->open)
		g_array_free(s->open, TRUE);
	g_free(s);
}

void allow_warn(struct sanitizer *s, int line, const char *fmt, ...)
{
	/* Pasted newsletters drop the same tag hundreds of times: the same words are one cause. */
	static const struct diag_kind raw_html = { "raw-html", "raw HTML warnings", NULL };
	va_list ap;

	if (!s || s->quiet)
		return;	/* (NULL: a parse for a reader that says nothing, sanitize_parse_html) */
	va_start(ap, fmt);
	diag_kind_vat(DIAG_WARNING, &raw_html, NULL, NULL, s->file, line, fmt, ap);
	va_end(ap);
}

/* ---- URLs ---------------------------------------------------------------- */

bool sanitize_url_is_web(const char *href)
{
	return href && (g_str_has_prefix(href, "http://") || g_str_has_prefix(href, "https://"));
}

bool sanitize_placeholder_shows_link(const char *link, const char *own)
{
	return sanitize_url_is_web(link) && (!own || strcmp(link, own));
}

char *sanitize_url(const char *url, bool *relative)
{
	char *uri;

	*relative = uri_from_address(url, &uri, NULL) == URI_RELATIVE;
	return uri;
}

/* ---- reading raw HTML ---------------------------------------------------- */

bool allow_starts_ci(const char *s, const char *prefix)
{
	return !g_ascii_strncasecmp(s, prefix, strlen(prefix));
}

/* Case-insensitive strstr. */
static const char *find_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!g_ascii_strncasecmp(hay, needle, n))
			return hay;
	return NULL;
}

/* Elements whose content an HTML parser reads as raw text to their end tag, or never ends. */
static const char *const raw_text[] = {
	"script", "style", "iframe", "textarea", "title", "xmp", "noembed", "noframes", "noscript",
	"template", "plaintext",
};

/* Line of offset off in text, counting from line. */
static int line_at(const char *text, size_t off, int line)
{
	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

/*
 * Before the parser sees a piece of raw HTML: an opening that is never
 * closed (<script> without </script>, <!-- without -->) would hide all that
 * follows, so it is dropped and reported; CDATA sections become text.
 */
char *allow_prescan(struct sanitizer *s, const char *html, int line)
{
	GString *o = g_string_sized_new(strlen(html));
	const char *p = html;

	while (*p) {
		if (p[0] != '<') {
			g_string_append_c(o, *p++);
			continue;
		}
		if (allow_starts_ci(p, "<!--")) {
			const char *end = strstr(p + 4, "-->");

			if (p[4] == '>')
				end = p + 2;
			else if (!strncmp(p + 4, "->", 2))
				end = p + 3;
			if (!end) {
				allow_warn(s, line_at(html, (size_t)(p - html), line),
					  "raw HTML comment '<!--' is never closed; its text is kept");
				p += 4;
				continue;
			}
			g_string_append_len(o, p, end + 3 - p);
			p = end + 3;
			continue;
		}
		if (allow_starts_ci(p, "<![CDATA[")) {
			const char *start = p + 9, *end = strstr(start, "]]>");
			size_t n = end ? (size_t)(end - start) : strlen(start);

			for (size_t i = 0; i < n; i++) {
				if (start[i] == '<')
					g_string_append(o, "&lt;");
				else if (start[i] == '&')
					g_string_append(o, "&amp;");
				else
					g_string_append_c(o, start[i]);
			}
			p = start + n + (end ? 3 : 0);
			continue;
		}
		for (size_t i = 0; i < G_N_ELEMENTS(raw_text); i++) {
			size_t n = strlen(raw_text[i]);
			char closer[32];
			const char *gt, *close;

			if (g_ascii_strncasecmp(p + 1, raw_text[i], n) || g_ascii_isalnum(p[1 + n]) || p[1 + n] == '-')
				continue;
			g_snprintf(closer, sizeof closer, "</%s", raw_text[i]);
			gt = strchr(p, '>');
			close = find_ci(gt ? gt : p, closer);
			if (!strcmp(raw_text[i], "plaintext") || !close) {
				allow_warn(s, line_at(html, (size_t)(p - html), line),
					  "raw HTML <%s> is never closed; the tag is dropped and the text after it kept",
					  raw_text[i]);
				p = gt ? gt + 1 : p + 1 + n;
				goto next;
			}
			/* Script and style are code to their end tag: nothing in them is read as HTML. */
			if (i < 2) {
				g_string_append_len(o, p, close - p);
				p = close;
				goto next;
			}
			break;
		}
		g_string_append_c(o, *p++);
next:		;
	}
	return g_string_free(o, FALSE);
}

/*
 * Each <img> that names a picture numbered among those of its address, in document order
 * (sanitize_img_nth): the records of a raw HTML node are its pictures in that order, and two
 * of one address are two records (their alt texts and captions their own).
 */
static void number_images(htmlDocPtr doc)
{
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	for (xmlNode *n = doc->children; n; n = (xmlNode *)sanitize_next_node(n, (const xmlNode *)doc, true)) {
		char *src;
		guint nth;

		if (n->type != XML_ELEMENT_NODE || g_ascii_strcasecmp((const char *)n->name, "img"))
			continue;
		src = sanitize_img_src(n);
		if (!src || !*g_strstrip(src)) {
			g_free(src);
			continue;
		}
		nth = GPOINTER_TO_UINT(g_hash_table_lookup(seen, src));
		n->_private = GUINT_TO_POINTER(nth + 1);
		g_hash_table_replace(seen, src, GUINT_TO_POINTER(nth + 1));
	}
	g_hash_table_destroy(seen);
}

int sanitize_img_nth(const xmlNode *img)
{
	return img->_private ? (int)GPOINTER_TO_UINT(img->_private) - 1 : 0;
}

/*
 * A start tag's attributes past MAX_ATTRS are left out before libxml2 reads it: it compares each
 * attribute with every one before it (a tag of 100,000 attributes took 50 s); no page needs so many.
 */
enum { MAX_ATTRS = 256 };

/* In tag, from just after its name: where its MAX_ATTRS-th attribute ends (or NULL), and where the tag ends. */
static const char *attrs_cut(const char *p, const char **end)
{
	const char *cut = NULL;
	int n = 0;

	for (;;) {
		while (*p && (g_ascii_isspace(*p) || *p == '/'))
			p++;
		if (!*p || *p == '>')
			break;
		while (*p && !g_ascii_isspace(*p) && *p != '=' && *p != '>' && *p != '/')
			p++;	/* the name */
		while (*p && g_ascii_isspace(*p))
			p++;
		if (*p == '=') {
			p++;
			while (*p && g_ascii_isspace(*p))
				p++;
			if (*p == '"' || *p == '\'') {
				char q = *p++;

				while (*p && *p != q)
					p++;
				if (*p)
					p++;
			} else {
				while (*p && !g_ascii_isspace(*p) && *p != '>')
					p++;
			}
		}
		if (++n == MAX_ATTRS)
			cut = p;
	}
	*end = p;
	return cut;
}

/* html without the attributes past MAX_ATTRS of any tag, or NULL when no tag has so many. */
static char *without_extra_attrs(const char *html)
{
	GString *out = NULL;
	const char *copied = html;

	for (const char *p = strchr(html, '<'); p; p = strchr(p, '<')) {
		const char *name = p + 1, *cut, *end;

		if (!g_ascii_isalpha(*name)) {
			p++;
			continue;
		}
		while (g_ascii_isalnum(*name) || *name == '-' || *name == ':')
			name++;
		cut = attrs_cut(name, &end);
		if (cut) {
			if (!out)
				out = g_string_new(NULL);
			g_string_append_len(out, copied, cut - copied);
			copied = end;	/* from the tag's ">" (or the end) */
		}
		if (!*end)
			break;
		p = end;
	}
	if (!out)
		return NULL;
	g_string_append(out, copied);
	return g_string_free(out, FALSE);
}

/*
 * HTML5's void elements, which hold nothing. libxml2's HTML 4 parser does not know some of them
 * (<wbr>, <source>, <track>, <keygen>) and took the text after one as its children: the EPUB lost
 * it ("Supercali<wbr>fragilistic W2" kept "Supercali"), the PDF after an <embed>. What such an
 * element took follows it.
 */
static void unnest_voids(htmlDocPtr doc)
{
	static const char *const voids[] = { "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen",
					     "link", "meta", "param", "source", "track", "wbr" };

	for (xmlNode *n = doc->children; n; n = (xmlNode *)sanitize_next_node(n, (const xmlNode *)doc, true)) {
		bool is_void = false;

		if (n->type != XML_ELEMENT_NODE || !n->children)
			continue;
		for (size_t i = 0; i < G_N_ELEMENTS(voids) && !is_void; i++)
			is_void = !g_ascii_strcasecmp((const char *)n->name, voids[i]);
		for (xmlNode *after = n; is_void && n->children;) {
			xmlNode *c = n->children;

			xmlUnlinkNode(c);
			after = xmlAddNextSibling(after, c);
		}
	}
}

/* XML_PARSE_HUGE: past 256 nested elements the parser would drop the text; the writer flattens it instead. */
htmlDocPtr sanitize_parse_html(const char *html)
{
	char *fewer = strchr(html, '<') ? without_extra_attrs(html) : NULL;
	const char *read = fewer ? fewer : html;
	htmlDocPtr doc = htmlReadMemory(read, (int)strlen(read), NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
					| HTML_PARSE_NONET | XML_PARSE_HUGE);

	if (doc)
		unnest_voids(doc);
	if (doc && find_ci(read, "<img"))
		number_images(doc);
	g_free(fewer);
	return doc;
}

htmlDocPtr sanitize_parse_html_block(const char *html)
{
	char *repaired = allow_prescan(NULL, html, 0);
	htmlDocPtr doc = sanitize_parse_html(repaired);

	g_free(repaired);
	return doc;
}

/* ---- writing ------------------------------------------------------------- */

const xmlNode *sanitize_next_node(const xmlNode *n, const xmlNode *top, bool descend)
{
	if (descend && n->children)
		return n->children;
	for (; n && n != top; n = n->parent)
		if (n->next)
			return n->next;
	return NULL;
}

/* Line in the article file of a parsed node, where line is that of the raw HTML's first line. */
static int node_line(const xmlNode *n, int line)
{
	long l = xmlGetLineNo(n);

	return l > 0 ? line + (int)l - 1 : line;
}

char *allow_attr(const xmlNode *n, const char *name)
{
	for (xmlAttr *a = n->properties; a; a = a->next) {
		if (!g_ascii_strcasecmp((const char *)a->name, name)) {
			xmlChar *v = xmlNodeGetContent((xmlNode *)a);
			char *r = g_strdup(v ? (const char *)v : "");

			xmlFree(v);
			return r;
		}
	}
	return NULL;
}

/* The candidate of a srcset with the largest width ("800w"), else density ("2x"; none is 1x). */
static char *srcset_best(const char *set)
{
	char *best = NULL;
	double best_w = -1, best_x = -1;

	for (const char *p = set; p && *p;) {
		const char *url, *desc, *end;
		double w = -1, x = 1;

		while (*p == ',' || g_ascii_isspace(*p))
			p++;
		url = p;
		while (*p && !g_ascii_isspace(*p))
			p++;
		end = p;
		/* A URL that ends in commas ends the candidate there: it has no descriptors (HTML's rule). */
		while (end > url && end[-1] == ',')
			end--;
		desc = p;
		while (end == p && *p && *p != ',')
			p++;
		if (end == url)
			continue;
		for (const char *d = desc; d < p;) {
			char *stop;
			double v = g_ascii_strtod(d, &stop);

			if (stop > d && (*stop == 'w' || *stop == 'W'))
				w = v;
			else if (stop > d && (*stop == 'x' || *stop == 'X'))
				x = v;
			d = stop > d ? stop + 1 : d + 1;
		}
		if (w > best_w || (w == best_w && x > best_x)) {
			g_free(best);
			best = g_strndup(url, (gsize)(end - url));
			best_w = w;
			best_x = x;
		}
	}
	return best;
}

/*
 * A src a page's script replaces as it scrolls: a lazy loader's (its class says "lazy", as
 * Mozilla's Readability reads it: lazyload, lazy-img) or a stand-in by its file name
 * (loading.gif, placeholder.png, spacer.gif, blank.gif).
 */
static bool src_is_stand_in(const xmlNode *img, const char *src)
{
	static const char *const names[] = { "loading", "lazy", "placeholder", "spacer", "blank.", "pixel.",
					     "transparent.", "grey.", "gray." };
	char *class = allow_attr(img, "class"), *low = class ? g_ascii_strdown(class, -1) : NULL;
	const char *file;
	bool lazy = low && strstr(low, "lazy");

	g_free(class);
	g_free(low);
	if (lazy)
		return true;
	low = g_ascii_strdown(src, (gssize)strcspn(src, "?#"));
	file = strrchr(low, '/') ? strrchr(low, '/') + 1 : low;
	for (size_t i = 0; !lazy && i < G_N_ELEMENTS(names); i++)
		lazy = strstr(file, names[i]) != NULL;
	g_free(low);
	return lazy;
}

char *sanitize_img_src(const xmlNode *img)
{
	/* Where lazy loaders keep the picture: most of them and WeChat; jQuery's lazyload and Zhihu;
	   WordPress's; Zhihu's. */
	static const char *const late[] = { "data-src", "data-original", "data-lazy-src", "data-actualsrc", NULL };
	char *src = allow_attr(img, "src"), *set, *found = NULL;

	if (src && *g_strstrip(src) && g_ascii_strncasecmp(src, "data:", 5) && !src_is_stand_in(img, src))
		return src;
	set = allow_attr(img, "srcset");
	found = set ? srcset_best(set) : NULL;
	g_free(set);
	for (int i = 0; !found && late[i]; i++) {
		found = allow_attr(img, late[i]);
		if (found && !*g_strstrip(found))
			g_clear_pointer(&found, g_free);
	}
	if (!found)
		return src;
	g_free(src);
	return found;
}

static bool all_digits(const char *v, size_t max)
{
	size_t n = strlen(v);

	if (!n || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!g_ascii_isdigit(v[i]))
			return false;
	return true;
}

/* Report the attributes that would run code or load something, then forget them. */
void allow_warn_attrs(struct sanitizer *s, const xmlNode *n, int line)
{
	for (xmlAttr *a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;

		if (!g_ascii_strncasecmp(name, "on", 2))
			allow_warn(s, node_line(n, line), "raw HTML: script attribute '%s' of <%s> dropped",
				  name, (const char *)n->name);
	}
}

/* The global attributes kept on every element, then those e allows, each checked. */
static void put_attrs(struct sanitizer *s, const xmlNode *n, const struct elem *e, int line)
{
	char *v;

	allow_warn_attrs(s, n, line);
	if ((v = allow_attr(n, "title")) && *v)
		xml_attr(s->out, "title", v);
	g_free(v);
	if ((v = allow_attr(n, "lang")) && langtag_ok(v)) {
		xml_attr(s->out, "lang", v);
		xml_attr(s->out, "xml:lang", v);
	}
	g_free(v);
	if ((v = allow_attr(n, "dir"))) {
		char *low = g_ascii_strdown(v, -1);

		if (!strcmp(low, "ltr") || !strcmp(low, "rtl") || !strcmp(low, "auto"))
			xml_attr(s->out, "dir", low);
		else if (!strcmp(e->out, "bdo"))
			xml_attr(s->out, "dir", "ltr");
		g_free(low);
	} else if (!strcmp(e->out, "bdo")) {
		xml_attr(s->out, "dir", "ltr");	/* bdo requires one */
	}
	g_free(v);
	if ((v = allow_attr(n, "class"))) {
		GString *c = g_string_new(NULL);
		char **words = g_strsplit_set(v, " \t\n\r\f", -1);

		for (int i = 0; words[i]; i++) {
			bool ok = *words[i] != '\0';

			for (const char *q = words[i]; ok && *q; q++)
				ok = g_ascii_isalnum(*q) || *q == '-' || *q == '_';
			if (ok)
				g_string_append_printf(c, "%s%s", c->len ? " " : "", words[i]);
		}
		if (c->len)
			xml_attr(s->out, "class", c->str);
		g_strfreev(words);
		g_string_free(c, TRUE);
	}
	g_free(v);
	if (!e->attrs)
		return;
	if (strstr(e->attrs, " start ") && (v = allow_attr(n, "start"))) {
		if (all_digits(v + (*v == '-'), 9))
			xml_attr(s->out, "start", v);
		g_free(v);
	}
	if (strstr(e->attrs, " value ") && (v = allow_attr(n, "value"))) {
		if (all_digits(v + (*v == '-'), 9))
			xml_attr(s->out, "value", v);
		g_free(v);
	}
	if (strstr(e->attrs, " reversed ") && (v = allow_attr(n, "reversed"))) {
		xml_attr(s->out, "reversed", "reversed");
		g_free(v);
	}
	if (strstr(e->attrs, " type ") && (v = allow_attr(n, "type"))) {
		if (strlen(v) == 1 && strchr("1aAiI", *v))
			xml_attr(s->out, "type", v);
		g_free(v);
	}
	if (strstr(e->attrs, " colspan ") && (v = allow_attr(n, "colspan"))) {
		if (all_digits(v, 3) && atoi(v) >= 1)
			xml_attr(s->out, "colspan", v);
		g_free(v);
	}
	if (strstr(e->attrs, " rowspan ") && (v = allow_attr(n, "rowspan"))) {
		if (all_digits(v, 4))
			xml_attr(s->out, "rowspan", v);
		g_free(v);
	}
	if (strstr(e->attrs, " scope ") && (v = allow_attr(n, "scope"))) {
		char *low = g_ascii_strdown(v, -1);

		if (!strcmp(low, "row") || !strcmp(low, "col") || !strcmp(low, "rowgroup") || !strcmp(low, "colgroup"))
			xml_attr(s->out, "scope", low);
		g_free(low);
		g_free(v);
	}
	if (strstr(e->attrs, " abbr ") && (v = allow_attr(n, "abbr"))) {
		xml_attr(s->out, "abbr", v);
		g_free(v);
	}
}

void allow_start_tag(struct sanitizer *s, const xmlNode *n, const struct elem *e, int line, bool empty)
{
	g_string_append_printf(s->out, "<%s", e->out);
	if (n)
		put_attrs(s, n, e, line);
	g_string_append(s->out, empty ? "/>" : ">");
}

void allow_end_tag(struct sanitizer *s, const char *name)
{
	g_string_append_printf(s->out, "</%s>", name);
}

static bool is_blank(const char *t)
{
	for (; t && *t; t++)
		if (!strchr(" \t\n\r\f", *t))
			return false;
	return true;
}

/* All the text under n, without script and style. */
static void collect_text(const xmlNode *n, GString *out)
{
	for (const xmlNode *c = n->children; c;) {
		bool code = c->type == XML_ELEMENT_NODE && allow_holds_code((const char *)c->name);

		if (c->type == XML_TEXT_NODE)
			g_string_append(out, (const char *)c->content);
		c = sanitize_next_node(c, n, !code);
	}
}

char *sanitize_text_of(const char *html)
{
	htmlDocPtr doc = sanitize_parse_html_block(html);
	GString *out = g_string_new(NULL);

	if (doc) {
		collect_text((const xmlNode *)doc, out);
		xmlFreeDoc(doc);
	}
	return g_string_free(out, FALSE);
}

/* A link to url (when it is safe and no link is open), else the address as text. */
static void put_address(struct sanitizer *s, const char *url)
{
	bool relative;
	char *safe = sanitize_url(url, &relative);

	if (safe && !relative && s->link_depth == 0) {
		g_string_append(s->out, "<a href=\"");
		xml_escape(s->out, safe, -1);
		g_string_append(s->out, "\">");
		xml_escape(s->out, url, -1);
		g_string_append(s->out, "</a>");
	} else {
		xml_escape(s->out, url, -1);
	}
	g_free(safe);
}

/* The address an iframe, object, embed, video or audio plays (g_free), or NULL. */
static char *embed_source(const xmlNode *n)
{
	char *src = allow_attr(n, "src");

	if (!src || !*src) {
		g_free(src);
		src = allow_attr(n, "data");
	}
	for (const xmlNode *c = n->children; (!src || !*src) && c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)c->name, "source")) {
			g_free(src);
			src = allow_attr(c, "src");
		}
	}
	return src;
}

static enum l10n_label embed_label(const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (!g_ascii_strcasecmp(name, "video"))
		return L_VIDEO;
	if (!g_ascii_strcasecmp(name, "audio"))
		return L_AUDIO;
	return L_EMBED;
}

bool sanitize_is_embed(const char *name)
{
	const struct elem *e = allow_elem(name);

	return e && e->action == A_EMBED;
}

char *sanitize_embed_note(const xmlNode *n, const char *lang)
{
	char *src = embed_source(n);
	char *note = g_strdup_printf("%s%s%s", l10n_label(lang, embed_label(n)), src && *src ? " " : "",
				     src && *src ? src : "");

	g_free(src);
	return note;
}

void allow_put_img(struct sanitizer *s, cmark_node *node, const xmlNode *n, bool block, int line)
{
	char *src = sanitize_img_src(n), *alt = allow_attr(n, "alt");

	allow_warn_attrs(s, n, line);
	if (!src || !*src)
		allow_warn(s, node_line(n, line), "raw HTML <img> names no picture (no src, srcset or data-src); a "
			   "placeholder shows its description");
	if (s->image)
		s->image(s->image_data, s->out, node, src ? src : "", sanitize_img_nth(n), alt ? alt : "", block);
	g_free(src);
	g_free(alt);
}

/* An iframe, object, embed, video or audio: a visible note with its address instead. */
void allow_put_embed(struct sanitizer *s, const xmlNode *n, bool block, int line)
{
	const char *name = (const char *)n->name;
	char *src = embed_source(n);
	enum l10n_label what = embed_label(n);

	allow_warn(s, node_line(n, line), "raw HTML <%s>%s%s cannot play in a book; a link is shown instead",
		  name, src && *src ? " " : "", src ? src : "");
	g_string_append(s->out, block ? "<p class=\"placeholder embed\">" : "<span class=\"placeholder embed\">");
	g_string_append(s->out, "<span class=\"label\">");
	xml_escape(s->out, l10n_label(s->lang, what), -1);
	g_string_append(s->out, "</span>");
	if (src && *src) {
		g_string_append_c(s->out, ' ');
		put_address(s, src);
	}
	g_string_append(s->out, block ? "</p>" : "</span>");
	g_free(src);
}

static void put_children(struct sanitizer *s, const xmlNode *n, enum ctx ctx, int line);

static bool accepts(enum ctx ctx, enum cat cat)
{
	switch (ctx) {
	case C_FLOW:
	case C_FIGURE:
		return cat == X_FLOW || cat == X_PHRASE;
	case C_PHRASE:
		return cat == X_PHRASE;
	case C_RUBY:
		return cat == X_PHRASE || cat == X_RT;
	case C_LIST:
		return cat == X_LI;
	case C_ROWS:
		return cat == X_TR;
	case C_ROW:
		return cat == X_CELL;
	case C_VOID:
		return false;
	}
	return false;
}

static bool text_allowed(enum ctx ctx)
{
	return ctx == C_FLOW || ctx == C_PHRASE || ctx == C_RUBY || ctx == C_FIGURE;
}

/* Is the element child of figure its first or last element child? */
static bool at_figure_edge(const xmlNode *n)
{
	const xmlNode *c;
	bool first = true, last = true;

	for (c = n->prev; c; c = c->prev)
		if (c->type == XML_ELEMENT_NODE || (c->type == XML_TEXT_NODE && !is_blank((const char *)c->content)))
			first = false;
	for (c = n->next; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE || (c->type == XML_TEXT_NODE && !is_blank((const char *)c->content)))
			last = false;
	return first || last;
}

/* Write n where only ctx's children may stand: wrap it in what ctx needs (li, tr, td). */
static void put_wrapped(struct sanitizer *s, const xmlNode *n, enum ctx ctx, int line, enum cat cat)
{
	switch (ctx) {
	case C_LIST:
		g_string_append(s->out, "<li>");
		allow_put_node(s, n, C_FLOW, line);
		g_string_append(s->out, "</li>");
		break;
	case C_ROWS:
		g_string_append(s->out, "<tr>");
		if (cat == X_CELL) {
			allow_put_node(s, n, C_ROW, line);
		} else {
			g_string_append(s->out, "<td>");
			allow_put_node(s, n, C_FLOW, line);
			g_string_append(s->out, "</td>");
		}
		g_string_append(s->out, "</tr>");
		break;
	case C_ROW:
		g_string_append(s->out, "<td>");
		allow_put_node(s, n, C_FLOW, line);
		g_string_append(s->out, "</td>");
		break;
	default:
		/* Flow in phrasing, a stray li or td: keep only the content. */
		if (n->type == XML_ELEMENT_NODE)
			put_children(s, n, ctx, line);
		break;
	}
}

/*
 * A table as HTML allows it: an optional caption, an optional head, then one
 * body holding every other row; stray content gets a row and cell of its own.
 */
static void put_table(struct sanitizer *s, const xmlNode *n, const struct elem *e, int line)
{
	const xmlNode *c, *caption = NULL, *head = NULL;

	for (c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!caption && !head && !g_ascii_strcasecmp((const char *)c->name, "caption"))
			caption = c;
		else if (!head && !g_ascii_strcasecmp((const char *)c->name, "thead"))
			head = c;
		else if (g_ascii_strcasecmp((const char *)c->name, "colgroup"))
			break;
	}
	allow_start_tag(s, n, e, line, false);
	if (caption) {
		g_string_append(s->out, "<caption>");
		put_children(s, caption, C_PHRASE, line);
		g_string_append(s->out, "</caption>");
	}
	if (head) {
		g_string_append(s->out, "<thead>");
		put_children(s, head, C_ROWS, line);
		g_string_append(s->out, "</thead>");
	}
	g_string_append(s->out, "<tbody>");
	for (c = n->children; c; c = c->next) {
		const char *name = (const char *)c->name;

		if (c == caption || c == head)
			continue;
		if (c->type == XML_ELEMENT_NODE
		    && (!g_ascii_strcasecmp(name, "tbody") || !g_ascii_strcasecmp(name, "thead")
			|| !g_ascii_strcasecmp(name, "tfoot") || !g_ascii_strcasecmp(name, "colgroup")))
			put_children(s, c, C_ROWS, line);
		else
			allow_put_node(s, c, C_ROWS, line);
	}
	g_string_append(s->out, "</tbody></table>");
}

/* Ruby as HTML wants it: every group of base text ends with its rt. */
static bool ruby_ok(const xmlNode *n)
{
	bool base = false, seen_rt = false, last_rt = false;

	for (const xmlNode *c = n->children; c; c = c->next) {
		const char *name = c->type == XML_ELEMENT_NODE ? (const char *)c->name : NULL;

		if (name && !g_ascii_strcasecmp(name, "rt")) {
			if (!base && !seen_rt)
				return false;
			seen_rt = last_rt = true;
		} else if (name && !g_ascii_strcasecmp(name, "rp")) {
			continue;
		} else if (name || (c->type == XML_TEXT_NODE && !is_blank((const char *)c->content))) {
			base = true;
			last_rt = false;
		}
	}
	return seen_rt && last_rt;
}

static void put_element(struct sanitizer *s, const xmlNode *n, enum ctx ctx, int line)
{
	const char *name = (const char *)n->name;
	const struct elem *e = allow_elem(name);
	bool block = ctx == C_FLOW || ctx == C_FIGURE;

	if (!e) {
		put_children(s, n, ctx, line);
		return;
	}
	switch (e->action) {
	case A_DROP:
		if (!g_ascii_strcasecmp(name, "script") || !g_ascii_strcasecmp(name, "style")) {
			char *src = allow_attr(n, "src");

			allow_warn(s, node_line(n, line), "raw HTML <%s>%s%s dropped", name,
				  src ? " src=" : "", src ? src : "");
			g_free(src);
		}
		return;
	case A_DROP_WARN:
		allow_warn(s, node_line(n, line), "raw HTML <%s> dropped", name);
		return;
	case A_UNWRAP_WARN:
		allow_warn(s, node_line(n, line), "raw HTML <%s> dropped; its text is kept", name);
		put_children(s, n, ctx, line);
		return;
	case A_UNWRAP:
		put_children(s, n, ctx, line);
		return;
	case A_EMBED:
		if (!text_allowed(ctx)) {
			put_wrapped(s, n, ctx, line, X_FLOW);
			return;
		}
		allow_put_embed(s, n, block, line);
		put_children(s, n, ctx, line);	/* fallback content is text too */
		return;
	case A_SVG:
	case A_MATH:
		if (!text_allowed(ctx)) {
			put_wrapped(s, n, ctx, line, X_PHRASE);
			return;
		}
		if (e->action == A_SVG)
			allow_put_svg(s, n, line);
		else
			allow_put_math(s, n, block);
		return;
	default:
		break;
	}
	if (e->cat == X_FIGCAPTION && ctx == C_FIGURE && at_figure_edge(n)) {
		allow_start_tag(s, n, e, line, false);
		put_children(s, n, C_FLOW, line);
		allow_end_tag(s, e->out);
		return;
	}
	if (e->cat == X_FIGCAPTION) {
		if (!text_allowed(ctx) || ctx == C_PHRASE || ctx == C_RUBY) {
			put_wrapped(s, n, ctx, line, X_FLOW);
			return;
		}
		g_string_append(s->out, "<div>");
		put_children(s, n, C_FLOW, line);
		g_string_append(s->out, "</div>");
		return;
	}
	if (!accepts(ctx, e->cat)) {
		put_wrapped(s, n, ctx, line, e->cat);
		return;
	}
	if (!strcmp(e->out, "ruby") && !ruby_ok(n)) {
		put_children(s, n, ctx, line);	/* the rt text stays, after its base */
		return;
	}
	switch (e->action) {
	case A_IMG:
		allow_put_img(s, s->node, n, block, line);
		return;
	case A_A: {
		char *safe = allow_link_address(n);

		/* A refused address: no link, quietly (the passes said so, sanitize_refused_links). */
		if (!safe || s->link_depth > 0) {
			allow_warn_attrs(s, n, line);
			put_children(s, n, ctx, line);
		} else {
			gsize open_at = s->out->len, inside;

			g_string_append(s->out, "<a");
			put_attrs(s, n, e, line);
			xml_attr(s->out, "href", safe);
			g_string_append_c(s->out, '>');
			inside = s->out->len;
			s->link_depth++;
			put_children(s, n, C_PHRASE, line);
			s->link_depth--;
			/* A link that came out with nothing to read or see (empty, or around a blank picture)
			   names nowhere a reader can tell: its tag goes (DAISY Ace: link-name, serious). */
			if (s->out->str[inside + strspn(s->out->str + inside, " \t\r\n")] == '\0')
				g_string_erase(s->out, (gssize)open_at, (gssize)(inside - open_at));
			else
				allow_end_tag(s, "a");
		}
		g_free(safe);
		return;
	}
	case A_TABLE:
		put_table(s, n, e, line);
		return;
	default:
		break;
	}
	if (e->inner == C_VOID) {
		allow_start_tag(s, n, e, line, true);
		return;
	}
	/* An empty element says nothing; rows and cells keep a table's shape. */
	if (!n->children && e->cat != X_TR && e->cat != X_CELL)
		return;
	allow_start_tag(s, n, e, line, false);
	put_children(s, n, e->inner, line);
	allow_end_tag(s, e->out);
}

void allow_put_node(struct sanitizer *s, const xmlNode *n, enum ctx ctx, int line)
{
	switch (n->type) {
	case XML_ELEMENT_NODE:
		put_element(s, n, ctx, line);
		break;
	case XML_TEXT_NODE:
		if (text_allowed(ctx))
			xml_escape(s->out, (const char *)n->content, -1);
		else if (!is_blank((const char *)n->content))
			put_wrapped(s, n, ctx, line, X_PHRASE);
		break;
	case XML_CDATA_SECTION_NODE:	/* script and style content: code, never text */
	default:
		break;
	}
}

/* Text where only ctx's children may stand, wrapped as ctx needs. */
static void put_plain(struct sanitizer *s, enum ctx ctx, const char *text)
{
	static const char *const wrap[][2] = {
		[C_LIST] = { "<li>", "</li>" }, [C_ROWS] = { "<tr><td>", "</td></tr>" }, [C_ROW] = { "<td>", "</td>" },
	};

	if (ctx == C_VOID || (!text_allowed(ctx) && is_blank(text)))
		return;
	if (!text_allowed(ctx))
		g_string_append(s->out, wrap[ctx][0]);
	xml_escape(s->out, text, -1);
	if (!text_allowed(ctx))
		g_string_append(s->out, wrap[ctx][1]);
}

static void put_children(struct sanitizer *s, const xmlNode *n, enum ctx ctx, int line)
{
	/* Nested past sense (hostile input): the text alone, so readers' parsers take the page. */
	if (s->depth >= SANITIZE_MAX_DEPTH) {
		GString *t = g_string_new(NULL);

		collect_text(n, t);
		put_plain(s, ctx, t->str);
		g_string_free(t, TRUE);
		return;
	}
	s->depth++;
	for (const xmlNode *c = n->children; c; c = c->next)
		allow_put_node(s, c, ctx, line);
	s->depth--;
}

/* ---- SVG and MathML ------------------------------------------------------ */

enum svg_kind { SV_CONTAINER, SV_SHAPE, SV_TEXT, SV_DESC };

static const struct {
	const char *name;
	enum svg_kind kind;
} svg_elems[] = {
	{ "svg", SV_CONTAINER }, { "g", SV_CONTAINER }, { "path", SV_SHAPE }, { "rect", SV_SHAPE },
	{ "circle", SV_SHAPE }, { "ellipse", SV_SHAPE }, { "line", SV_SHAPE }, { "polyline", SV_SHAPE },
	{ "polygon", SV_SHAPE }, { "text", SV_TEXT }, { "tspan", SV_TEXT }, { "title", SV_DESC },
	{ "desc", SV_DESC },
};

/* Attributes kept on SVG elements: the parser's lower-case name, then SVG's own spelling. */
static const char *const svg_attrs[][2] = {
	{ "viewbox", "viewBox" }, { "preserveaspectratio", "preserveAspectRatio" }, { "width", "width" },
	{ "height", "height" }, { "x", "x" }, { "y", "y" }, { "x1", "x1" }, { "y1", "y1" }, { "x2", "x2" },
	{ "y2", "y2" }, { "cx", "cx" }, { "cy", "cy" }, { "r", "r" }, { "rx", "rx" }, { "ry", "ry" },
	{ "d", "d" }, { "points", "points" }, { "fill", "fill" }, { "stroke", "stroke" },
	{ "stroke-width", "stroke-width" }, { "stroke-linecap", "stroke-linecap" },
	{ "stroke-linejoin", "stroke-linejoin" }, { "stroke-dasharray", "stroke-dasharray" },
	{ "stroke-opacity", "stroke-opacity" }, { "fill-opacity", "fill-opacity" }, { "fill-rule", "fill-rule" },
	{ "opacity", "opacity" }, { "transform", "transform" }, { "font-size", "font-size" },
	{ "font-family", "font-family" }, { "font-weight", "font-weight" }, { "font-style", "font-style" },
	{ "text-anchor", "text-anchor" }, { "dx", "dx" }, { "dy", "dy" },
};

static int svg_kind(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(svg_elems); i++)
		if (!g_ascii_strcasecmp(svg_elems[i].name, name))
			return (int)i;
	return -1;
}

/* Definitions that draw nothing where they stand (and would draw wrongly if unwrapped). */
static const char *const svg_unrendered[] = {
	"defs", "mask", "clippath", "symbol", "pattern", "marker", "lineargradient", "radialgradient", "filter",
	"metadata",
};

/* Elements that draw what folio does not keep in SVG (another picture, a copy of a definition,
   HTML): said when left out, since the drawing loses what they showed. */
static const char *const svg_lost[] = { "image", "use", "foreignObject", "video", "iframe" };

/* May SVG element k (-1: unknown) stand inside an element of kind in? */
static bool svg_allowed(enum svg_kind in, int k)
{
	if (k < 0 || !strcmp(svg_elems[k].name, "svg"))
		return false;
	switch (in) {
	case SV_CONTAINER:
		return strcmp(svg_elems[k].name, "tspan") != 0;
	case SV_SHAPE:
		return svg_elems[k].kind == SV_DESC;
	case SV_TEXT:
		return !strcmp(svg_elems[k].name, "tspan");
	case SV_DESC:
		return false;
	}
	return false;
}

static void put_svg_node(struct sanitizer *s, const xmlNode *n, enum svg_kind in, int line)
{
	int k;

	if (n->type == XML_TEXT_NODE) {
		if (in == SV_TEXT || in == SV_DESC) {
			xml_escape(s->out, (const char *)n->content, -1);
		} else if (!is_blank((const char *)n->content)) {
			g_string_append(s->out, "<desc>");
			xml_escape(s->out, (const char *)n->content, -1);
			g_string_append(s->out, "</desc>");
		}
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	k = svg_kind((const char *)n->name);
	for (size_t i = 0; i < G_N_ELEMENTS(svg_unrendered); i++)
		if (!g_ascii_strcasecmp((const char *)n->name, svg_unrendered[i]))
			return;
	if (!g_ascii_strcasecmp((const char *)n->name, "script") || !g_ascii_strcasecmp((const char *)n->name, "style")) {
		allow_warn(s, node_line(n, line), "raw HTML <%s> in SVG dropped", (const char *)n->name);
		return;
	}
	allow_warn_attrs(s, n, line);
	for (size_t i = 0; i < G_N_ELEMENTS(svg_lost); i++)
		if (!g_ascii_strcasecmp((const char *)n->name, svg_lost[i]))
			allow_warn(s, node_line(n, line), "raw HTML: SVG <%s> left out: folio keeps an SVG's shapes and "
				   "text, not the pictures, copies or HTML it brings in", svg_lost[i]);
	/* Nested past sense: its text alone, where text may stand. */
	if (s->depth >= SANITIZE_MAX_DEPTH) {
		GString *t = g_string_new(NULL);

		collect_text(n, t);
		if (!is_blank(t->str))
			g_string_append(s->out, in == SV_TEXT || in == SV_DESC ? "" : "<desc>");
		xml_escape(s->out, t->str, -1);
		if (!is_blank(t->str))
			g_string_append(s->out, in == SV_TEXT || in == SV_DESC ? "" : "</desc>");
		g_string_free(t, TRUE);
		return;
	}
	/* Where it may not stand (or is not allowed at all), keep only its content. */
	if (!svg_allowed(in, k)) {
		for (const xmlNode *c = n->children; c; c = c->next)
			put_svg_node(s, c, in, line);
		return;
	}
	g_string_append_printf(s->out, "<%s", svg_elems[k].name);
	for (size_t i = 0; i < G_N_ELEMENTS(svg_attrs); i++) {
		char *v = allow_attr(n, svg_attrs[i][0]);

		/* url(...) and the like would load something */
		if (v && !strchr(v, '(') && !strchr(v, ':'))
			xml_attr(s->out, svg_attrs[i][1], v);
		g_free(v);
	}
	g_string_append_c(s->out, '>');
	s->depth++;
	for (const xmlNode *c = n->children; c; c = c->next)
		put_svg_node(s, c, svg_elems[k].kind, line);
	s->depth--;
	g_string_append_printf(s->out, "</%s>", svg_elems[k].name);
}

void allow_put_svg(struct sanitizer *s, const xmlNode *n, int line)
{
	allow_warn_attrs(s, n, line);
	g_string_append(s->out, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	for (size_t i = 0; i < 4; i++) {	/* viewBox, preserveAspectRatio, width, height */
		char *v = allow_attr(n, svg_attrs[i][0]);

		if (v && !strchr(v, '(') && !strchr(v, ':'))
			xml_attr(s->out, svg_attrs[i][1], v);
		g_free(v);
	}
	g_string_append_c(s->out, '>');
	for (const xmlNode *c = n->children; c; c = c->next)
		put_svg_node(s, c, SV_CONTAINER, line);
	g_string_append(s->out, "</svg>");
	s->found |= SANITIZE_SVG;
}

/* MathML presentation elements folio writes, with the number of children they need (-1: any, -2: text). */
static const struct {
	const char *name;
	int arity;
} math_elems[] = {
	{ "mi", -2 }, { "mn", -2 }, { "mo", -2 }, { "ms", -2 }, { "mtext", -2 }, { "mspace", 0 },
	{ "mrow", -1 }, { "mstyle", -1 }, { "merror", -1 }, { "mpadded", -1 }, { "mphantom", -1 },
	{ "msqrt", -1 }, { "mfrac", 2 }, { "mroot", 2 }, { "msub", 2 }, { "msup", 2 }, { "msubsup", 3 },
	{ "munder", 2 }, { "mover", 2 }, { "munderover", 3 }, { "mtable", -1 }, { "mtr", -1 }, { "mtd", -1 },
};

static int math_index(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(math_elems); i++)
		if (!g_ascii_strcasecmp(math_elems[i].name, name))
			return (int)i;
	return -1;
}

/* True when the tree under n (depth levels down from <math>) is MathML folio can write as it is. */
static bool math_ok(const xmlNode *n, const char *parent, int depth)
{
	int count = 0, k;
	const char *name = (const char *)n->name;

	k = math_index(name);
	if (k < 0 || depth > SANITIZE_MAX_DEPTH)
		return false;
	if (!strcmp(name, "mtr") != !strcmp(parent, "mtable"))
		return false;
	if (!strcmp(name, "mtd") != !strcmp(parent, "mtr"))
		return false;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE) {
			if (math_elems[k].arity != -2 && !is_blank((const char *)c->content))
				return false;
		} else if (c->type == XML_ELEMENT_NODE) {
			if (math_elems[k].arity == -2 || !math_ok(c, name, depth + 1))
				return false;
			count++;
		}
	}
	return math_elems[k].arity < 0 || math_elems[k].arity == count;
}

static void put_math_node(struct sanitizer *s, const xmlNode *n)
{
	static const char *const flags[] = { "stretchy", "fence", "separator", "accent", "displaystyle" };
	char *v;

	if (n->type == XML_TEXT_NODE) {
		xml_escape(s->out, (const char *)n->content, -1);
		return;
	}
	if (n->type != XML_ELEMENT_NODE)
		return;
	g_string_append_printf(s->out, "<%s", (const char *)n->name);
	for (size_t i = 0; i < G_N_ELEMENTS(flags); i++) {
		if ((v = allow_attr(n, flags[i])) && (!strcmp(v, "true") || !strcmp(v, "false")))
			xml_attr(s->out, flags[i], v);
		g_free(v);
	}
	if ((v = allow_attr(n, "mathvariant"))) {
		static const char *const variants[] = { "normal", "bold", "italic", "bold-italic", "double-struck",
							"script", "fraktur", "sans-serif", "monospace" };

		for (size_t i = 0; i < G_N_ELEMENTS(variants); i++)
			if (!strcmp(v, variants[i]))
				xml_attr(s->out, "mathvariant", v);
		g_free(v);
	}
	g_string_append_c(s->out, '>');
	for (const xmlNode *c = n->children; c; c = c->next)
		put_math_node(s, c);
	g_string_append_printf(s->out, "</%s>", (const char *)n->name);
}

/* MathML as it is when folio can vouch for it; else its text, so nothing is lost. */
void allow_put_math(struct sanitizer *s, const xmlNode *n, bool block)
{
	bool ok = n->children != NULL;
	char *display = allow_attr(n, "display");

	for (const xmlNode *c = n->children; ok && c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE)
			ok = math_ok(c, "math", 1);
		else if (c->type == XML_TEXT_NODE)
			ok = is_blank((const char *)c->content);
	}
	if (ok) {
		g_string_append(s->out, "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"");
		if (display && (!strcmp(display, "block") || !strcmp(display, "inline")))
			xml_attr(s->out, "display", display);
		g_string_append_c(s->out, '>');
		for (const xmlNode *c = n->children; c; c = c->next)
			put_math_node(s, c);
		g_string_append(s->out, "</math>");
		s->found |= SANITIZE_MATHML;
	} else {
		GString *t = g_string_new(NULL);

		collect_text(n, t);
		g_string_append(s->out, "<span class=\"math\">");
		xml_escape(s->out, t->str, -1);
		g_string_append(s->out, "</span>");
		g_string_free(t, TRUE);
	}
	(void)block;
	g_free(display);
}

/* The first element named name in a parsed piece of HTML. */
const xmlNode *allow_first_named(const xmlDoc *doc, const char *name)
{
	const xmlNode *top = (const xmlNode *)doc;

	for (const xmlNode *n = doc ? doc->children : NULL; n; n = sanitize_next_node(n, top, true))
		if (n->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)n->name, name))
			return n;
	return NULL;
}

/* ---- images in raw HTML, for the passes ---------------------------------- */

/*
 * Where the writers put an <img> of a raw HTML block: the context its nearest written ancestor
 * gives its children (put_element: an element the allow-list does not know, or unwraps, gives
 * its own), flow at the top. Within text (a <p>, a <span>, a link) the EPUB writes it in the line;
 * in a <figure> that has a <figcaption>, that caption is the picture's, a link around the picture
 * alone or not.
 */
static enum sanitize_img_place img_place(const xmlNode *img, const xmlNode **figcaption)
{
	bool linked = false;

	for (const xmlNode *p = img->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
		const struct elem *e = allow_elem((const char *)p->name);

		if (!e || e->action == A_UNWRAP || e->action == A_UNWRAP_WARN)
			continue;
		/* A link around the picture alone in a captioned figure (<figure><a><img></a>): the figure's picture. */
		if (e->action == A_A && !linked) {
			linked = true;
			continue;
		}
		if (linked && !(e->inner == C_FIGURE && sanitize_figcaption_of(p)))
			return SANITIZE_IMG_IN_TEXT;
		if (e->action == A_A || e->inner == C_PHRASE || e->inner == C_RUBY)
			return SANITIZE_IMG_IN_TEXT;
		if (e->inner == C_FIGURE && (*figcaption = sanitize_figcaption_of(p)))
			return SANITIZE_IMG_IN_FIGURE;
		return SANITIZE_IMG_ALONE;
	}
	return linked ? SANITIZE_IMG_IN_TEXT : SANITIZE_IMG_ALONE;
}

const xmlNode *sanitize_figcaption_of(const xmlNode *figure)
{
	for (const xmlNode *c = figure->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)c->name, "figcaption"))
			return c;
	return NULL;
}

/* An element's text as a browser shows it: each run of white space one space, none at the ends. */
static char *rendered_text(const xmlNode *n)
{
	xmlChar *content = xmlNodeGetContent(n);
	GString *out = g_string_new(NULL);

	for (const char *p = content ? (const char *)content : ""; *p; p++) {
		if (!g_ascii_isspace(*p))
			g_string_append_c(out, *p);
		else if (out->len && out->str[out->len - 1] != ' ')
			g_string_append_c(out, ' ');
	}
	if (out->len && out->str[out->len - 1] == ' ')
		g_string_truncate(out, out->len - 1);
	xmlFree(content);
	return g_string_free(out, FALSE);
}

/* Each <img src> with its place; a figure's caption goes with its first picture only. */
static void find_images(const xmlDoc *doc, sanitize_image_source_fn fn, void *data)
{
	const xmlNode *captioned = NULL;

	for (const xmlNode *n = doc->children; n; n = sanitize_next_node(n, (const xmlNode *)doc, true)) {
		if (n->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)n->name, "img")) {
			char *src = sanitize_img_src(n), *alt = allow_attr(n, "alt"), *caption = NULL;
			const xmlNode *figcaption = NULL;
			enum sanitize_img_place place = img_place(n, &figcaption);

			if (src && *src) {
				if (figcaption && figcaption != captioned) {
					caption = rendered_text(figcaption);
					captioned = figcaption;
				}
				fn(data, src, alt ? alt : "", place, caption);
			}
			g_free(caption);
			g_free(src);
			g_free(alt);
		}
	}
}

void sanitize_image_sources(const char *html, sanitize_image_source_fn fn, void *data)
{
	htmlDocPtr doc;

	if (!html || !find_ci(html, "<img"))
		return;
	doc = sanitize_parse_html(html);
	if (doc)
		find_images(doc, fn, data);
	xmlFreeDoc(doc);
}

/* ---- links in raw HTML no book keeps, for the passes ---------------------- */

/* An element the sanitizer drops with all it holds, or writes as something else (foreign content). */
static bool dropped_whole(const xmlNode *n)
{
	const char *name = (const char *)n->name;
	const struct elem *e;

	if (!g_ascii_strcasecmp(name, "svg") || !g_ascii_strcasecmp(name, "math"))
		return true;
	e = allow_elem(name);
	return e && (e->action == A_DROP || e->action == A_DROP_WARN || e->action == A_EMBED);
}

/* Call visit for each element of html outside what both books drop whole, in document order. */
static void each_kept_element(const char *html, void (*visit)(const xmlNode *n, void *data), void *data)
{
	htmlDocPtr doc = sanitize_parse_html(html);

	for (const xmlNode *n = doc ? doc->children : NULL; n;) {
		bool into = true;

		if (n->type == XML_ELEMENT_NODE && dropped_whole(n))
			into = false;
		else if (n->type == XML_ELEMENT_NODE)
			visit(n, data);
		n = sanitize_next_node(n, (const xmlNode *)doc, into);
	}
	xmlFreeDoc(doc);
}

struct refused_walk {
	void (*fn)(void *data, const char *href, int line);
	void *data;
};

static void visit_refused(const xmlNode *n, void *data)
{
	const struct refused_walk *w = data;
	char *href, *uri = NULL;

	if (g_ascii_strcasecmp((const char *)n->name, "a"))
		return;
	href = allow_attr(n, "href");
	/* As put_element's A_A decides: no URI (a script or invalid address), no link. */
	if (href && (uri_from_address(href, &uri, NULL), !uri))
		w->fn(w->data, href, node_line(n, 1));
	g_free(uri);
	g_free(href);
}

void sanitize_refused_links(const char *html, void (*fn)(void *data, const char *href, int line), void *data)
{
	struct refused_walk w = { fn, data };

	if (html && find_ci(html, "<a"))
		each_kept_element(html, visit_refused, &w);
}

struct id_walk {
	void (*fn)(void *data, const char *id);
	void *data;
};

static void visit_id(const xmlNode *n, void *data)
{
	const struct id_walk *w = data;
	char *id = allow_attr(n, "id");

	if (!id && !g_ascii_strcasecmp((const char *)n->name, "a"))
		id = allow_attr(n, "name");
	if (id && *g_strstrip(id))
		w->fn(w->data, id);
	g_free(id);
}

void sanitize_ids(const char *html, void (*fn)(void *data, const char *id), void *data)
{
	struct id_walk w = { fn, data };

	if (html && (find_ci(html, "id") || find_ci(html, "name")))
		each_kept_element(html, visit_id, &w);
}

cmark_node *sanitize_inline_whole(cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node);
	cmark_node *close = NULL;
	const struct elem *e;
	bool end = false;
	char *name;

	if (cmark_node_get_type(node) != CMARK_NODE_HTML_INLINE || !lit || !(name = allow_tag_name(lit, &end)))
		return NULL;
	e = allow_elem(name);
	if (!end && e && ((e->action == A_DROP && allow_holds_code(name))
			  || ((e->action == A_SVG || e->action == A_MATH) && !g_str_has_suffix(lit, "/>"))))
		close = allow_end_tag_after(node, NULL, name);
	g_free(name);
	return close;
}

/* ---- Markdown that raw HTML would swallow -------------------------------- */
