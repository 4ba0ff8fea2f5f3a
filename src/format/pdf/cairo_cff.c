/* cairo_cff.c - Cairo 1.16's test of whether a CFF font is CID-keyed reads the table's head, not all of it. */
#include "format/pdf/cairo_cff.h"

#include <dlfcn.h>
#include <cairo.h>
#include <glib.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include "format/pdf/cairo_code.h"

/* A whole table smaller than this is copied as asked: only CJK faces' are worth the care. */
enum { SMALL_TABLE = 1 << 20 };

static _Thread_local bool drawing;
static gint heads;

void cairo_cff_page_begin(void)
{
	cairo_code_init();	/* whose calls are cut (once a process) */
	drawing = true;
}

void cairo_cff_page_end(void)
{
	drawing = false;
}

unsigned cairo_cff_heads(void)
{
	return (unsigned)g_atomic_int_get(&heads);
}

typedef FT_Error (*load_fn)(FT_Face, FT_ULong, FT_Long, FT_Byte *, FT_ULong *);

/* FreeType's own FT_Load_Sfnt_Table, the one this file's stands in front of. */
static load_fn freetype_load(void)
{
	static gsize once;
	static load_fn real;

	if (g_once_init_enter(&once)) {
		real = (load_fn)dlsym(RTLD_NEXT, "FT_Load_Sfnt_Table");
		g_once_init_leave(&once, 1);
	}
	return real;
}

/* n (1 to 4) big-endian bytes of face's CFF table at offset into *v; false if they cannot be read. */
static bool read_be(load_fn load, FT_Face face, FT_ULong offset, int n, FT_ULong *v)
{
	FT_Byte b[4];
	FT_ULong len = (FT_ULong)n;

	if (load(face, TTAG_CFF, (FT_Long)offset, b, &len))
		return false;
	*v = 0;
	for (int i = 0; i < n; i++)
		*v = *v << 8 | b[i];
	return true;
}

/* Where the CFF INDEX at offset ends (count, offset size, offsets, data); 0 if it cannot be read. */
static FT_ULong index_end(load_fn load, FT_Face face, FT_ULong offset, FT_ULong table)
{
	FT_ULong count, size, last;

	if (!read_be(load, face, offset, 2, &count))
		return 0;
	if (count == 0)
		return offset + 2;
	if (!read_be(load, face, offset + 2, 1, &size) || size < 1 || size > 4
	    || offset + 3 + (count + 1) * size > table
	    || !read_be(load, face, offset + 3 + count * size, (int)size, &last) || last < 1)
		return 0;
	return offset + 3 + (count + 1) * size + last - 1;
}

/*
 * How much of face's CFF table (table bytes) Cairo's CID test reads: the header (version 1.0 of
 * four bytes, which the test requires), the Name INDEX, the Top DICT INDEX. 0 when the table is
 * not such, or does not end where it says: then it is all copied, and the test judges it.
 */
static FT_ULong cid_test_reads(load_fn load, FT_Face face, FT_ULong table)
{
	FT_ULong version, header, end;

	if (!read_be(load, face, 0, 2, &version) || version != 0x0100 || !read_be(load, face, 2, 1, &header)
	    || header != 4)
		return 0;
	end = index_end(load, face, header, table);
	end = end ? index_end(load, face, end, table) : 0;
	return end <= table ? end : 0;
}

/*
 * FreeType's FT_Load_Sfnt_Table, which every library's call reaches (the program's symbols come
 * first, as cairo_zlib.c's deflateInit_), as FreeType does it but for Cairo's CID test.
 */
FT_Error FT_Load_Sfnt_Table(FT_Face face, FT_ULong tag, FT_Long offset, FT_Byte *buffer, FT_ULong *length)
{
	load_fn load = freetype_load();
	FT_ULong table = 0, head;

	if (!load)
		return FT_Err_Unimplemented_Feature;
	if (drawing && tag == TTAG_CFF && offset == 0 && buffer && length && *length >= SMALL_TABLE
	    && cairo_version() >= CAIRO_VERSION_ENCODE(1, 16, 0) && cairo_version() < CAIRO_VERSION_ENCODE(1, 17, 0)
	    && cairo_code_contains(__builtin_return_address(0)) && !load(face, tag, 0, NULL, &table) && table == *length
	    && (head = cid_test_reads(load, face, table)) > 0) {
		g_atomic_int_inc(&heads);
		return load(face, tag, 0, buffer, &head);
	}
	return load(face, tag, offset, buffer, length);
}
