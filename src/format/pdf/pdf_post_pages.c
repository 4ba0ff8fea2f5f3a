/* pdf_post_pages.c - the post-pass over each page: artifacts, /Tabs, page boxes, printer's marks. */
#include "format/pdf/pdf_post_pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/parallel.h"
#include "format/pdf/pdf_content.h"

struct page_work {
	struct post *s;
	const struct pdfo *resources;
	GHashTable *forms_done;	/* form object numbers worked on; fonts checked, as minus their numbers */
	struct content_stats *st;
};

static bool form_tagged(void *data, const char *name, size_t len);

/* ---- artifacts ---- */

/* A form's MCIDs are not checked against the tree (the ParentTree names pages'): each counts as held. */
static const char *form_mcid_held(void *data, long mcid)
{
	return "";
}

/* The object number of XObject name (no slash, len bytes) in res, or 0. */
static int xobject_num(struct post *s, const struct pdfo *res, const char *name, size_t len)
{
	char *key = g_strndup(name, len);
	struct pdfo *held, *xobjs = pdf_doc_resolve(s->doc, pdfo_get(res, "XObject"), &held);
	int num = post_ref_num(pdfo_get(xobjs, key));

	pdfo_free(held);
	g_free(key);
	return num;
}

/* Is object num (its dictionary dict) a form whose content holds MCIDs? */
static bool tagged_form(struct post *s, int num, const struct pdfo *dict)
{
	size_t len = 0;
	bool owned = false, found;
	char *error = NULL;
	const unsigned char *data;

	if (!num || !pdfo_is_name(pdfo_get(dict, "Subtype"), "Form"))
		return false;
	data = pdf_doc_stream_data(s->doc, num, &len, &owned, &error);
	found = data && content_has_mcid(data, len);
	if (owned)
		g_free((void *)data);
	g_free(error);
	return found;
}

/* A tagged form worked on (once): its untagged graphics become artifacts. */
static void work_on_form(struct page_work *pw, int num)
{
	struct post *s = pw->s;
	struct page_work fw = *pw;
	struct pdfo *dict, *held;
	GByteArray *out;
	const unsigned char *data;
	size_t len = 0;
	bool owned = false;
	char *error = NULL;

	if (g_hash_table_contains(pw->forms_done, GINT_TO_POINTER(num)))
		return;
	g_hash_table_add(pw->forms_done, GINT_TO_POINTER(num));
	data = pdf_doc_stream_data(s->doc, num, &len, &owned, &error);
	if (!data) {
		post_fail(s, "a form XObject: %s", error);
		g_free(error);
		return;
	}
	dict = pdf_doc_get(s->doc, num, NULL);
	out = g_byte_array_new();
	fw.resources = pdf_doc_resolve(s->doc, pdfo_get(dict, "Resources"), &held);
	if (content_mark_artifacts(data, len, out, form_tagged, form_mcid_held, &fw, fw.st, &error)) {
		post_write_stream(s, num, g_steal_pointer(&dict), out->data, out->len, true);
	} else {
		post_fail(s, "a form XObject: %s", error);
		g_free(error);
	}
	pdfo_free(held);
	pdfo_free(dict);
	g_byte_array_free(out, TRUE);
	if (owned)
		g_free((void *)data);
}

/* "/Name Do" of a form holding MCIDs: the form is worked on (once), its Do left unwrapped. */
static bool form_tagged(void *data, const char *name, size_t len)
{
	struct page_work *pw = data;
	int num = xobject_num(pw->s, pw->resources, name, len);
	struct pdfo *dict = num ? pdf_doc_get(pw->s->doc, num, NULL) : NULL;
	bool tagged = tagged_form(pw->s, num, dict);

	pdfo_free(dict);
	if (tagged)
		work_on_form(pw, num);
	return tagged;
}

/* ---- boxes and marks ---- */

static void set_box(struct pdfo *page, const char *key, double x0, double y0, double x1, double y1)
{
	char *v = g_strdup_printf("[%.3f %.3f %.3f %.3f]", x0, y0, x1, y1);

	pdfo_set_parsed(page, key, v);
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

/* A font with no program embedded (Type 3 fonts are drawn by the PDF itself). */
static bool font_embedded(struct post *s, const struct pdfo *font)
{
	const struct pdfo *sub = pdfo_get(font, "Subtype");
	struct pdfo *h1 = NULL, *h2 = NULL, *h3 = NULL, *fd;
	bool ok;

	if (pdfo_is_name(sub, "Type3"))
		return true;
	if (pdfo_is_name(sub, "Type0")) {
		struct pdfo *dfs = pdf_doc_resolve(s->doc, pdfo_get(font, "DescendantFonts"), &h1);
		struct pdfo *df = pdf_doc_resolve(s->doc, pdfo_at(dfs, 0), &h2);

		fd = pdf_doc_resolve(s->doc, pdfo_get(df, "FontDescriptor"), &h3);
	} else {
		fd = pdf_doc_resolve(s->doc, pdfo_get(font, "FontDescriptor"), &h3);
	}
	ok = pdfo_is(fd, PDFO_DICT)
	     && (pdfo_get(fd, "FontFile") || pdfo_get(fd, "FontFile2") || pdfo_get(fd, "FontFile3"));
	pdfo_free(h1);
	pdfo_free(h2);
	pdfo_free(h3);
	return ok;
}

/* Does colour space cs name a CMYK model (DeviceCMYK, or an ICC profile of four components)? */
static bool is_cmyk(struct post *s, const struct pdfo *cs)
{
	bool cmyk = pdfo_is_name(cs, "DeviceCMYK");

	if (!cmyk && pdfo_is_name(pdfo_at(cs, 0), "ICCBased")) {
		struct pdfo *prof = pdf_doc_get(s->doc, post_ref_num(pdfo_at(cs, 1)), NULL);
		const struct pdfo *n = pdfo_get(prof, "N");

		cmyk = pdfo_is(n, PDFO_INT) && n->u.i == 4;
		pdfo_free(prof);
	}
	return cmyk;
}

static void check_fonts(struct page_work *pw, const struct pdfo *res, guint number)
{
	struct post *s = pw->s;
	struct pdfo *held, *fonts = pdf_doc_resolve(s->doc, pdfo_get(res, "Font"), &held);

	for (guint i = 0; pdfo_is(fonts, PDFO_DICT) && i < fonts->u.items->len; i += 2) {
		const struct pdfo *ref = g_ptr_array_index(fonts->u.items, i + 1);
		int num = post_ref_num(ref);
		struct pdfo *fh, *f;

		if (num && g_hash_table_contains(pw->forms_done, GINT_TO_POINTER(-num)))
			continue;
		g_hash_table_add(pw->forms_done, GINT_TO_POINTER(-num));
		f = pdf_doc_resolve(s->doc, (struct pdfo *)ref, &fh);
		if (pdfo_is(f, PDFO_DICT) && !font_embedded(s, f)) {
			const struct pdfo *base = pdfo_get(f, "BaseFont");

			post_fail(s, "PDF/X-4 needs every font embedded, and %s on page %u is not",
				  pdfo_is(base, PDFO_NAME) ? base->u.text : "a font", number);
		}
		pdfo_free(fh);
	}
	pdfo_free(held);
}

/* fn on each XObject of res's /XObject dictionary: its name (no slash), number and stream dictionary. */
typedef void (*xobject_fn)(const char *name, int num, struct pdfo *dict, void *data);

static void each_xobject(struct post *s, const struct pdfo *res, xobject_fn fn, void *data)
{
	struct pdfo *held, *xo = pdf_doc_resolve(s->doc, pdfo_get(res, "XObject"), &held);

	for (guint i = 0; pdfo_is(xo, PDFO_DICT) && i < xo->u.items->len; i += 2) {
		int num = post_ref_num(g_ptr_array_index(xo->u.items, i + 1));
		struct pdfo *d = num ? pdf_doc_get(s->doc, num, NULL) : NULL;

		if (pdfo_is(d, PDFO_DICT))
			fn(g_ptr_array_index(xo->u.items, i), num, d, data);
		pdfo_free(d);
	}
	pdfo_free(held);
}

static void check_resources(struct page_work *pw, const struct pdfo *res, int depth, guint number);

struct resource_walk {
	struct page_work *pw;
	struct post *s;
	int depth;
	guint number;
};

static void check_xobject(const char *name, int num, struct pdfo *d, void *data)
{
	const struct resource_walk *w = data;
	struct post *s = w->pw->s;
	const struct pdfo *sub = pdfo_get(d, "Subtype");

	if (pdfo_is_name(sub, "Form")) {
		struct pdfo *held, *r = pdf_doc_resolve(s->doc, pdfo_get(d, "Resources"), &held);

		check_resources(w->pw, r, w->depth + 1, w->number);
		pdfo_free(held);
	} else if (pdfo_is_name(sub, "Image")) {
		struct pdfo *held, *cs = pdf_doc_resolve(s->doc, pdfo_get(d, "ColorSpace"), &held);

		if (!s->cmyk_intent && is_cmyk(s, cs))
			post_fail(s, "a CMYK picture on page %u cannot go into a PDF/X-4 whose output "
				  "intent is RGB; convert it to RGB", w->number);
		pdfo_free(held);
	}
}

/* Fonts and pictures of a page's resources and of the forms they draw. */
static void check_resources(struct page_work *pw, const struct pdfo *res, int depth, guint number)
{
	struct resource_walk w = { .pw = pw, .depth = depth, .number = number };

	if (!pdfo_is(res, PDFO_DICT) || depth > 8)
		return;
	check_fonts(pw, res, number);
	each_xobject(pw->s, res, check_xobject, &w);
}

static bool default_rgb(struct post *s, struct pdfo *res, int depth);

/* A form's resources get the DefaultRGB too, in its dictionary or their own object. */
static void default_rgb_form(const char *name, int num, struct pdfo *d, void *data)
{
	const struct resource_walk *w = data;
	struct post *s = w->s;
	const struct pdfo *r = pdfo_get(d, "Resources");

	if (!pdfo_is_name(pdfo_get(d, "Subtype"), "Form"))
		return;
	if (pdfo_is(r, PDFO_REF)) {
		struct pdfo *own = pdf_doc_get(s->doc, r->u.ref.num, NULL);

		if (default_rgb(s, own, w->depth + 1))
			pdf_doc_put(s->doc, r->u.ref.num, own);
		else
			pdfo_free(own);
	} else if (default_rgb(s, (struct pdfo *)r, w->depth + 1)) {
		pdf_doc_put(s->doc, num, pdfo_copy(d));
	}
}

/* DeviceRGB drawing on a page (and in its forms) is sRGB when the output intent is CMYK: true when res changed. */
static bool default_rgb(struct post *s, struct pdfo *res, int depth)
{
	struct resource_walk w = { .s = s, .depth = depth };

	if (!s->default_rgb || !pdfo_is(res, PDFO_DICT) || depth > 8)
		return false;
	pdfo_set(post_own_dict(s, res, "ColorSpace"), "DefaultRGB", pdfo_copy(s->default_rgb));
	each_xobject(s, res, default_rgb_form, &w);
	return true;
}

/* ---- pages ---- */

/*
 * A page's new content stream: prepared here, its content rewritten and compressed on a
 * worker, written here in page order.
 */
struct page_stream {
	struct post *s;		/* read only on the worker: the MCIDs the tree holds */
	int target;		/* the page's content stream's object */
	guint page;
	char what[32];		/* "page N", for messages */
	unsigned char *raw;	/* the content Cairo wrote, or NULL when unreadable */
	size_t raw_len;
	bool raw_owned;		/* raw is g_malloc'd (else the input's) */
	struct pdfo *resources;	/* the page's (a copy) */
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
	if (ps->raw_owned)
		g_free(ps->raw);
	pdfo_free(ps->resources);
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

/* Asked only with a structure tree (page_stream_work). */
static const char *page_mcid_held(void *data, long mcid)
{
	struct page_stream *ps = data;

	return post_mcid_held(ps->s, ps->page, mcid);
}

static void page_stream_work(gpointer job, gpointer unused)
{
	struct page_stream *ps = job;
	GByteArray *out = g_byte_array_sized_new((guint)MIN(ps->raw_len + ps->raw_len / 8 + 64, G_MAXUINT));

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
		ps->z = pdf_doc_deflate(out->data, out->len, &ps->zlen);
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
	struct page_work pw = { s, ps->resources, run->forms_done, st };

	st->ops += ps->st.ops;
	st->artifacts += ps->st.artifacts;
	st->mcids += ps->st.mcids;
	st->tagged_forms += ps->st.tagged_forms;
	st->orphans += ps->st.orphans;
	st->actual += ps->st.actual;
	/* The forms the page draws are worked on here, in page order, as they were met. */
	for (guint i = 0; ps->asked && i < ps->asked->len; i++) {
		const char *name = g_ptr_array_index(ps->asked, i);

		work_on_form(&pw, xobject_num(s, ps->resources, name, strlen(name)));
	}
	if (ps->error)
		post_fail(s, "%s: %s", ps->what, ps->error);
	if (!s->failed)
		pdf_doc_put_stream(s->doc, ps->target, pdfo_dict(), ps->data->data, ps->data->len, ps->z, ps->zlen);
	page_stream_free(ps);
}

struct form_names {
	struct post *s;
	GHashTable *names;	/* or NULL */
};

static void note_tagged_form(const char *name, int num, struct pdfo *d, void *data)
{
	struct form_names *f = data;

	if (!tagged_form(f->s, num, d))
		return;
	if (!f->names)
		f->names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_hash_table_add(f->names, g_strdup(name));
}

/* The names of the page's forms holding MCIDs (worked on when the page is stored), or NULL. */
static GHashTable *tagged_forms(struct post *s, const struct pdfo *res)
{
	struct form_names f = { s, NULL };

	each_xobject(s, res, note_tagged_form, &f);
	return f.names;
}

/* The page's content as one buffer: its stream, or its streams one after another. */
static bool page_content(struct post *s, const struct pdfo *contents, struct page_stream *ps)
{
	char *error = NULL;

	if (pdfo_is(contents, PDFO_REF)) {
		bool owned = false;
		const unsigned char *data = pdf_doc_stream_data(s->doc, contents->u.ref.num, &ps->raw_len, &owned, &error);

		ps->raw = (unsigned char *)data;
		ps->raw_owned = owned;
		ps->target = contents->u.ref.num;
	} else if (pdfo_is(contents, PDFO_ARRAY)) {
		GByteArray *all = g_byte_array_new();

		for (guint i = 0; i < pdfo_len(contents) && !error; i++) {
			int num = post_ref_num(pdfo_at(contents, i));
			size_t len = 0;
			bool owned = false;
			const unsigned char *data = pdf_doc_stream_data(s->doc, num, &len, &owned, &error);

			if (data) {
				g_byte_array_append(all, data, (guint)len);
				g_byte_array_append(all, (const guint8 *)"\n", 1);
			}
			if (owned)
				g_free((void *)data);
			if (data)
				pdf_doc_drop(s->doc, num);
		}
		ps->raw_len = all->len;
		ps->raw = g_byte_array_free(all, FALSE);
		ps->raw_owned = true;
		ps->target = 0;
	} else {
		ps->raw = (unsigned char *)"";
		ps->raw_len = 0;
		ps->target = 0;
	}
	if (error) {
		post_fail(s, "%s: %s", ps->what, error);
		g_free(error);
		return false;
	}
	return true;
}

/* Page i worked on; its content goes to a worker (not when the pass failed). */
static void one_page(struct post *s, guint i, GHashTable *forms_done, struct content_stats *st, struct parallel *workers)
{
	const struct pdf_post *p = s->p;
	int num = g_array_index(s->pages, int, i), res_num;
	struct pdfo *page = pdf_doc_get(s->doc, num, NULL), *res, *held;
	struct page_stream *ps = g_new0(struct page_stream, 1);
	struct page_work pw = { s, NULL, forms_done, st };
	double mb[4];

	ps->s = s;
	ps->page = i;
	snprintf(ps->what, sizeof ps->what, "page %u", i + 1);
	/* The resources: the page's own dictionary, or an object of their own (changed there). */
	res_num = post_ref_num(pdfo_get(page, "Resources"));
	res = res_num ? pdf_doc_get(s->doc, res_num, NULL) : pdfo_get(page, "Resources");
	pw.resources = res;
	{
		struct pdfo *annots = pdf_doc_resolve(s->doc, pdfo_get(page, "Annots"), &held);

		if (pdfo_len(annots) > 0)
			pdfo_set_parsed(page, "Tabs", "/S");
		pdfo_free(held);
	}
	if (p->x4)
		check_resources(&pw, res, 0, i + 1);
	default_rgb(s, res, 0);
	if (page_content(s, pdfo_get(page, "Contents"), ps) && s->has_tree)
		ps->forms = tagged_forms(s, res);
	if (p->boxes && post_read_box(page, "MediaBox", mb)) {
		double o = p->bleed + p->slug, t[4] = { mb[0] + o, mb[1] + o, mb[2] - o, mb[3] - o };

		set_box(page, "TrimBox", t[0], t[1], t[2], t[3]);
		set_box(page, "BleedBox", t[0] - p->bleed, t[1] - p->bleed, t[2] + p->bleed, t[3] + p->bleed);
		if (p->marks && p->slug > 0 && pdfo_is(res, PDFO_DICT)) {
			/* Registration colour: every separation at once; its alternate follows the intent. */
			pdfo_set_parsed(post_own_dict(s, res, "ColorSpace"), "CSall", s->cmyk_intent
				? "[/Separation /All /DeviceCMYK << /FunctionType 2 /Domain [0 1] /C0 [0 0 0 0] /C1 [1 1 1 1] /N 1 >>]"
				: "[/Separation /All /DeviceRGB << /FunctionType 2 /Domain [0 1] /C0 [1 1 1] /C1 [0 0 0] /N 1 >>]");
			ps->marks = g_string_new(NULL);
			marks(ps->marks, t, p->bleed, p->slug, p->marks);
		}
	} else if (p->boxes) {
		post_fail(s, "%s has no MediaBox of its own", ps->what);
	}
	if (!ps->target) {
		ps->target = pdf_doc_new_number(s->doc);
		pdfo_set(page, "Contents", pdfo_ref(ps->target));
	}
	ps->resources = pdfo_copy(res);
	if (res_num)
		pdf_doc_put(s->doc, res_num, res);
	pdf_doc_put(s->doc, num, page);
	if (!s->failed)
		parallel_push(workers, ps);
	else
		page_stream_free(ps);
}

bool post_pages(struct post *s)
{
	struct pages_run run = { .forms_done = g_hash_table_new(NULL, NULL) };
	/* Rewriting and compressing the pages' streams again is much of this pass: it runs on every core. */
	struct parallel *workers = parallel_start(parallel_threads() * 4, page_stream_work, page_stream_store, &run);

	for (guint i = 0; i < s->pages->len && !s->failed; i++)
		one_page(s, i, run.forms_done, &run.st, workers);
	parallel_end(workers);
	g_hash_table_destroy(run.forms_done);
	s->artifacts = run.st.artifacts;
	s->orphans = run.st.orphans;
	return !s->failed;
}
