/* emoji.h - Hugo's emoji codes (":smile:") and the characters they stand for. */
#ifndef FOLIO_EMOJI_H
#define FOLIO_EMOJI_H

#include <stddef.h>
#include <glib.h>

/* The emoji the code (len bytes, colons included: ":smile:") stands for, or NULL when it is none. */
const char *emoji_lookup(const char *code, size_t len);

/*
 * The emoji of the code that starts at s (its first colon; avail bytes there), as Hugo replaces
 * them with enableEmoji (its table: the Go package kyokomi/emoji), with the code's length in
 * *code_len; NULL when no code starts there.
 */
const char *emoji_at(const char *s, size_t avail, size_t *code_len);

#endif
