/* layout_cellpics.c - pictures in table cells: found, fitted to their column side by side or as figures, placed. */
#include "format/pdf/layout_int.h"
#include "html/table.h"
#include "text/nodetext.h"

#include <string.h>

/*
 * A cell's pictures, set as pictures in its column, as the EPUB shows them, not described.
 * Pictures without a caption stand side by side as in a line of the EPUB's cell (a line break
 * starts a new line of them); one with a caption is a figure, on a line of its own. Among words,
 * they are set below the cell's text, as a paragraph's pictures are set after it.
 */
struct cell_pic {
	const struct image *im;
	const char *caption;	/* printed under it, or NULL */
	char *link;		/* where it links, or NULL */
	int line;
	bool new_line;		/* a line break before it */
	double fit_w, fit_h;	/* its size fitted to the column */
	double x, y, w, h;	/* as set: from the cell's picture area's top left */
	struct lpara *cap;	/* its caption set, or NULL */
	double cap_y, cap_h;
};

static void cell_pic_free(gpointer p)
{
	struct cell_pic *pic = p;

	g_free(pic->link);
	lpara_unref(pic->cap);
	g_free(pic);
}

/* A line break in a cell: a hard one, or a <br>. */
static bool line_break(cmark_node *n)
{
	const char *t = cmark_node_get_literal(n);

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_LINEBREAK:
		return true;
	case CMARK_NODE_HTML_INLINE:
		return t && (!g_ascii_strcasecmp(t, "<br>") || !g_ascii_strcasecmp(t, "<br/>")
			     || !g_ascii_strcasecmp(t, "<br />"));
	default:
		return false;
	}
}

/* White space between pictures: blank text, a line end, a <br>. */
static bool between_pictures(cmark_node *n)
{
	const char *t = cmark_node_get_literal(n);

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_SOFTBREAK:
		return true;
	case CMARK_NODE_TEXT:
		return t && !t[strspn(t, " \t\n")];
	default:
		return line_break(n);
	}
}

GPtrArray *lay_cell_pictures(struct lay *L, cmark_node *cell, cmark_node *raw, bool *words)
{
	GPtrArray *pics;
	cmark_iter *it;
	cmark_event_type ev;
	bool ok = true, broken = false;

	*words = false;
	if (!L->view || !cell || !cmark_node_first_child(cell))
		return NULL;
	pics = g_ptr_array_new_with_free_func(cell_pic_free);
	it = cmark_iter_new(cell);
	while (ok && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *x = cmark_iter_get_node(it), *up;
		cmark_node_type type = cmark_node_get_type(x);
		const struct image *im = NULL;
		struct cell_pic *pic;

		if (ev != CMARK_EVENT_ENTER || x == cell || type == CMARK_NODE_LINK || type == CMARK_NODE_EMPH
		    || type == CMARK_NODE_STRONG || between_pictures(x)) {
			broken = broken || (ev == CMARK_EVENT_ENTER && line_break(x));
			continue;
		}
		if (type == CMARK_NODE_IMAGE)
			im = raw ? record_image(L->view, raw, cmark_node_get_url(x), html_table_image_nth(x))
				 : record_image(L->view, x, NULL, 0);
		else if (type == CMARK_NODE_HTML_INLINE && !raw)
			im = record_inline_picture(x);
		if (!im && type != CMARK_NODE_IMAGE) {
			/* Words (text, code, other tags): the text the pictures go below. */
			*words = true;
			continue;
		}
		if (im && im->res && im->res->blank)
			continue;	/* a spacer: nothing to see, as in the EPUB */
		if (!im || !lay_drawable(im->res)) {
			ok = false;
			break;
		}
		pic = g_new0(struct cell_pic, 1);
		pic->im = im;
		/*
		 * Its caption where the EPUB prints one: a raw <img> alone in its cell is a figure
		 * there (the record says, as for any raw picture); a Markdown image in a cell is in the
		 * cell's line, its alt text only its description.
		 */
		pic->caption = raw && !im->in_figure ? im->caption : NULL;
		pic->line = lay_node_line(L, x);
		pic->new_line = broken;
		broken = false;
		if (type == CMARK_NODE_IMAGE) {
			pic->link = (up = node_link_around(x)) ? lay_link_target(up) : NULL;
			cmark_iter_reset(it, x, CMARK_EVENT_EXIT);	/* its alt text */
		} else {
			pic->link = lay_raw_picture_link(x);
		}
		g_ptr_array_add(pics, pic);
	}
	cmark_iter_free(it);
	if (!ok || !pics->len) {
		g_ptr_array_free(pics, TRUE);
		return NULL;
	}
	return pics;
}

/* A picture's caption width wide, a Caption under el (NULL: measured only). */
static struct lpara *caption_para(struct lay *L, const struct flow *F, const char *caption, double width,
				  enum para_align align, struct selem *el, int line)
{
	double size = L->t->small_size;
	struct lpara *lp = lay_para_new(L, width, size * 1.5, 0, align, false, line);

	if (el)
		lay_para_role(L, lp, SR_CAPTION, el);
	para_add(lp->para, caption, -1,
		 lay_style(L, lay_body_role(F), size, false, false, L->t->color_muted, NULL, 0, false, false));
	return lp;
}

/* A picture's natural width at 96 pixels to the inch, as lay_image sets one. */
static double pic_natural_width(const struct cell_pic *pic)
{
	return pic->im->res->width * 0.75;
}

static bool has_caption(const struct cell_pic *pic)
{
	return pic->caption && *pic->caption;
}

/* Does picture i start a line of the cell's pictures (the first, after a line break, a figure or after one)? */
static bool starts_line(GPtrArray *pics, guint i)
{
	const struct cell_pic *pic = g_ptr_array_index(pics, i);

	return i == 0 || pic->new_line || has_caption(pic) || has_caption(g_ptr_array_index(pics, i - 1));
}

void lay_cell_pictures_widths(struct lay *L, const struct flow *F, GPtrArray *pics, double *nat, double *min)
{
	double pw = 0, line = 0;

	*nat = *min = 0;

	for (guint i = 0; i < pics->len; i++) {
		const struct cell_pic *pic = g_ptr_array_index(pics, i);

		if (starts_line(pics, i))
			line = 0;
		line += (line ? LAY_CELL_PIC_GAP : 0) + pic_natural_width(pic);
		*nat = MAX(*nat, line);
		pw = MAX(pw, pic_natural_width(pic));
		if (has_caption(pic)) {
			/* Its caption is text of the column, as a cell's. */
			struct lpara *lp = caption_para(L, F, pic->caption, 1e6, PARA_LEFT, NULL, 0);

			*nat = MAX(*nat, para_natural_width(lp->para));
			*min = MAX(*min, para_min_width(lp->para));
			lpara_unref(lp);
		}
	}
	/* A picture gives way to the other columns down to three em. */
	*nat = MAX(*nat, pw);
	*min = MAX(*min, MIN(pw, 3 * L->t->small_size));
}

/*
 * The cell's pictures at scale (of their size fitted to the column) in lines width wide, aligned
 * as align: their places, and their height with their captions.
 */
static double arrange_pictures(GPtrArray *pics, double width, double scale, enum para_align align)
{
	double y = 0;

	for (guint i = 0; i < pics->len;) {
		guint first = i;
		double line_w = 0, line_h = 0, shift;

		for (; i < pics->len; i++) {
			struct cell_pic *pic = g_ptr_array_index(pics, i);
			double x = i > first ? line_w + LAY_CELL_PIC_GAP : 0;

			pic->w = pic->fit_w * scale;
			pic->h = pic->fit_h * scale;
			if (i > first && (starts_line(pics, i) || x + pic->w > width))
				break;
			pic->x = x;
			line_w = x + pic->w;
			line_h = MAX(line_h, pic->h);
		}
		if (first > 0)
			y += LAY_CELL_PIC_GAP;
		shift = align == PARA_CENTER ? (width - line_w) / 2 : align == PARA_RIGHT ? width - line_w : 0;
		for (guint k = first; k < i; k++) {
			struct cell_pic *pic = g_ptr_array_index(pics, k);

			/* On the line's foot, as pictures of a line of text stand. */
			pic->x += shift;
			pic->y = y + line_h - pic->h;
		}
		y += line_h;
		if (((struct cell_pic *)g_ptr_array_index(pics, first))->cap) {
			struct cell_pic *pic = g_ptr_array_index(pics, first);

			pic->cap_y = y + LAY_CELL_PIC_GAP;
			y = pic->cap_y + pic->cap_h;
		}
	}
	return y;
}

double lay_cell_pictures_size(struct lay *L, const struct flow *F, GPtrArray *pics, double width, double max_h,
			    enum para_align align, struct selem *el)
{
	double total, scale = 1, fixed = 0;

	for (guint i = 0; i < pics->len; i++) {
		struct cell_pic *pic = g_ptr_array_index(pics, i);

		pic->fit_w = pic_natural_width(pic);
		pic->fit_h = pic->im->res->height * 0.75;
		if (pic->fit_w > width) {
			pic->fit_h *= width / pic->fit_w;
			pic->fit_w = width;
		}
		if (has_caption(pic)) {
			pic->cap = caption_para(L, F, pic->caption, width, align, el, pic->line);
			lay_para_check(L, pic->cap);
			for (int k = 0; k < para_n_lines(pic->cap->para); k++) {
				const struct para_line *l = para_line(pic->cap->para, k);

				pic->cap_h += l->ascent + l->descent;
			}
			fixed += LAY_CELL_PIC_GAP + pic->cap_h;	/* what does not shrink */
		}
	}
	/*
	 * Never taller than a page holds: the pictures give way, their captions keep their size
	 * (below a header row that fills a page itself, a quarter of a page all the same). Smaller
	 * pictures may share lines, so the height is measured again.
	 */
	max_h = MAX(max_h, L->body_h / 4);
	total = arrange_pictures(pics, width, scale, align);
	for (int round = 0; round < 8 && total > max_h + 0.01; round++) {
		double pics_h = total - fixed;

		if (pics_h <= 0)
			break;
		scale *= MAX(max_h - fixed, max_h / 4) / pics_h;
		total = arrange_pictures(pics, width, scale, align);
	}
	return total;
}

void lay_cell_pictures_place(struct lay *L, struct vitem *v, GPtrArray *pics, double x, double y, struct selem *el)
{
	for (guint i = 0; i < pics->len; i++) {
		const struct cell_pic *pic = g_ptr_array_index(pics, i);

		lay_picture_boxes(L, v, pic->im, pic->caption, pic->link, el, x + pic->x, y + pic->y, pic->w, pic->h,
				  pic->line);
		double top = 0;	/* from the caption's top to the line's */

		for (int k = 0; pic->cap && k < para_n_lines(pic->cap->para); k++) {
			const struct para_line *l = para_line(pic->cap->para, k);
			struct box b = { .kind = BOX_TEXT, .x = x, .y = y + pic->cap_y + top + l->ascent,
					 .lp = lpara_ref(pic->cap), .line = k };

			vitem_box(v, &b);
			top += l->ascent + l->descent;
		}
	}
}
