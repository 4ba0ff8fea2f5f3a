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
	K_REF,		/* <use>: draws what its href names, kept only when that is the file's own */
	K_IMAGE,	/* a picture: kept only when embedded as data: and sound */
	K_LINK,		/* <a>: a group (a link does nothing in a picture, and could name anything) */
};

/* SVG 1.1's conditional attributes, and with them transform, for the elements that take both. */
#define COND "requiredFeatures requiredExtensions systemLanguage"
#define DRAWN "transform " COND
#define PRIMITIVE "x y width height result in color-interpolation-filters"
#define TRANSFER "type tableValues slope intercept amplitude exponent offset"

/*
 * SVG 1.1's presentation attributes, by the elements that take them (EPUBCheck holds an SVG to
 * SVG 1.1: Inkscape's font-family on a <path> is an error there). Where an element does not take
 * one, it does nothing there (no text in a <path>, no marker on a <rect>): it goes.
 */
#define P_COLOR "color color-interpolation color-rendering"
#define P_PAINT P_COLOR " clip-path clip-rule display fill fill-opacity fill-rule filter image-rendering mask " \
	"opacity shape-rendering stroke stroke-dasharray stroke-dashoffset stroke-linecap stroke-linejoin " \
	"stroke-miterlimit stroke-opacity stroke-width text-rendering visibility"
#define P_FONT "alignment-baseline baseline-shift direction dominant-baseline font-family font-size " \
	"font-size-adjust font-stretch font-style font-variant font-weight glyph-orientation-horizontal " \
	"glyph-orientation-vertical kerning letter-spacing text-anchor text-decoration " \
	"unicode-bidi word-spacing"
#define P_SHAPE P_PAINT " marker-start marker-mid marker-end"
#define P_TSPAN P_PAINT " " P_FONT
#define P_TEXT P_TSPAN " writing-mode"
#define P_ALL P_TEXT " marker-start marker-mid marker-end clip overflow enable-background stop-color " \
	"stop-opacity flood-color flood-opacity lighting-color color-interpolation-filters"
#define P_GRADIENT P_COLOR " stop-color stop-opacity"

/* The elements kept, and the attributes each takes besides id, class and style. */
static const struct {
	const char *name;
	enum kind kind;
	const char *attributes;
} elements[] = {
	{ "svg", K_PLAIN, COND " version baseProfile x y width height viewBox preserveAspectRatio " P_ALL },
	{ "g", K_PLAIN, DRAWN " " P_ALL }, { "defs", K_PLAIN, DRAWN " " P_ALL }, { "switch", K_PLAIN, DRAWN " " P_ALL },
	{ "symbol", K_PLAIN, "width height viewBox preserveAspectRatio " P_ALL },
	{ "path", K_PLAIN, DRAWN " d pathLength " P_SHAPE }, { "rect", K_PLAIN, DRAWN " x y width height rx ry " P_PAINT },
	{ "circle", K_PLAIN, DRAWN " cx cy r " P_PAINT }, { "ellipse", K_PLAIN, DRAWN " cx cy rx ry " P_PAINT },
	{ "line", K_PLAIN, DRAWN " x1 y1 x2 y2 " P_SHAPE }, { "polyline", K_PLAIN, DRAWN " points " P_SHAPE },
	{ "polygon", K_PLAIN, DRAWN " points " P_SHAPE },
	{ "linearGradient", K_PLAIN, "x1 y1 x2 y2 gradientUnits gradientTransform spreadMethod " P_GRADIENT },
	{ "radialGradient", K_PLAIN, "cx cy r fx fy gradientUnits gradientTransform spreadMethod " P_GRADIENT },
	{ "stop", K_PLAIN, "offset " P_GRADIENT },
	{ "pattern", K_PLAIN, COND " x y width height viewBox preserveAspectRatio patternUnits patternContentUnits patternTransform " P_ALL },
	{ "clipPath", K_PLAIN, DRAWN " clipPathUnits " P_TEXT },
	{ "mask", K_PLAIN, COND " x y width height maskUnits maskContentUnits " P_ALL },
	{ "marker", K_PLAIN, "viewBox preserveAspectRatio refX refY markerWidth markerHeight markerUnits orient " P_ALL },
	{ "filter", K_PLAIN, "x y width height filterUnits primitiveUnits " P_ALL },
	{ "feBlend", K_PLAIN, PRIMITIVE " in2 mode" }, { "feColorMatrix", K_PLAIN, PRIMITIVE " type values" },
	{ "feComponentTransfer", K_PLAIN, PRIMITIVE }, { "feComposite", K_PLAIN, PRIMITIVE " in2 operator k1 k2 k3 k4" },
	{ "feConvolveMatrix", K_PLAIN, PRIMITIVE " order kernelMatrix divisor bias targetX targetY edgeMode kernelUnitLength preserveAlpha" },
	{ "feDiffuseLighting", K_PLAIN, PRIMITIVE " kernelUnitLength surfaceScale diffuseConstant " P_COLOR " lighting-color" },
	{ "feDisplacementMap", K_PLAIN, PRIMITIVE " in2 scale xChannelSelector yChannelSelector" },
	{ "feDistantLight", K_PLAIN, "azimuth elevation" }, { "feFlood", K_PLAIN, PRIMITIVE " " P_COLOR " flood-color flood-opacity" },
	{ "feFuncA", K_PLAIN, TRANSFER }, { "feFuncB", K_PLAIN, TRANSFER }, { "feFuncG", K_PLAIN, TRANSFER },
	{ "feFuncR", K_PLAIN, TRANSFER }, { "feGaussianBlur", K_PLAIN, PRIMITIVE " stdDeviation" },
	{ "feMerge", K_PLAIN, "x y width height result color-interpolation-filters" }, { "feMergeNode", K_PLAIN, "in" },
	{ "feMorphology", K_PLAIN, PRIMITIVE " operator radius" }, { "feOffset", K_PLAIN, PRIMITIVE " dx dy" },
	{ "fePointLight", K_PLAIN, "x y z" },
	{ "feSpecularLighting", K_PLAIN, PRIMITIVE " kernelUnitLength surfaceScale specularConstant specularExponent " P_COLOR " lighting-color" },
	{ "feSpotLight", K_PLAIN, "x y z pointsAtX pointsAtY pointsAtZ specularExponent limitingConeAngle" },
	{ "feTile", K_PLAIN, PRIMITIVE },
	{ "feTurbulence", K_PLAIN, "x y width height result color-interpolation-filters type baseFrequency numOctaves seed stitchTiles" },
	{ "text", K_TEXT, DRAWN " x y dx dy rotate textLength lengthAdjust " P_TEXT },
	{ "tspan", K_TEXT, COND " x y dx dy rotate textLength lengthAdjust " P_TSPAN },
	{ "textPath", K_TEXT, COND " textLength lengthAdjust startOffset method spacing " P_TSPAN },
	{ "title", K_TEXT, "" }, { "desc", K_TEXT, "" }, { "style", K_STYLE, "" },
	{ "use", K_REF, DRAWN " x y width height " P_ALL },
	{ "image", K_IMAGE, DRAWN " x y width height preserveAspectRatio " P_ALL }, { "a", K_LINK, DRAWN " " P_ALL },
};

/* Geometry an element needs to draw at all (SVG 1.1 requires it; without it, it draws nothing). */
static const char *const required[][2] = {
	{ "rect", "width height" }, { "circle", "r" }, { "ellipse", "rx ry" }, { "path", "d" },
	{ "polygon", "points" }, { "polyline", "points" },
};

/* The elements SVG 1.1 gives no class or style (most filter primitives, transfer functions, lights). */
static const char unstyled[] = "feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix "
			       "feDisplacementMap feDistantLight feFuncA feFuncB feFuncG feFuncR feGaussianBlur "
			       "feMerge feMergeNode feMorphology feOffset fePointLight feSpotLight feTile feTurbulence";

/*
 * Later SVG's presentation attributes SVG 1.1 lacks: declarations of the style attribute, before
 * its own (a number alone a length in user units: "100 50" is "100px 50px").
 */
static const char later[] = "paint-order vector-effect mix-blend-mode isolation transform-origin transform-box "
			    "white-space font-feature-settings font-kerning mask-type text-decoration-line "
			    "text-decoration-color";

/* A <use> bomb: copies of copies past this many elements are refused (a reader hangs drawing 10^8). */
enum { MAX_DRAWN_ELEMENTS = 200000 };

/* What may be lost, each said once in the warning. */
enum loss {
	L_FOREIGN = 1,		/* HTML in a <foreignObject> */
	L_IMAGE = 2,		/* an <image> of another file */
	L_EMBEDDED = 4,		/* an embedded <image> that is no sound PNG, JPEG, GIF or WebP within the limit */
	L_REF = 8,		/* a <use> of another file */
	L_FEIMAGE = 16,		/* a filter's <feImage> */
	L_URL = 32,		/* a paint, filter or style rule of another file (url(), @import, an href) */
	L_SHADOW = 64,		/* an <feDropShadow> whose input is the primitive before it */
};

struct cleaner {
	GString *out;
	xmlDoc *doc;
	long max_mp;
	unsigned lost;
	GHashTable *ids;	/* the ids written: a second element of one id loses it */
};

/* Is name one of the words of list? */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = strstr(list, name); p; p = strstr(p + 1, name))
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
			return true;
	return false;
}

/*
 * Is ns the namespace uri, spelt out or through an entity of the file's own DTD (Illustrator
 * writes xmlns="&ns_svg;", which libxml2 does not expand without reading other files too)?
 */
static bool ns_is(xmlDoc *doc, const xmlNs *ns, const char *uri)
{
	const char *href = ns ? (const char *)ns->href : NULL;
	size_t n = href ? strlen(href) : 0;
	xmlEntity *e = NULL;

	if (!href)
		return false;
	if (!strcmp(href, uri))
		return true;
	if (n > 2 && href[0] == '&' && href[n - 1] == ';') {
		char *name = g_strndup(href + 1, n - 2);

		e = xmlGetDocEntity(doc, (const xmlChar *)name);
		g_free(name);
	}
	return e && e->etype == XML_INTERNAL_GENERAL_ENTITY && e->content && !strcmp((const char *)e->content, uri);
}

/* The entry named name in elements. */
static int element_named(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(elements); i++)
		if (!strcmp(name, elements[i].name))
			return (int)i;
	return -1;
}

/* n's entry in elements, or -1: not kept. */
static int element_of(const xmlNode *n)
{
	if (n->ns && !ns_is(n->doc, n->ns, SVG_NS))
		return -1;	/* another namespace's: an editor's notes, RDF, HTML */
	return element_named((const char *)n->name);
}

/* Is the address v (blanks around it allowed) a fragment of the file it is in: "#id"? */
static bool own_fragment(const char *v)
{
	while (g_ascii_isspace(*v))
		v++;
	return v[0] == '#' && v[1];
}

/* Where CSS text stands, for addresses_own. */
enum css_place {
	ATTRIBUTE_VALUE,	/* an attribute's value as written, never through the stylesheet cleaner */
	STYLE_ATTRIBUTE,	/* a style attribute, cleaned */
	STYLE_SHEET,		/* a <style> sheet, cleaned: data: stays (an embedded font) */
};

/*
 * Does every address in v name what the file holds: each url(...) a #fragment of the file (in a
 * sheet, data: too), and no @import or image-set()? Any case: CSS reads URL( too. An attribute's
 * value never went through the stylesheet cleaner: an escape there could spell an address
 * ("\\75 rl("), and expression() runs, so a value holding either names another file. Text, not
 * tokens: a string's words count too, for no reader's tokenizer is trusted to tell.
 */
static bool addresses_own(const char *v, enum css_place place)
{
	char *low = g_ascii_strdown(v, -1);
	bool own = !strstr(low, "@import") && !strstr(low, "image-set(")
		   && (place != ATTRIBUTE_VALUE || (!strchr(low, '\\') && !strstr(low, "expression(")));

	for (const char *u = strstr(low, "url("); own && u; u = strstr(u + 4, "url(")) {
		const char *p = u + 4 + strspn(u + 4, " \t\n\"'");

		own = *p == '#' || (place == STYLE_SHEET && g_str_has_prefix(p, "data:"));
	}
	g_free(low);
	return own;
}

/*
 * A picture embedded as a data: address that a reader can show: base64 of a PNG, JPEG, GIF or
 * WebP, whole and sound, of at most max_mp megapixels (it is decoded to draw the PDF).
 */
static bool sound_data_picture(const char *v, long max_mp, int *w, int *h)
{
	const char *comma = strchr(v, ',');
	guchar *bytes;
	gsize len;
	struct image_info info = { 0 };
	bool ok;

	if (g_ascii_strncasecmp(v, "data:image/", 11) || !comma || !g_strstr_len(v, comma - v, ";base64"))
		return false;
	bytes = g_base64_decode(comma + 1, &len);
	ok = len && imagetype_sniff(bytes, len, &info) && strcmp(info.media_type, "image/svg+xml")
	     && strcmp(info.media_type, "image/bmp") && info.width > 0 && info.height > 0
	     && (max_mp <= 0 || (double)info.width * info.height <= max_mp * 1e6) && !imagetype_cut_short(bytes, len, &info)
	     && info.frames >= 1 && !imagetype_damage(bytes, len, &info);
	*w = info.width;
	*h = info.height;
	g_free(bytes);
	return ok;
}

/* The href of n (SVG 2's own, or XLink's, however its prefix was declared), or NULL; g_free. */
static char *href_of(const xmlNode *n)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		bool xlink = a->ns && ns_is(n->doc, a->ns, XLINK_NS) && !strcmp((const char *)a->name, "href");
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

/* css as the stylesheet cleaner leaves it, or NULL when an address of another file is still in it (g_free). */
static char *clean_css(struct cleaner *c, const char *css, enum css_place place)
{
	unsigned dropped = 0;
	char *clean = cssclean_quiet(css, &dropped);
	bool own = addresses_own(clean, place);

	if (dropped || !own)
		c->lost |= L_URL;
	if (!own)
		g_clear_pointer(&clean, g_free);
	return clean;
}

/* A later SVG's declaration: name:value, a number alone as a length in user units. */
static void put_declaration(GString *style, const char *name, const char *value)
{
	char **parts = g_strsplit_set(value, " \t\n", -1);

	g_string_append_printf(style, "%s:", name);
	for (char **p = parts; *p; p++) {
		char *end = NULL;

		if (!**p)
			continue;
		g_ascii_strtod(*p, &end);
		g_string_append_printf(style, "%s%s%s", style->str[style->len - 1] == ':' ? "" : " ", *p,
				       end && !*end && !strcmp(name, "transform-origin") ? "px" : "");
	}
	g_string_append_c(style, ';');
	g_strfreev(parts);
}

/*
 * Put the attributes of n (elements[e]) that may stay; later SVG's presentation attributes as
 * the first declarations of its style (its own after them, winning as before); an href given is
 * written as XLink's (every reader knows it).
 */
static void put_attributes(struct cleaner *c, const xmlNode *n, int e, const char *href)
{
	GString *style = g_string_new(NULL), *own = g_string_new(NULL);
	bool styled = !listed(unstyled, elements[e].name);

	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		bool moved = styled && listed(later, name);
		char *v;

		if (a->ns) {
			/* xml:space and xml:lang stay; other namespaces' attributes are an editor's */
			if (!strcmp((const char *)a->ns->href, (const char *)XML_XML_NAMESPACE)
			    && (!strcmp(name, "space") || !strcmp(name, "lang")))
				put_xml_attribute(c, a, name);
			continue;
		}
		/* event attributes (onload ...), hrefs (href_of's), what SVG 1.1 or the element does not have */
		if (!moved && strcmp(name, "id") && !(styled && (!strcmp(name, "class") || !strcmp(name, "style")))
		    && !listed(elements[e].attributes, name))
			continue;
		v = (char *)xmlNodeListGetString(c->doc, a->children, 1);
		if (!v) {
			continue;
		} else if (!strcmp(name, "id") && !g_hash_table_add(c->ids, g_strdup(v))) {
			;	/* one element an id: the first (EPUBCheck refuses a second; readers take the first) */
		} else if (!strcmp(name, "style")) {
			g_string_append(own, v);
		} else if (!addresses_own(v, ATTRIBUTE_VALUE)) {
			c->lost |= L_URL;	/* a paint or filter of another file */
		} else if (moved) {
			/* one value, never more declarations, rules, strings or comment marks ("red;x:y") */
			if (!strpbrk(v, ";{}/\\\"'"))
				put_declaration(style, name, v);
		} else {
			xml_attr(c->out, name, v);
		}
		xmlFree(v);
	}
	g_string_append(style, own->str);
	if (style->len) {
		char *clean = clean_css(c, style->str, STYLE_ATTRIBUTE);

		if (clean)
			g_strchomp(clean);
		while (clean && *clean && clean[strlen(clean) - 1] == ';')
			clean[strlen(clean) - 1] = '\0';
		if (clean && *clean)
			xml_attr(c->out, "style", clean);
		g_free(clean);
	}
	if (href)
		xml_attr(c->out, "xlink:href", href);
	g_string_free(style, TRUE);
	g_string_free(own, TRUE);
}

/*
 * The replacement text of an entity of the file's own DTD, its references to others (and to XML's
 * own: &amp;) given as theirs, to depth 8 and 64 KB at most (what libxml2 let through is no bomb,
 * but a file's own entities are not trusted with the book's memory).
 */
static void put_entity(GString *text, xmlDoc *doc, const char *content, int depth)
{
	for (const char *p = content; *p && text->len < 65536; p++) {
		const char *semi = *p == '&' ? strchr(p, ';') : NULL;
		xmlEntity *e;
		char *name;

		if (!semi) {
			g_string_append_c(text, *p);
			continue;
		}
		name = g_strndup(p + 1, (gsize)(semi - p - 1));
		e = xmlGetDocEntity(doc, (const xmlChar *)name);	/* XML's own too (amp, lt ...) */
		if (e && e->content && (e->etype == XML_INTERNAL_PREDEFINED_ENTITY || depth < 8)
		    && (e->etype == XML_INTERNAL_GENERAL_ENTITY || e->etype == XML_INTERNAL_PREDEFINED_ENTITY)) {
			if (e->etype == XML_INTERNAL_PREDEFINED_ENTITY)
				g_string_append(text, (const char *)e->content);
			else
				put_entity(text, doc, (const char *)e->content, depth + 1);
		}
		g_free(name);
		p = semi;
	}
}

/* A text node's text, an entity of the file's own DTD given as its text. */
static void put_text(GString *out, const xmlNode *t)
{
	if (t->type == XML_TEXT_NODE || t->type == XML_CDATA_SECTION_NODE) {
		xml_escape(out, (const char *)t->content, -1);
	} else if (t->type == XML_ENTITY_REF_NODE) {
		xmlEntity *e = xmlGetDocEntity(t->doc, t->name);

		if (e && e->etype == XML_INTERNAL_GENERAL_ENTITY && e->content) {
			GString *text = g_string_new(NULL);

			put_entity(text, t->doc, (const char *)e->content, 1);
			xml_escape(out, text->str, -1);
			g_string_free(text, TRUE);
		}
	}
}

static void put_node(struct cleaner *c, const xmlNode *n, bool root);

/* A <style>'s sheet, cleaned as a stylesheet (none when an address of another file stays in it). */
static void put_style(struct cleaner *c, const xmlNode *n)
{
	xmlChar *text = xmlNodeGetContent(n);
	char *clean = clean_css(c, text ? (const char *)text : "", STYLE_SHEET);

	xmlFree(text);
	if (!clean)
		return;
	g_string_append(c->out, "<style type=\"text/css\">");
	xml_escape(c->out, clean, -1);
	g_string_append(c->out, "</style>");
	g_free(clean);
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

/* The value of attribute name of n, or fallback when it has none; g_free. */
static char *attribute_or(const xmlNode *n, const char *name, const char *fallback)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *copy = g_strdup(v ? (const char *)v : fallback);

	xmlFree(v);
	return copy;
}

/*
 * SVG 2's <feDropShadow> as the SVG 1.1 primitives its definition names (a blur of the input's
 * alpha, offset, flooded with its colour, under the input): left out, its filter was empty and
 * the shape it filtered drew nothing. Only where its input is known: named, or the filter's
 * first primitive (the source); elsewhere false (left out, said).
 */
static bool put_drop_shadow(struct cleaner *c, const xmlNode *n)
{
	char *in = attribute_or(n, "in", NULL), *dx, *dy, *sd, *color, *opacity, *result;
	bool first = true;

	for (const xmlNode *k = n->prev; k; k = k->prev)
		first &= k->type != XML_ELEMENT_NODE;
	if (!in && !first)
		return false;
	if (!in)
		in = g_strdup("SourceGraphic");
	dx = attribute_or(n, "dx", "2");
	dy = attribute_or(n, "dy", "2");
	sd = attribute_or(n, "stdDeviation", "2");
	color = attribute_or(n, "flood-color", "black");
	opacity = attribute_or(n, "flood-opacity", "1");
	result = attribute_or(n, "result", NULL);
	g_string_append(c->out, "<feGaussianBlur");
	xml_attr(c->out, "in", !strcmp(in, "SourceGraphic") ? "SourceAlpha" : in);
	xml_attr(c->out, "stdDeviation", sd);
	g_string_append(c->out, "></feGaussianBlur><feOffset");
	xml_attr(c->out, "dx", dx);
	xml_attr(c->out, "dy", dy);
	g_string_append(c->out, " result=\"folio-shadow\"></feOffset><feFlood");
	xml_attr(c->out, "flood-color", color);
	xml_attr(c->out, "flood-opacity", opacity);
	g_string_append(c->out, "></feFlood><feComposite in2=\"folio-shadow\" operator=\"in\"></feComposite><feMerge");
	if (result)
		xml_attr(c->out, "result", result);
	g_string_append(c->out, "><feMergeNode></feMergeNode><feMergeNode");
	xml_attr(c->out, "in", in);
	g_string_append(c->out, "></feMergeNode></feMerge>");
	g_free(in), g_free(dx), g_free(dy), g_free(sd), g_free(color), g_free(opacity), g_free(result);
	return true;
}

/* Does n lack the geometry elements[e] needs to draw anything (a mermaid label's bare <rect/>)? */
static bool lacks_geometry(const xmlNode *n, int e)
{
	for (size_t i = 0; i < G_N_ELEMENTS(required); i++) {
		char **names;
		bool lacks = false;

		if (strcmp(required[i][0], elements[e].name))
			continue;
		names = g_strsplit(required[i][1], " ", -1);
		for (char **p = names; *p; p++)
			lacks |= !xmlHasProp(n, (const xmlChar *)*p);
		g_strfreev(names);
		return lacks;
	}
	return false;
}

/* Is n inside text (a <text>, <tspan> or <textPath>), where only text and <tspan> may stand? */
static bool in_text(const xmlNode *n)
{
	const xmlNode *p = n->parent;

	return p && p->type == XML_ELEMENT_NODE && listed("text tspan textPath a", (const char *)p->name)
	       && (strcmp((const char *)p->name, "a") || in_text(p));
}

static void put_node(struct cleaner *c, const xmlNode *n, bool root)
{
	int e, kind, pixels_w = 0, pixels_h = 0;
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
		/* a filter's picture or copy of a drawing: its filter draws without it (chained, they took 13 GB to draw) */
		if (!strcmp((const char *)n->name, "feImage"))
			c->lost |= L_FEIMAGE;
		if (!strcmp((const char *)n->name, "feDropShadow") && (n->ns == NULL || ns_is(n->doc, n->ns, SVG_NS))
		    && !put_drop_shadow(c, n))
			c->lost |= L_SHADOW;
		return;	/* scripts, animations, fonts, an editor's own elements: nothing of the drawing */
	}
	/* words about a filter's part are no part of it (SVG 1.1 has none there); nothing drawn lacks its size */
	if ((kind == K_TEXT && !listed("text tspan textPath", elements[e].name) && n->parent
	     && g_str_has_prefix((const char *)n->parent->name, "fe")) || lacks_geometry(n, e))
		return;
	if (kind == K_STYLE) {
		put_style(c, n);
		return;
	}
	href = href_of(n);
	if (kind == K_REF || kind == K_IMAGE) {
		bool own = href && (kind == K_REF ? own_fragment(href) : sound_data_picture(href, c->max_mp, &pixels_w, &pixels_h));

		if (!own) {
			/* (one that names nothing draws nothing: nothing is lost) */
			if (href && *href)
				c->lost |= kind == K_REF ? L_REF : !g_ascii_strncasecmp(href, "data:", 5) ? L_EMBEDDED : L_IMAGE;
			xmlFree(href);
			return;
		}
	} else if (href && (kind == K_LINK || !own_fragment(href))) {
		/* a link's address goes; a gradient or pattern taking another file's stops loses them */
		if (kind != K_LINK)
			c->lost |= L_URL;
		g_clear_pointer(&href, xmlFree);
	}
	/* a link is a group of what it holds, or in text a <tspan> of its words */
	if (kind == K_LINK && in_text(n))
		e = element_named("tspan"), kind = K_TEXT;
	name = kind == K_LINK ? "g" : elements[e].name;
	g_string_append_printf(c->out, "<%s", name);
	if (root)
		g_string_append(c->out, " xmlns=\"" SVG_NS "\" xmlns:xlink=\"" XLINK_NS "\"");
	put_attributes(c, n, e, href);
	xmlFree(href);
	/* a picture without its size is drawn at its own (SVG 2); SVG 1.1 needs it said */
	if (kind == K_IMAGE && !xmlHasProp(n, (const xmlChar *)"width"))
		g_string_append_printf(c->out, " width=\"%d\"", pixels_w);
	if (kind == K_IMAGE && !xmlHasProp(n, (const xmlChar *)"height"))
		g_string_append_printf(c->out, " height=\"%d\"", pixels_h);
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

/* A length of width or height in whole pixels; 0 when it is none (or a percentage's number is taken). */
static int svg_length(const char *s)
{
	double v = s ? g_ascii_strtod(s, NULL) : 0;

	return v > 0 && v < 1e6 ? (int)(v + 0.5) : 0;
}

static bool named(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (!g_ascii_strcasecmp((const char *)n->name, *names))
			return true;
	return false;
}

/*
 * Does anything inside n draw? Descriptions, styles and definitions (drawn only where something
 * uses them) do not, nor text straight inside a container (only <text> is drawn); a group, a
 * link or a nested <svg> draws what it holds. Any other element is taken to draw.
 */
static bool svg_draws(const xmlNode *n)
{
	static const char *const silent[] = { "title", "desc", "metadata", "defs", "style", "script", "symbol",
					      "linearGradient", "radialGradient", "pattern", "clipPath", "mask",
					      "filter", "marker", NULL };
	static const char *const containers[] = { "g", "a", "switch", "svg", NULL };

	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || named(c, silent))
			continue;
		if (!named(c, containers) || svg_draws(c))
			return true;
	}
	return false;
}

/* The cleaned SVG's size, from width and height, else its viewBox, and whether it draws nothing. */
static void read_facts(const xmlNode *root, struct svg_facts *facts)
{
	xmlChar *vb = xmlGetProp(root, (const xmlChar *)"viewBox"), *aw = xmlGetProp(root, (const xmlChar *)"width");
	xmlChar *ah = xmlGetProp(root, (const xmlChar *)"height");

	facts->blank = !svg_draws(root);
	facts->width = svg_length((const char *)aw);
	facts->height = svg_length((const char *)ah);
	if ((!facts->width || !facts->height || (aw && strchr((const char *)aw, '%'))) && vb) {
		double v[4] = { 0 };
		char **parts = g_strsplit_set((const char *)vb, " ,\t\n", -1);
		int k = 0;

		for (char **p = parts; *p && k < 4; p++)
			if (**p)
				v[k++] = g_ascii_strtod(*p, NULL);
		g_strfreev(parts);
		facts->width = k == 4 && v[2] > 0 && v[2] < 1e6 ? (int)(v[2] + 0.5) : 0;
		facts->height = k == 4 && v[3] > 0 && v[3] < 1e6 ? (int)(v[3] + 0.5) : 0;
	}
	xmlFree(vb);
	xmlFree(aw);
	xmlFree(ah);
}

/* Definitions: drawn only where something uses them, not where they stand. */
static const char definitions[] = "defs symbol clipPath mask pattern marker linearGradient radialGradient filter "
				  "title desc style";

/* Numbers in s (a path's d, a polygon's points): twice its vertices, near enough. */
static double numbers_in(const char *s)
{
	double n = 0;

	for (const char *p = s; p && *p;) {
		if (g_ascii_isdigit(*p)) {
			n++;
			while (g_ascii_isdigit(*p) || *p == '.')
				p++;
		} else {
			p++;
		}
	}
	return n;
}

struct frame {
	const xmlNode *n;
	bool counted;	/* its parts are known: add them up */
};

/*
 * How many elements n draws, each <use> counting what it copies and a definition counting only
 * where used (memo: each element's count; -1 while counted, so a <use> of its own ancestor counts
 * nothing, as readers draw it). A stack of its own, not recursion: a chain of 100,000 <use>s
 * overflowed the C stack.
 */
static double drawn(const xmlNode *top, GHashTable *ids, GHashTable *memo)
{
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(struct frame));
	struct frame f = { top, false };
	double *known;

	g_array_append_val(stack, f);
	while (stack->len) {
		f = g_array_index(stack, struct frame, stack->len - 1);
		const xmlNode *n = f.n, *target = NULL;
		char *href = strcmp((const char *)n->name, "use") ? NULL : href_of(n);

		if (href && own_fragment(href))
			target = g_hash_table_lookup(ids, g_strstrip(href) + 1);
		xmlFree(href);
		if (!f.counted) {
			if (g_hash_table_lookup(memo, n)) {
				g_array_set_size(stack, stack->len - 1);
				continue;
			}
			known = g_new(double, 1);
			*known = -1;
			g_hash_table_insert(memo, (gpointer)n, known);
			g_array_index(stack, struct frame, stack->len - 1).counted = true;
			for (const xmlNode *k = n->children; k; k = k->next)
				if (k->type == XML_ELEMENT_NODE && !listed(definitions, (const char *)k->name))
					g_array_append_val(stack, ((struct frame){ k, false }));
			if (target)
				g_array_append_val(stack, ((struct frame){ target, false }));
			continue;
		}
		double count = 1;

		for (const xmlNode *k = n->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE && !listed(definitions, (const char *)k->name)
			    && (known = g_hash_table_lookup(memo, k)) && *known > 0)
				count += *known;
		if (target && (known = g_hash_table_lookup(memo, target)) && *known > 0)
			count += *known;
		*(double *)g_hash_table_lookup(memo, n) = MIN(count, 1e18);
		g_array_set_size(stack, stack->len - 1);
	}
	g_array_free(stack, TRUE);
	known = g_hash_table_lookup(memo, top);
	return known && *known > 0 ? *known : 0;
}

/* Every element with an id in the cleaned SVG at n (the first of each id: the others lost theirs). */
static void collect_ids(xmlNode *n, GHashTable *ids, GPtrArray *names)
{
	GPtrArray *stack = g_ptr_array_new();

	g_ptr_array_add(stack, n);
	while (stack->len) {
		xmlNode *e = g_ptr_array_steal_index(stack, stack->len - 1);
		char *id = (char *)xmlGetProp(e, (const xmlChar *)"id");

		if (id && !g_hash_table_contains(ids, id)) {
			g_hash_table_insert(ids, id, e);
			g_ptr_array_add(names, id);
		} else {
			xmlFree(id);
		}
		for (xmlNode *k = e->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE)
				g_ptr_array_add(stack, k);
	}
	g_ptr_array_free(stack, TRUE);
}

/*
 * Read the cleaned SVG's *facts; and does it draw more than MAX_DRAWN_ELEMENTS: its elements, each
 * <use> counting what it copies, and each marker what it holds at every vertex of every path
 * (taken as marked: 2.6 KB of <use>s made 10^8 copies, a marker of 2,000 shapes on 60,000
 * vertices 10^8 more; readers hung on both)? Counted on what is packed, so that no element left
 * out can lend its id.
 */
static bool read_cleaned(const GString *svg, struct svg_facts *facts)
{
	xmlDoc *doc = xmlReadMemory(svg->str, (int)MIN(svg->len, (size_t)G_MAXINT), NULL, "UTF-8",
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	GHashTable *ids = g_hash_table_new(g_str_hash, g_str_equal), *memo = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	GPtrArray *names = g_ptr_array_new_with_free_func(xmlFree), *stack = g_ptr_array_new();
	double count = 0, marks = 0, vertices = 0;

	memset(facts, 0, sizeof *facts);
	if (root) {
		read_facts(root, facts);
		collect_ids(root, ids, names);
		count = drawn(root, ids, memo);
		g_ptr_array_add(stack, root);
	}
	while (stack->len && count <= MAX_DRAWN_ELEMENTS) {
		xmlNode *e = g_ptr_array_steal_index(stack, stack->len - 1);
		xmlChar *d = xmlGetProp(e, (const xmlChar *)(strcmp((const char *)e->name, "path") ? "points" : "d"));

		if (!strcmp((const char *)e->name, "marker"))
			marks += drawn(e, ids, memo);
		vertices += numbers_in((const char *)d) / 2;
		xmlFree(d);
		for (xmlNode *k = e->children; k; k = k->next)
			if (k->type == XML_ELEMENT_NODE)
				g_ptr_array_add(stack, k);
	}
	count += marks * vertices;
	g_ptr_array_free(stack, TRUE);
	g_hash_table_destroy(ids);
	g_hash_table_destroy(memo);
	g_ptr_array_unref(names);
	xmlFreeDoc(doc);
	return count > MAX_DRAWN_ELEMENTS;
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
		{ L_IMAGE, "an <image> of another file" },
		{ L_EMBEDDED, "an embedded <image> that is no sound PNG, JPEG, GIF or WebP within --image-max-megapixels" },
		{ L_REF, "a <use> of another file" },
		{ L_FEIMAGE, "a filter's <feImage>" },
		{ L_SHADOW, "an <feDropShadow> of the primitive before it" },
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

GString *svgfile_clean(const char *data, size_t len, long max_megapixels, struct svg_facts *facts, char **flaw)
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
	c.ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	put_node(&c, root, true);
	g_hash_table_destroy(c.ids);
	g_string_append_c(c.out, '\n');
	if (read_cleaned(c.out, facts))
		*flaw = g_strdup_printf("is an SVG whose copies (<use>, markers) draw more than %d elements (a reader hangs "
					"on it); not packed", MAX_DRAWN_ELEMENTS);
	/* Blank as written, or only once cleaned: then what it drew is lost, and said to be. */
	else if (facts->blank && !repaired && svg_draws(root))
		*flaw = g_strdup("is an SVG whose drawing is all in what folio leaves out (<image> or <use> of other "
				 "files, <foreignObject> ...); not packed");
	if (*flaw) {
		g_string_free(c.out, TRUE);
		g_free(repaired);
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return NULL;
	}
	if (repaired)
		*flaw = g_strdup_printf("is an SVG that is not well-formed XML (%s); drawn as far as it reads", repaired);
	else if (c.lost)
		*flaw = loss_text(c.lost);
	g_free(repaired);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	return c.out;
}
