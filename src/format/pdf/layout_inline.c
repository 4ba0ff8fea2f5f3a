/* layout_inline.c - inline Markdown (text, emphasis, code, links, notes) into a paragraph's styled runs. */
#include "format/pdf/layout_int.h"

#include <stdlib.h>
#include <string.h>

#include "text/textnorm.h"
#include "text/nodetext.h"

struct walk {
	struct lay *L;
	struct lpara *lp;
	bool started;		/* text has been set: white space at the start (　　 indents) is dropped before */
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

/* A letter of a Latin-script word (not a digit, mark or CJK character). */
static bool latin_letter(gunichar u)
{
	return u < 0x2E80 && g_unichar_isalpha(u) && g_unichar_get_script(u) == G_UNICODE_SCRIPT_LATIN;
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
	while (p < end) {
		const char *q = p;
		bool lat = latin && latin_letter(g_utf8_get_char(p));

		/* A run of one face: Latin letters with the spaces, digits and marks between them. */
		for (; q < end; q = g_utf8_next_char(q)) {
			gunichar u = g_utf8_get_char(q);
			bool in_word = latin_letter(u) || (u < 0x80 && (g_ascii_isdigit(u) || strchr(" -.'&", (int)u)));

			if (latin && (lat ? !in_word : latin_letter(u)))
				break;
		}
		para_add(w->lp->para, p, (int)(q - p), lat ? latin : style);
		p = q;
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

char *lay_link_target(cmark_node *n)
{
	const struct link *l = record_link(n);

	if (l && l->target)
		return g_strdup_printf("#%s", l->anchor ? l->anchor : l->target->id);
	return l ? g_strdup(l->href) : NULL;
}

static bool is_br(const char *html)
{
	return html && (!g_ascii_strncasecmp(html, "<br", 3)) && (html[3] == '>' || html[3] == '/' || html[3] == ' ');
}

static void walk_range(struct walk *w, cmark_node *first, cmark_node *stop, const struct inline_style *s);

static void walk(struct walk *w, cmark_node *parent, const struct inline_style *s)
{
	walk_range(w, cmark_node_first_child(parent), NULL, s);
}

static void walk_range(struct walk *w, cmark_node *first, cmark_node *stop, const struct inline_style *s)
{
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
			/* An image inside a line (a heading, a cell, a link): its description in brackets. */
			char *alt = node_plain_text(n);

			c.color = w->L->t->color_muted;
			if (*alt) {
				char *t = g_strdup_printf("[%s]", alt);

				add_text(w, t, &c);
				g_free(t);
			}
			g_free(alt);
			break;
		}
		case CMARK_NODE_HTML_INLINE: {
			const char *html = cmark_node_get_literal(n);

			if (is_br(html))
				add_text(w, "\n", s);
			/* What a script or style holds is never text of the book: skip to its end tag. */
			else if (html && (!g_ascii_strncasecmp(html, "<script", 7) || !g_ascii_strncasecmp(html, "<style", 6)))
				while (cmark_node_next(n) && cmark_node_next(n) != stop) {
					const char *end;

					n = cmark_node_next(n);
					end = cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE ? cmark_node_get_literal(n) : NULL;
					if (end && (!g_ascii_strncasecmp(end, "</script", 8) || !g_ascii_strncasecmp(end, "</style", 7)))
						break;
				}
			break;
		}
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
}

void layout_inlines(struct lay *L, struct lpara *lp, cmark_node *parent, const struct inline_style *base)
{
	struct walk w = { L, lp, false };

	walk(&w, parent, base);
}

void layout_inlines_range(struct lay *L, struct lpara *lp, cmark_node *first, cmark_node *stop,
			  const struct inline_style *base)
{
	struct walk w = { L, lp, false };

	walk_range(&w, first, stop, base);
}
