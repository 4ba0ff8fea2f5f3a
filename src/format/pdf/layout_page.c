/* layout_page.c - the vertical list: items, shared paragraphs, and breaking it into pages. */
#include "format/pdf/layout_int.h"

#include <string.h>

#include "format/fonts.h"
#include "format/pdf/para.h"

struct lpara *lpara_ref(struct lpara *lp)
{
	lp->ref++;
	return lp;
}

void lpara_unref(struct lpara *lp)
{
	if (!lp || --lp->ref > 0)
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
	guint h = (guint)k->role * 31u + (guint)(k->size * 100) * 17u + k->color * 13u + (guint)(k->rise * 100) * 7u;

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
	/* Chinese has no italics: emphasis is marked with dots under the characters (CLREQ 着重号). */
	if (italic && role == FONT_BODY) {
		italic = false;
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

static double item_extent(const struct lay *L, const struct vitem *v, bool first)
{
	return (first ? 0 : v->space_before) + v->height;
}

static void place(struct lay *L, struct vitem *v);

/* The page is full before v: break at the last allowed place and start a new page. */
static void break_page(struct lay *L, struct vitem *v)
{
	guint n = L->items->len, k = 0;
	GPtrArray *carry;

	if (!v->keep_with_prev)
		k = n;
	else
		for (guint j = n; j-- > 1;)
			if (!((struct vitem *)g_ptr_array_index(L->items, j))->keep_with_prev) {
				k = j;
				break;
			}
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

static void place(struct lay *L, struct vitem *v)
{
	bool first = L->items->len == 0;
	double need = item_extent(L, v, first);

	if (!first && L->used + need > L->body_h + 0.01) {
		break_page(L, v);
		return;
	}
	g_ptr_array_add(L->items, v);
	L->used += need;
}

void lay_add(struct lay *L, struct vitem *v)
{
	v->space_before = MAX(v->space_before, L->pending_space);
	if (L->pending_keep)
		v->keep_with_prev = true;
	for (guint i = 0; i < L->pending_boxes->len; i++) {
		struct box *b = g_ptr_array_index(L->pending_boxes, i);

		vitem_box(v, b);
		g_free(b);
	}
	g_ptr_array_set_size(L->pending_boxes, 0);
	L->pending_space = 0;
	L->pending_keep = false;
	place(L, v);
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
}
