/* test_emphasis.c - "**" beside Chinese punctuation becomes strong emphasis; other text is left alone. */
#include "check.h"
#include "read/article.h"
#include "text/emphasis.h"
#include "read/markdown.h"

#include <glib.h>

static char got[1024];

/* The HTML cmark writes for text after the repair (for the test only; folio writes its own XHTML). */
static const char *repaired(const char *md)
{
	cmark_node *doc = markdown_parse(md, strlen(md));
	char *html;

	emphasis_repair_cjk(doc);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT, NULL);
	g_strlcpy(got, html, sizeof got);
	g_strchomp(got);
	free(html);
	cmark_node_free(doc);
	return got;
}

int main(void)
{
	CHECK_STR("emphasis: closing after a full stop", repaired("**灯光密集的街区。**金融公司"),
		  "<p><strong>灯光密集的街区。</strong>金融公司</p>");
	CHECK_STR("emphasis: spaces inside the asterisks", repaired("能力。 ** 质量体系：** 保障"),
		  "<p>能力。 <strong> 质量体系：</strong> 保障</p>");
	CHECK_STR("emphasis: an empty pair is skipped", repaired("中等。 ** **综合来看，适合**"),
		  "<p>中等。 ** <strong>综合来看，适合</strong></p>");
	CHECK_STR("emphasis: around what cmark already made strong", repaired("**甲。**乙**，**丙"),
		  "<p><strong>甲。<strong>乙</strong>，</strong>丙</p>");
	CHECK_STR("emphasis: CommonMark's own result kept", repaired("**粗体**和正文"), "<p><strong>粗体</strong>和正文</p>");
	CHECK_STR("emphasis: Latin text untouched", repaired("a ** b ** c"), "<p>a ** b ** c</p>");
	CHECK_STR("emphasis: a lone pair of asterisks stays", repaired("价格上涨**"), "<p>价格上涨**</p>");
	CHECK_DONE();
}
