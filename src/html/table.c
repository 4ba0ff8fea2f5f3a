/* table.c - a raw HTML <table> read into a GFM table (cmark nodes), for a back end that sets tables from those. */
#include "html/table.h"

#include <stdlib.h>
#include <string.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "base/gstr.h"
#include "html/allow.h"
#include "html/sanitize.h"
#include "text/gfmparse.h"

/*
 * Past these a table is no table a page can hold (or it is hostile): its text is set as
 * paragraphs instead. HTML itself clamps colspan at 1000 and rowspan at 65534.
 */
enum { MAX_COLUMNS = 40, MAX_SPAN = 40 };

static bool named(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !g_ascii_strcasecmp((const char *)n->name, name);
}

/* An attribute as a span: 1 when missing or unreadable, else clamped to 1..MAX_SPAN + 1 (too wide). */
static int span_of(const xmlNode *cell, const char *attr)
{
	xmlChar *v = xmlGetProp(cell, (const xmlChar *)attr);
	long n = v ? strtol((const char *)v, NULL, 10) : 1;

	xmlFree(v);
	return n < 1 ? 1 : n > MAX_SPAN ? MAX_SPAN + 1 : (int)n;
}

/* Text as Markdown shows it: every ASCII punctuation mark escaped, white space folded to one space. */
static void append_escaped(GString *md, const char *text)
{
	for (const char *p = text; *p; p++) {
		if (g_ascii_isspace(*p)) {
			if (md->len && md->str[md->len - 1] != ' ')
				g_string_append_c(md, ' ');
		} else {
			if (g_ascii_ispunct(*p))
				g_string_append_c(md, '\\');
			g_string_append_c(md, *p);
		}
	}
}

/* Code as a code span, one per line (a cell holds no line break but <br>); pipes escaped for the table. */
static void append_code(GString *md, const char *code)
{
	gchar **lines = g_strsplit(code, "\n", -1);
	bool first = true;

	for (int i = 0; lines[i]; i++) {
		const char *l = lines[i];
		int run = 0, longest = 0;

		if (!*g_strstrip(lines[i]))
			continue;
		for (const char *p = l; *p; p++) {
			run = *p == '`' ? run + 1 : 0;
			longest = MAX(longest, run);
		}
		if (!first)
			g_string_append(md, "<br>");
		first = false;
		for (int k = 0; k <= longest; k++)
			g_string_append_c(md, '`');
		g_string_append_c(md, ' ');
		for (const char *p = l; *p; p++) {
			if (*p == '|')
				g_string_append_c(md, '\\');
			g_string_append_c(md, *p);
		}
		g_string_append_c(md, ' ');
		for (int k = 0; k <= longest; k++)
			g_string_append_c(md, '`');
	}
	g_strfreev(lines);
}

/*
 * A picture of a cell as a Markdown image whose address is the one sanitize_img_src gives (the
 * address its record is found by): its alt text escaped as text, the address between < and >
 * with what could end it or split the table's cell escaped.
 */
static void append_image(GString *md, const xmlNode *img, GArray *nths)
{
	char *src = sanitize_img_src(img), *alt = allow_attr(img, "alt");

	if (!src || !*src || strpbrk(src, "\n\r")) {
		g_free(src);
		g_free(alt);
		return;
	}
	g_string_append(md, "![");
	append_escaped(md, alt ? alt : "");
	g_string_append(md, "](<");
	for (const char *p = src; *p; p++) {
		if (strchr("<>\\|", *p))
			g_string_append_c(md, '\\');
		g_string_append_c(md, *p);
	}
	g_string_append(md, ">)");
	g_array_append_vals(nths, &(int){ sanitize_img_nth(img) }, 1);
	g_free(src);
	g_free(alt);
}

/* A line break in a cell, once: blocks, <br> and rows of a table inside the cell. */
static void cell_break(GString *md, gsize start)
{
	while (md->len > start && md->str[md->len - 1] == ' ')
		g_string_truncate(md, md->len - 1);
	if (md->len > start && !gstr_ends_with(md, start, "<br>"))
		g_string_append(md, "<br>");
}

/* An element that starts a line of its own in a cell, as the allow-list sorts them: <br> and every block. */
static bool breaks_line(const xmlNode *n)
{
	const struct elem *e = n->type == XML_ELEMENT_NODE ? allow_elem((const char *)n->name) : NULL;

	return named(n, "br") || (e && e->cat && e->cat != X_PHRASE && e->cat != X_RT);
}

/* An element whose content is never text of the book (script, style ...), as the allow-list says. */
static bool never_text(const xmlNode *n)
{
	const struct elem *e = allow_elem((const char *)n->name);

	return e && (e->action == A_DROP || e->action == A_DROP_WARN);
}

/* A cell's content as one line of Markdown: its text, code as code, its pictures as images, what plays as its note. */
static void cell_markdown(GString *md, const xmlNode *cell, const char *lang, GArray *nths)
{
	gsize start = md->len;

	for (xmlNode *n = cell->children; n;) {
		bool skip = false;

		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			append_escaped(md, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE) {
			const char *name = (const char *)n->name;

			skip = true;
			if (never_text(n)) {
				/* skipped */
			} else if (sanitize_is_embed(name)) {
				char *note = sanitize_embed_note(n, lang);

				cell_break(md, start);
				append_escaped(md, note);
				cell_break(md, start);
				g_free(note);
			} else if (named(n, "img")) {
				if (md->len > start && md->str[md->len - 1] != ' ')
					g_string_append_c(md, ' ');
				append_image(md, n, nths);
			} else if (named(n, "pre") || named(n, "code")) {
				xmlChar *code = xmlNodeGetContent(n);

				if (named(n, "pre"))
					cell_break(md, start);
				else if (md->len > start && md->str[md->len - 1] == '`')
					g_string_append(md, "<span></span>");	/* two code spans in a row stay two */
				append_code(md, code ? (const char *)code : "");
				if (named(n, "pre"))
					cell_break(md, start);
				xmlFree(code);
			} else {
				if (breaks_line(n))
					cell_break(md, start);
				skip = false;
			}
		}
		/* Leaving a block element breaks the line after it too. */
		if (!skip && n->children) {
			n = n->children;
			continue;
		}
		while (n != cell && !n->next) {
			n = n->parent;
			if (n != cell && breaks_line(n))
				cell_break(md, start);
		}
		n = n == cell ? NULL : n->next;
	}
	/* No <br> at either end, no blank around the text. */
	while (md->len > start && (md->str[md->len - 1] == ' ' || gstr_ends_with(md, start, "<br>")))
		g_string_truncate(md, md->str[md->len - 1] == ' ' ? md->len - 1 : md->len - 4);
	while (g_str_has_prefix(md->str + start, "<br>") || md->str[start] == ' ')
		g_string_erase(md, (gssize)start, md->str[start] == ' ' ? 1 : 4);
}

/* The rows of table (not of a table inside it), in order. */
static GPtrArray *table_rows(const xmlNode *table)
{
	GPtrArray *rows = g_ptr_array_new();

	for (const xmlNode *n = table->children; n;) {
		bool skip = named(n, "table");	/* a table inside a cell is that cell's text */

		if (named(n, "tr")) {
			g_ptr_array_add(rows, (gpointer)n);
			skip = true;
		}
		n = sanitize_next_node(n, table, !skip);
	}
	return rows;
}

/*
 * Where each cell of rows goes: per row, the cell starting in each column (NULL: empty or taken
 * by a cell spanning it). First, before any text is read: a table too wide is known at once.
 * NULL when it is too wide (or has no cell); *ncols its columns.
 */
static GPtrArray *place_cells(GPtrArray *rows, int *ncols)
{
	GPtrArray *grid = g_ptr_array_new_with_free_func(g_free);
	GArray *busy = g_array_new(FALSE, TRUE, sizeof(int));	/* per column: rows it is still taken for */
	bool ok = true;

	for (guint r = 0; ok && r < rows->len; r++) {
		xmlNode **cells = g_new0(xmlNode *, MAX_COLUMNS);
		int col = 0;

		g_ptr_array_add(grid, cells);
		for (xmlNode *c = ((xmlNode *)g_ptr_array_index(rows, r))->children; c; c = c->next) {
			int cs, rs;

			if (!named(c, "td") && !named(c, "th"))
				continue;
			while (col < (int)busy->len && g_array_index(busy, int, col) > 0)
				col++;
			cs = span_of(c, "colspan");
			rs = span_of(c, "rowspan");
			if (col + cs > MAX_COLUMNS) {
				ok = false;
				break;
			}
			cells[col] = c;
			if ((int)busy->len < col + cs)
				g_array_set_size(busy, (guint)(col + cs));
			for (int k = col; k < col + cs; k++)
				g_array_index(busy, int, k) = MIN(rs, MAX_SPAN);
			col += cs;
		}
		/* This row is done with: what spans rows is taken for one row fewer. */
		for (guint k = 0; k < busy->len; k++)
			if (g_array_index(busy, int, k) > 0)
				g_array_index(busy, int, k)--;
	}
	*ncols = (int)busy->len;
	g_array_free(busy, TRUE);
	if (!ok || *ncols == 0) {
		g_ptr_array_free(grid, TRUE);
		return NULL;
	}
	return grid;
}

/*
 * The table as a GFM table in Markdown, each cell in its place (a cell spanning columns or rows
 * holds the first; the others are empty): blank lines first, so its nodes are numbered from the
 * raw HTML's line. NULL when it is too wide to be a table.
 */
static GString *table_markdown(const xmlNode *table, int line, const char *lang, GArray *nths)
{
	GPtrArray *rows = table_rows(table);
	int ncols = 0;
	GPtrArray *grid = place_cells(rows, &ncols);
	GString *md = NULL;

	if (grid) {
		md = g_string_new(NULL);
		for (int i = 1; i < line; i++)
			g_string_append_c(md, '\n');
		for (guint r = 0; r < grid->len; r++) {
			xmlNode **cells = g_ptr_array_index(grid, r);

			for (int c = 0; c < ncols; c++) {
				g_string_append(md, "| ");
				if (cells[c])
					cell_markdown(md, cells[c], lang, nths);
				g_string_append_c(md, ' ');
			}
			g_string_append(md, "|\n");
			if (r == 0) {
				for (int c = 0; c < ncols; c++)
					g_string_append(md, "| --- ");
				g_string_append(md, "|\n");
			}
		}
		g_ptr_array_free(grid, TRUE);
	}
	g_ptr_array_free(rows, TRUE);
	return md;
}

/*
 * Each image node of doc (in document order, as table_markdown wrote them) given its <img>'s nth
 * (plus one) as its user data, when they are as many as nths says.
 */
static void number_image_nodes(cmark_node *doc, const GArray *nths)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	GPtrArray *images = g_ptr_array_new();

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_IMAGE)
			g_ptr_array_add(images, cmark_iter_get_node(it));
	cmark_iter_free(it);
	for (guint i = 0; images->len == nths->len && i < images->len; i++)
		cmark_node_set_user_data(g_ptr_array_index(images, i),
					 GINT_TO_POINTER(g_array_index(nths, int, i) + 1));
	g_ptr_array_free(images, TRUE);
}

int html_table_image_nth(cmark_node *image)
{
	return cmark_node_get_user_data(image) ? GPOINTER_TO_INT(cmark_node_get_user_data(image)) - 1 : 0;
}

cmark_node *html_table_gfm(const xmlNode *table, int line, const char *lang)
{
	GArray *nths = g_array_new(FALSE, FALSE, sizeof(int));
	GString *md = table_markdown(table, line, lang, nths);
	cmark_parser *parser;
	cmark_node *doc, *t;

	if (!md) {
		g_array_free(nths, TRUE);
		return NULL;
	}
	parser = gfm_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_feed(parser, md->str, md->len);
	doc = gfm_parser_finish(parser);
	cmark_parser_free(parser);
	g_string_free(md, TRUE);
	t = cmark_node_first_child(doc);
	if (!t || strcmp(cmark_node_get_type_string(t), "table")) {
		cmark_node_free(doc);
		g_array_free(nths, TRUE);
		return NULL;
	}
	number_image_nodes(doc, nths);
	g_array_free(nths, TRUE);
	return doc;
}
