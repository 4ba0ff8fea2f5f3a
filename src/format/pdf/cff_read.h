/* cff_read.h - reading a CFF font table (Adobe TN 5176) from a copy that holds only some of its bytes. */
#ifndef FOLIO_CFF_READ_H
#define FOLIO_CFF_READ_H

#include <stdbool.h>

/* A CFF table of size bytes being copied into b: its bytes [0, head) and [tail, size) are there. */
struct cff_copy {
	unsigned char *b;
	unsigned long head, tail, size;
};

/* Whether the n bytes at at are all in one copied part. */
bool cff_copied(const struct cff_copy *t, unsigned long at, unsigned long n);
/* The n (1 to 4) big-endian bytes at at into *v; false unless they are copied. */
bool cff_number(const struct cff_copy *t, unsigned long at, int n, unsigned long *v);
/*
 * An INDEX is its count, offset size, offsets and objects. Where the INDEX at at: ends its
 * offsets (from its count and offset size, which must be copied); ends, as its last offset says
 * (which must be copied too, its objects need not be); ends, when all of it is in one copied part.
 * Each 0 if they cannot be read or it is no INDEX.
 */
unsigned long cff_index_offsets_end(const struct cff_copy *t, unsigned long at);
unsigned long cff_index_bound(const struct cff_copy *t, unsigned long at);
unsigned long cff_index_end(const struct cff_copy *t, unsigned long at);
/* Where object i of the INDEX at at lies, [*from, *to), by its offsets (which must be copied). */
bool cff_index_object(const struct cff_copy *t, unsigned long at, unsigned long i, unsigned long *from,
		      unsigned long *to);

/* The DICT operators read here (12 x is 1200 + x). */
enum { CFF_CHARSET = 15, CFF_CHARSTRINGS = 17, CFF_PRIVATE = 18, CFF_SUBRS = 19, CFF_ROS = 1230,
       CFF_FDARRAY = 1236, CFF_FDSELECT = 1237 };
/* How many operands op has in the DICT [p, end), the first two into v (integers; a real reads as
   0); -1 when op is not there or the DICT cannot be read. */
int cff_dict_operands(const unsigned char *p, const unsigned char *end, int op, long v[2]);

/* How many bytes the FDSelect at at takes for count glyphs (formats 0 and 3); 0 if it cannot be read. */
unsigned long cff_fdselect_size(const struct cff_copy *t, unsigned long at, unsigned long count);

#endif
