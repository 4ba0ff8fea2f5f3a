/* model_dump.c - the "model" writer: the book model as plain text, for golden tests and debugging. */
#include "format/model/model.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"

static void text_field(FILE *f, const char *name, const char *value)
{
	if (value && *value)
		fprintf(f, "  %s: %s\n", name, value);
}

static void list_field(FILE *f, const char *name, GPtrArray *items)
{
	if (!items->len)
		return;
	fprintf(f, "  %s:", name);
	for (guint i = 0; i < items->len; i++)
		fprintf(f, "%s %s", i ? "," : "", (char *)g_ptr_array_index(items, i));
	fputc('\n', f);
}

static void dump_image(FILE *f, const char *what, const struct image *im)
{
	fprintf(f, "  %s line %d '%s' alt '%s'%s%s -> ", what, im->line, im->url, im->alt ? im->alt : "",
		im->decorative ? " decorative" : "", im->in_line ? " in-line" : "");
	if (im->res)
		fprintf(f, "%s %s %dx%d%s%s%s%s\n", im->res->href, im->res->media_type, im->res->width, im->res->height,
			im->res->converted_from ? " (from " : "", im->res->converted_from ? im->res->converted_from : "",
			im->res->converted_from ? ")" : "", im->res->blank ? " blank: shown by neither book" : "");
	else
		fprintf(f, "placeholder (%s)\n", im->problem ? im->problem : "unresolved");
}

static void dump_article(FILE *f, const struct article *a)
{
	char *date = date_format_rfc3339(&a->fm.date);

	fprintf(f, "article %s %s\n", a->id, a->file);
	text_field(f, "title", a->title);
	text_field(f, "date", date);
	text_field(f, "lang", a->lang);
	text_field(f, "section", a->section);
	text_field(f, "author", a->fm.author.text);
	text_field(f, "summary", a->summary ? a->summary : a->fm.summary.text);
	text_field(f, "source", a->source_name);
	text_field(f, "source-url", a->source_url);
	text_field(f, "slug", a->fm.slug.text);
	if (a->fm.has_weight)
		fprintf(f, "  weight: %ld\n", a->fm.weight);
	if (a->fm.draft)
		fprintf(f, "  draft: true\n");
	list_field(f, "categories", a->fm.categories.items);
	list_field(f, "tags", a->fm.tags.items);
	for (guint i = 0; i < a->fm.extra->len; i++) {
		const struct fm_extra *e = g_ptr_array_index(a->fm.extra, i);

		fprintf(f, "  extra line %d: %s = %s\n", e->line, e->key, e->value);
	}
	/* The header both books set (read/header.c), where it differs from the front matter. */
	if (a->fm.summary.text && *a->fm.summary.text && !a->standfirst)
		fprintf(f, "  standfirst: none (the summary repeats the opening)\n");
	if (a->header_tags->len != a->fm.tags.items->len)
		list_field(f, "header tags", a->header_tags);
	if (a->source_paragraph)
		fprintf(f, "  source paragraph: shown in the header\n");
	for (guint i = 0; i < a->subheads->len; i++)
		fprintf(f, "%s %u%s", i ? "," : "  subheads (top-level paragraphs from 0):", g_array_index(a->subheads, guint, i),
			i + 1 == a->subheads->len ? "\n" : "");
	if (a->lead)
		dump_image(f, "lead", a->lead);
	for (guint i = 0; i < a->headings->len; i++) {
		const struct heading *h = g_ptr_array_index(a->headings, i);

		fprintf(f, "  heading line %d h%d #%s %s%s%s%s\n", h->line, h->level, h->anchor, h->text,
			h->id ? " {#" : "", h->id ? h->id : "", h->id ? "}" : "");
	}
	for (guint i = 0; i < a->images->len; i++)
		dump_image(f, "image", g_ptr_array_index(a->images, i));
	for (guint i = 0; i < a->links->len; i++) {
		const struct link *l = g_ptr_array_index(a->links, i);

		fprintf(f, "  link line %d %s", l->line, l->url);
		if (l->target)
			fprintf(f, " -> %s%s%s", l->target->id, l->anchor ? "#" : "", l->anchor ? l->anchor : "");
		else if (l->part)
			fprintf(f, " -> %s%s%s (part)", l->part->id, l->anchor ? "#" : "", l->anchor ? l->anchor : "");
		else if (!l->href)
			fprintf(f, " (text only)");
		fputc('\n', f);
	}
	for (guint i = 0; i < a->footnotes->len; i++) {
		const struct footnote *fn = g_ptr_array_index(a->footnotes, i);

		fprintf(f, "  footnote %d #%s ref #%s\n", fn->number, fn->anchor, fn->ref_anchor);
	}
	g_free(date);
}

bool model_write(const struct export *x, struct outfile *out)
{
	const struct book *b = x->book;
	FILE *f = out->fp;
	char *first = date_format_rfc3339(&b->first), *last = date_format_rfc3339(&b->last);
	char *modified = date_format_utc(b->modified);

	fprintf(f, "book\n");
	text_field(f, "title", b->title);
	text_field(f, "subtitle", b->subtitle);
	text_field(f, "author", b->author);
	text_field(f, "rights", b->rights);
	text_field(f, "lang", b->lang);
	text_field(f, "identifier", b->identifier);
	text_field(f, "modified", modified);
	text_field(f, "first", first);
	text_field(f, "last", last);
	if (b->cover_res)
		fprintf(f, "  cover: %s %s %dx%d\n", b->cover_res->href, b->cover_res->media_type,
			b->cover_res->width, b->cover_res->height);
	else if (b->cover_drawn)
		fprintf(f, "  cover: drawn\n");
	fprintf(f, "  articles: %u\n  resources: %u\n", b->articles->len, b->resources->len);
	for (guint i = 0; i < b->left_out->len; i++)
		fprintf(f, "  left out: %s\n", (char *)g_ptr_array_index(b->left_out, i));
	for (guint i = 0; i < b->parts->len; i++) {
		const struct part *p = g_ptr_array_index(b->parts, i);

		fprintf(f, "part %s %s:", p->id, p->title);
		for (guint j = 0; j < p->articles->len; j++)
			fprintf(f, " %s", ((struct article *)g_ptr_array_index(p->articles, j))->id);
		fputc('\n', f);
	}
	for (guint i = 0; i < b->articles->len; i++)
		dump_article(f, g_ptr_array_index(b->articles, i));
	g_free(first);
	g_free(last);
	g_free(modified);
	if (ferror(f)) {
		/* The failed write's errno: only writes to f came after it. */
		diag_error(out->path, 0, "cannot write the model: %s", g_strerror(errno));
		return false;
	}
	return true;
}
