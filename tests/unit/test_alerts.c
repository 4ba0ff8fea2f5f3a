/* test_alerts.c - GitHub's and Obsidian's alerts ("> [!NOTE]") titled in bold, in code left alone, every line kept. */
#include "check.h"
#include "read/markdown.h"
#include "text/alerts.h"

#include <glib.h>

/* The rewritten text, or "(none)". */
static char *rewrite(const char *md, const char *lang)
{
	size_t n = 0;
	char *out = alerts_rewrite(md, strlen(md), lang, markdown_parse, &n);

	if (out && n != strlen(out)) {
		g_free(out);
		return g_strdup("(length differs)");
	}
	return out ? out : g_strdup("(none)");
}

static int lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

#define REWRITES(name, md, lang, want) do { \
	char *got_ = rewrite(md, lang); \
	CHECK_STR(name, got_, want); \
	CHECK(name " (lines kept)", lines(got_) == lines(md) || !strcmp(want, "(none)")); \
	g_free(got_); \
} while (0)

int main(void)
{
	REWRITES("alerts: a note, its body below", "> [!NOTE]\n> Useful.\n", "en", "> **Note**\\\n> Useful.\n");
	/* FixIt's content-only alert: no title (its "~" was printed, and the quote untitled). */
	REWRITES("alerts: FixIt's ~ is an alert without a title", "> [!TIP]~\n> Content only.\n", "en", "> \n> Content only.\n");
	REWRITES("alerts: ... words after it stay", "> [!note]~ Said\n> more.\n", "en", "> Said\n> more.\n");
	REWRITES("alerts: in Chinese, as a theme's note", "> [!NOTE]\n> 有用。\n", "zh-CN", "> **注意**\\\n> 有用。\n");
	REWRITES("alerts: a title given", "> [!IDEA] ε-δ 定义\n> 设函数。\n", "zh", "> **ε-δ 定义**\\\n> 设函数。\n");
	REWRITES("alerts: a fold sign and title", "> [!TIP]- Folded\n> Hidden.\n", "en", "> **Folded**\\\n> Hidden.\n");
	REWRITES("alerts: a type with a hyphen is no marker (Hugo: \\w+)", "> [!todo-list]\n", "en", "(none)");
	REWRITES("alerts: a kind folio does not name is capitalized", "> [!Custom]\n> x\n", "en", "> **Custom**\\\n> x\n");
	REWRITES("alerts: alone in its paragraph, no break", "> [!WARNING]\n>\n> Text.\n", "en", "> **Warning**\n>\n> Text.\n");
	REWRITES("alerts: in a list's quote", "- item\n\n  > [!NOTE]\n  > x\n", "en", "- item\n\n  > **Note**\\\n  > x\n");
	REWRITES("alerts: not in a fenced code block", "```\n> [!NOTE]\n```\n", "en", "(none)");
	REWRITES("alerts: not in a quote's second paragraph", "> a\n>\n> [!NOTE]\n", "en", "(none)");
	REWRITES("alerts: not without a quote", "[!NOTE] x\n", "en", "(none)");
	REWRITES("alerts: '[!NOTE]x' is no marker", "> [!NOTE]x\n", "en", "(none)");
	/* cmark-gfm gives the paragraph a table was cut from no position (the reviewer's case). */
	REWRITES("alerts: before a table in the quote", "> [!NOTE]\n> | a | b |\n> |---|---|\n> | 1 | 2 |\n", "en",
		 "> **Note**\n> | a | b |\n> |---|---|\n> | 1 | 2 |\n");
	REWRITES("alerts: at the end, no newline", "> [!TIP]", "en", "> **Tip**");
	REWRITES("alerts: in a quote inside a quote", "> > [!NOTE]\n> > x\n", "en", "> > **Note**\\\n> > x\n");
	REWRITES("alerts: two quotes", "> [!NOTE]\n> a\n\n> [!CAUTION]\n> b\n", "en",
		 "> **Note**\\\n> a\n\n> **Caution**\\\n> b\n");
	REWRITES("alerts: GitHub's important is its own", "> [!IMPORTANT]\n> x\n", "zh-CN", "> **重要**\\\n> x\n");
	REWRITES("alerts: Obsidian's kinds as a theme's notes", "> [!abstract]\n> x\n", "en", "> **Abstract**\\\n> x\n");
	CHECK_DONE();
}
