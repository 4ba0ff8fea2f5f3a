/* header.c - what an article's header shows, decided once for both books: standfirst, source, tags. */
#include "read/header.h"

#include <string.h>

#include "read/identity.h"

/* Characters the comparison skips: spaces of every width, and quotation marks (straight or curled). */
static bool skipped(gunichar u)
{
	return g_unichar_isspace(u) || u == 0x3000 || (u >= 0x2000 && u <= 0x200B) || u == 0xFEFF
	       || u == '"' || u == '\'' || u == 0x201C || u == 0x201D || u == 0x2018 || u == 0x2019;
}

/* s without the skipped characters, up to max bytes of the result (0: all). */
static GString *squeeze(const char *s, gsize max)
{
	GString *out = g_string_new(NULL);

	for (const char *p = s; p && *p && (!max || out->len < max); p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);

		if (!skipped(u))
			g_string_append_unichar(out, u);
	}
	return out;
}

/* The summary without the mark of a cut ("...", "…", "……") or a closing stop. */
static void drop_cut_mark(GString *s)
{
	while (s->len) {
		const char *last = g_utf8_prev_char(s->str + s->len);
		gunichar u = g_utf8_get_char(last);

		if (u != '.' && u != 0x2026 && u != 0x3002)
			break;
		g_string_truncate(s, (gsize)(last - s->str));
	}
}

bool header_summary_is_opening(const char *summary, const char *opening)
{
	GString *s = squeeze(summary, 0), *o;
	bool repeats;

	drop_cut_mark(s);
	o = squeeze(opening, s->len + 1);
	repeats = s->len > 0 && o->len >= s->len && !memcmp(o->str, s->str, s->len);
	g_string_free(s, TRUE);
	g_string_free(o, TRUE);
	return repeats;
}

/* The text a reader meets first: headings, paragraphs, quotes and code, not pictures, raw HTML or notes. */
static void opening_text(cmark_node *n, GString *out, gsize want)
{
	for (cmark_node *c = cmark_node_first_child(n); c && out->len < want; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT: case CMARK_NODE_CODE: case CMARK_NODE_CODE_BLOCK:
			g_string_append(out, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_IMAGE: case CMARK_NODE_HTML_BLOCK: case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_FOOTNOTE_DEFINITION: case CMARK_NODE_FOOTNOTE_REFERENCE:
			break;
		default:
			opening_text(c, out, want);
			break;
		}
	}
}

/* Names compared as a reader would: width and case aside ("QQ", "ｑｑ" and "qq" are one). */
static char *fold(const char *s)
{
	char *norm = g_utf8_normalize(s, -1, G_NORMALIZE_NFKC);
	char *folded = g_utf8_casefold(norm ? norm : s, -1);

	g_free(norm);
	return g_strstrip(folded);
}

void header_decide(struct article *a)
{
	const char *summary = a->fm.summary.text;
	cmark_node *link = NULL;

	g_clear_pointer(&a->standfirst, g_free);
	if (summary && summary[strspn(summary, " \t\r\n")]) {
		GString *opening = g_string_new(NULL);

		/* Enough of the body to hold the summary several times over (markup and spaces aside). */
		opening_text(a->doc, opening, strlen(summary) * 2 + 64);
		if (!header_summary_is_opening(summary, opening->str))
			a->standfirst = g_strstrip(g_strdup(summary));
		g_string_free(opening, TRUE);
	}
	/* A section's introduction has no header: its closing link stays where it is. */
	a->source_paragraph = !a->section_index && a->source_url && identity_source_paragraph(a->doc, &link)
			      && !g_strcmp0(cmark_node_get_url(link), a->source_url);
	g_ptr_array_set_size(a->header_tags, 0);
	{
		char *source = a->source_name ? fold(a->source_name) : NULL;
		GPtrArray *tags = a->fm.tags.items;

		for (guint i = 0; i < tags->len; i++) {
			char *tag = fold(g_ptr_array_index(tags, i));

			if (*tag && g_strcmp0(tag, source))
				g_ptr_array_add(a->header_tags, g_ptr_array_index(tags, i));
			g_free(tag);
		}
		g_free(source);
	}
}
