/* test_alttext.c - what describes a picture: alt text that says something, and what a missing picture's placeholder says in both books. */
#include "check.h"
#include "text/alttext.h"

#include <glib.h>

/* alt_text_for_placeholder's words, or "(none)". */
static const char *shown(const char *alt, const char *caption)
{
	static char *last;

	g_free(last);
	last = alt_text_for_placeholder(alt, caption);
	return last ? last : "(none)";
}

int main(void)
{
	CHECK("meaningful: a description", alt_text_meaningful("江边的两个孩子"));
	CHECK("meaningful: not a generic word", !alt_text_meaningful("图片"));
	CHECK("meaningful: not in another case", !alt_text_meaningful("Photo"));
	CHECK("meaningful: not a file name", !alt_text_meaningful("DSC_0012.JPG"));
	CHECK("meaningful: not one character", !alt_text_meaningful("图"));
	CHECK("meaningful: not NULL", !alt_text_meaningful(NULL));
	CHECK_STR("placeholder: an alt that says something", shown("江边", NULL), "江边");
	CHECK_STR("placeholder: a generic alt says nothing", shown("配图", NULL), "(none)");
	CHECK_STR("placeholder: a file name alt gives way to the caption", shown("DSC_0012.jpg", "江边的傍晚"),
		  "江边的傍晚");
	CHECK_STR("placeholder: a caption equal to the alt once", shown("江边的傍晚", "江边的傍晚"), "江边的傍晚");
	CHECK_STR("placeholder: alt, then another caption on its own line", shown("两个孩子", "摄影：某某"),
		  "两个孩子\n摄影：某某");
	CHECK_STR("placeholder: an empty caption is none", shown("两个孩子", ""), "两个孩子");
	CHECK_STR("placeholder: no alt, no caption", shown(NULL, NULL), "(none)");
	CHECK_DONE();
}
