/* parallel.h - runs independent jobs on every core and takes their results in order. */
#ifndef FOLIO_PARALLEL_H
#define FOLIO_PARALLEL_H

#include <glib.h>

/*
 * The threads every parallel run uses: n, or with 0 the cores this process may run on
 * (taskset and cgroup limits counted). One thread runs each job on the calling thread.
 */
void parallel_set_threads(guint n);
guint parallel_threads(void);

/*
 * Call work(jobs[i]) for every i, on parallel_threads() threads (work must touch
 * nothing another job touches), and take(jobs[i], user) on the calling thread in the jobs'
 * order, each as soon as its work is done. The messages a job's work gives (diag.h) are held
 * and given just before its take, so stderr reads the same on every run.
 */
void parallel_in_order(gpointer *jobs, guint n, GFunc work, GFunc take, gpointer user);

/*
 * The same as a stream, for jobs made one after another: at most window jobs are pushed and
 * not yet taken, and one more for a moment (a push past it hands its job to the workers, then
 * waits for the oldest and takes it; with one thread each push is taken at once), so what the
 * jobs hold in memory is bounded by the window, not by the run. take runs on the pushing thread, in the
 * order of the pushes; parallel_end takes the rest and frees the stream. The pushing thread
 * is one of the parallel_threads(): while it waits it runs the work of jobs no worker has
 * begun, so work must not care which thread runs it.
 */
struct parallel;
struct parallel *parallel_start(guint window, GFunc work, GFunc take, gpointer user);
/*
 * The same, but the pushing thread runs help(job) rather than work(job) on the jobs it takes
 * up while it waits: help is the work as that thread does it (with what it owns: the drawing
 * thread's own layout), so a job's result must not depend on which of the two ran it.
 */
struct parallel *parallel_start_helped(guint window, GFunc work, GFunc help, GFunc take, gpointer user);
void parallel_push(struct parallel *p, gpointer job);
/*
 * How many jobs can be pushed now without a take: the window's free room with workers beside
 * the pushing thread, 0 with one thread (each push is taken at once). A caller that must take
 * nothing yet (its own output comes first) pushes that many to start the workers early.
 */
guint parallel_ahead(const struct parallel *p);
/*
 * A new window for the pushes to come. Where more jobs are pending than it holds, each push
 * takes two of the oldest until they fit (the stream shrinks to it by one job a push, so the
 * workers still get new jobs while the taking thread catches up).
 */
void parallel_set_window(struct parallel *p, guint window);
void parallel_end(struct parallel *p);

#endif
