/* textnorm.h - how the author's white space becomes book text, the same in the EPUB and the PDF; headings with no words. */
#ifndef FOLIO_TEXTNORM_H
#define FOLIO_TEXTNORM_H

#include <stdbool.h>
#include <cmark-gfm.h>
#include <glib.h>

/*
 * What a Markdown soft line break between the characters before and after it
 * becomes: nothing between two CJK characters (a Chinese paragraph wrapped in
 * the source has no spaces), a space otherwise; with a picture or raw HTML on one
 * side (0), a space when the character on the other is not CJK.
 */
bool textnorm_softbreak_is_space(gunichar before, gunichar after);

/* The last character of the text before node n and the first after it, within its paragraph (0 if none). */
gunichar textnorm_char_before(cmark_node *n);
gunichar textnorm_char_after(cmark_node *n);

/*
 * The space character the EPUB uses between Chinese and Western text for a space of em
 * (the PDF's para_settings.cjk_latin_space): 0.25 gives U+2005 FOUR-PER-EM SPACE, and the
 * nearest of U+2002 (1/2), U+2004 (1/3), U+2009 (1/5), U+2006 (1/6) otherwise; 0 when em <= 0.
 */
gunichar textnorm_cjk_space_char(double em);

/*
 * Append text (len bytes, -1: up to NUL) to out with its spaces made what the PDF sets:
 * spaces typed beside full-width punctuation are dropped (clreq_space_dropped: "成本， 但"
 * becomes "成本，但"), and with em > 0 the space between Han (or kana) and Latin letters or
 * digits (CLREQ 3.2.2) is one textnorm_cjk_space_char(em), replacing a typed run of spaces
 * or inserted where the author typed none. Nothing else changes; URLs have no Han characters
 * inside, so they are never touched. before and after are the characters just outside the
 * text (0: none); a space is inserted at the start only if own_start, at the end whenever
 * after calls for it.
 */
void textnorm_cjk_spacing(GString *out, const char *text, gssize len, gunichar before, gunichar after,
			  bool own_start, double em);

/*
 * Append the literal of CMARK_NODE_TEXT node n to out as the EPUB should show it
 * (textnorm_cjk_spacing with its neighbours): a boundary between two text nodes is handled
 * by the first, one between text and inline code by the text; code is never changed. The
 * first text of a block loses the indent the author typed (textnorm_indent_len), as in the PDF.
 */
void textnorm_text(GString *out, cmark_node *n, double em);

/*
 * What CMARK_NODE_SOFTBREAK node n becomes, as a static string: "" between two CJK
 * characters or beside full-width punctuation, the Chinese-Western space (UTF-8 of
 * textnorm_cjk_space_char) between Han and Latin when em > 0, else " ".
 */
const char *textnorm_softbreak(cmark_node *n, double em);

/*
 * Bytes of white space at the start of text (ideographic spaces U+3000, spaces, tabs,
 * no-break spaces): the indent Chinese authors type by hand ("　　"). Neither book shows it
 * (textnorm_text and para drop it): folio indents paragraphs itself.
 */
size_t textnorm_indent_len(const char *text);

/*
 * Markdown source md (len bytes) with the hand-typed indent moved out of emphasis that opens
 * a line: "**　　整体**" becomes "　　**整体**", so the emphasis is parsed (CommonMark does not
 * open emphasis before white space) and the indent is dropped like any other. Returns a new
 * string (g_free) with *out_len set, or NULL when nothing needed changing. Call before parsing.
 */
char *textnorm_markdown_indents(const char *md, size_t len, size_t *out_len);

/*
 * Join each paragraph under root that ends with an opening bracket or quote ("类似的「"), with
 * "，" or "、", or with a word no Chinese sentence ends on ("的", "和", "在" ...) before text, to
 * the paragraph after it, and a paragraph that starts with a full-width stop or closing mark to
 * the paragraph before it (ending in text, a link or emphasis; "10%-20%" then "，散装"): the author's blank line fell inside a sentence, and left alone
 * the mark would end or start a line. Returns how many were joined (a pass may warn about each).
 */
int textnorm_join_split_paragraphs(cmark_node *root);

/*
 * A heading under root with no words (a picture alone, a spacer, raw HTML that shows no text, or
 * nothing) is no heading: a paragraph of what it holds, or nothing when it holds nothing. The EPUB
 * wrote an empty <h2> (DAISY Ace: empty-heading) around it and the PDF dropped it with its picture.
 */
void textnorm_wordless_headings(cmark_node *root);

/*
 * Straight double quotes typed in Chinese text ("反AI") become the curly pairs Chinese sets
 * (“反AI”), opening and closing in turn, in every paragraph, heading or table cell that holds
 * Chinese characters and an even number of them; code is left alone. (cmark's own smart
 * punctuation takes a quote between two Chinese characters for a closing one.) Returns how many
 * text nodes changed.
 */
int textnorm_cjk_quotes(cmark_node *root);
/* The same for a line of front matter (a summary): a new string (g_free), or NULL when unchanged. */
char *textnorm_cjk_quotes_text(const char *s);

/* "\r\n" and lone "\r" become "\n", in place (text holds len + 1 bytes); returns the new length. */
size_t textnorm_newlines(char *text, size_t len);

#endif
