/* test_grid.c - the line grid (行取り): every kind of block takes whole lines and every body line sits on the grid. */
#include "check.h"
#include "base/options.h"
#include "book/model.h"
#include "format/fonts.h"
#include "format/pdf/layout_int.h"
#include "format/pdf/theme.h"
#include "read/markdown.h"

#include <math.h>

/* What the pages held: each item's top on its page, and the body lines' baselines. */
struct seen {
	int pages;
	GArray *tops;		/* of double: top of every item, page by page (page * 10000 + y) */
	GArray *lines;		/* of double: baseline of every line set on the grid's pitch */
	GPtrArray *texts;	/* of char *: the text of those lines, in the same order */
	double page_end;	/* the lowest bottom of any item on a full page */
};

static void emit(struct lay *L, GPtrArray *items)
{
	struct seen *s = L->emit_data;
	double y = 0;

	for (guint i = 0; i < items->len; i++) {
		const struct vitem *v = g_ptr_array_index(items, i);

		if (i > 0)
			y += v->space_before;
		for (guint k = 0; k < v->boxes->len; k++) {
			const struct box *b = &g_array_index(v->boxes, struct box, k);
			const struct para_line *l;
			double base;

			if (b->kind != BOX_TEXT || !b->lp->on_grid)
				continue;
			l = para_line(b->lp->para, b->line);
			base = s->pages * 10000.0 + y + b->y;
			g_array_append_val(s->lines, base);
			g_ptr_array_add(s->texts, g_strndup(para_text(b->lp->para) + l->start, (gsize)(l->end - l->start)));
		}
		y += v->height;
	}
	s->page_end = MAX(s->page_end, y);
	s->pages++;
}

static struct lay L;
static struct seen S;

static void reset(void)
{
	S.pages = 0;
	S.page_end = 0;
	g_array_set_size(S.lines, 0);
	g_ptr_array_set_size(S.texts, 0);
}

/* Lay out markdown md as an article body in a flow on the grid. */
static void lay(const char *md)
{
	struct flow F = { .x = 0, .w = L.text_w, .size = L.t->size, .color = 0, .grid = true };
	cmark_node *doc = markdown_parse(md, strlen(md));

	reset();
	layout_blocks(&L, &F, doc);
	lay_flush(&L);
	cmark_node_free(doc);
}

/* The baseline of the first grid line whose text starts with prefix, or NAN. */
static double line_at(const char *prefix, int from_end)
{
	for (guint n = 0; n < S.texts->len; n++) {
		guint i = from_end ? S.texts->len - 1 - n : n;

		if (g_str_has_prefix(g_ptr_array_index(S.texts, i), prefix))
			return g_array_index(S.lines, double, i);
	}
	return NAN;
}

/* Is every line set at the grid's pitch on a grid line (its baseline a whole number of pitches from the first's)? */
static bool all_on_grid(void)
{
	for (guint i = 0; i < S.lines->len; i++) {
		double y = fmod(g_array_index(S.lines, double, i), 10000.0) - L.grid_ascent;
		double k = y / L.grid;

		if (fabs(k - round(k)) * L.grid > 0.01)
			return false;
	}
	return S.lines->len > 0;
}

int main(void)
{
	struct options o;
	bool usage;
	struct theme *t = theme_load(NULL, NULL, false);
	char *datadir = g_get_current_dir();	/* tests run from the source tree: its fonts/fonts.conf */
	struct fonts *fonts = fonts_new(datadir);
	struct book *b = book_new();
	static const struct {
		const char *name, *md;
	} blocks[] = {
		{ "heading h1", "# 一级标题" },
		{ "heading h2", "## 二级标题" },
		{ "heading h3", "### 三级标题" },
		{ "heading h4 (about the body size)", "#### 四级标题" },
		{ "heading h6", "###### 六级标题" },
		{ "heading of two lines", "## 一个很长很长的二级标题，长到在版心里要排成两行才放得下的标题" },
		{ "block quote", "> 引文的第一段，长度足够排成两行，用来检验引文的每一行都在网格上，引文结束后的正文也回到网格。\n>\n> 引文的第二段。" },
		{ "list", "1. 第一项\n2. 第二项，长度足够排成两行，用来检验列表的每一行都在网格上，列表之后的正文也回到网格。\n3. 第三项" },
		{ "loose list", "- 第一项\n\n- 第二项\n\n  第二项的第二段" },
		{ "list ending with an empty item", "- 第一项\n- 第二项\n-\n\n后文之前的一段。" },
		{ "code", "```\nint main(void)\n{\n\treturn 0;\n}\n```" },
		{ "picture placeholder", "![一张找不到的图](missing.png)" },
		{ "table", "| 港口 | 吞吐量 |\n|---|---|\n| 上海 | 12.6 |\n| 宁波舟山 | 10.1，长度足够在单元格里换行的一段说明文字 |" },
		{ "rule", "---" },
		{ "raw HTML", "<div>原始 HTML 的一段文字</div>" },
		{ "bold subheading", "**加粗的小标题**" },
		{ "two blocks in a row", "```\ncode\n```\n\n![图](missing.png)\n\n## 标题" },
	};

	options_init(&o);
	CHECK("grid: theme loads", t && theme_apply_options(t, &o, &usage));
	b->lang = g_strdup("zh-CN");
	L.b = b;
	L.t = t;
	L.fonts = fonts;
	L.ctx = fonts_context(fonts);
	L.region = fonts_cjk_region("zh-CN");
	L.lang = pango_language_from_string("zh-CN");
	L.text_w = t->page_w - t->margin_inner - t->margin_outer;
	L.body_h = t->page_h - t->margin_top - t->margin_bottom;
	lay_grid_init(&L);
	lay_styles_init(&L);
	L.reported = g_hash_table_new(NULL, NULL);
	L.fnrefs = g_hash_table_new(NULL, NULL);
	L.items = g_ptr_array_new();
	L.pending_boxes = g_ptr_array_new();
	L.emit = emit;
	L.emit_data = &S;
	L.measuring = true;
	S.lines = g_array_new(FALSE, FALSE, sizeof(double));
	S.texts = g_ptr_array_new_with_free_func(g_free);

	CHECK("grid: on for a Chinese book, 18.4 pt (10.5 pt x 1.75 to a tenth)", L.grid == 18.4);
	CHECK("grid: the text area is whole lines", fabs(L.body_h / L.grid - round(L.body_h / L.grid)) < 1e-9);

	/* Each block between two paragraphs: the second starts a whole number of lines below the first's end. */
	for (size_t i = 0; i < G_N_ELEMENTS(blocks); i++) {
		char *md = g_strdup_printf("前文一段。\n\n%s\n\n后文一段。\n", blocks[i].md);
		char *name;
		double before, after, lines;

		lay(md);
		before = line_at("前文", 0);
		after = line_at("后文", 1);
		lines = (after - before) / L.grid;
		name = g_strdup_printf("grid: %s takes whole lines (%.3f lines from the line before to the line after)",
				       blocks[i].name, lines);
		CHECK(name, S.pages == 1 && lines >= 2 && fabs(lines - round(lines)) < 0.001);
		g_free(name);
		name = g_strdup_printf("grid: %s: every line at the body pitch on the grid", blocks[i].name);
		CHECK(name, all_on_grid());
		g_free(name);
		g_free(md);
	}

	/* A long text: every page ends on its last grid line, and every line is on the grid. */
	{
		GString *md = g_string_new(NULL);

		for (int i = 0; i < 30; i++)
			g_string_append(md, "城市的更新从来不是一次完成的事情，它像一场缓慢的接力，每一代人都在前人留下的街道上添上新的东西。\n\n");
		g_string_append(md, "## 中间的标题\n\n");
		for (int i = 0; i < 30; i++)
			g_string_append(md, "又拆掉一些旧的东西，城市的更新从来不是一次完成的事情。\n\n");
		lay(md->str);
		CHECK("grid: a long text breaks into pages", S.pages >= 3);
		CHECK("grid: pages end on the last grid line", fabs(S.page_end - L.body_h) < 0.01);
		CHECK("grid: every body line of every page on one grid", all_on_grid());
		g_string_free(md, TRUE);
	}

	g_array_free(S.lines, TRUE);
	g_ptr_array_free(S.texts, TRUE);
	g_ptr_array_free(L.items, TRUE);
	g_ptr_array_free(L.pending_boxes, TRUE);
	g_hash_table_destroy(L.reported);
	g_hash_table_destroy(L.fnrefs);
	lay_styles_free(&L);
	fonts_free(fonts);
	book_free(b);
	theme_free(t);
	options_clear(&o);
	g_free(datadir);
	CHECK_DONE();
}
