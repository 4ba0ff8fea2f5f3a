/* epub.c - writes the EPUB 3 package: OPF, navigation, pages and images, byte for byte reproducible. */
#include "format/epub/epub.h"

#include <string.h>
#include <zip.h>

#include "base/diag.h"
#include "base/langtag.h"
#include "base/parallel.h"
#include "base/xmlesc.h"
#include "format/epub/cover_png.h"
#include "format/epub/fontsubset.h"
#include "format/epub/fontuse.h"
#include "format/epub/vertical.h"
#include "format/epub/xhtml.h"
#include "format/epub/zipdeflate.h"
#include "format/epub/zipout.h"
#include "html/cssclean.h"
#include "html/sanitize.h"
#include "text/l10n.h"
#include "text/alttext.h"

#define OPF_DIR "EPUB/"
#define FONTS_PAGE "fonts.xhtml"	/* the embedded fonts' notices and licence */
#define DEFLATE_LEVEL 6		/* libdeflate's: on Chinese XHTML 0.5% smaller than zlib's 6, in 45% of its time */

/* One page of the book as it goes into the package. */
struct page {
	char *id;		/* manifest id */
	char *href;		/* relative to the OPF */
	struct deflated *packed;	/* its XHTML, compressed (NULL once handed to libzip, or if zlib failed) */
	unsigned found;		/* SANITIZE_SVG | SANITIZE_MATHML */
	bool nav;		/* the navigation document */
	bool linear;
};

struct pack {
	const struct book *b;
	const struct export *x;
	const struct resource *cover;	/* the cover image: --cover's, or drawn_cover; NULL for none */
	struct resource drawn_cover;	/* the drawn cover's entry, when the book has no --cover */
	struct cover_png *png;		/* its bytes, being encoded */
	zip_t *zip;
	const char *path;	/* for messages */
	zip_uint16_t dos_time, dos_date;
	GPtrArray *buffers;	/* GString * kept alive until zip_close */
	GPtrArray *pages;	/* struct page *, in spine order */
	bool vertical;		/* --writing-mode vertical-rl */
	struct font_use *use;	/* --embed-fonts: the characters each font stack sets; else NULL */
	GPtrArray *fonts;	/* struct embedded_font *: the subsets packed (empty without --embed-fonts) */
	bool failed;
};

static void page_free(gpointer data)
{
	struct page *p = data;

	g_free(p->id);
	g_free(p->href);
	deflated_free(p->packed);
	g_free(p);
}

/* Element <name attrs>text</name> on a line of its own. */
static void put_element(GString *out, const char *name, const char *attrs, const char *text)
{
	g_string_append_printf(out, "<%s%s>", name, attrs ? attrs : "");
	xml_escape(out, text, -1);
	g_string_append_printf(out, "</%s>\n", name);
}

/* The same for text a reader reads, as a vertical page in lang sets it when vlang is lang (else NULL). */
static void put_prose(GString *out, const char *name, const char *attrs, const char *text, const char *vlang,
		      double cjk_space)
{
	g_string_append_printf(out, "<%s%s>", name, attrs ? attrs : "");
	xhtml_text(out, text, vlang, cjk_space);
	g_string_append_printf(out, "</%s>\n", name);
}

/* The language a book-wide page is set vertically in, or NULL when it is horizontal. */
static const char *vertical_page_lang(const struct book *b, bool vertical)
{
	return vertical && vertical_lang(b->lang) ? b->lang : NULL;
}

/* MS-DOS time and date of t (UTC), clamped to what the format can hold. */
static void dos_time(gint64 t, zip_uint16_t *time, zip_uint16_t *date)
{
	GDateTime *d;
	int y;

	if (t < 315532800)	/* 1980-01-01 */
		t = 315532800;
	if (t > 4354819198LL)	/* 2107-12-31 */
		t = 4354819198LL;
	d = g_date_time_new_from_unix_utc(t);
	y = g_date_time_get_year(d);
	*time = (zip_uint16_t)((g_date_time_get_hour(d) << 11) | (g_date_time_get_minute(d) << 5)
			       | (g_date_time_get_second(d) / 2));
	*date = (zip_uint16_t)(((y - 1980) << 9) | (g_date_time_get_month(d) << 5) | g_date_time_get_day_of_month(d));
	g_date_time_unref(d);
}

/* Add an entry with fixed time and attributes: the same book always gives the same bytes. */
static void add_source(struct pack *p, const char *name, zip_source_t *src, bool compress)
{
	zip_int64_t i;

	if (p->failed) {
		zip_source_free(src);
		return;
	}
	i = zip_file_add(p->zip, name, src, ZIP_FL_ENC_UTF_8);
	if (i < 0) {
		zip_source_free(src);
		diag_error(p->path, 0, "cannot add %s to the EPUB: %s", name, zip_strerror(p->zip));
		p->failed = true;
		return;
	}
	if (zip_set_file_compression(p->zip, (zip_uint64_t)i, compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE,
				     compress ? DEFLATE_LEVEL : 0) < 0
	    || zip_file_set_dostime(p->zip, (zip_uint64_t)i, p->dos_time, p->dos_date, 0) < 0
	    || zip_file_set_external_attributes(p->zip, (zip_uint64_t)i, 0, ZIP_OPSYS_UNIX, 0100644u << 16) < 0) {
		diag_error(p->path, 0, "cannot add %s to the EPUB: %s", name, zip_strerror(p->zip));
		p->failed = true;
	}
}

/* Text compressed for the archive (on any thread: pages are compressed where they are rendered). */
static struct deflated *pack_text(GString *text)
{
	struct deflated *d = deflated_new(text->str, text->len, DEFLATE_LEVEL);

	g_string_free(text, TRUE);
	return d;
}

/* Add compressed text; the archive owns it from then on. */
static void add_packed(struct pack *p, const char *name, struct deflated *packed)
{
	zip_source_t *src = packed && !p->failed ? deflated_source(p->zip, packed) : NULL;

	if (!src) {
		if (!p->failed)
			diag_error(p->path, 0, "cannot add %s to the EPUB: %s", name,
				   packed ? zip_strerror(p->zip) : "out of memory compressing it");
		else
			deflated_free(packed);
		p->failed = true;
		return;
	}
	add_source(p, name, src, true);
}

/* Add text, compressed or (the mimetype) stored; the pack keeps it until the archive is written. */
static void add_text(struct pack *p, const char *name, GString *text, bool compress)
{
	zip_source_t *src;

	if (compress) {
		add_packed(p, name, pack_text(text));
		return;
	}
	g_ptr_array_add(p->buffers, text);
	src = zip_source_buffer(p->zip, text->str, text->len, 0);
	if (!src) {
		diag_error(p->path, 0, "cannot add %s to the EPUB: %s", name, zip_strerror(p->zip));
		p->failed = true;
		return;
	}
	add_source(p, name, src, compress);
}

static GString *container_xml(void)
{
	return g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
			    "<rootfiles>\n<rootfile full-path=\"" OPF_DIR "package.opf\" "
			    "media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n");
}

static const char *book_lang(const struct book *b)
{
	return xhtml_lang(b->lang);
}

/* ---- pages folio writes itself ------------------------------------------- */

static GString *cover_page(const struct book *b, const struct resource *cover, bool vertical)
{
	GString *out = g_string_new(NULL);

	xhtml_begin(out, book_lang(b), l10n_label(b->lang, L_COVER), "cover", vertical_page_lang(b, vertical) != NULL);
	g_string_append(out, "<section class=\"cover\" epub:type=\"cover\">\n<img");
	xml_attr(out, "src", cover->href);
	xml_attr(out, "alt", xhtml_title(b->title));
	g_string_append(out, "/>\n</section>\n");
	xhtml_end(out);
	return out;
}

static GString *title_page(const struct book *b, bool fonts, bool vertical)
{
	GString *out = g_string_new(NULL);
	const char *lang = book_lang(b), *v = vertical_page_lang(b, vertical);

	xhtml_begin(out, lang, b->title, "title-page", v != NULL);
	g_string_append(out, "<section class=\"title-page\" epub:type=\"titlepage\">\n");
	put_prose(out, "h1", " class=\"book-title\"", xhtml_title(b->title), v, b->cjk_latin_space);
	if (b->subtitle && *b->subtitle)
		put_prose(out, "p", " class=\"subtitle\"", b->subtitle, v, b->cjk_latin_space);
	if (b->author && *b->author)
		put_prose(out, "p", " class=\"author\"", b->author, v, b->cjk_latin_space);
	if (b->first.valid) {
		GString *d = g_string_new(NULL);

		l10n_date_range(d, &b->first, &b->last, lang);
		put_prose(out, "p", " class=\"dates\"", d->str, v, b->cjk_latin_space);
		g_string_free(d, TRUE);
	}
	{
		GString *count = g_string_new(NULL);

		l10n_article_count(count, lang, b->articles->len);
		put_prose(out, "p", " class=\"count\"", count->str, v, b->cjk_latin_space);
		g_string_free(count, TRUE);
	}
	if (b->description && *b->description)
		put_prose(out, "p", " class=\"description\"", b->description, v, b->cjk_latin_space);
	if (b->publisher && *b->publisher)
		put_prose(out, "p", " class=\"publisher\"", b->publisher, v, b->cjk_latin_space);
	if (fonts) {
		g_string_append(out, "<p class=\"fonts\"><a href=\"" FONTS_PAGE "\">");
		xml_escape(out, l10n_label(lang, L_FONT_LICENCE), -1);
		g_string_append(out, "</a></p>\n");
	}
	g_string_append(out, "</section>\n");
	xhtml_end(out);
	return out;
}

/*
 * What the SIL Open Font License asks of a book that carries its fonts: each font's copyright
 * notice and the licence with it, where a reader can see them. The subsets are Modified Versions
 * and keep the fonts' names, which the Noto fonts' licences allow (their Reserved Font Name,
 * "Source", is not among them).
 */
static GString *fonts_page(const struct pack *p, const char *ofl)
{
	GString *out = g_string_new(NULL), *s = g_string_new(NULL);
	const char *lang = p->b->lang, *title = l10n_label(lang, L_FONT_LICENCE);

	/* In the book's language, as the title page's link to it; the licence itself is English. */
	xhtml_begin(out, lang, title, "fonts", false);
	g_string_append(out, "<section class=\"fonts-licence\">\n<h1>");
	xml_escape(out, title, -1);
	g_string_append(out, "</h1>\n<p>");
	xml_escape(out, l10n_label(lang, L_FONTS_NOTE), -1);
	g_string_append(out, "</p>\n<ul>\n");
	for (guint i = 0; i < p->fonts->len; i++) {
		const struct embedded_font *e = g_ptr_array_index(p->fonts, i);

		g_string_append(out, "<li><strong>");
		xml_escape(out, e->family, -1);
		g_string_append_printf(out, " %s%s</strong>", e->weight == 700 ? "Bold" : e->italic ? "" : "Regular",
				       e->italic ? "Italic" : "");
		g_string_truncate(s, 0);
		l10n_font_subset(s, lang, e->href, e->chars, e->source, e->face);
		xml_escape(out, s->str, -1);
		if (e->copyright) {
			/* The font's own notice, in English (after "）。" no space) */
			g_string_append_printf(out, "%s<span lang=\"en\" xml:lang=\"en\">",
					       g_str_has_suffix(s->str, "。") ? "" : " ");
			xml_escape(out, e->copyright, -1);
			g_string_append(out, "</span>");
		}
		if (e->licence_url) {
			g_string_assign(s, " ");
			l10n_lead(s, lang, L_LICENCE);
			g_string_append(s, e->licence_url);
			xml_escape(out, s->str, -1);
		}
		g_string_append(out, "</li>\n");
	}
	g_string_free(s, TRUE);
	g_string_append(out, "</ul>\n<pre class=\"licence\" lang=\"en\" xml:lang=\"en\">");
	xml_escape(out, ofl, -1);
	g_string_append(out, "</pre>\n</section>\n");
	xhtml_end(out);
	return out;
}

/* ---- navigation ---------------------------------------------------------- */

static void nav_link(GString *out, const char *href, const char *anchor, const char *text, const char *vlang,
		     double cjk_space)
{
	g_string_append(out, "<a href=\"");
	xml_escape(out, href, -1);
	if (anchor) {
		g_string_append_c(out, '#');
		xml_escape(out, anchor, -1);
	}
	g_string_append(out, "\">");
	xhtml_text(out, text && *text ? text : "…", vlang, cjk_space);
	g_string_append(out, "</a>");
}

/* The article and its headings of the highest level it uses (a collection's contents stay short). */
static void nav_article(GString *out, const struct book *b, const struct article *a, bool vertical)
{
	/* On a vertical contents page a title is set as a vertical page in its language sets it: a Chinese
	   one gets its corner brackets, an English one its ® on its side. */
	const char *vlang = vertical ? (a->lang ? a->lang : "und") : NULL;
	char *href = xhtml_file_name(a);
	int top = 7;
	bool any = false;

	for (guint i = 0; i < a->headings->len; i++) {
		const struct heading *h = g_ptr_array_index(a->headings, i);

		if (*h->text && h->level < top)
			top = h->level;
	}
	/* In its own language when it is not the book's: a reader sets a Hong Kong title's stops centred,
	   and reads an English one aloud as English. */
	if (strcmp(xhtml_lang(a->lang), "und") && strcmp(xhtml_lang(a->lang), xhtml_lang(b->lang))) {
		g_string_append(out, "<li");
		xml_attr(out, "lang", xhtml_lang(a->lang));
		xml_attr(out, "xml:lang", xhtml_lang(a->lang));
		if (langtag_is_rtl(a->lang) != langtag_is_rtl(b->lang))
			xml_attr(out, "dir", langtag_is_rtl(a->lang) ? "rtl" : "ltr");
		g_string_append(out, ">");
	} else {
		g_string_append(out, "<li>");
	}
	nav_link(out, href, NULL, a->title, vlang, b->cjk_latin_space);
	for (guint i = 0; i < a->headings->len; i++) {
		const struct heading *h = g_ptr_array_index(a->headings, i);

		if (!*h->text || h->level != top)
			continue;
		g_string_append(out, any ? "<li>" : "\n<ol>\n<li>");
		nav_link(out, href, h->anchor, h->text, vlang, b->cjk_latin_space);
		g_string_append(out, "</li>\n");
		any = true;
	}
	if (any)
		g_string_append(out, "</ol>\n");
	g_string_append(out, "</li>\n");
	g_free(href);
}

/* The part an article opens, if it is the first of one. */
static const struct part *part_opened_by(const struct book *b, const struct article *a)
{
	for (guint i = 0; i < b->parts->len; i++) {
		const struct part *p = g_ptr_array_index(b->parts, i);

		if (p->articles->len && g_ptr_array_index(p->articles, 0) == a)
			return p;
	}
	return NULL;
}

static const struct part *part_of(const struct book *b, const struct article *a)
{
	for (guint i = 0; i < b->parts->len; i++) {
		const struct part *p = g_ptr_array_index(b->parts, i);

		for (guint j = 0; j < p->articles->len; j++)
			if (g_ptr_array_index(p->articles, j) == a)
				return p;
	}
	return NULL;
}

static GString *nav_page(const struct book *b, bool cover, bool vertical)
{
	const char *v = vertical_page_lang(b, vertical);
	GString *out = g_string_new(NULL);
	const char *lang = book_lang(b);
	const struct part *current = NULL;

	xhtml_begin(out, lang, l10n_label(lang, L_CONTENTS), "nav", v != NULL);
	g_string_append(out, "<nav epub:type=\"toc\" role=\"doc-toc\" id=\"toc\">\n");
	put_element(out, "h1", NULL, l10n_label(lang, L_CONTENTS));
	g_string_append(out, "<ol>\n");
	if (!b->articles->len) {
		g_string_append(out, "<li>");
		nav_link(out, "title.xhtml", NULL, b->title, v, b->cjk_latin_space);
		g_string_append(out, "</li>\n");
	}
	for (guint i = 0; i < b->articles->len; i++) {
		const struct article *a = g_ptr_array_index(b->articles, i);
		const struct part *opened = part_opened_by(b, a), *in = part_of(b, a);

		if (current && in != current) {
			g_string_append(out, "</ol>\n</li>\n");
			current = NULL;
		}
		if (opened) {
			char *href = g_strdup_printf("%s.xhtml", opened->id);

			g_string_append(out, "<li>");
			nav_link(out, href, NULL, opened->title, v, b->cjk_latin_space);
			g_string_append(out, "\n<ol>\n");
			current = opened;
			g_free(href);
		}
		nav_article(out, b, a, v != NULL);
	}
	if (current)
		g_string_append(out, "</ol>\n</li>\n");
	g_string_append(out, "</ol>\n</nav>\n");
	g_string_append(out, "<nav epub:type=\"landmarks\" hidden=\"hidden\">\n");
	put_element(out, "h2", NULL, l10n_label(lang, L_LANDMARKS));
	g_string_append(out, "<ol>\n");
	if (cover)
		g_string_append_printf(out, "<li><a epub:type=\"cover\" href=\"cover.xhtml\">%s</a></li>\n",
				       l10n_label(lang, L_COVER));
	g_string_append_printf(out, "<li><a epub:type=\"titlepage\" href=\"title.xhtml\">%s</a></li>\n",
			       l10n_label(lang, L_TITLE_PAGE));
	g_string_append_printf(out, "<li><a epub:type=\"toc\" href=\"nav.xhtml#toc\">%s</a></li>\n",
			       l10n_label(lang, L_CONTENTS));
	if (b->articles->len) {
		const struct article *first = g_ptr_array_index(b->articles, 0);
		const struct part *p = part_opened_by(b, first);

		g_string_append_printf(out, "<li><a epub:type=\"bodymatter\" href=\"%s.xhtml\">%s</a></li>\n",
				       p ? p->id : first->id, l10n_label(lang, L_START));
	}
	g_string_append(out, "</ol>\n</nav>\n");
	xhtml_end(out);
	return out;
}

static void ncx_point(GString *out, int *order, const char *text, const char *src)
{
	g_string_append_printf(out, "<navPoint id=\"np%d\" playOrder=\"%d\">\n<navLabel><text>", *order, *order);
	xml_escape(out, text && *text ? text : "…", -1);
	g_string_append(out, "</text></navLabel>\n<content src=\"");
	xml_escape(out, src, -1);
	g_string_append(out, "\"/>\n");
	(*order)++;
}

/* toc.ncx for EPUB 2 readers: parts and articles. */
static GString *ncx(const struct book *b)
{
	GString *out = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				    "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\"");
	const struct part *current = NULL;
	int order = 1;

	xml_attr(out, "xml:lang", book_lang(b));
	g_string_append(out, ">\n<head>\n<meta name=\"dtb:uid\"");
	xml_attr(out, "content", b->identifier);
	g_string_append_printf(out, "/>\n<meta name=\"dtb:depth\" content=\"%d\"/>\n"
				    "<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n"
				    "<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n<docTitle><text>",
			       b->parts->len ? 2 : 1);
	xml_escape(out, xhtml_title(b->title), -1);
	g_string_append(out, "</text></docTitle>\n<navMap>\n");
	if (!b->articles->len) {
		ncx_point(out, &order, b->title, "title.xhtml");
		g_string_append(out, "</navPoint>\n");
	}
	for (guint i = 0; i < b->articles->len; i++) {
		const struct article *a = g_ptr_array_index(b->articles, i);
		const struct part *opened = part_opened_by(b, a), *in = part_of(b, a);
		char *href = xhtml_file_name(a);

		if (current && in != current) {
			g_string_append(out, "</navPoint>\n");
			current = NULL;
		}
		if (opened) {
			char *phref = g_strdup_printf("%s.xhtml", opened->id);

			ncx_point(out, &order, opened->title, phref);
			current = opened;
			g_free(phref);
		}
		ncx_point(out, &order, a->title, href);
		g_string_append(out, "</navPoint>\n");
		g_free(href);
	}
	if (current)
		g_string_append(out, "</navPoint>\n");
	g_string_append(out, "</navMap>\n</ncx>\n");
	return out;
}

/* ---- the package document ------------------------------------------------ */

static void put_meta(GString *out, const char *property, const char *value)
{
	g_string_append(out, "<meta");
	xml_attr(out, "property", property);
	g_string_append_c(out, '>');
	xml_escape(out, value, -1);
	g_string_append(out, "</meta>\n");
}

/* Is the list (of char *) holding s already? */
static bool has_string(GPtrArray *list, const char *s)
{
	for (guint i = 0; i < list->len; i++)
		if (!strcmp(g_ptr_array_index(list, i), s))
			return true;
	return false;
}

/* What the accessibility metadata may honestly say about the images (a drawn cover is one). */
static void image_facts(const struct pack *p, bool *images, bool *all_alt, bool *animated)
{
	const struct book *b = p->b;

	*images = p->cover != NULL;
	*animated = false;
	*all_alt = true;
	for (guint i = 0; i < b->resources->len; i++) {
		const struct resource *r = g_ptr_array_index(b->resources, i);

		if (r->blank)
			continue;	/* not in the book */
		*images = true;
		if (!strcmp(r->media_type, "image/gif") || !strcmp(r->media_type, "image/webp"))
			*animated = true;
	}
	for (guint i = 0; i < b->articles->len; i++) {
		const struct article *a = g_ptr_array_index(b->articles, i);

		for (guint j = 0; j < a->images->len; j++) {
			const struct image *im = g_ptr_array_index(a->images, j);

			if (im->res && !im->res->blank && !alt_text_meaningful(im->alt))
				*all_alt = false;
		}
	}
}

static void accessibility_meta(GString *out, const struct pack *p, unsigned found)
{
	const struct book *b = p->b;
	bool images, all_alt, animated;

	image_facts(p, &images, &all_alt, &animated);
	put_meta(out, "schema:accessMode", "textual");
	if (images)
		put_meta(out, "schema:accessMode", "visual");
	if (!images || all_alt)
		put_meta(out, "schema:accessModeSufficient", "textual");
	if (images)
		put_meta(out, "schema:accessModeSufficient", "textual,visual");
	put_meta(out, "schema:accessibilityFeature", "structuralNavigation");
	put_meta(out, "schema:accessibilityFeature", "tableOfContents");
	put_meta(out, "schema:accessibilityFeature", "readingOrder");
	put_meta(out, "schema:accessibilityFeature", "displayTransformability");
	if (images && all_alt)
		put_meta(out, "schema:accessibilityFeature", "alternativeText");
	if (found & SANITIZE_MATHML)
		put_meta(out, "schema:accessibilityFeature", "MathML");
	if (animated) {
		put_meta(out, "schema:accessibilityHazard", "unknownFlashingHazard");
		put_meta(out, "schema:accessibilityHazard", "noSoundHazard");
		put_meta(out, "schema:accessibilityHazard", "noMotionSimulationHazard");
	} else {
		put_meta(out, "schema:accessibilityHazard", "none");
	}
	g_string_append(out, "<meta property=\"schema:accessibilitySummary\"");
	xml_attr(out, "xml:lang", book_lang(b));
	g_string_append_c(out, '>');
	xml_escape(out, l10n_label(b->lang, L_A11Y_SUMMARY), -1);
	g_string_append(out, "</meta>\n");
}

static GString *package_opf(struct pack *p, const char *css_href)
{
	const struct book *b = p->b;
	GString *out = g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
				    "unique-identifier=\"book-id\"");
	GPtrArray *langs = g_ptr_array_new(), *subjects = g_ptr_array_new();
	char *modified = date_format_utc(b->modified);
	unsigned found = 0;

	xml_attr(out, "xml:lang", book_lang(b));
	g_string_append(out, ">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
	put_element(out, "dc:identifier", " id=\"book-id\"", b->identifier);
	put_element(out, "dc:title", " id=\"title\"", xhtml_title(b->title));
	put_meta(out, "dcterms:modified", modified);
	if (b->subtitle && *b->subtitle) {
		put_element(out, "dc:title", " id=\"subtitle\"", b->subtitle);
		g_string_append(out, "<meta refines=\"#title\" property=\"title-type\">main</meta>\n"
				     "<meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n");
	}
	if (b->author && *b->author) {
		put_element(out, "dc:creator", " id=\"creator\"", b->author);
		g_string_append(out, "<meta refines=\"#creator\" property=\"role\" scheme=\"marc:relators\">aut</meta>\n");
	}
	g_ptr_array_add(langs, (char *)book_lang(b));
	for (guint i = 0; i < b->articles->len; i++) {
		const struct article *a = g_ptr_array_index(b->articles, i);
		GPtrArray *tags = a->fm.tags.items;

		if (a->lang && !has_string(langs, xhtml_lang(a->lang)))
			g_ptr_array_add(langs, (char *)xhtml_lang(a->lang));
		for (guint j = 0; j < tags->len; j++)
			if (*(char *)g_ptr_array_index(tags, j) && !has_string(subjects, g_ptr_array_index(tags, j)))
				g_ptr_array_add(subjects, g_ptr_array_index(tags, j));
	}
	for (guint i = 0; i < langs->len; i++)
		put_element(out, "dc:language", NULL, g_ptr_array_index(langs, i));
	put_element(out, "dc:date", NULL, modified);
	if (b->publisher && *b->publisher)
		put_element(out, "dc:publisher", NULL, b->publisher);
	if (b->description && *b->description)
		put_element(out, "dc:description", NULL, b->description);
	if (b->rights && *b->rights)
		put_element(out, "dc:rights", NULL, b->rights);
	for (guint i = 0; i < subjects->len; i++)
		put_element(out, "dc:subject", NULL, g_ptr_array_index(subjects, i));
	if (p->cover) {
		/* EPUB 2 readers find the cover through this */
		g_string_append(out, "<meta name=\"cover\"");
		xml_attr(out, "content", p->cover->id);
		g_string_append(out, "/>\n");
	}
	for (guint i = 0; i < p->pages->len; i++)
		found |= ((struct page *)g_ptr_array_index(p->pages, i))->found;
	accessibility_meta(out, p, found);
	if (p->vertical)	/* Kindle's own word for it (Kindle Publishing Guidelines) */
		g_string_append(out, "<meta name=\"primary-writing-mode\" content=\"vertical-rl\"/>\n");
	g_string_append(out, "</metadata>\n<manifest>\n"
			     "<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>\n");
	g_string_append(out, "<item id=\"css\"");
	xml_attr(out, "href", css_href);
	g_string_append(out, " media-type=\"text/css\"/>\n");
	for (guint i = 0; i < p->pages->len; i++) {
		const struct page *pg = g_ptr_array_index(p->pages, i);

		g_string_append(out, "<item");
		xml_attr(out, "id", pg->id);
		xml_attr(out, "href", pg->href);
		g_string_append(out, " media-type=\"application/xhtml+xml\"");
		if (pg->found || pg->nav)
			g_string_append_printf(out, " properties=\"%s%s%s\"", pg->found & SANITIZE_MATHML ? "mathml" : "",
					       pg->found == (SANITIZE_MATHML | SANITIZE_SVG) ? " " : "",
					       pg->found & SANITIZE_SVG ? "svg" : pg->nav ? "nav" : "");
		g_string_append(out, "/>\n");
	}
	for (guint i = 0; i < p->fonts->len; i++) {
		const struct embedded_font *e = g_ptr_array_index(p->fonts, i);
		char *id = g_strdup(e->href + strlen("fonts/"));

		*strrchr(id, '.') = '\0';
		g_string_append(out, "<item");
		xml_attr(out, "id", id);
		xml_attr(out, "href", e->href);
		xml_attr(out, "media-type", e->media_type);
		g_string_append(out, "/>\n");
		g_free(id);
	}
	for (guint i = 0; i <= b->resources->len; i++) {
		const struct resource *r = i < b->resources->len ? g_ptr_array_index(b->resources, i)
				       : p->cover == &p->drawn_cover ? p->cover : NULL;

		if (!r)
			break;
		if (r->blank && r != p->cover)
			continue;	/* a spacer no page shows: not packed */
		g_string_append(out, "<item");
		xml_attr(out, "id", r->id);
		xml_attr(out, "href", r->href);
		xml_attr(out, "media-type", r->media_type);
		if (r == p->cover)
			g_string_append(out, " properties=\"cover-image\"");
		g_string_append(out, "/>\n");
	}
	/* A vertical edition's pages turn from right to left, and so do a book's in Arabic, Persian, Hebrew ... */
	g_string_append(out, p->vertical || langtag_is_rtl(book_lang(p->b))
				     ? "</manifest>\n<spine toc=\"ncx\" page-progression-direction=\"rtl\">\n"
				     : "</manifest>\n<spine toc=\"ncx\">\n");
	for (guint i = 0; i < p->pages->len; i++) {
		const struct page *pg = g_ptr_array_index(p->pages, i);

		g_string_append(out, "<itemref");
		xml_attr(out, "idref", pg->id);
		g_string_append(out, pg->linear ? "/>\n" : " linear=\"no\"/>\n");
	}
	g_string_append(out, "</spine>\n</package>\n");
	g_ptr_array_free(langs, TRUE);
	g_ptr_array_free(subjects, TRUE);
	g_free(modified);
	return out;
}

/* ---- putting it together ------------------------------------------------- */

static void add_page(struct pack *p, const char *id, const char *href, struct deflated *packed, unsigned found)
{
	struct page *pg = g_new0(struct page, 1);

	pg->id = g_strdup(id);
	pg->href = g_strdup(href);
	pg->packed = packed;
	pg->found = found;
	pg->linear = true;
	g_ptr_array_add(p->pages, pg);
}

/* A template of datadir/templates, appended to css; false when it cannot be read (reported). */
static bool append_template(GString *css, const struct options *o, const char *name)
{
	char *path = g_build_filename(o->datadir ? o->datadir : ".", "templates", name, NULL);
	char *text = NULL;
	GError *err = NULL;
	bool ok = g_file_get_contents(path, &text, NULL, &err);

	if (!ok) {
		diag_error(path, 0, "cannot read the stylesheet: %s", err->message);
		g_error_free(err);
	} else {
		g_string_append_c(css, '\n');
		g_string_append(css, text);
	}
	g_free(text);
	g_free(path);
	return ok;
}

/* The stylesheet: --css FILE, else templates/epub.css; then the vertical edition's rules when it is one. */
static GString *stylesheet(const struct options *o)
{
	char *path = o->css ? g_strdup(o->css) : g_build_filename(o->datadir ? o->datadir : ".", "templates",
								 "epub.css", NULL);
	char *text = NULL;
	gsize len = 0;
	GError *err = NULL;
	GString *css = NULL;

	if (!g_file_get_contents(path, &text, &len, &err)) {
		diag_error(path, 0, "cannot read the stylesheet: %s", err->message);
		g_error_free(err);
	} else if (!g_utf8_validate(text, (gssize)len, NULL)) {
		diag_error(path, 0, "the stylesheet is not UTF-8 text");
	} else if (o->css) {
		/* The user's: what a book may hold of it (the shipped one is). */
		char *clean = cssclean(text, path);

		css = g_string_new(clean);
		g_free(clean);
	} else {
		css = g_string_new_len(text, (gssize)len);
	}
	g_free(text);
	g_free(path);
	if (css && o->writing == WRITING_VERTICAL_RL && !append_template(css, o, "epub-vertical.css")) {
		g_string_free(css, TRUE);
		css = NULL;
	}
	return css;
}

/* An article's page, and the page of the part it opens, rendered on a worker thread. */
struct page_job {
	const struct book *b;
	const struct article *a;
	const struct part *part;	/* the part this article opens, or NULL */
	struct deflated *part_packed, *packed;
	unsigned part_found, found;
	guint number;		/* 1 for the first article: progress */
	struct font_use *use;	/* the pages' characters, with --embed-fonts */
	bool vertical;		/* a vertical edition */
};

/* A page's characters counted for the fonts to embed (when they are), then the page compressed. */
static struct deflated *pack_page(struct font_use *use, GString *page)
{
	if (use)
		font_use_page(use, page->str, page->len);
	return pack_text(page);
}

static void render_article_pages(gpointer data, gpointer unused)
{
	struct page_job *j = data;

	if (j->part)
		j->part_packed = pack_page(j->use, xhtml_part_in(j->b, j->part, j->vertical, &j->part_found));
	j->packed = pack_page(j->use, xhtml_article_in(j->b, j->a, j->vertical, &j->found));
}

static void take_article_pages(gpointer data, gpointer user)
{
	struct page_job *j = data;
	struct pack *p = user;
	char *href;

	if (j->part) {
		href = g_strdup_printf("%s.xhtml", j->part->id);
		add_page(p, j->part->id, href, j->part_packed, j->part_found);
		g_free(href);
	}
	href = xhtml_file_name(j->a);
	add_page(p, j->a->id, href, j->packed, j->found);
	g_free(href);
	if (j->use) {
		font_use_merge(p->use, j->use);
		font_use_free(j->use);
	}
	diag_progress_step(j->number);
}

/* Render every page before anything is packed: the OPF must know what they hold. */
static void render_pages(struct pack *p)
{
	const struct book *b = p->b;
	struct page_job *jobs;
	gpointer *order;

	if (p->cover)
		add_page(p, "cover", "cover.xhtml", pack_page(p->use, cover_page(b, p->cover, p->vertical)), 0);
	add_page(p, "title-page", "title.xhtml", pack_page(p->use, title_page(b, false, p->vertical)), 0);
	add_page(p, "nav", "nav.xhtml", pack_page(p->use, nav_page(b, p->cover != NULL, p->vertical)), 0);
	((struct page *)g_ptr_array_index(p->pages, p->pages->len - 1))->nav = true;
	diag_progress_begin("writing EPUB", b->articles->len);
	jobs = g_new0(struct page_job, b->articles->len ? b->articles->len : 1);
	order = g_new(gpointer, b->articles->len ? b->articles->len : 1);
	for (guint i = 0; i < b->articles->len; i++) {
		jobs[i].b = b;
		jobs[i].a = g_ptr_array_index(b->articles, i);
		jobs[i].part = part_opened_by(b, jobs[i].a);
		jobs[i].number = i + 1;
		jobs[i].use = p->use ? font_use_new() : NULL;
		jobs[i].vertical = p->vertical;
		order[i] = &jobs[i];
	}
	parallel_in_order(order, b->articles->len, render_article_pages, take_article_pages, p);
	diag_progress_end();
	g_free(order);
	g_free(jobs);
}

/*
 * --embed-fonts: subsets of the faces the pages are set in, the title page again with a link to
 * their licence, and that licence's page (out of the reading order). The font subsets and the
 * display options Apple Books needs to use them are added when the package is written.
 */
static void embed_fonts(struct pack *p, GString *css)
{
	const struct options *o = p->x->opts;
	char *ofl_path = g_build_filename(o->datadir ? o->datadir : ".", "fonts", "OFL.txt", NULL);
	char *ofl = NULL;
	GError *err = NULL;

	if (!g_file_get_contents(ofl_path, &ofl, NULL, &err)) {
		/* Without the licence the fonts may not go with the book. */
		diag_warn(ofl_path, 0, "cannot read the fonts' licence (%s): no fonts are embedded", err->message);
		g_error_free(err);
		g_free(ofl_path);
		return;
	}
	g_free(ofl_path);
	{
		/* The title page's link, set like the rest of the title page (sans-serif). */
		GString *probe = title_page(p->b, true, p->vertical);

		font_use_page(p->use, probe->str, probe->len);
		g_string_free(probe, TRUE);
	}
	/*
	 * The fonts page is set in the book's fonts too, and names what the subsets hold: cut, write
	 * the page, add its characters, and cut again until it adds nothing new (its counts change
	 * only digits, so twice or three times).
	 */
	g_ptr_array_free(p->fonts, TRUE);
	p->fonts = fontsubset_make(p->use, o->datadir);
	for (int round = 0; round < 4 && p->fonts->len; round++) {
		size_t before = font_use_count(p->use);
		GString *page = fonts_page(p, ofl);

		font_use_page(p->use, page->str, page->len);
		g_string_free(page, TRUE);
		if (font_use_count(p->use) == before)
			break;
		g_ptr_array_free(p->fonts, TRUE);
		p->fonts = fontsubset_make(p->use, o->datadir);
	}
	if (p->fonts->len) {
		for (guint i = 0; i < p->pages->len; i++) {
			struct page *pg = g_ptr_array_index(p->pages, i);

			if (!strcmp(pg->id, "title-page")) {
				deflated_free(pg->packed);
				pg->packed = pack_text(title_page(p->b, true, p->vertical));
			}
		}
		add_page(p, "fonts", FONTS_PAGE, pack_text(fonts_page(p, ofl)), 0);
		((struct page *)g_ptr_array_index(p->pages, p->pages->len - 1))->linear = false;
		fontsubset_css(css, p->fonts);
	}
	g_free(ofl);
}

/* Apple Books uses a book's own fonts only when told to (its display options). */
static GString *apple_display_options(void)
{
	return g_string_new("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<display_options>\n<platform name=\"*\">\n"
			    "<option name=\"specified-fonts\">true</option>\n</platform>\n</display_options>\n");
}

bool epub_write(const struct export *x, struct outfile *out)
{
	const struct book *b = x->book;
	struct pack p = { .b = b, .x = x, .path = out->path, .cover = b->cover_res };
	GString *css = stylesheet(x->opts);
	GBytes *png = NULL;
	int err = 0;

	if (!css)
		return false;
	p.zip = zipout_open(out->fp, &err);
	if (!p.zip) {
		zip_error_t ze;

		zip_error_init_with_code(&ze, err);
		diag_error(out->path, 0, "cannot write the EPUB: %s", zip_error_strerror(&ze));
		zip_error_fini(&ze);
		g_string_free(css, TRUE);
		return false;
	}
	dos_time(b->modified, &p.dos_time, &p.dos_date);
	if (b->cover_drawn) {
		cover_png_resource(&p.drawn_cover);
		p.cover = &p.drawn_cover;
		p.png = cover_png_start(b, x->opts->datadir);
	}
	p.buffers = g_ptr_array_new();
	p.pages = g_ptr_array_new_with_free_func(page_free);
	p.fonts = g_ptr_array_new_with_free_func(embedded_font_free);
	p.use = x->opts->embed_fonts ? font_use_new() : NULL;
	p.vertical = x->opts->writing == WRITING_VERTICAL_RL;
	render_pages(&p);
	if (p.use)
		embed_fonts(&p, css);

	add_text(&p, "mimetype", g_string_new("application/epub+zip"), false);
	add_text(&p, "META-INF/container.xml", container_xml(), true);
	if (p.fonts->len)
		add_text(&p, "META-INF/com.apple.ibooks.display-options.xml", apple_display_options(), true);
	add_text(&p, OPF_DIR "package.opf", package_opf(&p, XHTML_CSS_HREF), true);
	add_text(&p, OPF_DIR "toc.ncx", ncx(b), true);
	add_text(&p, OPF_DIR XHTML_CSS_HREF, css, true);
	for (guint i = 0; i < p.pages->len; i++) {
		struct page *pg = g_ptr_array_index(p.pages, i);
		char *name = g_strconcat(OPF_DIR, pg->href, NULL);

		add_packed(&p, name, pg->packed);
		pg->packed = NULL;
		g_free(name);
	}
	if (p.png && !(png = cover_png_finish(p.png)) && !p.failed) {
		diag_error(out->path, 0, "cannot encode the drawn cover as PNG");
		p.failed = true;
	}
	for (guint i = 0; i < b->resources->len; i++) {
		const struct resource *r = g_ptr_array_index(b->resources, i);
		zip_source_t *src;
		char *name;

		if (r->blank && r != p.cover)
			continue;	/* a spacer no page shows (as in the manifest) */
		src = p.failed ? NULL : zip_source_file(p.zip, r->path, 0, -1);
		name = g_strconcat(OPF_DIR, r->href, NULL);
		/* r->path holds what to pack (SVG already cleaned when the image was resolved). */
		if (!src && !p.failed) {
			diag_error(r->path, 0, "cannot read the image: %s", zip_strerror(p.zip));
			p.failed = true;
		} else if (src) {
			/* JPEG, PNG, GIF and WebP are compressed already */
			add_source(&p, name, src, false);
		}
		g_free(name);
	}
	for (guint i = 0; i < p.fonts->len && !p.failed; i++) {
		const struct embedded_font *e = g_ptr_array_index(p.fonts, i);
		char *name = g_strconcat(OPF_DIR, e->href, NULL);

		add_packed(&p, name, deflated_new(g_bytes_get_data(e->data, NULL), g_bytes_get_size(e->data), DEFLATE_LEVEL));
		g_free(name);
	}
	if (png && !p.failed) {
		zip_source_t *src = zip_source_buffer(p.zip, g_bytes_get_data(png, NULL), g_bytes_get_size(png), 0);
		char *name = g_strconcat(OPF_DIR, p.drawn_cover.href, NULL);

		if (src)
			add_source(&p, name, src, false);
		else {
			diag_error(out->path, 0, "cannot add the drawn cover to the EPUB: %s", zip_strerror(p.zip));
			p.failed = true;
		}
		g_free(name);
	}
	if (p.failed) {
		zip_discard(p.zip);
	} else if (zip_close(p.zip) < 0) {
		diag_error(out->path, 0, "cannot write the EPUB: %s", zip_strerror(p.zip));
		zip_discard(p.zip);
		p.failed = true;
	}
	for (guint i = 0; i < p.buffers->len; i++)
		g_string_free(g_ptr_array_index(p.buffers, i), TRUE);
	g_ptr_array_free(p.buffers, TRUE);
	g_ptr_array_free(p.pages, TRUE);
	cover_png_free(p.png);	/* after zip_close: the archive read the PNG's bytes there */
	g_ptr_array_free(p.fonts, TRUE);	/* so did it the fonts' */
	font_use_free(p.use);
	g_free(p.drawn_cover.id);
	g_free(p.drawn_cover.href);
	return !p.failed;
}
