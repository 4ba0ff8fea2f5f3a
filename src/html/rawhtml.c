/* rawhtml.c - Markdown's HTML blocks and inline tags written through the allow-list: the EPUB's markup, and what the passes say of raw HTML. */
#include "html/rawhtml.h"

#include <string.h>

#include "base/xmlesc.h"
#include "html/allow.h"
#include "text/nodetext.h"

/* An element a lone tag opened around the Markdown that follows, until its end tag. */
struct open_tag {
	cmark_node *owner;	/* the Markdown node the tag was opened in */
	const char *out;	/* element written */
	bool link;
};

/* Containers a lone start tag in its own HTML block may open around the Markdown that follows. */
static const char *const lone_flow[] = {
	"div", "section", "article", "aside", "header", "footer", "blockquote", "center", "main", "details",
	"address",
};

/*
 * If html is exactly one start tag (or one end tag, *end set), return its
 * lower-case name (g_free); else NULL.
 */
struct sanitizer *rawhtml_new(GString *out, const char *file, const char *lang, sanitize_image_fn image,
			      void *image_data)
{
	struct sanitizer *s = sanitizer_new(out, file, lang, image, image_data);

	s->open = g_array_new(FALSE, FALSE, sizeof(struct open_tag));
	return s;
}

static char *lone_tag(const char *html, bool *end)
{
	const char *p = html, *q;
	char *name;

	while (*p == ' ' || *p == '\t' || *p == '\n')
		p++;
	if (*p != '<')
		return NULL;
	p++;
	*end = *p == '/';
	if (*end)
		p++;
	q = p;
	while (g_ascii_isalnum(*q) || *q == '-')
		q++;
	if (q == p || !g_ascii_isalpha(*p))
		return NULL;
	name = g_ascii_strdown(p, q - p);
	/* the rest: attributes up to the one '>' that ends the piece */
	{
		const char *gt = strchr(q, '>');
		const char *r = gt ? gt + 1 : NULL;

		if (!gt || strchr(q, '<') || (gt > q && gt[-1] == '/'))
			goto no;
		while (r && (*r == ' ' || *r == '\t' || *r == '\n'))
			r++;
		if (r && *r)
			goto no;
	}
	return name;
no:
	g_free(name);
	return NULL;
}

static void close_to(struct sanitizer *s, guint keep)
{
	while (s->open->len > keep) {
		struct open_tag *t = &g_array_index(s->open, struct open_tag, s->open->len - 1);

		allow_end_tag(s, t->out);
		if (t->link)
			s->link_depth--;
		g_array_set_size(s->open, s->open->len - 1);
	}
}

void rawhtml_close(struct sanitizer *s, cmark_node *owner)
{
	guint keep = s->open->len;

	while (keep > 0 && g_array_index(s->open, struct open_tag, keep - 1).owner == owner)
		keep--;
	close_to(s, keep);
}

/* An end tag: close the element opened by its start tag in the same Markdown node, if any. */
static bool close_named(struct sanitizer *s, cmark_node *owner, const char *out)
{
	for (guint i = s->open->len; i > 0; i--) {
		struct open_tag *t = &g_array_index(s->open, struct open_tag, i - 1);

		if (t->owner != owner)
			return false;
		if (!strcmp(t->out, out)) {
			close_to(s, i - 1);
			return true;
		}
	}
	return false;
}

static void push(struct sanitizer *s, cmark_node *owner, const char *out, bool link)
{
	struct open_tag t = { owner, out, link };

	g_array_append_val(s->open, t);
	if (link)
		s->link_depth++;
}


void rawhtml_block(struct sanitizer *s, cmark_node *node, int line)
{
	const char *literal = cmark_node_get_literal(node);
	cmark_node *owner = cmark_node_parent(node);
	bool end;
	char *name = lone_tag(literal ? literal : "", &end), *clean;
	htmlDocPtr doc;

	s->node = node;
	if (name) {
		for (size_t i = 0; i < G_N_ELEMENTS(lone_flow); i++) {
			const struct elem *e = allow_elem(name);

			if (strcmp(name, lone_flow[i]))
				continue;
			if (end) {
				close_named(s, owner, e->out);
			} else if (s->open->len < SANITIZE_MAX_OPEN) {
				htmlDocPtr d = sanitize_parse_html(literal);
				const xmlNode *n = d ? allow_first_named(d, name) : NULL;

				allow_start_tag(s, n, e, line, false);
				push(s, owner, e->out, false);
				xmlFreeDoc(d);
			}
			g_free(name);
			return;
		}
		g_free(name);
	}
	clean = allow_prescan(s, literal ? literal : "", line);
	doc = sanitize_parse_html(clean);
	if (doc) {
		xmlNode *root = xmlDocGetRootElement(doc);

		if (root)
			allow_put_node(s, root, C_FLOW, line);
		xmlFreeDoc(doc);
	}
	g_free(clean);
}

/*
 * Inline SVG or MathML comes as many pieces (<math>, <mi>, "x", </mi> ...):
 * put them back together as HTML text, from open to close, and write the
 * whole as one element.
 */
static void put_foreign_inline(struct sanitizer *s, cmark_node *open, cmark_node *close, const char *name, int line)
{
	GString *html = g_string_new(NULL);
	htmlDocPtr doc;
	const xmlNode *n;

	for (cmark_node *c = open;; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_HTML_INLINE:
			g_string_append(html, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			g_string_append_c(html, '\n');
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			xml_escape(html, cmark_node_get_literal(c), -1);
			break;
		default: {
			char *t = node_plain_text(c);

			xml_escape(html, t, -1);
			g_free(t);
			break;
		}
		}
		if (c == close)
			break;
	}
	doc = sanitize_parse_html(html->str);
	n = doc ? allow_first_named(doc, name) : NULL;
	if (n && !strcmp(name, "svg"))
		allow_put_svg(s, n, line);
	else if (n)
		allow_put_math(s, n, false);
	xmlFreeDoc(doc);
	g_string_free(html, TRUE);
}

cmark_node *rawhtml_inline(struct sanitizer *s, cmark_node *node, int line)
{
	const char *lit = cmark_node_get_literal(node);
	cmark_node *owner = cmark_node_parent(node);
	const struct elem *e;
	char *name;
	bool end, self_closing;

	if (!lit || lit[0] != '<')
		return node;
	if ((name = allow_cdata_text(lit))) {
		xml_escape(s->out, name, -1);
		g_free(name);
		return node;
	}
	if (!(name = allow_tag_name(lit, &end)))
		return node;	/* comments, declarations, processing instructions */
	self_closing = g_str_has_suffix(lit, "/>");
	e = allow_elem(name);
	if (!allow_known_name(name)) {
		/* Not HTML at all ("Vector<int>", "<id>"): the author meant the text. */
		xml_escape(s->out, lit, -1);
		g_free(name);
		return node;
	}
	if (end) {
		if (e && e->out && (e->cat == X_PHRASE || e->cat == X_RT))
			close_named(s, owner, e->out);
		g_free(name);
		return node;
	}
	/* Script and style dropped, SVG and MathML written whole, to the end tag the passes skip to. */
	if (e && e->action == A_DROP) {
		bool code = allow_holds_code(name);
		cmark_node *close = sanitize_inline_whole(node);

		if (code)
			allow_warn(s, line, "raw HTML <%s> dropped%s", name,
				  close ? "" : "; it is never closed, so the text after it is kept");
		g_free(name);
		return close ? close : node;
	}
	if (e && (e->action == A_SVG || e->action == A_MATH)) {
		cmark_node *close = sanitize_inline_whole(node);

		if (close) {
			put_foreign_inline(s, node, close, name, line);
			g_free(name);
			return close;
		}
	}
	if (!e || e->action == A_UNWRAP || e->action == A_SVG || e->action == A_MATH || e->cat == X_FLOW
	    || e->cat == X_LI || e->cat == X_TR || e->cat == X_CELL || e->cat == X_FIGCAPTION) {
		g_free(name);
		return node;	/* the tag goes, the text around it stays */
	}
	{
		htmlDocPtr doc = sanitize_parse_html(lit);
		const xmlNode *n = doc ? allow_first_named(doc, name) : NULL;

		if (!n) {
			xmlFreeDoc(doc);
			g_free(name);
			return node;
		}
		switch (e->action) {
		case A_DROP_WARN:
		case A_UNWRAP_WARN:
			allow_warn(s, line, "raw HTML <%s> dropped", name);
			break;
		case A_EMBED:
			allow_put_embed(s, n, false, line);
			break;
		case A_IMG:
			allow_put_img(s, node, n, false, line);
			break;
		case A_A: {
			char *safe = allow_link_address(n);

			allow_warn_attrs(s, n, line);
			/* A refused address: no link, quietly (the passes said so, sanitize_refused_links). */
			if (safe && s->link_depth == 0 && !self_closing) {
				g_string_append(s->out, "<a");
				xml_attr(s->out, "href", safe);
				g_string_append_c(s->out, '>');
				push(s, owner, "a", true);
			}
			g_free(safe);
			break;
		}
		default:
			if (e->cat == X_RT || !strcmp(e->out, "ruby"))
				break;	/* ruby needs its rt: only whole ruby (in an HTML block) is kept */
			if (e->inner == C_VOID) {
				allow_start_tag(s, n, e, line, true);
			} else if (!self_closing && s->open->len < SANITIZE_MAX_OPEN) {
				allow_start_tag(s, n, e, line, false);
				push(s, owner, e->out, false);
			}
			break;
		}
		xmlFreeDoc(doc);
	}
	g_free(name);
	return node;
}
