/* fonts.h - the Pango font map of the PDF, configured from folio's own fontconfig file. */
#ifndef FOLIO_FONTS_H
#define FOLIO_FONTS_H

#include <stdbool.h>
#include <pango/pango.h>

struct fonts;

/*
 * A font map reading fonts through datadir/fonts/fonts.conf (so a book does
 * not change with the user's font set-up; the system's set-up is used, with a
 * warning, when that file is missing), at 72 dpi so that 1 unit is 1 point,
 * with hinting and glyph position rounding off. Free with fonts_free.
 */
struct fonts *fonts_new(const char *datadir);
/* The same, for helper threads: problems were reported by the first fonts_new. */
struct fonts *fonts_new_quiet(const char *datadir);
/* A map of its own for another thread (Pango's are not shared), with like's set-up. */
struct fonts *fonts_another(struct fonts *like);
void fonts_free(struct fonts *f);
/*
 * A run of many books (folio batch): with on, fonts_free keeps a map for the next fonts_new or
 * fonts_another of the same set-up, so its fonts, sorted font sets and glyph metrics serve
 * every book; off frees what was kept.
 */
void fonts_reuse(bool on);

/*
 * Fonts on many threads. cairo 1.16 closes an idle FreeType face once ten are open, and its test
 * that a face is idle races with another thread taking it: a glyph lookup then reads a face
 * closed under it (crashes seen on the corpus with two threads). So every font is pinned before
 * its face is used (fonts_pin): a pinned font's face stays open and taken, so only faces nobody
 * uses are ever closed. A face is opened when its font's Cairo font is first made, which
 * fonts_pin does under fonts_lock; itemizing opens none (Pango reads coverage from fontconfig and
 * shapes with HarfBuzz), so it runs unlocked and its fonts are pinned after it. A Pango call that
 * may use a font before it is pinned (a font set, metrics, a layout drawn) runs between
 * fonts_lock and fonts_unlock. fonts_unpin_all lets them go when no other thread sets or draws
 * text (the end of a PDF).
 */
void fonts_lock(void);
void fonts_unlock(void);
/* Keep font's face open and taken until fonts_unpin_all, with no active character map (only Cairo
   reads it, to look for each glyph's character). Takes the lock the first time for a font. */
void fonts_pin(PangoFont *font);
/*
 * The same for a font of text shaped before, perhaps on a map another thread is using now (a
 * paragraph set in an earlier book, parakeep.h): only its own face is pinned. Its missing
 * characters' boxes were measured when it was shaped, and loading their face goes through the
 * map, which is not to be touched from another thread.
 */
void fonts_pin_shaped(PangoFont *font);
/* How many pins are held now (a face pinned twice counts twice): for the tests. */
guint fonts_pinned(void);
void fonts_unpin_all(void);

/* A context for setting text with the map (owned by f). */
PangoContext *fonts_context(struct fonts *f);

/* The Noto CJK region for a BCP 47 tag: "SC", "TC" (zh-TW, zh-Hant), "HK", "JP" or "KR"; "SC" otherwise. */
const char *fonts_cjk_region(const char *lang);

/* A family list with "{cjk}" replaced by region; g_free. */
char *fonts_family_list(const char *pattern, const char *region);

#endif
