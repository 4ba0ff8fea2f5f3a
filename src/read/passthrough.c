/* passthrough.c - Hugo's passthrough setting: text between its delimiters (math) kept as written, not as Markdown. */
#include "read/passthrough.h"

#include <string.h>

/* Marks for a snippet (U+FDD0, its number, U+FDD1) and for a line it went on to (U+FDD2): noncharacters, never text. */
#define MARK_OPEN "\xEF\xB7\x90"
#define MARK_CLOSE "\xEF\xB7\x91"
#define MARK_LINE "\xEF\xB7\x92"
#define MARK_LEN 3

static void add_pairs(GPtrArray *to, const struct fm_node *list)
{
	for (guint i = 0; list && list->kind == FM_LIST && i < list->items->len; i++) {
		const struct fm_node *pair = g_ptr_array_index(list->items, i);
		const struct fm_node *open, *close;

		if (pair->kind != FM_LIST || pair->items->len != 2)
			continue;
		open = g_ptr_array_index(pair->items, 0);
		close = g_ptr_array_index(pair->items, 1);
		if (open->text && *open->text && close->text && *close->text) {
			g_ptr_array_add(to, g_strdup(open->text));
			g_ptr_array_add(to, g_strdup(close->text));
		}
	}
}

struct passthrough *passthrough_from_config(const struct fm_node *config)
{
	const struct fm_node *pt = fm_lookup(config, "markup.goldmark.extensions.passthrough");
	struct passthrough *p;

	if (!pt || pt->kind != FM_MAP || !fm_is_true(fm_map_get(pt, "enable")))
		return NULL;
	p = g_new0(struct passthrough, 1);
	p->block = g_ptr_array_new_with_free_func(g_free);
	p->inline_ = g_ptr_array_new_with_free_func(g_free);
	add_pairs(p->block, fm_lookup(pt, "delimiters.block"));
	add_pairs(p->inline_, fm_lookup(pt, "delimiters.inline"));
	if (!p->block->len && !p->inline_->len) {
		passthrough_free(p);
		return NULL;
	}
	return p;
}

void passthrough_free(struct passthrough *pt)
{
	if (!pt)
		return;
	g_ptr_array_free(pt->block, TRUE);
	g_ptr_array_free(pt->inline_, TRUE);
	g_free(pt);
}

static void span_free(gpointer p)
{
	struct passthrough_span *s = p;

	g_free(s->text);
	g_free(s);
}

/* The text by lines, each with the inline block (paragraph, heading, table row) it is part of. */
struct lines {
	const char *text;
	size_t len;
	GArray *start;		/* size_t: where line i (from 0) begins; one past the last: len + 1 */
	GArray *region;		/* guint: its block's number, 0 for none (code, HTML, blank) */
	GArray *column;		/* int: where its block's text begins (its first line's column) */
	GArray *stop;		/* size_t: where its block ends (its last line's end) */
	GArray *row;		/* guint8: it is a table's row, whose cells end at each '|' */
};

static void lines_clear(struct lines *L)
{
	g_array_free(L->start, TRUE);
	g_array_free(L->region, TRUE);
	g_array_free(L->column, TRUE);
	g_array_free(L->stop, TRUE);
	g_array_free(L->row, TRUE);
}

static guint line_of(const struct lines *L, size_t off)
{
	guint lo = 0, hi = L->start->len - 2;

	while (lo < hi) {
		guint mid = (lo + hi + 1) / 2;

		if (g_array_index(L->start, size_t, mid) <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static size_t line_end(const struct lines *L, guint l)
{
	return g_array_index(L->start, size_t, l + 1) - 1;
}

static void mark_region(struct lines *L, guint first, guint last, guint id, int column)
{
	for (guint l = first; l <= last && l < L->region->len; l++) {
		g_array_index(L->region, guint, l) = id;
		g_array_index(L->column, int, l) = column;
	}
}

/* Which lines hold inline text, as CommonMark reads the text (passthrough is an inline parser). */
static void find_regions(struct lines *L, cmark_node *(*parse)(const char *text, size_t len))
{
	cmark_node *doc = parse(L->text, L->len);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	guint id = 0, n;

	/* where each line begins (a last one after the text's final newline too) */
	for (const char *p = L->text, *end = L->text + L->len, *q;; p = q + 1) {
		size_t at = (size_t)(p - L->text);

		g_array_append_val(L->start, at);
		if (!(q = memchr(p, '\n', (size_t)(end - p))))
			break;
	}
	n = L->start->len;
	g_array_append_val(L->start, (size_t){ L->len + 1 });
	g_array_set_size(L->region, n);
	g_array_set_size(L->column, n);
	g_array_set_size(L->row, n);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(node);
		int a = cmark_node_get_start_line(node) - 1, b = cmark_node_get_end_line(node) - 1;

		if (ev != CMARK_EVENT_ENTER || a < 0 || b < a)
			continue;
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) {
			mark_region(L, (guint)a, (guint)b, ++id, cmark_node_get_start_column(node));
		} else if (!strcmp(cmark_node_get_type_string(node), "table")) {
			/* a row is a line, and GFM splits it into cells before reading them: a snippet ends in its cell */
			for (int l = a; l <= b; l++) {
				mark_region(L, (guint)l, (guint)l, ++id, cmark_node_get_start_column(node));
				if ((guint)l < L->row->len)
					g_array_index(L->row, guint8, l) = 1;
			}
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	g_array_set_size(L->stop, n);
	for (guint l = n; l-- > 0;) {
		bool same = l + 1 < n && g_array_index(L->region, guint, l) == g_array_index(L->region, guint, l + 1);

		g_array_index(L->stop, size_t, l) = same ? g_array_index(L->stop, size_t, l + 1) : line_end(L, l);
	}
}

static bool at(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) >= n && !memcmp(p, s, n);
}

/* Where the table cell that p is in ends: its next '|' not written escaped, else the row's end. */
static size_t cell_end(const char *text, size_t p, size_t row_end)
{
	for (size_t q = p; q < row_end; q++) {
		if (text[q] == '\\')
			q++;
		else if (text[q] == '|')
			return q;
	}
	return row_end;
}

/* The delimiter pair whose opening is at p (block pairs first, as Goldmark tries them): its opening, or NULL. */
static const char *opening_at(const struct passthrough *pt, const char *p, const char *end, const char **close,
			      bool *block)
{
	for (int k = 0; k < 2; k++) {
		GPtrArray *pairs = k ? pt->inline_ : pt->block;

		for (guint i = 0; i + 1 < pairs->len; i += 2)
			if (at(p, end, g_ptr_array_index(pairs, i))) {
				*close = g_ptr_array_index(pairs, i + 1);
				*block = !k;
				return g_ptr_array_index(pairs, i);
			}
	}
	return NULL;
}

/* Past what Goldmark reads before a snippet could begin at p: a code span, autolink or tag, link address. 0: none. */
static size_t skip_other(const char *p, const char *end)
{
	if (*p == '`') {
		size_t n = strspn(p, "`");

		for (const char *q = p + n; q < end; q++) {
			if (*q != '`')
				continue;
			size_t m = strspn(q, "`");

			if (m == n)
				return (size_t)(q + m - p);
			q += m - 1;
		}
		return n;
	}
	if (*p == '<' && p + 1 < end && (g_ascii_isalpha(p[1]) || p[1] == '/')) {
		for (const char *q = p + 1; q < end && *q != '<' && *q != '\n'; q++)
			if (*q == '>')
				return (size_t)(q + 1 - p);
		return 0;
	}
	if (*p == ']' && p + 1 < end && p[1] == '(') {
		int depth = 0;

		/* An address has no blank and at most 32 parentheses inside (cmark's bound): so a run of
		 * "](" costs each a short look, not one to the block's end. */
		for (const char *q = p + 1; q < end && !g_ascii_isspace(*q); q++) {
			if (*q == '\\' && q + 1 < end)
				q++;
			else if (*q == '(' && ++depth > 32)
				break;
			else if (*q == ')' && --depth == 0)
				return (size_t)(q + 1 - p);
		}
	}
	return 0;
}

/* The container marks ("> ", the list item's indent) that begin line l, up to its block's text column. */
static size_t prefix_len(const struct lines *L, guint l)
{
	size_t a = g_array_index(L->start, size_t, l), e = line_end(L, l), n = 0;
	int column = g_array_index(L->column, int, l);

	while (a + n < e && n + 1 < (size_t)column && strchr(" \t>", L->text[a + n]))
		n++;
	return n;
}

/* Snippet [a, b) out of out: its mark, and for each line it goes on to, that line's container marks and a line mark. */
static void put_span(const struct lines *L, GString *out, GPtrArray *spans, size_t a, size_t b, bool block)
{
	struct passthrough_span *s = g_new0(struct passthrough_span, 1);
	GString *text = g_string_new(NULL);

	g_string_append_printf(out, MARK_OPEN "%u" MARK_CLOSE, spans->len);
	for (size_t p = a; p < b;) {
		const char *nl = memchr(L->text + p, '\n', b - p);
		size_t stop = nl ? (size_t)(nl - L->text) : b;

		g_string_append_len(text, L->text + p, (gssize)(stop - p));
		if (!nl)
			break;
		guint next = line_of(L, stop + 1);
		size_t skip = prefix_len(L, next);

		g_string_append_c(text, '\n');
		g_string_append_c(out, '\n');
		g_string_append_len(out, L->text + stop + 1, (gssize)skip);
		g_string_append(out, MARK_LINE);
		p = stop + 1 + skip;
	}
	s->text = g_string_free(text, FALSE);
	s->block = block;
	g_ptr_array_add(spans, s);
}

/*
 * Closings looked for in vain: no "$$" from a place to its block's end means none from any later
 * place either, so a block of many unclosed openings costs one look each, not one to its end.
 */
struct misses {
	struct {
		const char *close;
		size_t stop, from;
	} at[8];
	guint n;
};

static bool none_after(const struct misses *m, const char *close, size_t stop, size_t from)
{
	for (guint i = 0; i < m->n; i++)
		if (m->at[i].close == close && m->at[i].stop == stop && from >= m->at[i].from)
			return true;
	return false;
}

static void miss(struct misses *m, const char *close, size_t stop, size_t from)
{
	guint i = 0;

	while (i < m->n && m->at[i].close != close)
		i++;
	if (i == G_N_ELEMENTS(m->at))
		return;
	m->at[i].close = close;
	m->at[i].stop = stop;
	m->at[i].from = from;
	m->n = MAX(m->n, i + 1);
}

char *passthrough_protect(const struct passthrough *pt, const char *text, size_t len,
			  cmark_node *(*parse)(const char *text, size_t len), size_t *out_len, GPtrArray **spans)
{
	struct lines L = { text, len, g_array_new(FALSE, FALSE, sizeof(size_t)), g_array_new(FALSE, TRUE, sizeof(guint)),
			   g_array_new(FALSE, TRUE, sizeof(int)), g_array_new(FALSE, TRUE, sizeof(size_t)),
			   g_array_new(FALSE, TRUE, sizeof(guint8)) };
	const char *end = text + len;
	GString *out;
	size_t copied = 0;

	*spans = NULL;
	if (!pt || !len || memmem(text, len, MARK_OPEN, MARK_LEN) || memmem(text, len, MARK_CLOSE, MARK_LEN)
	    || memmem(text, len, MARK_LINE, MARK_LEN)) {
		lines_clear(&L);
		return NULL;
	}
	find_regions(&L, parse);
	out = g_string_sized_new(len + 16);
	*spans = g_ptr_array_new_with_free_func(span_free);
	size_t cell = 0;	/* in a table row: where the cell p is in ends */
	struct misses misses = { 0 };

	for (size_t p = 0, l = 0; p < len;) {
		const char *s = text + p, *close, *open, *from, *found;
		size_t stop, skip;
		bool block;

		while (g_array_index(L.start, size_t, l + 1) <= p)
			l++;
		if (!g_array_index(L.region, guint, l)) {
			p = line_end(&L, (guint)l) + 1;		/* no inline text on this line */
			continue;
		}
		stop = g_array_index(L.stop, size_t, l);
		if (g_array_index(L.row, guint8, l)) {
			if (p > cell || cell > stop)
				cell = cell_end(text, p, stop);	/* found once per cell */
			stop = cell;
		}
		if (*s == '\\') {
			/* a backslash: an opening itself ("\\("); before a backslash and an opening, that opening
			 * is text; before a mark, text */
			if ((open = opening_at(pt, s, end, &close, &block)))
				goto snippet;
			if (p + 1 < len && s[1] == '\\' && (open = opening_at(pt, s + 2, end, &close, &block)))
				p += 2 + strlen(open);
			else
				p += p + 1 < len && g_ascii_ispunct(s[1]) ? 2 : 1;
			continue;
		}
		if ((skip = skip_other(s, text + stop))) {
			p += skip;
			continue;
		}
		if (!(open = opening_at(pt, s, end, &close, &block))) {
			p++;
			continue;
		}
snippet:
		from = s + strlen(open);
		found = NULL;
		if (from < text + stop && !none_after(&misses, close, stop, (size_t)(from - text))) {
			found = memmem(from, (size_t)(text + stop - from), close, strlen(close));
			if (!found)
				miss(&misses, close, stop, (size_t)(from - text));
		}
		if (!found) {
			p += strlen(open);	/* no closing in the block: the opening is text */
		} else if (found == from) {
			p++;			/* nothing between: no snippet */
		} else {
			g_string_append_len(out, text + copied, (gssize)(p - copied));
			copied = (size_t)(found - text) + strlen(close);
			put_span(&L, out, *spans, p, copied, block);
			p = copied;
		}
	}
	lines_clear(&L);
	if (!(*spans)->len) {
		g_ptr_array_unref(*spans);
		*spans = NULL;
		g_string_free(out, TRUE);
		return NULL;
	}
	g_string_append_len(out, text + copied, (gssize)(len - copied));
	*out_len = out->len;
	return g_string_free(out, FALSE);
}

/* The snippet a mark at p stands for ("\uFDD0" number "\uFDD1"), *mark_len its length; NULL: none. */
static const struct passthrough_span *span_at(const GPtrArray *spans, const char *p, size_t *mark_len)
{
	char *end;
	guint64 i;

	if (strncmp(p, MARK_OPEN, MARK_LEN) || !g_ascii_isdigit(p[MARK_LEN]))
		return NULL;
	i = g_ascii_strtoull(p + MARK_LEN, &end, 10);
	if (strncmp(end, MARK_CLOSE, MARK_LEN) || i >= spans->len)
		return NULL;
	*mark_len = (size_t)(end + MARK_LEN - p);
	return g_ptr_array_index(spans, i);
}

/* s with each mark put back as its snippet's text and the line marks gone. g_free. */
static char *put_back(const GPtrArray *spans, const char *s)
{
	GString *out = g_string_new(NULL);

	while (*s) {
		const struct passthrough_span *sp;
		size_t n;

		if ((sp = span_at(spans, s, &n))) {
			g_string_append(out, sp->text);
			s += n;
		} else if (!strncmp(s, MARK_LINE, MARK_LEN)) {
			s += MARK_LEN;
		} else {
			g_string_append_c(out, *s++);
		}
	}
	return g_string_free(out, FALSE);
}

static bool has_mark(const char *s)
{
	return s && (strstr(s, MARK_OPEN) || strstr(s, MARK_LINE));
}

static bool is_break(cmark_node *n)
{
	return n && (cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK || cmark_node_get_type(n) == CMARK_NODE_LINEBREAK);
}

/* Text node t's line marks gone, with the line break before it when it begins with one (the snippet's own). */
static void drop_line_marks(cmark_node *t)
{
	const char *lit = cmark_node_get_literal(t);
	GString *rest = g_string_new(NULL);

	if (!strncmp(lit, MARK_LINE, MARK_LEN) && is_break(cmark_node_previous(t)))
		cmark_node_free(cmark_node_previous(t));
	for (const char *p = lit, *q; *p; p = q + MARK_LEN) {
		if (!(q = strstr(p, MARK_LINE))) {
			g_string_append(rest, p);
			break;
		}
		g_string_append_len(rest, p, q - p);
	}
	cmark_node_set_literal(t, rest->str);
	g_string_free(rest, TRUE);
}

/* Paragraph para without the line breaks and spaces at its head (or tail) that led to a snippet set apart. */
static void trim(cmark_node *para, bool head)
{
	cmark_node *n;

	while ((n = head ? cmark_node_first_child(para) : cmark_node_last_child(para))) {
		const char *lit = cmark_node_get_type(n) == CMARK_NODE_TEXT ? cmark_node_get_literal(n) : NULL;
		char *s;

		if (is_break(n) || (lit && !lit[strspn(lit, " \t")])) {
			cmark_node_free(n);
			continue;
		}
		if (lit) {
			s = head ? g_strdup(lit + strspn(lit, " \t")) : g_strchomp(g_strdup(lit));
			cmark_node_set_literal(n, s);
			g_free(s);
		}
		break;
	}
}

/* A block-delimited snippet (code node c) alone in paragraph para's place: para split around it. */
static void set_apart(cmark_node *c, const struct passthrough_span *sp)
{
	cmark_node *para = cmark_node_parent(c), *block = cmark_node_new(CMARK_NODE_CODE_BLOCK);
	cmark_node *after = cmark_node_new(CMARK_NODE_PARAGRAPH), *n, *next;
	char *lit = g_strconcat(sp->text, "\n", NULL);

	cmark_node_set_literal(block, lit);
	cmark_node_set_fence_info(block, "math");
	cmark_node_set_fenced(block, 1, 3, 0, '`');
	g_free(lit);
	for (n = cmark_node_next(c); n; n = next) {
		next = cmark_node_next(n);
		cmark_node_append_child(after, n);
	}
	cmark_node_free(c);
	cmark_node_insert_after(para, block);
	trim(after, true);
	if (cmark_node_first_child(after))
		cmark_node_insert_after(block, after);
	else
		cmark_node_free(after);
	trim(para, false);
	if (!cmark_node_first_child(para))
		cmark_node_free(para);
}

/* Text node t split at its marks: the text between, each snippet an inline code node of it. */
static void split_text(cmark_node *t, const GPtrArray *spans)
{
	char *lit = g_strdup(cmark_node_get_literal(t));
	const char *p = lit, *q;
	GPtrArray *apart = g_ptr_array_new();

	while ((q = strstr(p, MARK_OPEN))) {
		const struct passthrough_span *sp;
		size_t n;

		if (!(sp = span_at(spans, q, &n))) {
			q += MARK_LEN;
			continue;
		}
		if (q > p) {
			cmark_node *before = cmark_node_new(CMARK_NODE_TEXT);
			char *s = g_strndup(p, (gsize)(q - p));

			cmark_node_set_literal(before, s);
			cmark_node_insert_before(t, before);
			g_free(s);
		}
		cmark_node *code = cmark_node_new(CMARK_NODE_CODE);

		cmark_node_set_literal(code, sp->text);
		cmark_node_insert_before(t, code);
		if (sp->block && cmark_node_get_type(cmark_node_parent(t)) == CMARK_NODE_PARAGRAPH) {
			g_ptr_array_add(apart, code);
			g_ptr_array_add(apart, (gpointer)sp);
		}
		p = q + n;
	}
	if (*p) {
		cmark_node_set_literal(t, p);
	} else {
		cmark_node_free(t);
	}
	g_free(lit);
	/* set apart last: splitting moves the nodes after each */
	for (guint i = apart->len; i >= 2; i -= 2)
		set_apart(g_ptr_array_index(apart, i - 2), g_ptr_array_index(apart, i - 1));
	g_ptr_array_free(apart, TRUE);
}

/* Node n's text of a kind that is not read for snippets (code, HTML, an address, a title) with its marks put back. */
static void put_back_literals(cmark_node *n, const GPtrArray *spans)
{
	cmark_node_type t = cmark_node_get_type(n);
	char *s;

	if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
		if (has_mark(cmark_node_get_url(n))) {
			s = put_back(spans, cmark_node_get_url(n));
			cmark_node_set_url(n, s);
			g_free(s);
		}
		if (has_mark(cmark_node_get_title(n))) {
			s = put_back(spans, cmark_node_get_title(n));
			cmark_node_set_title(n, s);
			g_free(s);
		}
	} else if (t != CMARK_NODE_TEXT && has_mark(cmark_node_get_literal(n))) {
		s = put_back(spans, cmark_node_get_literal(n));
		cmark_node_set_literal(n, s);
		g_free(s);
	}
}

void passthrough_restore(cmark_node *doc, const GPtrArray *spans)
{
	GPtrArray *texts;
	cmark_iter *it;
	cmark_event_type ev;

	if (!spans || !spans->len)
		return;
	texts = g_ptr_array_new();
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (cmark_node_get_type(n) == CMARK_NODE_TEXT && has_mark(cmark_node_get_literal(n)))
			g_ptr_array_add(texts, n);
		else
			put_back_literals(n, spans);
	}
	cmark_iter_free(it);
	/* The line marks first: a snippet set apart moves what follows it, their breaks with them. */
	for (guint i = 0; i < texts->len; i++) {
		cmark_node *t = g_ptr_array_index(texts, i);

		if (strstr(cmark_node_get_literal(t), MARK_LINE))
			drop_line_marks(t);
		/* Only those with a snippet are read again: a snippet set apart may free what follows it. */
		if (!strstr(cmark_node_get_literal(t), MARK_OPEN))
			texts->pdata[i] = NULL;
		if (!*cmark_node_get_literal(t))
			cmark_node_free(t);
	}
	for (guint i = 0; i < texts->len; i++) {
		cmark_node *t = g_ptr_array_index(texts, i);

		if (t && strstr(cmark_node_get_literal(t), MARK_OPEN))
			split_text(t, spans);
	}
	g_ptr_array_free(texts, TRUE);
}
