/* test_para.c - paragraph setting: lines fill the measure, justified lines end on the right edge,
 * no line starts with closing punctuation or ends with opening punctuation, pairs stay whole. */
#include "check.h"
#include "clreq.h"
#include "para.h"

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
	pango_font_description_free(body.font);
	g_object_unref(ctx);
	CHECK_DONE();
}
