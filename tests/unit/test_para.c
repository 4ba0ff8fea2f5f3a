/* test_para.c - paragraph setting: lines fill the measure, justified lines end on the right edge,
 * no line starts with closing punctuation or ends with opening punctuation, pairs stay whole;
 * and each CLREQ rule on its own: classes, compression by language, the space between Chinese and
 * Western text, code never stretched, push-in, no lonely last character, glyph forms by language. */
#include "check.h"
#include "text/clreq.h"
#include "text/hyphen.h"
#include "format/pdf/para.h"

#include <math.h>
#include <pango/pangocairo.h>

static PangoContext *context(void)
{
	PangoFontMap *map = pango_cairo_font_map_new();
	PangoContext *ctx;
	cairo_font_options_t *fo = cairo_font_options_create();

	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72);
	ctx = pango_font_map_create_context(map);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	cairo_font_options_destroy(fo);
	g_object_unref(map);
	return ctx;
}

static gunichar first_char(const struct para *p, const struct para_line *l)
{
	return g_utf8_get_char(para_text(p) + l->start);
}

static gunichar last_char(const struct para *p, const struct para_line *l)
{
	const char *t = para_text(p);
	const char *e = t + l->end;

	while (e > t + l->start) {
		e = g_utf8_prev_char(e);
		if (!g_unichar_isspace(g_utf8_get_char(e)))
			return g_utf8_get_char(e);
	}
	return 0;
}

/* Where the cluster at byte offset of para p was drawn: its origin x (from the measure's left
 * edge), its advance as set, its glyph, its line; false if not found. */
struct drawn {
	double x, advance, x_offset;
	PangoGlyph glyph;
	PangoFont *font;
	int line;
};

static bool find_drawn(const struct para *p, int offset, struct drawn *d)
{
	for (int i = 0; i < para_n_lines(p); i++) {
		const struct para_line *l = para_line(p, i);

		for (guint r = 0; r < l->runs->len; r++) {
			const struct para_run *run = g_ptr_array_index(l->runs, r);
			PangoGlyphString *gs = run->glyphs->glyphs;
			double x = l->x + run->x;

			for (int g = 0; g < gs->num_glyphs; g++) {
				if (run->glyphs->item->offset + gs->log_clusters[g] == offset) {
					d->x = x;
					d->advance = gs->glyphs[g].geometry.width / (double)PANGO_SCALE;
					d->x_offset = gs->glyphs[g].geometry.x_offset / (double)PANGO_SCALE;
					d->glyph = gs->glyphs[g].glyph;
					d->font = run->glyphs->item->analysis.font;
					d->line = i;
					return true;
				}
				x += gs->glyphs[g].geometry.width / (double)PANGO_SCALE;
			}
		}
	}
	return false;
}

/* Lay text out in one style with settings set; the caller frees. */
static struct para *set_text(PangoContext *ctx, const struct para_settings *set, const struct para_style *st,
			     const char *text)
{
	struct para *p = para_new(ctx, set);

	para_add(p, text, -1, st);
	para_layout(p);
	return p;
}

/* Byte offset of the n-th (from 0) occurrence of utf-8 character c in text. */
static int offset_of(const char *text, const char *c, int n)
{
	const char *t = text;

	for (;;) {
		const char *f = strstr(t, c);

		if (!f)
			return -1;
		if (n-- == 0)
			return (int)(f - text);
		t = f + strlen(c);
	}
}

static bool near(double a, double b)
{
	return fabs(a - b) < 0.02;
}

static void test_classes(void)
{
	/* The prohibition sets of pdfcheck and CLREQ, every character of them. */
	static const char no_start[] = "）】」』》〉”’〕〗］｝〙〛｠〞〟»›，。、；：？！．‼⁇⁈⁉・·‧･‐゠〜～ー々〻ゝゞヽヾ"
		"ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ,.;:?!";
	static const char no_end[] = "（【「『《〈“‘〔〖［｛〘〚｟〝«‹";
	int missing = 0, wrong = 0;
	enum punct_width pw = PUNCT_FULL;

	for (const char *c = no_start; *c; c = g_utf8_next_char(c))
		if (!clreq_no_line_start(g_utf8_get_char(c)) || clreq_no_line_end(g_utf8_get_char(c)))
			missing++;
	for (const char *c = no_end; *c; c = g_utf8_next_char(c))
		if (!clreq_no_line_end(g_utf8_get_char(c)) || clreq_no_line_start(g_utf8_get_char(c)))
			missing++;
	CHECK("clreq: every prohibited line start and end is known", missing == 0);
	for (const char *c = "中文字A1 ―…"; *c; c = g_utf8_next_char(c))
		if (clreq_no_line_start(g_utf8_get_char(c)) || clreq_no_line_end(g_utf8_get_char(c)))
			wrong++;
	CHECK("clreq: letters, digits, dashes and ellipses may start and end lines", wrong == 0);
	CHECK("clreq: —— and …… and ⋯⋯ are pairs", clreq_inseparable(0x2014, 0x2014) && clreq_inseparable(0x2026, 0x2026)
	      && clreq_inseparable(0x22EF, 0x22EF) && clreq_inseparable(0x2015, 0x2014) && !clreq_inseparable(0x2014, 0x2026));
	CHECK("clreq: no break in 2024年 nor 第3, between Han characters yes",
	      !clreq_break_between('4', 0x5E74, true) && !clreq_break_between(0x7B2C, '3', true)
	      && clreq_break_between(0x4E2D, 0x6587, false));
	CHECK("clreq: no break beside a straight quote in Chinese text",
	      !clreq_break_between(0xFF1A, '"', true) && !clreq_break_between('"', 0x8FD9, true));
	/* Unicode forbids a break before "-" and "/" (HY, SY); beside Han it still does. */
	CHECK("clreq: no break before a hyphen or slash after Han ('图-车', '万吨/年')",
	      !clreq_break_between(0x56FE, '-', false) && !clreq_break_between(0x5428, '/', false)
	      && !clreq_break_between(0x4E07, 0x2212, false));
	CHECK("clreq: after a slash Unicode decides", clreq_break_between('/', 0x5E74, true)
	      && !clreq_break_between('-', '5', false));
	CHECK("clreq: Latin words keep Unicode's breaks", clreq_break_between('a', 'b', false) == false
	      && clreq_break_between('/', 'a', true));
	CHECK("clreq: autospace between Han and Latin/digits only",
	      clreq_autospace(0x4E2D, 'A') && clreq_autospace('9', 0x5E74) && clreq_autospace(0x3042, 'x')
	      && !clreq_autospace(0xFF0C, 'A') && !clreq_autospace('A', 'B') && !clreq_autospace(0x4E2D, 0x6587)
	      && !clreq_autospace(0x4E2D, 0xFF21));
	CHECK("clreq: stray spaces beside full-width marks", clreq_space_dropped(0xFF0C, 0x4F46)
	      && clreq_space_dropped(0x4E86, 0x201C) && clreq_space_dropped(0x201D, 0x4E0E)
	      && clreq_space_dropped('a', 0x300C) && !clreq_space_dropped('d', 0x201C) && !clreq_space_dropped(0x201D, 'a')
	      && !clreq_space_dropped(0x4E2D, 'a') && !clreq_space_dropped(',', 'a'));
	CHECK("clreq: units", clreq_is_unit("km", 2) && clreq_is_unit("GHz", 3) && !clreq_is_unit("the", 3));
	CHECK("clreq: Traditional Chinese tags", clreq_lang_is_hant("zh-TW") && clreq_lang_is_hant("zh-hk")
	      && clreq_lang_is_hant("zh-Hant-SG") && clreq_lang_is_hant("zh_MO") && !clreq_lang_is_hant("zh-CN")
	      && !clreq_lang_is_hant("zh") && !clreq_lang_is_hant("zh-hans") && !clreq_lang_is_hant(NULL));
	CHECK("para: punct_width names", para_punct_width_parse("edges", &pw) && pw == PUNCT_COMPRESS_EDGES
	      && para_punct_width_parse("Full", &pw) && pw == PUNCT_FULL && !para_punct_width_parse("half", &pw));
}

static void test_compression(PangoContext *ctx)
{
	struct para_style sc = { .font = pango_font_description_from_string("Noto Serif CJK SC 10") };
	struct para_style tc = { .font = pango_font_description_from_string("Noto Serif CJK TC 10") };
	struct para_settings set = { .width = 300, .align = PARA_JUSTIFY, .line_height = 17,
				     .lang = pango_language_from_string("zh-cn"), .punct = PUNCT_COMPRESS_ADJACENT };
	const char *text = "他说：“好。”（注）「甲」「乙」，中。";
	struct para *p = set_text(ctx, &set, &sc, text);
	struct drawn colon, stop, close, open2, comma;

	find_drawn(p, offset_of(text, "：", 0), &colon);
	find_drawn(p, offset_of(text, "。", 0), &stop);
	find_drawn(p, offset_of(text, "）", 0), &close);
	find_drawn(p, offset_of(text, "」", 0), &open2);
	find_drawn(p, offset_of(text, "，", 0), &comma);
	CHECK("compress: SC ：“ 。” ）（ 」「 take 1.5 em (the first at half width)",
	      near(colon.advance, 5) && near(stop.advance, 5) && near(close.advance, 5) && near(open2.advance, 5));
	CHECK("compress: a mark before a character keeps its full width", near(comma.advance, 10));
	para_free(p);

	set.punct = PUNCT_FULL;
	p = set_text(ctx, &set, &sc, text);
	find_drawn(p, offset_of(text, "：", 0), &colon);
	find_drawn(p, offset_of(text, "。", 0), &stop);
	CHECK("compress: full style keeps every mark full width", near(colon.advance, 10) && near(stop.advance, 10));
	para_free(p);

	set.punct = PUNCT_COMPRESS_ADJACENT;
	set.lang = pango_language_from_string("zh-tw");
	p = set_text(ctx, &set, &tc, "他說：「好。」（註）");
	find_drawn(p, offset_of("他說：「好。」（註）", "：", 0), &colon);
	find_drawn(p, offset_of("他說：「好。」（註）", "。", 0), &stop);
	find_drawn(p, offset_of("他說：「好。」（註）", "」", 0), &close);
	/* Traditional: the centred 。 keeps its em before 」; a bracket's blank goes beside ： and （. */
	CHECK("compress: TC 。」 stays 2 em; ：「 and 」（ take 1.5 em (the bracket's blank)", near(stop.advance, 10)
	      && near(colon.advance, 5) && near(close.advance, 5));
	para_free(p);

	/* Edges: an opening mark at a line start is drawn half an em to the left, taking half an em. */
	set.lang = pango_language_from_string("zh-cn");
	set.punct = PUNCT_COMPRESS_EDGES;
	set.width = 100;
	p = set_text(ctx, &set, &sc, "「一二三四五六七八九」十。");
	find_drawn(p, 0, &colon);
	CHECK("compress: edges sets a line-start opening mark half width", near(colon.x_offset, -5)
	      && near(colon.advance, 5) && para_line(p, 0)->x == 0);
	para_free(p);
	pango_font_description_free(sc.font);
	pango_font_description_free(tc.font);
}

static void test_autospace(PangoContext *ctx)
{
	struct para_style sc = { .font = pango_font_description_from_string("Noto Serif CJK SC 10") };
	struct para_style code = { .font = pango_font_description_from_string("Noto Sans Mono CJK SC 10"), .code = 1 };
	struct para_settings set = { .width = 400, .align = PARA_LEFT, .line_height = 17,
				     .lang = pango_language_from_string("zh-cn"), .cjk_latin_space = 0.25 };
	struct para *a = set_text(ctx, &set, &sc, "使用Google搜索2024年");
	struct para *b = set_text(ctx, &set, &sc, "使用 Google 搜索 2024 年");
	struct para *c = set_text(ctx, &set, &sc, "使用   Google  搜索 2024年");
	struct drawn yong, g, suo;
	double wa = para_line(a, 0)->width;

	find_drawn(a, offset_of("使用Google搜索2024年", "用", 0), &yong);
	find_drawn(a, offset_of("使用Google搜索2024年", "G", 0), &g);
	CHECK("autospace: a quarter em between Han and Latin", near(g.x - yong.x - 10, 2.5));
	CHECK("autospace: a typed space becomes the same quarter em, never doubled",
	      near(para_line(b, 0)->width, wa) && near(para_line(c, 0)->width, wa));
	para_free(a);
	para_free(b);
	para_free(c);

	/* A note's raised number keeps to its word and its comma: no quarter em around it (yihui's notes). */
	{
		struct para_style sup = { .font = pango_font_description_from_string("Noto Serif CJK SC 6"), .rise = 4 };
		struct drawn shou, one, comma;

		a = para_new(ctx, &set);
		para_add(a, "一首", -1, &sc);
		para_add(a, "1", -1, &sup);
		para_add(a, "，看", -1, &sc);
		para_layout(a);
		find_drawn(a, offset_of("一首1，看", "首", 0), &shou);
		find_drawn(a, offset_of("一首1，看", "1", 0), &one);
		find_drawn(a, offset_of("一首1，看", "，", 0), &comma);
		CHECK("autospace: none around a note's raised number", near(one.x - shou.x - 10, 0)
		      && near(comma.x - one.x - one.advance, 0));
		para_free(a);
		pango_font_description_free(sup.font);
	}

	set.cjk_latin_space = 0.3;
	a = set_text(ctx, &set, &sc, "使用Google搜索");
	find_drawn(a, offset_of("使用Google搜索", "用", 0), &yong);
	find_drawn(a, offset_of("使用Google搜索", "G", 0), &g);
	CHECK("autospace: the width is the setting", near(g.x - yong.x - 10, 3));
	para_free(a);

	set.cjk_latin_space = 0;
	a = set_text(ctx, &set, &sc, "使用Google搜索");
	b = set_text(ctx, &set, &sc, "使用 Google 搜索");
	find_drawn(a, offset_of("使用Google搜索", "G", 0), &g);
	CHECK("autospace: off adds nothing and keeps typed spaces", near(g.x, 20)
	      && para_line(b, 0)->width > para_line(a, 0)->width + 4);
	para_free(a);
	para_free(b);
	a = set_text(ctx, &set, &sc, "成本，但是“按量”与「甲」。");
	b = set_text(ctx, &set, &sc, "成本， 但是 “按量” 与 「甲」 。");
	CHECK("spaces: stray spaces beside full-width punctuation are not set",
	      near(para_line(b, 0)->width, para_line(a, 0)->width));
	para_free(a);
	para_free(b);

	/* Inline code: a quarter em around it, and nothing inside it ever stretched. */
	set.cjk_latin_space = 0.25;
	set.align = PARA_JUSTIFY;
	set.width = 120;
	a = para_new(ctx, &set);
	para_add(a, "运行", -1, &sc);
	para_add(a, "git commit", -1, &code);
	para_add(a, "命令可以修改上一次提交的说明，然后再推送到服务器上。", -1, &sc);
	para_layout(a);
	{
		struct drawn gi, t, sp, cm;
		const char *text = para_text(a);

		find_drawn(a, offset_of(text, "g", 0), &gi);
		find_drawn(a, offset_of(text, "t", 0), &t);
		find_drawn(a, offset_of(text, " ", 0), &sp);
		find_drawn(a, offset_of(text, "c", 0), &cm);
		find_drawn(a, offset_of(text, "行", 0), &suo);
		/* Monospaced: g, i, t, the space and c are all set at the font's one advance. */
		CHECK("code: never stretched inside, in a justified line", !para_line(a, 0)->last
		      && near(para_line(a, 0)->width, 120) && near(t.x - gi.x, 2 * gi.advance)
		      && near(cm.x - sp.x, gi.advance) && near(sp.advance, gi.advance) && near(gi.x - suo.x - 10, 2.5));
	}
	para_free(a);
	/* In the code face a drawn box lines up: box drawing and arrows take one column, as ASCII does. */
	{
		struct para_style mono = { .font = pango_font_description_from_string("Noto Sans Mono CJK SC 10"), .mono = 1 };
		struct para_settings s2 = { .width = 400, .align = PARA_LEFT, .line_height = 17,
					    .lang = pango_language_from_string("zh-cn") };
		/* At every size, the first set at an odd one (metrics come rounded to whole points). */
		for (double size = 6.5; size < 11; size += 1.7) {
			PangoFontDescription *f = pango_font_description_from_string("Noto Sans Mono CJK SC");
			struct para_style m = { .font = f, .mono = 1 };

			pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
			struct para *t0 = set_text(ctx, &s2, &m, "\u250C\u2500\u2500\u2500\u2500\u2510");
			struct para *m0 = set_text(ctx, &s2, &m, "\u2502abcd\u2502");
			CHECK("code: box drawing one column at 6.5, 8.2 and 9.9 pt",
			      fabs(para_line(t0, 0)->width - para_line(m0, 0)->width) < 0.01);
			para_free(t0);
			para_free(m0);
			pango_font_description_free(f);
		}
		struct para *top = set_text(ctx, &s2, &mono, "\u250C\u2500\u2500\u2500\u2500\u2510");
		struct para *mid = set_text(ctx, &s2, &mono, "\u2502a\u2192bc\u2502");
		struct para *cjk = set_text(ctx, &s2, &mono, "\u2502中\u2502");

		CHECK("code: box drawing and arrows one column, as ASCII (a drawn box lines up)",
		      near(para_line(top, 0)->width, 30) && near(para_line(mid, 0)->width, 30)
		      && near(para_line(cjk, 0)->width, 20));
		para_free(top);
		para_free(mid);
		para_free(cjk);
		pango_font_description_free(mono.font);
	}
	pango_font_description_free(sc.font);
	pango_font_description_free(code.font);
}

/*
 * Inline code too long for a line's end (its words broken only at its spaces) left the Chinese
 * before it letter-spaced half an em apart (tangx/hugo-blog's LVS notes): it may break after its
 * punctuation where the line would otherwise be loose, and only there.
 */
static void test_code_breaks(PangoContext *ctx)
{
	struct para_style sc = { .font = pango_font_description_from_string("Noto Serif CJK SC 10") };
	struct para_style code = { .font = pango_font_description_from_string("Noto Sans Mono CJK SC 9"), .code = 1 };
	struct para_settings set = { .width = 287, .indent = 20, .align = PARA_JUSTIFY, .line_height = 17,
				     .lang = pango_language_from_string("zh-cn"), .cjk_latin_space = 0.25 };
	const char *cjk = "从服务器返回到调度器的响应报文如下：";
	struct para *p = para_new(ctx, &set);
	const struct para_line *l;
	double widest = 0;
	int split_runs = 0;

	para_add(p, cjk, -1, &sc);
	para_add(p, "| SOURCE | 172.16.0.3:8000 | DEST | 202.100.1.2:3456 |", -1, &code);
	para_layout(p);
	l = para_line(p, 0);
	/* Every character but the colon (which may give up its blank) as wide as it is, or nearly. */
	for (const char *c = cjk; *g_utf8_next_char(c); c = g_utf8_next_char(c)) {
		struct drawn d;

		if (find_drawn(p, (int)(c - cjk), &d) && d.line == 0)
			widest = MAX(widest, d.advance);
	}
	CHECK("code breaks: the Chinese before long code is not letter-spaced (under 0.15 em more)",
	      widest > 9.99 && widest < 11.5);
	CHECK("code breaks: ... its line ends inside the code, after a full stop", !l->last && para_text(p)[l->end - 1] == '.'
	      && l->end > (int)strlen(cjk) + 12);
	para_free(p);

	/*
	 * A command line in a code block, at every width around its options: a line never ends
	 * inside a run of that punctuation ("http -" then "-dapr-http-port": two options; dapr's docs).
	 */
	for (double w = 200; w <= 420; w += 1) {
		struct para_settings cs = { .width = w, .align = PARA_LEFT, .line_height = 13, .keep_spaces = true,
					    .lang = pango_language_from_string("en") };
		const char *cmd = "dapr run --app-id order-processor --app-port 8001  --app-protocol http "
				  "--dapr-http-port 3501 -- python3 order-processor/app.py && echo ok://done";
		struct para *q = para_new(ctx, &cs);
		int n;

		para_add(q, cmd, -1, &code);
		n = para_layout(q);
		for (int i = 0; i + 1 < n; i++) {
			int e = para_line(q, i)->end;

			if (e > 0 && strchr("-/&:", cmd[e - 1]) && strchr("-/&:", cmd[e])) {
				printf("width %.0f: line %d ends in '%.*s|%c'\n", w, i, 6, cmd + e - 6, cmd[e]);
				split_runs++;
			}
		}
		para_free(q);
	}
	CHECK("code breaks: a code line never ends inside '--', '&&' or '://'", split_runs == 0);

	pango_font_description_free(sc.font);
	pango_font_description_free(code.font);
}

/*
 * A Chinese paragraph's English word too long for the line's end: hyphenated as English, not the
 * Chinese before it letter-spaced (MyDevLog's "…可以參考一下 Documentation"). Widths around the
 * word's place, so some of them need it.
 */
static void test_cjk_hyphens(PangoContext *ctx)
{
	struct para_style sc = { .font = pango_font_description_from_string("Noto Serif CJK TC 10") };
	const char *cjk = "一樣使用終端機安裝，在終端機輸入，可以參考一下";
	int hyphenated = 0, loose = 0;

	for (double w = 255; w <= 330; w += 5) {
		struct para_settings set = { .width = w, .indent = 20, .align = PARA_JUSTIFY, .line_height = 17,
					     .lang = pango_language_from_string("zh-tw"), .cjk_latin_space = 0.25 };
		struct para *p = para_new(ctx, &set);

		para_add(p, cjk, -1, &sc);
		para_add(p, " Documentation for macOS 或 Installing Git", -1, &sc);
		para_layout(p);
		hyphenated += para_line(p, 0)->hyphen != NULL;
		for (const char *c = cjk; *c; c = g_utf8_next_char(c)) {
			struct drawn d;

			/* (a pause, ，, takes a line's slack first, as CLREQ has it) */
			if (g_utf8_get_char(c) != 0xFF0C && find_drawn(p, (int)(c - cjk), &d) && d.line == 0
			    && d.advance > 11.5)
				loose++;
		}
		para_free(p);
	}
	CHECK("cjk hyphens: a long English word at a Chinese line's end is hyphenated", hyphenated > 0);
	CHECK("cjk hyphens: ... no Chinese character spaced out (0.15 em or more)", loose == 0);
	pango_font_description_free(sc.font);
}

static void test_adjustment(PangoContext *ctx)
{
	struct para_style sc = { .font = pango_font_description_from_string("Noto Serif CJK SC 10") };
	struct para_settings set = { .width = 100, .align = PARA_JUSTIFY, .line_height = 17,
				     .lang = pango_language_from_string("zh-cn"), .punct = PUNCT_COMPRESS_ADJACENT,
				     .cjk_latin_space = 0.25 };
	/* Ten characters fill the measure; the stop after them may not start the next line. */
	const char *pushed = "一，二，三，四，五六。后面还有一些字。";
	const char *pulled = "一二三四五六七八九十。一二三四五六七八九十。";
	const char *lonely = "一二三四五六七八九十一二三四五六七八九十字。";
	struct para *p = set_text(ctx, &set, &sc, pushed);
	struct drawn d;

	find_drawn(p, offset_of(pushed, "。", 0), &d);
	CHECK("kinsoku: pushed in when the line has marks to squeeze", d.line == 0
	      && near(para_line(p, 0)->width, 100));
	para_free(p);
	p = set_text(ctx, &set, &sc, pulled);
	find_drawn(p, offset_of(pulled, "十", 0), &d);
	CHECK("kinsoku: pulled out when it has none, the line above spread evenly", d.line == 1
	      && near(para_line(p, 0)->width, 100) && para_n_lines(p) == 3);
	para_free(p);
	p = set_text(ctx, &set, &sc, lonely);
	CHECK("lonely: the last line holds more than one character", para_n_lines(p) == 3
	      && g_utf8_strlen(para_text(p) + para_line(p, 2)->start, para_line(p, 2)->end - para_line(p, 2)->start) > 2);
	para_free(p);
	/* Set ragged (a contents entry, a heading) too: "字。" alone was the entry's last line. */
	{
		struct para_settings left = set;

		left.align = PARA_LEFT;
		p = set_text(ctx, &left, &sc, lonely);
		CHECK("lonely: ragged, the last line holds more than one character", para_n_lines(p) == 3
		      && g_utf8_strlen(para_text(p) + para_line(p, 2)->start,
				       para_line(p, 2)->end - para_line(p, 2)->start) > 2
		      && para_line(p, 1)->width < 100);
		para_free(p);
		/* Two lines: the first gives its last character ("十字", not "字"). */
		p = set_text(ctx, &left, &sc, "一二三四五六七八九十字");
		CHECK("lonely: ragged, two lines, the first giving one", para_n_lines(p) == 2
		      && g_utf8_strlen(para_text(p) + para_line(p, 1)->start,
				       para_line(p, 1)->end - para_line(p, 1)->start) == 2);
		para_free(p);
	}
	/*
	 * One Latin word at a Chinese line's end that does not fit: it was moved down whole and the
	 * line's seven characters set half an em apart; it is hyphenated, as English, and the
	 * characters keep their width, nearly (the slack is not all put into the one Latin space either).
	 */
	p = set_text(ctx, &set, &sc, "这是一个很长的 Chinese 句子里面只有一个空格而已啊。");
	{
		struct drawn zhe, shi, c, e;
		const char *t = para_text(p);

		find_drawn(p, offset_of(t, "这", 0), &zhe);
		find_drawn(p, offset_of(t, "是", 0), &shi);
		find_drawn(p, offset_of(t, "C", 0), &c);
		find_drawn(p, offset_of(t, "的", 0), &e);
		CHECK("justify: a Latin word at a Chinese line's end hyphenated, not the line spaced out",
		      para_line(p, 0)->hyphen && c.line == 0 && near(para_line(p, 0)->width, 100) && shi.x - zhe.x < 11);
		CHECK("justify: ... its one space (a quarter em) stretched by at most half an em",
		      c.x - e.x - e.advance - 2.5 <= 5.01);
	}
	para_free(p);
	pango_font_description_free(sc.font);
}

static void test_author_indent(PangoContext *ctx)
{
	struct para_style sc = { .font = pango_font_description_from_string("Noto Serif CJK SC 10") };
	struct para_settings set = { .width = 100, .indent = 20, .align = PARA_JUSTIFY, .line_height = 17,
				     .lang = pango_language_from_string("zh-cn") };
	const char *text = "\u3000\u3000公司发布二〇二六年中报，实现营收一百三十一亿元，同比增长。";
	struct para *p = set_text(ctx, &set, &sc, text);
	struct drawn d;

	find_drawn(p, offset_of(text, "公", 0), &d);
	CHECK("indent: the author's \"　　\" is not added to the paragraph's indent", d.x == 20 && d.line == 0
	      && near(para_line(p, 0)->x + para_line(p, 0)->width, 100));
	para_free(p);
	set.indent = 0;
	p = set_text(ctx, &set, &sc, text);
	find_drawn(p, offset_of(text, "公", 0), &d);
	CHECK("indent: not drawn when the paragraph has none either", d.x == 0);
	para_free(p);
	set.keep_spaces = true;
	set.align = PARA_LEFT;
	p = set_text(ctx, &set, &sc, "    int x;");
	find_drawn(p, 4, &d);
	CHECK("indent: code keeps its leading spaces", d.x > 5);
	para_free(p);
	pango_font_description_free(sc.font);
}

/* Found by fuzz_para: a 4pt measure, right aligned, and "\u2028 Google" (a forced break, then a space). */
static void test_forced_break_and_overflow(PangoContext *ctx)
{
	struct para_style latin = { .font = pango_font_description_from_string("Noto Serif 10") };
	struct para_settings set = { .width = 100, .align = PARA_LEFT, .line_height = 17,
				     .lang = pango_language_from_string("en") };
	struct para *p = set_text(ctx, &set, &latin, "word\n   next"), *q = set_text(ctx, &set, &latin, "next");

	CHECK("forced break: the spaces after it are not set (as in HTML)", para_n_lines(p) == 2 && para_n_lines(q) == 1
	      && near(para_line(p, 1)->width, para_line(q, 0)->width));
	para_free(p);
	para_free(q);
	set.width = 4;
	for (int a = 0; a < 3; a++) {
		int n, left = 0;

		set.align = a == 0 ? PARA_RIGHT : a == 1 ? PARA_CENTER : PARA_LEFT;
		p = set_text(ctx, &set, &latin, "\u2028 Googl, x");
		n = para_layout(p);
		for (int i = 0; i < n; i++)
			if (para_line(p, i)->x < 0)
				left++;
		CHECK(a == 0 ? "overflow: right aligned, a line wider than the measure starts at its left edge"
		      : a == 1 ? "overflow: centred, the same" : "overflow: left aligned, the same", n > 0 && left == 0);
		para_free(p);
	}
	pango_font_description_free(latin.font);
}

static void test_glyph_forms(PangoContext *ctx)
{
	static const char *const langs[] = { "zh-cn", "zh-tw", "ja" };
	static const char *const families[] = { "Noto Serif CJK SC 10", "Noto Serif CJK TC 10", "Noto Serif CJK JP 10" };
	PangoGlyph by_lang[3], by_family[3];

	for (int i = 0; i < 3; i++) {
		struct para_style one = { .font = pango_font_description_from_string("Noto Serif CJK SC 10") };
		struct para_style own = { .font = pango_font_description_from_string(families[i]) };
		struct para_settings set = { .width = 100, .line_height = 17, .lang = pango_language_from_string(langs[i]) };
		struct para *a = set_text(ctx, &set, &one, "骨"), *b = set_text(ctx, &set, &own, "骨");
		struct drawn da = { 0 }, db = { 0 };

		find_drawn(a, 0, &da);
		find_drawn(b, 0, &db);
		by_lang[i] = da.glyph;
		by_family[i] = db.glyph;
		para_free(a);
		para_free(b);
		pango_font_description_free(one.font);
		pango_font_description_free(own.font);
	}
	CHECK("glyphs: 骨 differs in zh-CN, zh-TW and ja (language alone)", by_lang[0] != by_lang[1]
	      && by_lang[1] != by_lang[2] && by_lang[0] != by_lang[2]);
	CHECK("glyphs: and with the SC, TC and JP families", by_family[0] != by_family[1] && by_family[1] != by_family[2]
	      && by_family[0] != by_family[2]);
}

/*
 * A keycap (1️⃣: a digit, U+FE0F, the enclosing U+20E3 of no advance) keeps to its own room: its box
 * drew over the spaces on both sides ("Steps 1️⃣ then" read "Steps1️⃣then"), and the digit stays
 * inside it.
 */
static void test_keycap(PangoContext *ctx)
{
	struct para_style sym = { .font = pango_font_description_from_string("Symbola 10") };
	struct para_settings set = { .width = 300, .line_height = 17, .align = PARA_LEFT,
				     .lang = pango_language_from_string("en") };
	const char *text = "Steps 1\xef\xb8\x8f\xe2\x83\xa3 then";
	struct para *p = set_text(ctx, &set, &sym, text);
	struct drawn before = { 0 }, digit = { 0 }, cap = { 0 }, after = { 0 };
	PangoRectangle cap_ink, digit_ink;
	double left, right, d_left, d_right;

	CHECK("keycap: every piece drawn", find_drawn(p, 5, &before) && find_drawn(p, 6, &digit)
	      && find_drawn(p, offset_of(text, "\xe2\x83\xa3", 0), &cap) && find_drawn(p, offset_of(text, " ", 1), &after));
	pango_font_get_glyph_extents(cap.font, cap.glyph, &cap_ink, NULL);
	pango_font_get_glyph_extents(digit.font, digit.glyph, &digit_ink, NULL);
	left = cap.x + cap.x_offset + cap_ink.x / (double)PANGO_SCALE;
	right = left + cap_ink.width / (double)PANGO_SCALE;
	d_left = digit.x + digit.x_offset + digit_ink.x / (double)PANGO_SCALE;
	d_right = d_left + digit_ink.width / (double)PANGO_SCALE;
	CHECK("keycap: its box starts after the space before it", cap_ink.width > 0 && left >= before.x + before.advance - 0.01);
	CHECK("keycap: and ends before the space after it", right <= after.x + 0.01);
	CHECK("keycap: the digit inside the box", d_left >= left && d_right <= right);
	para_free(p);
	pango_font_description_free(sym.font);
}

/*
 * An apostrophe inside a Latin word in Chinese text is the Latin one: the CJK face's U+2019 is a
 * full-width closing quote, which read "Go ’ s" (a real blog: 37 of them). A closing quote after
 * Chinese stays full width.
 */
static void test_latin_apostrophe(PangoContext *ctx)
{
	struct para_style body = { .font = pango_font_description_from_string("Noto Serif CJK SC, Noto Serif 10") };
	struct para_settings set = { .width = 300, .line_height = 17, .align = PARA_LEFT,
				     .lang = pango_language_from_string("zh-cn") };
	const char *text = "读 Go\xe2\x80\x99s runtime，“好\xe2\x80\x9d和\xe2\x80\x98书\xe2\x80\x99。";
	struct para *p = set_text(ctx, &set, &body, text);
	struct drawn apos = { 0 }, quote = { 0 };

	CHECK("apostrophe: drawn", find_drawn(p, offset_of(text, "\xe2\x80\x99", 0), &apos)
	      && find_drawn(p, offset_of(text, "\xe2\x80\x99", 1), &quote));
	CHECK("apostrophe: inside a Latin word, narrow (under half an em)", apos.advance > 0 && apos.advance < 5);
	CHECK("apostrophe: a closing quote after Chinese stays full width", quote.advance > 9);
	para_free(p);
	pango_font_description_free(body.font);
}

int main(void)
{
	PangoContext *ctx = context();
	struct para_style body = { .font = pango_font_description_from_string("Noto Serif CJK SC 10") };
	struct para_settings set = { .width = 150, .indent = 20, .align = PARA_JUSTIFY, .line_height = 17,
				     .lang = pango_language_from_string("zh-cn") };
	const char *text =
		"“杭州六小龙”的成功，主体是企业、企业家，而非城市或政府。当大家追问杭州做对了什么——"
		"其他地区如何才能追赶杭州……实际上有意无意之中，就进入了“政府做好了，就会有创新”的语境。"
		"2024年，杭州GDP为21860亿元，其中服务业对经济增长的贡献率达78.1%。DeepSeek背后的幻方量化公司（总部设在杭州）"
		"宣称实现投资策略全面AI化。";
	struct para *p = para_new(ctx, &set);
	int n, bad_start = 0, bad_end = 0, split = 0, ragged = 0;

	para_add(p, text, -1, &body);
	n = para_layout(p);
	CHECK("para: several lines", n >= 8);
	for (int i = 0; i < n; i++) {
		const struct para_line *l = para_line(p, i);
		double avail = set.width - (i == 0 ? set.indent : 0);

		if (i > 0 && clreq_no_line_start(first_char(p, l)))
			bad_start++;
		if (!l->last && clreq_no_line_end(last_char(p, l)))
			bad_end++;
		if (i + 1 < n && clreq_inseparable(last_char(p, l), first_char(p, para_line(p, i + 1))))
			split++;
		if (!l->last && fabs(l->width - avail) > 0.01)
			ragged++;
	}
	CHECK("para: no line starts with closing punctuation", bad_start == 0);
	CHECK("para: no line ends with opening punctuation", bad_end == 0);
	CHECK("para: —— and …… never split", split == 0);
	CHECK("para: justified lines end on the right edge", ragged == 0);
	CHECK("para: last line is not justified", para_line(p, n - 1)->last);
	CHECK("para: first line indented", para_line(p, 0)->x == 20);
	CHECK("para: all text set", para_line(p, n - 1)->end == (int)strlen(text));
	para_free(p);

	/* A URL longer than the measure breaks inside, never past the margin. */
	{
		struct para_settings s2 = set;
		struct para *u;
		int over = 0;

		s2.indent = 0;
		u = para_new(ctx, &s2);
		para_add(u, "见 https://example.com/statistics/ports/2025/q1/container-throughput-by-port-and-month.csv 。", -1, &body);
		n = para_layout(u);
		for (int i = 0; i < n; i++)
			if (para_line(u, i)->width > s2.width + 0.01)
				over++;
		CHECK("para: long URL wraps inside the measure", n >= 2 && over == 0);
		para_free(u);
	}
	/* Words joined by no-break spaces over more than a line part at one of them, not inside a word. */
	{
		struct para_settings s2 = set;
		struct para *u;
		int inside = 0;

		s2.indent = 0;
		u = para_new(ctx, &s2);
		para_add(u, "is\u00A0not\u00A0found,\u00A0it\u00A0will\u00A0look\u00A0down\u00A0the\u00A0module\u00A0search"
			 "\u00A0path\u00A0for\u00A0a\u00A0file\u00A0by\u00A0that\u00A0name\u00A0and\u00A0more\u00A0words\u00A0here.", -1, &body);
		n = para_layout(u);
		for (int i = 0; i + 1 < n; i++) {
			const char *t = para_text(u), *end = t + para_line(u, i)->end;

			if (g_utf8_get_char(g_utf8_prev_char(end)) != 0x00A0)
				inside++;
		}
		CHECK("para: a run of no-break spaces wider than the measure breaks at one of them", n >= 2 && inside == 0);
		para_free(u);
	}
	/* Words break with a hyphen at TeX's points in their language (text/hyphen.c): UTF-8 patterns
	   (English, French, Spanish), single-byte ones (German's ISO 8859-1, Russian's KOI8-R), the
	   region's own (Swiss German spells no "ß"; Brazilian and European Portuguese differ). */
	{
		static const struct {
			const char *lang, *word, *want;
		} words[] = {
			{ "en", "Hyphenation", "Hy-phen-ation" },
			{ "en-GB", "Hyphenation", "Hy-phen-a-tion" },
			{ "fr", "éléphantesque", "élé-phan-tesque" },
			{ "fr-CA", "Administration", "Ad-mi-nis-tra-tion" },
			{ "es", "información", "in-for-ma-ción" },
			{ "de", "Straßenbahnhaltestelle", "Stra-ßen-bahn-hal-te-stelle" },
			{ "de-CH", "Strassenbahnhaltestelle", "Stras-sen-bahn-hal-te-stelle" },
			{ "ru", "информационный", "информа-ци-он-ный" },
			{ "pt-BR", "informação", "in-for-ma-ção" },
		};

		for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
			bool after[HYPHEN_MAX_BYTES] = { false };
			const char *w = words[i].word;
			GString *marked = g_string_new(NULL);
			char *what = g_strdup_printf("hyphen: %s %s at its points", words[i].lang, w);

			CHECK(what, hyphen_word(hyphen_patterns_for(words[i].lang), w, (int)strlen(w), after));
			for (int b = 0; w[b]; b++) {
				g_string_append_c(marked, w[b]);
				if (after[b])
					g_string_append_c(marked, '-');
			}
			CHECK_STR(what, marked->str, words[i].want);
			g_string_free(marked, TRUE);
			g_free(what);
		}
	}
	{
		bool after[HYPHEN_MAX_BYTES] = { false };
		const struct hyphen_patterns *en = hyphen_patterns_for("en"), *de = hyphen_patterns_for("de-AT");

		CHECK("hyphen: one load per file (en and en-US share it)", en && en == hyphen_patterns_for("en-US"));
		CHECK("hyphen: four letters never break", !hyphen_word(en, "into", 4, after));
		CHECK("hyphen: letters only", !hyphen_word(en, "abc12defgh", 10, after));
		CHECK("hyphen: a letter German's set has not: left whole", !hyphen_word(de, "Dampfschiffłahrt", 17, after));
		CHECK("hyphen: no patterns, no hyphen (Swahili, none)", !hyphen_patterns_for("sw") && !hyphen_patterns_for(NULL)
		      && !hyphen_word(NULL, "hyphenation", 11, after));
	}
	{
		const char *en = "Residents can enjoy a variety of recreational facilities such as playgrounds, fitness "
				 "stations, and a hard court. The residential blocks are thoughtfully positioned to create "
				 "unobstructed views, while environmental sustainability considerations informed the "
				 "architectural arrangements throughout the development.";
		struct para_style serif = { .font = pango_font_description_from_string("Noto Serif 10") };
		struct para_settings s2 = { .width = 150, .align = PARA_JUSTIFY, .line_height = 17,
					    .lang = pango_language_from_string("en") };
		int hyphens = 0, wrong = 0, full[2] = { 0, 0 };

		/* The same text in Swahili (no patterns: no hyphen) and in English. */
		for (int pass = 0; pass < 2; pass++) {
			struct para *u;

			s2.lang = pango_language_from_string(pass ? "en" : "sw");
			u = para_new(ctx, &s2);
			para_add(u, en, -1, &serif);
			n = para_layout(u);
			for (int i = 0; i < n; i++) {
				const struct para_line *l = para_line(u, i);
				const char *t = para_text(u);

				if (l->hyphen) {
					double hw = pango_glyph_string_get_width(l->hyphen) / (double)PANGO_SCALE;

					hyphens += pass;
					/* inside a word, the hyphen last */
					if (pass == 0 || !g_ascii_isalpha(t[l->end - 1]) || !g_ascii_isalpha(t[l->end])
					    || fabs(l->hyphen_x + hw - l->width) > 0.01)
						wrong++;
				}
				/* a justified line with too little to stretch stays short */
				if (!l->last && fabs(l->width - s2.width) < 0.01)
					full[pass]++;
			}
			para_free(u);
		}
		CHECK("para: English words break with a hyphen", hyphens > 0);
		CHECK("para: ... inside a word, the hyphen set last", wrong == 0);
		CHECK("para: ... so more lines reach the right edge than with no hyphens (Swahili)", full[1] > full[0]);
		/* Not left-aligned text, not code, not an address, not an acronym, not a compound's or a
		   contraction's parts. */
		{
			struct para_style code = serif;
			struct para *u;
			const char *words[] = { "https://example.com/recreational/thoughtfully/environmental",
						"write to residential.developments@example.com about it",
						"recreational-environmental considerations\u2019 development's" };

			code.code = 1;
			hyphens = 0;
			for (size_t i = 0; i < G_N_ELEMENTS(words) + 2; i++) {
				struct para_settings s3 = s2;

				s3.width = 60;
				/* (left-aligned, every word fits the measure: no hyphen) */
				if (i == G_N_ELEMENTS(words)) {
					s3.align = PARA_LEFT;
					s3.width = 150;
				}
				u = para_new(ctx, &s3);
				para_add(u, i < G_N_ELEMENTS(words) ? words[i] : en, -1,
					 i == G_N_ELEMENTS(words) + 1 ? &code : &serif);
				n = para_layout(u);
				for (int k = 0; k < n; k++)
					hyphens += para_line(u, k)->hyphen != NULL;
				para_free(u);
			}
			CHECK("para: no hyphen in left-aligned text, code, addresses, compounds or contractions",
			      hyphens == 0);
			/* Capitals: not in words that fit the measure (acronyms, a shouted phrase); a word
			   wider than it breaks at its points ("QUAR- / TER" in a table's head, not "QUART / ER"). */
			for (int wide = 0; wide < 2; wide++) {
				struct para_settings s3 = s2;

				s3.width = wide ? 60 : 200;
				u = para_new(ctx, &s3);
				para_add(u, "THE RECREATIONAL AND ENVIRONMENTAL CONSIDERATIONS OF THE NEW DEVELOPMENT WERE "
					 "DISCUSSED AT LENGTH BY THE RESIDENTS", -1, &serif);
				n = para_layout(u);
				hyphens = 0;
				for (int k = 0; k < n; k++)
					hyphens += para_line(u, k)->hyphen != NULL;
				para_free(u);
				if (wide)
					CHECK("para: capitals wider than the measure break with a hyphen", hyphens > 0);
				else
					CHECK("para: ... none in capitals that fit it", hyphens == 0);
			}
		}
		/* A word wider than the measure, in any alignment (a heading, a narrow table cell), breaks
		   at its hyphenation points with a hyphen, not between any two letters; where no point
		   fits after the words before it, it starts the next line ("or cash" / "settle-" / "ment"). */
		for (int align = 0; align < 2; align++) {
			struct para_settings s4 = s2;
			struct para *u;
			GString *got = g_string_new(NULL);

			s4.align = align ? PARA_LEFT : PARA_JUSTIFY;
			s4.width = 38;
			u = para_new(ctx, &s4);
			para_add(u, "or cash settlement", -1, &serif);
			n = para_layout(u);
			for (int k = 0; k < n; k++) {
				const struct para_line *l = para_line(u, k);

				g_string_append_len(got, para_text(u) + l->start, l->end - l->start);
				g_string_append(got, l->hyphen ? "-|" : "|");
			}
			CHECK_STR(align ? "para: a word wider than the measure breaks with a hyphen (left-aligned)"
					: "para: a word wider than the measure breaks with a hyphen (justified)",
				  got->str, "or cash |settle-|ment|");
			g_string_free(got, TRUE);
			para_free(u);
		}
		/* At most three lines in a row end with a hyphen, set or written ("IG-003", "anti-"): two
		   corpus paragraphs that gave ladders of five and six lines on A5, at measures of 20 to 32
		   em (narrower, a fourth may still come where the lines without it would be stretched
		   past their limit). */
		{
			const char *ladders[] = {
				"Dr. Siman added that IntraGel is continuing to advance additional candidates built on "
				"the broadly applicable SRGel platform, including its internally developed IG-003 with "
				"GLP-1 analogues for weight management, along with monoclonal antibody and peptide "
				"programs developed through ongoing collaborations.",
				"The agreement gives VISUfarma exclusive rights to undertake regulatory activities, "
				"commercialization, marketing, promotion, distribution, and sale of Yuvezzi (carbachol "
				"and brimonidine tartrate ophthalmic solution) 2.75%/0.1%, a proprietary ophthalmic "
				"product indicated for the treatment of presbyopia in adults, across the European Union, "
				"the United Kingdom, Switzerland, Norway, and Iceland.",
			};
			int longest = 0, hyphenated = 0;

			for (size_t i = 0; i < G_N_ELEMENTS(ladders); i++)
				for (int w = 200; w <= 320; w += 2) {
					struct para_settings s4 = s2;
					struct para *u;
					int run = 0;

					s4.width = w;
					u = para_new(ctx, &s4);
					para_add(u, ladders[i], -1, &serif);
					n = para_layout(u);
					for (int k = 0; k < n; k++) {
						const struct para_line *l = para_line(u, k);
						bool ends = l->hyphen || para_text(u)[l->end - 1] == '-';

						run = ends ? run + 1 : 0;
						hyphenated += ends;
						longest = MAX(longest, run);
					}
					para_free(u);
				}
			CHECK("para: lines end with a hyphen in these paragraphs", hyphenated > 0);
			{
				char *what = g_strdup_printf("para: no more than three hyphens in a row at these measures "
							     "(longest: %d)", longest);

				CHECK(what, longest <= 3);
				g_free(what);
			}
		}
		/* In French a word after an elision's apostrophe is hyphenated; in English a contraction's parts are not. */
		for (int fr = 0; fr < 2; fr++) {
			struct para_settings s4 = s2;
			struct para *u;

			s4.align = PARA_LEFT;
			s4.width = 45;
			s4.lang = pango_language_from_string(fr ? "fr" : "en");
			u = para_new(ctx, &s4);
			para_add(u, fr ? "l\u2019administration" : "shouldn\u2019tadministration", -1, &serif);
			n = para_layout(u);
			hyphens = 0;
			for (int k = 0; k < n; k++)
				hyphens += para_line(u, k)->hyphen != NULL;
			CHECK(fr ? "para: French hyphenates the word after an elision (l\u2019admi-nistration)"
				 : "para: ... English does not after an apostrophe", fr ? hyphens > 0 : hyphens == 0);
			para_free(u);
		}
		pango_font_description_free(serif.font);
	}
	/* What no book holds is dropped: controls would show as boxes, and Cairo stops drawing at a noncharacter. */
	{
		struct para *u = para_new(ctx, &set);

		para_add(u, "a\x01" "b\x7f\xc2\x85" "c\xef\xbf\xbe\xef\xb7\x90" "d\xf4\x8f\xbf\xbf\xff" "e\tf\ng", -1,
			 &body);
		CHECK_STR("para: controls and noncharacters dropped, broken UTF-8 replaced", para_text(u),
			  "abcd\xef\xbf\xbd" "e\tf\ng");
		para_free(u);
	}
	/* Unicode keeps "/" with the word before it across a space: at a measure narrower than "e /", the
	 * space is where it breaks, not past the margin (found by fuzz_para). */
	{
		struct para_settings s5 = set;
		struct para *u;
		int over = 0;

		s5.width = 8;
		s5.indent = 0;
		u = set_text(ctx, &s5, &body, "e / f /");
		n = para_n_lines(u);
		for (int i = 0; i < n; i++)
			over += para_line(u, i)->x + para_line(u, i)->width > s5.width + 0.01;
		CHECK("para: \"e /\" breaks at its space in a measure narrower than it", n >= 2 && over == 0);
		para_free(u);
	}
	/* Right-to-left words (their glyphs run backwards) are set whole and in the measure (they crashed). */
	{
		const char *bidi = "English עברית שלום العربية مرحبا 中文 \u202eRLO override\u202c end.";
		struct para_settings s4 = set;
		struct para *u;
		int over = 0, glyphs = 0;

		s4.width = 60;
		s4.indent = 0;
		u = set_text(ctx, &s4, &body, bidi);
		n = para_n_lines(u);
		for (int i = 0; i < n; i++) {
			const struct para_line *l = para_line(u, i);

			over += l->x + l->width > s4.width + 0.01;
			for (guint r = 0; r < l->runs->len; r++)
				glyphs += ((const struct para_run *)g_ptr_array_index(l->runs, r))->glyphs->glyphs->num_glyphs;
		}
		CHECK("para: right-to-left text set in the measure, all of it",
		      n >= 2 && over == 0 && glyphs >= (int)g_utf8_strlen(bidi, -1) - 10
		      && para_line(u, n - 1)->end == (int)strlen(bidi));
		para_free(u);
	}
	/* Runs of marks no rule lets break (found by fuzz_para): the measure wins, the text stays whole. */
	{
		static const char *const runs[] = { "好吧。。。。。。。。。。。。。。。。。。。。。。。。。。。。。。",
						    "太棒了！！！！！！！！！！！！！！！！！！！！！！！！！！！！",
						    "他说————————————————————————————————然后" };
		struct para_settings s3 = set;

		s3.width = 64;
		s3.indent = 0;
		for (size_t r = 0; r < G_N_ELEMENTS(runs); r++) {
			struct para *u = set_text(ctx, &s3, &body, runs[r]);
			int over = 0;
			char name[80];

			n = para_n_lines(u);
			for (int i = 0; i < n; i++)
				if (para_line(u, i)->x + para_line(u, i)->width > s3.width + 0.01)
					over++;
			g_snprintf(name, sizeof name, "para: unbreakable run of marks %zu stays inside the measure", r + 1);
			CHECK(name, n >= 2 && over == 0 && para_line(u, n - 1)->end == (int)strlen(runs[r]));
			para_free(u);
		}
	}
	/* Embeddings and overrides nested past FriBidi's limit (it crashed on them). */
	{
		GString *t = g_string_new(NULL);
		struct para *b;
		int lines;

		for (int i = 0; i < 300; i++)
			g_string_append(t, "English \u05E2\u05D1\u05E8 \u4E2D\u6587 \u202E\u202D\u2067\u202B ");
		b = para_new(ctx, &set);
		para_add(b, t->str, (int)t->len, &body);
		lines = para_layout(b);
		CHECK("para: bidi controls nested 1200 deep set without a crash, all text kept",
		      lines > 10 && para_line(b, lines - 1)->end == (int)t->len);
		para_free(b);
		g_string_free(t, TRUE);
	}
	pango_font_description_free(body.font);
	test_classes();
	test_compression(ctx);
	test_autospace(ctx);
	test_code_breaks(ctx);
	test_cjk_hyphens(ctx);
	test_adjustment(ctx);
	test_forced_break_and_overflow(ctx);
	test_glyph_forms(ctx);
	test_keycap(ctx);
	test_latin_apostrophe(ctx);
	test_author_indent(ctx);
	g_object_unref(ctx);
	CHECK_DONE();
}
