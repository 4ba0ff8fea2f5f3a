/* cff_read.c - reading a CFF font table (Adobe TN 5176) from a copy that holds only some of its bytes. */
#include "format/pdf/cff_read.h"

#include <stdint.h>

bool cff_copied(const struct cff_copy *t, unsigned long at, unsigned long n)
{
	return n <= t->size && at <= t->size - n && (at + n <= t->head || at >= t->tail);
}

bool cff_number(const struct cff_copy *t, unsigned long at, int n, unsigned long *v)
{
	if (n < 1 || n > 4 || !cff_copied(t, at, (unsigned long)n))
		return false;
	*v = 0;
	for (int i = 0; i < n; i++)
		*v = *v << 8 | t->b[at + i];
	return true;
}

unsigned long cff_index_offsets_end(const struct cff_copy *t, unsigned long at)
{
	unsigned long count, size;

	if (!cff_number(t, at, 2, &count))
		return 0;
	if (count == 0)
		return at + 2;
	if (!cff_number(t, at + 2, 1, &size) || size < 1 || size > 4 || count + 1 > (t->size - at - 3) / size)
		return 0;
	return at + 3 + (count + 1) * size;
}

unsigned long cff_index_bound(const struct cff_copy *t, unsigned long at)
{
	unsigned long offsets = cff_index_offsets_end(t, at), size, last;

	if (!offsets || offsets == at + 2)
		return offsets;
	size = t->b[at + 2];
	if (!cff_number(t, offsets - size, (int)size, &last) || last < 1 || last - 1 > t->size - offsets)
		return 0;
	return offsets + last - 1;
}

bool cff_index_object(const struct cff_copy *t, unsigned long at, unsigned long i, unsigned long *from,
		      unsigned long *to)
{
	unsigned long offsets = cff_index_offsets_end(t, at), count, size, a, b;

	if (!offsets || !cff_number(t, at, 2, &count) || i >= count)
		return false;
	size = t->b[at + 2];
	if (!cff_number(t, at + 3 + i * size, (int)size, &a) || !cff_number(t, at + 3 + (i + 1) * size, (int)size, &b)
	    || a < 1 || b < a || b - 1 > t->size - offsets)
		return false;
	*from = offsets - 1 + a;
	*to = offsets - 1 + b;
	return true;
}

unsigned long cff_index_end(const struct cff_copy *t, unsigned long at)
{
	unsigned long end = cff_index_bound(t, at);

	return end && cff_copied(t, at, end - at) ? end : 0;
}

int cff_dict_operands(const unsigned char *p, const unsigned char *end, int op, long v[2])
{
	long stack[48];		/* the most operands an operator may take */
	int n = 0;

	while (p < end) {
		int b = *p++;
		long x;

		if (b <= 21) {
			int o = b;

			if (b == 12) {
				if (p >= end)
					return -1;
				o = 1200 + *p++;
			}
			if (o == op) {
				for (int i = 0; i < n && i < 2; i++)
					v[i] = stack[i];
				return n;
			}
			n = 0;
			continue;
		}
		if (b == 28) {
			if (end - p < 2)
				return -1;
			x = (int16_t)(p[0] << 8 | p[1]);
			p += 2;
		} else if (b == 29) {
			if (end - p < 4)
				return -1;
			x = (int32_t)((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]);
			p += 4;
		} else if (b == 30) {	/* a real: nibbles up to the end nibble 0xf */
			while (p < end && (*p & 0x0f) != 0x0f && (*p & 0xf0) != 0xf0)
				p++;
			if (p++ >= end)
				return -1;
			x = 0;
		} else if (b >= 32 && b <= 246) {
			x = b - 139;
		} else if (b >= 247 && b <= 254) {
			if (p >= end)
				return -1;
			x = b <= 250 ? (b - 247) * 256 + *p + 108 : -(b - 251) * 256 - *p - 108;
			p++;
		} else {
			return -1;
		}
		if (n == (int)(sizeof stack / sizeof *stack))
			return -1;
		stack[n++] = x;
	}
	return -1;
}

unsigned long cff_fdselect_size(const struct cff_copy *t, unsigned long at, unsigned long count)
{
	unsigned long format, ranges;

	if (!cff_number(t, at, 1, &format))
		return 0;
	if (format == 0)
		return 1 + count;
	if (format == 3 && cff_number(t, at + 1, 2, &ranges))
		return 1 + 2 + 3 * ranges + 2;	/* format, count, the ranges, the sentinel */
	return 0;
}
