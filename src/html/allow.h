/* allow.h - the parts of the raw-HTML allow-list a writer of raw HTML builds on (html/rawhtml.c, the EPUB's markup). */
#ifndef FOLIO_ALLOW_H
#define FOLIO_ALLOW_H

#include <stdbool.h>
#include <cmark-gfm.h>
#include <glib.h>
#include <libxml/tree.h>

struct sanitizer;	/* html/sanitize.h */

/* What an element is, for the places it may stand. */
enum cat {
	X_FLOW = 1,	/* block: p, div, ul ... */
	X_PHRASE,	/* text-level: span, em, a ... */
	X_LI,
	X_TR,
	X_CELL,		/* td, th */
	X_RT,		/* rt, rp */
	X_FIGCAPTION,
};

/* What may stand inside an element: the context its children are written in. */
enum ctx {
	C_FLOW,
	C_PHRASE,
	C_LIST,		/* ul, ol: li only */
	C_ROWS,		/* tbody, thead: tr only */
	C_ROW,		/* tr: td and th only */
	C_RUBY,
	C_FIGURE,
	C_VOID,		/* no children */
};

enum action {
	A_KEEP,		/* write it (renamed when out differs) */
	A_UNWRAP,	/* drop the tag, keep what is inside */
	A_DROP,		/* drop it and its content (script, style: code, not text) */
	A_UNWRAP_WARN,	/* drop the tag with a warning, keep what is inside (forms) */
	A_DROP_WARN,	/* drop a void element with a warning (meta, base, link) */
	A_EMBED,	/* iframe, object, embed, video, audio: a placeholder with its address */
	A_IMG,
	A_A,
	A_TABLE,
	A_SVG,
	A_MATH,
};

struct elem {
	const char *name;	/* as the HTML parser names it */
	const char *out;	/* element written */
	unsigned char action, cat, inner;
	const char *attrs;	/* allowed attributes besides title, lang, dir, class: " a b " */
};

/* The allow-list's entry for an element name (any case), or NULL: the tag goes, the content stays. */
const struct elem *allow_elem(const char *name);
/* True for names HTML knows, allowed or not; false for "Vector<int>"-like text. */
bool allow_known_name(const char *name);
/*
 * The lower-case name of the tag a piece of inline raw HTML starts with ("<b>", "</a>", "<br/>"),
 * *end set for an end tag (g_free); NULL for a comment, a declaration or no tag. An empty name:
 * "<" was not followed by one.
 */
char *allow_tag_name(const char *piece, bool *end);
/* The text of a piece of inline raw HTML that is a CDATA section ("<![CDATA[a<b]]>": "a<b"), else
   NULL (g_free). */
char *allow_cdata_text(const char *piece);
/* Script and style: what stands between their tags is code, never text of the book. */
bool allow_holds_code(const char *name);
/* The first piece of inline raw HTML after node, before stop (NULL: to the last sibling), that is
   the end tag of name; NULL if none is. */
cmark_node *allow_end_tag_after(cmark_node *node, cmark_node *stop, const char *name);
/*
 * Where a raw <a> element links in both books: its href made safe (sanitize_url), when it is an
 * address of its own; NULL when it has none, names a path or place relative to the page (no page
 * of the book is there), or is refused (the passes say so: sanitize_refused_links). g_free.
 */
char *allow_link_address(const xmlNode *a);

/* A warning about the raw HTML of s->file at line, unless s is quiet. */
void allow_warn(struct sanitizer *s, int line, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
/* Case-insensitive prefix test. */
bool allow_starts_ci(const char *s, const char *prefix);
/*
 * Before the parser sees a piece of raw HTML (starting on line): an opening that is never closed
 * (<script> without </script>, <!-- without -->) is dropped and reported, CDATA becomes text. g_free.
 */
char *allow_prescan(struct sanitizer *s, const char *html, int line);
/* Attribute name of n as text (g_free), or NULL. */
char *allow_attr(const xmlNode *n, const char *name);
/* Report the attributes of n that would run code; they are never written. */
void allow_warn_attrs(struct sanitizer *s, const xmlNode *n, int line);
/* The start tag of e with n's allowed attributes (n may be NULL); empty: "<br/>". And the end tag. */
void allow_start_tag(struct sanitizer *s, const xmlNode *n, const struct elem *e, int line, bool empty);
void allow_end_tag(struct sanitizer *s, const char *name);
/* Write n (and what is inside) where ctx's content may stand, as the allow-list says. */
void allow_put_node(struct sanitizer *s, const xmlNode *n, enum ctx ctx, int line);
/* An iframe, object, embed, video or audio: a visible note with its address instead. */
void allow_put_embed(struct sanitizer *s, const xmlNode *n, bool block, int line);
/* An <img> (of raw HTML node) handed to the writer's image hook; one that names no picture is
   reported (its placeholder shows its alt). */
void allow_put_img(struct sanitizer *s, cmark_node *node, const xmlNode *n, bool block, int line);
/* Inline SVG and MathML: what draws and what reads, nothing that runs or loads. */
void allow_put_svg(struct sanitizer *s, const xmlNode *n, int line);
void allow_put_math(struct sanitizer *s, const xmlNode *n, bool block);
/* The first element named name in a parsed piece of HTML, or NULL. */
const xmlNode *allow_first_named(const xmlDoc *doc, const char *name);

#endif
