/* test_pageorder.c - where each drawn page stands in the book when the contents is drawn last. */
#include "check.h"
#include "format/pdf/layout.h"

#include <stdbool.h>
#include <string.h>

/* Is the mapping of n drawn pages a permutation of 0..n-1? */
static bool permutation(int n, int at, int moved)
{
	bool seen[64] = { false };

	for (int d = 0; d < n; d++) {
		int p = layout_book_position(d, n, at, moved);

		if (p < 0 || p >= n || seen[p])
			return false;
		seen[p] = true;
	}
	return true;
}

int main(void)
{
	/* Cover and title page drawn (0, 1), the body (2..7), the contents' three pages last (8..10). */
	int want[11] = { 0, 1, 5, 6, 7, 8, 9, 10, 2, 3, 4 }, got_ok = 1;

	for (int d = 0; d < 11; d++)
		got_ok &= layout_book_position(d, 11, 2, 3) == want[d];
	CHECK("page order: the last three pages drawn go before the third, the rest after them", got_ok);
	CHECK("page order: nothing moved, nothing moves", layout_book_position(5, 11, 2, 0) == 5);
	CHECK("page order: pages before the place stay", layout_book_position(1, 11, 2, 3) == 1);
	CHECK("page order: more moved than drawn moves nothing", layout_book_position(4, 3, 0, 5) == 4);
	CHECK("page order: a place past the pages moves nothing", layout_book_position(4, 10, 9, 3) == 4);
	CHECK("page order: a negative place moves nothing", layout_book_position(4, 10, -1, 3) == 4);
	{
		bool all = true;

		for (int n = 0; n <= 12; n++)
			for (int moved = 0; moved <= n; moved++)
				for (int at = 0; at + moved <= n; at++)
					all = all && permutation(n, at, moved);
		CHECK("page order: every page keeps a place of its own, for every size and place", all);
	}
	{
		int *drawn_at = layout_book_drawn_order(11, 2, 3);
		bool inverse = true;

		for (int d = 0; d < 11; d++)
			inverse = inverse && drawn_at[want[d]] == d;
		CHECK("page order: the drawn order is the inverse, page by page", inverse);
		g_free(drawn_at);
	}
	CHECK("page order: a move is a move only within the pages",
	      layout_book_moves(11, 2, 3) && !layout_book_moves(11, 2, 0) && !layout_book_moves(3, 0, 5)
	      && !layout_book_moves(10, 9, 3) && !layout_book_moves(10, -1, 3) && layout_book_moves(10, 7, 3));
	CHECK_DONE();
}
