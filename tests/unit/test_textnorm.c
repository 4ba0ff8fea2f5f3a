/* test_textnorm.c - the author's spacing made the same in the EPUB as in the PDF: the space between
 * Chinese and Western text (typed, doubled, missing), soft breaks, hand-typed indents; and the PDF
 * agreeing with the EPUB's text. */
#include "check.h"
#include "read/article.h"
#include "format/pdf/para.h"
#include "text/textnorm.h"
#include "read/markdown.h"

#include <math.h>
#include <pango/pangocairo.h>

#define Q "\u2005"

static char *spaced(const char *text, gunichar before, gunichar after, bool own_start, double em)
{
	GString *out = g_string_new(NULL);

	textnorm_cjk_spacing(out, text, -1, before, after, own_start, em);
	return g_string_free(out, FALSE);
}

#define CHECK_SPACED(name, text, before, after, own, want) do { \
	char *got_ = spaced(text, before, after, own, 0.25); \
	CHECK_STR(name, got_, want); \
	g_free(got_); \
} while (0)

/* The inline content of the first paragraph of md, written the way the EPUB writer will. */
static char *render(const char *md, double em)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	GString *out = g_string_new(NULL);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			textnorm_text(out, n, em);
			break;
		case CMARK_NODE_CODE:
			g_string_append_printf(out, "<code>%s</code>", cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			g_string_append(out, textnorm_softbreak(n, em));
			break;
		case CMARK_NODE_STRONG:
			g_string_append(out, "<b>");
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return g_string_free(out, FALSE);
}

#define CHECK_RENDER(name, md, em, want) do { \
	char *got_ = render(md, em); \
	CHECK_STR(name, got_, want); \
	g_free(got_); \
} while (0)

static double width_of(PangoContext *ctx, const char *text)
{
	struct para_style st = { .font = pango_font_description_from_string("Noto Serif CJK SC 10") };
	struct para_settings set = { .width = 1000, .line_height = 17, .lang = pango_language_from_string("zh-cn"),
				     .cjk_latin_space = 0.25 };
	struct para *p = para_new(ctx, &set);
	double w;

	para_add(p, text, -1, &st);
	para_layout(p);
	w = para_line(p, 0)->width;
	para_free(p);
	pango_font_description_free(st.font);
	return w;
}

int main(void)
{
	CHECK_SPACED("spacing: added between Han and Latin", "使用Google搜索", 0, 0, true, "使用" Q "Google" Q "搜索");
	CHECK_SPACED("spacing: a typed space becomes the same", "使用 Google 搜索", 0, 0, true, "使用" Q "Google" Q "搜索");
	CHECK_SPACED("spacing: never doubled", "使用  Google\t 搜索", 0, 0, true, "使用" Q "Google" Q "搜索");
	CHECK_SPACED("spacing: digits too", "在2024年", 0, 0, true, "在" Q "2024" Q "年");
	CHECK_SPACED("spacing: not beside punctuation", "说：Google，OK。", 0, 0, true, "说：Google，OK。");
	CHECK_SPACED("spacing: other spaces as typed", "Hello  world. 中 文", 0, 0, true, "Hello  world. 中 文");
	CHECK_SPACED("spacing: a URL is never touched inside", "见https://example.com/a?b=1&c=%E4这个",
		     0, 0, true, "见" Q "https://example.com/a?b=1&c=%E4" Q "这个");
	CHECK_SPACED("spacing: kana too", "これはPDFです", 0, 0, true, "これは" Q "PDF" Q "です");
	CHECK_SPACED("spacing: the start belongs to the text before", "Google搜索", 0x7528, 0, false, "Google" Q "搜索");
	CHECK_SPACED("spacing: unless it is code", "Google", 0x7528, 0, true, Q "Google");
	CHECK_SPACED("spacing: the end is this text's", "使用", 0, 'G', false, "使用" Q);
	CHECK_SPACED("spacing: typed spaces at both edges", " Google ", 0x7528, 0x641C, false, Q "Google" Q);
	CHECK_SPACED("spacing: stray spaces beside full-width punctuation dropped",
		     "成本， 但依然 。 支持 （注） 了 “按量付费” 与 「甲」 He said “hi” .", 0, 0, true,
		     "成本，但依然。支持（注）了“按量付费”与「甲」He said “hi” .");
	CHECK_SPACED("spacing: and at the edges", " 但 ", 0xFF0C, 0x300C, false, "但");
	{
		GString *out = g_string_new(NULL);

		textnorm_cjk_spacing(out, "使用 Google，  好", -1, 0, 0, true, 0);
		CHECK_STR("spacing: off leaves the Chinese-Western space alone", out->str, "使用 Google，好");
		g_string_truncate(out, 0);
		textnorm_cjk_spacing(out, "使用 Google", -1, 0, 0, true, 0);
		CHECK_STR("spacing: off leaves the text alone", out->str, "使用 Google");
		g_string_free(out, TRUE);
	}
	CHECK("spacing: the EPUB's space for each setting", textnorm_cjk_space_char(0.25) == 0x2005
	      && textnorm_cjk_space_char(0.3) == 0x2004 && textnorm_cjk_space_char(0.2) == 0x2009
	      && textnorm_cjk_space_char(0) == 0);

	CHECK_RENDER("nodes: emphasis, code and soft breaks each spaced once",
		     "使用**Google**搜索`git`命令 foo\n中文\nEnglish\n再见\n还是中文", 0.25,
		     "使用" Q "<b>Google" Q "搜索" Q "<code>git</code>" Q "命令" Q "foo" Q "中文" Q "English" Q "再见还是中文");
	CHECK_RENDER("nodes: a space typed before emphasis", "中文 **English** 中文", 0.25,
		     "中文" Q "<b>English" Q "中文");
	CHECK_RENDER("nodes: off: soft breaks as before", "使用**Google**\nfoo\n中文\n中文，\nfoo", 0,
		     "使用<b>Google foo 中文中文，foo");
	CHECK_RENDER("nodes: code is never changed, spaced outside like Latin text", "见`a 中b`和`c`。", 0.25,
		     "见" Q "<code>a 中b</code>" Q "和" Q "<code>c</code>。");
	/* Hugo keeps the line end (a space on the page) beside a picture after Western text; none in Chinese. */
	CHECK_RENDER("nodes: a soft break before a picture: a space after Western text, none after Chinese",
		     "Before\n![Red](r.png) after\n\n中文\n![图](r.png)中文", 0.25, "Before Red after中文图中文");
	CHECK("softbreak: beside no character (a picture, raw HTML), a space only by Western text",
	      textnorm_softbreak_is_space('e', 0) && textnorm_softbreak_is_space(0, 'a')
	      && !textnorm_softbreak_is_space(0x6587, 0) && !textnorm_softbreak_is_space(0, 0));

	CHECK_RENDER("indent: the hand-typed indent of a paragraph goes, not inside it",
		     "\u3000\u3000公司发布中报\u3000\u3000。\n\n\u3000**强调**", 0.25,
		     "公司发布中报\u3000\u3000。<b>强调");
	CHECK("indent: hand-typed indents measured", textnorm_indent_len("\u3000\u3000公司") == 6
	      && textnorm_indent_len(" \t\u00a0\u3000x") == 7 && textnorm_indent_len("公司") == 0
	      && textnorm_indent_len("") == 0);

	/* Hand-typed indents moved out of emphasis before parsing. */
	{
		const char *md = "**\u3000\u3000整体偿付能力**\n\n正文\n__\u3000强调__\n** not\n***\n";
		size_t n = 0;
		char *fixed = textnorm_markdown_indents(md, strlen(md), &n);

		CHECK_STR("markdown: the indent leaves the emphasis", fixed,
			  "\u3000\u3000**整体偿付能力**\n\n正文\n\u3000__强调__\n** not\n***\n");
		CHECK("markdown: its length", fixed && n == strlen(fixed));
		CHECK("markdown: nothing to do gives NULL", !textnorm_markdown_indents("正文 **粗体**", 17, &n));
		CHECK_RENDER("markdown: then the emphasis parses", fixed, 0,
			     "<b>整体偿付能力正文\u3000<b>强调 ** not");
		g_free(fixed);
	}
	/* Paragraphs split inside brackets are joined. */
	{
		const char *md = "都采用过类似的「\n\n双重股权」设计。\n\n下一段（\n\n> 引用\n\n最后一段。\n";
		cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
		int paras = 0;
		int joined = textnorm_join_split_paragraphs(doc);

		for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
			paras += cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH;
		CHECK("paragraphs: one split inside brackets is joined, not across a quote",
		      joined == 1 && paras == 3
		      && !strcmp(cmark_node_get_literal(cmark_node_last_child(cmark_node_first_child(doc))), "双重股权」设计。"));
		cmark_node_free(doc);
	}

	/* A paragraph that starts with a full-width stop belongs to the Chinese one before it. */
	{
		const char *md = "此刻正在同一列过山车的不同车厢里\n\n。🤔\n\nEnglish text\n\n) not joined\n";
		cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
		int paras = 0;
		int joined = textnorm_join_split_paragraphs(doc);

		for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
			paras += cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH;
		CHECK("paragraphs: one starting with 。 joins the one before; Latin ')' does not",
		      joined == 1 && paras == 3);
		cmark_node_free(doc);
	}

	/* The same after a link or emphasis: "[高盛](…)" then "、红杉资本" is one sentence. */
	{
		const char *md = "由黑石、\n\n[高盛](https://example.com/gs)\n\n、红杉资本等设立。\n\n**加粗**\n\n。结束\n\n"
				 "![图](a.png)\n\n、图后\n\n10%-20%\n\n，散装食品\n";
		cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
		int paras = 0;
		int joined = textnorm_join_split_paragraphs(doc);

		for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
			paras += cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH;
		CHECK("paragraphs: one starting with 、 or ， joins one ending in a link, emphasis or digits; not one"
		      " ending in a picture", joined == 4 && paras == 5);
		CHECK_STR("paragraphs: the link's sentence reads on",
			  cmark_node_get_literal(cmark_node_last_child(cmark_node_first_child(doc))), "、红杉资本等设立。");
		cmark_node_free(doc);
	}
	/* A paragraph of nothing but closing marks ("】" alone) belongs to the one before it, whatever that
	   ends with ("【" + "市值风云APP" + "】" from a qq.com page); a Latin ")" alone does not. */
	{
		const char *md = "【\n\n市值风云APP\n\n】\n\n社区里的讨论。\n\nEnglish (note\n\n)\n";
		cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
		int paras = 0;
		int joined = textnorm_join_split_paragraphs(doc);
		GString *first = g_string_new(NULL);

		for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
			paras += cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH;
		for (cmark_node *c = cmark_node_first_child(cmark_node_first_child(doc)); c; c = cmark_node_next(c))
			g_string_append(first, cmark_node_get_literal(c));
		CHECK("paragraphs: a lone 】 joins the paragraph before it, a lone ) does not", joined == 2 && paras == 4);
		CHECK_STR("paragraphs: the bracketed name is whole again", first->str, "【市值风云APP】");
		g_string_free(first, TRUE);
		cmark_node_free(doc);
	}

	/* No Chinese paragraph ends with "，" or "、": the next one continues it; "；" and "：" may end one. */
	{
		const char *md = "8000元，\n\n坪效不足0.5元、\n\n1元；\n\n二是：\n\n三是。\n";
		cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
		int paras = 0;
		int joined = textnorm_join_split_paragraphs(doc);

		for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
			paras += cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH;
		CHECK("paragraphs: one ending with ， or 、 joins the next; ； and ： end paragraphs", joined == 2 && paras == 3);
		cmark_node_free(doc);
	}

	/* A paragraph ending on a word no sentence ends on continues in the next; headings do not. */
	{
		const char *md = "上半年凭\"反AI\"属性逆势走强的\n\n苹果，正随AI交易情绪回暖失去优势。\n\n"
				 "其与标普500指数的\n\n40日相关性已接近零。\n\n"
				 "组件可靠性全面领先\n\n在产品可靠性测试中表现优异。\n\n"
				 "**保荐机构为**\n\n中信证券。\n\n"
				 "它是\n\n「引号」开头的一段。\n";
		cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
		int paras = 0;
		int joined = textnorm_join_split_paragraphs(doc);

		for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c))
			paras += cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH;
		CHECK("paragraphs: ending on 的 joins the next (text or digits); a heading-like line, bold, or an"
		      " opening quote after 是 does not", joined == 2 && paras == 8);
		CHECK_STR("paragraphs: the joined sentence reads on",
			  cmark_node_get_literal(cmark_node_last_child(cmark_node_first_child(doc))),
			  "苹果，正随AI交易情绪回暖失去优势。");
		cmark_node_free(doc);
	}

	/* Straight double quotes in Chinese text become curly pairs; code, odd counts and English stay. */
	{
		const char *md = "上半年凭\"反AI\"属性，**加\"粗\"体**与[\"链接\"](x)。\n\n"
				 "代码`\"不变\"`和\"一个\n\n"
				 "English \"quoted\" text.\n\n"
				 "| 表 |\n|---|\n| 称\"头\"部 |\n";
		cmark_node *doc = markdown_parse(md, strlen(md));
		cmark_node *p1 = cmark_node_first_child(doc), *p2 = cmark_node_next(p1), *p3 = cmark_node_next(p2);
		cmark_node *cell = cmark_node_first_child(cmark_node_last_child(cmark_node_last_child(doc)));
		GString *all = g_string_new(NULL);
		int changed = textnorm_cjk_quotes(doc);
		cmark_iter *it = cmark_iter_new(p1);
		cmark_event_type ev;

		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
			if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_TEXT)
				g_string_append(all, cmark_node_get_literal(cmark_iter_get_node(it)));
		cmark_iter_free(it);
		CHECK_STR("quotes: pairs in a Chinese paragraph, through bold and links", all->str,
			  "上半年凭\u201C反AI\u201D属性，加\u201C粗\u201D体与\u201C链接\u201D。");
		CHECK_STR("quotes: an odd count is left as typed, code untouched",
			  cmark_node_get_literal(cmark_node_first_child(p2)), "代码");
		CHECK_STR("quotes: ...and the text after the code", cmark_node_get_literal(cmark_node_last_child(p2)), "和\"一个");
		CHECK_STR("quotes: English paragraphs are left alone", cmark_node_get_literal(cmark_node_first_child(p3)),
			  "English \"quoted\" text.");
		CHECK_STR("quotes: a table cell too", cmark_node_get_literal(cmark_node_first_child(cell)),
			  "称\u201C头\u201D部");
		CHECK("quotes: four text nodes changed", changed == 4);
		g_string_free(all, TRUE);
		cmark_node_free(doc);
	}

	/* A summary's quotes are set as the body's. */
	{
		char *c = textnorm_cjk_quotes_text("上半年凭\"反AI\"属性的苹果");

		CHECK_STR("quotes: a Chinese summary", c, "上半年凭\u201C反AI\u201D属性的苹果");
		CHECK("quotes: an English summary is left alone", !textnorm_cjk_quotes_text("He said \"no\"."));
		CHECK("quotes: an odd count is left alone", !textnorm_cjk_quotes_text("他说\"不"));
		CHECK("quotes: none, nothing to do", !textnorm_cjk_quotes_text("没有引号") && !textnorm_cjk_quotes_text(NULL));
		g_free(c);
	}

	/* The PDF sets the EPUB's text as it sets the author's: one width. */
	{
		PangoFontMap *map = pango_cairo_font_map_new();
		PangoContext *ctx;
		char *norm = spaced("我们使用 Google  搜索，在2024年发布了iPhone 16。", 0, 0, true, 0.25);

		pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72);
		ctx = pango_font_map_create_context(map);
		CHECK("spacing: the PDF sets the EPUB's text at the author's width",
		      fabs(width_of(ctx, norm) - width_of(ctx, "我们使用 Google  搜索，在2024年发布了iPhone 16。")) < 0.01
		      && fabs(width_of(ctx, norm) - width_of(ctx, "我们使用Google搜索，在 2024 年发布了 iPhone 16。")) < 0.01);
		g_free(norm);
		g_object_unref(ctx);
		g_object_unref(map);
	}
	CHECK_DONE();
}
