/* passes.c - walks each article's tree once and records headings, images, links and footnotes. */
#include "read/passes.h"

#include <string.h>

/* Longer addresses are not links: no reader follows them, and they make a PDF annotation huge. */
#define LINK_MAX_BYTES 8192

#include "base/diag.h"
#include "read/header.h"
#include "read/identity.h"
#include "text/langdetect.h"
#include "html/uri.h"
#include "read/anchors.h"
#include "read/pages.h"
#include "read/records.h"
#include "text/nodetext.h"
#include "base/langtag.h"

static bool is_blank(const char *s)
{
	return !s || !s[strspn(s, " \t\n")];
}

static const char *nonempty(const char *s)
{
	return is_blank(s) ? NULL : s;
}

char *passes_article_title(const struct article *a)
{
	const char *t = nonempty(a->fm.title.text);
	cmark_node *n;
	char *base, *dot;

	if (t)
		return g_strstrip(g_strdup(t));
	for (n = cmark_node_first_child(a->doc); n; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			char *h = node_plain_text(n);

			if (*h)
				return h;
			g_free(h);
		}
	}
	/* The home page's folder is no name: it takes the book's, once that is known (read/build.c). */
	if (pages_is_home(a))
		return g_strdup("");
	/* A bundle is named by its folder; a file by its name without the extension. */
	if (a->bundle || a->section_index) {
		char *dir = g_path_get_dirname(a->rel);

		base = g_path_get_basename(strcmp(dir, ".") ? dir : a->real);
		g_free(dir);
	} else {
		base = g_path_get_basename(a->rel);
	}
	dot = strrchr(base, '.');
	if (dot && dot != base && !a->bundle && !a->section_index)
		*dot = '\0';
	return base;
}

/* Is n raw HTML of line breaks only ("<br />" set above a landing page's heading for room)? */
static bool only_breaks(cmark_node *n)
{
	const char *s = cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK ? cmark_node_get_literal(n) : NULL;

	while (s && *s) {
		if (g_ascii_isspace(*s)) {
			s++;
		} else if (!g_ascii_strncasecmp(s, "<br", 3) && (s[3] == '>' || s[3] == '/' || g_ascii_isspace(s[3]))) {
			s = strchr(s, '>');
			s = s ? s + 1 : NULL;
		} else {
			return false;
		}
	}
	return s != NULL;
}

void passes_drop_title_heading(struct article *a)
{
	cmark_node *first = a->doc && !a->html ? cmark_node_first_child(a->doc) : NULL;
	char *plain, *text, *title;
	bool same;
	int from, to, line = 1;

	while (first && only_breaks(first))
		first = cmark_node_next(first);
	if (!first || cmark_node_get_type(first) != CMARK_NODE_HEADING || !a->title || !a->markdown)
		return;
	plain = node_plain_text(first);
	text = identity_fold_title(plain);
	title = identity_fold_title(a->title);
	same = *title && !strcmp(text, title);
	g_free(text);
	g_free(title);
	if (!same) {
		g_free(plain);
		return;
	}
	/* A link to it ("#buttons", its {#id} or the id Hugo makes) goes to the article's top. */
	{
		const char *id = a->heading_ids ? g_hash_table_lookup(a->heading_ids,
								       GINT_TO_POINTER(cmark_node_get_start_line(first))) : NULL;

		g_strfreev(a->title_ids);
		a->title_ids = g_new0(char *, 3);
		a->title_ids[0] = anchors_hugo_id(plain);
		a->title_ids[1] = g_strdup(id);
	}
	g_free(plain);
	/* Out of the text every view parses again too, line for line: its lines become blank. */
	from = cmark_node_get_start_line(first);
	to = cmark_node_get_end_line(first);
	for (char *c = a->markdown, *end = a->markdown + a->markdown_len; c < end; c++) {
		if (*c == '\n')
			line++;
		else if (line >= from && line <= to && *c != '\r')
			*c = ' ';
	}
	cmark_node_free(first);
}

static bool is_web_address(const char *s)
{
	return s && (g_str_has_prefix(s, "http://") || g_str_has_prefix(s, "https://"));
}

/*
 * The source: front matter's, else the link of the article's source paragraph when it goes out
 * to the web ("[Part 2](../part2/)" at the end of a post is the next page, not where it came
 * from: it stays in the text, a link). A section's page keeps its closing link in its text
 * (header.c), so it is no source there either: the header said "Source: media-types" under a
 * list of tools that still ended with it.
 */
static void find_source(struct article *a)
{
	cmark_node *link = NULL;

	if (a->fm.source.text && *a->fm.source.text) {
		const char *s = a->fm.source.text;

		if (is_web_address(s))
			a->source_url = g_strdup(s);
		else
			a->source_name = g_strdup(s);
	}
	if (a->section_index || !identity_source_paragraph(a->doc, &link) || !is_web_address(cmark_node_get_url(link)))
		return;
	if (!a->source_url)
		a->source_url = g_strdup(cmark_node_get_url(link));
	if (!a->source_name)
		a->source_name = node_plain_text(link);
}

static struct article *article_by_real(struct book *b, const char *real)
{
	for (guint i = 0; i < b->articles->len; i++) {
		struct article *a = g_ptr_array_index(b->articles, i);

		if (!strcmp(a->real, real))
			return a;
	}
	return NULL;
}

/*
 * A site address as Hugo publishes pages ("/posts/slug/", "/about", "/en/posts/x/#part"): the
 * path, percent-decoded, in lower case, ending in "/" (a last "index.html" dropped); NULL for
 * anything else (a relative path, "//host/...").
 */
static char *site_path_key(const char *url)
{
	char *path, *dec, *key;
	const char *last;
	GString *k;

	if (url[0] != '/' || url[1] == '/')
		return NULL;
	path = g_strndup(url, strcspn(url, "?#"));
	dec = g_uri_unescape_string(path, NULL);
	key = g_ascii_strdown(dec ? dec : path, -1);
	k = g_string_new(key);
	if (g_str_has_suffix(k->str, "/index.html"))
		g_string_truncate(k, k->len - strlen("index.html"));
	last = strrchr(k->str, '/');
	if (!g_str_has_suffix(k->str, "/") && !(last && strchr(last, '.')))
		g_string_append_c(k, '/');
	g_free(key);
	g_free(dec);
	g_free(path);
	return g_string_free(k, FALSE);
}

/*
 * The part a section's page is, by its _index.md (real path) or by the address Hugo publishes
 * it at (a site path key): its introduction is on the part's page.
 */
static const struct part *part_by(const struct book *b, const char *real, const char *key)
{
	for (guint i = 0; i < b->parts->len; i++) {
		const struct part *p = g_ptr_array_index(b->parts, i);
		char *k = key && p->intro && p->intro->permalink ? site_path_key(p->intro->permalink) : NULL;
		bool hit = p->intro && ((real && !strcmp(p->intro->real, real)) || (k && !strcmp(k, key)));

		g_free(k);
		if (hit)
			return p;
	}
	return NULL;
}

/* The book's articles by the site address Hugo gives them (a Hugo site's pages have one). */
static GHashTable *articles_by_site_path(struct book *b)
{
	GHashTable *by = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	for (guint i = 0; i < b->articles->len; i++) {
		struct article *a = g_ptr_array_index(b->articles, i);
		char *key = a->permalink ? site_path_key(a->permalink) : NULL;

		if (key && !g_hash_table_contains(by, key))
			g_hash_table_insert(by, key, a);
		else
			g_free(key);
	}
	return by;
}

/* The anchors of article t, indexed once for all the links that name it. */
static const struct anchors *anchors_of(GHashTable *index, const struct article *t)
{
	struct anchors *x = g_hash_table_lookup(index, t);

	if (!x) {
		x = anchors_new(t);
		g_hash_table_insert(index, (gpointer)t, x);
	}
	return x;
}

/*
 * The address a link of a's line goes out to, as both books write it: a valid URI
 * (html/uri.h). NULL when there is none: a path or #fragment that named nothing in the book
 * (its text stays, quietly, as Markdown's does), or an address that cannot be a link, said
 * with what as "link", "source link" or "raw HTML link" (NULL: said already, of the same
 * address): a script or other scheme, an invalid host name or port, an address too long for a
 * PDF annotation.
 */
static char *outward(const char *url, const char *file, int line, const char *what)
{
	/* A page of pasted tracking links can remove hundreds: summed up by reason (base/diag.h). */
	static const struct diag_kind removed = { "link-removed", "links were removed", NULL };
	char *uri;
	const char *why;
	enum uri_verdict v = uri_from_address(url, &uri, &why);

	if (v == URI_RELATIVE)
		g_clear_pointer(&uri, g_free);
	else if (v == URI_UNSAFE && what)
		diag_kind_at(DIAG_WARNING, &removed, why, NULL, file, line, "%s to '%.40s' removed: %s; its text is kept",
			     what, url, why);
	else if (v == URI_INVALID && what)
		diag_kind_at(DIAG_WARNING, &removed, why, NULL, file, line,
			     "%s to '%.60s' removed: it cannot be made a valid address (%s); its text is kept", what, url,
			     why);
	if (uri && strlen(uri) > LINK_MAX_BYTES) {
		if (what)
			diag_kind_at(DIAG_WARNING, &removed, "the address is too long", NULL, file, line,
				     "%s to '%.40s...' removed: the address is longer than %d bytes; its text is kept",
				     what, url, LINK_MAX_BYTES);
		g_clear_pointer(&uri, g_free);
	}
	return uri;
}

/*
 * Where link l of article a goes, in both books: a relative link to another article of the book
 * goes there (to the heading or note its #fragment names, else the article's top), and so does
 * a site address Hugo publishes one of them at ("/posts/slug/"); "#..." to a
 * place in a itself (else nowhere); a web address a book may hold goes out (as a valid URI); a
 * script or unsafe scheme, or an address no valid URI can say, goes nowhere, with a warning;
 * anything else stays text.
 */
static void resolve_link(struct book *b, struct article *a, struct link *l, GHashTable *index, GHashTable *by_site_path)
{

	if (!*l->url)
		return;
	if (l->url[0] == '#') {
		l->anchor = anchors_find(anchors_of(index, a), l->url + 1);
		l->target = l->anchor || (a->title_ids && g_strv_contains((const char *const *)a->title_ids, l->url + 1))
				    ? a : NULL;
		return;
	}
	if (!paths_is_url(l->url)) {
		const char *hash = strchr(l->url, '#');
		const char *why;
		char *ref = g_strndup(l->url, hash ? (gsize)(hash - l->url) : strlen(l->url));
		char *real = *ref ? paths_resolve(b->roots, a->dir, ref, &why) : NULL;

		if (real) {
			l->target = article_by_real(b, real);
			l->part = l->target ? NULL : part_by(b, real, NULL);
			/* "post/" in Hugo names post/index.md */
		} else if (*ref) {
			char *idx = g_build_filename(ref, "index.md", NULL);

			real = paths_resolve(b->roots, a->dir, idx, &why);
			if (real)
				l->target = article_by_real(b, real);
			g_free(idx);
		}
		/*
		 * "/posts/slug/": a page of the site by the address Hugo publishes it at; "../b/" by
		 * the address it names from this page's.
		 */
		if (!l->target && !l->part) {
			char *site = l->url[0] == '/' ? g_strdup(l->url) : uri_from_page(a->permalink, l->url);
			char *key = site ? site_path_key(site) : NULL;

			l->target = key ? g_hash_table_lookup(by_site_path, key) : NULL;
			l->part = l->target || !key ? NULL : part_by(b, NULL, key);
			g_free(key);
			g_free(site);
		}
		/* A part's #fragment names a heading of its introduction, on the part's page. */
		if (hash && (l->target || (l->part && l->part->intro)))
			l->anchor = anchors_find(anchors_of(index, l->target ? l->target : l->part->intro), hash + 1);
		g_free(real);
		g_free(ref);
		if (l->target || l->part)
			return;
	}
	l->href = outward(l->url, a->file, l->line, "link");
}

/*
 * The article's language: its own tag, corrected when its text is plainly CJK and the tag is
 * not, or plainly Latin and the tag says Chinese (then English: most such articles are); in a
 * multilingual site, its site language as it is (an untranslated page stays in its language's book).
 * With no tag, plainly Latin text is noted (text_latin): English in a Chinese book, not Chinese.
 */
static void choose_lang(struct book *b, struct article *a)
{
	char *declared = langtag_normalize(a->fm.lang.text);
	bool latin;
	const char *seen;

	/* No language tag ("not a tag", "12"): undetermined, for both books (the PDF's /Lang had it as written). */
	if (declared && !langtag_ok(declared)) {
		g_free(declared);
		declared = g_strdup("und");
	}
	if (a->site_lang && declared) {
		g_free(a->lang);
		a->lang = declared;
		return;
	}
	seen = langdetect(a->doc, a->title, &latin);
	if (declared && seen && !langtag_is_cjk(declared)) {
		g_free(declared);
		declared = g_strdup(seen);
	} else if (declared && langtag_is_cjk(declared) && latin) {
		g_free(declared);
		declared = g_strdup("en");
	}
	if (!declared && seen && !(b->lang && langtag_is_cjk(b->lang)))
		declared = g_strdup(seen);
	a->text_latin = !declared && latin;
	g_free(a->lang);
	a->lang = declared;	/* NULL: the book's language, set once the book's is known */
}

/* A site's articles often share one mistaken tag: its notes are summed up after five of a cause. */
static const struct diag_kind lang_corrected = { "lang-corrected", "articles' lang was corrected", NULL };

/* Said once the article is in the book (choose_lang runs on every article read, chosen or not). */
static void report_lang_correction(const struct article *a)
{
	const char *written = a->fm.lang.text;
	char *declared = langtag_normalize(written), *cause = NULL;

	if (declared && !langtag_ok(declared))
		cause = g_strdup_printf("lang '%s' is no language tag; read as %s", written, a->lang ? a->lang : "und");
	else if (declared && a->lang && strcmp(declared, a->lang))
		cause = g_strdup_printf("lang is '%s' but the text is %s; typeset as %s",
					langtag_country(written) ? written : declared,
					!strcmp(a->lang, "zh-Hant") ? "Traditional Chinese"
					: !strcmp(a->lang, "zh-Hans") ? "Simplified Chinese"
					: !strcmp(a->lang, "en") ? "in Latin letters" : a->lang, a->lang);
	else if (declared && langtag_country(written))
		cause = g_strdup_printf("lang '%s' is a country's code, not a language's; read as %s", written, declared);
	if (cause)
		diag_kind_at(DIAG_NOTE, &lang_corrected, cause, NULL, a->file, a->fm.lang.line, "%s", cause);
	g_free(cause);
	g_free(declared);
}

void passes_identify(struct book *b, struct article *a)
{
	char *text = identity_text_fingerprint(a);

	find_source(a);
	choose_lang(b, a);
	g_strlcpy(a->text_fingerprint, text, sizeof a->text_fingerprint);
	g_free(text);
	records_take(a);
	header_decide(a);
	records_raw_html(a);
}

/* Give a (an article, or a part's introduction) its id, and its headings and notes theirs. */
static void name_records(struct article *a, char *id)
{
	g_free(a->id);
	a->id = id;
	for (guint k = 0; k < a->headings->len; k++) {
		struct heading *h = g_ptr_array_index(a->headings, k);

		g_free(h->anchor);
		h->anchor = g_strdup_printf("%s-h%u", a->id, k + 1);
	}
	for (guint k = 0; k < a->footnotes->len; k++) {
		struct footnote *f = g_ptr_array_index(a->footnotes, k);

		g_free(f->anchor);
		g_free(f->ref_anchor);
		f->anchor = g_strdup_printf("%s-fn%d", a->id, f->number);
		f->ref_anchor = g_strdup_printf("%s-fnref%d", a->id, f->number);
	}
}

/* Every link's place in the book, once every article and its headings and notes are named. */
static void resolve_links(struct book *b)
{
	GHashTable *index = g_hash_table_new_full(NULL, NULL, NULL, anchors_free);
	GHashTable *by_site_path = articles_by_site_path(b);
	GPtrArray *all = book_texts(b);

	for (guint i = 0; i < all->len; i++) {
		struct article *a = g_ptr_array_index(all, i);

		for (guint k = 0; k < a->links->len; k++)
			resolve_link(b, a, g_ptr_array_index(a->links, k), index, by_site_path);
		/* What raw HTML loses in both books, and its links neither keeps (read/records.c), said
		   here once for both. */
		diag_held_repeat(a->raw_said);
		for (guint k = 0; k < a->raw_refused->len; k++) {
			const struct link *l = g_ptr_array_index(a->raw_refused, k);

			g_free(outward(l->url, a->file, l->line, "raw HTML link"));
		}
		if (a->source_url)
			/* A source from the body's source paragraph is one of its links: said there. */
			a->source_href = outward(a->source_url, a->file, a->fm.source.line,
						 a->fm.source.text && !strcmp(a->fm.source.text, a->source_url)
						 ? "source link" : NULL);
	}
	g_ptr_array_free(all, TRUE);
	g_hash_table_destroy(by_site_path);
	g_hash_table_destroy(index);
}

void passes_run(struct book *b)
{
	for (guint i = 0; i < b->articles->len; i++) {
		struct article *a = g_ptr_array_index(b->articles, i);

		name_records(a, g_strdup_printf("a%04u", i + 1));
		report_lang_correction(a);
		/*
		 * The lead picture: thumbnail or image, else the theme's cover, else the page
		 * resource FixIt, DoIt and LoveIt take for one (name: featured-image). Its alt is the
		 * cover's or the resource's own, else the title, which the heading below says: then it
		 * is decoration.
		 */
		const struct fm_text *lead = a->fm.thumbnail.text && *a->fm.thumbnail.text ? &a->fm.thumbnail
					     : a->fm.cover.text && *a->fm.cover.text ? &a->fm.cover : NULL;
		const struct fm_resource *featured = lead ? NULL : fm_resource_named(&a->fm, "featured-image");

		if (lead || featured) {
			const char *alt = lead == &a->fm.cover && a->fm.cover_alt.text && *a->fm.cover_alt.text
						  ? a->fm.cover_alt.text
					  : featured && featured->title ? featured->title : a->title;

			a->lead = g_new0(struct image, 1);
			a->lead->url = g_strstrip(g_strdup(lead ? lead->text : featured->src));
			a->lead->alt = g_strdup(alt);
			a->lead->decorative = alt == a->title;
			a->lead->line = lead ? lead->line : featured->line;
		}
	}
	/* A part's introduction (its _index.md) is set on the part's page: named after the part. */
	for (guint i = 0; i < b->parts->len; i++) {
		struct part *p = g_ptr_array_index(b->parts, i);

		if (p->intro)
			name_records(p->intro, g_strdup_printf("%s-intro", p->id));
	}
	resolve_links(b);
}
