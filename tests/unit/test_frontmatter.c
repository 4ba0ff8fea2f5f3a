/* test_frontmatter.c - splitting and reading typed front matter, and its diagnostics. */
#include "check.h"
#include "base/diag.h"
#include "book/frontmatter.h"

#include <glib.h>

static bool parse(const char *text, struct front_matter *fm)
{
	struct fm_region r;
	GTimeZone *utc = g_time_zone_new_utc();
	bool ok;

	fm_init(fm);
	ok = fm_split("t.md", text, strlen(text), &r) == 1 && fm_parse("t.md", &r, utc, fm);
	g_time_zone_unref(utc);
	return ok;
}

/* The split of text: its return value, with r filled. */
static int split(const char *text, struct fm_region *r)
{
	return fm_split("t.md", text, strlen(text), r);
}

/*
 * Keys found by their place, case aside, the same in a map of a few keys and of many (indexed:
 * a front matter of 160,000 keys took 70 s): a key given again in its own case keeps its first
 * place with its last value; keys that differ only in case are all kept, the last one found.
 */
static void test_map_keys(void)
{
	for (int size = 4; size <= 4000; size *= 1000) {
		struct fm_node *m = fm_node_map(1);
		char name[32];
		bool all = true;

		for (int i = 0; i < size; i++) {
			g_snprintf(name, sizeof name, "k%d", i);
			fm_map_set(m, name, fm_node_scalar(FM_TEXT, name, i + 1));
		}
		CHECK("map keys: a key given again replaces its value in its place",
		      !fm_map_set(m, "k1", fm_node_scalar(FM_TEXT, "again", 9)) && m->keys->len == (guint)size
		      && !strcmp(((struct fm_node *)g_ptr_array_index(m->items, 1))->text, "again"));
		CHECK("map keys: another case is another key", fm_map_set(m, "K1", fm_node_scalar(FM_TEXT, "upper", 10))
		      && m->keys->len == (guint)size + 1);
		CHECK_STR("map keys: ... the last one written is found, in any case", fm_map_get(m, "k1")->text, "upper");
		CHECK("map keys: ... setting the first again replaces the first", !fm_map_set(m, "k1", fm_node_scalar(FM_TEXT, "first", 11))
		      && !strcmp(((struct fm_node *)g_ptr_array_index(m->items, 1))->text, "first")
		      && !strcmp(fm_map_get(m, "K1")->text, "upper"));
		for (int i = 2; i < size; i++) {
			g_snprintf(name, sizeof name, "K%d", i);
			all = all && fm_map_get(m, name) && !g_ascii_strcasecmp(fm_map_get(m, name)->text, name);
		}
		CHECK("map keys: every key found in another case", all);
		CHECK("map keys: none that is not there", !fm_map_get(m, "k-none"));
		{
			struct fm_node *c = fm_node_copy(m);

			CHECK_STR("map keys: a copy finds its keys too", fm_map_get(c, "k1")->text, "upper");
			CHECK("map keys: ... and sets them in their place", !fm_map_set(c, "k0", fm_node_scalar(FM_TEXT, "c", 1))
			      && c->keys->len == m->keys->len);
			fm_node_free(c);
		}
		fm_node_free(m);
	}
}

int main(void)
{
	struct front_matter fm;
	struct fm_region r;

	diag_set_quiet(true);
	test_map_keys();
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
	/* Hextra's authors: mappings of name, link and image (the names were dropped with a warning). */
	CHECK("fm: authors as mappings", parse("---\nauthors:\n  - name: imfing\n    link: https://github.com/imfing\n"
					      "  - {name: 乙, image: a.png}\n  - 丙\n---\n", &fm));
	CHECK_STR("fm: ... their names", fm.author.text, "imfing, 乙, 丙");
	fm_clear(&fm);
	/* An RSS title's CDATA wrapping (three corpus articles) is read as what it wraps. */
	CHECK("fm: CDATA title", parse("---\ntitle: \"<![CDATA[M&A Roundup: A & B  ]]>\"\n"
				       "summary: ' <![CDATA[<b>not</b> markup]]> '\ntags: [\"<![CDATA[FDA]]>\", \"<![CDATA[ ]]>\", x]\n---\n", &fm));
	CHECK_STR("fm: CDATA title unwrapped and stripped", fm.title.text, "M&A Roundup: A & B");
	CHECK_STR("fm: CDATA summary keeps its text as text", fm.summary.text, "<b>not</b> markup");
	CHECK("fm: CDATA tags, the empty one dropped", fm.tags.items->len == 2);
	CHECK_STR("fm: CDATA tag unwrapped", g_ptr_array_index(fm.tags.items, 0), "FDA");
	fm_clear(&fm);
	CHECK("fm: CDATA not the whole value", parse("---\ntitle: \"Re: <![CDATA[x]]>\"\n"
						    "author: \"<![CDATA[a]]> and <![CDATA[b]]>\"\n---\n", &fm));
	CHECK_STR("fm: text around CDATA kept as written", fm.title.text, "Re: <![CDATA[x]]>");
	CHECK_STR("fm: two CDATA sections kept as written", fm.author.text, "<![CDATA[a]]> and <![CDATA[b]]>");
	fm_clear(&fm);
	CHECK("fm: CDATA unclosed", parse("---\ntitle: \"<![CDATA[x\"\n---\n", &fm));
	CHECK_STR("fm: unclosed CDATA kept as written", fm.title.text, "<![CDATA[x");
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

	CHECK("fm: none", split("# Title\n", &r) == 0 && r.body_line == 1);
	CHECK("fm: unterminated", split("---\ntitle: x\n", &r) == -1);
	CHECK("fm: body line", split("---\na: 1\nb: 2\n---\nx\n", &r) == 1 && r.body_line == 5 && !strcmp(r.body, "x\n"));
	CHECK("fm: dots close", split("---\na: 1\n...\nx", &r) == 1 && !strcmp(r.body, "x"));
	CHECK("fm: '---' later is no front matter", split("x\n---\n", &r) == 0);
	CHECK("fm: after blank lines (Hugo finds it there)", split("\n  \n---\ntitle: x\n---\nbody", &r) == 1
	      && r.format == FMT_YAML && r.line == 4 && r.body_line == 6 && !strcmp(r.body, "body"));
	CHECK("fm: TOML found", split("+++\na = 1\n+++\nx", &r) == 1 && r.format == FMT_TOML && !strcmp(r.body, "x"));
	CHECK("fm: JSON found to its closing brace", split("{\n  \"a\": \"}{\",\n  \"b\": {\"c\": 1}\n}\nbody\n", &r) == 1
	      && r.format == FMT_JSON && r.body_line == 5 && !strcmp(r.body, "body\n"));
	CHECK("fm: a shortcode first is no JSON", split("{{< figure src=\"a.png\" >}}\n", &r) == 0);
	CHECK("fm: a heading id first is no JSON", split("{#id} text\n", &r) == 0);
	CHECK("fm: JSON never closed", split("{\"title\": \"x\"\n", &r) == -1);

	/* TOML, read by toml++: typed values, lines, keys in file order, dates as written. */
	diag_reset();
	CHECK("toml: parses", parse("+++\ntitle = \"江岸\"\ndraft = true\nweight = 3\n"
				    "date = 2025-03-03T20:15:00+08:00\nlastmod = 2025-03-04\ntags = [\"a\", \"b\"]\n"
				    "zeta = 1\nalpha = 2\n[params]\nmotto = \"流\"\n+++\nbody\n", &fm));
	CHECK_STR("toml: title", fm.title.text, "江岸");
	CHECK("toml: title line", fm.title.line == 2);
	CHECK("toml: draft is a boolean", fm.draft);
	CHECK("toml: weight", fm.has_weight && fm.weight == 3);
	CHECK("toml: offset date-time", fm.date.valid && fm.date.utc == 1741004100 && fm.date.offset == 8 * 3600);
	CHECK("toml: local date is midnight in the zone", fm.lastmod.valid && fm.lastmod.utc == 1741046400);
	CHECK("toml: list", fm.tags.items->len == 2 && fm.tags.line == 7);
	CHECK_STR("toml: unknown keys in file order, not key order", ((struct fm_extra *)g_ptr_array_index(fm.extra, 0))->key, "zeta");
	CHECK("toml: a table's line", ((struct fm_extra *)g_ptr_array_index(fm.extra, 2))->line == 10);
	CHECK_STR("toml: nested value", fm_lookup(fm.tree, "params.motto")->text, "流");
	CHECK("toml: no warning", diag_count(DIAG_WARNING) == 0);
	fm_clear(&fm);
	diag_reset();
	CHECK("toml: broken TOML fails", !parse("+++\ntitle = \"x\"\ndate = 2024-03-05T8:59:56+08:00\n+++\n", &fm)
	      && diag_count(DIAG_WARNING) == 1);
	fm_clear(&fm);
	CHECK("toml: a string in Hugo's lenient form is a date", parse("+++\ndate = \"2024-03-05T8:59:56+08:00\"\n+++\n", &fm)
	      && fm.date.valid && fm.date.utc == 1709600396);
	fm_clear(&fm);
	CHECK("toml: a key given twice is an error", !parse("+++\ntitle = \"a\"\ntitle = \"b\"\n+++\n", &fm));
	fm_clear(&fm);

	/* JSON, read by json-glib: surrogate pairs, duplicate keys (last wins), lines of members. */
	diag_reset();
	CHECK("json: parses", parse("{\n  \"title\": \"表情 \\ud83d\\ude00\",\n  \"summary\": \"first\",\n"
				    "  \"summary\": \"last\",\n  \"weight\": 4,\n  \"draft\": false,\n"
				    "  \"tags\": [\"x\"],\n  \"deep\": {\"k\": \"v\"},\n  \"odd\": 2.5\n}\nbody\n", &fm));
	CHECK_STR("json: a surrogate pair is one emoji", fm.title.text, "表情 😀");
	CHECK_STR("json: the last of a duplicate key wins", fm.summary.text, "last");
	CHECK("json: a duplicate key is reported", diag_count(DIAG_WARNING) == 1);
	CHECK("json: member lines", fm.title.line == 2 && fm.has_weight && fm.weight == 4 && fm.tags.line == 7);
	CHECK("json: false is false", !fm.draft);
	CHECK_STR("json: nested object", fm_lookup(fm.tree, "deep.k")->text, "v");
	CHECK_STR("json: a number as text", fm_map_get(fm.tree, "odd")->text, "2.5");
	CHECK("json: nested object line", fm_map_get(fm.tree, "deep")->line == 8);
	fm_clear(&fm);
	diag_reset();
	/* A surrogate with no partner is one replacement character, as Hugo reads it (json-glib read
	   three and swallowed the next character); an escaped backslash before "u" escapes nothing. */
	CHECK("json: lone surrogates parse", parse("{\n  \"title\": \"a \\ud800 b \\udc00\\ud83d\\ude00 c \\ud83d\",\n"
						   "  \"summary\": \"x\\\\ud800y\",\n  \"weight\": 3\n}\n", &fm));
	CHECK_STR("json: ... each lone one a replacement character, the pair an emoji", fm.title.text,
		  "a \xef\xbf\xbd b \xef\xbf\xbd😀 c \xef\xbf\xbd");
	CHECK_STR("json: ... an escaped backslash then u is text", fm.summary.text, "x\\ud800y");
	CHECK("json: ... lines unchanged", fm.has_weight && fm.weight == 3 && fm_map_get(fm.tree, "weight")->line == 4);
	fm_clear(&fm);
	diag_reset();
	{
		/* A message quotes what it read: bytes that are no UTF-8 never reach the terminal. */
		char *last;

		diag_error("q.md", 3, "quoted \"%s\"", "a\xff\xfe" "b");
		last = diag_last_error();
		CHECK_STR("diag: a message's bytes that are no UTF-8 are replaced", last, "q.md:3: quoted \"a\xef\xbf\xbd\xef\xbf\xbd" "b\"");
		g_free(last);
		diag_reset();
	}
	CHECK("json: broken JSON fails with its line", !parse("{\n  \"title\": \"x\",\n  \"date\": 2025-03-05\n}\n", &fm)
	      && diag_count(DIAG_WARNING) == 1);
	fm_clear(&fm);

	/* Hugo's dates and publishing keys, whatever the format. */
	CHECK("hugo: no date: publishDate", parse("---\npublishDate: 2024-12-01T12:00:00+08:00\n---\n", &fm)
	      && fm.date.valid && fm.date.utc == 1733025600 && fm.publish.valid);
	fm_clear(&fm);
	CHECK("hugo: no date or publishDate: lastmod", parse("---\nlastmod: 2024-11-20\n---\n", &fm) && fm.date.valid
	      && fm.date.utc == 1732060800);
	fm_clear(&fm);
	CHECK("hugo: pubdate and unpublishdate are aliases", parse("---\npubdate: 2099-01-01\nunpublishdate: 2020-01-01\n---\n", &fm)
	      && fm.publish.valid && fm.expiry.valid && fm.date.valid);
	fm_clear(&fm);
	CHECK("hugo: _build list never", parse("---\n_build:\n  list: never\n---\n", &fm) && fm.list == FM_LIST_NEVER);
	fm_clear(&fm);
	CHECK("hugo: build list local", parse("---\nbuild: {list: local}\n---\n", &fm) && fm.list == FM_LIST_LOCAL);
	fm_clear(&fm);
	CHECK("hugo: headless", parse("---\nheadless: true\n---\n", &fm) && fm.headless);
	fm_clear(&fm);
	CHECK("hugo: resources with titles", parse("---\nresources:\n  - src: '*.png'\n    title: 图\n---\n", &fm)
	      && fm_resource_for(&fm, "a.png") && !strcmp(fm_resource_for(&fm, "a.png")->title, "图")
	      && !fm_resource_for(&fm, "a.jpg"));
	fm_clear(&fm);
	CHECK("hugo: keys in any case", parse("---\nTitle: T\nPublishDate: 2024-01-01\n---\n", &fm)
	      && fm.title.text && !strcmp(fm.title.text, "T") && fm.publish.valid);
	fm_clear(&fm);
	{
		struct fm_node *c = fm_node_map(1);
		GTimeZone *utc = g_time_zone_new_utc();

		fm_map_set(c, "columnist", fm_node_scalar(FM_TEXT, "江岸", 2));
		fm_map_set(c, "title", fm_node_scalar(FM_TEXT, "not this", 3));
		fm_map_set(c, "draft", fm_node_scalar(FM_BOOL, "true", 4));
		parse("---\ntitle: own\n---\n", &fm);
		fm_apply_cascade("t.md", &fm, c, utc);
		CHECK_STR("cascade: a key the page lacks comes down", fm_map_get(fm.tree, "columnist")->text, "江岸");
		CHECK_STR("cascade: the page's own key wins", fm.title.text, "own");
		CHECK("cascade: a known key is read", fm.draft);
		CHECK("cascade: not kept as the page's extra keys", fm.extra->len == 0);
		fm_clear(&fm);
		fm_node_free(c);
		g_time_zone_unref(utc);
	}
	CHECK_DONE();
}
