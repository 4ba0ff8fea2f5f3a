/* test_parselock.c - every cmark-gfm parse (an article's, a raw HTML table's) waits for the one parse lock. */
#include "check.h"
#include "html/sanitize.h"
#include "html/table.h"
#include "read/markdown.h"
#include "text/parselock.h"

#include <glib.h>
#include <libxml/HTMLparser.h>

static gint table_done, markdown_done;

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

static gpointer parse_table(gpointer data)
{
	cmark_node *doc = html_table_gfm(find_table(xmlDocGetRootElement(data)), 1, "en");

	g_atomic_int_set(&table_done, 1);
	return doc;
}

static gpointer parse_markdown(gpointer unused)
{
	static const char md[] = "a ~~b~~\n\n| x | y |\n|---|---|\n| 1 | 2 |\n";
	cmark_node *doc = markdown_parse(md, sizeof md - 1);

	g_atomic_int_set(&markdown_done, 1);
	return doc;
}

int main(void)
{
	htmlDocPtr html = sanitize_parse_html("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>");
	GThread *t, *m;
	cmark_node *tdoc, *mdoc;

	/* Registered once, as folio's reading does before its threads start. */
	cmark_node_free(markdown_parse("", 0));
	parselock_hold();
	t = g_thread_new("table", parse_table, html);
	m = g_thread_new("markdown", parse_markdown, NULL);
	g_usleep(200 * 1000);
	CHECK("parselock: a raw HTML table's parse waits for the lock", !g_atomic_int_get(&table_done));
	CHECK("parselock: an article's parse waits for the lock", !g_atomic_int_get(&markdown_done));
	parselock_release();
	tdoc = g_thread_join(t);
	mdoc = g_thread_join(m);
	CHECK("parselock: the table parsed once the lock was free",
	      tdoc && !strcmp(cmark_node_get_type_string(cmark_node_first_child(tdoc)), "table"));
	CHECK("parselock: the article parsed, strikethrough and table",
	      mdoc && !strcmp(cmark_node_get_type_string(cmark_node_last_child(cmark_node_first_child(mdoc))), "strikethrough")
	      && !strcmp(cmark_node_get_type_string(cmark_node_last_child(mdoc)), "table"));
	cmark_node_free(tdoc);
	cmark_node_free(mdoc);
	xmlFreeDoc(html);
	CHECK_DONE();
}
