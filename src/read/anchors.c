/* anchors.c - where a link's #fragment goes in an article: one of folio's anchors, or a heading as Hugo names it. */
#include "read/anchors.h"

#include <string.h>

/* Hugo's (goldmark's) heading id: lower case, letters and digits kept, spaces to '-', other marks dropped. */
char *anchors_hugo_id(const char *text)
{
	GString *s = g_string_new(NULL);

	for (const char *p = text; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);

		if (g_unichar_isalnum(c) || c == '_' || c == '-')
			g_string_append_unichar(s, g_unichar_tolower(c));
		else if (c == ' ')
			g_string_append_c(s, '-');
	}
	return g_string_free(s, FALSE);
}

/*
 * Where #fragments go in one article, looked up rather than searched (a link per heading to each
 * of thousands of headings was quadratic): a heading's own anchor, its name as Hugo makes it (also
 * compared as collated or lower-cased text), then a footnote's anchor. The first heading that
 * matches in any way wins, as a search in order would find it.
 */
struct anchors {
	const struct article *a;
	GHashTable *names;	/* anchor or Hugo name -> heading index + 1 (first wins) */
	GHashTable *collated;	/* collation key of a Hugo name -> heading index + 1 */
	GHashTable *notes;	/* footnote anchor -> itself */
};

static void put_first(GHashTable *t, char *key, guint i)
{
	if (g_hash_table_contains(t, key))
		g_free(key);
	else
		g_hash_table_insert(t, key, GUINT_TO_POINTER(i + 1));
}

struct anchors *anchors_new(const struct article *a)
{
	struct anchors *x = g_new0(struct anchors, 1);

	x->a = a;
	x->names = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	x->collated = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	x->notes = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < a->headings->len; i++) {
		const struct heading *h = g_ptr_array_index(a->headings, i);
		char *slug;

		if (!h->anchor)
			continue;
		put_first(x->names, g_strdup(h->anchor), i);
		if (h->id)
			put_first(x->names, g_strdup(h->id), i);	/* "## Title {#id}" */
		for (char **r = h->raw_ids; r && *r; r++)
			put_first(x->names, g_strdup(*r), i);	/* <span id="x">, <a id="x"></a> */
		slug = anchors_hugo_id(h->text);
		if (*slug) {
			put_first(x->collated, g_utf8_collate_key(slug, -1), i);
			put_first(x->names, slug, i);
		} else {
			g_free(slug);
		}
	}
	for (guint i = 0; i < a->footnotes->len; i++) {
		const struct footnote *f = g_ptr_array_index(a->footnotes, i);

		g_hash_table_insert(x->notes, f->anchor, f->anchor);
	}
	return x;
}

void anchors_free(gpointer data)
{
	struct anchors *x = data;

	g_hash_table_destroy(x->names);
	g_hash_table_destroy(x->collated);
	g_hash_table_destroy(x->notes);
	g_free(x);
}

const char *anchors_find(const struct anchors *x, const char *fragment)
{
	char *frag = g_uri_unescape_string(fragment, NULL), *low, *key;
	guint best = 0, i;
	const char *found;

	if (!frag)
		frag = g_strdup(fragment);
	low = g_utf8_strdown(frag, -1);
	key = g_utf8_collate_key(frag, -1);
	for (int k = 0; k < 3; k++) {
		i = GPOINTER_TO_UINT(k == 0 ? g_hash_table_lookup(x->names, frag)
				     : k == 1 ? g_hash_table_lookup(x->names, low) : g_hash_table_lookup(x->collated, key));
		if (i && (!best || i < best))
			best = i;
	}
	found = best ? ((const struct heading *)g_ptr_array_index(x->a->headings, best - 1))->anchor
		     : g_hash_table_lookup(x->notes, frag);
	g_free(key);
	g_free(low);
	g_free(frag);
	return found;
}
