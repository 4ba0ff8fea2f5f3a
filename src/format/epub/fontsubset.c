/* fontsubset.c - the fonts an EPUB embeds: the faces its text is set in, cut down with HarfBuzz's subsetter. */
#include "format/epub/fontsubset.h"

#include <string.h>
#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include "base/diag.h"

/*
 * The families of each stack of templates/epub.css that folio can embed (the Noto faces of
 * Debian's fonts-noto-cjk, fonts-noto-core and fonts-noto-mono), in the stylesheet's order.
 * The other names there (Source Han, Songti, PingFang ...) are the reading system's own.
 */
static const char *const stacks[FONT_KINDS][SCRIPTS][3] = {
	[FONT_SERIF] = {
		[SCRIPT_SC] = { "Noto Serif CJK SC", "Noto Serif" },
		[SCRIPT_TC] = { "Noto Serif CJK TC", "Noto Serif" },
		[SCRIPT_HK] = { "Noto Serif CJK HK", "Noto Serif CJK TC", "Noto Serif" },
		[SCRIPT_JP] = { "Noto Serif CJK JP", "Noto Serif" },
		[SCRIPT_KR] = { "Noto Serif CJK KR", "Noto Serif" },
		[SCRIPT_LATIN] = { "Noto Serif", "Noto Serif CJK SC" },
	},
	[FONT_SANS] = {
		[SCRIPT_SC] = { "Noto Sans CJK SC", "Noto Sans" },
		[SCRIPT_TC] = { "Noto Sans CJK TC", "Noto Sans" },
		[SCRIPT_HK] = { "Noto Sans CJK HK", "Noto Sans CJK TC", "Noto Sans" },
		[SCRIPT_JP] = { "Noto Sans CJK JP", "Noto Sans" },
		[SCRIPT_KR] = { "Noto Sans CJK KR", "Noto Sans" },
		[SCRIPT_LATIN] = { "Noto Sans", "Noto Sans CJK SC" },
	},
	[FONT_MONO] = {
		[SCRIPT_SC] = { "Noto Sans Mono", "Noto Sans Mono CJK SC" },
		[SCRIPT_TC] = { "Noto Sans Mono", "Noto Sans Mono CJK TC" },
		[SCRIPT_HK] = { "Noto Sans Mono", "Noto Sans Mono CJK HK", "Noto Sans Mono CJK TC" },
		[SCRIPT_JP] = { "Noto Sans Mono", "Noto Sans Mono CJK JP" },
		[SCRIPT_KR] = { "Noto Sans Mono", "Noto Sans Mono CJK SC" },
		[SCRIPT_LATIN] = { "Noto Sans Mono", "Noto Sans Mono CJK SC" },
	},
};

/*
 * The OpenType features kept: vertical forms and metrics (vert, vrt2, vkna, vkrn), the CJK
 * punctuation spacing the stylesheet's text-spacing-trim uses (halt, vhal, chws, vchw), and what
 * Latin text needs (kerning, ligatures, contextual forms, marks). The rest (small caps, old-style
 * figures, swashes ...) is never asked for by the stylesheet. Not locl: each language's text is
 * set in the face of its own region (SC, TC, HK, JP, KR), whose default glyphs are that
 * language's forms, so locl has nothing to do for the book's languages; kept, it would pull every
 * other region's forms of each character into the subset (measured on examples/: Noto Serif CJK
 * SC's subset 290 KB with locl, 168 KB without).
 */
static const char *const features[] = { "vert", "vrt2", "vkna", "vkrn", "halt", "vhal", "chws", "vchw",
					"ccmp", "kern", "liga", "clig", "calt", "rlig", "mark", "mkmk", NULL };

/* A face of an installed family: its file and index, and what it covers. */
struct face {
	char *family, *file;
	int index, weight;
	bool italic;
	FcCharSet *charset;	/* owned */
	GHashTable *chars;	/* what the book sets in it */
};

static void face_free(gpointer data)
{
	struct face *f = data;

	g_free(f->family);
	g_free(f->file);
	if (f->charset)
		FcCharSetDestroy(f->charset);
	if (f->chars)
		g_hash_table_destroy(f->chars);
	g_free(f);
}

/* folio's own fontconfig set-up (fonts/fonts.conf), not the user's: the book must not change with it. */
static FcConfig *own_config(const char *datadir)
{
	char *conf = g_build_filename(datadir ? datadir : ".", "fonts", "fonts.conf", NULL);
	FcConfig *c = FcConfigCreate();

	if (!g_file_test(conf, G_FILE_TEST_IS_REGULAR) || !FcConfigParseAndLoad(c, (const FcChar8 *)conf, FcTrue)
	    || !FcConfigBuildFonts(c)) {
		FcConfigDestroy(c);
		c = NULL;
	}
	g_free(conf);
	return c;
}

/*
 * The face of family at weight and slant, exactly (no other family stands in): among several
 * copies, the one whose file sorts first, so the book does not depend on fontconfig's order.
 */
static struct face *find_face(FcConfig *config, const char *family, int weight, bool italic)
{
	FcPattern *pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family, FC_WEIGHT, FcTypeInteger,
					weight == 700 ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR, FC_SLANT, FcTypeInteger,
					italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN, (char *)NULL);
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_CHARSET, FC_FAMILY, FC_VARIABLE, (char *)NULL);
	FcFontSet *set = FcFontList(config, pat, os);
	struct face *best = NULL;

	for (int i = 0; set && i < set->nfont; i++) {
		FcChar8 *file;
		FcCharSet *cs;
		int index = 0;
		FcBool variable = FcFalse;

		if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch
		    || FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) != FcResultMatch)
			continue;
		FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index);
		FcPatternGetBool(set->fonts[i], FC_VARIABLE, 0, &variable);
		if (variable || index > 0xFFFF)	/* named instances of a variable font: not ours to cut */
			continue;
		if (best && (strcmp((const char *)file, best->file) > 0
			     || (!strcmp((const char *)file, best->file) && index >= best->index)))
			continue;
		if (best)
			face_free(best);
		best = g_new0(struct face, 1);
		best->family = g_strdup(family);
		best->file = g_strdup((const char *)file);
		best->index = index;
		best->weight = weight;
		best->italic = italic;
		best->charset = FcCharSetCopy(cs);
	}
	if (set)
		FcFontSetDestroy(set);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return best;
}

struct faces {
	FcConfig *config;
	GHashTable *by_key;	/* "family/weight/italic" -> struct face * (NULL: not installed) */
};

/*
 * The face that sets family at weight and style: that one, else (as a reader does) the nearest
 * the family has, which the reader slants or emboldens: the weight without the italic, then the
 * regular weight's italic, then the regular face.
 */
static struct face *face_for(struct faces *fs, const char *family, int weight, bool italic)
{
	const int weights[4] = { weight, weight, 400, 400 };
	const bool styles[4] = { italic, false, italic, false };

	for (int i = 0; i < 4; i++) {
		char *key = g_strdup_printf("%s/%d/%d", family, weights[i], styles[i]);
		struct face *f;

		if (!g_hash_table_contains(fs->by_key, key))
			g_hash_table_insert(fs->by_key, g_strdup(key), find_face(fs->config, family, weights[i], styles[i]));
		f = g_hash_table_lookup(fs->by_key, key);
		g_free(key);
		if (f)
			return f;
	}
	return NULL;
}

/* Every character of every stack, given to the first family of its stack whose face has it. */
static void assign(struct faces *fs, const struct font_use *u)
{
	for (int s = 0; s < FONT_STACKS; s++) {
		enum font_kind kind;
		enum font_script script;
		bool bold, italic;
		GHashTableIter it;
		gpointer key;

		if (!u->chars[s])
			continue;
		font_stack_parts(s, &kind, &bold, &italic, &script);
		g_hash_table_iter_init(&it, u->chars[s]);
		while (g_hash_table_iter_next(&it, &key, NULL)) {
			gunichar c = GPOINTER_TO_UINT(key);

			for (int i = 0; i < 3 && stacks[kind][script][i]; i++) {
				struct face *f = face_for(fs, stacks[kind][script][i], bold ? 700 : 400, italic);

				if (f && FcCharSetHasChar(f->charset, c)) {
					if (!f->chars)
						f->chars = g_hash_table_new(NULL, NULL);
					g_hash_table_add(f->chars, key);
					break;
				}
			}
		}
	}
}

/* A name of the font (copyright, licence address) in English, or NULL. */
static char *font_name(hb_face_t *face, hb_ot_name_id_t id)
{
	unsigned int size = 0, len = hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &size, NULL);
	char *text;

	if (!len)
		return NULL;
	size = len + 1;
	text = g_malloc(size);
	hb_ot_name_get_utf8(face, id, hb_language_from_string("en", -1), &size, text);
	return text;
}

static int compare_chars(gconstpointer a, gconstpointer b)
{
	gunichar x = *(const gunichar *)a, y = *(const gunichar *)b;

	return x < y ? -1 : x > y;
}

/* Cut face f down to its characters; NULL when HarfBuzz cannot (reported). */
static struct embedded_font *cut(const struct face *f)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(f->file);
	hb_face_t *face, *sub = NULL;
	hb_subset_input_t *in;
	struct embedded_font *e = NULL;
	GArray *chars = g_array_new(FALSE, FALSE, sizeof(gunichar));
	GHashTableIter it;
	gpointer key;

	if (!blob) {
		diag_warn(f->file, 0, "cannot read the font to embed it; the reader's own font is used");
		g_array_free(chars, TRUE);
		return NULL;
	}
	face = hb_face_create(blob, (unsigned)f->index);
	in = hb_subset_input_create_or_fail();
	g_hash_table_iter_init(&it, f->chars);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		gunichar c = GPOINTER_TO_UINT(key);

		g_array_append_val(chars, c);
	}
	/* In order: the subset must not depend on the hash table's. */
	g_array_sort(chars, compare_chars);
	for (guint i = 0; in && i < chars->len; i++)
		hb_set_add(hb_subset_input_unicode_set(in), g_array_index(chars, gunichar, i));
	if (in) {
		hb_set_t *feat = hb_subset_input_set(in, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
		hb_set_t *names = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
		static const unsigned name_ids[] = { 0, 1, 2, 3, 4, 5, 6, 13, 14 };

		hb_set_clear(feat);
		for (int i = 0; features[i]; i++)
			hb_set_add(feat, hb_tag_from_string(features[i], -1));
		hb_set_clear(names);
		for (size_t i = 0; i < G_N_ELEMENTS(name_ids); i++)
			hb_set_add(names, name_ids[i]);
		/* Hinting is for screens of the last century; e-readers set text unhinted or autohinted. */
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
		sub = hb_subset_or_fail(face, in);
	}
	if (sub) {
		hb_blob_t *out = hb_face_reference_blob(sub);
		unsigned int len = 0;
		const char *data = hb_blob_get_data(out, &len);
		hb_blob_t *cff_table = hb_face_reference_table(face, HB_TAG('C', 'F', 'F', ' '));
		bool cff = hb_blob_get_length(cff_table) > 0;
		char *base = g_path_get_basename(f->file);
		GString *name = g_string_new("fonts/");

		for (const char *p = f->family; *p; p++)
			if (g_ascii_isalnum(*p))
				g_string_append_c(name, *p);
		g_string_append_printf(name, "-%s%s.%s", f->weight == 700 ? "Bold" : f->italic ? "" : "Regular",
				       f->italic ? "Italic" : "", cff ? "otf" : "ttf");
		e = g_new0(struct embedded_font, 1);
		e->family = g_strdup(f->family);
		e->weight = f->weight;
		e->italic = f->italic;
		e->href = g_string_free(name, FALSE);
		e->media_type = cff ? "font/otf" : "font/ttf";
		e->data = g_bytes_new(data, len);
		e->source = g_strdup(base);
		e->face = f->index;
		e->copyright = font_name(face, HB_OT_NAME_ID_COPYRIGHT);
		e->licence_url = font_name(face, HB_OT_NAME_ID_LICENSE_URL);
		e->chars = chars->len;
		hb_blob_destroy(out);
		hb_blob_destroy(cff_table);
		hb_face_destroy(sub);
		g_free(base);
	} else {
		diag_warn(f->file, 0, "HarfBuzz could not subset face %d of this font; it is not embedded", f->index);
	}
	if (in)
		hb_subset_input_destroy(in);
	hb_face_destroy(face);
	hb_blob_destroy(blob);
	g_array_free(chars, TRUE);
	return e;
}

static int by_name(gconstpointer a, gconstpointer b)
{
	const struct embedded_font *x = *(const struct embedded_font *const *)a, *y = *(const struct embedded_font *const *)b;

	return strcmp(x->href, y->href);
}

GPtrArray *fontsubset_make(const struct font_use *u, const char *datadir)
{
	GPtrArray *fonts = g_ptr_array_new_with_free_func(embedded_font_free);
	struct faces fs = { own_config(datadir), g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL) };
	GHashTableIter it;
	gpointer value;

	if (!fs.config) {
		diag_warn(NULL, 0, "cannot read fonts/fonts.conf in %s: no fonts are embedded", datadir ? datadir : ".");
		g_hash_table_destroy(fs.by_key);
		return fonts;
	}
	assign(&fs, u);
	g_hash_table_iter_init(&it, fs.by_key);
	while (g_hash_table_iter_next(&it, NULL, &value)) {
		struct face *f = value;
		struct embedded_font *e;

		if (f && f->chars && (e = cut(f)))
			g_ptr_array_add(fonts, e);
	}
	g_ptr_array_sort(fonts, by_name);
	g_hash_table_iter_init(&it, fs.by_key);
	while (g_hash_table_iter_next(&it, NULL, &value))
		if (value)
			face_free(value);
	g_hash_table_destroy(fs.by_key);
	FcConfigDestroy(fs.config);
	return fonts;
}

void fontsubset_css(GString *css, const GPtrArray *fonts)
{
	if (!fonts->len)
		return;
	g_string_append(css, "\n/* Fonts embedded by folio --embed-fonts: subsets of the faces this book uses (SIL Open Font"
			     " License 1.1; see fonts.xhtml). */\n");
	for (guint i = 0; i < fonts->len; i++) {
		const struct embedded_font *e = g_ptr_array_index(fonts, i);

		g_string_append_printf(css, "@font-face {\n\tfont-family: \"%s\";\n\tfont-weight: %d;\n\tfont-style: %s;\n"
					    "\tsrc: url(\"../%s\") format(\"%s\");\n}\n",
				       e->family, e->weight, e->italic ? "italic" : "normal", e->href,
				       !strcmp(e->media_type, "font/otf") ? "opentype" : "truetype");
	}
}

void embedded_font_free(gpointer data)
{
	struct embedded_font *e = data;

	g_free(e->family);
	g_free(e->href);
	if (e->data)
		g_bytes_unref(e->data);
	g_free(e->source);
	g_free(e->copyright);
	g_free(e->licence_url);
	g_free(e);
}
