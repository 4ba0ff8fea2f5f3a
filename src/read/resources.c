/* resources.c - registers packed images by the SHA-1 of their bytes so each is stored once. */
#include "read/resources.h"

#include <errno.h>
#include <string.h>

#include "media/imagedecode.h"
#include "media/imagetype.h"

static struct resource *find_by_id(struct book *b, const char *id)
{
	for (guint i = 0; i < b->resources->len; i++) {
		struct resource *r = g_ptr_array_index(b->resources, i);

		if (!strcmp(r->id, id))
			return r;
	}
	return NULL;
}

/* A reason with the system's words in it, kept as static text (interned: the reasons are few). */
static const char *reason(const char *what, const GError *err)
{
	char *t = g_strdup_printf("%s (%s)", what, err ? err->message : g_strerror(errno));
	const char *r = g_intern_string(t);

	g_free(t);
	return r;
}

/* Write bytes to a new file in the book's scratch folder; returns its path, or NULL with *why set. */
static char *scratch_file(struct book *b, const char *name, const void *data, size_t len, const char *what,
			  const char **why)
{
	const char *dir = resources_scratch_dir(b);
	GError *err = NULL;
	char *path;

	if (!dir) {
		*why = reason(what, NULL);
		return NULL;
	}
	path = g_build_filename(dir, name, NULL);
	if (!g_file_test(path, G_FILE_TEST_EXISTS) && !g_file_set_contents(path, data, (gssize)len, &err)) {
		*why = reason(what, err);
		g_error_free(err);
		g_clear_pointer(&path, g_free);
	}
	return path;
}

/* Register the image whose bytes live in the file path. */
static struct resource *add(struct reading *rd, const char *path, const unsigned char *data, size_t len,
			    const char **why)
{
	struct book *b = rd->b;
	struct image_info info;
	struct image_prepared prep;
	struct resource *r;
	char *sum, *id, *reason = NULL, *packed = NULL;

	if (len == 0) {
		*why = "is empty";
		return NULL;
	}
	if (!imagetype_sniff(data, len, &info)) {
		*why = "is not an image folio reads (JPEG, PNG, GIF, WebP, BMP or SVG)";
		return NULL;
	}
	/* Named after the original bytes: the same picture, fetched or local, converted or not, is one resource. */
	sum = g_compute_checksum_for_data(G_CHECKSUM_SHA1, data, len);
	id = g_strdup_printf("img-%.16s", sum);
	g_free(sum);
	r = find_by_id(b, id);
	if (r) {
		g_free(id);
		return r;
	}
	if (!imagedecode_prepare(rd->opts, data, len, &info, &prep, &reason)) {
		/* Interned: the reasons are few and callers keep them as static text. */
		*why = g_intern_string(reason);
		g_free(reason);
		g_free(id);
		return NULL;
	}
	if (prep.bytes) {
		char *name = g_strdup_printf("%s.%s", id, prep.ext);
		gsize n;
		const void *p = g_bytes_get_data(prep.bytes, &n);

		packed = scratch_file(b, name, p, n, "cannot be converted: the temporary folder is not writable", why);
		len = n;
		g_free(name);
		g_bytes_unref(prep.bytes);
		if (!packed) {
			g_free(prep.flaw);
			g_free(id);
			return NULL;
		}
	}
	r = g_new0(struct resource, 1);
	r->id = id;
	r->path = packed ? packed : g_strdup(path);
	r->href = g_strdup_printf("images/%s.%s", id, prep.ext);
	r->media_type = prep.media_type;
	r->converted_from = prep.converted_from;
	r->width = prep.width;
	r->height = prep.height;
	r->components = prep.components;
	r->blank = prep.blank;
	r->flaw = prep.flaw ? g_intern_string(prep.flaw) : NULL;
	g_free(prep.flaw);
	r->size = (gint64)len;
	g_ptr_array_add(b->resources, r);
	return r;
}

struct resource *resources_add_file(struct reading *rd, const char *path, const char **why)
{
	char *data = NULL;
	gsize len = 0;
	struct resource *r;
	GError *err = NULL;

	if (!g_file_get_contents(path, &data, &len, &err)) {
		*why = reason("cannot be read", err);
		g_error_free(err);
		return NULL;
	}
	r = add(rd, path, (const unsigned char *)data, len, why);
	g_free(data);
	return r;
}

const char *resources_scratch_dir(struct book *b)
{
	if (!b->scratch)
		b->scratch = g_dir_make_tmp("folio-XXXXXX", NULL);
	return b->scratch;
}

struct resource *resources_add_bytes(struct reading *rd, const void *data, size_t len, const char **why)
{
	char *sum = g_compute_checksum_for_data(G_CHECKSUM_SHA1, data, len);
	char *path = scratch_file(rd->b, sum, data, len, "cannot be stored in the temporary folder", why);
	struct resource *r;

	g_free(sum);
	if (!path)
		return NULL;
	r = add(rd, path, data, len, why);
	g_free(path);
	return r;
}
