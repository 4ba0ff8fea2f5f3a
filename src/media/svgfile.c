/* svgfile.c - an SVG picture file made safe to pack with its whole drawing: no script, nothing loaded from elsewhere. */
#include "media/svgfile.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "base/xmlesc.h"
#include "html/cssclean.h"
#include "media/imagetype.h"

#define SVG_NS "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"

/* What an element is to the cleaner. */
enum kind {
	K_PLAIN,	/* drawing or structure: its attributes and child elements kept */
	K_TEXT,		/* its text kept too (text, tspan, textPath, title, desc) */
	K_STYLE,	/* a style sheet: its text kept, cleaned as CSS */
	K_REF,		/* draws what its href names (use, feImage): kept only when that is the file's own */
	K_IMAGE,	/* a picture: kept only when embedded as data: and sound */
	K_LINK,		/* <a>: a group (a link does nothing in a picture, and could name anything) */
};

/* SVG 1.1's conditional attributes, and with them transform, for the elements that take both. */
#define COND "requiredFeatures requiredExtensions systemLanguage"
#define DRAWN "transform " COND
#define PRIMITIVE "x y width height result in color-interpolation-filters"
#define TRANSFER "type tableValues slope intercept amplitude exponent offset"

/*
 * The elements kept, and the attributes each takes besides id, class, style and the
 * presentation attributes (SVG 1.1's, as EPUBCheck holds an SVG to them: a font-family on a
 * <path>, as Inkscape writes it, is an error there, and draws nothing).
 */
static const struct {
	const char *name;
	enum kind kind;
	const char *attributes;
} elements[] = {
	{ "svg", K_PLAIN, COND " version baseProfile x y width height viewBox preserveAspectRatio" },
	{ "g", K_PLAIN, DRAWN }, { "defs", K_PLAIN, DRAWN }, { "switch", K_PLAIN, DRAWN },
	{ "symbol", K_PLAIN, "width height viewBox preserveAspectRatio" },
	{ "path", K_PLAIN, DRAWN " d pathLength" }, { "rect", K_PLAIN, DRAWN " x y width height rx ry" },
	{ "circle", K_PLAIN, DRAWN " cx cy r" }, { "ellipse", K_PLAIN, DRAWN " cx cy rx ry" },
	{ "line", K_PLAIN, DRAWN " x1 y1 x2 y2" }, { "polyline", K_PLAIN, DRAWN " points" },
	{ "polygon", K_PLAIN, DRAWN " points" },
	{ "linearGradient", K_PLAIN, "x1 y1 x2 y2 gradientUnits gradientTransform spreadMethod" },
	{ "radialGradient", K_PLAIN, "cx cy r fx fy gradientUnits gradientTransform spreadMethod" },
	{ "stop", K_PLAIN, "offset" },
	{ "pattern", K_PLAIN, COND " x y width height viewBox preserveAspectRatio patternUnits patternContentUnits patternTransform" },
	{ "clipPath", K_PLAIN, DRAWN " clipPathUnits" },
	{ "mask", K_PLAIN, COND " x y width height maskUnits maskContentUnits" },
	{ "marker", K_PLAIN, "viewBox preserveAspectRatio refX refY markerWidth markerHeight markerUnits orient" },
	{ "filter", K_PLAIN, "x y width height filterUnits primitiveUnits" },
	{ "feBlend", K_PLAIN, PRIMITIVE " in2 mode" }, { "feColorMatrix", K_PLAIN, PRIMITIVE " type values" },
	{ "feComponentTransfer", K_PLAIN, PRIMITIVE }, { "feComposite", K_PLAIN, PRIMITIVE " in2 operator k1 k2 k3 k4" },
	{ "feConvolveMatrix", K_PLAIN, PRIMITIVE " order kernelMatrix divisor bias targetX targetY edgeMode kernelUnitLength preserveAlpha" },
	{ "feDiffuseLighting", K_PLAIN, PRIMITIVE " kernelUnitLength surfaceScale diffuseConstant" },
	{ "feDisplacementMap", K_PLAIN, PRIMITIVE " in2 scale xChannelSelector yChannelSelector" },
	{ "feDistantLight", K_PLAIN, "azimuth elevation" }, { "feFlood", K_PLAIN, PRIMITIVE },
	{ "feFuncA", K_PLAIN, TRANSFER }, { "feFuncB", K_PLAIN, TRANSFER }, { "feFuncG", K_PLAIN, TRANSFER },
	{ "feFuncR", K_PLAIN, TRANSFER }, { "feGaussianBlur", K_PLAIN, PRIMITIVE " stdDeviation" },
	{ "feMerge", K_PLAIN, "x y width height result color-interpolation-filters" }, { "feMergeNode", K_PLAIN, "in" },
	{ "feMorphology", K_PLAIN, PRIMITIVE " operator radius" }, { "feOffset", K_PLAIN, PRIMITIVE " dx dy" },
	{ "fePointLight", K_PLAIN, "x y z" },
	{ "feSpecularLighting", K_PLAIN, PRIMITIVE " kernelUnitLength surfaceScale specularConstant specularExponent" },
	{ "feSpotLight", K_PLAIN, "x y z pointsAtX pointsAtY pointsAtZ specularExponent limitingConeAngle" },
	{ "feTile", K_PLAIN, PRIMITIVE },
	{ "feTurbulence", K_PLAIN, "x y width height result color-interpolation-filters type baseFrequency numOctaves seed stitchTiles" },
	{ "text", K_TEXT, DRAWN " x y dx dy rotate textLength lengthAdjust" },
	{ "tspan", K_TEXT, COND " x y dx dy rotate textLength lengthAdjust" },
	{ "textPath", K_TEXT, COND " textLength lengthAdjust startOffset method spacing" },
	{ "title", K_TEXT, "" }, { "desc", K_TEXT, "" }, { "style", K_STYLE, "" },
	{ "use", K_REF, DRAWN " x y width height" }, { "feImage", K_REF, "x y width height preserveAspectRatio result" },
	{ "image", K_IMAGE, DRAWN " x y width height preserveAspectRatio" }, { "a", K_LINK, DRAWN },
};

/*
 * The elements SVG 1.1 gives no class or style (most filter primitives, transfer functions,
 * lights): their presentation attributes stay attributes where listed above, or go.
 */
static const char unstyled[] = "feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix "
			       "feDisplacementMap feDistantLight feFuncA feFuncB feFuncG feFuncR feGaussianBlur "
			       "feMerge feMergeNode feMorphology feOffset fePointLight feSpotLight feTile feTurbulence";

/*
 * Presentation attributes (SVG 1.1's and later ones), written as declarations of the style
 * attribute before its own: EPUBCheck holds each element to some of them and their values to
 * SVG 1.1's words, and a declaration says the same (but against a rule of a <style> sheet for
 * the same property, which a presentation attribute loses and a declaration wins).
 */
static const char *const presentation[] = {
	"alignment-baseline", "baseline-shift", "clip", "clip-path", "clip-rule", "color", "color-interpolation",
	"color-interpolation-filters", "color-rendering", "direction", "display", "dominant-baseline",
	"enable-background", "fill", "fill-opacity", "fill-rule", "filter", "flood-color", "flood-opacity",
	"font-family", "font-size", "font-size-adjust", "font-stretch", "font-style", "font-variant",
	"font-weight", "glyph-orientation-horizontal", "glyph-orientation-vertical", "image-rendering",
	"kerning", "letter-spacing", "lighting-color", "marker-end", "marker-mid", "marker-start", "mask",
	"opacity", "overflow", "shape-rendering", "stop-color", "stop-opacity", "stroke", "stroke-dasharray",
	"stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-opacity",
	"stroke-width", "text-anchor", "text-decoration", "text-rendering", "unicode-bidi", "visibility",
	"word-spacing", "writing-mode", "paint-order", "vector-effect", "mix-blend-mode", "isolation",
	"transform-origin", "transform-box", "white-space", "font-feature-settings", "font-kerning",
};

/* What may be lost, each said once in the warning. */
enum loss {
	L_FOREIGN = 1,	/* HTML in a <foreignObject> */
	L_IMAGE = 2,	/* an <image> of another file, or not a sound picture */
	L_REF = 4,	/* a <use> or <feImage> of another file */
	L_URL = 8,	/* a paint, filter or style rule of another file (url(), @import, an href) */
};

struct cleaner {
	GString *out;
	xmlDoc *doc;
	long max_mp;
	unsigned lost;
};

static GHashTable *presentation_attributes(void)
{
	static gsize once;
	static GHashTable *table;

	if (g_once_init_enter(&once)) {
		GHashTable *t = g_hash_table_new(g_str_hash, g_str_equal);

		for (size_t i = 0; i < G_N_ELEMENTS(presentation); i++)
			g_hash_table_add(t, (gpointer)presentation[i]);
		table = t;
		g_once_init_leave(&once, 1);
	}
	return table;
}

/* Is name one of the words of list? */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = strstr(list, name); p; p = strstr(p + 1, name))
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

/* n's entry in elements, or -1: not kept. */
static int element_of(const xmlNode *n)
{
	if (n->ns && strcmp((const char *)n->ns->href, SVG_NS))
		return -1;	/* another namespace's: an editor's notes, RDF, HTML */
	for (size_t i = 0; i < G_N_ELEMENTS(elements); i++)
		if (!strcmp((const char *)n->name, elements[i].name))
			return (int)i;
	return -1;
}

/* Is the address v (blanks around it allowed) a fragment of the file it is in: "#id"? */
static bool own_fragment(const char *v)
{
	while (g_ascii_isspace(*v))
		v++;
	return v[0] == '#' && v[1];
}

/*
 * Does every url(...) in v name a fragment of the file itself? (Any case: CSS reads URL( too; an
 * escape could spell one, "\\75 rl(", so a value holding one is taken to name another file.)
 */
static bool urls_own(const char *v)
{
	char *low = g_ascii_strdown(v, -1);
	bool own = !strchr(low, '\\') && !strstr(low, "expression(");

	for (const char *u = strstr(low, "url("); own && u; u = strstr(u + 4, "url(")) {
		const char *p = u + 4;

		while (*p == ' ' || *p == '"' || *p == '\'')
			p++;
		own = *p == '#';
	}
	g_free(low);
	return own;
}

/*
 * A picture embedded as a data: address that a reader can show: base64 of a PNG, JPEG, GIF or
 * WebP, whole and sound, of at most max_mp megapixels (it is decoded to draw the PDF).
 */
static bool sound_data_picture(const char *v, long max_mp)
{
	const char *comma = strchr(v, ',');
	guchar *bytes;
	gsize len;
	struct image_info info;
	bool ok;

	if (g_ascii_strncasecmp(v, "data:image/", 11) || !comma || !g_strstr_len(v, comma - v, ";base64"))
		return false;
	bytes = g_base64_decode(comma + 1, &len);
	ok = len && imagetype_sniff(bytes, len, &info) && strcmp(info.media_type, "image/svg+xml")
	     && strcmp(info.media_type, "image/bmp") && info.width > 0 && info.height > 0
	     && (max_mp <= 0 || (double)info.width * info.height <= max_mp * 1e6) && !imagetype_cut_short(bytes, len, &info)
	     && info.frames >= 1 && !imagetype_damage(bytes, len, &info);
	g_free(bytes);
	return ok;
}

/* The href of n (SVG 2's own, or XLink's, however its prefix was declared), or NULL; g_free. */
static char *href_of(const xmlNode *n)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		bool xlink = a->ns && !strcmp((const char *)a->ns->href, XLINK_NS) && !strcmp((const char *)a->name, "href");
		bool plain = !a->ns && (!strcmp((const char *)a->name, "href") || !strcmp((const char *)a->name, "xlink:href"));

		if (xlink || plain)
			return (char *)xmlNodeListGetString(n->doc, a->children, 1);
	}
	return NULL;
}

/* xml:space or xml:lang (name) of a, as written. */
static void put_xml_attribute(struct cleaner *c, const xmlAttr *a, const char *name)
{
	char *v = (char *)xmlNodeListGetString(c->doc, a->children, 1);

	g_string_append_printf(c->out, " xml:%s=\"", name);
	xml_escape(c->out, v ? v : "", -1);
	g_string_append_c(c->out, '"');
	xmlFree(v);
}

/*
 * Put the attributes of n (elements[e]) that may stay, its presentation attributes as the first
 * declarations of its style (its own declarations after them, winning as before); an href given
 * is written as XLink's (every reader knows it).
 */
static void put_attributes(struct cleaner *c, const xmlNode *n, int e, const char *href)
{
	GString *style = g_string_new(NULL), *own = g_string_new(NULL);
	bool styled = !listed(unstyled, elements[e].name);

	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		bool presents = styled && !a->ns && g_hash_table_contains(presentation_attributes(), name);
		char *v;

		if (a->ns) {
			/* xml:space and xml:lang stay; other namespaces' attributes are an editor's */
			if (!strcmp((const char *)a->ns->href, (const char *)XML_XML_NAMESPACE)
			    && (!strcmp(name, "space") || !strcmp(name, "lang")))
				put_xml_attribute(c, a, name);
			continue;
		}
		/* event attributes (onload ...), hrefs (href_of's), what SVG or the element does not have */
		if (!presents && strcmp(name, "id") && !(styled && (!strcmp(name, "class") || !strcmp(name, "style")))
		    && !listed(elements[e].attributes, name))
			continue;
		v = (char *)xmlNodeListGetString(c->doc, a->children, 1);
		if (!v) {
			continue;
		} else if (!strcmp(name, "style")) {
			unsigned dropped = 0;
			char *clean = cssclean_quiet(v, &dropped);

			if (dropped)
				c->lost |= L_URL;
			g_string_append(own, clean);
			g_free(clean);
		} else if (!urls_own(v)) {
			c->lost |= L_URL;	/* a paint or filter of another file */
		} else if (presents) {
			/* one value, never more declarations or rules ("red;x:y", "red}@import") */
			if (!strpbrk(v, ";{}"))
				g_string_append_printf(style, "%s:%s;", name, v);
		} else {
			xml_attr(c->out, name, v);
		}
		xmlFree(v);
	}
	g_string_append(style, own->str);
	while (style->len && (style->str[style->len - 1] == ';' || g_ascii_isspace(style->str[style->len - 1])))
		g_string_truncate(style, style->len - 1);
	if (style->len)
		xml_attr(c->out, "style", style->str);
	if (href)
		xml_attr(c->out, "xlink:href", href);
	g_string_free(style, TRUE);
	g_string_free(own, TRUE);
}

/* A text node's text, an entity of the file's own DTD given as its text. */
static void put_text(GString *out, const xmlNode *t)
{
	if (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) {
		xml_escape(out, (const char *)t->content, -1);
	} else if (t->type == XML_ENTITY_REF_NODE) {
		xmlEntity *e = xmlGetDocEntity(t->doc, t->name);

		if (e && e->etype == XML_INTERNAL_GENERAL_ENTITY && e->content)
			xml_escape(out, (const char *)e->content, -1);
	}
}

static void put_node(struct cleaner *c, const xmlNode *n, bool root);

/* A <style>'s sheet, cleaned as a stylesheet. */
static void put_style(struct cleaner *c, const xmlNode *n)
{
	GString *css = g_string_new(NULL);
	unsigned dropped = 0;
	char *clean;
	xmlChar *text = xmlNodeGetContent(n);

	g_string_append(css, text ? (const char *)text : "");
	xmlFree(text);
	clean = cssclean_quiet(css->str, &dropped);
	if (dropped)
		c->lost |= L_URL;
	g_string_append(c->out, "<style type=\"text/css\">");
	xml_escape(c->out, clean, -1);
	g_string_append(c->out, "</style>");
	g_free(clean);
	g_string_free(css, TRUE);
}

/* The lines of the HTML in n: a new one at each block and <br>, blanks collapsed (g_ptr_array_unref). */
static void html_lines(const xmlNode *n, GPtrArray *lines)
{
	static const char blocks[] = "div p br li tr h1 h2 h3 h4 h5 h6 ul ol table blockquote pre";

	for (const xmlNode *k = n->children; k; k = k->next) {
		GString *last = g_ptr_array_index(lines, lines->len - 1);

		if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
			for (const char *p = (const char *)k->content; *p; p++) {
				bool blank = g_ascii_isspace(*p);

				if (!blank)
					g_string_append_c(last, *p);
				else if (last->len && last->str[last->len - 1] != ' ')
					g_string_append_c(last, ' ');
			}
		} else if (k->type == XML_ELEMENT_NODE) {
			bool block = listed(blocks, (const char *)k->name);

			if (block && last->len)
				g_ptr_array_add(lines, g_string_new(NULL));
			html_lines(k, lines);
			last = g_ptr_array_index(lines, lines->len - 1);
			if (block && last->len)
				g_ptr_array_add(lines, g_string_new(NULL));
		}
	}
}

static void free_line(gpointer s)
{
	g_string_free(s, TRUE);
}

/*
 * A <text> that stands in a <switch> for the HTML of a <foreignObject> before it (draw.io's
 * labels: its fallback says "[Not supported by viewer]"): the HTML's words, line by line, centred
 * on the text's own place. False (nothing written) for any other element.
 */
static bool put_label(GString *out, const xmlNode *text)
{
	const xmlNode *html = NULL;
	GPtrArray *lines;
	int n = 0;
	char *x, dy[G_ASCII_DTOSTR_BUF_SIZE];

	if (strcmp((const char *)text->name, "text") || !text->parent || strcmp((const char *)text->parent->name, "switch"))
		return false;
	for (const xmlNode *k = text->prev; k && !html; k = k->prev)
		if (k->type == XML_ELEMENT_NODE && !strcmp((const char *)k->name, "foreignObject"))
			html = k;
	if (!html)
		return false;
	lines = g_ptr_array_new_with_free_func(free_line);
	g_ptr_array_add(lines, g_string_new(NULL));
	html_lines(html, lines);
	for (guint i = 0; i < lines->len; i++)
		n += ((GString *)g_ptr_array_index(lines, i))->len > 0 && strcmp(((GString *)g_ptr_array_index(lines, i))->str, " ");
	if (!n) {
		g_ptr_array_unref(lines);
		return false;
	}
	x = (char *)xmlGetProp(text, (const xmlChar *)"x");
	for (guint i = 0, k = 0; i < lines->len; i++) {
		GString *line = g_ptr_array_index(lines, i);

		g_strstrip(line->str);
		if (!*line->str)
			continue;
		if (n == 1) {
			xml_escape(out, line->str, -1);
			break;
		}
		/* the first line up by half the others, each next one a line down */
		g_ascii_formatd(dy, sizeof dy, "%.1fem", k ? 1.2 : -0.6 * (n - 1));
		g_string_append(out, "<tspan");
		xml_attr(out, "x", x ? x : "0");
		xml_attr(out, "dy", dy);
		g_string_append_c(out, '>');
		xml_escape(out, line->str, -1);
		g_string_append(out, "</tspan>");
		k++;
	}
	xmlFree(x);
	g_ptr_array_unref(lines);
	return true;
}

static void put_node(struct cleaner *c, const xmlNode *n, bool root)
{
	int e, kind;
	char *href = NULL;
	const char *name;

	if (n->type != XML_ELEMENT_NODE)
		return;
	e = element_of(n);
	kind = e < 0 ? -1 : (int)elements[e].kind;
	if (kind < 0) {
		/* HTML inside the picture loses what it showed (but where a <switch> has a fallback for it) */
		if (!strcmp((const char *)n->name, "foreignObject") && !(n->parent && !strcmp((const char *)n->parent->name, "switch")))
			c->lost |= L_FOREIGN;
		return;	/* scripts, animations, fonts, an editor's own elements: nothing of the drawing */
	}
	if (kind == K_STYLE) {
		put_style(c, n);
		return;
	}
	href = href_of(n);
	if (kind == K_REF || kind == K_IMAGE) {
		bool own = href && (kind == K_REF ? own_fragment(href) : sound_data_picture(href, c->max_mp));

		if (!own) {
			c->lost |= kind == K_REF ? L_REF : L_IMAGE;
			xmlFree(href);
			return;
		}
	} else if (href && (kind == K_LINK || !own_fragment(href))) {
		/* a link's address goes; a gradient or pattern taking another file's stops loses them */
		if (kind != K_LINK)
			c->lost |= L_URL;
		g_clear_pointer(&href, xmlFree);
	}
	name = kind == K_LINK ? "g" : (const char *)n->name;
	g_string_append_printf(c->out, "<%s", name);
	if (root)
		g_string_append(c->out, " xmlns=\"" SVG_NS "\" xmlns:xlink=\"" XLINK_NS "\"");
	put_attributes(c, n, e, href);
	xmlFree(href);
	g_string_append_c(c->out, '>');
	if (!put_label(c->out, n)) {
		/* in order: a <text>'s words and its <tspan>s between them */
		for (const xmlNode *k = n->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE)
				put_node(c, k, false);
			else if (kind == K_TEXT)
				put_text(c->out, k);
	}
	g_string_append_printf(c->out, "</%s>", name);
}

/* Why the parser stopped: "line 12: Premature end of data in tag svg"; g_free. */
static char *parse_error(xmlParserCtxt *ctxt)
{
	const xmlError *e = xmlCtxtGetLastError(ctxt);
	char *msg = g_strdup(e && e->message ? e->message : "not well-formed");

	g_strstrip(msg);
	if (e && e->line > 0) {
		char *at = g_strdup_printf("line %d: %s", e->line, msg);

		g_free(msg);
		msg = at;
	}
	return msg;
}

/* The warning's words for what was lost. */
static char *loss_text(unsigned lost)
{
	static const struct {
		unsigned loss;
		const char *what;
	} words[] = {
		{ L_FOREIGN, "HTML in a <foreignObject>" },
		{ L_IMAGE, "an <image> of another file (only sound pictures embedded as data: are kept)" },
		{ L_REF, "a <use> of another file" },
		{ L_URL, "paint, filters or styles of another file (url(), @import, href)" },
	};
	GString *s = g_string_new("is an SVG that brings in what a book does not hold: ");
	bool first = true;

	for (size_t i = 0; i < G_N_ELEMENTS(words); i++)
		if (lost & words[i].loss) {
			g_string_append_printf(s, "%s%s", first ? "" : "; ", words[i].what);
			first = false;
		}
	g_string_append(s, "; left out, the rest drawn");
	return g_string_free(s, FALSE);
}

GString *svgfile_clean(const char *data, size_t len, long max_megapixels, char **flaw)
{
	enum { OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA };
	xmlParserCtxt *ctxt = xmlNewParserCtxt();
	int n = (int)MIN(len, (size_t)G_MAXINT);
	xmlDoc *doc = ctxt ? xmlCtxtReadMemory(ctxt, data, n, NULL, NULL, OPTIONS) : NULL;
	xmlNode *root;
	char *repaired = NULL;
	struct cleaner c = { 0 };

	*flaw = NULL;
	if (ctxt && (!doc || !ctxt->wellFormed)) {
		/* Cut short or hand-edited: what reads is drawn, and the break is said. */
		repaired = parse_error(ctxt);
		xmlFreeDoc(doc);
		doc = xmlCtxtReadMemory(ctxt, data, n, NULL, NULL, OPTIONS | XML_PARSE_RECOVER);
	}
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root || strcmp((const char *)root->name, "svg") || element_of(root) < 0) {
		*flaw = repaired ? g_strdup_printf("is an SVG that is not well-formed XML (%s); not packed", repaired)
				 : g_strdup("is no SVG: its top element is not <svg>; not packed");
		g_free(repaired);
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return NULL;
	}
	c.out = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	c.doc = doc;
	c.max_mp = max_megapixels;
	put_node(&c, root, true);
	g_string_append_c(c.out, '\n');
	if (repaired)
		*flaw = g_strdup_printf("is an SVG that is not well-formed XML (%s); drawn as far as it reads", repaired);
	else if (c.lost)
		*flaw = loss_text(c.lost);
	g_free(repaired);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return c.out;
}
