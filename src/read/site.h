/* site.h - a Hugo site around the content: its settings, languages and folders, read from hugo.toml (or .yaml, .json, config.*). */
#ifndef FOLIO_SITE_H
#define FOLIO_SITE_H

#include <stdbool.h>
#include <glib.h>

#include "book/fmtree.h"
#include "read/passthrough.h"

/* One language of the site, with the settings a book in that language takes. */
struct site_lang {
	char *key;		/* as the site names it: "zh-cn" */
	char *tag;		/* BCP 47 tag of its pages: its languageCode when that names the same
				   language (a language without one inherits the site's), else the key */
	int weight;
	char *content_dir;	/* real path of its content folder */
	char *title, *author, *description, *copyright;	/* its own, else the site's; NULL when none */
	struct fm_node *params;	/* the site's params with the language's own over them (a mapping) */
};

struct site {
	char *root;		/* real path of the site root */
	char *config;		/* the settings file read, for messages */
	GPtrArray *langs;	/* of struct site_lang *: the default language first, then by weight and key */
	bool multilingual;	/* more than one language: each page's language is its file name's or folder's */
	bool lang_declared;	/* the site names its language (languageCode, defaultContentLanguage or languages) */
	bool emoji;		/* enableEmoji */
	bool block_attributes;	/* markup.goldmark.parser.attribute.block: "{.class}" lines after blocks are attributes */
	char *timezone;		/* timeZone, or NULL */
	char *base_url;		/* baseURL, or NULL */
	GPtrArray *static_dirs;	/* real paths of the static folders that exist (staticDir, default static/) */
	char *asset_dir;	/* real path of the assets folder (assetDir, default assets/), or NULL: none */
	/* [permalinks] (or [permalinks.page]): a top section's name in lower case -> its pattern
	   ("/:year/:month/:slug/"), for the regular pages below it */
	GHashTable *permalinks;
	struct passthrough *passthrough;	/* markup.goldmark.extensions.passthrough, or NULL: off */
};

/* The settings file of a site root: hugo.toml, hugo.yaml, hugo.json, config.* or config/_default/; NULL when dir is none. g_free. */
char *site_config_file(const char *dir);

/*
 * Read the site whose root is dir (site_config_file names its settings). NULL when the settings
 * cannot be read (reported with file and line).
 */
struct site *site_load(const char *dir);
void site_free(struct site *s);

/* The language named key (case ignored), or NULL. */
const struct site_lang *site_lang_by_key(const struct site *s, const char *key);

/*
 * The language a book of the languages only (--only-lang tags, normalised; empty: all) is in: the
 * first of the site's languages one of them asks for, else the default one.
 */
const struct site_lang *site_book_lang(const struct site *s, const GPtrArray *only);

/* The language whose content folder holds the real path real (the innermost), or NULL. */
const struct site_lang *site_lang_of_dir(const struct site *s, const char *real);

#endif
