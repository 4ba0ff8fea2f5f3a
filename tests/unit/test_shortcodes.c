/* test_shortcodes.c - the body's pre-pass: Hugo shortcodes as folio renders them, code left alone, lines kept, messages. */
#include "check.h"
#include "base/diag.h"
#include "read/shortcodes.h"
#include "text/nodetext.h"

#include <stdio.h>
#include <unistd.h>
#include <glib.h>

static char *messages;	/* what the last run said on stderr */

/* A page parameter "author" (王芳) beside the site's (李明): param takes the page's, siteparam the site's. */
static char *param(void *data, const char *key, bool site)
{
	if (!strcmp(key, "author"))
		return g_strdup(site ? "李明" : "王芳");
	if (!strcmp(key, "river.length"))
		return g_strdup("6300 公里");
	return NULL;
}

static char *ref(void *data, const char *path, const char *lang)
{
	if (g_str_has_prefix(path, "b.md"))
		return g_strconcat("../b.md", path + 4, NULL);
	if (lang && !strcmp(path, "/posts/a.md") && !strcmp(lang, "en"))
		return g_strdup("a.en.md");
	return NULL;
}

static GHashTable *mappings(void)
{
	GHashTable *m = g_hash_table_new(g_str_hash, g_str_equal);

	g_hash_table_insert(m, "notice", "blockquote");
	g_hash_table_insert(m, "gallery", "figure");
	return m;
}

/* The site enables Goldmark's block attributes (for the next runs). */
static bool block_attributes;

/* Run the pre-pass on body (emoji on or off); messages go to the global. */
static void run(const char *body, bool emoji, bool html, struct sc_result *r)
{
	GHashTable *m = mappings();
	struct sc_context ctx = { .file = "t.md", .first_line = 5, .html = html, .emoji = emoji, .lang = "zh-CN",
				  .mappings = m, .param = param, .ref = ref, .data = NULL,
				  .block_attributes = block_attributes };
	FILE *tmp = tmpfile();
	int saved = dup(2);
	long n;

	fflush(stderr);
	dup2(fileno(tmp), 2);
	diag_reset();
	sc_prepass(&ctx, body, strlen(body), r);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	n = ftell(tmp);
	g_free(messages);
	messages = g_malloc0((gsize)n + 1);
	rewind(tmp);
	if (fread(messages, 1, (size_t)n, tmp) != (size_t)n)
		messages[0] = '\0';
	fclose(tmp);
	g_hash_table_destroy(m);
}

static bool has(const char *text, const char *part)
{
	return text && strstr(text, part);
}

static unsigned lines(const char *s)
{
	unsigned n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

int main(void)
{
	struct sc_result r;
	const char *doc;

	CHECK("names: every rendering of folio.yaml has a name", sc_rendering_by_name("blockquote") == SC_BLOCKQUOTE
	      && sc_rendering_by_name("youtube") == SC_YOUTUBE && sc_rendering_by_name("tweet") == SC_TWITTER
	      && sc_rendering_by_name("nothing") == SC_UNKNOWN);

	run("{{< figure src=\"sky.png\" title=\"江岸\" caption=\"傍晚的**城市**\" alt=\"天际线\" attr=\"摄影：王\" >}}\n", false, false, &r);
	CHECK_STR("figure: a picture with its title, caption and attribution as its caption", r.text,
		  "![天际线](sky.png \"江岸 傍晚的城市 摄影：王\")\n");
	sc_result_clear(&r);
	/* A caption written with raw HTML keeps its words (one opening with a tag was lost whole). */
	run("{{< figure src=\"p.png\" caption=\"<div>s</div>CAP6\" alt=\"a\" >}}\n", false, false, &r);
	CHECK_STR("figure: a caption opening with a tag keeps its words", r.text, "![a](p.png \"sCAP6\")\n");
	sc_result_clear(&r);
	run("{{< figure src=\"p.png\" caption=\"<script>x()</script>CAP1 and 1 < 2\" alt=\"a\" >}}\n", false, false, &r);
	CHECK_STR("figure: ... a script's code is no word of it; a lone '<' stays", r.text, "![a](p.png \"CAP1 and 1 < 2\")\n");
	sc_result_clear(&r);
	run("{{< figure src=\"p.png\" caption=\"Output of `ls <dir>` from <https://gohugo.io/docs> today\" alt=\"a\" >}}\n",
	    false, false, &r);
	CHECK("figure: a caption's code and autolink keep their words", has(r.text, "ls <dir>") && has(r.text, "gohugo.io/docs"));
	sc_result_clear(&r);
	run("{{< details \"```*x*\" >}}\nText.\n{{< /details >}}\n\nAfter.\n", false, false, &r);
	CHECK("details: a title opening with a fence opens none", has(r.text, "\\```*x*") && has(r.text, "After."));
	sc_result_clear(&r);
	run("{{<button href=\"https://example.com/b\">}}See [docs](https://example.com/d) first{{</button>}}\n", false, false,
	    &r);
	CHECK_STR("button: words holding a link are its words, plain, linked", r.text, "[See docs first](https://example.com/b)\n");
	sc_result_clear(&r);
	run("{{< figure src=\"a b.png\" caption=`He said \"hi\"` >}}\n", false, false, &r);
	CHECK_STR("figure: raw string; without alt the caption is the alt; an address with a space", r.text,
		  "![He said \\\"hi\\\"](a%20b.png \"He said \\\"hi\\\"\")\n");
	sc_result_clear(&r);
	run("{{< gallery src=\"g.png\" >}}\n", false, false, &r);
	CHECK_STR("figure: a site's shortcode mapped to figure", r.text, "![](g.png)\n");
	sc_result_clear(&r);
	run("{{< figure src=\"x.png\" caption=`one\nand two` >}}\nnext line\n", false, false, &r);
	CHECK("figure: a caption over two lines keeps the lines after it where they were",
	      lines(r.text) == 3 && has(r.text, "\"one and two\")\n\nnext line"));
	sc_result_clear(&r);
	run("<p>{{< figure src=\"x.png\" caption=\"a < b\" >}}</p>\n", false, true, &r);
	CHECK_STR("figure: in an .html page, HTML", r.text,
		  "<p><figure><img src=\"x.png\" alt=\"a &lt; b\"/><figcaption>a &lt; b</figcaption></figure></p>\n");
	sc_result_clear(&r);

	run("{{% notice tip %}}\n**加粗**的提示\n\n- 一\n{{% /notice %}}\nafter\n", false, false, &r);
	CHECK_STR("blockquote: {{% %}} inner text is Markdown, every line quoted", r.text,
		  ">\n> **加粗**的提示\n>\n> - 一\n>\nafter\n");
	sc_result_clear(&r);
	run("{{< notice warning >}}\n里面的 **stars** 原样\n{{< /notice >}}\n", false, false, &r);
	CHECK_STR("blockquote: {{< >}} inner text shows as written", r.text, ">\n> 里面的 &#42;&#42;stars&#42;&#42; 原样\n>\n");
	sc_result_clear(&r);
	/* Character references, not backslashes: raw HTML takes no Markdown escapes (PaperMod's math page). */
	run("{{< rawmath >}}\n<p>\n\\(1.618\\) *x*\n</p>\n{{< /rawmath >}}\n", false, false, &r);
	CHECK_STR("escaped text: as character references, which raw HTML reads too", r.text,
		  "\n<p>\n&#92;(1&#46;618&#92;) &#42;x&#42;\n</p>\n\n");
	sc_result_clear(&r);
	run("{{< notice info />}}\n", false, false, &r);
	CHECK_STR("blockquote: self-closing leaves nothing", r.text, "\n");
	sc_result_clear(&r);

	/* A theme's note: its inner text is Markdown under its title, whichever form (FixIt's admonition). */
	run("{{< admonition warning \"警告\" >}}\n[沐目体](u) _仅用于个人非商用！_\n{{< /admonition >}}\n", false, false, &r);
	CHECK_STR("callout: admonition's title, its inner text Markdown", r.text,
		  "> **警告**\n>\n> [沐目体](u) _仅用于个人非商用！_\n");
	CHECK("callout: a theme's note is no unknown shortcode", r.unknown->len == 0);
	sc_result_clear(&r);
	run("{{< tip >}}\nUse **bold**.\n{{< /tip >}}\n", false, false, &r);
	CHECK_STR("callout: named after its kind, titled by it in the article's language (LoveIt's 技巧)", r.text,
		  "> **技巧**\n>\n> Use **bold**.\n");
	sc_result_clear(&r);
	/* LoveIt's template: an admonition with no type is a note. */
	run("{{< admonition >}}\nText.\n{{< /admonition >}}\n", false, false, &r);
	CHECK_STR("callout: an admonition with no kind is a note", r.text, "> **注意**\n>\n> Text.\n");
	sc_result_clear(&r);
	run("{{< admonition abstract >}}\nText.\n{{< /admonition >}}\n", false, false, &r);
	CHECK_STR("callout: a kind's alias (abstract) titled as the theme titles it", r.text, "> **摘要**\n>\n> Text.\n");
	sc_result_clear(&r);
	run("{{< admonition mykind >}}\nText.\n{{< /admonition >}}\n", false, false, &r);
	CHECK_STR("callout: a kind folio does not know is its own title", r.text, "> **Mykind**\n>\n> Text.\n");
	sc_result_clear(&r);
	/* hugo-theme-next's note: its parameters are the kind and style classes, no title ("info", "primary" were). */
	run("{{< note info >}}\nText.\n{{< /note >}}\n", false, false, &r);
	CHECK_STR("callout: a note's kind class titles it by the kind", r.text, "> **信息**\n>\n> Text.\n");
	sc_result_clear(&r);
	run("{{< note primary no-icon >}}\nText.\n{{< /note >}}\n", false, false, &r);
	CHECK_STR("callout: a note's style class is no title: a note", r.text, "> **注意**\n>\n> Text.\n");
	sc_result_clear(&r);
	run("{{< note \"Read first\" >}}\nText.\n{{< /note >}}\n", false, false, &r);
	CHECK_STR("callout: a note's words are still its title", r.text, "> **Read first**\n>\n> Text.\n");
	sc_result_clear(&r);
	/* The title's line is given back at the quote's end: the text after it stays on its line. */
	run("{{% tip %}}\nbiu.\n{{% /tip %}}\n\n<style>\n", false, false, &r);
	CHECK("callout: the lines after it stay where they were written",
	      lines(r.text) == 5 && has(r.text, "> biu.\n\n<style>\n"));
	sc_result_clear(&r);
	run("{{% tip %}}\nbiu.\n{{% /tip %}}\nnext\n", false, false, &r);
	CHECK("callout: with no blank line after it, the quote still ends before the next line",
	      has(r.text, "> biu.\n>\nnext\n"));
	sc_result_clear(&r);
	run("{{< alert title=\"Note\" >}}Inline *alert*{{< /alert >}}\n", false, false, &r);
	CHECK_STR("callout: title=", r.text, "> **Note**\n>\n> Inline *alert*\n");
	sc_result_clear(&r);
	/* Congo's and Blowfish's alert: its parameter is an icon's name, no title (rtdevx: "Circle-info"). */
	run("{{< alert \"circle-info\" >}}\n**Note:** text.\n{{< /alert >}}\n", false, false, &r);
	CHECK("callout: an alert's icon is no title", g_str_has_prefix(r.text, "> **Note:** text.\n") && !has(r.text, "ircle"));
	sc_result_clear(&r);
	run("{{< alert warning >}}\nText.\n{{< /alert >}}\n", false, false, &r);
	CHECK("callout: ... a kind is", g_str_has_prefix(r.text, "> **警告**\n"));
	sc_result_clear(&r);
	/* Congo's and Blowfish's lead: {{ .Inner | markdownify }}. */
	run("{{< lead >}}\nA **bold** lead.\n{{< /lead >}}\n", false, false, &r);
	CHECK("lead: its inner text is Markdown, not an unknown shortcode", has(r.text, "A **bold** lead.") && r.unknown->len == 0);
	sc_result_clear(&r);
	run("An inline {{< hint info >}}small{{< /hint >}} one.\n", false, false, &r);
	CHECK_STR("callout: inside a line, its text", r.text, "An inline small one.\n");
	sc_result_clear(&r);

	run("a {{< marginnote >}}旁注{{< /marginnote >}} b {{% marginnote %}}*强调*{{% /marginnote %}}.\n", false, false, &r);
	CHECK_STR("unknown: tags dropped, inner kept", r.text, "a 旁注 b *强调*.\n");
	CHECK("unknown: counted once per name, with its uses and first line", r.unknown->len == 1
	      && ((struct unknown_shortcode *)g_ptr_array_index(r.unknown, 0))->count == 2
	      && ((struct unknown_shortcode *)g_ptr_array_index(r.unknown, 0))->line == 5);
	CHECK("unknown: no message of its own (the book gives one per name)", !*messages);
	sc_result_clear(&r);
	/* A theme's wrapper renders its inner text as Markdown (LoveIt's style, PaperMod's collapse):
	   "**bold**" and "- one" were printed as written. */
	run("{{< collapse summary=\"More\" >}}\nSome **bold** words.\n\n- one\n- two\n{{< /collapse >}}\n", false, false,
	    &r);
	CHECK_STR("unknown {{< >}}: its inner text is Markdown", r.text, "\nSome **bold** words.\n\n- one\n- two\n\n");
	CHECK("unknown {{< >}}: counted, not as written", r.unknown->len == 1
	      && ((struct unknown_shortcode *)g_ptr_array_index(r.unknown, 0))->paired == 1
	      && ((struct unknown_shortcode *)g_ptr_array_index(r.unknown, 0))->verbatim == 0);
	sc_result_clear(&r);
	/* One named for code is code, set as written (a formula's stars and underscores); one for raw HTML keeps its text. */
	run("{{< katex >}}\na_1 * b_2 * c\n{{< /katex >}}\n\nA {{< rawhtml >}}*x*{{< /rawhtml >}} {{< Chart >}}[*]{{< /Chart >}}\n",
	    false, false, &r);
	CHECK("unknown {{< >}} named for code: a code block on lines of its own (a formula)",
	      has(r.text, "```\na_1 * b_2 * c\n```"));
	CHECK("unknown {{< >}} named for markup: its text as written (raw HTML)", has(r.text, "A &#42;x&#42; "));
	CHECK("unknown {{< >}} named for code: inside a line, a code span (any case)", has(r.text, "` [*] `"));
	CHECK("unknown {{< >}} named for code: counted as written", r.unknown->len == 3
	      && ((struct unknown_shortcode *)g_ptr_array_index(r.unknown, 0))->verbatim == 1
	      && ((struct unknown_shortcode *)g_ptr_array_index(r.unknown, 2))->verbatim == 1);
	sc_result_clear(&r);
	/* Blowfish's and Congo's badge, a paired term or card: their words are between their tags (they were lost). */
	run("Inline {{< badge >}}beta{{< /badge >}} badge. {{< badge \"v2\" >}}**new**{{< /badge >}}\n\n"
	    "{{< card title=\"T\" >}}\nCard text.\n\nMore.\n{{< /card >}}\n", false, false, &r);
	CHECK("badge: its inner text", has(r.text, "Inline beta badge."));
	CHECK("badge: after its parameter's words, as Markdown", has(r.text, "v2 **new**"));
	CHECK("card: its inner text's paragraphs inside its list item, its title a line of its own",
	      has(r.text, "- T\\\n  Card text.\n\n  More.\n"));
	sc_result_clear(&r);
	/* The comment form written twice shows the comment form (Hugo's docs on shortcodes): it was left as written. */
	run("```\n{{</*/* shortcode-1 */*/>}}\n{{%/*/* shortcode-2 */*/%}}\n```\n", false, false, &r);
	CHECK_STR("comment form twice: one pair of marks taken off", r.text,
		  "```\n{{</* shortcode-1 */>}}\n{{%/* shortcode-2 */%}}\n```\n");
	sc_result_clear(&r);
	/* A site's Goldmark block attributes: a line of them after a block is the block's, not text. */
	block_attributes = true;
	run("Para.\n{class=\"foo bar\" id=\"baz\"}\n\n> Quote.\n> {.x}\n\n| a |\n|---|\n| 1 |\n{.no-wrap}\n\n{bar} {.y}\n", false,
	    false, &r);
	CHECK_STR("block attributes: cut, their lines and the quote's marks kept", r.text,
		  "Para.\n\n\n> Quote.\n> \n\n| a |\n|---|\n| 1 |\n\n\n{bar} {.y}\n");
	sc_result_clear(&r);
	block_attributes = false;
	run("Para.\n{.list}\n", false, false, &r);
	CHECK_STR("block attributes: text where the site does not enable them", r.text, "Para.\n{.list}\n");
	sc_result_clear(&r);
	/* A delimiter row with more cells than the head (hugoDocs): Goldmark's table, the head's last cells empty. */
	run("Condition|Return value\n:--|:--|:--\na|b\n\n| x | y |\n|---|---|---|---|\n\n> q|r \n> --|--|--\n", false, false, &r);
	CHECK_STR("table head: the cells it lacks added, empty", r.text,
		  "Condition|Return value||\n:--|:--|:--\na|b\n\n| x | y |||\n|---|---|---|---|\n\n> q|r||\n> --|--|--\n");
	sc_result_clear(&r);
	run("```\na|b\n--|--|--\n```\n\na|b|c\n--|--\n\nno pipe\n--|--\n\na \\| b\n--|--|--\n\nTitle\n---\n", false, false, &r);
	/* A delimiter row under a head of more cells starts no table: escaped, as cmark-gfm read the
	   paragraph again at each one (10,000 took 20 s); it shows the same. */
	CHECK_STR("table head: not in code, nor with as many cells or more (that row escaped); without a pipe (an escaped one) one cell",
		  r.text, "```\na|b\n--|--|--\n```\n\na|b|c\n\\--|--\n\nno pipe||\n--|--\n\na \\| b|||\n--|--|--\n\nTitle\n---\n");
	sc_result_clear(&r);
	/* Only a paragraph's lines get a head's cells (a hostile probe): not a heading's, a rule's, a link
	   definition's, a comment's, another list item's or a lazy line's under a quote. */
	doc = "# H a|b\n-|-|-\n\n***\n-|-|-\n\n[x]: http://e.com/a|b\n-|-|-\n\n<!-- a|b -->\n-|-|-\n\n* a|b\n* -|-|-\n\n"
	      "> q|r\n-|-|-\n\n- s|t\n  -|-|-\n";
	run(doc, false, false, &r);
	CHECK_STR("table head: none but a paragraph's lines (a list item's own continuation is one)", r.text,
		  "# H a|b\n-|-|-\n\n***\n-|-|-\n\n[x]: http://e.com/a|b\n-|-|-\n\n<!-- a|b -->\n-|-|-\n\n* a|b\n* -|-|-\n\n"
		  "> q|r\n-|-|-\n\n- s|t||\n  -|-|-\n");
	sc_result_clear(&r);
	/* Code on lines of its own in a quote is a code block in the quote (it was a code span showing "> "). */
	run("> {{< highlight go >}}\n> line1\n> line2\n> {{< /highlight >}}\n\n> {{< katex >}}\n> a_1\n> {{< /katex >}}\n", false,
	    false, &r);
	CHECK_STR("highlight in a quote: a code block there, its fence closed in the quote", r.text,
		  "> ```go\n> line1\n> line2\n> ```\n\n> ```\n> a_1\n> ```\n");
	sc_result_clear(&r);
	run("{{< card title=\"Title\" >}}first line\nsecond line{{< /card >}}\n", false, false, &r);
	CHECK("card: its words after its title, apart", has(r.text, "- Title first line\n  second line"));
	sc_result_clear(&r);
	/* Tabs: each tab under its label (the labels were lost: which code is for which system?). */
	run("{{< tabs \"uid\" >}}\n{{< tab \"MacOS\" >}}\n# Mac\nbrew install x\n{{< /tab >}}\n{{< /tabs >}}\n\n"
	    "{{< tabs \".NET\" Python >}}\n{{% codetab %}}\n```python\nx = 1\n```\n{{% /codetab %}}\n"
	    "{{% codetab %}}\n```python\ny = 2\n```\n{{% /codetab %}}\n{{< /tabs >}}\n", false, false, &r);
	CHECK("tabs: hugo-book's tab under its own label, not the block's id", has(r.text, "**MacOS**\n# Mac\nbrew install x\n")
	      && !has(r.text, "uid"));
	CHECK("tabs: dapr's codetabs take the block's labels in turn", has(r.text, "**\\.NET**\n```python\nx = 1")
	      && has(r.text, "**Python**\n```python\ny = 2"));
	CHECK("tabs: ... the lines kept", lines(r.text) == 19);
	sc_result_clear(&r);
	run("{{< tabs items=\"JSON, YAML\" >}}\n  {{< tab >}}JSON text{{< /tab >}}\n  {{< tab >}}YAML text{{< /tab >}}\n{{< /tabs >}}\n",
	    false, false, &r);
	CHECK("tabs: Hextra's items= label its tabs, each a line of its own", has(r.text, "**JSON** JSON text  \n")
	      && has(r.text, "**YAML** YAML text  \n"));
	sc_result_clear(&r);
	run("{{< tabpane lang=bash >}}\n{{< tab header=\"Go\" lang=\"go\" >}}\n\nfmt.Println(1)\n{{< /tab >}}\n"
	    "{{< tab header=\"Shell\" >}}\necho *x*\n{{< /tab >}}\n{{< tab header=\"Note\" text=true >}}\nSome **text**.\n{{< /tab >}}\n"
	    "{{< /tabpane >}}\n", false, false, &r);
	CHECK("tabs: Docsy's tabpane: a tab is code, in its lang=, under its label where a line is free",
	      has(r.text, "**Go**\n```go\nfmt.Println(1)\n```"));
	CHECK("tabs: ... or the pane's lang=, under its label: a line more, said in the shifts",
	      has(r.text, "**Shell**\n```bash\necho *x*\n```") && lines(r.text) == 13 && r.shifts && r.shifts->len == 1
	      && g_array_index(r.shifts, struct line_shift, 0).src == 6 && g_array_index(r.shifts, struct line_shift, 0).extra == 1);
	CHECK("tabs: ... text=true Markdown under its label", has(r.text, "**Note**\\\nSome **text**."));
	sc_result_clear(&r);
	/* Reviewed: the pane's text=true; a label in a list item (its fence there too); a disabled header tab;
	   a one-line tab; a tab in a quote, or starting with bold text, keeps its label a line of its own. */
	run("{{< tabpane text=true >}}\n{{< tab header=\"A\" >}}\n**bold** a\n{{< /tab >}}\n{{< /tabpane >}}\n", false, false, &r);
	CHECK("tabs: the pane's text=true makes its tabs Markdown", has(r.text, "**A**\\\n**bold** a") && !has(r.text, "```"));
	sc_result_clear(&r);
	run("1. Item:\n\n   {{< tabpane >}}\n   {{< tab header=\"Go\" lang=\"go\" >}}\n   x := 1\n   {{< /tab >}}\n   {{< /tabpane >}}\n"
	    "2. Next\n", false, false, &r);
	CHECK("tabs: in a list item, its fence at the item's indent", has(r.text, "   **Go**\n   ```go\n   x := 1\n   ```"));
	sc_result_clear(&r);
	run("{{< tabpane >}}\n{{< tab header=\"**Languages**:\" disabled=true />}}\n{{< tab header=\"C\" lang=\"c\" >}}one(){{< /tab >}}\n"
	    "{{< /tabpane >}}\n", false, false, &r);
	CHECK("tabs: a disabled header tab its label alone, no empty code", !has(r.text, "`  `") && has(r.text, "Languages"));
	CHECK("tabs: a one-line code tab keeps its label", has(r.text, "**C** ` one() `"));
	sc_result_clear(&r);
	run("> {{< tabs >}}\n> {{< tab \"Q1\" >}}\n> quoted one\n> {{< /tab >}}\n> {{< /tabs >}}\n\n"
	    "{{< tabs >}}\n{{< tab \"B\" >}}\n**bold** b\n{{< /tab >}}\n{{< /tabs >}}\n", false, false, &r);
	CHECK("tabs: in a quote, its label a line of its own", has(r.text, "> **Q1**\\\n> quoted one"));
	CHECK("tabs: ... and before bold text", has(r.text, "**B**\\\n**bold** b"));
	sc_result_clear(&r);
	/* Docsy's card: its header, then its title, its text a line of its own, its footer (header and footer
	   were lost, and a Chinese text ran into its subtitle). */
	run("{{< cardpane >}}\n{{< card header=\"华兴证券实践\" title=\"卡片标题\" subtitle=\"副标题\" footer=\"页脚文字\" >}}\n"
	    "华兴证券是企业用户。\n{{< /card >}}\n{{< /cardpane >}}\n", false, false, &r);
	CHECK_STR("card: Docsy's header, title, text and footer, each kept", r.text,
		  "\n- 华兴证券实践: 卡片标题: 副标题\\\n  华兴证券是企业用户。\\\n  页脚文字\n\n");
	sc_result_clear(&r);
	/* Reviewed: Docsy renders a card's header, title and footer as Markdown; code=true is code in lang=. */
	run("{{< cardpane >}}\n{{< card header=\"**Imagine**\" title=\"Artist: *John*\" footer=\"*signed*\" >}}\nText.\n{{< /card >}}\n"
	    "{{< card code=true header=\"**C**\" lang=\"go\" >}}\nx := 1 * 2\n{{< /card >}}\n{{< /cardpane >}}\n", false, false, &r);
	CHECK("card: Docsy's header, title and footer as Markdown", has(r.text, "- **Imagine**: Artist: *John*\\\n  Text.\\\n  *signed*\n"));
	CHECK("card: Docsy's code card, code in lang=", has(r.text, "- **C**\n```go\nx := 1 * 2\n```"));
	sc_result_clear(&r);
	/* Hextra's card: its tag and picture (lost, the picture without a word); two cards blocks two lists. */
	run("{{< cards >}}\n{{< card link=\"/a/\" title=\"Pic\" image=\"/images/x.jpg\" subtitle=\"Raw.\" >}}\n"
	    "{{< card link=\"https://example.com\" title=\"Tagged\" tag=\"custom tag\" >}}\n{{< /cards >}}\n\n"
	    "{{< cards >}}\n{{< card link=\"https://example.org\" title=\"Second\" >}}\n{{< /cards >}}\n", false, false, &r);
	CHECK("card: its picture after its words", has(r.text, "- [Pic](/a/): Raw\\. ![Pic](/images/x.jpg)\n"));
	CHECK("card: its tag after its title", has(r.text, "- [Tagged](https://example.com) (custom tag)\n"));
	CHECK("card: the next cards block another list (the other bullet)", has(r.text, "* [Second](https://example.org)\n"));
	CHECK("card: ... the lines kept", lines(r.text) == 8);
	sc_result_clear(&r);
	/* "drawer", "context", "prefix" are no code names (raw, tex and pre only whole or at an end). */
	run("{{< drawer >}}**a**{{< /drawer >}} {{< context >}}**b**{{< /context >}} {{< prefix >}}**c**{{< /prefix >}}\n",
	    false, false, &r);
	CHECK_STR("unknown {{< >}}: names that only hold raw, tex or pre are prose", r.text, "**a** **b** **c**\n");
	sc_result_clear(&r);
	run("{{< barcode >}}**a**{{< /barcode >}} {{< excalidraw >}}*b*{{< /excalidraw >}} {{< echarts >}}[1]{{< /echarts >}}\n",
	    false, false, &r);
	CHECK_STR("unknown {{< >}}: barcode and excalidraw are prose (no raw HTML), echarts code", r.text,
		  "**a** *b* ` [1] `\n");
	sc_result_clear(&r);

	doc = "Text {{</* figure src=\"a.png\" */>}} and `{{</* param x */>}}` and `{{< param author >}}`\n\n"
	      "```\n{{%/* notice */%}}\n{{< param author >}}\n```\n";
	run(doc, false, false, &r);
	CHECK("comment form: in text, the shortcode as written (escaped for Markdown)",
	      has(r.text, "Text {{\\< figure src=\"a.png\" \\>}} and"));
	CHECK("comment form: in a code span, as written", has(r.text, "`{{< param x >}}`"));
	CHECK("code span: a live shortcode is never run", has(r.text, "`{{< param author >}}`"));
	CHECK("code block: comment form unwrapped, live shortcode untouched",
	      has(r.text, "```\n{{% notice %}}\n{{< param author >}}\n```\n"));
	CHECK("code: nothing was said", !*messages);
	sc_result_clear(&r);
	/* Over several lines of a code block (LoveIt's documentation kept its marks). */
	run("```markdown\n{{</* figure\n    src=\"/x.jpg\"\n*/>}}\n```\n", false, false, &r);
	CHECK_STR("code block: a comment form over several lines unwrapped", r.text,
		  "```markdown\n{{< figure\n    src=\"/x.jpg\"\n>}}\n```\n");
	sc_result_clear(&r);
	run("    {{< param author >}}\n", false, false, &r);
	CHECK_STR("code: an indented code block is never touched", r.text, "    {{< param author >}}\n");
	sc_result_clear(&r);

	run("{{< highlight go \"linenos=table\" >}}\nfunc main() {}\n{{< /highlight >}}\n", false, false, &r);
	CHECK_STR("highlight: a fenced block in its language", r.text, "```go\nfunc main() {}\n```\n");
	sc_result_clear(&r);
	run("{{< highlight text >}}\n```go\nx := 1\n```\n{{< /highlight >}}\n", false, false, &r);
	CHECK_STR("highlight: a fenced block inside is its text, under a longer fence", r.text,
		  "````text\n```go\nx := 1\n```\n````\n");
	sc_result_clear(&r);
	run("Run {{< highlight sh >}}ls -l{{< /highlight >}} now.\n", false, false, &r);
	CHECK_STR("highlight: on one line, a code span", r.text, "Run ` ls -l ` now.\n");
	sc_result_clear(&r);

	run("作者 {{< param author >}}，长 {{% param \"river.length\" %}}。\n", false, false, &r);
	CHECK_STR("param: the page's, then the site's (dotted)", r.text, "作者 王芳，长 6300 公里。\n");
	sc_result_clear(&r);
	run("\n\n{{< param nosuch >}} kept\n", false, false, &r);
	CHECK("param: a missing one is a warning with file and line",
	      has(messages, "t.md:7: warning: shortcode param: no page or site parameter 'nosuch'"));
	CHECK_STR("param: ... and the text around it stays", r.text, "\n\n kept\n");
	sc_result_clear(&r);

	run("[b]({{< ref \"b.md#sec\" >}}) [en]({{< relref path=\"/posts/a.md\" lang=\"en\" >}})\n", false, false, &r);
	CHECK_STR("ref: a relative link with its fragment; path and lang named", r.text, "[b](../b.md#sec) [en](a.en.md)\n");
	sc_result_clear(&r);
	run("line one\n[x]({{< ref \"nowhere.md\" >}}) rest\n", false, false, &r);
	CHECK("ref: to no page, a warning with its line", has(messages, "t.md:6: warning: ref 'nowhere.md': no such page"));
	CHECK_STR("ref: ... the link keeps its text", r.text, "line one\n[x]() rest\n");
	sc_result_clear(&r);

	run("{{< youtube id=\"dQw4w9WgXcQ\" title=\"河\" >}}\n\n{{< x user=\"U\" id=\"9\" >}}\n\n{{< gist spf13 7896402 \"img.html\" >}}\n"
	    "\n{{< instagram BWN hidecaption >}}\n\n{{< tweet user=\"golang\" id=\"1\" >}}\n\n{{< vimeo 146 >}}\n", false, false, &r);
	CHECK("youtube: a note with its title and address", has(r.text, "视频：河 <https://www.youtube.com/watch?v=dQw4w9WgXcQ>\n"));
	CHECK("x: a note with the post's address", has(r.text, "帖子：<https://x.com/U/status/9>"));
	CHECK("gist: a note with the gist's address and file", has(r.text, "代码片段：<https://gist.github.com/spf13/7896402#file-img-html>"));
	CHECK("instagram: the post's address", has(r.text, "帖子：<https://www.instagram.com/p/BWN/>"));
	CHECK("tweet: the post's address", has(r.text, "<https://twitter.com/golang/status/1>"));
	CHECK("vimeo: the video's address", has(r.text, "视频：<https://vimeo.com/146>"));
	sc_result_clear(&r);
	/* LoveIt's, DoIt's and FixIt's Bilibili videos left nothing (a Chinese blog's commonest embed). */
	run("{{< bilibili BV1Sx411T7QQ >}}\n\n{{< bilibili id=170001 p=3 >}}\n\n{{< bilibili >}}\n", false, false, &r);
	CHECK("bilibili: a note with the video's address", has(r.text, "视频：<https://www.bilibili.com/video/BV1Sx411T7QQ>"));
	CHECK("bilibili: an old numeric id and a part", has(r.text, "视频：<https://www.bilibili.com/video/av170001?p=3>"));
	CHECK("bilibili: no id, said", has(messages, "shortcode 'bilibili' names no post or video"));
	sc_result_clear(&r);
	/* LoveIt's, DoIt's and FixIt's link left nothing (three empty bullets on LoveIt's page). */
	run("- {{< link \"https://a.org/x y\" \"A [b]\" >}}\n- {{< link href=\"https://c.org/\" >}}\n- {{< link >}}\n",
	    false, false, &r);
	CHECK("link: its content, linked", has(r.text, "- [A &#91;b&#93;](https://a.org/x%20y)\n"));
	CHECK("link: no content, its address", has(r.text, "- [https\\:\\/\\/c\\.org\\/](https://c.org/)\n"));
	CHECK("link: no address, said", has(messages, "shortcode 'link' names no address (href, url, link or page); dropped"));
	sc_result_clear(&r);
	/* Kubernetes' own link names them text and url: its words were dropped. */
	run("Review the {{< link text=\"Intermediate App Developer\" url=\"/docs/b/\" >}} topics.\n\n"
	    "See {{< link text=\"nowhere\" >}} too.\n", false, false, &r);
	CHECK("link: a site's text= and url=, linked", has(r.text, "Review the [Intermediate App Developer](/docs/b/) topics."));
	CHECK("link: text= without an address: its words kept", has(r.text, "See nowhere too."));
	CHECK("link: ... and said", has(messages, "names no address (href, url, link or page); its words are kept, not linked"));
	sc_result_clear(&r);
	/* A site's comment shortcode shows nothing: "Updated: 4/14/2015" was printed. */
	run("Before.\n\n{{< comment >}}Updated: 4/14/2015{{< /comment >}}\n\nAfter.\n", false, false, &r);
	CHECK("comment: its text is not shown", !has(r.text, "Updated") && has(r.text, "Before.") && has(r.text, "After."));
	CHECK("comment: ... nor said as a shortcode folio does not know", !has(messages, "'comment' is not one folio knows"));
	sc_result_clear(&r);
	/* Hextra's shortcodes whose words are in their parameters: they printed nothing (a warning each). */
	run("A {{< badge \"新\" >}} and {{< badge content=\"Beta\" link=\"https://a.org/\" >}} and {{< term \"SEO\" >}}.\n",
	    false, false, &r);
	CHECK_STR("hextra: a badge's and a term's words, a badge's link", r.text, "A 新 and [Beta](https://a.org/) and SEO.\n");
	CHECK("hextra: ... none said unknown", r.unknown->len == 0);
	sc_result_clear(&r);
	run("{{< cards >}}\n  {{< card link=\"guide\" title=\"Guide\" icon=\"book\" subtitle=\"How to\" >}}\n"
	    "  {{< card link=\"faq\" title=\"FAQ\" >}}\n{{< /cards >}}\n", false, false, &r);
	CHECK_STR("hextra: cards are a list of linked titles and subtitles", r.text,
		  "\n- [Guide](guide): How to\n- [FAQ](faq)\n\n");
	sc_result_clear(&r);
	run("{{< filetree/container >}}\n    {{< filetree/folder name=\"content\" >}}\n"
	    "        {{< filetree/file name=\"_index.md\" >}}\n        {{< filetree/folder name=\"docs\" >}}\n"
	    "            {{< filetree/file name=\"a.md\" >}}\n        {{< /filetree/folder >}}\n"
	    "    {{< /filetree/folder >}}\n    {{< filetree/file name=\"hugo.toml\" >}}\n{{< /filetree/container >}}\n"
	    "Next {{< icon \"github\" >}} line.\n", false, false, &r);
	CHECK_STR("hextra: a file tree is a nested list, however indented; an icon shows nothing", r.text,
		  "\n- content/\n  - \\_index\\.md\n  - docs/\n    - a\\.md\n\n\n- hugo\\.toml\n\nNext  line.\n");
	CHECK("hextra: ... the lines kept", lines(r.text) == 10);
	sc_result_clear(&r);
	run("See {{% relRef \"b.md\" %}}.\n", false, false, &r);
	CHECK("hugo's own shortcodes whatever their case (relRef)", r.unknown->len == 0 && !has(r.text, "relRef"));
	sc_result_clear(&r);
	/* Emphasis around a shortcode that shows nothing: "****" was printed, and a line of it was a rule. */
	run("Before **{{< comment >}}x{{< /comment >}}** after, _{{< b.inline >}}{{< /b.inline >}}_ and ***{{< comment >}}***.\n\n"
	    "**{{< comment >}}**\n\nKept **a{{< comment >}}** and ~~{{< comment >}}~~ and *{{< comment >}}**.\n",
	    false, false, &r);
	CHECK("empty emphasis: its marks go with it", has(r.text, "Before  after,  and .\n"));
	CHECK("empty emphasis: a line of it is empty, not a rule", has(r.text, "\n\n\n\nKept "));
	CHECK("empty emphasis: marks around words stay, unequal runs too", has(r.text, "Kept **a** and  and ***.\n"));
	sc_result_clear(&r);

	run("{{< details summary=\"点开\" >}}\n内容\n{{< /details >}}\n", false, false, &r);
	CHECK_STR("details: its summary, then its content", r.text, "**点开**\\\n内容\n\n");
	sc_result_clear(&r);
	run("{{% details summary=\"S\" %}}\n- a\n{{% /details %}}\n", false, false, &r);
	CHECK_STR("details: a list after the summary needs no break", r.text, "**S**\n- a\n\n");
	sc_result_clear(&r);
	/* hugo-book's and Hextra's title (title= or the first parameter) were printed as "Details". */
	run("{{% details title=\"Quick sort\" open=false %}}\nHidden.\n{{% /details %}}\n", false, false, &r);
	CHECK_STR("details: title=", r.text, "**Quick sort**\\\nHidden.\n\n");
	sc_result_clear(&r);
	run("{{% details \"Positional\" %}}x{{% /details %}}\n", false, false, &r);
	CHECK_STR("details: its first parameter, apart from text on its line", r.text, "**Positional** x\n");
	sc_result_clear(&r);
	run("{{% details %}}无标题。{{% /details %}}\n", false, false, &r);
	CHECK_STR("details: none, titled in the article's language, joined to Chinese", r.text, "**详情**无标题。\n");
	sc_result_clear(&r);
	/* Found on the learn, geekdoc, hugo-book and FixIt sites (each lost words or an address). */
	run("{{%expand \"Is it good ?\" %}}Yes !{{% /expand%}}\n", false, false, &r);
	CHECK_STR("expand: its label, then its text (the label was lost)", r.text, "**Is it good \\?** Yes !\n");
	sc_result_clear(&r);
	run("Author: {{% siteparam \"author\" %}}\n", false, false, &r);
	CHECK_STR("siteparam: the site's parameter, not the page's of the same name (it was empty, then the page's)",
		  r.text, "Author: 李明\n");
	sc_result_clear(&r);
	run("{{<button href=\"https://example.com/a\">}}Go *here*{{</button>}}\n", false, false, &r);
	CHECK_STR("button: a link around its inner text (the address was lost)", r.text, "[Go *here*](https://example.com/a)\n");
	sc_result_clear(&r);
	/* dapr's and Docsy's button: link= an address, page= a page of the site (68 were words alone, each warned of). */
	run("{{< button text=\"Download deck\" link=\"https://example.com/deck.pptx\" >}}\n\n"
	    "{{< button text=\"Learn about brokers\" page=\"b.md\" >}}\n", false, false, &r);
	CHECK_STR("button: link= its address, page= a page found as ref finds it", r.text,
		  "[Download deck](https://example.com/deck.pptx)\n\n[Learn about brokers](../b.md)\n");
	CHECK("button: ... and nothing said", !*messages);
	sc_result_clear(&r);
	run("{{< button page=\"b.md\" >}}{{< /button >}} {{< button text=\"E\" page=\"\" >}}\n", false, false, &r);
	CHECK_STR("button: page= with no words shows the page as written, not its file in the book", r.text, "[b\\.md](../b.md) E\n");
	CHECK("button: ... an empty page= is no address, said", has(messages, "names no address"));
	sc_result_clear(&r);
	run("{{< button text=\"Gone\" page=\"nowhere\" >}}\n", false, false, &r);
	CHECK_STR("button: a page= no page is: its words", r.text, "Gone\n");
	CHECK("button: ... said once, with its line, as a ref to no page",
	      has(messages, "t.md:5: warning: button page 'nowhere': no such page") && !has(messages, "names no address"));
	sc_result_clear(&r);
	run("{{< quote >}}\n\n不忘初心。\n\n{{< /quote >}}\n", false, false, &r);
	CHECK("quote: a block quote (its text was a paragraph)", has(r.text, "> 不忘初心。"));
	sc_result_clear(&r);
	run("{{< katex display >}}\nf(x) = x\n{{< /katex >}}\n", false, false, &r);
	CHECK("katex: a code block, its flag no language", has(r.text, "```\nf(x) = x") && !has(r.text, "display"));
	sc_result_clear(&r);
	run("{{< hint type=important >}}\nText.\n{{< /hint >}}\n\n{{< hint type=caution >}}\nMore.\n{{< /hint >}}\n",
	    false, false, &r);
	CHECK("hint: geekdoc's important and caution titled so (they were Tip and Warning)",
	      has(r.text, "**重要**") && has(r.text, "**小心**"));
	sc_result_clear(&r);
	run("{{< details \"**Copyright** 2022.\" >}}\nText.\n{{< /details >}}\n", false, false, &r);
	CHECK_STR("details: a summary in Markdown is set as written (it printed its marks)", r.text,
		  "**Copyright** 2022.\\\nText.\n\n");
	sc_result_clear(&r);
	run("{{< admonition tip \"[FixIt](https://example.com/)\" >}}\nText.\n{{< /admonition >}}\n", false, false, &r);
	CHECK("admonition: a title with a link, bold, the link kept", has(r.text, "> **[FixIt](https://example.com/)**"));
	sc_result_clear(&r);
	run("{{< admonition tip \"- *a* list?\" >}}\nText.\n{{< /admonition >}}\n", false, false, &r);
	CHECK("admonition: a title of its own emphasis opens no list", has(r.text, "> \\- *a* list?"));
	sc_result_clear(&r);
	/* Hextra's callout types are GitHub's alerts: "important" was titled 技巧 (LoveIt's alias). */
	run("{{< callout type=\"important\" >}}\nText.\n{{< /callout >}}\n", false, false, &r);
	CHECK_STR("callout: Hextra's important", r.text, "> **重要**\n>\n> Text.\n");
	sc_result_clear(&r);
	run("{{< callout type=\"default\" >}}\nText.\n{{< /callout >}}\n", false, false, &r);
	CHECK_STR("callout: Hextra's default has no title", r.text, "> Text.\n>\n\n");
	sc_result_clear(&r);
	{
		/* The labels' language from the text's letters, not the tags' ({{< callout type=... >}}). */
		struct sc_context ctx = { .file = "t.md" };
		const char *body = "{{< callout type=\"important\" >}}重要的事。{{< /callout >}}\n"
				   "{{% details title=\"Quick sort test\" %}}隐藏{{% /details %}}\n";
		char *lang = sc_label_lang(&ctx, body, strlen(body));

		CHECK_STR("labels: the language of the text, not of the tags' names", lang, "zh");
		g_free(lang);
	}

	run("a\n{{< highlight go >}}\nnever closed\n\nlast line\n", false, false, &r);
	CHECK("bad input: an unclosed shortcode is reported with its line",
	      has(messages, "t.md:6: warning: shortcode 'highlight' is never closed"));
	CHECK("bad input: ... and the rest of the page is kept", has(r.text, "never closed\n\nlast line\n"));
	sc_result_clear(&r);
	run("a\nb {{< figure src=\"x.png >}} c\nd\n", false, false, &r);
	CHECK("bad input: a bad parameter string is reported with its line",
	      has(messages, "t.md:6: warning: shortcode 'figure': a quoted parameter is not closed on its line"));
	CHECK_STR("bad input: ... the tag dropped, the rest kept", r.text, "a\nb  c\nd\n");
	sc_result_clear(&r);
	run("x {{< /notice >}} y\n", false, false, &r);
	CHECK("bad input: a closing tag without an opening one", has(messages, "t.md:5: warning: closing shortcode '/notice' closes nothing"));
	sc_result_clear(&r);
	run("a {{< not closed at all\n", false, false, &r);
	CHECK("bad input: '{{<' that ends nowhere stays text", has(r.text, "{{< not closed at all") && has(messages, "t.md:5: warning:"));
	sc_result_clear(&r);

	run("看 :smile: 和 `:smile:` 10:30:00\n", true, false, &r);
	CHECK_STR("emoji: codes become emoji, not in code, not in times", r.text, "看 😄 和 `:smile:` 10:30:00\n");
	CHECK("emoji: counted", r.emoji == 1);
	sc_result_clear(&r);
	run("看 :smile:\n", false, false, &r);
	CHECK_STR("emoji: only when the site enables them", r.text, "看 :smile:\n");
	sc_result_clear(&r);
	run("end :+1::smile:", true, false, &r);
	CHECK_STR("emoji: codes side by side, the last at the very end", r.text, "end 👍😄");
	sc_result_clear(&r);
	run(":no_such_code: ::: :", true, false, &r);
	CHECK_STR("emoji: what is no code stays as written", r.text, ":no_such_code: ::: :");
	sc_result_clear(&r);

	run("# Top\n\n## 命名 {#named .lead}\n\n```\n## not {#x}\n```\n### Class only {.c}\n", false, false, &r);
	CHECK_STR("heading ids: the attribute block is cut, code untouched", r.text,
		  "# Top\n\n## 命名\n\n```\n## not {#x}\n```\n### Class only\n");
	CHECK("heading ids: the id is kept with its line", r.heading_ids->len == 1
	      && ((struct sc_heading_id *)g_ptr_array_index(r.heading_ids, 0))->line == 3
	      && !strcmp(((struct sc_heading_id *)g_ptr_array_index(r.heading_ids, 0))->id, "named"));
	sc_result_clear(&r);

	/* Goldmark's attribute blocks as Debian's hugo reads them: what it takes is cut, the rest is text. */
	run("# A {anchor=false}\n# B {x=\"1 2\" y=3, .c}\n# C {#a #b}\n# D {#}\n# E {x=[1,2]}\n"
	    "# F {bar}\n# G {x=}\n# H {a=b c}\n# I {x='1'}\n# J {x=a/b}\n# K {1x=a}\n# L {#a!}\n# M {x=a}}\n",
	    false, false, &r);
	CHECK_STR("heading attributes: name=value, lists by commas, empty id cut; other braces kept", r.text,
		  "# A\n# B\n# C\n# D\n# E\n"
		  "# F {bar}\n# G {x=}\n# H {a=b c}\n# I {x='1'}\n# J {x=a/b}\n# K {1x=a}\n# L {#a!}\n# M {x=a}}\n");
	CHECK("heading attributes: the last id is the heading's, an empty one none", r.heading_ids->len == 1
	      && ((struct sc_heading_id *)g_ptr_array_index(r.heading_ids, 0))->line == 3
	      && !strcmp(((struct sc_heading_id *)g_ptr_array_index(r.heading_ids, 0))->id, "b"));
	sc_result_clear(&r);

	run("- ### Fast {anchor=false}\n> ## Quoted {#q}\n  1. # Numbered {.x}\n-## not a list {x=1}\n", false, false, &r);
	CHECK_STR("heading attributes: on headings in list items and quotes too", r.text,
		  "- ### Fast\n> ## Quoted\n  1. # Numbered\n-## not a list {x=1}\n");
	CHECK("heading attributes: a quoted heading's id", r.heading_ids->len == 1
	      && !strcmp(((struct sc_heading_id *)g_ptr_array_index(r.heading_ids, 0))->id, "q"));
	sc_result_clear(&r);

	run("first {{< param author >}}\n\n<!--more-->\n\nrest\n", false, false, &r);
	CHECK("summary divider: found in the text given to Markdown", r.more >= 0 && !strncmp(r.text + r.more, "<!--more-->", 11));
	CHECK("summary divider: before it, the summary", !strncmp(r.text, "first 王芳\n\n", (size_t)r.more));
	sc_result_clear(&r);
	run("```\n<!--more-->\n```\n", false, false, &r);
	CHECK("summary divider: not inside code", r.more < 0);
	sc_result_clear(&r);

	doc = "{{% notice %}}\na\n{{< param `author` >}}\n{{% /notice %}}\n{{< figure src=\"x\"\n  caption=\"c\" >}}\n"
	      "{{< youtube\n  abc >}}\nend {{< marginnote >}}x\ny{{< /marginnote >}}\n";
	run(doc, false, false, &r);
	CHECK("lines: the body keeps as many lines as it had", lines(r.text) == lines(doc));
	sc_result_clear(&r);
	g_free(messages);
	CHECK_DONE();
}
