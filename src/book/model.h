/* model.h - the book model every back end reads: articles in reading order and what reading them found. */
#ifndef FOLIO_MODEL_H
#define FOLIO_MODEL_H

/*
 * The stages of src/, earliest first; a file uses only its own stage or earlier ones, and the
 * back ends never use each other (tests/layers.sh checks it):
 *
 *   base/    diagnostics, paths, dates, units, language tags, options, output files, YAML, XML
 *   text/    CLREQ classes, language guessing, text repairs, emphasis, labels, node text
 *   html/    the raw-HTML allow-list: safe XHTML, safe addresses, embeds, SVG files
 *   media/   image types, the image cache, downloads, decoding
 *   book/    this model, and front matter
 *   read/    building a book: collect, load, parse, records, passes, choose, arrange, images
 *   format/  what the back ends share (the drawn cover, fonts, the export door), then the back
 *            ends themselves: format/epub/, format/pdf/, format/model/
 *   cli/     the writer table, digests, their state, templates; main.c on top
 *
 * Every content decision (a label, a caption, a link's target, an anchor) is made in read/ and
 * recorded here, so both books agree; the back ends only read this model.
 */

#include <stdbool.h>
#include <cmark-gfm.h>
#include <glib.h>

#include "base/date.h"
#include "base/diag.h"
#include "base/paths.h"
#include "book/frontmatter.h"

/*
 * An image packed into the book; the same picture is stored once. The EPUB
 * writer packs the bytes of file path under the name href with media_type;
 * the three always match (a converted or scaled copy lives in b->scratch).
 * The PDF writer draws imagedecode_surface(r->path, r->id) (media/imagedecode.h).
 */
struct resource {
	char *id;		/* "img-" + 16 hex digits of the SHA-1 of the ORIGINAL bytes */
	char *path;		/* file holding the bytes to pack (source file, cache entry, scratch copy) */
	char *href;		/* name inside the EPUB: "images/<id>.<ext>" */
	const char *media_type;	/* of the bytes at path: image/jpeg, image/png, image/gif, image/webp, image/svg+xml */
	int width, height;	/* pixels of the bytes at path; 0 when unknown (SVG without a size) */
	int components;		/* a JPEG's colour components (1 grey, 3 colour, 4 CMYK); 0 for other types */
	gint64 size;		/* bytes at path */
	const char *converted_from;	/* media type of the original when it was scaled or converted, else NULL */
	/*
	 * An SVG that draws nothing: web pages use them as invisible spacers and lazy loaders'
	 * stand-ins, often as data: URLs in raw <img>. Neither book shows or packs it (decided once,
	 * media/svgfile.c; the PDF alone used to drop it, the EPUB showed a blank a page wide).
	 */
	bool blank;
	/*
	 * Packed, but with part of its drawing left out or repaired (an SVG that brings in another
	 * file, or is not well-formed XML): completes "image 'X' ...", said once, at its first use
	 * (read/images.c); NULL when whole. Interned.
	 */
	const char *flaw;
	bool flaw_said;
};

/*
 * One image reference in an article (a Markdown image, an <img> of raw HTML,
 * or the thumbnail). Remote images (http:, https:, //host/) are downloaded or
 * taken from the image cache; one that cannot be had has res NULL, a problem
 * text, and was reported with one warning (one for all the references to that
 * address in its article). Each address is read and decoded once, however
 * often named. A reader finds the record of a node through its article_view
 * (read/records.h).
 */
struct image {
	char *url;		/* as written */
	char *alt;		/* alt text, plain */
	char *title;		/* a Markdown image's title, a raw <img>'s <figcaption> (in_figure), or NULL */
	char *caption;		/* what both books print under it: the title, else an alt text that
				   says something (text/alttext.h), else NULL; NULL when in_line */
	bool in_line;		/* among the words of a paragraph: the EPUB keeps it in the line, the
				   PDF sets it apart between the line's two halves */
	bool in_figure;		/* in a raw <figure> whose <figcaption> is its caption: the EPUB writes
				   that element where it stands, the PDF sets its text as the caption */
	int line;		/* line in the article file */
	/* Decoration: shown, described to nobody (the EPUB's alt="", an artifact in the PDF): a
	   lead picture with no words of its own illustrates the title said just below it. */
	bool decorative;
	struct resource *res;	/* NULL: the writers show a placeholder */
	char *problem;		/* why there is no resource, for the placeholder and the warning */
};

struct heading {
	int level;		/* 1..6 as written */
	char *text;		/* plain text */
	char *id;		/* the id its source gives it ("## Title {#id}"), or NULL */
	/* ids raw HTML gives at it (<span id> inside it, <a id> just before it, or an id later in its
	   section, before the next heading): links to #id go to this heading. NULL: none */
	char **raw_ids;
	char *anchor;		/* unique in the book: "a0003-h2" */
	int line;
	/*
	 * Its level under the article's title in both books (1: directly under it), decided once
	 * (read/records.c): the shallowest heading written is 1, and none goes deeper than the one
	 * before it by more than one level (## then #### is 1 then 2), as screen readers and
	 * PDF/UA ask. At most 5 (the EPUB's h6 under its h1 title).
	 */
	int depth;
};

/*
 * A Markdown link, and where it goes in both books, decided once (read/passes.c): into the book
 * (target, and anchor when the #fragment names a heading or a note there), out of it (href), or
 * nowhere (both NULL: its text stays as text).
 */
struct link {
	char *url;		/* as written */
	int line;
	struct article *target;	/* the article of the book it names (itself for "#..."), or NULL */
	const char *anchor;	/* the heading or note its #fragment names (of target, or of part's introduction), or NULL: its top */
	const struct part *part;	/* no target: the part whose section it names (its page), or NULL */
	char *href;		/* a web address a book may link to (http, https, mailto, tel, ftp), or NULL */
	bool no_text;		/* "[](url)": nothing to read or see; when href, both books show url as its text */
};

struct footnote {
	int number;		/* 1, 2, ... in order of first reference */
	char *anchor;		/* "a0003-fn2" */
	char *ref_anchor;	/* "a0003-fnref2" (first reference; later ones add "-2", "-3") */
};

/* A shortcode folio does not know, as often as an article's body uses it. */
struct unknown_shortcode {
	char *name;
	unsigned count;
	unsigned paired;	/* uses with a closing tag: with inner text to keep */
	unsigned verbatim;	/* of those, {{< >}} ones of a name for code or markup: their text kept as written */
	int line;		/* of the file: its first use */
};

struct article {
	char *file;		/* path for messages, as the user would type it */
	char *real;		/* real path */
	char *dir;		/* real folder: relative images resolve here */
	char *rel;		/* path inside its SOURCE folder ("path" sort key) */
	const struct root *root;
	bool bundle;		/* name/index.md with its resources beside it */
	bool section_index;	/* _index.md: describes its folder's section */
	bool html;		/* a content file in HTML (Hugo's .html): its body is HTML, not Markdown */
	int next_book;		/* folio batch: the next book of the run that keeps it too (from 1), or 0 (read/build.h) */

	/* What Hugo makes of the page (read/pages.c); in a plain folder, path is rel and the rest NULL. */
	char *path;		/* inside its language's content folder, language suffix dropped: "posts/a.md" */
	char *hugo_lang;	/* the site language it is in (by file name or content folder), or NULL */
	bool site_lang;		/* its language is its multilingual site's: never corrected from its text */
	char *permalink;	/* where the site publishes it: "/posts/a/" (url:, slug:), or NULL */
	char *summary;		/* front matter's summary, else the body before <!--more-->, as text; or NULL */
	enum hidden_by { HIDDEN_NOT, HIDDEN_FUTURE, HIDDEN_EXPIRED, HIDDEN_UNLISTED, HIDDEN_HEADLESS,
			 HIDDEN_DRAFT_SECTION, HIDDEN_LAYOUT_ONLY, HIDDEN_DRAFT, HIDDEN_PROTECTED } hidden;	/* Hugo would not publish it (--include-* aside),
									   or a theme's page with nothing of its own */
	char *source;		/* while it is read: the body as written, until it is parsed */
	size_t source_len;
	GHashTable *heading_ids;	/* while it is read: line of the body -> id of its heading */
	char **title_ids;	/* ids naming the top: the title heading's ({#id}, its Hugo id), a wordless heading's before any other (records.c) */

	struct front_matter fm;
	int body_line;		/* line of the file where the Markdown starts */
	GArray *line_shifts;	/* of struct line_shift (text/nodetext.h): lines its includes added to a->markdown, or NULL */
	/*
	 * The body, parsed with tables, footnotes, strikethrough, autolinks, and
	 * repaired. A book of thousands of articles does not hold all their
	 * trees: doc is there only while the article is read; a back end opens an
	 * article_view (read/records.h), its own tree parsed again from markdown
	 * with its nodes bound to the records below.
	 */
	cmark_node *doc;
	char *markdown;		/* the body's text as it was parsed (after loading's repairs) */
	size_t markdown_len;
	GPtrArray *passthrough;	/* the snippets markdown's marks stand for (read/passthrough.h), or NULL */
	bool walked;		/* its headings, images, links and footnotes are recorded */
	bool shows;		/* its body shows something: text, code, a picture or raw HTML (read/pages.c) */
	char bytes_sum[41];	/* checksums and size of the file's bytes (for the book's identifier) */
	char text_fingerprint[41];	/* identity_text_fingerprint: what the body says, for finding duplicates */

	char *title;		/* front matter title, else first heading, else file name */
	char *lang;		/* article lang, else the book's */
	bool text_latin;	/* no lang given, and its text plainly in Latin letters: English in a CJK book */
	char *id;		/* "a0003": EPUB file name and anchor prefix */
	char *section;		/* title of the _index.md section it belongs to, or NULL */
	char *section_key;	/* that section's _index.md (real path): sections of one title stay apart */
	char *source_name;	/* where the article came from (front matter, or the trailing link) */
	char *source_url;	/* as written */
	char *source_href;	/* source_url when a book may link to it, else NULL */

	/*
	 * The header both books set (read/header.c): the standfirst, NULL when the summary only
	 * repeats the opening of the article; the tags less those that repeat the source's name
	 * (borrowed from fm.tags); and whether the body ends with the source-link paragraph the
	 * source came from, which the header shows instead (a view names it: source_para).
	 */
	char *standfirst;
	GPtrArray *header_tags;
	bool source_paragraph;
	/*
	 * Paragraphs that are one bold phrase and nothing else, as news sites write a subheading:
	 * both books set them as subheads (read/records.c decides; a view marks their nodes). Their
	 * numbers among the article's top-level paragraphs, counted from 0, in order.
	 */
	GArray *subheads;

	/*
	 * The thumbnail, shown above the body; NULL when there is none, and also
	 * when it is the same picture (same URL or same bytes) as the first image
	 * of the body, so no writer shows it twice. lead->res NULL: the writers
	 * show nothing there (a lead is decoration; the warning was given).
	 */
	struct image *lead;
	GPtrArray *headings;	/* of struct heading * */
	GPtrArray *images;	/* of struct image * */
	GPtrArray *links;	/* of struct link * */
	/*
	 * Links of its raw HTML that neither book keeps (html/sanitize.c: a script or other scheme,
	 * an address no valid URI says), url and line only: the passes say so, once for both books.
	 */
	GPtrArray *raw_refused;	/* of struct link * */
	/*
	 * What its raw HTML loses in both books (an element dropped, a script attribute, a video shown
	 * as a link: html/rawhtml.c's warnings), found once while it is read and said by the passes
	 * when a book takes it, whichever books the run writes; NULL: nothing.
	 */
	struct diag_held *raw_said;
	/*
	 * What reading its body found to say (repairs, shortcodes, pictures' addresses ...): said
	 * only when a book takes it (read/build.c), so an article the filters leave out (another
	 * tag, one a digest sent before) neither clutters the run's messages nor fails --strict.
	 */
	struct diag_held *read_said;
	/* The shortcodes its body uses that folio does not know (struct unknown_shortcode *), or
	   NULL: said once for the book, over the articles it takes (read/build.c). */
	GPtrArray *unknown_shortcodes;
	GPtrArray *footnotes;	/* of struct footnote *, by number */
};

/* A group of articles with its own title page / nested table of contents entry. */
struct part {
	char *title;
	char *id;		/* "p01" */
	GPtrArray *articles;	/* borrowed from book->articles, in reading order */
	struct article *intro;	/* _index.md body shown on the part page, or NULL */
};

/* What choosing the articles did: counts of what was left out and why, and the window asked for. */
struct chosen {
	guint read;		/* articles read (not counting _index.md) */
	guint drafts, by_files, by_date, undated, by_category, by_tag, by_lang;
	guint already_sent, duplicates, over_limit;
	guint future, expired, unlisted, headless, draft_sections;	/* Hugo's publishing rules */
	guint layout_only;	/* a theme's page (layout: search) with no text of its own */
	guint protected_;	/* a page its author locked with a password (FixIt's password:) */
	bool has_from, has_to;	/* the date window asked for: from <= date < to */
	gint64 from, to;
};

struct book {
	char *title, *subtitle, *author, *lang, *publisher, *description;
	char *rights;		/* --rights, else a Hugo site's copyright; or NULL */
	char *identifier;	/* "urn:uuid:..." derived from the content */
	gint64 modified;	/* SOURCE_DATE_EPOCH, else the newest article date */
	struct folio_date first, last;	/* dates of the oldest and newest article */
	char *cover;		/* real path of the cover image (--cover), or NULL */
	struct resource *cover_res;	/* --cover's image when it could be used, else NULL */
	bool cover_drawn;	/* no usable --cover: each back end draws the cover (format/cover.h) */

	GPtrArray *articles;	/* of struct article *, in reading order (owned) */
	GPtrArray *parts;	/* of struct part *; empty when the book is not grouped */
	GPtrArray *sections;	/* of struct article *: the _index.md files (owned) */
	GPtrArray *resources;	/* of struct resource *, in first-use order (owned) */
	GPtrArray *left_out;	/* of char *: "FILE: reason" for everything not in the book */
	struct chosen chosen;

	struct roots *roots;	/* the SOURCE folders the articles were read from */
	char *scratch;		/* folder holding converted images' bytes, removed by book_free; or NULL */
	double cjk_latin_space;	/* em between Han and Latin letters or digits, in both books (0: off) */
};

/* Constructors and destructors of the model. */
struct book *book_new(void);
void book_free(struct book *b);
struct article *article_new(void);
void article_free(struct article *a);
/*
 * A deep copy of an article reading is done with (its tree dropped: read/build.c), with root
 * as its root: each book of a run that reads a collection once gets its own, to choose, name
 * and resolve. Pointers into a book (an image's res, a link's target and anchor)
 * are copied as they are: reading leaves them NULL. A new field of struct article that owns
 * memory must be copied there too.
 */
struct article *article_copy(const struct article *a, const struct root *root);
void image_free(struct image *im);
void unknown_shortcode_free(gpointer u);
/* The texts the book shows, in its order: its articles, then its parts' introductions (g_ptr_array_free). */
GPtrArray *book_texts(const struct book *b);
struct part *part_new(const char *title);
void part_free(struct part *p);
void resource_free(struct resource *r);

#endif
