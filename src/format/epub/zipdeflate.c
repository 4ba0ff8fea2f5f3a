/* zipdeflate.c - compresses an archive entry ahead of time, on any thread, for libzip to copy as it is. */
#include "format/epub/zipdeflate.h"

#include <glib.h>
#include <string.h>

#include "base/zbuf.h"

struct deflated {
	unsigned char *data;	/* raw DEFLATE stream (no zlib header) */
	size_t len;
	size_t size;		/* the bytes before compression */
	zip_uint32_t crc;
	size_t pos;		/* read position while libzip copies it */
	zip_error_t error;
};

struct deflated *deflated_new(const void *data, size_t len, int level)
{
	struct deflated *d;
	unsigned char *z;
	size_t zlen = 0;

	if (len > G_MAXUINT32 || !(z = zbuf_deflate(data, len, level, ZBUF_RAW, &zlen)))
		return NULL;
	d = g_new0(struct deflated, 1);
	d->data = z;
	d->len = zlen;
	d->size = len;
	d->crc = zbuf_crc32(data, len);
	zip_error_init(&d->error);
	return d;
}

void deflated_free(struct deflated *d)
{
	if (!d)
		return;
	g_free(d->data);
	g_free(d);
}

static zip_int64_t deflated_callback(void *user, void *out, zip_uint64_t n, zip_source_cmd_t cmd)
{
	struct deflated *d = user;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		d->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		if (n > d->len - d->pos)
			n = d->len - d->pos;
		memcpy(out, d->data + d->pos, (size_t)n);
		d->pos += (size_t)n;
		return (zip_int64_t)n;
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = out;

		zip_stat_init(st);
		/* Already compressed: libzip stores the data as it is, with this size and CRC. */
		st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC;
		st->size = d->size;
		st->comp_size = d->len;
		st->comp_method = ZIP_CM_DEFLATE;
		st->crc = d->crc;
		return sizeof *st;
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&d->error, out, n);
	case ZIP_SOURCE_FREE:
		zip_error_fini(&d->error);
		deflated_free(d);
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
						      ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&d->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

zip_source_t *deflated_source(zip_t *za, struct deflated *d)
{
	zip_source_t *src = zip_source_function(za, deflated_callback, d);

	if (!src)
		deflated_free(d);
	return src;
}
