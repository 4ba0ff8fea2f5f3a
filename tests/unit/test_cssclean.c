/* test_cssclean.c - the user's stylesheet keeps its rules and loses what no book may hold. */
#include <string.h>
#include <glib.h>

#include "check.h"
#include "base/diag.h"
#include "html/cssclean.h"

static bool has(const char *s, const char *part)
{
	return strstr(s, part) != NULL;
}

int main(void)
{
	const char *css =
		"@import url(\"https://fonts.example.com/x.css\");\n"
		"@import 'local.css';\n"
		"/* a comment with url(x.png) and @import */\n"
		"body { color: #222; background: url(paper.png) repeat; margin: 0 }\n"
		".behavior-note, a[href$=\".css\"] { font-weight: bold; width: expression(alert(1)); }\n"
		"p { behavior: url(x.htc); -moz-binding: url(x.xml#x); text-indent: 2em; }\n"
		"@font-face { font-family: F; src: url(data:font/woff2;base64,AAAA) format('woff2'); }\n"
		"@font-face { font-family: G; src: url(../../../secret/g.woff); }\n"
		"@font-face { font-family: H; src: url(\"data:font/woff;base64,BBBB\"); }\n"
		"@media screen { h1 { content: \"url(not-an-address)\"; color: red } }\n";
	char *out = cssclean(css, "my.css");
	int depth = 0;

	CHECK("css: @import left out (a remote one, a local one)", !has(out, "@import url(") && !has(out, "@import 'local"));
	CHECK("css: an address outside the book left out", !has(out, "paper.png") && !has(out, "secret"));
	CHECK("css: script hooks left out", !has(out, "expression(") && !has(out, "behavior:") && !has(out, "-moz-binding"));
	CHECK("css: the rules and other declarations kept", has(out, "body {") && has(out, "color: #222;")
	      && has(out, "margin: 0 }") && has(out, "text-indent: 2em;") && has(out, "font-weight: bold;"));
	CHECK("css: a selector that looks like a hook is kept", has(out, ".behavior-note, a[href$=\".css\"] {"));
	CHECK("css: a data: address kept, quoted or not", has(out, "url(data:font/woff2;base64,AAAA)")
	      && has(out, "url(\"data:font/woff;base64,BBBB\")"));
	CHECK("css: comments and strings are not read as rules", has(out, "/* a comment with url(x.png) and @import */")
	      && has(out, "content: \"url(not-an-address)\";"));
	CHECK("css: @media's block kept whole", has(out, "@media screen { h1 {") && has(out, "color: red } }"));
	for (const char *p = out; *p; p++)
		depth += *p == '{' ? 1 : *p == '}' ? -1 : 0;
	CHECK("css: braces balanced", depth == 0);
	g_free(out);
	/* A comment holding ';' or braces before a dropped rule stays whole (its end was cut). */
	out = cssclean("/* Theme: x; by {y} */\n@import url(f.css);\nbody{color:red}\n"
		       "p{color:red; /* see {n}; */ background:url(x.png); margin:0}\n"
		       "@namespace svg url(http://www.w3.org/2000/svg);\nsvg|a { fill: blue }\n"
		       "q { background: \\75 rl(http://e.x/x.png) }\n", "c.css");
	CHECK("css: a comment before a dropped rule stays whole", has(out, "/* Theme: x; by {y} */")
	      && has(out, "body{color:red}") && has(out, "/* see {n}; */") && has(out, "margin:0}"));
	CHECK("css: ... the rules around it dropped", !has(out, "@import") && !has(out, "x.png"));
	CHECK("css: @namespace kept (it fetches nothing)", has(out, "@namespace svg url(http://www.w3.org/2000/svg);"));
	CHECK("css: an escaped url( dropped", !has(out, "e.x/x.png"));
	g_free(out);
	/* An SVG's own paint (url(#g)) names a part of its file: kept; counted quietly for an SVG. */
	{
		unsigned dropped = 9;

		out = cssclean_quiet(".a { fill: url(#g); stroke: url( '#h' ) } .b { fill: url(other.svg#g) }", &dropped);
		CHECK("css: a #fragment address kept", has(out, "fill: url(#g);") && has(out, "stroke: url( '#h' )"));
		CHECK("css: ... another file's fragment dropped, counted", !has(out, "other.svg") && dropped == 1);
		g_free(out);
	}
	/* An unquoted address runs to its ')': a comment mark in it opens no comment to hide the rule after it. */
	{
		unsigned dropped = 0;

		out = cssclean_quiet("rect{fill:url(#a/*);background:url(http://e.x/t.png);fill:url(http://e.x/t.svg#p);*/)}\n"
				     "q{cursor:url(#x/*);cursor:url(http://e.x/c.png),auto;*/)}", &dropped);
		CHECK("css: a comment mark inside an address hides no rule", !has(out, "e.x") && has(out, "fill:url(#a/*)")
		      && dropped == 3);
		g_free(out);
	}
	/* image-set()'s quoted addresses load as url()'s do (Chromium fetched one from a --css). */
	out = cssclean_quiet("body{background-image:image-set(\"http://e.x/u.png\" 1x);color:red}"
			     "p{background:-webkit-image-set('http://e.x/w.png' 1x)}", NULL);
	CHECK("css: image-set() left out, prefixed or not", !has(out, "e.x") && has(out, "color:red"));
	g_free(out);
	out = cssclean("p { color: red }\n", "plain.css");
	CHECK_STR("css: a plain stylesheet is kept as it is", out, "p { color: red }\n");
	g_free(out);
	CHECK_DONE();
}
