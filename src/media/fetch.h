/* fetch.h - downloads images over http(s) with libcurl: several at once, bounded in time, size and redirects. */
#ifndef FOLIO_FETCH_H
#define FOLIO_FETCH_H

#include <stdbool.h>
#include <glib.h>

struct fetch_settings {
	long timeout;		/* seconds for one attempt; 0: none */
	long connect_timeout;	/* seconds to connect; 0: curl's default */
	long max_bytes;		/* refuse bodies larger than this; 0: no cap */
	long jobs;		/* transfers at once (at most 4 to one host) */
	int max_redirects;
	int retries;		/* further attempts after a transient failure */
	double backoff;		/* seconds before the first retry; doubled for each next one */
	const char *user_agent;	/* NULL: "folio/VERSION" */
	const char *referer;	/* NULL: none sent */
};

struct fetch_item {
	char *url;		/* http: or https: (in) */
	GBytes *body;		/* the image's bytes (out), when fetched */
	char *problem;		/* why not (out): "the server answered 404", ... */
	const char *cause;	/* the same without the place, static: "host not found", ... */
	bool permanent;		/* the failure is the server's own answer and may be remembered */
	int attempts;		/* requests made */
	/* private */
	gint64 not_before;	/* monotonic µs: when a retry may start */
};

/* The default settings for the image options in o (which may be NULL). */
struct options;
void fetch_settings_from_options(struct fetch_settings *s, const struct options *o);

/* The server an http(s) address names, as fetching names it in its messages ("cdn.example.com:8080"); NULL when none. */
char *fetch_host(const char *url);

struct fetch_item *fetch_item_new(const char *url);
void fetch_item_free(struct fetch_item *it);

/*
 * Fetch every item of items (struct fetch_item *). Each ends with body set
 * (status 200 and bytes that are an image folio knows) or problem set; done
 * is called as each ends (may be NULL). Only transient failures
 * (timeouts, resets, 408/429/5xx) are retried. Once a host cannot be reached
 * (unknown name, refused, connect timeout) its other items fail at once.
 * Reports nothing itself: the caller words the warnings.
 */
void fetch_all(GPtrArray *items, const struct fetch_settings *s,
	       void (*done)(struct fetch_item *it, void *data), void *data);

#endif
