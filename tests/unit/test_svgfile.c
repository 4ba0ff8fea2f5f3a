/* test_svgfile.c - an SVG picture keeps its whole drawing and loses what would run or load, and says what it lost. */
#include <stdbool.h>
#include <string.h>
#include <glib.h>

#include "check.h"
#include "media/svgfile.h"

#define PNG_2X2 "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8AARAxg8j8AG/ID/fPnS7EAAAAASUVORK5CYII="
/* the same with one bit of its pixel data flipped: its checksum is wrong */
#define PNG_BAD "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8AARAxg8j8AGvID/fPnS7EAAAAASUVORK5CYII="

static bool has(const GString *s, const char *part)
{
	return s && strstr(s->str, part) != NULL;
}

/* The cleaned file of svg, and its flaw in *flaw (g_free both). */
static GString *clean(const char *svg, char **flaw)
{
	struct svg_facts facts;

	return svgfile_clean(svg, strlen(svg), 50, &facts, flaw);
}

int main(void)
{
	char *flaw = NULL;
	/* An editor's drawing: styles, a style sheet, a gradient, <use> of its own definitions. */
	GString *out = clean("<?xml version=\"1.0\"?>\n"
			     "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n"
			     "     xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\"\n"
			     "     xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\" width=\"200\" height=\"100\">\n"
			     "<sodipodi:namedview pagecolor=\"#fff\"/>\n"
			     "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#f00\"/></linearGradient>\n"
			     "<circle id=\"dot\" r=\"8\" style=\"fill:#0a0\"/></defs>\n"
			     "<style>.t { fill: #c60; font-size: 20px } .u > .v { fill: url(#g) }</style>\n"
			     "<rect width=\"190\" height=\"40\" fill=\"url(#g)\" inkscape:label=\"bar\"/>\n"
			     "<rect width=\"60\" height=\"40\" style=\"fill:#fc0;stroke:#000\" paint-order=\"stroke\"/>\n"
			     "<use xlink:href=\"#dot\" x=\"100\"/><use href=\"#dot\" x=\"130\"/>\n"
			     "<text class=\"t\" x=\"150\" y=\"80\">Hello <tspan font-weight=\"bold\">big</tspan> world</text>\n"
			     "</svg>\n", &flaw);

	CHECK("svg: an editor's drawing read", out != NULL);
	CHECK("svg: ... nothing lost, nothing said", flaw == NULL);
	CHECK("svg: ... its style attributes kept, a later SVG's presentation attribute before their own declarations",
	      has(out, "style=\"fill:#0a0\"") && has(out, "style=\"paint-order:stroke;fill:#fc0;stroke:#000\""));
	CHECK("svg: ... its style sheet kept", has(out, "<style type=\"text/css\">.t { fill: #c60; font-size: 20px } .u &gt; .v { fill: url(#g) }</style>"));
	CHECK("svg: ... a gradient and its use kept", has(out, "<linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#f00\"></stop>")
	      && has(out, "fill=\"url(#g)\""));
	CHECK("svg: ... <use> of its own definitions kept, either spelling", has(out, "<use x=\"100\" xlink:href=\"#dot\">")
	      && has(out, "<use x=\"130\" xlink:href=\"#dot\">"));
	CHECK("svg: ... text and its tspan in order", has(out, ">Hello <tspan font-weight=\"bold\">big</tspan> world</text>"));
	CHECK("svg: ... an editor's own elements and attributes left out", !has(out, "namedview") && !has(out, "inkscape")
	      && !has(out, "label"));
	CHECK("svg: ... the namespaces declared on the root", has(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"200\" height=\"100\">"));
	g_string_free(out, TRUE);

	/*
	 * Inkscape writes a font and overflow on every <path> (EPUBCheck: not allowed there, and they
	 * do nothing there); an attribute stays only where SVG 1.1 has it (x on a <g> goes). Presentation
	 * attributes stay attributes: a <style> sheet's rule still wins over them, as written.
	 */
	out = clean("<svg xmlns=\"http://www.w3.org/2000/svg\"><g x=\"3\" transform=\"scale(2)\"><path d=\"M0 0h1\" font-family=\"Sans\" "
		    "overflow=\"visible\" fill=\"red\" style=\"fill:blue\"/></g><symbol transform=\"scale(2)\" viewBox=\"0 0 1 1\"/></svg>", &flaw);
	CHECK("svg: presentation attributes the element takes stay attributes, the others go",
	      has(out, "<path d=\"M0 0h1\" fill=\"red\" style=\"fill:blue\">"));
	CHECK("svg: an attribute SVG 1.1 gives not to its element goes", has(out, "<g transform=\"scale(2)\">")
	      && has(out, "<symbol viewBox=\"0 0 1 1\">") && !flaw);
	g_string_free(out, TRUE);

	/* What runs is left out quietly (a picture runs nothing anyway); what loads is said. */
	out = clean("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">"
		    "<script>alert(2)</script><animate attributeName=\"x\"/>"
		    "<rect width=\"1\" height=\"1\" onclick=\"alert(3)\" fill=\"URL(https://e.x/p.svg#g)\" stroke=\"\\75 rl(x)\"/>"
		    "<a href=\"javascript:alert(4)\"><circle r=\"5\" fill=\"green\" paint-order=\"stroke;injected:1\" mix-blend-mode=\"x/*\" style=\"a:'*/;injected:url(http://e.x/i.svg);b:'\"/></a>"
		    "<image href=\"https://e.x/track.png\" width=\"1\" height=\"1\"/>"
		    "<use href=\"other.svg#x\"/>"
		    "<foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">html</p></foreignObject>"
		    "<style>@import url(https://e.x/f.css); .k { fill: red }</style>"
		    "</svg>", &flaw);
	CHECK("svg: scripts, events and animations left out", out && !has(out, "alert") && !has(out, "script")
	      && !has(out, "animate"));
	CHECK("svg: a link is a group, its address gone", has(out, "<g><circle r=\"5\" "));
	CHECK("svg: ... a comment mark opens nothing across attributes, and an address in a string goes too",
	      !has(out, "x/*") && !has(out, "e.x/i.svg"));
	CHECK("svg: a later SVG's presentation attribute is one value, never more declarations or comments",
	      !has(out, "injected:1") && has(out, "<circle r=\"5\" fill=\"green\">"));
	CHECK("svg: paint of another file left out, any case or escaped", !has(out, "e.x/p.svg") && !has(out, "75 rl")
	      && has(out, "<rect width=\"1\" height=\"1\">"));
	CHECK("svg: <image> and <use> of other files, HTML left out", !has(out, "<image") && !has(out, "<use")
	      && !has(out, "html") && !has(out, "foreignObject"));
	CHECK("svg: a style sheet's @import left out, its rules kept", !has(out, "@import") && has(out, ".k { fill: red }"));
	CHECK("svg: ... and said, each kind once", flaw && strstr(flaw, "<foreignObject>") && strstr(flaw, "<image> of another file")
	      && strstr(flaw, "<use> of another file") && strstr(flaw, "url()") && g_str_has_suffix(flaw, "left out, the rest drawn"));
	g_string_free(out, TRUE);
	g_free(flaw);

	/*
	 * draw.io's labels: HTML in a <switch>, its <text> fallback saying "[Not supported by viewer]".
	 * The fallback takes the HTML's words, line by line, centred where it stood; nothing said.
	 */
	out = clean("<svg xmlns=\"http://www.w3.org/2000/svg\"><switch><foreignObject requiredFeatures=\"http://www.w3.org/TR/SVG11/feature#Extensibility\">"
		    "<div xmlns=\"http://www.w3.org/1999/xhtml\"><div>HAL  Implementation\n Crate</div><div><b>nrf52</b>-hal<br/></div></div></foreignObject>"
		    "<text x=\"103\" y=\"34\" text-anchor=\"middle\">[Not supported by viewer]</text></switch>"
		    "<switch><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">Driver</div></foreignObject><text x=\"5\">Driver</text></switch></svg>", &flaw);
	CHECK("svg: a draw.io label's HTML words in its fallback, line by line", has(out, "<switch><text x=\"103\" y=\"34\" text-anchor=\"middle\">"
	      "<tspan x=\"103\" dy=\"-0.6em\">HAL Implementation Crate</tspan><tspan x=\"103\" dy=\"1.2em\">nrf52-hal</tspan></text></switch>"));
	CHECK("svg: ... one line as it is, nothing said", has(out, "<switch><text x=\"5\">Driver</text></switch>") && flaw == NULL);
	g_string_free(out, TRUE);

	/* A picture embedded as data: kept when sound; a damaged one left out and said. */
	out = clean("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
		    "<image width=\"2\" height=\"2\" xlink:href=\"data:image/png;base64," PNG_2X2 "\"/></svg>", &flaw);
	CHECK("svg: a sound embedded PNG kept", has(out, "<image width=\"2\" height=\"2\" xlink:href=\"data:image/png;base64,") && !flaw);
	g_string_free(out, TRUE);
	out = clean("<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"data:image/png;base64," PNG_BAD "\"/><rect width=\"1\" height=\"1\"/></svg>", &flaw);
	CHECK("svg: a damaged embedded PNG left out and said", out && !has(out, "<image") && flaw && strstr(flaw, "<image>"));
	g_string_free(out, TRUE);
	g_free(flaw);

	/* No namespace, an undeclared xlink prefix, the file's own entities (Illustrator's DOCTYPE). */
	out = clean("<!DOCTYPE svg [<!ENTITY who \"Ferris\">]>\n<svg width=\"10\" height=\"10\"><defs><path id=\"p\" d=\"M0 0h5\"/></defs>"
		    "<use xlink:href=\"#p\"/><text>&who; &amp; co</text></svg>", &flaw);
	CHECK("svg: no namespace, an undeclared prefix, entities", has(out, "xlink:href=\"#p\"") && has(out, "<text>Ferris &amp; co</text>"));
	g_string_free(out, TRUE);
	g_free(flaw);
	out = clean("<!DOCTYPE svg [<!ENTITY b \"B\"><!ENTITY t \"a &b; &amp; c\">]>\n<svg><text>&t;</text><use/></svg>", &flaw);
	CHECK("svg: an entity's entities given as their text (it printed \"a &b; c\")", has(out, "<text>a B &amp; c</text>"));
	CHECK("svg: a <use> naming nothing draws nothing: left out, nothing said", !has(out, "<use") && !flaw);
	g_string_free(out, TRUE);
	/* data: stays only in a sheet (an embedded font); a style attribute's paint of data: goes whole. */
	out = clean("<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@font-face{font-family:F;src:url(data:font/woff2;base64,AAAA)}</style>"
		    "<rect width=\"1\" height=\"1\" style=\"fill:url(data:image/svg+xml,%3Csvg/%3E)\"/></svg>", &flaw);
	CHECK("svg: a sheet's embedded font kept", has(out, "src:url(data:font/woff2;base64,AAAA)"));
	CHECK("svg: ... a style attribute's data: paint left out, said", has(out, "<rect width=\"1\" height=\"1\"></rect>")
	      && flaw && strstr(flaw, "url()"));
	g_string_free(out, TRUE);
	g_free(flaw);

	/* Cut short: drawn as far as it reads, and said with the line it breaks at. */
	out = clean("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n<rect width=\"5\" height=\"5\"/>\n<circle r=\"3\"", &flaw);
	CHECK("svg: cut short: what reads is kept", has(out, "<rect width=\"5\" height=\"5\"></rect>"));
	CHECK("svg: ... and said with its line", flaw && g_str_has_prefix(flaw, "is an SVG that is not well-formed XML (line 3: ")
	      && g_str_has_suffix(flaw, "); drawn as far as it reads"));
	g_string_free(out, TRUE);
	g_free(flaw);

	/*
	 * What a probe of 480 real and hostile SVGs found. A <use> bomb (copies of copies: 10^8
	 * elements from 2.6 KB) hung a reader: refused. Illustrator's header spells the namespaces
	 * through entities. A filter's <feImage> went (chained, they took 13 GB to draw), said.
	 */
	{
		GString *bomb = g_string_new("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
					     "<defs><circle id=\"a0\" r=\"1\"/>");

		for (int i = 1; i < 9; i++) {
			g_string_append_printf(bomb, "<g id=\"a%d\">", i);
			for (int k = 0; k < 10; k++)
				g_string_append_printf(bomb, "<use xlink:href=\"#a%d\"/>", i - 1);
			g_string_append(bomb, "</g>");
		}
		g_string_append(bomb, "</defs><use xlink:href=\"#a8\"/></svg>");
		out = clean(bomb->str, &flaw);
		CHECK("svg: a <use> bomb is refused, and why", out == NULL && flaw && strstr(flaw, "draw more than 200000 elements"));
		g_free(flaw);
		/* Decoys: the first element of each id a shape the cleaner leaves out (no size), lending its id. */
		g_string_assign(bomb, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">");
		for (int i = 1; i < 10; i++)
			g_string_append_printf(bomb, "<rect id=\"l%d\"/>", i);
		g_string_append(bomb, "<defs><rect id=\"l0\" width=\"1\" height=\"1\"/>");
		for (int i = 1; i < 10; i++) {
			g_string_append_printf(bomb, "<g id=\"l%d\">", i);
			for (int k = 0; k < 10; k++)
				g_string_append_printf(bomb, "<use xlink:href=\"#l%d\"/>", i - 1);
			g_string_append(bomb, "</g>");
		}
		g_string_append(bomb, "</defs><use xlink:href=\"#l9\"/></svg>");
		out = clean(bomb->str, &flaw);
		CHECK("svg: ... decoy ids left out lend the bomb nothing (counted on what is packed)", out == NULL && flaw
		      && strstr(flaw, "draw more than"));
		g_free(flaw);
		/*
		 * A chain of 100,000 <use>s overflowed the C stack (it draws 200,000 elements: refused);
		 * one of 30,000, drawing 60,000, was counted a bomb (every link summed again above it).
		 */
		for (int links = 100000; links >= 30000; links -= 70000) {
			g_string_assign(bomb, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs>");
			for (int i = 0; i < links; i++)
				g_string_append_printf(bomb, "<g id=\"g%d\"><use xlink:href=\"#g%d\"/></g>", i, i + 1);
			g_string_append_printf(bomb, "<rect id=\"g%d\" width=\"1\" height=\"1\"/></defs><use xlink:href=\"#g0\"/></svg>", links);
			out = clean(bomb->str, &flaw);
			if (links == 100000)
				CHECK("svg: a chain of 100,000 <use>s is counted without recursion: refused, no crash", !out && flaw);
			else
				CHECK("svg: ... one of 30,000 (60,000 drawn) is no bomb", out && !flaw);
			if (out)
				g_string_free(out, TRUE);
			g_free(flaw);
		}
		/* An unused chain in <defs> draws nothing: no bomb either. */
		g_string_assign(bomb, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs>");
		for (int i = 0; i < 500; i++) {
			g_string_append_printf(bomb, "<g id=\"u%d\">", i);
			for (int k = 0; k < 10; k++)
				g_string_append_printf(bomb, "<use xlink:href=\"#u%d\"/>", i + 1);
			g_string_append(bomb, "</g>");
		}
		g_string_append(bomb, "<rect id=\"u500\" width=\"1\" height=\"1\"/></defs><rect width=\"2\" height=\"2\"/></svg>");
		out = clean(bomb->str, &flaw);
		CHECK("svg: definitions no one uses draw nothing, however they multiply", out && !flaw);
		if (out)
			g_string_free(out, TRUE);
		/* A marker of 2,000 shapes on a path of 600 vertices: 1.2 million drawn. */
		g_string_assign(bomb, "<svg xmlns=\"http://www.w3.org/2000/svg\"><marker id=\"m\">");
		for (int i = 0; i < 2000; i++)
			g_string_append(bomb, "<rect width=\"1\" height=\"1\"/>");
		g_string_append(bomb, "</marker><path marker-mid=\"url(#m)\" d=\"M0 0");
		for (int i = 0; i < 600; i++)
			g_string_append_printf(bomb, " L%d %d", i, i % 7);
		g_string_append(bomb, "\"/></svg>");
		out = clean(bomb->str, &flaw);
		CHECK("svg: a marker bomb is refused", out == NULL && flaw && strstr(flaw, "markers"));
		g_free(flaw);
		g_string_free(bomb, TRUE);
	}
	out = clean("<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n"
		    "<!ENTITY ns_svg \"http://www.w3.org/2000/svg\"><!ENTITY ns_xlink \"http://www.w3.org/1999/xlink\">]>\n"
		    "<svg xmlns=\"&ns_svg;\" xmlns:xlink=\"&ns_xlink;\" width=\"4\" height=\"4\"><defs><rect id=\"r\" width=\"2\" height=\"2\"/></defs>"
		    "<use xlink:href=\"#r\"/></svg>", &flaw);
	CHECK("svg: Illustrator's namespaces spelt through entities", has(out, "<use xlink:href=\"#r\"></use>") && !flaw);
	g_string_free(out, TRUE);
	out = clean("<svg xmlns=\"http://www.w3.org/2000/svg\"><filter id=\"f\"><feImage href=\"#r\" result=\"i\"/>"
		    "<feDiffuseLighting><title>light</title><feDistantLight azimuth=\"3\"/></feDiffuseLighting></filter>"
		    "<text x=\"1\">see <a href=\"https://e.x/\">the site</a> now</text>"
		    "<g class=\"label\"><rect/></g><rect id=\"r\" width=\"1\" height=\"1\"/><circle id=\"r\" r=\"1\"/>"
		    "<style>rect{fill:blue}</style><rect width=\"2\" height=\"2\" fill=\"red\"/>"
		    "<mask id=\"m\" mask-type=\"alpha\"/><g transform-origin=\"100 50\"/>"
		    "<image xlink:href=\"data:image/png;base64," PNG_2X2 "\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"/></svg>", &flaw);
	CHECK("svg: a filter's <feImage> left out, said", !has(out, "feImage") && flaw && strstr(flaw, "a filter's <feImage>"));
	CHECK("svg: words about a light are no part of it", has(out, "<feDiffuseLighting><feDistantLight azimuth=\"3\"></feDistantLight>"));
	CHECK("svg: a link in text is a <tspan> of its words", has(out, "<text x=\"1\">see <tspan>the site</tspan> now</text>"));
	CHECK("svg: a <rect> with no size draws nothing: left out (mermaid's labels)", has(out, "<g class=\"label\"></g>"));
	CHECK("svg: an id once: the second element loses it", has(out, "<rect id=\"r\" width=\"1\" height=\"1\"></rect><circle r=\"1\">"));
	CHECK("svg: a presentation attribute stays one, a <style> rule still wins over it", has(out, "<rect width=\"2\" height=\"2\" fill=\"red\">"));
	CHECK("svg: later SVG's presentation attributes as declarations, a bare number a length",
	      has(out, "<mask id=\"m\" style=\"mask-type:alpha\">") && has(out, "<g style=\"transform-origin:100px 50px\">"));
	CHECK("svg: an embedded picture without a size takes its own", has(out, " width=\"2\" height=\"2\"></image>"));
	g_string_free(out, TRUE);
	g_free(flaw);
	out = clean("<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"data:image/svg+xml;base64,PHN2Zy8+\" width=\"1\" height=\"1\"/>"
		    "<rect width=\"1\" height=\"1\"/></svg>", &flaw);
	CHECK("svg: an embedded picture no book packs is said as embedded", flaw && strstr(flaw, "an embedded <image> that is no sound PNG")
	      && !strstr(flaw, "of another file"));
	g_string_free(out, TRUE);
	g_free(flaw);

	/* SVG 2's <feDropShadow>, left out, emptied its filter (the shape drew nothing): SVG 1.1's primitives. */
	out = clean("<svg xmlns=\"http://www.w3.org/2000/svg\"><filter id=\"f\"><feDropShadow dx=\"4\" dy=\"4\" stdDeviation=\"2\" "
		    "flood-color=\"navy\"/></filter><filter id=\"g\"><feOffset dx=\"1\"/><feDropShadow/></filter>"
		    "<circle r=\"40\" filter=\"url(#f)\"/></svg>", &flaw);
	CHECK("svg: a drop shadow as SVG 1.1's blur, offset, flood, composite and merge",
	      has(out, "<filter id=\"f\"><feGaussianBlur in=\"SourceAlpha\" stdDeviation=\"2\"></feGaussianBlur>"
		       "<feOffset dx=\"4\" dy=\"4\" result=\"folio-shadow\"></feOffset><feFlood flood-color=\"navy\" flood-opacity=\"1\">"
		       "</feFlood><feComposite in2=\"folio-shadow\" operator=\"in\"></feComposite><feMerge><feMergeNode></feMergeNode>"
		       "<feMergeNode in=\"SourceGraphic\"></feMergeNode></feMerge></filter>"));
	CHECK("svg: ... one of the primitive before it, whose result has no name, left out and said",
	      has(out, "<filter id=\"g\"><feOffset dx=\"1\"></feOffset></filter>") && flaw && strstr(flaw, "<feDropShadow>"));
	g_string_free(out, TRUE);
	g_free(flaw);

	/* Not an SVG at all: nothing packed, and why. */
	out = clean("<html><body>not a picture</body></html>", &flaw);
	CHECK("svg: another top element: refused", out == NULL && flaw && strstr(flaw, "not <svg>"));
	g_free(flaw);
	out = clean("<?xml version=\"1.0\"?>\n<!DOCTYPE svg>", &flaw);
	CHECK("svg: nothing readable: refused, with the parser's words", out == NULL && flaw
	      && g_str_has_prefix(flaw, "is an SVG that is not well-formed XML (line 2: ") && g_str_has_suffix(flaw, "; not packed"));
	g_free(flaw);
	/* A prefixed SVG (svg:svg) is SVG all the same. */
	out = clean("<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"><svg:rect width=\"1\" height=\"1\"/></svg:svg>", &flaw);
	CHECK("svg: prefixed names read as SVG's", has(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><rect width=\"1\" height=\"1\"></rect></svg>")
	      && !flaw);
	g_string_free(out, TRUE);
	CHECK_DONE();
}
