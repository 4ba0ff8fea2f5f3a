/* test_cff_read.c - reading a CFF table's INDEXes, DICTs and FDSelect from a copy of some of its bytes. */
#include "check.h"
#include "format/pdf/cff_read.h"

int main(void)
{
	/* An INDEX of two objects ("ab", "c") with 1-byte offsets at 2, then a DICT, then an FDSelect. */
	unsigned char b[64] = { 0xee, 0xee, 0, 2, 1, 1, 3, 4, 'a', 'b', 'c' };
	struct cff_copy all = { b, sizeof b, sizeof b, sizeof b };
	struct cff_copy cut = { b, 9, 11, sizeof b };	/* byte 'b' (9) and 'c' (10) not copied */
	struct cff_copy tail = { b, 0, 8, sizeof b };	/* only from byte 8 on */
	unsigned long v;
	long a[2] = { 0, 0 };

	CHECK("cff_read: an INDEX ends after its last object", cff_index_end(&all, 2) == 11);
	CHECK("cff_read: ... not when its data is not all copied", cff_index_end(&cut, 2) == 0);
	CHECK("cff_read: ... nor its count", cff_index_end(&tail, 2) == 0);
	CHECK("cff_read: its offsets end after count + 1 of them", cff_index_offsets_end(&all, 2) == 8);
	CHECK("cff_read: where it ends is read from its offsets, its objects not copied",
	      cff_index_bound(&cut, 2) == 11 && cff_index_bound(&tail, 2) == 0);
	{
		unsigned long from = 0, to = 0;

		CHECK("cff_read: its first object", cff_index_object(&all, 2, 0, &from, &to) && from == 8 && to == 10);
		CHECK("cff_read: its last object", cff_index_object(&cut, 2, 1, &from, &to) && from == 10 && to == 11);
		CHECK("cff_read: no object past its count", !cff_index_object(&all, 2, 2, &from, &to));
		b[5] = 0;
		CHECK("cff_read: an offset of 0 is no object", !cff_index_object(&all, 2, 0, &from, &to));
		b[5] = 1, b[6] = 5;
		CHECK("cff_read: offsets going back are no object", !cff_index_object(&all, 2, 1, &from, &to));
		b[6] = 3;
	}
	b[20] = 0, b[21] = 0;
	CHECK("cff_read: an empty INDEX is its count", cff_index_end(&all, 20) == 22);
	b[4] = 5;
	CHECK("cff_read: an offset size over 4 is no INDEX", cff_index_end(&all, 2) == 0);
	b[4] = 1, b[7] = 0;
	CHECK("cff_read: a last offset of 0 is no INDEX", cff_index_end(&all, 2) == 0);
	b[7] = 4, b[3] = 200;
	CHECK("cff_read: offsets past the table are no INDEX", cff_index_end(&all, 2) == 0);
	b[3] = 2;
	CHECK("cff_read: a number is big-endian", cff_number(&all, 2, 2, &v) && v == 2);
	CHECK("cff_read: ... and read only where copied", !cff_number(&cut, 8, 2, &v) && !cff_number(&all, 63, 2, &v));

	/* Operands in each of the DICT's encodings; 12 x is one operator. */
	{
		const unsigned char dict[] = {
			139, 17,				/* 0 CharStrings */
			28, 0x12, 0x34, 247, 0, 18,		/* 0x1234 108 Private */
			29, 0xff, 0xff, 0xff, 0xfe, 12, 36,	/* -2 FDArray */
			251, 1, 30, 0x1a, 0x2f, 12, 30,		/* -109, 1.2: ROS */
			32, 12, 37,				/* -107 FDSelect */
		};
		const unsigned char *end = dict + sizeof dict;

		CHECK("cff_read: a one-byte operand", cff_dict_operands(dict, end, CFF_CHARSTRINGS, a) == 1 && a[0] == 0);
		CHECK("cff_read: two- and one-byte operands", cff_dict_operands(dict, end, CFF_PRIVATE, a) == 2
		      && a[0] == 0x1234 && a[1] == 108);
		CHECK("cff_read: a four-byte operand, negative", cff_dict_operands(dict, end, CFF_FDARRAY, a) == 1 && a[0] == -2);
		CHECK("cff_read: a negative two-byte operand and a real", cff_dict_operands(dict, end, CFF_ROS, a) == 2
		      && a[0] == -109 && a[1] == 0);
		CHECK("cff_read: the last operator", cff_dict_operands(dict, end, CFF_FDSELECT, a) == 1 && a[0] == -107);
		CHECK("cff_read: an operator not there", cff_dict_operands(dict, end, CFF_SUBRS, a) == -1);
		CHECK("cff_read: a DICT cut inside an operand", cff_dict_operands(dict, dict + 4, CFF_PRIVATE, a) == -1);
		CHECK("cff_read: a DICT cut inside an escaped operator", cff_dict_operands(dict, dict + 14, CFF_FDARRAY, a) == -1);
	}
	{
		const unsigned char reserved[] = { 139, 255, 139, 17 };

		CHECK("cff_read: a reserved byte ends the reading",
		      cff_dict_operands(reserved, reserved + 4, CFF_CHARSTRINGS, a) == -1);
	}

	/* FDSelect: format 0 a byte a glyph; format 3 ranges and a sentinel. */
	b[30] = 0;
	CHECK("cff_read: FDSelect format 0", cff_fdselect_size(&all, 30, 10) == 11);
	b[30] = 3, b[31] = 0, b[32] = 2;
	CHECK("cff_read: FDSelect format 3", cff_fdselect_size(&all, 30, 10) == 11);
	b[30] = 1;
	CHECK("cff_read: another format is not read", cff_fdselect_size(&all, 30, 10) == 0);
	CHECK_DONE();
}
