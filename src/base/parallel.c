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
	GFunc help;		/* or NULL: the work as the taking thread does it while it waits */
	GThreadPool *pool;	/* NULL: one thread, every job run where it is pushed */
	GQueue pending;		/* of struct slot *, in push order */
	GQueue waiting;		/* of those, the ones no thread has begun, in push order */
	GMutex lock;
	GCond finished;
	guint sleepers;		/* threads waiting on finished (GLib's broadcast is a system call even with none) */
};

static void do_work(struct slot *s, GFunc work)
{
	diag_hold_begin();
	work(s->job, NULL);
	s->said = diag_hold_end();
}

/* The oldest job no thread has begun, taken off the waiting queue to begin now (with the lock held), or NULL. */
static struct slot *begin_next(struct parallel *p)
{
	return g_queue_pop_head(&p->waiting);
}

/* Run s's work here with the lock released, and say it is done. */
static void run_slot(struct parallel *p, struct slot *s, GFunc work)
{
	g_mutex_unlock(&p->lock);
	do_work(s, work);
	g_mutex_lock(&p->lock);
	s->done = true;
	if (p->sleepers)
		g_cond_broadcast(&p->finished);
}

/* A pool thread: each push hands it one turn, to begin the oldest job not yet begun (if any is left). */
static void worker(gpointer unused, gpointer user)
{
	struct parallel *p = user;
	struct slot *s;

	g_mutex_lock(&p->lock);
	s = begin_next(p);
	if (s)
		run_slot(p, s, p->work);
	g_mutex_unlock(&p->lock);
}

/*
 * Wait for the oldest job's work, then give its messages and take it. With a help function
 * the waiting thread does jobs no worker has begun (the oldest first) rather than sit idle.
 */
static void take_oldest(struct parallel *p)
{
	struct slot *s = g_queue_pop_head(&p->pending), *next;

	if (p->pool) {
		g_mutex_lock(&p->lock);
		while (!s->done) {
			if (p->help && (next = begin_next(p)))
				run_slot(p, next, p->help);
			else {
				p->sleepers++;
				g_cond_wait(&p->finished, &p->lock);
				p->sleepers--;
			}
		}
		g_mutex_unlock(&p->lock);
	}
	diag_held_give(s->said);
	p->take(s->job, p->user);
	g_free(s);
}

struct parallel *parallel_start(guint window, GFunc work, GFunc take, gpointer user)
{
	return parallel_start_helped(window, work, work, take, user);
}

/*
 * The pushing thread is one of the threads: parallel_threads() - 1 workers beside it, and it
 * works while it waits rather than sleep until a worker finishes (a sleep and a wake-up for
 * each job: 22,000 context switches in a 7,000-page book, 2,000 now, each dear on a virtual
 * machine). With one thread there is no pool: every job runs where it is pushed.
 */
struct parallel *parallel_start_helped(guint window, GFunc work, GFunc help, GFunc take, gpointer user)
{
	struct parallel *p = g_new0(struct parallel, 1);
	guint threads = parallel_threads();

	p->work = work;
	p->help = help;
	p->take = take;
	p->user = user;
	p->window = MAX(1, window);
	g_queue_init(&p->pending);
	g_queue_init(&p->waiting);
	g_mutex_init(&p->lock);
	g_cond_init(&p->finished);
	if (threads > 1)
		p->pool = g_thread_pool_new(worker, p, (gint)threads - 1, FALSE, NULL);
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
		g_queue_push_tail(&p->pending, s);
		take_oldest(p);
		return;
	}
	/*
	 * The new job goes to the workers first, so they have it while this thread takes: taken
	 * first, a worker that had set every job in the window waited through the take (the first
	 * article drawn, when Cairo first reads each font: a seventh of a second of the bench PDF).
	 */
	g_queue_push_tail(&p->pending, s);
	g_mutex_lock(&p->lock);
	g_queue_push_tail(&p->waiting, s);
	g_mutex_unlock(&p->lock);
	g_thread_pool_push(p->pool, s, NULL);
	/* Past the window: the oldest taken, and one more while it shrinks to a smaller one. */
	for (int taken = 0; taken < 2 && p->pending.length > p->window; taken++)
		take_oldest(p);
}

guint parallel_ahead(const struct parallel *p)
{
	return p->pool && p->pending.length < p->window ? p->window - p->pending.length : 0;
}

void parallel_set_window(struct parallel *p, guint window)
{
	p->window = MAX(1, window);
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
