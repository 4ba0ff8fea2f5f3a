/* gfmparse.c - cmark-gfm parsers with folio's extensions, safe to run on every thread at once. */
#include "text/gfmparse.h"

#include <dlfcn.h>
#include <glib.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

static const char *const extensions[] = { "table", "strikethrough" };

/* Each parse's entering and taking out of its extensions' characters: none, they stay entered. */
void cmark_manage_extensions_special_characters(cmark_parser *parser, int add)
{
	(void)parser;
	(void)add;
}

static cmark_parser *with_extensions(int options)
{
	cmark_parser *parser = cmark_parser_new(options);

	for (size_t i = 0; i < G_N_ELEMENTS(extensions); i++)
		cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(extensions[i]));
	return parser;
}

/* The characters entered once, by the library's own function (the one behind this file's). */
static void enter_characters(void)
{
	void (*enter)(cmark_parser *, int);
	cmark_parser *parser;

	cmark_gfm_core_extensions_ensure_registered();
	*(void **)&enter = dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
	if (!enter)
		g_error("folio: cmark-gfm has no cmark_manage_extensions_special_characters: %s", dlerror());
	parser = with_extensions(CMARK_OPT_DEFAULT);
	enter(parser, 1);
	cmark_parser_free(parser);
}

cmark_parser *gfm_parser_new(int options)
{
	static gsize entered;

	if (g_once_init_enter(&entered)) {
		enter_characters();
		g_once_init_leave(&entered, 1);
	}
	return with_extensions(options);
}
