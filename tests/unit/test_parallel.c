/* test_parallel.c - jobs run on every core are taken in order, with the messages each gave. */
#include "check.h"
#include "base/diag.h"
#include "base/parallel.h"

#include <sched.h>
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

/* The stream: jobs begun but not taken never outnumber the window. */
static gint begun;
static int stream_taken, most_in_flight;
static GThread *taker;
static bool all_here = true;

static gint begun_by_taker;

static void count_begun(gpointer data, gpointer unused)
{
	g_atomic_int_inc(&begun);
	if (g_thread_self() == taker)
		g_atomic_int_inc(&begun_by_taker);
	g_usleep((gulong)((GPOINTER_TO_INT(data) * 7919) % 13) * 100);
}

static void count_taken(gpointer data, gpointer unused)
{
	int in_flight = g_atomic_int_get(&begun) - stream_taken;

	most_in_flight = MAX(most_in_flight, in_flight);
	stream_taken++;
	all_here = all_here && taker == g_thread_self();
}

static bool one_thread_ran_here = true;

static void where(gpointer data, gpointer unused)
{
	one_thread_ran_here = one_thread_ran_here && taker == g_thread_self();
}

static void nothing(gpointer data, gpointer unused)
{
}

/* A helped stream: each job run once, by a worker or (help) by the waiting taker. */
enum { HELPED = 60 };
static gint runs[HELPED];
static int helped_by_taker, helped_elsewhere, helped_next;
static bool helped_in_order = true;

static void slow_work(gpointer data, gpointer unused)
{
	g_atomic_int_inc(&runs[GPOINTER_TO_INT(data)]);
	g_usleep(3000);
}

static void help_work(gpointer data, gpointer unused)
{
	g_atomic_int_inc(&runs[GPOINTER_TO_INT(data)]);
	if (g_thread_self() == taker)
		helped_by_taker++;
	else
		helped_elsewhere++;
	g_usleep(3000);
}

static void helped_take(gpointer data, gpointer unused)
{
	helped_in_order = helped_in_order && GPOINTER_TO_INT(data) == helped_next++;
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

	/* A stream of 300 jobs with a window of 5, on 3 threads. */
	taker = g_thread_self();
	parallel_set_threads(3);
	CHECK("parallel: --threads sets the threads", parallel_threads() == 3);
	{
		struct parallel *p = parallel_start(5, count_begun, count_taken, NULL);

		for (int i = 0; i < 300; i++)
			parallel_push(p, GINT_TO_POINTER(i));
		parallel_end(p);
	}
	CHECK("parallel: a stream takes every job", stream_taken == 300 && begun == 300);
	/* The window, and the one a push hands to the workers before it takes the oldest. */
	CHECK("parallel: a stream holds no more jobs than its window and one", most_in_flight >= 1 && most_in_flight <= 6);
	CHECK("parallel: a stream takes on the pushing thread", all_here);
	CHECK("parallel: the pushing thread works while it waits, the workers too",
	      begun_by_taker > 0 && begun_by_taker < 300);
	/* One thread: every job's work runs on the calling thread. */
	parallel_set_threads(1);
	parallel_in_order(order, 20, where, nothing, NULL);
	CHECK("parallel: one thread runs the jobs where they are pushed", one_thread_ran_here);
	/* One slow worker beside the pushing thread, which helps while it waits. */
	parallel_set_threads(2);
	{
		struct parallel *p = parallel_start_helped(8, slow_work, help_work, helped_take, NULL);
		bool once = true;

		for (int i = 0; i < HELPED; i++)
			parallel_push(p, GINT_TO_POINTER(i));
		parallel_end(p);
		for (int i = 0; i < HELPED; i++)
			once = once && runs[i] == 1;
		CHECK("parallel: a helped stream runs each job once", once && helped_next == HELPED);
		CHECK("parallel: a helped stream takes in order", helped_in_order);
		CHECK("parallel: the waiting thread helps, and only it runs help", helped_by_taker > 0 && !helped_elsewhere);
		CHECK("parallel: the worker still works", helped_by_taker < HELPED);
	}
	/*
	 * Pushed ahead and shrunk: a window's room is pushed without a take (the layout's front
	 * matter is drawn first), then a smaller window is reached one job a push.
	 */
	{
		struct parallel *p = parallel_start(8, nothing, count_taken, NULL);
		guint room = parallel_ahead(p), after;
		int taken_before;

		stream_taken = 0;
		for (guint i = 0; i < room; i++)
			parallel_push(p, GINT_TO_POINTER(i));
		after = parallel_ahead(p);
		CHECK("parallel: a window's room is pushed without a take", room == 8 && after == 0 && stream_taken == 0);
		parallel_set_window(p, 3);
		taken_before = stream_taken;
		parallel_push(p, GINT_TO_POINTER(8));
		CHECK("parallel: a smaller window takes two a push while it shrinks", stream_taken - taken_before == 2);
		for (int i = 9; i < 20; i++)
			parallel_push(p, GINT_TO_POINTER(i));
		taken_before = stream_taken;
		parallel_push(p, GINT_TO_POINTER(20));
		CHECK("parallel: shrunk, one a push", stream_taken - taken_before == 1 && stream_taken == 21 - 3);
		parallel_end(p);
		CHECK("parallel: a shrunk stream takes every job", stream_taken == 21);
	}
	parallel_set_threads(1);
	{
		struct parallel *p = parallel_start(8, nothing, nothing, NULL);

		CHECK("parallel: one thread pushes nothing ahead (each push is taken)", parallel_ahead(p) == 0);
		parallel_end(p);
	}
	parallel_set_threads(0);
	{
		cpu_set_t set, one;

		sched_getaffinity(0, sizeof set, &set);
		CHECK("parallel: 0 threads means the cores available", parallel_threads() == (guint)CPU_COUNT(&set));
		CPU_ZERO(&one);
		CPU_SET(sched_getcpu() >= 0 ? sched_getcpu() : 0, &one);
		sched_setaffinity(0, sizeof one, &one);
		CHECK("parallel: one CPU allowed (taskset -c 0): one thread", parallel_threads() == 1);
		sched_setaffinity(0, sizeof set, &set);
	}
	CHECK_DONE();
}
