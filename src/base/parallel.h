/* parallel.h - runs independent jobs on every core and takes their results in order. */
#ifndef FOLIO_PARALLEL_H
#define FOLIO_PARALLEL_H

#include <glib.h>

/*
 * Call work(jobs[i]) for every i, on as many threads as there are cores (work must touch
 * nothing another job touches), and take(jobs[i], user) on the calling thread in the jobs'
 * order, each as soon as its work is done. The messages a job's work gives (diag.h) are held
 * and given just before its take, so stderr reads the same on every run.
 */
void parallel_in_order(gpointer *jobs, guint n, GFunc work, GFunc take, gpointer user);

#endif
