/* layout_block.c - an article's blocks as vertical items: paragraphs, headings, lists, quotes, code, images. */
#include "layout_int.h"

#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "diag.h"
#include "langdetect.h"

int lay_node_line(const struct lay *L, cmark_node *n)
{
	int line = cmark_node_get_start_line(n);

	while (line <= 0 && cmark_node_parent(n)) {
		n = cmark_node_parent(n);
		line = cmark_node_get_start_line(n);
	}
	return L->art ? L->art->body_line + (line > 0 ? line - 1 : 0) : 0;
}

/* ---- paragraphs into lines ---- */

struct lpara *lay_para_new(struct lay *L, double width, double pitch, double indent, enum para_align align,
			   bool keep_spaces, int src_line)
{
	struct para_settings set = {
		.width = width, .indent = indent, .align = align, .line_height = pitch, .lang = L->lang,
		.keep_spaces = keep_spaces, .punct = L->t->punct, .cjk_latin_space = L->t->cjk_latin_space,
	};
	struct lpara *lp = g_new0(struct lpara, 1);

	lp->ref = 1;
	lp->para = para_new(L->ctx, &set);
	lp->file = L->art ? L->art->file : NULL;
	lp->line = src_line;
	return lp;
}

void lay_para_check(struct lay *L, struct lpara *lp)
{
	int n = para_layout(lp->para);

	if (lp->checked)
		return;
	lp->checked = true;
	if (L->measuring)
		return;	/* reported once, in article order, by the drawing pass */
	for (int i = 0; i < n; i++) {
		const struct para_line *l = para_line(lp->para, i);

		for (guint r = 0; r < l->runs->len; r++) {
			const struct para_run *run = g_ptr_array_index(l->runs, r);
			const PangoGlyphString *g = run->glyphs->glyphs;

			for (int k = 0; k < g->num_glyphs; k++) {
				PangoGlyph glyph = g->glyphs[k].glyph;
				gunichar u;
				char buf[8] = { 0 };

				if (glyph == PANGO_GLYPH_EMPTY || !(glyph & PANGO_GLYPH_UNKNOWN_FLAG))
					continue;
				u = glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
				if (g_unichar_iscntrl(u) || g_unichar_isspace(u)
				    || g_hash_table_contains(L->reported, GUINT_TO_POINTER(u)))
					continue;
				g_hash_table_add(L->reported, GUINT_TO_POINTER(u));
				g_unichar_to_utf8(u, buf);
				diag_warn(lp->file, lp->line, "no font can draw the character U+%04X '%s'; it shows as a box",
					  u, buf);
			}
		}
	}
}

void lay_use_markers(struct flow *F, struct vitem *v, double y)
{
	for (int k = 0; k < F->nmarkers; k++) {
		struct box m = F->markers[k];

		m.y = y;
		vitem_box(v, &m);
	}
	F->nmarkers = 0;
}

void lay_para_lines(struct lay *L, struct flow *F, struct lpara *lp, bool keep_together)
{
	int n;

	lay_para_check(L, lp);
	n = para_n_lines(lp->para);
	for (int i = 0; i < n; i++) {
		const struct para_line *l = para_line(lp->para, i);
		struct vitem *v = vitem_new(l->ascent + l->descent);
		struct box b = { .kind = BOX_TEXT, .x = F->x, .y = l->ascent, .lp = lpara_ref(lp), .line = i };

		/* Markers first: text extraction then reads "1." before the item's words. */
		if (i == 0)
			lay_use_markers(F, v, l->ascent);
		vitem_box(v, &b);
		for (int k = 0; k < F->nbars; k++) {
			struct box bar = { .kind = BOX_RULE, .x = F->bars[k], .y = 0, .w = 1.2, .h = v->height,
					   .color = L->t->color_rule };

			vitem_box(v, &bar);
		}
		for (guint k = 0; lp->anchors && k < lp->anchors->len; k++) {
			struct anchor *a = &g_array_index(lp->anchors, struct anchor, k);

			if ((a->offset >= l->start && a->offset < l->end) || (i == n - 1 && a->offset >= l->end)) {
				struct box d = { .kind = BOX_DEST, .x = F->x, .y = 0, .target = g_strdup(a->dest) };

				vitem_box(v, &d);
			}
		}
		/* Widows and orphans: a page may break only with two lines on either side. */
		if (i > 0)
			v->keep_with_prev = keep_together || !(i >= 2 && n - i >= 2);
		lay_add(L, v);
	}
	lpara_unref(lp);
}

/* ---- helpers ---- */

static double em(const struct flow *F, double v)
{
	return v * F->size;
}

static enum theme_font body_role(const struct flow *F)
{
	return F->latin ? FONT_BODY_LATIN : FONT_BODY;
}

static enum theme_font heading_role(const struct flow *F)
{
	return F->latin ? FONT_HEADING_LATIN : FONT_HEADING;
}

static struct inline_style body_style(struct lay *L, const struct flow *F)
{
	struct inline_style s = { .role = body_role(F), .size = F->size, .color = F->color };

	(void)L;
	return s;
}

static double pitch(const struct lay *L, double size)
{
	return size * L->t->line_height;
}

/* A rule across the band (or part of it) as an item of the given height. */
static void add_rule(struct lay *L, const struct flow *F, double x, double w, double thickness, double height)
{
	struct vitem *v = vitem_new(height);
	struct box r = { .kind = BOX_RULE, .x = x, .y = (height - thickness) / 2, .w = w, .h = thickness,
			 .color = L->t->color_rule };

	vitem_box(v, &r);
	(void)F;
	lay_add(L, v);
}

static bool is_blank_text(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	const char *s;

	if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
		return true;
	if (t != CMARK_NODE_TEXT)
		return false;
	s = cmark_node_get_literal(n);
	return !s || !s[strspn(s, " \t\n")];
}

/* ---- images ---- */

static bool drawable(const struct resource *r)
{
	return r && r->width > 0 && r->height > 0
	       && (!strcmp(r->media_type, "image/jpeg") || !strcmp(r->media_type, "image/png")
		   || !strcmp(r->media_type, "image/gif") || !strcmp(r->media_type, "image/webp"));
}

/* Text cut to max characters with an ellipsis. */
static char *shorten(const char *s, long max)
{
	if (g_utf8_strlen(s, -1) <= max)
		return g_strdup(s);
	return g_strdup_printf("%.*s…", (int)(g_utf8_offset_to_pointer(s, max) - s), s);
}

/* A visible box where an image could not be had: what it showed (alt) and where it was (link). */
static void add_placeholder(struct lay *L, struct flow *F, const char *alt, const char *url, const char *problem,
			    int src_line)
{
	double pad = 6, size = L->t->small_size;
	struct lpara *lp = lay_para_new(L, F->w - 2 * pad, size * 1.5, 0, PARA_LEFT, false, src_line);
	struct inline_style s = { .role = body_role(F), .size = size, .color = L->t->color_muted };
	/* The model's reason is English: Chinese books show the label alone. */
	char *label = g_strdup(lay_label(L, "image-missing"));
	char *salt = alt && *alt ? shorten(alt, 200) : NULL;
	char *surl = url && *url ? shorten(url, 160) : NULL;
	struct vitem *v;
	double y = pad;
	int n;

	if (F->latin && problem) {
		g_free(label);
		label = g_strdup_printf("%s (%s)", lay_label(L, "image-missing"), problem);
	}
	para_add(lp->para, label, -1, lay_style(L, s.role, size, true, false, s.color, NULL, 0, false, false));
	if (salt) {
		para_add(lp->para, "\n", -1, lay_style(L, s.role, size, false, false, s.color, NULL, 0, false, false));
		para_add(lp->para, salt, -1, lay_style(L, s.role, size, false, false, L->t->color_text, NULL, 0, false,
						       false));
	}
	if (surl) {
		bool web = g_str_has_prefix(url, "http://") || g_str_has_prefix(url, "https://");

		para_add(lp->para, "\n", -1, lay_style(L, s.role, size, false, false, s.color, NULL, 0, false, false));
		para_add(lp->para, surl, -1, lay_style(L, FONT_CODE, size * 0.9, false, false,
						       web ? L->t->color_link : s.color, web ? url : NULL, 0, false,
						       false));
	}
	lay_para_check(L, lp);
	n = para_n_lines(lp->para);
	for (int i = 0; i < n; i++) {
		const struct para_line *l = para_line(lp->para, i);

		y += l->ascent + l->descent;
	}
	v = vitem_new(y + pad);
	{
		struct box f = { .kind = BOX_FRAME, .x = F->x + 0.5, .y = 0.5, .w = F->w - 1, .h = y + pad - 1,
				 .lw = 0.8, .color = L->t->color_rule };

		vitem_box(v, &f);
	}
	y = pad;
	for (int i = 0; i < n; i++) {
		const struct para_line *l = para_line(lp->para, i);
		struct box b = { .kind = BOX_TEXT, .x = F->x + pad, .y = y + l->ascent, .lp = lpara_ref(lp), .line = i };

		vitem_box(v, &b);
		y += l->ascent + l->descent;
	}
	lpara_unref(lp);
	lay_space(L, em(F, L->t->block_space));
	lay_add(L, v);
	lay_space(L, em(F, L->t->block_space));
	g_free(label);
	g_free(salt);
	g_free(surl);
}

/* A caption is worth showing unless it is empty or just a file name. */
static bool caption_worthy(const char *s)
{
	const char *dot;

	if (!s || !*s)
		return false;
	dot = strrchr(s, '.');
	if (!strchr(s, ' ') && dot && (!g_ascii_strcasecmp(dot, ".jpg") || !g_ascii_strcasecmp(dot, ".png")
				       || !g_ascii_strcasecmp(dot, ".jpeg") || !g_ascii_strcasecmp(dot, ".gif")
				       || !g_ascii_strcasecmp(dot, ".webp")))
		return false;
	return g_ascii_strcasecmp(s, "image") && g_ascii_strcasecmp(s, "img") && strcmp(s, "图片");
}

/* An SVG with nothing in it: web pages use them as invisible spacers (often as data: URIs). */
static bool svg_is_empty(const struct resource *r)
{
	xmlDocPtr doc;
	xmlNode *root;
	bool empty = false;

	if (strcmp(r->media_type, "image/svg+xml"))
		return false;
	doc = xmlReadFile(r->path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return false;
	root = xmlDocGetRootElement(doc);
	if (root) {
		empty = true;
		for (xmlNode *c = root->children; c; c = c->next)
			if (c->type == XML_ELEMENT_NODE || (c->type == XML_TEXT_NODE && c->content
							   && ((const char *)c->content)[strspn((const char *)c->content, " \t\r\n")]))
				empty = false;
	}
	xmlFreeDoc(doc);
	return empty;
}

static void add_image(struct lay *L, struct flow *F, const struct image *im, const char *caption,
		      const char *link, int src_line)
{
	const struct resource *r = im ? im->res : NULL;
	double w, h, maxh, cap_h = 0, gap = 4;
	struct lpara *cap = NULL;
	struct vitem *v;

	if (r && svg_is_empty(r))
		return;
	if (!drawable(r)) {
		add_placeholder(L, F, im ? im->alt : NULL, im ? im->url : NULL,
				im && im->problem ? im->problem : r ? lay_label(L, "image-unsupported") : NULL, src_line);
		return;
	}
	if (caption_worthy(caption)) {
		double size = L->t->small_size;
		struct inline_style s = { .role = body_role(F), .size = size, .color = L->t->color_muted };

		cap = lay_para_new(L, F->w, size * 1.5, 0, PARA_CENTER, false, src_line);
		para_add(cap->para, caption, -1, lay_style(L, s.role, size, false, false, s.color, NULL, 0, false, false));
		lay_para_check(L, cap);
		for (int i = 0; i < para_n_lines(cap->para); i++) {
			const struct para_line *l = para_line(cap->para, i);

			cap_h += l->ascent + l->descent;
		}
		cap_h += gap;
	}
	/* Natural size at 96 pixels to the inch, never wider than the band nor taller than a page. */
	w = r->width * 0.75;
	h = r->height * 0.75;
	if (w > F->w) {
		h *= F->w / w;
		w = F->w;
	}
	maxh = L->body_h - cap_h;
	if (maxh < L->body_h / 2)
		maxh = L->body_h / 2;
	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	v = vitem_new(h);
	{
		struct box b = { .kind = BOX_IMAGE, .x = F->x + (F->w - w) / 2, .y = 0, .w = w, .h = h, .res = r };

		vitem_box(v, &b);
		if (link) {
			b.kind = BOX_LINK;
			b.res = NULL;
			b.target = g_strdup(link);
			vitem_box(v, &b);
		}
	}
	lay_space(L, em(F, L->t->block_space));
	lay_add(L, v);
	if (cap) {
		struct flow cf = *F;

		cf.nmarkers = 0;
		cf.nbars = 0;
		lay_space(L, gap);
		lay_keep(L);
		lay_para_lines(L, &cf, cap, true);
	}
	lay_space(L, em(F, L->t->block_space));
}

static void image_node(struct lay *L, struct flow *F, cmark_node *img, const char *link)
{
	const struct image *im = g_hash_table_lookup(L->images, img);
	const char *title = cmark_node_get_title(img);
	char *alt = node_plain_text(img);
	const char *caption = title && *title ? title : alt;

	if (im)
		add_image(L, F, im, caption, link, lay_node_line(L, img));
	else
		add_placeholder(L, F, alt, cmark_node_get_url(img), NULL, lay_node_line(L, img));
	g_free(alt);
}

/* A link whose only visible content is one image: the image, clickable. */
static cmark_node *linked_image(cmark_node *n)
{
	cmark_node *img = NULL;

	if (cmark_node_get_type(n) != CMARK_NODE_LINK)
		return NULL;
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_IMAGE && !img)
			img = c;
		else if (!is_blank_text(c))
			return NULL;
	}
	return img;
}

/* ---- paragraphs ---- */

static double para_indent(const struct lay *L, const struct flow *F)
{
	if (F->no_indent)
		return 0;
	return em(F, F->latin ? L->t->indent_latin : L->t->indent);
}

/* The inline nodes from first up to stop as one paragraph (blank ends trimmed). */
static void text_para(struct lay *L, struct flow *F, cmark_node *first, cmark_node *stop, cmark_node *block)
{
	struct inline_style s = body_style(L, F);
	struct lpara *lp;

	while (first && first != stop && is_blank_text(first))
		first = cmark_node_next(first);
	if (!first || first == stop)
		return;
	{
		cmark_node *last = stop ? cmark_node_previous(stop) : cmark_node_last_child(block);

		while (last && last != first && is_blank_text(last))
			last = cmark_node_previous(last);
		stop = cmark_node_next(last);
	}
	lp = lay_para_new(L, F->w, pitch(L, F->size), para_indent(L, F), L->t->align, false, lay_node_line(L, block));
	layout_inlines_range(L, lp, first, stop, &s);
	if (!*para_text(lp->para)) {
		lpara_unref(lp);
		return;
	}
	lay_space(L, em(F, F->tight ? 0 : L->t->paragraph_space));
	lay_para_lines(L, F, lp, false);
	lay_space(L, em(F, F->tight ? 0 : L->t->paragraph_space));
	if (F->latin)
		F->no_indent = false;
}

/* A paragraph; images in it become blocks of their own, the text around them paragraphs. */
static void paragraph(struct lay *L, struct flow *F, cmark_node *n)
{
	cmark_node *start = cmark_node_first_child(n);

	for (cmark_node *c = start; c; c = cmark_node_next(c)) {
		cmark_node *img = cmark_node_get_type(c) == CMARK_NODE_IMAGE ? c : linked_image(c);

		if (!img)
			continue;
		text_para(L, F, start, c, n);
		image_node(L, F, img, img == c ? NULL : cmark_node_get_url(c));
		start = cmark_node_next(c);
	}
	text_para(L, F, start, NULL, n);
}

/* ---- headings ---- */

static const struct heading *heading_for(const struct lay *L, cmark_node *n)
{
	for (guint i = 0; L->art && i < L->art->headings->len; i++) {
		const struct heading *h = g_ptr_array_index(L->art->headings, i);

		if (h->node == n)
			return h;
	}
	return NULL;
}

static int outline_base(const struct lay *L)
{
	return L->b->parts->len ? 1 : 0;
}

static void heading(struct lay *L, struct flow *F, cmark_node *n)
{
	int level = cmark_node_get_heading_level(n);
	double size = L->t->heading_size[CLAMP(level, 1, 6) - 1];
	/* Chinese headings are set in a regular-weight sans (黑体); Latin ones in bold. */
	struct inline_style s = { .role = heading_role(F), .size = size, .bold = F->latin, .color = L->t->color_heading };
	const struct heading *h = heading_for(L, n);
	struct lpara *lp = lay_para_new(L, F->w, size * 1.45, 0, PARA_LEFT, false, lay_node_line(L, n));

	layout_inlines(L, lp, n, &s);
	if (!*para_text(lp->para)) {
		lpara_unref(lp);
		return;
	}
	lay_space(L, em(F, L->t->heading_space_before));
	if (h) {
		int min = 6, depth;

		for (guint i = 0; i < L->art->headings->len; i++)
			min = MIN(min, ((const struct heading *)g_ptr_array_index(L->art->headings, i))->level);
		depth = level - min;
		lay_mark(L, h->anchor, h->text, depth < 2 ? outline_base(L) + 1 + depth : -1);
	}
	lay_para_lines(L, F, lp, true);
	lay_space(L, em(F, L->t->heading_space_after));
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
	para_add(lp->para, text->str, (int)text->len,
		 lay_style(L, FONT_CODE, size, false, false, L->t->color_text, NULL, 0, true, false));
	g_string_free(text, TRUE);
	lay_para_check(L, lp);
	lay_space(L, em(F, L->t->block_space));
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
			for (int k = 0; k < F->nbars; k++) {
				struct box bar = { .kind = BOX_RULE, .x = F->bars[k], .y = 0, .w = 1.2, .h = li->height,
						   .color = L->t->color_rule };

				vitem_box(li, &bar);
			}
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
	lay_space(L, em(F, L->t->block_space));
}

/* ---- raw HTML: its text only ---- */

static bool html_block_element(const char *name)
{
	static const char *const blocks[] = { "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
					      "blockquote", "pre", "table", "ul", "ol", "section", "article",
					      "figure", "figcaption", "hr", NULL };

	for (int i = 0; blocks[i]; i++)
		if (!g_ascii_strcasecmp(name, blocks[i]))
			return true;
	return false;
}

static void html_text(xmlNode *n, GString *out)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			g_string_append(out, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;

			/* Scripts, styles and the like are never text of the book. */
			if (!g_ascii_strcasecmp(name, "script") || !g_ascii_strcasecmp(name, "style")
			    || !g_ascii_strcasecmp(name, "head") || !g_ascii_strcasecmp(name, "template")
			    || !g_ascii_strcasecmp(name, "noscript") || !g_ascii_strcasecmp(name, "iframe")
			    || !g_ascii_strcasecmp(name, "object"))
				continue;
			if (html_block_element(name))
				g_string_append_c(out, '\n');
			html_text(n->children, out);
			if (html_block_element(name))
				g_string_append_c(out, '\n');
		}
	}
}

static void html_block(struct lay *L, struct flow *F, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	htmlDocPtr doc;
	GString *text;
	char **paras;

	if (!lit || !*lit)
		return;
	doc = htmlReadMemory(lit, (int)strlen(lit), NULL, "UTF-8",
			     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (!doc)
		return;
	text = g_string_new(NULL);
	html_text(xmlDocGetRootElement(doc), text);
	xmlFreeDoc(doc);
	paras = g_strsplit(text->str, "\n", -1);
	for (int i = 0; paras[i]; i++) {
		char *p = g_strstrip(paras[i]);
		struct inline_style s = body_style(L, F);
		struct lpara *lp;

		if (!*p)
			continue;
		lp = lay_para_new(L, F->w, pitch(L, F->size), para_indent(L, F), L->t->align, false, lay_node_line(L, n));
		para_add(lp->para, p, -1, lay_style(L, s.role, s.size, false, false, s.color, NULL, 0, false, false));
		lay_space(L, em(F, L->t->paragraph_space));
		lay_para_lines(L, F, lp, false);
	}
	g_strfreev(paras);
	g_string_free(text, TRUE);
}

/* ---- lists and quotes ---- */

static void list(struct lay *L, struct flow *F, cmark_node *n, int depth)
{
	static const char *const bullets[] = { "•", "◦", "▪" };
	bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
	bool paren = cmark_node_get_list_delim(n) == CMARK_PAREN_DELIM;
	int number = cmark_node_get_list_start(n);
	double indent = em(F, ordered ? 2.2 : 1.6);
	int items = 0;

	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		items++;
	if (ordered && number + items > 99)
		indent = em(F, 3);
	/* Lists nested past sense stop moving in (and lose their markers): the text keeps its measure. */
	bool flat = F->w - indent < em(F, 8);

	if (flat)
		indent = 0;
	lay_space(L, em(F, depth ? 0.2 : L->t->block_space));
	for (cmark_node *item = cmark_node_first_child(n); item; item = cmark_node_next(item), number++) {
		struct flow sub = *F;
		char *mark = ordered ? g_strdup_printf("%d%s", number, paren ? ")" : ".") : g_strdup(bullets[depth % 3]);
		struct lpara *mp = lay_para_new(L, indent - em(F, 0.5), pitch(L, F->size), 0, PARA_RIGHT, false, 0);

		para_add(mp->para, mark, -1, lay_style(L, body_role(F), F->size, false, false, F->color, NULL, 0, false,
						       false));
		lay_para_check(L, mp);
		sub.x = F->x + indent;
		sub.w = F->w - indent;
		sub.no_indent = true;
		sub.tight = cmark_node_get_list_tight(n);
		/* An outer item's marker still waiting (a list first in an item) shares the line. */
		F->nmarkers = 0;
		if (!flat && sub.nmarkers < (int)G_N_ELEMENTS(sub.markers)) {
			struct box *m = &sub.markers[sub.nmarkers++];

			memset(m, 0, sizeof *m);
			m->kind = BOX_TEXT;
			m->x = F->x;
			m->lp = mp;	/* the reference moves to the box */
			mp = NULL;
		}
		if (item != cmark_node_first_child(n))
			lay_space(L, em(F, sub.tight ? 0.15 : 0.5));
		layout_blocks(L, &sub, item);
		if (sub.nmarkers) {
			/* An empty item (or one starting with a picture): the marker alone. */
			struct vitem *v = vitem_new(pitch(L, F->size));

			lay_use_markers(&sub, v, F->size * 0.88 + (pitch(L, F->size) - F->size) / 2);
			lay_add(L, v);
		}
		lpara_unref(mp);	/* a marker with no place (too deep) */
		g_free(mark);
	}
	lay_space(L, em(F, depth ? 0.2 : L->t->block_space));
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
	double in = em(F, 1.5);

	/* Quotes nested past sense stop moving in: the text keeps a usable measure. */
	if (F->w - in < em(F, 8))
		in = 0;

	if (sub.nbars < (int)G_N_ELEMENTS(sub.bars))
		sub.bars[sub.nbars++] = F->x + em(F, 0.3);
	sub.x = F->x + in;
	sub.w = F->w - in;
	sub.color = L->t->color_quote;
	lay_space(L, em(F, L->t->block_space));
	layout_blocks(L, &sub, n);
	F->nmarkers = sub.nmarkers;
	lay_space(L, em(F, L->t->block_space));
}

static void thematic_break(struct lay *L, struct flow *F)
{
	lay_space(L, em(F, L->t->block_space));
	add_rule(L, F, F->x + F->w * 0.375, F->w * 0.25, 0.6, F->size);
	lay_space(L, em(F, L->t->block_space));
}

void layout_blocks(struct lay *L, struct flow *F, cmark_node *parent)
{
	for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
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
				layout_table(L, F, n);
			else
				layout_blocks(L, F, n);
			break;
		}
	}
}

/* ---- the article ---- */

static const char *const months[] = { "January", "February", "March", "April", "May", "June", "July",
				      "August", "September", "October", "November", "December" };

static char *format_date(const struct lay *L, const struct article *a, bool latin)
{
	int y, m, d;

	if (!a->fm.date.valid)
		return NULL;
	date_fields(&a->fm.date, &y, &m, &d);
	(void)L;
	if (latin)
		return g_strdup_printf("%d %s %d", d, months[CLAMP(m, 1, 12) - 1], y);
	return g_strdup_printf("%d年%d月%d日", y, m, d);
}

static void meta_line(struct lay *L, struct flow *F, const struct article *a)
{
	double size = L->t->meta_size;
	struct lpara *lp = lay_para_new(L, F->w, size * 1.6, 0, PARA_LEFT, false, a->fm.date.valid ? a->fm.date_text.line : 1);
	const struct para_style *muted = lay_style(L, body_role(F), size, false, false, L->t->color_muted, NULL, 0, false,
						   false);
	char *date = format_date(L, a, F->latin);
	const char *sep = "　";
	bool any = false;

	if (F->latin)
		sep = "  ·  ";
	if (date) {
		para_add(lp->para, date, -1, muted);
		any = true;
	}
	if (a->source_name || a->source_url) {
		const char *name = a->source_name && *a->source_name ? a->source_name : a->source_url;
		char *label = g_strdup_printf("%s%s", any ? sep : "", lay_label(L, "source"));

		para_add(lp->para, label, -1, muted);
		para_add(lp->para, name, -1, lay_style(L, body_role(F), size, false, false,
						       a->source_url ? L->t->color_link : L->t->color_muted,
						       a->source_url, 0, false, false));
		g_free(label);
		any = true;
	}
	if (a->fm.author.text && *a->fm.author.text) {
		char *s = g_strdup_printf("%s%s%s", any ? sep : "", lay_label(L, "author"), a->fm.author.text);

		para_add(lp->para, s, -1, muted);
		g_free(s);
		any = true;
	}
	if (a->fm.tags.items->len) {
		GString *s = g_string_new(any ? "\n" : "");

		g_string_append(s, lay_label(L, "tags"));
		for (guint i = 0; i < a->fm.tags.items->len; i++) {
			if (i)
				g_string_append(s, F->latin ? ", " : "、");
			g_string_append(s, g_ptr_array_index(a->fm.tags.items, i));
		}
		para_add(lp->para, s->str, (int)s->len, muted);
		g_string_free(s, TRUE);
		any = true;
	}
	g_free(date);
	if (!any) {
		lpara_unref(lp);
		return;
	}
	lay_space(L, em(F, 0.6));
	lay_keep(L);
	lay_para_lines(L, F, lp, true);
}

static bool used_in_body(const struct article *a, const struct resource *r)
{
	for (guint i = 0; i < a->images->len; i++)
		if (((const struct image *)g_ptr_array_index(a->images, i))->res == r)
			return true;
	return false;
}

static void article_header(struct lay *L, struct flow *F, const struct article *a)
{
	double size = L->t->title_size;
	struct lpara *lp = lay_para_new(L, F->w, size * 1.4, 0, PARA_LEFT, false, a->fm.title.line ? a->fm.title.line : 1);
	const char *summary = a->fm.summary.text;

	para_add(lp->para, a->title && *a->title ? a->title : " ", -1,
		 lay_style(L, heading_role(F), size, F->latin, false, L->t->color_heading, NULL, 0, false, false));
	lay_mark(L, a->id, a->title, outline_base(L));
	lay_para_lines(L, F, lp, true);
	meta_line(L, F, a);
	if (summary && summary[strspn(summary, " \t\n")]) {
		double ssize = F->size * 0.92;
		struct lpara *sp = lay_para_new(L, F->w, ssize * 1.7, 0, L->t->align, false, a->fm.summary.line);
		char *text = g_strstrip(g_strdup(summary));

		para_add(sp->para, text, -1, lay_style(L, FONT_EMPHASIS, ssize, false, false, L->t->color_muted, NULL, 0,
						       false, false));
		g_free(text);
		lay_space(L, em(F, 0.8));
		lay_keep(L);
		lay_para_lines(L, F, sp, false);
	}
	lay_space(L, em(F, 0.8));
	lay_keep(L);
	add_rule(L, F, F->x, F->w, 0.5, 1);
	lay_space(L, em(F, 1.2));
	if (a->lead && a->lead->res && drawable(a->lead->res) && !used_in_body(a, a->lead->res))
		add_image(L, F, a->lead, NULL, NULL, a->lead->line);
	if (F->latin)
		F->no_indent = true;
}

static void footnotes(struct lay *L, struct flow *F, const struct article *a)
{
	struct flow nf = *F;
	struct lpara *lp;
	double size = L->t->small_size;

	if (!a->footnotes->len)
		return;
	nf.size = size;
	nf.no_indent = true;
	lay_space(L, em(F, 1.5));
	add_rule(L, F, F->x, F->w * 0.25, 0.5, 1);
	lay_space(L, em(F, 0.5));
	lp = lay_para_new(L, F->w, size * 1.6, 0, PARA_LEFT, false, 0);
	para_add(lp->para, lay_label(L, "notes"), -1,
		 lay_style(L, heading_role(F), size, F->latin, false, L->t->color_heading, NULL, 0, false, false));
	lay_para_lines(L, &nf, lp, true);
	lay_keep(L);
	for (guint i = 0; i < a->footnotes->len; i++) {
		const struct footnote *f = g_ptr_array_index(a->footnotes, i);
		struct flow sub = nf;
		double indent = em(&nf, 2.2);
		char *mark = g_strdup_printf("%d.", f->number);
		char *back = g_strdup_printf("#%s", f->ref_anchor);
		struct lpara *mp = lay_para_new(L, indent - em(&nf, 0.5), size * 1.6, 0, PARA_RIGHT, false, 0);

		/* The number leads back to where the note was called. */
		para_add(mp->para, mark, -1, lay_style(L, body_role(F), size, false, false, L->t->color_link,
						       g_hash_table_contains(L->fnrefs, f) ? back : NULL, 0, false, false));
		lay_para_check(L, mp);
		sub.x = nf.x + indent;
		sub.w = nf.w - indent;
		sub.tight = true;
		sub.nmarkers = 1;
		memset(&sub.markers[0], 0, sizeof sub.markers[0]);
		sub.markers[0].kind = BOX_TEXT;
		sub.markers[0].x = nf.x;
		sub.markers[0].lp = mp;
		lay_space(L, 2);
		lay_mark(L, f->anchor, NULL, -1);
		layout_blocks(L, &sub, f->def);
		if (sub.nmarkers) {
			struct vitem *v = vitem_new(size * 1.6);

			lay_use_markers(&sub, v, para_line(mp->para, 0)->ascent);
			lay_add(L, v);
		}
		g_free(mark);
		g_free(back);
	}
}

void layout_article_body(struct lay *L, const struct article *a)
{
	struct flow F = { .x = 0, .w = L->text_w, .size = L->t->size, .color = L->t->color_text,
			  .latin = !lang_is_cjk(a->lang ? a->lang : L->b->lang) };

	L->art = a;
	g_hash_table_remove_all(L->images);
	g_hash_table_remove_all(L->links);
	g_hash_table_remove_all(L->reported);
	g_hash_table_remove_all(L->fnrefs);
	for (guint i = 0; i < a->images->len; i++) {
		const struct image *im = g_ptr_array_index(a->images, i);

		g_hash_table_insert(L->images, im->node, (gpointer)im);
	}
	for (guint i = 0; i < a->links->len; i++) {
		const struct link *l = g_ptr_array_index(a->links, i);

		g_hash_table_insert(L->links, l->node, (gpointer)l);
	}
	article_header(L, &F, a);
	layout_blocks(L, &F, a->doc);
	footnotes(L, &F, a);
}
