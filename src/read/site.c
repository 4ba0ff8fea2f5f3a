/* site.c - reads a Hugo site's settings (hugo.toml, .yaml, .json, config.*): title, languages, folders, params. */
#include "read/site.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/langtag.h"
#include "base/paths.h"
#include "book/fmread.h"

static const char *const config_names[] = { "hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
					    "config.toml", "config.yaml", "config.yml", "config.json", NULL };

/*
 * Is the settings file rel (a path in the site's folder site_dir) one folio may read? Not a link
 * that leads out of the site: its values would go into the book (said once, and skipped).
 */
static bool readable_in_site(const char *site_dir, const char *rel)
{
	char *p;

	if (paths_within(site_dir, rel))
		return true;
	p = g_build_filename(site_dir, rel, NULL);
	diag_warn(p, 0, "is a link that leaves the source folders; skipped");
	g_free(p);
	return false;
}

/* The first settings file of config_names in site_dir's folder sub ("" or "config/_default"). */
static char *first_existing(const char *site_dir, const char *sub)
{
	for (int i = 0; config_names[i]; i++) {
		char *rel = *sub ? g_build_filename(sub, config_names[i], NULL) : g_strdup(config_names[i]);
		char *p = g_build_filename(site_dir, rel, NULL);
		bool ok = g_file_test(p, G_FILE_TEST_IS_REGULAR) && readable_in_site(site_dir, rel);

		g_free(rel);
		if (ok)
			return p;
		g_free(p);
	}
	return NULL;
}

char *site_config_file(const char *dir)
{
	char *p = first_existing(dir, "");

	return p ? p : first_existing(dir, "config/_default");
}

static enum fm_format format_of(const char *path)
{
	if (g_str_has_suffix(path, ".toml"))
		return FMT_TOML;
	if (g_str_has_suffix(path, ".json"))
		return FMT_JSON;
	return FMT_YAML;
}

static struct fm_node *read_file(const char *path)
{
	char *text = NULL;
	gsize len = 0;
	GError *err = NULL;
	struct fm_node *n;

	if (!g_file_get_contents(path, &text, &len, &err)) {
		diag_error(path, 0, "cannot read the site's settings: %s", err->message);
		g_error_free(err);
		return NULL;
	}
	n = fm_read(format_of(path), path, text, len, 1, "settings");
	g_free(text);
	if (n && n->kind != FM_MAP) {
		diag_error(path, 1, "the site's settings should be a mapping, not %s", fm_kind_name(n->kind));
		fm_node_free(n);
		return NULL;
	}
	if (!n)
		diag_error(path, 0, "the site's settings cannot be read (see above)");
	return n;
}

/* The mapping under key in map, made when there is none (NULL: key holds something else). */
static struct fm_node *child_map(struct fm_node *map, const char *key)
{
	struct fm_node *n = (struct fm_node *)fm_map_get(map, key);

	if (!n) {
		n = fm_node_map(map->line);
		fm_map_set(map, key, n);
	}
	return n->kind == FM_MAP ? n : NULL;
}

/*
 * A file of config/_default named for one language (Hugo's KEY.LANG.toml): hugo.zh-cn.toml,
 * config.en.toml and languages.en.toml are that language's settings (languages.LANG), any other
 * its setting KEY (params.en.toml: languages.en.params). What is set already stays.
 */
static void merge_language_file(struct fm_node *config, const char *key, const char *lang, struct fm_node *v)
{
	bool defines = !strcmp(key, "hugo") || !strcmp(key, "config") || !strcmp(key, "languages");
	const struct fm_node *known = fm_lookup(config, "languages");
	struct fm_node *langs, *l;

	/* params.en.toml or menus.en.toml: for a language the site has (a leftover makes none). */
	if (!defines && !(known && known->kind == FM_MAP && fm_map_get(known, lang))) {
		fm_node_free(v);
		return;
	}
	langs = child_map(config, "languages");
	l = langs ? child_map(langs, lang) : NULL;
	if (!l) {
		fm_node_free(v);
	} else if (strcmp(key, "hugo") && strcmp(key, "config") && strcmp(key, "languages")) {
		if (!fm_map_get(l, key))
			fm_map_set(l, key, v);
		else
			fm_node_free(v);
	} else {
		for (guint i = 0; v->kind == FM_MAP && i < v->keys->len; i++) {
			const char *k = g_ptr_array_index(v->keys, i);

			if (!fm_map_get(l, k))
				fm_map_set(l, k, fm_node_copy(g_ptr_array_index(v->items, i)));
		}
		fm_node_free(v);
	}
}

/*
 * Each other file of config/_default is the setting its name says, as Hugo reads a split
 * configuration (params.toml: [params], markup.yaml: markup, languages.toml ...), and a file named
 * for one language (hugo.zh-cn.toml, languages.en.toml, menus.en.toml) that language's: the files
 * that make languages first, then the settings of each. The hugo.* or config.* file itself is not
 * read again. Names in order, TOML first, so the same file wins each run.
 */
/*
 * The files of names in site_dir's config/_default that make languages (defining), or the
 * others, merged into config.
 */
static void merge_files(struct fm_node *config, const char *site_dir, const GPtrArray *names, bool defining)
{
	static const char *const ext[] = { ".toml", ".yaml", ".yml", ".json" };

	for (size_t e = 0; e < G_N_ELEMENTS(ext); e++) {
		for (guint i = 0; i < names->len; i++) {
			const char *n = g_ptr_array_index(names, i);
			char *key, *rel, *file, *dot;
			struct fm_node *v;

			if (!g_str_has_suffix(n, ext[e]))
				continue;
			key = g_strndup(n, strlen(n) - strlen(ext[e]));
			rel = g_build_filename("config", "_default", n, NULL);
			file = g_build_filename(site_dir, rel, NULL);
			dot = strchr(key, '.');
			if (defining != (!dot || g_str_has_prefix(key, "hugo.") || g_str_has_prefix(key, "config.")
					 || g_str_has_prefix(key, "languages."))) {
				/* the other round's */
			} else if (g_file_test(file, G_FILE_TEST_IS_REGULAR) && !readable_in_site(site_dir, rel)) {
				/* a link out of the site (said) */
			} else if (dot && dot > key && dot[1] && !strchr(dot + 1, '.')
				   && g_file_test(file, G_FILE_TEST_IS_REGULAR) && (v = read_file(file))) {
				*dot = '\0';
				merge_language_file(config, key, dot + 1, v);
			} else if (*key && !dot && strcmp(key, "hugo") && strcmp(key, "config")
				   && !fm_map_get(config, key) && g_file_test(file, G_FILE_TEST_IS_REGULAR)) {
				v = read_file(file);
				if (v)
					fm_map_set(config, key, v);
			}
			g_free(key);
			g_free(rel);
			g_free(file);
		}
	}
}

static void merge_split_config(struct fm_node *config, const char *site_dir, const char *path)
{
	char *dir = g_path_get_dirname(path);
	GPtrArray *names = paths_sorted_names(dir, true, NULL);

	if (names) {
		merge_files(config, site_dir, names, true);
		merge_files(config, site_dir, names, false);
		g_ptr_array_free(names, TRUE);
	}
	g_free(dir);
}

static const char *text_of(const struct fm_node *map, const char *path)
{
	const struct fm_node *n = fm_lookup(map, path);

	return n && n->kind != FM_LIST && n->kind != FM_MAP && n->text && *n->text ? n->text : NULL;
}

/* author: "Name", or {name: "Name"} as many themes write it. */
static const char *author_of(const struct fm_node *map, const char *path)
{
	const struct fm_node *n = fm_lookup(map, path);

	if (n && n->kind == FM_MAP)
		n = fm_map_get(n, "name");
	return n && n->kind != FM_LIST && n->kind != FM_MAP && n->text && *n->text ? n->text : NULL;
}

static char *real_dir(const char *root, const char *dir)
{
	char *p = g_path_is_absolute(dir) ? g_strdup(dir) : g_build_filename(root, dir, NULL);
	char *real = realpath(p, NULL), *out = NULL;

	if (real && g_file_test(real, G_FILE_TEST_IS_DIR))
		out = g_strdup(real);
	free(real);
	g_free(p);
	return out;
}

/* "zh-CN" for a language "zh-cn": the code when it names the same language as the key, else the key. */
static char *lang_tag(const char *key, const char *code)
{
	char *k = langtag_normalize(key), *c = langtag_normalize(code);
	char *out;

	if (c && langtag_ok(c) && k && !g_ascii_strncasecmp(c, k, strcspn(k, "-"))
	    && (c[strcspn(k, "-")] == '-' || !c[strcspn(k, "-")])) {
		out = c;
		g_free(k);
	} else {
		out = k && langtag_ok(k) ? k : NULL;
		if (!out)
			g_free(k);
		g_free(c);
	}
	return out;
}

static void lang_free(gpointer p)
{
	struct site_lang *l = p;

	g_free(l->key);
	g_free(l->tag);
	g_free(l->content_dir);
	g_free(l->title);
	g_free(l->author);
	g_free(l->description);
	g_free(l->copyright);
	fm_node_free(l->params);
	g_free(l);
}

static struct site_lang *lang_new(struct site *s, const struct fm_node *config, const char *key,
				  const struct fm_node *own)
{
	struct site_lang *l = g_new0(struct site_lang, 1);
	const struct fm_node *w = own ? fm_map_get(own, "weight") : NULL;
	const char *dir = own ? text_of(own, "contentDir") : NULL;
	const struct fm_node *own_params = own ? fm_map_get(own, "params") : NULL;
	const struct fm_node *site_params = fm_map_get(config, "params");
	const char *v;

	l->key = g_strdup(key);
	l->weight = w && w->text ? atoi(w->text) : 0;
	l->tag = lang_tag(key, own && text_of(own, "languageCode") ? text_of(own, "languageCode")
			  : text_of(config, "languageCode"));
	if (l->tag && langtag_country(key) && !strcmp(l->tag, langtag_country(key)))
		diag_note(s->config, 0, "language '%s' is a country's code, not a language's; read as %s", key, l->tag);
	if (!dir)
		dir = text_of(config, "contentDir");
	l->content_dir = real_dir(s->root, dir ? dir : "content");
	/* The language's params over the site's. */
	l->params = own_params && own_params->kind == FM_MAP ? fm_node_copy(own_params) : fm_node_map(0);
	fm_map_merge_missing(l->params, site_params);
	v = own ? text_of(own, "title") : NULL;
	l->title = g_strdup(v ? v : text_of(config, "title"));
	v = own ? text_of(own, "copyright") : NULL;
	l->copyright = g_strdup(v ? v : text_of(config, "copyright"));
	v = author_of(l->params, "author");
	l->author = g_strdup(v ? v : author_of(config, "author"));
	l->description = g_strdup(text_of(l->params, "description"));
	return l;
}

/* Does a mount's language list (lang = "en", or sites.matrix.languages = ["en"]) take key? None: every one. */
static bool mount_takes(const struct fm_node *m, const char *key)
{
	const struct fm_node *lang = fm_map_get(m, "lang"), *langs = fm_lookup(m, "sites.matrix.languages");

	if (lang && lang->text && *lang->text)
		return !g_ascii_strcasecmp(lang->text, key);
	if (langs && langs->kind == FM_LIST) {
		for (guint i = 0; i < langs->items->len; i++) {
			const struct fm_node *k = g_ptr_array_index(langs->items, i);

			if (k->text && !g_ascii_strcasecmp(k->text, key))
				return true;
		}
		return false;
	}
	return true;
}

/*
 * [[module.mounts]] with target "content": the folder a language's pages come from (Hugo's docs
 * mount content/en as content). The first such mount of a language wins; a mount into a folder
 * below content (target "content/blog") is not read.
 */
static void mount_content(struct site *s, const struct fm_node *config)
{
	const struct fm_node *mounts = fm_lookup(config, "module.mounts");

	if (!mounts || mounts->kind != FM_LIST)
		return;
	for (guint i = 0; i < s->langs->len; i++) {
		struct site_lang *l = g_ptr_array_index(s->langs, i);

		for (guint k = 0; k < mounts->items->len; k++) {
			const struct fm_node *m = g_ptr_array_index(mounts->items, k);
			const char *source = m->kind == FM_MAP ? text_of(m, "source") : NULL;
			const char *target = m->kind == FM_MAP ? text_of(m, "target") : NULL;
			char *real;

			if (!source || !target || (strcmp(target, "content") && strcmp(target, "content/"))
			    || !mount_takes(m, l->key) || !(real = real_dir(s->root, source)))
				continue;
			g_free(l->content_dir);
			l->content_dir = real;
			break;
		}
	}
}

/* [permalinks] (Hugo 0.119 and later also take [permalinks.page]): a top section -> its pattern. */
static GHashTable *permalinks(const struct fm_node *config)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	const struct fm_node *pl = fm_map_get(config, "permalinks"), *page;

	if (pl && pl->kind == FM_MAP && (page = fm_map_get(pl, "page")) && page->kind == FM_MAP)
		pl = page;
	for (guint i = 0; pl && pl->kind == FM_MAP && i < pl->keys->len; i++) {
		const struct fm_node *v = g_ptr_array_index(pl->items, i);

		if (v->kind != FM_LIST && v->kind != FM_MAP && v->text && *v->text)
			g_hash_table_replace(t, g_ascii_strdown(g_ptr_array_index(pl->keys, i), -1), g_strdup(v->text));
	}
	return t;
}

/*
 * The theme's static folder (each theme's, when theme lists several), after the site's own: Hugo
 * publishes both, a file of the site's hiding the theme's of that name (a theme's logo or icons
 * written as /logo.png in a page).
 */
static void theme_static(struct site *s, const struct fm_node *config)
{
	const struct fm_node *theme = fm_map_get(config, "theme");
	const char *themes = text_of(config, "themesDir");
	guint n = !theme ? 0 : theme->kind == FM_LIST ? theme->items->len : 1;

	for (guint i = 0; i < n; i++) {
		const struct fm_node *t = theme->kind == FM_LIST ? g_ptr_array_index(theme->items, i) : theme;
		char *dir, *real;

		if (!t->text || !*t->text || strchr(t->text, '/'))
			continue;	/* a module path (github.com/...): not a folder of the site */
		dir = g_build_filename(themes ? themes : "themes", t->text, "static", NULL);
		real = real_dir(s->root, dir);
		if (real)
			g_ptr_array_add(s->static_dirs, real);
		g_free(dir);
	}
}

static int compare_langs(gconstpointer pa, gconstpointer pb)
{
	const struct site_lang *a = *(struct site_lang *const *)pa, *b = *(struct site_lang *const *)pb;

	/* Hugo: weight 0 counts as the last; then the key. */
	if (a->weight != b->weight)
		return a->weight == 0 ? 1 : b->weight == 0 ? -1 : a->weight - b->weight;
	return strcmp(a->key, b->key);
}

struct site *site_load(const char *dir)
{
	char *path = site_config_file(dir), *root = realpath(dir, NULL);
	struct fm_node *config, *langs;
	struct site *s;
	const char *def, *tz, *v;
	const struct fm_node *st;

	if (!path || !root) {
		g_free(path);
		free(root);
		return NULL;
	}
	config = read_file(path);
	if (!config) {
		g_free(path);
		free(root);
		return NULL;
	}
	if (strstr(path, "/config/_default/"))
		merge_split_config(config, dir, path);
	s = g_new0(struct site, 1);
	s->root = g_strdup(root);
	free(root);
	s->config = path;
	s->langs = g_ptr_array_new_with_free_func(lang_free);
	s->static_dirs = g_ptr_array_new_with_free_func(g_free);
	def = text_of(config, "defaultContentLanguage");
	langs = fm_map_get(config, "languages");
	if (langs && langs->kind == FM_MAP && langs->keys->len) {
		for (guint i = 0; i < langs->keys->len; i++)
			g_ptr_array_add(s->langs, lang_new(s, config, g_ptr_array_index(langs->keys, i),
							   g_ptr_array_index(langs->items, i)));
		g_ptr_array_sort(s->langs, compare_langs);
		s->multilingual = s->langs->len > 1;
		s->lang_declared = true;
	} else {
		const char *code = text_of(config, "languageCode");
		char *code_tag = langtag_normalize(code);
		struct site_lang *l = lang_new(s, config, def ? def : "en", NULL);

		g_ptr_array_add(s->langs, l);
		s->lang_declared = def || code;
		/*
		 * One language: languageCode is the pages' language (the <html lang> of most themes).
		 * Beside a defaultContentLanguage of English (a theme's example config) it says what the
		 * site is written in; `hugo new site`'s "en-us" beside another default says nothing.
		 */
		if (code_tag && (!def || (langtag_ok(code_tag) && langtag_matches("en", l->tag) && !langtag_matches("en", code_tag)))) {
			if (def)
				diag_note(s->config, 0, "defaultContentLanguage is '%s' and languageCode '%s': the pages are "
					  "read as %s (languageCode), the language a one-language site's pages declare",
					  def, code, code_tag);
			g_free(l->tag);
			l->tag = code_tag;
			code_tag = NULL;
		}
		g_free(code_tag);
	}
	/* The default language first: its settings are the book's when no language is asked for. */
	for (guint i = 0; def && i < s->langs->len; i++) {
		struct site_lang *l = g_ptr_array_index(s->langs, i);

		if (!g_ascii_strcasecmp(l->key, def) && i) {
			g_ptr_array_steal_index(s->langs, i);
			g_ptr_array_insert(s->langs, 0, l);
		}
	}
	mount_content(s, config);
	s->emoji = fm_is_true(fm_map_get(config, "enableEmoji"));
	s->block_attributes = fm_is_true(fm_lookup(config, "markup.goldmark.parser.attribute.block"));
	tz = text_of(config, "timeZone");
	s->timezone = g_strdup(tz);
	s->base_url = g_strdup(text_of(config, "baseURL"));
	st = fm_map_get(config, "staticDir");
	if (st && st->kind == FM_LIST) {
		for (guint i = 0; i < st->items->len; i++) {
			const struct fm_node *d = g_ptr_array_index(st->items, i);
			char *real = d->text ? real_dir(s->root, d->text) : NULL;

			if (real)
				g_ptr_array_add(s->static_dirs, real);
		}
	} else {
		char *real = real_dir(s->root, st && st->text ? st->text : "static");

		if (real)
			g_ptr_array_add(s->static_dirs, real);
	}
	theme_static(s, config);
	s->permalinks = permalinks(config);
	s->passthrough = passthrough_from_config(config);
	/* Hugo's figure finds a picture there too (resources.Get), when no page or static file has it. */
	v = text_of(config, "assetDir");
	s->asset_dir = real_dir(s->root, v ? v : "assets");
	fm_node_free(config);
	return s;
}

void site_free(struct site *s)
{
	if (!s)
		return;
	g_free(s->root);
	g_free(s->config);
	g_ptr_array_free(s->langs, TRUE);
	g_ptr_array_free(s->static_dirs, TRUE);
	g_free(s->asset_dir);
	g_hash_table_destroy(s->permalinks);
	passthrough_free(s->passthrough);
	g_free(s->timezone);
	g_free(s->base_url);
	g_free(s);
}

const struct site_lang *site_lang_by_key(const struct site *s, const char *key)
{
	for (guint i = 0; key && i < s->langs->len; i++) {
		const struct site_lang *l = g_ptr_array_index(s->langs, i);

		if (!g_ascii_strcasecmp(l->key, key))
			return l;
	}
	return NULL;
}

const struct site_lang *site_book_lang(const struct site *s, const GPtrArray *only)
{
	for (guint i = 0; only && i < only->len; i++) {
		const char *want = g_ptr_array_index(only, i);

		for (guint j = 0; j < s->langs->len; j++) {
			const struct site_lang *l = g_ptr_array_index(s->langs, j);

			if (!g_ascii_strcasecmp(l->key, want) || (l->tag && langtag_matches(want, l->tag)))
				return l;
		}
	}
	return g_ptr_array_index(s->langs, 0);
}

const struct site_lang *site_lang_of_dir(const struct site *s, const char *real)
{
	const struct site_lang *best = NULL;
	size_t best_len = 0;

	for (guint i = 0; i < s->langs->len; i++) {
		const struct site_lang *l = g_ptr_array_index(s->langs, i);
		size_t n = l->content_dir ? strlen(l->content_dir) : 0;

		if (n > best_len && !strncmp(real, l->content_dir, n) && (real[n] == '/' || !real[n])) {
			best = l;
			best_len = n;
		}
	}
	return best;
}
