/* alttext.h - whether a picture's alternative text says anything: the one judgement both books make. */
#ifndef FOLIO_ALTTEXT_H
#define FOLIO_ALTTEXT_H

#include <stdbool.h>

/*
 * True when alt text describes something: not empty, not a single character, not a generic word
 * (图片, 配图, image, photo, 画像, 사진 ...), not a file name ("DSC_0012.jpg").
 */
bool alt_text_meaningful(const char *alt);

/*
 * What the placeholder of a picture not in the book says it showed (g_free), or NULL: its alt text
 * where that says something, then, on a line of its own, its caption where that is other text.
 */
char *alt_text_for_placeholder(const char *alt, const char *caption);

#endif
