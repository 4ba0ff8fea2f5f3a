/* frontmatter.c - finds front matter where Hugo does and reads its fields, whatever format it is written in. */
#include "book/frontmatter.h"

#include <string.h>

#include "base/diag.h"

void fm_init(struct front_matter *fm)
{
	memset(fm, 0, sizeof *fm);
	fm->categories.items = g_ptr_array_new_with_free_func(g_free);
	fm->tags.items = g_ptr_array_new_with_free_func(g_free);
	fm->extra = g_ptr_array_new();
	fm->resources = g_ptr_array_new();
}

static void extra_free(gpointer p)
{
	struct fm_extra *e = p;

	g_free(e->key);
	g_free(e->value);
	g_free(e);
}

static void resource_item_free(gpointer p)
{
	struct fm_resource *r = p;

	g_free(r->src);
	g_free(r->name);
	g_free(r->title);
	g_free(r);
}

void fm_clear(struct front_matter *fm)
{
	struct fm_text *texts[] = { &fm->title, &fm->summary, &fm->author, &fm->lang,
		&fm->thumbnail, &fm->slug, &fm->source, &fm->date_text, &fm->cover, &fm->cover_alt, &fm->url };

	for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
		g_free(texts[i]->text);
	if (fm->categories.items)
		g_ptr_array_free(fm->categories.items, TRUE);
	if (fm->tags.items)
		g_ptr_array_free(fm->tags.items, TRUE);
	if (fm->extra) {
		g_ptr_array_foreach(fm->extra, (GFunc)(void (*)(void))extra_free, NULL);
		g_ptr_array_free(fm->extra, TRUE);
	}
	if (fm->resources) {
		g_ptr_array_foreach(fm->resources, (GFunc)(void (*)(void))resource_item_free, NULL);
		g_ptr_array_free(fm->resources, TRUE);
	}
	fm_node_free(fm->tree);
	memset(fm, 0, sizeof *fm);
}

static GPtrArray *strings_copy(const GPtrArray *from)
{
	GPtrArray *to = g_ptr_array_new_full(from->len, g_free);

	for (guint i = 0; i < from->len; i++)
		g_ptr_array_add(to, g_strdup(g_ptr_array_index(from, i)));
	return to;
}

void fm_copy(struct front_matter *to, const struct front_matter *from)
{
	struct fm_text *texts[] = { &to->title, &to->summary, &to->author, &to->lang,
		&to->thumbnail, &to->slug, &to->source, &to->date_text, &to->cover, &to->cover_alt, &to->url };

	/* Every field at once (dates, lines, flags), then each thing it owns copied in its place. */
	*to = *from;
	for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
		texts[i]->text = g_strdup(texts[i]->text);
	to->categories.items = strings_copy(from->categories.items);
	to->tags.items = strings_copy(from->tags.items);
	to->extra = g_ptr_array_new_full(from->extra->len, NULL);
	for (guint i = 0; i < from->extra->len; i++) {
		const struct fm_extra *e = g_ptr_array_index(from->extra, i);
		struct fm_extra *c = g_new(struct fm_extra, 1);

		*c = (struct fm_extra){ g_strdup(e->key), g_strdup(e->value), e->line };
		g_ptr_array_add(to->extra, c);
	}
	to->resources = g_ptr_array_new_full(from->resources->len, NULL);
	for (guint i = 0; i < from->resources->len; i++) {
		const struct fm_resource *r = g_ptr_array_index(from->resources, i);
		struct fm_resource *c = g_new(struct fm_resource, 1);

		*c = (struct fm_resource){ g_strdup(r->src), g_strdup(r->name), g_strdup(r->title), r->line };
		g_ptr_array_add(to->resources, c);
	}
	to->tree = fm_node_copy(from->tree);
}

/* ---- finding it ---- */

/* Is the line starting at p exactly the fence (trailing blanks allowed)? */
static bool is_fence(const char *p, const char *end, const char *fence)
{
	size_t n = strlen(fence);

	if ((size_t)(end - p) < n || memcmp(p, fence, n))
		return false;
	p += n;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p == end || *p == '\n';
}

/* The end of a JSON object that starts at p ('{'), past its closing '}', strings and escapes minded; NULL if none. */
static const char *json_end(const char *p, const char *end)
{
	int depth = 0;
	bool in_string = false;

	for (; p < end; p++) {
		if (in_string) {
			if (*p == '\\' && p + 1 < end)
				p++;
			else if (*p == '"')
				in_string = false;
		} else if (*p == '"') {
			in_string = true;
		} else if (*p == '{') {
			depth++;
		} else if (*p == '}' && --depth == 0) {
			return p + 1;
		}
	}
	return NULL;
}

static int count_lines(const char *from, const char *to)
{
	int n = 0;

	for (; from < to; from++)
		n += *from == '\n';
	return n;
}

int fm_split(const char *file, const char *text, size_t len, struct fm_region *r)
{
	const char *end = text + len, *start = text, *p, *nl;
	const char *close = "---";
	int first;

	memset(r, 0, sizeof *r);
	r->body = text;
	r->body_line = 1;
	/* Hugo reads front matter after blank lines (and blanks on them) too. */
	while (start < end && (*start == ' ' || *start == '\t' || *start == '\n'))
		start++;
	while (start > text && start[-1] != '\n')
		start--;
	first = 1 + count_lines(text, start);
	if (is_fence(start, end, "+++")) {
		r->format = FMT_TOML;
		close = "+++";
	} else if (is_fence(start, end, "---")) {
		r->format = FMT_YAML;
	} else {
		const char *brace = start + strspn(start, " \t");

		const char *key = brace + 1;

		/* A JSON object opens with a key or closes at once: "{{<" and "{#id}" are no front matter. */
		while (key < end && (*key == ' ' || *key == '\t' || *key == '\n'))
			key++;
		if (brace < end && *brace == '{' && key < end && (*key == '"' || *key == '}')) {
			const char *stop = json_end(brace, end);

			if (!stop) {
				diag_warn(file, first, "JSON front matter is not terminated: no closing '}'");
				return -1;
			}
			r->format = FMT_JSON;
			r->text = brace;
			r->len = (size_t)(stop - brace);
			r->line = first;
			/* The rest of the closing line, then the body. */
			nl = memchr(stop, '\n', (size_t)(end - stop));
			r->body = nl ? nl + 1 : end;
			r->body_line = first + count_lines(brace, r->body);
			return 1;
		}
		return 0;
	}
	nl = memchr(start, '\n', (size_t)(end - start));
	if (!nl) {
		diag_warn(file, first, "front matter is not terminated: no closing '%s' line", close);
		r->format = FMT_NONE;
		return -1;
	}
	p = nl + 1;
	for (int line = first + 1; p < end; line++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (is_fence(p, end, close) || (r->format == FMT_YAML && is_fence(p, end, "..."))) {
			r->text = strchr(start, '\n') + 1;
			r->len = (size_t)(p - r->text);
			r->line = first + 1;
			r->body = nl < end ? nl + 1 : end;
			r->body_line = line + 1;
			return 1;
		}
		p = nl + 1;
	}
	diag_warn(file, first, "front matter is not terminated: no closing '%s' line", close);
	r->format = FMT_NONE;
	return -1;
}

/* ---- reading its fields ---- */

struct reader {
	const char *file;
	GTimeZone *tz;
	struct front_matter *fm;
	bool cascaded;		/* keys from a section's cascade: not the page's own extras */
};

static bool is_key(const char *key, const char *name)
{
	return !g_ascii_strcasecmp(key, name);
}

static bool is_scalar(const struct fm_node *n)
{
	return n->kind != FM_LIST && n->kind != FM_MAP;
}

/*
 * A scalar's text. Feeds turned into posts often keep an RSS title's CDATA wrapping
 * ("<![CDATA[M&A Roundup]]>"); Hugo shows it as written, markup and all. A value that is one
 * CDATA section and nothing else is read as what it wraps, stripped as a title is.
 */
static char *scalar_text(const struct fm_node *n)
{
	static const char open[] = "<![CDATA[", close[] = "]]>";
	const char *s = n->text, *e = s + strlen(s);

	while (g_ascii_isspace(*s))
		s++;
	while (e > s && g_ascii_isspace(e[-1]))
		e--;
	if (e - s >= (ptrdiff_t)(sizeof open + sizeof close - 2) && !strncmp(s, open, sizeof open - 1)
	    && !strncmp(e - (sizeof close - 1), close, sizeof close - 1)) {
		const char *in = s + sizeof open - 1, *end = e - (sizeof close - 1);

		/* One section: a "]]>" inside would close it early (XML's rule), so it is text as written. */
		if (!g_strstr_len(in, end - in, close))
			return g_strstrip(g_strndup(in, (gsize)(end - in)));
	}
	return g_strdup(n->text);
}

static void add_item(GPtrArray *list, const struct fm_node *n)
{
	char *text = scalar_text(n);

	if (*text)
		g_ptr_array_add(list, text);
	else
		g_free(text);
}

static bool is_author(const char *key)
{
	return !strcmp(key, "author") || !strcmp(key, "authors");
}

/* Scalars of a list (or a single scalar) appended to list. */
static bool read_list(const struct reader *r, const char *key, const struct fm_node *n, GPtrArray *list)
{
	if (n->kind == FM_NULL)
		return true;
	if (is_scalar(n)) {
		add_item(list, n);
		return true;
	}
	if (n->kind != FM_LIST) {
		diag_warn(r->file, n->line, "'%s' should be a list of text; ignored", key);
		return false;
	}
	for (guint i = 0; i < n->items->len; i++) {
		const struct fm_node *item = g_ptr_array_index(n->items, i);
		const struct fm_node *name = item->kind == FM_MAP && is_author(key) ? fm_map_get(item, "name") : NULL;

		/* authors: [{name: imfing, link: ..., image: ...}], as Hextra writes them: the names */
		if (name && is_scalar(name) && name->kind != FM_NULL) {
			add_item(list, name);
			continue;
		}
		if (!is_scalar(item) || item->kind == FM_NULL) {
			diag_warn(r->file, item->line, "an item of '%s' is not text; ignored", key);
			continue;
		}
		add_item(list, item);
	}
	return true;
}

/* A text field; a list gives its first item (lang: [zh-CN]) or all joined (author). */
static void read_text(const struct reader *r, const char *key, const struct fm_node *n, struct fm_text *t,
		      const char *join)
{
	g_free(t->text);
	t->text = NULL;
	t->line = n->line;
	if (n->kind == FM_NULL) {
		t->text = g_strdup("");
	} else if (is_scalar(n)) {
		t->text = scalar_text(n);
	} else if (n->kind == FM_LIST) {
		GPtrArray *items = g_ptr_array_new_with_free_func(g_free);

		read_list(r, key, n, items);
		if (items->len > 0 && !join)
			t->text = g_strdup(g_ptr_array_index(items, 0));
		else if (items->len > 0) {
			g_ptr_array_add(items, NULL);
			t->text = g_strjoinv(join, (char **)items->pdata);
		} else
			t->text = g_strdup("");
		g_ptr_array_free(items, TRUE);
	} else if (is_author(key)) {
		/* author: {name: ...}, as many Hugo themes write it */
		const struct fm_node *name = fm_map_get(n, "name");

		if (name && is_scalar(name) && name->text)
			t->text = g_strdup(name->text);
		else
			t->line = 0;
	} else {
		diag_warn(r->file, t->line, "'%s' should be text, not a mapping; ignored", key);
		t->line = 0;
	}
}

/*
 * The picture a theme sets at the head of the post: cover: a.png, or PaperMod's mapping (image,
 * alt; hidden or hiddenInSingle: not shown on the post's page), or LoveIt's featuredImage.
 */
static void read_cover(const struct reader *r, const char *key, const struct fm_node *n, struct front_matter *fm)
{
	const struct fm_node *image = n->kind == FM_MAP ? fm_map_get(n, "image") : NULL;
	const struct fm_node *alt = n->kind == FM_MAP ? fm_map_get(n, "alt") : NULL;

	g_clear_pointer(&fm->cover_alt.text, g_free);
	if (n->kind != FM_MAP) {
		read_text(r, key, n, &fm->cover, NULL);
		return;
	}
	g_clear_pointer(&fm->cover.text, g_free);
	if (fm_is_true(fm_map_get(n, "hidden")) || fm_is_true(fm_map_get(n, "hiddenInSingle")))
		return;
	if (image)
		read_text(r, "cover.image", image, &fm->cover, NULL);
	if (alt)
		read_text(r, "cover.alt", alt, &fm->cover_alt, NULL);
}

/* A date field: written text or a TOML date, read in the zone dates are read in. */
static void read_date(const struct reader *r, const char *key, const struct fm_node *n, struct folio_date *d,
		      int *line)
{
	memset(d, 0, sizeof *d);
	if (line)
		*line = n->line;
	if (!is_scalar(n) || n->kind == FM_NULL || !n->text || !*n->text)
		return;
	if (!date_parse(n->text, r->tz, d))
		diag_warn(r->file, n->line, "cannot read %s '%s'; ignored", key, n->text);
}

/* _build or build: {list: always|local|never, render: always|link|never}; true and false too. */
static void read_build(const struct reader *r, const char *key, const struct fm_node *n)
{
	const struct fm_node *list = fm_map_get(n, "list"), *render = fm_map_get(n, "render");

	r->fm->build_line = n->line;
	if (n->kind != FM_MAP) {
		diag_warn(r->file, n->line, "'%s' should be a mapping (list:, render:); ignored", key);
		return;
	}
	if (list && list->text) {
		if (is_key(list->text, "never") || is_key(list->text, "false"))
			r->fm->list = FM_LIST_NEVER;
		else if (is_key(list->text, "local"))
			r->fm->list = FM_LIST_LOCAL;
		else if (is_key(list->text, "always") || is_key(list->text, "true"))
			r->fm->list = FM_LIST_ALWAYS;
		else
			diag_warn(r->file, list->line, "'%s: list' should be always, local or never, not '%s'; ignored",
				  key, list->text);
	}
	if (render && render->text)
		r->fm->render_never = is_key(render->text, "never") || is_key(render->text, "false");
}

/* resources: [{src, name, title}, ...] */
static void read_resources(const struct reader *r, const struct fm_node *n)
{
	if (n->kind == FM_NULL || (n->kind == FM_TEXT && (!n->text || !*n->text)))
		return;	/* "resources:" with nothing under it: none */
	if (n->kind != FM_LIST) {
		diag_warn(r->file, n->line, "'resources' should be a list of mappings (src:, title:); ignored");
		return;
	}
	for (guint i = 0; i < n->items->len; i++) {
		const struct fm_node *item = g_ptr_array_index(n->items, i);
		const struct fm_node *src = fm_map_get(item, "src"), *name = fm_map_get(item, "name");
		const struct fm_node *title = fm_map_get(item, "title");
		struct fm_resource *res;

		if (item->kind != FM_MAP || !src || !src->text || !*src->text) {
			diag_warn(r->file, item->line, "a resource without src: is no resource; ignored");
			continue;
		}
		res = g_new0(struct fm_resource, 1);
		res->src = g_strdup(src->text);
		res->name = name && name->text ? g_strdup(name->text) : NULL;
		res->title = title && title->text && *title->text ? g_strdup(title->text) : NULL;
		res->line = item->line;
		g_ptr_array_add(r->fm->resources, res);
	}
}

static const char *const publish_keys[] = { "publishDate", "pubdate", "published", NULL };
static const char *const expiry_keys[] = { "expiryDate", "unpublishdate", NULL };
static const char *const lastmod_keys[] = { "lastmod", "modified", NULL };

static bool one_of(const char *key, const char *const *names)
{
	for (; *names; names++)
		if (is_key(key, *names))
			return true;
	return false;
}

static void read_pair(const struct reader *r, const char *key, const struct fm_node *v)
{
	struct front_matter *fm = r->fm;
	int line = v->line;

	if (is_key(key, "title"))
		read_text(r, "title", v, &fm->title, " ");
	else if (is_key(key, "summary") || is_key(key, "description"))
		read_text(r, key, v, &fm->summary, " ");
	else if (is_key(key, "author") || is_key(key, "authors"))
		read_text(r, is_key(key, "author") ? "author" : "authors", v, &fm->author, ", ");
	else if (is_key(key, "lang") || is_key(key, "language"))
		read_text(r, key, v, &fm->lang, NULL);
	else if (is_key(key, "thumbnail") || is_key(key, "image"))
		read_text(r, key, v, &fm->thumbnail, NULL);
	else if (is_key(key, "cover") || is_key(key, "featuredImage") || is_key(key, "featured_image"))
		read_cover(r, key, v, fm);
	else if (is_key(key, "slug"))
		read_text(r, key, v, &fm->slug, NULL);
	else if (is_key(key, "url"))
		read_text(r, key, v, &fm->url, NULL);
	else if (is_key(key, "source") || is_key(key, "source_url") || is_key(key, "link"))
		read_text(r, key, v, &fm->source, NULL);
	else if (is_key(key, "categories") || is_key(key, "category")) {
		fm->categories.line = line;
		read_list(r, key, v, fm->categories.items);
	} else if (is_key(key, "tags") || is_key(key, "keywords")) {
		fm->tags.line = line;
		read_list(r, key, v, fm->tags.items);
	} else if (is_key(key, "date")) {
		read_text(r, key, v, &fm->date_text, NULL);
		if (fm->date_text.text && *fm->date_text.text
		    && !date_parse(fm->date_text.text, r->tz, &fm->date))
			diag_warn(r->file, line, "cannot read date '%s'; the article has no date",
				  fm->date_text.text);
	} else if (one_of(key, publish_keys)) {
		read_date(r, key, v, &fm->publish, &fm->publish_line);
	} else if (one_of(key, expiry_keys)) {
		read_date(r, key, v, &fm->expiry, &fm->expiry_line);
	} else if (one_of(key, lastmod_keys)) {
		read_date(r, key, v, &fm->lastmod, NULL);
	} else if (is_key(key, "weight")) {
		char *end = NULL;
		const char *s = is_scalar(v) ? v->text : NULL;

		if (s)
			fm->weight = strtol(s, &end, 10);
		fm->has_weight = s && *s && end && !*end;
		if (!fm->has_weight)
			diag_warn(r->file, line, "'weight' should be a whole number; ignored");
	} else if (is_key(key, "draft")) {
		fm->draft = fm_is_true(v);
	} else if (is_key(key, "headless")) {
		fm->headless = fm_is_true(v);
	} else if (is_key(key, "_build") || is_key(key, "build")) {
		read_build(r, key, v);
	} else if (is_key(key, "resources")) {
		read_resources(r, v);
	} else if (!r->cascaded && !is_key(key, "cascade")) {
		struct fm_extra *e = g_new0(struct fm_extra, 1);

		e->key = g_strdup(key);
		e->value = fm_node_text(v);
		e->line = line;
		g_ptr_array_add(fm->extra, e);
	}
}

/* Hugo's date when the front matter gives none: publishDate, else lastmod. */
static void date_fallback(struct front_matter *fm)
{
	if (fm->date.valid)
		return;
	if (fm->publish.valid)
		fm->date = fm->publish;
	else if (fm->lastmod.valid)
		fm->date = fm->lastmod;
}

bool fm_parse(const char *file, const struct fm_region *region, GTimeZone *tz, struct front_matter *fm)
{
	struct reader r = { file, tz, fm, false };
	struct fm_node *root;

	fm->format = region->format;
	root = fm_read(region->format, file, region->text, region->len, region->line, "front matter");
	if (!root)
		return false;
	if (root->kind != FM_MAP) {
		diag_warn(file, region->line, "front matter should be a mapping of keys to values, not %s",
			  fm_kind_name(root->kind));
		fm_node_free(root);
		return false;
	}
	for (guint i = 0; i < root->keys->len; i++)
		read_pair(&r, g_ptr_array_index(root->keys, i), g_ptr_array_index(root->items, i));
	date_fallback(fm);
	fm_node_free(fm->tree);
	fm->tree = root;
	return true;
}

void fm_apply_cascade(const char *file, struct front_matter *fm, const struct fm_node *cascade, GTimeZone *tz)
{
	struct reader r = { file, tz, fm, true };

	if (!cascade || cascade->kind != FM_MAP)
		return;
	if (!fm->tree)
		fm->tree = fm_node_map(0);
	for (guint i = 0; i < cascade->keys->len; i++) {
		const char *key = g_ptr_array_index(cascade->keys, i);
		const struct fm_node *v = g_ptr_array_index(cascade->items, i);

		if (fm_map_get(fm->tree, key))
			continue;
		fm_map_set(fm->tree, key, fm_node_copy(v));
		read_pair(&r, key, v);
	}
	date_fallback(fm);
}

const struct fm_resource *fm_resource_named(const struct front_matter *fm, const char *name)
{
	for (guint i = 0; fm->resources && i < fm->resources->len; i++) {
		const struct fm_resource *res = g_ptr_array_index(fm->resources, i);

		if (res->name && !g_ascii_strcasecmp(res->name, name))
			return res;
	}
	return NULL;
}

const struct fm_resource *fm_resource_for(const struct front_matter *fm, const char *url)
{
	for (guint i = 0; fm->resources && i < fm->resources->len; i++) {
		const struct fm_resource *res = g_ptr_array_index(fm->resources, i);

		if (!strcmp(res->src, url) || g_pattern_match_simple(res->src, url))
			return res;
	}
	return NULL;
}
