/* structure.c - the PDF's logical structure elements: made by layout, opened and closed by the device. */
#include "format/pdf/structure.h"

#include <glib.h>

#include "base/langtag.h"

static const char *const types[SR_N] = {
	[SR_DOCUMENT] = "Document", [SR_PART] = "Part", [SR_ART] = "Art", [SR_SECT] = "Sect", [SR_DIV] = "Div",
	[SR_H1] = "H1", [SR_H2] = "H2", [SR_H3] = "H3", [SR_H4] = "H4", [SR_H5] = "H5", [SR_H6] = "H6",
	[SR_P] = "P", [SR_BLOCKQUOTE] = "BlockQuote", [SR_CODE] = "Code",
	[SR_L] = "L", [SR_LI] = "LI", [SR_LBL] = "Lbl", [SR_LBODY] = "LBody",
	[SR_TABLE] = "Table", [SR_THEAD] = "THead", [SR_TBODY] = "TBody", [SR_TR] = "TR", [SR_TH] = "TH",
	[SR_TD] = "TD", [SR_FIGURE] = "Figure", [SR_CAPTION] = "Caption", [SR_NOTE] = "Note",
	[SR_TOC] = "TOC", [SR_TOCI] = "TOCI", [SR_LINK] = "Link", [SR_SPAN] = "Span",
};

struct selem *selem_new(enum srole role, struct selem *parent)
{
	struct selem *e = g_new0(struct selem, 1);

	e->ref = 1;
	e->role = role;
	e->parent = parent ? selem_ref(parent) : NULL;
	if (parent) {
		e->file = parent->file;
		e->line = parent->line;
	}
	return e;
}

struct selem *selem_ref(struct selem *e)
{
	if (e)
		g_atomic_int_inc(&e->ref);
	return e;
}

void selem_unref(struct selem *e)
{
	/* A loop, not recursion: a chain of parents may be long (nested quotes and lists). */
	while (e && g_atomic_int_dec_and_test(&e->ref)) {
		struct selem *parent = e->parent;

		g_free(e->alt);
		g_free(e->lang);
		g_free(e->id);
		g_free(e);
		e = parent;
	}
}

void selem_set_lang(struct selem *e, const char *lang, const char *base)
{
	if (!e || !lang || !*lang || !langtag_ok(lang))
		return;
	if (base && !g_ascii_strcasecmp(lang, base))
		return;
	g_free(e->lang);
	e->lang = g_strdup(lang);
}

const char *selem_type(enum srole role)
{
	return role >= 0 && role < SR_N && types[role] ? types[role] : "Span";
}

enum srole selem_heading(int level)
{
	return SR_H1 + CLAMP(level, 1, 6) - 1;
}

bool selem_holds_text(enum srole role)
{
	switch (role) {
	case SR_H1: case SR_H2: case SR_H3: case SR_H4: case SR_H5: case SR_H6:
	case SR_P: case SR_CODE: case SR_LBL: case SR_TH: case SR_TD: case SR_CAPTION: case SR_LINK:
		return true;
	default:
		return false;
	}
}
