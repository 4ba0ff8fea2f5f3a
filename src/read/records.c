/* records.c - records an article's headings, images, links and notes once, and binds them to the nodes of a reader's tree. */
#include "read/records.h"

#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "html/rawhtml.h"
#include "html/sanitize.h"
#include "read/markdown.h"
#include "text/alttext.h"
#include "text/nodetext.h"
#include "read/identity.h"

/* What a subhead's node holds as its user data: this marker. */
static const char subhead_mark = 'S';

/*
 * One walk over an article's tree, in document order. Recording (v NULL)
 * makes the records of its headings, images (Markdown ones, and each <img>
 * of raw HTML), links and footnote definitions. Binding walks a view's tree,
 * parsed again from the same text, and binds the same records, in the same
 * order, to its nodes (cmark_node_set_user_data); one that does not match is
 * a defect: abort.
 */
struct walk {
	const struct article *a;
	struct article *recording;	/* the article recorded into; NULL while binding */
	struct article_view *v;		/* the view bound; NULL while recording */
	guint heading, image, link, footnote;	/* records met so far */
	guint paragraph, subhead;	/* top-level paragraphs and subheads met so far */
	cmark_node *node;	/* the raw HTML node whose <img> are being read */
	GPtrArray *list;	/* binding: that node's images */
	cmark_node *whole_to;	/* recording: the end tag of inline raw HTML taken whole, until met */
	int line;
	GPtrArray *pending_ids;	/* recording: raw ids of an HTML block just before a heading, for it */
	bool ids_to_next;	/* recording: the raw HTML node being read stands just before a heading */
	cmark_node *judged;	/* recording: the paragraph last asked whether it has words beside pictures */
	bool has_words;		/* its answer: a paragraph's pictures come one after another */
};

/* Recording: a copy of id at the end of the id list *v (NULL: none yet): a heading's raw HTML ids, the title's. */
static void ids_add(char ***v, const char *id)
{
	guint n = *v ? g_strv_length(*v) : 0;

	*v = g_renew(char *, *v, n + 2);
	(*v)[n] = g_strdup(id);
	(*v)[n + 1] = NULL;
}

/*
 * Recording: an id raw HTML gives (sanitize_ids). A link to it goes to the heading it stands at:
 * the heading it is inside, the heading an HTML block of its own stands just before
 * (<a id="x"></a> above "### Title"), else the heading of the section it is in. Before any
 * heading, with none after it, it names nothing (the link stays text).
 */
static void walk_raw_id(void *data, const char *id)
{
	struct walk *w = data;
	GPtrArray *hs = w->recording->headings;

	if (w->ids_to_next)
		g_ptr_array_add(w->pending_ids, g_strdup(id));
	else if (hs->len) {
		struct heading *last = g_ptr_array_index(hs, hs->len - 1);

		ids_add(&last->raw_ids, id);
	}
}

/* Is raw HTML node n (not in a heading) all of a block that stands just before a heading? */
static bool stands_before_heading(cmark_node *n)
{
	cmark_node *block = n;

	if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE) {
		block = cmark_node_parent(n);
		if (!block || cmark_node_get_type(block) != CMARK_NODE_PARAGRAPH)
			return false;
		/* <a id="x"></a> on the line above "### Title" is a paragraph of raw HTML alone */
		for (cmark_node *c = cmark_node_first_child(block); c; c = cmark_node_next(c)) {
			cmark_node_type t = cmark_node_get_type(c);
			const char *lit = cmark_node_get_literal(c);

			if (t != CMARK_NODE_HTML_INLINE && t != CMARK_NODE_SOFTBREAK
			    && !(t == CMARK_NODE_TEXT && lit && !lit[strspn(lit, " \t")]))
				return false;
		}
	}
	return cmark_node_next(block) && cmark_node_get_type(cmark_node_next(block)) == CMARK_NODE_HEADING;
}

static G_NORETURN void mismatch(const struct walk *w, const char *what, cmark_node *n)
{
	diag_error(w->a->file, node_file_line(n, w->a->body_line, w->a->line_shifts), "internal error: the body parsed again has "
		   "another %s than when it was loaded", what);
	abort();
}

/* The next record of a kind while binding: it must exist. */
static gpointer next_record(const struct walk *w, GPtrArray *records, guint *met, const char *what, cmark_node *n)
{
	if (*met >= records->len)
		mismatch(w, what, n);
	return g_ptr_array_index(records, (*met)++);
}

/*
 * Is picture node n (an image, a piece of inline raw HTML) among the words of a paragraph? Each
 * paragraph is judged once (20,000 pictures in one were judged 20,000 times over).
 */
static bool among_words(struct walk *w, cmark_node *n)
{
	cmark_node *para = node_block_of(n), *up = cmark_node_parent(n);

	if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK || !para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return false;
	/* in emphasis, or in a link with more than it: among words whatever the paragraph holds */
	if (up != para && !(cmark_node_parent(up) == para && node_linked_image(up) == n))
		return true;
	if (para != w->judged) {
		w->judged = para;
		w->has_words = !node_pictures_only(para);
	}
	return w->has_words;
}

static void walk_image(struct walk *w, cmark_node *n, const char *url, bool raw)
{
	char *stripped = g_strstrip(g_strdup(url ? url : ""));

	if (w->v) {
		struct image *im = next_record(w, w->a->images, &w->image, "image", n);

		if (strcmp(im->url, stripped))
			mismatch(w, "image", n);
		if (raw)
			g_ptr_array_add(w->list, im);
		else
			cmark_node_set_user_data(n, im);
		g_free(stripped);
	} else {
		struct image *im = g_new0(struct image, 1);

		im->url = stripped;
		im->line = w->line;
		im->in_line = among_words(w, n);
		g_ptr_array_add(w->recording->images, im);
	}
}

/*
 * An <img> in raw HTML is an image of the article like any other: resolved, packed or replaced.
 * In a raw HTML block, one within text is in its line, and one in a <figure> with a
 * <figcaption> has that caption (as its title), not its alt (inline raw HTML: among_words judges).
 */
static void walk_raw_image(void *data, const char *src, const char *alt, enum sanitize_img_place place,
			   const char *caption)
{
	struct walk *w = data;

	walk_image(w, w->node, src, true);
	if (!w->v) {
		struct image *im = g_ptr_array_index(w->recording->images, w->recording->images->len - 1);

		im->alt = g_strdup(alt);
		if (cmark_node_get_type(w->node) == CMARK_NODE_HTML_BLOCK)
			im->in_line = place == SANITIZE_IMG_IN_TEXT;
		im->in_figure = place == SANITIZE_IMG_IN_FIGURE;
		if (im->in_figure && caption && *caption)
			im->title = g_strdup(caption);
	}
}

/* Recording: a link of the raw HTML node being read that no book keeps (said by the passes). */
static void walk_refused_link(void *data, const char *href, int line)
{
	struct walk *w = data;
	struct link *l = g_new0(struct link, 1);

	l->url = g_strdup(href);
	l->line = w->line + line - 1;
	g_ptr_array_add(w->recording->raw_refused, l);
}

static void walk_heading(struct walk *w, cmark_node *n)
{
	if (w->v) {
		struct heading *h = next_record(w, w->a->headings, &w->heading, "heading", n);

		if (h->level != cmark_node_get_heading_level(n))
			mismatch(w, "heading", n);
		cmark_node_set_user_data(n, h);
	} else {
		struct heading *h = g_new0(struct heading, 1);

		h->level = cmark_node_get_heading_level(n);
		h->text = node_plain_text(n);
		h->line = node_file_line(n, w->a->body_line, w->a->line_shifts);
		/* "## Title {#id}": the pre-pass cut the id from the text and kept it by line. */
		if (w->a->heading_ids) {
			gpointer line = GINT_TO_POINTER(cmark_node_get_start_line(n));

			h->id = g_strdup(g_hash_table_lookup(w->a->heading_ids, line));
			g_hash_table_remove(w->a->heading_ids, line);	/* taken: orphan_ids sees the rest */
		}
		for (guint i = 0; i < w->pending_ids->len; i++)
			ids_add(&h->raw_ids, g_ptr_array_index(w->pending_ids, i));
		g_ptr_array_set_size(w->pending_ids, 0);
		g_ptr_array_add(w->recording->headings, h);
	}
}

/* A link with nothing in it to read or see (no text, no picture, no raw HTML): "[](url)". */
static bool link_is_empty(cmark_node *n)
{
	char *text;
	bool empty;

	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_IMAGE || cmark_node_get_type(c) == CMARK_NODE_HTML_INLINE)
			return false;
	text = node_plain_text(n);
	empty = !text[strspn(text, " \t\n")];
	g_free(text);
	return empty;
}

static void walk_link(struct walk *w, cmark_node *n)
{
	const char *url = cmark_node_get_url(n);

	if (w->v) {
		struct link *l = next_record(w, w->a->links, &w->link, "link", n);

		if (strcmp(l->url, url ? url : ""))
			mismatch(w, "link", n);
		cmark_node_set_user_data(n, l);
	} else {
		struct link *l = g_new0(struct link, 1);

		l->url = g_strdup(url ? url : "");
		l->line = node_file_line(n, w->a->body_line, w->a->line_shifts);
		l->no_text = *l->url && link_is_empty(n);
		g_ptr_array_add(w->recording->links, l);
	}
}

static void walk_footnote(struct walk *w, cmark_node *n)
{
	if (w->v) {
		struct footnote *f = next_record(w, w->a->footnotes, &w->footnote, "footnote", n);

		cmark_node_set_user_data(n, f);
		g_ptr_array_add(w->v->defs, n);
	} else {
		struct footnote *f = g_new0(struct footnote, 1);

		f->number = (int)w->recording->footnotes->len + 1;
		g_ptr_array_add(w->recording->footnotes, f);
	}
}

/*
 * A paragraph that is one bold phrase and nothing else ("**科技创新要符合产业聚集的经济
 * 规律**", "**Why Was Fractyl Health Sued?**") is how news sites write a subheading; a bold
 * sentence ("**先说结论：上手零门槛。**", "**Attorney Advertising. Past results ...**") or a long
 * bold passage is emphasis, and stays a paragraph.
 */
bool record_bold_phrase(cmark_node *para)
{
	int strong = 0;
	char *text;
	const char *end;
	bool subhead;

	for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);
		const char *lit = t == CMARK_NODE_TEXT ? cmark_node_get_literal(c) : NULL;

		if (t == CMARK_NODE_STRONG)
			strong++;
		else if (t != CMARK_NODE_SOFTBREAK && !(lit && !lit[strspn(lit, " \t")]))
			return false;
	}
	if (strong != 1)
		return false;
	text = g_strstrip(node_plain_text(para));
	end = *text ? g_utf8_prev_char(text + strlen(text)) : text;
	subhead = *text && g_utf8_strlen(text, -1) <= 60 && g_utf8_get_char(end) != 0x3002 && !strstr(text, "\u3002")
		  && !strstr(text, ". ");
	g_free(text);
	return subhead;
}

static void walk_paragraph(struct walk *w, cmark_node *n)
{
	guint number = w->paragraph++;

	if (w->v) {
		if (w->subhead < w->a->subheads->len && g_array_index(w->a->subheads, guint, w->subhead) == number) {
			cmark_node_set_user_data(n, (void *)&subhead_mark);
			w->subhead++;
		}
	} else if (record_bold_phrase(n)) {
		g_array_append_val(w->recording->subheads, number);
	}
}

static void walk_tree(struct walk *w, cmark_node *doc)
{
	const struct article *a = w->a;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			walk_heading(w, n);
			break;
		case CMARK_NODE_IMAGE:
			w->line = node_file_line(n, a->body_line, a->line_shifts);
			walk_image(w, n, cmark_node_get_url(n), false);
			if (!w->v) {
				struct image *im = g_ptr_array_index(w->recording->images,
								     w->recording->images->len - 1);
				const char *title = cmark_node_get_title(n);

				im->alt = node_plain_text(n);
				im->title = title && *title ? g_strdup(title) : NULL;
			}
			break;
		case CMARK_NODE_LINK:
			walk_link(w, n);
			break;
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			w->node = n;
			w->line = node_file_line(n, a->body_line, a->line_shifts);
			w->list = NULL;
			if (w->v) {
				w->list = g_ptr_array_new();
				g_ptr_array_add(w->v->lists, w->list);
				cmark_node_set_user_data(n, w->list);
			}
			sanitize_image_sources(cmark_node_get_literal(n), walk_raw_image, w);
			if (w->v)
				break;
			/* Inline script, SVG or MathML comes in pieces, taken whole by the writers: no links. */
			if (w->whole_to) {
				w->whole_to = n == w->whole_to ? NULL : w->whole_to;
			} else if (!(w->whole_to = sanitize_inline_whole(n))) {
				sanitize_refused_links(cmark_node_get_literal(n), walk_refused_link, w);
				w->ids_to_next = stands_before_heading(n);
				sanitize_ids(cmark_node_get_literal(n), walk_raw_id, w);
			}
			break;
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			walk_footnote(w, n);
			break;
		case CMARK_NODE_PARAGRAPH:
			if (cmark_node_parent(n) == doc)
				walk_paragraph(w, n);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	if (w->v && (w->heading < a->headings->len || w->image < a->images->len || w->link < a->links->len
		     || w->footnote < a->footnotes->len || w->subhead < a->subheads->len))
		mismatch(w, "number of headings, images, links, footnotes or subheads", doc);
}

void records_raw_html(struct article *a)
{
	/* The walk the EPUB's writer makes (format/epub/xhtml.c): the same raw HTML, fed the same way. */
	cmark_node *source = a->source_paragraph ? identity_source_paragraph(a->doc, NULL) : NULL;
	GString *scratch = g_string_new(NULL);
	struct sanitizer *s = rawhtml_new(scratch, a->file, NULL, NULL, NULL);
	cmark_iter *it = cmark_iter_new(a->doc);
	cmark_event_type ev;

	diag_hold_begin();
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev == CMARK_EVENT_EXIT) {
			rawhtml_close(s, n);
		} else if (n == source || t == CMARK_NODE_IMAGE) {
			/* Not written: the source paragraph (the header shows its link), a picture's alt text. */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (t == CMARK_NODE_HTML_BLOCK) {
			rawhtml_block(s, n, node_file_line(n, a->body_line, a->line_shifts));
		} else if (t == CMARK_NODE_HTML_INLINE) {
			/* An inline script, SVG or MathML is taken whole, to the piece rawhtml_inline returns. */
			cmark_node *last = rawhtml_inline(s, n, node_file_line(n, a->body_line, a->line_shifts));

			if (last != n)
				cmark_iter_reset(it, last, CMARK_EVENT_ENTER);
		}
		g_string_truncate(scratch, 0);
	}
	cmark_iter_free(it);
	a->raw_said = diag_hold_end();
	sanitizer_free(s);
	g_string_free(scratch, TRUE);
}

/* Each heading's depth under the title (struct heading), in the order they are read. */
static void heading_depths(struct article *a)
{
	int top = 6, prev = 0;

	for (guint i = 0; i < a->headings->len; i++)
		top = MIN(top, ((const struct heading *)g_ptr_array_index(a->headings, i))->level);
	for (guint i = 0; i < a->headings->len; i++) {
		struct heading *h = g_ptr_array_index(a->headings, i);
		int depth = MAX(MIN(1 + h->level - top, prev + 1), 1);

		h->depth = prev = MIN(depth, 5);
	}
}

static gint by_line(gconstpointer x, gconstpointer y)
{
	return GPOINTER_TO_INT(*(const gpointer *)x) - GPOINTER_TO_INT(*(const gpointer *)y);
}

/*
 * Recording: the {#id} of a heading that is no heading now (one with no words, made a paragraph or
 * dropped: textnorm_wordless_headings). A link to it goes where it stood: to the heading of the
 * section it was in, else (before every heading) to the article's top. Not the
 * title heading's, which names the top already (passes_drop_title_heading).
 */
static void orphan_ids(struct article *a)
{
	GList *lines = a->heading_ids ? g_hash_table_get_keys(a->heading_ids) : NULL;
	GPtrArray *sorted = g_ptr_array_new();

	for (GList *l = lines; l; l = l->next)
		g_ptr_array_add(sorted, l->data);
	g_list_free(lines);
	g_ptr_array_sort(sorted, by_line);
	for (guint i = 0; i < sorted->len; i++) {
		const char *id = g_hash_table_lookup(a->heading_ids, g_ptr_array_index(sorted, i));
		int line = a->body_line + lines_source(a->line_shifts, GPOINTER_TO_INT(g_ptr_array_index(sorted, i))) - 1;
		struct heading *at = NULL;

		if (a->title_ids && g_strv_contains((const char *const *)a->title_ids, id))
			continue;
		for (guint k = 0; k < a->headings->len; k++) {
			struct heading *h = g_ptr_array_index(a->headings, k);

			if (h->line > line)
				break;
			at = h;
		}
		ids_add(at ? &at->raw_ids : &a->title_ids, id);
	}
	g_ptr_array_free(sorted, TRUE);
}

void records_take(struct article *a)
{
	struct walk w = { .a = a, .recording = a, .pending_ids = g_ptr_array_new_with_free_func(g_free) };

	walk_tree(&w, a->doc);
	g_ptr_array_free(w.pending_ids, TRUE);
	orphan_ids(a);
	heading_depths(a);
	/* Each picture's caption, decided once for both books: its title, else the title its page
	   resource has in the front matter (Hugo's resources:), else an alt text that says something;
	   none for a picture among words (the EPUB keeps it in its line, where no caption goes). */
	for (guint i = 0; i < a->images->len; i++) {
		struct image *im = g_ptr_array_index(a->images, i);
		const struct fm_resource *res = im->title ? NULL : fm_resource_for(&a->fm, im->url);

		if (!im->in_line)
			im->caption = g_strdup(im->title ? im->title : res && res->title ? res->title
					       : alt_text_meaningful(im->alt) ? im->alt : NULL);
	}
	a->walked = true;
	g_clear_pointer(&a->heading_ids, g_hash_table_destroy);
}

struct article_view *article_view_open(const struct article *a)
{
	struct article_view *v = g_new0(struct article_view, 1);

	v->a = a;
	v->doc = markdown_reload(a->markdown ? a->markdown : "", a->markdown_len, a->passthrough);
	v->defs = g_ptr_array_new();
	v->lists = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	if (a->walked) {
		struct walk w = { .a = a, .v = v };

		walk_tree(&w, v->doc);
	}
	if (a->source_paragraph) {
		cmark_node *link = NULL;

		v->source_para = identity_source_paragraph(v->doc, &link);
		if (!v->source_para || g_strcmp0(cmark_node_get_url(link), a->source_url)) {
			diag_error(a->file, 0, "internal error: the body parsed again has no source paragraph");
			abort();
		}
	}
	return v;
}

void article_view_close(struct article_view *v)
{
	if (!v)
		return;
	cmark_node_free(v->doc);
	g_ptr_array_free(v->defs, TRUE);
	g_ptr_array_free(v->lists, TRUE);
	g_free(v);
}

const struct heading *record_heading(cmark_node *n)
{
	return n && cmark_node_get_type(n) == CMARK_NODE_HEADING ? cmark_node_get_user_data(n) : NULL;
}

bool record_subhead(cmark_node *n)
{
	return n && cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH && cmark_node_get_user_data(n) == &subhead_mark;
}

const struct link *record_link(cmark_node *n)
{
	return n && cmark_node_get_type(n) == CMARK_NODE_LINK ? cmark_node_get_user_data(n) : NULL;
}

const struct footnote *record_footnote(cmark_node *def)
{
	return def && cmark_node_get_type(def) == CMARK_NODE_FOOTNOTE_DEFINITION ? cmark_node_get_user_data(def)
										  : NULL;
}

const struct footnote *record_footnote_ref(const struct article_view *v, cmark_node *ref)
{
	const char *label = cmark_node_get_literal(ref);
	char *end;
	long n;

	if (!label)
		return NULL;
	/* cmark-gfm numbers its references by the order of the notes, as the records are. */
	n = strtol(label, &end, 10);
	if (!*end && n >= 1 && n <= (long)v->a->footnotes->len)
		return g_ptr_array_index(v->a->footnotes, n - 1);
	for (guint i = 0; i < v->defs->len; i++) {
		cmark_node *def = g_ptr_array_index(v->defs, i);
		const char *l = cmark_node_get_literal(def);

		if (l && !g_ascii_strcasecmp(l, label))
			return record_footnote(def);
	}
	return NULL;
}

const struct image *record_image(const struct article_view *v, cmark_node *n, const char *src, int nth)
{
	const struct image *found = NULL;
	char *stripped;
	cmark_node_type t = n ? cmark_node_get_type(n) : CMARK_NODE_NONE;

	if (t == CMARK_NODE_IMAGE)
		return cmark_node_get_user_data(n);
	stripped = g_strstrip(g_strdup(src ? src : ""));
	if (t == CMARK_NODE_HTML_BLOCK || t == CMARK_NODE_HTML_INLINE) {
		GPtrArray *list = cmark_node_get_user_data(n);
		int seen = 0;

		for (guint i = 0; list && i < list->len; i++) {
			const struct image *im = g_ptr_array_index(list, i);

			if (strcmp(im->url, stripped))
				continue;
			if (!found)
				found = im;
			if (seen++ == nth) {
				found = im;
				break;
			}
		}
	} else if (!n) {
		for (guint i = 0; !found && i < v->a->images->len; i++) {
			const struct image *im = g_ptr_array_index(v->a->images, i);

			if (!strcmp(im->url, stripped))
				found = im;
		}
	}
	g_free(stripped);
	return found;
}

const struct image *record_inline_picture(cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	GPtrArray *list;

	if (cmark_node_get_type(n) != CMARK_NODE_HTML_INLINE || !lit || g_ascii_strncasecmp(lit, "<img", 4)
	    || !(lit[4] == '/' || lit[4] == '>' || g_ascii_isspace(lit[4])))
		return NULL;
	list = cmark_node_get_user_data(n);
	return list && list->len == 1 ? g_ptr_array_index(list, 0) : NULL;
}
