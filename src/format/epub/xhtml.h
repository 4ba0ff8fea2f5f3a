/* xhtml.h - one article's cmark tree as an XHTML5 document for the EPUB (the model is only read). */
#ifndef FOLIO_XHTML_H
#define FOLIO_XHTML_H

#include <glib.h>

#include "book/model.h"

/* The stylesheet every page links to, relative to the pages. */
#define XHTML_CSS_HREF "css/epub.css"
/* The class of the html element of a page set vertically (--writing-mode vertical-rl). */
#define XHTML_VERTICAL_CLASS "vertical"
/* The body class of a page whose language is not Chinese, Japanese or Korean (templates/epub.css). */
#define XHTML_LATIN_CLASS "latin"

/* The page a's XHTML lives in: "a0003.xhtml"; g_free. */
char *xhtml_file_name(const struct article *a);

/*
 * The whole XHTML document of article a: its header (title, date, author,
 * source, tags, summary), lead image, body and footnotes. *found gets
 * SANITIZE_SVG / SANITIZE_MATHML when raw HTML brought inline SVG or
 * MathML (the package must declare them). Problems in raw HTML are
 * reported through diag. Free with g_string_free.
 */
GString *xhtml_article(const struct book *b, const struct article *a, unsigned *found);
/*
 * The same in a vertical edition when vertical: a Chinese or Japanese page is then set vertically
 * (html class "vertical"; quotes and short numbers as format/epub/vertical.h makes them).
 */
GString *xhtml_article_in(const struct book *b, const struct article *a, bool vertical, unsigned *found);

/* The page that opens part p (its title and the body of its _index.md). */
GString *xhtml_part(const struct book *b, const struct part *p, unsigned *found);
GString *xhtml_part_in(const struct book *b, const struct part *p, bool vertical, unsigned *found);

/* Start and end an XHTML page: declaration, html with lang (and class "vertical"), head with title and stylesheet, body. */
void xhtml_begin(GString *out, const char *lang, const char *title, const char *body_class, bool vertical);
void xhtml_end(GString *out);

/* lang when it is a well-formed language tag, else "und": a bad front matter lang cannot break the book. */
const char *xhtml_lang(const char *lang);
/* title, or "…" when it is empty: titles may not be. */
const char *xhtml_title(const char *title);
/*
 * Text as a page shows it: spaced between Chinese and Latin as the body is (cjk_space em, the
 * book's), set for a vertical page in language vlang (NULL: a horizontal page), escaped.
 */
void xhtml_text(GString *out, const char *text, const char *vlang, double cjk_space);

#endif
