/* test_typographer.c - quotes, dashes and ellipses set as Hugo 0.111 (Goldmark's Typographer) sets them; the expected text is Hugo's output. */
#include "check.h"
#include "read/markdown.h"
#include "text/nodetext.h"
#include "text/typographer.h"

#include <glib.h>

static char got[1024];

/* The text of md's first paragraph (text and code, markup dropped), after the typographer. */
static const char *typeset(const char *md)
{
	cmark_node *doc = markdown_parse(md, strlen(md));
	struct md_source *src = md_source_new(md, strlen(md));
	char *text;

	typographer_tree(doc, src);
	md_source_free(src);
	text = node_plain_text(cmark_node_first_child(doc));
	g_strlcpy(got, text, sizeof got);
	g_free(text);
	cmark_node_free(doc);
	return got;
}

int main(void)
{
	cmark_node_free(markdown_parse("", 0));
	CHECK_STR("typographer: quotes and contractions",
		  typeset("He said \"hello\" and 'bye'. It's Alice's book; I'm sure you're right, I've seen it, I'll go. Don't."),
		  "He said \u201Chello\u201D and \u2018bye\u2019. It\u2019s Alice\u2019s book; I\u2019m sure you\u2019re right, "
		  "I\u2019ve seen it, I\u2019ll go. Don\u2019t.");
	CHECK_STR("typographer: decades, 'n', 'twas, plural possessive, doin'",
		  typeset("The '90s were fun, rock 'n' roll, 'twas the night. The Smiths' house, doin' well."),
		  "The \u201990s were fun, rock \u2019n\u2019 roll, \u2019twas the night. The Smiths\u2019 house, doin\u2019 well.");
	CHECK_STR("typographer: dashes and ellipsis", typeset("Dashes -- and --- and ellipsis... end"),
		  "Dashes \u2013 and \u2014 and ellipsis\u2026 end");
	/* Hugo: He said &quot;hi&quot; and -- then ... and it's and 5' and &laquo;x&gt;&gt; done. */
	CHECK_STR("typographer: what is written escaped is left as typed, as Goldmark leaves it",
		  typeset("He said \\\"hi\\\" and \\-- then \\... and it\\'s and 5\\' and <<x\\>> done."),
		  "He said \"hi\" and -- then ... and it's and 5' and \u00ABx>> done.");
	/* Hugo: x a&gt;&gt; b, x a -- b, x &quot;q&quot;: a continuation line's indent is not the text's start. */
	CHECK_STR("typographer: escapes on an indented continuation line are left as typed",
		  typeset("x\n   a\\>> b \\-- c\n  \\\"q\\\""), "x a>> b -- c \"q\"");
	CHECK_STR("typographer: ... beside an entity and an escape, in a quote",
		  typeset("> A &amp; B \\\"q\\\" -- C"), "A & B \"q\" \u2013 C");
	/* Hugo: &laquo;extend&raquo; and &laquo;C# book&raquo;, &lt;&lt;e&gt;&gt; and &quot;q&quot;, &lt;<b>x</b> */
	CHECK_STR("typographer: << before what cmark reads as a tag; an entity is no character to set",
		  typeset("<<extend>> and <<C# book>>, &lt;&lt;e&gt;&gt; and &quot;q&quot;, \\<<b>x</b>"),
		  "«extend» and «C# book», <<e>> and \"q\", <x");
	CHECK_STR("typographer: quotes around emphasis and in parentheses",
		  typeset("\"Quoted *emphasis*\" and \"*starts* with emphasis\" and (\"parens\") and \"a\", \"b\"."),
		  "\u201CQuoted emphasis\u201D and \u201Cstarts with emphasis\u201D and (\u201Cparens\u201D) and \u201Ca\u201D, \u201Cb\u201D.");
	CHECK_STR("typographer: quotes between Chinese letters are left (textnorm pairs them)",
		  typeset("他说\"你好\"，然后走了。"), "他说\"你好\"，然后走了。");
	CHECK_STR("typographer: inches, feet", typeset("Monitor 21\"\" and 5'10\" tall, x's and 'quoted'."),
		  "Monitor 21\"\" and 5'10\" tall, x\u2019s and \u2018quoted\u2019.");
	/* Goldmark's flanking takes every ASCII mark as punctuation (util.IsPunctRune): Debian's hugo. */
	CHECK_STR("typographer: a quote after '=' or '>' opens, as Hugo sets it",
		  typeset("x=>'暂时没有数据', x='a', $'b' and +'c'+ \"x\"=\"y\""),
		  "x=>\u2018暂时没有数据\u2019, x=\u2018a\u2019, $\u2018b\u2019 and +\u2018c\u2019+ \u201Cx\u201D=\u201Cy\u201D");
	CHECK_STR("typographer: code is never touched", typeset("A `code \"not\" --` span"), "A code \"not\" -- span");
	CHECK_DONE();
}
