/* test_gfmparse.c - cmark-gfm parses (an article's, a raw HTML table's) on many threads at once read as one alone. */
#include "check.h"
#include "html/sanitize.h"
#include "html/table.h"
#include "read/markdown.h"
#include "text/gfmparse.h"

#include <glib.h>
#include <libxml/HTMLparser.h>

enum { THREADS = 4, ROUNDS = 400 };

/* Strikethrough and tables, emphasis beside '~' (whose flanking the extension's characters change). */
static const char article[] =
	"a ~~b~~ and *~c~* **d**~~e~~ f~g~~h\n\n"
	"| x | ~~y~~ |\n|---|---|\n| 1 \\| 2 | *~3~* |\n\n"
	"~~~\ncode ~~ | here\n~~~\n\n"
	"10~20 元，**5~8** 公斤 ~~删除~~ 文字\n";

static const char html[] =
	"<table><tr><th>a~b</th><th><em>~c~</em></th></tr><tr><td>~~d~~ | e</td><td><s>f</s> *g*</td></tr></table>";

static htmlDocPtr table_doc;

static const xmlNode *find_table(const xmlNode *n)
{
	for (; n; n = n->next) {
		const xmlNode *t;

		if (n->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)n->name, "table"))
			return n;
		if ((t = find_table(n->children)))
			return t;
	}
	return NULL;
}

/* The tree as XML, or "" for none. g_free. */
static char *as_xml(cmark_node *doc)
{
	char *xml = doc ? cmark_render_xml(doc, CMARK_OPT_DEFAULT) : NULL;
	char *copy = g_strdup(xml ? xml : "");

	free(xml);
	cmark_node_free(doc);
	return copy;
}

static char *parse_article(void)
{
	return as_xml(markdown_parse(article, sizeof article - 1));
}

static char *parse_table(void)
{
	return as_xml(html_table_gfm(find_table(xmlDocGetRootElement(table_doc)), 1, "en"));
}

static char *want_article, *want_table;

/* Both kinds of parse, in turn, ROUNDS times: how many came out other than alone. */
static gpointer parse_many(gpointer unused)
{
	int differ = 0;

	for (int i = 0; i < ROUNDS; i++) {
		char *a = parse_article(), *t = parse_table();

		differ += strcmp(a, want_article) != 0;
		differ += strcmp(t, want_table) != 0;
		g_free(a);
		g_free(t);
	}
	return GINT_TO_POINTER(differ);
}

int main(void)
{
	GThread *t[THREADS];
	int differ = 0;

	table_doc = sanitize_parse_html(html);
	/* Debian's library calls through its symbol table: its calls reach folio's function, no lock. */
	cmark_parser_free(gfm_parser_new(CMARK_OPT_DEFAULT));
	CHECK("gfmparse: cmark-gfm's own calls reach folio's function (parses run at once)", gfm_parses_shared());
	want_article = parse_article();
	want_table = parse_table();
	CHECK("gfmparse: the article alone has its strikethrough and table",
	      strstr(want_article, "<strikethrough>") && strstr(want_article, "<table>"));
	CHECK("gfmparse: two-tilde ranges stay text (10~20)", strstr(want_article, "10~20"));
	CHECK("gfmparse: the HTML table alone is a table", strstr(want_table, "<table>"));
	CHECK("gfmparse: ... and a table-only parse keeps its tildes as text",
	      strstr(want_table, "a~b") && strstr(want_table, "~~d~~") && !strstr(want_table, "<strikethrough>"));
	for (int i = 0; i < THREADS; i++)
		t[i] = g_thread_new("parse", parse_many, NULL);
	for (int i = 0; i < THREADS; i++)
		differ += GPOINTER_TO_INT(g_thread_join(t[i]));
	printf("# %d of %d parses on %d threads differed\n", differ, THREADS * ROUNDS * 2, THREADS);
	CHECK("gfmparse: parses on four threads at once read as each alone", differ == 0);
	g_free(want_article);
	g_free(want_table);
	xmlFreeDoc(table_doc);
	CHECK_DONE();
}
