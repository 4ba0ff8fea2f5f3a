/* fontuse.c - which characters the book sets in which font stack of the stylesheet, read from its pages. */
#include "format/epub/fontuse.h"
#include "format/epub/xhtml.h"

#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

int font_stack(enum font_kind kind, bool bold, bool italic, enum font_script script)
{
	return (((int)kind * 2 + bold) * 2 + italic) * SCRIPTS + (int)script;
}

void font_stack_parts(int stack, enum font_kind *kind, bool *bold, bool *italic, enum font_script *script)
{
	*script = (enum font_script)(stack % SCRIPTS);
	stack /= SCRIPTS;
	*italic = stack % 2;
	stack /= 2;
	*bold = stack % 2;
	*kind = (enum font_kind)(stack / 2);
}

struct font_use *font_use_new(void)
{
	return g_new0(struct font_use, 1);
}

void font_use_free(struct font_use *u)
{
	if (!u)
		return;
	for (int i = 0; i < FONT_STACKS; i++)
		if (u->chars[i])
			g_hash_table_destroy(u->chars[i]);
	g_free(u);
}

static void add_char(struct font_use *u, int stack, gunichar c)
{
	if (!u->chars[stack])
		u->chars[stack] = g_hash_table_new(NULL, NULL);
	g_hash_table_add(u->chars[stack], GUINT_TO_POINTER(c));
}

void font_use_text(struct font_use *u, int stack, const char *text)
{
	for (const char *p = text; p && *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		/* White space takes the font's space, which every subset keeps anyway. */
		if (c > ' ' && !g_unichar_isspace(c))
			add_char(u, stack, c);
	}
}

void font_use_merge(struct font_use *into, const struct font_use *from)
{
	for (int i = 0; i < FONT_STACKS; i++) {
		GHashTableIter it;
		gpointer key;

		if (!from->chars[i])
			continue;
		g_hash_table_iter_init(&it, from->chars[i]);
		while (g_hash_table_iter_next(&it, &key, NULL))
			add_char(into, i, GPOINTER_TO_UINT(key));
	}
}

size_t font_use_count(const struct font_use *u)
{
	size_t n = 0;

	for (int i = 0; i < FONT_STACKS; i++)
		if (u->chars[i])
			n += g_hash_table_size(u->chars[i]);
	return n;
}

/* Does language tag lang match the CSS :lang(range) (the range, or the range and a hyphen, any case)? */
static bool lang_is(const char *lang, const char *range)
{
	size_t n = strlen(range);

	return lang && !g_ascii_strncasecmp(lang, range, n) && (lang[n] == '\0' || lang[n] == '-');
}

/* The stylesheet's serif stack for a body in lang (not body.latin): body:lang(...) rules. */
static enum font_script serif_script(const char *lang)
{
	if (lang_is(lang, "zh-Hant") || lang_is(lang, "zh-TW") || lang_is(lang, "zh-MO"))
		return SCRIPT_TC;
	if (lang_is(lang, "zh-HK"))
		return SCRIPT_HK;
	if (lang_is(lang, "ja"))
		return SCRIPT_JP;
	if (lang_is(lang, "ko"))
		return SCRIPT_KR;
	return SCRIPT_SC;
}

/* Its sans-serif and monospace stacks, chosen by the element's own language (:lang(...) h1, code). */
static enum font_script element_script(const char *lang)
{
	if (lang_is(lang, "zh-Hant") || lang_is(lang, "zh-TW"))
		return SCRIPT_TC;
	if (lang_is(lang, "zh-HK"))
		return SCRIPT_HK;
	if (lang_is(lang, "ja"))
		return SCRIPT_JP;
	return SCRIPT_SC;
}

struct context {
	enum font_kind kind;
	bool bold, italic, placeholder;
	bool latin;		/* in body.latin: the text and headings take the Latin stacks */
	const char *lang;	/* the element's language */
	const char *body_lang;
};

static bool has_class(xmlNode *n, const char *name)
{
	xmlChar *cls = xmlGetProp(n, (const xmlChar *)"class");
	bool found = false;

	if (cls) {
		char **names = g_strsplit_set((const char *)cls, " \t\n", -1);

		for (int i = 0; names[i] && !found; i++)
			found = !strcmp(names[i], name);
		g_strfreev(names);
		xmlFree(cls);
	}
	return found;
}

static bool named(xmlNode *n, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (!strcmp((const char *)n->name, names[i]))
			return true;
	return false;
}

/* What templates/epub.css makes of element n inside a context like c. */
static void enter_element(xmlNode *n, struct context *c, xmlChar **lang_held)
{
	static const char *const mono[] = { "code", "kbd", "samp", "pre", "tt", NULL };
	static const char *const sans[] = { "h1", "h2", "h3", "h4", "h5", "h6", "th", "figcaption", "nav", NULL };
	static const char *const sans_classes[] = { "subhead", "meta", "tags", "placeholder", "footnotes", "title-page",
						   NULL };
	static const char *const bold[] = { "strong", "b", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", NULL };
	static const char *const italic[] = { "i", "cite", "var", "dfn", NULL };
	xmlChar *lang = xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);

	if (!lang)
		lang = xmlGetProp(n, (const xmlChar *)"lang");
	if (lang) {
		c->lang = (const char *)lang;
		*lang_held = lang;
		if (!strcmp((const char *)n->name, "body") || !strcmp((const char *)n->name, "html"))
			c->body_lang = c->lang;
	}
	if (!strcmp((const char *)n->name, "body") && has_class(n, XHTML_LATIN_CLASS))
		c->latin = true;
	if (named(n, sans))
		c->kind = FONT_SANS;
	for (int i = 0; sans_classes[i]; i++)
		if (has_class(n, sans_classes[i]))
			c->kind = FONT_SANS;
	if (named(n, mono))
		c->kind = FONT_MONO;
	if (named(n, bold) || has_class(n, "backlink") || (c->placeholder && has_class(n, "label")))
		c->bold = true;
	if (has_class(n, "placeholder"))
		c->placeholder = true;
	/* Chinese and Japanese emphasis is dotted, not slanted (em:lang(zh), em:lang(ja)). */
	if (named(n, italic) || (!strcmp((const char *)n->name, "em") && !lang_is(c->lang, "zh") && !lang_is(c->lang, "ja")))
		c->italic = true;
}

static void walk(struct font_use *u, xmlNode *n, struct context c)
{
	for (xmlNode *k = n->children; k; k = k->next) {
		if (k->type == XML_ELEMENT_NODE) {
			struct context inner = c;
			xmlChar *lang = NULL;

			/* The head's title and styles are not set on the page. */
			if (!strcmp((const char *)k->name, "head") || !strcmp((const char *)k->name, "style")
			    || !strcmp((const char *)k->name, "script"))
				continue;
			enter_element(k, &inner, &lang);
			walk(u, k, inner);
			if (lang)
				xmlFree(lang);
		} else if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && k->content) {
			enum font_script s = c.latin && c.kind != FONT_MONO ? SCRIPT_LATIN
					     : c.kind == FONT_SERIF ? serif_script(c.body_lang) : element_script(c.lang);

			font_use_text(u, font_stack(c.kind, c.bold, c.italic, s), (const char *)k->content);
		}
	}
}

bool font_use_page(struct font_use *u, const char *xhtml, size_t len)
{
	xmlDoc *doc = xmlReadMemory(xhtml, (int)len, NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR
				    | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
	struct context c = { .kind = FONT_SERIF };

	if (!doc)
		return false;
	walk(u, (xmlNode *)doc, c);
	xmlFreeDoc(doc);
	return true;
}
