/* hyphen.c - where a word may be hyphenated at a line's end, in its language (TeX's patterns, through libhyphen). */
#include "text/hyphen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <hyphen.h>

#include "base/langtag.h"

/* Debian's hyphen-* packages: TeX's patterns, in libhyphen's form, one file per language and region. */
#define PATTERNS_DIR "/usr/share/hyphen"

struct hyphen_patterns {
	HyphenDict *dict;	/* dict->utf8, else the word goes in the patterns' own single-byte set (dict->cset) */
};

/* Loaded patterns by file name (a NULL value: not installed, asked before), kept for the run. */
static GMutex lock;
static GHashTable *loaded;

/* The region whose patterns stand for a language named alone, where the file for it has a region. */
static const char *main_region(const char *language)
{
	static const char *const regions[][2] = { { "de", "DE" }, { "es", "ES" }, { "it", "IT" }, { "pt", "PT" },
						  { "ru", "RU" }, { "en", "US" }, { "fr", "FR" }, { "nl", "NL" },
						  { "sv", "SE" }, { "da", "DK" }, { "nb", "NO" }, { "pl", "PL" },
						  { "cs", "CZ" }, { "hu", "HU" }, { "uk", "UA" } };

	for (size_t i = 0; i < G_N_ELEMENTS(regions); i++)
		if (!strcmp(language, regions[i][0]))
			return regions[i][1];
	return NULL;
}

/*
 * A two-level file whose first level is a word list rather than patterns (German's: 69,000
 * compounds, then TeX's dehyphn patterns after NEXTLEVEL) takes libhyphen seconds and 40 MB to
 * load; its second level alone, TeX's patterns, takes milliseconds. Such a file is loaded as its
 * character set, its HYPHENMIN settings and its second level.
 */
#define WORD_LIST_LINES 10000

static HyphenDict *load_dict(const char *path)
{
	char *text = NULL, *next_level;
	gsize len = 0;
	HyphenDict *dict = NULL;
	GString *kept;
	FILE *f;
	guint first_level = 0;

	if (!g_file_get_contents(path, &text, &len, NULL))
		return NULL;
	next_level = strstr(text, "\nNEXTLEVEL");
	for (const char *c = text; next_level && c < next_level; c++)
		first_level += *c == '\n';
	if (!next_level || first_level < WORD_LIST_LINES) {
		g_free(text);
		return hnj_hyphen_load(path);
	}
	*next_level = '\0';
	kept = g_string_new_len(text, (gssize)strcspn(text, "\n"));	/* the character set */
	g_string_append_c(kept, '\n');
	for (int i = 0; i < 2; i++) {
		const char *setting = strstr(text, i ? "\nRIGHTHYPHENMIN" : "\nLEFTHYPHENMIN");

		if (setting) {
			g_string_append_len(kept, setting + 1, (gssize)strcspn(setting + 1, "\n"));
			g_string_append_c(kept, '\n');
		}
	}
	g_string_append(kept, strchr(next_level + 1, '\n') ? strchr(next_level + 1, '\n') + 1 : "");
	f = fmemopen(kept->str, kept->len, "r");
	if (f) {
		dict = hnj_hyphen_load_file(f);
		fclose(f);
	}
	g_string_free(kept, TRUE);
	g_free(text);
	return dict;
}

/* The patterns in file (under the lock), loaded at its first asking, once for the names of one file. */
static const struct hyphen_patterns *load(const char *file)
{
	struct hyphen_patterns *hp = NULL;
	char *path, *real;

	if (g_hash_table_lookup_extended(loaded, file, NULL, (gpointer *)&hp))
		return hp;
	path = g_build_filename(PATTERNS_DIR, file, NULL);
	/* (hyph_en.dic is a link to hyph_en_US.dic: one load for both) */
	real = realpath(path, NULL);
	if (real && !g_hash_table_lookup_extended(loaded, real, NULL, (gpointer *)&hp)) {
		HyphenDict *dict = g_file_test(real, G_FILE_TEST_IS_REGULAR) ? load_dict(real) : NULL;

		if (dict) {
			hp = g_new0(struct hyphen_patterns, 1);
			hp->dict = dict;
		}
		g_hash_table_insert(loaded, g_strdup(real), hp);
	}
	free(real);
	g_free(path);
	g_hash_table_insert(loaded, g_strdup(file), hp);
	return hp;
}

const struct hyphen_patterns *hyphen_patterns_for(const char *lang)
{
	char *locale = langtag_locale(lang), *language, *file;
	const struct hyphen_patterns *hp = NULL;
	const char *region;

	if (!locale || !g_ascii_isalpha(locale[0]))
		goto out;
	/* (a file name of letters, digits and "_" only: a tag is no path) */
	for (const char *c = locale; *c; c++)
		if (!g_ascii_isalnum(*c) && *c != '_')
			goto out;
	language = g_strndup(locale, strcspn(locale, "_"));
	region = main_region(language);
	g_mutex_lock(&lock);
	if (!loaded)
		loaded = g_hash_table_new(g_str_hash, g_str_equal);
	for (int pass = 0; pass < 3 && !hp; pass++) {
		if (pass == 0 && !strchr(locale, '_'))
			continue;
		if (pass == 2 && !region)
			break;
		file = pass == 0 ? g_strdup_printf("hyph_%s.dic", locale)
		       : pass == 1 ? g_strdup_printf("hyph_%s.dic", language)
				   : g_strdup_printf("hyph_%s_%s.dic", language, region);
		hp = load(file);
		g_free(file);
	}
	g_mutex_unlock(&lock);
	g_free(language);
out:
	g_free(locale);
	return hp;
}

/* libhyphen's marks for the lower-case word (n letters) in the patterns' set, by letter; false when it cannot tell. */
static bool marks_of(const struct hyphen_patterns *hp, const char *lower, int n, char *marks)
{
	char *in = NULL, **rep = NULL;
	int *pos = NULL, *cut = NULL, bytes;
	bool ok;

	if (hp->dict->utf8) {
		bytes = (int)strlen(lower);
	} else {
		gsize written = 0;

		/* (a letter outside the patterns' set: the word is not theirs to break) */
		in = g_convert(lower, -1, hp->dict->cset, "UTF-8", NULL, &written, NULL);
		if (!in || written != (gsize)n) {
			g_free(in);
			return false;
		}
		bytes = n;
	}
	ok = hnj_hyphen_hyphenate3(hp->dict, in ? in : lower, bytes, marks, NULL, &rep, &pos, &cut,
				   MAX(hp->dict->lhmin, 2), MAX(hp->dict->rhmin, 3), 0, 0) == 0;
	/* rep is set only for a break that changes the spelling ("ck" to "k-k"): such words are left whole. */
	if (rep) {
		for (int i = 0; i < bytes; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
		ok = false;
	}
	g_free(in);
	return ok;
}

bool hyphen_word(const struct hyphen_patterns *hp, const char *word, int len, bool *after)
{
	char marks[HYPHEN_MAX_BYTES + 5];
	int n, ends[HYPHEN_MAX_WORD], left, right;
	char *lower;
	bool any = false;

	if (!hp || len <= 0 || len > HYPHEN_MAX_BYTES || !g_utf8_validate(word, len, NULL))
		return false;
	n = (int)g_utf8_strlen(word, len);
	if (n < 5 || n > HYPHEN_MAX_WORD)
		return false;
	/* Where each letter ends, in bytes; and every one a letter. */
	for (int i = 0, b = 0; i < n; i++) {
		gunichar u = g_utf8_get_char(word + b);

		if (!g_unichar_isalpha(u))
			return false;
		b = (int)(g_utf8_next_char(word + b) - word);
		ends[i] = b - 1;
	}
	lower = g_utf8_strdown(word, len);
	memset(marks, 0, sizeof(marks));
	/* (a letter whose small form is two: the marks would not fall on the word's letters) */
	if (g_utf8_strlen(lower, -1) != n || !marks_of(hp, lower, n, marks)) {
		g_free(lower);
		return false;
	}
	g_free(lower);
	left = MAX(hp->dict->lhmin, 2);
	right = MAX(hp->dict->rhmin, 3);
	for (int i = left - 1; i < n - right; i++)
		if (marks[i] & 1) {
			after[ends[i]] = true;
			any = true;
		}
	return any;
}
