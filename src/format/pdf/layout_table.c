/* layout_table.c - GFM tables: column widths from content, wrapped cells, pictures in cells, header repeated after a break. */
#include "format/pdf/layout_int.h"
#include "text/clreq.h"
#include "text/nodetext.h"
#include "html/table.h"

#include <string.h>
#include <cmark-gfm-core-extensions.h>

enum { PAD_X = 4, PAD_Y = 3 };

/*
 * A picture a cell holds with nothing else (but white space, line breaks, links around it and
 * other such pictures): set as a picture in its column, as the EPUB shows it, not described.
 * Pictures without a caption stand side by side as in a line of the EPUB's cell (a line break
 * starts a new line of them); one with a caption is a figure, on a line of its own.
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

struct cell {
	struct lpara *lp;	/* its text; a picture cell's is empty, its element the cell's */
	int next;		/* first line not yet placed (rows split over pages) */
	GPtrArray *pics;	/* a picture cell's pictures (struct cell_pic *, the row's), else NULL */
	double pics_h;		/* their height with their captions */
	enum para_align align;
	bool pics_placed;
};

struct row {
	cmark_node *node;
	bool header;
	struct cell *cells;
	GPtrArray **pics;	/* per column: the pictures of a picture cell, else NULL */
};

enum { PIC_GAP = 4 };	/* between a cell's pictures, and a picture and its caption */

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

/*
 * The pictures of a cell that holds nothing else, each one the PDF can draw (raw: the raw HTML
 * the table was read from, whose records they are found among by address); NULL when the cell
 * holds anything else, or none, or a picture that is not here (it is set as text, its pictures
 * described, as a line of text shows them).
 */
static GPtrArray *cell_pictures(struct lay *L, cmark_node *cell, cmark_node *raw)
{
	GPtrArray *pics;
	cmark_iter *it;
	cmark_event_type ev;
	bool ok = true, broken = false;

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
		if (!im || !lay_drawable(im->res) || lay_svg_is_empty(im->res)) {
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
			double x = i > first ? line_w + PIC_GAP : 0;

			pic->w = pic->fit_w * scale;
			pic->h = pic->fit_h * scale;
			if (i > first && (starts_line(pics, i) || x + pic->w > width))
				break;
			pic->x = x;
			line_w = x + pic->w;
			line_h = MAX(line_h, pic->h);
		}
		if (first > 0)
			y += PIC_GAP;
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

			pic->cap_y = y + PIC_GAP;
			y = pic->cap_y + pic->cap_h;
		}
	}
	return y;
}

/*
 * The cell's pictures set in width under element el, in lines with their captions, and made
 * smaller together when they would be taller than max_h: their height.
 */
static double size_pictures(struct lay *L, const struct flow *F, GPtrArray *pics, double width, double max_h,
			    enum para_align align, struct selem *el)
{
	double total, scale = 1;

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
		double fixed = 0, pics_h;

		for (guint i = 0; i < pics->len; i++) {
			const struct cell_pic *pic = g_ptr_array_index(pics, i);

			if (pic->cap)
				fixed += PIC_GAP + pic->cap_h;
		}
		pics_h = total - fixed;
		if (pics_h <= 0)
			break;
		scale *= MAX(max_h - fixed, max_h / 4) / pics_h;
		total = arrange_pictures(pics, width, scale, align);
	}
	return total;
}

/* The pictures of a cell into v: their area's top left at x, y. */
static void place_pictures(struct lay *L, struct vitem *v, GPtrArray *pics, double x, double y, struct selem *el)
{
	for (guint i = 0; i < pics->len; i++) {
		const struct cell_pic *pic = g_ptr_array_index(pics, i);

		lay_picture_boxes(L, v, pic->im, pic->caption, pic->link, el, x + pic->x, y + pic->y, pic->w, pic->h,
				  pic->line);
		for (int k = 0; pic->cap && k < para_n_lines(pic->cap->para); k++) {
			const struct para_line *l = para_line(pic->cap->para, k);
			double top = y + pic->cap_y;
			struct box b = { .kind = BOX_TEXT, .x = x, .lp = lpara_ref(pic->cap), .line = k };

			for (int m = 0; m < k; m++)
				top += para_line(pic->cap->para, m)->ascent + para_line(pic->cap->para, m)->descent;
			b.y = top + l->ascent;
			vitem_box(v, &b);
		}
	}
}

static bool is_type(cmark_node *n, const char *name)
{
	const char *t = cmark_node_get_type_string(n);

	return t && !strcmp(t, name);
}

static enum para_align cell_align(const uint8_t *aligns, int col)
{
	switch (aligns ? aligns[col] : 0) {
	case 'c':
		return PARA_CENTER;
	case 'r':
		return PARA_RIGHT;
	default:
		return PARA_LEFT;
	}
}

/* One cell's text as a paragraph width wide: a cell of row (a header cell in a header row), or of none. */
static struct lpara *cell_para(struct lay *L, const struct flow *F, cmark_node *cell, double width,
			       enum para_align align, bool header, int line, struct selem *row)
{
	double size = L->t->small_size;
	struct inline_style s = { .role = F->latin ? FONT_BODY_LATIN : FONT_BODY, .size = size, .bold = header,
				  .color = F->color };
	struct lpara *lp = lay_para_new(L, width, size * 1.5, 0, align, false, line);

	if (row)
		lay_para_role(L, lp, header ? SR_TH : SR_TD, row);
	if (cell)
		layout_inlines(L, lp, cell, &s);
	return lp;
}

/* Does text hold Chinese (or Japanese, Korean) characters or marks (clreq's notion)? */
static bool has_cjk(const char *text)
{
	for (const char *p = text; *p; p = g_utf8_next_char(p))
		if (clreq_is_cjk(g_utf8_get_char(p)))
			return true;
	return false;
}

/* Column widths: natural when they fit, else shares of the room between minimum and natural. */
static void column_widths(struct lay *L, const struct flow *F, GPtrArray *rows, int ncols, double *w)
{
	double *nat = g_new0(double, ncols), *min = g_new0(double, ncols), *floor_w = g_new0(double, ncols);
	bool *cjk = g_new0(bool, ncols);
	double sum_nat = 0;

	for (guint r = 0; r < rows->len; r++) {
		struct row *row = g_ptr_array_index(rows, r);
		cmark_node *cell = cmark_node_first_child(row->node);

		for (int c = 0; c < ncols; c++, cell = cell ? cmark_node_next(cell) : NULL) {
			struct lpara *lp;

			if (row->pics[c]) {
				/* A line of pictures' natural width, or what is left for it: at least three em. */
				double pw = 0, line = 0;

				for (guint i = 0; i < row->pics[c]->len; i++) {
					const struct cell_pic *pic = g_ptr_array_index(row->pics[c], i);

					if (starts_line(row->pics[c], i))
						line = 0;
					line += (line ? PIC_GAP : 0) + pic_natural_width(pic);
					nat[c] = MAX(nat[c], line + 2 * PAD_X);
					pw = MAX(pw, pic_natural_width(pic));
					if (has_caption(pic)) {
						/* Its caption is text of the column, as a cell's. */
						lp = caption_para(L, F, pic->caption, 1e6, PARA_LEFT, NULL, 0);
						nat[c] = MAX(nat[c], para_natural_width(lp->para) + 2 * PAD_X);
						min[c] = MAX(min[c], para_min_width(lp->para) + 2 * PAD_X);
						lpara_unref(lp);
					}
				}
				nat[c] = MAX(nat[c], pw + 2 * PAD_X);
				min[c] = MAX(min[c], MIN(pw, 3 * L->t->small_size) + 2 * PAD_X);
				continue;
			}
			lp = cell_para(L, F, cell, 1e6, PARA_LEFT, row->header, 0, NULL);

			nat[c] = MAX(nat[c], para_natural_width(lp->para) + 2 * PAD_X);
			min[c] = MAX(min[c], para_min_width(lp->para) + 2 * PAD_X);
			if (!cjk[c])
				cjk[c] = has_cjk(para_text(lp->para));
			lpara_unref(lp);
		}
	}
	/*
	 * A column of Chinese (or Japanese, Korean) is at least four characters wide, or its natural
	 * width if less: such text breaks between any two characters, so its narrowest would be one
	 * character a line ("默 / 认 / 值"), and a line would then start with a stop ("合法值 / ：[0-3]").
	 * Western text keeps its widest word as its narrowest.
	 */
	for (int c = 0; c < ncols; c++) {
		nat[c] = MAX(nat[c], 2 * PAD_X + 6);
		floor_w[c] = MIN(2 * PAD_X + (cjk[c] ? 4 * L->t->small_size : 6), nat[c]);
		min[c] = MIN(MAX(min[c], floor_w[c]), nat[c]);
		sum_nat += nat[c];
	}
	if (sum_nat <= F->w) {
		/* A table that fits keeps its natural width (centred): no gaps wider than the padding. */
		for (int c = 0; c < ncols; c++)
			w[c] = nat[c];
	} else {
		/*
		 * Each column gets at least its widest word (when the minimums fit); narrow
		 * columns keep their natural width when the rest still fits its minimums; the
		 * room left goes to the other columns by how much more they want.
		 */
		bool *fixed = g_new0(bool, ncols);
		double room = F->w, rest_min = 0, want = 0;
		bool changed = true;

		for (int c = 0; c < ncols; c++)
			rest_min += min[c];
		if (rest_min > F->w) {
			/*
			 * Cells break inside words. Every column keeps its four characters while they fit;
			 * what is left goes to the columns with longer words, by how much longer.
			 */
			double floors = 0, over = 0;

			for (int c = 0; c < ncols; c++) {
				floors += floor_w[c];
				over += min[c] - floor_w[c];
			}
			for (int c = 0; c < ncols; c++)
				w[c] = floors > F->w ? floor_w[c] * F->w / floors
					: floor_w[c] + (over > 0 ? (min[c] - floor_w[c]) * (F->w - floors) / over : 0);
			g_free(fixed);
			goto out;
		}
		while (changed) {
			int left = 0;

			changed = false;
			for (int c = 0; c < ncols; c++)
				left += !fixed[c];
			for (int c = 0; c < ncols && left > 1; c++) {
				if (!fixed[c] && nat[c] <= room / left && room - nat[c] >= rest_min - min[c]) {
					fixed[c] = true;
					w[c] = nat[c];
					room -= nat[c];
					rest_min -= min[c];
					left--;
					changed = true;
				}
			}
		}
		for (int c = 0; c < ncols; c++)
			if (!fixed[c])
				want += nat[c] - min[c];
		for (int c = 0; c < ncols; c++)
			if (!fixed[c])
				w[c] = min[c] + (want > 0 ? (nat[c] - min[c]) * (room - rest_min) / want : 0);
		g_free(fixed);
	}
out:
	g_free(nat);
	g_free(min);
	g_free(floor_w);
	g_free(cjk);
}

static void add_rule_box(struct vitem *v, struct lay *L, const struct flow *F, double y, double thickness)
{
	struct box r = { .kind = BOX_RULE, .x = F->x, .y = y, .w = F->w, .h = thickness, .color = L->t->color_rule };

	if (thickness > 0.8)
		r.color = L->t->color_text;
	vitem_box(v, &r);
}

/*
 * The next slice of a row, at most max_h tall (whole when it fits): each
 * cell gives the lines that fit. Returns NULL when all lines are placed.
 */
static struct vitem *row_slice(struct lay *L, const struct flow *F, struct row *row, int ncols, const double *x,
			       double max_h, bool *done)
{
	double h = 0;
	struct vitem *v;
	int placed = 0;

	*done = true;
	v = vitem_new(0);
	for (int c = 0; c < ncols; c++) {
		struct cell *cell = &row->cells[c];
		int n = para_n_lines(cell->lp->para), i = cell->next;
		double y = PAD_Y;

		if (cell->pics) {
			/* Whole, in the row's first slice (size_pictures made them fit one). */
			if (!cell->pics_placed) {
				place_pictures(L, v, cell->pics, F->x + x[c] + PAD_X, y, cell->lp->el);
				y += cell->pics_h;
				cell->pics_placed = true;
				placed++;
			}
			h = MAX(h, y + PAD_Y);
			continue;
		}

		for (; i < n; i++) {
			const struct para_line *l = para_line(cell->lp->para, i);
			double lh = l->ascent + l->descent;
			struct box b = { .kind = BOX_TEXT, .x = F->x + x[c] + PAD_X, .y = y + l->ascent, .line = i };

			/* Always at least one line per slice, so a slice makes progress. */
			if (y + lh + PAD_Y > max_h && i > cell->next) {
				*done = false;
				break;
			}
			b.lp = lpara_ref(cell->lp);	/* only for a line placed: the one left for the next slice leaked it */
			vitem_box(v, &b);
			y += lh;
			placed++;
		}
		cell->next = i;
		h = MAX(h, y + PAD_Y);
	}
	v->height = h;
	if (!placed && h <= 2 * PAD_Y)
		v->height = L->t->small_size * 1.5 + 2 * PAD_Y;
	return v;
}

static bool row_is_empty(const struct row *row)
{
	for (cmark_node *c = cmark_node_first_child(row->node); c; c = cmark_node_next(c)) {
		char *t = node_plain_text(c);
		bool blank = !*t;

		g_free(t);
		if (!blank || (cmark_node_first_child(c) && cmark_node_get_type(cmark_node_first_child(c)) == CMARK_NODE_IMAGE))
			return false;
	}
	return true;
}

void layout_table(struct lay *L, struct flow *F, cmark_node *table, cmark_node *raw)
{
	int ncols = cmark_gfm_extensions_get_table_columns(table);
	const uint8_t *aligns = cmark_gfm_extensions_get_table_alignments(table);
	GPtrArray *rows = g_ptr_array_new();
	double *w, *x;
	struct vitem *header = NULL;
	bool first_body = true;
	struct flow band;
	struct selem *table_el, *head_el = NULL, *body_el = NULL;

	if (ncols <= 0)
		return;
	for (cmark_node *r = cmark_node_first_child(table); r; r = cmark_node_next(r)) {
		struct row *row;

		if (!is_type(r, "table_row") && !is_type(r, "table_header"))
			continue;
		row = g_new0(struct row, 1);
		row->node = r;
		row->header = is_type(r, "table_header") || cmark_gfm_extensions_get_table_row_is_header(r);
		g_ptr_array_add(rows, row);
	}
	/* An empty header row (tables pasted from the web) gives way to the first row: it is the header. */
	if (rows->len > 1 && ((struct row *)g_ptr_array_index(rows, 0))->header && row_is_empty(g_ptr_array_index(rows, 0))) {
		struct row *first = g_ptr_array_index(rows, 0);

		g_ptr_array_remove_index(rows, 0);
		g_free(first);
		((struct row *)g_ptr_array_index(rows, 0))->header = true;
	}
	for (guint r = 0; r < rows->len; r++) {
		struct row *row = g_ptr_array_index(rows, r);
		cmark_node *cell = cmark_node_first_child(row->node);

		row->pics = g_new0(GPtrArray *, ncols);
		for (int c = 0; c < ncols; c++, cell = cell ? cmark_node_next(cell) : NULL)
			row->pics[c] = cell_pictures(L, cell, raw);
	}
	w = g_new0(double, ncols);
	x = g_new0(double, ncols + 1);
	column_widths(L, F, rows, ncols, w);
	for (int c = 0; c < ncols; c++)
		x[c + 1] = x[c] + w[c];
	/* From here on the table's own band: its rules span its columns. */
	band = *F;
	band.w = MIN(x[ncols], F->w);
	band.x = F->x + (F->w - band.w) / 2;
	F = &band;
	table_el = lay_element(L, SR_TABLE, F->el, lay_node_line(L, table));
	lay_block_begin(L, F, F->size * L->t->block_space);
	for (guint r = 0; r < rows->len; r++) {
		struct row *row = g_ptr_array_index(rows, r);
		cmark_node *cell = cmark_node_first_child(row->node);
		bool done = false, first_slice = true;

		bool empty = true;
		struct selem **group = row->header ? &head_el : &body_el, *tr;

		/* Header rows go in the THead (their cells scoped to their columns), the others in the TBody. */
		if (!*group)
			*group = lay_element(L, row->header ? SR_THEAD : SR_TBODY, table_el, lay_node_line(L, row->node));
		tr = lay_element(L, SR_TR, *group, lay_node_line(L, row->node));
		row->cells = g_new0(struct cell, ncols);
		for (int c = 0; c < ncols; c++, cell = cell ? cmark_node_next(cell) : NULL) {
			struct cell *k = &row->cells[c];

			k->align = cell_align(aligns, c);
			k->pics = row->pics[c];
			k->lp = cell_para(L, F, k->pics ? NULL : cell, w[c] - 2 * PAD_X, k->align, row->header,
					  lay_node_line(L, row->node), tr);
			lay_para_check(L, k->lp);
			/*
			 * Pictures fit a page below the header row, with the row's padding and rules; a
			 * header row's take at most a third of one, as it is repeated on every page.
			 */
			if (k->pics)
				k->pics_h = size_pictures(L, F, k->pics, w[c] - 2 * PAD_X,
							  (row->header ? L->body_h / 3 : L->body_h - (header ? header->height : 0))
								  - 1 - 2 * PAD_Y - 2.5,
							  k->align, k->lp->el);
			if (k->pics || *para_text(k->lp->para))
				empty = false;
		}
		/* A header row with nothing in it (and nothing after it) is left out. */
		if (row->header && empty)
			done = true;
		while (!done) {
			/* Room on a page below a repeated header. */
			double max_h = L->body_h - (header ? header->height : 0) - 1;
			struct vitem *v = row_slice(L, F, row, ncols, x, max_h, &done);

			if (row->header) {
				/* The header row carries the top rule and the rule below it. */
				for (guint i = 0; i < v->boxes->len; i++)
					g_array_index(v->boxes, struct box, i).y += 1;
				v->height += 1.5;
				add_rule_box(v, L, F, 0, 1);
				add_rule_box(v, L, F, v->height - 0.5, 0.5);
				if (!header)
					header = vitem_ref(v);
				else
					v->keep_with_prev = true;
			} else {
				if (!first_body || !header)
					add_rule_box(v, L, F, 0, first_body ? 1 : 0.3);
				if (header)
					v->header = vitem_ref(header);
				/* The header stays with the first row; a split row's pieces may part. */
				if (first_body && header && first_slice)
					v->keep_with_prev = true;
				first_body = false;
			}
			first_slice = false;
			lay_add(L, v);
		}
		for (int c = 0; c < ncols; c++) {
			lpara_unref(row->cells[c].lp);
			if (row->pics[c])
				g_ptr_array_free(row->pics[c], TRUE);
		}
		selem_unref(tr);
		g_free(row->cells);
		g_free(row->pics);
		g_free(row);
	}
	/* The bottom rule. */
	{
		struct vitem *v = vitem_new(1);

		add_rule_box(v, L, F, 0, 1);
		v->keep_with_prev = true;
		lay_add(L, v);
	}
	lay_block_end(L, F, F->size * L->t->block_space, 0);
	selem_unref(head_el);
	selem_unref(body_el);
	selem_unref(table_el);
	vitem_unref(header);
	g_ptr_array_free(rows, TRUE);
	g_free(w);
	g_free(x);
}
