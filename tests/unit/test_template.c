/* test_template.c - the {{field}} templates of digest titles and output names. */
#include "check.h"
#include "cli/template.h"

#include <glib.h>

static const struct template_field fields[] = {
	{ "year", "2025" }, { "week", "01" }, { "weekyear", "2025" }, { "count", "12" },
};

static const char *fill(const char *text)
{
	static char buf[256];
	char *bad = NULL;
	char *out = template_fill(text, fields, G_N_ELEMENTS(fields), &bad);

	if (!out) {
		g_snprintf(buf, sizeof buf, "error at %s", bad);
		g_free(bad);
		return buf;
	}
	g_strlcpy(buf, out, sizeof buf);
	g_free(out);
	return buf;
}

int main(void)
{
	CHECK_STR("template: plain text", fill("weekly.epub"), "weekly.epub");
	CHECK_STR("template: fields", fill("评论周刊 {{year}}年第{{week}}期"), "评论周刊 2025年第01期");
	CHECK_STR("template: spaces in braces", fill("w-{{ weekyear }}-W{{week}}-{{count}}"), "w-2025-W01-12");
	CHECK_STR("template: field twice", fill("{{count}}/{{count}}"), "12/12");
	CHECK_STR("template: unknown field", fill("x-{{month}}.epub"), "error at {{month}}");
	CHECK_STR("template: unclosed", fill("x-{{year"), "error at {{year");
	CHECK_STR("template: lone braces kept", fill("a } b {"), "a } b {");
	CHECK("template: uses", template_uses("a {{ week }} b", "week") && !template_uses("a {{year}}", "week"));
	CHECK("template: uses on unclosed", !template_uses("a {{week", "week"));
	CHECK_DONE();
}
