/* shortcodes.c - the body's pre-pass before Markdown: Hugo shortcodes rendered as folio shows them, emoji, heading ids, <!--more-->. */
#include "read/shortcodes.h"

#include <string.h>

#include "base/diag.h"
#include "base/xmlesc.h"
#include "html/sanitize.h"
#include "read/markdown.h"
#include "text/clreq.h"
#include "text/emoji.h"
#include "text/l10n.h"
#include "text/nodetext.h"

/* ---- renderings ---- */

static const struct {
	const char *name;
	enum sc_rendering r;
} renderings[] = {
	{ "bilibili", SC_BILIBILI }, { "blockquote", SC_BLOCKQUOTE }, { "callout", SC_CALLOUT }, { "details", SC_DETAILS }, { "drop", SC_DROP }, { "figure", SC_FIGURE },
	{ "gist", SC_GIST }, { "highlight", SC_HIGHLIGHT }, { "instagram", SC_INSTAGRAM }, { "link", SC_LINK },
	{ "markdown", SC_MARKDOWN }, { "param", SC_PARAM }, { "ref", SC_REF }, { "relref", SC_RELREF },
	{ "text", SC_TEXT }, { "tweet", SC_TWITTER }, { "twitter", SC_TWITTER }, { "vimeo", SC_VIMEO },
	{ "x", SC_X }, { "youtube", SC_YOUTUBE },
};

enum sc_rendering sc_rendering_by_name(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(renderings); i++)
		if (!strcmp(renderings[i].name, name))
			return renderings[i].r;
	return SC_UNKNOWN;
}

/*
 * The notes, tips and warnings of the popular themes (FixIt, LoVeIt and DoIt's admonition,
 * hugo-notice, hugo-book's hint, Docsy's alert, ...): their templates render the inner text as
 * Markdown under a title, whichever form the tag has.
 */
static const char *const callouts[] = {
	"admonition", "notice", "hint", "alert", "callout", "note", "tip", "tips", "info", "warning", "caution",
	"danger", "important", "attention", "error", "success", "question", "example", "abstract", "bug", "failure",
};
/* Those whose first positional parameter is the kind (the others are named after it). */
static const char *const kinded[] = { "admonition", "notice", "hint", "alert", "callout" };

/* The popular themes' shortcodes folio knows, by their exact names, and what each is. */
static const struct {
	const char *name;
	enum sc_rendering r;
} themes[] = {
	/* Congo's and Blowfish's lead paragraph: {{ .Inner | markdownify }}. */
	{ "lead", SC_MARKDOWN },
	/* Hextra's (and Docsy's, Blowfish's) words in parameters: a badge's or a glossary term's text,
	   a card's linked title, a file tree's names; their containers hold nothing else; an icon is
	   a picture of nothing to read. */
	{ "badge", SC_BADGE }, { "term", SC_BADGE }, { "card", SC_CARD },
	{ "filetree/folder", SC_TREE }, { "filetree/file", SC_TREE },
	{ "cards", SC_MARKDOWN }, { "cardpane", SC_MARKDOWN }, { "filetree/container", SC_MARKDOWN }, { "icon", SC_DROP },
	/* FixIt's text locked with a password (readers who know it see it): a book would print it in clear. */
	{ "fixit-encryptor", SC_DROP },
	/* A site's comment (Kubernetes' docs: "Updated: 4/14/2015"): its template shows nothing, as its name says. */
	{ "comment", SC_DROP },
	/* LoveIt's, DoIt's and FixIt's diagrams: their source as written, a code block (not prose to set). */
	{ "mermaid", SC_HIGHLIGHT },
	/* Their pictures (src=, alt=, caption=, title=, as Hugo's figure): DoIt's showcase lost 14 screenshots. */
	{ "image", SC_FIGURE },
	/* Their scripts, run on the page: a book runs none, and printed the code as a paragraph. */
	{ "script", SC_DROP },
	/* The learn and geekdoc themes' expand: details under a label (its first parameter); learn's
	   label was lost. */
	{ "expand", SC_DETAILS },
	/* learn's siteparam: a parameter of the site alone (param looks at the page's, then the site's). */
	{ "siteparam", SC_PARAM },
	/* hugo-book's, learn's and geekdoc's button: a link (href=) around its inner text; the address was lost. */
	{ "button", SC_LINK },
	/* A quote (Stack's, a Chinese MemE blog's own): a block quote of its inner text. */
	{ "quote", SC_BLOCKQUOTE },
	/* Tabs: every tab is printed, one after another, each under its label (the labels were lost:
	   three code blocks and no word of which is for which system or language). */
	{ "tabs", SC_TABS }, { "tabpane", SC_TABS }, { "tab", SC_TAB }, { "codetab", SC_TAB },
	/* Another page's or file's text where it stands: hugoDocs' and Kubernetes' include (a page, its
	   shortcodes rendered), Docsy's readfile (a file: Markdown, or code= in lang=). Nothing of it
	   was shown (hugoDocs: 214 uses). */
	{ "include", SC_INCLUDE }, { "readfile", SC_INCLUDE },
};

/* Hugo's own shortcodes (and details and x, built in since Hugo 0.140 and 0.141), then the themes'. */
static enum sc_rendering built_in(const char *name)
{
	/* Hugo's own, and the Bilibili videos of LoveIt, DoIt and FixIt (common on Chinese blogs). */
	static const char *const hugo[] = { "figure", "highlight", "details", "youtube", "vimeo", "x", "twitter",
					    "tweet", "instagram", "gist", "param", "ref", "relref", "bilibili", "link" };

	/* Hugo finds them whatever the case (Hextra's docs write relRef) */
	for (size_t i = 0; i < G_N_ELEMENTS(hugo); i++)
		if (!g_ascii_strcasecmp(hugo[i], name))
			return sc_rendering_by_name(hugo[i]);
	for (size_t i = 0; i < G_N_ELEMENTS(callouts); i++)
		if (!g_ascii_strcasecmp(callouts[i], name))
			return SC_CALLOUT;
	for (size_t i = 0; i < G_N_ELEMENTS(themes); i++)
		if (!strcmp(themes[i].name, name))
			return themes[i].r;
	/* An inline shortcode's inner text is a Go template Hugo runs (or, not enabled, drops): never the page's text. */
	if (g_str_has_suffix(name, ".inline"))
		return SC_DROP;
	return SC_UNKNOWN;
}

/* ---- tokens ---- */

enum tok_kind { T_OPEN, T_CLOSE, T_COMMENT, T_BAD };

struct param {
	char *key;		/* NULL: positional */
	char *value;
};

struct token {
	enum tok_kind kind;
	size_t start, end;	/* the tag's bytes in the body */
	char delim;		/* '<' or '%' */
	bool self_closing;
	bool in_code;		/* a comment form inside code */
	bool keep_text;		/* T_BAD that is no tag at all: its text stays */
	char *name;
	GPtrArray *params;	/* of struct param * */
	int line;		/* of the body */
	int pair;		/* T_OPEN: index of its closing tag, or -1 */
	char *problem;		/* T_BAD: why */
	size_t inner_start, inner_end;	/* T_COMMENT: what is between the comment marks */
};

static void param_free(gpointer p)
{
	struct param *x = p;

	g_free(x->key);
	g_free(x->value);
	g_free(x);
}

struct lexer {
	const char *s;
	size_t len;
	GArray *tokens;		/* of struct token */
	GArray *code;		/* [start, end) pairs of code (spans and blocks), in order */
	guint8 *code_line;	/* per line of the body: LINE_CODE, LINE_PARA_ON */
	int nlines;
	size_t *line_start;	/* byte offset of each line (index 1..nlines) */
	/* find_delim's last answer for each delimiter ('<' 0, '%' 1): asked from, found (0: none) */
	size_t delim_from[2], delim_found[2];
};

static int line_at(const struct lexer *L, size_t off)
{
	int lo = 1, hi = L->nlines;

	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;

		if (L->line_start[mid] <= off)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* What a line of the body is to CommonMark (lexer.code_line). */
enum {
	LINE_CODE = 1,		/* inside a code block */
	LINE_PARA_ON = 2	/* a paragraph's line after its first (the one before is in the same paragraph) */
};

static size_t container_marks(const char *s, size_t n);
static int row_cells(const char *s, size_t n);
static int delimiter_cells(const char *s, size_t n);

/*
 * Is line (n bytes) a table's delimiter row that can start no table under the line prev before it
 * (pn bytes, not blank): their cells differ (padded: the head has more; fewer are added, head_lacks)?
 * cmark-gfm 0.29 reads a paragraph's whole text again at each such line: 10,000 of them in one
 * paragraph took 20 s, 40,000 minutes. Written escaped ("\-|-"), such a line shows the same.
 */
static bool never_table(const char *prev, size_t pn, const char *line, size_t n, bool padded)
{
	int delim = delimiter_cells(line, n), head = delim ? row_cells(prev, pn) : 0;

	return head && (padded ? head > delim : head != delim);
}

/*
 * The body for find_code_blocks: its delimiter rows that start no table escaped (never_table),
 * no line moved; NULL when none is.
 */
static GString *defused(const struct lexer *L)
{
	GString *out = NULL;
	size_t copied = 0;

	for (int l = 2; l <= L->nlines; l++) {
		size_t a = L->line_start[l - 1], b = L->line_start[l], at;
		size_t e = l < L->nlines ? L->line_start[l + 1] - 1 : L->len;	/* before its '\n' */

		if (!never_table(L->s + a, b - 1 - a, L->s + b, e - b, false))
			continue;
		if (!out)
			out = g_string_sized_new(L->len + 64);
		at = b + container_marks(L->s + b, e - b);
		g_string_append_len(out, L->s + copied, (gssize)(at - copied));
		g_string_append_c(out, '\\');
		copied = at;
	}
	if (out)
		g_string_append_len(out, L->s + copied, (gssize)(L->len - copied));
	return out;
}

/* The lines of the body inside code blocks (fenced or indented), and paragraphs' lines, as CommonMark reads the body. */
static void find_code_blocks(struct lexer *L, bool html)
{
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;
	GString *safe;

	L->code_line = g_new0(guint8, L->nlines + 2);
	if (html)
		return;
	safe = defused(L);
	doc = safe ? markdown_parse(safe->str, safe->len) : markdown_parse(L->s, L->len);
	if (safe)
		g_string_free(safe, TRUE);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK) {
			int a = cmark_node_get_start_line(n), b = cmark_node_get_end_line(n);

			for (int l = a > 0 ? a : 1; l <= b && l <= L->nlines; l++)
				L->code_line[l] |= LINE_CODE;
		} else if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH) {
			int a = cmark_node_get_start_line(n), b = cmark_node_get_end_line(n);

			for (int l = a > 0 ? a + 1 : 2; l <= b && l <= L->nlines; l++)
				L->code_line[l] |= LINE_PARA_ON;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

static bool at(const struct lexer *L, size_t p, const char *lit)
{
	size_t n = strlen(lit);

	return p + n <= L->len && !memcmp(L->s + p, lit, n);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t skip_spaces(const struct lexer *L, size_t p)
{
	while (p < L->len && is_space(L->s[p]))
		p++;
	return p;
}

/* The end of the tag's closing delimiter (">}}" or "%}}") at p, or 0. */
static size_t tag_end_at(const struct lexer *L, size_t p, char delim)
{
	char close = delim == '<' ? '>' : '%';

	if (p + 3 <= L->len && L->s[p] == close && L->s[p + 1] == '}' && L->s[p + 2] == '}')
		return p + 3;
	return 0;
}

static bool name_char(char c)
{
	return g_ascii_isalnum(c) || c == '_' || c == '-' || c == '.' || c == '/';
}

/* A parameter value at *p: "quoted" (\" escapes), `raw` (any lines) or a bare word; NULL with *why. */
static char *lex_value(const struct lexer *L, size_t *p, char delim, const char **why)
{
	size_t q = *p;
	GString *v;

	if (L->s[q] == '"') {
		v = g_string_new(NULL);
		for (q++; q < L->len && L->s[q] != '"'; q++) {
			if (L->s[q] == '\\' && q + 1 < L->len && (L->s[q + 1] == '"' || L->s[q + 1] == '\\'))
				q++;
			else if (L->s[q] == '\n')
				break;
			g_string_append_c(v, L->s[q]);
		}
		if (q >= L->len || L->s[q] != '"') {
			g_string_free(v, TRUE);
			*why = "a quoted parameter is not closed on its line";
			return NULL;
		}
		*p = q + 1;
		return g_string_free(v, FALSE);
	}
	if (L->s[q] == '`') {
		const char *close = memchr(L->s + q + 1, '`', L->len - q - 1);

		if (!close) {
			*why = "a raw (`) parameter is never closed";
			return NULL;
		}
		*p = (size_t)(close - L->s) + 1;
		return g_strndup(L->s + q + 1, (gsize)(close - L->s - q - 1));
	}
	while (q < L->len && !is_space(L->s[q]) && L->s[q] != '=' && L->s[q] != '"' && L->s[q] != '`'
	       && !tag_end_at(L, q, delim) && !(L->s[q] == '/' && tag_end_at(L, q + 1, delim)))
		q++;
	if (q == *p) {
		*why = "a parameter is empty or malformed";
		return NULL;
	}
	v = g_string_new_len(L->s + *p, (gssize)(q - *p));
	*p = q;
	return g_string_free(v, FALSE);
}

/*
 * The first ">}}" (or "%}}") from p on, or 0: where a tag that cannot be read ends. Asked again
 * from further on, the last answer holds while p has not passed it: thousands of unclosed tags
 * are not each a search to the end of the text.
 */
static size_t find_delim(const struct lexer *L, size_t p, char delim)
{
	struct lexer *memo = (struct lexer *)L;
	int k = delim == '%';
	size_t from = p;

	if (L->delim_from[k] && L->delim_from[k] <= p && (!L->delim_found[k] || L->delim_found[k] - 3 >= p))
		return L->delim_found[k];
	memo->delim_from[k] = from;
	for (; p + 3 <= L->len; p++) {
		if (tag_end_at(L, p, delim))
			return memo->delim_found[k] = p + 3;
	}
	return memo->delim_found[k] = 0;
}

/* The tag that starts at p ("{{<" or "{{%"): a token, whatever it is. */
static struct token lex_tag(const struct lexer *L, size_t p)
{
	struct token t = { .start = p, .pair = -1, .delim = L->s[p + 2] };
	size_t q = skip_spaces(L, p + 3), e;
	const char *why = NULL;

	t.line = line_at(L, p);
	if (at(L, q, "/*")) {
		/* The comment form: shown as the shortcode it holds. */
		const char *close = g_strstr_len(L->s + q + 2, (gssize)(L->len - q - 2), "*/");

		/*
		 * Written twice, to show the comment form itself (Hugo's docs: the shortcode's name
		 * between two pairs of comment marks): the last closing mark before the tag's end.
		 */
		if (close && !tag_end_at(L, skip_spaces(L, (size_t)(close - L->s) + 2), t.delim)
		    && (e = find_delim(L, q + 2, t.delim))) {
			size_t b = e - 3;

			while (b > q + 2 && is_space(L->s[b - 1]))
				b--;
			if (b >= q + 4 && L->s[b - 2] == '*' && L->s[b - 1] == '/')
				close = L->s + b - 2;
		}
		if (close && (e = tag_end_at(L, skip_spaces(L, (size_t)(close - L->s) + 2), t.delim))) {
			t.kind = T_COMMENT;
			t.inner_start = q + 2;
			t.inner_end = (size_t)(close - L->s);
			t.end = e;
			return t;
		}
		t.kind = T_BAD;
		t.keep_text = true;
		t.end = p + 3;
		t.problem = g_strdup("a commented shortcode ('/*') is never closed ('*/' then '}}'); its text is kept");
		return t;
	}
	t.kind = T_OPEN;
	if (q < L->len && L->s[q] == '/') {
		t.kind = T_CLOSE;
		q = skip_spaces(L, q + 1);
	}
	e = q;
	while (e < L->len && name_char(L->s[e]) && !(L->s[e] == '/' && tag_end_at(L, e + 1, t.delim)))
		e++;
	if (e == q || L->s[q] == '/') {
		size_t end = find_delim(L, p + 3, t.delim);

		t.kind = T_BAD;
		t.keep_text = !end;
		t.end = end ? end : p + 3;
		t.problem = g_strdup(end ? "a shortcode without a name; dropped"
				     : "'{{' is no shortcode: it is never closed; its text is kept");
		return t;
	}
	t.name = g_strndup(L->s + q, (gsize)(e - q));
	t.params = g_ptr_array_new_with_free_func(param_free);
	q = e;
	for (;;) {
		char *value, *key = NULL;
		struct param *x;

		q = skip_spaces(L, q);
		if (q >= L->len) {
			why = "it is never closed with '}}'";
			break;
		}
		/* Another tag's opening: this one was never closed (reading on would be quadratic). */
		if (at(L, q, "{{<") || at(L, q, "{{%")) {
			why = "it is never closed with '}}' before the next shortcode";
			break;
		}
		if ((e = tag_end_at(L, q, t.delim))) {
			t.end = e;
			return t;
		}
		if (L->s[q] == '/' && (e = tag_end_at(L, q + 1, t.delim))) {
			t.self_closing = true;
			t.end = e;
			return t;
		}
		if (t.kind == T_CLOSE) {
			why = "a closing tag takes no parameters";
			break;
		}
		if (!(value = lex_value(L, &q, t.delim, &why)))
			break;
		q = skip_spaces(L, q);
		if (q < L->len && L->s[q] == '=') {
			key = value;
			q = skip_spaces(L, q + 1);
			if (q >= L->len || !(value = lex_value(L, &q, t.delim, &why))) {
				g_free(key);
				why = why ? why : "a named parameter has no value";
				break;
			}
		}
		x = g_new0(struct param, 1);
		x->key = key;
		x->value = value;
		g_ptr_array_add(t.params, x);
	}
	/* Not readable: drop the tag up to its end when it has one, else keep its text. */
	e = find_delim(L, p + 3, t.delim);
	t.problem = g_strdup_printf("shortcode '%s': %s; %s", t.name, why ? why : "bad parameters",
				    e ? "the tag is dropped" : "its text is kept");
	t.kind = T_BAD;
	t.keep_text = !e;
	t.end = e ? e : p + 3;
	return t;
}

static void add_code(struct lexer *L, size_t a, size_t b)
{
	g_array_append_val(L->code, a);
	g_array_append_val(L->code, b);
}

/* Comment forms inside code [a, b): tokens too (Hugo shows them without their marks there as well). */
static void comments_in_code(struct lexer *L, size_t a, size_t b)
{
	for (size_t p = a; p + 5 <= b; p++) {
		if (L->s[p] == '{' && L->s[p + 1] == '{' && (L->s[p + 2] == '<' || L->s[p + 2] == '%')) {
			struct token t = lex_tag(L, p);

			if (t.kind == T_COMMENT && t.end <= b) {
				t.in_code = true;
				g_array_append_val(L->tokens, t);
				p = t.end - 1;
			} else {
				g_free(t.name);
				g_free(t.problem);
				if (t.params)
					g_ptr_array_free(t.params, TRUE);
			}
		}
	}
}

/* A code span opening at p (a run of n backticks): its end, or 0 when it is not closed in its paragraph. */
static size_t code_span_end(const struct lexer *L, size_t p, size_t n)
{
	size_t q = p + n;

	while (q < L->len) {
		if (L->s[q] == '\n') {
			size_t r = q + 1;

			while (r < L->len && (L->s[r] == ' ' || L->s[r] == '\t'))
				r++;
			if (r >= L->len || L->s[r] == '\n' || (L->code_line[line_at(L, q + 1)] & LINE_CODE))
				return 0;	/* a blank line or a code block ends the paragraph */
			q++;
		} else if (L->s[q] == '`') {
			size_t r = q;

			while (r < L->len && L->s[r] == '`')
				r++;
			if (r - q == n)
				return r;
			q = r;
		} else {
			q++;
		}
	}
	return 0;
}

static void lex(struct lexer *L, bool html)
{
	size_t p = 0;

	L->nlines = 1;
	for (size_t i = 0; i < L->len; i++)
		L->nlines += L->s[i] == '\n';
	L->line_start = g_new(size_t, L->nlines + 2);
	L->line_start[1] = 0;
	for (size_t i = 0, l = 1; i < L->len; i++)
		if (L->s[i] == '\n')
			L->line_start[++l] = i + 1;
	find_code_blocks(L, html);
	while (p < L->len) {
		char c = L->s[p];

		if ((p == 0 || L->s[p - 1] == '\n') && (L->code_line[line_at(L, p)] & LINE_CODE)) {
			size_t e = p;

			/* The code lines that follow, as one run: a shortcode's comment form may span them. */
			do {
				const char *nl = memchr(L->s + e, '\n', L->len - e);

				e = nl ? (size_t)(nl - L->s) + 1 : L->len;
			} while (e < L->len && (L->code_line[line_at(L, e)] & LINE_CODE));
			comments_in_code(L, p, e);
			add_code(L, p, e);
			p = e;
		} else if (c == '\\' && p + 1 < L->len && L->s[p + 1] != '\n') {
			p += 2;
		} else if (c == '`' && !html) {
			size_t n = 0, e;

			while (p + n < L->len && L->s[p + n] == '`')
				n++;
			if ((e = code_span_end(L, p, n))) {
				comments_in_code(L, p, e);
				add_code(L, p, e);
				p = e;
			} else {
				p += n;
			}
		} else if (c == '{' && p + 2 < L->len && L->s[p + 1] == '{' && (L->s[p + 2] == '<' || L->s[p + 2] == '%')) {
			struct token t = lex_tag(L, p);

			g_array_append_val(L->tokens, t);
			p = t.end;
		} else {
			p++;
		}
	}
}

/* Each closing tag closes the nearest open tag of its name before it; the others stand alone. */
static void pair_tags(struct lexer *L)
{
	GHashTable *open = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_array_unref);

	for (guint i = 0; i < L->tokens->len; i++) {
		struct token *t = &g_array_index(L->tokens, struct token, i);
		GArray *stack;

		if (t->kind == T_OPEN && !t->self_closing) {
			stack = g_hash_table_lookup(open, t->name);
			if (!stack) {
				stack = g_array_new(FALSE, FALSE, sizeof(guint));
				g_hash_table_insert(open, t->name, stack);
			}
			g_array_append_val(stack, i);
		} else if (t->kind == T_CLOSE && (stack = g_hash_table_lookup(open, t->name)) && stack->len) {
			guint o = g_array_index(stack, guint, stack->len - 1);

			g_array_set_size(stack, stack->len - 1);
			g_array_index(L->tokens, struct token, o).pair = (int)i;
			t->pair = (int)o;
		}
	}
	g_hash_table_destroy(open);
}

/* ---- rendering ---- */

enum mode { M_MARKDOWN, M_ESCAPE, M_RAW };

/*
 * Paired shortcodes nested deeper than this are read as their inner text, at the level of the
 * last one rendered: each level copies (a note: prefixes with "> ") the whole rendering of the
 * levels inside it, so 2,000 nested notes took cubic time (15 s) and 100,000 nested tags
 * overflowed the stack. The writers lay out nothing this deep anyway (EPUB 80, PDF 100 levels).
 */
enum { SC_MAX_NESTING = 100 };

struct render {
	const struct sc_context *ctx;
	struct lexer *L;
	struct sc_result *res;
	GHashTable *unknown;	/* name -> struct unknown_shortcode * (in res->unknown) */
	char *lang;		/* of the labels */
	int depth;		/* paired shortcodes open around the range being rendered */
	int tree_depth;		/* file tree folders open around it (render_tree) */
	unsigned cards;		/* Hextra's cards blocks begun: each one's list takes the other bullet */
	int cardpane;		/* Docsy's cardpanes open around what is rendered */
	int added;		/* lines the body's includes have added so far (res->shifts) */
	struct sc_budget budget;	/* the article's includes' (an outermost body's; its includes share it) */
	const struct token *tabs;	/* the tabs block being rendered (render_tabs), or NULL */
	char **tab_labels;	/* its labels for tabs that name none (dapr's tabs ".NET" Python; Hextra's items=) */
	guint tab_next;		/* the next tab's place in it */
	bool told_deep;		/* SC_MAX_NESTING was said */
};

static struct token *tok(const struct render *R, guint i)
{
	return &g_array_index(R->L->tokens, struct token, i);
}

/* Lines a rendering added at the body's line src (an include's text, a tab's label): res->shifts. */
static void add_shift(struct render *R, int src, int extra)
{
	struct line_shift sh = { 0, src, extra, 0 };

	if (extra <= 0)
		return;
	if (!R->res->shifts)
		R->res->shifts = g_array_new(FALSE, FALSE, sizeof(struct line_shift));
	g_array_append_val(R->res->shifts, sh);
	R->added += extra;
}

/* The count of unknown shortcode name, begun at line (of the file) on its first use. */
static struct unknown_shortcode *unknown_entry(struct render *R, const char *name, int line)
{
	struct unknown_shortcode *u = g_hash_table_lookup(R->unknown, name);

	if (!u) {
		u = g_new0(struct unknown_shortcode, 1);
		u->name = g_strdup(name);
		u->line = line;
		g_ptr_array_add(R->res->unknown, u);
		g_hash_table_insert(R->unknown, u->name, u);
	}
	return u;
}

static int file_line(const struct render *R, int line)
{
	return R->ctx->first_line + line - 1;
}

/* Is off inside code (the regions are in order and apart)? *code_end: where that code ends. */
static bool in_code(const struct render *R, size_t off, size_t *code_end)
{
	GArray *c = R->L->code;
	guint lo = 0, hi = c->len / 2;

	while (lo < hi) {
		guint mid = (lo + hi) / 2;
		size_t a = g_array_index(c, size_t, 2 * mid), b = g_array_index(c, size_t, 2 * mid + 1);

		if (off < a)
			hi = mid;
		else if (off >= b)
			lo = mid + 1;
		else {
			*code_end = b;
			return true;
		}
	}
	return false;
}

/*
 * Markdown's punctuation as character references, so that text shows as it is written (HTML tags
 * and entities kept). Not backslashes: the text may land inside a raw HTML block, where Markdown
 * takes no escapes and they would be printed ("\\(\\varphi" on PaperMod's math page).
 */
static void put_escaped(GString *out, const char *s, size_t n, bool line_start)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool bol = (i == 0 && line_start) || (i > 0 && s[i - 1] == '\n');

		if (c == '<' && i + 1 < n && (g_ascii_isalpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!')) {
			const char *gt = memchr(s + i, '>', n - i);

			if (gt) {
				g_string_append_len(out, s + i, gt - (s + i) + 1);
				i = (size_t)(gt - s);
				continue;
			}
		}
		if (strchr("\\`*_[]#!|~", c) || (bol && strchr("-+=>", c))
		    || ((c == '.' || c == ')') && i > 0 && g_ascii_isdigit(s[i - 1])))
			g_string_append_printf(out, "&#%d;", c);
		else
			g_string_append_c(out, c);
	}
}

/*
 * Text for Markdown inline content: every ASCII punctuation mark escaped, line ends as spaces.
 * Brackets, parentheses and "$" as character references: "\(" and "\[" are the math delimiters
 * a site's passthrough setting names, which would keep the backslashes as written.
 */
static void put_md_text(GString *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r')
			g_string_append_c(out, ' ');
		else if (strchr("()[]$", *s))
			g_string_append_printf(out, "&#%d;", *s);
		else {
			if (g_ascii_ispunct(*s))
				g_string_append_c(out, '\\');
			g_string_append_c(out, *s);
		}
	}
}

/*
 * A details' summary or a note's title, bold: Markdown, as Hugo's details and the themes' notes
 * render it (RenderString): "**Copyright** 2022.", "[FixIt](https://…)" and "Use `hugo`" were
 * printed as written. One with its own emphasis is set as written (bold around it would not
 * nest), its first mark escaped where it would open a block (a heading, a list, a quote); all on
 * one line.
 */
static void put_label(GString *out, const char *title)
{
	bool emphasis;
	size_t digits;

	title += strspn(title, " \t\r\n");	/* (four blanks would open code) */
	emphasis = strpbrk(title, "*_") != NULL;
	digits = strspn(title, "0123456789");
	if (!strpbrk(title, "*_`[")) {
		g_string_append(out, "**");
		put_md_text(out, title);
		g_string_append(out, "**");
		return;
	}
	if (!emphasis)
		g_string_append(out, "**");
	/* A mark that would open a block there (a heading, a list, a quote, a fence, a rule, HTML) is
	   escaped: "```*x*" opened a code block to the article's end. */
	else if ((g_ascii_ispunct(title[0]) && title[0] != '*' && title[0] != '_' && title[0] != '[')
		 || (title[0] == '*' && (title[1] == ' ' || title[1] == '\t')) || !title[strspn(title, "*_- \t")])
		g_string_append_c(out, '\\');
	else if (digits && digits < 10 && (title[digits] == '.' || title[digits] == ')')) {
		g_string_append_len(out, title, (gssize)digits);
		g_string_append_c(out, '\\');
		title += digits;
	}
	for (; *title; title++)
		g_string_append_c(out, *title == '\n' || *title == '\r' ? ' ' : *title);
	if (!emphasis)
		g_string_append(out, "**");
}

/* A link destination: characters that would end or break it %-escaped. */
static void put_destination(GString *out, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c <= ' ' || strchr("()<>\\`\"'[]%", c))
			g_string_append_printf(out, "%%%02X", c);
		else
			g_string_append_c(out, (char)c);
	}
}

/* A Markdown title string ("..."): quotes and backslashes escaped, one line. */
static void put_title(GString *out, const char *s)
{
	g_string_append_c(out, '"');
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r') {
			g_string_append_c(out, ' ');
			continue;
		}
		if (*s == '"' || *s == '\\')
			g_string_append_c(out, '\\');
		g_string_append_c(out, *s);
	}
	g_string_append_c(out, '"');
}

static const char *get(const struct token *t, const char *key, int pos)
{
	int n = 0;

	for (guint i = 0; t->params && i < t->params->len; i++) {
		const struct param *x = g_ptr_array_index(t->params, i);

		if (x->key && key && !g_ascii_strcasecmp(x->key, key))
			return x->value;
		if (!x->key && n++ == pos && pos >= 0)
			return x->value;
	}
	return NULL;
}

/* Markdown's plain text: what a caption written in Markdown says. */
static char *plain(const char *md)
{
	cmark_node *doc = markdown_parse(md, strlen(md));
	char *t;

	/* A raw HTML block gives its words (a caption opening with a tag was one: all lost); inline
	   tags are dropped as node_plain_text drops them ("`ls <dir>`", "<https://...>" keep theirs). */
	for (cmark_node *n = cmark_node_first_child(doc), *next; n; n = next) {
		next = cmark_node_next(n);
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
			char *words = sanitize_text_of(cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
			cmark_node *para = cmark_node_new(CMARK_NODE_PARAGRAPH);

			cmark_node_append_child(para, node_new_text(words, strlen(words)));
			cmark_node_insert_before(n, para);
			cmark_node_free(n);
			g_free(words);
		}
	}
	t = node_plain_text(doc);
	cmark_node_free(doc);
	return g_strstrip(t);
}

/*
 * Is the tag at off the first thing on its line (white space before it only; with quotes, the
 * marks of the quotes it is in too: "> {{< highlight >}}")?
 */
static bool starts_line(const struct render *R, size_t off, bool quotes)
{
	while (off > 0 && (R->L->s[off - 1] == ' ' || R->L->s[off - 1] == '\t' || (quotes && R->L->s[off - 1] == '>')))
		off--;
	return off == 0 || R->L->s[off - 1] == '\n';
}

/* The white space before the tag on its line. */
static char *indent_of(const struct render *R, size_t off)
{
	size_t a = off;

	while (a > 0 && (R->L->s[a - 1] == ' ' || R->L->s[a - 1] == '\t'))
		a--;
	return g_strndup(R->L->s + a, (gsize)(off - a));
}

static unsigned count_nl(const char *s, size_t n)
{
	unsigned k = 0;

	/* by memchr: a note's text is counted again at every level of notes around it */
	for (const char *e = s + n; (s = memchr(s, '\n', (size_t)(e - s))); s++)
		k++;
	return k;
}

/* Does the text at off end its line and then hold a blank line (or end)? */
static bool blank_line_at(const struct render *R, size_t off)
{
	const char *s = R->L->s;
	size_t n = R->L->len;

	off += strspn(s + off, " \t");
	if (off < n && s[off] != '\n')
		return false;
	if (off >= n)
		return true;
	off++;
	while (off < n && (s[off] == ' ' || s[off] == '\t'))
		off++;
	return off >= n || s[off] == '\n' || s[off] == '\r';
}

/*
 * A shortcode that rendered nothing between emphasis marks ("**{{< ad >}}**"): the marks,
 * now side by side, would read as text ("****"), or as a rule on a line of their own. Hugo
 * leaves an empty emphasis there, which shows nothing: so the run of marks before it (at out's
 * end) and the same run after it (at the body's p) go too. Returns the bytes taken after it.
 */
static size_t drop_empty_emphasis(const struct render *R, GString *out, size_t before, size_t p, size_t to)
{
	size_t run = 0;
	char c;

	if (out->len != before || !before || !strchr("*_~", out->str[before - 1]))
		return 0;
	c = out->str[before - 1];
	while (run < before && out->str[before - 1 - run] == c)
		run++;
	if (p + run > to || (p + run < to && R->L->s[p + run] == c))
		return 0;
	for (size_t k = 0; k < run; k++)
		if (R->L->s[p + k] != c)
			return 0;
	g_string_truncate(out, before - run);
	return run;
}

static void render_range(struct render *R, GString *out, size_t from, size_t to, guint ti, guint tj, enum mode m,
			 bool top);

/* A letter or digit of an attribute's name or bare value: ASCII ones, '_', '-', ':', '.', and any of UTF-8's. */
static bool attr_char(unsigned char c)
{
	return g_ascii_isalnum(c) || c == '_' || c == '-' || c == ':' || c == '.' || c >= 0x80;
}

/*
 * Is s[0, n) the inside of an attribute block as Hugo's Goldmark reads one after a heading
 * (checked with Debian's hugo): "#id", ".class" (either may be empty), name=value with the
 * name starting with a letter, '_' or ':' and the value "quoted", [an array] or a bare word,
 * all apart by spaces or commas; *id the last id given, or NULL. Anything else ("{bar}", "{x=}",
 * "{x='1'}") is the heading's text.
 */
static bool attr_block(const char *s, size_t n, char **id)
{
	size_t i = 0;

	*id = NULL;
	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == ',') {
			i++;
			continue;
		}
		if (s[i] == '#' || s[i] == '.') {
			size_t from = i + 1;

			for (i++; i < n && attr_char((unsigned char)s[i]); i++)
				;
			/* The last id given is the heading's; an empty one ("{#}") leaves folio's own. */
			if (s[from - 1] == '#' && i > from) {
				g_free(*id);
				*id = g_strndup(s + from, i - from);
			}
		} else if (g_ascii_isalpha(s[i]) || s[i] == '_' || s[i] == ':') {
			size_t v;

			while (i < n && attr_char((unsigned char)s[i]))
				i++;
			if (i >= n || s[i] != '=')
				goto text;
			v = ++i;
			if (i < n && (s[i] == '"' || s[i] == '[')) {
				const char *end = memchr(s + i + 1, s[i] == '"' ? '"' : ']', n - i - 1);

				if (!end)
					goto text;
				i = (size_t)(end - s) + 1;
			} else {
				while (i < n && attr_char((unsigned char)s[i]))
					i++;
				if (i == v)
					goto text;
			}
		} else {
			goto text;
		}
		if (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != ',')
			goto text;
	}
	return true;
text:
	g_clear_pointer(id, g_free);
	return false;
}

/*
 * The marks of the blocks a line's heading sits in ("> ", "- ", "1. ", their indents): a heading
 * in a quote or a list item takes attributes too ("- ### Fast {anchor=false}"). Lines in code
 * blocks never come here.
 */
static size_t container_marks(const char *s, size_t n)
{
	size_t i = 0;

	for (;;) {
		size_t d;

		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < n && s[i] == '>') {
			i++;
			continue;
		}
		if (i + 1 < n && (s[i] == '-' || s[i] == '*' || s[i] == '+') && (s[i + 1] == ' ' || s[i + 1] == '\t')) {
			i++;
			continue;
		}
		for (d = i; d < n && d - i < 9 && g_ascii_isdigit(s[d]); d++)
			;
		if (d > i && d + 1 < n && (s[d] == '.' || s[d] == ')') && (s[d + 1] == ' ' || s[d + 1] == '\t')) {
			i = d + 1;
			continue;
		}
		return i;
	}
}

/* A heading line "## Title {#id .class}": where its attribute block starts (spaces before it too) and its id. */
static size_t heading_attrs(const char *s, size_t n, char **id)
{
	size_t i = container_marks(s, n), close, open;

	if (i >= n || s[i] != '#')
		return 0;
	while (i < n && s[i] == '#')
		i++;
	if (i < n && s[i] != ' ' && s[i] != '\t')
		return 0;
	close = n;
	while (close > i && (s[close - 1] == ' ' || s[close - 1] == '\t'))
		close--;
	if (close == 0 || s[close - 1] != '}')
		return 0;
	open = close - 1;
	while (open > i && s[open] != '{')
		open--;
	if (s[open] != '{' || !attr_block(s + open + 1, close - 1 - (open + 1), id))
		return 0;
	while (open > i && (s[open - 1] == ' ' || s[open - 1] == '\t'))
		open--;
	return open;
}

/*
 * Is s[0, n) a line of a block's attributes ("{.list}", "{class=\"x\"}", after the marks of the
 * blocks it is in: "> "), which a site that enables Goldmark's block attributes gives the block
 * before it (Hugo's docs: after a table, a list, a quote)? *marks: the length of those marks.
 */
static bool block_attrs(const char *s, size_t n, size_t *marks)
{
	size_t i = container_marks(s, n), close = n;
	char *id = NULL;
	bool ok;

	while (close > i && (s[close - 1] == ' ' || s[close - 1] == '\t' || s[close - 1] == '\r'))
		close--;
	if (close - i < 3 || s[i] != '{' || s[close - 1] != '}')
		return false;
	ok = attr_block(s + i + 1, close - i - 2, &id);
	g_free(id);
	*marks = i;
	return ok;
}

/* The cells of table row s[0, n) (after the marks of the blocks it is in): its pipes not escaped, less those at its ends; one without any; 0 when empty. */
static int row_cells(const char *s, size_t n)
{
	size_t a = container_marks(s, n), b = n;
	int pipes = 0;

	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
		b--;
	for (size_t i = a; i < b; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '|')
			pipes++;
	}
	if (!pipes)
		return b > a;
	return pipes + 1 - (s[a] == '|') - (b - a > 1 && s[b - 1] == '|' && s[b - 2] != '\\');
}

/* The cells of s[0, n) when it is a table's delimiter row ("|:--|--:|", "--|--"), else 0. */
static int delimiter_cells(const char *s, size_t n)
{
	size_t a = container_marks(s, n);
	bool dash = false;

	if (!memchr(s + a, '|', n - a))
		return 0;	/* "---" under a line is a heading's underline */
	for (size_t i = a; i < n; i++) {
		if (!strchr("|:- \t\r", s[i]))
			return 0;
		if (s[i] == '|' && !dash && i > a && s[a] != '|')
			return 0;	/* a cell without a '-' */
		dash = s[i] == '-' ? true : s[i] == '|' ? false : dash;
	}
	return row_cells(s, n);
}

/*
 * Table head row s[0, n), when the delimiter row after it (next, m bytes) has more cells: the
 * cells it lacks, else 0. Hugo's Goldmark makes the table, its head's last cells empty (hugoDocs'
 * "Condition|Return value" over ":--|:--|:--"; a head of one cell has no pipe); GFM's strict
 * count left rows of pipes as text.
 */
static int head_lacks(const char *s, size_t n, const char *next, size_t m)
{
	size_t hm = container_marks(s, n), dm = container_marks(next, m);
	int head = row_cells(s, n), delim = head ? delimiter_cells(next, m) : 0;

	/* In the same blocks: the same quote marks, a list item's marker under it as blanks. */
	if (hm != dm || (hm < n && s[hm] == '[' && g_strstr_len(s + hm, (gssize)(n - hm), "]:")))
		return 0;	/* (nor a link definition's "[x]: http://a|b") */
	for (size_t i = 0; i < hm; i++)
		if (s[i] != next[i] && !(next[i] == ' ' && strchr("-*+.)0123456789", s[i])))
			return 0;
	return delim > head ? delim - head : 0;
}

/* Text between tags: code copied, the rest with headings' ids cut, emoji, the divider found. */
static void render_text(struct render *R, GString *out, size_t from, size_t to, enum mode m, bool top)
{
	const char *s = R->L->s;
	size_t p = from, code_end;

	while (p < to) {
		if (in_code(R, p, &code_end)) {
			size_t e = code_end < to ? code_end : to;

			g_string_append_len(out, s + p, (gssize)(e - p));
			p = e;
			continue;
		}
		if (m == M_RAW) {
			g_string_append_c(out, s[p++]);
			continue;
		}
		if ((p == 0 || s[p - 1] == '\n') && m == M_MARKDOWN && !R->ctx->html) {
			const char *nl = memchr(s + p, '\n', to - p);
			size_t e = nl ? (size_t)(nl - s) : to;
			char *id = NULL;
			size_t cut = heading_attrs(s + p, e - p, &id), marks;
			const char *nl2 = e + 1 < to ? memchr(s + e + 1, '\n', to - e - 1) : NULL;
			size_t code_at, e2 = nl2 ? (size_t)(nl2 - s) : to;
			/* Only a paragraph's lines: not a heading's, a rule's, a link definition's or raw HTML's. */
			int lacks = e + 1 < to && !in_code(R, e + 1, &code_at)
					    && (R->L->code_line[line_at(R->L, e + 1)] & LINE_PARA_ON)
				    ? head_lacks(s + p, e - p, s + e + 1, e2 - e - 1) : 0;

			if (!cut && !lacks && p > 0 && (R->L->code_line[line_at(R->L, p)] & LINE_PARA_ON)) {
				/* This line under the one before: escaped when it can start no table (never_table). */
				size_t a = R->L->line_start[line_at(R->L, p) - 1], mk = container_marks(s + p, e - p);

				if (never_table(s + a, p - 1 - a, s + p, e - p, true)) {
					render_text(R, out, p, p + mk, m, top);
					g_string_append_c(out, '\\');
					g_string_append_c(out, s[p + mk]);	/* '|', ':' or '-': the rest read on */
					p += mk + 1;
					continue;
				}
			}
			if (!cut && lacks) {
				size_t end = e;

				while (end > p && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r'))
					end--;
				render_text(R, out, p, end, m, top);
				if (s[end - 1] != '|' || (end - p > 1 && s[end - 2] == '\\'))
					g_string_append_c(out, '|');	/* the row's end: each pipe after it a cell */
				while (lacks--)
					g_string_append_c(out, '|');
				p = e;
				continue;
			}
			if (!cut && R->ctx->block_attributes && block_attrs(s + p, e - p, &marks)) {
				/* Its container marks kept ("> "), the attributes gone: folio's books style blocks themselves. */
				render_text(R, out, p, p + marks, m, top);
				p = e;
				continue;
			}
			if (cut) {
				if (id) {
					struct sc_heading_id *h = g_new0(struct sc_heading_id, 1);

					h->line = line_at(R->L, p);
					h->id = id;
					g_ptr_array_add(R->res->heading_ids, h);
				}
				render_text(R, out, p, p + cut, m, top);
				p = e;
				continue;
			}
		}
		if (top && s[p] == '<' && p + 11 <= to && !memcmp(s + p, "<!--more-->", 11) && R->res->more < 0)
			R->res->more = (gssize)out->len;
		if (s[p] == ':' && R->ctx->emoji) {
			size_t code_len = 0;
			const char *e = emoji_at(s + p, to - p, &code_len);

			if (e) {
				g_string_append(out, e);
				R->res->emoji++;
				p += code_len;
				continue;
			}
		}
		if (m == M_ESCAPE) {
			size_t e = p + 1;

			/* A run up to the next thing of interest, escaped at once. */
			while (e < to && s[e] != ':' && s[e] != '\n' && !in_code(R, e, &code_end))
				e++;
			if (e < to && s[e] == '\n')
				e++;
			put_escaped(out, s + p, e - p, p == 0 || s[p - 1] == '\n');
			p = e;
			continue;
		}
		if (s[p] == '\\' && p + 1 < to) {
			g_string_append_len(out, s + p, 2);
			p += 2;
			continue;
		}
		g_string_append_c(out, s[p++]);
	}
}

/* The comment form: the shortcode as written, without its comment marks. */
static void render_comment(struct render *R, GString *out, const struct token *t, enum mode m)
{
	const char *inner = R->L->s + t->inner_start;
	size_t n = t->inner_end - t->inner_start;
	char open[4] = { '{', '{', t->delim, 0 }, close[4] = { t->delim == '<' ? '>' : '%', '}', '}', 0 };

	if (t->in_code || m == M_RAW) {
		g_string_append(out, open);
		g_string_append_len(out, inner, (gssize)n);
		g_string_append(out, close);
	} else if (R->ctx->html) {
		char *e = g_markup_escape_text(inner, (gssize)n);

		g_string_append_printf(out, "{{%s%s%s}}", t->delim == '<' ? "&lt;" : "%", e, t->delim == '<' ? "&gt;" : "%");
		g_free(e);
	} else {
		g_string_append(out, t->delim == '<' ? "{{\\<" : "{{%");
		put_escaped(out, inner, n, false);
		g_string_append(out, t->delim == '<' ? "\\>}}" : "%}}");
	}
}

/* param's value: the page's, then the site's; siteparam's (learn's): the site's alone. */
static char *fetch_param(struct render *R, const struct token *t, const char *key)
{
	bool site = !strcmp(t->name, "siteparam");
	char *v = R->ctx->param ? R->ctx->param(R->ctx->data, key, site) : NULL;

	if (!v)
		diag_warn(R->ctx->file, file_line(R, t->line), "shortcode %s: no %s parameter '%s'; nothing is shown",
			  t->name, site ? "site" : "page or site", key);
	return v;
}

static void render_figure(struct render *R, GString *out, const struct token *t)
{
	const char *src = get(t, "src", -1), *title = get(t, "title", -1), *caption = get(t, "caption", -1);
	const char *alt = get(t, "alt", -1), *attr = get(t, "attr", -1);
	GString *cap = g_string_new(NULL);
	char *alt_text;

	if (!src || !*src) {
		diag_warn(R->ctx->file, file_line(R, t->line), "shortcode '%s' has no src; no picture is shown", t->name);
		g_string_free(cap, TRUE);
		return;
	}
	/* What Hugo shows under the picture: the title, the caption (Markdown), the attribution. */
	if (title && *title)
		g_string_append(cap, title);
	if (caption && *caption) {
		char *p = plain(caption);

		g_string_append_printf(cap, "%s%s", cap->len ? " " : "", p);
		g_free(p);
	}
	if (attr && *attr) {
		char *p = plain(attr);

		g_string_append_printf(cap, "%s%s", cap->len ? " " : "", p);
		g_free(p);
	}
	/* Without alt, Hugo takes the caption for it. */
	alt_text = alt ? g_strdup(alt) : caption ? plain(caption) : g_strdup("");
	if (R->ctx->html) {
		g_string_append(out, "<figure><img src=\"");
		xml_escape(out, src, -1);
		g_string_append(out, "\" alt=\"");
		xml_escape(out, alt_text, -1);
		g_string_append(out, "\"/>");
		if (cap->len) {
			g_string_append(out, "<figcaption>");
			xml_escape(out, cap->str, -1);
			g_string_append(out, "</figcaption>");
		}
		g_string_append(out, "</figure>");
	} else {
		g_string_append(out, "![");
		put_md_text(out, alt_text);
		g_string_append(out, "](");
		put_destination(out, src);
		if (cap->len) {
			g_string_append_c(out, ' ');
			put_title(out, cap->str);
		}
		g_string_append_c(out, ')');
	}
	g_free(alt_text);
	g_string_free(cap, TRUE);
}

/* A video, post or snippet a book cannot play: a visible note with its address, linked. */
static void render_embed(struct render *R, GString *out, const struct token *t, enum sc_rendering r, bool block)
{
	const char *id = get(t, "id", 0), *user = get(t, "user", -1), *title = get(t, "title", -1);
	char *url = NULL;
	enum l10n_label label = L_VIDEO;

	switch (r) {
	case SC_YOUTUBE:
		url = id ? g_strdup_printf("https://www.youtube.com/watch?v=%s", id) : NULL;
		break;
	case SC_VIMEO:
		url = id ? g_strdup_printf("https://vimeo.com/%s", id) : NULL;
		break;
	case SC_X:
		label = L_POST;
		url = id && user ? g_strdup_printf("https://x.com/%s/status/%s", user, id) : NULL;
		break;
	case SC_TWITTER:
		label = L_POST;
		url = id ? g_strdup_printf("https://twitter.com/%s/status/%s", user ? user : "i", id) : NULL;
		break;
	case SC_INSTAGRAM:
		label = L_POST;
		url = id ? g_strdup_printf("https://www.instagram.com/p/%s/", id) : NULL;
		break;
	case SC_BILIBILI: {	/* bilibili BV… [page], or an old numeric av id */
		const char *page = get(t, "p", 1);

		if (id && *id)
			url = g_strdup_printf("https://www.bilibili.com/video/%s%s%s%s", id[strspn(id, "0123456789")] ? "" : "av",
					      id, page ? "?p=" : "", page ? page : "");
		break;
	}
	default: {		/* gist USER ID [FILE] */
		const char *u = get(t, "user", 0), *g = get(t, "id", 1), *file = get(t, "file", 2);

		label = L_CODE_SNIPPET;
		if (u && g) {
			char *anchor = file ? g_strdelimit(g_strdup(file), ".", '-') : NULL;

			url = g_strdup_printf("https://gist.github.com/%s/%s%s%s", u, g, anchor ? "#file-" : "",
					      anchor ? anchor : "");
			g_free(anchor);
		}
		break;
	}
	}
	if (!url || strpbrk(url, " \t\n<>\"")) {
		diag_warn(R->ctx->file, file_line(R, t->line), "shortcode '%s' names no %s it can link to; dropped",
			  t->name, r == SC_GIST ? "gist (user and id)" : "post or video (its id)");
		g_free(url);
		return;
	}
	if (R->ctx->html) {
		g_string_append(out, block ? "<p>" : "");
		l10n_lead(out, R->lang, label);
		if (title && *title) {
			xml_escape(out, title, -1);
			g_string_append_c(out, ' ');
		}
		g_string_append_printf(out, "<a href=\"%s\">%s</a>%s", url, url, block ? "</p>" : "");
	} else {
		l10n_lead(out, R->lang, label);
		if (title && *title) {
			put_md_text(out, title);
			g_string_append_c(out, ' ');
		}
		g_string_append_printf(out, "<%s>", url);
	}
	g_free(url);
}

/* A site's refs to pages the book has not come by the hundred (a blog's every tag): summed up. */
static const struct diag_kind ref_missing = { "ref-missing", "refs name no page of the book", NULL };
static const struct diag_kind ref_taxonomy = { "ref-taxonomy", "refs name a taxonomy's page", NULL };

/* Does path name a page of Hugo's usual taxonomies ("tags/ansible", "/categories/aws")? */
static bool taxonomy_page(const char *path)
{
	static const char *const taxonomies[] = { "tags", "categories", "series", "authors", "keywords" };
	size_t n;

	path += strspn(path, "/");
	n = strcspn(path, "/#");
	for (size_t i = 0; i < G_N_ELEMENTS(taxonomies); i++)
		if (n == strlen(taxonomies[i]) && !g_ascii_strncasecmp(path, taxonomies[i], n))
			return true;
	return false;
}

static void render_ref(struct render *R, GString *out, const struct token *t)
{
	const char *path = get(t, "path", 0), *lang = get(t, "lang", -1);
	char *to;

	if (!path || !*path) {
		diag_warn(R->ctx->file, file_line(R, t->line), "shortcode %s names no page", t->name);
		return;
	}
	to = R->ctx->ref ? R->ctx->ref(R->ctx->data, path, lang) : NULL;
	if (!to && taxonomy_page(path)) {
		diag_kind_at(DIAG_NOTE, &ref_taxonomy, "a book has no taxonomy pages; the link keeps its text", NULL,
			     R->ctx->file, file_line(R, t->line), "%s '%s' names a taxonomy's page, which a book has not; "
			     "the link keeps its text", t->name, path);
		return;
	}
	if (!to) {
		diag_kind_at(DIAG_WARNING, &ref_missing, "no such page; the link keeps its text", NULL, R->ctx->file,
			     file_line(R, t->line), "%s '%s'%s%s: no such page; the link keeps its text and goes nowhere",
			     t->name, path, lang ? " in language " : "", lang ? lang : "");
		return;
	}
	if (R->ctx->html)
		xml_escape(out, to, -1);
	else
		put_destination(out, to);
	g_free(to);
}

/*
 * A linked text (link NULL or empty: the text alone), as Markdown or HTML; markup: the text is
 * already so (a button's inner text), not to be escaped.
 */
static void put_link(struct render *R, GString *out, const char *text, bool markup, const char *link)
{
	if (R->ctx->html) {
		if (link && *link) {
			g_string_append(out, "<a href=\"");
			xml_escape(out, link, -1);
			g_string_append(out, "\">");
		}
		if (markup)
			g_string_append(out, text);
		else
			xml_escape(out, text, -1);
		if (link && *link)
			g_string_append(out, "</a>");
		return;
	}
	if (link && *link)
		g_string_append_c(out, '[');
	if (markup)
		g_string_append(out, text);
	else
		put_md_text(out, text);
	if (link && *link) {
		g_string_append(out, "](");
		put_destination(out, link);
		g_string_append_c(out, ')');
	}
}

/* The same of plain text (escaped as it is written). */
static void put_linked(struct render *R, GString *out, const char *text, const char *link)
{
	put_link(R, out, text, false, link);
}

/*
 * A link: LoveIt's and FixIt's (href, content: named or in that order), or a site's own that names
 * them url and text (Kubernetes': its words were dropped), or a button around its inner text
 * (body, Markdown; NULL when self-closing). With no address, its words stay.
 */
static void render_link(struct render *R, GString *out, const struct token *t, const GString *body)
{
	const char *href = get(t, "href", 0), *content = get(t, "content", 1), *page = get(t, "page", -1);

	if (page && !*page)
		page = NULL;
	char *words = body ? g_strstrip(g_strdelimit(g_strdup(body->str), "\r\n", ' ')) : NULL, *paged = NULL;

	if (!href || !*href)
		href = get(t, "url", -1);
	if (!href || !*href)
		href = get(t, "link", -1);	/* Docsy's and dapr's button */
	if ((!href || !*href) && page && *page) {
		/* dapr's button: page= a page of the site, found as ref finds it */
		href = paged = R->ctx->ref ? R->ctx->ref(R->ctx->data, page, NULL) : NULL;
		if (!paged)
			diag_kind_at(DIAG_WARNING, &ref_missing, "no such page; the link keeps its text", NULL, R->ctx->file,
				     file_line(R, t->line), "%s page '%s': no such page; the link keeps its text and goes "
				     "nowhere", t->name, page);
	}
	if (!content || !*content)
		content = get(t, "text", -1);
	if ((!content || !*content) && words && *words && strpbrk(words, "[]")) {
		/* A link in it (or a bracket) cannot nest in the button's: its words, plain, linked. */
		char *flat = plain(words);

		g_free(words);
		words = flat;
		if (*words) {
			put_linked(R, out, words, href);
			g_free(words);
			g_free(paged);
			return;
		}
	}
	if ((!content || !*content) && words && *words) {
		/* the inner text, as Markdown: its own emphasis and code show */
		if ((!href || !*href) && !page)
			diag_warn(R->ctx->file, file_line(R, t->line), "shortcode '%s' names no address (href, url, link "
				  "or page); its words are kept, not linked", t->name);
		put_link(R, out, words, true, href);
		g_free(words);
		g_free(paged);
		return;
	}
	g_free(words);
	if (!href || !*href) {
		if (!page)
			diag_warn(R->ctx->file, file_line(R, t->line), "shortcode '%s' names no address (href, url, "
				  "link or page); %s", t->name, content && *content ? "its words are kept, not linked"
				  : "dropped");
		if (content && *content)
			put_linked(R, out, content, NULL);
		return;
	}
	/* With no words, its address; a page's as written, not the file it is in the book */
	put_linked(R, out, content && *content ? content : paged ? page : href, href);
	g_free(paged);
}

/* Hextra's badge (content= or first), a term (entry= or first): its words, linked by link=. */
static void render_badge(struct render *R, GString *out, const struct token *t)
{
	const char *text = get(t, "content", -1);

	if (!text || !*text)
		text = get(t, "entry", -1);
	if (!text || !*text)
		text = get(t, NULL, 0);
	if (text && *text)
		put_linked(R, out, text, get(t, "link", -1));
}

/* Drop the white space out holds after its last line break: a list item starts its line itself. */
static void trim_line_start(GString *out)
{
	gsize n = out->len;

	while (n > 0 && (out->str[n - 1] == ' ' || out->str[n - 1] == '\t'))
		n--;
	g_string_truncate(out, n);
}

/* A card's list item begins (Markdown). Two cards blocks in a row are two lists, as two grids: the bullet tells them apart. */
static void card_bullet(const struct render *R, GString *out)
{
	if (R->ctx->html)
		return;
	trim_line_start(out);
	g_string_append(out, R->cards && R->cards % 2 == 0 ? "* " : "- ");
}

/*
 * Hextra's card on a line of its own: a list item of its title linked to its page, then its
 * subtitle ("cards" around them make a list of them). Inside a line, the linked title.
 */
static void render_card(struct render *R, GString *out, const struct token *t, bool block)
{
	const char *title = get(t, "title", -1), *sub = get(t, "subtitle", -1), *link = get(t, "link", -1);
	const char *tag = get(t, "tag", -1), *image = get(t, "image", -1), *header = get(t, "header", -1);
	/* Docsy's card (in a cardpane, or with its header or footer) renders them as Markdown: Hextra's are text */
	bool md = R->cardpane || header || get(t, "footer", -1);

	if (!image || !*image)
		image = get(t, "img", -1);
	/* Docsy's header is the card's heading, its title under it: "header: title" (the header was lost). */
	if (header && *header && title && *title) {
		if (block)
			card_bullet(R, out);
		put_link(R, out, header, md, link);
		g_string_append(out, ": ");
		link = NULL;
		block = false;
	} else if (header && *header) {
		title = header;
	}
	if (!title || !*title)
		title = link;
	if ((!title || !*title) && !(image && *image))
		return;
	if (block)
		card_bullet(R, out);
	if (title && *title)
		put_link(R, out, title, md, link);
	/* Its tag (a badge on the card) and picture are the card's too: the picture was lost without a word. */
	if (tag && *tag) {
		g_string_append(out, " (");
		put_linked(R, out, tag, NULL);
		g_string_append_c(out, ')');
	}
	if (sub && *sub) {
		g_string_append(out, ": ");
		put_link(R, out, sub, md, NULL);
	}
	if (image && *image) {
		if (title && *title)
			g_string_append_c(out, ' ');
		if (R->ctx->html) {
			g_string_append(out, "<img src=\"");
			xml_escape(out, image, -1);
			g_string_append(out, "\" alt=\"");
			xml_escape(out, title ? title : "", -1);
			g_string_append(out, "\"/>");
		} else {
			g_string_append(out, "![");
			put_md_text(out, title ? title : "");
			g_string_append(out, "](");
			put_destination(out, image);
			g_string_append_c(out, ')');
		}
	}
}

/*
 * Hextra's file tree: each folder and file on its line a list item of its name, a folder's
 * ("docs/") holding what is inside it, a level deeper however the source is indented.
 */
static GString *inner(struct render *R, const struct token *open, const struct token *close, guint ti, guint tj,
		      enum mode m);

static void render_tree(struct render *R, GString *out, const struct token *t, const struct token *close, guint ti,
			guint tj, bool block)
{
	const char *name = get(t, "name", -1);
	bool folder = !strcmp(t->name, "filetree/folder");
	GString *body;

	if (!name || !*name)
		name = get(t, NULL, 0);
	if (block && !R->ctx->html) {
		trim_line_start(out);
		for (int k = 0; k < R->tree_depth; k++)
			g_string_append(out, "  ");
		g_string_append(out, "- ");
	}
	put_linked(R, out, name && *name ? name : "?", NULL);
	if (folder)
		g_string_append_c(out, '/');
	R->tree_depth++;
	body = inner(R, t, close, ti, tj, M_MARKDOWN);
	R->tree_depth--;
	trim_line_start(body);	/* the closing tag's indent */
	g_string_append_len(out, body->str, (gssize)body->len);
	g_string_free(body, TRUE);
}

/* The inner text of a paired shortcode (tokens ti..tj), rendered in mode m into a new string. */
static GString *inner(struct render *R, const struct token *open, const struct token *close, guint ti, guint tj,
		      enum mode m)
{
	GString *s = g_string_new(NULL);

	if (close)
		render_range(R, s, open->end, close->start, ti, tj, m, false);
	return s;
}

static void put_titled(GString *out, const char *title, const GString *body, bool block, int quotes);
static int quote_marks(const struct render *R, size_t off);
static void render_highlight(struct render *R, GString *out, const struct token *t, const char *lang, GString *code,
			     bool block);

/* "**summary**" leads its content; a hard break when a paragraph line follows, so the two do not run together. */
static void render_details(struct render *R, GString *out, const struct token *t, GString *body, bool block)
{
	/* LoveIt's summary=, hugo-book's and Hextra's title= or first parameter; else "Details" in the article's language. */
	const char *summary = get(t, "summary", -1);

	if (!summary || !*summary)
		summary = get(t, "title", -1);
	if (!summary || !*summary)
		summary = get(t, NULL, 0);
	if (!summary || !*summary)
		summary = l10n_label(R->lang, L_DETAILS);
	if (R->ctx->html) {
		g_string_append(out, "<details><summary>");
		xml_escape(out, summary, -1);
		g_string_append(out, "</summary>");
		g_string_append_len(out, body->str, (gssize)body->len);
		g_string_append(out, "</details>");
		return;
	}
	put_titled(out, summary, body, block, quote_marks(R, t->start));
}

/* Markdown's bold title, then body: on the title's line when it goes on, a line break when it is text on the next. */
/*
 * Does a line that goes on from line starts a block of its own (a list item, a heading, a fence, a
 * quote, a table row), once the quote marks of the container it is in (quotes of them) are passed?
 */
static bool starts_block(const char *line, int quotes)
{
	const char *c = line + strspn(line, " \t"), *d;

	for (int q = 0; q < quotes && *c == '>'; q++)
		c += 1 + strspn(c + 1, " \t");
	if (!*c || *c == '\n' || *c == '>' || *c == '|')
		return true;
	if ((*c == '-' || *c == '*' || *c == '+') && (!c[1] || c[1] == ' ' || c[1] == '\t' || c[1] == '\n'))
		return true;	/* a list item ("**bold**" is none) */
	if (*c == '-' || *c == '*' || *c == '_') {
		int marks = 0;	/* a rule: three or more of one mark, and blanks */

		for (d = c; *d && *d != '\n'; d++)
			if (*d == *c)
				marks++;
			else if (*d != ' ' && *d != '\t')
				break;
		if (marks >= 3 && (!*d || *d == '\n'))
			return true;
	}
	if (*c == '#') {
		for (d = c; *d == '#'; d++)
			;
		return !*d || *d == ' ' || *d == '\t' || *d == '\n';
	}
	if ((*c == '`' || *c == '~') && c[1] == c[0] && c[2] == c[0])
		return true;
	for (d = c; g_ascii_isdigit(*d) && d - c < 9; d++)
		;
	return d > c && (*d == '.' || *d == ')') && (!d[1] || d[1] == ' ' || d[1] == '\t' || d[1] == '\n');
}

/* How many quote marks ("> ") stand before off on its line, nothing else but blanks with them. */
static int quote_marks(const struct render *R, size_t off)
{
	int n = 0;

	while (off > 0 && R->L->s[off - 1] != '\n') {
		char c = R->L->s[--off];

		if (c == '>')
			n++;
		else if (c != ' ' && c != '\t')
			return 0;
	}
	return n;
}

/*
 * Markdown's bold title, then body: on the title's line when it goes on, a line break when it is
 * text on the next (quotes: the quote marks the tag's line stands behind).
 */
static void put_titled(GString *out, const char *title, const GString *body, bool block, int quotes)
{
	const char *rest = body->str;

	put_label(out, title);
	if (block && body->len) {
		if (rest[0] == '\n' && !starts_block(rest + 1, quotes))
			g_string_append_c(out, '\\');
		else if (rest[0] != '\n' && !clreq_is_cjk(g_utf8_get_char_validated(rest, -1)))
			g_string_append_c(out, ' ');	/* "**Title** text"; Chinese joins its title unspaced */
	} else if (body->len) {
		g_string_append_c(out, ' ');
	}
	g_string_append_len(out, body->str, (gssize)body->len);
}

/*
 * A tabs block: its tabs one after another. Labels its tabs may take in turn: dapr's and Docsy's
 * positional parameters (tabs ".NET" Python), Hextra's items="JSON,YAML"; hugo-book's and
 * geekdoc's one positional parameter is the block's id, never a tab's label (their tabs name their own).
 */
static void render_tabs(struct render *R, GString *out, const struct token *t, const struct token *close, guint ti,
			guint tj)
{
	const struct token *outer = R->tabs;
	char **labels = R->tab_labels, *items = (char *)get(t, "items", -1);
	guint next = R->tab_next, n = 0;
	GString *body;

	R->tabs = t;
	R->tab_next = 0;
	if (items && *items) {
		R->tab_labels = g_strsplit(items, ",", -1);
	} else {
		R->tab_labels = g_new0(char *, t->params->len + 1);
		for (guint i = 0; i < t->params->len; i++) {
			const struct param *p = g_ptr_array_index(t->params, i);

			if (!p->key)
				R->tab_labels[n++] = g_strdup(p->value);
		}
	}
	for (char **l = R->tab_labels; *l; l++)
		g_strstrip(*l);
	body = inner(R, t, close, ti, tj, M_MARKDOWN);
	g_string_append_len(out, body->str, (gssize)body->len);
	g_string_free(body, TRUE);
	g_strfreev(R->tab_labels);
	R->tabs = outer;
	R->tab_labels = labels;
	R->tab_next = next;
}

/*
 * A tab: its label in bold (name=, header=, title=, its first parameter, else its place's in the
 * tabs block around it), then its content: Markdown, except in Docsy's tabpane, where a tab is
 * code (in its lang= or the pane's) unless text=true.
 */
static void render_tab(struct render *R, GString *out, const struct token *t, const struct token *close, guint ti,
		       guint tj, bool block)
{
	const char *label = get(t, "name", -1), *lang = get(t, "lang", -1), *text = get(t, "text", -1);
	bool pane = R->tabs && !g_ascii_strcasecmp(R->tabs->name, "tabpane"), code;
	guint place = R->tab_next++;
	GString *body;

	if (pane && !text)
		text = get(R->tabs, "text", -1);	/* the pane's text=true: its tabs' default */
	code = pane && !(text && !strcmp(text, "true"));
	if (!label || !*label)
		label = get(t, "header", -1);
	if (!label || !*label)
		label = get(t, "title", -1);
	if (!label || !*label)
		label = get(t, NULL, 0);
	if ((!label || !*label) && R->tab_labels && place < g_strv_length(R->tab_labels))
		label = R->tab_labels[place];
	if (label && !*label)
		label = NULL;
	if (code && (!lang || !*lang))
		lang = get(R->tabs, "lang", -1);
	body = inner(R, t, close, ti, tj, code ? M_RAW : M_MARKDOWN);
	if (label && R->ctx->html) {
		g_string_append(out, "<p><strong>");
		xml_escape(out, label, -1);
		g_string_append(out, "</strong></p>");
	}
	if (code && !body->str[strspn(body->str, " \t\n")]) {
		/* No code (Docsy's disabled tab, a header for the tabs after it): its label alone. */
		if (label && !R->ctx->html)
			put_label(out, label);
	} else if (code) {
		/* Docsy trims the code's blank lines at its end. */
		while (body->len >= 2 && body->str[body->len - 1] == '\n' && body->str[body->len - 2] == '\n')
			g_string_truncate(body, body->len - 1);
		if (label && !R->ctx->html) {
			put_label(out, label);
			if (block && strchr(body->str, '\n')) {
				/* The fence on a line of its own, at the tag's place (a list item's, a quote's):
				   a line more than written when the code follows the tag (res->shifts says it). */
				size_t at = t->start;

				while (at > 0 && R->L->s[at - 1] != '\n')
					at--;
				g_string_append_c(out, '\n');
				g_string_append_len(out, R->L->s + at, (gssize)(t->start - at));
				if (g_str_has_prefix(body->str, "\n\n"))
					g_string_erase(body, 0, 1);
				else
					add_shift(R, t->line, 1);
			} else {
				g_string_append_c(out, ' ');
			}
		}
		render_highlight(R, out, t, lang, body, block);
	} else if (label && !R->ctx->html) {
		put_titled(out, label, body, block, quote_marks(R, t->start));
	} else {
		g_string_append_len(out, body->str, (gssize)body->len);
	}
	/* Tabs of one line each, one under another (Hextra's), each a line of its own: a hard break. */
	if (!code && !R->ctx->html && close && !strchr(body->str, '\n') && R->L->s[close->end] == '\n')
		g_string_append(out, "  ");
	g_string_free(body, TRUE);
}

/*
 * include and readfile: the text they name where they stand, at the tag's indent (a list item's
 * own), read by a pre-pass of its own (a page's shortcodes rendered, as Hugo's RenderShortcodes;
 * its messages name its file), or as code (readfile code=true, in lang=).
 */
static void render_include(struct render *R, GString *out, const struct token *t, bool block)
{
	bool page = g_ascii_strcasecmp(t->name, "readfile") != 0;
	const char *path = get(t, "file", 0), *code = get(t, "code", -1), *why = NULL;
	struct sc_budget *b = R->ctx->budget ? R->ctx->budget : &R->budget;
	char *file = NULL, *dir = NULL, *text, *indent;
	int first = 1;
	size_t len, before = out->len;

	if (!path || !*path) {
		diag_warn(R->ctx->file, file_line(R, t->line), "shortcode '%s' names no file; nothing of it is shown",
			  t->name);
		return;
	}
	if (R->ctx->depth >= SC_MAX_INCLUDES || b->count >= SC_MAX_INCLUDED) {
		bool deep = R->ctx->depth >= SC_MAX_INCLUDES, *told = deep ? &b->told_depth : &b->told_count;

		if (!*told)
			diag_warn(R->ctx->file, file_line(R, t->line), deep ? "%s '%s' is inside %d includes (one of "
				  "itself?); it is left out, and so is any other so deep" : "%s '%s' and those after it "
				  "are left out: the page includes more than %d texts", t->name, path,
				  deep ? SC_MAX_INCLUDES : SC_MAX_INCLUDED);
		*told = true;
		return;
	}
	text = R->ctx->include ? R->ctx->include(R->ctx->data, path, page, R->ctx->dir, &file, &dir, &first, &why) : NULL;
	if (!text) {
		diag_warn(R->ctx->file, file_line(R, t->line), "%s '%s': %s; nothing of it is shown", t->name, path,
			  why ? why : "no such page or file");
		return;
	}
	for (const struct sc_context *c = R->ctx; c; c = c->outer)
		if (c->file && !strcmp(c->file, file)) {
			diag_warn(R->ctx->file, file_line(R, t->line), "%s '%s' is included inside itself; the second time "
				  "is left out", t->name, path);
			g_free(text);
			g_free(file);
			g_free(dir);
			return;
		}
	len = strlen(text);
	b->count++;
	if ((b->bytes += len) > SC_MAX_INCLUDED_BYTES) {
		if (!b->told_count)
			diag_warn(R->ctx->file, file_line(R, t->line), "%s '%s' and those after it are left out: the "
				  "page's includes take more than %d MB", t->name, path, SC_MAX_INCLUDED_BYTES >> 20);
		b->told_count = true;
		b->count = SC_MAX_INCLUDED;
		g_free(text);
		g_free(file);
		g_free(dir);
		return;
	}
	while (len && text[len - 1] == '\n')
		text[--len] = '\0';
	if (code && !strcmp(code, "true")) {
		GString *c = g_string_new(text);

		g_string_prepend_c(c, '\n');
		render_highlight(R, out, t, get(t, "lang", -1), c, block);
		g_string_free(c, TRUE);
	} else {
		struct sc_context sub = *R->ctx;
		struct sc_result res;

		sub.file = file;
		sub.first_line = first;
		sub.dir = dir;
		sub.depth++;
		sub.outer = R->ctx;
		sub.budget = b;
		sc_prepass(&sub, text, len, &res);
		/* Its unknown shortcodes counted with the page's, said at the include's line. */
		for (guint i = 0; i < res.unknown->len; i++) {
			const struct unknown_shortcode *u = g_ptr_array_index(res.unknown, i);
			struct unknown_shortcode *had = unknown_entry(R, u->name, file_line(R, t->line));

			had->count += u->count;
			had->paired += u->paired;
			had->verbatim += u->verbatim;
		}
		/* Its headings' {#id}s, at their lines in the text put here (links to them went nowhere). */
		for (guint i = 0; i < res.heading_ids->len; i++) {
			struct sc_heading_id *h = g_ptr_array_index(res.heading_ids, i), *o = g_new0(struct sc_heading_id, 1);

			o->line = t->line;
			o->offset = lines_output(res.shifts, h->line) + (h->offset ? h->offset - 1 : 0);
			o->id = h->id;
			h->id = NULL;
			g_ptr_array_add(R->res->heading_ids, o);
		}
		/* Each of its lines at the tag's indent, so that it stays in the list item or quote it is in. */
		indent = block ? indent_of(R, t->start) : g_strdup("");
		for (const char *l = res.text; *l;) {
			const char *nl = strchr(l, '\n');
			size_t n = nl ? (size_t)(nl - l) + 1 : strlen(l);

			if (l != res.text && n > 1)
				g_string_append(out, indent);
			g_string_append_len(out, l, (gssize)n);
			l += n;
		}
		g_free(indent);
		sc_result_clear(&res);
	}
	/* Its lines past the tag's own: said where they were put (messages after it name the lines written). */
	add_shift(R, t->line, (int)count_nl(out->str + before, out->len - before) - (int)count_nl(R->L->s + t->start,
												     t->end - t->start));
	g_free(text);
	g_free(file);
	g_free(dir);
}

/* A block quote of the inner text: each of its lines behind "> ", at the tag's indent. */
static void render_quote(struct render *R, GString *out, const struct token *t, GString *body, bool block)
{
	const char *p = body->str, *end = p + strlen(p);
	char *indent;

	if (R->ctx->html) {
		g_string_append(out, "<blockquote>");
		g_string_append_len(out, body->str, (gssize)body->len);
		g_string_append(out, "</blockquote>");
		return;
	}
	if (!block || !body->str[strspn(body->str, " \t\n")]) {
		/* Inside a line its text only; an empty one (self-closing) leaves nothing. */
		g_string_append_len(out, body->str, (gssize)body->len);
		return;
	}
	indent = indent_of(R, t->start);
	g_string_append_c(out, '>');
	if (*p && *p != '\n')
		g_string_append_c(out, ' ');
	/* A line at a time: a note's text is quoted again at every level of notes around it. */
	for (const char *nl; (nl = memchr(p, '\n', (size_t)(end - p))); p = nl + 1) {
		g_string_append_len(out, p, (gssize)(nl - p));
		g_string_append_c(out, '\n');
		g_string_append(out, indent);
		g_string_append(out, nl[1] && nl[1] != '\n' ? "> " : ">");
	}
	g_string_append_len(out, p, (gssize)(end - p));
	g_free(indent);
}

/*
 * Is a note's first parameter a kind or a style class (hugo-theme-next's {{< note info >}},
 * {{< note primary no-icon >}}: the theme prints no title), not its title? One lowercase word.
 */
static bool callout_class(const char *lang, const char *word)
{
	static const char *const styles[] = { "default", "primary", "secondary", "light", "dark", "no-icon", "flat",
					      "simple", "modern", "disabled" };

	if (!word || !*word || word[strspn(word, "abcdefghijklmnopqrstuvwxyz-")])
		return false;
	for (size_t i = 0; i < G_N_ELEMENTS(styles); i++)
		if (!strcmp(styles[i], word))
			return true;
	return l10n_callout(lang, word) != NULL;
}

/*
 * A theme's note (admonition, notice, tip ...): a block quote whose first line is its title in bold
 * (title=, else the second positional parameter, else its kind in the article's language, "Warning",
 * "警告": sc_label_lang, its lang:, else its letters'; an admonition with no kind is a note, as
 * LoveIt's and FixIt's templates have it), then the inner text as Markdown. Inside a line, its
 * text only. blank_after: a blank line (or the end) follows the closing tag, so the quote may end
 * on that tag's line.
 */
static void render_callout(struct render *R, GString *out, const struct token *t, GString *body, bool block,
			   bool blank_after)
{
	bool by_kind = false;
	const char *title = get(t, "title", -1), *kind, *named;
	char *label = NULL;
	GString *quoted;
	unsigned have, want, extra;

	for (size_t i = 0; i < G_N_ELEMENTS(kinded); i++)
		by_kind = by_kind || !g_ascii_strcasecmp(kinded[i], t->name);
	kind = by_kind ? (get(t, "type", -1) ? get(t, "type", -1) : get(t, NULL, 0)) : t->name;
	if ((!kind || !*kind) && !g_ascii_strcasecmp(t->name, "admonition"))
		kind = "note";
	if (!by_kind && callout_class(R->lang, get(t, NULL, 0))) {
		/* {{< note warning >}}: a warning; {{< note primary >}}: a note */
		if (l10n_callout(R->lang, get(t, NULL, 0)))
			kind = get(t, NULL, 0);
	} else if (!title || !*title) {
		title = by_kind ? get(t, NULL, 1) : get(t, NULL, 0);
	}
	if (title && *title)
		label = g_strdup(title);
	else if (!g_ascii_strcasecmp(t->name, "callout") && kind && !g_ascii_strcasecmp(kind, "default"))
		label = NULL;	/* Hextra's plain callout: an emoji, no title */
	else if ((!g_ascii_strcasecmp(t->name, "callout") || !g_ascii_strcasecmp(t->name, "hint"))
		 && (named = l10n_alert(R->lang, kind)))
		label = g_strdup(named);	/* Hextra's types and geekdoc's hints are GitHub's alerts' ("important": Important) */
	else if ((named = l10n_callout(R->lang, kind)))
		label = g_strdup(named);
	else if (!g_ascii_strcasecmp(t->name, "alert") && !get(t, "type", -1))
		label = NULL;	/* Congo's and Blowfish's alert: its parameter names an icon, not a kind */
	else if (kind && *kind && g_ascii_isalpha(kind[0]))
		label = g_strdup_printf("%c%s", g_ascii_toupper(kind[0]), kind + 1);
	if (!block && !R->ctx->html) {
		/* Inside a line, its text only. */
		g_string_append_len(out, body->str, (gssize)body->len);
		g_free(label);
		return;
	}
	quoted = g_string_new(NULL);
	if (label && R->ctx->html) {
		g_string_append(quoted, "<p><strong>");
		xml_escape(quoted, label, -1);
		g_string_append(quoted, "</strong></p>");
	} else if (label) {
		put_label(quoted, label);
		g_string_append(quoted, "\n\n");
	}
	/* the inner text from its first line that says something (HTML: as it is) */
	g_string_append(quoted, R->ctx->html ? body->str : body->str + strspn(body->str, " \t\n"));
	/*
	 * The title's line and the blank after it: where a blank line follows the closing tag, the
	 * quote ends on the inner text's last line, giving one back, so what follows stays on the line
	 * it was written on (and messages name it).
	 */
	have = count_nl(quoted->str, quoted->len);
	want = count_nl(body->str, body->len);
	for (extra = have > want ? have - want : 0; blank_after && extra && quoted->len && quoted->str[quoted->len - 1] == '\n'; extra--)
		g_string_truncate(quoted, quoted->len - 1);
	render_quote(R, out, t, quoted, true);
	g_string_free(quoted, TRUE);
	g_free(label);
}

/* The code of highlight: a fenced block in lang (a code span when it is all on one line). */
static void render_highlight(struct render *R, GString *out, const struct token *t, const char *lang, GString *code,
			     bool block)
{
	size_t run = 0, longest = 0;
	GString *l = g_string_new(NULL);

	for (const char *p = lang ? lang : ""; *p; p++)
		if (g_ascii_isalnum(*p) || strchr("_+#.-", *p))
			g_string_append_c(l, *p);
	if (R->ctx->html) {
		char *e = g_markup_escape_text(code->str[0] == '\n' ? code->str + 1 : code->str, -1);

		g_string_append_printf(out, "<pre><code%s%s%s>%s</code></pre>", l->len ? " class=\"language-" : "",
				       l->str, l->len ? "\"" : "", e);
		g_free(e);
		g_string_free(l, TRUE);
		return;
	}
	for (const char *p = code->str; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	if (!block || !strchr(code->str, '\n')) {
		char *one = g_strdup(code->str);

		g_strstrip(g_strdelimit(one, "\n", ' '));
		for (size_t i = 0; i <= longest; i++)
			g_string_append_c(out, '`');
		g_string_append_printf(out, " %s ", one);
		for (size_t i = 0; i <= longest; i++)
			g_string_append_c(out, '`');
		g_free(one);
	} else {
		char *indent = indent_of(R, t->start);
		size_t fence = longest >= 3 ? longest + 1 : 3;
		const char *last_nl = strrchr(code->str, '\n'), *tail = last_nl ? last_nl + 1 : code->str;

		for (size_t i = 0; i < fence; i++)
			g_string_append_c(out, '`');
		g_string_append(out, l->str);
		if (code->str[0] != '\n')
			g_string_append_c(out, '\n');
		g_string_append(out, code->str);
		/* The closing tag's line holds only its blanks and quote marks: the fence goes there. */
		if (!last_nl || tail[strspn(tail, " \t>")]) {
			if (code->len && code->str[code->len - 1] != '\n')
				g_string_append_c(out, '\n');
			g_string_append(out, indent);
		}
		for (size_t i = 0; i < fence; i++)
			g_string_append_c(out, '`');
		g_free(indent);
	}
	g_string_free(l, TRUE);
}

static enum sc_rendering rendering_of(const struct render *R, const char *name)
{
	const char *mapped = R->ctx->mappings ? g_hash_table_lookup(R->ctx->mappings, name) : NULL;

	return mapped ? sc_rendering_by_name(mapped) : built_in(name);
}

static bool uses_inner(enum sc_rendering r)
{
	return r == SC_HIGHLIGHT || r == SC_DETAILS || r == SC_BLOCKQUOTE || r == SC_MARKDOWN || r == SC_TEXT
	       || r == SC_CALLOUT || r == SC_TABS || r == SC_TAB;
}

/* What the inner text of a {{< >}} shortcode folio does not know is, by the shortcode's name. */
enum inner_kind {
	INNER_MARKDOWN,		/* prose: read as Markdown, as the templates of most themes' wrappers do
				   (markdownify, RenderString: LoveIt's style, PaperMod's collapse, Stack's quote) */
	INNER_CODE,		/* a formula, a chart's data, a diagram's source: a code block, as written */
	INNER_MARKUP		/* raw HTML ("rawhtml", "html", "raw-math"): its text as written, its tags HTML */
};

static enum inner_kind unknown_inner(const char *name)
{
	/* Stems a word of the name starts or ends with ("code-toggle", "katex", "echarts", "flowchart"). */
	static const char *const stems[] = { "math", "katex", "latex", "html", "chart", "charts", "uml", "graphviz",
					     "diagram", "svg", "json", "csv", "asciinema", "music", "mapbox",
					     "terminal", "console", "verbatim" };
	/* Words it is ("tex"), or (the first two) starts with ("codeblock", "rawhtml"; not "barcode", "excalidraw"). */
	static const char *const starts[] = { "code", "raw", "tex", "dot", "pre", "abc" };
	char *low = g_ascii_strdown(name, -1), **words = g_strsplit_set(low, "-_./", -1);
	bool code = false;
	enum inner_kind kind;

	for (char **w = words; *w && !code; w++) {
		for (size_t i = 0; !code && i < G_N_ELEMENTS(stems); i++)
			code = g_str_has_prefix(*w, stems[i]) || g_str_has_suffix(*w, stems[i]);
		for (size_t i = 0; !code && i < G_N_ELEMENTS(starts); i++)
			code = !strcmp(*w, starts[i]) || (i < 2 && g_str_has_prefix(*w, starts[i]));
	}
	kind = !code ? INNER_MARKDOWN : strstr(low, "html") || g_str_has_prefix(low, "raw") ? INNER_MARKUP : INNER_CODE;
	g_strfreev(words);
	g_free(low);
	return kind;
}

static void count_unknown(struct render *R, const struct token *t, bool paired, bool verbatim)
{
	struct unknown_shortcode *u = unknown_entry(R, t->name, file_line(R, t->line));

	u->count++;
	u->paired += paired;
	u->verbatim += paired && verbatim;
}

/*
 * A shortcode's inner text after what its parameters said (said: something was), as Markdown:
 * inside a line after a space; on lines of its own (a card's list item) each line moved in
 * under the item, so its paragraphs stay in it.
 */
static void put_inner_after(const struct render *R, GString *out, const GString *body, bool said, bool block)
{
	const char *p = body->str;

	if (!p[strspn(p, " \t\n")])
		return;	/* nothing but white space: the lines are kept by the caller */
	if (said && !g_ascii_isspace(*p))
		g_string_append_c(out, ' ');	/* "Title first line", not "Titlefirst line" */
	else if (said && block && !R->ctx->html && p[0] == '\n' && !starts_block(p + 1, 0))
		g_string_append_c(out, '\\');	/* its text from the next line a line of its own (Chinese ran into it) */
	if (!said || !block || R->ctx->html || !strchr(p, '\n')) {
		g_string_append_len(out, body->str, (gssize)body->len);
		return;
	}
	for (const char *line = p; *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) + 1 : strlen(line);

		if (line != p && n > 1)
			g_string_append(out, "  ");
		g_string_append_len(out, line, (gssize)n);
		line += n;
	}
}

/* One shortcode (with its closing tag close, or standing alone) rendered into out. */
static void render_shortcode(struct render *R, GString *out, guint oi, const struct token *close, guint ti, guint tj)
{
	const struct token *t = tok(R, oi);
	enum sc_rendering r = rendering_of(R, t->name);
	bool block = starts_line(R, t->start, false), code_block = starts_line(R, t->start, true);
	enum mode inner_mode = t->delim == '%' ? M_MARKDOWN : M_ESCAPE;
	size_t before = out->len, src_end = close ? close->end : t->end;
	GString *body = NULL;
	char *v;

	int added = R->added;	/* lines its insides add say so themselves */

	if (!close && uses_inner(r) && !t->self_closing)
		diag_warn(R->ctx->file, file_line(R, t->line), "shortcode '%s' is never closed (no {{%c /%s %c}}); "
			  "read as if it ended there, the text after it kept", t->name, t->delim, t->name,
			  t->delim == '<' ? '>' : '%');
	R->res->shortcodes++;
	switch (r) {
	case SC_FIGURE:
		render_figure(R, out, t);
		break;
	case SC_HIGHLIGHT:
		/* Code on lines of its own in a quote is a code block there too (its lines keep their "> "). */
		body = inner(R, t, close, ti, tj, M_RAW);
		render_highlight(R, out, t, !strcmp(t->name, "mermaid") ? "mermaid" : get(t, "lang", 0), body, code_block);
		break;
	case SC_DETAILS:
		body = inner(R, t, close, ti, tj, M_MARKDOWN);
		render_details(R, out, t, body, block);
		break;
	case SC_BLOCKQUOTE:
		body = inner(R, t, close, ti, tj, inner_mode);
		render_quote(R, out, t, body, block);
		break;
	case SC_CALLOUT:
		body = inner(R, t, close, ti, tj, M_MARKDOWN);
		render_callout(R, out, t, body, block, blank_line_at(R, src_end));
		break;
	case SC_YOUTUBE: case SC_VIMEO: case SC_X: case SC_TWITTER: case SC_INSTAGRAM: case SC_GIST: case SC_BILIBILI:
		render_embed(R, out, t, r, block);
		break;
	case SC_PARAM: {
		const char *key = get(t, NULL, 0);

		if (key && (v = fetch_param(R, t, key))) {
			g_string_append(out, v);
			g_free(v);
		}
		break;
	}
	case SC_REF: case SC_RELREF:
		render_ref(R, out, t);
		break;
	case SC_LINK:
		if (close)
			body = inner(R, t, close, ti, tj, M_MARKDOWN);
		render_link(R, out, t, body);
		break;
	case SC_BADGE: case SC_CARD: {
		/* Their words in parameters (Hextra's), or between their tags (Blowfish's and Congo's badge). */
		size_t had = out->len;

		const char *footer = r == SC_CARD ? get(t, "footer", -1) : NULL, *code = get(t, "code", -1);

		if (r == SC_CARD && close && code && !strcmp(code, "true") && code_block && !R->ctx->html) {
			/* Docsy's code card: its title, then its text as code in lang= (it was read as prose) */
			render_card(R, out, t, block);
			body = inner(R, t, close, ti, tj, M_RAW);
			if (out->len > had) {
				g_string_append_c(out, '\n');
				if (body->str[0] == '\n')
					add_shift(R, t->line, 1);
				else
					g_string_prepend_c(body, '\n');
			}
			render_highlight(R, out, t, get(t, "lang", -1), body, true);
			footer = NULL;
		} else {
			if (r == SC_BADGE)
				render_badge(R, out, t);
			else
				render_card(R, out, t, block);
			if (close) {
				body = inner(R, t, close, ti, tj, M_MARKDOWN);
				put_inner_after(R, out, body, out->len > had, block);
			}
		}
		/* Docsy's footer after the card's text: on its closing tag's line, in the item (it was lost). */
		if (footer && *footer && !R->ctx->html) {
			bool own_line = block && out->len > had && out->str[out->len - 1] == '\n';

			if (own_line) {
				g_string_truncate(out, out->len - 1);
				g_string_append(out, "\\\n  ");
			} else if (out->len > had) {
				g_string_append(out, " — ");
			}
			put_link(R, out, footer, true, NULL);
		}
		break;
	}
	case SC_TREE:
		render_tree(R, out, t, close, ti, tj, block);
		break;
	case SC_TABS:
		render_tabs(R, out, t, close, ti, tj);
		break;
	case SC_TAB:
		render_tab(R, out, t, close, ti, tj, code_block);
		break;
	case SC_INCLUDE:
		render_include(R, out, t, code_block);
		break;
	case SC_MARKDOWN: case SC_TEXT:
		if (!strcmp(t->name, "cards"))
			R->cards++;
		R->cardpane += !strcmp(t->name, "cardpane");
		body = inner(R, t, close, ti, tj, r == SC_TEXT ? M_ESCAPE : M_MARKDOWN);
		R->cardpane -= !strcmp(t->name, "cardpane");
		g_string_append_len(out, body->str, (gssize)body->len);
		break;
	case SC_DROP:
		if (!strcmp(t->name, "fixit-encryptor"))
			diag_note(R->ctx->file, file_line(R, t->line),
				  "text locked with a password (fixit-encryptor) left out: a book would print it in clear");
		else if (g_str_has_suffix(t->name, ".inline") && close)
			diag_note(R->ctx->file, file_line(R, t->line),
				  "inline shortcode '%s' left out: its text is a template Hugo runs", t->name);
		break;
	default: {
		/* Unknown: its tags dropped, its inner text as its name says (unknown_inner; {{% %}}: Markdown). */
		enum inner_kind kind = t->delim == '<' ? unknown_inner(t->name) : INNER_MARKDOWN;

		count_unknown(R, t, close != NULL, kind != INNER_MARKDOWN);
		if (kind == INNER_CODE && close) {
			/* lang=, or a code shortcode's first parameter; katex's "display" is a flag, no language */
			body = inner(R, t, close, ti, tj, M_RAW);
			render_highlight(R, out, t, get(t, "lang", g_str_has_prefix(t->name, "code") ? 0 : -1), body, code_block);
			break;
		}
		body = inner(R, t, close, ti, tj, kind == INNER_MARKDOWN ? M_MARKDOWN : M_ESCAPE);
		g_string_append_len(out, body->str, (gssize)body->len);
		break;
	}
	}
	if (body)
		g_string_free(body, TRUE);
	/* A list item (a card, a file tree's) took the spaces its line began with: no line break among them. */
	before = MIN(before, out->len);
	/* Keep the lines: the text after the shortcode stays on the line it was written on. */
	{
		unsigned have = count_nl(out->str + before, out->len - before),
			 want = count_nl(R->L->s + t->start, src_end - t->start);

		for (; have < want; have++)
			g_string_append_c(out, '\n');
		/* More than the ones said where they were made (add_shift): said here, for messages. */
		if (have > want)
			add_shift(R, t->line, (int)(have - want) - (R->added - added));
	}
}

static void render_range(struct render *R, GString *out, size_t from, size_t to, guint ti, guint tj, enum mode m,
			 bool top)
{
	size_t p = from;
	guint i = ti;

	while (p < to) {
		size_t next = i < tj ? tok(R, i)->start : to;
		struct token *t;

		if (next > to)
			next = to;
		render_text(R, out, p, next, m, top);
		p = next;
		if (i >= tj || p >= to)
			break;
		t = tok(R, i);
		if (t->kind == T_COMMENT) {
			render_comment(R, out, t, m);
		} else if (m == M_RAW) {
			/* Inside code text (highlight): a tag stays as written. */
			g_string_append_len(out, R->L->s + t->start, (gssize)(t->end - t->start));
		} else if (t->kind == T_BAD) {
			diag_warn(R->ctx->file, file_line(R, t->line), "%s", t->problem);
			if (t->keep_text)
				g_string_append_len(out, R->L->s + t->start, (gssize)(t->end - t->start));
		} else if (R->depth >= SC_MAX_NESTING && t->pair >= (int)ti && t->pair < (int)tj) {
			/* Too deep: its tags left out (their lines kept), its inner text read on here. */
			if (!R->told_deep)
				diag_warn(R->ctx->file, file_line(R, t->line), "shortcode '%s' is nested deeper than %d "
					  "levels: read as its inner text, without its tags (and so are those inside it)",
					  t->name, SC_MAX_NESTING);
			R->told_deep = true;
			if (t->kind == T_OPEN && rendering_of(R, t->name) == SC_UNKNOWN)
				count_unknown(R, t, true, m != M_MARKDOWN);
			for (unsigned k = count_nl(R->L->s + t->start, t->end - t->start); k; k--)
				g_string_append_c(out, '\n');
		} else if (t->kind == T_CLOSE) {
			diag_warn(R->ctx->file, file_line(R, t->line), "closing shortcode '/%s' closes nothing; dropped",
				  t->name);
		} else if (t->pair > (int)i && t->pair < (int)tj) {
			struct token *close = tok(R, (guint)t->pair);

			size_t before = out->len;

			R->depth++;
			render_shortcode(R, out, i, close, i + 1, (guint)t->pair);
			R->depth--;
			p = close->end;
			p += drop_empty_emphasis(R, out, before, p, to);
			i = (guint)t->pair + 1;
			continue;
		} else {
			size_t before = out->len;

			render_shortcode(R, out, i, NULL, i + 1, i + 1);
			p = t->end + drop_empty_emphasis(R, out, before, t->end, to);
			i++;
			continue;
		}
		p = t->end;
		i++;
	}
}

void sc_result_clear(struct sc_result *r)
{
	g_free(r->text);
	if (r->heading_ids) {
		for (guint i = 0; i < r->heading_ids->len; i++) {
			struct sc_heading_id *h = g_ptr_array_index(r->heading_ids, i);

			g_free(h->id);
			g_free(h);
		}
		g_ptr_array_free(r->heading_ids, TRUE);
	}
	if (r->unknown)
		g_ptr_array_unref(r->unknown);
	if (r->shifts)
		g_array_unref(r->shifts);
	memset(r, 0, sizeof *r);
}

/* The language of the notes' labels: the article's, else a look at the body's letters. */
char *sc_label_lang(const struct sc_context *ctx, const char *body, size_t len)
{
	unsigned han = 0, latin = 0;
	bool unclosed = false;	/* a "{{" found no "}}" after it: none after it will */

	if (ctx->lang && *ctx->lang)
		return g_strdup(ctx->lang);
	for (const char *p = body; p < body + len; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		/* Not the tags' own letters ({{< callout type="important" >}}): only the text's. */
		if (c == '{' && p + 1 < body + len && p[1] == '{' && !unclosed) {
			const char *close = g_strstr_len(p + 2, body + len - (p + 2), "}}");

			if (close) {
				p = close + 1;
				continue;
			}
			unclosed = true;	/* 100,000 unclosed tags were each a search to the end */
		}
		if (g_unichar_get_script(c) == G_UNICODE_SCRIPT_HAN)
			han++;
		else if (g_ascii_isalpha((char)c) && c < 128)
			latin++;
	}
	return g_strdup(han * 2 >= latin && han ? "zh" : "en");
}

static gint by_source(gconstpointer x, gconstpointer y)
{
	const struct line_shift *a = x, *b = y;

	return (a->src > b->src) - (a->src < b->src);
}

/* The shifts in the body's order, each with the rendered line it begins and the lines added up to it. */
static void finish_shifts(GArray *shifts)
{
	int total = 0;

	if (!shifts)
		return;
	/* (GLib's sort is stable: shifts made at one line stay in the order made) */
	g_array_sort(shifts, by_source);
	for (guint i = 0; i < shifts->len; i++) {
		struct line_shift *sh = &g_array_index(shifts, struct line_shift, i);

		sh->out = sh->src + total;
		total += sh->extra;
		sh->shift = total;
	}
}

void sc_prepass(const struct sc_context *ctx, const char *body, size_t len, struct sc_result *out)
{
	struct lexer L = { body, len, g_array_new(FALSE, TRUE, sizeof(struct token)), g_array_new(FALSE, FALSE, sizeof(size_t)),
			   NULL, 0, NULL };
	struct render R = { ctx, &L, out, g_hash_table_new(g_str_hash, g_str_equal), NULL };
	GString *s = g_string_sized_new(len + 16);

	memset(out, 0, sizeof *out);
	out->heading_ids = g_ptr_array_new();
	out->unknown = g_ptr_array_new_with_free_func(unknown_shortcode_free);
	out->more = -1;
	/* Nothing to do for most bodies: no shortcode, divider, attribute block, table or (wanted) emoji code. */
	if (!g_strstr_len(body, (gssize)len, "{{") && !g_strstr_len(body, (gssize)len, "<!--more-->")
	    && !memchr(body, '{', len) && !memchr(body, '|', len)
	    && !(ctx->emoji && memchr(body, ':', len))) {
		g_string_append_len(s, body, (gssize)len);
		out->len = s->len;
		out->text = g_string_free(s, FALSE);
		g_array_free(L.tokens, TRUE);
		g_array_free(L.code, TRUE);
		g_hash_table_destroy(R.unknown);
		return;
	}
	lex(&L, ctx->html);
	pair_tags(&L);
	R.lang = L.tokens->len ? sc_label_lang(ctx, body, len) : NULL;
	render_range(&R, s, 0, len, 0, L.tokens->len, M_MARKDOWN, true);
	finish_shifts(out->shifts);
	out->len = s->len;
	out->text = g_string_free(s, FALSE);
	for (guint i = 0; i < L.tokens->len; i++) {
		struct token *t = &g_array_index(L.tokens, struct token, i);

		g_free(t->name);
		g_free(t->problem);
		if (t->params)
			g_ptr_array_free(t->params, TRUE);
	}
	g_array_free(L.tokens, TRUE);
	g_array_free(L.code, TRUE);
	g_free(L.code_line);
	g_free(L.line_start);
	g_hash_table_destroy(R.unknown);
	g_free(R.lang);
}
