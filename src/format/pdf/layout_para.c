/* layout_para.c - paragraphs into line items (widows and orphans), missing glyphs, shared helpers. */
#include "format/pdf/layout_int.h"

#include <string.h>

#include "base/diag.h"
#include "text/nodetext.h"

int lay_node_line(const struct lay *L, cmark_node *n)
{
	return L->art ? node_file_line(n, L->art->body_line, L->art->line_shifts) : 0;
}

const char *lay_lang(const struct lay *L)
{
	return L->art ? L->art->lang : L->b->lang;
}

const char *lay_label(const struct lay *L, enum l10n_label which)
{
	if (which == L_CONTENTS && L->t->contents_title && *L->t->contents_title)
		return L->t->contents_title;
	if (which == L_NOTES && L->t->notes_title && *L->t->notes_title)
		return L->t->notes_title;
	return l10n_label(lay_lang(L), which);
}

/* ---- paragraphs into lines ---- */

struct lpara *lay_para_new(struct lay *L, double width, double pitch, double indent, enum para_align align,
			   bool keep_spaces, int src_line)
{
	struct para_settings set = {
		.width = width, .indent = indent, .align = align, .line_height = pitch, .lang = L->lang,
		.keep_spaces = keep_spaces, .punct = L->t->punct, .cjk_latin_space = L->t->cjk_latin_space,
		.scope = L->art ? L->art->file : NULL, .next_book = L->art ? L->art->next_book : 0,
	};
	struct lpara *lp = g_new0(struct lpara, 1);

	/* Body text on the line grid: every line one pitch, larger type in whole pitches. */
	if (L->grid && pitch == L->grid && !keep_spaces) {
		set.grid_size = L->t->size;
		lp->on_grid = true;
	}

	lp->ref = 1;
	lp->para = para_new(L->ctx, &set);
	lp->file = L->art ? L->art->file : NULL;
	lp->line = src_line;
	return lp;
}

struct lpara *lay_para_balanced(struct lay *L, double width, double pitch, enum para_align align,
				const char *text, const struct para_style *style, int src_line)
{
	struct lpara *lp = lay_para_new(L, width, pitch, 0, align, false, src_line);
	double lo, hi;
	int n;

	para_add(lp->para, text, -1, style);
	n = para_layout(lp->para);
	if (n < 2)
		return lp;
	/* The narrowest measure that still takes n lines (a few tries of a short text). */
	lo = width / n;
	hi = width;
	for (int i = 0; i < 8 && hi - lo > 1; i++) {
		double mid = (lo + hi) / 2;
		struct lpara *t = lay_para_new(L, mid, pitch, 0, align, false, src_line);

		para_add(t->para, text, -1, style);
		if (para_layout(t->para) == n)
			hi = mid;
		else
			lo = mid;
		lpara_unref(t);
	}
	if (hi < width) {
		lpara_unref(lp);
		lp = lay_para_new(L, hi, pitch, 0, align, false, src_line);
		para_add(lp->para, text, -1, style);
		para_layout(lp->para);
	}
	return lp;
}

void lay_para_check(struct lay *L, struct lpara *lp)
{
	int n = para_layout(lp->para);

	if (lp->checked)
		return;
	lp->checked = true;
	if (L->measuring)
		return;	/* reported once, when it is set to be drawn */
	if (para_mark_run(lp->para))
		diag_warn(lp->file, lp->line, "%d combining marks or format characters (zero-width spaces, joiners) in a "
			  "row: past the first %d they are set on their own, in pieces, not stacked on the letter before "
			  "them (all are kept)",
			  para_mark_run(lp->para), PARA_MAX_MARK_RUN);
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

/*
 * A paragraph longer than this (bytes) is set in pieces of about this much, one after the other:
 * shaping and breaking a paragraph hold some 250 bytes a character at once (a 20 MB line took
 * 4.8 GB). Each piece is broken into lines on its own, so its last line is short.
 */
enum { LAY_PARA_PIECE = 256 * 1024 };

/* Where the piece from start ends: the last place a line may break (UAX #14) in the 4 KB up to start + LAY_PARA_PIECE. */
static int piece_end(const struct lay *L, const char *text, int start)
{
	const char *end = g_utf8_find_prev_char(text, text + start + LAY_PARA_PIECE + 1);
	const char *from = g_utf8_find_prev_char(text, end - 4096);
	int n = (int)g_utf8_strlen(from, end - from), cut = 0, grapheme = 0;
	PangoLogAttr *log = g_new0(PangoLogAttr, n + 1);
	const char *q = from;

	pango_get_log_attrs(from, (int)(end - from), -1, L->lang, log, n + 1);
	for (int i = 0; i < n; i++, q = g_utf8_next_char(q)) {
		if (i > 0 && log[i].is_line_break)
			cut = (int)(q - text);
		if (i > 0 && log[i].is_cursor_position)
			grapheme = (int)(q - text);
	}
	g_free(log);
	/* (no break there: a word 4 KB long, cut between two of its characters) */
	return cut ? cut : grapheme ? grapheme : (int)(end - text);
}

/* The piece [start, end) of lp, as a paragraph of its own in the same element. */
static struct lpara *lpara_piece(const struct lpara *lp, int start, int end, int len)
{
	struct lpara *q = g_new0(struct lpara, 1);

	q->ref = 1;
	q->para = para_piece(lp->para, start, end);
	q->file = lp->file;
	q->line = lp->line;
	q->on_grid = lp->on_grid;
	q->el = lp->el ? selem_ref(lp->el) : NULL;
	for (guint i = 0; lp->anchors && i < lp->anchors->len; i++) {
		const struct anchor *a = &g_array_index(lp->anchors, struct anchor, i);

		if (a->offset >= start && (a->offset < end || end == len))
			lay_para_anchor(q, a->offset - start, a->dest);
	}
	return q;
}

static void set_lines(struct lay *L, struct flow *F, struct lpara *lp, bool keep_together);

void lay_para_lines(struct lay *L, struct flow *F, struct lpara *lp, bool keep_together)
{
	const char *text = para_text(lp->para);
	int len = (int)strlen(text);

	if (len <= LAY_PARA_PIECE) {
		set_lines(L, F, lp, keep_together);
		return;
	}
	if (!L->measuring)
		diag_warn(lp->file, lp->line, "a paragraph of %d KB is set in pieces of about %d KB, one after the "
			  "other, each with a short last line (all its text is kept)", len / 1024, LAY_PARA_PIECE / 1024);
	for (int a = 0, e; a < len; a = e) {
		e = len - a > LAY_PARA_PIECE ? piece_end(L, text, a) : len;
		set_lines(L, F, lpara_piece(lp, a, e, len), keep_together);
	}
	lpara_unref(lp);
}

/* lp's lines as items (its reference taken). */
static void set_lines(struct lay *L, struct flow *F, struct lpara *lp, bool keep_together)
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
		for (guint k = 0; lp->anchors && k < lp->anchors->len; k++) {
			struct anchor *a = &g_array_index(lp->anchors, struct anchor, k);

			if ((a->offset >= l->start && a->offset < l->end) || (i == n - 1 && a->offset >= l->end)) {
				struct box d = { .kind = BOX_DEST, .x = F->x, .y = 0, .target = g_strdup(a->dest) };

				vitem_box(v, &d);
			}
		}
		v->snap = F->grid && lp->on_grid;
		/* Widows and orphans: a page may break only with two lines on either side. */
		if (i > 0)
			v->keep_with_prev = keep_together || !(i >= 2 && n - i >= 2);
		lay_add(L, v);
	}
	lpara_unref(lp);
}

/* ---- helpers shared by the block files ---- */

double lay_em(const struct flow *F, double v)
{
	return v * F->size;
}

enum theme_font lay_body_role(const struct flow *F)
{
	return F->latin ? FONT_BODY_LATIN : FONT_BODY;
}

enum theme_font lay_heading_role(const struct flow *F)
{
	return F->latin ? FONT_HEADING_LATIN : FONT_HEADING;
}

double lay_pitch(const struct lay *L, double size)
{
	/* Body text on the grid: the grid's pitch (the theme's, to a tenth of a point). */
	if (L->grid && size == L->t->size)
		return L->grid;
	return size * L->t->line_height;
}

void lay_rule(struct lay *L, double x, double w, double thickness, double height)
{
	struct vitem *v = vitem_new(height);
	struct box r = { .kind = BOX_RULE, .x = x, .y = (height - thickness) / 2, .w = w, .h = thickness,
			 .color = L->t->color_rule };

	vitem_box(v, &r);
	lay_add(L, v);
}

int lay_outline_base(const struct lay *L)
{
	return L->b->parts->len ? 1 : 0;
}
