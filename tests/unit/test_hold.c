/* test_hold.c - articles hold their trees only while read: parsed again the same, records rebound, nothing said twice. */
#include "check.h"
#include "read/article.h"
#include "book/book.h"
#include "base/diag.h"
#include "base/options.h"
#include "cli/writer.h"
#include "format/epub/xhtml.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

/* An article with every kind of record, and with what loading repairs and reports. */
static const char article_md[] =
	"---\ntitle: 记录\ndate: 2025-03-01\nlang: zh-CN\n---\n"
	"# 第一节\n\n"
	"灯光**密集的街区。**金融公司[另一篇](other.md#part)和[外链](https://example.com/x)。[^n]\n\n"
	"![图一](missing.png \"t\")\n\n"
	"<p>原始 <img src=\"raw-a.png\" alt=\"甲\"> 与 <img src=\"raw-b.png\"></p>\n\n"
	"## 第二节\n\n"
	"**　　整体**而言，类似的「\n\n"
	"说法」。\n\n"
	"![svg](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)\n\n"
	"> <script>\n> never closed\n\n"
	"| a | b |\n|---|---|\n| [表内](https://example.com/t) | ![表图](missing2.png) |\n\n"
	"[^n]: 注释里的[链接](https://example.com/n)。\n";
static const char other_md[] =
	"---\ntitle: Other\ndate: 2025-03-02\nlang: en\n---\n## Part {#part}\n\nText with a footnote.[^a][^b]\n\n"
	"[^a]: One.\n[^b]: Two.\n";
static const char index_md[] = "---\ntitle: 栏目\n---\n# 栏目简介\n\n一段[介绍](https://example.com/i)。\n";

static char *dir;

static void write_file(const char *name, const char *text)
{
	char *path = g_build_filename(dir, name, NULL);
	char *parent = g_path_get_dirname(path);

	g_mkdir_with_parents(parent, 0700);
	g_file_set_contents(path, text, -1, NULL);
	g_free(parent);
	g_free(path);
}

static struct book *build(struct options *o)
{
	char *src = g_build_filename(dir, "src", NULL);
	char *argv[] = { "folio", "--offline", "-q", "--group-by", "section", src, "-o", "x.epub", NULL };

	options_init(o);
	options_parse(o, (int)G_N_ELEMENTS(argv) - 1, argv);
	o->datadir = g_get_current_dir();
	diag_set_quiet(o->quiet);
	g_free(src);
	return book_build(o);
}

static struct article *by_title(const struct book *b, const char *title)
{
	for (guint i = 0; i < b->articles->len; i++) {
		struct article *a = g_ptr_array_index(b->articles, i);

		if (!strcmp(a->title, title))
			return a;
	}
	return NULL;
}

/* Nothing of a's tree is left: no tree, no hold, no record pointing into one. */
static bool released(const struct article *a)
{
	bool ok = !a->doc && a->holds == 0;

	for (guint i = 0; i < a->headings->len; i++)
		ok = ok && !((struct heading *)g_ptr_array_index(a->headings, i))->node;
	for (guint i = 0; i < a->images->len; i++)
		ok = ok && !((struct image *)g_ptr_array_index(a->images, i))->node;
	for (guint i = 0; i < a->links->len; i++)
		ok = ok && !((struct link *)g_ptr_array_index(a->links, i))->node;
	for (guint i = 0; i < a->footnotes->len; i++)
		ok = ok && !((struct footnote *)g_ptr_array_index(a->footnotes, i))->def;
	return ok;
}

/* Every record points at a node of doc of its kind, in document order. */
static bool bound(const struct article *a, cmark_node *doc)
{
	GPtrArray *seen = g_ptr_array_new();
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	guint h = 0, l = 0, f = 0, im = 0;
	bool ok = true;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER)
			g_ptr_array_add(seen, cmark_iter_get_node(it));
	cmark_iter_free(it);
	for (guint i = 0; i < seen->len; i++) {
		cmark_node *n = g_ptr_array_index(seen, i);

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			ok = ok && h < a->headings->len && ((struct heading *)a->headings->pdata[h++])->node == n;
			break;
		case CMARK_NODE_LINK:
			ok = ok && l < a->links->len && ((struct link *)a->links->pdata[l++])->node == n;
			break;
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			ok = ok && f < a->footnotes->len && ((struct footnote *)a->footnotes->pdata[f++])->def == n;
			break;
		case CMARK_NODE_IMAGE:
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			/* one record per Markdown image, one per <img> of raw HTML */
			while (im < a->images->len && ((struct image *)a->images->pdata[im])->node == n)
				im++;
			break;
		default:
			break;
		}
	}
	g_ptr_array_free(seen, TRUE);
	return ok && h == a->headings->len && l == a->links->len && f == a->footnotes->len && im == a->images->len;
}

static char *tree_xml(cmark_node *doc)
{
	char *x = cmark_render_xml(doc, CMARK_OPT_SOURCEPOS);
	char *copy = g_strdup(x);

	free(x);
	return copy;
}

static char *epub_page(const struct book *b, const struct article *a)
{
	unsigned found = 0;

	return g_string_free(xhtml_article(b, a, &found), FALSE);
}

static char *trace(const struct book *b)
{
	struct outfile out = { 0 };
	char *text = NULL;
	size_t len = 0;

	out.fp = open_memstream(&text, &len);
	trace_write(b, &out);
	fclose(out.fp);
	return text;
}

/* Runs change(a) then article_hold(a) in a child; true when the child aborted. */
static bool hold_aborts(struct article *a, void (*change)(struct article *a))
{
	pid_t pid;
	int status = 0;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, STDERR_FILENO);
		change(a);
		article_hold(a);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void set_markdown(struct article *a, const char *text)
{
	g_free(a->markdown);
	a->markdown = g_strdup(text);
	a->markdown_len = strlen(text);
}

static void add_heading(struct article *a)
{
	char *more = g_strconcat("# 多出来的标题\n\n", a->markdown, NULL);

	set_markdown(a, more);
	g_free(more);
}

static void drop_image(struct article *a)
{
	char *text = g_strdup(a->markdown), *p = strstr(text, "![图一]");

	*p = 'x';	/* "x[图一](...)": a link, no longer an image */
	set_markdown(a, text);
	g_free(text);
}

static void other_link(struct article *a)
{
	char *text = g_strdup(a->markdown), *p = strstr(text, "https://example.com/x");

	p[8] = 'E';	/* the same number of links, one of them not the one recorded */
	set_markdown(a, text);
	g_free(text);
}

static void nothing(struct article *a)
{
}

int main(void)
{
	struct options o;
	struct book *b;
	struct article *a, *other, *loaded;
	int warnings;
	bool all_released = true;

	dir = g_dir_make_tmp("folio-hold-XXXXXX", NULL);
	write_file("src/sec/a.md", article_md);
	write_file("src/sec/other.md", other_md);
	write_file("src/sec/_index.md", index_md);
	b = build(&o);
	CHECK("hold: the book is built", b && b->articles->len == 2 && b->parts->len == 1);
	if (!b)
		return 1;
	a = by_title(b, "记录");
	other = by_title(b, "Other");
	CHECK("hold: both articles found", a && other);
	if (!a || !other)
		return 1;
	warnings = diag_count(DIAG_WARNING);
	CHECK("hold: loading reported the never-closed <script>, the SVG data: image and missing images",
	      warnings >= 3);
	for (guint i = 0; i < b->articles->len; i++)
		all_released = all_released && released(g_ptr_array_index(b->articles, i));
	CHECK("hold: no article keeps its tree once the book is built", all_released);
	CHECK("hold: nor does a part's introduction", released(((struct part *)b->parts->pdata[0])->intro));
	CHECK("hold: the records are there without the tree",
	      a->headings->len == 2 && a->links->len == 4 && a->images->len == 4 && a->footnotes->len == 1
	      && other->footnotes->len == 2);
	CHECK("hold: the internal link found its article", ((struct link *)a->links->pdata[0])->target == other);

	{
		cmark_node *doc = article_hold(a);

		CHECK("hold: the tree is back and the records point into it, in order", doc && a->doc == doc && bound(a, doc));
		CHECK("hold: holds nest (the same tree)", article_hold(a) == doc);
		article_release(a);
		CHECK("hold: the tree stays until the last release", a->doc == doc && bound(a, doc));
		article_release(a);
		CHECK("hold: the last release frees it and forgets the nodes", released(a));
		CHECK("hold: holding again reports nothing", diag_count(DIAG_WARNING) == warnings);
	}

	/* The tree parsed again is the tree loading made, node for node and line for line. */
	{
		char *file = g_build_filename(dir, "src/sec/a.md", NULL);
		const char *why = NULL;
		char *first, *again;

		loaded = article_load(file, file, a->root, "sec/a.md", b->tz, &why);
		first = tree_xml(loaded->doc);
		article_release(loaded);
		CHECK("hold: loading's tree is released", !loaded->doc);
		again = tree_xml(article_hold(loaded));
		CHECK("hold: the tree parsed again is the one loading made (repairs, dropped <script>, data: image as text)",
		      !strcmp(first, again));
		CHECK("hold: ... which has loading's repairs",
		      strstr(first, "<strong") && !strstr(first, "&lt;script") && strstr(first, "never closed")
		      && strstr(first, "![svg](data:image/svg+xml"));
		article_release(loaded);
		article_free(loaded);
		warnings = diag_count(DIAG_WARNING);	/* loading it again reported it again */
		g_free(first);
		g_free(again);
		g_free(file);
	}

	/* The writers: a tree they hold again gives the same book as one held for them. */
	{
		char *parsed = epub_page(b, a), *reused, *t1, *t2;

		CHECK("hold: the EPUB writer leaves no tree behind", released(a));
		article_hold(a);
		reused = epub_page(b, a);
		article_release(a);
		CHECK("hold: EPUB page the same whether the tree was reused or parsed again", !strcmp(parsed, reused));
		CHECK("hold: the page has the article's records (heading anchor, note, internal link)",
		      strstr(parsed, "id=\"a0001-h1\"") && strstr(parsed, "a0001-fn1") && strstr(parsed, "a0002.xhtml"));
		t1 = trace(b);
		for (guint i = 0; i < b->articles->len; i++)
			article_hold(g_ptr_array_index(b->articles, i));
		t2 = trace(b);
		for (guint i = 0; i < b->articles->len; i++)
			article_release(g_ptr_array_index(b->articles, i));
		CHECK("hold: PDF pages the same whether the trees were reused or parsed again", t1 && t2 && !strcmp(t1, t2)
		      && strstr(t1, "金融公司") && strstr(t1, "Text with a footnote") && strstr(t1, "栏目简介"));
		all_released = released(((struct part *)b->parts->pdata[0])->intro);
		for (guint i = 0; i < b->articles->len; i++)
			all_released = all_released && released(g_ptr_array_index(b->articles, i));
		CHECK("hold: the PDF writer leaves no tree behind", all_released);
		CHECK("hold: writing reported nothing loading had reported", diag_count(DIAG_WARNING) == warnings);
		g_free(parsed);
		g_free(reused);
		free(t1);
		free(t2);
	}

	/* A tree that is not the one the records came from is a defect, never a quietly wrong book. */
	CHECK("hold: the child runs (control)", !hold_aborts(a, nothing));
	CHECK("hold: one heading more aborts", hold_aborts(a, add_heading));
	CHECK("hold: one image fewer aborts", hold_aborts(a, drop_image));
	CHECK("hold: another link in the same place aborts", hold_aborts(a, other_link));

	book_free(b);
	options_clear(&o);
	{
		char *argv[] = { "rm", "-rf", dir, NULL };

		g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
	}
	g_free(dir);
	CHECK_DONE();
}
