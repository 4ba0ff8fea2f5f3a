/* layout_page.c - the vertical list: items, shared paragraphs, and breaking it into pages. */
#include "format/pdf/layout_int.h"

#include <math.h>
#include <string.h>

#include "format/fonts.h"
#include "format/pdf/para.h"

/* Atomic: a worker's cached running heads are referenced by its new pages while this thread frees its old ones. */
struct lpara *lpara_ref(struct lpara *lp)
{
	g_atomic_int_inc(&lp->ref);
	return lp;
}

void lpara_unref(struct lpara *lp)
{
	if (!lp || !g_atomic_int_dec_and_test(&lp->ref))
		return;
	para_free(lp->para);
	selem_unref(lp->el);
	if (lp->anchors) {
		for (guint i = 0; i < lp->anchors->len; i++)
			g_free(g_array_index(lp->anchors, struct anchor, i).dest);
		g_array_free(lp->anchors, TRUE);
	}
	g_free(lp);
}

void lay_para_anchor(struct lpara *lp, int offset, const char *dest)
{
	struct anchor a = { offset, g_strdup(dest) };

	if (!lp->anchors)
		lp->anchors = g_array_new(FALSE, FALSE, sizeof(struct anchor));
	g_array_append_val(lp->anchors, a);
}

static void box_clear(struct box *b)
{
	lpara_unref(b->lp);
	selem_unref(b->el);
	g_free(b->target);
	g_free(b->text);
}

void page_free_boxes(struct page *p)
{
	for (guint i = 0; i < p->boxes->len; i++)
		box_clear(&g_array_index(p->boxes, struct box, i));
	g_array_free(p->boxes, TRUE);
	p->boxes = NULL;
}

void page_add_box(struct page *p, const struct box *b)
{
	struct box c = *b;

	if (c.lp)
		lpara_ref(c.lp);
	selem_ref(c.el);
	c.target = g_strdup(b->target);
	c.text = g_strdup(b->text);
	g_array_append_val(p->boxes, c);
}

struct vitem *vitem_new(double height)
{
	struct vitem *v = g_new0(struct vitem, 1);

	v->height = height;
	v->boxes = g_array_new(FALSE, FALSE, sizeof(struct box));
	v->ref = 1;
	return v;
}

struct vitem *vitem_ref(struct vitem *v)
{
	v->ref++;
	return v;
}

void vitem_unref(struct vitem *v)
{
	if (!v || --v->ref > 0)
		return;
	for (guint i = 0; i < v->boxes->len; i++)
		box_clear(&g_array_index(v->boxes, struct box, i));
	g_array_free(v->boxes, TRUE);
	vitem_unref(v->header);
	vitem_unref(v->block_first);
	g_free(v);
}

void vitem_box(struct vitem *v, const struct box *b)
{
	g_array_append_val(v->boxes, *b);
}

/* ---- styles ---- */

/* What makes two styles the same; the link is compared by its text. */
struct style_key {
	int role;
	double size, rise;
	guint32 color;
	bool bold, italic, code, strike, dots;
	const char *region;	/* interned by fonts_cjk_region: compared by address */
	char *link;
};

struct style_entry {
	struct style_key key;	/* first: the table hashes entries by their key */
	struct para_style style;
};

static guint key_hash(gconstpointer p)
{
	const struct style_key *k = p;
	/* A subscript's rise is below zero: through int, as a negative double has no unsigned value. */
	guint h = (guint)k->role * 31u + (guint)(k->size * 100) * 17u + k->color * 13u + (guint)(gint)(k->rise * 100) * 7u;

	h = h * 33u + (k->bold | k->italic << 1 | k->code << 2 | k->strike << 3 | k->dots << 4) + GPOINTER_TO_UINT(k->region);
	return k->link ? h ^ g_str_hash(k->link) : h;
}

static gboolean key_equal(gconstpointer pa, gconstpointer pb)
{
	const struct style_key *a = pa, *b = pb;

	return a->role == b->role && a->size == b->size && a->rise == b->rise && a->color == b->color
	       && a->bold == b->bold && a->italic == b->italic && a->code == b->code && a->strike == b->strike
	       && a->dots == b->dots
	       && a->region == b->region && (a->link == b->link || (a->link && b->link && !strcmp(a->link, b->link)));
}

static void style_free(gpointer data)
{
	struct style_entry *e = data;

	pango_font_description_free(e->style.font);
	g_free(e->key.link);
	g_free(e);
}

/* The family that draws 永 for families (a theme list) in the article's language and region. */
static char *family_of(struct lay *L, enum theme_font role, double size)
{
	char *families = fonts_family_list(L->t->font[role], L->region);
	PangoFontDescription *d = pango_font_description_new();
	PangoFontset *fs;
	PangoFont *f;
	char *name = NULL;

	pango_font_description_set_family(d, families);
	pango_font_description_set_absolute_size(d, size * PANGO_SCALE);
	fonts_lock();
	fs = pango_context_load_fontset(L->ctx, d, L->lang);
	f = fs ? pango_fontset_get_font(fs, 0x6C38) : NULL;
	fonts_pin(f);
	fonts_unlock();
	if (f) {
		PangoFontDescription *got = pango_font_describe(f);

		name = g_strdup(pango_font_description_get_family(got));
		pango_font_description_free(got);
		g_object_unref(f);
	}
	if (fs)
		g_object_unref(fs);
	pango_font_description_free(d);
	g_free(families);
	return name;
}

/* Does the Kai list give Chinese a face of its own, not the body's (a Kai font is installed)? */
static bool kai_differs(struct lay *L, double size)
{
	char *kai, *body;
	bool differs;

	if (!L->region || (strcmp(L->region, "SC") && strcmp(L->region, "TC") && strcmp(L->region, "HK")))
		return false;
	kai = family_of(L, FONT_KAI, size);
	body = family_of(L, FONT_BODY, size);
	differs = kai && (!body || strcmp(kai, body));
	g_free(kai);
	g_free(body);
	return differs;
}

const struct para_style *lay_style(struct lay *L, enum theme_font role, double size, bool bold, bool italic,
				   guint32 color, const char *link, double rise, bool code, bool strike)
{
	struct style_key k;
	struct style_entry *e;
	char *families;

	/*
	 * Bold in Chinese text is set in the strong face (黑体) at its regular weight, as Chinese
	 * books do: no bold CJK font is loaded (each is 20-27 MB that a book would map and subset).
	 */
	bool dots = false;

	if (bold && (role == FONT_BODY || role == FONT_HEADING || role == FONT_EMPHASIS)) {
		role = FONT_STRONG;
		bold = false;
	}
	/*
	 * Chinese has no italics, and a slanted Song is wrong: *emphasis* is set in Kai (楷体);
	 * without a Kai font (and in Japanese and Korean) body emphasis is marked with dots under
	 * the characters (CLREQ 着重号). Strong emphasis stays in the strong face, upright.
	 */
	if (italic && role == FONT_STRONG) {
		italic = false;
	} else if (italic && (role == FONT_BODY || role == FONT_HEADING || role == FONT_EMPHASIS)) {
		italic = false;
		if (kai_differs(L, size))
			role = FONT_KAI;
		else if (role == FONT_BODY)
			dots = true;
	}
	k = (struct style_key){ role, size, rise, color, bold, italic, code, strike, dots, L->region, (char *)link };
	e = g_hash_table_lookup(L->styles, &k);

	if (e)
		return &e->style;
	e = g_new0(struct style_entry, 1);
	e->key = k;
	e->key.link = g_strdup(link);
	families = fonts_family_list(L->t->font[role], L->region);
	e->style.font = pango_font_description_new();
	pango_font_description_set_family(e->style.font, families);
	pango_font_description_set_absolute_size(e->style.font, size * PANGO_SCALE);
	pango_font_description_set_weight(e->style.font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(e->style.font, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
	g_free(families);
	e->style.link = e->key.link;
	e->style.color = color;
	e->style.rise = rise;
	e->style.code = code;
	e->style.mono = role == FONT_CODE;
	e->style.strike = strike;
	e->style.dots = dots;
	g_hash_table_add(L->styles, e);
	return &e->style;
}

void lay_styles_init(struct lay *L)
{
	L->styles = g_hash_table_new_full(key_hash, key_equal, style_free, NULL);
}

void lay_styles_free(struct lay *L)
{
	g_hash_table_destroy(L->styles);
}

static gboolean has_link(gpointer key, gpointer value, gpointer data)
{
	return ((const struct style_key *)key)->link != NULL;
}

void lay_styles_drop_links(struct lay *L)
{
	g_hash_table_foreach_remove(L->styles, has_link, NULL);
}

static gboolean steal_link(gpointer key, gpointer value, gpointer data)
{
	if (!has_link(key, value, NULL))
		return FALSE;
	g_ptr_array_add(data, key);
	return TRUE;
}

GPtrArray *lay_styles_take_links(struct lay *L)
{
	GPtrArray *taken = g_ptr_array_new_with_free_func(style_free);

	g_hash_table_foreach_steal(L->styles, steal_link, taken);
	return taken;
}

/* ---- the page builder ---- */

void lay_space(struct lay *L, double pt)
{
	if (pt > L->pending_space)
		L->pending_space = pt;
}

void lay_keep(struct lay *L)
{
	L->pending_keep = true;
}

/* The first of the items at the page's foot kept with the last one (0: every item from the second on). */
static guint keep_chain_start(const struct lay *L)
{
	for (guint j = L->items->len; j-- > 1;)
		if (!((struct vitem *)g_ptr_array_index(L->items, j))->keep_with_prev)
			return j;
	return 0;
}

double lay_kept_height(const struct lay *L)
{
	guint k;
	double above = 0;

	if (!L->pending_keep || !L->items->len)
		return 0;
	/* The items kept together up to the last one: the chain break_page carries. */
	k = keep_chain_start(L);
	for (guint i = 0; i < k; i++) {
		const struct vitem *v = g_ptr_array_index(L->items, i);

		above += v->space_before + v->height;
	}
	return L->used - above - ((const struct vitem *)g_ptr_array_index(L->items, k))->space_before;
}

void lay_mark(struct lay *L, const char *dest, const char *title, int outline_level)
{
	struct box b = { .kind = BOX_DEST, .target = g_strdup(dest) };

	g_ptr_array_add(L->pending_boxes, g_memdup2(&b, sizeof b));
	if (outline_level >= 0 && title) {
		struct box o = { .kind = BOX_OUTLINE, .target = g_strdup(dest), .text = g_strdup(title),
				 .level = outline_level };

		g_ptr_array_add(L->pending_boxes, g_memdup2(&o, sizeof o));
	}
}

/* Emit items [0, n) as a page and keep the rest. */
static void emit_first(struct lay *L, guint n)
{
	GPtrArray *page = g_ptr_array_new_with_free_func((GDestroyNotify)vitem_unref);

	for (guint i = 0; i < n; i++)
		g_ptr_array_add(page, g_ptr_array_index(L->items, i));
	g_ptr_array_remove_range(L->items, 0, n);
	L->emit(L, page);
	g_ptr_array_free(page, TRUE);
}

/* v drawn again (a table's header row on the next page): the same boxes, marked as no content. */
static struct vitem *vitem_repeated(const struct vitem *v)
{
	struct vitem *r = vitem_new(v->height);

	for (guint i = 0; i < v->boxes->len; i++) {
		struct box b = g_array_index(v->boxes, struct box, i);

		if (b.lp)
			lpara_ref(b.lp);
		selem_ref(b.el);
		b.target = g_strdup(b.target);
		b.text = g_strdup(b.text);
		b.artifact = true;
		vitem_box(r, &b);
	}
	return r;
}

static void place(struct lay *L, struct vitem *v);

/* The page is full before v: break at the last allowed place and start a new page. */
static void break_page(struct lay *L, struct vitem *v)
{
	guint n = L->items->len, k = v->keep_with_prev ? keep_chain_start(L) : n;
	GPtrArray *carry;

	if (k == 0)
		k = n;	/* nothing allowed: break right here rather than run past the page */
	carry = g_ptr_array_new();
	for (guint i = k; i < n; i++)
		g_ptr_array_add(carry, g_ptr_array_index(L->items, i));
	g_ptr_array_set_size(L->items, k);
	emit_first(L, k);
	L->used = 0;
	/* A table row carried over gets its header row again on top. */
	{
		struct vitem *first = carry->len ? g_ptr_array_index(carry, 0) : v;

		if (first->header) {
			struct vitem *h = vitem_repeated(first->header);

			g_ptr_array_add(L->items, h);
			L->used = h->height;
		}
	}
	for (guint i = 0; i < carry->len; i++)
		place(L, g_ptr_array_index(carry, i));
	g_ptr_array_free(carry, TRUE);
	place(L, v);
}

/* The first grid line at or below y (a hundredth of a point is rounding, not a line). */
static double grid_ceil(const struct lay *L, double y)
{
	return ceil((y - 0.01) / L->grid) * L->grid;
}

double lay_grid_space(const struct lay *L, double pt)
{
	if (!L->grid)
		return pt;
	return floor(pt / L->grid + 2.0 / 3) * L->grid;
}

/*
 * The room kept below prev, the last item of a block: the rest of its last line when the block
 * is centred in its lines on this page; only the space it asked for when it lost its lead at the
 * top of this page or began on an earlier one (a heading at a page's top keeps no blank lines
 * below it for the space above it it did not get).
 */
static double room_below(const struct lay *L, const struct vitem *prev)
{
	const struct vitem *first = prev->block_first ? prev->block_first : prev;

	for (guint i = 1; i < L->items->len; i++)
		if (g_ptr_array_index(L->items, i) == first)
			return prev->pad_after;
	return MIN(prev->pad_after, prev->after_min);
}

/* The space before v at the foot of what the page holds: the request, or on the grid where it lands. */
static double space_for(const struct lay *L, const struct vitem *v)
{
	const struct vitem *prev;
	double want;

	if (!L->items->len)
		return 0;	/* spaces are dropped at the top of a page */
	if (!L->grid)
		return v->gap;
	prev = g_ptr_array_index(L->items, L->items->len - 1);
	if (!v->snap)
		return MAX(v->gap, prev->pad_after);
	want = MAX(lay_grid_space(L, v->gap), room_below(L, prev));
	return grid_ceil(L, L->used + want) + v->lead - L->used;
}

static void place(struct lay *L, struct vitem *v)
{
	bool first = L->items->len == 0;
	double space = space_for(L, v);

	if (!first && L->used + space + v->height > L->body_h + 0.01) {
		break_page(L, v);
		return;
	}
	v->space_before = space;
	g_ptr_array_add(L->items, v);
	L->used += space + v->height;
}

void lay_add(struct lay *L, struct vitem *v)
{
	if (L->bars && !v->bars.n)
		v->bars = *L->bars;
	v->gap = MAX(v->gap, L->pending_space);
	if (L->pending_keep)
		v->keep_with_prev = true;
	if (L->pending_snap && L->grid)
		v->snap = true;
	for (guint i = 0; i < L->pending_boxes->len; i++) {
		struct box *b = g_ptr_array_index(L->pending_boxes, i);

		vitem_box(v, b);
		g_free(b);
	}
	g_ptr_array_set_size(L->pending_boxes, 0);
	L->pending_space = 0;
	L->pending_keep = false;
	L->pending_snap = false;
	if (L->block) {
		/* Inside a block only its first item is on a grid line: placed when the block ends. */
		v->snap = false;
		g_ptr_array_add(L->block, v);
		return;
	}
	place(L, v);
}

void lay_snap(struct lay *L)
{
	L->pending_snap = true;
}

/* ---- the line grid ---- */

void lay_grid_init(struct lay *L)
{
	const struct theme *t = L->t;

	L->grid = theme_grid_on(t, L->b->lang) ? theme_pitch(t) : 0;
	if (!L->grid)
		return;
	/* The page ends on its last grid line: the text area is whole lines tall. */
	L->body_h = floor(L->body_h / L->grid + 1e-6) * L->grid;
	L->grid_ascent = 0.88 * t->size + (L->grid - t->size) / 2;
}

void lay_block_begin(struct lay *L, const struct flow *F, double before)
{
	if (L->block_depth++ > 0 || !L->grid || !F->grid) {
		lay_space(L, before);
		return;
	}
	L->block = g_ptr_array_new();
	L->block_before = MAX(before, L->pending_space);
	L->pending_space = 0;
}

void lay_block_end(struct lay *L, const struct flow *F, double after, int min_lines)
{
	GPtrArray *items = L->block;
	double extent = 0, room;
	int lines;

	if (--L->block_depth > 0 || !items) {
		lay_space(L, after);
		return;
	}
	L->block = NULL;
	if (!items->len) {
		g_ptr_array_free(items, TRUE);
		lay_space(L, MAX(L->block_before, after));
		return;
	}
	for (guint i = 0; i < items->len; i++) {
		const struct vitem *v = g_ptr_array_index(items, i);

		extent += (i ? v->gap : 0) + v->height;
	}
	/* Whole lines for the block and its spaces; the block centred in them. */
	lines = (int)ceil((extent + L->block_before + after) / L->grid - 0.001);
	lines = MAX(lines, min_lines);
	room = lines * L->grid - extent;
	{
		struct vitem *first = g_ptr_array_index(items, 0), *last = g_ptr_array_index(items, items->len - 1);

		first->snap = true;
		first->gap = 0;
		first->lead = room / 2;
		last->pad_after = room - room / 2;
		last->after_min = after;
		if (last != first)
			last->block_first = vitem_ref(first);
	}
	for (guint i = 0; i < items->len; i++)
		place(L, g_ptr_array_index(items, i));
	g_ptr_array_free(items, TRUE);
}

void lay_grid_overlay(const struct lay *L, struct page *pg, double x0)
{
	const struct theme *t = L->t;
	double pitch = L->grid ? L->grid : theme_pitch(t), top = t->margin_top, h = L->body_h, w = L->text_w;
	double asc = 0.88 * t->size + (pitch - t->size) / 2;
	int lines = (int)floor(h / pitch + 1e-6), cols = (int)floor(w / t->size + 1e-6);
	guint32 ink = 0x4f8fd8;
	struct box frame = { .kind = BOX_FRAME, .x = x0, .y = top, .w = w, .h = h, .lw = 0.5, .color = 0xd84f4f };

	if (!t->show_grid)
		return;
	page_add_box(pg, &frame);
	/* Each line's em box (baseline - 0.88 em to + 0.12 em), and the character columns. */
	for (int i = 0; i < lines; i++) {
		double base = top + i * pitch + asc;
		struct box r = { .kind = BOX_RULE, .x = x0, .w = w, .h = 0.25, .color = ink };

		r.y = base - 0.88 * t->size;
		page_add_box(pg, &r);
		r.y = base + 0.12 * t->size;
		page_add_box(pg, &r);
	}
	for (int c = 0; c <= cols; c++) {
		struct box r = { .kind = BOX_RULE, .x = x0 + c * t->size, .y = top, .w = 0.25, .h = lines * pitch,
				 .color = ink };

		page_add_box(pg, &r);
	}
}

void lay_flush(struct lay *L)
{
	if (L->pending_boxes->len) {
		/* Destinations with nothing after them still need a place. */
		lay_add(L, vitem_new(0));
	}
	if (L->items->len)
		emit_first(L, L->items->len);
	L->used = 0;
	L->pending_space = 0;
	L->pending_keep = false;
	L->pending_snap = false;
}
