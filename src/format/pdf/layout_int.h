/* layout_int.h - shared by the layout files: the run's state, vertical items and the page builder. */
#ifndef FOLIO_LAYOUT_INT_H
#define FOLIO_LAYOUT_INT_H

#include <stdbool.h>
#include <glib.h>
#include <pango/pango.h>

#include "book/model.h"
#include "read/records.h"
#include "format/pdf/layout.h"
#include "format/pdf/theme.h"
#include "text/l10n.h"

/*
 * A piece of the vertical list: a line of text, an image, a table row. Pages
 * break only between items; boxes are relative to the text area's left edge
 * and the item's top.
 */
/* Block quotes' bars beside what is set in them: where each stands, and which quote it is of. */
struct bars {
	int n;
	double x[8];			/* from the text area's left edge */
	int quote[8];			/* the quote's number in its layout: two quotes in a row are two bars */
};

struct vitem {
	double height;
	double gap;			/* the space asked for before this item */
	double space_before;		/* the space set before it on its page (dropped at the top of a page) */
	bool keep_with_prev;		/* no page break before this item */
	/* The line grid (lay->grid): */
	bool snap;			/* starts on a line of the grid (body text, a block's first item) */
	double lead;			/* from that line down to the item's top (a block centred in its lines) */
	double pad_after;		/* the last item of a block: the rest of its last line, kept below it */
	double after_min;		/* the same: the space it asked for below it */
	struct vitem *block_first;	/* the same: the block's first item (a reference), when not itself */
	GArray *boxes;			/* of struct box */
	struct vitem *header;		/* a table row: its header row, repeated after a break (owned ref) */
	struct bars bars;		/* the quotes it is in: their bars drawn beside it, and down from the item
					   before it on its page when that is in the same quote (emit) */
	int ref;
};

struct vitem *vitem_new(double height);
struct vitem *vitem_ref(struct vitem *v);
void vitem_unref(struct vitem *v);
/* Append a box (taking its lp reference and strings as they are). */
void vitem_box(struct vitem *v, const struct box *b);

/* Where blocks are set: a band of the text area, and what surrounds it. */
struct flow {
	double x, w;			/* band, from the text area's left edge */
	double size;			/* body size here (footnotes are smaller) */
	guint32 color;
	bool latin;			/* the article is not CJK: Latin fonts first, Latin indents */
	bool rtl;			/* written right to left: list markers and quote bars on the right */
	struct bars bars;		/* the block quotes it is in (lay_add gives their bars to what is set here) */
	int nmarkers;			/* list markers waiting for the next line (nested lists: several) */
	struct box markers[4];
	bool no_indent;			/* first paragraph of a list item, or after a heading (Latin) */
	bool tight;			/* tight list: no space between its paragraphs */
	bool grid;			/* on the book's line grid (not notes): blocks take whole lines */
	struct selem *el;		/* the structure element blocks set here belong to (borrowed) */
};

struct lay;
typedef void (*emit_fn)(struct lay *L, GPtrArray *items);

struct lay {
	const struct book *b;
	const struct theme *t;
	struct fonts *fonts;
	PangoContext *ctx;
	struct device *dev;		/* NULL while measuring */
	bool measuring;

	double text_w, body_h;		/* the text area */
	double grid;			/* the line grid's pitch (body lines), 0 when off */
	double grid_ascent;		/* from a grid line's top to its baseline */
	GHashTable *styles;		/* key -> struct para_style *, for the whole run */

	/* The article being set: its file for messages, its nodes' model records. */
	const struct article *art;
	const char *region;		/* SC, TC, HK, JP, KR */
	PangoLanguage *lang;
	const struct article_view *view;	/* its tree, the nodes bound to its records (read/records.h) */
	GHashTable *reported;		/* characters reported missing in this article */
	GHashTable *fnrefs;		/* footnotes whose first reference is set */
	int nesting;			/* quotes and lists being laid out, one inside the other */
	const struct bars *bars;	/* the bars of the innermost block quote being set (lay_add), or NULL */
	int quotes;			/* block quotes begun: each one's number */
	/*
	 * The raw HTML node a table being set was read from (html/table.h), or NULL: its image
	 * nodes' records are found among that node's, by address (their own user data is an index).
	 */
	cmark_node *table_raw;

	/* The tagged PDF's structure (layout_struct.c). */
	struct selem *part_el;		/* the part the article being set is in (borrowed), or NULL */
	int title_level;		/* the article title's heading level: 1, 2 in a part */

	/* The page builder. */
	GPtrArray *items;		/* on the page being filled */
	double used;
	double pending_space;		/* before the next item */
	bool pending_keep;		/* the next item stays with the previous one */
	bool pending_snap;		/* the next item starts on a grid line */
	GPtrArray *block;		/* the items of a block being made, placed when it ends (grid) */
	int block_depth;		/* blocks inside blocks: only the outermost is framed */
	double block_before;
	GPtrArray *pending_boxes;	/* destinations and outline entries for the next item */
	emit_fn emit;
	void *emit_data;
};

/* Interned styles: the same look is one object for the whole run. */
const struct para_style *lay_style(struct lay *L, enum theme_font role, double size, bool bold, bool italic,
				   guint32 color, const char *link, double rise, bool code, bool strike);
void lay_styles_init(struct lay *L);
void lay_styles_free(struct lay *L);
/*
 * Forget the styles that carry a link: each names one article's addresses, and a book of
 * thousands of articles would keep them all. Only when nothing set is pending (after lay_flush).
 */
void lay_styles_drop_links(struct lay *L);
/* The same, handing them over (free with g_ptr_array_unref) to live until their pages are drawn. */
GPtrArray *lay_styles_take_links(struct lay *L);

/* Space of at least pt before the next item (the larger request wins). */
void lay_space(struct lay *L, double pt);
/* The next item must stay on the page of the last one. */
void lay_keep(struct lay *L);
/* The height the next item carries with it to a new page: the items kept with it (a heading), or 0. */
double lay_kept_height(const struct lay *L);
/* A destination (and an outline entry when outline_level >= 0) on the next item. */
void lay_mark(struct lay *L, const char *dest, const char *title, int outline_level);
/* Add an item to the page (taking it); a full page is broken and emitted. */
void lay_add(struct lay *L, struct vitem *v);
/* Emit what is on the page, if anything. */
void lay_flush(struct lay *L);

/*
 * The line grid (行取り). lay_grid_init: on for the book (theme and language) or not; the text
 * area's height then whole lines. A block (a heading, a picture, a table, code, a rule, the
 * article header) is made between lay_block_begin and lay_block_end: on the grid it takes whole
 * lines, at least min_lines and enough for its spaces before and after, and is centred in them,
 * so the text after it is back on the grid. Off the grid (or in F not on it) they ask for the
 * spaces before and after, as lay_space does.
 */
void lay_grid_init(struct lay *L);
void lay_block_begin(struct lay *L, const struct flow *F, double before);
void lay_block_end(struct lay *L, const struct flow *F, double after, int min_lines);
/* The next item starts on a grid line (the notes' rule, a contents entry). */
void lay_snap(struct lay *L);
/* A space of pt on the grid: whole lines, none for less than a third of one. */
double lay_grid_space(const struct lay *L, double pt);
/* --show-grid: the type area and its lines drawn over page pg, whose text area starts at x0. */
void lay_grid_overlay(const struct lay *L, struct page *pg, double x0);

/* A paragraph with the flow's settings: the caller adds text, then calls lay_para_lines. */
struct lpara *lay_para_new(struct lay *L, double width, double pitch, double indent, enum para_align align,
			   bool keep_spaces, int src_line);
/* Break lp into lines and add one item per line (widows and orphans kept), using up F's markers. Takes lp. */
void lay_para_lines(struct lay *L, struct flow *F, struct lpara *lp, bool keep_together);
/* Put F's waiting markers on v, their baseline at y. */
void lay_use_markers(struct flow *F, struct vitem *v, double y);
/*
 * A paragraph of one style set in balanced lines (titles): as many lines as at width, each as
 * long as the others can be, so no title ends on a lonely character. Laid out; not yet added.
 */
struct lpara *lay_para_balanced(struct lay *L, double width, double pitch, enum para_align align,
				const char *text, const struct para_style *style, int src_line);
/* Lay out lp (if not yet) and report characters no font could draw. */
void lay_para_check(struct lay *L, struct lpara *lp);

/* A destination to place on the line holding byte offset of lp's text (lp->anchors). */
struct anchor {
	int offset;
	char *dest;
};

void lay_para_anchor(struct lpara *lp, int offset, const char *dest);

/* Helpers (layout_para.c): em of the flow's size, the roles for its script, the line pitch for a size. */
double lay_em(const struct flow *F, double v);
enum theme_font lay_body_role(const struct flow *F);
enum theme_font lay_heading_role(const struct flow *F);
double lay_pitch(const struct lay *L, double size);
/* A rule of thickness across [x, x + w], as an item height tall. */
void lay_rule(struct lay *L, double x, double w, double thickness, double height);
/* The outline level of articles: 1 under parts, else 0. */
int lay_outline_base(const struct lay *L);

/* Pictures (layout_image.c). Can the PDF device draw r? */
bool lay_drawable(const struct resource *r);
/* Picture im (or a placeholder box) with its caption; link makes it clickable. */
void lay_image(struct lay *L, struct flow *F, const struct image *im, const char *caption, const char *link,
	       int src_line);
/*
 * A drawable picture's boxes on v, at x, y in w x h: the image as a Figure under parent (inside
 * a Link that owns the clickable area when link is not NULL), their elements held by the boxes.
 */
void lay_picture_boxes(struct lay *L, struct vitem *v, const struct image *im, const char *caption,
		       const char *link, struct selem *parent, double x, double y, double w, double h, int src_line);
/*
 * The record of image node n (in a raw HTML table too: L->table_raw), or of inline raw <img> n;
 * NULL when it has none.
 */
const struct image *lay_picture_record(const struct lay *L, cmark_node *n);
/* Does image node n, or inline raw <img> n, show nothing (a spacer: book/model.h's blank)? */
bool lay_blank_picture(const struct lay *L, cmark_node *n);
/* The picture of image node img (the model's record, else a placeholder). */
void lay_image_node(struct lay *L, struct flow *F, cmark_node *img, const char *link);

/* Blocks of an article body (layout_block.c). */
void layout_blocks(struct lay *L, struct flow *F, cmark_node *parent);
/* An article: header, body and notes (layout_article.c). */
void layout_article_body(struct lay *L, const struct article *a);
/* Make v's article the one being set: its nodes' records found through v (unbind before v closes). */
void lay_bind_article(struct lay *L, const struct article_view *v);
void lay_unbind_article(struct lay *L);
/* Inline content of node into lp in the given base style (layout_inline.c). */
struct inline_style {
	enum theme_font role;
	double size;
	bool bold, italic, code, strike;
	guint32 color;
	const char *link;
	double rise;
};
void layout_inlines(struct lay *L, struct lpara *lp, cmark_node *parent, const struct inline_style *base);
/*
 * The same for a paragraph's siblings from first up to (not including) stop: the pictures among
 * them (in emphasis, in a link with words) are left out, set after the text (layout_block.c).
 */
void layout_inlines_range(struct lay *L, struct lpara *lp, cmark_node *first, cmark_node *stop,
			  const struct inline_style *base);
/*
 * Pictures in table cells (layout_cellpics.c). lay_cell_pictures: the pictures of a cell, each
 * one the PDF can draw (raw: the raw HTML the table was read from, whose records they are found
 * among by address), *words whether the cell holds anything else (but white space, line breaks
 * and links around them): its text, set with its pictures left out (layout_inlines_range), above
 * them. NULL when it holds none, or a picture that is not here (the cell is set as text, its
 * pictures described). Free with g_ptr_array_free. Pictures without a caption stand side by
 * side, as in a line of the EPUB's cell; a raw cell's picture with a caption is a figure, on a
 * line of its own.
 */
GPtrArray *lay_cell_pictures(struct lay *L, cmark_node *cell, cmark_node *raw, bool *words);
/* Between a cell's pictures, a picture and its caption, and a cell's text and its pictures. */
enum { LAY_CELL_PIC_GAP = 4 };
/* The natural width of the cell's widest line of pictures, and the least it may take (no padding). */
void lay_cell_pictures_widths(struct lay *L, const struct flow *F, GPtrArray *pics, double *nat, double *min);
/*
 * The pictures set in width under element el, in lines with their captions (aligned as align),
 * made smaller together when they would be taller than max_h: their height.
 */
double lay_cell_pictures_size(struct lay *L, const struct flow *F, GPtrArray *pics, double width, double max_h,
			      enum para_align align, struct selem *el);
/* Their boxes into v, their area's top left at x, y (after lay_cell_pictures_size). */
void lay_cell_pictures_place(struct lay *L, struct vitem *v, GPtrArray *pics, double x, double y, struct selem *el);
/*
 * GFM tables (layout_table.c). raw: the raw HTML node the table was read from (html/table.h),
 * whose records its pictures are found among by address; NULL for a Markdown table.
 */
void layout_table(struct lay *L, struct flow *F, cmark_node *table, cmark_node *raw);

/* Structure elements (layout_struct.c): a new one under parent, from the article being set. */
struct selem *lay_element(struct lay *L, enum srole role, struct selem *parent, int line);
/* lp's text is an element of role under parent. */
void lay_para_role(struct lay *L, struct lpara *lp, enum srole role, struct selem *parent);
/* The structure role of heading node n: its depth (book/model.h) under the title's L->title_level. */
enum srole lay_heading_level(const struct lay *L, cmark_node *n);
/* The Figure of a picture: its alternative text, whether it describes it (text/alttext.h). */
struct selem *lay_figure(struct lay *L, const struct image *im, const char *caption, struct selem *parent, int line);

/* Line number in the article file of node n. */
int lay_node_line(const struct lay *L, cmark_node *n);
/* The language of what is being set: the article's, else the book's. */
const char *lay_lang(const struct lay *L);
/* A label (text/l10n.h) in that language; the theme may name the contents and the notes itself. */
const char *lay_label(const struct lay *L, enum l10n_label which);
/* Where link node n goes (read/passes.c decided): "#dest" in the book, a web address, or NULL (plain text). g_free. */
char *lay_link_target(cmark_node *n);
/*
 * Where picture n, an <img> written as raw HTML in a line, links to, as the EPUB links it
 * (g_free), or NULL: the Markdown link around it, else the outermost raw <a> open before it
 * whose address a book may link to (allow_link_address).
 */
char *lay_raw_picture_link(cmark_node *n);

#endif
