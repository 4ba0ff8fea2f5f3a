/* test_tasklist.c - task list items shown with a ballot box where Hugo 0.111 shows a checkbox. */
#include "check.h"
#include "read/markdown.h"
#include "text/nodetext.h"
#include "text/tasklist.h"

#include <glib.h>

static char got[512];

/* The text of each item of md's first list, one per line. */
static const char *items(const char *md)
{
	cmark_node *doc = markdown_parse(md, strlen(md));
	GString *s = g_string_new(NULL);

	tasklist_tree(doc);
	for (cmark_node *i = cmark_node_first_child(cmark_node_first_child(doc)); i; i = cmark_node_next(i)) {
		char *t = node_plain_text(i);

		g_string_append_printf(s, "%s\n", t);
		g_free(t);
	}
	g_strlcpy(got, s->str, sizeof got);
	g_string_free(s, TRUE);
	cmark_node_free(doc);
	return got;
}

int main(void)
{
	cmark_node_free(markdown_parse("", 0));
	CHECK_STR("tasklist: done, to do, X with no space after",
		  items("- [x] done\n- [ ] todo\n- [X]upper\n"), "\u2611 done\n\u2610 todo\n\u2611 upper\n");
	CHECK_STR("tasklist: an ordered list too", items("1. [ ] numbered\n"), "\u2610 numbered\n");
	CHECK_STR("tasklist: a link or [x] later in the item is no box",
		  items("- [link](https://example.com) item\n- plain [x] later\n"), "link item\nplain [x] later\n");
	{
		cmark_node *doc = markdown_parse("[x] not an item\n", strlen("[x] not an item\n"));
		char *t;

		tasklist_tree(doc);
		t = node_plain_text(doc);
		CHECK_STR("tasklist: not outside a list", t, "[x] not an item");
		g_free(t);
		cmark_node_free(doc);
	}
	CHECK_DONE();
}
