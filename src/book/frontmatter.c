/* frontmatter.c - splits front matter from the body and reads it with libyaml. */
#include "book/frontmatter.h"

#include <string.h>
#include <yaml.h>

#include "base/diag.h"
#include "base/yamlfile.h"

void fm_init(struct front_matter *fm)
{
	memset(fm, 0, sizeof *fm);
	fm->categories.items = g_ptr_array_new_with_free_func(g_free);
	fm->tags.items = g_ptr_array_new_with_free_func(g_free);
	fm->extra = g_ptr_array_new();
}

static void extra_free(gpointer p)
{
	struct fm_extra *e = p;

	g_free(e->key);
	g_free(e->value);
	g_free(e);
}

void fm_clear(struct front_matter *fm)
{
	struct fm_text *texts[] = { &fm->title, &fm->summary, &fm->author, &fm->lang,
		&fm->thumbnail, &fm->slug, &fm->source, &fm->date_text, &fm->cover };

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
	memset(fm, 0, sizeof *fm);
}

static void list_copy(struct fm_list *to, const struct fm_list *from)
{
	to->line = from->line;
	for (guint i = 0; i < from->items->len; i++)
		g_ptr_array_add(to->items, g_strdup(g_ptr_array_index(from->items, i)));
}

void fm_copy(struct front_matter *to, const struct front_matter *from)
{
	struct fm_text *tt[] = { &to->title, &to->summary, &to->author, &to->lang,
		&to->thumbnail, &to->slug, &to->source, &to->date_text, &to->cover };
	const struct fm_text *ft[] = { &from->title, &from->summary, &from->author, &from->lang,
		&from->thumbnail, &from->slug, &from->source, &from->date_text, &from->cover };

	fm_init(to);
	for (size_t i = 0; i < G_N_ELEMENTS(tt); i++) {
		tt[i]->text = g_strdup(ft[i]->text);
		tt[i]->line = ft[i]->line;
	}
	to->date = from->date;
	list_copy(&to->categories, &from->categories);
	list_copy(&to->tags, &from->tags);
	to->weight = from->weight;
	to->has_weight = from->has_weight;
	to->draft = from->draft;
	for (guint i = 0; i < from->extra->len; i++) {
		const struct fm_extra *e = g_ptr_array_index(from->extra, i);
		struct fm_extra *c = g_new0(struct fm_extra, 1);

		c->key = g_strdup(e->key);
		c->value = g_strdup(e->value);
		c->line = e->line;
		g_ptr_array_add(to->extra, c);
	}
}

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

int fm_split(const char *file, const char *text, size_t len, const char **yaml, size_t *yaml_len,
	     const char **body, int *body_line)
{
	const char *end = text + len, *p, *nl;
	const char *close = "---";
	int line = 1;
	bool toml = false;

	*yaml = NULL;
	*yaml_len = 0;
	*body = text;
	*body_line = 1;
	if (is_fence(text, end, "+++")) {
		toml = true;
		close = "+++";
	} else if (!is_fence(text, end, "---")) {
		return 0;
	}
	nl = memchr(text, '\n', len);
	if (!nl) {
		diag_warn(file, 1, "front matter is not terminated: no closing '%s' line", close);
		return -1;
	}
	p = nl + 1;
	line = 2;
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		if (is_fence(p, end, close) || (!toml && is_fence(p, end, "..."))) {
			*yaml = text + (strchr(text, '\n') - text) + 1;
			*yaml_len = (size_t)(p - *yaml);
			*body = nl < end ? nl + 1 : end;
			*body_line = line + 1;
			if (toml) {
				diag_warn(file, 1, "TOML front matter is not supported; its fields are ignored");
				return -2;
			}
			return 1;
		}
		p = nl + 1;
		line++;
	}
	diag_warn(file, 1, "front matter is not terminated: no closing '%s' line", close);
	return -1;
}

struct reader {
	const char *file;
	int first_line;
	yaml_document_t *doc;
	GTimeZone *tz;
};

static int node_line(const struct reader *r, const yaml_node_t *n)
{
	return r->first_line + (int)n->start_mark.line;
}

static const char *scalar(const yaml_node_t *n)
{
	return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

/* Scalars of a sequence (or a single scalar) appended to list. */
static bool read_list(const struct reader *r, const char *key, yaml_node_t *n, GPtrArray *list)
{
	if (n->type == YAML_SCALAR_NODE) {
		if (*scalar(n))
			g_ptr_array_add(list, g_strdup(scalar(n)));
		return true;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		diag_warn(r->file, node_line(r, n), "'%s' should be a list of text; ignored", key);
		return false;
	}
	for (yaml_node_item_t *it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(r->doc, *it);
		const char *s = scalar(item);

		if (!s) {
			diag_warn(r->file, node_line(r, item), "an item of '%s' is not text; ignored", key);
			continue;
		}
		if (*s)
			g_ptr_array_add(list, g_strdup(s));
	}
	return true;
}

/* A text field; a list gives its first item (lang: [zh-CN]) or all joined (author). */
static void read_text(const struct reader *r, const char *key, yaml_node_t *n, struct fm_text *t,
		      const char *join)
{
	g_free(t->text);
	t->text = NULL;
	t->line = node_line(r, n);
	if (n->type == YAML_SCALAR_NODE) {
		t->text = g_strdup(scalar(n));
	} else if (n->type == YAML_SEQUENCE_NODE) {
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
	} else {
		diag_warn(r->file, t->line, "'%s' should be text, not a mapping; ignored", key);
		t->line = 0;
	}
}

/*
 * Any node as one line of text, for keys folio keeps but does not use.
 * Aliases can make a node its own child or repeat one exponentially often
 * ("billion laughs"): the depth and the length of the text are bounded.
 */
enum { NODE_TEXT_DEPTH = 8, NODE_TEXT_MAX = 4096 };

static void node_text_into(const struct reader *r, yaml_node_t *n, GString *s, int depth)
{
	if (s->len >= NODE_TEXT_MAX)
		return;
	if (n->type == YAML_SCALAR_NODE) {
		g_string_append(s, scalar(n));
	} else if (depth >= NODE_TEXT_DEPTH) {
		g_string_append(s, "...");
	} else if (n->type == YAML_SEQUENCE_NODE) {
		for (yaml_node_item_t *it = n->data.sequence.items.start;
		     it < n->data.sequence.items.top && s->len < NODE_TEXT_MAX; it++) {
			if (it != n->data.sequence.items.start)
				g_string_append(s, ", ");
			node_text_into(r, yaml_document_get_node(r->doc, *it), s, depth + 1);
		}
	} else {
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
		     p < n->data.mapping.pairs.top && s->len < NODE_TEXT_MAX; p++) {
			if (p != n->data.mapping.pairs.start)
				g_string_append(s, "; ");
			node_text_into(r, yaml_document_get_node(r->doc, p->key), s, depth + 1);
			g_string_append(s, ": ");
			node_text_into(r, yaml_document_get_node(r->doc, p->value), s, depth + 1);
		}
	}
	if (s->len > NODE_TEXT_MAX) {
		/* Cut on a character boundary. */
		const char *end = s->str + NODE_TEXT_MAX;

		while (end > s->str && (*end & 0xC0) == 0x80)
			end--;
		g_string_truncate(s, (gsize)(end - s->str));
		g_string_append(s, "...");
	}
}

static char *node_text(const struct reader *r, yaml_node_t *n)
{
	GString *s = g_string_new(NULL);

	node_text_into(r, n, s, 0);
	return g_string_free(s, FALSE);
}

static void read_pair(const struct reader *r, struct front_matter *fm, const char *key, yaml_node_t *v)
{
	const char *s = scalar(v);
	int line = node_line(r, v);

	if (!strcmp(key, "title"))
		read_text(r, key, v, &fm->title, " ");
	else if (!strcmp(key, "summary") || !strcmp(key, "description"))
		read_text(r, key, v, &fm->summary, " ");
	else if (!strcmp(key, "author") || !strcmp(key, "authors"))
		read_text(r, key, v, &fm->author, ", ");
	else if (!strcmp(key, "lang") || !strcmp(key, "language"))
		read_text(r, key, v, &fm->lang, NULL);
	else if (!strcmp(key, "thumbnail") || !strcmp(key, "image"))
		read_text(r, key, v, &fm->thumbnail, NULL);
	else if (!strcmp(key, "cover"))
		read_text(r, key, v, &fm->cover, NULL);
	else if (!strcmp(key, "slug"))
		read_text(r, key, v, &fm->slug, NULL);
	else if (!strcmp(key, "source") || !strcmp(key, "source_url") || !strcmp(key, "link"))
		read_text(r, key, v, &fm->source, NULL);
	else if (!strcmp(key, "categories") || !strcmp(key, "category")) {
		fm->categories.line = line;
		read_list(r, key, v, fm->categories.items);
	} else if (!strcmp(key, "tags") || !strcmp(key, "keywords")) {
		fm->tags.line = line;
		read_list(r, key, v, fm->tags.items);
	} else if (!strcmp(key, "date")) {
		read_text(r, key, v, &fm->date_text, NULL);
		if (fm->date_text.text && *fm->date_text.text
		    && !date_parse(fm->date_text.text, r->tz, &fm->date))
			diag_warn(r->file, line, "cannot read date '%s'; the article has no date",
				  fm->date_text.text);
	} else if (!strcmp(key, "weight")) {
		char *end = NULL;

		if (s)
			fm->weight = strtol(s, &end, 10);
		fm->has_weight = s && *s && end && !*end;
		if (!fm->has_weight)
			diag_warn(r->file, line, "'weight' should be a whole number; ignored");
	} else if (!strcmp(key, "draft")) {
		fm->draft = yamlfile_is_true(s);
	} else {
		struct fm_extra *e = g_new0(struct fm_extra, 1);

		e->key = g_strdup(key);
		e->value = node_text(r, v);
		e->line = line;
		g_ptr_array_add(fm->extra, e);
	}
}

bool fm_parse(const char *file, const char *yaml, size_t len, int first_line, GTimeZone *tz,
	      struct front_matter *fm)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	yaml_node_t *root;
	struct reader r = { file, first_line, &doc, tz };
	GHashTable *seen;
	bool ok = true;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, len);
	if (!yaml_parser_load(&parser, &doc)) {
		diag_warn(file, first_line + (int)parser.problem_mark.line, "bad YAML front matter: %s%s%s",
			   parser.problem ? parser.problem : "syntax error",
			   parser.context ? " " : "", parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		return false;
	}
	root = yaml_document_get_root_node(&doc);
	if (!root || (root->type == YAML_SCALAR_NODE && !*scalar(root))) {
		/* empty front matter: fine */
	} else if (root->type != YAML_MAPPING_NODE) {
		diag_warn(file, first_line, "front matter should be a mapping of keys to values");
		ok = false;
	} else {
		seen = g_hash_table_new(g_str_hash, g_str_equal);
		for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top; p++) {
			yaml_node_t *k = yaml_document_get_node(&doc, p->key);
			yaml_node_t *v = yaml_document_get_node(&doc, p->value);
			const char *key = scalar(k);

			if (!key) {
				diag_warn(file, node_line(&r, k), "front matter key is not text; ignored");
				continue;
			}
			if (g_hash_table_contains(seen, key))
				diag_warn(file, node_line(&r, k), "'%s' is given twice; the last one is used", key);
			g_hash_table_add(seen, (gpointer)key);
			read_pair(&r, fm, key, v);
		}
		g_hash_table_destroy(seen);
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	return ok;
}
