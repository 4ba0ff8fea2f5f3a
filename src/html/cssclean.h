/* cssclean.h - a stylesheet (the user's, an SVG's) kept to what a book may hold: no address outside it, no script hooks. */
#ifndef FOLIO_CSSCLEAN_H
#define FOLIO_CSSCLEAN_H

/*
 * css with its @import rules, script hooks (expression(), behavior, -moz-binding) and
 * declarations naming a file by url() left out (a data: address stays, and a #fragment, a part
 * of the file it is in): the book holds no other file a stylesheet could name, and EPUBCheck
 * refuses a remote or missing one (a blog's stylesheet importing a web font gave 8 errors).
 * Said once, with file and line. g_free.
 */
char *cssclean(const char *css, const char *file);

/* The same, saying nothing: *dropped counts the rules and declarations left out (an SVG's style). */
char *cssclean_quiet(const char *css, unsigned *dropped);

#endif
