/* pages.h - Hugo's view of the pages read: languages, paths, sections and their cascade, what is published, where refs go. */
#ifndef FOLIO_PAGES_H
#define FOLIO_PAGES_H

#include <glib.h>

#include "read/reading.h"
#include "read/shortcodes.h"

struct pages;

/*
 * Give every article read (pages, and the sections' _index files) what Hugo makes of it, once
 * all are read and before any body is parsed: its language (by file name, else content folder,
 * in a Hugo site r->site), its path inside its language's content, its section (a->section, the
 * nearest _index of its language), the front matter its sections cascade to it, its permalink,
 * and whether Hugo would publish it (a->hidden: a future publishDate, a past expiryDate, _build
 * list never, headless, a draft section; --include-future and --include-expired keep them).
 */
struct pages *pages_new(struct reading *r, GPtrArray *loaded, GPtrArray *sections);
void pages_free(struct pages *p);

/* Each article's section title (a->section), once the titles are known (the bodies are parsed). */
void pages_sections(struct pages *p);

/*
 * A page the theme makes (front matter layout: search, archives) with nothing of its own to show
 * (its parsed body shows nothing: article->shows, set first): Hugo publishes the theme's page; in a
 * book it would be a chapter of a title alone. Not a section's _index.
 */
bool pages_layout_only(const struct article *a);

/* Is a the home page of its articles' folder (a Hugo site's content/_index.md, content/en/_index.md)? */
bool pages_is_home(const struct article *a);

/* Does a parsed body show anything: text, code, a picture, raw HTML, a rule? (article->shows) */
bool pages_body_shows(cmark_node *doc);

/*
 * The pre-pass context of article a: its file and lines, the site's emoji setting, its language,
 * folio.yaml's shortcode mappings, and callbacks for param (a's front matter, then the site's
 * params) and ref/relref (a page of the site, in a's language unless lang: names another). call
 * is filled and must live as long as ctx.
 */
struct pages_call {
	const struct pages *p;
	const struct article *a;
};
void pages_context(const struct pages *p, const struct article *a, struct pages_call *call, struct sc_context *ctx);

#endif
