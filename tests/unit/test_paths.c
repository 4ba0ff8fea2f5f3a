/* test_paths.c - paths_collapse: "." and ".." collapsed without the file system, absolute kept absolute. */
#include "check.h"
#include "base/paths.h"

#include <glib.h>

static const char *collapse(const char *path)
{
	static char buf[128];
	char *c = paths_collapse(path);

	g_strlcpy(buf, c, sizeof buf);
	g_free(c);
	return buf;
}

int main(void)
{
	CHECK_STR("relative: dots and empty parts", collapse("posts/./a//b/../c.md"), "posts/a/c.md");
	CHECK_STR("relative: a .. at the top is dropped", collapse("../../x.md"), "x.md");
	CHECK_STR("relative: nothing left", collapse("a/.."), "");
	CHECK_STR("absolute: stays absolute", collapse("/srv/site/../content/./p.md"), "/srv/content/p.md");
	CHECK_STR("absolute: the root", collapse("/a/../.."), "/");
	CHECK_STR("trailing slash dropped", collapse("posts/slug/"), "posts/slug");
	CHECK_DONE();
}
