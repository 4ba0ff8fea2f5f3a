/* layout_image.c - pictures scaled to the measure with their caption, and boxes for those folio cannot show. */
#include "format/pdf/layout_int.h"
#include "html/sanitize.h"
#include "html/table.h"
#include "text/alttext.h"
#include "text/nodetext.h"

#include <string.h>

bool lay_drawable(const struct resource *r)
{
	return r && r->width > 0 && r->height > 0
	       && (!strcmp(r->media_type, "image/jpeg") || !strcmp(r->media_type, "image/png")
		   || !strcmp(r->media_type, "image/gif") || !strcmp(r->media_type, "image/webp")
		   || !strcmp(r->media_type, "image/svg+xml"));	/* rasterised by imagedecode_surface */
}

/* Text cut to max characters with an ellipsis. */
static char *shorten(const char *s, long max)
{
	if (g_utf8_strlen(s, -1) <= max)
		return g_strdup(s);
	return g_strdup_printf("%.*s…", (int)(g_utf8_offset_to_pointer(s, max) - s), s);
}

/*
 * A visible box where an image could not be had: the label in the article's language, what it
 * showed (alt: alt_text_for_placeholder's words, or NULL) and where it was (link). Why it is
 * missing is said in the warning, not in the book (a network's moods must not change the book);
 * only a reason in the book's language (the PDF cannot print the format) is shown.
 */
static void placeholder(struct lay *L, struct flow *F, const char *alt, const char *url, const char *reason,
			const char *link, int src_line)
{
	double pad = 6, size = L->t->small_size;
	struct lpara *lp = lay_para_new(L, F->w - 2 * pad, size * 1.5, 0, PARA_LEFT, false, src_line);
	struct inline_style s = { .role = lay_body_role(F), .size = size, .color = L->t->color_muted };
	char *label = reason ? g_strdup_printf(F->latin ? "%s (%s)" : "%s（%s）", lay_label(L, L_IMAGE_MISSING), reason)
			     : g_strdup(lay_label(L, L_IMAGE_MISSING));
	char *salt = alt && *alt ? shorten(alt, 200) : NULL;
	char *surl = url && *url ? shorten(url, 160) : NULL;
	bool relative;
	char *href = surl ? sanitize_url(url, &relative) : NULL;
	struct vitem *v;
	double y = pad;
	int n;

	/* What the picture was, as text: a paragraph (its frame is an artifact). */
	lay_para_role(L, lp, SR_P, F->el);
	para_add(lp->para, label, -1, lay_style(L, s.role, size, true, false, s.color, NULL, 0, false, false));
	if (salt) {
		para_add(lp->para, "\n", -1, lay_style(L, s.role, size, false, false, s.color, NULL, 0, false, false));
		para_add(lp->para, salt, -1, lay_style(L, s.role, size, false, false, L->t->color_text, NULL, 0, false,
						       false));
	}
	if (surl) {
		/* The address as the EPUB links it: a valid URI (shown as written), web addresses only. */
		bool web = sanitize_url_is_web(href);

		para_add(lp->para, "\n", -1, lay_style(L, s.role, size, false, false, s.color, NULL, 0, false, false));
		para_add(lp->para, surl, -1, lay_style(L, FONT_CODE, size * 0.9, false, false,
						       web ? L->t->color_link : s.color, web ? href : NULL, 0, false,
						       false));
	}
	if (sanitize_placeholder_shows_link(link, href)) {
		/* Where the picture linked to, as the EPUB's placeholder shows it. */
		char *slink = shorten(link, 160);

		para_add(lp->para, "\n", -1, lay_style(L, s.role, size, false, false, s.color, NULL, 0, false, false));
		para_add(lp->para, slink, -1, lay_style(L, FONT_CODE, size * 0.9, false, false, L->t->color_link, link,
							0, false, false));
		g_free(slink);
	}
	lay_para_check(L, lp);
	n = para_n_lines(lp->para);
	for (int i = 0; i < n; i++) {
		const struct para_line *l = para_line(lp->para, i);

		y += l->ascent + l->descent;
	}
	v = vitem_new(y + pad);
	lay_use_markers(F, v, F->size * 0.88);
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
	lay_block_begin(L, F, lay_em(F, L->t->block_space));
	lay_add(L, v);
	lay_block_end(L, F, lay_em(F, L->t->block_space), 0);
	g_free(href);
	g_free(label);
	g_free(salt);
	g_free(surl);
}

void lay_picture_boxes(struct lay *L, struct vitem *v, const struct image *im, const char *caption,
		       const char *link, struct selem *parent, double x, double y, double w, double h, int src_line)
{
	struct box b = { .kind = BOX_IMAGE, .x = x, .y = y, .w = w, .h = h, .res = im->res };
	/* A linked picture is a Figure inside the Link that owns the clickable area. */
	struct selem *link_el = link ? lay_element(L, SR_LINK, parent, src_line) : NULL;

	b.el = lay_figure(L, im, caption, link_el ? link_el : parent, src_line);
	vitem_box(v, &b);
	if (link) {
		link_el->alt = g_strdup(b.el->alt && *b.el->alt ? b.el->alt : link);
		b.kind = BOX_LINK;
		b.res = NULL;
		b.el = link_el;
		b.target = g_strdup(link);
		vitem_box(v, &b);
	}
}

/* A picture's caption: small, muted, centred, under F's element (laid out, not yet added). */
static struct lpara *caption_para(struct lay *L, const struct flow *F, const char *caption, int src_line)
{
	double size = L->t->small_size;
	struct lpara *cap = lay_para_new(L, F->w, size * 1.5, 0, PARA_CENTER, false, src_line);

	lay_para_role(L, cap, SR_CAPTION, F->el);
	para_add(cap->para, caption, -1, lay_style(L, lay_body_role(F), size, false, false, L->t->color_muted, NULL, 0,
						   false, false));
	lay_para_check(L, cap);
	return cap;
}

void lay_image(struct lay *L, struct flow *F, const struct image *im, const char *caption,
		      const char *link, int src_line)
{
	const struct resource *r = im ? im->res : NULL;
	double w, h, maxh, cap_h = 0, gap = 4;
	struct lpara *cap = NULL;
	struct vitem *v;

	if (r && r->blank) {
		/* A spacer: nothing to see (book/model.h); a raw <figure>'s <figcaption> is text of its
		   own, which the EPUB writes where it stands. */
		if (im->in_figure && caption && *caption) {
			lay_block_begin(L, F, lay_em(F, L->t->block_space));
			lay_para_lines(L, F, caption_para(L, F, caption, src_line), true);
			lay_block_end(L, F, lay_em(F, L->t->block_space), 0);
		}
		return;
	}
	if (!lay_drawable(r)) {
		/* A picture that is not here keeps its caption. */
		char *shown = alt_text_for_placeholder(im ? im->alt : NULL, caption);

		placeholder(L, F, shown, im ? im->url : NULL,
			    r ? lay_label(L, L_IMAGE_UNSUPPORTED) : NULL, link, src_line);
		g_free(shown);
		return;
	}
	if (caption && *caption) {
		cap = caption_para(L, F, caption, src_line);
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
	/*
	 * A heading kept with the picture shares its page: the picture is made small enough for
	 * both, with the space between them (it went alone to a page of its own, the heading alone
	 * on the page before).
	 */
	maxh = L->body_h - cap_h;
	if (lay_kept_height(L) > 0)
		maxh -= lay_kept_height(L) + lay_em(F, L->t->block_space) + L->grid;
	if (maxh < L->body_h / 2)
		maxh = L->body_h / 2;
	if (h > maxh) {
		w *= maxh / h;
		h = maxh;
	}
	v = vitem_new(h);
	/* A list item or a note that opens with a picture: its marker beside the picture's top, not alone under it. */
	lay_use_markers(F, v, F->size * 0.88);
	lay_picture_boxes(L, v, im, caption, link, F->el, F->x + (F->w - w) / 2, 0, w, h, src_line);
	lay_block_begin(L, F, lay_em(F, L->t->block_space));
	lay_add(L, v);
	if (cap) {
		struct flow cf = *F;

		cf.nmarkers = 0;
		lay_space(L, gap);
		lay_keep(L);
		lay_para_lines(L, &cf, cap, true);
	}
	lay_block_end(L, F, lay_em(F, L->t->block_space), 0);
}

const struct image *lay_picture_record(const struct lay *L, cmark_node *n)
{
	if (!L->view)
		return NULL;
	if (cmark_node_get_type(n) == CMARK_NODE_IMAGE)
		return L->table_raw ? record_image(L->view, L->table_raw, cmark_node_get_url(n), html_table_image_nth(n))
				    : record_image(L->view, n, NULL, 0);
	return record_inline_picture(n);
}

bool lay_blank_picture(const struct lay *L, cmark_node *n)
{
	const struct image *im = lay_picture_record(L, n);

	return im && im->res && im->res->blank;
}

void lay_image_node(struct lay *L, struct flow *F, cmark_node *img, const char *link)
{
	const struct image *im = L->view ? record_image(L->view, img, NULL, 0) : NULL;
	char *alt = node_plain_text(img), *shown = alt_text_for_placeholder(alt, NULL);

	if (im)
		lay_image(L, F, im, im->caption, link, lay_node_line(L, img));
	else
		placeholder(L, F, shown, cmark_node_get_url(img), NULL, link, lay_node_line(L, img));
	g_free(shown);
	g_free(alt);
}
