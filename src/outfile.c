/* outfile.c - atomic output files: a failed or interrupted run never leaves a half-written book. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "diag.h"

/* Temporary files to remove if the run is interrupted by a signal. */
enum { MAX_PENDING = 16 };
static char *pending[MAX_PENDING];
static volatile sig_atomic_t handlers_installed;

static void on_signal(int sig)
{
	for (int i = 0; i < MAX_PENDING; i++)
		if (pending[i])
			unlink(pending[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void track(char *tmp, bool add)
{
	sigset_t all, old;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	for (int i = 0; i < MAX_PENDING; i++) {
		if (add && !pending[i]) {
			pending[i] = tmp;
			break;
		}
		if (!add && pending[i] == tmp) {
			pending[i] = NULL;
			break;
		}
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (!handlers_installed) {
		handlers_installed = 1;
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		signal(SIGHUP, on_signal);
	}
}

struct outfile *outfile_begin(const char *path)
{
	struct outfile *o = g_new0(struct outfile, 1);
	char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
	int fd;

	o->path = g_strdup(path);
	o->tmp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
	g_free(dir);
	g_free(base);
	fd = g_mkstemp_full(o->tmp, O_RDWR | O_CLOEXEC, 0644);
	if (fd < 0) {
		diag_error(path, 0, "cannot write here: %s", g_strerror(errno));
		g_free(o->tmp);
		g_free(o->path);
		g_free(o);
		return NULL;
	}
	/* Honour the umask as a plain open() would. */
	{
		mode_t mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	o->fp = fdopen(fd, "w+b");
	track(o->tmp, true);
	return o;
}

static void outfile_free(struct outfile *o)
{
	track(o->tmp, false);
	g_free(o->tmp);
	g_free(o->path);
	g_free(o);
}

/* Make the rename itself durable: after a crash, the folder names the new file, not the old one. */
static void sync_folder(const char *path)
{
	char *dir = g_path_get_dirname(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	g_free(dir);
}

bool outfile_commit(struct outfile *o)
{
	bool ok = true;

	if (o->fp) {
		ok = fflush(o->fp) == 0 && fsync(fileno(o->fp)) == 0;
		ok = (fclose(o->fp) == 0) && ok;
		o->fp = NULL;
	}
	if (!ok || rename(o->tmp, o->path) != 0) {
		diag_error(o->path, 0, "cannot write: %s", g_strerror(errno));
		g_unlink(o->tmp);
		outfile_free(o);
		return false;
	}
	sync_folder(o->path);
	outfile_free(o);
	return true;
}

void outfile_abort(struct outfile *o)
{
	if (!o)
		return;
	if (o->fp)
		fclose(o->fp);
	g_unlink(o->tmp);
	outfile_free(o);
}

bool outfile_write_all(const char *path, const void *data, size_t len)
{
	struct outfile *o = outfile_begin(path);

	if (!o)
		return false;
	if (fwrite(data, 1, len, o->fp) != len) {
		diag_error(path, 0, "cannot write: %s", g_strerror(errno));
		outfile_abort(o);
		return false;
	}
	return outfile_commit(o);
}
