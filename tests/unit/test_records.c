/* test_records.c - articles keep no tree once read; a back end's view is parsed again the same, its nodes bound to the records; a copy is the same. */
#include "check.h"
#include "base/diag.h"
#include "base/options.h"
#include "format/epub/xhtml.h"
#include "format/pdf/pdf.h"
#include "format/pdf/theme.h"
#include "read/article.h"
#include "read/build.h"
#include "read/records.h"

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
	"<p>原始 <img src=\"raw-a.png\" alt=\"甲\"> 与 <img src=\"raw-b.png\"> 及 <img src=\"raw-a.png\" alt=\"乙\"></p>\n\n"
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

static struct theme *theme;

static struct book *build(struct options *o)
{
	char *src = g_build_filename(dir, "src", NULL);
	char *argv[] = { "folio", "--offline", "-q", "--group-by", "section", src, "-o", "x.epub", NULL };
	bool usage;

	options_init(o);
	options_parse(o, (int)G_N_ELEMENTS(argv) - 1, argv);
	o->datadir = g_get_current_dir();
	diag_set_quiet(o->quiet);
	g_free(src);
	theme = theme_load(NULL, o->datadir, false);
	theme_apply_options(theme, o, &usage);
	return book_build(o, NULL, theme->cjk_latin_space);
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

/* Every node of v's tree that has a record is bound to it, in document order, and every record is met. */
static bool bound(const struct article_view *v)
{
	const struct article *a = v->a;
	cmark_iter *it = cmark_iter_new(v->doc);
	cmark_event_type ev;
	guint h = 0, l = 0, f = 0, im = 0;
	bool ok = true;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			ok = ok && h < a->headings->len && record_heading(n) == a->headings->pdata[h++];
			break;
		case CMARK_NODE_LINK:
			ok = ok && l < a->links->len && record_link(n) == a->links->pdata[l++];
			break;
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			ok = ok && f < a->footnotes->len && record_footnote(n) == a->footnotes->pdata[f]
			     && v->defs->pdata[f] == (gpointer)n;
			f++;
			break;
		case CMARK_NODE_IMAGE:
			ok = ok && im < a->images->len && record_image(v, n, NULL, 0) == a->images->pdata[im++];
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE: {
			/* one record per <img> of raw HTML, found by its address and which of that address it is */
			GHashTable *nth = g_hash_table_new(g_str_hash, g_str_equal);

			while (im < a->images->len) {
				const char *url = ((struct image *)a->images->pdata[im])->url;
				int k = GPOINTER_TO_INT(g_hash_table_lookup(nth, url));

				if (record_image(v, n, url, k) != a->images->pdata[im])
					break;
				g_hash_table_insert(nth, (gpointer)url, GINT_TO_POINTER(k + 1));
				im++;
			}
			g_hash_table_destroy(nth);
			break;
		}
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return ok && h == a->headings->len && l == a->links->len && f == a->footnotes->len && im == a->images->len;
}

/* The first node of type t in document order, or NULL. */
static cmark_node *first_of(cmark_node *doc, cmark_node_type t)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node *found = NULL;

	while (!found && cmark_iter_next(it) != CMARK_EVENT_DONE)
		if (cmark_node_get_type(cmark_iter_get_node(it)) == t)
			found = cmark_iter_get_node(it);
	cmark_iter_free(it);
	return found;
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

static char *trace(const struct book *b, const struct options *o)
{
	struct export x = { .book = b, .opts = o, .theme = theme };
	struct outfile out = { 0 };
	char *text = NULL;
	size_t len = 0;

	out.fp = open_memstream(&text, &len);
	trace_write(&x, &out);
	fclose(out.fp);
	return text;
}

/* Runs change(a) then opens a view of a in a child; true when the child aborted. */
static bool view_aborts(struct article *a, void (*change)(struct article *a))
{
	pid_t pid;
	int status = 0;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, STDERR_FILENO);
		change(a);
		article_view_open(a);
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

/* Views of every article opened on worker threads at once: each is bound on its own. */
static void check_view(gpointer data, gpointer failures)
{
	struct article_view *v = article_view_open(data);

	if (!bound(v))
		g_atomic_int_inc((gint *)failures);
	article_view_close(v);
}

int main(void)
{
	struct options o;
	struct book *b;
	struct article *a, *other, *loaded;
	int warnings;
	bool no_tree = true;

	dir = g_dir_make_tmp("folio-records-XXXXXX", NULL);
	write_file("src/sec/a.md", article_md);
	write_file("src/sec/other.md", other_md);
	write_file("src/sec/_index.md", index_md);
	b = build(&o);
	CHECK("records: the book is built", b && b->articles->len == 2 && b->parts->len == 1);
	if (!b)
		return 1;
	a = by_title(b, "记录");
	other = by_title(b, "Other");
	CHECK("records: both articles found", a && other);
	if (!a || !other)
		return 1;
	warnings = diag_count(DIAG_WARNING);
	CHECK("records: loading reported the never-closed <script>, the SVG data: image and missing images",
	      warnings >= 3);
	for (guint i = 0; i < b->articles->len; i++)
		no_tree = no_tree && !((struct article *)g_ptr_array_index(b->articles, i))->doc;
	CHECK("records: no article keeps its tree once the book is built", no_tree);
	CHECK("records: nor does a part's introduction", !((struct part *)b->parts->pdata[0])->intro->doc);
	CHECK("records: the records are there without the tree",
	      a->headings->len == 2 && a->links->len == 4 && a->images->len == 5 && a->footnotes->len == 1
	      && other->footnotes->len == 2);
	CHECK("records: the internal link found its article", ((struct link *)a->links->pdata[0])->target == other);

	{
		struct article_view *v1 = article_view_open(a), *v2 = article_view_open(a);

		CHECK("view: its tree's nodes are bound to the records, in order", bound(v1));
		CHECK("view: a second view at once has a tree of its own, bound too", v2->doc != v1->doc && bound(v2));
		CHECK("view: the article itself holds no tree", !a->doc);
		CHECK("view: a note reference finds its note",
		      record_footnote_ref(v1, first_of(v1->doc, CMARK_NODE_FOOTNOTE_REFERENCE)) == a->footnotes->pdata[0]);
		{
			/* Two <img> of one address in one raw block are two records, each with its alt text. */
			cmark_node *raw = first_of(v1->doc, CMARK_NODE_HTML_BLOCK);
			const struct image *first = record_image(v1, raw, "raw-a.png", 0),
					   *second = record_image(v1, raw, "raw-a.png", 1);

			CHECK("view: a raw block's second <img> of an address is its own record",
			      first && second && first != second && !g_strcmp0(first->alt, "甲") && !g_strcmp0(second->alt, "乙"));
			CHECK("view: past the block's <img>s of an address, the first",
			      record_image(v1, raw, "raw-a.png", 2) == first);
		}
		article_view_close(v2);
		CHECK("view: closing one leaves the other bound", bound(v1));
		article_view_close(v1);
		CHECK("view: opening views reports nothing", diag_count(DIAG_WARNING) == warnings);
	}
	{
		gint failures = 0;
		GThreadPool *pool = g_thread_pool_new(check_view, &failures, 4, TRUE, NULL);

		for (int round = 0; round < 8; round++)
			for (guint i = 0; i < b->articles->len; i++)
				g_thread_pool_push(pool, g_ptr_array_index(b->articles, i), NULL);
		g_thread_pool_free(pool, FALSE, TRUE);
		CHECK("view: views of the same articles on four threads at once are each bound", failures == 0);
	}

	/* The tree parsed again is the tree loading made, node for node and line for line. */
	{
		char *file = g_build_filename(dir, "src/sec/a.md", NULL);
		const char *why = NULL;
		struct article_view *v;
		char *first, *again;

		loaded = article_load(file, file, a->root, "sec/a.md", o.tz, &why);
		first = tree_xml(loaded->doc);
		article_drop_tree(loaded);
		CHECK("records: loading's tree is dropped", !loaded->doc);
		v = article_view_open(loaded);
		again = tree_xml(v->doc);
		CHECK("view: the tree parsed again is the one loading made (repairs, dropped <script>, data: image as text)",
		      !strcmp(first, again));
		CHECK("view: ... which has loading's repairs",
		      strstr(first, "<strong") && !strstr(first, "&lt;script") && strstr(first, "never closed")
		      && strstr(first, "![svg](data:image/svg+xml"));
		article_view_close(v);
		article_free(loaded);
		warnings = diag_count(DIAG_WARNING);	/* loading it again reported it again */
		g_free(first);
		g_free(again);
		g_free(file);
	}

	/* A copy (folio batch hands each book its own) is the article, in memory of its own. */
	{
		struct article *c = article_copy(a, a->root);
		struct article_view *va = article_view_open(a), *vc = article_view_open(c);
		char *xa = tree_xml(va->doc), *xc = tree_xml(vc->doc), *fa = fm_node_text(a->fm.tree), *fc = fm_node_text(c->fm.tree);
		bool same = true, own = true;

		for (guint i = 0; i < a->headings->len; i++) {
			const struct heading *h = a->headings->pdata[i], *hc = c->headings->pdata[i];

			same = same && !strcmp(h->text, hc->text) && !g_strcmp0(h->anchor, hc->anchor) && h->line == hc->line;
			own = own && h != hc && h->text != hc->text;
		}
		for (guint i = 0; i < a->links->len; i++) {
			const struct link *l = a->links->pdata[i], *lc = c->links->pdata[i];

			same = same && !strcmp(l->url, lc->url) && l->target == lc->target && !g_strcmp0(l->href, lc->href);
			own = own && l != lc && l->url != lc->url;
		}
		for (guint i = 0; i < a->images->len; i++) {
			const struct image *im = a->images->pdata[i], *ic = c->images->pdata[i];

			same = same && !strcmp(im->url, ic->url) && !g_strcmp0(im->caption, ic->caption) && im->line == ic->line;
			own = own && im != ic && im->url != ic->url;
		}
		CHECK("copy: the same records (headings, links, pictures, notes)",
		      c->headings->len == a->headings->len && c->links->len == a->links->len
		      && c->images->len == a->images->len && c->footnotes->len == a->footnotes->len && same);
		CHECK("copy: the same text, title, sums and front matter (its tree too)",
		      !strcmp(c->markdown, a->markdown) && c->markdown_len == a->markdown_len && !strcmp(c->title, a->title)
		      && !strcmp(c->bytes_sum, a->bytes_sum) && !strcmp(c->fm.title.text, a->fm.title.text)
		      && c->fm.date.utc == a->fm.date.utc && c->walked && !strcmp(fa, fc));
		CHECK("copy: a view of it is the article's, bound to its own records", !strcmp(xa, xc) && bound(vc));
		CHECK("copy: nothing it owns is the original's",
		      own && c->markdown != a->markdown && c->title != a->title && c->file != a->file
		      && c->fm.tree != a->fm.tree && c->fm.title.text != a->fm.title.text && c->headings != a->headings);
		article_view_close(vc);
		article_view_close(va);
		article_free(c);
		CHECK("copy: freeing it leaves the article whole", !strcmp(a->title, "记录") && a->headings->len == 2);
		g_free(xa);
		g_free(xc);
		g_free(fa);
		g_free(fc);
	}

	/* The back ends read the records through their views. */
	{
		char *page = epub_page(b, a), *t1 = trace(b, &o), *t2 = trace(b, &o);

		CHECK("view: the EPUB page has the article's records (heading anchor, note, internal link)",
		      strstr(page, "id=\"a0001-h1\"") && strstr(page, "a0001-fn1") && strstr(page, "a0002.xhtml"));
		CHECK("view: the PDF's pages have the articles and the part's introduction, the same each time",
		      t1 && t2 && !strcmp(t1, t2) && strstr(t1, "金融公司") && strstr(t1, "Text with a footnote")
		      && strstr(t1, "栏目简介"));
		CHECK("view: the back ends leave no tree in the model", !a->doc && !other->doc);
		CHECK("view: writing reported nothing loading had reported", diag_count(DIAG_WARNING) == warnings);
		g_free(page);
		free(t1);
		free(t2);
	}

	/* A tree that is not the one the records came from is a defect, never a quietly wrong book. */
	CHECK("view: the child runs (control)", !view_aborts(a, nothing));
	CHECK("view: one heading more aborts", view_aborts(a, add_heading));
	CHECK("view: one image fewer aborts", view_aborts(a, drop_image));
	CHECK("view: another link in the same place aborts", view_aborts(a, other_link));

	book_free(b);
	theme_free(theme);
	options_clear(&o);
	{
		char *argv[] = { "rm", "-rf", dir, NULL };

		g_spawn_sync(NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
	}
	g_free(dir);
	CHECK_DONE();
}
