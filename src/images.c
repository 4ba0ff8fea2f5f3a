/* images.c - resolves image references: local files, data: URIs; remote ones become placeholders. */
#include "images.h"

#include <string.h>

#include "diag.h"
#include "resources.h"

/* data:[<mediatype>][;base64],<data> */
static struct resource *from_data_uri(struct book *b, const char *uri, const char **why)
{
	const char *comma = strchr(uri, ',');
	struct resource *r;
	guchar *bytes;
	gsize len;
	char *payload;

	if (!comma) {
		*why = "is a malformed data: URI";
		return NULL;
	}
	payload = g_uri_unescape_string(comma + 1, NULL);
	if (!payload) {
		*why = "is a malformed data: URI";
		return NULL;
	}
	if (g_strstr_len(uri, comma - uri, ";base64")) {
		bytes = g_base64_decode(payload, &len);
		g_free(payload);
	} else {
		bytes = (guchar *)payload;
		len = strlen(payload);
	}
	r = resources_add_bytes(b, bytes, len, why);
	g_free(bytes);
	return r;
}

struct resource *images_resolve_ref(struct book *b, const char *base_dir, const char *ref,
				    const char **why)
{
	char *path;
	struct resource *r;

	*why = NULL;
	if (!ref || !*ref) {
		*why = "has no address";
		return NULL;
	}
	if (!g_ascii_strncasecmp(ref, "data:", 5))
		return from_data_uri(b, ref, why);
	if (paths_is_url(ref)) {
		if (!g_ascii_strncasecmp(ref, "http:", 5) || !g_ascii_strncasecmp(ref, "https:", 6)
		    || !strncmp(ref, "//", 2))
			*why = "is a remote image, not fetched";
		else
			*why = "has an address folio cannot read";
		return NULL;
	}
	path = paths_resolve(b->roots, base_dir, ref, why);
	if (!path)
		return NULL;
	r = resources_add_file(b, path, why);
	g_free(path);
	return r;
}

static void resolve(struct book *b, struct article *a, struct image *im)
{
	const char *why = NULL;

	im->res = images_resolve_ref(b, a->dir, im->url, &why);
	if (!im->res) {
		im->problem = g_strdup(why);
		diag_warn(a->file, im->line, "image '%s' %s; a placeholder is shown", im->url, why);
	}
}

void images_resolve(struct book *b)
{
	for (guint i = 0; i < b->articles->len; i++) {
		struct article *a = g_ptr_array_index(b->articles, i);

		for (guint j = 0; j < a->images->len; j++)
			resolve(b, a, g_ptr_array_index(a->images, j));
		if (a->lead) {
			const char *why;

			/* A lead image that cannot be had is dropped quietly: it is decoration. */
			a->lead->res = images_resolve_ref(b, a->dir, a->lead->url, &why);
			if (!a->lead->res)
				a->lead->problem = g_strdup(why);
		}
	}
}
