/* emoji.h - Hugo's emoji codes (":smile:") and the characters they stand for. */
#ifndef FOLIO_EMOJI_H
#define FOLIO_EMOJI_H

#include <stddef.h>
#include <glib.h>

/* The emoji the code (len bytes, colons included: ":smile:") stands for, or NULL when it is none. */
const char *emoji_lookup(const char *code, size_t len);

/*
 * Append text (len bytes) to out with every emoji code replaced by its emoji, as Hugo does with
 * enableEmoji (its table: the Go package kyokomi/emoji). Returns how many were replaced.
 */
unsigned emoji_replace(GString *out, const char *text, size_t len);

#endif
