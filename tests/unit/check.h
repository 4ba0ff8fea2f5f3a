/* check.h - the few macros folio's unit tests use; results are read by tests/run. */
#ifndef FOLIO_CHECK_H
#define FOLIO_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_failures;

#define CHECK(name, cond) do { \
	if (cond) printf("ok %s\n", name); \
	else { printf("FAIL %s (%s:%d: %s)\n", name, __FILE__, __LINE__, #cond); check_failures++; } \
} while (0)

#define CHECK_STR(name, got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ && w_ && !strcmp(g_, w_)) printf("ok %s\n", name); \
	else { printf("FAIL %s (%s:%d: got '%s', want '%s')\n", name, __FILE__, __LINE__, \
		       g_ ? g_ : "(null)", w_ ? w_ : "(null)"); check_failures++; } \
} while (0)

#define CHECK_DONE() return check_failures ? 1 : 0

#endif
