/* xhtml.c - renders an article's cmark tree and what the passes found as an EPUB XHTML5 page. */
#include "format/epub/xhtml.h"

#include <stdlib.h>
#include <string.h>
#include <cmark-gfm-core-extensions.h>

#include "read/records.h"
#include "base/diag.h"
#include "base/gstr.h"
#include "text/clreq.h"
#include "text/deflist.h"
#include "text/l10n.h"
#include "text/nodetext.h"
#include "text/tablehead.h"
#include "text/langdetect.h"
#include "html/sanitize.h"
#include "text/textnorm.h"
#include "base/xmlesc.h"
#include "base/langtag.h"
#include "text/alttext.h"
#include "html/rawhtml.h"
#include "format/epub/vertical.h"

struct render {
	const struct book *b;
	const struct article *a;
	const struct article_view *v;	/* a's tree, its nodes bound to a's records */
	const char *lang;
	GString *out;
	struct sanitizer *san;
	GHashTable *open_links;	/* LINK nodes written as <a> */
	int *ref_count;		/* per footnote: references written so far */
	char **ref_id;		/* per footnote: id of the first reference written with an id */
	bool in_notes;
	const struct footnote *backlink;	/* definition whose first paragraph still needs its number */
	cmark_node *in_header_row;
	int cell;		/* index of the next cell in the table row being written */
	int depth;		/* elements of nested Markdown containers open (XHTML_MAX_NESTING) */
	int flattened;		/* containers inside those, written without their tags */
	double cjk_latin_space;	/* em between Han and Latin letters or digits (0: as typed) */
	bool vertical;		/* the page is set vertically (vertical edition, CJK page) */
	int in_table;		/* tables stay horizontal on a vertical page: their text is left as it is */
	struct vertical_quotes quotes;	/* single quotes open in the block being written */
	cmark_node *split_em;	/* Chinese emphasis whose Latin runs are written as <em lang="en"> of their own */
	bool em_open;		/* split_em's <em> is open */
};

char *xhtml_file_name(const struct article *a)
{
	return g_strdup_printf("%s.xhtml", a->id);
}

static void esc(struct render *r, const char *s)
{
	xml_escape(r->out, s, -1);
}

/*
 * Horizontal CJK text: an apostrophe inside a Latin word (clreq_word_apostrophe) in a span the
 * stylesheet sets in its proportional form (the CJK face's U+2019 is a full-width quote:
 * "Go ’ s"), as the PDF sets it.
 */
static void cjk_prose(GString *out, const char *s, gssize len)
{
	const char *end = s + (len < 0 ? (gssize)strlen(s) : len), *from = s;

	for (const char *c = s; c + 3 <= end; c++) {
		if (*c != '\xE2' || c + 3 >= end || !clreq_word_apostrophe(s, c))
			continue;
		xml_escape(out, from, c - from);
		g_string_append(out, "<span class=\"pw\">\xE2\x80\x99</span>");
		from = c + 3;
		c += 2;
	}
	xml_escape(out, from, end - from);
}

/* Text a reader reads (not an address): on a vertical page, with its quotes and short numbers made vertical. */
static void prose(struct render *r, const char *s, gssize len)
{
	if (r->vertical && !r->in_table)
		vertical_text(r->out, s, len, r->lang, &r->quotes);
	else if (langtag_is_cjk(r->lang))
		cjk_prose(r->out, s, len);
	else
		xml_escape(r->out, s, len);
}

void xhtml_text(GString *out, const char *text, const char *vlang, double cjk_space)
{
	GString *t = g_string_new(NULL);

	textnorm_cjk_spacing(t, text, -1, 0, 0, false, cjk_space);
	if (vlang)
		vertical_text(out, t->str, -1, vlang, NULL);
	else
		xml_escape(out, t->str, -1);
	g_string_free(t, TRUE);
}

/* Text of front matter or of the book's making (a title, a date) in an article, spaced as the body is. */
static void spaced(struct render *r, const char *s)
{
	xhtml_text(r->out, s, r->vertical ? r->lang : NULL, r->cjk_latin_space);
}

const char *xhtml_lang(const char *lang)
{
	return langtag_ok(lang) ? lang : "und";
}

const char *xhtml_title(const char *title)
{
	return title && title[strspn(title, " \t\n")] ? title : "…";
}

/* The lang and xml:lang pair XHTML wants. */
static void put_lang(GString *out, const char *lang)
{
	xml_attr(out, "lang", xhtml_lang(lang));
	xml_attr(out, "xml:lang", xhtml_lang(lang));
}

void xhtml_begin(GString *out, const char *lang, const char *title, const char *body_class, bool vertical)
{
	bool latin = !langtag_is_cjk(lang);

	g_string_append(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
			     "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\"");
	put_lang(out, lang);
	if (langtag_is_rtl(lang))
		g_string_append(out, " dir=\"rtl\"");
	if (vertical)
		g_string_append(out, " class=\"" XHTML_VERTICAL_CLASS "\"");
	g_string_append(out, ">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>");
	xml_escape(out, xhtml_title(title), -1);
	g_string_append(out, "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"" XHTML_CSS_HREF "\"/>\n"
			     "</head>\n<body");
	/* A language written without Han or Hangul takes the Latin faces first, as in the PDF (layout_article.c). */
	if (body_class || latin) {
		GString *cls = g_string_new(body_class);

		if (latin)
			g_string_append_printf(cls, "%s" XHTML_LATIN_CLASS, cls->len ? " " : "");
		xml_attr(out, "class", cls->str);
		g_string_free(cls, TRUE);
	}
	g_string_append(out, ">\n");
}

void xhtml_end(GString *out)
{
	g_string_append(out, "</body>\n</html>\n");
}

/* ---- anchors and links --------------------------------------------------- */

/* Where a Markdown link goes in the book, or NULL when it can go nowhere safe (its text stays). */
static char *link_href(struct render *r, cmark_node *n)
{
	const struct link *l = record_link(n);

	if (!l)
		return NULL;
	if (l->target && l->target == r->a && l->anchor)
		return g_strdup_printf("#%s", l->anchor);
	if (l->target)
		return g_strdup_printf("%s.xhtml%s%s", l->target->id, l->anchor ? "#" : "", l->anchor ? l->anchor : "");
	if (l->part)
		return g_strdup_printf("%s.xhtml%s%s", l->part->id, l->anchor ? "#" : "", l->anchor ? l->anchor : "");
	return g_strdup(l->href);
}

/* ---- images -------------------------------------------------------------- */

/*
 * An image folio could not put into the book: the label in the article's language, what it showed
 * (alt: alt_text_for_placeholder's words, or NULL) and where it was, and where the picture linked
 * to (a web address, as the PDF shows it). Why it is missing is the warning's to say: a flaky
 * network must not change the book's bytes, and the reasons are English.
 */
static void put_placeholder(struct render *r, const char *url, const char *alt, bool block, const char *link)
{
	bool relative = false;
	char *safe = url && *url ? sanitize_url(url, &relative) : NULL;
	const char *tag = block ? "div" : "span";

	g_string_append_printf(r->out, "<%s class=\"placeholder image\">", tag);
	g_string_append(r->out, "<span class=\"label\">");
	esc(r, l10n_label(r->lang, L_IMAGE_MISSING));
	g_string_append(r->out, "</span>");
	if (alt) {
		g_string_append(r->out, " <span class=\"alt\">");
		esc(r, alt);
		g_string_append(r->out, "</span>");
	}
	if (url && *url) {
		g_string_append(r->out, " <span class=\"url\">");
		if (safe && !relative && r->san->link_depth == 0 && g_ascii_strncasecmp(url, "data:", 5)) {
			g_string_append(r->out, "<a");
			xml_attr(r->out, "href", safe);
			g_string_append(r->out, ">");
			esc(r, url);
			g_string_append(r->out, "</a>");
		} else if (!g_ascii_strncasecmp(url, "data:", 5)) {
			esc(r, "data:…");
		} else {
			esc(r, url);
		}
		g_string_append(r->out, "</span>");
	}
	if (sanitize_placeholder_shows_link(link, safe)) {
		/* inside the picture's link (a picture in a line) its address is text: links do not nest */
		g_string_append(r->out, " <span class=\"url\">");
		if (r->san->link_depth == 0) {
			g_string_append(r->out, "<a");
			xml_attr(r->out, "href", link);
			g_string_append_c(r->out, '>');
		}
		esc(r, link);
		g_string_append(r->out, r->san->link_depth == 0 ? "</a></span>" : "</span>");
	}
	g_string_append_printf(r->out, "</%s>", tag);
	g_free(safe);
}

/*
 * An image: a figure (block; its picture a link to href when not NULL) or an inline <img>, or a
 * placeholder when it is not in the book.
 */
static void put_image(struct render *r, const struct image *im, const char *url, const char *alt, bool block,
		      const char *href)
{
	/* A raw <figure>'s picture: its <figcaption> is written where it stands, not here. */
	const char *caption = im && !im->in_figure ? im->caption : NULL;

	if (im && im->res && im->res->blank)
		return;	/* a spacer: nothing to see (book/model.h), as in the PDF */
	if (!im || !im->res) {
		/* A picture that is not here keeps its caption. */
		char *shown = alt_text_for_placeholder(alt, caption);

		put_placeholder(r, url, shown, block, href);
		g_free(shown);
		return;
	}
	if (block)
		g_string_append(r->out, "<figure class=\"image\">");
	if (block && href) {
		g_string_append(r->out, "<a");
		xml_attr(r->out, "href", href);
		g_string_append_c(r->out, '>');
	}
	g_string_append(r->out, "<img");
	xml_attr(r->out, "src", im->res->href);
	xml_attr(r->out, "alt", alt ? alt : "");
	/* (a raw figure's picture: its title is the <figcaption>, written where it stands) */
	if (im->title && *im->title && !block && !im->in_figure)
		xml_attr(r->out, "title", im->title);
	g_string_append(r->out, "/>");
	if (block && href)
		g_string_append(r->out, "</a>");
	if (block) {
		if (caption) {
			g_string_append(r->out, "<figcaption>");
			esc(r, caption);
			g_string_append(r->out, "</figcaption>");
		}
		g_string_append(r->out, "</figure>");
	}
}

/* An <img> in raw HTML: the passes resolved it like any image, found by its node and address. */
static void raw_image(void *data, GString *out, cmark_node *node, const char *src, int nth, const char *alt,
		      bool block)
{
	struct render *r = data;

	(void)out;
	put_image(r, record_image(r->v, node, src, nth), src, alt, block, NULL);
}

/* ---- the tree ------------------------------------------------------------ */

/*
 * Quotes, lists and emphasis nested past sense (hostile input: thousands deep) lose their tags,
 * never their text: readers' XML parsers stop at 256 levels, and raw HTML inside may add
 * SANITIZE_MAX_OPEN + 4 * SANITIZE_MAX_DEPTH more.
 */
#define XHTML_MAX_NESTING 80

/* Entering a container of cost elements: false when its tags are left out. */
static bool nest_enter(struct render *r, int cost)
{
	if (r->flattened > 0 || r->depth + cost > XHTML_MAX_NESTING) {
		r->flattened++;	/* and every container inside it, which is left before it */
		return false;
	}
	r->depth += cost;
	return true;
}

/* Leaving it: false when its tags were left out. */
static bool nest_leave(struct render *r, int cost)
{
	if (r->flattened > 0) {
		r->flattened--;
		return false;
	}
	r->depth -= cost;
	return true;
}

/* A line end inside a paragraph: a space between words, nothing between two Chinese characters. */
static void put_softbreak(struct render *r, cmark_node *n)
{
	const char *s = textnorm_softbreak(n, r->cjk_latin_space);

	g_string_append(r->out, strcmp(s, " ") ? s : "\n");
}

/*
 * A paragraph written without <p>, as Hugo writes it: in a tight list's item, or a description's
 * own line right under its term.
 */
static bool tight_para(cmark_node *para)
{
	cmark_node *item = cmark_node_parent(para), *list;

	if (deflist_tight(item) && cmark_node_first_child(item) == para)
		return true;
	if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM)
		return false;
	list = cmark_node_parent(item);
	return list && cmark_node_get_list_tight(list);
}

static void put_noteref(struct render *r, cmark_node *n)
{
	const struct footnote *f = record_footnote_ref(r->v, n);
	const char *lit = cmark_node_get_literal(n);
	int number = f ? f->number : lit ? atoi(lit) : 0;

	if (!f || r->san->link_depth > 0) {
		g_string_append_printf(r->out, "<sup>%d</sup>", number);
		return;
	}
	{
		int k = ++r->ref_count[number - 1];
		char *id = k == 1 ? g_strdup(f->ref_anchor) : g_strdup_printf("%s-%d", f->ref_anchor, k);

		g_string_append(r->out, "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" class=\"noteref\"");
		xml_attr(r->out, "id", id);
		g_string_append_printf(r->out, " href=\"#%s\">%d</a></sup>", f->anchor, number);
		if (!r->ref_id[number - 1])
			r->ref_id[number - 1] = id;
		else
			g_free(id);
	}
}

static void put_backlink(struct render *r)
{
	const struct footnote *f = r->backlink;
	const char *target = f ? r->ref_id[f->number - 1] : NULL;

	r->backlink = NULL;
	if (!f)
		return;
	if (target)
		g_string_append_printf(r->out, "<a class=\"backlink\" role=\"doc-backlink\" href=\"#%s\">%d</a> ",
				       target, f->number);
	else
		g_string_append_printf(r->out, "<span class=\"backlink\">%d</span> ", f->number);
}

static const char *ext_type(cmark_node *n)
{
	return cmark_node_get_type_string(n);
}

/* ---- Latin words in Chinese emphasis -------------------------------------- */

/*
 * Chinese (and Japanese) emphasis is marked with dots under each character, which Latin words do
 * not take (CLREQ 3.3.4: they are set in italics, or not marked): a Latin run (text/clreq.h) in such an <em> is
 * written as an <em lang="en"> of its own beside it, so that the stylesheet's em:lang(zh) skips
 * it ("*肝病学期刊 Hepatology 发表*" gives <em>肝病学期刊 </em><em lang="en">Hepatology</em><em> 发表</em>).
 */
static bool has_latin_run(const char *s)
{
	for (const char *p = s; p && *p; p = g_utf8_next_char(p))
		if (clreq_latin_letter(g_utf8_get_char(p)))
			return true;
	return false;
}

/* Is n an emphasis of CJK text holding a Latin run in its own text (not inside raw HTML)? */
static bool splits_latin(const struct render *r, cmark_node *n)
{
	enum lang_writing w = langtag_writing(r->lang);
	bool latin = false;

	if (r->split_em || (w != LANG_HANS && w != LANG_HANT && w != LANG_HK && w != LANG_JA))
		return false;
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		if (cmark_node_get_type(c) == CMARK_NODE_HTML_INLINE)
			return false;
		if (cmark_node_get_type(c) == CMARK_NODE_TEXT && has_latin_run(cmark_node_get_literal(c)))
			latin = true;
	}
	return latin;
}

/* What split_em holds goes into an open <em>. */
static void em_reopen(struct render *r)
{
	if (!r->em_open) {
		g_string_append(r->out, "<em>");
		r->em_open = true;
	}
}

/* A text of split_em: its Latin runs each an <em lang="en">, the rest in the open <em>. */
static void split_text(struct render *r, const char *text)
{
	const char *p = text, *end = text + strlen(text);

	while (p < end) {
		bool latin;
		/* (the end measured once: per piece was quadratic) */
		size_t n = clreq_latin_segment(p, (size_t)(end - p), &latin);

		if (latin) {
			if (r->em_open)
				g_string_append(r->out, "</em>");
			r->em_open = false;
			g_string_append(r->out, "<em lang=\"en\" xml:lang=\"en\">");
			xml_escape(r->out, p, (gssize)n);
			g_string_append(r->out, "</em>");
		} else {
			em_reopen(r);
			prose(r, p, (gssize)n);
		}
		p += n;
	}
}

/*
 * A definition list's own tags, entering or leaving n: <dl>, <dt> and <dd> (their content model is
 * HTML's: terms, then descriptions). The list costs two levels of nesting, as a list and its items.
 */
static void deflist_tag(struct render *r, cmark_node *n, bool leaving)
{
	static const char *const tags[] = { [DEFLIST_LIST] = "dl", [DEFLIST_TERM] = "dt", [DEFLIST_DESCRIPTION] = "dd" };
	enum deflist_part part = deflist_part(n);
	int cost = part == DEFLIST_LIST ? 2 : 0;

	if (leaving ? nest_leave(r, cost) : nest_enter(r, cost))
		g_string_append_printf(r->out, leaving ? "</%s>\n" : part == DEFLIST_LIST ? "<%s>\n" : "<%s>", tags[part]);
}

/* A heading's h level under the page's h1 title: its depth, decided for both books (book/model.h). */
static int heading_level(cmark_node *n)
{
	const struct heading *h = record_heading(n);

	return CLAMP(h ? 1 + h->depth : cmark_node_get_heading_level(n) + 1, 2, 6);
}

/* A cell of the header row with something in it (an empty one names no column: text/tablehead.h). */
static bool header_cell(const struct render *r, cmark_node *cell)
{
	return cmark_node_parent(cell) == r->in_header_row && !tablehead_empty(cell);
}

static void enter_extension(struct render *r, cmark_node *n)
{
	const char *t = ext_type(n);

	if (deflist_part(n) != DEFLIST_NONE) {
		deflist_tag(r, n, false);
	} else if (!strcmp(t, "table")) {
		g_string_append(r->out, "<table>\n");
		r->in_table++;
	} else if (!strcmp(t, "table_header")) {
		g_string_append(r->out, "<thead>\n<tr>");
		r->in_header_row = n;
		r->cell = 0;
	} else if (!strcmp(t, "table_row")) {
		if (!cmark_node_previous(n) || cmark_node_previous(n) == r->in_header_row)
			g_string_append(r->out, "<tbody>\n");
		g_string_append(r->out, "<tr>");
		r->cell = 0;
	} else if (!strcmp(t, "table_cell")) {
		cmark_node *row = cmark_node_parent(n), *table = row ? cmark_node_parent(row) : NULL;
		uint8_t *align = table ? cmark_gfm_extensions_get_table_alignments(table) : NULL;
		/* counted, not found from the cell's siblings (2,000 columns: 2,000,000 steps a row) */
		int i = r->cell++, cols = table ? cmark_gfm_extensions_get_table_columns(table) : 0;
		bool head = header_cell(r, n);

		g_string_append(r->out, head ? "<th" : "<td");
		if (head)
			g_string_append(r->out, " scope=\"col\"");
		if (align && i < cols && align[i] == 'l')
			g_string_append(r->out, " class=\"align-left\"");
		else if (align && i < cols && align[i] == 'c')
			g_string_append(r->out, " class=\"align-center\"");
		else if (align && i < cols && align[i] == 'r')
			g_string_append(r->out, " class=\"align-right\"");
		g_string_append_c(r->out, '>');
	} else if (!strcmp(t, "strikethrough")) {
		if (nest_enter(r, 1))
			g_string_append(r->out, "<del>");
	}
}

static void leave_extension(struct render *r, cmark_node *n)
{
	const char *t = ext_type(n);

	if (deflist_part(n) != DEFLIST_NONE) {
		deflist_tag(r, n, true);
	} else if (!strcmp(t, "table")) {
		cmark_node *last = cmark_node_last_child(n);

		if (last && last == r->in_header_row)
			g_string_append(r->out, "<tbody></tbody>\n");	/* a head alone: the body may be empty */
		else if (last)
			g_string_append(r->out, "</tbody>\n");
		g_string_append(r->out, "</table>\n");
		r->in_header_row = NULL;
		r->in_table--;
	} else if (!strcmp(t, "table_header")) {
		g_string_append(r->out, "</tr>\n</thead>\n");
	} else if (!strcmp(t, "table_row")) {
		g_string_append(r->out, "</tr>\n");
	} else if (!strcmp(t, "table_cell")) {
		g_string_append(r->out, header_cell(r, n) ? "</th>" : "</td>");
	} else if (!strcmp(t, "strikethrough")) {
		if (nest_leave(r, 1))
			g_string_append(r->out, "</del>");
	}
}

static void open_notes(struct render *r, cmark_node *doc)
{
	rawhtml_close(r->san, doc);
	g_string_append(r->out, "<section class=\"footnotes\" epub:type=\"footnotes\">\n<h2 class=\"notes-title\">");
	esc(r, l10n_label(r->lang, L_NOTES));
	g_string_append(r->out, "</h2>\n");
	r->in_notes = true;
}

/* Returns true when n's children were written here and must be skipped. */
static bool enter(struct render *r, cmark_iter *it, cmark_node *n)
{
	if (r->split_em && cmark_node_parent(n) == r->split_em && cmark_node_get_type(n) != CMARK_NODE_TEXT)
		em_reopen(r);
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_DOCUMENT:
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		if (nest_enter(r, 1))
			g_string_append(r->out, "<blockquote>\n");
		break;
	case CMARK_NODE_LIST:
		if (!nest_enter(r, 2))	/* the list and its items */
			break;
		if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST) {
			int start = cmark_node_get_list_start(n);

			if (start != 1)
				g_string_append_printf(r->out, "<ol start=\"%d\">\n", start);
			else
				g_string_append(r->out, "<ol>\n");
		} else {
			g_string_append(r->out, "<ul>\n");
		}
		break;
	case CMARK_NODE_ITEM:
		if (nest_enter(r, 0))
			g_string_append(r->out, "<li>");
		break;
	case CMARK_NODE_CODE_BLOCK: {
		const char *info = cmark_node_get_fence_info(n);
		GString *lang = g_string_new(NULL);

		for (const char *p = info ? info : ""; *p && !strchr(" \t{", *p); p++)
			if (g_ascii_isalnum(*p) || *p == '-' || *p == '_' || *p == '+')
				g_string_append_c(lang, *p);
		g_string_append(r->out, "<pre><code");
		if (lang->len)
			g_string_append_printf(r->out, " class=\"language-%s\"", lang->str);
		g_string_append_c(r->out, '>');
		esc(r, cmark_node_get_literal(n));
		g_string_append(r->out, "</code></pre>\n");
		g_string_free(lang, TRUE);
		break;
	}
	case CMARK_NODE_HTML_BLOCK:
		rawhtml_block(r->san, n, node_file_line(n, r->a->body_line, r->a->line_shifts));
		g_string_append_c(r->out, '\n');
		break;
	case CMARK_NODE_PARAGRAPH: {
		bool pictures = node_pictures_only(n);
		bool note = r->backlink && cmark_node_get_type(cmark_node_parent(n)) == CMARK_NODE_FOOTNOTE_DEFINITION;

		r->quotes.single_open = 0;	/* a quote does not run on from one block to the next */
		/* The source link the header shows. */
		if (n == r->v->source_para) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			return true;
		}
		if (pictures) {
			if (note) {
				g_string_append(r->out, "<p>");
				put_backlink(r);
				g_string_append(r->out, "</p>\n");
			}
			for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
				cmark_node *img = cmark_node_get_type(c) == CMARK_NODE_IMAGE ? c : node_linked_image(c);
				char *href = img && img != c && r->san->link_depth == 0 ? link_href(r, c) : NULL;
				const struct image *im;

				if (!img)
					continue;
				im = record_image(r->v, img, NULL, 0);
				put_image(r, im, cmark_node_get_url(img), im ? im->alt : "", true, href);
				g_string_append_c(r->out, '\n');
				g_free(href);
			}
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			return true;
		}
		if (!tight_para(n))
			g_string_append(r->out, record_subhead(n) ? "<p class=\"subhead\">" : "<p>");
		if (note)
			put_backlink(r);
		break;
	}
	case CMARK_NODE_HEADING: {
		const struct heading *h = record_heading(n);
		int level = heading_level(n);

		r->quotes.single_open = 0;
		g_string_append_printf(r->out, "<h%d", level);
		if (h && h->anchor)
			xml_attr(r->out, "id", h->anchor);
		g_string_append_c(r->out, '>');
		break;
	}
	case CMARK_NODE_THEMATIC_BREAK:
		g_string_append(r->out, "<hr/>\n");
		break;
	case CMARK_NODE_FOOTNOTE_DEFINITION: {
		const struct footnote *f = record_footnote(n);

		if (!r->in_notes)
			open_notes(r, cmark_node_parent(n));
		g_string_append(r->out, "<aside epub:type=\"footnote\" role=\"doc-footnote\" class=\"footnote\"");
		if (f)
			xml_attr(r->out, "id", f->anchor);
		g_string_append(r->out, ">\n");
		r->backlink = f;
		break;
	}
	case CMARK_NODE_TEXT: {
		GString *text = g_string_new(NULL);

		/* The same spacing between Chinese and Latin as the PDF (CLREQ 3.2.2). */
		textnorm_text(text, n, r->cjk_latin_space);
		if (r->split_em && cmark_node_parent(n) == r->split_em)
			split_text(r, text->str);
		else
			prose(r, text->str, -1);
		g_string_free(text, TRUE);
		break;
	}
	case CMARK_NODE_SOFTBREAK:
		put_softbreak(r, n);
		break;
	case CMARK_NODE_LINEBREAK:
		g_string_append(r->out, "<br/>\n");
		break;
	case CMARK_NODE_CODE:
		g_string_append(r->out, "<code>");
		esc(r, cmark_node_get_literal(n));
		g_string_append(r->out, "</code>");
		break;
	case CMARK_NODE_HTML_INLINE: {
		cmark_node *last = rawhtml_inline(r->san, n, node_file_line(n, r->a->body_line, r->a->line_shifts));

		if (last != n)
			cmark_iter_reset(it, last, CMARK_EVENT_ENTER);
		break;
	}
	case CMARK_NODE_EMPH:
		if (!nest_enter(r, 1))
			break;
		if (splits_latin(r, n)) {
			r->split_em = n;	/* its <em> is opened by what it holds */
			r->em_open = false;
		} else {
			g_string_append(r->out, "<em>");
		}
		break;
	case CMARK_NODE_STRONG:
		if (nest_enter(r, 1))
			g_string_append(r->out, "<strong>");
		break;
	case CMARK_NODE_LINK: {
		char *href = r->san->link_depth > 0 ? NULL : link_href(r, n);

		if (href) {
			const char *title = cmark_node_get_title(n);

			g_string_append(r->out, "<a");
			xml_attr(r->out, "href", href);
			if (title && *title)
				xml_attr(r->out, "title", title);
			g_string_append_c(r->out, '>');
			g_hash_table_add(r->open_links, n);
			r->san->link_depth++;
			g_free(href);
		}
		/* "[](url)": a link with nothing to read shows its address (both books). */
		if (record_link(n) && record_link(n)->no_text && record_link(n)->href)
			esc(r, record_link(n)->url);
		break;
	}
	case CMARK_NODE_IMAGE: {
		const struct image *im = record_image(r->v, n, NULL, 0);
		cmark_node *up = node_link_around(n);
		/* A missing picture inside a link says where the link goes, as the PDF's box does. */
		char *href = up && (!im || !im->res) ? link_href(r, up) : NULL;

		put_image(r, im, cmark_node_get_url(n), im ? im->alt : "", false, href);
		g_free(href);
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		return true;
	}
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		put_noteref(r, n);
		break;
	default:
		enter_extension(r, n);
		break;
	}
	return false;
}

static void leave(struct render *r, cmark_node *n)
{
	rawhtml_close(r->san, n);
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_BLOCK_QUOTE:
		if (nest_leave(r, 1))
			g_string_append(r->out, "</blockquote>\n");
		break;
	case CMARK_NODE_LIST:
		if (nest_leave(r, 2))
			g_string_append(r->out, cmark_node_get_list_type(n) == CMARK_ORDERED_LIST ? "</ol>\n" : "</ul>\n");
		break;
	case CMARK_NODE_ITEM:
		if (nest_leave(r, 0))
			g_string_append(r->out, "</li>\n");
		break;
	case CMARK_NODE_PARAGRAPH:
		/* Raw HTML that writes nothing (<a id="x"></a> alone) leaves no empty paragraph. */
		if (!tight_para(n) && gstr_ends_with(r->out, 0, "<p>"))
			g_string_truncate(r->out, r->out->len - strlen("<p>"));
		else if (!tight_para(n))
			g_string_append(r->out, "</p>\n");
		else if (cmark_node_next(n))
			g_string_append_c(r->out, '\n');
		break;
	case CMARK_NODE_HEADING: {
		g_string_append_printf(r->out, "</h%d>\n", heading_level(n));
		break;
	}
	case CMARK_NODE_FOOTNOTE_DEFINITION:
		if (r->backlink) {
			g_string_append(r->out, "<p>");
			put_backlink(r);
			g_string_append(r->out, "</p>\n");
		}
		g_string_append(r->out, "</aside>\n");
		break;
	case CMARK_NODE_EMPH:
		if (!nest_leave(r, 1))
			break;
		if (n == r->split_em) {
			if (r->em_open)
				g_string_append(r->out, "</em>");
			r->split_em = NULL;
			r->em_open = false;
		} else {
			g_string_append(r->out, "</em>");
		}
		break;
	case CMARK_NODE_STRONG:
		if (nest_leave(r, 1))
			g_string_append(r->out, "</strong>");
		break;
	case CMARK_NODE_LINK:
		if (g_hash_table_remove(r->open_links, n)) {
			g_string_append(r->out, "</a>");
			r->san->link_depth--;
		}
		break;
	case CMARK_NODE_DOCUMENT:
		if (r->in_notes)
			g_string_append(r->out, "</section>\n");
		break;
	default:
		leave_extension(r, n);
		break;
	}
}

/* A tight list item whose paragraph starts with a backlink: the paragraph has no <p> of its own. */
static void render_tree(struct render *r, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER)
			enter(r, it, n);
		else
			leave(r, n);
	}
	cmark_iter_free(it);
}

/* ---- the article page ---------------------------------------------------- */

static void put_header(struct render *r)
{
	const struct article *a = r->a;
	GString *meta = g_string_new(NULL);
	GPtrArray *tags = a->header_tags;
	GString *saved = r->out;

	g_string_append(r->out, "<header class=\"article-header\">\n<h1 class=\"title\">");
	spaced(r, a->title);
	g_string_append(r->out, "</h1>\n");
	/* the meta line: date, author, source; written to its own buffer to know whether it is empty */
	r->out = meta;
	if (a->fm.date.valid) {
		char *iso = date_format_rfc3339(&a->fm.date);

		g_string_append(meta, "<time");
		xml_attr(meta, "datetime", iso);
		g_string_append_c(meta, '>');
		{
			GString *d = g_string_new(NULL);

			l10n_date(d, &a->fm.date, r->lang, true);
			spaced(r, d->str);
			g_string_free(d, TRUE);
		}
		g_string_append(meta, "</time>");
		g_free(iso);
	}
	if (a->fm.author.text && *a->fm.author.text) {
		if (meta->len)
			g_string_append(meta, "<span class=\"sep\"> · </span>");
		g_string_append(meta, "<span class=\"author\">");
		spaced(r, a->fm.author.text);
		g_string_append(meta, "</span>");
	}
	if (a->source_name || a->source_url) {
		const char *name = a->source_name && *a->source_name ? a->source_name : a->source_url;
		GString *lead = g_string_new(NULL);

		if (meta->len)
			g_string_append(meta, "<span class=\"sep\"> · </span>");
		g_string_append(meta, "<span class=\"source\">");
		l10n_lead(lead, r->lang, L_SOURCE);
		esc(r, lead->str);
		g_string_free(lead, TRUE);
		if (a->source_href) {
			g_string_append(meta, "<a");
			xml_attr(meta, "href", a->source_href);
			g_string_append_c(meta, '>');
			esc(r, name);
			g_string_append(meta, "</a>");
		} else {
			esc(r, name);
		}
		g_string_append(meta, "</span>");
	}
	r->out = saved;
	if (meta->len)
		g_string_append_printf(r->out, "<p class=\"meta\">%s</p>\n", meta->str);
	g_string_free(meta, TRUE);
	if (tags && tags->len) {
		g_string_append(r->out, "<p class=\"tags\">");
		for (guint i = 0; i < tags->len; i++) {
			g_string_append(r->out, i ? " <span class=\"tag\">" : "<span class=\"tag\">");
			spaced(r, g_ptr_array_index(tags, i));
			g_string_append(r->out, "</span>");
		}
		g_string_append(r->out, "</p>\n");
	}
	if (a->standfirst) {
		g_string_append(r->out, "<p class=\"standfirst\">");
		spaced(r, a->standfirst);
		g_string_append(r->out, "</p>\n");
	}
	g_string_append(r->out, "</header>\n");
}

/* The thumbnail, unless the article shows the same picture itself. */
static void put_lead(struct render *r)
{
	const struct image *lead = r->a->lead;

	if (!lead || !lead->res || lead->res->blank)
		return;
	for (guint i = 0; i < r->a->images->len; i++) {
		const struct image *im = g_ptr_array_index(r->a->images, i);

		if (im->res == lead->res)
			return;
	}
	g_string_append(r->out, "<figure class=\"lead\"><img");
	xml_attr(r->out, "src", lead->res->href);
	/* Decoration (the model's mark: it illustrates the title below) says nothing; an alt of its own is said. */
	xml_attr(r->out, "alt", lead->decorative || !lead->alt ? "" : lead->alt);
	g_string_append(r->out, "/></figure>\n");
}

static void render_init(struct render *r, const struct book *b, const struct article_view *v, GString *out,
			bool vertical)
{
	const struct article *a = v->a;

	memset(r, 0, sizeof *r);
	r->b = b;
	r->a = a;
	r->v = v;
	r->lang = a->lang ? a->lang : b->lang;
	r->cjk_latin_space = b->cjk_latin_space;
	r->vertical = vertical && vertical_lang(r->lang);
	r->out = out;
	r->san = rawhtml_new(out, a->file, r->lang, raw_image, r);
	/* What the allow-list drops was said by the passes, for both books (read/records.c). */
	r->san->quiet = true;
	r->open_links = g_hash_table_new(g_direct_hash, g_direct_equal);
	r->ref_count = g_new0(int, a->footnotes->len + 1);
	r->ref_id = g_new0(char *, a->footnotes->len + 1);
}

static unsigned render_clear(struct render *r)
{
	unsigned found = r->san->found;

	sanitizer_free(r->san);
	g_hash_table_destroy(r->open_links);
	for (guint i = 0; i < r->a->footnotes->len; i++)
		g_free(r->ref_id[i]);
	g_free(r->ref_id);
	g_free(r->ref_count);
	return found;
}

GString *xhtml_article_in(const struct book *b, const struct article *a, bool vertical, unsigned *found)
{
	GString *out = g_string_sized_new(16384);
	struct render r;
	struct article_view *v = article_view_open(a);

	render_init(&r, b, v, out, vertical);
	xhtml_begin(out, r.lang, a->title, "article", r.vertical);
	g_string_append(out, "<section class=\"article\" epub:type=\"chapter\" role=\"doc-chapter\"");
	xml_attr(out, "id", a->id);
	g_string_append(out, ">\n");
	put_header(&r);
	put_lead(&r);
	render_tree(&r, v->doc);
	g_string_append(out, "</section>\n");
	xhtml_end(out);
	*found = render_clear(&r);
	article_view_close(v);
	return out;
}

GString *xhtml_article(const struct book *b, const struct article *a, unsigned *found)
{
	return xhtml_article_in(b, a, false, found);
}

GString *xhtml_part_in(const struct book *b, const struct part *p, bool vertical, unsigned *found)
{
	GString *out = g_string_sized_new(4096);
	const struct article *intro = p->intro;
	const char *lang = intro && intro->lang ? intro->lang : b->lang;
	bool vert = vertical && vertical_lang(lang);

	*found = 0;
	xhtml_begin(out, lang, p->title, "part", vert);
	g_string_append(out, "<section class=\"part\" epub:type=\"part\" role=\"doc-part\"");
	xml_attr(out, "id", p->id);
	g_string_append(out, ">\n<h1 class=\"part-title\">");
	xhtml_text(out, p->title, vert ? lang : NULL, b->cjk_latin_space);
	g_string_append(out, "</h1>\n");
	if (intro) {
		struct render r;
		struct article_view *v = article_view_open(intro);

		render_init(&r, b, v, out, vertical);
		render_tree(&r, v->doc);
		*found = render_clear(&r);
		article_view_close(v);
	}
	g_string_append(out, "</section>\n");
	xhtml_end(out);
	return out;
}

GString *xhtml_part(const struct book *b, const struct part *p, unsigned *found)
{
	return xhtml_part_in(b, p, false, found);
}
