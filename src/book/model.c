/* model.c - constructors and destructors of the book model. */
#include "book/model.h"

#include <glib/gstdio.h>

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
	a->footnotes = g_ptr_array_new();
	a->header_tags = g_ptr_array_new();
	a->subheads = g_array_new(FALSE, FALSE, sizeof(guint));
	return a;
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

void article_free(struct article *a)
{
	if (!a)
		return;
	for (guint i = 0; i < a->headings->len; i++) {
		struct heading *h = g_ptr_array_index(a->headings, i);

		g_free(h->text);
		g_free(h->anchor);
		g_free(h);
	}
	for (guint i = 0; i < a->images->len; i++)
		image_free(g_ptr_array_index(a->images, i));
	for (guint i = 0; i < a->links->len; i++) {
		struct link *l = g_ptr_array_index(a->links, i);

		g_free(l->url);
		g_free(l->href);
		g_free(l);
	}
	for (guint i = 0; i < a->footnotes->len; i++) {
		struct footnote *f = g_ptr_array_index(a->footnotes, i);

		g_free(f->anchor);
		g_free(f->ref_anchor);
		g_free(f);
	}
	g_ptr_array_free(a->headings, TRUE);
	g_ptr_array_free(a->images, TRUE);
	g_ptr_array_free(a->links, TRUE);
	g_ptr_array_free(a->footnotes, TRUE);
	image_free(a->lead);
	if (a->doc)
		cmark_node_free(a->doc);
	g_free(a->markdown);
	fm_clear(&a->fm);
	g_free(a->file);
	g_free(a->real);
	g_free(a->dir);
	g_free(a->rel);
	g_free(a->title);
	g_free(a->lang);
	g_free(a->id);
	g_free(a->section);
	g_free(a->source_name);
	g_free(a->source_url);
	g_free(a->source_href);
	g_free(a->standfirst);
	g_ptr_array_free(a->header_tags, TRUE);
	g_array_free(a->subheads, TRUE);
	g_free(a);
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
