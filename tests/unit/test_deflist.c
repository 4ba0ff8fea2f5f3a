/* test_deflist.c - definition lists read as Hugo 0.111's Goldmark reads them (its HTML for each case in comments). */
#include "check.h"
#include "read/markdown.h"
#include "text/deflist.h"
#include "text/nodetext.h"

#include <string.h>
#include <glib.h>

static char got[1 << 20];

/* The blocks under n: "dl{...}", "dt:text", "dd{...}" (dd~ when loose), "p:text", "quote{...}", "item{...}", "code:text", "note". */
static void shape(GString *s, cmark_node *n)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		char *t = node_plain_text(c);

		if (s->len && s->str[s->len - 1] != '{')
			g_string_append_c(s, ' ');
		switch (deflist_part(c)) {
		case DEFLIST_LIST:
			g_string_append(s, "dl{");
			shape(s, c);
			g_string_append_c(s, '}');
			break;
		case DEFLIST_TERM:
			g_string_append_printf(s, "dt:%s", t);
			break;
		case DEFLIST_DESCRIPTION:
			g_string_append(s, deflist_tight(c) ? "dd{" : "dd~{");
			shape(s, c);
			g_string_append_c(s, '}');
			break;
		case DEFLIST_NONE:
			switch (cmark_node_get_type(c)) {
			case CMARK_NODE_PARAGRAPH:
				g_string_append_printf(s, "p:%s", t);
				break;
			case CMARK_NODE_CODE_BLOCK:
				g_string_append_printf(s, "code:%s", cmark_node_get_literal(c));
				if (s->str[s->len - 1] == '\n')
					g_string_truncate(s, s->len - 1);
				break;
			case CMARK_NODE_BLOCK_QUOTE:
				g_string_append(s, "quote{");
				shape(s, c);
				g_string_append_c(s, '}');
				break;
			case CMARK_NODE_LIST:
				shape(s, c);
				break;
			case CMARK_NODE_FOOTNOTE_DEFINITION:
				g_string_append(s, "note");
				break;
			case CMARK_NODE_ITEM:
				g_string_append(s, "item{");
				shape(s, c);
				g_string_append_c(s, '}');
				break;
			default:
				g_string_append(s, cmark_node_get_type_string(c));
				break;
			}
			break;
		}
		g_free(t);
	}
}

static const char *blocks(const char *md)
{
	cmark_node *doc = markdown_load("t.md", 1, NULL, md, strlen(md), NULL, NULL, NULL);
	GString *s = g_string_new(NULL);

	shape(s, doc);
	g_strlcpy(got, s->str, sizeof got);
	g_string_free(s, TRUE);
	cmark_node_free(doc);
	return got;
}

/* The literal of the first raw HTML inside the first term of md's list (read after the tree is made). */
static const char *term_html(const char *md)
{
	cmark_node *doc = markdown_load("t.md", 1, NULL, md, strlen(md), NULL, NULL, NULL);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	got[0] = '\0';
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE && !got[0])
			g_strlcpy(got, cmark_node_get_literal(n), sizeof got);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return got;
}

int main(void)
{
	/*
	 * A loose term's raw HTML keeps its text when its paragraph goes: cmark keeps a literal in
	 * the paragraph's buffer until asked (read freed memory, found by ASan in a hostile probe).
	 */
	CHECK_STR("deflist: a loose term's raw HTML keeps its text", term_html("Press <kbd>Ctrl</kbd>\n\n: copies\n"), "<kbd>");
	CHECK_STR("deflist: ... before an empty description too", term_html("e<v>\n\n: \n"), "<v>");
	/* <dl><dt>Apple</dt><dd>A fruit.</dd><dd>A company.</dd></dl> */
	CHECK_STR("deflist: a term, two descriptions", blocks("Apple\n: A fruit.\n: A company.\n"),
		  "dl{dt:Apple dd{p:A fruit.} dd{p:A company.}}");
	/* <dt>Orange</dt><dt>Citrus</dt><dd>Two terms, one definition\ncontinued lazily.</dd> */
	CHECK_STR("deflist: each line before the ':' a term; a line after it goes on in the description",
		  blocks("Orange\nCitrus\n: Two terms\ncontinued lazily.\n"),
		  "dl{dt:Orange dt:Citrus dd{p:Two terms continued lazily.}}");
	/* <dt>Loose</dt><dd><p>Loose <em>d</em>.</p><p>Second.</p><pre>code</pre></dd> */
	CHECK_STR("deflist: a blank line before the ':': loose; blocks moved in to its text are its own",
		  blocks("Loose\n\n: Loose *d*.\n\n  Second.\n\n  ```\n  code\n  ```\n\nAfter.\n"),
		  "dl{dt:Loose dd~{p:Loose d. p:Second. code:code}} p:After.");
	/* one <dl>: Term, def; Next, def2 (a paragraph and its ':' line after a list join it) */
	CHECK_STR("deflist: terms after a list join it",
		  blocks("Term\n: def\n\nNext\n: def2\n\nPlain.\n\n: colon first\n"),
		  "dl{dt:Term dd{p:def} dt:Next dd{p:def2} dt:Plain. dd~{p:colon first}}");
	/* <dl><dt>Fruit</dt><dd>apple\nBanana</dd><dd>yellow</dd></dl> */
	CHECK_STR("deflist: a line between two ':' lines goes on in the first",
		  blocks("Fruit\n: apple\nBanana\n: yellow\n"), "dl{dt:Fruit dd{p:apple Banana} dd{p:yellow}}");
	CHECK_STR("deflist: in a list item and in a quote",
		  blocks("- In a list\n  : item def\n\n> Quoted\n> : quoted def\n"),
		  "item{dl{dt:In a list dd{p:item def}}} quote{dl{dt:Quoted dd{p:quoted def}}}");
	/* <p>Term\n:no space</p>; <p>Escaped\n: not</p>; <p>: first</p> */
	CHECK_STR("deflist: no space after the colon, an escaped colon, a ':' line after nothing: text",
		  blocks("Term\n:no space\n\nEscaped\n\\: not\n\n> : first\n"),
		  "p:Term :no space p:Escaped : not quote{p:: first}");
	CHECK_STR("deflist: the escape found on its own line (a term of two lines before it)",
		  blocks("A\nB\n: one\n\\: two\n"), "dl{dt:A dt:B dd{p:one : two}}");
	CHECK_STR("deflist: a footnote's text after the last description is not its own (cmark puts notes last)",
		  blocks("T\n: d[^1]\n\n[^1]: the note\n"), "dl{dt:T dd{p:d}} note");
	CHECK_STR("deflist: a colon inside a line is text",
		  blocks("Note: this is not one\nand nor: this\n"), "p:Note: this is not one and nor: this");
	/* <dd>First.<p>Second <em>p</em>.</p><pre>code</pre></dd>, as Goldmark: read from the text's column */
	CHECK_STR("deflist: a block four spaces under ':   text' is the description's paragraph, not code",
		  blocks("Apple\n:   First.\n\n    Second *p*.\n\n        code\n\nAfter.\n"),
		  "dl{dt:Apple dd{p:First. p:Second p. code:code}} p:After.");
	/* <dd>Short.<pre>six</pre><p>four</p></dd> */
	CHECK_STR("deflist: under ': text' six spaces are code and four a paragraph",
		  blocks("T\n: Short.\n\n      six\n\n    four\n"), "dl{dt:T dd{p:Short. code:six p:four}}");
	CHECK_STR("deflist: read again, a quote in it holds its own definition list",
		  blocks("T\n:   d\n\n    > Q\n    > : qd\n"), "dl{dt:T dd{p:d quote{dl{dt:Q dd{p:qd}}}}}");
	{
		/* A reference defined anywhere in the file is found, and the blocks keep their lines. */
		cmark_node *doc = markdown_load("t.md", 1, NULL, "T\n:   d\n\n    See [x][r].\n\n[r]: https://e.com/\n", 46, NULL, NULL, NULL);
		cmark_node *dd = cmark_node_last_child(cmark_node_first_child(doc));
		cmark_node *para = cmark_node_last_child(dd), *link = cmark_node_next(cmark_node_first_child(para));

		CHECK("deflist: read again, the paragraph keeps its line", cmark_node_get_start_line(para) == 4);
		CHECK_STR("deflist: read again, a reference link finds its address",
			  link && cmark_node_get_type(link) == CMARK_NODE_LINK ? cmark_node_get_url(link) : "(no link)",
			  "https://e.com/");
		cmark_node_free(doc);
	}
	/* A line that looks like a reference and is none adds nothing, and does not hide one after it. */
	CHECK_STR("deflist: read again, a line like a reference that is none is not brought in",
		  blocks("[Update]: this post was edited.\n\nT\n:   d\n\n    see [the docs] here\n\n[the docs]: https://b.example/\n"),
		  "p:[Update]: this post was edited. dl{dt:T dd{p:d p:see the docs here}}");
	CHECK_STR("deflist: Chinese, with emphasis kept", blocks("术语\n: 中文的**定义**。\n"), "dl{dt:术语 dd{p:中文的定义。}}");
	{
		/* Hostile nesting: a thousand quotes, a list in the deepest, no recursion to exhaust. */
		GString *md = g_string_new(NULL);

		for (int i = 0; i < 1000; i++)
			g_string_append(md, "> ");
		g_string_append(md, "T\n");
		for (int i = 0; i < 1000; i++)
			g_string_append(md, "> ");
		g_string_append(md, ": d\n");
		CHECK("deflist: a list a thousand quotes deep", strstr(blocks(md->str), "dl{dt:T dd{p:d}}") != NULL);
		g_string_free(md, TRUE);
	}
	{
		/* Hostile nesting: descriptions in descriptions, each four spaces further in, each read
		 * again with all below it: a bounded cost, and the deepest text kept (as code, past it). */
		GString *md = g_string_new(NULL), *in = g_string_new(NULL);

		for (int i = 0; i < 300; i++) {
			g_string_append_printf(md, "%sT%d\n%s:   d%d\n\n", in->str, i, in->str, i);
			g_string_append(in, "    ");
		}
		blocks(md->str);
		CHECK("deflist: descriptions 300 deep: the first ones read as lists", g_str_has_prefix(got, "dl{dt:T0 dd{p:d0 dl{dt:T1 dd{p:d1 dl{dt:T2"));
		CHECK("deflist: descriptions 300 deep: the deepest text kept", strstr(got, "T299") && strstr(got, "d299"));
		g_string_free(md, TRUE);
		g_string_free(in, TRUE);
	}
	CHECK_DONE();
}
