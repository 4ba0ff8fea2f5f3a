/* pages.c - Hugo's view of the pages read: languages, paths, sections and cascade, publishing rules, refs and params. */
#include "read/pages.h"
#include "base/date.h"

#include <string.h>
#include <glib/gstdio.h>

#include "base/langtag.h"
#include "base/paths.h"
#include "text/textnorm.h"

struct pages {
	struct reading *r;
	GPtrArray *all;		/* every article read: pages and sections */
	GHashTable *sections;	/* "lang\ndir" -> the section's _index article */
	/*
	 * The pages by what a ref may call them (index_keys, lower case: "f:" the path, "n:"
	 * it without its extension, "d:" a bundle's or section's folder) -> GArray of their indexes
	 * in all, rising; by_name the same of a page's name (find_by_name). Each ref looked at every
	 * page: 6,000 pages with a ref to no page each took 26 s.
	 */
	GHashTable *by_path, *by_name;
};

static void index_pages(struct pages *p);

/* The key of a folder of a language: sections are found by it. */
static char *section_key(const struct article *a, const char *dir)
{
	return g_strdup_printf("%s\n%s\n%s", a->hugo_lang ? a->hugo_lang : "", a->hugo_lang ? "" : a->root->real, dir);
}

/* "posts/a.md" -> "posts"; "a.md" -> "". */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? g_strndup(path, (gsize)(slash - path)) : g_strdup("");
}

/* The folder a page belongs to: a bundle's or a section's own folder is its page's place. */
static char *place_of(const struct article *a)
{
	return dir_of(a->path);
}

/*
 * "index.en.md": the language between the name and the extension, when the site has it, taken
 * out of path (in place); NULL when there is none.
 */
static const struct site_lang *take_lang_suffix(const struct site *s, char *path)
{
	char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path, *ext = strrchr(base, '.'), *dot = NULL, *key;
	const struct site_lang *l = NULL;

	for (char *c = base; ext && c < ext; c++)
		if (*c == '.')
			dot = c;
	if (!dot || dot == base)
		return NULL;
	key = g_strndup(dot + 1, (gsize)(ext - dot - 1));
	l = site_lang_by_key(s, key);
	if (l)
		memmove(dot, ext, strlen(ext) + 1);
	g_free(key);
	return l;
}

/* Language by file name ("post.en.md", "index.zh-cn.md"), else by content folder; the path without the suffix. */
static void hugo_identity(struct pages *p, struct article *a)
{
	const struct site *s = p->r->site;
	char *rel = g_strdup(a->rel);
	const struct site_lang *l = NULL, *by_name;

	if (!s) {
		a->path = rel;
		return;
	}
	{
		/* Inside its language's content folder. */
		const struct site_lang *dir_lang = site_lang_of_dir(s, a->real);

		if (dir_lang) {
			g_free(rel);
			rel = g_strdup(a->real + strlen(dir_lang->content_dir) + 1);
			l = dir_lang;
		}
	}
	by_name = take_lang_suffix(s, rel);
	if (by_name)
		l = by_name;
	a->path = rel;
	if (!l && s->lang_declared)
		l = g_ptr_array_index(s->langs, 0);
	if (l && s->lang_declared) {
		a->hugo_lang = g_strdup(l->key);
		/* The site's language is the page's declared one (front matter lang: only on a one-language site). */
		if (s->multilingual || !a->fm.lang.text || !*a->fm.lang.text) {
			g_free(a->fm.lang.text);
			a->fm.lang.text = g_strdup(l->tag ? l->tag : l->key);
			a->fm.lang.line = 0;
		}
		a->site_lang = s->multilingual;
	}
}

static const struct article *section_at(const struct pages *p, const struct article *a, const char *dir)
{
	char *key = section_key(a, dir);
	const struct article *s = g_hash_table_lookup(p->sections, key);

	g_free(key);
	return s;
}

/*
 * The cascade of each section from a's own up to the root, nearest first: nearer ones win. A
 * section's own cascade reaches its own page too, under what its front matter sets itself
 * (Hugo 0.111 renders no page of a section whose cascade says _build: render: never).
 */
static void cascade(struct pages *p, struct article *a, bool *draft_section)
{
	char *dir = place_of(a);

	while (dir) {
		const struct article *s = section_at(p, a, dir);
		char *up;

		if (s) {
			const struct fm_node *c = s->fm.tree ? fm_map_get(s->fm.tree, "cascade") : NULL;

			if (s->fm.draft && s != a)
				*draft_section = true;
			if (c && c->kind == FM_LIST) {
				for (guint i = 0; i < c->items->len; i++) {
					const struct fm_node *item = g_ptr_array_index(c->items, i);

					if (!fm_map_get(item, "_target"))
						fm_apply_cascade(a->file, &a->fm, item, p->r->tz);
				}
			} else if (c) {
				fm_apply_cascade(a->file, &a->fm, c, p->r->tz);
			}
		}
		if (!*dir)
			break;
		up = dir_of(dir);
		g_free(dir);
		dir = up;
	}
	g_free(dir);
}

/* The section title of a page: its nearest section's below the content root. */
static void find_section(struct pages *p, struct article *a)
{
	char *dir = place_of(a);

	if (a->section_index) {
		g_free(a->section);
		g_free(a->section_key);
		a->section = *dir ? g_strdup(a->title) : NULL;
		a->section_key = *dir ? g_strdup(a->real) : NULL;
		g_free(dir);
		return;
	}
	while (*dir) {
		const struct article *s = section_at(p, a, dir);
		char *up;

		if (s) {
			g_free(a->section);
			g_free(a->section_key);
			a->section = g_strdup(s->title);
			a->section_key = g_strdup(s->real);
			break;
		}
		up = dir_of(dir);
		g_free(dir);
		dir = up;
	}
	g_free(dir);
}

/*
 * Hugo's urlize (helpers.UnicodeSanitize, then lower case): letters, digits, marks, . / \ _ # + ~ - @
 * and a %XX escape kept, a run of white space between them one hyphen (none beside a hyphen written
 * there: "a - b -- c" is "a-b--c"), the rest dropped. Hugo makes the path of a page this way too
 * ("（SAM）笔记.md" is published at "sam笔记/").
 */
static void append_urlized(GString *u, const char *text)
{
	bool hyphen = false, any = false, was_hyphen = false;

	for (const char *c = text; c && *c; c = g_utf8_next_char(c)) {
		gunichar r = g_utf8_get_char(c);

		if (r < 0x80 ? (g_ascii_isalnum((int)r) || strchr("./\\_#+~-@", (int)r)
				|| (r == '%' && g_ascii_isxdigit(c[1]) && g_ascii_isxdigit(c[2])))
			     : (g_unichar_isalpha(r) || g_unichar_isdigit(r) || g_unichar_ismark(r))) {
			char buf[8];
			char *low;

			/* a written hyphen takes the place of the one a blank before it would make ("a - b": "a-b") */
			was_hyphen = r == '-';
			if (hyphen && !was_hyphen)
				g_string_append_c(u, '-');
			hyphen = false;
			buf[g_unichar_to_utf8(r, buf)] = 0;
			low = g_utf8_strdown(buf, -1);
			g_string_append(u, low);
			g_free(low);
			any = true;
		} else if (any && !was_hyphen && g_unichar_isspace(r)) {
			hyphen = true;
		}
	}
}

/* The page's file name without its extension (a bundle's: its folder's name), as Hugo's ContentBaseName. */
static char *content_base_name(const struct article *a)
{
	char *dir = place_of(a), *name;
	const char *base;

	if (a->bundle) {
		base = strrchr(dir, '/') ? strrchr(dir, '/') + 1 : dir;
		name = g_strdup(base);
	} else {
		base = strrchr(a->path, '/') ? strrchr(a->path, '/') + 1 : a->path;
		name = g_strndup(base, strrchr(base, '.') ? (gsize)(strrchr(base, '.') - base) : strlen(base));
	}
	g_free(dir);
	return name;
}

/*
 * A [permalinks] pattern filled in for a (Hugo's tokens: :year :month :monthname :day :weekday
 * :weekdayname :yearday of its date, :section, :sections, :title, :slug, :filename,
 * :slugorfilename, :contentbasename, :slugorcontentbasename); a word it does not know stays as written.
 */
static void append_pattern(GString *u, const char *pattern, const struct article *a, const char *dir)
{
	GTimeZone *tz = a->fm.date.valid ? g_time_zone_new_offset(a->fm.date.offset) : NULL;
	GDateTime *utc = a->fm.date.valid ? g_date_time_new_from_unix_utc(a->fm.date.utc) : NULL;
	GDateTime *d = utc ? date_to_zone(utc, tz) : NULL;
	const char *slug = a->fm.slug.text && *a->fm.slug.text ? a->fm.slug.text : NULL;
	char *section = g_strndup(dir, strcspn(dir, "/")), *base = content_base_name(a);
	/* a bundle's own folder is no section */
	char *sections = a->bundle && strrchr(dir, '/') ? g_strndup(dir, (gsize)(strrchr(dir, '/') - dir)) : g_strdup(dir);

	for (const char *c = pattern; *c;) {
		size_t n = 0;
		char *word, *fmt = NULL;

		if (*c != ':') {
			g_string_append_c(u, *c++);
			continue;
		}
		while (g_ascii_isalpha(c[1 + n]))
			n++;
		word = g_strndup(c + 1, n);
		if (!strcmp(word, "year"))
			fmt = "%Y";
		else if (!strcmp(word, "month"))
			fmt = "%m";
		else if (!strcmp(word, "monthname"))
			fmt = "%B";
		else if (!strcmp(word, "day"))
			fmt = "%d";
		else if (!strcmp(word, "weekday"))
			fmt = "%w";
		else if (!strcmp(word, "weekdayname"))
			fmt = "%A";
		if (fmt || !strcmp(word, "yearday")) {
			if (d && fmt) {
				char *t = g_date_time_format(d, fmt);

				append_urlized(u, t);
				g_free(t);
			} else if (d) {
				g_string_append_printf(u, "%d", g_date_time_get_day_of_year(d));
			}
		} else if (!strcmp(word, "section")) {
			g_string_append(u, section);
		} else if (!strcmp(word, "sections")) {
			g_string_append(u, sections);
		} else if (!strcmp(word, "title")) {
			append_urlized(u, a->fm.title.text);
		} else if (!strcmp(word, "slug")) {
			append_urlized(u, slug ? slug : a->fm.title.text);
		} else if (!strcmp(word, "filename") || !strcmp(word, "contentbasename")) {
			append_urlized(u, base);
		} else if (!strcmp(word, "slugorfilename") || !strcmp(word, "slugorcontentbasename")) {
			append_urlized(u, slug ? slug : base);
		} else {
			g_string_append_len(u, c, (gssize)n + 1);
		}
		c += n + 1;
		g_free(word);
	}
	if (d)
		g_date_time_unref(d);
	if (utc)
		g_date_time_unref(utc);
	if (tz)
		g_time_zone_unref(tz);
	g_free(section);
	g_free(sections);
	g_free(base);
}

/* Where Hugo publishes the page: url:, else the language and its section's [permalinks] pattern or its folders and slug or file name. */
static void permalink(const struct pages *p, struct article *a)
{
	const struct site *s = p->r->site;
	GString *u = g_string_new(NULL);
	char *dir, *top;
	const char *pattern;

	if (a->fm.url.text && *a->fm.url.text) {
		a->permalink = g_strdup(a->fm.url.text);
		g_string_free(u, TRUE);
		return;
	}
	if (s->multilingual && a->hugo_lang && g_ascii_strcasecmp(a->hugo_lang, ((struct site_lang *)
								      g_ptr_array_index(s->langs, 0))->key))
		g_string_append_printf(u, "/%s", a->hugo_lang);
	dir = place_of(a);
	top = g_ascii_strdown(dir, (gssize)strcspn(dir, "/"));
	pattern = a->section_index || !*dir ? NULL : g_hash_table_lookup(s->permalinks, top);
	g_free(top);
	if (pattern) {
		if (pattern[0] != '/')
			g_string_append_c(u, '/');
		append_pattern(u, pattern, a, dir);
		if (!g_str_has_suffix(u->str, "/"))
			g_string_append_c(u, '/');
	} else {
		GString *path = g_string_new(NULL);
		const char *slug = a->fm.slug.text && *a->fm.slug.text ? a->fm.slug.text : NULL;

		if (*dir)
			g_string_append_printf(path, "/%s", dir);
		if (a->bundle && !a->section_index && slug && strrchr(path->str, '/')) {
			/* a bundle's slug is its folder's name */
			g_string_truncate(path, (gsize)(strrchr(path->str, '/') - path->str) + 1);
			g_string_append(path, slug);
		} else if (!a->bundle && !a->section_index) {
			char *name = slug ? g_strdup(slug) : content_base_name(a);

			g_string_append_printf(path, "/%s", name);
			g_free(name);
		}
		g_string_append_c(path, '/');
		append_urlized(u, path->str);
		g_string_free(path, TRUE);
	}
	a->permalink = g_ascii_strdown(u->str, -1);
	g_free(dir);
	g_string_free(u, TRUE);
}

bool pages_is_home(const struct article *a)
{
	return a->section_index && a->path && !strchr(a->path, '/');
}

bool pages_body_shows(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	bool shows = false;

	while (!shows && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit = cmark_node_get_literal(n);

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			shows = lit && lit[strspn(lit, " \t\r\n")];
			break;
		case CMARK_NODE_CODE: case CMARK_NODE_CODE_BLOCK: case CMARK_NODE_IMAGE: case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE: case CMARK_NODE_THEMATIC_BREAK:
			shows = true;
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	return shows;
}

bool pages_layout_only(const struct article *a)
{
	return !a->section_index && a->fm.tree && fm_map_get(a->fm.tree, "layout") && a->doc && !a->shows;
}

/* Does the page's front matter lock it with a password (FixIt, DoIt: password: "...")? */
static bool password_set(const struct article *a)
{
	const struct fm_node *pw = a->fm.tree ? fm_map_get(a->fm.tree, "password") : NULL;

	return pw && pw->kind != FM_MAP && pw->kind != FM_LIST && pw->text && *pw->text;
}

/* Would Hugo publish it now? (drafts: below, in a plain folder too) */
static void publishing(const struct pages *p, struct article *a, bool draft_section)
{
	const struct options *o = p->r->opts;
	/* Hugo's publishDate is the date when none is given; in a plain folder only publishDate counts. */
	const struct folio_date *pub = a->fm.publish.valid ? &a->fm.publish : p->r->site ? &a->fm.date : NULL;

	if (draft_section && !o->include_drafts)
		a->hidden = HIDDEN_DRAFT_SECTION;
	else if (a->fm.headless)
		a->hidden = HIDDEN_HEADLESS;
	else if (a->fm.list != FM_LIST_ALWAYS)
		a->hidden = HIDDEN_UNLISTED;
	else if (pub && pub->valid && pub->utc > o->now && !o->include_future)
		a->hidden = HIDDEN_FUTURE;
	else if (a->fm.expiry.valid && a->fm.expiry.utc <= o->now && !o->include_expired)
		a->hidden = HIDDEN_EXPIRED;
}

static int by_depth(gconstpointer pa, gconstpointer pb)
{
	const struct article *a = *(struct article *const *)pa, *b = *(struct article *const *)pb;
	int da = 0, db = 0;

	for (const char *c = a->path; *c; c++)
		da += *c == '/';
	for (const char *c = b->path; *c; c++)
		db += *c == '/';
	return da - db;
}

struct pages *pages_new(struct reading *r, GPtrArray *loaded, GPtrArray *sections)
{
	struct pages *p = g_new0(struct pages, 1);
	GPtrArray *secs = g_ptr_array_new();

	p->r = r;
	p->all = g_ptr_array_new();
	p->sections = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_ptr_array_extend(p->all, sections, NULL, NULL);
	g_ptr_array_extend(p->all, loaded, NULL, NULL);
	for (guint i = 0; i < p->all->len; i++)
		hugo_identity(p, g_ptr_array_index(p->all, i));
	for (guint i = 0; i < sections->len; i++) {
		struct article *s = g_ptr_array_index(sections, i);
		char *dir = place_of(s);

		g_hash_table_insert(p->sections, section_key(s, dir), s);
		g_free(dir);
	}
	/* Sections from the top down, so that each has its parents' cascade before passing it on. */
	g_ptr_array_extend(secs, sections, NULL, NULL);
	g_ptr_array_sort(secs, by_depth);
	for (guint i = 0; i < secs->len; i++) {
		struct article *s = g_ptr_array_index(secs, i);
		bool draft = false;

		cascade(p, s, &draft);
		if (draft)
			s->fm.draft = true;	/* a draft section's sections are drafts too */
		/* Nor is a draft section's body read: Hugo shows it to no one (read/arrange.c). */
		if (s->fm.draft && !r->opts->include_drafts)
			s->hidden = HIDDEN_DRAFT;
	}
	g_ptr_array_free(secs, TRUE);
	for (guint i = 0; i < loaded->len; i++) {
		struct article *a = g_ptr_array_index(loaded, i);
		bool draft_section = false;

		cascade(p, a, &draft_section);
		if (r->site)
			publishing(p, a, draft_section);
		else if (a->fm.publish.valid || a->fm.expiry.valid || a->fm.list != FM_LIST_ALWAYS || a->fm.headless)
			publishing(p, a, false);
		/* A draft's body is not read either: its refs and shortcodes are not the book's to warn about. */
		if (a->hidden == HIDDEN_NOT && a->fm.draft && !r->opts->include_drafts)
			a->hidden = HIDDEN_DRAFT;
		/* Locked by its author (FixIt's password:, the page shown only to who knows it): not printed. */
		if (a->hidden == HIDDEN_NOT && password_set(a))
			a->hidden = HIDDEN_PROTECTED;
	}
	for (guint i = 0; r->site && i < p->all->len; i++)
		permalink(p, g_ptr_array_index(p->all, i));
	index_pages(p);
	return p;
}

void pages_free(struct pages *p)
{
	if (!p)
		return;
	g_ptr_array_free(p->all, TRUE);
	g_hash_table_destroy(p->sections);
	g_hash_table_destroy(p->by_path);
	g_hash_table_destroy(p->by_name);
	g_free(p);
}

void pages_sections(struct pages *p)
{
	for (guint i = 0; i < p->all->len; i++)
		find_section(p, g_ptr_array_index(p->all, i));
}

/* ---- param and ref ---- */

static char *node_value(const struct fm_node *n)
{
	return n && n->kind != FM_NULL ? fm_node_text(n) : NULL;
}

static char *param(void *data, const char *key, bool site_only)
{
	const struct pages_call *c = data;
	const struct site *s = c->p->r->site;
	char *v = site_only ? NULL : node_value(c->a->fm.tree ? fm_lookup(c->a->fm.tree, key) : NULL);
	const struct site_lang *l;

	/* The page's params: its front matter (also under params:), then the site's. */
	if (!v && !site_only && c->a->fm.tree) {
		char *k = g_strconcat("params.", key, NULL);

		v = node_value(fm_lookup(c->a->fm.tree, k));
		g_free(k);
	}
	if (!v && s) {
		l = c->a->hugo_lang ? site_lang_by_key(s, c->a->hugo_lang) : NULL;
		if (!l)
			l = g_ptr_array_index(s->langs, 0);
		v = node_value(fm_lookup(l->params, key));
	}
	return v;
}

/* A page's path as pages know it: relative to the content folder, "." and ".." collapsed. */
static char *page_path(const char *path)
{
	return paths_collapse(path + strspn(path, "/"));
}

static char *strip_ext(const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	return dot && (!slash || dot > slash) ? g_strndup(path, (gsize)(dot - path)) : g_strdup(path);
}

static bool same_lang(const struct article *t, const char *lang)
{
	return !lang || !t->hugo_lang || !g_ascii_strcasecmp(t->hugo_lang, lang);
}

/* Index i under key (taken) in h. */
static void index_add(GHashTable *h, char *key, guint i)
{
	GArray *a = g_hash_table_lookup(h, key);

	if (!a) {
		a = g_array_new(FALSE, FALSE, sizeof(guint));
		g_hash_table_insert(h, key, a);
	} else {
		g_free(key);
	}
	if (!a->len || g_array_index(a, guint, a->len - 1) != i)
		g_array_append_val(a, i);
}

/*
 * The keys a ref may name path by, for index i: as Hugo looks pages up, in lower case, with or
 * without its extension, or as a bundle's or a section's folder.
 */
static void index_keys(GHashTable *h, const char *path, guint i)
{
	char *P = g_utf8_strdown(path, -1), *noext = strip_ext(P);
	const char *slash = strrchr(noext, '/'), *base = slash ? slash + 1 : noext;

	index_add(h, g_strconcat("f:", P, NULL), i);
	index_add(h, g_strconcat("n:", noext, NULL), i);
	/* "posts/b" names posts/b/index.md and posts/b/_index.md */
	if (!strcmp(base, "index") || !strcmp(base, "_index")) {
		char *dir = dir_of(noext);

		index_add(h, g_strconcat("d:", dir, NULL), i);
		g_free(dir);
	}
	g_free(noext);
	g_free(P);
}

/* A page's name: its file's, or a bundle's or a section's folder with what follows it. */
static const char *page_name(const struct article *t)
{
	const char *slash = strrchr(t->path, '/');

	if ((t->bundle || t->section_index) && slash) {
		const char *up = g_strrstr_len(t->path, slash - t->path, "/");

		return up ? up + 1 : t->path;
	}
	return slash ? slash + 1 : t->path;
}

static void index_pages(struct pages *p)
{
	p->by_path = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
	p->by_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
	for (guint i = 0; i < p->all->len; i++) {
		const struct article *t = g_ptr_array_index(p->all, i);

		if (!t->path)
			continue;
		index_keys(p->by_path, t->path, i);
		index_keys(p->by_name, page_name(t), i);
	}
}

/*
 * How many pages of h answer to ref q in language lang (index_keys' three ways, and a folder named
 * with an extension: 0, 1, or 2 for several), and the first of them read.
 */
static guint matches(const struct pages *p, GHashTable *h, const char *q, const char *lang,
		     const struct article **first)
{
	char *Q = g_utf8_strdown(q, -1), *Qn = strip_ext(Q);
	/*
	 * "setup-pubsub.md" names the section setup-pubsub/_index.md too, as Hugo strips a content
	 * file's extension (not any dot's: "v1.2" is the folder v1.2, never v1)
	 */
	bool content_ext = g_str_has_suffix(Q, ".md") || g_str_has_suffix(Q, ".markdown") || g_str_has_suffix(Q, ".html");
	char *keys[4] = { g_strconcat("f:", Q, NULL), g_strconcat("n:", Qn, NULL), g_strconcat("d:", Q, NULL),
			  content_ext ? g_strconcat("d:", Qn, NULL) : NULL };
	guint lo = G_MAXUINT, next = G_MAXUINT;

	/* The two smallest indexes of pages in lang among the lists. */
	for (int k = 0; k < 4 && keys[k]; k++) {
		GArray *a = g_hash_table_lookup(h, keys[k]);

		for (guint j = 0; a && j < a->len; j++) {
			guint i = g_array_index(a, guint, j);

			if (i == lo || i == next || !same_lang(g_ptr_array_index(p->all, i), lang))
				continue;
			if (i < lo) {
				next = lo;
				lo = i;
			} else if (i < next) {
				next = i;
			}
		}
		g_free(keys[k]);
	}
	*first = lo != G_MAXUINT ? g_ptr_array_index(p->all, lo) : NULL;
	g_free(Qn);
	g_free(Q);
	return (lo != G_MAXUINT) + (next != G_MAXUINT);
}

static const struct article *find_page(const struct pages *p, const char *q, const char *lang)
{
	const struct article *first;

	matches(p, p->by_path, q, lang, &first);
	return first;
}

/* By its name alone ("notices", "b.md", a bundle's folder "6-storage"): the one page so named. */
static const struct article *find_by_name(const struct pages *p, const char *q, const char *lang)
{
	const struct article *first;

	/* ambiguous: Hugo refuses it too */
	return matches(p, p->by_name, q, lang, &first) == 1 ? first : NULL;
}

/* A relative link from folder from_dir to the file to (both real paths). */
static char *relative(const char *from_dir, const char *to)
{
	char **a = g_strsplit(from_dir, "/", -1), **b = g_strsplit(to, "/", -1);
	GString *s = g_string_new(NULL);
	guint i = 0;

	while (a[i] && b[i] && b[i + 1] && !strcmp(a[i], b[i]))
		i++;
	for (guint k = i; a[k]; k++)
		if (*a[k])
			g_string_append(s, "../");
	for (guint k = i; b[k]; k++)
		g_string_append_printf(s, "%s%s", b[k], b[k + 1] ? "/" : "");
	g_strfreev(a);
	g_strfreev(b);
	return g_string_free(s, FALSE);
}

/* The page ref path q (no #fragment) names from page c->a, in language want, as Hugo finds it; or NULL. */
static const struct article *ref_target(const struct pages_call *c, const char *q, const char *want)
{
	const struct article *t = NULL;

	if (!*q) {
		t = c->a;	/* "#fragment": this page */
	} else if (q[0] == '/') {
		char *clean = page_path(q);

		t = find_page(c->p, clean, want);
		g_free(clean);
	} else {
		char *dir = place_of(c->a), *joined = g_strconcat(dir, "/", q, NULL), *clean = page_path(joined);

		if (c->a->bundle || c->a->section_index) {
			/* A bundle's page is its folder: a ref is read from the folder that holds it. */
			char *up = dir_of(dir);

			g_free(joined);
			g_free(clean);
			joined = g_strconcat(up, "/", q, NULL);
			clean = page_path(joined);
			g_free(up);
			if (!(t = find_page(c->p, clean, want))) {
				g_free(joined);
				g_free(clean);
				joined = g_strconcat(dir, "/", q, NULL);
				clean = page_path(joined);
			}
		}
		if (!t)
			t = find_page(c->p, clean, want);
		g_free(joined);
		g_free(clean);
		g_free(dir);
		if (!t) {
			char *clean_q = page_path(q);

			t = find_page(c->p, clean_q, want);
			if (!t)
				t = find_by_name(c->p, clean_q, want);
			g_free(clean_q);
		}
	}
	return t;
}

static char *ref(void *data, const char *path, const char *lang)
{
	const struct pages_call *c = data;
	const char *hash = strchr(path, '#');
	char *q = g_strndup(path, hash ? (gsize)(hash - path) : strlen(path));
	const char *want = lang ? lang : c->a->hugo_lang;
	const struct article *t;
	char *out = NULL;
	/* "about/index.en.md": that language's page, named without it. */
	const struct site_lang *named = c->p->r->site ? take_lang_suffix(c->p->r->site, q) : NULL;

	if (named)
		want = named->key;
	t = ref_target(c, q, want);
	if (t) {
		char *rel = t == c->a ? g_path_get_basename(t->real) : relative(c->a->dir, t->real);

		out = g_strconcat(rel, hash ? hash : "", NULL);
		g_free(rel);
	}
	g_free(q);
	return out;
}

/* Files include and readfile may read: text, not more than this. */
#define INCLUDE_MAX_BYTES (4 * 1024 * 1024)

/*
 * The file an include's path names, when it is inside the folders folio was given and no hidden
 * file (nor in a hidden folder: a page given alone makes its folder a root, the user's home
 * perhaps): from folder dir (the including text's), else (a path from the top, "/_common/x.md")
 * from the site's root and its content folder; its real path (g_free) and the folder given that
 * holds it, for its name in messages.
 */
static char *include_file(const struct pages_call *c, const char *path, const char *dir, const struct root **in)
{
	const struct reading *r = c->p->r;
	const char *site = r->site ? r->site->root : NULL;
	GPtrArray *bases = g_ptr_array_new_with_free_func(g_free);
	char *found = NULL;

	if (path[0] != '/')
		g_ptr_array_add(bases, g_strdup(dir ? dir : c->a->dir));
	if (site)
		g_ptr_array_add(bases, g_strdup(site));
	if (c->a->root)
		g_ptr_array_add(bases, g_strdup(c->a->root->real));
	for (guint i = 0; i < bases->len && !found; i++) {
		char *joined = g_build_filename(g_ptr_array_index(bases, i), path, NULL);
		char *real = realpath(joined, NULL);
		const char *top = NULL;

		g_free(joined);
		*in = real ? roots_find(r->b->roots, real) : NULL;
		if (*in)
			top = (*in)->real;
		else if (real && site && g_str_has_prefix(real, site) && real[strlen(site)] == '/')
			top = site;
		if (top && g_file_test(real, G_FILE_TEST_IS_REGULAR) && !strstr(real + strlen(top), "/."))
			found = g_strdup(real);
		free(real);
	}
	g_ptr_array_free(bases, TRUE);
	return found;
}

static char *include(void *data, const char *path, bool page, const char *dir, char **file, char **file_dir,
		     int *first_line, const char **why)
{
	const struct pages_call *c = data;
	const struct article *t = page ? ref_target(c, path, c->a->hugo_lang) : NULL;
	const struct root *in = NULL;
	char *real = t ? g_strdup(t->real) : include_file(c, path, dir, &in), *text = NULL, *body = NULL;
	gsize len = 0;
	GStatBuf st;
	struct fm_region fr;

	*why = "no such page or file in the folders given";
	if (!real)
		return NULL;
	if (t == c->a) {
		*why = "the page includes itself";
		g_free(real);
		return NULL;
	}
	/* (its size looked at before it is read: a video in static/ is not read whole to be refused) */
	if (g_stat(real, &st) || st.st_size > INCLUDE_MAX_BYTES || !g_file_get_contents(real, &text, &len, NULL)
	    || len > INCLUDE_MAX_BYTES || !g_utf8_validate(text, (gssize)len, NULL) || memchr(text, '\0', len)) {
		*why = "not a text file folio can read (UTF-8, under 4 MB)";
		g_free(text);
		g_free(real);
		return NULL;
	}
	len = textnorm_newlines(text, len);	/* as a page's, before its front matter is looked for */
	*file = t ? g_strdup(t->file) : in ? g_build_filename(in->given, real + strlen(in->real), NULL) : g_strdup(real);
	*file_dir = g_path_get_dirname(real);
	/* A page's front matter goes (Hugo includes its content); a file of another kind is all text. */
	if (g_str_has_suffix(real, ".md") || g_str_has_suffix(real, ".markdown") || t) {
		int split = fm_split(*file, text, len, &fr);

		if (split >= 0) {
			*first_line = fr.body_line;
			body = g_strndup(fr.body, (gsize)(text + len - fr.body));
		}
	}
	if (!body) {
		*first_line = 1;
		body = g_strndup(text, len);
	}
	g_free(text);
	g_free(real);
	return body;
}

void pages_context(const struct pages *p, const struct article *a, struct pages_call *call, struct sc_context *ctx)
{
	const struct site *s = p->r->site;

	call->p = p;
	call->a = a;
	memset(ctx, 0, sizeof *ctx);
	ctx->file = a->file;
	ctx->first_line = a->body_line;
	ctx->html = a->html;
	ctx->emoji = s && s->emoji;
	ctx->block_attributes = s && s->block_attributes;
	ctx->passthrough = s ? s->passthrough : NULL;
	ctx->lang = a->fm.lang.text && *a->fm.lang.text ? a->fm.lang.text : p->r->b->lang;
	ctx->mappings = p->r->opts->shortcodes;
	ctx->param = param;
	ctx->ref = ref;
	ctx->include = include;
	ctx->data = call;
}
