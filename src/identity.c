/* identity.c - keys that recognise an article again: after an edit, a move, or as a duplicate. */
#include "identity.h"

#include <string.h>

char *identity_link_key(const char *url)
{
	const char *rest, *host_end;
	char *trimmed, *host, *path, *key;
	size_t n;

	if (!url)
		return NULL;
	trimmed = g_strstrip(g_strdup(url));
	/* http://, https:// and //host name the same page. */
	if (!g_ascii_strncasecmp(trimmed, "https://", 8))
		rest = trimmed + 8;
	else if (!g_ascii_strncasecmp(trimmed, "http://", 7))
		rest = trimmed + 7;
	else if (g_str_has_prefix(trimmed, "//"))
		rest = trimmed + 2;
	else {
		g_free(trimmed);
		return NULL;
	}
	host_end = rest + strcspn(rest, "/?#");
	if (host_end == rest) {
		g_free(trimmed);
		return NULL;
	}
	host = g_ascii_strdown(rest, host_end - rest);
	path = g_strndup(host_end, strcspn(host_end, "#"));
	n = strlen(path);
	/* "/a/" and "/a" are the same page on every site worth citing; "?q=/" is left alone. */
	if (n && path[n - 1] == '/' && !strchr(path, '?'))
		path[n - 1] = '\0';
	key = g_strconcat("link:", host, path, NULL);
	g_free(host);
	g_free(path);
	g_free(trimmed);
	return key;
}

GPtrArray *identity_keys(const struct article *a, bool with_path)
{
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	char *link = identity_link_key(a->source_url);

	if (link)
		g_ptr_array_add(keys, link);
	if (a->fm.date.valid && a->title)
		g_ptr_array_add(keys, g_strdup_printf("title:%" G_GINT64_FORMAT ":%s", a->fm.date.utc, a->title));
	if (with_path)
		g_ptr_array_add(keys, g_strconcat("path:", a->real, NULL));
	return keys;
}
