/* sanitize.h - raw HTML from Markdown made safe: an allow-list of elements and attributes, well-formed XHTML out. */
#ifndef FOLIO_SANITIZE_H
#define FOLIO_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <cmark-gfm.h>
#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* What an article's XHTML holds that the package must declare. */
enum { SANITIZE_SVG = 1, SANITIZE_MATHML = 2 };

/*
 * Raw HTML nested past sense is flattened (its text kept) so that readers' XML parsers, which
 * stop at 256 levels, take the page: levels of elements inside one piece of raw HTML, and lone
 * tags left open across the Markdown that follows them.
 */
enum { SANITIZE_MAX_DEPTH = 32, SANITIZE_MAX_OPEN = 16 };

/*
 * Writes an image found in raw HTML (<img src alt title>): an <img> of a
 * packed resource or a placeholder. node is the raw HTML node it came from, nth which
 * <img> of src it is there (sanitize_img_nth); block is true where flow content may go (a
 * figure), false inside text.
 */
typedef void (*sanitize_image_fn)(void *data, GString *out, cmark_node *node, const char *src,
				  int nth, const char *alt, bool block);

/* One article's raw HTML state while its XHTML is written. */
struct sanitizer {
	GString *out;		/* where XHTML goes */
	const char *file;	/* for messages */
	const char *lang;	/* for placeholder labels */
	unsigned found;		/* SANITIZE_SVG | SANITIZE_MATHML */
	int link_depth;		/* > 0 inside an <a>: the writer and the sanitizer nest no links */
	int depth;		/* levels of parsed raw HTML being written (SANITIZE_MAX_DEPTH) */
	GArray *open;		/* elements a lone tag left open (html/rawhtml.c), or NULL */
	sanitize_image_fn image;
	void *image_data;
	cmark_node *node;	/* the raw HTML node being written */
	bool quiet;		/* no warnings */
};

struct sanitizer *sanitizer_new(GString *out, const char *file, const char *lang, sanitize_image_fn image,
				void *image_data);
void sanitizer_free(struct sanitizer *s);

/*
 * A URL safe to write in href and in a PDF link, a valid URI (html/uri.h: IRIs percent-encoded,
 * host names in ASCII): entity-free text as parsed, with whitespace and control-character tricks
 * removed. Returns NULL when it has a scheme other than http, https, mailto, tel or ftp
 * (javascript:, vbscript:, data:, file: ...) or cannot be made valid (uri_from_address says
 * why). *relative is set when it has no scheme (a path or a #fragment). g_free the result.
 */
char *sanitize_url(const char *url, bool *relative);

/* Is href (sanitize_url's) a web address, one a placeholder shows and links in both books? */
bool sanitize_url_is_web(const char *href);

/*
 * Does a missing picture's placeholder show link, where the picture linked to, beside the
 * picture's own address own (both sanitize_url's; own may be NULL)? A web address, not own.
 */
bool sanitize_placeholder_shows_link(const char *link, const char *own);

/* True for the elements that play something (iframe, object, embed, video, audio ...). */
bool sanitize_is_embed(const char *name);
/*
 * What a book shows for such an element, as text: its label in lang and the address it
 * plays ("嵌入内容 https://..."); the EPUB links the address. g_free.
 */
char *sanitize_embed_note(const xmlNode *n, const char *lang);

/*
 * Call fn for every <a href> in a piece of raw HTML that neither book links: a script or other
 * scheme, or an address no valid URI says (uri_from_address), with its line in the piece (from
 * 1), in document order. Links inside what the books drop whole (script and style, embeds, SVG,
 * MathML) are not met. The passes say these once for both books; the writers drop them quietly.
 */
void sanitize_refused_links(const char *html, void (*fn)(void *data, const char *href, int line), void *data);
/*
 * Call fn for each id a piece of raw HTML gives an element (id=, and an <a>'s name=), in document
 * order, outside what both books drop whole (script, style, SVG, MathML): the places a link's
 * #fragment may name. Neither book writes raw ids (they could clash with its own); the passes take
 * a link to one to the heading it stands at.
 */
void sanitize_ids(const char *html, void (*fn)(void *data, const char *id), void *data);

/*
 * The end tag of what inline raw HTML node opens when the writers take all up to it whole, not
 * as HTML of its own: a script or style (dropped) or SVG or MathML (written as one element); NULL
 * for any other node, or one never closed. Links in between are not the books' links.
 */
cmark_node *sanitize_inline_whole(cmark_node *node);

/*
 * The picture an <img> shows (g_free), or NULL: its src; else, where src is missing, blank or a
 * stand-in of a page that loads pictures late (a data: URI, a lazy loader's class, a file named
 * loading.gif or placeholder.png ...), the largest candidate of its srcset (by width, then density),
 * then its data-src, data-original, data-lazy-src or data-actualsrc (what such pages load instead).
 * A stand-in with nothing loaded instead stays.
 */
char *sanitize_img_src(const xmlNode *img);
/* Where an <img> of a raw HTML block stands, as the writers put it. */
enum sanitize_img_place {
	SANITIZE_IMG_ALONE,	/* a block of its own */
	SANITIZE_IMG_IN_TEXT,	/* within text: a <p>, a <span>, a link */
	SANITIZE_IMG_IN_FIGURE,	/* in a <figure> whose <figcaption> is its caption */
};
/* caption: the text of the <figcaption> for a figure's first picture (SANITIZE_IMG_IN_FIGURE), else NULL. */
typedef void (*sanitize_image_source_fn)(void *data, const char *src, const char *alt,
					 enum sanitize_img_place place, const char *caption);
/* A raw <figure>'s <figcaption> element (its first), or NULL. */
const xmlNode *sanitize_figcaption_of(const xmlNode *figure);
/* Call fn for every <img src> in a piece of raw HTML (in document order). */
void sanitize_image_sources(const char *html, sanitize_image_source_fn fn, void *data);

/*
 * The node after n in document order inside top (top excluded), into n's children when descend.
 * Parsed raw HTML may nest a million deep: walks over a whole tree loop, they never recurse.
 */
const xmlNode *sanitize_next_node(const xmlNode *n, const xmlNode *top, bool descend);

/* Raw HTML parsed by libxml2 as folio reads it everywhere: recovering, silent, never the network,
   deeply nested text kept, each <img> numbered (sanitize_img_nth), HTML5's void elements holding
   nothing (the text after a <wbr> is not inside it). NULL when libxml2 gives up; xmlFreeDoc. */
htmlDocPtr sanitize_parse_html(const char *html);
/*
 * A raw HTML block so parsed, repaired first as allow_prescan repairs it, silently (the EPUB's pass
 * says what it repairs): an unclosed <script>, <style> or <iframe> hides the text after it from
 * neither book (the PDF lost the rest of its block).
 */
htmlDocPtr sanitize_parse_html_block(const char *html);
/* The words of raw HTML, its tags gone, a script's or style's code with them (a caption written
   with tags, "<div>s</div>CAP": the whole caption was lost). g_free. */
char *sanitize_text_of(const char *html);
/*
 * Of the <img>s of img's document that name its picture's address (sanitize_img_src), which one
 * it is in document order, from 0: record_image's nth. 0 for a node sanitize_parse_html did not make.
 */
int sanitize_img_nth(const xmlNode *img);

#endif
