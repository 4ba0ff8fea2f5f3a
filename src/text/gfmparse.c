/* gfmparse.c - cmark-gfm parsers with folio's extensions, safe to run on every thread at once. */
#include "text/gfmparse.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <glib.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "base/diag.h"

static const char *const extensions[] = { "table", "strikethrough" };
static gint reached;	/* the library's calls that came here */
static bool shared;	/* they do: the characters stay entered, no lock */
static GMutex lock;

/* Each parse's entering and taking out of its extensions' characters: none, they stay entered. */
void cmark_manage_extensions_special_characters(cmark_parser *parser, int add)
{
	(void)parser;
	(void)add;
	if (!g_atomic_int_get(&reached))
		g_atomic_int_set(&reached, 1);
}

static cmark_parser *with_extensions(int options)
{
	cmark_parser *parser = cmark_parser_new(options);

	for (size_t i = 0; i < G_N_ELEMENTS(extensions); i++)
		cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(extensions[i]));
	return parser;
}

/*
 * The characters entered once, by the library's own function (the one behind this file's),
 * and a first parse to see whether the library's calls come here.
 */
static void enter_characters(void)
{
	static const char probe[] = "a ~~b~~\n";
	void (*enter)(cmark_parser *, int);
	cmark_parser *parser;

	cmark_gfm_core_extensions_ensure_registered();
	*(void **)&enter = dlsym(RTLD_NEXT, "cmark_manage_extensions_special_characters");
	if (!enter) {
		diag_error(NULL, 0, "cmark-gfm has no cmark_manage_extensions_special_characters: %s", dlerror());
		abort();
	}
	parser = with_extensions(CMARK_OPT_DEFAULT);
	enter(parser, 1);
	cmark_parser_free(parser);
	parser = with_extensions(CMARK_OPT_DEFAULT);
	cmark_parser_feed(parser, probe, sizeof probe - 1);
	cmark_node_free(cmark_parser_finish(parser));
	cmark_parser_free(parser);
	shared = g_atomic_int_get(&reached) != 0;
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

cmark_node *gfm_parser_finish(cmark_parser *parser)
{
	cmark_node *doc;

	if (shared)
		return cmark_parser_finish(parser);
	g_mutex_lock(&lock);
	doc = cmark_parser_finish(parser);
	g_mutex_unlock(&lock);
	return doc;
}

bool gfm_parses_shared(void)
{
	return shared;
}
