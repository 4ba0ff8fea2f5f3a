/* resources.c - registers packed images by the SHA-1 of their bytes so each is stored once. */
#include "resources.h"

#include <string.h>

#include "imagetype.h"

void resource_free(struct resource *r)
{
	if (!r)
		return;
	g_free(r->id);
	g_free(r->path);
	g_free(r->href);
	g_free(r);
}

static struct resource *find_by_id(struct book *b, const char *id)
{
	for (guint i = 0; i < b->resources->len; i++) {
		struct resource *r = g_ptr_array_index(b->resources, i);

		if (!strcmp(r->id, id))
			return r;
	}
	return NULL;
}

/* Register bytes that live in the file path. */
static struct resource *add(struct book *b, const char *path, const unsigned char *data, size_t len,
			    const char **why)
{
	struct image_info info;
	struct resource *r;
	char *sum, *id;

	if (len == 0) {
		*why = "is empty";
		return NULL;
	}
	if (!imagetype_sniff(data, len, &info)) {
		*why = "is not an image (JPEG, PNG, GIF, WebP or SVG)";
		return NULL;
	}
	sum = g_compute_checksum_for_data(G_CHECKSUM_SHA1, data, len);
	id = g_strdup_printf("img-%.16s", sum);
	g_free(sum);
	r = find_by_id(b, id);
	if (r) {
		g_free(id);
		return r;
	}
	r = g_new0(struct resource, 1);
	r->id = id;
	r->path = g_strdup(path);
	r->href = g_strdup_printf("images/%s.%s", id, info.ext);
	r->media_type = info.media_type;
	r->width = info.width;
	r->height = info.height;
	r->size = (gint64)len;
	g_ptr_array_add(b->resources, r);
	return r;
}

struct resource *resources_add_file(struct book *b, const char *path, const char **why)
{
	char *data = NULL;
	gsize len = 0;
	struct resource *r;

	if (!g_file_get_contents(path, &data, &len, NULL)) {
		*why = "cannot be read";
		return NULL;
	}
	r = add(b, path, (const unsigned char *)data, len, why);
	g_free(data);
	return r;
}

struct resource *resources_add_bytes(struct book *b, const void *data, size_t len, const char **why)
{
	char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA1, data, len);
	char *path;
	struct resource *r;

	if (!b->scratch) {
		b->scratch = g_dir_make_tmp("folio-XXXXXX", NULL);
		if (!b->scratch) {
			g_free(sum);
			*why = "cannot be stored: no temporary folder";
			return NULL;
		}
	}
	path = g_build_filename(b->scratch, sum, NULL);
	g_free(sum);
	if (!g_file_test(path, G_FILE_TEST_EXISTS) && !g_file_set_contents(path, data, (gssize)len, NULL)) {
		g_free(path);
		*why = "cannot be stored in the temporary folder";
		return NULL;
	}
	r = add(b, path, data, len, why);
	g_free(path);
	return r;
}
