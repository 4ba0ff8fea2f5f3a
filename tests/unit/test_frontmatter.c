/* test_frontmatter.c - splitting and reading typed front matter, and its diagnostics. */
#include "check.h"
#include "base/diag.h"
#include "book/frontmatter.h"

#include <glib.h>

static bool parse(const char *text, struct front_matter *fm)
{
	const char *yaml, *body;
	size_t len;
	int body_line;
	GTimeZone *utc = g_time_zone_new_utc();
	bool ok;

	fm_init(fm);
	ok = fm_split("t.md", text, strlen(text), &yaml, &len, &body, &body_line) == 1
	     && fm_parse("t.md", yaml, len, 2, utc, fm);
	g_time_zone_unref(utc);
	return ok;
}

int main(void)
{
	struct front_matter fm;
	const char *yaml, *body;
	size_t len;
	int line;

	diag_set_quiet(true);
	CHECK("fm: corpus article parses", parse(
		"---\ntitle: \"思想+丨回答DeepSeek之问\"\ndate: \"2025-02-13 15:10:13\"\nsummary: \"摘要\"\n"
		"categories:\n  - \"qq\"\nlang:\n  - \"zh-CN\"\ntags:\n  - \"qq\"\n  - \"AI\"\n"
		"thumbnail: \"https://x/y.jpg\"\ncomments: false\nwidgets:\n  - \"search\"\n---\nBody\n", &fm));
	CHECK_STR("fm: title", fm.title.text, "思想+丨回答DeepSeek之问");
	CHECK("fm: title line", fm.title.line == 2);
	CHECK("fm: date read", fm.date.valid && fm.date.utc == 1739459413);
	CHECK_STR("fm: lang list gives first", fm.lang.text, "zh-CN");
	CHECK("fm: two tags", fm.tags.items->len == 2);
	CHECK_STR("fm: second tag", g_ptr_array_index(fm.tags.items, 1), "AI");
	CHECK_STR("fm: category", g_ptr_array_index(fm.categories.items, 0), "qq");
	CHECK("fm: unknown keys kept", fm.extra->len == 2);
	CHECK_STR("fm: unknown list kept as text", ((struct fm_extra *)g_ptr_array_index(fm.extra, 1))->value, "search");
	CHECK("fm: unknown key line", ((struct fm_extra *)g_ptr_array_index(fm.extra, 1))->line == 15);
	fm_clear(&fm);

	CHECK("fm: draft and weight", parse("---\ndraft: true\nweight: 3\n---\n", &fm) && fm.draft
	      && fm.has_weight && fm.weight == 3);
	fm_clear(&fm);
	CHECK("fm: draft false", parse("---\ndraft: false\n---\n", &fm) && !fm.draft);
	fm_clear(&fm);
	CHECK("fm: empty front matter", parse("---\n---\nbody\n", &fm) && !fm.title.text);
	fm_clear(&fm);
	CHECK("fm: authors list joined", parse("---\nauthors: [甲, 乙]\n---\n", &fm));
	CHECK_STR("fm: authors text", fm.author.text, "甲, 乙");
	fm_clear(&fm);
	CHECK("fm: RFC 3339 date", parse("---\ndate: 2025-02-13T15:10:13+08:00\n---\n", &fm)
	      && fm.date.valid && fm.date.offset == 8 * 3600);
	fm_clear(&fm);
	CHECK("fm: unreadable date leaves no date", parse("---\ndate: someday\n---\n", &fm) && !fm.date.valid
	      && diag_count(DIAG_WARNING) == 1);
	fm_clear(&fm);

	diag_reset();
	CHECK("fm: bad YAML fails", !parse("---\ntitle: [unclosed\n---\n", &fm) && diag_count(DIAG_WARNING) == 1);
	fm_clear(&fm);
	CHECK("fm: a list is not a mapping", !parse("---\n- a\n- b\n---\n", &fm));
	fm_clear(&fm);

	CHECK("fm: none", fm_split("t.md", "# Title\n", 8, &yaml, &len, &body, &line) == 0 && line == 1);
	CHECK("fm: unterminated", fm_split("t.md", "---\ntitle: x\n", 13, &yaml, &len, &body, &line) == -1);
	CHECK("fm: body line", fm_split("t.md", "---\na: 1\nb: 2\n---\nx\n", 20, &yaml, &len, &body, &line) == 1
	      && line == 5 && !strcmp(body, "x\n"));
	CHECK("fm: dots close", fm_split("t.md", "---\na: 1\n...\nx", 15, &yaml, &len, &body, &line) == 1
	      && !strcmp(body, "x"));
	CHECK("fm: TOML reported", fm_split("t.md", "+++\na = 1\n+++\nx", 16, &yaml, &len, &body, &line) == -2
	      && !strcmp(body, "x"));
	CHECK("fm: '---' later is no front matter", fm_split("t.md", "x\n---\n", 6, &yaml, &len, &body, &line) == 0);
	CHECK_DONE();
}
