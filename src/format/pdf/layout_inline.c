/* layout_inline.c - inline Markdown (text, emphasis, code, links, notes) into a paragraph's styled runs. */
#include "format/pdf/layout_int.h"

#include <stdlib.h>
#include <string.h>

#include "html/allow.h"
#include "html/sanitize.h"
#include "text/alttext.h"
#include "text/clreq.h"
#include "text/textnorm.h"
#include "text/nodetext.h"

struct walk {
	struct lay *L;
	struct lpara *lp;
	bool started;		/* text has been set: white space at the start (　　 indents) is dropped before */
	bool pictures_apart;	/* a paragraph's text: its pictures are set after it (layout_inlines_range) */
	bool gap;		/* a picture was left out here: one space of the two around it is enough */
};

static const struct para_style *style_of(struct lay *L, const struct inline_style *s)
{
	enum theme_font role = s->role;

	if (s->code)
		role = FONT_CODE;
	return lay_style(L, role, s->code ? s->size * 0.9 : s->size, s->bold, s->italic,
			 s->link ? L->t->color_link : s->color, s->link, s->rise, s->code, s->strike);
}

/*
 * Text pasted from word processors carries Symbol and Wingdings bullets as
 * private-use characters no font draws; they become the marks they show.
 */
static gunichar symbol_font_char(gunichar u)
{
	switch (u) {
	case 0xF0B7: case 0xF06C: return 0x2022;	/* bullet */
	case 0xF0A7: case 0xF06E: return 0x25AA;	/* small square */
	case 0xF075: return 0x25C6;			/* diamond */
	case 0xF076: return 0x2756;
	case 0xF0D8: return 0x27A2;			/* arrowhead */
	case 0xF0E0: return 0x2192;			/* arrow */
	case 0xF0FC: return 0x2713;			/* check mark */
	case 0xF0A8: return 0x25A1;			/* box */
	default: return 0;
	}
}

/*
 * Emphasis in Chinese text is set in Kai, whose Latin letters are a typewriter's: a Latin word
 * inside it ("*Hepatology*") is set in the Latin face's italic instead, spaces and digits with it.
 */
static void add_styled(struct walk *w, const char *p, int len, const struct inline_style *s,
		       const struct para_style *style)
{
	const struct para_style *latin = NULL;
	const char *end = p + len;

	if (s->italic && !s->code && s->role == FONT_BODY) {
		struct inline_style l = *s;

		l.role = FONT_BODY_LATIN;
		latin = style_of(w->L, &l);
	}
	if (!latin) {
		if (len > 0)
			para_add(w->lp->para, p, len, style);
		return;
	}
	while (p < end) {
		/* A run of one face: a Latin run or what comes before the next, as the EPUB splits them (text/clreq.h). */
		bool is_latin;
		size_t n = clreq_latin_segment(p, (size_t)(end - p), &is_latin);

		para_add(w->lp->para, p, (int)n, is_latin ? latin : style);
		p += n;
	}
}

static void add_text(struct walk *w, const char *text, const struct inline_style *s)
{
	const struct para_style *style;

	if (!text || !*text)
		return;
	/* Authors indent Chinese paragraphs with ideographic spaces; the layout indents them already. */
	while (!w->started && *text && g_unichar_isspace(g_utf8_get_char(text)))
		text = g_utf8_next_char(text);
	if (w->gap && *text == ' ' && g_str_has_suffix(para_text(w->lp->para), " "))
		text++;
	w->gap = false;
	if (!*text)
		return;
	w->started = true;
	style = style_of(w->L, s);
	for (const char *p = text; *p;) {
		const char *q = p;
		gunichar u = 0;

		while (*q && !(u = symbol_font_char(g_utf8_get_char(q))))
			q = g_utf8_next_char(q);
		add_styled(w, p, (int)(q - p), s, style);
		if (!*q)
			break;
		{
			char buf[8];
			int n = g_unichar_to_utf8(u, buf);

			para_add(w->lp->para, buf, n, style);
		}
		p = g_utf8_next_char(q);
	}
}

/*
 * A picture not in the book, in a line: what the EPUB's placeholder there says, in brackets: its
 * label, then its alt text where that says something and its address (url NULL: none).
 */
static void missing_picture(struct walk *w, const char *alt, const char *url, const struct inline_style *s)
{
	GString *t = g_string_new("[");
	char *shown = alt_text_for_placeholder(alt, NULL);

	if (shown || url)
		l10n_lead(t, lay_lang(w->L), L_IMAGE_MISSING);
	else
		g_string_append(t, lay_label(w->L, L_IMAGE_MISSING));
	if (shown)
		g_string_append_printf(t, "%s%s", shown, url ? " " : "");
	if (url)
		g_string_append(t, url);
	g_string_append_c(t, ']');
	add_text(w, t->str, s);
	g_string_free(t, TRUE);
	g_free(shown);
}

char *lay_link_target(cmark_node *n)
{
	const struct link *l = record_link(n);

	if (l && l->target)
		return g_strdup_printf("#%s", l->anchor ? l->anchor : l->target->id);
	if (l && l->part)
		return g_strdup_printf("#%s", l->anchor ? l->anchor : l->part->id);
	return l ? g_strdup(l->href) : NULL;
}

static bool is_br(const char *html)
{
	return html && (!g_ascii_strncasecmp(html, "<br", 3)) && (html[3] == '>' || html[3] == '/' || html[3] == ' ');
}

/* ---- inline raw HTML, as the EPUB writes it (html/rawhtml.c) ---- */

/* Raw HTML tags open in a run of inline Markdown: what each changed, undone at its end tag. */
enum { HTML_OPEN_MAX = 16 };

struct html_opens {
	int n;
	struct {
		const char *out;		/* the allow-list's element */
		struct inline_style before;
		char *link;			/* the address it links to, or NULL (owned) */
	} v[HTML_OPEN_MAX];
};

/* The look of a phrase element (the EPUB's stylesheet and a browser's) on cur. */
static void html_phrase_look(const char *out, struct inline_style *cur)
{
	if (!strcmp(out, "b") || !strcmp(out, "strong"))
		cur->bold = true;
	else if (!strcmp(out, "i") || !strcmp(out, "em") || !strcmp(out, "cite") || !strcmp(out, "var")
		 || !strcmp(out, "dfn"))
		cur->italic = true;
	else if (!strcmp(out, "code") || !strcmp(out, "kbd") || !strcmp(out, "samp"))
		cur->code = true;
	else if (!strcmp(out, "s") || !strcmp(out, "del"))
		cur->strike = true;
	else if (!strcmp(out, "sup") || !strcmp(out, "sub")) {
		cur->rise += out[2] == 'p' ? cur->size * 0.38 : -cur->size * 0.15;
		cur->size *= 0.65;
	}
}

static void html_close(struct html_opens *open, int from, struct inline_style *cur)
{
	*cur = open->v[from].before;
	for (int i = from; i < open->n; i++)
		g_free(open->v[i].link);
	open->n = from;
}

/* An <a>, <img> or embed tag's element, parsed (xmlFreeDoc its document), or NULL. */
static const xmlNode *html_element(const char *piece, const char *name, htmlDocPtr *doc)
{
	*doc = sanitize_parse_html(piece);
	return *doc ? allow_first_named(*doc, name) : NULL;
}

char *lay_raw_picture_link(cmark_node *n)
{
	cmark_node *up = node_link_around(n);
	GPtrArray *open;
	char *link = NULL;

	/* In a Markdown link, a raw <a> is a link inside a link: the Markdown link's address. */
	if (up)
		return lay_link_target(up);
	open = g_ptr_array_new_with_free_func(g_free);
	for (cmark_node *c = cmark_node_first_child(cmark_node_parent(n)); c && c != n; c = cmark_node_next(c)) {
		const char *lit = cmark_node_get_type(c) == CMARK_NODE_HTML_INLINE ? cmark_node_get_literal(c) : NULL;
		bool end = false;
		char *name = lit ? allow_tag_name(lit, &end) : NULL;

		if (name && !g_ascii_strcasecmp(name, "a")) {
			if (end && open->len) {
				g_ptr_array_remove_index(open, open->len - 1);
			} else if (!end) {
				htmlDocPtr doc = NULL;
				const xmlNode *x = html_element(lit, "a", &doc);

				g_ptr_array_add(open, x ? allow_link_address(x) : NULL);
				if (doc)
					xmlFreeDoc(doc);
			}
		}
		g_free(name);
	}
	/* The outermost open <a> that links: one inside it is no link, as in the EPUB. */
	for (guint i = 0; !link && i < open->len; i++)
		link = g_strdup(g_ptr_array_index(open, i));
	g_ptr_array_free(open, TRUE);
	return link;
}

/*
 * Piece n of inline raw HTML: a phrase element's look and a link hold until its end tag (or the
 * run's end); text that is no HTML ("Vector<int>") is text; script and style are skipped to their
 * end tag; an embed is its note, a picture its description. The node to go on after. Not inlined:
 * its locals stay out of walk_range's frame, which emphasis nests thousands deep.
 */
G_GNUC_NO_INLINE static cmark_node *html_inline(struct walk *w, cmark_node *n, cmark_node *stop,
						struct inline_style *cur, struct html_opens **opens)
{
	struct html_opens *open = *opens;
	const char *lit = cmark_node_get_literal(n);
	const struct elem *e;
	htmlDocPtr doc = NULL;
	const xmlNode *x;
	bool end = false;
	char *name;

	if ((name = allow_cdata_text(lit))) {
		add_text(w, name, cur);
		g_free(name);
		return n;
	}
	if (is_br(lit)) {
		add_text(w, "\n", cur);
		return n;
	}
	if (!(name = allow_tag_name(lit, &end)))
		return n;	/* a comment or declaration */
	/* Inline SVG or MathML: the words between its tags, none of its own tags, whose names are no
	   HTML's ("<stop offset=...>" was printed as text). */
	if (!end && (!strcmp(name, "svg") || !strcmp(name, "math")) && !g_str_has_suffix(lit, "/>")) {
		cmark_node *close = allow_end_tag_after(n, stop, name);

		for (cmark_node *c = close ? cmark_node_next(n) : NULL; c && c != close; c = cmark_node_next(c))
			if (cmark_node_get_type(c) == CMARK_NODE_TEXT)
				add_text(w, cmark_node_get_literal(c), cur);
		if (close) {
			g_free(name);
			return close;
		}
	}
	if (!allow_known_name(name)) {
		add_text(w, lit, cur);	/* not HTML at all: the author meant the text */
		g_free(name);
		return n;
	}
	e = allow_elem(name);
	if (end) {
		for (int i = open ? open->n - 1 : -1; e && e->out && i >= 0; i--)
			if (!strcmp(open->v[i].out, e->out)) {
				html_close(open, i, cur);
				break;
			}
	} else if (e && e->action == A_DROP) {
		cmark_node *close = allow_holds_code(name) ? allow_end_tag_after(n, stop, name) : NULL;

		if (close)
			n = close;
	} else if (e && e->action == A_EMBED && (x = html_element(lit, name, &doc))) {
		char *note = sanitize_embed_note(x, lay_lang(w->L));

		add_text(w, note, cur);
		g_free(note);
	} else if (e && e->action == A_IMG && ((w->pictures_apart && record_inline_picture(n))
						|| lay_blank_picture(w->L, n))) {
		w->gap = true;	/* set after the paragraph's text, or a spacer showing nothing */
	} else if (e && e->action == A_IMG && (x = html_element(lit, name, &doc))) {
		char *alt = allow_attr(x, "alt"), *src = sanitize_img_src(x);
		struct inline_style muted = *cur;

		muted.color = w->L->t->color_muted;
		if (!src || !*src) {
			/* It names no picture (said by the passes): what the EPUB's placeholder in the line says. */
			missing_picture(w, alt, NULL, &muted);
		} else if (alt && *alt) {
			char *t = g_strdup_printf("[%s]", alt);

			add_text(w, t, &muted);
			g_free(t);
		}
		g_free(src);
		g_free(alt);
	} else if (e && e->out && e->cat == X_PHRASE && e->inner != C_VOID && !g_str_has_suffix(lit, "/>")
		   && (!open || open->n < HTML_OPEN_MAX)) {
		char *link = NULL;
		/* A link inside a link, or to nowhere a book can go: no link, the text stays as it is. */
		bool no_link = e->action == A_A && (cur->link || !(x = html_element(lit, name, &doc))
						     || !(link = allow_link_address(x)));

		if (!no_link) {
			/* Made when first needed: emphasis nests thousands deep, a run in each. */
			if (!open)
				open = *opens = g_new0(struct html_opens, 1);
			open->v[open->n].out = e->out;
			open->v[open->n].before = *cur;
			open->v[open->n].link = link;
			open->n++;
			if (link)
				cur->link = link;
			else
				html_phrase_look(e->out, cur);
		}
	}
	if (doc)
		xmlFreeDoc(doc);
	g_free(name);
	return n;
}

static void walk_range(struct walk *w, cmark_node *first, cmark_node *stop, const struct inline_style *s);

static void walk(struct walk *w, cmark_node *parent, const struct inline_style *s)
{
	walk_range(w, cmark_node_first_child(parent), NULL, s);
}

static void walk_range(struct walk *w, cmark_node *first, cmark_node *stop, const struct inline_style *base)
{
	/* Raw HTML tags change the look of what follows them in the run: *s is the look now. */
	struct inline_style now = *base, *s = &now;
	struct html_opens *open = NULL;

	for (cmark_node *n = first; n && n != stop; n = cmark_node_next(n)) {
		struct inline_style c = *s;
		const char *type = cmark_node_get_type_string(n);

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			add_text(w, cmark_node_get_literal(n), s);
			break;
		case CMARK_NODE_SOFTBREAK:
			if (textnorm_softbreak_is_space(textnorm_char_before(n), textnorm_char_after(n)))
				add_text(w, " ", s);
			break;
		case CMARK_NODE_LINEBREAK:
			add_text(w, "\n", s);
			break;
		case CMARK_NODE_CODE:
			c.code = true;
			add_text(w, cmark_node_get_literal(n), &c);
			break;
		case CMARK_NODE_EMPH:
			/* In Chinese text lay_style turns italics into emphasis dots. */
			c.italic = true;
			walk(w, n, &c);
			break;
		case CMARK_NODE_STRONG:
			c.bold = true;
			walk(w, n, &c);
			break;
		case CMARK_NODE_LINK: {
			char *target = lay_link_target(n);
			const struct link *l = record_link(n);

			c.link = target;
			/* "[](url)": a link with nothing to read shows its address (both books). */
			if (l && l->no_text && l->href)
				add_text(w, l->url, &c);
			walk(w, n, &c);
			g_free(target);
			break;
		}
		case CMARK_NODE_IMAGE: {
			/*
			 * An image inside a line (a heading, a cell): its description in brackets; one
			 * not in the book, what the EPUB's placeholder in the line says (label, alt, address).
			 */
			const struct image *im = lay_picture_record(w->L, n);
			char *alt;

			if (w->pictures_apart || (im && im->res && im->res->blank)) {
				w->gap = true;	/* set apart, or a spacer showing nothing */
				break;
			}
			alt = node_plain_text(n);
			c.color = w->L->t->color_muted;
			if (w->L->view && (!im || !im->res)) {
				missing_picture(w, alt, cmark_node_get_url(n) ? cmark_node_get_url(n) : "", &c);
			} else if (*alt) {
				char *t = g_strdup_printf("[%s]", alt);

				add_text(w, t, &c);
				g_free(t);
			}
			g_free(alt);
			break;
		}
		case CMARK_NODE_HTML_INLINE:
			n = html_inline(w, n, stop, &now, &open);
			break;
		case CMARK_NODE_FOOTNOTE_REFERENCE: {
			const struct footnote *f = w->L->view ? record_footnote_ref(w->L->view, n) : NULL;
			char *num, *dest;

			if (!f)
				break;
			num = g_strdup_printf("%d", f->number);
			dest = g_strdup_printf("#%s", f->anchor);
			c.size = s->size * 0.65;
			c.rise = s->size * 0.38;
			c.link = dest;
			/* Only the first reference is the note's way back. */
			if (!g_hash_table_contains(w->L->fnrefs, f)) {
				g_hash_table_add(w->L->fnrefs, (gpointer)f);
				lay_para_anchor(w->lp, (int)strlen(para_text(w->lp->para)), f->ref_anchor);
			}
			add_text(w, num, &c);
			g_free(num);
			g_free(dest);
			break;
		}
		default:
			if (type && !strcmp(type, "strikethrough"))
				c.strike = true;
			walk(w, n, &c);
			break;
		}
	}
	if (open) {
		if (open->n)
			html_close(open, 0, &now);
		g_free(open);
	}
}

void layout_inlines(struct lay *L, struct lpara *lp, cmark_node *parent, const struct inline_style *base)
{
	struct walk w = { L, lp, false };

	walk(&w, parent, base);
}

void layout_inlines_range(struct lay *L, struct lpara *lp, cmark_node *first, cmark_node *stop,
			  const struct inline_style *base)
{
	struct walk w = { L, lp, false, true };

	walk_range(&w, first, stop, base);
}
