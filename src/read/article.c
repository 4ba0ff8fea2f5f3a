/* article.c - loads an article: bytes, encoding checks, front matter, Markdown tree. */
#include "read/article.h"

#include <string.h>
#include <zlib.h>

#include "base/diag.h"
#include "read/markdown.h"
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

/* "\r\n" and lone "\r" become "\n", in place; returns the new length. */
static size_t normalize_newlines(char *text, size_t len)
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

struct article *article_load(const char *file, const char *real, const struct root *root,
			     const char *rel, GTimeZone *tz, const char **why)
{
	char *raw = NULL, *text;
	gsize len = 0;
	GError *err = NULL;
	const char *bad, *yaml, *body;
	size_t yaml_len;
	int body_line, split;
	struct article *a;

	if (!g_file_get_contents(real, &raw, &len, &err)) {
		diag_warn(file, 0, "cannot read: %s", err->message);
		g_error_free(err);
		*why = "unreadable";
		return NULL;
	}
	text = raw;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
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
	len = normalize_newlines(text, len);

	split = fm_split(file, text, len, &yaml, &yaml_len, &body, &body_line);
	if (split == -1) {
		*why = "unterminated front matter";
		goto fail;
	}
	if (split == 1 && !fm_parse(file, yaml, yaml_len, 2, tz, &a->fm)) {
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
	a->body_line = body_line;
	{
		size_t body_len = (size_t)(text + len - body), fixed_len = 0;
		char *fixed = textnorm_markdown_indents(body, body_len, &fixed_len);

		a->doc = markdown_load(file, body_line, fixed ? fixed : body, fixed ? fixed_len : body_len,
				       &a->markdown, &a->markdown_len);
		g_free(fixed);
	}
	{
		char *base = g_path_get_basename(real);

		a->section_index = !strcmp(base, "_index.md") || !strcmp(base, "_index.markdown");
		a->bundle = !strcmp(base, "index.md") || !strcmp(base, "index.markdown");
		g_free(base);
	}
	g_free(raw);
	return a;
fail:
	article_free(a);
	g_free(raw);
	return NULL;
}
