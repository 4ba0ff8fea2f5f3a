/* layout_block.c - an article's blocks as vertical items: paragraphs, headings, lists, quotes, code, HTML. */
#include "format/pdf/layout_int.h"
#include "html/allow.h"
#include "html/sanitize.h"
#include "html/table.h"
#include "text/deflist.h"
#include "text/nodetext.h"

#include <string.h>
#include <libxml/HTMLparser.h>

static struct inline_style body_style(const struct flow *F)
{
	struct inline_style s = { .role = lay_body_role(F), .size = F->size, .color = F->color };

	return s;
}

/* ---- paragraphs ---- */

static double para_indent(const struct lay *L, const struct flow *F)
{
	if (F->no_indent)
		return 0;
	return lay_em(F, F->latin ? L->t->indent_latin : L->t->indent);
}

/*
 * The inline nodes from first up to stop as one paragraph (blank ends trimmed). A subheading
 * (record_subhead: a bold phrase alone) is not split and is kept with what follows, like a heading;
 * so is a bold phrase alone inside a block (keep: a theme's note's title, "**Info**").
 * Text after a picture set apart is indented as a paragraph of its own: in scraped articles such a
 * picture mostly stands where two paragraphs were joined.
 */
static void text_para(struct lay *L, struct flow *F, cmark_node *first, cmark_node *stop, cmark_node *block,
		      bool subheading, bool keep)
{
	struct inline_style s = body_style(F);
	struct lpara *lp;

	while (first && first != stop && node_is_blank(first))
		first = cmark_node_next(first);
	if (!first || first == stop)
		return;
	{
		cmark_node *last = stop ? cmark_node_previous(stop) : cmark_node_last_child(block);

		while (last && last != first && node_is_blank(last))
			last = cmark_node_previous(last);
		stop = cmark_node_next(last);
	}
	/* A subhead is not a body line: not indented, as the EPUB sets it. */
	lp = lay_para_new(L, F->w, lay_pitch(L, F->size), subheading ? 0 : para_indent(L, F), L->t->align, false,
			  lay_node_line(L, block));
	lay_para_role(L, lp, SR_P, F->el);
	layout_inlines_range(L, lp, first, stop, &s);
	if (!*para_text(lp->para)) {
		lpara_unref(lp);
		return;
	}
	lay_space(L, lay_em(F, F->tight ? 0 : L->t->paragraph_space));
	lay_para_lines(L, F, lp, subheading || keep);
	lay_space(L, lay_em(F, F->tight ? 0 : L->t->paragraph_space));
	if (subheading || keep)
		lay_keep(L);
	if (F->latin)
		F->no_indent = false;
}

/*
 * The pictures inside the inline nodes first..stop (in emphasis, in a link with words or with
 * more pictures), set after that text as the pictures among words are: the PDF printed their
 * descriptions, and a link around two pictures was text. Each is linked where its link goes.
 */
static void nested_pictures(struct lay *L, struct flow *F, cmark_node *first, cmark_node *stop)
{
	for (cmark_node *c = first; c && c != stop; c = cmark_node_next(c)) {
		cmark_iter *it;
		cmark_event_type ev;

		if (!cmark_node_first_child(c))
			continue;
		it = cmark_iter_new(c);
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *x = cmark_iter_get_node(it), *up;
			const struct image *raw;

			if (ev != CMARK_EVENT_ENTER || x == c)
				continue;
			if (cmark_node_get_type(x) == CMARK_NODE_IMAGE) {
				char *link = (up = node_link_around(x)) ? lay_link_target(up) : NULL;

				lay_image_node(L, F, x, link);
				g_free(link);
				cmark_iter_reset(it, x, CMARK_EVENT_EXIT);	/* its alt text */
			} else if (L->view && (raw = record_inline_picture(x))) {
				char *link = lay_raw_picture_link(x);

				lay_image(L, F, raw, raw->caption, link, lay_node_line(L, x));
				g_free(link);
			}
		}
		cmark_iter_free(it);
	}
}

/* A paragraph; images in it become blocks of their own, the text around them paragraphs. */
static void paragraph(struct lay *L, struct flow *F, cmark_node *n)
{
	cmark_node *start = cmark_node_first_child(n);

	if (L->view && n == L->view->source_para)	/* the header shows the source */
		return;
	for (cmark_node *c = start; c; c = cmark_node_next(c)) {
		cmark_node *img = cmark_node_get_type(c) == CMARK_NODE_IMAGE ? c : node_linked_image(c);
		/* <img> written in the line as raw HTML: a picture like ![alt](src) there. */
		const struct image *raw = img || !L->view ? NULL : record_inline_picture(c);

		/* (a spacer showing nothing parts nothing: the line goes on, as in the EPUB) */
		if ((!img && !raw) || lay_blank_picture(L, img ? img : c))
			continue;
		text_para(L, F, start, c, n, false, false);
		nested_pictures(L, F, start, c);
		if (raw) {
			char *link = lay_raw_picture_link(c);

			lay_image(L, F, raw, raw->caption, link, lay_node_line(L, c));
			g_free(link);
		} else {
			char *link = img == c ? NULL : lay_link_target(c);

			lay_image_node(L, F, img, link);
			g_free(link);
		}
		start = cmark_node_next(c);
	}
	text_para(L, F, start, NULL, n, start == cmark_node_first_child(n) && record_subhead(n),
		  start == cmark_node_first_child(n) && cmark_node_next(n) && record_bold_phrase(n));
	nested_pictures(L, F, start, NULL);
}

/* ---- headings ---- */

static void heading(struct lay *L, struct flow *F, cmark_node *n)
{
	int level = cmark_node_get_heading_level(n);
	double size = L->t->heading_size[CLAMP(level, 1, 6) - 1];
	/* Chinese headings are set in a regular-weight sans (黑体); Latin ones in bold. */
	struct inline_style s = { .role = lay_heading_role(F), .size = size, .bold = F->latin, .color = L->t->color_heading };
	const struct heading *h = record_heading(n);
	/*
	 * On the grid a heading about the body size (within a tenth) is set on the grid's lines, like
	 * a line of text; a larger one is a block of whole lines, centred in them.
	 */
	bool body = L->grid && F->grid && F->size == L->t->size && size < F->size * 1.1;
	struct lpara *lp = lay_para_new(L, F->w, body ? L->grid : size * 1.45, 0, PARA_LEFT, false,
					lay_node_line(L, n));

	layout_inlines(L, lp, n, &s);
	if (!*para_text(lp->para)) {
		lpara_unref(lp);
		return;
	}
	lay_para_role(L, lp, lay_heading_level(L, n), F->el);
	if (body)
		lay_space(L, lay_em(F, L->t->heading_space_before));
	else
		lay_block_begin(L, F, lay_em(F, L->t->heading_space_before));
	if (h) {
		int min = 6, depth;

		for (guint i = 0; i < L->art->headings->len; i++)
			min = MIN(min, ((const struct heading *)g_ptr_array_index(L->art->headings, i))->level);
		depth = level - min;
		lay_mark(L, h->anchor, h->text, depth < 2 ? lay_outline_base(L) + 1 + depth : -1);
	}
	lay_para_lines(L, F, lp, true);
	if (body)
		lay_space(L, lay_em(F, L->t->heading_space_after));
	else
		lay_block_end(L, F, lay_em(F, L->t->heading_space_after), L->t->heading_lines);
	lay_keep(L);
	if (F->latin)
		F->no_indent = true;
}

/* ---- code ---- */

static void code_block(struct lay *L, struct flow *F, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	double size = L->t->code_size, pad = 4;
	GString *text = g_string_new(NULL);
	struct lpara *lp;
	struct flow cf = *F;
	struct vitem *v;
	int col = 0;

	/* Tabs to the next multiple of four columns; the closing newline goes. */
	for (const char *p = lit ? lit : ""; *p; p = g_utf8_next_char(p)) {
		if (*p == '\t') {
			do
				g_string_append_c(text, ' ');
			while (++col % 4);
		} else if (*p == '\n') {
			g_string_append_c(text, '\n');
			col = 0;
		} else if (*p == '\r') {
			continue;
		} else {
			g_string_append_unichar(text, g_utf8_get_char(p));
			col++;
		}
	}
	while (text->len && text->str[text->len - 1] == '\n')
		g_string_truncate(text, text->len - 1);
	if (!text->len) {
		g_string_free(text, TRUE);
		return;
	}
	lp = lay_para_new(L, F->w - 2 * pad, size * 1.45, 0, PARA_LEFT, true, lay_node_line(L, n));
	lay_para_role(L, lp, SR_CODE, F->el);
	para_add(lp->para, text->str, (int)text->len,
		 lay_style(L, FONT_CODE, size, false, false, L->t->color_text, NULL, 0, true, false));
	g_string_free(text, TRUE);
	lay_para_check(L, lp);
	lay_block_begin(L, F, lay_em(F, L->t->block_space));
	/* A padding strip above and below; the grey background is drawn line by line. */
	v = vitem_new(pad);
	{
		struct box f = { .kind = BOX_FILL, .x = F->x, .y = 0, .w = F->w, .h = pad, .color = L->t->color_code_bg };

		vitem_box(v, &f);
	}
	lay_add(L, v);
	cf.x = F->x + pad;
	cf.w = F->w - 2 * pad;
	lay_keep(L);
	{
		int nl = para_n_lines(lp->para);

		for (int i = 0; i < nl; i++) {
			const struct para_line *l = para_line(lp->para, i);
			struct vitem *li = vitem_new(l->ascent + l->descent);
			struct box f = { .kind = BOX_FILL, .x = F->x, .y = 0, .w = F->w, .h = li->height,
					 .color = L->t->color_code_bg };
			struct box b = { .kind = BOX_TEXT, .x = cf.x, .y = l->ascent, .lp = lpara_ref(lp), .line = i };

			vitem_box(li, &f);
			if (i == 0)
				lay_use_markers(F, li, l->ascent);
			vitem_box(li, &b);
			if (i > 0)
				li->keep_with_prev = !(i >= 2 && nl - i >= 2);
			lay_add(L, li);
		}
	}
	lpara_unref(lp);
	lay_keep(L);
	v = vitem_new(pad);
	{
		struct box f = { .kind = BOX_FILL, .x = F->x, .y = 0, .w = F->w, .h = pad, .color = L->t->color_code_bg };

		vitem_box(v, &f);
	}
	lay_add(L, v);
	lay_block_end(L, F, lay_em(F, L->t->block_space), 0);
}

/* ---- raw HTML: its text, and its tables as tables ---- */

static bool html_block_element(const char *name)
{
	static const char *const blocks[] = { "p", "div", "br", "li", "tr", "caption", "h1", "h2", "h3", "h4", "h5",
					      "h6", "blockquote", "pre", "table", "ul", "ol", "section", "article",
					      "figure", "figcaption", "hr", NULL };

	for (int i = 0; blocks[i]; i++)
		if (!g_ascii_strcasecmp(name, blocks[i]))
			return true;
	return false;
}

/* Never text of the book: scripts, styles and the like. */
static bool html_code_element(const char *name)
{
	static const char *const code[] = { "script", "style", "head", "template", "noscript", NULL };

	for (int i = 0; code[i]; i++)
		if (!g_ascii_strcasecmp(name, code[i]))
			return true;
	return false;
}

/* A raw HTML block being set: its text gathered, and set as paragraphs before each table and at its end. */
struct html_set {
	struct lay *L;
	struct flow *F;
	cmark_node *node;
	GString *text;
};

/* The text gathered so far, a paragraph per line with text (walked in place: deep raw HTML makes
   hundreds of thousands of empty ones). */
static void html_paragraphs(struct html_set *h)
{
	struct lay *L = h->L;
	struct flow *F = h->F;

	for (char *p = h->text->str, *next; p; p = next) {
		char *nl = strchr(p, '\n');
		struct inline_style s = body_style(F);
		struct lpara *lp;

		next = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		g_strstrip(p);
		if (!*p)
			continue;
		lp = lay_para_new(L, F->w, lay_pitch(L, F->size), para_indent(L, F), L->t->align, false,
				  lay_node_line(L, h->node));
		lay_para_role(L, lp, SR_P, F->el);
		para_add(lp->para, p, -1, lay_style(L, s.role, s.size, false, false, s.color, NULL, 0, false, false));
		lay_space(L, lay_em(F, L->t->paragraph_space));
		lay_para_lines(L, F, lp, false);
	}
	g_string_truncate(h->text, 0);
}

/*
 * A <table> set as a table (as the EPUB shows it), its caption first: true. False, with nothing
 * set, when it is no table a page can hold; its text is then set as paragraphs, a row a line.
 */
static bool html_table(struct html_set *h, xmlNode *table, const char *lang)
{
	cmark_node *doc = html_table_gfm(table, cmark_node_get_start_line(h->node), lang);

	if (!doc)
		return false;
	for (xmlNode *c = table->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)c->name, "caption")) {
			xmlChar *caption = xmlNodeGetContent(c);

			g_string_append_printf(h->text, "\n%s\n", caption ? (const char *)caption : "");
			xmlFree(caption);
		}
	html_paragraphs(h);
	layout_table(h->L, h->F, cmark_node_first_child(doc), h->node);
	cmark_node_free(doc);
	return true;
}

/* The address of the outermost <a> around img that links (one inside it is no link, as in the EPUB), or NULL. */
static char *html_link_around(const xmlNode *img)
{
	char *link = NULL;

	for (const xmlNode *p = img->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
		char *here = g_ascii_strcasecmp((const char *)p->name, "a") ? NULL : allow_link_address(p);

		if (here) {
			g_free(link);
			link = here;
		}
	}
	return link;
}

/* An <img>: the picture (or its placeholder) and caption the EPUB shows there, between the text before and after. */
static void html_image(struct html_set *h, xmlNode *img)
{
	char *src = sanitize_img_src(img), *alt = NULL;
	const struct image *im = src && *src && h->L->view ? record_image(h->L->view, h->node, src, sanitize_img_nth(img))
							   : NULL;

	if (im) {
		char *link = html_link_around(img);

		html_paragraphs(h);
		lay_image(h->L, h->F, im, im->caption, link, lay_node_line(h->L, h->node));
		g_free(link);
	} else if (!src || !*src) {
		/* It names no picture (said by the passes): its placeholder, as the EPUB's. */
		struct image none = { .url = "", .alt = alt = allow_attr(img, "alt") };

		if (!none.alt)
			none.alt = alt = g_strdup("");
		html_paragraphs(h);
		lay_image(h->L, h->F, &none, NULL, NULL, lay_node_line(h->L, h->node));
	}
	g_free(src);
	g_free(alt);
}

/* Is figcaption its figure's picture's caption (image.in_figure: set with the picture, not as text)? */
static bool html_caption_taken(struct html_set *h, const xmlNode *figcaption)
{
	const xmlNode *figure = figcaption->parent, *top = figure;

	if (!figure || figure->type != XML_ELEMENT_NODE || g_ascii_strcasecmp((const char *)figure->name, "figure")
	    || sanitize_figcaption_of(figure) != figcaption || !h->L->view)
		return false;
	for (const xmlNode *n = figure->children; n; n = sanitize_next_node(n, top, true)) {
		if (n->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)n->name, "img")) {
			char *src = sanitize_img_src(n);
			const struct image *im = src ? record_image(h->L->view, h->node, src, sanitize_img_nth(n)) : NULL;
			bool taken = im && im->in_figure;

			g_free(src);
			if (taken)
				return true;
		}
	}
	return false;
}

/*
 * The document's text as the EPUB shows it, a line end around each block, its tables as tables;
 * what plays (a video, an iframe) becomes its note. A loop: raw HTML may nest a million deep.
 */
static void html_text(xmlDoc *doc, struct html_set *h, const char *lang)
{
	xmlNode *top = (xmlNode *)doc, *n = doc->children;
	GString *out = h->text;

	while (n) {
		bool descend = false;

		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			g_string_append(out, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && sanitize_is_embed((const char *)n->name)) {
			char *note = sanitize_embed_note(n, lang);

			g_string_append_printf(out, "\n%s\n", note);
			g_free(note);
		} else if (n->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)n->name, "table")
			   && html_table(h, n, lang)) {
			/* set: its text is not walked again */
		} else if (n->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)n->name, "img")) {
			html_image(h, n);
		} else if (n->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)n->name, "figcaption")
			   && html_caption_taken(h, n)) {
			/* set as its picture's caption */
		} else if (n->type == XML_ELEMENT_NODE && !html_code_element((const char *)n->name)) {
			const char *name = (const char *)n->name;

			if (html_block_element(name))
				g_string_append_c(out, '\n');
			else if (!g_ascii_strcasecmp(name, "td") || !g_ascii_strcasecmp(name, "th"))
				g_string_append_c(out, ' ');	/* a table set as text: a row a line, its cells apart */
			descend = n->children != NULL;
		}
		if (descend) {
			n = n->children;
			continue;
		}
		/* Leaving n, and each element it was the last child of. */
		while (n != top && !n->next) {
			n = n->parent;
			if (n != top && html_block_element((const char *)n->name))
				g_string_append_c(out, '\n');
		}
		n = n == top ? NULL : n->next;
	}
}

static void html_block(struct lay *L, struct flow *F, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	struct html_set h = { L, F, n, NULL };
	htmlDocPtr doc;

	if (!lit || !*lit)
		return;
	doc = sanitize_parse_html_block(lit);
	if (!doc)
		return;
	h.text = g_string_new(NULL);
	html_text(doc, &h, L->art ? L->art->lang : L->b->lang);
	xmlFreeDoc(doc);
	html_paragraphs(&h);
	g_string_free(h.text, TRUE);
}

/* ---- lists and quotes ---- */

/*
 * Quotes and lists nested deeper than this are laid out flat (their blocks in the enclosing flow,
 * without bars or markers) by a loop, not by recursion: hostile input nests them by the thousand,
 * which would exhaust the stack; at this depth nothing moves in any more anyway.
 */
enum { MAX_NESTING = 100 };

static void layout_one(struct lay *L, struct flow *F, cmark_node *n);

/* Every block under root, each in F, in reading order. */
static void layout_flat(struct lay *L, struct flow *F, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it), *child;
		const char *type = cmark_node_get_type_string(n);

		if (ev != CMARK_EVENT_ENTER || n == root)
			continue;
		child = cmark_node_first_child(n);
		/* Quotes, lists, items: into their blocks. A leaf block, a table or a footnote: here. */
		if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION && !(type && !strcmp(type, "table"))
		    && child && (cmark_node_get_type(child) & CMARK_NODE_TYPE_MASK) != CMARK_NODE_TYPE_INLINE)
			continue;
		layout_one(L, F, n);
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
}

static void list(struct lay *L, struct flow *F, cmark_node *n, int depth)
{
	if (L->nesting >= MAX_NESTING) {
		layout_flat(L, F, n);
		return;
	}
	L->nesting++;
	static const char *const bullets[] = { "•", "◦", "▪" };
	bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	bool paren = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM;
	int number = cmark_node_get_list_start(n);
	double indent = lay_em(F, ordered ? 2.2 : 1.6);
	int items = 0;

	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		items++;
	/* Room for the widest number and its stop ("12345." was cut to "1234": CommonMark takes nine digits). */
	if (ordered && (gint64)number + items > 99) {
		int digits = 1;

		for (gint64 last = (gint64)number + items - 1; last >= 10; last /= 10)
			digits++;
		indent = lay_em(F, MAX(3, 0.6 * (digits + 1) + 0.6));
	}
	/* Lists nested past sense stop moving in (and lose their markers): the text keeps its measure. */
	bool flat = F->w - indent < lay_em(F, 8);

	if (flat)
		indent = 0;
	struct selem *list_el = lay_element(L, SR_L, F->el, lay_node_line(L, n));

	lay_space(L, lay_em(F, depth ? 0.2 : L->t->block_space));
	for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item), number++) {
		struct flow sub = *F;
		char *mark = ordered ? g_strdup_printf("%d%s", number, paren ? ")" : ".") : g_strdup(bullets[depth % 3]);
		struct lpara *mp = lay_para_new(L, indent - lay_em(F, 0.5), lay_pitch(L, F->size), 0, PARA_RIGHT, false, 0);
		struct selem *li = lay_element(L, SR_LI, list_el, lay_node_line(L, item));

		/* A list item: its marker (a label), then its body. */
		lay_para_role(L, mp, SR_LBL, li);
		sub.el = lay_element(L, SR_LBODY, li, lay_node_line(L, item));

		para_add(mp->para, mark, -1, lay_style(L, lay_body_role(F), F->size, false, false, F->color, NULL, 0, false,
						       false));
		lay_para_check(L, mp);
		/* Right to left, the item's text keeps the left of the band and its marker the right. */
		sub.x = F->rtl ? F->x : F->x + indent;
		sub.w = F->w - indent;
		sub.no_indent = true;
		sub.tight = cmark_node_get_list_tight(n);
		/* An outer item's marker still waiting (a list first in an item) shares the line. */
		F->nmarkers = 0;
		if (!flat && sub.nmarkers < (int)G_N_ELEMENTS(sub.markers)) {
			struct box *m = &sub.markers[sub.nmarkers++];

			memset(m, 0, sizeof *m);
			m->kind = BOX_TEXT;
			m->x = F->rtl ? F->x + F->w - indent + lay_em(F, 0.5) : F->x;
			m->lp = mp;	/* the reference moves to the box */
			mp = NULL;
		}
		if (item != cmark_node_first_child(n))
			lay_space(L, lay_em(F, sub.tight ? 0.15 : 0.5));
		layout_blocks(L, &sub, item);
		if (sub.nmarkers) {
			/* An empty item (or one starting with a picture): the marker alone. */
			struct vitem *v = vitem_new(lay_pitch(L, F->size));

			v->snap = F->grid && L->grid && lay_pitch(L, F->size) == L->grid;	/* a line of the grid */
			lay_use_markers(&sub, v, F->size * 0.88 + (lay_pitch(L, F->size) - F->size) / 2);
			lay_add(L, v);
		}
		lpara_unref(mp);	/* a marker with no place (too deep) */
		g_free(mark);
		selem_unref(sub.el);
		selem_unref(li);
	}
	selem_unref(list_el);
	lay_space(L, lay_em(F, depth ? 0.2 : L->t->block_space));
	L->nesting--;
}

static int list_depth(cmark_node *n)
{
	int d = 0;

	for (cmark_node *p = cmark_node_parent(n); p; p = cmark_node_parent(p))
		if (cmark_node_get_type(p) == CMARK_NODE_LIST)
			d++;
	return d;
}

static void block_quote(struct lay *L, struct flow *F, cmark_node *n)
{
	struct flow sub = *F;
	double in = lay_em(F, 1.5);
	const struct bars *was;

	if (L->nesting >= MAX_NESTING) {
		layout_flat(L, F, n);
		return;
	}
	/* Quotes nested past sense stop moving in: the text keeps a usable measure. */
	if (F->w - in < lay_em(F, 8))
		in = 0;

	if (sub.bars.n < (int)G_N_ELEMENTS(sub.bars.x)) {
		sub.bars.x[sub.bars.n] = F->rtl ? F->x + F->w - lay_em(F, 0.3) - 1.2 : F->x + lay_em(F, 0.3);
		sub.bars.quote[sub.bars.n++] = ++L->quotes;
	}
	sub.x = F->rtl ? F->x : F->x + in;
	sub.w = F->w - in;
	sub.color = L->t->color_quote;
	sub.no_indent = F->latin;	/* English: a quotation's first paragraph is not indented */
	sub.el = lay_element(L, SR_BLOCKQUOTE, F->el, lay_node_line(L, n));
	lay_space(L, lay_em(F, L->t->block_space));
	L->nesting++;
	was = L->bars;
	L->bars = &sub.bars;
	layout_blocks(L, &sub, n);
	L->bars = was;
	L->nesting--;
	selem_unref(sub.el);
	F->nmarkers = sub.nmarkers;
	lay_space(L, lay_em(F, L->t->block_space));
}

/* ---- definition lists ---- */

/* A term: its line in bold, not indented, kept with its description; tagged role under parent. */
static void term(struct lay *L, struct flow *F, cmark_node *n, enum srole role, struct selem *parent)
{
	struct inline_style s = body_style(F);
	struct lpara *lp = lay_para_new(L, F->w, lay_pitch(L, F->size), 0, PARA_LEFT, false, lay_node_line(L, n));

	s.bold = true;
	lay_para_role(L, lp, role, parent);
	layout_inlines(L, lp, n, &s);
	if (!*para_text(lp->para)) {
		lpara_unref(lp);
		return;
	}
	lay_para_lines(L, F, lp, true);
	lay_keep(L);
}

/*
 * A definition list (text/deflist.h): a list (L) of items (LI), each its terms (Lbl) and their
 * descriptions (LBody), as the EPUB's <dt> in bold and <dd> moved in by 2 em under it.
 */
static void definition_list(struct lay *L, struct flow *F, cmark_node *n)
{
	double indent = lay_em(F, 2), space;
	struct selem *list_el, *li = NULL;

	if (L->nesting >= MAX_NESTING) {
		layout_flat(L, F, n);
		return;
	}
	/* Nested past sense, descriptions stop moving in: the text keeps its measure. */
	if (F->w - indent < lay_em(F, 8))
		indent = 0;
	L->nesting++;
	list_el = lay_element(L, SR_L, F->el, lay_node_line(L, n));
	/* In a list's item or a quote, as a list nested there: only a little space around it. */
	space = lay_em(F, cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_DOCUMENT ? L->t->block_space : 0.2);
	lay_space(L, space);
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		cmark_node *prev = cmark_node_previous(c);

		if (deflist_part(c) == DEFLIST_TERM) {
			/* A term after a description begins the next item. */
			if (!li || deflist_part(prev) == DEFLIST_DESCRIPTION) {
				selem_unref(li);
				li = lay_element(L, SR_LI, list_el, lay_node_line(L, c));
				if (prev)
					lay_space(L, lay_em(F, L->t->paragraph_space));
			}
			term(L, F, c, SR_LBL, li);
		} else {
			struct flow sub = *F;

			if (!li)
				li = lay_element(L, SR_LI, list_el, lay_node_line(L, c));
			sub.el = lay_element(L, SR_LBODY, li, lay_node_line(L, c));
			sub.x = F->x + indent;
			sub.w = F->w - indent;
			sub.no_indent = true;
			sub.tight = deflist_tight(c);
			layout_blocks(L, &sub, c);
			F->nmarkers = sub.nmarkers;
			selem_unref(sub.el);
		}
	}
	selem_unref(li);
	selem_unref(list_el);
	lay_space(L, space);
	L->nesting--;
}

static void thematic_break(struct lay *L, struct flow *F)
{
	lay_block_begin(L, F, lay_em(F, L->t->block_space));
	lay_rule(L, F->x + F->w * 0.375, F->w * 0.25, 0.6, F->size);
	lay_block_end(L, F, lay_em(F, L->t->block_space), 0);
}

/* One block of a container. */
static void layout_one(struct lay *L, struct flow *F, cmark_node *n)
{
	const char *type = cmark_node_get_type_string(n);

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		paragraph(L, F, n);
		break;
	case CMARK_NODE_HEADING:
		heading(L, F, n);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		block_quote(L, F, n);
		break;
	case CMARK_NODE_LIST:
		list(L, F, n, list_depth(n));
		break;
	case CMARK_NODE_CODE_BLOCK:
		code_block(L, F, n);
		break;
	case CMARK_NODE_HTML_BLOCK:
		html_block(L, F, n);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		thematic_break(L, F);
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		break;	/* set at the end of the article */
	default:
		if (type && !strcmp(type, "table"))
			layout_table(L, F, n, NULL);
		else if (deflist_part(n) == DEFLIST_LIST)
			definition_list(L, F, n);
		else if (deflist_part(n) == DEFLIST_TERM)
			term(L, F, n, SR_P, F->el);	/* a list laid out flat (nested past MAX_NESTING) */
		else
			layout_blocks(L, F, n);
		break;
	}
}

void layout_blocks(struct lay *L, struct flow *F, cmark_node *parent)
{
	for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n))
		layout_one(L, F, n);
}
