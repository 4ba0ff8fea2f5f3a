/* test_fetch.c - fetch_host: the server an address names, as messages and per-host limits name it (GLib's parser, libcurl never loaded). */
#include "check.h"
#include "media/fetch.h"

#include <glib.h>

static const char *host(const char *url)
{
	static char buf[128];
	char *h = fetch_host(url);

	g_strlcpy(buf, h ? h : "(none)", sizeof buf);
	g_free(h);
	return buf;
}

int main(void)
{
	CHECK_STR("a name", host("https://inews.gtimg.com/news/a.jpg?x=1"), "inews.gtimg.com");
	CHECK_STR("lower case", host("http://CDN.Example.COM/p.png"), "cdn.example.com");
	CHECK_STR("a port kept", host("http://127.0.0.1:8080/img1"), "127.0.0.1:8080");
	CHECK_STR("user and password not named", host("https://user:pw@img.example.org/x.png"), "img.example.org");
	CHECK_STR("IPv6 in brackets", host("http://[::1]:9000/a.png"), "[::1]:9000");
	CHECK_STR("no scheme: none", host("//example.com/a.png"), "(none)");
	CHECK_STR("not an address: none", host("not a url"), "(none)");
	CHECK_STR("no host: none", host("http:///a.png"), "(none)");
	/* libcurl is opened only to download: naming servers did not load it. */
	{
		char *maps = NULL;

		CHECK("the process's maps read", g_file_get_contents("/proc/self/maps", &maps, NULL, NULL));
		CHECK("libcurl not loaded", maps && !strstr(maps, "libcurl"));
		g_free(maps);
	}
	CHECK_DONE();
}
