/* layout_article.c - an article: its header (title, date, source, tags, standfirst), body and notes. */
#include "format/pdf/layout_int.h"

#include <string.h>

#include "text/l10n.h"
#include "text/langdetect.h"
#include "base/langtag.h"

static void meta_line(struct lay *L, struct flow *F, const struct article *a)
{
	double size = L->t->meta_size;
	struct lpara *lp = lay_para_new(L, F->w, size * 1.6, 0, PARA_LEFT, false, a->fm.date.valid ? a->fm.date_text.line : 1);
	const struct para_style *muted = lay_style(L, lay_body_role(F), size, false, false, L->t->color_muted, NULL, 0, false,
						   false);
	GString *date = g_string_new(NULL);
	const char *sep = "　";
	bool any = false;

	/* Date, source, author and tags: a paragraph of the article's header. */
	lay_para_role(L, lp, SR_P, F->el);

	if (F->latin)
		sep = "  ·  ";
	/* The article's date in its language, as the EPUB writes it (there with its time). */
	l10n_date(date, &a->fm.date, lay_lang(L), false);
	if (date->len) {
		para_add(lp->para, date->str, -1, muted);
		any = true;
	}
	if (a->source_name || a->source_url) {
		const char *name = a->source_name && *a->source_name ? a->source_name : a->source_url;
		GString *label = g_string_new(any ? sep : "");
		const char *uri = a->source_href;

		l10n_lead(label, lay_lang(L), L_SOURCE);
		para_add(lp->para, label->str, -1, muted);
		para_add(lp->para, name, -1, lay_style(L, lay_body_role(F), size, false, false,
						       uri ? L->t->color_link : L->t->color_muted, uri, 0, false, false));
		g_string_free(label, TRUE);
		any = true;
	}
	if (a->fm.author.text && *a->fm.author.text) {
		GString *s = g_string_new(any ? sep : "");

		l10n_lead(s, lay_lang(L), L_AUTHOR);
		g_string_append(s, a->fm.author.text);
		para_add(lp->para, s->str, -1, muted);
		g_string_free(s, TRUE);
		any = true;
	}
	if (a->header_tags->len) {
		GString *s = g_string_new(any ? "\n" : "");

		l10n_lead(s, lay_lang(L), L_TAGS);
		for (guint i = 0; i < a->header_tags->len; i++) {
			if (i)
				g_string_append(s, F->latin ? ", " : "、");
			g_string_append(s, g_ptr_array_index(a->header_tags, i));
		}
		para_add(lp->para, s->str, (int)s->len, muted);
		g_string_free(s, TRUE);
		any = true;
	}
	g_string_free(date, TRUE);
	if (!any) {
		lpara_unref(lp);
		return;
	}
	lay_space(L, lay_em(F, 0.6));
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
	struct lpara *lp = lay_para_balanced(L, F->w, size * 1.4, PARA_LEFT, a->title && *a->title ? a->title : " ",
					     lay_style(L, lay_heading_role(F), size, F->latin, false,
						       L->t->color_heading, NULL, 0, false, false),
					     a->fm.title.line ? a->fm.title.line : 1);
	const char *summary = a->standfirst;

	lay_para_role(L, lp, selem_heading(L->title_level), F->el);
	/* On the grid the header (title to rule) is one block of whole lines. */
	lay_block_begin(L, F, 0);
	lay_mark(L, a->id, a->title, lay_outline_base(L));
	lay_para_lines(L, F, lp, true);
	meta_line(L, F, a);
	if (summary) {
		double ssize = F->size * 0.92;
		struct lpara *sp = lay_para_new(L, F->w, ssize * 1.7, 0, L->t->align, false, a->fm.summary.line);
		char *text = g_strstrip(g_strdup(summary));

		lay_para_role(L, sp, SR_P, F->el);
		para_add(sp->para, text, -1, lay_style(L, FONT_EMPHASIS, ssize, false, false, L->t->color_muted, NULL, 0,
						       false, false));
		g_free(text);
		lay_space(L, lay_em(F, 0.8));
		lay_keep(L);
		lay_para_lines(L, F, sp, false);
	}
	lay_space(L, lay_em(F, 0.8));
	lay_keep(L);
	lay_rule(L, F->x, F->w, 0.5, 1);
	lay_block_end(L, F, lay_em(F, 1.2), L->t->title_lines);
	if (a->lead && a->lead->res && lay_drawable(a->lead->res) && !used_in_body(a, a->lead->res))
		lay_image(L, F, a->lead, NULL, NULL, a->lead->line);
	if (F->latin)
		F->no_indent = true;
}

static void footnotes(struct lay *L, struct flow *F, const struct article_view *v)
{
	const struct article *a = v->a;
	struct flow nf = *F;
	struct lpara *lp;
	double size = L->t->small_size;

	if (!a->footnotes->len)
		return;
	nf.size = size;
	nf.no_indent = true;
	nf.grid = false;	/* the notes keep their own pitch, starting on a grid line */
	lay_space(L, lay_em(F, 1.5));
	if (F->grid)
		lay_snap(L);
	lay_rule(L, F->x, F->w * 0.25, 0.5, 1);
	lay_space(L, lay_em(F, 0.5));
	lay_keep(L);	/* the rule stays with the notes' label */
	lp = lay_para_new(L, F->w, size * 1.6, 0, PARA_LEFT, false, 0);
	/* The notes' heading one level under the title; each note a Note named by its destination. */
	lay_para_role(L, lp, selem_heading(L->title_level + 1), F->el);
	para_add(lp->para, lay_label(L, L_NOTES), -1,
		 lay_style(L, lay_heading_role(F), size, F->latin, false, L->t->color_heading, NULL, 0, false, false));
	lay_para_lines(L, &nf, lp, true);
	lay_keep(L);
	for (guint i = 0; i < a->footnotes->len; i++) {
		const struct footnote *f = g_ptr_array_index(a->footnotes, i);
		struct flow sub = nf;
		double indent = lay_em(&nf, 2.2);
		char *mark = g_strdup_printf("%d.", f->number);
		char *back = g_strdup_printf("#%s", f->ref_anchor);
		struct lpara *mp = lay_para_new(L, indent - lay_em(&nf, 0.5), size * 1.6, 0, PARA_RIGHT, false, 0);
		struct selem *note = lay_element(L, SR_NOTE, F->el, 0);

		note->id = g_strdup(f->anchor);
		lay_para_role(L, mp, SR_LBL, note);
		sub.el = note;

		/* The number leads back to where the note was called. */
		para_add(mp->para, mark, -1, lay_style(L, lay_body_role(F), size, false, false, L->t->color_link,
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
		layout_blocks(L, &sub, g_ptr_array_index(v->defs, i));
		if (sub.nmarkers) {
			struct vitem *item = vitem_new(size * 1.6);

			lay_use_markers(&sub, item, para_line(mp->para, 0)->ascent);
			lay_add(L, item);
		}
		g_free(mark);
		g_free(back);
		selem_unref(note);
	}
}

void lay_bind_article(struct lay *L, const struct article_view *v)
{
	L->art = v->a;
	L->view = v;
	g_hash_table_remove_all(L->reported);
	g_hash_table_remove_all(L->fnrefs);
}

void lay_unbind_article(struct lay *L)
{
	/* What is set holds copies: the view's tree may go. */
	L->view = NULL;
}

void layout_article_body(struct lay *L, const struct article *a)
{
	struct flow F = { .x = 0, .w = L->text_w, .size = L->t->size, .color = L->t->color_text,
			  .latin = !langtag_is_cjk(a->lang ? a->lang : L->b->lang),
			  .rtl = langtag_is_rtl(a->lang ? a->lang : L->b->lang), .grid = true };

	struct article_view *v = article_view_open(a);

	lay_bind_article(L, v);
	/* An article is an Art (in its part's Part), its title a heading a level under the part's. */
	F.el = lay_element(L, SR_ART, L->part_el, a->fm.title.line ? a->fm.title.line : 1);
	selem_set_lang(F.el, a->lang, L->b->lang);
	L->title_level = L->part_el ? 2 : 1;
	article_header(L, &F, a);
	layout_blocks(L, &F, v->doc);
	footnotes(L, &F, v);
	selem_unref(F.el);
	lay_unbind_article(L);
	article_view_close(v);
}
