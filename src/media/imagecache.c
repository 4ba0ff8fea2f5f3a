/* imagecache.c - downloaded images on disk, keyed by the SHA-256 of their URL, written atomically. */
#include "media/imagecache.h"

#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "base/outfile.h"
#include "media/imagetype.h"

struct imagecache {
	char *dir;
	long max_bytes;		/* entries larger are not read (0: no limit) */
};

char *imagecache_default_dir(void)
{
	const char *xdg = g_getenv("XDG_CACHE_HOME");

	/* g_get_user_cache_dir() caches its answer; read the variable so each run follows it. */
	if (xdg && g_path_is_absolute(xdg))
		return g_build_filename(xdg, "folio", NULL);
	return g_build_filename(g_get_home_dir(), ".cache", "folio", NULL);
}

struct imagecache *imagecache_open(const char *dir, const char **why)
{
	struct imagecache *c;
	char *path = dir && *dir ? g_strdup(dir) : imagecache_default_dir();

	if (g_mkdir_with_parents(path, 0755) != 0 || access(path, W_OK | X_OK) != 0) {
		/* With the system's reason; interned: a run opens one cache. */
		char *t = g_strdup_printf("%s (%s)", errno == EACCES || errno == EROFS ? "is not writable"
					  : "cannot be created", g_strerror(errno));

		*why = g_intern_string(t);
		g_free(t);
		g_free(path);
		return NULL;
	}
	outfile_remove_stale(path, ".tmp-");	/* what interrupted downloads left */
	c = g_new0(struct imagecache, 1);
	c->dir = path;
	return c;
}

void imagecache_free(struct imagecache *c)
{
	if (!c)
		return;
	g_free(c->dir);
	g_free(c);
}

const char *imagecache_dir(const struct imagecache *c)
{
	return c->dir;
}

char *imagecache_key(const char *url)
{
	char *full = !strncmp(url, "//", 2) ? g_strconcat("https:", url, NULL) : g_strdup(url);
	char *key = g_compute_checksum_for_string(G_CHECKSUM_SHA256, full, -1);

	g_free(full);
	return key;
}

static char *entry_path(struct imagecache *c, const char *url, const char *suffix)
{
	char *key = imagecache_key(url);
	char *name = g_strconcat(key, suffix, NULL);
	char *p = g_build_filename(c->dir, name, NULL);

	g_free(key);
	g_free(name);
	return p;
}

void imagecache_limit(struct imagecache *c, long max_bytes)
{
	c->max_bytes = max_bytes;
}

char *imagecache_lookup(struct imagecache *c, const char *url)
{
	char *p = entry_path(c, url, "");
	char *data = NULL;
	gsize len = 0;
	struct image_info info;
	GStatBuf st;

	/*
	 * folio stores regular files no larger than a download may be: an entry that is anything
	 * else was put there by someone else (a named pipe blocked the run, a link to /dev/zero
	 * was read until memory ran out), and is not read.
	 */
	if (g_lstat(p, &st) != 0 || !S_ISREG(st.st_mode) || (c->max_bytes > 0 && st.st_size > c->max_bytes)
	    || !g_file_get_contents(p, &data, &len, NULL)) {
		g_free(p);
		return NULL;
	}
	/* Only images are ever stored; anything else was damaged outside folio. */
	if (!imagetype_sniff((const unsigned char *)data, len, &info)) {
		g_unlink(p);
		g_free(data);
		g_free(p);
		return NULL;
	}
	g_free(data);
	return p;
}

char *imagecache_failure(struct imagecache *c, const char *url)
{
	char *p = entry_path(c, url, ".failed");
	char *text = NULL;
	GStatBuf st;

	if (!g_stat(p, &st) && g_get_real_time() / G_USEC_PER_SEC - st.st_mtime < IMAGECACHE_FAILURE_TTL
	    && g_file_get_contents(p, &text, NULL, NULL))
		g_strstrip(text);
	g_free(p);
	if (text && !*text)
		g_clear_pointer(&text, g_free);
	return text;
}

/* Write data to a temporary file in the cache folder, flush it to disk, and rename it to path. */
static bool write_atomically(struct imagecache *c, const char *path, const void *data, size_t len)
{
	char *tmp = g_build_filename(c->dir, ".tmp-XXXXXX", NULL);
	int fd = g_mkstemp_full(tmp, O_WRONLY, 0644);
	const char *p = data;
	size_t left = len;
	bool ok = fd >= 0;

	while (ok && left) {
		ssize_t n = write(fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			errno = 0;
		if (n <= 0)
			ok = false;
		else {
			p += n;
			left -= (size_t)n;
		}
	}
	if (fd >= 0) {
		ok = ok && fsync(fd) == 0;
		ok = close(fd) == 0 && ok;
	}
	ok = ok && g_rename(tmp, path) == 0;
	if (!ok && fd >= 0) {
		int why = errno ? errno : EIO;	/* a short write without errno: say I/O error */

		g_unlink(tmp);
		errno = why;
	}
	g_free(tmp);
	return ok;
}

char *imagecache_store(struct imagecache *c, const char *url, const void *data, size_t len)
{
	char *p = entry_path(c, url, "");
	char *failed = entry_path(c, url, ".failed");

	g_unlink(failed);
	g_free(failed);
	if (!write_atomically(c, p, data, len)) {
		g_free(p);
		return NULL;
	}
	return p;
}

void imagecache_store_failure(struct imagecache *c, const char *url, const char *problem)
{
	char *p = entry_path(c, url, ".failed");
	char *text = g_strconcat(problem, "\n", NULL);

	write_atomically(c, p, text, strlen(text));
	g_free(text);
	g_free(p);
}
