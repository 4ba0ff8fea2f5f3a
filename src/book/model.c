/* model.c - constructors and destructors of the book model. */
#include "book/model.h"

#include <glib/gstdio.h>

GPtrArray *book_texts(const struct book *b)
{
	GPtrArray *all = g_ptr_array_sized_new(b->articles->len + b->parts->len);

	g_ptr_array_extend(all, b->articles, NULL, NULL);
	for (guint i = 0; i < b->parts->len; i++) {
		const struct part *p = g_ptr_array_index(b->parts, i);

		if (p->intro)
			g_ptr_array_add(all, p->intro);
	}
	return all;
}

struct part *part_new(const char *title)
{
	struct part *p = g_new0(struct part, 1);

	p->title = g_strdup(title);
	p->articles = g_ptr_array_new();
	return p;
}

void part_free(struct part *p)
{
	if (!p)
		return;
	g_free(p->title);
	g_free(p->id);
	g_ptr_array_free(p->articles, TRUE);
	g_free(p);
}

struct article *article_new(void)
{
	struct article *a = g_new0(struct article, 1);

	fm_init(&a->fm);
	a->headings = g_ptr_array_new();
	a->images = g_ptr_array_new();
	a->links = g_ptr_array_new();
	a->raw_refused = g_ptr_array_new();
	a->footnotes = g_ptr_array_new();
	a->header_tags = g_ptr_array_new();
	a->subheads = g_array_new(FALSE, FALSE, sizeof(guint));
	return a;
}

void unknown_shortcode_free(gpointer data)
{
	struct unknown_shortcode *u = data;

	g_free(u->name);
	g_free(u);
}

void image_free(struct image *im)
{
	if (!im)
		return;
	g_free(im->url);
	g_free(im->alt);
	g_free(im->title);
	g_free(im->caption);
	g_free(im->problem);
	g_free(im);
}

/* A list of struct link * and its links. */
static void links_free(GPtrArray *links)
{
	for (guint i = 0; i < links->len; i++) {
		struct link *l = g_ptr_array_index(links, i);

		g_free(l->url);
		g_free(l->href);
		g_free(l);
	}
	g_ptr_array_free(links, TRUE);
}

static GPtrArray *links_copy(const GPtrArray *links)
{
	GPtrArray *c = g_ptr_array_new_full(links->len, NULL);

	for (guint i = 0; i < links->len; i++) {
		const struct link *l = g_ptr_array_index(links, i);
		struct link *lc = g_memdup2(l, sizeof *l);

		lc->url = g_strdup(l->url);
		lc->href = g_strdup(l->href);
		g_ptr_array_add(c, lc);
	}
	return c;
}

void article_free(struct article *a)
{
	if (!a)
		return;
	for (guint i = 0; i < a->headings->len; i++) {
		struct heading *h = g_ptr_array_index(a->headings, i);

		g_free(h->text);
		g_free(h->id);
		g_strfreev(h->raw_ids);
		g_free(h->anchor);
		g_free(h);
	}
	for (guint i = 0; i < a->images->len; i++)
		image_free(g_ptr_array_index(a->images, i));
	links_free(a->links);
	links_free(a->raw_refused);
	diag_held_free(a->raw_said);
	diag_held_free(a->read_said);
	if (a->unknown_shortcodes)
		g_ptr_array_unref(a->unknown_shortcodes);
	for (guint i = 0; i < a->footnotes->len; i++) {
		struct footnote *f = g_ptr_array_index(a->footnotes, i);

		g_free(f->anchor);
		g_free(f->ref_anchor);
		g_free(f);
	}
	g_ptr_array_free(a->headings, TRUE);
	g_ptr_array_free(a->images, TRUE);
	g_ptr_array_free(a->footnotes, TRUE);
	image_free(a->lead);
	if (a->doc)
		cmark_node_free(a->doc);
	g_free(a->markdown);
	if (a->passthrough)
		g_ptr_array_unref(a->passthrough);
	fm_clear(&a->fm);
	g_free(a->file);
	g_free(a->real);
	g_free(a->dir);
	g_free(a->rel);
	g_free(a->title);
	g_free(a->lang);
	g_free(a->id);
	g_free(a->section);
	g_free(a->section_key);
	g_strfreev(a->title_ids);
	g_free(a->source_name);
	g_free(a->source_url);
	g_free(a->source_href);
	g_free(a->path);
	g_free(a->hugo_lang);
	g_free(a->permalink);
	g_free(a->summary);
	g_free(a->source);
	if (a->heading_ids)
		g_hash_table_destroy(a->heading_ids);
	if (a->line_shifts)
		g_array_unref(a->line_shifts);
	g_free(a->standfirst);
	g_ptr_array_free(a->header_tags, TRUE);
	g_array_free(a->subheads, TRUE);
	g_free(a);
}

static struct image *image_copy(const struct image *im)
{
	struct image *c;

	if (!im)
		return NULL;
	c = g_memdup2(im, sizeof *im);
	c->url = g_strdup(im->url);
	c->alt = g_strdup(im->alt);
	c->title = g_strdup(im->title);
	c->caption = g_strdup(im->caption);
	c->problem = g_strdup(im->problem);
	return c;
}

struct article *article_copy(const struct article *a, const struct root *root)
{
	struct article *c = g_memdup2(a, sizeof *a);

	/* Every field at once (flags, lines, sums, borrowed pointers), then each thing it owns copied. */
	g_assert(!a->doc);
	c->heading_ids = NULL;	/* only parsing the tree reads them */
	c->root = root;
	c->file = g_strdup(a->file);
	c->real = g_strdup(a->real);
	c->dir = g_strdup(a->dir);
	c->rel = g_strdup(a->rel);
	c->path = g_strdup(a->path);
	c->hugo_lang = g_strdup(a->hugo_lang);
	c->permalink = g_strdup(a->permalink);
	c->summary = g_strdup(a->summary);
	c->source = a->source ? g_strndup(a->source, a->source_len) : NULL;
	fm_copy(&c->fm, &a->fm);
	c->markdown = a->markdown ? g_strndup(a->markdown, a->markdown_len) : NULL;
	c->passthrough = a->passthrough ? g_ptr_array_ref(a->passthrough) : NULL;	/* never changed: shared */
	c->line_shifts = a->line_shifts ? g_array_ref(a->line_shifts) : NULL;	/* the same */
	c->title = g_strdup(a->title);
	c->lang = g_strdup(a->lang);
	c->id = g_strdup(a->id);
	c->section = g_strdup(a->section);
	c->section_key = g_strdup(a->section_key);
	c->title_ids = g_strdupv(a->title_ids);
	c->source_name = g_strdup(a->source_name);
	c->source_url = g_strdup(a->source_url);
	c->source_href = g_strdup(a->source_href);
	c->lead = image_copy(a->lead);
	c->standfirst = g_strdup(a->standfirst);
	/* The header's tags are borrowed from the front matter's: the copy's, at the same places. */
	c->header_tags = g_ptr_array_new();
	for (guint i = 0; i < a->header_tags->len; i++)
		for (guint j = 0; j < a->fm.tags.items->len; j++)
			if (g_ptr_array_index(a->fm.tags.items, j) == g_ptr_array_index(a->header_tags, i)) {
				g_ptr_array_add(c->header_tags, g_ptr_array_index(c->fm.tags.items, j));
				break;
			}
	c->subheads = g_array_copy(a->subheads);
	c->headings = g_ptr_array_new_full(a->headings->len, NULL);
	for (guint i = 0; i < a->headings->len; i++) {
		const struct heading *h = g_ptr_array_index(a->headings, i);
		struct heading *hc = g_memdup2(h, sizeof *h);

		hc->text = g_strdup(h->text);
		hc->id = g_strdup(h->id);
		hc->raw_ids = g_strdupv(h->raw_ids);
		hc->anchor = g_strdup(h->anchor);
		g_ptr_array_add(c->headings, hc);
	}
	c->images = g_ptr_array_new_full(a->images->len, NULL);
	for (guint i = 0; i < a->images->len; i++)
		g_ptr_array_add(c->images, image_copy(g_ptr_array_index(a->images, i)));
	c->links = links_copy(a->links);
	c->raw_refused = links_copy(a->raw_refused);
	c->raw_said = diag_held_copy(a->raw_said);
	c->read_said = diag_held_copy(a->read_said);
	if (a->unknown_shortcodes) {
		c->unknown_shortcodes = g_ptr_array_new_with_free_func(unknown_shortcode_free);
		for (guint i = 0; i < a->unknown_shortcodes->len; i++) {
			const struct unknown_shortcode *u = g_ptr_array_index(a->unknown_shortcodes, i);
			struct unknown_shortcode *v = g_memdup2(u, sizeof *u);

			v->name = g_strdup(u->name);
			g_ptr_array_add(c->unknown_shortcodes, v);
		}
	}
	c->footnotes = g_ptr_array_new_full(a->footnotes->len, NULL);
	for (guint i = 0; i < a->footnotes->len; i++) {
		const struct footnote *f = g_ptr_array_index(a->footnotes, i);
		struct footnote *fc = g_memdup2(f, sizeof *f);

		fc->anchor = g_strdup(f->anchor);
		fc->ref_anchor = g_strdup(f->ref_anchor);
		g_ptr_array_add(c->footnotes, fc);
	}
	return c;
}

void resource_free(struct resource *r)
{
	if (!r)
		return;
	g_free(r->id);
	g_free(r->path);
	g_free(r->href);
	g_free(r);
}

static void remove_tree(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	if (d) {
		while ((name = g_dir_read_name(d))) {
			char *p = g_build_filename(dir, name, NULL);

			if (g_file_test(p, G_FILE_TEST_IS_DIR))
				remove_tree(p);
			else
				g_unlink(p);
			g_free(p);
		}
		g_dir_close(d);
	}
	g_rmdir(dir);
}

void book_free(struct book *b)
{
	if (!b)
		return;
	for (guint i = 0; i < b->parts->len; i++)
		part_free(g_ptr_array_index(b->parts, i));
	g_ptr_array_free(b->parts, TRUE);
	for (guint i = 0; i < b->articles->len; i++)
		article_free(g_ptr_array_index(b->articles, i));
	g_ptr_array_free(b->articles, TRUE);
	for (guint i = 0; i < b->sections->len; i++)
		article_free(g_ptr_array_index(b->sections, i));
	g_ptr_array_free(b->sections, TRUE);
	for (guint i = 0; i < b->resources->len; i++)
		resource_free(g_ptr_array_index(b->resources, i));
	g_ptr_array_free(b->resources, TRUE);
	g_ptr_array_free(b->left_out, TRUE);
	if (b->scratch) {
		remove_tree(b->scratch);
		g_free(b->scratch);
	}
	roots_free(b->roots);
	g_free(b->title);
	g_free(b->subtitle);
	g_free(b->author);
	g_free(b->lang);
	g_free(b->publisher);
	g_free(b->description);
	g_free(b->rights);
	g_free(b->identifier);
	g_free(b->cover);
	g_free(b);
}

struct book *book_new(void)
{
	struct book *b = g_new0(struct book, 1);

	b->articles = g_ptr_array_new();
	b->parts = g_ptr_array_new();
	b->sections = g_ptr_array_new();
	b->resources = g_ptr_array_new();
	b->left_out = g_ptr_array_new_with_free_func(g_free);
	b->roots = roots_new();
	return b;
}
