/* device_trace.c - prints finished pages as text, one box a line, so layout is covered by golden tests. */
#include "format/pdf/device.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"

struct tdev {
	struct device d;
	FILE *fp;
	const char *path;	/* the output's name, for messages */
	GPtrArray *pages;	/* GBytes * of each page's text as drawn: written in the book's order at the end (d.moved) */
	bool lost;		/* a page could not be held (no memory): the trace fails */
};

/* The text of a line: "\n" and trailing spaces dropped, quotes escaped. */
static void print_line_text(FILE *fp, const struct box *b)
{
	const struct para_line *l = para_line(b->lp->para, b->line);
	const char *t = para_text(b->lp->para);
	int end = l->end;

	while (end > l->start && (t[end - 1] == ' ' || t[end - 1] == '\n'))
		end--;
	fputc('"', fp);
	for (int i = l->start; i < end; i++) {
		if (t[i] == '"' || t[i] == '\\')
			fputc('\\', fp);
		fputc(t[i] == '\n' ? ' ' : t[i], fp);
	}
	if (l->hyphen)
		fputc('-', fp);	/* the word broken here (no character of the text) */
	fputc('"', fp);
	/* Links of the line, each once. */
	{
		const char *last = NULL;

		for (guint i = 0; i < l->runs->len; i++) {
			const struct para_run *r = g_ptr_array_index(l->runs, i);

			if (r->style->link && (!last || strcmp(last, r->style->link)))
				fprintf(fp, " ->%s", r->style->link);
			last = r->style->link;
		}
	}
}

static void trace_page(struct device *d, const struct page *p)
{
	struct tdev *t = (struct tdev *)d;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	if (!fp) {
		t->lost = true;
		return;
	}

	fprintf(fp, "page %d %s label %s\n", p->number, p->right ? "right" : "left", p->label ? p->label : "-");
	for (guint i = 0; i < p->boxes->len; i++) {
		const struct box *b = &g_array_index(p->boxes, struct box, i);

		switch (b->kind) {
		case BOX_TEXT:
			fprintf(fp, "  text %.1f %.1f ", b->x + para_line(b->lp->para, b->line)->x, b->y);
			print_line_text(fp, b);
			if (b->lp->el && b->lp->el->role == SR_CAPTION)
				fputs(" caption", fp);	/* what the tagged PDF calls one */
			fputc('\n', fp);
			break;
		case BOX_RULE:
			fprintf(fp, "  rule %.1f %.1f %.1fx%.1f\n", b->x, b->y, b->w, b->h);
			break;
		case BOX_FILL:
			break;	/* backgrounds only colour what the text lines show */
		case BOX_FRAME:
			fprintf(fp, "  frame %.1f %.1f %.1fx%.1f\n", b->x, b->y, b->w, b->h);
			break;
		case BOX_IMAGE:
			fprintf(fp, "  image %.1f %.1f %.1fx%.1f %s %s\n", b->x, b->y, b->w, b->h, b->res->media_type,
				b->res->id);
			break;
		case BOX_COVER:
			fprintf(fp, "  cover %s\n", b->res ? b->res->id : "(generated)");
			break;
		case BOX_LINK:
			fprintf(fp, "  link %.1f %.1f %.1fx%.1f ->%s\n", b->x, b->y, b->w, b->h, b->target);
			break;
		case BOX_DEST:
			fprintf(fp, "  dest %s %.1f %.1f\n", b->target, b->x, b->y);
			break;
		case BOX_OUTLINE:
			fprintf(fp, "  outline %d \"%s\" ->%s\n", b->level, b->text ? b->text : "", b->target);
			break;
		}
	}
	fclose(fp);
	g_ptr_array_add(t->pages, g_bytes_new_with_free_func(text, len, free, text));
}

static bool trace_finish(struct device *d)
{
	struct tdev *t = (struct tdev *)d;
	int n = (int)t->pages->len, *drawn_at = layout_book_drawn_order(n, t->d.moved_to, t->d.moved);
	bool failed = t->lost;
	int why = t->lost ? ENOMEM : 0;

	/* Written in the book's order: the book's page i is the one drawn at drawn_at[i]. */
	for (int i = 0; i < n && !failed; i++) {
		gsize len;
		const void *text = g_bytes_get_data(g_ptr_array_index(t->pages, drawn_at[i]), &len);

		errno = 0;
		if (len && fwrite(text, 1, len, t->fp) != len) {
			failed = true;
			why = errno;
		}
	}
	if (!failed) {
		errno = 0;
		failed = fflush(t->fp) != 0;
		why = errno;
	}
	g_free(drawn_at);
	if (failed)
		diag_error(t->path, 0, "cannot write the trace: %s", why ? g_strerror(why) : "write error");
	return !failed;
}

static void trace_free(struct device *d)
{
	struct tdev *t = (struct tdev *)d;

	g_ptr_array_free(t->pages, TRUE);
	g_free(t);
}

struct device *device_trace_new(FILE *fp, const char *path)
{
	struct tdev *t = g_new0(struct tdev, 1);

	t->d.page = trace_page;
	t->d.finish = trace_finish;
	t->d.free = trace_free;
	t->fp = fp;
	t->path = path;
	t->pages = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
	return &t->d;
}
