/* zipout.c - a libzip archive written straight into an open file: the output's own temporary. */
#include "format/epub/zipout.h"

#include <errno.h>
#include <glib.h>
#include <sys/types.h>

struct zipout {
	FILE *fp;
	zip_error_t error;
};

static zip_int64_t failed(struct zipout *z, int code)
{
	zip_error_set(&z->error, code, errno);
	return -1;
}

/* What zip_close asks of the archive's source when the archive is new: it is only ever written. */
static zip_int64_t zipout_callback(void *user, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct zipout *z = user;

	switch (cmd) {
	case ZIP_SOURCE_SUPPORTS:
		/* Reading is declared (libzip opens no archive it could not read), never asked for. */
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
						      ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_STAT,
						      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, ZIP_SOURCE_BEGIN_WRITE,
						      ZIP_SOURCE_WRITE, ZIP_SOURCE_COMMIT_WRITE,
						      ZIP_SOURCE_ROLLBACK_WRITE, ZIP_SOURCE_SEEK_WRITE,
						      ZIP_SOURCE_TELL_WRITE, ZIP_SOURCE_REMOVE, -1);
	case ZIP_SOURCE_STAT:
		/* No archive there yet: libzip makes a new one. */
		zip_error_set(&z->error, ZIP_ER_READ, ENOENT);
		return -1;
	case ZIP_SOURCE_BEGIN_WRITE:
		return 0;
	case ZIP_SOURCE_WRITE:
		if (fwrite(data, 1, (size_t)len, z->fp) != (size_t)len)
			return failed(z, ZIP_ER_WRITE);
		return (zip_int64_t)len;
	case ZIP_SOURCE_SEEK_WRITE: {
		zip_source_args_seek_t *args = ZIP_SOURCE_GET_ARGS(zip_source_args_seek_t, data, len, &z->error);

		if (!args)
			return -1;
		if (fseeko(z->fp, (off_t)args->offset, args->whence) != 0)
			return failed(z, ZIP_ER_SEEK);
		return 0;
	}
	case ZIP_SOURCE_TELL_WRITE: {
		off_t at = ftello(z->fp);

		return at < 0 ? failed(z, ZIP_ER_TELL) : (zip_int64_t)at;
	}
	case ZIP_SOURCE_COMMIT_WRITE:
		/* A full disk is said here, by zip_close; the output's commit syncs and closes fp. */
		return fflush(z->fp) == 0 ? 0 : failed(z, ZIP_ER_WRITE);
	case ZIP_SOURCE_ROLLBACK_WRITE:
	case ZIP_SOURCE_REMOVE:
		/* The output's temporary file is removed with the failed run. */
		return 0;
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&z->error, data, len);
	case ZIP_SOURCE_FREE:
		zip_error_fini(&z->error);
		g_free(z);
		return 0;
	default:
		zip_error_set(&z->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

zip_t *zipout_open(FILE *fp, int *err)
{
	struct zipout *z = g_new0(struct zipout, 1);
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;

	z->fp = fp;
	zip_error_init(&z->error);
	zip_error_init(&ze);
	src = zip_source_function_create(zipout_callback, z, &ze);
	if (!src) {
		zip_error_fini(&z->error);
		g_free(z);
		*err = zip_error_code_zip(&ze);
		zip_error_fini(&ze);
		return NULL;
	}
	za = zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &ze);
	if (!za) {
		zip_source_free(src);
		*err = zip_error_code_zip(&ze);
	}
	zip_error_fini(&ze);
	return za;
}
