/* device_cairo.c - draws finished pages into Cairo's PDF surface: tagged content, artifacts, links, outline. */
#include "format/pdf/device.h"

#include <errno.h>
#include <string.h>
#include <cairo-pdf.h>

#include "base/date.h"
#include "base/diag.h"
#include "base/version.h"
#include "base/xmlesc.h"
#include "format/cover.h"
#include "format/fonts.h"
#include "format/pdf/cairo_cff.h"
#include "format/pdf/cairo_code.h"
#include "format/pdf/cairo_zlib.h"
#include "format/pdf/device_draw.h"
#include "format/pdf/device_tags.h"

enum { MAX_LEVELS = 8 };

struct cdev {
	struct device d;
	FILE *fp;
	const char *path;		/* the output's name, for messages */
	cairo_surface_t *surface;
	cairo_t *cr;
	const struct book *book;	/* for the generated cover */
	struct device_print print;
	double off;			/* bleed + slug: where the trim's corner lies on the page drawn */
	struct tagger *tags;		/* NULL: untagged */
	unsigned char out[64 * 1024];	/* what Cairo wrote, not yet handed to fp */
	size_t out_len;
	bool write_failed;
	int write_errno;		/* why the first failed write failed (a full disk, a file-size limit) */
	bool press_failed;		/* a picture PDF/X-4 refuses (reported) */
	int outline[MAX_LEVELS];	/* the last outline entry at each level */
	GArray *entries;		/* struct outline_entry: the outline, made when the pages' order is known */
	int drawn;			/* pages drawn so far */
	GArray *page_records;		/* guint by page drawn: the tag log's records begun before it */
	struct draw_images images;
};

/* An outline entry as its page gave it: added to Cairo's outline at the end, in the book's page order. */
struct outline_entry {
	int page;			/* the page it was drawn on (from 0), in drawing order */
	int level;
	char *title, *dest;
};

/* The drawn cover's text is set like the book's, so it shares their font subsets (one of each face). */
static PangoContext *cover_fonts(const struct cdev *c)
{
	return c->d.fonts ? fonts_context(c->d.fonts) : NULL;
}

/*
 * A failed write (a full disk, a file-size limit) is kept here, not told to Cairo: Cairo 1.16
 * writing plain page content (main.c) aborts on an assertion in its error path. The rest is
 * dropped, no more pages are drawn, and cairo_finish reports why the PDF was lost.
 */
static void put(struct cdev *c, const unsigned char *data, size_t length)
{
	if (!c->write_failed && length && fwrite(data, 1, length, c->fp) != length) {
		c->write_errno = errno;
		c->write_failed = true;
	}
}

/* Cairo writes a few bytes at a time (an operator, a number): gathered here, written in large pieces. */
static cairo_status_t write_fp(void *closure, const unsigned char *data, unsigned int length)
{
	struct cdev *c = closure;

	if (c->out_len + length > sizeof c->out) {
		put(c, c->out, c->out_len);
		c->out_len = 0;
	}
	if (length >= sizeof c->out) {
		put(c, data, length);
	} else {
		memcpy(c->out + c->out_len, data, length);
		c->out_len += length;
	}
	return CAIRO_STATUS_SUCCESS;
}

/* Document metadata, only characters Cairo takes (one noncharacter would fail the whole file). */
static void set_metadata(cairo_surface_t *surface, cairo_pdf_metadata_t key, const char *value)
{
	char *clean = xml_clean_text(value, -1);

	cairo_pdf_surface_set_metadata(surface, key, clean ? clean : value);
	g_free(clean);
}

/* ---- what every PDF has: links as areas, destinations, the outline ---- */

/* A clickable rectangle of an untagged PDF (Cairo's link tag with a rect: nothing drawn inside). */
static void link_rect(struct cdev *c, const char *target, double x, double y, double w, double h)
{
	GString *attrs = tagger_link_attrs(target);

	/* In page space: Cairo does not carry a rect through the translation to the trim. */
	g_string_append_printf(attrs, " rect=[%.2f %.2f %.2f %.2f]", x + c->off, y + c->off, w, h);
	cairo_tag_begin(c->cr, CAIRO_TAG_LINK, attrs->str);
	cairo_tag_end(c->cr, CAIRO_TAG_LINK);
	g_string_free(attrs, TRUE);
}

static void add_dest(struct cdev *c, const struct box *b)
{
	GString *attrs = g_string_new("name=");

	tagger_quote(attrs, b->target);
	g_string_append_printf(attrs, " x=%.2f y=%.2f", b->x + c->off, MAX(0, b->y - 4) + c->off);
	cairo_tag_begin(c->cr, CAIRO_TAG_DEST, attrs->str);
	cairo_tag_end(c->cr, CAIRO_TAG_DEST);
	g_string_free(attrs, TRUE);
}

static void add_outline(struct cdev *c, const struct box *b)
{
	char *title = xml_clean_text(b->text, -1);
	struct outline_entry e = { c->drawn - 1, CLAMP(b->level, 0, MAX_LEVELS - 1),
				   title ? title : g_strdup(b->text ? b->text : ""), g_strdup(b->target) };

	g_array_append_val(c->entries, e);
}

static int by_book_position_ptr(gconstpointer a, gconstpointer b, gpointer data)
{
	const struct outline_entry *x = *(const struct outline_entry *const *)a, *y = *(const struct outline_entry *const *)b;
	const struct cdev *c = data;
	int px = layout_book_position(x->page, c->drawn, c->d.moved_to, c->d.moved);
	int py = layout_book_position(y->page, c->drawn, c->d.moved_to, c->d.moved);

	return px != py ? (px < py ? -1 : 1) : (x < y ? -1 : x > y);
}

/* The outline, in the book's page order (entries of one page in their order: the sort is stable by index). */
static void write_outline(struct cdev *c)
{
	GPtrArray *order = g_ptr_array_new();

	for (guint i = 0; i < c->entries->len; i++)
		g_ptr_array_add(order, &g_array_index(c->entries, struct outline_entry, i));
	g_ptr_array_sort_with_data(order, by_book_position_ptr, c);
	for (guint i = 0; i < order->len; i++) {
		const struct outline_entry *e = g_ptr_array_index(order, i);
		int parent = CAIRO_PDF_OUTLINE_ROOT;
		GString *attrs = g_string_new("dest=");

		tagger_quote(attrs, e->dest);
		for (int l = e->level - 1; l >= 0; l--)
			if (c->outline[l] >= 0) {
				parent = c->outline[l];
				break;
			}
		c->outline[e->level] = cairo_pdf_surface_add_outline(c->surface, parent, e->title, attrs->str,
								     e->level == 0 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		for (int l = e->level + 1; l < MAX_LEVELS; l++)
			c->outline[l] = -1;
		g_string_free(attrs, TRUE);
	}
	g_ptr_array_free(order, TRUE);
}

static void entries_clear(GArray *entries)
{
	for (guint i = 0; i < entries->len; i++) {
		struct outline_entry *e = &g_array_index(entries, struct outline_entry, i);

		g_free(e->title);
		g_free(e->dest);
	}
	g_array_set_size(entries, 0);
}

/* A line drawn with no element around it (untagged, or an artifact): links as rectangles when untagged. */
static void plain_text(struct cdev *c, const struct box *b)
{
	const struct para_line *l = para_line(b->lp->para, b->line);

	for (guint i = 0; i < l->runs->len; i++) {
		const struct para_run *r = g_ptr_array_index(l->runs, i);

		if (r->glyphs->item->length <= 0)
			continue;
		draw_run(c->cr, b, l, r);
		if (r->style->link && r->width > 0 && !c->tags)
			link_rect(c, r->style->link, b->x + l->x + r->x, b->y - l->ascent, r->width + draw_hyphen_after(l, r),
				  l->ascent + l->descent);
	}
	draw_hyphen(c->cr, b, l);
}

/* PDF/X-4 with an RGB output intent takes no CMYK picture (Cairo keeps a JPEG's own colours). */
static void check_press_picture(struct cdev *c, const struct box *b)
{
	if (c->print.rgb_press && b->res && b->res->components == 4 && !strcmp(b->res->media_type, "image/jpeg")) {
		diag_error(b->el ? b->el->file : b->res->path, b->el ? b->el->line : 0,
			   "this picture is a CMYK JPEG, and PDF/X-4 with an RGB output intent takes RGB pictures: convert "
			   "it to RGB, or name a CMYK profile in the theme's pdf.output-profile");
		c->press_failed = true;
	}
}

/* A box as an untagged PDF draws it, in the page's order. */
static void plain_box(struct cdev *c, const struct page *p, const struct box *b)
{
	switch (b->kind) {
	case BOX_TEXT:
		plain_text(c, b);
		break;
	case BOX_RULE:
	case BOX_FILL:
	case BOX_FRAME:
		draw_shape(c->cr, b);
		break;
	case BOX_IMAGE:
		check_press_picture(c, b);
		draw_image(c->cr, &c->images, b, false, 0);
		break;
	case BOX_COVER:
		/* A cover image fills the page; a drawn cover is drawn as vectors, not pasted as pixels. */
		if (b->res) {
			check_press_picture(c, b);
			draw_image(c->cr, &c->images, b, true, c->print.bleed);
		} else {
			struct cover_hooks h = { .bleed = c->print.bleed, .like = cover_fonts(c) };

			cover_draw_hooked(c->cr, c->book, p->w, p->h, &h);
		}
		break;
	case BOX_LINK:
		if (!c->tags)
			link_rect(c, b->target, b->x, b->y, b->w, b->h);
		break;
	case BOX_DEST:
		add_dest(c, b);
		break;
	case BOX_OUTLINE:
		add_outline(c, b);
		break;
	}
}

/* ---- a tagged page ---- */

/* A picture with no words at all: a decoration (alt="" in the EPUB), drawn as an artifact. */
static bool decorative(const struct box *b)
{
	return b->kind == BOX_IMAGE && b->el && b->el->role == SR_FIGURE && !(b->el->alt && *b->el->alt);
}

/* The element a box's content belongs to (NULL: an artifact). */
static struct selem *box_el(const struct box *b)
{
	if (b->artifact || decorative(b))
		return NULL;
	return b->kind == BOX_TEXT ? b->lp->el : b->el;
}

/* Inside a Link already (a contents entry, a linked picture): a run's own link adds nothing. */
static bool within_link(const struct selem *el)
{
	for (; el; el = el->parent)
		if (el->role == SR_LINK)
			return true;
	return false;
}

static const char *run_link(const struct selem *el, const struct para_run *r)
{
	return r->style->link && r->width > 0 && !within_link(el) ? r->style->link : NULL;
}

/* What is known of an element on this page: may it be its own leaf? */
struct el_page {
	int groups;		/* stretches of content boxes it has, others' between */
	bool links, cut;	/* holds a link; a paragraph of it is not all here */
	bool self;		/* so it is its own leaf: all of it here, together, complete, no link */
};

struct plan {
	GPtrArray *content;	/* the boxes drawn inside elements, in order (and destinations, outline) */
	GHashTable *els;	/* struct selem * -> struct el_page * */
	GHashTable *areas;	/* layout's Link elements -> struct link_area * */
	GPtrArray *area_els;	/* those elements in the page's order */
};

static void area_free(gpointer p)
{
	struct link_area *a = p;

	g_array_free(a->rects, TRUE);
	g_free(a);
}

static void add_area(struct cdev *c, struct plan *pl, const struct box *b)
{
	struct link_area *a = g_hash_table_lookup(pl->areas, b->el);
	double r[4] = { b->x + c->off, b->y + c->off, b->w, b->h };

	if (!a) {
		a = g_new0(struct link_area, 1);
		a->target = b->target;
		a->rects = g_array_new(FALSE, FALSE, sizeof r);
		g_hash_table_insert(pl->areas, b->el, a);
		g_ptr_array_add(pl->area_els, b->el);
	}
	g_array_append_val(a->rects, r);
}

static void plan_page(struct cdev *c, const struct page *p, struct plan *pl)
{
	GHashTable *lines = g_hash_table_new(NULL, NULL);	/* lpara -> lines of it here */
	struct selem *last = NULL;
	GHashTableIter it;
	gpointer key, value;

	pl->content = g_ptr_array_new();
	pl->els = g_hash_table_new_full(NULL, NULL, NULL, g_free);
	pl->areas = g_hash_table_new_full(NULL, NULL, NULL, area_free);
	pl->area_els = g_ptr_array_new();
	for (guint i = 0; i < p->boxes->len; i++) {
		const struct box *b = &g_array_index(p->boxes, struct box, i);
		struct selem *el = box_el(b);
		struct el_page *e;

		if (b->kind == BOX_LINK && el) {
			add_area(c, pl, b);
			continue;
		}
		if (b->kind == BOX_DEST || b->kind == BOX_OUTLINE || (b->kind == BOX_LINK && !el)) {
			g_ptr_array_add(pl->content, (gpointer)b);
			continue;
		}
		if (decorative(b))
			tagger_figure(c->tags, b->el);
		if (!el || (b->kind != BOX_TEXT && b->kind != BOX_IMAGE && b->kind != BOX_COVER))
			continue;
		g_ptr_array_add(pl->content, (gpointer)b);
		e = g_hash_table_lookup(pl->els, el);
		if (!e) {
			e = g_new0(struct el_page, 1);
			g_hash_table_insert(pl->els, el, e);
		}
		if (el != last)
			e->groups++;
		last = el;
		if (b->kind == BOX_TEXT) {
			const struct para_line *l = para_line(b->lp->para, b->line);

			g_hash_table_insert(lines, b->lp, GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(lines, b->lp)) + 1));
			for (guint r = 0; r < l->runs->len; r++)
				if (run_link(el, g_ptr_array_index(l->runs, r)))
					e->links = true;
		}
	}
	g_hash_table_iter_init(&it, lines);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		const struct lpara *lp = key;

		if (GPOINTER_TO_INT(value) != para_n_lines(lp->para)) {
			struct el_page *e = g_hash_table_lookup(pl->els, lp->el);

			if (e)
				e->cut = true;
		}
	}
	g_hash_table_destroy(lines);
	/* Decided before anything is drawn: an element begun on a page before is open already. */
	g_hash_table_iter_init(&it, pl->els);
	while (g_hash_table_iter_next(&it, &key, &value)) {
		struct el_page *e = value;

		e->self = e->groups == 1 && !e->links && !e->cut && !tagger_is_open(c->tags, key);
	}
}

static void plan_clear(struct plan *pl)
{
	g_ptr_array_free(pl->content, TRUE);
	g_hash_table_destroy(pl->els);
	g_hash_table_destroy(pl->areas);
	g_ptr_array_free(pl->area_els, TRUE);
}

/* Its own leaf: all of it here, together, complete, with no link, and not begun on a page before. */
static bool self_leaf(const struct plan *pl, struct selem *el)
{
	const struct el_page *e = g_hash_table_lookup(pl->els, el);

	return e && e->self;
}

/* The areas a run's link covers on this page: this run and the ones after it going to the same place. */
static GArray *link_rects(struct cdev *c, const struct plan *pl, guint k, guint run, struct selem *el,
			  const char *target)
{
	GArray *rects = g_array_new(FALSE, FALSE, sizeof(double[4]));

	for (guint i = k; i < pl->content->len; i++) {
		const struct box *b = g_ptr_array_index(pl->content, i);
		const struct para_line *l;

		if (b->kind == BOX_DEST || b->kind == BOX_OUTLINE)
			continue;
		if (b->kind != BOX_TEXT || box_el(b) != el)
			break;
		l = para_line(b->lp->para, b->line);
		for (guint ri = i == k ? run : 0; ri < l->runs->len; ri++) {
			const struct para_run *r = g_ptr_array_index(l->runs, ri);
			const char *link = run_link(el, r);
			double rect[4] = { b->x + l->x + r->x + c->off, b->y - l->ascent + c->off,
					   r->width + draw_hyphen_after(l, r), l->ascent + l->descent };

			if (r->glyphs->item->length <= 0)
				continue;
			if (!link || strcmp(link, target))
				return rects;
			g_array_append_val(rects, rect);
		}
	}
	return rects;
}

static void tagged_text(struct cdev *c, const struct plan *pl, guint k)
{
	const struct box *b = g_ptr_array_index(pl->content, k);
	struct selem *el = box_el(b);
	const struct para_line *l = para_line(b->lp->para, b->line);
	const char *text = para_text(b->lp->para);
	bool self = self_leaf(pl, el);
	int first = -1, last = -1;

	for (guint i = 0; i < l->runs->len; i++)
		if (((const struct para_run *)g_ptr_array_index(l->runs, i))->glyphs->item->length > 0) {
			if (first < 0)
				first = (int)i;
			last = (int)i;
		}
	for (guint i = 0; i < l->runs->len; i++) {
		const struct para_run *r = g_ptr_array_index(l->runs, i);
		const char *link = run_link(el, r);
		int from = r->glyphs->item->offset, to = from + r->glyphs->item->length;

		if (r->glyphs->item->length <= 0)
			continue;
		/* The line's first and last runs take what the line holds undrawn: the space it broke at. */
		if ((int)i == first)
			from = MIN(from, l->start);
		if ((int)i == last)
			to = MAX(to, l->end);
		if (link && !tagger_in_link(c->tags, el, link)) {
			GArray *rects = link_rects(c, pl, k, i, el, link);

			tagger_leaf(c->tags, el, LEAF_LINK, link, (const double *)(void *)rects->data, (int)rects->len);
			g_array_free(rects, TRUE);
		} else if (!link) {
			tagger_leaf(c->tags, el, self ? LEAF_SELF : LEAF_SPAN, NULL, NULL, 0);
		}
		draw_run(c->cr, b, l, r);
		/* In the word's own leaf: its /ActualText is the paragraph's text, which has no hyphen there. */
		if ((int)i == last)
			draw_hyphen(c->cr, b, l);
		tagger_text(c->tags, text, from, to);
	}
}

/* Each text of a drawn cover is a paragraph of the cover's element. */
struct cover_tagging {
	struct cdev *c;
	struct selem *cover;
	struct selem *text;
};

static void cover_text(void *data, bool begin)
{
	struct cover_tagging *ct = data;

	if (begin) {
		ct->text = selem_new(SR_P, ct->cover);
		tagger_leaf(ct->c->tags, ct->text, LEAF_SELF, NULL, NULL, 0);
	} else {
		tagger_no_leaf(ct->c->tags);
		selem_unref(ct->text);
		ct->text = NULL;
	}
}

static void tagged_content(struct cdev *c, const struct page *p, const struct plan *pl, guint k)
{
	const struct box *b = g_ptr_array_index(pl->content, k);
	struct selem *el = box_el(b);

	switch (b->kind) {
	case BOX_TEXT:
		tagged_text(c, pl, k);
		break;
	case BOX_IMAGE:
		check_press_picture(c, b);
		tagger_leaf(c->tags, el, LEAF_SELF, NULL, NULL, 0);
		draw_image(c->cr, &c->images, b, false, 0);
		break;
	case BOX_COVER:
		if (b->res) {
			check_press_picture(c, b);
			tagger_leaf(c->tags, el, LEAF_SELF, NULL, NULL, 0);
			draw_image(c->cr, &c->images, b, true, c->print.bleed);
		} else {
			struct cover_tagging ct = { c, el, NULL };
			struct cover_hooks h = { cover_text, &ct, c->print.bleed, cover_fonts(c) };

			/* Its paper and ornaments drawn outside any leaf: artifacts. */
			tagger_no_leaf(c->tags);
			cover_draw_hooked(c->cr, c->book, p->w, p->h, &h);
		}
		break;
	case BOX_LINK: {
		/* A link layout gave no element (none should be): a Link of its own where it comes. */
		struct selem *own = selem_new(SR_LINK, NULL);
		GHashTable *areas = g_hash_table_new_full(NULL, NULL, NULL, area_free);
		struct link_area *a = g_new0(struct link_area, 1);
		double r[4] = { b->x + c->off, b->y + c->off, b->w, b->h };

		a->target = b->target;
		a->rects = g_array_new(FALSE, FALSE, sizeof r);
		g_array_append_val(a->rects, r);
		g_hash_table_insert(areas, own, a);
		tagger_set_links(c->tags, areas);
		tagger_leaf(c->tags, own, LEAF_SELF, NULL, NULL, 0);
		tagger_no_leaf(c->tags);
		tagger_set_links(c->tags, pl->areas);
		g_hash_table_destroy(areas);
		selem_unref(own);
		break;
	}
	case BOX_DEST:
		add_dest(c, b);
		break;
	case BOX_OUTLINE:
		add_outline(c, b);
		break;
	default:
		break;
	}
}

/*
 * Artifacts' shapes first (rules, backgrounds, frames: nothing they cover is drawn before), then
 * the content in its order inside its elements, then the text that is no element's (running
 * heads, folios, leaders, a table's repeated header): no leaf is open while an artifact is drawn.
 */
static void tagged_page(struct cdev *c, const struct page *p)
{
	struct plan pl;

	plan_page(c, p, &pl);
	tagger_no_leaf(c->tags);
	for (guint i = 0; i < p->boxes->len; i++) {
		const struct box *b = &g_array_index(p->boxes, struct box, i);

		if (b->kind == BOX_RULE || b->kind == BOX_FILL || b->kind == BOX_FRAME
		    || ((b->kind == BOX_IMAGE || b->kind == BOX_COVER) && !box_el(b)))
			plain_box(c, p, b);
	}
	tagger_set_links(c->tags, pl.areas);
	for (guint k = 0; k < pl.content->len; k++)
		tagged_content(c, p, &pl, k);
	/* A link whose content was none (a decorative picture's) still owns its area. */
	for (guint i = 0; i < pl.area_els->len; i++) {
		struct selem *el = g_ptr_array_index(pl.area_els, i);

		if (!el->done && !tagger_is_open(c->tags, el)) {
			tagger_leaf(c->tags, el, LEAF_SELF, NULL, NULL, 0);
			tagger_no_leaf(c->tags);
		}
	}
	tagger_no_leaf(c->tags);
	tagger_set_links(c->tags, NULL);
	for (guint i = 0; i < p->boxes->len; i++) {
		const struct box *b = &g_array_index(p->boxes, struct box, i);

		if (b->kind == BOX_TEXT && !box_el(b))
			plain_text(c, b);
	}
	plan_clear(&pl);
}

static void cairo_page(struct device *d, const struct page *p)
{
	struct cdev *c = (struct cdev *)d;

	c->drawn++;
	if (c->print.log)
		g_array_append_val(c->page_records, c->print.log->records->len);
	/* Once a write failed (a full disk) the PDF is lost: draw no more (cairo in its error state
	   leaks what drawing an image makes), and cairo_finish says why. */
	if (c->write_failed || cairo_status(c->cr) != CAIRO_STATUS_SUCCESS)
		return;
	/* Drawn larger by the bleed and the slug on every side, the trim moved in (Cairo clips at the page). */
	cairo_pdf_surface_set_size(c->surface, p->w + 2 * c->off, p->h + 2 * c->off);
	if (p->label)
		cairo_pdf_surface_set_page_label(c->surface, p->label);
	cairo_save(c->cr);
	cairo_translate(c->cr, c->off, c->off);
	if (c->tags)
		tagged_page(c, p);
	else
		for (guint i = 0; i < p->boxes->len; i++)
			plain_box(c, p, &g_array_index(p->boxes, struct box, i));
	cairo_restore(c->cr);
	/* Cairo reads only the head of a CJK face's CFF table to see it is CID-keyed (cairo_cff.h). */
	cairo_cff_page_begin();
	cairo_show_page(c->cr);
	cairo_cff_page_end();
}

static bool cairo_finish(struct device *d)
{
	struct cdev *c = (struct cdev *)d;
	cairo_status_t st;
	bool tags_failed = c->tags && tagger_failed(c->tags);

	write_outline(c);
	/* Tagged: which elements were begun on the moved pages, for the post-pass to put them in place. */
	if (c->print.log && layout_book_moves(c->drawn, c->d.moved_to, c->d.moved)) {
		c->print.log->moved_from = g_array_index(c->page_records, guint, c->drawn - c->d.moved);
		c->print.log->moved_before = g_array_index(c->page_records, guint, c->d.moved_to);
	}
	/* The elements still open close after the last page (Cairo takes that). */
	tagger_free(c->tags);
	c->tags = NULL;
	cairo_destroy(c->cr);
	c->cr = NULL;
	/* Cairo compresses the font subsets as it finishes: the post-pass does that on every core. */
	cairo_zlib_store_begin();
	cairo_surface_finish(c->surface);
	cairo_zlib_store_end();
	st = cairo_surface_status(c->surface);
	put(c, c->out, c->out_len);
	c->out_len = 0;
	errno = 0;
	if (st == CAIRO_STATUS_SUCCESS && !c->write_failed && fflush(c->fp) != 0) {
		c->write_failed = true;
		c->write_errno = errno;
	}
	if (c->write_failed) {
		diag_error(c->path, 0, "cannot write the PDF: %s",
			   c->write_errno ? g_strerror(c->write_errno) : "the file could not be written");
		return false;
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_error(c->path, 0, "cannot write the PDF: %s", cairo_status_to_string(st));
		return false;
	}
	return !tags_failed && !c->press_failed;
}

static void cairo_free(struct device *d)
{
	struct cdev *c = (struct cdev *)d;

	if (!c)
		return;
	tagger_free(c->tags);
	if (c->cr)
		cairo_destroy(c->cr);
	cairo_surface_destroy(c->surface);
	entries_clear(c->entries);
	g_array_free(c->entries, TRUE);
	g_array_free(c->page_records, TRUE);
	draw_images_clear(&c->images);
	g_free(c);
}

/* Up to 32 distinct tags of the articles, for the PDF's keywords. */
static char *keywords(const struct book *b)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < b->articles->len && g_hash_table_size(seen) < 32; i++) {
		const struct article *a = g_ptr_array_index(b->articles, i);

		for (guint j = 0; j < a->fm.tags.items->len && g_hash_table_size(seen) < 32; j++) {
			const char *t = g_ptr_array_index(a->fm.tags.items, j);

			if (g_hash_table_contains(seen, t))
				continue;
			g_hash_table_add(seen, (gpointer)t);
			if (s->len)
				g_string_append(s, ", ");
			g_string_append(s, t);
		}
	}
	g_hash_table_destroy(seen);
	return g_string_free(s, FALSE);
}

struct device *device_cairo_new(FILE *fp, const char *path, const struct book *b, double w, double h,
				const struct device_print *print)
{
	struct cdev *c = g_new0(struct cdev, 1);
	char *date = date_format_utc(b->modified), *kw = keywords(b), *creator = g_strdup_printf("folio %s", FOLIO_VERSION);

	cairo_code_init();	/* Cairo's calls known as Cairo's from here on (cairo_printf.c, cairo_cff.c) */
	c->d.page = cairo_page;
	c->d.finish = cairo_finish;
	c->d.free = cairo_free;
	c->fp = fp;
	c->path = path;
	c->book = b;
	if (print)
		c->print = *print;
	c->off = c->print.bleed + c->print.slug;
	draw_images_init(&c->images);
	c->entries = g_array_new(FALSE, FALSE, sizeof(struct outline_entry));
	c->page_records = g_array_new(FALSE, FALSE, sizeof(guint));
	for (int i = 0; i < MAX_LEVELS; i++)
		c->outline[i] = -1;
	c->surface = cairo_pdf_surface_create_for_stream(write_fp, c, w + 2 * c->off, h + 2 * c->off);
	cairo_pdf_surface_restrict_to_version(c->surface, CAIRO_PDF_VERSION_1_5);
	set_metadata(c->surface, CAIRO_PDF_METADATA_TITLE, b->title ? b->title : "");
	if (b->author)
		set_metadata(c->surface, CAIRO_PDF_METADATA_AUTHOR, b->author);
	if (b->description)
		set_metadata(c->surface, CAIRO_PDF_METADATA_SUBJECT, b->description);
	if (*kw)
		set_metadata(c->surface, CAIRO_PDF_METADATA_KEYWORDS, kw);
	cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATOR, creator);
	cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
	c->cr = cairo_create(c->surface);
	if (c->print.log)
		c->tags = tagger_new(c->cr, c->print.log, c->print.ua);
	g_free(date);
	g_free(kw);
	g_free(creator);
	return &c->d;
}
