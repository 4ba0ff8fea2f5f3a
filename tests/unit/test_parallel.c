/* test_parallel.c - jobs run on every core are taken in order, with the messages each gave. */
#include "check.h"
#include "base/diag.h"
#include "base/parallel.h"

#include <stdlib.h>
#include <unistd.h>
#include <glib.h>

struct job {
	int n;
	long result;
};

/* Uneven work, so that later jobs often finish before earlier ones. */
static void work(gpointer data, gpointer unused)
{
	struct job *j = data;

	g_usleep((gulong)((j->n * 7919) % 13) * 200);
	j->result = (long)j->n * j->n;
	if (j->n % 10 == 0)
		diag_warn("job.md", j->n, "job %d says this", j->n);
}

struct taken {
	int next;
	bool in_order, right;
	int messages_seen;
};

static void take(gpointer data, gpointer user)
{
	struct job *j = data;
	struct taken *t = user;

	if (j->n != t->next++)
		t->in_order = false;
	if (j->result != (long)j->n * j->n)
		t->right = false;
	/* A job's messages are given just before it is taken: all of the earlier ones are out. */
	if (diag_count(DIAG_WARNING) != j->n / 10 + 1)
		t->messages_seen = -1;
}

int main(void)
{
	enum { N = 200 };
	struct job jobs[N];
	gpointer order[N];
	struct taken t = { 0, true, true, 0 };
	char path[] = "/tmp/folio-parallel-XXXXXX";
	int fd = mkstemp(path), saved = dup(2);
	char *err = NULL;

	for (int i = 0; i < N; i++) {
		jobs[i] = (struct job){ i, 0 };
		order[i] = &jobs[i];
	}
	/* stderr into a file, to read the messages' order back */
	dup2(fd, 2);
	parallel_in_order(order, N, work, take, &t);
	fflush(stderr);
	dup2(saved, 2);
	CHECK("parallel: taken in the jobs' order", t.in_order && t.next == N);
	CHECK("parallel: every job's work done before it is taken", t.right);
	CHECK("parallel: a job's messages are given before it is taken", t.messages_seen == 0);
	CHECK("parallel: every message counted once", diag_count(DIAG_WARNING) == N / 10);
	g_file_get_contents(path, &err, NULL, NULL);
	{
		bool ordered = err != NULL;
		int last = -1, count = 0;

		for (const char *p = err; p && (p = strstr(p, "job.md:")); p++, count++) {
			int line = atoi(p + 7);

			ordered = ordered && line > last;
			last = line;
		}
		CHECK("parallel: messages printed in the jobs' order", ordered && count == N / 10);
	}
	g_free(err);
	unlink(path);
	close(fd);
	/* No jobs, and one job: nothing to wait for. */
	t = (struct taken){ 0, true, true, 0 };
	parallel_in_order(order, 0, work, take, &t);
	CHECK("parallel: no jobs, nothing taken", t.next == 0);
	CHECK_DONE();
}
