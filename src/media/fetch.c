/* fetch.c - downloads images with the libcurl multi interface: parallel, capped, retried only when it may help. */
#include "media/fetch.h"

#include <string.h>

#include "media/curl_lib.h"
#include "media/imagetype.h"
#include "base/options.h"
#include "base/version.h"

enum { MAX_PER_HOST = 4 };

struct transfer {
	struct fetch_item *item;
	CURL *easy;
	struct curl_slist *headers;
	GByteArray *buf;
	long max_bytes;
	bool too_big;
	char *host;		/* for messages */
	char *server;		/* scheme and host: the key of the limits */
	char errbuf[CURL_ERROR_SIZE];
};

void fetch_settings_from_options(struct fetch_settings *s, const struct options *o)
{
	memset(s, 0, sizeof *s);
	s->timeout = o ? o->image_timeout : 30;
	/* Connecting should be quick; a host that does not answer within 10 s is not there. */
	s->connect_timeout = s->timeout > 0 && s->timeout < 10 ? s->timeout : 10;
	s->max_bytes = o ? o->image_max_bytes : 0;
	s->jobs = o && o->jobs > 0 ? o->jobs : 1;
	s->max_redirects = 5;
	s->retries = 2;
	s->backoff = 0.5;
	s->user_agent = o && o->user_agent && *o->user_agent ? o->user_agent : NULL;
	s->referer = o && o->referer && *o->referer ? o->referer : NULL;
}

struct fetch_item *fetch_item_new(const char *url)
{
	struct fetch_item *it = g_new0(struct fetch_item, 1);

	it->url = g_strdup(url);
	return it;
}

void fetch_item_free(struct fetch_item *it)
{
	if (!it)
		return;
	g_free(it->url);
	if (it->body)
		g_bytes_unref(it->body);
	g_free(it->problem);
	g_free(it);
}

/*
 * "host" or "host:port" as the URL names it, and whether it is https: one server, for limits and
 * for giving up. GLib's parser, not libcurl's: an address is named without loading libcurl (an
 * offline book names the servers of its missing pictures).
 */
static char *host_of(const char *url, bool *https)
{
	char *scheme = NULL, *host = NULL, *out;
	int port = -1;

	/* An address GLib cannot read leaves all three unset: it names no server (""). */
	(void)g_uri_split_network(url, G_URI_FLAGS_NONE, &scheme, &host, &port, NULL);
	/* An IPv6 address keeps its brackets, as it is written in a URL. */
	if (host && strchr(host, ':'))
		out = g_strdup_printf("[%s]", host);
	else
		out = g_ascii_strdown(host ? host : "", -1);
	if (port > 0) {
		char *with_port = g_strdup_printf("%s:%d", out, port);

		g_free(out);
		out = with_port;
	}
	if (https)
		*https = scheme && !g_ascii_strcasecmp(scheme, "https");
	g_free(scheme);
	g_free(host);
	return out;
}

char *fetch_host(const char *url)
{
	char *host = host_of(url, NULL);

	if (!*host)
		g_clear_pointer(&host, g_free);
	return host;
}

/* The key of a server: the same host over http and https are two. */
static char *server_of(const char *url)
{
	bool https;
	char *host = host_of(url, &https);
	char *key = g_strconcat(https ? "https://" : "http://", host, NULL);

	g_free(host);
	return key;
}

/* Keeps the body in memory, refusing it as soon as it passes the cap. */
static size_t on_data(char *ptr, size_t size, size_t n, void *userdata)
{
	struct transfer *t = userdata;
	size_t len = size * n;

	if (t->max_bytes > 0 && t->buf->len + len > (size_t)t->max_bytes) {
		t->too_big = true;
		return 0;	/* aborts the transfer with CURLE_WRITE_ERROR */
	}
	g_byte_array_append(t->buf, (const guint8 *)ptr, (guint)len);
	return len;
}

static struct transfer *transfer_new(struct fetch_item *it, const struct fetch_settings *s, const char *server)
{
	struct transfer *t = g_new0(struct transfer, 1);
	CURL *e = curl_easy_init();
	static char default_ua[64];

	if (!default_ua[0])
		g_snprintf(default_ua, sizeof default_ua, "folio/%s (e-book builder)", FOLIO_VERSION);
	t->item = it;
	t->easy = e;
	t->buf = g_byte_array_new();
	t->max_bytes = s->max_bytes;
	t->host = host_of(it->url, NULL);
	t->server = g_strdup(server);
	/* Servers that negotiate formats must not answer with one folio cannot read (AVIF, JPEG XL). */
	t->headers = curl_slist_append(NULL, "Accept: image/webp,image/png,image/jpeg,image/gif,image/svg+xml;q=0.9,*/*;q=0.1");
	curl_easy_setopt(e, CURLOPT_URL, it->url);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, (long)s->max_redirects);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, s->connect_timeout);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, s->timeout);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, s->user_agent ? s->user_agent : default_ua);
	if (s->referer)
		curl_easy_setopt(e, CURLOPT_REFERER, s->referer);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	if (s->max_bytes > 0)
		curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)s->max_bytes);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, t);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
	curl_easy_setopt(e, CURLOPT_PRIVATE, t);
	return t;
}

static void transfer_free(struct transfer *t)
{
	curl_easy_cleanup(t->easy);
	curl_slist_free_all(t->headers);
	if (t->buf)
		g_byte_array_free(t->buf, TRUE);
	g_free(t->host);
	g_free(t->server);
	g_free(t);
}

enum outcome { DONE, RETRY, FAILED, HOST_DOWN };

static const char *looks_like(const guint8 *d, gsize n)
{
	gsize i = 0;

	while (i < n && (d[i] == ' ' || d[i] == '\n' || d[i] == '\r' || d[i] == '\t'))
		i++;
	if (i < n && d[i] == '<' && (g_strstr_len((const char *)d + i, (gssize)MIN(n - i, 512), "html")
				     || g_strstr_len((const char *)d + i, (gssize)MIN(n - i, 512), "HTML")))
		return "the server sent an HTML page, not an image";	/* an error page served with 200 */
	if (n == 0)
		return "the server sent an empty answer";
	return "the server sent a file that is not an image";
}

/* What one finished attempt means; sets the item's problem for anything but DONE. */
static enum outcome judge(struct transfer *t, CURLcode rc, const struct fetch_settings *s)
{
	struct fetch_item *it = t->item;
	long status = 0, retry_after = 0;
	double pretransfer = 0;
	struct image_info info;

	g_clear_pointer(&it->problem, g_free);
	it->cause = NULL;
	it->permanent = false;
	curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
	/* Zero when no connection was made (a reused one has none of its own, but starts a transfer). */
	curl_easy_getinfo(t->easy, CURLINFO_PRETRANSFER_TIME, &pretransfer);
	switch (rc) {
	case CURLE_OK:
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		it->problem = g_strdup_printf("host %s not found", t->host);
		it->cause = "host not found";
		return HOST_DOWN;
	case CURLE_COULDNT_CONNECT:
		it->problem = g_strdup_printf("host %s cannot be reached", t->host);
		it->cause = "host cannot be reached";
		return HOST_DOWN;
	case CURLE_OPERATION_TIMEDOUT:
		if (pretransfer <= 0 && status == 0) {
			it->problem = g_strdup_printf("host %s did not answer within %ld s", t->host,
						      s->connect_timeout);
			it->cause = "host did not answer";
			return HOST_DOWN;
		}
		it->problem = g_strdup_printf("no complete answer within %ld s", s->timeout);
		it->cause = "no complete answer in time";
		return RETRY;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
		it->problem = g_strdup_printf("the secure (https) connection to %s failed: %s", t->host,
					      t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
		it->cause = "the secure (https) connection failed";
		return HOST_DOWN;
	case CURLE_TOO_MANY_REDIRECTS:
		it->problem = g_strdup_printf("redirected more than %d times", s->max_redirects);
		it->cause = g_intern_string(it->problem);
		it->permanent = true;
		return FAILED;
	case CURLE_UNSUPPORTED_PROTOCOL:
		it->problem = g_strdup("redirected to an address that is not http or https");
		it->cause = g_intern_string(it->problem);
		it->permanent = true;
		return FAILED;
	case CURLE_FILESIZE_EXCEEDED:
		it->problem = g_strdup_printf("larger than %ld bytes (--image-max-bytes)", s->max_bytes);
		it->cause = g_intern_string(it->problem);
		return FAILED;
	case CURLE_WRITE_ERROR:
		if (t->too_big) {
			it->problem = g_strdup_printf("larger than %ld bytes (--image-max-bytes)", s->max_bytes);
			it->cause = g_intern_string(it->problem);
			return FAILED;
		}
		it->problem = g_strdup("could not be kept in memory");
		it->cause = g_intern_string(it->problem);
		return FAILED;
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		it->problem = g_strdup_printf("the connection broke (%s)", t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
		it->cause = "the connection broke";
		return RETRY;
	default:
		it->problem = g_strdup(t->errbuf[0] ? t->errbuf : curl_easy_strerror(rc));
		it->cause = g_intern_string(curl_easy_strerror(rc));	/* errbuf may name the host */
		return FAILED;
	}
	if (status != 200) {
		it->problem = g_strdup_printf("the server answered %ld", status);
		it->cause = g_intern_string(it->problem);
		if (status == 408 || status == 429 || status >= 500) {
			/* The server may say when to come back; wait that long, within reason. */
			curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry_after);
			if (retry_after > 0)
				it->not_before = g_get_monotonic_time() + MIN(retry_after, 10) * G_USEC_PER_SEC;
			return RETRY;
		}
		it->permanent = status >= 400;
		return FAILED;
	}
	if (!imagetype_sniff(t->buf->data, t->buf->len, &info)) {
		it->problem = g_strdup(looks_like(t->buf->data, t->buf->len));
		it->cause = looks_like(t->buf->data, t->buf->len);
		it->permanent = true;
		return FAILED;
	}
	it->body = g_byte_array_free_to_bytes(t->buf);
	t->buf = NULL;
	return DONE;
}

/*
 * The next queued item that may start now (not waiting for a retry, its
 * server not too busy), or NULL. A server gets one request at a time until
 * it has answered once: no storm of lookups and connects to a host that is
 * not there.
 */
static GList *next_ready(GQueue *queue, GHashTable *busy, GHashTable *answered, gint64 now, gint64 *wake)
{
	for (GList *l = queue->head; l; l = l->next) {
		struct fetch_item *it = l->data;
		char *host;
		guint n;

		if (it->not_before > now) {
			if (!*wake || it->not_before < *wake)
				*wake = it->not_before;
			continue;
		}
		host = server_of(it->url);
		n = GPOINTER_TO_UINT(g_hash_table_lookup(busy, host));
		if (n < (g_hash_table_contains(answered, host) ? MAX_PER_HOST : 1)) {
			g_free(host);
			return l;
		}
		g_free(host);
	}
	return NULL;
}

static void host_count(GHashTable *busy, const char *host, int delta)
{
	guint n = GPOINTER_TO_UINT(g_hash_table_lookup(busy, host));

	g_hash_table_insert(busy, g_strdup(host), GUINT_TO_POINTER(n + (guint)delta));
}

void fetch_all(GPtrArray *items, const struct fetch_settings *s,
	       void (*done)(struct fetch_item *it, void *data), void *data)
{
	GQueue queue = G_QUEUE_INIT;
	GHashTable *down = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GHashTable *down_cause = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *busy = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *answered = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	CURLM *multi;
	long active = 0;
	const char *no_curl;

	if (!items->len)
		goto out;
	if (!libcurl_load(&no_curl)) {
		/* Nothing can be downloaded: each picture says why, as for any other failure. */
		for (guint i = 0; i < items->len; i++) {
			struct fetch_item *it = g_ptr_array_index(items, i);

			it->problem = g_strdup(no_curl);
			it->cause = "libcurl cannot be loaded";
			if (done)
				done(it, data);
		}
		goto out;
	}
	multi = curl_multi_init();
	/* No CURLMOPT_MAX_HOST_CONNECTIONS: curl would queue a transfer unseen, and its timeout
	 * would then look like a host that does not answer. next_ready() keeps the per-host limit. */
	for (guint i = 0; i < items->len; i++)
		g_queue_push_tail(&queue, g_ptr_array_index(items, i));

	while (queue.length || active) {
		gint64 now = g_get_monotonic_time(), wake = 0;
		int running, left, timeout_ms = 1000;
		CURLMsg *msg;
		GList *l;

		while (active < s->jobs && (l = next_ready(&queue, busy, answered, now, &wake))) {
			struct fetch_item *it = l->data;
			char *host = server_of(it->url);
			const char *why_down = g_hash_table_lookup(down, host);

			g_queue_delete_link(&queue, l);
			if (why_down) {
				/* No point in waiting again for a host that did not answer. */
				it->problem = g_strdup(why_down);
				it->cause = g_hash_table_lookup(down_cause, host);
				if (done)
					done(it, data);
			} else {
				struct transfer *t = transfer_new(it, s, host);

				it->attempts++;
				host_count(busy, host, +1);
				curl_multi_add_handle(multi, t->easy);
				active++;
			}
			g_free(host);
		}
		curl_multi_perform(multi, &running);
		while ((msg = curl_multi_info_read(multi, &left))) {
			struct transfer *t;
			struct fetch_item *it;
			enum outcome o;

			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
			it = t->item;
			o = judge(t, msg->data.result, s);
			if (o != HOST_DOWN)
				g_hash_table_add(answered, g_strdup(t->server));
			curl_multi_remove_handle(multi, t->easy);
			host_count(busy, t->server, -1);
			active--;
			if (o == HOST_DOWN && !g_hash_table_contains(down, t->server)) {
				g_hash_table_insert(down, g_strdup(t->server), g_strdup(it->problem));
				g_hash_table_insert(down_cause, g_strdup(t->server), (gpointer)it->cause);
			}
			if (o == RETRY && it->attempts <= s->retries) {
				gint64 delay = (gint64)(s->backoff * (1 << (it->attempts - 1)) * G_USEC_PER_SEC);

				it->not_before = MAX(it->not_before, g_get_monotonic_time() + delay);
				g_queue_push_tail(&queue, it);
			} else {
				if (o == RETRY && it->attempts > 1) {
					char *p = g_strdup_printf("%s (%d tries)", it->problem, it->attempts);

					g_free(it->problem);
					it->problem = p;
				}
				if (done)
					done(it, data);
			}
			transfer_free(t);
		}
		if (wake) {
			gint64 ms = (wake - g_get_monotonic_time()) / 1000;

			timeout_ms = (int)CLAMP(ms, 0, 1000);
		}
		if (active || queue.length)
			curl_multi_poll(multi, NULL, 0, timeout_ms, NULL);
	}
	curl_multi_cleanup(multi);
out:
	g_hash_table_destroy(down);
	g_hash_table_destroy(down_cause);
	g_hash_table_destroy(busy);
	g_hash_table_destroy(answered);
}
