/* parallel.c - runs independent jobs on every core and takes their results in order. */
#include "base/parallel.h"

#include "base/diag.h"

struct slot {
	gpointer job;
	struct diag_held *said;
	bool done;
};

struct run {
	GFunc work;
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
	struct run *r = user;

	do_work(s, r->work);
	g_mutex_lock(&r->lock);
	s->done = true;
	g_cond_broadcast(&r->finished);
	g_mutex_unlock(&r->lock);
}

void parallel_in_order(gpointer *jobs, guint n, GFunc work, GFunc take, gpointer user)
{
	struct slot *slots = g_new0(struct slot, n ? n : 1);
	struct run r = { .work = work };
	guint threads = MIN(g_get_num_processors(), 8);
	GThreadPool *pool = NULL;

	g_mutex_init(&r.lock);
	g_cond_init(&r.finished);
	if (threads > 1 && n > 1)
		pool = g_thread_pool_new(worker, &r, (gint)threads, FALSE, NULL);
	for (guint i = 0; i < n; i++) {
		slots[i].job = jobs[i];
		if (pool)
			g_thread_pool_push(pool, &slots[i], NULL);
	}
	for (guint i = 0; i < n; i++) {
		if (pool) {
			g_mutex_lock(&r.lock);
			while (!slots[i].done)
				g_cond_wait(&r.finished, &r.lock);
			g_mutex_unlock(&r.lock);
		} else {
			do_work(&slots[i], work);
		}
		diag_held_give(slots[i].said);
		take(slots[i].job, user);
	}
	if (pool)
		g_thread_pool_free(pool, FALSE, TRUE);
	g_mutex_clear(&r.lock);
	g_cond_clear(&r.finished);
	g_free(slots);
}
