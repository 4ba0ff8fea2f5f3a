/* images.c - resolves image references: local files, data: URIs, and remote images fetched once through the cache. */
#include "read/images.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "html/uri.h"
#include "media/fetch.h"
#include "media/imagecache.h"
#include "media/imagedecode.h"
#include "read/resources.h"

static bool is_remote(const char *ref);

/* data:[<mediatype>][;base64],<data> */
static struct resource *from_data_uri(struct reading *rd, const char *uri, const char **why)
{
	const char *comma = strchr(uri, ',');
	struct resource *r;
	guchar *bytes;
	gsize len;
	char *payload;

	if (!comma) {
		*why = "is a malformed data: URI";
		return NULL;
	}
	payload = g_uri_unescape_string(comma + 1, NULL);
	if (!payload) {
		*why = "is a malformed data: URI";
		return NULL;
	}
	if (g_strstr_len(uri, comma - uri, ";base64")) {
		bytes = g_base64_decode(payload, &len);
		g_free(payload);
	} else {
		bytes = (guchar *)payload;
		len = strlen(payload);
	}
	r = resources_add_bytes(rd, bytes, len, why);
	g_free(bytes);
	return r;
}

struct resource *images_resolve_ref(struct reading *rd, const char *base_dir, const char *ref,
				    const char **why)
{
	char *path;
	struct resource *r;

	*why = NULL;
	if (!ref || !*ref) {
		*why = "has no address";
		return NULL;
	}
	if (!g_ascii_strncasecmp(ref, "data:", 5))
		return from_data_uri(rd, ref, why);
	if (paths_is_url(ref)) {
		/* Remote images are fetched by images_resolve, all at once. */
		*why = is_remote(ref) ? "is a remote image, not fetched here" : "has an address folio cannot read";
		return NULL;
	}
	if (ref[0] == '/' && rd->site) {
		/* In a Hugo site "/images/a.png" is the site's: its static folders, its content folders,
		   then its assets folder (where Hugo's figure finds it). */
		const char *first_why = NULL;

		path = NULL;
		for (guint i = 0; !path && i < rd->site->static_dirs->len; i++)
			path = paths_resolve(rd->b->roots, g_ptr_array_index(rd->site->static_dirs, i), ref + 1,
					     first_why ? why : &first_why);
		for (guint i = 0; !path && i < rd->site->langs->len; i++) {
			const struct site_lang *l = g_ptr_array_index(rd->site->langs, i);

			if (l->content_dir)
				path = paths_resolve(rd->b->roots, l->content_dir, ref + 1, first_why ? why : &first_why);
		}
		if (!path && rd->site->asset_dir)
			path = paths_resolve(rd->b->roots, rd->site->asset_dir, ref + 1, first_why ? why : &first_why);
		if (!path)
			*why = "is in none of the site's static, content or assets folders";
	} else {
		path = paths_resolve(rd->b->roots, base_dir, ref, why);
	}
	if (!path)
		return NULL;
	r = resources_add_file(rd, path, why);
	g_free(path);
	return r;
}

/* http:, https: or protocol-relative "//host/...". */
static bool is_remote(const char *ref)
{
	return !g_ascii_strncasecmp(ref, "http://", 7) || !g_ascii_strncasecmp(ref, "https://", 8)
	       || (ref[0] == '/' && ref[1] == '/' && ref[2] && ref[2] != '/');
}

/* The address to fetch: "https:" before "//host/...", the #fragment dropped (it never reaches the server). */
static char *remote_url(const char *ref)
{
	const char *hash = strchr(ref, '#');
	char *url = hash ? g_strndup(ref, (gsize)(hash - ref)) : g_strdup(ref);

	if (url[0] == '/') {
		char *full = g_strconcat("https:", url, NULL);

		g_free(url);
		url = full;
	}
	return url;
}

/*
 * What the warnings about pictures are (base/diag.h): a newsletter archive built offline, or
 * with a dead image host, has thousands; the first few of each kind and cause are printed and
 * the rest summed up, by host.
 */
static const struct diag_kind not_downloaded = { "image-not-downloaded", "pictures could not be downloaded", "host" };
static const struct diag_kind not_cached = { "image-not-in-cache", "pictures could not be had", "host" };
static const struct diag_kind unusable = { "image-unusable", "pictures cannot be used", "host" };
static const struct diag_kind not_read = { "image-not-read", "pictures of the source folders cannot be used", NULL };

/* Why a picture is missing: the words of the warning, and its kind and cause for the summing up. */
struct missing {
	char *problem;			/* "could not be downloaded: host cdn.example.com not found" */
	const struct diag_kind *kind;
	const char *cause;		/* static or interned: "host not found" */
};

static void missing_set(struct missing *m, const struct diag_kind *kind, const char *cause, char *problem)
{
	m->kind = kind;
	m->cause = cause;
	m->problem = problem;
}

/* One remote address of the book, however many references name it. */
struct remote {
	char *url;
	char *host;		/* for the summing up of warnings */
	char *path;		/* the bytes: cache entry, or a copy in the scratch folder */
	struct missing why;	/* why there are none, or why they are no picture (problem NULL: none yet) */
	struct resource *res;	/* once added to the book */
};

static void remote_free(gpointer p)
{
	struct remote *r = p;

	g_free(r->url);
	g_free(r->host);
	g_free(r->path);
	g_free(r->why.problem);
	g_free(r);
}

/* What a local reference (or data: URI) came to: read, checked and decoded once however often it is named. */
struct local {
	struct resource *res;
	char *problem;
};

static void local_free(gpointer p)
{
	struct local *l = p;

	g_free(l->problem);
	g_free(l);
}

struct remotes {
	struct reading *rd;
	struct book *b;
	GHashTable *by_url;	/* url -> struct remote * (owned) */
	GPtrArray *order;	/* first-use order, for a deterministic walk */
	struct imagecache *cache;
	guint done;
	bool cache_full;	/* the cache refused a download once (said once: the rest go to the scratch folder) */
	GHashTable *local;	/* "dir\nref" -> struct local * (owned) */
	guint from_root;	/* pictures a page names relative to itself, found from the site's root */
	guint from_address;	/* pictures a page names up from itself, found from its published address */
};

static void want_remote(struct remotes *rs, const char *ref)
{
	char *url;

	if (!ref || !is_remote(ref))
		return;
	url = remote_url(ref);
	if (!g_hash_table_contains(rs->by_url, url)) {
		struct remote *r = g_new0(struct remote, 1);

		r->url = url;
		r->host = fetch_host(url);
		g_hash_table_insert(rs->by_url, r->url, r);
		g_ptr_array_add(rs->order, r);
	} else {
		g_free(url);
	}
}

static struct remote *find_remote(struct remotes *rs, const char *ref)
{
	char *url = remote_url(ref);
	struct remote *r = g_hash_table_lookup(rs->by_url, url);

	g_free(url);
	return r;
}

/* Each download as it ends: into the cache (or the scratch folder), or its reason noted. */
static void fetched(struct fetch_item *it, void *data)
{
	struct remotes *rs = data;
	struct remote *r = g_hash_table_lookup(rs->by_url, it->url);

	diag_progress_step(++rs->done);
	if (!it->body) {
		missing_set(&r->why, &not_downloaded, it->cause ? it->cause : g_intern_string(it->problem),
			    g_strdup_printf("could not be downloaded: %s", it->problem));
		if (it->permanent && rs->cache)
			imagecache_store_failure(rs->cache, it->url, it->problem);
		return;
	}
	gsize n;
	const void *bytes = g_bytes_get_data(it->body, &n);

	if (rs->cache && !(r->path = imagecache_store(rs->cache, it->url, bytes, n)) && !rs->cache_full) {
		diag_warn(imagecache_dir(rs->cache), 0, "cannot store a downloaded image in the image cache: %s; "
			  "this run keeps its images in a temporary folder", g_strerror(errno));
		rs->cache_full = true;
	}
	if (!r->path) {
		/* No cache to keep it in: it still goes into this book. */
		const char *dir = resources_scratch_dir(rs->b);
		char *key = imagecache_key(it->url);
		GError *err = NULL;

		r->path = dir ? g_build_filename(dir, key, NULL) : NULL;
		if (!dir)
			missing_set(&r->why, &unusable, "was downloaded but cannot be stored",
				    g_strdup_printf("was downloaded but cannot be stored: no temporary folder (%s)",
						    g_strerror(errno)));
		else if (!g_file_set_contents(r->path, bytes, (gssize)n, &err))
			missing_set(&r->why, &unusable, "was downloaded but cannot be stored",
				    g_strdup_printf("was downloaded but cannot be stored: %s", err->message));
		if (r->why.problem)
			g_clear_pointer(&r->path, g_free);
		g_clear_error(&err);
		g_free(key);
	}
}

/* Take every remote image from the cache, or download it (not with --offline). */
static void gather_remotes(struct remotes *rs)
{
	const struct options *o = rs->rd->opts;
	const char *why = NULL;
	GPtrArray *items = g_ptr_array_new_with_free_func((GDestroyNotify)fetch_item_free);
	struct fetch_settings settings;

	if (!rs->order->len) {
		g_ptr_array_free(items, TRUE);
		return;
	}
	rs->cache = imagecache_open(o->image_cache, &why);
	if (rs->cache)
		imagecache_limit(rs->cache, o->image_max_bytes);
	if (!rs->cache) {
		char *dir = o->image_cache ? g_strdup(o->image_cache) : imagecache_default_dir();

		diag_warn(dir, 0, "image cache %s; %s", why,
			  o->offline ? "remote images cannot be had with --offline"
				     : "downloaded images are kept for this run only");
		g_free(dir);
	}
	for (guint i = 0; i < rs->order->len; i++) {
		struct remote *r = g_ptr_array_index(rs->order, i);
		char *failed;

		if (rs->cache && (r->path = imagecache_lookup(rs->cache, r->url)))
			continue;
		if (rs->cache && (failed = imagecache_failure(rs->cache, r->url))) {
			missing_set(&r->why, &not_downloaded, "failed in a run of the last day (remembered)",
				    g_strdup_printf("could not be downloaded: %s (remembered from a run in the last day)",
						    failed));
			g_free(failed);
		} else if (o->offline) {
			missing_set(&r->why, &not_cached, "not in the image cache, and --offline forbids downloading them",
				    g_strdup("is not in the image cache and --offline forbids downloading it"));
		} else {
			g_ptr_array_add(items, fetch_item_new(r->url));
		}
	}
	fetch_settings_from_options(&settings, o);
	diag_progress_begin("downloading images", items->len);
	fetch_all(items, &settings, fetched, rs);
	diag_progress_end();
	g_ptr_array_free(items, TRUE);
}

/*
 * Resolve one reference; returns NULL with the reason in *problem (g_free it), and in *why
 * (borrowed, with *host: for the warning's kind and cause). An address named again (a picture
 * repeated, thousands of times in hostile input) is not read or decoded again.
 */
static struct resource *resolve_ref(struct remotes *rs, const char *dir, const char *ref, char **problem,
				    struct missing *why_missing, const char **host)
{
	const char *why = NULL;
	char *key;
	struct local *l;

	*host = NULL;
	if (ref && is_remote(ref)) {
		struct remote *r = find_remote(rs, ref);

		if (!r->res && !r->why.problem) {
			r->res = resources_add_file(rs->rd, r->path, &why);
			if (!r->res)
				missing_set(&r->why, &unusable, why, g_strdup(why));
		}
		if (!r->res) {
			*problem = g_strdup(r->why.problem);
			*why_missing = r->why;
			*host = r->host;
		}
		return r->res;
	}
	key = g_strconcat(dir ? dir : "", "\n", ref ? ref : "", NULL);
	l = g_hash_table_lookup(rs->local, key);
	if (!l) {
		l = g_new0(struct local, 1);
		l->res = images_resolve_ref(rs->rd, dir, ref, &why);
		l->problem = l->res ? NULL : g_strdup(why);
		g_hash_table_insert(rs->local, key, l);
	} else {
		g_free(key);
	}
	if (!l->res) {
		*problem = g_strdup(l->problem);
		missing_set(why_missing, &not_read, g_intern_string(l->problem), l->problem);
	}
	return l->res;
}

static bool same_address(const char *x, const char *y)
{
	char *a, *b;
	bool same;

	if (!x || !y)
		return false;
	if (!is_remote(x) || !is_remote(y))
		return !strcmp(x, y);
	a = remote_url(x);
	b = remote_url(y);
	same = !strcmp(a, b);
	g_free(a);
	g_free(b);
	return same;
}

/* A path of the page's own ("img/a.png"), not an address, a data: picture or a path up or down from / or . */
static bool site_relative(const char *ref)
{
	return ref && *ref && ref[0] != '/' && ref[0] != '.' && !paths_is_url(ref)
	       && g_ascii_strncasecmp(ref, "data:", 5);
}

/*
 * A bundle's file in its translations' bundles (the same folder in the other languages' content
 * folders, the default language first), as Hugo shares a bundle's resources among its translations:
 * FixIt's Chinese docs lost 36 lead pictures kept only beside the English pages. NULL: in none.
 */
static struct resource *translations_ref(struct remotes *rs, const struct article *a, const char *ref)
{
	const struct site *site = rs->rd->site;
	const struct site_lang *own = a->bundle && site && site->multilingual && ref && ref[0] != '/' && !paths_is_url(ref)
					      ? site_lang_of_dir(site, a->dir) : NULL;
	const char *rel = own ? a->dir + strlen(own->content_dir) : NULL;
	struct resource *r = NULL;

	for (guint i = 0; own && !r && i < site->langs->len; i++) {
		const struct site_lang *l = g_ptr_array_index(site->langs, i);
		char *dir, *problem = NULL;
		struct missing ignored = { 0 };
		const char *ignored_host;

		if (l == own || !l->content_dir)
			continue;
		dir = g_strconcat(l->content_dir, rel, NULL);
		if (g_file_test(dir, G_FILE_TEST_IS_DIR))
			r = resolve_ref(rs, dir, ref, &problem, &ignored, &ignored_host);
		g_free(problem);
		g_free(dir);
	}
	return r;
}

/*
 * A picture as the page names it; else, in a site, a path of the page's own ("images/a.jpg", not
 * beside it) from the site's root, where a theme's relURL or <base href> has the reader's browser
 * look (and where such a site keeps them, in static/images), then from the address the page is
 * published at; and a path up ("../assets/a.png") from that address (/about/), where the reader's
 * browser looks without one. *problem stays the first look's.
 */
static struct resource *resolve_page_ref(struct remotes *rs, const struct article *a, const char *ref, char **problem,
					 struct missing *why, const char **host)
{
	struct resource *r = resolve_ref(rs, a->dir, ref, problem, why, host);
	bool from_root = site_relative(ref);

	if (!r && (r = translations_ref(rs, a, ref)))
		g_clear_pointer(problem, g_free);
	/* "./images/a.jpg" is "images/a.jpg" to relURL and <base href> too: from the root after the page's address. */
	bool dot_own = !from_root && g_str_has_prefix(ref, "./") && site_relative(ref + 2);
	char *again[2] = { NULL, NULL };

	if (r || !rs->rd->site)
		return r;
	if (from_root) {
		again[0] = g_strconcat("/", ref, NULL);
		/* and where the browser looks: beside the page's address (static/2018/05/16/x1/a.png for
		   /2018/05/16/x1/; Xuanwo's blog lost 112 such pictures) */
		again[1] = uri_from_page(a->permalink, ref);
	} else if (ref && ref[0] == '.') {
		again[0] = uri_from_page(a->permalink, ref);
	}
	if (dot_own)
		again[1] = g_strconcat("/", ref + 2, NULL);
	for (int i = 0; i < 2; i++) {
		char *problem_again = NULL;
		struct missing ignored = *why;
		const char *ignored_host;

		if (!r && again[i] && (r = resolve_ref(rs, a->dir, again[i], &problem_again, &ignored, &ignored_host))) {
			g_clear_pointer(problem, g_free);
			if ((from_root && i == 0) || (dot_own && i == 1))
				rs->from_root++;
			else
				rs->from_address++;
		}
		g_free(problem_again);
		g_free(again[i]);
	}
	return r;
}

/* A picture packed with part of its drawing lost (an SVG's): said at its first use in the book. */
static void say_flaw(struct resource *r, const struct article *a, const struct image *im)
{
	if (!r || !r->flaw || r->flaw_said)
		return;
	r->flaw_said = true;
	diag_warn(a->file, im->line, "image '%s' %s", im->url, r->flaw);
}

static void resolve_article(struct remotes *rs, struct article *a)
{
	struct image *first = a->images->len ? g_ptr_array_index(a->images, 0) : NULL;
	struct missing why;
	const char *host;

	/* An address that fails is reported once per article, however often it is named. */
	GHashTable *refs = g_hash_table_new(g_str_hash, g_str_equal);	/* url -> references not yet reported */

	for (guint j = 0; j < a->images->len; j++) {
		const char *url = ((struct image *)g_ptr_array_index(a->images, j))->url;

		g_hash_table_insert(refs, (gpointer)url, GUINT_TO_POINTER(GPOINTER_TO_UINT(g_hash_table_lookup(refs, url)) + 1));
	}
	for (guint j = 0; j < a->images->len; j++) {
		struct image *im = g_ptr_array_index(a->images, j);
		guint n = GPOINTER_TO_UINT(g_hash_table_lookup(refs, im->url));
		char *more;

		im->res = resolve_page_ref(rs, a, im->url, &im->problem, &why, &host);
		say_flaw(im->res, a, im);
		if (im->res || n == 0)
			continue;
		more = n > 1 ? g_strdup_printf(" (here and at %u more places)", n - 1) : g_strdup("");
		diag_kind_at(DIAG_WARNING, why.kind, why.cause, host, a->file, im->line,
			     "image '%s' %s; a placeholder is shown%s", im->url, im->problem, more);
		g_free(more);
		g_hash_table_insert(refs, im->url, GUINT_TO_POINTER(0));
	}
	g_hash_table_destroy(refs);
	if (!a->lead)
		return;
	/* The thumbnail that opens the body anyway is not shown twice (nor reported twice). */
	if (first && same_address(a->lead->url, first->url)) {
		g_clear_pointer(&a->lead, image_free);
		return;
	}
	/* A theme writes a front matter picture through relURL: "img/a.png" is the site's /img/a.png. */
	a->lead->res = resolve_page_ref(rs, a, a->lead->url, &a->lead->problem, &why, &host);
	say_flaw(a->lead->res, a, a->lead);
	if (!a->lead->res && rs->rd->site && site_relative(a->lead->url)) {
		g_free(a->lead->problem);
		a->lead->problem = g_strdup("is neither beside the page nor in the site's static, content or assets folders");
	}
	if (a->lead->res && first && first->res == a->lead->res)
		g_clear_pointer(&a->lead, image_free);
	else if (!a->lead->res)
		diag_kind_at(DIAG_WARNING, why.kind, why.cause, host, a->file, a->lead->line,
			     "thumbnail '%s' %s; the article shows no lead image", a->lead->url, a->lead->problem);
}

/* --cover's image when it can be used; else the back ends draw the cover. */
static void resolve_cover(struct reading *rd)
{
	struct book *b = rd->b;
	const char *given = rd->opts->cover, *why = NULL;
	char *real;

	if (given) {
		real = realpath(given, NULL);
		if (!real) {
			if (errno == ENOENT)
				diag_warn(given, 0, "cover image does not exist; a cover is drawn instead");
			else
				diag_warn(given, 0, "cover image cannot be read (%s); a cover is drawn instead",
					  g_strerror(errno));
		} else {
			b->cover_res = resources_add_file(rd, real, &why);
			if (!b->cover_res) {
				diag_warn(given, 0, "cover image %s; a cover is drawn instead", why);
			} else if (b->cover_res->blank) {
				/* (an empty page was each book's cover, said nowhere) */
				diag_warn(given, 0, "cover image is an SVG that draws nothing; a cover is drawn instead");
				b->cover_res = NULL;
			} else {
				b->cover = g_strdup(real);
			}
			free(real);
		}
	}
	b->cover_drawn = !b->cover_res;
}

void images_resolve(struct reading *rd)
{
	struct book *b = rd->b;
	struct remotes rs = { .rd = rd, .b = b, .by_url = g_hash_table_new(g_str_hash, g_str_equal),
			      .order = g_ptr_array_new_with_free_func(remote_free),
			      .local = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, local_free) };
	GPtrArray *readers;

	/* The articles, then the parts' introductions, in reading order. */
	readers = g_ptr_array_new();
	for (guint i = 0; i < b->articles->len; i++)
		g_ptr_array_add(readers, g_ptr_array_index(b->articles, i));
	for (guint i = 0; i < b->parts->len; i++) {
		struct part *p = g_ptr_array_index(b->parts, i);

		if (p->intro)
			g_ptr_array_add(readers, p->intro);
	}
	for (guint i = 0; i < readers->len; i++) {
		struct article *a = g_ptr_array_index(readers, i);

		for (guint j = 0; j < a->images->len; j++)
			want_remote(&rs, ((struct image *)g_ptr_array_index(a->images, j))->url);
		if (a->lead)
			want_remote(&rs, a->lead->url);
	}
	gather_remotes(&rs);
	for (guint i = 0; i < readers->len; i++)
		resolve_article(&rs, g_ptr_array_index(readers, i));
	if (rs.from_root)
		diag_note(NULL, 0, "%u picture%s written relative to %s page (\"images/a.jpg\") found from the site's root, "
			  "as the theme's relURL or <base href> has a browser find %s", rs.from_root,
			  rs.from_root == 1 ? "" : "s", rs.from_root == 1 ? "its" : "their", rs.from_root == 1 ? "it" : "them");
	if (rs.from_address)
		diag_note(NULL, 0, "%u picture%s written relative to %s page's address (\"a.png\", \"../assets/a.png\") found "
			  "where a browser finds %s on the published page", rs.from_address, rs.from_address == 1 ? "" : "s",
			  rs.from_address == 1 ? "its" : "their", rs.from_address == 1 ? "it" : "them");
	g_ptr_array_free(readers, TRUE);
	imagecache_free(rs.cache);
	g_hash_table_destroy(rs.local);
	g_hash_table_destroy(rs.by_url);
	g_ptr_array_free(rs.order, TRUE);
	resolve_cover(rd);
}
