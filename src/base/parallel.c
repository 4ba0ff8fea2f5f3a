/* parallel.c - runs independent jobs on every core and takes their results in order. */
#include "base/parallel.h"

#include <sched.h>

#include "base/diag.h"

static guint threads_wanted;	/* 0: the cores available */

void parallel_set_threads(guint n)
{
	threads_wanted = n;
}

guint parallel_threads(void)
{
	cpu_set_t set;

	if (threads_wanted)
		return threads_wanted;
	/* The CPUs this process may run on (taskset -c 0 gives 1); GLib counts the machine's. */
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return (guint)CPU_COUNT(&set);
	return MAX(1, g_get_num_processors());
}

struct slot {
	gpointer job;
	struct diag_held *said;
	bool done;
	struct parallel *p;
};

struct parallel {
	GFunc work, take;
	gpointer user;
	guint window;
	GThreadPool *pool;	/* NULL: one thread, every job run where it is pushed */
	GQueue pending;		/* of struct slot *, in push order */
	GMutex lock;
	GCond finished;
};

static void do_work(struct slot *s, GFunc work)
{
	diag_hold_begin();
	work(s->job, NULL);
	s->said = diag_hold_end();
}

static void worker(gpointer data, gpointer user)
{
	struct slot *s = data;
	struct parallel *p = user;

	do_work(s, p->work);
	g_mutex_lock(&p->lock);
	s->done = true;
	g_cond_broadcast(&p->finished);
	g_mutex_unlock(&p->lock);
}

/* Wait for the oldest job's work, then give its messages and take it. */
static void take_oldest(struct parallel *p)
{
	struct slot *s = g_queue_pop_head(&p->pending);

	if (p->pool) {
		g_mutex_lock(&p->lock);
		while (!s->done)
			g_cond_wait(&p->finished, &p->lock);
		g_mutex_unlock(&p->lock);
	}
	diag_held_give(s->said);
	p->take(s->job, p->user);
	g_free(s);
}

struct parallel *parallel_start(guint window, GFunc work, GFunc take, gpointer user)
{
	return parallel_start_on(parallel_threads(), window, work, take, user);
}

struct parallel *parallel_start_on(guint threads, guint window, GFunc work, GFunc take, gpointer user)
{
	struct parallel *p = g_new0(struct parallel, 1);

	p->work = work;
	p->take = take;
	p->user = user;
	p->window = MAX(1, window);
	g_queue_init(&p->pending);
	g_mutex_init(&p->lock);
	g_cond_init(&p->finished);
	if (threads > 1 || threads < parallel_threads())
		p->pool = g_thread_pool_new(worker, p, (gint)MAX(threads, 1), FALSE, NULL);
	return p;
}

void parallel_push(struct parallel *p, gpointer job)
{
	struct slot *s = g_new0(struct slot, 1);

	s->job = job;
	s->p = p;
	if (!p->pool) {
		do_work(s, p->work);
		s->done = true;
	}
	while (p->pending.length >= p->window)
		take_oldest(p);
	g_queue_push_tail(&p->pending, s);
	if (p->pool)
		g_thread_pool_push(p->pool, s, NULL);
	else
		take_oldest(p);
}

void parallel_end(struct parallel *p)
{
	while (p->pending.length)
		take_oldest(p);
	if (p->pool)
		g_thread_pool_free(p->pool, FALSE, TRUE);
	g_mutex_clear(&p->lock);
	g_cond_clear(&p->finished);
	g_free(p);
}

void parallel_in_order(gpointer *jobs, guint n, GFunc work, GFunc take, gpointer user)
{
	struct parallel *p = parallel_start(n, work, take, user);

	for (guint i = 0; i < n; i++)
		parallel_push(p, jobs[i]);
	parallel_end(p);
}
