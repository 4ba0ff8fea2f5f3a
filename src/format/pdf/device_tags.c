/* device_tags.c - the Cairo device's structure tags: elements opened in order, leaves for runs, the log. */
#include "format/pdf/device_tags.h"

#include <string.h>

#include "base/diag.h"
#include "base/xmlesc.h"

struct open_el {
	struct selem *el;	/* a reference; NULL for what the device adds (Document, a run's Span or Link) */
	enum srole role;
	guint record;		/* in the log */
	bool leaf;
	char *target;		/* a run's Link: where it goes */
	GString *actual;	/* a leaf: the text it shows, pieces of its paragraphs */
	const char *para;	/* the paragraph text of the piece being drawn, and its span */
	int start, end;
};

struct tagger {
	cairo_t *cr;
	struct tag_log *log;
	bool ua, failed;
	GArray *stack;		/* of struct open_el; [0] is the Document once anything is open */
	GHashTable *areas;
};

void tagger_quote(GString *s, const char *value)
{
	char *clean = xml_clean_text(value, -1);

	g_string_append_c(s, '\'');
	for (const char *v = clean ? clean : value; *v; v++) {
		if (*v == '\'' || *v == '\\')
			g_string_append_c(s, '\\');
		g_string_append_c(s, *v);
	}
	g_string_append_c(s, '\'');
	g_free(clean);
}

GString *tagger_link_attrs(const char *target)
{
	GString *s = g_string_new(NULL);

	if (target[0] == '#') {
		g_string_append(s, "dest=");
		tagger_quote(s, target + 1);
	} else {
		g_string_append(s, "uri=");
		tagger_quote(s, target);
	}
	return s;
}

struct tagger *tagger_new(cairo_t *cr, struct tag_log *log, bool ua)
{
	struct tagger *t = g_new0(struct tagger, 1);

	t->cr = cr;
	t->log = log;
	t->ua = ua;
	t->stack = g_array_new(FALSE, TRUE, sizeof(struct open_el));
	return t;
}

static struct open_el *top(const struct tagger *t)
{
	return t->stack->len ? &g_array_index(t->stack, struct open_el, t->stack->len - 1) : NULL;
}

/* Words drawn inside a link, white space folded, for its annotation's /Contents. */
static char *link_words(const GString *text)
{
	char *s = g_strstrip(g_strdup(text ? text->str : ""));
	GString *out = g_string_new(NULL);

	for (const char *p = s; *p; p++) {
		if (g_ascii_isspace(*p)) {
			if (out->len && out->str[out->len - 1] != ' ')
				g_string_append_c(out, ' ');
		} else {
			g_string_append_c(out, *p);
		}
	}
	g_free(s);
	if (!out->len) {
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}

/* The piece of a paragraph drawn so far in leaf o goes into its text. */
static void flush_piece(struct open_el *o)
{
	if (!o->para || o->end <= o->start)
		return;
	if (!o->actual)
		o->actual = g_string_new(NULL);
	else
		g_string_append_c(o->actual, ' ');	/* two paragraphs in one leaf: a contents entry's title and page */
	g_string_append_len(o->actual, o->para + o->start, o->end - o->start);
	o->para = NULL;
}

static void end_top(struct tagger *t)
{
	struct open_el *o = top(t);
	struct tag_record *r;

	if (!o)
		return;
	cairo_tag_end(t->cr, selem_type(o->role));
	r = tag_log_at(t->log, o->record);
	flush_piece(o);
	if (o->role == SR_LINK && r && !r->contents)
		r->contents = o->el && o->el->alt ? g_strdup(o->el->alt) : link_words(o->actual);
	if (r && o->actual && o->actual->len)
		r->actual = g_strdup(o->actual->str);
	if (o->el)
		o->el->done = true;
	selem_unref(o->el);
	g_free(o->target);
	if (o->actual)
		g_string_free(o->actual, TRUE);
	g_array_set_size(t->stack, t->stack->len - 1);
}

/*
 * Figures must say what they show (PDF/UA-1, Matterhorn 13-004). A picture with no words at
 * all is a decoration (an artifact, as alt="" in the EPUB), which PDF/UA allows; folio's
 * generic words (图片, image) pass a machine's check but say nothing. Both are errors under
 * --pdf-standard ua-1, notes otherwise.
 */
static const struct diag_kind undescribed = { "picture-undescribed", "pictures of the PDF have no words PDF/UA-1 accepts", NULL };

bool tagger_figure(struct tagger *t, struct selem *el)
{
	const char *alt = el->alt && *el->alt ? el->alt : NULL;

	if (el->alt_usable || el->judged)
		return alt != NULL;
	el->judged = true;
	/* As notes (a blog's every picture may have none) they are summed up after five of a cause;
	   under ua-1 each is an error of the run, all said. */
	if (alt)
		diag_kind_at(t->ua ? DIAG_ERROR : DIAG_NOTE, t->ua ? NULL : &undescribed, "descriptions say nothing", NULL,
			     el->file, el->line, "this picture's description '%s' says nothing: "
			     "PDF/UA-1 asks for words that say what it shows (![...](...))%s", alt,
			     t->ua ? "" : "; --pdf-standard ua-1 refuses it");
	else
		diag_kind_at(t->ua ? DIAG_ERROR : DIAG_NOTE, t->ua ? NULL : &undescribed, "no description", NULL,
			     el->file, el->line, "this picture has no description: PDF/UA-1 asks for words that say "
			     "what it shows (![...](...))%s", t->ua ? "" : "; --pdf-standard ua-1 refuses it");
	if (t->ua)
		t->failed = true;
	return alt != NULL;
}

/* Begin a tag: el (or, el NULL, one of role the device adds) with attrs, logged. */
static void begin(struct tagger *t, struct selem *el, enum srole role, bool leaf, const char *attrs,
		  const char *target)
{
	struct open_el o = { .el = selem_ref(el), .role = role, .leaf = leaf, .target = g_strdup(target) };
	struct tag_record *r;

	cairo_tag_begin(t->cr, selem_type(role), attrs ? attrs : "");
	o.record = tag_log_add(t->log, role);
	r = tag_log_at(t->log, o.record);
	if (el) {
		r->lang = g_strdup(el->lang);
		r->id = g_strdup(el->id);
		if (role == SR_FIGURE) {
			r->alt = g_strdup(el->alt && *el->alt ? el->alt : NULL);
			tagger_figure(t, el);
		}
		if (role == SR_TH)
			r->scope = SCOPE_COLUMN;
	}
	g_array_append_val(t->stack, o);
}

static char *link_tag_attrs(const char *target, const double *rects, int n)
{
	GString *a;

	if (!target)
		return g_strdup("");
	a = tagger_link_attrs(target);
	if (n > 0) {
		g_string_append(a, " rect=[");
		for (int i = 0; i < n; i++)
			g_string_append_printf(a, "%s%.2f %.2f %.2f %.2f", i ? " " : "", rects[4 * i], rects[4 * i + 1],
					       rects[4 * i + 2], rects[4 * i + 3]);
		g_string_append_c(a, ']');
	}
	return g_string_free(a, FALSE);
}

/* Open el from layout: a Link of layout's takes its target and area from this page's BOX_LINK boxes. */
static void begin_el(struct tagger *t, struct selem *el, bool leaf)
{
	if (el->role == SR_LINK) {
		const struct link_area *a = t->areas ? g_hash_table_lookup(t->areas, el) : NULL;
		char *attrs = link_tag_attrs(a ? a->target : NULL, a ? (const double *)(void *)a->rects->data : NULL,
					     a ? (int)a->rects->len : 0);

		begin(t, el, SR_LINK, leaf, attrs, a ? a->target : NULL);
		g_free(attrs);
	} else {
		begin(t, el, el->role, leaf, NULL, NULL);
	}
}

/* Does the open leaf serve content of el of this kind? */
static bool leaf_fits(const struct tagger *t, const struct selem *el, enum leaf_kind kind, const char *target)
{
	const struct open_el *o = top(t), *under;

	if (!o || !o->leaf)
		return false;
	if (kind == LEAF_SELF)
		return o->el == el;
	under = t->stack->len >= 2 ? &g_array_index(t->stack, struct open_el, t->stack->len - 2) : NULL;
	if (o->el || !under || under->el != el)
		return false;
	if (kind == LEAF_SPAN)
		return o->role == SR_SPAN;
	return o->role == SR_LINK && target && o->target && !strcmp(o->target, target);
}

void tagger_leaf(struct tagger *t, struct selem *el, enum leaf_kind kind, const char *target, const double *rects,
		 int nrects)
{
	GPtrArray *path;
	guint common = 0;

	if (leaf_fits(t, el, kind, target))
		return;
	tagger_no_leaf(t);
	/* Document, then el's ancestors outermost first, then el. */
	if (!t->stack->len)
		begin(t, NULL, SR_DOCUMENT, false, NULL, NULL);
	path = g_ptr_array_new();
	for (struct selem *e = el; e; e = e->parent)
		g_ptr_array_insert(path, 0, e);
	while (common < path->len && 1 + common < t->stack->len
	       && g_array_index(t->stack, struct open_el, 1 + common).el == g_ptr_array_index(path, common))
		common++;
	while (t->stack->len > 1 + common)
		end_top(t);
	for (guint i = common; i < path->len; i++)
		begin_el(t, g_ptr_array_index(path, i), kind == LEAF_SELF && i + 1 == path->len);
	g_ptr_array_free(path, TRUE);
	if (kind == LEAF_SPAN) {
		begin(t, NULL, SR_SPAN, true, NULL, NULL);
	} else if (kind == LEAF_LINK) {
		char *attrs = link_tag_attrs(target, rects, nrects);

		begin(t, NULL, SR_LINK, true, attrs, target);
		g_free(attrs);
	}
}

bool tagger_in_link(const struct tagger *t, const struct selem *el, const char *target)
{
	return leaf_fits(t, el, LEAF_LINK, target);
}

bool tagger_is_open(const struct tagger *t, const struct selem *el)
{
	for (guint i = 0; i < t->stack->len; i++)
		if (g_array_index(t->stack, struct open_el, i).el == el)
			return true;
	return false;
}

void tagger_text(struct tagger *t, const char *text, int start, int end)
{
	struct open_el *o = top(t);

	if (!o || !o->leaf)
		return;
	if (o->para != text) {
		flush_piece(o);
		o->para = text;
		o->start = start;
		o->end = end;
		return;
	}
	o->start = MIN(o->start, start);
	o->end = MAX(o->end, end);
}

void tagger_no_leaf(struct tagger *t)
{
	const struct open_el *o = top(t);

	if (o && o->leaf)
		end_top(t);
}

void tagger_set_links(struct tagger *t, GHashTable *areas)
{
	t->areas = areas;
}

bool tagger_failed(const struct tagger *t)
{
	return t->failed;
}

void tagger_free(struct tagger *t)
{
	if (!t)
		return;
	while (t->stack->len)
		end_top(t);
	g_array_free(t->stack, TRUE);
	g_free(t);
}
