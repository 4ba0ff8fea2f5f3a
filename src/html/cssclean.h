/* cssclean.h - a stylesheet the user gives, kept to what a book may hold: no address outside it, no script hooks. */
#ifndef FOLIO_CSSCLEAN_H
#define FOLIO_CSSCLEAN_H

/*
 * css with its @import rules, script hooks (expression(), behavior, -moz-binding) and
 * declarations naming a file by url() left out (a data: address stays): the book holds no other
 * file a stylesheet could name, and EPUBCheck refuses a remote or missing one (a blog's stylesheet
 * importing a web font gave 8 errors). Said once, with file and line. g_free.
 */
char *cssclean(const char *css, const char *file);

#endif
