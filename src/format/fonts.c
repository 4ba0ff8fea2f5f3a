/* fonts.c - font map and context for the PDF: folio's fontconfig file, 72 dpi, no hinting. */
#include "format/fonts.h"

#include <stdbool.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>
#include <fontconfig/fontconfig.h>
#include <fontconfig/fcfreetype.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>

#include "base/diag.h"
#include "base/langtag.h"

struct fonts {
	PangoFontMap *map;
	PangoContext *ctx;
};

/*
 * Font files are read, not mapped. FreeType maps a font file whole for every
 * face it opens, and a Noto CJK collection holds the SC, TC, HK, JP and KR
 * faces (and the Mono ones) of the same 20-26 MB of glyph data: a book set
 * in two regions with body, heading and code faces mapped each file up to
 * four times, and every page of glyph data it touched counted once per
 * mapping; cairo then reads each font's whole outline table to subset it,
 * which touches all of them. Here folio opens every face Pango asks for
 * itself, once per file and index, reading the file with pread as FreeType
 * needs its bytes (the kernel's page cache keeps them, as for any file read),
 * and Pango's font names its face in its pattern (FC_FT_FACE), which cairo
 * then uses instead of opening the file again (fonts_use_own_faces).
 * The same bytes, so the same book. The faces and their files stay open for
 * the process: cairo's caches may hold a face after the font map is gone.
 */
struct font_file {
	int fd;
	unsigned long size;
	GHashTable *faces;	/* index -> FT_Face */
};

static GMutex shared_lock;
static FT_Library shared_library;
static GHashTable *shared_files;	/* path -> struct font_file * (NULL: cannot be read) */

/* FreeType's reader: count bytes at offset into buffer; count 0 is a seek (0: fine). */
static unsigned long read_font(FT_Stream stream, unsigned long offset, unsigned char *buffer, unsigned long count)
{
	const struct font_file *f = stream->descriptor.pointer;
	unsigned long done = 0;

	if (!count)
		return offset > f->size;
	while (done < count) {
		ssize_t n = pread(f->fd, buffer + done, count - done, (off_t)(offset + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (unsigned long)n;
	}
	return done;
}

static void keep_font_open(FT_Stream stream)
{
}

/* Face index of file, opened on its own stream of the shared descriptor (each face keeps its own position). */
static FT_Face open_face(struct font_file *f, int index)
{
	FT_StreamRec *stream = g_new0(FT_StreamRec, 1);
	FT_Open_Args args = { .flags = FT_OPEN_STREAM, .stream = stream };
	FT_Face face;

	stream->size = f->size;
	stream->descriptor.pointer = f;
	stream->read = read_font;
	stream->close = keep_font_open;
	if (FT_Open_Face(shared_library, &args, index, &face)) {
		g_free(stream);
		return NULL;
	}
	return face;
}

/* The face pattern names, opened by folio; NULL to leave it to cairo. */
static FT_Face shared_face(const FcPattern *pattern)
{
	FcChar8 *file = NULL;
	int index = 0;
	struct font_file *f;
	FT_Face face = NULL;

	if (FcPatternGetString(pattern, FC_FILE, 0, &file) != FcResultMatch
	    || FcPatternGetInteger(pattern, FC_INDEX, 0, &index) != FcResultMatch || index < 0 || index > 0xFFFF)
		return NULL;	/* a named instance of a variable font (index >> 16) is cairo's to open */
	g_mutex_lock(&shared_lock);
	if (!shared_files) {
		shared_files = g_hash_table_new(g_str_hash, g_str_equal);
		if (FT_Init_FreeType(&shared_library))
			shared_library = NULL;
	}
	if (!g_hash_table_lookup_extended(shared_files, file, NULL, (gpointer *)&f)) {
		int fd = shared_library ? open((const char *)file, O_RDONLY | O_CLOEXEC) : -1;
		struct stat st;

		f = NULL;
		if (fd >= 0 && !fstat(fd, &st) && st.st_size > 0) {
			f = g_new0(struct font_file, 1);
			f->fd = fd;
			f->size = (unsigned long)st.st_size;
			f->faces = g_hash_table_new(NULL, NULL);
		} else if (fd >= 0) {
			close(fd);
		}
		g_hash_table_insert(shared_files, g_strdup((const char *)file), f);
	}
	if (f) {
		face = g_hash_table_lookup(f->faces, GINT_TO_POINTER(index));
		if (!face && (face = open_face(f, index)))
			g_hash_table_insert(f->faces, GINT_TO_POINTER(index), face);
	}
	g_mutex_unlock(&shared_lock);
	return face;
}

/* Pango's constructor of its cairo fontconfig fonts, which fonts_use_own_faces wraps. */
static void (*pango_font_constructed)(GObject *object);

/* A font gets the face folio opened for it (before cairo ever sees its pattern). */
static void font_constructed(GObject *object)
{
	PangoFcFont *font = PANGO_FC_FONT(object);
	FT_Face face;

	if (pango_font_constructed)
		pango_font_constructed(object);
	face = font->font_pattern ? shared_face(font->font_pattern) : NULL;
	if (face) {
		FcPattern *p = FcPatternDuplicate(font->font_pattern);

		FcPatternDel(p, FC_FT_FACE);
		FcPatternAddFTFace(p, FC_FT_FACE, face);
		FcPatternDestroy(font->font_pattern);
		font->font_pattern = p;
	}
}

/*
 * Pango has no public way to give cairo a face, so the constructor of its cairo fontconfig
 * font class is wrapped; libpangocairo exports that class's type without declaring it in
 * its headers. Should the type ever not be a PangoFcFont, nothing is wrapped and cairo
 * opens the files itself, as it did: the same book, only more memory.
 */
GType pango_cairo_fc_font_get_type(void);

void fonts_use_own_faces(void)
{
	static gsize done;

	if (g_once_init_enter(&done)) {
		GType type = pango_cairo_fc_font_get_type();
		GObjectClass *k = g_type_is_a(type, PANGO_TYPE_FC_FONT) ? g_type_class_ref(type) : NULL;

		if (k) {
			pango_font_constructed = k->constructed;
			k->constructed = font_constructed;
		}
		g_once_init_leave(&done, 1);
	}
}

/* A fontconfig set-up from path, or NULL (reported) when it cannot be read. */
static FcConfig *load_config(const char *path, bool quiet)
{
	FcConfig *cfg;

	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		if (!quiet)
			diag_warn(path, 0, "folio's font set-up is missing; using the system's, so the PDF may differ between machines");
		return NULL;
	}
	cfg = FcConfigCreate();
	if (!FcConfigParseAndLoad(cfg, (const FcChar8 *)path, FcTrue) || !FcConfigBuildFonts(cfg)) {
		if (!quiet)
			diag_warn(path, 0, "cannot read this font set-up; using the system's");
		FcConfigDestroy(cfg);
		return NULL;
	}
	return cfg;
}

/* A map on cfg (NULL: the system's set-up), 72 dpi, no hinting, unrounded positions. */
static struct fonts *map_on(FcConfig *cfg)
{
	struct fonts *f = g_new0(struct fonts, 1);
	cairo_font_options_t *fo = cairo_font_options_create();

	fonts_use_own_faces();
	f->map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (cfg)
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(f->map), cfg);	/* the map takes a reference */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(f->map), 72);
	f->ctx = pango_font_map_create_context(f->map);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(f->ctx, fo);
	pango_context_set_round_glyph_positions(f->ctx, FALSE);
	cairo_font_options_destroy(fo);
	return f;
}

static struct fonts *make_fonts(const char *datadir, bool quiet)
{
	char *path = g_build_filename(datadir ? datadir : ".", "fonts", "fonts.conf", NULL);
	FcConfig *cfg = load_config(path, quiet);
	struct fonts *f = map_on(cfg);

	if (cfg)
		FcConfigDestroy(cfg);
	g_free(path);
	return f;
}

struct fonts *fonts_new(const char *datadir)
{
	return make_fonts(datadir, false);
}

struct fonts *fonts_new_quiet(const char *datadir)
{
	return make_fonts(datadir, true);
}

struct fonts *fonts_another(struct fonts *like)
{
	/* The same fontconfig set-up, read once. */
	return map_on(pango_fc_font_map_get_config(PANGO_FC_FONT_MAP(like->map)));
}

void fonts_free(struct fonts *f)
{
	if (!f)
		return;
	g_object_unref(f->ctx);
	g_object_unref(f->map);
	g_free(f);
}

PangoContext *fonts_context(struct fonts *f)
{
	return f->ctx;
}

const char *fonts_cjk_region(const char *lang)
{
	const char *region = langtag_region(langtag_writing(lang));

	return region ? region : "SC";
}

char *fonts_family_list(const char *pattern, const char *region)
{
	GString *s = g_string_new(NULL);

	for (const char *p = pattern; *p; p++) {
		if (!strncmp(p, "{cjk}", 5)) {
			g_string_append(s, region);
			p += 4;
		} else {
			g_string_append_c(s, *p);
		}
	}
	return g_string_free(s, FALSE);
}
