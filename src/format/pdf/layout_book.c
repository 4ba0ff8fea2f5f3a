/* layout_book.c - the whole book: cover, title page, contents, parts, articles; each article set once, the contents drawn last. */
#include "format/pdf/layout_int.h"
#include "text/l10n.h"

#include <string.h>

#include "format/pdf/device.h"
#include "base/diag.h"
#include "format/fonts.h"
#include "text/langdetect.h"
#include "base/langtag.h"
#include "base/parallel.h"

/* Where things start (physical page numbers), learnt as the body is drawn, for the contents drawn after it. */
struct plan {
	int *article_page;		/* by article index */
	int *part_page;			/* by part index */
	int body_first;			/* physical page that is printed as 1 */
};

/* What finish_page adds to an article's page: running heads (not on a blank page), or only the foot (its opening page). */
enum { PAGE_HEADS = 1, PAGE_OPENING = 2 };

struct book_state {
	struct plan plan;
	int page_no;			/* pages emitted so far */
	bool front;			/* front matter: roman numbers */
	bool no_running;		/* the next page carries no running head (an opening page) */
	bool blank_running;		/* cover, title and blank pages: no head, no folio */
	const char *article_title, *part_title;
	double leader_unit, leader_dot;	/* widths of " ." and "." in the contents' type */
	GPtrArray *made;		/* a worker's article pages (struct page *), finished and drawn later */
	GByteArray *made_flags;		/* and what finish_page is to add to each (PAGE_*) */
	/* Set once, used again: the last head of each alignment, the contents' leaders by length. */
	char *head_key[4];
	struct lpara *head[4];
	GHashTable *leaders;		/* dots -> struct lpara * */
	struct selem *toc;		/* the contents' TOC element, while it is set */
};

static void state_clear(struct book_state *st)
{
	for (int i = 0; i < 4; i++) {
		g_free(st->head_key[i]);
		lpara_unref(st->head[i]);
		st->head_key[i] = NULL;
		st->head[i] = NULL;
	}
}

/* Does lp draw a box for a character no font has? (Those are set anew, to be reported each time.) */
static bool has_missing(const struct lpara *lp)
{
	for (int i = 0; i < para_n_lines(lp->para); i++) {
		const struct para_line *l = para_line(lp->para, i);

		for (guint r = 0; r < l->runs->len; r++) {
			const PangoGlyphString *g = ((const struct para_run *)g_ptr_array_index(l->runs, r))->glyphs->glyphs;

			for (int k = 0; k < g->num_glyphs; k++)
				if (g->glyphs[k].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
					return true;
		}
	}
	return false;
}

static struct book_state *state(struct lay *L)
{
	return L->emit_data;
}

/* ---- numbering ---- */

static char *roman(int n)
{
	static const struct {
		int v;
		const char *s;
	} r[] = { { 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" }, { 90, "xc" },
		  { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" } };
	GString *s = g_string_new(NULL);

	for (size_t i = 0; i < G_N_ELEMENTS(r); i++)
		while (n >= r[i].v) {
			g_string_append(s, r[i].s);
			n -= r[i].v;
		}
	return g_string_free(s, FALSE);
}

/* The printed number of physical page n. */
static char *page_label(const struct book_state *st, int n, bool front)
{
	if (front)
		return roman(n);
	return g_strdup_printf("%d", n - st->plan.body_first + 1);
}

/* ---- running heads ---- */

static char *expand(const char *tmpl, const struct lay *L, const struct book_state *st, const char *number)
{
	GString *s = g_string_new(NULL);

	for (const char *p = tmpl ? tmpl : ""; *p; p++) {
		if (!strncmp(p, "{book}", 6)) {
			g_string_append(s, L->b->title ? L->b->title : "");
			p += 5;
		} else if (!strncmp(p, "{article}", 9)) {
			g_string_append(s, st->article_title ? st->article_title : "");
			p += 8;
		} else if (!strncmp(p, "{part}", 6)) {
			g_string_append(s, st->part_title ? st->part_title : "");
			p += 5;
		} else if (!strncmp(p, "{page}", 6)) {
			g_string_append(s, number);
			p += 5;
		} else {
			g_string_append_c(s, *p);
		}
	}
	return g_string_free(s, FALSE);
}

/* A one-line text at baseline y, aligned within [x, x + w]; over-long text is cut short. */
static void add_line_text(struct lay *L, struct page *pg, const char *text, double x, double y, double w,
			  enum para_align align, double size, guint32 color)
{
	struct book_state *st = state(L);
	struct lpara *lp;
	char *cut = NULL, *key;

	if (!text || !*text)
		return;
	if (g_utf8_strlen(text, -1) > 60) {
		cut = g_strdup_printf("%.*s…", (int)(g_utf8_offset_to_pointer(text, 58) - text), text);
		text = cut;
	}
	/*
	 * The same head on page after page (the book's title, an article's) is set once: the last
	 * one of each alignment is kept, with what its look depends on.
	 */
	key = g_strdup_printf("%s|%g|%g|%u|%p|%p|%p", text, w, size, color, (void *)L->lang, (void *)L->region,
			      (void *)(L->art ? L->art->file : NULL));
	if (st->head_key[align] && !strcmp(st->head_key[align], key)) {
		lp = lpara_ref(st->head[align]);
		g_free(key);
	} else {
		lp = lay_para_new(L, w, size * 1.3, 0, align, false, 0);
		para_add(lp->para, text, -1, lay_style(L, FONT_HEADING, size, false, false, color, NULL, 0, false, false));
		lay_para_check(L, lp);
		g_free(st->head_key[align]);
		lpara_unref(st->head[align]);
		st->head_key[align] = NULL;
		st->head[align] = NULL;
		if (!has_missing(lp)) {
			st->head_key[align] = key;
			st->head[align] = lpara_ref(lp);
		} else {
			g_free(key);
		}
	}
	if (para_n_lines(lp->para) > 0) {
		struct box b = { .kind = BOX_TEXT, .x = x, .y = y, .lp = lp, .line = 0 };

		page_add_box(pg, &b);
	}
	lpara_unref(lp);
	g_free(cut);
}

static void running_heads(struct lay *L, struct book_state *st, struct page *pg, double x0)
{
	const struct theme *t = L->t;
	double w = L->text_w, size = t->header_size;
	double head_y = t->margin_top * 0.55, foot_y = t->page_h - t->margin_bottom * 0.45;
	/*
	 * The right-hand page's head on an odd folio. Two-sided, that is the page's side; one-sided,
	 * the printed number's (the body's folio 1 after an odd number of front pages took the
	 * left-hand head, as every odd folio after it).
	 */
	int printed = st->front ? pg->number : pg->number - st->plan.body_first + 1;
	bool recto = t->two_sided ? pg->right : printed % 2 != 0;

	if (!st->no_running) {
		char *head = expand(recto ? t->header_right : t->header_left, L, st, pg->label);

		if (*head) {
			struct box rule = { .kind = BOX_RULE, .x = x0, .y = head_y + size * 0.5, .w = w, .h = 0.4,
					    .color = t->color_rule };

			add_line_text(L, pg, head, x0, head_y, w, recto ? PARA_RIGHT : PARA_LEFT, size,
				      t->color_muted);
			page_add_box(pg, &rule);
		}
		g_free(head);
	}
	{
		char *foot = expand(t->footer, L, st, pg->label);

		add_line_text(L, pg, foot, x0, foot_y, w, PARA_CENTER, size, t->color_muted);
		g_free(foot);
	}
}

/* ---- pages ---- */

/*
 * The bars of the quotes item v is in, beside it from y (its top on the page, past the margin)
 * down; a bar of the same quote as the item before it starts at that item's foot (above) instead,
 * so a quote's bar runs unbroken past the space between its paragraphs, list items and code.
 */
static void quote_bars(const struct lay *L, struct page *pg, const struct vitem *v, const struct vitem *before,
		       double x0, double above, double y)
{
	for (int k = 0; k < v->bars.n; k++) {
		double from = y;
		struct box bar;

		for (int j = 0; before && j < before->bars.n; j++)
			if (before->bars.quote[j] == v->bars.quote[k])
				from = above;
		bar = (struct box){ .kind = BOX_RULE, .x = x0 + v->bars.x[k], .y = L->t->margin_top + from, .w = 1.2,
				    .h = y + v->height - from, .color = L->t->color_rule };
		page_add_box(pg, &bar);
	}
}

static void emit(struct lay *L, GPtrArray *items)
{
	struct book_state *st = state(L);
	const struct theme *t = L->t;
	struct page pg = { 0 };
	double x0, y = 0;

	st->page_no++;
	if (L->measuring) {
		st->no_running = false;
		return;
	}
	pg.number = st->page_no;
	pg.right = st->page_no % 2 == 1;
	pg.w = t->page_w;
	pg.h = t->page_h;
	pg.boxes = g_array_new(FALSE, FALSE, sizeof(struct box));
	x0 = t->two_sided && !pg.right ? t->margin_outer : t->margin_inner;
	for (guint i = 0; i < items->len; i++) {
		const struct vitem *v = g_ptr_array_index(items, i);
		const struct vitem *before = i > 0 ? g_ptr_array_index(items, i - 1) : NULL;
		double top = y;

		if (i > 0)
			y += v->space_before;
		quote_bars(L, &pg, v, before, x0, top, y);
		for (guint k = 0; k < v->boxes->len; k++) {
			struct box b = g_array_index(v->boxes, struct box, k);

			if (b.kind != BOX_COVER) {
				b.x += x0;
				b.y += t->margin_top + y;
			}
			page_add_box(&pg, &b);
		}
		y += v->height;
	}
	if (st->made) {
		/* An article's page: numbered, headed and overlaid by finish_page once its number is known. */
		guint8 f = (st->blank_running ? 0 : PAGE_HEADS) | (st->no_running ? PAGE_OPENING : 0);

		g_byte_array_append(st->made_flags, &f, 1);
		st->no_running = false;
		g_ptr_array_add(st->made, g_memdup2(&pg, sizeof pg));
		return;
	}
	pg.label = page_label(st, st->page_no, st->front);
	if (!st->blank_running)
		running_heads(L, st, &pg, x0);
	lay_grid_overlay(L, &pg, x0);
	st->no_running = false;
	L->dev->page(L->dev, &pg);
	page_free_boxes(&pg);
	g_free(pg.label);
}

/*
 * An article's page as emit left it, given its number: its printed number, running heads and
 * grid overlay. The article was set from page 1, so its pages kept their sides: an article
 * opens on a right-hand page when pages are two-sided, and sides move nothing otherwise.
 */
static void finish_page(struct lay *L, struct book_state *st, struct page *pg, int number, guint8 flags)
{
	const struct theme *t = L->t;
	double x0;

	g_assert(!t->two_sided || pg->right == (number % 2 == 1));
	pg->number = number;
	pg->right = number % 2 == 1;
	pg->label = page_label(st, number, false);
	x0 = t->two_sided && !pg->right ? t->margin_outer : t->margin_inner;
	if (flags & PAGE_HEADS) {
		st->no_running = (flags & PAGE_OPENING) != 0;
		running_heads(L, st, pg, x0);
	}
	lay_grid_overlay(L, pg, x0);
	st->no_running = false;
}

/* An empty page (the back of a right-hand page in two-sided printing). */
static void blank_page(struct lay *L)
{
	struct book_state *st = state(L);
	bool saved = st->blank_running;
	GPtrArray *none = g_ptr_array_new();

	st->blank_running = true;
	L->emit(L, none);
	st->blank_running = saved;
	g_ptr_array_free(none, TRUE);
}

/* Two-sided: the next page must be a right-hand (odd) one. */
static void start_recto(struct lay *L)
{
	if (L->t->two_sided && state(L)->page_no % 2 == 1)
		blank_page(L);
}

static void spacer(struct lay *L, double h)
{
	lay_add(L, vitem_new(h));
}

/* A centred line of text (title pages), an element of type srole under parent. */
static void centred(struct lay *L, enum srole srole, struct selem *parent, const char *text, enum theme_font role,
		    double size, bool bold, guint32 color, double space)
{
	struct flow F = { .x = 0, .w = L->text_w, .size = size, .color = color };
	struct lpara *lp;

	if (!text || !*text)
		return;
	lp = lay_para_new(L, L->text_w, size * 1.45, 0, PARA_CENTER, false, 0);
	lay_para_role(L, lp, srole, parent);
	para_add(lp->para, text, -1, lay_style(L, role, size, bold, false, color, NULL, 0, false, false));
	lay_space(L, space);
	lay_para_lines(L, &F, lp, true);
}

static void set_book_lang(struct lay *L)
{
	L->art = NULL;
	L->region = fonts_cjk_region(L->b->lang);
	L->lang = pango_language_from_string(L->b->lang);
}

static void set_article_lang(struct lay *L, const struct article *a)
{
	const char *lang = a->lang ? a->lang : L->b->lang;

	L->region = fonts_cjk_region(langtag_is_cjk(lang) ? lang : L->b->lang);
	L->lang = pango_language_from_string(lang);
}

/* An article's pages, from its header to its last note, in its own language. */
static void article_pages(struct lay *L, const struct article *a)
{
	set_article_lang(L, a);
	layout_article_body(L, a);
	lay_flush(L);
	L->art = NULL;
}

static void cover_page(struct lay *L)
{
	struct book_state *st = state(L);
	struct vitem *v;
	/* A drawn cover (no --cover) has no resource here: the device draws it with cover_draw. */
	struct box b = { .kind = BOX_COVER, .x = 0, .y = 0, .w = L->t->page_w, .h = L->t->page_h,
			 .res = L->b->cover_drawn ? NULL : L->b->cover_res };

	if (!L->b->cover_res && !L->b->cover_drawn)
		return;
	/* A cover picture is a Figure named by the title (as in the EPUB); a drawn one's texts are paragraphs. */
	b.el = lay_element(L, b.res ? SR_FIGURE : SR_DIV, NULL, 0);
	if (b.res) {
		b.el->alt = g_strdup(L->b->title && *L->b->title ? L->b->title : "-");
		b.el->alt_usable = true;
	}
	st->blank_running = true;
	v = vitem_new(0);
	vitem_box(v, &b);
	lay_add(L, v);
	lay_flush(L);
	st->blank_running = false;
}

static void title_page(struct lay *L)
{
	const struct book *b = L->b;
	const struct theme *t = L->t;
	struct book_state *st = state(L);
	enum theme_font role = langtag_is_cjk(b->lang) ? FONT_HEADING : FONT_HEADING_LATIN;
	enum theme_font body = langtag_is_cjk(b->lang) ? FONT_BODY : FONT_BODY_LATIN;

	/* The title page is a section: the book's title its first heading, the rest paragraphs. */
	struct selem *sect;

	start_recto(L);
	set_book_lang(L);
	sect = lay_element(L, SR_SECT, NULL, 0);
	st->blank_running = true;
	spacer(L, L->body_h * 0.22);
	centred(L, SR_H1, sect, b->title, role, t->book_title_size, role == FONT_HEADING_LATIN, t->color_heading, 0);
	centred(L, SR_P, sect, b->subtitle, role, t->subtitle_size, false, t->color_muted, t->subtitle_size);
	centred(L, SR_P, sect, b->author, body, t->size * 1.15, false, t->color_text, t->size * 3);
	if (b->first.valid && b->last.valid) {
		GString *span = g_string_new(NULL);

		l10n_date_range(span, &b->first, &b->last, b->lang);
		centred(L, SR_P, sect, span->str, body, t->meta_size * 1.1, false, t->color_muted, t->size * 2);
		g_string_free(span, TRUE);
	}
	/* The publisher at the foot of the page, as on a printed title page. */
	if (b->publisher && *b->publisher) {
		double rest = L->body_h - L->used - t->meta_size * 1.1 * 1.45 * 2;

		if (rest > 0)
			spacer(L, rest);
		centred(L, SR_P, sect, b->publisher, body, t->meta_size * 1.1, false, t->color_muted, 0);
	}
	selem_unref(sect);
	lay_flush(L);
	st->blank_running = false;
}

/* ---- contents ---- */

static char *number_text(const struct book_state *st, int page, bool measuring)
{
	/* While measuring the numbers are unknown; their room is reserved, so the count of pages is right. */
	if (measuring)
		return g_strdup("0");
	return page_label(st, page, false);
}

/* An entry of the contents: a TOCI holding a Link (its title and page number) in the entry's language. */
static void toc_entry(struct lay *L, const char *title, const char *dest, int page, double indent, bool bold,
		      const char *lang)
{
	const struct theme *t = L->t;
	struct book_state *st = state(L);
	double size = t->toc_size, numw = size * 2.6, gap = size;
	double w = L->text_w - indent - numw - gap;
	enum theme_font role = langtag_is_cjk(L->b->lang) ? FONT_BODY : FONT_BODY_LATIN;
	/* On the line grid an entry's lines are grid lines, with no space between entries. */
	double pitch = L->grid ? lay_pitch(L, size) : size * 1.6;
	struct lpara *lp = lay_para_new(L, w, pitch, 0, PARA_LEFT, false, 0);
	struct lpara *np;
	char *num = number_text(st, page, L->measuring);
	char *link = g_strdup_printf("#%s", dest);
	struct vitem *v;
	double y = 0;
	int n;

	struct selem *item = lay_element(L, SR_TOCI, st->toc, 0), *link_el = lay_element(L, SR_LINK, item, 0);

	selem_set_lang(item, lang, L->b->lang);
	link_el->alt = g_strdup(title && *title ? title : dest);
	lp->el = selem_ref(link_el);
	para_add(lp->para, title && *title ? title : "—", -1,
		 lay_style(L, role, size, bold, false, t->color_text, link, 0, false, false));
	lay_para_check(L, lp);
	n = para_n_lines(lp->para);
	v = vitem_new(0);
	for (int i = 0; i < n; i++) {
		const struct para_line *l = para_line(lp->para, i);
		struct box b = { .kind = BOX_TEXT, .x = indent, .y = y + l->ascent, .lp = lpara_ref(lp), .line = i };

		vitem_box(v, &b);
		if (i == n - 1) {
			double from = indent + l->x + l->width + size * 0.2, to;
			struct box nb;

			np = lay_para_new(L, numw, pitch, 0, PARA_RIGHT, false, 0);
			np->el = selem_ref(link_el);
			para_add(np->para, num, -1, lay_style(L, role, size, bold, false, t->color_text, link, 0, false,
							      false));
			lay_para_check(L, np);
			to = L->text_w - para_line(np->para, 0)->width - size * 0.25;

			/* Leaders are text (". . ."), so a reader's text tools see one line, not a gap. */
			if (to - from > st->leader_unit) {
				int k = 1 + (int)((to - from - st->leader_dot) / st->leader_unit);
				/* Leaders of one length are set once for the whole contents. */
				struct lpara *dp = g_hash_table_lookup(st->leaders, GINT_TO_POINTER(k));

				if (!dp) {
					GString *dots = g_string_new(".");

					/* Set on one line, its right end at to, so every entry's dots line up. */
					dp = lay_para_new(L, 1e6, pitch, 0, PARA_LEFT, false, 0);
					while (--k > 0)
						g_string_append(dots, " .");
					para_add(dp->para, dots->str, (int)dots->len,
						 lay_style(L, role, size, false, false, t->color_muted, NULL, 0, false, false));
					lay_para_check(L, dp);
					g_hash_table_insert(st->leaders, GINT_TO_POINTER(1 + (int)((to - from - st->leader_dot)
												   / st->leader_unit)), dp);
					g_string_free(dots, TRUE);
				}
				nb = (struct box){ .kind = BOX_TEXT, .x = to - para_line(dp->para, 0)->width,
						   .y = y + l->ascent, .lp = lpara_ref(dp), .line = 0 };
				vitem_box(v, &nb);
			}
			nb = (struct box){ .kind = BOX_TEXT, .x = L->text_w - numw, .y = y + l->ascent, .lp = np, .line = 0 };
			vitem_box(v, &nb);
		}
		y += l->ascent + l->descent;
	}
	v->height = y;
	{
		struct box link_box = { .kind = BOX_LINK, .x = indent, .y = 0, .w = L->text_w - indent, .h = y,
					.target = g_strdup(link), .el = selem_ref(link_el) };

		vitem_box(v, &link_box);
	}
	lay_space(L, size * 0.35);
	if (L->grid)
		lay_snap(L);
	lay_add(L, v);
	lpara_unref(lp);
	selem_unref(link_el);
	selem_unref(item);
	g_free(num);
	g_free(link);
}

static void contents(struct lay *L)
{
	const struct book *b = L->b;
	struct book_state *st = state(L);
	const char *title;
	bool parts = b->parts->len > 0;

	start_recto(L);
	set_book_lang(L);
	st->leaders = g_hash_table_new_full(NULL, NULL, NULL, (GDestroyNotify)lpara_unref);
	{
		struct lpara *u = lay_para_new(L, 1e6, 10, 0, PARA_LEFT, false, 0);

		struct lpara *d = lay_para_new(L, 1e6, 10, 0, PARA_LEFT, false, 0);
		enum theme_font role = langtag_is_cjk(b->lang) ? FONT_BODY : FONT_BODY_LATIN;

		/* One more " ." measured as a difference: a paragraph drops the space it starts with. */
		para_add(u->para, ". .", -1, lay_style(L, role, L->t->toc_size, false, false, 0, NULL, 0, false, false));
		para_add(d->para, ".", -1, lay_style(L, role, L->t->toc_size, false, false, 0, NULL, 0, false, false));
		st->leader_dot = para_natural_width(d->para);
		st->leader_unit = MAX(1.0, para_natural_width(u->para) - st->leader_dot);
		lpara_unref(u);
		lpara_unref(d);
	}
	title = lay_label(L, L_CONTENTS);
	st->article_title = title;
	st->no_running = true;
	/* A section: its heading, and the TOC of an item (TOCI) an entry. */
	struct selem *sect = lay_element(L, SR_SECT, NULL, 0);

	st->toc = lay_element(L, SR_TOC, sect, 0);
	spacer(L, L->t->size * 2);
	lay_mark(L, "contents", title, 0);
	centred(L, SR_H1, sect, title, langtag_is_cjk(b->lang) ? FONT_HEADING : FONT_HEADING_LATIN, L->t->title_size,
		!langtag_is_cjk(b->lang), L->t->color_heading, 0);
	lay_space(L, L->t->size * 2);
	lay_keep(L);
	if (parts) {
		guint next = 0;

		/* Articles before the first part (not in any part) first. */
		for (guint i = 0; i < b->articles->len; i++) {
			const struct article *a = g_ptr_array_index(b->articles, i);
			bool in_part = false;

			for (guint k = 0; k < b->parts->len && !in_part; k++) {
				const struct part *p = g_ptr_array_index(b->parts, k);

				for (guint j = 0; j < p->articles->len; j++)
					if (g_ptr_array_index(p->articles, j) == a)
						in_part = true;
			}
			if (in_part)
				break;
			toc_entry(L, a->title, a->id, st->plan.article_page[i], 0, false, a->lang);
			next = i + 1;
		}
		for (guint k = 0; k < b->parts->len; k++) {
			const struct part *p = g_ptr_array_index(b->parts, k);

			lay_space(L, L->t->toc_size * 0.8);
			toc_entry(L, p->title, p->id, st->plan.part_page[k], 0, true, NULL);
			for (guint j = 0; j < p->articles->len; j++, next++) {
				const struct article *a = g_ptr_array_index(p->articles, j);

				toc_entry(L, a->title, a->id, st->plan.article_page[next], L->t->toc_size * 1.5, false,
					  a->lang);
			}
		}
	} else {
		for (guint i = 0; i < b->articles->len; i++) {
			const struct article *a = g_ptr_array_index(b->articles, i);

			toc_entry(L, a->title, a->id, st->plan.article_page[i], 0, false, a->lang);
		}
	}
	lay_flush(L);
	lay_styles_drop_links(L);
	g_hash_table_destroy(st->leaders);
	st->leaders = NULL;
	selem_unref(st->toc);
	st->toc = NULL;
	selem_unref(sect);
}

/* ---- parts and articles ---- */

static void part_page(struct lay *L, const struct part *p, int index)
{
	struct book_state *st = state(L);
	const struct book *b = L->b;
	enum theme_font role = langtag_is_cjk(b->lang) ? FONT_HEADING : FONT_HEADING_LATIN;
	struct article_view *intro;

	start_recto(L);
	set_book_lang(L);
	st->plan.part_page[index] = st->page_no + 1;
	st->part_title = p->title;
	st->article_title = p->title;
	st->no_running = true;
	spacer(L, L->body_h * 0.3);
	lay_mark(L, p->id, p->title, 0);
	/* The part's title is the Part's first heading; its articles follow inside it. */
	centred(L, SR_H1, L->part_el, p->title, role, L->t->title_size * 1.2, role == FONT_HEADING_LATIN,
		L->t->color_heading, 0);
	intro = p->intro ? article_view_open(p->intro) : NULL;
	if (intro && cmark_node_first_child(intro->doc)) {
		struct flow F = { .x = 0, .w = L->text_w, .size = L->t->size, .color = L->t->color_text, .grid = true };

		/* The intro's pictures and links are the article's own records, as in its EPUB page. */
		lay_bind_article(L, intro);
		set_article_lang(L, p->intro);
		F.latin = !langtag_is_cjk(p->intro->lang ? p->intro->lang : b->lang);
		F.rtl = langtag_is_rtl(p->intro->lang ? p->intro->lang : b->lang);
		/* In its own language: a Div saying so when it is not the book's. */
		F.el = lay_element(L, SR_DIV, L->part_el, 0);
		selem_set_lang(F.el, p->intro->lang, b->lang);
		if (!F.el->lang) {
			selem_unref(F.el);
			F.el = selem_ref(L->part_el);
		}
		L->title_level = 1;
		lay_space(L, L->t->size * 3);
		layout_blocks(L, &F, intro->doc);
		selem_unref(F.el);
		lay_unbind_article(L);
		L->art = NULL;
	}
	article_view_close(intro);
	lay_flush(L);
}

/* What the stream hands out: an article set on a worker, or a part page set in turn. */
struct job {
	struct pipeline *pl;
	const struct article *a;	/* or NULL: the part page below */
	const struct part *part;
	int index;
	const char *part_title;		/* the part around the article, for running heads */
	struct selem *part_el;		/* and its structure element (a reference), or NULL */
	GPtrArray *made;		/* the article's pages, set by a worker from page 1 */
	GByteArray *flags;		/* what finish_page adds to each */
	GPtrArray *links;		/* and the styles of their links */
};

/* A layout of its own for each thread: Pango's font maps and the layout's state are not shared. */
struct ctx {
	struct fonts *fonts;		/* owned, or NULL: the book's own (the drawing thread's, pl->here) */
	struct lay L;
	struct book_state st;
};

struct pipeline {
	struct lay *main;		/* the book's: front matter, parts, blank pages; draws */
	GMutex lock;
	GPtrArray *idle, *all;		/* of struct ctx * */
	/*
	 * Drawn articles (struct job *, their pages and link styles) for the workers to free: made
	 * on a worker, freed on one, off the drawing thread (freeing a page's paragraphs took a
	 * quarter of its drawing time, and more when another thread's memory was freed there).
	 */
	GPtrArray *spent;
	struct ctx *here;		/* the layout on the book's font map, for the drawing thread's own use */
	struct selem **part_els;	/* by part index: each Part's element, made before the book is set */
	int *part_of;			/* by article index: its part, or -1 */
};

static void lay_init(struct lay *L, const struct book *b, const struct theme *t, struct fonts *fonts,
		     struct device *dev, struct book_state *st);
static void lay_clear(struct lay *L);

static struct ctx *ctx_new(struct pipeline *pl, struct fonts *fonts)
{
	struct ctx *c = g_new0(struct ctx, 1);

	c->fonts = fonts;
	lay_init(&c->L, pl->main->b, pl->main->t, fonts ? fonts : pl->main->fonts, NULL, &c->st);
	g_mutex_lock(&pl->lock);
	g_ptr_array_add(pl->all, c);
	g_mutex_unlock(&pl->lock);
	return c;
}

static struct ctx *ctx_get(struct pipeline *pl)
{
	struct ctx *c = NULL;

	g_mutex_lock(&pl->lock);
	if (pl->idle->len)
		c = g_ptr_array_steal_index(pl->idle, pl->idle->len - 1);
	g_mutex_unlock(&pl->lock);
	if (c)
		return c;
	return ctx_new(pl, fonts_another(pl->main->fonts));
}

static void ctx_put(struct pipeline *pl, struct ctx *c)
{
	g_mutex_lock(&pl->lock);
	g_ptr_array_add(pl->idle, c);
	g_mutex_unlock(&pl->lock);
}

/* A drawn article's pages and the styles of their links. */
static void job_free(struct job *j)
{
	for (guint i = 0; i < j->made->len; i++) {
		struct page *pg = g_ptr_array_index(j->made, i);

		page_free_boxes(pg);
		g_free(pg->label);
		g_free(pg);
	}
	g_ptr_array_free(j->made, TRUE);
	g_byte_array_free(j->flags, TRUE);
	g_ptr_array_unref(j->links);
	g_free(j);
}

/* Free what has been drawn (on a worker, before it sets another article). */
static void free_spent(struct pipeline *pl)
{
	GPtrArray *spent;

	g_mutex_lock(&pl->lock);
	spent = pl->spent;
	pl->spent = g_ptr_array_new();
	g_mutex_unlock(&pl->lock);
	for (guint i = 0; i < spent->len; i++)
		job_free(g_ptr_array_index(spent, i));
	g_ptr_array_free(spent, TRUE);
}

static void pipeline_clear(struct pipeline *pl)
{
	free_spent(pl);
	g_ptr_array_free(pl->spent, TRUE);
	for (guint i = 0; i < pl->all->len; i++) {
		struct ctx *c = g_ptr_array_index(pl->all, i);

		lay_clear(&c->L);
		state_clear(&c->st);
		fonts_free(c->fonts);
		g_free(c);
	}
	g_ptr_array_free(pl->all, TRUE);
	g_ptr_array_free(pl->idle, TRUE);
	g_mutex_clear(&pl->lock);
}

/* An article set on a worker into j->made from page 1 (finish_page numbers and heads its pages). */
static void set_article(struct ctx *c, struct job *j)
{
	c->st.page_no = 0;
	c->st.front = false;
	c->st.blank_running = false;
	c->st.no_running = true;
	c->st.made = j->made = g_ptr_array_new();
	c->st.made_flags = j->flags = g_byte_array_new();
	c->L.part_el = j->part_el;
	article_pages(&c->L, j->a);
	c->L.part_el = NULL;
	c->st.made = NULL;
	c->st.made_flags = NULL;
	/* The pages' links are drawn later, by another thread: their styles go with them. */
	j->links = lay_styles_take_links(&c->L);
}

/* An article's pages numbered from its first, and headed (on the thread that holds L). */
static void finish_article(struct lay *L, struct book_state *st, struct job *j, int first)
{
	const char *article = st->article_title, *part = st->part_title, *region = L->region;
	PangoLanguage *lang = L->lang;

	/* Its heads in its own language, as its text (a Hong Kong article's title in HK forms). */
	set_article_lang(L, j->a);
	st->article_title = j->a->title;
	st->part_title = j->part_title;
	for (guint i = 0; i < j->made->len; i++)
		finish_page(L, st, g_ptr_array_index(j->made, i), first + (int)i, j->flags->data[i]);
	st->article_title = article;
	st->part_title = part;
	L->region = region;
	L->lang = lang;
}

/* On a worker: an article set from page 1, after the worker frees what has been drawn. */
static void set_one(gpointer data, gpointer unused)
{
	struct job *j = data;
	struct ctx *c;

	if (!j->a)
		return;	/* a part page, set in turn by draw_taken */
	free_spent(j->pl);
	c = ctx_get(j->pl);
	set_article(c, j);
	ctx_put(j->pl, c);
}

/*
 * On the drawing thread, while it waits for the next article in order: a later one set with
 * the layout on the book's own font map (the one it draws with: no map is set up for it, and
 * no other thread uses that map meanwhile).
 */
static void set_here(gpointer data, gpointer unused)
{
	struct job *j = data;

	if (j->a)
		set_article(j->pl->here, j);
}

/* In order: a part page set and drawn here, or an article's pages numbered, headed and drawn. */
static void draw_taken(gpointer data, gpointer unused)
{
	struct job *j = data;
	struct lay *L = j->pl->main;
	struct book_state *st = state(L);

	if (!j->a) {
		L->part_el = j->part_el;
		part_page(L, j->part, j->index);
		L->part_el = NULL;
		selem_unref(j->part_el);
		g_free(j);
		return;
	}
	start_recto(L);
	st->plan.article_page[j->index] = st->page_no + 1;
	finish_article(L, st, j, st->page_no + 1);
	for (guint i = 0; i < j->made->len; i++)
		L->dev->page(L->dev, g_ptr_array_index(j->made, i));
	st->page_no += (int)j->made->len;
	if (j->index % 16 == 0)
		diag_progress_step((unsigned)j->index);
	selem_unref(j->part_el);
	j->part_el = NULL;
	g_mutex_lock(&j->pl->lock);
	g_ptr_array_add(j->pl->spent, j);
	g_mutex_unlock(&j->pl->lock);
}

/* The part around article index, as the book is walked (parts_of_articles): its title and element. */
static void job_in_part(struct job *j, const struct pipeline *pl, guint index)
{
	int k = pl->part_of[index];

	j->part_title = k < 0 ? NULL : ((const struct part *)g_ptr_array_index(pl->main->b->parts, k))->title;
	j->part_el = k < 0 ? NULL : pl->part_els[k];
}

/* A body job to the stream: article index when it is >= 0, else part -1 - index's page. */
static void push_job(struct lay *L, struct parallel *stream, struct pipeline *pl, int index)
{
	struct job *j = g_new0(struct job, 1);

	j->pl = pl;
	if (index >= 0) {
		j->a = g_ptr_array_index(L->b->articles, index);
		j->index = index;
		job_in_part(j, pl, (guint)index);
		selem_ref(j->part_el);
	} else {
		j->index = -1 - index;
		j->part = g_ptr_array_index(L->b->parts, j->index);
		j->part_el = selem_ref(pl->part_els[j->index]);
	}
	parallel_push(stream, j);
}

/*
 * The body's jobs in the book's order, as push_job takes them: the articles outside every part,
 * then each part's page and its articles.
 */
static GArray *body_jobs(const struct book *b, const struct pipeline *pl)
{
	GArray *jobs = g_array_sized_new(FALSE, FALSE, sizeof(int), b->articles->len + b->parts->len);
	int next = 0, n = (int)b->articles->len;

	for (int k = 0; k < (int)b->parts->len; k++) {
		int part = -1 - k;

		while (next < n && pl->part_of[next] < 0)
			g_array_append_val(jobs, next), next++;
		g_array_append_val(jobs, part);
		while (next < n && pl->part_of[next] == k)
			g_array_append_val(jobs, next), next++;
	}
	while (next < n)
		g_array_append_val(jobs, next), next++;
	return jobs;
}

/*
 * Which part each article is in (-1: none): articles outside every part come first (arrange
 * puts them there), then each part's articles; a part with none takes what is left outside.
 * Both passes walk the book by it.
 */
static int *parts_of_articles(const struct book *b)
{
	int *part_of = g_new(int, b->articles->len + 1);
	guint next = 0;

	for (guint k = 0; k < b->parts->len; k++) {
		const struct part *p = g_ptr_array_index(b->parts, k);

		while (next < b->articles->len && (!p->articles->len || g_ptr_array_index(b->articles, next)
									    != g_ptr_array_index(p->articles, 0)))
			part_of[next++] = -1;
		for (guint j = 0; j < p->articles->len && next < b->articles->len; j++)
			part_of[next++] = (int)k;
	}
	while (next < b->articles->len)
		part_of[next++] = -1;
	return part_of;
}

bool layout_book_moves(int pages, int moved_to, int moved)
{
	return moved > 0 && moved <= pages && moved_to >= 0 && moved_to <= pages - moved;
}

int layout_book_position(int drawn, int pages, int moved_to, int moved)
{
	if (!layout_book_moves(pages, moved_to, moved) || drawn < moved_to)
		return drawn;
	return drawn >= pages - moved ? moved_to + (drawn - (pages - moved)) : drawn + moved;
}

int *layout_book_drawn_order(int pages, int moved_to, int moved)
{
	int *drawn_at = g_new(int, MAX(pages, 0) + 1);

	for (int d = 0; d < pages; d++)
		drawn_at[layout_book_position(d, pages, moved_to, moved)] = d;
	return drawn_at;
}

/* The cover and the title page: what comes before the contents. */
static void opening_pages(struct lay *L)
{
	struct book_state *st = state(L);

	st->page_no = 0;
	st->front = true;
	cover_page(L);
	title_page(L);
}

/* The contents, and the blank back that may follow it (front matter still). */
static void contents_pages(struct lay *L)
{
	contents(L);
	start_recto(L);
}

/*
 * Articles set ahead of the one being drawn. In the body a few per thread: their pages are
 * held until drawn (about 1 MB an article in the bench book). At the start, up to
 * START_AHEAD of them and START_AHEAD_BYTES of their Markdown (which their pages' memory
 * follows), set while the front matter is measured and drawn and the first article drawn
 * (Cairo's first use of each face copies its outlines): with five, the other core waited
 * through most of that, a fifth of a second of the bench book.
 */
#define BODY_AHEAD(threads) ((threads) * 2 + 1)
#define START_AHEAD 64
#define START_AHEAD_BYTES (512 * 1024)

/*
 * The book, each article set once. The first articles go to the workers; the contents is
 * measured (room kept for its numbers), so the body knows the page it starts on; the cover and
 * title page are drawn, then the rest of the parts and articles are pushed to the stream in
 * order (set on the workers, numbered and drawn here, each one's first page noted as it is
 * drawn), and the contents is drawn last, with every number known. The device moves its pages
 * back to their place (dev->moved_to).
 */
static void run(struct lay *L, struct parallel *stream, struct pipeline *pl, guint body_ahead)
{
	struct book_state *st = state(L);
	GArray *jobs = body_jobs(L->b, pl);
	guint next = 0;
	size_t bytes = 0;
	int opening, front, body_end;

	/* Pushed as the stream holds them without taking one: nothing is drawn before the front matter. */
	for (guint room = parallel_ahead(stream); room && next < jobs->len && bytes < START_AHEAD_BYTES; room--) {
		int job = g_array_index(jobs, int, next++);

		if (job >= 0)
			bytes += ((const struct article *)g_ptr_array_index(L->b->articles, job))->markdown_len;
		push_job(L, stream, pl, job);
	}
	parallel_set_window(stream, body_ahead);
	L->measuring = true;
	opening_pages(L);
	opening = st->page_no;
	contents_pages(L);
	front = st->page_no;
	L->measuring = false;
	opening_pages(L);
	g_assert(st->page_no == opening);
	st->page_no = front;
	st->front = false;
	st->plan.body_first = front + 1;
	while (next < jobs->len)
		push_job(L, stream, pl, g_array_index(jobs, int, next++));
	g_array_free(jobs, TRUE);
	parallel_end(stream);
	body_end = st->page_no;
	st->page_no = opening;
	st->front = true;
	contents_pages(L);
	/* Measured with room for every number: the same pages, or the body's numbers would be wrong. */
	g_assert(st->page_no == front);
	L->dev->moved_to = opening;
	L->dev->moved = front - opening;
	st->page_no = body_end;
}

static void lay_init(struct lay *L, const struct book *b, const struct theme *t, struct fonts *fonts,
		     struct device *dev, struct book_state *st)
{
	L->b = b;
	L->t = t;
	L->fonts = fonts;
	L->ctx = fonts_context(fonts);
	L->dev = dev;
	L->text_w = t->page_w - t->margin_inner - t->margin_outer;
	L->body_h = t->page_h - t->margin_top - t->margin_bottom;
	lay_grid_init(L);
	lay_styles_init(L);
	L->reported = g_hash_table_new(NULL, NULL);
	L->fnrefs = g_hash_table_new(NULL, NULL);
	L->items = g_ptr_array_new();
	L->pending_boxes = g_ptr_array_new();
	L->emit = emit;
	L->emit_data = st;
}

static void lay_clear(struct lay *L)
{
	g_ptr_array_free(L->items, TRUE);
	g_ptr_array_free(L->pending_boxes, TRUE);
	g_hash_table_destroy(L->reported);
	g_hash_table_destroy(L->fnrefs);
	lay_styles_free(L);
}

bool layout_book(const struct book *b, const struct theme *t, struct fonts *fonts, struct device *dev)
{
	struct lay L = { 0 };
	struct book_state st = { 0 };
	struct pipeline pl = { .main = &L };
	guint n = b->articles->len, threads = parallel_threads();

	lay_init(&L, b, t, fonts, dev, &st);
	dev->fonts = fonts;
	g_mutex_init(&pl.lock);
	pl.idle = g_ptr_array_new();
	pl.all = g_ptr_array_new();
	pl.spent = g_ptr_array_new();
	st.plan.article_page = g_new0(int, n + 1);
	st.plan.part_page = g_new0(int, b->parts->len + 1);
	pl.part_of = parts_of_articles(b);
	pl.part_els = g_new0(struct selem *, b->parts->len + 1);
	for (guint k = 0; k < b->parts->len; k++)
		pl.part_els[k] = lay_element(&L, SR_PART, NULL, 0);
	/*
	 * The articles are set on the other threads, a few ahead of the one being drawn (memory
	 * holds the pages in flight, not the book), and on this one while it waits, with the
	 * book's own font map. With one thread everything runs here in turn, on that map.
	 */
	pl.here = ctx_new(&pl, NULL);
	if (threads == 1)
		g_ptr_array_add(pl.idle, pl.here);
	diag_progress_begin("setting pages", n);
	run(&L, parallel_start_helped(MAX(START_AHEAD, BODY_AHEAD(threads)), set_one, set_here, draw_taken, NULL), &pl,
	    BODY_AHEAD(threads));
	diag_progress_end();
	dev->pages = st.page_no;
	dev->fonts = NULL;

	pipeline_clear(&pl);
	for (guint k = 0; k < b->parts->len; k++)
		selem_unref(pl.part_els[k]);
	g_free(pl.part_els);
	g_free(pl.part_of);
	g_free(st.plan.article_page);
	g_free(st.plan.part_page);
	lay_clear(&L);
	state_clear(&st);
	return true;
}
