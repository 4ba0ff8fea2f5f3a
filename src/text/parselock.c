/* parselock.c - every cmark-gfm parse finished under one lock: the library's inline pass shares a global table. */
#include "text/parselock.h"

#include <glib.h>

static GMutex lock;

cmark_node *parselock_finish(cmark_parser *parser)
{
	cmark_node *doc;

	g_mutex_lock(&lock);
	doc = cmark_parser_finish(parser);
	g_mutex_unlock(&lock);
	return doc;
}

void parselock_hold(void)
{
	g_mutex_lock(&lock);
}

void parselock_release(void)
{
	g_mutex_unlock(&lock);
}
