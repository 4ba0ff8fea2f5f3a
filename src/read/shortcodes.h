/* shortcodes.h - the body's pre-pass before Markdown: Hugo shortcodes, emoji codes, heading ids, the summary divider. */
#ifndef FOLIO_SHORTCODES_H
#define FOLIO_SHORTCODES_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "book/model.h"

struct passthrough;

/*
 * What a shortcode becomes in the book. Hugo's built-ins have their own; a site's shortcode may
 * be mapped to one of them in folio.yaml (shortcodes: {notice: blockquote}); the names are
 * those of sc_rendering_by_name.
 */
enum sc_rendering {
	SC_UNKNOWN, SC_FIGURE, SC_HIGHLIGHT, SC_DETAILS, SC_BLOCKQUOTE, SC_YOUTUBE, SC_VIMEO, SC_X, SC_TWITTER,
	SC_INSTAGRAM, SC_GIST, SC_PARAM, SC_REF, SC_RELREF, SC_MARKDOWN, SC_TEXT, SC_DROP, SC_CALLOUT, SC_BILIBILI, SC_LINK,
	/* Themes' shortcodes whose words are in their parameters (Hextra's): not folio.yaml renderings. */
	SC_BADGE, SC_CARD, SC_TREE, SC_INCLUDE,
	/* Tabs (hugo-book, geekdoc, Hextra, Docsy's tabpane, dapr's codetab): each tab's label over its content. */
	SC_TABS, SC_TAB
};

/* The rendering a folio.yaml name stands for ("blockquote"), or SC_UNKNOWN. */
enum sc_rendering sc_rendering_by_name(const char *name);

/* What a pre-pass needs from the article and the site around it. */
struct sc_context {
	const char *file;	/* for messages */
	int first_line;		/* the body's first line in file */
	bool html;		/* the body is HTML (a .html content file): renderings are HTML too */
	bool emoji;		/* the site enables emoji codes */
	bool block_attributes;	/* the site enables Goldmark's block attributes: a line "{.class}" is cut */
	const struct passthrough *passthrough;	/* the site's passthrough delimiters (math), or NULL */
	const char *lang;	/* language of the labels of notes ("视频：") */
	GHashTable *mappings;	/* shortcode name -> "rendering name" (folio.yaml), or NULL */
	/* The value of a page or site parameter (dotted path; the site's only: site), g_free; NULL when there is none. */
	char *(*param)(void *data, const char *key, bool site);
	/* Where ref/relref path (with #fragment) goes, as a link relative to the page; NULL: no such page. */
	char *(*ref)(void *data, const char *path, const char *lang);
	/*
	 * The body of what include or readfile names (page: a page of the site first, as Hugo's
	 * GetPage finds it; else a file, from folder dir (NULL: the page's) or the site's), its front
	 * matter gone, inside the folders given only, no hidden file: g_free; *file its name for
	 * messages and *file_dir its folder (g_free), *first_line the body's first line there. NULL:
	 * none (*why says why).
	 */
	char *(*include)(void *data, const char *path, bool page, const char *dir, char **file, char **file_dir,
			 int *first_line, const char **why);
	void *data;
	/* Set by the pre-pass for the bodies it includes (each read by a pre-pass of its own): */
	int depth;		/* includes around this body */
	const char *dir;	/* this body's folder (an included file's, for its own includes), or NULL: the page's */
	const struct sc_context *outer;	/* the body that includes it (its file is not included inside it), or NULL */
	struct sc_budget *budget;	/* what the article's includes have taken, all levels together */
};

/* What includes may take, for one article: a page that includes another ten times, ten deep, stops. */
struct sc_budget {
	unsigned count;
	size_t bytes;
	bool told_count, told_depth;	/* each said once */
};

/* Includes inside includes, at most; includes and their bytes for one article, at most. */
enum { SC_MAX_INCLUDES = 8, SC_MAX_INCLUDED = 500, SC_MAX_INCLUDED_BYTES = 16 * 1024 * 1024 };

/* A heading whose id the source gives ("## Title {#id}"): the attribute is cut from the text. */
struct sc_heading_id {
	int line;		/* line of the body (1: its first); an included heading's: its include's */
	int offset;		/* an included heading: its line in the text put there (1: the include's own), else 0 */
	char *id;
};

struct sc_result {
	char *text;		/* the body to parse as Markdown (or HTML); as many lines as the source */
	size_t len;
	GPtrArray *heading_ids;	/* of struct sc_heading_id * */
	GPtrArray *unknown;	/* of struct unknown_shortcode *, in order of first use */
	gssize more;		/* byte offset of the summary divider <!--more--> in text, or -1 */
	GArray *shifts;		/* of struct line_shift (text/nodetext.h): lines an include added, or NULL */
	unsigned shortcodes;	/* how many were rendered */
	unsigned emoji;		/* emoji codes replaced */
};

/*
 * Render body (len bytes) for Markdown: every shortcode (outside code) by its rendering, the
 * comment form (a shortcode written between comment marks) as the shortcode's own text, without
 * the marks (in code too, as Hugo shows it), emoji
 * codes when ctx->emoji, heading ids cut out and recorded, the summary divider found. Code spans
 * and code blocks are otherwise never touched. Each shortcode's rendering keeps the lines it had,
 * so messages about the text after it name the right line. Problems (an unclosed shortcode, a
 * bad parameter, a ref to no page, a stray closing tag, a parameter no page or site has) are
 * warnings with file and line; the rest of the body is always kept. Thread-safe.
 */
void sc_prepass(const struct sc_context *ctx, const char *body, size_t len, struct sc_result *out);

/* The language of the labels the body's notes get: ctx->lang, else "zh" or "en" as its letters go. g_free. */
char *sc_label_lang(const struct sc_context *ctx, const char *body, size_t len);
void sc_result_clear(struct sc_result *r);

#endif
