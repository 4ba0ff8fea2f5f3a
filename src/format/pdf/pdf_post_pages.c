/* pdf_post_pages.c - the post-pass over each page: artifacts, /Tabs, page boxes, printer's marks. */
#include "format/pdf/pdf_post_pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parallel.h"
#include "format/pdf/pdf_content.h"

struct page_work {
	struct post *s;
	qpdf_oh resources;
	guint page;		/* index; G_MAXUINT in a form (its MCIDs are not checked against the tree) */
	GHashTable *forms_done;	/* form object ids worked on; fonts checked, as minus their ids */
	struct content_stats *st;
};

static bool rewrite(struct page_work *pw, const unsigned char *in, size_t len, GByteArray *out, const char *what);

/* ---- artifacts ---- */

static const char *mcid_held(void *data, long mcid)
{
	struct page_work *pw = data;

	if (pw->page == G_MAXUINT || !pw->s->has_tree)
		return "";
	return post_mcid_held(pw->s, pw->page, mcid);
}

/* The form named name (no slash) in res when it holds MCIDs: a new handle, else 0. */
static qpdf_oh tagged_form(qpdf_data q, qpdf_oh res, const char *name, size_t len)
{
	char *key = g_strdup_printf("/%.*s", (int)len, name);
	qpdf_oh xobjs = qpdf_oh_get_key_if_dict(q, res, "/XObject"), x = qpdf_oh_get_key_if_dict(q, xobjs, key);
	qpdf_oh found = 0;

	if (qpdf_oh_is_stream(q, x)) {
		qpdf_oh dict = qpdf_oh_get_dict(q, x), sub = qpdf_oh_get_key(q, dict, "/Subtype");
		unsigned char *buf = NULL;
		size_t blen = 0;

		if (qpdf_oh_is_name_and_equals(q, sub, "/Form")
		    && !(qpdf_oh_get_stream_data(q, x, qpdf_dl_generalized, NULL, &buf, &blen) & QPDF_ERRORS)
		    && content_has_mcid(buf, blen))
			found = qpdf_oh_new_object(q, x);
		free(buf);
		qpdf_oh_release(q, sub);
		qpdf_oh_release(q, dict);
	}
	qpdf_oh_release(q, x);
	qpdf_oh_release(q, xobjs);
	g_free(key);
	return found;
}

/* A tagged form worked on (once): its untagged graphics become artifacts. */
static void work_on_form(struct page_work *pw, qpdf_oh x)
{
	qpdf_data q = pw->s->q;
	int id = qpdf_oh_get_object_id(q, x);
	qpdf_oh dict;
	struct page_work fw = *pw;
	GByteArray *out;
	unsigned char *buf = NULL;
	size_t blen = 0;

	if (g_hash_table_contains(pw->forms_done, GINT_TO_POINTER(id)))
		return;
	g_hash_table_add(pw->forms_done, GINT_TO_POINTER(id));
	if (qpdf_oh_get_stream_data(q, x, qpdf_dl_generalized, NULL, &buf, &blen) & QPDF_ERRORS) {
		free(buf);
		return;
	}
	dict = qpdf_oh_get_dict(q, x);
	out = g_byte_array_new();
	fw.resources = qpdf_oh_get_key(q, dict, "/Resources");
	fw.page = G_MAXUINT;
	if (rewrite(&fw, buf, blen, out, "a form XObject"))
		post_replace_stream(q, x, out->data, out->len);
	qpdf_oh_release(q, fw.resources);
	qpdf_oh_release(q, dict);
	g_byte_array_free(out, TRUE);
	free(buf);
}

/* "/Name Do" of a form holding MCIDs: the form is worked on (once), its Do left unwrapped. */
static bool form_tagged(void *data, const char *name, size_t len)
{
	struct page_work *pw = data;
	qpdf_oh x = tagged_form(pw->s->q, pw->resources, name, len);

	if (!x)
		return false;
	work_on_form(pw, x);
	qpdf_oh_release(pw->s->q, x);
	return true;
}

static bool rewrite(struct page_work *pw, const unsigned char *in, size_t len, GByteArray *out, const char *what)
{
	char *error = NULL;

	if (content_mark_artifacts(in, len, out, form_tagged, mcid_held, pw, pw->st, &error))
		return true;
	post_fail(pw->s, "%s: %s", what, error);
	g_free(error);
	return false;
}

/* ---- boxes and marks ---- */

static void set_box(qpdf_data q, qpdf_oh page, const char *key, double x0, double y0, double x1, double y1)
{
	char *v = g_strdup_printf("[%.3f %.3f %.3f %.3f]", x0, y0, x1, y1);

	post_set_parsed(q, page, key, v);
	g_free(v);
}

static void line(GString *s, double x0, double y0, double x1, double y1)
{
	g_string_append_printf(s, "%.3f %.3f m %.3f %.3f l S\n", x0, y0, x1, y1);
}

/* A registration target: a circle and a cross, centred at (x, y), radius r. */
static void target(GString *s, double x, double y, double r)
{
	const double k = 0.5523 * r;	/* a circle in four Bézier arcs */

	g_string_append_printf(s, "%.3f %.3f m %.3f %.3f %.3f %.3f %.3f %.3f c %.3f %.3f %.3f %.3f %.3f %.3f c "
			       "%.3f %.3f %.3f %.3f %.3f %.3f c %.3f %.3f %.3f %.3f %.3f %.3f c S\n",
			       x + r, y, x + r, y + k, x + k, y + r, x, y + r, x - k, y + r, x - r, y + k, x - r, y,
			       x - r, y - k, x - k, y - r, x, y - r, x + k, y - r, x + r, y - k, x + r, y);
	line(s, x - r - 2, y, x + r + 2, y);
	line(s, x, y - r - 2, x, y + r + 2);
}

/*
 * Printer's marks around the trim box t (x0 y0 x1 y1), outside the bleed, as an artifact in
 * registration colour (/CSall): crop marks at the corners, targets in the middle of each side.
 */
static void marks(GString *s, const double t[4], double bleed, double slug, unsigned which)
{
	double from = bleed + 3, to = bleed + slug - 2;

	g_string_append(s, "/Artifact BMC\nq /CSall CS 1 SCN 0.25 w 0 J\n");
	if (which & MARKS_CROP)
		for (int c = 0; c < 4; c++) {
			double x = c & 1 ? t[2] : t[0], y = c & 2 ? t[3] : t[1], dx = c & 1 ? 1 : -1, dy = c & 2 ? 1 : -1;

			line(s, x + dx * from, y, x + dx * to, y);
			line(s, x, y + dy * from, x, y + dy * to);
		}
	if (which & MARKS_CROSS) {
		double mid = bleed + slug / 2, r = MIN(slug / 2 - 3, 6);
		double cx = (t[0] + t[2]) / 2, cy = (t[1] + t[3]) / 2;

		if (r > 1) {
			target(s, cx, t[1] - mid, r);
			target(s, cx, t[3] + mid, r);
			target(s, t[0] - mid, cy, r);
			target(s, t[2] + mid, cy, r);
		}
	}
	g_string_append(s, "Q\nEMC\n");
}

/* ---- PDF/X-4: fonts and colours ---- */

static void check_resources(struct page_work *pw, qpdf_oh res, int depth, guint number);

/* A font with no program embedded (Type 3 fonts are drawn by the PDF itself). */
static bool font_embedded(qpdf_data q, qpdf_oh font)
{
	qpdf_oh sub = qpdf_oh_get_key(q, font, "/Subtype"), fd;
	bool ok;

	if (qpdf_oh_is_name_and_equals(q, sub, "/Type3")) {
		qpdf_oh_release(q, sub);
		return true;
	}
	if (qpdf_oh_is_name_and_equals(q, sub, "/Type0")) {
		qpdf_oh dfs = qpdf_oh_get_key(q, font, "/DescendantFonts"), d = qpdf_oh_get_array_item(q, dfs, 0);

		fd = qpdf_oh_get_key_if_dict(q, d, "/FontDescriptor");
		qpdf_oh_release(q, d);
		qpdf_oh_release(q, dfs);
	} else {
		fd = qpdf_oh_get_key(q, font, "/FontDescriptor");
	}
	ok = qpdf_oh_is_dictionary(q, fd) && (qpdf_oh_has_key(q, fd, "/FontFile") || qpdf_oh_has_key(q, fd, "/FontFile2")
					      || qpdf_oh_has_key(q, fd, "/FontFile3"));
	qpdf_oh_release(q, fd);
	qpdf_oh_release(q, sub);
	return ok;
}

/* Does colour space cs name a CMYK model (DeviceCMYK, or an ICC profile of four components)? */
static bool is_cmyk(qpdf_data q, qpdf_oh cs)
{
	bool cmyk = qpdf_oh_is_name_and_equals(q, cs, "/DeviceCMYK");

	if (!cmyk && qpdf_oh_is_array(q, cs)) {
		qpdf_oh fam = qpdf_oh_get_array_item(q, cs, 0), prof = qpdf_oh_get_array_item(q, cs, 1);

		if (qpdf_oh_is_name_and_equals(q, fam, "/ICCBased") && qpdf_oh_is_stream(q, prof)) {
			qpdf_oh d = qpdf_oh_get_dict(q, prof), n = qpdf_oh_get_key(q, d, "/N");

			cmyk = qpdf_oh_is_integer(q, n) && qpdf_oh_get_int_value(q, n) == 4;
			qpdf_oh_release(q, n);
			qpdf_oh_release(q, d);
		}
		qpdf_oh_release(q, prof);
		qpdf_oh_release(q, fam);
	}
	return cmyk;
}

static void check_fonts(struct page_work *pw, qpdf_oh res, guint number)
{
	qpdf_data q = pw->s->q;
	qpdf_oh fonts = qpdf_oh_get_key_if_dict(q, res, "/Font");

	if (qpdf_oh_is_dictionary(q, fonts)) {
		qpdf_oh_begin_dict_key_iter(q, fonts);
		GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);

		while (qpdf_oh_dict_more_keys(q))
			g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
		for (guint i = 0; i < keys->len; i++) {
			qpdf_oh f = qpdf_oh_get_key(q, fonts, g_ptr_array_index(keys, i)), base;
			int id = qpdf_oh_get_object_id(q, f);

			if (qpdf_oh_is_dictionary(q, f) && !g_hash_table_contains(pw->forms_done, GINT_TO_POINTER(-id))) {
				g_hash_table_add(pw->forms_done, GINT_TO_POINTER(-id));
				if (!font_embedded(q, f)) {
					base = qpdf_oh_get_key(q, f, "/BaseFont");
					post_fail(pw->s, "PDF/X-4 needs every font embedded, and %s on page %u is not",
						  qpdf_oh_is_name(q, base) ? qpdf_oh_get_name(q, base) + 1 : "a font", number);
					qpdf_oh_release(q, base);
				}
			}
			qpdf_oh_release(q, f);
		}
		g_ptr_array_free(keys, TRUE);
	}
	qpdf_oh_release(q, fonts);
}

/* fn on each XObject of res's /XObject dictionary: its stream dictionary and its /Subtype. */
static void each_xobject(qpdf_data q, qpdf_oh res, void (*fn)(const char *name, qpdf_oh dict, qpdf_oh subtype, void *data),
			 void *data)
{
	qpdf_oh xo = qpdf_oh_get_key(q, res, "/XObject");

	if (qpdf_oh_is_dictionary(q, xo)) {
		GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);

		/* The names first: fn may walk other dictionaries, which ends this iteration. */
		qpdf_oh_begin_dict_key_iter(q, xo);
		while (qpdf_oh_dict_more_keys(q))
			g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
		for (guint i = 0; i < keys->len; i++) {
			qpdf_oh x = qpdf_oh_get_key(q, xo, g_ptr_array_index(keys, i)), d = qpdf_oh_get_dict(q, x);
			qpdf_oh sub = qpdf_oh_get_key(q, d, "/Subtype");

			fn(g_ptr_array_index(keys, i), d, sub, data);
			qpdf_oh_release(q, sub);
			qpdf_oh_release(q, d);
			qpdf_oh_release(q, x);
		}
		g_ptr_array_free(keys, TRUE);
	}
	qpdf_oh_release(q, xo);
}

static void check_resources(struct page_work *pw, qpdf_oh res, int depth, guint number);

struct resource_walk {
	struct page_work *pw;
	struct post *s;
	int depth;
	guint number;
};

static void check_xobject(const char *name, qpdf_oh d, qpdf_oh sub, void *data)
{
	const struct resource_walk *w = data;
	qpdf_data q = w->pw->s->q;

	if (qpdf_oh_is_name_and_equals(q, sub, "/Form")) {
		qpdf_oh r = qpdf_oh_get_key(q, d, "/Resources");

		check_resources(w->pw, r, w->depth + 1, w->number);
		qpdf_oh_release(q, r);
	} else if (qpdf_oh_is_name_and_equals(q, sub, "/Image")) {
		qpdf_oh cs = qpdf_oh_get_key(q, d, "/ColorSpace");

		if (!w->pw->s->cmyk_intent && is_cmyk(q, cs))
			post_fail(w->pw->s, "a CMYK picture on page %u cannot go into a PDF/X-4 whose output "
				  "intent is RGB; convert it to RGB", w->number);
		qpdf_oh_release(q, cs);
	}
}

/* Fonts and pictures of a page's resources and of the forms they draw. */
static void check_resources(struct page_work *pw, qpdf_oh res, int depth, guint number)
{
	struct resource_walk w = { .pw = pw, .depth = depth, .number = number };

	if (!qpdf_oh_is_dictionary(pw->s->q, res) || depth > 8)
		return;
	check_fonts(pw, res, number);
	each_xobject(pw->s->q, res, check_xobject, &w);
}

static void default_rgb(struct post *s, qpdf_oh res, int depth);

static void default_rgb_form(const char *name, qpdf_oh d, qpdf_oh sub, void *data)
{
	const struct resource_walk *w = data;
	qpdf_data q = w->s->q;

	if (qpdf_oh_is_name_and_equals(q, sub, "/Form")) {
		qpdf_oh r = qpdf_oh_get_key(q, d, "/Resources");

		default_rgb(w->s, r, w->depth + 1);
		qpdf_oh_release(q, r);
	}
}

/* DeviceRGB drawing on a page (and in its forms) is sRGB when the output intent is CMYK. */
static void default_rgb(struct post *s, qpdf_oh res, int depth)
{
	struct resource_walk w = { .s = s, .depth = depth };
	qpdf_data q = s->q;
	qpdf_oh cs;

	if (!s->default_rgb || !qpdf_oh_is_dictionary(q, res) || depth > 8)
		return;
	cs = post_dict_key(q, res, "/ColorSpace");
	qpdf_oh_replace_key(q, cs, "/DefaultRGB", s->default_rgb);
	qpdf_oh_release(q, cs);
	each_xobject(q, res, default_rgb_form, &w);
}

/* ---- pages ---- */

/*
 * A page's new content stream: read and prepared here (qpdf is one thread's), its content
 * rewritten and compressed on a worker, stored here in page order.
 */
struct page_stream {
	struct post *s;		/* read only on the worker: the MCIDs the tree holds */
	qpdf_oh target;		/* the page's content stream (a reference) */
	guint page;
	char what[32];		/* "page N", for messages */
	unsigned char *raw;	/* the content Cairo wrote (malloc'd by qpdf), or NULL when unreadable */
	size_t raw_len;
	qpdf_oh resources;	/* the page's (a reference) */
	GHashTable *forms;	/* names of the page's forms holding MCIDs, or NULL */
	GPtrArray *asked;	/* those the content draws (Do) outside marked content, in order */
	GString *marks;		/* the printer's marks, drawn after the content, or NULL */
	struct content_stats st;
	char *error;		/* why the content did not parse, or NULL */
	GByteArray *data;
	unsigned char *z;	/* data compressed, or NULL */
	size_t zlen;
};

/* What one_page made, when the page is stored or the pass has failed. */
static void page_stream_free(struct page_stream *ps)
{
	free(ps->raw);
	if (ps->forms)
		g_hash_table_destroy(ps->forms);
	if (ps->asked)
		g_ptr_array_free(ps->asked, TRUE);
	if (ps->marks)
		g_string_free(ps->marks, TRUE);
	g_free(ps->error);
	if (ps->data)
		g_byte_array_free(ps->data, TRUE);
	g_free(ps->z);
	g_free(ps);
}

/* On the worker: is the form tagged (known here), and noted to be worked on by the store. */
static bool form_named(void *data, const char *name, size_t len)
{
	struct page_stream *ps = data;
	char *key = g_strndup(name, len);

	if (ps->forms && g_hash_table_contains(ps->forms, key)) {
		if (!ps->asked)
			ps->asked = g_ptr_array_new_with_free_func(g_free);
		g_ptr_array_add(ps->asked, key);
		return true;
	}
	g_free(key);
	return false;
}

static const char *page_mcid_held(void *data, long mcid)
{
	struct page_stream *ps = data;

	return ps->s->has_tree ? post_mcid_held(ps->s, ps->page, mcid) : "";
}

static void page_stream_work(gpointer job, gpointer unused)
{
	struct page_stream *ps = job;
	GByteArray *out = g_byte_array_new();

	/* Cairo leaves its flip of the y axis outside q/Q: marks appended after must not see it. */
	g_byte_array_append(out, (const guint8 *)"q\n", 2);
	if (ps->s->has_tree)
		content_mark_artifacts(ps->raw, ps->raw_len, out, form_named, page_mcid_held, ps, &ps->st, &ps->error);
	else
		g_byte_array_append(out, ps->raw, (guint)ps->raw_len);
	g_byte_array_append(out, (const guint8 *)"\nQ\n", 3);
	if (ps->marks)
		g_byte_array_append(out, (const guint8 *)ps->marks->str, (guint)ps->marks->len);
	ps->data = out;
	if (!ps->error)
		ps->z = post_deflate(out->data, out->len, &ps->zlen);
}

/* What the stores share: the counts, and the forms worked on. */
struct pages_run {
	struct content_stats st;
	GHashTable *forms_done;
};

static void page_stream_store(gpointer job, gpointer user)
{
	struct page_stream *ps = job;
	struct pages_run *run = user;
	struct content_stats *st = &run->st;
	struct post *s = ps->s;
	struct page_work pw = { s, ps->resources, ps->page, run->forms_done, st };

	st->ops += ps->st.ops;
	st->artifacts += ps->st.artifacts;
	st->mcids += ps->st.mcids;
	st->tagged_forms += ps->st.tagged_forms;
	st->orphans += ps->st.orphans;
	st->actual += ps->st.actual;
	/* The forms the page draws are worked on here, in page order, as they were met. */
	for (guint i = 0; ps->asked && i < ps->asked->len; i++) {
		const char *name = g_ptr_array_index(ps->asked, i);

		form_tagged(&pw, name, strlen(name));
	}
	if (ps->error)
		post_fail(s, "%s: %s", ps->what, ps->error);
	if (!s->failed)
		post_store_stream(s->q, ps->target, ps->data->data, ps->data->len, ps->z, ps->zlen);
	qpdf_oh_release(s->q, ps->target);
	qpdf_oh_release(s->q, ps->resources);
	page_stream_free(ps);
}

struct form_names {
	qpdf_data q;
	qpdf_oh res;
	GHashTable *names;	/* or NULL */
};

static void note_tagged_form(const char *name, qpdf_oh d, qpdf_oh sub, void *data)
{
	struct form_names *f = data;
	/* The names are "/Name"; the content's Do names them without the slash. */
	qpdf_oh x = name[0] == '/' ? tagged_form(f->q, f->res, name + 1, strlen(name + 1)) : 0;

	if (!x)
		return;
	if (!f->names)
		f->names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_hash_table_add(f->names, g_strdup(name + 1));
	qpdf_oh_release(f->q, x);
}

/* The names of the page's forms holding MCIDs (worked on when the page is stored), or NULL. */
static GHashTable *tagged_forms(qpdf_data q, qpdf_oh res)
{
	struct form_names f = { q, res, NULL };

	each_xobject(q, res, note_tagged_form, &f);
	return f.names;
}

/* Page i worked on; its content goes to a worker (not when the pass failed). */
static void one_page(struct post *s, int i, GHashTable *forms_done, struct content_stats *st, struct parallel *workers)
{
	qpdf_data q = s->q;
	const struct pdf_post *p = s->p;
	qpdf_oh page = qpdf_get_page_n(q, (size_t)i), res = qpdf_oh_get_key(q, page, "/Resources");
	qpdf_oh contents = qpdf_oh_get_key(q, page, "/Contents"), annots = qpdf_oh_get_key(q, page, "/Annots");
	struct page_work pw = { s, res, (guint)i, forms_done, st };
	struct page_stream *ps = g_new0(struct page_stream, 1);
	double mb[4];

	ps->s = s;
	ps->page = (guint)i;
	snprintf(ps->what, sizeof ps->what, "page %d", i + 1);
	if (qpdf_oh_is_array(q, annots) && qpdf_oh_get_array_n_items(q, annots) > 0)
		post_set_parsed(q, page, "/Tabs", "/S");
	if (p->x4)
		check_resources(&pw, res, 0, (guint)i + 1);
	default_rgb(s, res, 0);
	if (qpdf_oh_get_page_content_data(q, page, &ps->raw, &ps->raw_len) & QPDF_ERRORS)
		post_qpdf_failed(s, ps->what);
	else if (s->has_tree)
		ps->forms = tagged_forms(q, res);
	if (p->boxes && post_read_box(q, page, "/MediaBox", mb)) {
		double o = p->bleed + p->slug, t[4] = { mb[0] + o, mb[1] + o, mb[2] - o, mb[3] - o };

		set_box(q, page, "/TrimBox", t[0], t[1], t[2], t[3]);
		set_box(q, page, "/BleedBox", t[0] - p->bleed, t[1] - p->bleed, t[2] + p->bleed, t[3] + p->bleed);
		if (p->marks && p->slug > 0) {
			qpdf_oh cs = post_dict_key(q, res, "/ColorSpace");

			/* Registration colour: every separation at once; its alternate follows the intent. */
			post_set_parsed(q, cs, "/CSall", s->cmyk_intent
				? "[/Separation /All /DeviceCMYK << /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 1 1 1] /N 1 >>]"
				: "[/Separation /All /DeviceRGB << /FunctionType 2 /Domain [0 1] /C0 [1 1 1] /C1 [0 0 0] /N 1 >>]");
			qpdf_oh_release(q, cs);
			ps->marks = g_string_new(NULL);
			marks(ps->marks, t, p->bleed, p->slug, p->marks);
		}
	} else if (p->boxes) {
		post_fail(s, "%s has no MediaBox of its own", ps->what);
	}
	if (!s->failed) {
		ps->resources = qpdf_oh_new_object(q, res);
		if (qpdf_oh_is_stream(q, contents)) {
			ps->target = contents;
		} else {
			ps->target = qpdf_oh_new_stream(q);
			qpdf_oh_replace_key(q, page, "/Contents", ps->target);
			qpdf_oh_release(q, contents);
		}
		parallel_push(workers, ps);
	} else {
		page_stream_free(ps);
		qpdf_oh_release(q, contents);
	}
	qpdf_oh_release(q, annots);
	qpdf_oh_release(q, res);
	qpdf_oh_release(q, page);
}

bool post_pages(struct post *s)
{
	qpdf_data q = s->q;
	int n = qpdf_get_num_pages(q);
	struct pages_run run = { .forms_done = g_hash_table_new(NULL, NULL) };
	/* Rewriting and compressing the pages' streams again is much of this pass: it runs on every core. */
	struct parallel *workers = parallel_start(parallel_threads() * 4, page_stream_work, page_stream_store, &run);

	for (int i = 0; i < n && !s->failed; i++)
		one_page(s, i, run.forms_done, &run.st, workers);
	parallel_end(workers);
	g_hash_table_destroy(run.forms_done);
	s->artifacts = run.st.artifacts;
	s->orphans = run.st.orphans;
	return !s->failed && !post_qpdf_failed(s, "pages");
}
