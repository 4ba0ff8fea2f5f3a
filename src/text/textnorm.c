/* textnorm.c - line breaks, indents, the Chinese-Western space and wordless headings, normalised once for both writers. */
#include "text/textnorm.h"

#include <cmark-gfm-extension_api.h>
#include <math.h>
#include <string.h>

#include "text/clreq.h"
#include "text/deflist.h"
#include "text/nodetext.h"

bool textnorm_softbreak_is_space(gunichar before, gunichar after)
{
	/* Beside a picture or raw HTML (no character): a space after or before Western text, as Hugo's newline shows. */
	if (!before || !after)
		return (before || after) && !clreq_is_cjk(before ? before : after);
	return !(clreq_is_cjk(before) && clreq_is_cjk(after));
}

/* Last (or first) character of the text inside node, depth first; 0 when it has none. */
static gunichar edge_char(cmark_node *node, bool last)
{
	const char *lit;

	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		lit = cmark_node_get_literal(node);
		if (!lit || !*lit)
			return 0;
		return last ? g_utf8_get_char(g_utf8_prev_char(lit + strlen(lit))) : g_utf8_get_char(lit);
	default:
		for (cmark_node *c = last ? cmark_node_last_child(node) : cmark_node_first_child(node); c;
		     c = last ? cmark_node_previous(c) : cmark_node_next(c)) {
			gunichar u = edge_char(c, last);

			if (u)
				return u;
		}
		return 0;
	}
}

/* Walk siblings (climbing out of inline containers) for the nearest character. */
static gunichar neighbour(cmark_node *n, bool before)
{
	while (n) {
		for (cmark_node *s = before ? cmark_node_previous(n) : cmark_node_next(n); s;
		     s = before ? cmark_node_previous(s) : cmark_node_next(s)) {
			gunichar u = edge_char(s, before);

			if (u)
				return u;
		}
		n = cmark_node_parent(n);
		if (!n || cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH
		    || cmark_node_get_type(n) == CMARK_NODE_HEADING || deflist_part(n) == DEFLIST_TERM)
			break;
	}
	return 0;
}

gunichar textnorm_char_before(cmark_node *n)
{
	return neighbour(n, true);
}

gunichar textnorm_char_after(cmark_node *n)
{
	return neighbour(n, false);
}

gunichar textnorm_cjk_space_char(double em)
{
	static const struct { double em; gunichar u; } spaces[] = {
		{ 1.0 / 2, 0x2002 }, { 1.0 / 3, 0x2004 }, { 1.0 / 4, 0x2005 }, { 1.0 / 5, 0x2009 }, { 1.0 / 6, 0x2006 },
	};
	gunichar best = 0;
	double best_d = 1e9;

	if (em <= 0)
		return 0;
	for (size_t i = 0; i < G_N_ELEMENTS(spaces); i++) {
		double d = fabs(spaces[i].em - em);

		if (d < best_d) {
			best_d = d;
			best = spaces[i].u;
		}
	}
	return best;
}

static bool typed_space(gunichar u)
{
	return u == ' ' || u == '\t';
}

void textnorm_cjk_spacing(GString *out, const char *text, gssize len, gunichar before, gunichar after,
			  bool own_start, double em)
{
	gunichar space = textnorm_cjk_space_char(em), prev = before;
	const char *end, *run = NULL;	/* run: start of the typed spaces not yet written */
	const char *copy = text;	/* start of the text not yet written, up to a change */

	if (len < 0)
		len = (gssize)strlen(text);
	if (len == 0)
		return;
	end = text + len;
	for (const char *t = text; t < end; t = g_utf8_next_char(t)) {
		gunichar u = g_utf8_get_char(t);

		if (typed_space(u)) {
			if (!run)
				run = t;
			continue;
		}
		if (run && prev && clreq_space_dropped(prev, u)) {
			/* a stray space beside full-width punctuation */
			g_string_append_len(out, copy, run - copy);
			copy = t;
		} else if (space && prev && clreq_autospace(prev, u) && (run || t > text || own_start)) {
			/* the theme's space instead of the typed run, or added */
			g_string_append_len(out, copy, (run ? run : t) - copy);
			g_string_append_unichar(out, space);
			copy = t;
		}
		run = NULL;
		prev = u;
	}
	if (run && after && prev && clreq_space_dropped(prev, after)) {
		g_string_append_len(out, copy, run - copy);
		return;
	}
	if (space && after && prev && clreq_autospace(prev, after)) {
		/* the end is always this text's to space */
		g_string_append_len(out, copy, (run ? run : end) - copy);
		g_string_append_unichar(out, space);
		return;
	}
	g_string_append_len(out, copy, end - copy);
}

static bool inline_node(cmark_node *n)
{
	return (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
}

/* Emphasis, a link or a strike: inline nodes that hold others (an empty one shows nothing). */
static bool is_span(cmark_node *n)
{
	const char *type = cmark_node_get_type_string(n);

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_EMPH: case CMARK_NODE_STRONG: case CMARK_NODE_LINK:
		return true;
	default:
		return type && !strcmp(type, "strikethrough");
	}
}

/*
 * The leaf next to n (forward or back) in its paragraph: text, code, a break, raw HTML or an
 * image, reached through emphasis and links; empty text and empty emphasis or links are passed
 * over. NULL at the block's edge.
 */
static cmark_node *adjacent_leaf(cmark_node *n, bool forward)
{
	for (;;) {
		cmark_node *s = forward ? cmark_node_next(n) : cmark_node_previous(n);

		while (!s) {
			n = cmark_node_parent(n);
			if (!n || !inline_node(n))
				return NULL;
			s = forward ? cmark_node_next(n) : cmark_node_previous(n);
		}
		while (cmark_node_get_type(s) != CMARK_NODE_IMAGE && inline_node(s)
		       && (forward ? cmark_node_first_child(s) : cmark_node_last_child(s)))
			s = forward ? cmark_node_first_child(s) : cmark_node_last_child(s);
		if ((cmark_node_get_type(s) == CMARK_NODE_TEXT || cmark_node_get_type(s) == CMARK_NODE_CODE)
		    && cmark_node_get_literal(s) && *cmark_node_get_literal(s))
			return s;
		/* s holds nothing more to go into: an image, or a node with no children */
		if (cmark_node_get_type(s) != CMARK_NODE_TEXT && cmark_node_get_type(s) != CMARK_NODE_CODE && !is_span(s))
			return s;	/* a break, raw HTML, an image: not text */
		n = s;
	}
}

static gunichar leaf_char(cmark_node *leaf, bool last)
{
	const char *lit;

	if (!leaf || (cmark_node_get_type(leaf) != CMARK_NODE_TEXT && cmark_node_get_type(leaf) != CMARK_NODE_CODE))
		return 0;
	lit = cmark_node_get_literal(leaf);
	return last ? g_utf8_get_char(g_utf8_prev_char(lit + strlen(lit))) : g_utf8_get_char(lit);
}

void textnorm_text(GString *out, cmark_node *n, double em)
{
	const char *lit = cmark_node_get_literal(n);
	cmark_node *prev = adjacent_leaf(n, false), *next = adjacent_leaf(n, true);

	if (!lit)
		return;
	/* The first text of a paragraph or heading: the author's hand-typed indent goes. */
	if (!prev)
		lit += textnorm_indent_len(lit);
	textnorm_cjk_spacing(out, lit, -1, leaf_char(prev, true), leaf_char(next, false),
			     prev && cmark_node_get_type(prev) == CMARK_NODE_CODE, em);
}

/* UTF-8 of the spaces textnorm_cjk_space_char gives. */
static const char *space_utf8(gunichar u)
{
	switch (u) {
	case 0x2002:
		return "\u2002";
	case 0x2004:
		return "\u2004";
	case 0x2005:
		return "\u2005";
	case 0x2009:
		return "\u2009";
	default:
		return "\u2006";
	}
}

const char *textnorm_softbreak(cmark_node *n, double em)
{
	gunichar before = leaf_char(adjacent_leaf(n, false), true), after = leaf_char(adjacent_leaf(n, true), false);
	gunichar space = textnorm_cjk_space_char(em);

	if (!textnorm_softbreak_is_space(before, after) || clreq_space_dropped(before, after))
		return "";
	return space && clreq_autospace(before, after) ? space_utf8(space) : " ";
}

size_t textnorm_indent_len(const char *text)
{
	const char *t = text;

	while (*t) {
		gunichar u = g_utf8_get_char(t);

		if (u != 0x3000 && u != ' ' && u != '\t' && u != 0xA0)
			break;
		t = g_utf8_next_char(t);
	}
	return (size_t)(t - text);
}

static size_t emphasis_opener(const char *s)
{
	size_t n = 0;

	while (n < 3 && (s[n] == '*' || s[n] == '_') && s[n] == s[0])
		n++;
	return n;
}

char *textnorm_markdown_indents(const char *md, size_t len, size_t *out_len)
{
	GString *out = NULL;
	size_t done = 0;

	for (size_t line = 0; line < len;) {
		const char *s = md + line, *nl = memchr(s, '\n', len - line);
		size_t line_len = nl ? (size_t)(nl - s) : len - line, open = emphasis_opener(s);
		size_t indent = open && open < line_len ? textnorm_indent_len(s + open) : 0;

		/* Only ideographic spaces are an indent here: "** " is a list item or plain text. */
		if (indent && open + indent <= line_len && g_utf8_get_char(s + open) == 0x3000) {
			if (!out)
				out = g_string_sized_new(len + 8);
			g_string_append_len(out, md + done, (gssize)(line - done));
			g_string_append_len(out, s + open, (gssize)indent);
			g_string_append_len(out, s, (gssize)open);
			done = line + open + indent;
		}
		line += line_len + (nl ? 1 : 0);
	}
	if (!out)
		return NULL;
	g_string_append_len(out, md + done, (gssize)(len - done));
	*out_len = out->len;
	return g_string_free(out, FALSE);
}

/*
 * cmark's inline nodes may keep their strings inside their paragraph's buffer: give every node
 * under root copies of its own before root is taken apart (cmark_node_set_* copy).
 */
static void own_strings(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		char *copy;

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT: case CMARK_NODE_CODE: case CMARK_NODE_HTML_INLINE:
			copy = g_strdup(cmark_node_get_literal(n));
			cmark_node_set_literal(n, copy);
			g_free(copy);
			break;
		case CMARK_NODE_LINK: case CMARK_NODE_IMAGE:
			copy = g_strdup(cmark_node_get_url(n));
			cmark_node_set_url(n, copy);
			g_free(copy);
			copy = g_strdup(cmark_node_get_title(n));
			cmark_node_set_title(n, copy);
			g_free(copy);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/*
 * A particle, preposition or conjunction that no Chinese sentence, heading or caption ends on
 * ("…属性逆势走强的" then "苹果，正随…"): pages converted from sites that made company names
 * links leave the sentence split there.
 */
static bool dangling_word(gunichar u)
{
	static const char words[] = "的和与及或并而对把被从向将为以其至于由给让使跟同在是";

	for (const char *w = words; *w; w = g_utf8_next_char(w))
		if (g_utf8_get_char(w) == u)
			return true;
	return false;
}

/* Text that can carry a sentence on: a Chinese character, a letter or a digit. */
static bool continues(gunichar u)
{
	return u && (g_unichar_isalnum(u) || clreq_is_cjk(u)) && !clreq_no_line_start(u) && !g_unichar_ispunct(u);
}

/* The last character of inline n's text, inside links, emphasis and code (not an image's alt); 0 if none. */
static gunichar last_char(cmark_node *n)
{
	const char *lit;

	while (n && cmark_node_get_type(n) != CMARK_NODE_IMAGE && cmark_node_last_child(n))
		n = cmark_node_last_child(n);
	if (!n || (cmark_node_get_type(n) != CMARK_NODE_TEXT && cmark_node_get_type(n) != CMARK_NODE_CODE)
	    || !(lit = cmark_node_get_literal(n)) || !*lit)
		return 0;
	return g_utf8_get_char(g_utf8_prev_char(lit + strlen(lit)));
}

/* Whether the blank line after paragraph p fell inside a sentence, so p and the next paragraph are one. */
static bool splits_sentence(cmark_node *p)
{
	cmark_node *next = cmark_node_next(p), *last = cmark_node_last_child(p);
	cmark_node *first = next ? cmark_node_first_child(next) : NULL;
	const char *lit, *head;
	gunichar end, start;

	if (!next || cmark_node_get_type(next) != CMARK_NODE_PARAGRAPH || !last || !first)
		return false;
	head = cmark_node_get_type(first) == CMARK_NODE_TEXT ? cmark_node_get_literal(first) : NULL;
	start = head ? g_utf8_get_char(head) : 0;
	if (cmark_node_get_type(last) != CMARK_NODE_TEXT || !(lit = cmark_node_get_literal(last)) || !*lit) {
		/*
		 * Ending in a link or emphasis ("[高盛](…)" then "、红杉资本"): only a paragraph that
		 * starts with a mark no line may start with goes on after it ("**为**" then
		 * "中信证券" is a heading-like line and its text).
		 */
		end = last_char(last);
		return end && clreq_is_cjk(start) && clreq_no_line_start(start);
	}
	end = g_utf8_get_char(g_utf8_prev_char(lit + strlen(lit)));
	/*
	 * The blank line fell inside the sentence: after an opening bracket ("类似的「"), after
	 * a comma or enumeration comma (no Chinese paragraph ends with "，" or "、"), after a
	 * word no sentence ends on ("走强的" then "苹果"), or before a full-width stop or closing
	 * mark ("车厢里" then "。🤔", "10%-20%" then "，散装", "【市值风云APP" then "】"), which no
	 * line, so no paragraph, may start with, whatever the paragraph before ends with.
	 */
	return clreq_no_line_end(end) || (clreq_is_cjk(start) && clreq_no_line_start(start))
	       || end == 0xFF0C || end == 0x3001 || (dangling_word(end) && continues(start));
}

int textnorm_join_split_paragraphs(cmark_node *root)
{
	int joined = 0;
	cmark_iter *it = cmark_iter_new(root);
	GPtrArray *paras = g_ptr_array_new();
	cmark_event_type ev;
	guint n;
	bool *joins;

	/* Collect first: the tree must not change under the iterator. */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_PARAGRAPH)
			g_ptr_array_add(paras, cmark_iter_get_node(it));
	cmark_iter_free(it);
	/*
	 * Each pair is judged on the untouched tree (a paragraph's last inline, the next one's
	 * first), then each run of joins is poured into its first paragraph: moving the growing
	 * paragraph's inlines again at every join made 20,000 split lines take 20 s.
	 */
	n = paras->len;
	joins = g_new0(bool, n + 1);
	for (guint i = 0; i < n; i++)
		joins[i] = splits_sentence(g_ptr_array_index(paras, i));
	for (guint i = 0; i < n; i++) {
		cmark_node *into = g_ptr_array_index(paras, i);

		for (; joins[i]; i++) {
			/* The sibling judged: a paragraph holds no paragraph, so it is the next one collected. */
			cmark_node *next = g_ptr_array_index(paras, i + 1);

			own_strings(next);
			for (cmark_node *c = cmark_node_first_child(next), *after; c; c = after) {
				after = cmark_node_next(c);
				cmark_node_append_child(into, c);
			}
			cmark_node_free(next);
			joined++;
		}
	}
	g_free(joins);
	g_ptr_array_free(paras, TRUE);
	return joined;
}

/* Text nodes of a block's inlines, in order; code, raw HTML and images are not text to quote. */
static void quote_text_nodes(cmark_node *n, GPtrArray *out, int depth)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);

		if (t == CMARK_NODE_TEXT)
			g_ptr_array_add(out, c);
		else if (t != CMARK_NODE_IMAGE && t != CMARK_NODE_CODE && t != CMARK_NODE_HTML_INLINE && depth < 64)
			quote_text_nodes(c, out, depth + 1);
	}
}

static bool has_han(const char *s)
{
	for (; *s; s = g_utf8_next_char(s)) {
		gunichar u = g_utf8_get_char(s);

		if (clreq_is_han(u))
			return true;
	}
	return false;
}

/* s with each straight double quote made “ or ” in turn, *open saying which comes next. */
static char *curl_quotes(const char *s, bool *open)
{
	GString *out = g_string_sized_new(strlen(s) + 8);

	for (const char *q = s; *q; q++) {
		if (*q != '"') {
			g_string_append_c(out, *q);
			continue;
		}
		g_string_append(out, *open ? "\u201C" : "\u201D");
		*open = !*open;
	}
	return g_string_free(out, FALSE);
}

static int count_quotes(const char *s)
{
	int n = 0;

	for (const char *q = s; q && (q = strchr(q, '"')); q++)
		n++;
	return n;
}

char *textnorm_cjk_quotes_text(const char *s)
{
	bool open = true;
	int n = count_quotes(s);

	if (!s || n < 2 || n % 2 || !has_han(s))
		return NULL;
	return curl_quotes(s, &open);
}

int textnorm_cjk_quotes(cmark_node *root)
{
	int changed = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	GPtrArray *texts = g_ptr_array_new();

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *b = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(b);
		int quotes = 0;
		bool han = false, open = true;

		if (ev != CMARK_EVENT_ENTER
		    || (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING && deflist_part(b) != DEFLIST_TERM
			&& strcmp(cmark_node_get_type_string(b), "table_cell")))
			continue;
		g_ptr_array_set_size(texts, 0);
		quote_text_nodes(b, texts, 0);
		for (guint i = 0; i < texts->len; i++) {
			const char *lit = cmark_node_get_literal(g_ptr_array_index(texts, i));

			quotes += count_quotes(lit);
			han = han || (lit && has_han(lit));
		}
		/* Pairs only: an odd count leaves the author's marks as they are (which one is alone?). */
		if (!han || quotes < 2 || quotes % 2)
			continue;
		for (guint i = 0; i < texts->len; i++) {
			cmark_node *n = g_ptr_array_index(texts, i);
			const char *lit = cmark_node_get_literal(n);
			char *out;

			if (!lit || !strchr(lit, '"'))
				continue;
			out = curl_quotes(lit, &open);
			cmark_node_set_literal(n, out);
			g_free(out);
			changed++;
		}
	}
	cmark_iter_free(it);
	g_ptr_array_free(texts, TRUE);
	return changed;
}

/* Does s hold no word: only spaces (no-break ones too) and zero-width characters? */
static bool wordless(const char *s)
{
	for (const char *p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (!g_unichar_isspace(c) && !(c >= 0x200B && c <= 0x200D) && c != 0x2060 && c != 0xFEFF)
			return false;
	}
	return true;
}

void textnorm_wordless_headings(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	GPtrArray *found = g_ptr_array_new();
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		char *text;

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		text = node_plain_text(n);
		if (wordless(text))
			g_ptr_array_add(found, n);
		g_free(text);
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
	for (guint i = 0; i < found->len; i++) {
		cmark_node *n = g_ptr_array_index(found, i);

		/* the same node, its lines and children kept: only what it is changes */
		if (!cmark_node_first_child(n))
			cmark_node_free(n);
		else
			cmark_node_set_type(n, CMARK_NODE_PARAGRAPH);
	}
	g_ptr_array_free(found, TRUE);
}

size_t textnorm_newlines(char *text, size_t len)
{
	size_t j = 0;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r') {
			text[j++] = '\n';
			if (i + 1 < len && text[i + 1] == '\n')
				i++;
		} else {
			text[j++] = text[i];
		}
	}
	text[j] = '\0';
	return j;
}
