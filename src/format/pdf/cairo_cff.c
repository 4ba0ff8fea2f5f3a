/* cairo_cff.c - Cairo 1.16's loads of a CJK face's whole CFF table copy only what it reads of it. */
#include "format/pdf/cairo_cff.h"

#include <dlfcn.h>
#include <cairo.h>
#include <glib.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include "format/pdf/cairo_code.h"
#include "format/pdf/cairo_glyphs.h"
#include "format/pdf/cff_read.h"

/* A whole table smaller than this is copied as asked: only CJK faces' are worth the care. */
enum { SMALL_TABLE = 1 << 20 };

static _Thread_local bool drawing;
static gint heads, thinned, thinning = 1;

void cairo_cff_page_begin(void)
{
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

unsigned cairo_cff_thinned(void)
{
	return (unsigned)g_atomic_int_get(&thinned);
}

void cairo_cff_set_thinning(bool on)
{
	g_atomic_int_set(&thinning, on);
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

/* Loads the table's bytes [t->head, to) into t->b, at the same place: t->head becomes to. */
static bool load_to(load_fn load, FT_Face face, struct cff_copy *t, FT_ULong to)
{
	FT_ULong len = to - t->head;

	if (to > t->size || (to > t->head && (load(face, TTAG_CFF, (FT_Long)t->head, t->b + t->head, &len)
					      || len != to - t->head)))
		return false;
	if (to > t->head)
		t->head = to;
	return true;
}

/* Loads [from, to) of the table, past what load_to loaded. */
static bool load_range(load_fn load, FT_Face face, struct cff_copy *t, FT_ULong from, FT_ULong to)
{
	FT_ULong len = to - from;

	return from >= to || (to <= t->size && !load(face, TTAG_CFF, (FT_Long)from, t->b + from, &len) && len == to - from);
}

/* Loads the INDEX at at, which starts where the copy ends (its count and offset size, its
   offsets, its objects): where it ends, or 0 if it cannot be read. */
static FT_ULong load_index(load_fn load, FT_Face face, struct cff_copy *t, FT_ULong at)
{
	FT_ULong count, end;

	if (!load_to(load, face, t, at + 2) || !cff_number(t, at, 2, &count))
		return 0;
	if (count && (!load_to(load, face, t, at + 3) || !(end = cff_index_offsets_end(t, at)) || !load_to(load, face, t, end)))
		return 0;
	return (end = cff_index_bound(t, at)) && load_to(load, face, t, end) ? end : 0;
}

/*
 * Loads what Cairo's CID test reads of the table: the header (version 1.0 of four bytes, which the
 * test requires), the Name INDEX, the Top DICT INDEX. Where that ends; 0 when the table is not
 * such, or does not end where it says: then it is all copied, and the test judges it.
 */
static FT_ULong load_head(load_fn load, FT_Face face, struct cff_copy *t)
{
	FT_ULong version, header, name_end;

	if (!load_to(load, face, t, 4) || !cff_number(t, 0, 2, &version) || version != 0x0100
	    || !cff_number(t, 2, 1, &header) || header != 4 || !(name_end = load_index(load, face, t, 4)))
		return 0;
	return load_index(load, face, t, name_end);
}

/*
 * Cairo's subsetting, when it finishes a PDF, loads a CID-keyed face's whole CFF table and then
 * reads of its CharStrings (nine tenths of Noto CJK's 15 to 23 MB) only the glyphs the PDF uses.
 * So the table is copied but for the CharStrings of glyphs no PDF of the process has shown
 * (cairo_glyphs.h), whose bytes in Cairo's buffer are left as they are. Everything else Cairo
 * reads (the header and INDEXes, the Top DICT and what it points to: charset, FDSelect, FDArray,
 * the Private DICTs and their subroutines) must lie outside the CharStrings' data, or the whole
 * table is copied.
 */

/*
 * Whether every structure Cairo reads besides the CharStrings is in a copied part: the String and
 * Global Subr INDEXes after the Top DICT INDEX (which ends at top_end), and what the Top DICT
 * [dict, dict_end) points to.
 */
static bool references_copied(const struct cff_copy *t, FT_ULong top_end, const FT_Byte *dict, const FT_Byte *dict_end,
			      FT_ULong count)
{
	long a[2];
	FT_ULong fd_array, n;

	if (!(n = cff_index_end(t, top_end)) || !cff_index_end(t, n))
		return false;
	if (cff_dict_operands(dict, dict_end, CFF_CHARSET, a) == 1 && (a[0] < 0 || !cff_copied(t, (FT_ULong)a[0], 1)))
		return false;
	if (cff_dict_operands(dict, dict_end, CFF_FDSELECT, a) != 1 || a[0] < 0
	    || !(n = cff_fdselect_size(t, (FT_ULong)a[0], count)) || !cff_copied(t, (FT_ULong)a[0], n))
		return false;
	if (cff_dict_operands(dict, dict_end, CFF_FDARRAY, a) != 1 || a[0] < 0
	    || !cff_index_end(t, fd_array = (FT_ULong)a[0]) || !cff_number(t, fd_array, 2, &n))
		return false;
	/* Each Font DICT, and the Private DICT and subroutines it points to. */
	for (FT_ULong i = 0; i < n; i++) {
		FT_ULong from, to;
		long priv[2], subrs[2];

		if (!cff_index_object(t, fd_array, i, &from, &to)
		    || cff_dict_operands(t->b + from, t->b + to, CFF_PRIVATE, priv) != 2 || priv[0] < 0 || priv[1] < 0
		    || !cff_copied(t, (FT_ULong)priv[1], (FT_ULong)priv[0]))
			return false;
		if (cff_dict_operands(t->b + priv[1], t->b + priv[1] + priv[0], CFF_SUBRS, subrs) == 1
		    && (subrs[0] < 0 || !cff_index_end(t, (FT_ULong)(priv[1] + subrs[0]))))
			return false;
	}
	return true;
}

/*
 * Copies face's CID-keyed CFF table (t->size bytes) into t->b but for the CharStrings of glyphs
 * not shown; false when it is not such a table or anything Cairo reads would be left out (then
 * t->b holds part of it).
 */
static bool copy_shown(load_fn load, FT_Face face, struct cff_copy *t, const struct cairo_glyphs *shown)
{
	FT_ULong top_end, name_end, from, to, cs, count, data, end;
	const FT_Byte *dict, *dict_end;
	long a[2];

	/* The Top DICT: the first object of its INDEX, which follows the Name INDEX. */
	if (!(top_end = load_head(load, face, t)) || !(name_end = cff_index_end(t, 4))
	    || !cff_index_object(t, name_end, 0, &from, &to) || !cff_copied(t, from, to - from))
		return false;
	dict = t->b + from;
	dict_end = t->b + to;
	if (cff_dict_operands(dict, dict_end, CFF_ROS, a) < 0 || cff_dict_operands(dict, dict_end, CFF_CHARSTRINGS, a) != 1
	    || a[0] < (long)t->head)
		return false;
	/* The CharStrings INDEX's count, offset size and offsets, then everything after its objects. */
	cs = (FT_ULong)a[0];
	if (!load_to(load, face, t, cs + 3) || !cff_number(t, cs, 2, &count) || count < 1
	    || !(data = cff_index_offsets_end(t, cs)) || !load_to(load, face, t, data)
	    || !(end = cff_index_bound(t, cs)) || !load_range(load, face, t, end, t->size))
		return false;
	t->tail = end;
	if (!references_copied(t, top_end, dict, dict_end, count))
		return false;
	/* The shown glyphs' CharStrings, a run of consecutive glyphs [g, e) at a time. */
	for (FT_ULong g = cairo_glyphs_next(shown, 0), e; g < count; g = cairo_glyphs_next(shown, (unsigned)e)) {
		FT_ULong run_from, run_to;

		if (!cff_index_object(t, cs, g, &run_from, &run_to))
			return false;
		for (e = g + 1; e < count && cairo_glyphs_shown(shown, (unsigned)e); e++)
			if (!cff_index_object(t, cs, e, &from, &run_to))
				return false;
		if (!load_range(load, face, t, run_from, run_to))
			return false;
	}
	return true;
}

/*
 * FreeType's FT_Load_Sfnt_Table, which every library's call reaches (the program's symbols come
 * first, as cairo_zlib.c's deflateInit_), as FreeType does it but for Cairo's loads of a whole
 * CFF table: its CID test's, while a page is drawn, and its subsetting's, at the finish.
 */
FT_Error FT_Load_Sfnt_Table(FT_Face face, FT_ULong tag, FT_Long offset, FT_Byte *buffer, FT_ULong *length)
{
	load_fn load = freetype_load();
	FT_ULong table = 0;

	if (!load)
		return FT_Err_Unimplemented_Feature;
	if (tag == TTAG_CFF && offset == 0 && buffer && length && *length >= SMALL_TABLE
	    && cairo_version() >= CAIRO_VERSION_ENCODE(1, 16, 0) && cairo_version() < CAIRO_VERSION_ENCODE(1, 17, 0)
	    && cairo_code_contains(__builtin_return_address(0)) && !load(face, tag, 0, NULL, &table) && table == *length) {
		struct cff_copy t = { buffer, 0, table, table };
		const struct cairo_glyphs *shown;

		if (drawing && load_head(load, face, &t)) {
			g_atomic_int_inc(&heads);
			return FT_Err_Ok;
		}
		if (!drawing && g_atomic_int_get(&thinning) && face->stream
		    && (shown = cairo_glyphs_of_file(face->stream->pathname.pointer)) && copy_shown(load, face, &t, shown)) {
			g_atomic_int_inc(&thinned);
			return FT_Err_Ok;
		}
	}
	return load(face, tag, offset, buffer, length);
}
