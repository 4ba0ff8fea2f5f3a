/* test_passthrough.c - Hugo's passthrough setting: math between its delimiters kept as written, set apart where Hugo sets it apart. */
#include "check.h"
#include "book/toml.h"
#include "read/markdown.h"
#include "read/passthrough.h"
#include "text/nodetext.h"

#include <string.h>
#include <glib.h>

static char got[8192];

/* The blocks and the inlines that matter: "p{...}", "math{...}" (a code block of info math), "code:..." (inline), "em{...}", text as it is. */
static void shape(GString *s, cmark_node *n)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		const char *info;

		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_PARAGRAPH:
			g_string_append(s, "p{");
			shape(s, c);
			g_string_append(s, "} ");
			break;
		case CMARK_NODE_CODE_BLOCK:
			info = cmark_node_get_fence_info(c);
			g_string_append_printf(s, "%s{%s} ", info && !strcmp(info, "math") ? "math" : "pre",
					       cmark_node_get_literal(c));
			break;
		case CMARK_NODE_CODE:
			g_string_append_printf(s, "code:%s|", cmark_node_get_literal(c));
			break;
		case CMARK_NODE_TEXT:
			g_string_append(s, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
			g_string_append_c(s, '/');
			break;
		case CMARK_NODE_LINK:
			g_string_append_printf(s, "link(%s){", cmark_node_get_url(c));
			shape(s, c);
			g_string_append(s, "}");
			break;
		case CMARK_NODE_EMPH:
			g_string_append(s, "em{");
			shape(s, c);
			g_string_append(s, "}");
			break;
		default:
			g_string_append_printf(s, "%s{", cmark_node_get_type_string(c));
			shape(s, c);
			g_string_append(s, "} ");
			break;
		}
	}
}

static struct passthrough *config(const char *toml)
{
	char *problem = NULL;
	int line = 0;
	struct fm_node *c = toml_read_tree(toml, strlen(toml), 1, &problem, &line);
	struct passthrough *pt = c ? passthrough_from_config(c) : NULL;

	g_free(problem);
	fm_node_free(c);
	return pt;
}

/* md read as an article is with Hugo's delimiters of math ($$ and \[ \] for blocks, \( \) inline). */
static const char *read_with(const struct passthrough *pt, const char *md)
{
	GPtrArray *spans;
	size_t kept_len;
	char *kept = passthrough_protect(pt, md, strlen(md), markdown_parse, &kept_len, &spans);
	cmark_node *doc = markdown_load("t.md", 1, NULL, kept ? kept : md, kept ? kept_len : strlen(md), spans, NULL, NULL);
	GString *s = g_string_new(NULL);

	shape(s, doc);
	g_strlcpy(got, g_strchomp(s->str), sizeof got);
	g_string_free(s, TRUE);
	cmark_node_free(doc);
	g_free(kept);
	if (spans)
		g_ptr_array_unref(spans);
	return got;
}

int main(void)
{
	struct passthrough *pt = config("[markup.goldmark.extensions.passthrough]\nenable = true\n"
					"[markup.goldmark.extensions.passthrough.delimiters]\n"
					"block = [['\\[', '\\]'], ['$$', '$$']]\ninline = [['\\(', '\\)']]\n");
	char *off = NULL;

	CHECK("passthrough: the setting read (two block pairs, one inline)",
	      pt && pt->block->len == 4 && pt->inline_->len == 2 && !strcmp(g_ptr_array_index(pt->block, 0), "\\["));
	CHECK("passthrough: off when enable is not true",
	      !config("[markup.goldmark.extensions.passthrough]\nenable = false\n"
		      "[markup.goldmark.extensions.passthrough.delimiters]\ninline = [['$', '$']]\n"));
	CHECK("passthrough: off with no delimiters", !config("[markup.goldmark.extensions.passthrough]\nenable = true\n"));

	/* Goldmark's passthrough README: $a^*=x-b^*$ stays as written, not a^<em>=x-b^</em> */
	CHECK_STR("passthrough: an inline snippet is kept as written, delimiters too",
		  read_with(pt, "Inline \\( a^*=x-b^* \\) and *em*.\n"), "p{Inline code:\\( a^*=x-b^* \\)| and em{em}.}");
	CHECK_STR("passthrough: without the setting Markdown reads it (the stars are emphasis)",
		  read_with(NULL, "Inline \\( a^*=x-b^* \\).\n"), "p{Inline ( a^em{=x-b^} ).}");
	CHECK_STR("passthrough: a block of its own, line breaks, backslashes and stars kept",
		  read_with(pt, "$$\na_1 *b* \\\\\nc\n$$\n"), "math{$$\na_1 *b* \\\\\nc\n$$\n}");
	CHECK_STR("passthrough: block delimiters inside a paragraph split it",
		  read_with(pt, "Before \\[x_1\\] after.\n"), "p{Before} math{\\[x_1\\]\n} p{after.}");
	CHECK_STR("passthrough: in code spans and code blocks nothing is taken",
		  read_with(pt, "`\\(x*y*\\)` and\n\n```\n$$\n*a*\n$$\n```\n"),
		  "p{code:\\(x*y*\\)| and} pre{$$\n*a*\n$$\n}");
	CHECK_STR("passthrough: an opening after a backslash is text; no closing, no snippet",
		  read_with(pt, "\\\\\\(x*y*\\) and \\( alone\n"), "p{\\(xem{y}) and ( alone}");
	CHECK_STR("passthrough: a link's address is the link's",
		  read_with(pt, "[a](http://x/$$y$$) \\(z\\)\n"), "p{link(http://x/$$y$$){a} code:\\(z\\)|}");
	CHECK_STR("passthrough: in a quote over three lines, without the quote's marks",
		  read_with(pt, "> $$\n> a *b*\n> $$\n"), "block_quote{math{$$\na *b*\n$$\n} }");
	/* (a review: the space after the snippet was freed, set apart, and read again) */
	CHECK_STR("passthrough: a block's snippet over lines, then more on its last line",
		  read_with(pt, "$$x\ny$$ *e*\n"), "math{$$x\ny$$\n} p{em{e}}");
	CHECK_STR("passthrough: in emphasis it stays inline",
		  read_with(pt, "*a $$x*y$$ b*\n"), "p{em{a code:$$x*y$$| b}}");
	{
		/* The lines after a snippet of several lines keep their numbers (for messages). */
		const char *md = "$$\na\nb\n$$\n\nAfter.\n";
		GPtrArray *spans;
		size_t n;
		char *kept = passthrough_protect(pt, md, strlen(md), markdown_parse, &n, &spans);
		cmark_node *doc = markdown_load("t.md", 1, NULL, kept, n, spans, NULL, NULL);

		CHECK("passthrough: the paragraph after keeps its line",
		      cmark_node_get_start_line(cmark_node_last_child(doc)) == 6);
		cmark_node_free(doc);
		g_free(kept);
		g_ptr_array_unref(spans);
	}
	{
		/* Text that holds the marks itself is read as Markdown, whole. */
		GPtrArray *spans = NULL;
		size_t n;
		const char *md = "\xEF\xB7\x90 0\xEF\xB7\x91 \\(x\\)\n";

		off = passthrough_protect(pt, md, strlen(md), markdown_parse, &n, &spans);
		CHECK("passthrough: text holding its marks is left as it is", !off && !spans);
	}
	{
		/* GFM splits a row into cells before reading them: a snippet ends in its cell (the
		 * table had gone, read as one paragraph, when "$" in two cells paired across a '|'). */
		struct passthrough *dollar = config("[markup.goldmark.extensions.passthrough]\nenable = true\n"
						    "[markup.goldmark.extensions.passthrough.delimiters]\n"
						    "inline = [['$', '$']]\n");

		CHECK("passthrough: a table stays a table, a snippet kept to its cell",
		      strstr(read_with(dollar, "| Item | Price ($) | Tax ($) |\n|---|---|---|\n| pen | $1 | $x$ |\n"), "table{")
		      && strstr(got, "Price ($)") && strstr(got, "code:$x$|"));
		passthrough_free(dollar);
	}
	passthrough_free(pt);
	CHECK_DONE();
}
