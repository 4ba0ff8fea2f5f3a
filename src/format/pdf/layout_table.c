/* layout_table.c - GFM tables: column widths from content, wrapped cells, header repeated after a break. */
#include "format/pdf/layout_int.h"
#include "text/clreq.h"
#include "text/nodetext.h"
#include "text/tablehead.h"

#include <string.h>
#include <cmark-gfm-core-extensions.h>

enum { PAD_X = 4, PAD_Y = 3 };

struct cell {
	struct lpara *lp;	/* its text (without its pictures); its element the cell's */
	int next;		/* first line not yet placed (rows split over pages) */
	GPtrArray *pics;	/* its pictures (lay_cell_pictures; the row's), below its text, else NULL */
	double pics_h;		/* their height with their captions */
	enum para_align align;
	bool pics_placed;
};

struct row {
	cmark_node *node;
	bool header;
	struct cell *cells;
	GPtrArray **pics;	/* per column: the cell's pictures, else NULL */
	bool *words;		/* per column: the cell has words beside its pictures */
};

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

/*
 * One cell's text as a paragraph width wide: a cell of row (a header cell in a header row), or of
 * none; its pictures left out when they are set apart (below it).
 */
static struct lpara *cell_para(struct lay *L, const struct flow *F, cmark_node *cell, bool pictures_apart,
			       double width, enum para_align align, bool header, int line, struct selem *row)
{
	double size = L->t->small_size;
	struct inline_style s = { .role = F->latin ? FONT_BODY_LATIN : FONT_BODY, .size = size, .bold = header,
				  .color = F->color };
	struct lpara *lp = lay_para_new(L, width, size * 1.5, 0, align, false, line);

	/* A header row's empty cell names no column: a TD, as the EPUB's <td> (text/tablehead.h). */
	if (row)
		lay_para_role(L, lp, header && cell && !tablehead_empty(cell) ? SR_TH : SR_TD, row);
	if (cell && pictures_apart)
		layout_inlines_range(L, lp, cmark_node_first_child(cell), NULL, &s);
	else if (cell)
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
	double *body_min = g_new0(double, ncols);	/* the same, of the rows under the header */
	bool *cjk = g_new0(bool, ncols);
	double sum_nat = 0;

	for (guint r = 0; r < rows->len; r++) {
		struct row *row = g_ptr_array_index(rows, r);
		cmark_node *cell = cmark_node_first_child(row->node);

		for (int c = 0; c < ncols; c++, cell = cell ? cmark_node_next(cell) : NULL) {
			struct lpara *lp;

			if (row->pics[c]) {
				double pn, pm;

				lay_cell_pictures_widths(L, F, row->pics[c], &pn, &pm);
				nat[c] = MAX(nat[c], pn + 2 * PAD_X);
				min[c] = MAX(min[c], pm + 2 * PAD_X);
				if (!row->header)
					body_min[c] = MAX(body_min[c], pm + 2 * PAD_X);
				if (!row->words[c])
					continue;
			}
			lp = cell_para(L, F, cell, row->pics[c] != NULL, 1e6, PARA_LEFT, row->header, 0, NULL);

			nat[c] = MAX(nat[c], para_natural_width(lp->para) + 2 * PAD_X);
			min[c] = MAX(min[c], para_min_width(lp->para) + 2 * PAD_X);
			if (!row->header)
				body_min[c] = MAX(body_min[c], para_min_width(lp->para) + 2 * PAD_X);
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
			 * Cells break inside words. The head's words break first: every column keeps its
			 * widest word under the head while those fit ("Missed" was "Misse / d" in four rows
			 * for a head's "STARMINESMARTESTIMATE®"), else its four characters; what is left goes
			 * to the columns with longer words, by how much longer.
			 */
			double floors = 0, over = 0, bases = 0;

			for (int c = 0; c < ncols; c++) {
				body_min[c] = MIN(MAX(body_min[c], floor_w[c]), min[c]);
				bases += body_min[c];
			}
			if (bases <= F->w) {
				for (int c = 0; c < ncols; c++)
					over += min[c] - body_min[c];
				for (int c = 0; c < ncols; c++)
					w[c] = body_min[c] + (over > 0 ? (min[c] - body_min[c]) * (F->w - bases) / over : 0);
				g_free(fixed);
				goto out;
			}
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
	g_free(body_min);
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

		if (cell->pics && !n) {
			/* Whole, in the row's first slice (lay_cell_pictures_size made them fit one). */
			if (!cell->pics_placed) {
				lay_cell_pictures_place(L, v, cell->pics, F->x + x[c] + PAD_X, y, cell->lp->el);
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
		/*
		 * Pictures below the text: after its last line when they fit there, else at the top of
		 * the next slice, which they fit (lay_cell_pictures_size).
		 */
		if (cell->pics && i == n && !cell->pics_placed) {
			double top = y + (cell->next < n ? LAY_CELL_PIC_GAP : 0);

			if (cell->next == n || top + cell->pics_h + PAD_Y <= max_h) {
				lay_cell_pictures_place(L, v, cell->pics, F->x + x[c] + PAD_X, top, cell->lp->el);
				y = top + cell->pics_h;
				cell->pics_placed = true;
				placed++;
			} else {
				*done = false;
			}
		}
		cell->next = i;
		h = MAX(h, y + PAD_Y);
	}
	v->height = h;
	if (!placed && h <= 2 * PAD_Y)
		v->height = L->t->small_size * 1.5 + 2 * PAD_Y;
	return v;
}

/* The height of lp's lines, with the gap below them when the cell's pictures follow. */
static double text_height(struct lpara *lp)
{
	double h = 0;

	for (int i = 0; i < para_n_lines(lp->para); i++) {
		const struct para_line *l = para_line(lp->para, i);

		h += l->ascent + l->descent;
	}
	return h > 0 ? h + LAY_CELL_PIC_GAP : 0;
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
	cmark_node *outer_raw = L->table_raw;

	if (ncols <= 0)
		return;
	L->table_raw = raw;
	for (cmark_node *r = cmark_node_first_child(table); r; r = cmark_node_next(r)) {
		struct row *row;

		if (!is_type(r, "table_row") && !is_type(r, "table_header"))
			continue;
		row = g_new0(struct row, 1);
		row->node = r;
		row->header = is_type(r, "table_header") || cmark_gfm_extensions_get_table_row_is_header(r);
		g_ptr_array_add(rows, row);
	}
	for (guint r = 0; r < rows->len; r++) {
		struct row *row = g_ptr_array_index(rows, r);
		cmark_node *cell = cmark_node_first_child(row->node);

		row->pics = g_new0(GPtrArray *, ncols);
		row->words = g_new0(bool, ncols);
		for (int c = 0; c < ncols; c++, cell = cell ? cmark_node_next(cell) : NULL)
			row->pics[c] = lay_cell_pictures(L, cell, raw, &row->words[c]);
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
			k->lp = cell_para(L, F, k->pics && !row->words[c] ? NULL : cell, k->pics != NULL, w[c] - 2 * PAD_X,
					  k->align, row->header, lay_node_line(L, row->node), tr);
			lay_para_check(L, k->lp);
			/*
			 * Pictures fit a page below the header row, with the row's padding and rules; a
			 * header row's (with its text) take at most a third of one, as it is repeated on
			 * every page.
			 */
			if (k->pics)
				k->pics_h = lay_cell_pictures_size(L, F, k->pics, w[c] - 2 * PAD_X,
							  (row->header ? L->body_h / 3 - text_height(k->lp)
								       : L->body_h - (header ? header->height : 0))
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
		g_free(row->words);
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
	L->table_raw = outer_raw;
}
