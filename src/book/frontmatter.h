/* frontmatter.h - typed Hugo front matter (YAML, TOML or JSON): each field keeps the line it came from. */
#ifndef FOLIO_FRONTMATTER_H
#define FOLIO_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "base/date.h"
#include "book/fmread.h"
#include "book/fmtree.h"

struct fm_text {
	char *text;		/* NULL when absent; "" when given empty */
	int line;		/* 1-based line in the file, 0 when absent */
};

struct fm_list {
	GPtrArray *items;	/* of char *, never NULL */
	int line;
};

/* A key folio does not interpret, kept with its value as text. */
struct fm_extra {
	char *key;
	char *value;		/* scalars as written; lists joined with ", " */
	int line;
};

/* A page resource named in resources: (Hugo): src may be a glob ("*.png"). */
struct fm_resource {
	char *src, *name, *title;
	int line;
};

/* Hugo's build options (_build, or build): whether the page is listed at all. */
enum fm_list_mode { FM_LIST_ALWAYS, FM_LIST_LOCAL, FM_LIST_NEVER };

struct front_matter {
	struct fm_text title, summary, author, lang, thumbnail, slug, source, date_text, url;
	/* the picture a theme sets at the post's head (cover, cover.image, featuredImage) and its cover.alt */
	struct fm_text cover, cover_alt;
	/* date, else publishDate (pubdate, published), else lastmod (modified): Hugo's order */
	struct folio_date date;
	struct folio_date publish;	/* publishDate, pubdate or published; not valid when absent */
	struct folio_date expiry;	/* expiryDate or unpublishdate */
	struct folio_date lastmod;	/* lastmod or modified */
	int publish_line, expiry_line;
	struct fm_list categories, tags;
	long weight;
	bool has_weight;
	bool draft;
	bool headless;
	enum fm_list_mode list;		/* _build/build: list */
	bool render_never;		/* _build/build: render: never */
	int build_line;
	GPtrArray *resources;	/* of struct fm_resource *, in file order */
	GPtrArray *extra;	/* of struct fm_extra *, in file order */
	enum fm_format format;	/* what it was written in; FMT_NONE when the file has none */
	struct fm_node *tree;	/* all of it as read (a mapping; cascaded keys merged in), or NULL */
};

void fm_init(struct front_matter *fm);
void fm_clear(struct front_matter *fm);
/* Make to (uninitialised) a deep copy of from; fm_clear it as any other. */
void fm_copy(struct front_matter *to, const struct front_matter *from);

/* Where the front matter of a file is, and where its body starts. */
struct fm_region {
	enum fm_format format;	/* FMT_NONE: the file has none */
	const char *text;	/* YAML or TOML between the fences; JSON: the object, braces included */
	size_t len;
	int line;		/* line of the file text starts on */
	const char *body;	/* where the body starts */
	int body_line;
};

/*
 * Find front matter where Hugo finds it: at the start of text (a UTF-8 BOM already removed, line
 * ends already "\n"), after any blank lines: between "---" lines (YAML, "..." may close it),
 * between "+++" lines (TOML), or a JSON object ("{" that opens no "{{" shortcode, to its
 * matching "}"). Returns 1 when found, 0 when the file has none, -1 when it is unterminated
 * (reported as a warning for file, with its line).
 */
int fm_split(const char *file, const char *text, size_t len, struct fm_region *r);

/*
 * Read the front matter r found into fm. Dates without a zone are read in tz. Text that is not
 * valid YAML, TOML or JSON is reported (file and line) and returns false; a field of the wrong
 * type is reported as a warning and skipped.
 */
bool fm_parse(const char *file, const struct fm_region *r, GTimeZone *tz, struct front_matter *fm);

/*
 * Hugo's cascade: every key of a section's cascade mapping (its _index.md) the page lacks is
 * added to the page's front matter and read as if written there (never kept as an extra key).
 */
void fm_apply_cascade(const char *file, struct front_matter *fm, const struct fm_node *cascade, GTimeZone *tz);

/* The first resource whose src matches url (a glob, as Hugo's), or NULL. */
const struct fm_resource *fm_resource_for(const struct front_matter *fm, const char *url);
/* The first resource whose name: is name (in any case, as Hugo's GetMatch), or NULL. */
const struct fm_resource *fm_resource_named(const struct front_matter *fm, const char *name);

#endif
