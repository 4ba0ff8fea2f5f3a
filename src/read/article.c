/* article.c - loads an article: bytes, encoding checks, front matter, Markdown tree. */
#include "read/article.h"

#include <string.h>
#include <zlib.h>

#include "base/diag.h"
#include "read/markdown.h"
#include "read/passthrough.h"
#include "text/alerts.h"
#include "text/clreq.h"
#include "text/nodetext.h"
#include "text/textnorm.h"

void article_drop_tree(struct article *a)
{
	cmark_node_free(a->doc);
	a->doc = NULL;
}

/* Line (1-based) of byte offset off in text. */
static int line_of(const char *text, size_t off)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	return line;
}

struct article *article_read(const char *file, const char *real, const struct root *root,
			     const char *rel, GTimeZone *tz, const char **why)
{
	char *raw = NULL, *text;
	gsize len = 0;
	GError *err = NULL;
	const char *bad;
	struct fm_region fr;
	int split;
	struct article *a;

	if (!g_file_get_contents(real, &raw, &len, &err)) {
		diag_warn(file, 0, "cannot read: %s", err->message);
		g_error_free(err);
		*why = "unreadable";
		return NULL;
	}
	text = raw;
	/* Byte-order marks (editors on Windows have saved two; Hugo reads past them all). */
	while (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	if (!g_utf8_validate(text, (gssize)len, &bad)) {
		diag_warn(file, line_of(text, (size_t)(bad - text)),
			  *bad ? "invalid UTF-8 (byte 0x%02X)" : "contains a NUL byte (0x%02X)",
			  (unsigned char)*bad);
		g_free(raw);
		*why = "invalid UTF-8";
		return NULL;
	}
	a = article_new();
	/* What the file holds, for the book's identifier: CRC-32, Adler-32 and size, cheap to take. */
	g_snprintf(a->bytes_sum, sizeof a->bytes_sum, "%08lx%08lx-%zu",
		   crc32_z(crc32(0L, Z_NULL, 0), (const Bytef *)text, len),
		   adler32_z(adler32(0L, Z_NULL, 0), (const Bytef *)text, len), len);
	len = textnorm_newlines(text, len);

	split = fm_split(file, text, len, &fr);
	if (split == -1) {
		*why = "unterminated front matter";
		goto fail;
	}
	if (split == 1 && !fm_parse(file, &fr, tz, &a->fm)) {
		*why = "bad front matter";
		goto fail;
	}
	{
		/* The summary is shown as the standfirst: its quotes are set like the body's. */
		char *curled = textnorm_cjk_quotes_text(a->fm.summary.text);

		if (curled) {
			g_free(a->fm.summary.text);
			a->fm.summary.text = curled;
		}
	}
	a->file = g_strdup(file);
	a->real = g_strdup(real);
	a->dir = g_path_get_dirname(real);
	a->rel = g_strdup(rel);
	a->root = root;
	a->body_line = fr.body_line;
	a->source_len = (size_t)(text + len - fr.body);
	a->source = g_strndup(fr.body, a->source_len);
	{
		char *base = g_path_get_basename(real);

		a->html = g_str_has_suffix(base, ".html") || g_str_has_suffix(base, ".htm");
		/* _index.md, index.md, and Hugo's _index.en.md, index.en.md, index.html */
		a->section_index = g_str_has_prefix(base, "_index.");
		a->bundle = g_str_has_prefix(base, "index.");
		g_free(base);
	}
	g_free(raw);
	return a;
fail:
	article_free(a);
	g_free(raw);
	return NULL;
}

/* What HTML says as text (tags dropped, entities kept): a .html page's summary. */
static char *html_text(const char *html, size_t len)
{
	GString *s = g_string_new(NULL);
	bool tag = false;

	for (size_t i = 0; i < len; i++) {
		if (html[i] == '<')
			tag = true;
		else if (html[i] == '>')
			tag = false;
		else if (!tag)
			g_string_append_c(s, html[i]);
	}
	return g_strstrip(g_string_free(s, FALSE));
}

/*
 * A .html body as CommonMark keeps it raw: lines outside <pre> lose their indent (in HTML it means
 * nothing; in Markdown four spaces after a blank line start a code block). Same lines, in place.
 */
static void dedent_html(char *text, size_t *len)
{
	size_t j = 0;
	int pre = 0;
	bool bol = true;

	for (size_t i = 0; i < *len; i++) {
		char c = text[i];

		if (c == '<' && !g_ascii_strncasecmp(text + i, "<pre", 4))
			pre++;
		else if (c == '<' && !g_ascii_strncasecmp(text + i, "</pre", 5) && pre > 0)
			pre--;
		if (bol && !pre && (c == ' ' || c == '\t'))
			continue;
		bol = c == '\n';
		text[j++] = c;
	}
	text[j] = '\0';
	*len = j;
}

/*
 * The text before <!--more--> as one summary: its blocks joined by a space, none between
 * Chinese (or Japanese, Korean) characters ("First.Second." had no space).
 */
static char *summary_text(cmark_node *doc)
{
	GString *s = g_string_new(NULL);

	for (cmark_node *b = cmark_node_first_child(doc); b; b = cmark_node_next(b)) {
		char *t = g_strstrip(node_plain_text(b));

		if (*t && s->len && !clreq_is_cjk(g_utf8_get_char(g_utf8_prev_char(s->str + s->len)))
		    && !clreq_is_cjk(g_utf8_get_char(t)))
			g_string_append_c(s, ' ');
		g_string_append(s, t);
		g_free(t);
	}
	return g_string_free(s, FALSE);
}

/*
 * Markdown as a parse reads it: its alerts ("> [!NOTE]") titled as a theme's notes are, in the
 * same language (text/alerts.c), then passthrough's snippets marked (*spans). A new string of
 * *out_len bytes, or NULL when the text is read as it is.
 */
static char *ready_to_parse(const struct sc_context *ctx, const char *text, size_t len, size_t *out_len,
			    GPtrArray **spans)
{
	size_t alerted_len = 0, kept_len = 0;
	char *lang = memmem(text, len, "[!", 2) ? sc_label_lang(ctx, text, len) : NULL;
	char *alerted = lang ? alerts_rewrite(text, len, lang, markdown_parse, &alerted_len) : NULL;
	char *kept = passthrough_protect(ctx->passthrough, alerted ? alerted : text, alerted ? alerted_len : len,
					 markdown_parse, &kept_len, spans);

	g_free(lang);
	if (kept) {
		g_free(alerted);
		*out_len = kept_len;
		return kept;
	}
	*out_len = alerted_len;
	return alerted;
}

static bool private_use(gunichar c)
{
	return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0x10FFFD);
}

enum { PRIVATE_USE_NAMED = 6 };	/* code points a message lists */

/*
 * Private-use characters in the body (an icon font's: Font Awesome, Nerd Fonts; Word's Symbol-font
 * bullet U+F0B7; an old Hong Kong encoding's HKSCS characters): no standard says what they show, so
 * each book shows what fonts it finds (the PDF: OpenSymbol's bullet, Unifont's hex-like pictures,
 * an unrelated character of a Hong Kong font; a reader, often a box). Said once an article, at the first.
 */
static void report_private_use(const struct article *a)
{
	GString *names = NULL;
	GHashTable *seen = NULL;
	guint count = 0;
	int line = 1, first = 0;
	bool more = false;	/* other characters than those named */

	for (const char *p = a->markdown; p && *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (c == '\n')
			line++;
		if (!private_use(c))
			continue;
		count++;
		if (!seen) {
			seen = g_hash_table_new(NULL, NULL);
			names = g_string_new(NULL);
			first = line;
		}
		if (g_hash_table_contains(seen, GUINT_TO_POINTER(c)))
			continue;
		if (g_hash_table_size(seen) == PRIVATE_USE_NAMED) {
			more = true;
			continue;
		}
		g_hash_table_add(seen, GUINT_TO_POINTER(c));
		g_string_append_printf(names, "%sU+%04X", names->len ? ", " : "", c);
	}
	if (!seen)
		return;
	diag_warn(a->file, a->body_line + lines_source(a->line_shifts, first) - 1,
		  "%u private-use character%s (%s%s): no standard says what they show (an icon font's, a Word "
		  "symbol bullet, an old encoding's); each book shows what fonts it finds for them (the EPUB, its "
		  "reader's), perhaps a box or another character",
		  count, count == 1 ? "" : "s", names->str, more ? ", ..." : "");
	g_string_free(names, TRUE);
	g_hash_table_destroy(seen);
}

GPtrArray *article_parse(struct article *a, const struct sc_context *ctx)
{
	struct sc_result res;
	GPtrArray *unknown;

	sc_prepass(ctx, a->source ? a->source : "", a->source_len, &res);
	g_clear_pointer(&a->source, g_free);
	/* Lines its includes added: the tree's lines are the rendered text's, messages name the file's. */
	if (a->line_shifts)
		g_array_unref(a->line_shifts);
	a->line_shifts = res.shifts ? g_array_ref(res.shifts) : NULL;
	if (res.heading_ids->len) {
		a->heading_ids = g_hash_table_new_full(NULL, NULL, NULL, g_free);
		for (guint i = 0; i < res.heading_ids->len; i++) {
			struct sc_heading_id *h = g_ptr_array_index(res.heading_ids, i);

			/* (an included heading's: at its line in the text its include put here) */
			g_hash_table_insert(a->heading_ids, GINT_TO_POINTER(lines_output(res.shifts, h->line)
									    + (h->offset ? h->offset - 1 : 0)),
					    g_strdup(h->id));
		}
	}
	/* Hugo's summary: the front matter's, else what comes before <!--more-->. */
	if (a->fm.summary.text && *a->fm.summary.text) {
		a->summary = g_strdup(a->fm.summary.text);
	} else if (res.more >= 0) {
		if (a->html) {
			a->summary = html_text(res.text, (size_t)res.more);
		} else {
			GPtrArray *spans;
			size_t ready_len;
			char *ready = ready_to_parse(ctx, res.text, (size_t)res.more, &ready_len, &spans);
			cmark_node *doc = markdown_parse(ready ? ready : res.text, ready ? ready_len : (size_t)res.more);

			passthrough_restore(doc, spans);
			a->summary = summary_text(doc);
			cmark_node_free(doc);
			g_free(ready);
			if (spans)
				g_ptr_array_unref(spans);
		}
	}
	if (a->html)
		dedent_html(res.text, &res.len);
	{
		size_t fixed_len = 0, ready_len = 0;
		char *fixed = textnorm_markdown_indents(res.text, res.len, &fixed_len);
		const char *src = fixed ? fixed : res.text;
		size_t src_len = fixed ? fixed_len : res.len;
		char *ready = a->html ? NULL : ready_to_parse(ctx, src, src_len, &ready_len, &a->passthrough);

		a->doc = markdown_load(a->file, a->body_line, a->line_shifts, ready ? ready : src, ready ? ready_len : src_len,
				       a->passthrough, &a->markdown, &a->markdown_len);
		g_free(ready);
		g_free(fixed);
	}
	report_private_use(a);
	unknown = res.unknown;
	res.unknown = NULL;
	sc_result_clear(&res);
	return unknown;
}

struct article *article_load(const char *file, const char *real, const struct root *root,
			     const char *rel, GTimeZone *tz, const char **why)
{
	struct article *a = article_read(file, real, root, rel, tz, why);
	struct sc_context ctx = { 0 };
	GPtrArray *unknown;

	if (!a)
		return NULL;
	ctx.file = a->file;
	ctx.first_line = a->body_line;
	ctx.html = a->html;
	unknown = article_parse(a, &ctx);
	g_ptr_array_unref(unknown);
	return a;
}
