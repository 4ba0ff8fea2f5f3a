/* outfile.c - output files: atomic for files, straight through for streams, never replacing anything else. */
#include "base/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "base/diag.h"

/* Temporary files to remove if the run is interrupted by a signal (or its reader goes away). */
enum { MAX_PENDING = 16, MAX_LINKS = 40 };
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
		signal(SIGPIPE, on_signal);	/* a reader of the stream that stopped early */
	}
}

void outfile_scratch_track(char *path)
{
	track(path, true);
}

void outfile_scratch_untrack(char *path)
{
	track(path, false);
}

/*
 * The file a chain of symbolic links ends at (it need not exist yet), or
 * NULL with errno set (ELOOP for a cycle). path itself when it is no link.
 */
char *outfile_follow_links(const char *path)
{
	char *cur = g_strdup(path);

	for (int hops = 0; hops <= MAX_LINKS; hops++) {
		struct stat st;
		GError *err = NULL;
		char *to, *dir, *next;

		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;
		to = g_file_read_link(cur, &err);
		if (!to) {
			errno = err ? err->code == G_FILE_ERROR_ACCES ? EACCES : EIO : EIO;
			g_clear_error(&err);
			g_free(cur);
			return NULL;
		}
		dir = g_path_get_dirname(cur);
		next = g_path_is_absolute(to) ? g_strdup(to) : g_build_filename(dir, to, NULL);
		g_free(dir);
		g_free(to);
		g_free(cur);
		cur = next;
	}
	g_free(cur);
	errno = ELOOP;
	return NULL;
}

/* Create the temporary file tmp_pattern (XXXXXX replaced) and open o->fp on it; false with errno. */
static bool open_tmp(struct outfile *o, char *tmp_pattern)
{
	int fd = g_mkstemp_full(tmp_pattern, O_RDWR | O_CLOEXEC, 0644);

	if (fd < 0)
		return false;
	o->tmp = tmp_pattern;
	/* Honour the umask as a plain open() would. */
	{
		mode_t mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	o->fp = fdopen(fd, "w+b");
	track(o->tmp, true);
	return true;
}

static void outfile_free(struct outfile *o)
{
	if (o->tmp)
		track(o->tmp, false);
	if (o->stream_fd >= 0)
		close(o->stream_fd);
	g_free(o->tmp);
	g_free(o->target);
	g_free(o->path);
	g_free(o);
}

/* A stream (stdout, FIFO, character device): stage the book in the temporary folder. */
static bool begin_stream(struct outfile *o, int fd)
{
	char *pattern = g_build_filename(g_get_tmp_dir(), "folio-out.XXXXXX", NULL);

	o->stream_fd = fd;
	if (open_tmp(o, pattern))
		return true;
	diag_error(o->path, 0, "cannot stage the output in %s: %s", g_get_tmp_dir(), g_strerror(errno));
	g_free(pattern);
	return false;
}

/* Not touched for this long, a temporary file is a killed run's: a run writing one touches it all the time. */
#define STALE_AGE (60 * 60)

/* A hidden name: ... marker, six characters, and nothing more or a scratch file's extension (".cairo"). */
static bool is_leftover(const char *name, const char *marker, size_t mlen)
{
	const char *m = name[0] == '.' ? g_strrstr(name, marker) : NULL;
	const char *end;

	if (!m || strnlen(m + mlen, 6) < 6)
		return false;
	end = m + mlen + 6;
	return !*end || (end[0] == '.' && end[1] && !end[1 + strspn(end + 1, "abcdefghijklmnopqrstuvwxyz")]);
}

int outfile_remove_stale(const char *dir, const char *marker)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;
	gint64 now = g_get_real_time() / G_USEC_PER_SEC;
	size_t mlen = strlen(marker);
	int removed = 0;

	if (!d)
		return 0;
	while ((name = g_dir_read_name(d))) {
		struct stat st;
		char *p;

		if (!is_leftover(name, marker, mlen))
			continue;
		p = g_build_filename(dir, name, NULL);
		if (!lstat(p, &st) && S_ISREG(st.st_mode) && st.st_uid == geteuid() && now - st.st_mtime > STALE_AGE
		    && !g_unlink(p))
			removed++;
		g_free(p);
	}
	g_dir_close(d);
	return removed;
}

/* A folder's books that killed runs left (kill -9, the OOM killer), removed once a run (a batch writes many books there). */
static void sweep_once(const char *dir)
{
	static GMutex lock;
	static GHashTable *swept;
	bool first;

	g_mutex_lock(&lock);
	if (!swept)
		swept = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	first = g_hash_table_add(swept, g_strdup(dir));
	g_mutex_unlock(&lock);
	if (first) {
		int n = outfile_remove_stale(dir, OUTFILE_MARKER);

		if (n)
			diag_note(dir, 0, "removed %d file%s of books that interrupted runs left being written "
				  "(hidden '.NAME" OUTFILE_MARKER "XXXXXX', untouched for an hour)", n, n == 1 ? "" : "s");
	}
}

/* A file (or a name not taken yet): a temporary file beside it, renamed over it at the end. */
static bool begin_file(struct outfile *o, const char *target)
{
	char *dir = g_path_get_dirname(target), *base = g_path_get_basename(target);
	char *pattern = g_strdup_printf("%s/.%s" OUTFILE_MARKER "XXXXXX", dir, base);

	sweep_once(dir);
	g_free(dir);
	g_free(base);
	o->target = g_strdup(target);
	if (open_tmp(o, pattern))
		return true;
	diag_error(o->path, 0, "cannot write here: %s", g_strerror(errno));
	g_free(pattern);
	return false;
}

struct outfile *outfile_begin(const char *path)
{
	struct outfile *o = g_new0(struct outfile, 1);
	struct stat st;
	char *target;
	bool ok = false;

	o->path = g_strdup(path);
	o->stream_fd = -1;
	if (!strcmp(path, "-")) {
		/* A copy of standard output, so that the stream is closed the same way whatever it is. */
		int fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);

		if (fd < 0)
			diag_error("standard output", 0, "cannot write to it: %s", g_strerror(errno));
		else
			ok = begin_stream(o, fd);
		goto out;
	}
	target = outfile_follow_links(path);
	if (!target) {
		diag_error(path, 0, "cannot follow the symbolic link: %s", g_strerror(errno));
		goto out;
	}
	if (stat(target, &st) != 0) {
		if (errno == ENOENT)
			ok = begin_file(o, target);
		else
			diag_error(path, 0, "cannot write here: %s", g_strerror(errno));
	} else if (S_ISREG(st.st_mode)) {
		ok = begin_file(o, target);
	} else if (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
		/* Opened now, so a FIFO with no reader blocks here rather than after the work. */
		int fd = open(target, O_WRONLY | O_CLOEXEC);

		if (fd < 0)
			diag_error(path, 0, "cannot write to it: %s", g_strerror(errno));
		else
			ok = begin_stream(o, fd);
	} else {
		diag_error(path, 0, "cannot write the book here: it is %s, not a file",
			   S_ISDIR(st.st_mode) ? "a folder" : S_ISSOCK(st.st_mode) ? "a socket" :
			   S_ISBLK(st.st_mode) ? "a block device" : "not a regular file");
	}
	g_free(target);
out:
	if (ok)
		return o;
	outfile_free(o);
	return NULL;
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

/* Copy the staged file to the stream; false with errno. */
static bool copy_to_stream(const char *staged, int to)
{
	int from = open(staged, O_RDONLY | O_CLOEXEC);
	char buf[1 << 16];
	ssize_t n = 0;
	bool ok = from >= 0;

	while (ok && (n = read(from, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ok = false;
			break;
		}
		for (ssize_t done = 0; ok && done < n;) {
			ssize_t w = write(to, buf + done, (size_t)(n - done));

			if (w < 0 && errno != EINTR)
				ok = false;
			else if (w > 0)
				done += w;
		}
	}
	if (from >= 0) {
		int saved = errno;

		close(from);
		errno = saved;
	}
	return ok;
}

bool outfile_commit(struct outfile *o)
{
	bool ok = true;

	if (o->fp) {
		ok = fflush(o->fp) == 0 && (o->target ? fsync(fileno(o->fp)) == 0 : true);
		ok = (fclose(o->fp) == 0) && ok;
		o->fp = NULL;
	}
	if (ok && o->target)
		ok = rename(o->tmp, o->target) == 0;
	else if (ok)
		ok = copy_to_stream(o->tmp, o->stream_fd);
	if (!ok) {
		diag_error(o->path, 0, "cannot write: %s", g_strerror(errno));
		g_unlink(o->tmp);
		outfile_free(o);
		return false;
	}
	if (o->target)
		sync_folder(o->target);
	else
		g_unlink(o->tmp);
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
