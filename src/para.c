/* para.c - paragraph setting: Pango itemizes and shapes; line breaking and justification are folio's. */
#include "para.h"

#include <string.h>

#include "clreq.h"

struct span {
	int start, end;
	const struct para_style *style;
};

/* A glyph cluster: the smallest piece a line break or an adjustment can fall between. */
struct cluster {
	int start, end;			/* bytes */
	int item;			/* index into items/glyphs */
	int g0, g1;			/* glyph range in that item's glyph string */
	int width;			/* natural width, Pango units */
	int adjust;			/* added by justification, Pango units */
	gunichar first, last;		/* first and last character */
	unsigned space : 1;		/* white space (hangs at a line end) */
	unsigned can_break : 1;		/* a line may start here */
	unsigned must_break : 1;	/* a line must start here (after "\n") */
	unsigned rigid : 1;		/* inline code: no stretching next to it */
};

struct para {
	PangoContext *ctx;
	struct para_settings set;
	GString *text;
	GArray *spans;			/* of struct span */
	GPtrArray *items;		/* of PangoItem *, logical order */
	GPtrArray *glyphs;		/* of PangoGlyphString *, one per item */
	GPtrArray *styles;		/* of const struct para_style *, one per item */
	GArray *clusters;		/* of struct cluster */
	GPtrArray *lines;		/* of struct para_line * */
	bool shaped, laid_out;
};

struct para *para_new(PangoContext *ctx, const struct para_settings *settings)
{
	struct para *p = g_new0(struct para, 1);

	p->ctx = g_object_ref(ctx);
	p->set = *settings;
	p->text = g_string_new(NULL);
	p->spans = g_array_new(FALSE, FALSE, sizeof(struct span));
	p->items = g_ptr_array_new_with_free_func((GDestroyNotify)pango_item_free);
	p->glyphs = g_ptr_array_new_with_free_func((GDestroyNotify)pango_glyph_string_free);
	p->styles = g_ptr_array_new();
	p->clusters = g_array_new(FALSE, FALSE, sizeof(struct cluster));
	p->lines = g_ptr_array_new();
	return p;
}

static void run_free(gpointer data)
{
	struct para_run *r = data;

	pango_glyph_item_free(r->glyphs);
	g_free(r);
}

void para_free(struct para *p)
{
	if (!p)
		return;
	for (guint i = 0; i < p->lines->len; i++) {
		struct para_line *l = g_ptr_array_index(p->lines, i);

		g_ptr_array_free(l->runs, TRUE);
		g_free(l);
	}
	g_ptr_array_free(p->lines, TRUE);
	g_array_free(p->clusters, TRUE);
	g_ptr_array_free(p->styles, TRUE);
	g_ptr_array_free(p->glyphs, TRUE);
	g_ptr_array_free(p->items, TRUE);
	g_array_free(p->spans, TRUE);
	g_string_free(p->text, TRUE);
	g_object_unref(p->ctx);
	g_free(p);
}

void para_add(struct para *p, const char *text, int len, const struct para_style *style)
{
	struct span s;

	if (len < 0)
		len = (int)strlen(text);
	if (len == 0)
		return;
	/* Merge with the previous span when the style is the same object. */
	if (p->spans->len) {
		struct span *last = &g_array_index(p->spans, struct span, p->spans->len - 1);

		if (last->style == style && last->end == (int)p->text->len) {
			g_string_append_len(p->text, text, len);
			last->end = (int)p->text->len;
			return;
		}
	}
	s.start = (int)p->text->len;
	g_string_append_len(p->text, text, len);
	s.end = (int)p->text->len;
	s.style = style;
	g_array_append_val(p->spans, s);
}

const char *para_text(const struct para *p)
{
	return p->text->str;
}

int para_n_lines(const struct para *p)
{
	return (int)p->lines->len;
}

const struct para_line *para_line(const struct para *p, int i)
{
	return g_ptr_array_index(p->lines, i);
}

static const struct span *span_at(const struct para *p, int offset)
{
	for (guint i = 0; i < p->spans->len; i++) {
		const struct span *s = &g_array_index(p->spans, struct span, i);

		if (offset >= s->start && offset < s->end)
			return s;
	}
	return &g_array_index(p->spans, struct span, p->spans->len - 1);
}

/* Itemize with one font per span, split items at span edges, shape each item. */
static void shape(struct para *p)
{
	PangoAttrList *attrs = pango_attr_list_new();
	GList *items, *l;
	const char *text = p->text->str;
	int len = (int)p->text->len;

	if (p->set.lang) {
		PangoAttribute *a = pango_attr_language_new(p->set.lang);

		pango_attr_list_insert(attrs, a);
	}
	for (guint i = 0; i < p->spans->len; i++) {
		const struct span *s = &g_array_index(p->spans, struct span, i);
		PangoAttribute *a = pango_attr_font_desc_new(s->style->font);

		a->start_index = (guint)s->start;
		a->end_index = (guint)s->end;
		pango_attr_list_insert(attrs, a);
	}
	items = pango_itemize(p->ctx, text, 0, len, attrs, NULL);
	pango_attr_list_unref(attrs);
	for (l = items; l; l = l->next) {
		PangoItem *item = l->data;

		/* Split at every span edge inside the item, so each item has one style. */
		for (;;) {
			const struct span *s = span_at(p, item->offset);

			if (s->end < item->offset + item->length) {
				int n = s->end - item->offset;
				PangoItem *head = pango_item_split(item, n, (int)g_utf8_strlen(text + item->offset, n));

				g_ptr_array_add(p->items, head);
				g_ptr_array_add(p->styles, (gpointer)s->style);
				continue;
			}
			g_ptr_array_add(p->items, item);
			g_ptr_array_add(p->styles, (gpointer)s->style);
			break;
		}
	}
	g_list_free(items);
	for (guint i = 0; i < p->items->len; i++) {
		PangoItem *item = g_ptr_array_index(p->items, i);
		PangoGlyphString *g = pango_glyph_string_new();

		pango_shape_with_flags(text + item->offset, item->length, text, len, &item->analysis, g,
				       PANGO_SHAPE_NONE);
		g_ptr_array_add(p->glyphs, g);
	}
}

/* Cut the shaped items into clusters and mark where lines may and must break. */
static void make_clusters(struct para *p)
{
	const char *text = p->text->str;
	int n_chars = (int)g_utf8_strlen(text, (gssize)p->text->len);
	PangoLogAttr *log = g_new0(PangoLogAttr, n_chars + 1);
	int char_base = 0;

	pango_get_log_attrs(text, (int)p->text->len, -1, p->set.lang, log, n_chars + 1);
	for (guint i = 0; i < p->items->len; i++) {
		PangoItem *item = g_ptr_array_index(p->items, i);
		PangoGlyphItem gi = { .item = item, .glyphs = g_ptr_array_index(p->glyphs, i) };
		const struct para_style *style = g_ptr_array_index(p->styles, i);
		PangoGlyphItemIter it;

		for (gboolean ok = pango_glyph_item_iter_init_start(&it, &gi, text); ok;
		     ok = pango_glyph_item_iter_next_cluster(&it)) {
			struct cluster c = { 0 };
			int g0 = MIN(it.start_glyph, it.end_glyph), g1 = MAX(it.start_glyph, it.end_glyph);
			int ci = char_base + it.start_char;

			if (it.start_glyph > it.end_glyph) {	/* right-to-left: glyphs run backwards */
				g0 = it.end_glyph + 1;
				g1 = it.start_glyph + 1;
			}
			c.start = it.start_index;
			c.end = it.end_index;
			c.item = (int)i;
			c.g0 = g0;
			c.g1 = g1;
			for (int g = g0; g < g1; g++)
				c.width += gi.glyphs->glyphs[g].geometry.width;
			c.first = g_utf8_get_char(text + c.start);
			c.last = g_utf8_get_char(g_utf8_prev_char(text + c.end));
			c.space = log[ci].is_white || c.first == '\n';
			c.rigid = style->code;
			c.must_break = ci > 0 && log[ci].is_mandatory_break;
			c.can_break = ci > 0 && log[ci].is_line_break;
			g_array_append_val(p->clusters, c);
		}
		char_base += item->num_chars;
	}
	/* Chinese and Japanese rules where Unicode's defaults are not enough (CLREQ). */
	for (guint k = 1; k < p->clusters->len; k++) {
		struct cluster *prev = &g_array_index(p->clusters, struct cluster, k - 1);
		struct cluster *c = &g_array_index(p->clusters, struct cluster, k);

		if (c->must_break)
			continue;
		if (!prev->space && !c->space)
			c->can_break = clreq_break_between(prev->last, c->first, c->can_break);
		if (p->set.keep_spaces && prev->space && !c->space)
			c->can_break = true;
	}
	g_free(log);
	p->shaped = true;
}

static void prepare(struct para *p)
{
	if (p->shaped || p->text->len == 0)
		return;
	shape(p);
	make_clusters(p);
}

static struct cluster *cl(struct para *p, int k)
{
	return &g_array_index(p->clusters, struct cluster, k);
}

/* A slice of an item's glyphs [g0, g1) covering bytes [start, end), as a new glyph item. */
static PangoGlyphItem *slice(struct para *p, int item_index, int start, int end, int g0, int g1)
{
	PangoItem *item = g_ptr_array_index(p->items, item_index);
	PangoGlyphString *src = g_ptr_array_index(p->glyphs, item_index);
	PangoGlyphItem *gi = g_slice_new0(PangoGlyphItem);
	int shift = start - item->offset;

	gi->item = pango_item_copy(item);
	gi->item->offset = start;
	gi->item->length = end - start;
	gi->item->num_chars = (int)g_utf8_strlen(p->text->str + start, end - start);
	gi->glyphs = pango_glyph_string_new();
	pango_glyph_string_set_size(gi->glyphs, g1 - g0);
	for (int g = g0; g < g1; g++) {
		gi->glyphs->glyphs[g - g0] = src->glyphs[g];
		gi->glyphs->log_clusters[g - g0] = src->log_clusters[g] - shift;
	}
	return gi;
}

static double pt(int units)
{
	return (double)units / PANGO_SCALE;
}

static double font_size_pt(const struct para_style *s)
{
	double size = pango_font_description_get_size(s->font);

	return size > 0 ? size / PANGO_SCALE : 10.0;
}

/* Give the slack of a justified line to the gaps next to CJK characters and to spaces. */
static void justify(struct para *p, int s, int e, int slack)
{
	int n = 0, each, rest;

	for (int k = s + 1; k < e; k++) {
		struct cluster *a = cl(p, k - 1), *b = cl(p, k);

		if (!a->rigid && !b->rigid && (a->space || clreq_is_cjk(a->last) || clreq_is_cjk(b->first)))
			n++;
	}
	if (n == 0 || slack <= 0)
		return;
	each = slack / n;
	rest = slack - each * n;
	for (int k = s + 1; k < e; k++) {
		struct cluster *a = cl(p, k - 1), *b = cl(p, k);

		if (!a->rigid && !b->rigid && (a->space || clreq_is_cjk(a->last) || clreq_is_cjk(b->first))) {
			a->adjust = each + (rest > 0 ? 1 : 0);
			rest--;
		}
	}
}

static void add_line(struct para *p, int s, int e, bool last, int avail)
{
	struct para_line *line = g_new0(struct para_line, 1);
	int vis = e, natural = 0, x = 0;
	double size = 0, base;

	while (vis > s && cl(p, vis - 1)->space)
		vis--;
	for (int k = s; k < vis; k++)
		natural += cl(p, k)->width;
	if (!last && p->set.align == PARA_JUSTIFY)
		justify(p, s, vis, avail - natural);
	line->start = cl(p, s)->start;
	line->end = cl(p, e - 1)->end;
	line->last = last;
	line->runs = g_ptr_array_new_with_free_func(run_free);
	/* Runs: consecutive clusters of one item; trailing spaces keep their text but no width. */
	for (int k = s; k < e;) {
		int item = cl(p, k)->item, j = k, width = 0;
		struct para_run *r = g_new0(struct para_run, 1);

		while (j < e && cl(p, j)->item == item)
			j++;
		r->glyphs = slice(p, item, cl(p, k)->start, cl(p, j - 1)->end, cl(p, k)->g0, cl(p, j - 1)->g1);
		for (int m = k; m < j; m++) {
			struct cluster *c = cl(p, m);
			PangoGlyphInfo *g = r->glyphs->glyphs->glyphs;
			int first = c->g0 - cl(p, k)->g0, lastg = c->g1 - 1 - cl(p, k)->g0;

			if (m >= vis) {
				for (int q = first; q <= lastg; q++)
					g[q].geometry.width = 0;
				continue;
			}
			if (c->adjust && lastg >= first)
				g[lastg].geometry.width += c->adjust;
			width += c->width + c->adjust;
		}
		r->style = g_ptr_array_index(p->styles, item);
		r->x = pt(x);
		r->width = pt(width);
		x += width;
		if (font_size_pt(r->style) > size)
			size = font_size_pt(r->style);
		g_ptr_array_add(line->runs, r);
		k = j;
	}
	line->width = pt(x);
	switch (p->set.align) {
	case PARA_CENTER:
		line->x = (pt(avail) - line->width) / 2;
		break;
	case PARA_RIGHT:
		line->x = pt(avail) - line->width;
		break;
	default:
		line->x = 0;
		break;
	}
	if (p->lines->len == 0)
		line->x += p->set.indent;
	/* Line box: the body pitch, scaled when the line holds larger type. */
	base = font_size_pt(g_array_index(p->spans, struct span, 0).style);
	if (size < base)
		size = base;
	{
		double pitch = p->set.line_height * size / base;

		line->ascent = 0.88 * size + (pitch - size) / 2;
		line->descent = pitch - line->ascent;
	}
	g_ptr_array_add(p->lines, line);
}

int para_layout(struct para *p)
{
	int n, s = 0;

	if (p->laid_out)
		return (int)p->lines->len;
	p->laid_out = true;
	prepare(p);
	n = (int)p->clusters->len;
	while (s < n) {
		int avail = (int)((p->set.width - (p->lines->len == 0 ? p->set.indent : 0)) * PANGO_SCALE);
		int w = 0, last_break = -1, e = n, k;
		bool forced = false;

		for (k = s; k < n; k++) {
			struct cluster *c = cl(p, k);

			if (k > s && c->must_break) {
				e = k;
				forced = true;
				break;
			}
			if (k > s && c->can_break)
				last_break = k;
			if (!c->space && w + c->width > avail && k > s) {
				/* Pull the line back to the last break; with none, break inside the word (URLs). */
				e = last_break > s ? last_break : k;
				break;
			}
			w += c->width;
		}
		add_line(p, s, e, forced || e == n, avail);
		s = e;
	}
	return (int)p->lines->len;
}

double para_natural_width(struct para *p)
{
	int best = 0, w = 0;

	prepare(p);
	for (guint k = 0; k < p->clusters->len; k++) {
		struct cluster *c = cl(p, (int)k);

		if (c->must_break) {
			best = MAX(best, w);
			w = 0;
		}
		w += c->width;
	}
	return pt(MAX(best, w));
}

double para_min_width(struct para *p)
{
	int best = 0, w = 0;

	prepare(p);
	for (guint k = 0; k < p->clusters->len; k++) {
		struct cluster *c = cl(p, (int)k);

		if (c->can_break || c->must_break) {
			best = MAX(best, w);
			w = 0;
		}
		if (!c->space)
			w += c->width;
	}
	return pt(MAX(best, w));
}
