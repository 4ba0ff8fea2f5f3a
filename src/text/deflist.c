/* deflist.c - definition lists ("Term" then ": definition"), as Hugo's Goldmark reads them, made nodes of their own. */
#include "text/deflist.h"

#include <string.h>
#include <glib.h>
#include <cmark-gfm-extension_api.h>

#include "text/mdsource.h"

/* The node types, made once: cmark-gfm gives extensions their own (as its tables have). */
static cmark_syntax_extension *ext;
static cmark_node_type t_list, t_term, t_description;
/* A description's user data when a blank line stood before its ':' line. */
static const char loose_mark;

static const char *type_string(cmark_syntax_extension *e, cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);

	(void)e;
	return t == t_list ? "definition_list" : t == t_term ? "definition_term" : "definition_description";
}

static int can_contain(cmark_syntax_extension *e, cmark_node *n, cmark_node_type child)
{
	cmark_node_type t = cmark_node_get_type(n);

	(void)e;
	if (t == t_list)
		return child == t_term || child == t_description;
	if (t == t_term)
		return (child & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
	return (child & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && child != CMARK_NODE_DOCUMENT
	       && child != CMARK_NODE_ITEM && child != t_term && child != t_description;
}

static void ensure_types(void)
{
	static gsize made;

	if (g_once_init_enter(&made)) {
		ext = cmark_syntax_extension_new("folio-definition-list");
		t_list = cmark_syntax_extension_add_node(0);
		t_term = cmark_syntax_extension_add_node(0);
		t_description = cmark_syntax_extension_add_node(0);
		cmark_syntax_extension_set_get_type_string_func(ext, type_string);
		cmark_syntax_extension_set_can_contain_func(ext, can_contain);
		g_once_init_leave(&made, 1);
	}
}

enum deflist_part deflist_part(cmark_node *n)
{
	cmark_node_type t = n ? cmark_node_get_type(n) : CMARK_NODE_NONE;

	ensure_types();
	return t == t_list ? DEFLIST_LIST : t == t_term ? DEFLIST_TERM : t == t_description ? DEFLIST_DESCRIPTION
											     : DEFLIST_NONE;
}

bool deflist_tight(cmark_node *description)
{
	return deflist_part(description) == DEFLIST_DESCRIPTION && cmark_node_get_user_data(description) != &loose_mark;
}

static bool is_break(cmark_node *n)
{
	return cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK || cmark_node_get_type(n) == CMARK_NODE_LINEBREAK;
}

/*
 * Is the line that begins with node first a description's "': ' text"? width: the columns from
 * the colon to the text (Goldmark's: at least one space, and 6 for eight or more).
 */
static bool colon_text(cmark_node *first, int *width)
{
	const char *lit = cmark_node_get_type(first) == CMARK_NODE_TEXT ? cmark_node_get_literal(first) : NULL;
	int col = 1;

	if (!lit || lit[0] != ':' || (lit[1] != ' ' && lit[1] != '\t'))
		return false;
	for (const char *p = lit + 1; *p == ' ' || *p == '\t'; p++)
		col = *p == '\t' ? col + 4 - col % 4 : col + 1;
	*width = col - 1 >= 8 ? 6 : col;
	return true;
}

/*
 * Is text node c a ':' line's colon with nothing after it but blanks (": ", as a shortcode that
 * shows nothing leaves ": {{< new-in 1.2 />}}")? cmark drops the blanks at a line's end; the source
 * keeps them. Goldmark reads ": " as an empty description, ":" alone as text.
 */
static bool colon_alone(struct md_source *src, cmark_node *c)
{
	const char *lit = cmark_node_get_type(c) == CMARK_NODE_TEXT ? cmark_node_get_literal(c) : NULL;
	cmark_node *next = cmark_node_next(c);
	int line = cmark_node_get_start_line(c), col = cmark_node_get_start_column(c);
	size_t len;
	const char *text, *p, *end;

	if (!lit || strcmp(lit, ":") || (next && !is_break(next)) || line <= 0 || col <= 0
	    || !(text = md_source_line(src, line, &len)) || (size_t)col > len)
		return false;
	end = text + len;
	/* A continuation line's lost indent is counted in cmark's column (mdsource.c). */
	for (p = text + col - 1; p < end && (*p == ' ' || *p == '\t'); p++)
		;
	return p + 1 < end && p[0] == ':' && (p[1] == ' ' || p[1] == '\t');
}

/* Is the colon that begins text node c written escaped ("\\:", which cmark reads as ":")? */
static bool escaped_colon(struct md_source *src, cmark_node *c)
{
	unsigned char *escaped = md_source_escapes(src, c);
	bool first = escaped && escaped[0];

	g_free(escaped);
	return first;
}

/* The nodes of para that begin its ':' lines, as written (not "\\: "). */
static GPtrArray *colon_lines(cmark_node *para, struct md_source *src)
{
	GPtrArray *found = g_ptr_array_new();
	bool at_start = true;
	int width;

	for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
		if (at_start && (colon_text(c, &width) || colon_alone(src, c)) && !escaped_colon(src, c))
			g_ptr_array_add(found, c);
		at_start = is_break(c);
	}
	return found;
}

/* The ':' and the blanks after it taken from the head of a description's line. */
static void strip_colon(cmark_node *first)
{
	const char *lit = cmark_node_get_literal(first);
	size_t skip = 1 + strspn(lit + 1, " \t");

	if (!lit[skip]) {
		cmark_node_free(first);
	} else {
		char *rest = g_strdup(lit + skip);

		cmark_node_set_literal(first, rest);
		g_free(rest);
	}
}

static cmark_node *new_node(cmark_node_type t)
{
	return cmark_node_new_with_ext(t, ext);
}

/* Each line of para, from its first node up to the line that begins with stop (NULL: all), a term of list. */
static void add_terms(cmark_node *list, cmark_node *para, cmark_node *stop)
{
	cmark_node *term = NULL;

	for (cmark_node *c = cmark_node_first_child(para), *next; c && c != stop; c = next) {
		next = cmark_node_next(c);
		if (is_break(c)) {
			cmark_node_free(c);
			term = NULL;
			continue;
		}
		if (!term) {
			term = new_node(t_term);
			cmark_node_append_child(list, term);
		}
		cmark_node_append_child(term, c);
	}
}

/*
 * Paragraph para's descriptions, from its line that begins with first: each ':' line begins one
 * (the break before it dropped), the lines after it go on in it. The first keeps para itself (and
 * so its place in the file for messages). Returns the last; *column is where its text begins.
 */
static cmark_node *add_descriptions(cmark_node *list, cmark_node *para, GPtrArray *colons, bool loose, int *column)
{
	cmark_node *first = g_ptr_array_index(colons, 0);
	GPtrArray *nodes = g_ptr_array_new();
	cmark_node *desc = NULL, *into = NULL;
	bool opens = true;	/* node i begins a ':' line */
	guint k = 1;		/* colons[k]: the next ':' line */
	int width = 1;

	for (cmark_node *c = first; c; c = cmark_node_next(c))
		g_ptr_array_add(nodes, c);
	for (guint i = 0; i < nodes->len; i++) {
		cmark_node *c = g_ptr_array_index(nodes, i);
		cmark_node *next = i + 1 < nodes->len ? g_ptr_array_index(nodes, i + 1) : NULL;

		if (opens) {
			if (!colon_text(c, &width))
				width = 2;	/* an empty description's ": " (colon_alone) */
			into = desc ? cmark_node_new(CMARK_NODE_PARAGRAPH) : para;
			desc = new_node(t_description);
			if (loose)
				cmark_node_set_user_data(desc, (void *)&loose_mark);
			loose = false;
			cmark_node_append_child(list, desc);
			cmark_node_append_child(desc, into);
		}
		if (is_break(c) && next && k < colons->len && next == g_ptr_array_index(colons, k)) {
			k++;
			cmark_node_free(c);
			opens = true;
			continue;
		}
		if (into != para)
			cmark_node_append_child(into, c);
		if (opens)
			strip_colon(c);
		opens = false;
	}
	g_ptr_array_free(nodes, TRUE);
	*column = cmark_node_get_start_column(para) + width;
	return desc;
}

/*
 * Make root's inlines hold their own text: cmark leaves a literal (raw HTML's, an address) in its
 * paragraph's buffer until it is first asked for, and a paragraph whose inlines move elsewhere
 * is freed with that buffer ("Press <kbd>Ctrl</kbd>", a blank line, ": copies" read freed memory).
 */
static void own_text(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_get_literal(n);
		if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			cmark_node_get_url(n);
			cmark_node_get_title(n);
		}
	}
	cmark_iter_free(it);
}

/* The list terms before para would join: the block before, when it is one. */
static cmark_node *list_before(cmark_node *n)
{
	cmark_node *prev = n ? cmark_node_previous(n) : NULL;

	return prev && cmark_node_get_type(prev) == t_list ? prev : NULL;
}

/* Paragraph para as part of a definition list, when it is one: its last description, or NULL. */
static cmark_node *paragraph(cmark_node *para, struct md_source *src, int *column)
{
	GPtrArray *colons = colon_lines(para, src);
	cmark_node *terms = NULL, *list, *first, *prev = cmark_node_previous(para), *desc = NULL;

	if (!colons->len)
		goto out;
	first = g_ptr_array_index(colons, 0);
	if (first != cmark_node_first_child(para))
		terms = para;				/* "Term\n: text" */
	else if (prev && cmark_node_get_type(prev) == CMARK_NODE_PARAGRAPH)
		terms = prev;				/* "Term\n\n: text": loose */
	else if (!list_before(para))
		goto out;				/* a ':' line after no term */
	list = list_before(terms ? terms : para);
	if (!list) {
		list = new_node(t_list);
		cmark_node_insert_before(terms, list);
	}
	if (terms == prev) {
		own_text(prev);
		add_terms(list, prev, NULL);
		cmark_node_free(prev);
	} else if (terms) {
		add_terms(list, para, first);
	}
	desc = add_descriptions(list, para, colons, terms != para, column);
out:
	g_ptr_array_free(colons, TRUE);
	return desc;
}

/* The blocks under root (root too) that hold blocks where a list can be, added to queue. */
static void queue_containers(cmark_node *root, GPtrArray *queue)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_DOCUMENT || t == CMARK_NODE_BLOCK_QUOTE
						|| t == CMARK_NODE_ITEM || t == CMARK_NODE_FOOTNOTE_DEFINITION))
			g_ptr_array_add(queue, n);
	}
	cmark_iter_free(it);
}

/*
 * The bytes deflist_tree may parse again for a text of len bytes: room for every description of
 * a long page to have its indented paragraphs, not for quadratic work on descriptions nested in
 * descriptions (each read again holds those below it).
 */
#define REREAD_BUDGET(len) ((gssize)(4u << 20) + 4 * (gssize)(len))

/* One deflist_tree: what reading indented blocks again needs. */
struct walk {
	struct md_source *src;
	deflist_parse parse;
	GPtrArray *queue;	/* the blocks whose children are yet to be read */
	GString *refs;		/* the document's "[label]: address" lines, found when first needed */
	gssize budget;		/* bytes left to parse again: REREAD_BUDGET */
};

/*
 * The lines of the document that may define a link reference ("[label]: address"), each with a
 * blank line after it, so that one that is no definition is a paragraph of its own (left out).
 */
static GString *reference_lines(struct md_source *src)
{
	GString *refs = g_string_new(NULL);
	const char *line;
	size_t len;

	for (int n = 1; (line = md_source_line(src, n, &len)); n++) {
		size_t i = 0;

		while (i < len && i < 3 && line[i] == ' ')
			i++;
		if (i + 1 < len && line[i] == '[' && line[i + 1] != '^' && g_strstr_len(line + i, (gssize)(len - i), "]:")) {
			g_string_append_len(refs, line, (gssize)len);
			g_string_append(refs, "\n\n");
		}
	}
	return refs;
}

/*
 * Code block code, indented under a description whose text begins at column, is read again from
 * that column (Goldmark: four spaces under ":   text" are a paragraph of it). Its lines keep
 * their numbers (blank lines before them, for messages) and the document's link reference lines
 * go in that room when they fit, so "[text][ref]" finds its address. Its blocks take its place.
 */
static void read_indented(cmark_node *code, int column, struct walk *w)
{
	int line = cmark_node_get_start_line(code), shift = cmark_node_get_start_column(code) - column;
	const char *lit = cmark_node_get_literal(code), *p, *nl;
	GString *text = g_string_new(NULL);
	cmark_node *doc;
	int lines = 0;

	if (strchr(lit, '[')) {
		if (!w->refs)
			w->refs = reference_lines(w->src);
		for (p = w->refs->str; (p = strchr(p, '\n')); p++)
			lines++;
		/* a blank line after them: a paragraph right after a definition would start on its line */
		if (lines < line - 1)
			g_string_append(text, w->refs->str);
		else
			lines = 0;
	}
	for (; lines < line - 1; lines++)
		g_string_append_c(text, '\n');
	for (p = lit; *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		if (*p != '\n')
			for (int i = 0; i < shift; i++)
				g_string_append_c(text, ' ');
		g_string_append_len(text, p, nl ? nl + 1 - p : (gssize)strlen(p));
	}
	w->budget -= (gssize)text->len;
	doc = w->parse(text->str, text->len);
	g_string_free(text, TRUE);
	for (cmark_node *c = cmark_node_first_child(doc), *next; c; c = next) {
		next = cmark_node_next(c);
		if (cmark_node_get_start_line(c) < line)
			continue;	/* a reference line that defined nothing */
		cmark_node_insert_before(code, c);
		queue_containers(c, w->queue);
	}
	cmark_node_free(code);
	cmark_node_free(doc);
}

/* Is block c an indented code block (cmark's reading of a block four spaces in)? */
static bool indented_code(cmark_node *c)
{
	int length, offset;
	char fence;

	return cmark_node_get_type(c) == CMARK_NODE_CODE_BLOCK && !cmark_node_get_fenced(c, &length, &offset, &fence);
}

/* The definition lists among box's blocks; the descriptions made go to the walk's queue (their blocks read in turn). */
static void in_container(cmark_node *box, struct walk *w)
{
	GPtrArray *kids = g_ptr_array_new();
	cmark_node *desc = NULL;
	int column = 0;

	/* A description's first paragraph is its ':' lines, read already (their lines moved: not again). */
	for (cmark_node *c = cmark_node_first_child(box); c; c = cmark_node_next(c))
		if (!(c == cmark_node_first_child(box) && cmark_node_get_type(box) == t_description))
			g_ptr_array_add(kids, c);
	for (guint i = 0; i < kids->len; i++) {
		cmark_node *c = g_ptr_array_index(kids, i);

		/*
		 * A block indented to the description's text is its own (a second paragraph, code). Not
		 * a footnote's text: cmark puts them all at the end, where they were not written.
		 */
		if (desc && cmark_node_get_start_column(c) >= column && cmark_node_get_type(c) != CMARK_NODE_FOOTNOTE_DEFINITION) {
			cmark_node_append_child(desc, c);
			if (indented_code(c) && w->parse && w->budget > 0)
				read_indented(c, column, w);
			continue;
		}
		desc = cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH ? paragraph(c, w->src, &column) : NULL;
		if (desc)
			g_ptr_array_add(w->queue, desc);
	}
	g_ptr_array_free(kids, TRUE);
}

void deflist_tree(cmark_node *doc, struct md_source *src, deflist_parse parse)
{
	/* Blocks read again (and the blank lines that keep their lines) cost a bounded amount. */
	struct walk w = { src, parse, g_ptr_array_new(), NULL, REREAD_BUDGET(md_source_length(src)) };

	ensure_types();
	/* The blocks that hold blocks, found first: the tree changes as lists are made. */
	queue_containers(doc, w.queue);
	for (guint i = 0; i < w.queue->len; i++)
		in_container(g_ptr_array_index(w.queue, i), &w);
	g_ptr_array_free(w.queue, TRUE);
	if (w.refs)
		g_string_free(w.refs, TRUE);
}
