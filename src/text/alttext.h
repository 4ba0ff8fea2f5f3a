/* alttext.h - whether a picture's alternative text says anything: the one judgement both books make. */
#ifndef FOLIO_ALTTEXT_H
#define FOLIO_ALTTEXT_H

#include <stdbool.h>

/*
 * True when alt text describes something: not empty, not a single character, not a generic word
 * (图片, 配图, image, photo, 画像, 사진 ...), not a file name ("DSC_0012.jpg").
 */
bool alt_text_meaningful(const char *alt);

#endif
