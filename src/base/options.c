/* options.c - one table of settings read from the command line (getopt_long) and from folio.yaml. */
#include "base/options.h"

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "base/diag.h"
#include "base/langtag.h"
#include "base/paths.h"
#include "base/units.h"
#include "base/version.h"
#include "base/yamlfile.h"

/*
 * What an option's value is. Every kind but text and paths is checked when it is set and read
 * into a parsed field (struct def's parsed): an enum's index (plus its base), a number of seconds,
 * a length in points; dates and zones are checked then and read in options_finish, once the zone
 * dates are read in is known.
 */
enum kind { K_STR, K_PATH, K_BOOL, K_LONG, K_LIST, K_PATHS, K_ENUM, K_DATE, K_SPAN, K_ZONE, K_LENGTH, K_PAGE,
	    K_LANG, K_LANGS, K_MAP, K_SET };
enum {
	F_CLI_ONLY = 1,		/* not a folio.yaml key */
	F_YAML_ONLY = 2,	/* not a command-line option */
	F_DIGEST = 4		/* only for `folio digest` */
};

struct def {
	const char *name;
	int short_name;
	enum kind kind;
	size_t off;
	const char *arg;
	const char *help;
	unsigned flags;
	const char *group;	/* starts a new section of --help */
	const char *values;	/* K_ENUM, K_SET: the names it takes, space-separated, in the enum's order; K_MAP:
				   the values its keys may take */
	size_t parsed;		/* K_ENUM, K_SPAN, K_LENGTH, K_PAGE, K_SET: where the value read goes */
	int base;		/* K_ENUM: the enum value of the first name */
};

#define O(field) offsetof(struct options, field)
#define ENUM(field, names, first) .values = names, .parsed = O(field), .base = first

static const struct def defs[] = {
	{ "output", 'o', K_PATHS, O(outputs), "FILE", "write the book to FILE (.epub or .pdf; give -o twice for both; - is standard output)", 0, "Output" },
	{ "to", 't', K_ENUM, O(format), "FORMAT", "epub, pdf, model (text dump of the book) or trace (PDF layout as text)", 0, NULL,
	  ENUM(to, "epub pdf model trace", FORMAT_EPUB) },
	{ "config", 0, K_PATH, O(config), "FILE", "read settings from FILE after any folio.yaml in a SOURCE folder", F_CLI_ONLY, NULL },
	{ "title", 0, K_STR, O(title), "TEXT", "book title (digest: a template, see README)", 0, "The book" },
	{ "subtitle", 0, K_STR, O(subtitle), "TEXT", "book subtitle", 0, NULL },
	{ "author", 0, K_STR, O(author), "NAME", "book author or editor", 0, NULL },
	{ "lang", 0, K_LANG, O(lang), "CODE", "book language (BCP 47: zh-CN, zh-TW, en ...); default from the articles", 0, NULL },
	{ "cover", 0, K_PATH, O(cover), "FILE", "cover image (JPEG, PNG, GIF or WebP); else one is drawn", 0, NULL },
	{ "publisher", 0, K_STR, O(publisher), "NAME", "publisher named in the book's metadata", 0, NULL },
	{ "description", 0, K_STR, O(description), "TEXT", "a sentence describing the book", 0, NULL },
	{ "rights", 0, K_STR, O(rights), "TEXT", "rights statement (default: a Hugo site's copyright)", 0, NULL },
	{ "css", 0, K_PATH, O(css), "FILE", "EPUB stylesheet to use instead of templates/epub.css", 0, NULL },
	{ "embed-fonts", 0, K_BOOL, O(embed_fonts), NULL, "EPUB: put subsets of the fonts the book uses into it (default: off)", 0, NULL },
	{ "writing-mode", 0, K_ENUM, O(writing_mode), "MODE", "EPUB: horizontal-tb (default) or vertical-rl (vertical, pages right to left)", 0,
	  NULL, ENUM(writing, "horizontal-tb vertical-rl", WRITING_HORIZONTAL) },
	{ "sort", 0, K_ENUM, O(sort), "ORDER", "date (oldest first, default), -date, title or path", 0, NULL,
	  ENUM(sort_key, "date -date title path", SORT_DATE) },
	{ "include-drafts", 0, K_BOOL, O(include_drafts), NULL, "include articles marked draft: true", 0, NULL },
	{ "include-future", 0, K_BOOL, O(include_future), NULL, "include pages whose publishDate is still to come (Hugo's --buildFuture)", 0, NULL },
	{ "include-expired", 0, K_BOOL, O(include_expired), NULL, "include pages whose expiryDate has passed (Hugo's --buildExpired)", 0, NULL },
	{ "allow-empty", 0, K_BOOL, O(allow_empty), NULL, "write the book even when no article is left for it (else exit 1; digests exit 3)", 0, NULL },
	{ "shortcodes", 0, K_MAP, O(shortcodes), NULL, "a site's shortcodes read as folio's renderings (name: rendering)", F_YAML_ONLY, NULL,
	  /* (read/shortcodes.c's renderings, which options cannot reach: tests/hugo.sh maps to each) */
	  .values = "bilibili blockquote callout details drop figure gist highlight instagram link markdown param ref "
		    "relref text tweet twitter vimeo x youtube" },
	{ "strict", 0, K_BOOL, O(strict), NULL, "treat warnings as errors: fail and write nothing", 0, NULL },
	{ "quiet", 'q', K_BOOL, O(quiet), NULL, "print errors only", 0, NULL },
	{ "verbose", 0, K_BOOL, O(verbose), NULL, "print every message (else 5 of a kind and cause, the rest summed up)", 0, NULL },
	{ "report", 0, K_PATH, O(report), "FILE", "write every message to FILE as JSON lines (also when the run fails)", 0, NULL },
	{ "page-size", 0, K_PAGE, O(page_size), "SIZE", "A5 (default), A4, A6, B5, B5-JIS, B6, Letter, 16K, 32K or WIDTHxHEIGHT (mm, cm, in, pt)", 0, "Print (PDF)" },
	{ "margin", 0, K_LENGTH, O(margin), "LENGTH", "page margins, e.g. 18mm or 50pt (default from the theme)", 0, NULL,
	  .parsed = O(margin_pt) },
	{ "two-sided", 0, K_BOOL, O(two_sided), NULL, "mirrored margins; articles start on a right-hand page", 0, NULL },
	{ "show-grid", 0, K_BOOL, O(show_grid), NULL, "draw the type area and its line grid on every page (a proof)", F_CLI_ONLY, NULL },
	{ "theme", 0, K_PATH, O(theme), "FILE", "print theme (YAML) instead of templates/theme.yaml", 0, NULL },
	{ "bleed", 0, K_LENGTH, O(bleed), "LENGTH", "print past the trim by LENGTH (e.g. 3mm): TrimBox and BleedBox on every page", 0,
	  NULL, .parsed = O(bleed_pt) },
	{ "marks", 0, K_SET, O(marks), "LIST", "printer's marks outside the bleed: crop, cross (registration), both (crop,cross) or none", 0,
	  NULL, .values = MARKS_NAMES, .parsed = O(marks_set) },
	{ "pdf-standard", 0, K_SET, O(pdf_standard), "LIST", "ua-1 (PDF/UA-1: accessible), x-4 (PDF/X-4: for the press), both (ua-1,x-4) or none", 0,
	  NULL, .values = STANDARD_NAMES, .parsed = O(standards) },
	{ "untagged", 0, K_BOOL, O(untagged), NULL, "a PDF without structure tags (smaller, not for screen readers)", 0, NULL },
	{ "since", 0, K_DATE, O(since), "DATE", "only articles dated at or after DATE", 0, "Choosing and grouping articles" },
	{ "until", 0, K_DATE, O(until), "DATE", "only articles dated up to DATE (a date alone: all of that day)", 0, NULL },
	{ "last", 0, K_SPAN, O(last), "SPAN", "only articles of the last SPAN up to now: 24h, 7d, 2w ...", 0, NULL,
	  .parsed = O(last_span) },
	{ "category", 0, K_LIST, O(categories), "NAME", "only articles in category NAME (repeatable; case ignored)", 0, NULL },
	{ "tag", 0, K_LIST, O(tags), "NAME", "only articles tagged NAME (repeatable; case ignored)", 0, NULL },
	{ "only-lang", 0, K_LANGS, O(langs), "CODE", "only articles in language CODE (repeatable; zh takes zh-TW too)", 0, NULL },
	{ "limit", 0, K_LONG, O(limit), "N", "at most N articles (the first N in --sort order)", 0, NULL },
	{ "timezone", 0, K_ZONE, O(timezone), "ZONE", "zone for dates written without one (default: local)", 0, NULL },
	{ "group-by", 0, K_ENUM, O(group_by), "KEY", "parts by none, section, category, tag, lang, day, week or month", 0, NULL,
	  ENUM(group_key, "none section category tag lang day week month", GROUP_NONE) },
	{ "files", 0, K_PATHS, O(files), NULL, "explicit list of articles in reading order", F_YAML_ONLY, NULL },
	{ "state", 0, K_PATH, O(state), "FILE", "remember what earlier digests held (digest only)", F_DIGEST, "Digests (folio digest)" },
	{ "new", 0, K_BOOL, O(new_only), NULL, "only articles no earlier digest held (needs --state)", F_DIGEST, NULL },
	{ "image-cache", 0, K_PATH, O(image_cache), "DIR", "cache of fetched images (default $XDG_CACHE_HOME/folio)", 0, "Images" },
	{ "offline", 0, K_BOOL, O(offline), NULL, "never use the network: cached images or placeholders", 0, NULL },
	{ "user-agent", 0, K_STR, O(user_agent), "TEXT", "User-Agent for image requests", 0, NULL },
	{ "referer", 0, K_STR, O(referer), "URL", "Referer for image requests", 0, NULL },
	{ "webp", 0, K_ENUM, O(webp), "MODE", "EPUB WebP images: auto (default: JPEG, or PNG when lossless or transparent), keep, jpeg or png", 0,
	  NULL, ENUM(webp_mode, "auto keep jpeg png", WEBP_AUTO) },
	{ "image-max-pixels", 0, K_LONG, O(image_max_pixels), "N", "scale larger images down to N pixels on the long side (default 2400; 0: never)", 0, NULL },
	{ "image-max-megapixels", 0, K_LONG, O(image_max_megapixels), "N", "refuse images whose header promises more than N million pixels (default 50; 0: no limit)", 0, NULL },
	{ "image-max-bytes", 0, K_LONG, O(image_max_bytes), "N", "refuse downloads larger than N bytes (default 20971520; 0: no limit)", 0, NULL },
	{ "image-timeout", 0, K_LONG, O(image_timeout), "SECONDS", "give up on one download attempt after SECONDS (an image is tried up to 3 times; default 30; 0: no limit)", 0, NULL },
	{ "jobs", 'j', K_LONG, O(jobs), "N", "image downloads at once (default 8)", 0, NULL },
	{ "threads", 0, K_LONG, O(threads), "N", "threads for reading, setting pages and writing (default 0: the cores available)", 0,
	  "Running" },
};

#define NDEFS G_N_ELEMENTS(defs)

/* Options that take a list of values (repeated, or a YAML sequence). */
static bool is_list(enum kind k)
{
	return k == K_LIST || k == K_PATHS || k == K_LANGS;
}

/* Options kept as the text given (all but flags, numbers, lists and mappings), for messages and the model. */
static bool is_text(enum kind k)
{
	return k != K_BOOL && k != K_LONG && k != K_MAP && !is_list(k);
}

void options_init(struct options *o)
{
	memset(o, 0, sizeof *o);
	o->sources = g_ptr_array_new_with_free_func(g_free);
	for (size_t i = 0; i < NDEFS; i++)
		if (is_list(defs[i].kind))
			G_STRUCT_MEMBER(GPtrArray *, o, defs[i].off) = g_ptr_array_new_with_free_func(g_free);
	o->only_langs = g_ptr_array_new_with_free_func(g_free);
	o->shortcodes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	o->margin_pt = -1;
	o->bleed_pt = -1;
	o->limit = -1;
	o->webp = g_strdup("auto");
	o->image_max_pixels = 2400;
	o->image_max_megapixels = 50;
	o->image_max_bytes = 20L * 1024 * 1024;
	o->image_timeout = 30;
	o->jobs = 8;
}

void options_clear(struct options *o)
{
	for (size_t i = 0; i < NDEFS; i++) {
		if (is_text(defs[i].kind))
			g_free(G_STRUCT_MEMBER(char *, o, defs[i].off));
		else if (is_list(defs[i].kind))
			g_ptr_array_free(G_STRUCT_MEMBER(GPtrArray *, o, defs[i].off), TRUE);
	}
	g_ptr_array_free(o->sources, TRUE);
	g_ptr_array_free(o->only_langs, TRUE);
	if (o->shortcodes)
		g_hash_table_destroy(o->shortcodes);
	g_free(o->datadir);
	g_free(o->book_lang);
	if (o->tz)
		g_time_zone_unref(o->tz);
	memset(o, 0, sizeof *o);
}

static const struct def *find_def(const char *name)
{
	for (size_t i = 0; i < NDEFS; i++)
		if (!strcmp(defs[i].name, name))
			return &defs[i];
	return NULL;
}

/* "date, -date, title or path": the names an enum option takes, for messages. */
static char *enum_names(const struct def *d)
{
	char **names = g_strsplit(d->values, " ", -1);
	guint n = g_strv_length(names);
	GString *s = g_string_new(NULL);

	for (guint i = 0; i < n; i++)
		g_string_append_printf(s, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
	g_strfreev(names);
	return g_string_free(s, FALSE);
}

/* The enum value of name among d's names, or -1. */
static int enum_value(const struct def *d, const char *name)
{
	char **names = g_strsplit(d->values, " ", -1);
	int found = -1;

	for (int i = 0; names[i] && found < 0; i++)
		if (!strcmp(names[i], name))
			found = d->base + i;
	g_strfreev(names);
	return found;
}

/* What a value of d must look like, for messages; g_free. */
static char *wanted(const struct def *d)
{
	switch (d->kind) {
	case K_ENUM:
		return enum_names(d);
	case K_LONG:
		return g_strdup("a whole number");
	case K_DATE:
		return g_strdup("a date such as 2025-03-01, 2025-03-01 08:00, 2025-03-01T08:00:00+08:00 or "
				"'Sat, 01 Mar 2025 08:00:00 GMT'");
	case K_SPAN:
		return g_strdup("a span such as 30m, 24h, 7d, 2w or 1y");
	case K_ZONE:
		return g_strdup("a time zone such as UTC, Asia/Shanghai, +08:00 or local");
	case K_LENGTH:
		return strcmp(d->name, "bleed") ? g_strdup("a length such as 18mm or 50pt")
						 : g_strdup_printf("a length up to %dmm such as 3mm", UNITS_BLEED_MAX_MM);
	case K_PAGE:
		return g_strdup(UNITS_PAGE_SIZES);
	case K_LANG: case K_LANGS:
		return g_strdup("a language tag such as zh-CN, zh-Hant or en");
	case K_SET: {
		char *names = enum_names(d), *s = g_strdup_printf("%s (several: comma-separated), or none", names);

		g_free(names);
		return s;
	}
	case K_BOOL:
		return g_strdup("true or false");
	case K_STR:
		return g_strdup("UTF-8 text");
	case K_LIST:
		return g_strdup("a name in UTF-8");
	default:
		return g_strdup("something else");
	}
}

/* Check value for d and read it into d's parsed field; false when it is malformed. */
static bool check_value(struct options *o, const struct def *d, const char *value)
{
	switch (d->kind) {
	case K_LONG: {
		char *end;
		long n = strtol(value, &end, 10);

		if (!*value || *end || n < 0)
			return false;
		G_STRUCT_MEMBER(long, o, d->off) = n;
		return true;
	}
	case K_ENUM: {
		int v = enum_value(d, value);

		if (v < 0)
			return false;
		G_STRUCT_MEMBER(int, o, d->parsed) = v;
		return true;
	}
	case K_DATE: {
		/* Read again in options_finish, in the zone --timezone names. */
		GTimeZone *utc = g_time_zone_new_utc();
		struct folio_date date;
		bool ok = date_parse(value, utc, &date);

		g_time_zone_unref(utc);
		return ok;
	}
	case K_SPAN:
		return date_parse_span(value, &G_STRUCT_MEMBER(gint64, o, d->parsed));
	case K_ZONE: {
		GTimeZone *tz = date_zone(value);

		if (tz)
			g_time_zone_unref(tz);
		return tz != NULL;
	}
	case K_LENGTH:
		/* A bleed past 25 mm is no press's: refused with the option's name, as any bad value. */
		return units_parse_length(value, &G_STRUCT_MEMBER(double, o, d->parsed))
		       && (strcmp(d->name, "bleed") || G_STRUCT_MEMBER(double, o, d->parsed) <= units_mm(UNITS_BLEED_MAX_MM));
	case K_PAGE:
		return units_parse_page_size(value, &o->page_w, &o->page_h);
	case K_LANG: case K_LANGS: {
		char *tag = langtag_normalize(value);
		bool ok = langtag_ok(tag);

		g_free(tag);
		return ok;
	}
	case K_SET:
		return options_parse_set(d->values, value, &G_STRUCT_MEMBER(unsigned, o, d->parsed));
	case K_BOOL:
		return value == NULL || yamlfile_is_bool(value);
	case K_STR:
		return g_utf8_validate(value, -1, NULL);
	case K_LIST:
		return *value && g_utf8_validate(value, -1, NULL);
	default:
		return true;
	}
}

/*
 * Store one value. base_dir resolves relative paths (NULL: keep as given).
 * Returns false and reports when the value is malformed: with file and line
 * for a folio.yaml value, else as the command-line option.
 */
static bool set_value(struct options *o, const struct def *d, const char *value, const char *base_dir,
		      const char *file, int line)
{
	char *v;

	if (!strcmp(d->name, "theme"))
		o->theme_confined = false;	/* the user's (a confined folio.yaml sets it again after) */
	if (!check_value(o, d, value)) {
		char *want = wanted(d);

		if (file)
			diag_error(file, line, "'%s' must be %s, not '%s'", d->name, want, value);
		else
			diag_error(NULL, 0, "--%s must be %s, not '%s'", d->name, want, value);
		g_free(want);
		return false;
	}
	v = (d->kind == K_PATH || d->kind == K_PATHS) && base_dir && strcmp(base_dir, ".")
		&& !g_path_is_absolute(value) ? g_build_filename(base_dir, value, NULL) : g_strdup(value);
	if (d->kind == K_BOOL) {
		G_STRUCT_MEMBER(bool, o, d->off) = value == NULL || yamlfile_is_true(value);
		g_free(v);
	} else if (d->kind == K_LONG) {
		g_free(v);
	} else if (is_list(d->kind)) {
		g_ptr_array_add(G_STRUCT_MEMBER(GPtrArray *, o, d->off), v);
	} else {
		char **slot = &G_STRUCT_MEMBER(char *, o, d->off);

		g_free(*slot);
		*slot = v;
	}
	return true;
}

static void clear_list(struct options *o, const struct def *d)
{
	g_ptr_array_set_size(G_STRUCT_MEMBER(GPtrArray *, o, d->off), 0);
}

bool options_parse_set(const char *names, const char *value, unsigned *bits)
{
	char **want = g_strsplit(names, " ", -1), **given = g_strsplit_set(value ? value : "", ",", -1);
	unsigned set = 0;
	bool ok = true, none = false, any = false;

	for (int i = 0; given[i] && ok; i++) {
		char *name = g_strstrip(given[i]);
		int k;

		if (!*name) {
			ok = false;
			break;
		}
		any = true;
		if (!strcmp(name, "none")) {
			none = true;
			continue;
		}
		/* "both", as the help says, where a set has two names (crop and cross, ua-1 and x-4). */
		if (!strcmp(name, "both") && g_strv_length(want) == 2) {
			set |= 3u;
			continue;
		}
		for (k = 0; want[k] && strcmp(want[k], name); k++)
			;
		if (!want[k])
			ok = false;
		else
			set |= 1u << k;
	}
	/* "none" stands alone. */
	if (ok && any && !(none && set)) {
		*bits = set;
	} else {
		ok = false;
	}
	g_strfreev(want);
	g_strfreev(given);
	return ok;
}

/* ---- folio.yaml ---- */

struct yreader {
	struct options *o;
	yaml_document_t *doc;
	const char *file;
	char *dir;
	bool ok;
	yaml_node_t *digest;	/* the digest: section, applied after the rest of the file */
	bool manifest;		/* a book of folio batch: an unknown key is an error */
	bool confined;		/* a SOURCE folder's own folio.yaml: its paths stay in its folder */
	const char *const *own;	/* keys the caller reads itself (manifest), NULL-terminated */
};

static bool owned(const struct yreader *r, const char *name)
{
	for (const char *const *k = r->own; k && *k; k++)
		if (!strcmp(*k, name))
			return true;
	return false;
}

static void load_mapping(struct yreader *r, yaml_node_t *map, bool digest_section);

/*
 * What a file an option names for folio to read is when it is there and no regular file ("named
 * pipe", "folder" ...), else NULL: a FIFO (unpacked from a tar archive of a collection, "cover:
 * cover.png") blocked the run for ever.
 */
static const char *not_regular(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0 || S_ISREG(st.st_mode))
		return NULL;
	return S_ISDIR(st.st_mode) ? "folder" : S_ISFIFO(st.st_mode) ? "named pipe" : "device or socket";
}

/*
 * A collection's own folio.yaml, which comes with the articles, may not send folio elsewhere:
 * "css: /etc/passwd" would be packed into the book, "report: ../notes.txt" replaced. Such a path
 * is said and ignored; the command line and --config, which the user writes, may name any.
 */
static bool path_allowed(struct yreader *r, const struct def *d, const char *key, yaml_node_t *v)
{
	const char *value = (const char *)v->data.scalar.value;

	if (!r->confined || (d->kind != K_PATH && d->kind != K_PATHS) || !*value || !strcmp(value, "-"))
		return true;
	if (!paths_within(r->dir, value)) {
		diag_warn(r->file, yamlfile_line(v), "'%s: %s' leads outside this folio.yaml's folder; ignored (a "
			  "collection's settings read and write only inside it: give it with --%s or --config)", key, value,
			  d->name);
		return false;
	}
	if (!strcmp(d->name, "cover") || !strcmp(d->name, "css") || !strcmp(d->name, "theme")
	    || !strcmp(d->name, "state")) {
		char *path = g_build_filename(r->dir, value, NULL);
		bool odd = not_regular(path) != NULL;

		g_free(path);
		if (odd) {
			/* A named pipe (unpacked from a tar archive) would block the run for ever. */
			diag_warn(r->file, yamlfile_line(v), "'%s: %s' is not a regular file; ignored", key, value);
			return false;
		}
	}
	return true;
}

/* K_MAP: "name: value" pairs, each value one of d's values; the names look like Hugo's shortcode names. */
static bool load_map(struct yreader *r, const struct def *d, yaml_node_t *map)
{
	GHashTable *t = G_STRUCT_MEMBER(GHashTable *, r->o, d->off);
	bool ok = true;

	g_hash_table_remove_all(t);
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(r->doc, p->value);
		const char *name = k->type == YAML_SCALAR_NODE ? (const char *)k->data.scalar.value : NULL;
		const char *value = v->type == YAML_SCALAR_NODE ? (const char *)v->data.scalar.value : NULL;
		char **values = g_strsplit(d->values, " ", -1);
		bool known = value && g_strv_contains((const char *const *)values, value);
		bool name_ok = name && *name && g_utf8_validate(name, -1, NULL) && !strpbrk(name, " \t\n{}<>%\"`'=");

		g_strfreev(values);
		if (!name_ok) {
			diag_error(r->file, yamlfile_line(k), "'%s' must name shortcodes (a name without spaces, quotes, "
				   "braces, <, >, %% or =), not '%s'", d->name, name ? name : "(not text)");
			ok = false;
		} else if (!known) {
			char **names = g_strsplit(d->values, " ", -1);
			char *want = g_strjoinv(", ", names);

			g_strfreev(names);

			diag_error(r->file, yamlfile_line(v), "'%s: %s' must be one of %s, not '%s'", d->name, name, want,
				   value ? value : "(not text)");
			g_free(want);
			ok = false;
		} else {
			g_hash_table_insert(t, g_strdup(name), g_strdup(value));
		}
	}
	return ok;
}

static void load_pair(struct yreader *r, const char *key, yaml_node_t *v, bool digest_section)
{
	char *name = g_strdelimit(g_strdup(key), "_", '-');
	const struct def *d;

	if (owned(r, name)) {
		g_free(name);
		return;
	}
	if (!strcmp(name, "digest") && !r->manifest) {
		if (v->type != YAML_MAPPING_NODE)
			diag_warn(r->file, yamlfile_line(v), "'digest' should be a mapping of settings; ignored");
		else if (r->o->mode == MODE_DIGEST && !digest_section)
			r->digest = v;	/* wins over the top level wherever it sits in the file */
		g_free(name);
		return;
	}
	/* "lang" is the book's language; the language filter is "only-lang", as on the command line. */
	d = find_def(name);
	if (!d || (d->flags & F_CLI_ONLY)) {
		if (r->manifest) {
			diag_error(r->file, yamlfile_line(v), "unknown setting '%s'", key);
			r->ok = false;
		} else {
			diag_warn(r->file, yamlfile_line(v), "unknown setting '%s'; ignored", key);
		}
		g_free(name);
		return;
	}
	g_free(name);
	if ((d->flags & F_DIGEST) && r->o->mode != MODE_DIGEST) {
		if (r->manifest) {
			diag_error(r->file, yamlfile_line(v), "'%s' belongs to digest books (mode: digest)", key);
			r->ok = false;
		}
		return;
	}
	if (d->kind == K_MAP && v->type != YAML_MAPPING_NODE) {
		diag_error(r->file, yamlfile_line(v), "'%s' must be a mapping (name: value)", key);
		r->ok = false;
	} else if (v->type == YAML_SCALAR_NODE) {
		if (!path_allowed(r, d, key, v))
			return;
		if (is_list(d->kind))
			clear_list(r->o, d);
		if (!set_value(r->o, d, (const char *)v->data.scalar.value, r->dir, r->file, yamlfile_line(v)))
			r->ok = false;
		else if (!strcmp(d->name, "theme"))
			r->o->theme_confined = r->confined;
	} else if (v->type == YAML_SEQUENCE_NODE && is_list(d->kind)) {
		clear_list(r->o, d);
		for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
			yaml_node_t *item = yaml_document_get_node(r->doc, *it);

			if (item->type != YAML_SCALAR_NODE) {
				diag_warn(r->file, yamlfile_line(item), "an item of '%s' is not text; ignored", key);
				continue;
			}
			if (!path_allowed(r, d, key, item))
				continue;
			if (!set_value(r->o, d, (const char *)item->data.scalar.value, r->dir, r->file,
				       yamlfile_line(item)))
				r->ok = false;
		}
	} else if (v->type == YAML_MAPPING_NODE && d->kind == K_MAP) {
		if (!load_map(r, d, v))
			r->ok = false;
	} else {
		diag_error(r->file, yamlfile_line(v), "'%s' has a value of the wrong kind", key);
		r->ok = false;
	}
}

static void load_mapping(struct yreader *r, yaml_node_t *map, bool digest_section)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(r->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(r->doc, p->value);

		if (k->type != YAML_SCALAR_NODE) {
			diag_warn(r->file, yamlfile_line(k), "setting name is not text; ignored");
			continue;
		}
		load_pair(r, (const char *)k->data.scalar.value, v, digest_section);
	}
}

static bool load_file(struct options *o, const char *path, bool confined)
{
	yaml_document_t doc;
	yaml_node_t *root;
	struct yreader r = { .o = o, .doc = &doc, .file = path, .ok = true, .confined = confined };

	if (!yamlfile_load(path, "settings", &doc))
		return false;
	r.dir = g_path_get_dirname(path);
	root = yaml_document_get_root_node(&doc);
	if (root && root->type == YAML_MAPPING_NODE) {
		load_mapping(&r, root, false);
		if (r.digest)
			load_mapping(&r, r.digest, true);
	}
	else if (root && !(root->type == YAML_SCALAR_NODE && !*root->data.scalar.value)) {
		diag_error(path, 1, "settings should be a mapping of names to values");
		r.ok = false;
	}
	g_free(r.dir);
	yaml_document_delete(&doc);
	return r.ok;
}

bool options_load_file(struct options *o, const char *path)
{
	return load_file(o, path, false);
}

/* ---- command line ---- */

void options_usage(bool full)
{
	if (!full) {
		diag_print("Usage: folio [OPTIONS] SOURCE... -o OUTPUT\n"
			   "       folio digest [OPTIONS] SOURCE... -o OUTPUT\n"
			   "Try 'folio --help' for more information.\n");
		return;
	}
	printf("Usage: folio [OPTIONS] SOURCE... -o OUTPUT\n"
	       "       folio digest [OPTIONS] SOURCE... -o OUTPUT\n");
	printf("\nTurn folders of Markdown articles (Hugo front matter) into an EPUB 3 book or a\n"
		   "print PDF. Each SOURCE is a folder, read recursively, or a Markdown file; a\n"
		   "folio.yaml in a SOURCE folder is read first. The format comes from OUTPUT's\n"
		   "extension or -t.\n");
	for (size_t i = 0; i < NDEFS; i++) {
		const struct def *d = &defs[i];
		char *left;

		if (d->flags & F_YAML_ONLY)
			continue;
		if (d->group)
			printf("\n%s:\n", d->group);
		if (d->short_name)
			left = g_strdup_printf("-%c, --%s%s%s", d->short_name, d->name, d->arg ? " " : "",
					       d->arg ? d->arg : "");
		else
			left = g_strdup_printf("    --%s%s%s", d->name, d->arg ? " " : "", d->arg ? d->arg : "");
		printf("  %-26s %s\n", left, d->help);
		g_free(left);
	}
	printf("\nIn 'folio digest', --title, --subtitle and -o are templates: {{year}} {{month}} {{day}}\n"
	       "{{week}} (ISO) {{weekyear}} {{from}} {{to}} {{date}} {{count}}. A digest prints one summary\n"
	       "line on stdout (see README).\n");
	printf("\n  -h, --help                 show this help\n"
		   "  -V, --version              show the version\n"
		   "\nExit status: 0 written, 1 failed (nothing written), 2 bad usage,\n"
		   "3 digest found nothing new (nothing written).\n");
}

/* SOURCE_DATE_EPOCH as seconds, when it is set and is a number (a warning when it is not). */
static bool source_date_epoch(gint64 *out)
{
	const char *s = g_getenv("SOURCE_DATE_EPOCH");
	char *end;
	gint64 v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = g_ascii_strtoll(s, &end, 10);
	if (errno || *end || v < 0 || v > DATE_MAX_UTC) {
		diag_warn(NULL, 0, "SOURCE_DATE_EPOCH='%s' is not a number of seconds up to the year 9999; ignored", s);
		return false;
	}
	*out = v;
	return true;
}

/* Where a setting was given, for its messages: a manifest's book (file, line) or the command line (NULL). */
struct given_at {
	const char *file;
	int line;
};

/* An option's name as it was given: "--theme" on the command line, "'theme'" in a manifest. */
static char *given_name(const struct given_at *at, const char *option)
{
	return at->file ? g_strdup_printf("'%s'", option) : g_strdup_printf("--%s", option);
}

/* An option and its value as given: "--theme 'x'", or "'theme: x'" in a manifest. */
static char *given_value(const struct given_at *at, const char *option, const char *value)
{
	return at->file ? g_strdup_printf("'%s: %s'", option, value) : g_strdup_printf("--%s '%s'", option, value);
}

static bool regular_or_absent(const struct given_at *at, const char *option, const char *path)
{
	const char *kind = path && strcmp(path, "-") ? not_regular(path) : NULL;

	if (kind) {
		char *given = given_value(at, option, path);

		diag_error(at->file, at->line, "%s is not a regular file (a %s)", given, kind);
		g_free(given);
	}
	return !kind;
}

/*
 * Read what depends on other options: dates in the zone --timezone names, the clock, language
 * tags. Messages say where the settings were given (at): a manifest's book had "--theme" with no
 * file or line.
 */
static bool options_finish(struct options *o, const struct given_at *at)
{
	const char *names[2] = { "since", "until" };
	const char *values[2] = { o->since, o->until };
	struct folio_date *dates[2] = { &o->since_date, &o->until_date };
	bool ok = true;

	ok = regular_or_absent(at, "cover", o->cover) && regular_or_absent(at, "css", o->css)
	     && regular_or_absent(at, "theme", o->theme) && regular_or_absent(at, "state", o->state);
	o->tz = date_zone(o->timezone);
	if (!o->tz) {
		char *name = given_name(at, "timezone");

		diag_error(at->file, at->line, "%s must be a time zone, not '%s'", name, o->timezone);
		g_free(name);
		return false;
	}
	for (int i = 0; i < 2; i++) {
		if (values[i] && !date_parse(values[i], o->tz, dates[i])) {
			char *given = given_value(at, names[i], values[i]);

			diag_error(at->file, at->line, "%s names no time in %s", given,
				   o->timezone ? o->timezone : "the local zone");
			g_free(given);
			ok = false;
		}
	}
	o->now_from_epoch = source_date_epoch(&o->now);
	if (!o->now_from_epoch)
		o->now = g_get_real_time() / G_USEC_PER_SEC;
	o->book_lang = langtag_normalize(o->lang);
	if (o->untagged && o->pdf_standard && (o->standards & STANDARD_UA1)) {
		diag_error(at->file, at->line, "%s needs a tagged PDF: leave out %s",
			   at->file ? "'pdf-standard: ua-1'" : "--pdf-standard ua-1", at->file ? "'untagged'" : "--untagged");
		ok = false;
	}
	for (guint i = 0; i < o->langs->len; i++)
		g_ptr_array_add(o->only_langs, langtag_normalize(g_ptr_array_index(o->langs, i)));
	return ok;
}

/* The folio.yaml of each SOURCE folder, read first (the command line's order too). */
static bool load_source_settings(struct options *o)
{
	bool ok = true;

	for (guint i = 0; i < o->sources->len; i++) {
		char *yaml = g_build_filename(g_ptr_array_index(o->sources, i), "folio.yaml", NULL);
		const char *odd = not_regular(yaml);

		/* Not a link out of the folder: its settings would go into the book. */
		if (odd && strcmp(odd, "folder"))
			diag_warn(yaml, 0, "is not a regular file (a %s); its settings are not read", odd);
		else if (!g_file_test(yaml, G_FILE_TEST_IS_REGULAR))
			;	/* none */
		else if (!paths_within(g_ptr_array_index(o->sources, i), "folio.yaml"))
			diag_warn(yaml, 0, "is a link that leaves the source folders; skipped");
		else if (!load_file(o, yaml, true))
			ok = false;
		g_free(yaml);
	}
	return ok;
}

static char *source_path(const char *dir, const char *path)
{
	return g_path_is_absolute(path) || !strcmp(dir, ".") ? g_strdup(path) : g_build_filename(dir, path, NULL);
}

/* The SOURCEs a manifest mapping names ("sources": one path or a list), relative to dir. */
static bool entry_sources(struct options *o, yaml_document_t *doc, yaml_node_t *map, const char *file,
			  const char *dir)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);
		yaml_node_t *v = yaml_document_get_node(doc, p->value);
		yaml_node_item_t *first, *top;

		if (k->type != YAML_SCALAR_NODE || strcmp((const char *)k->data.scalar.value, "sources"))
			continue;
		g_ptr_array_set_size(o->sources, 0);
		if (v->type == YAML_SCALAR_NODE) {
			first = top = NULL;
			g_ptr_array_add(o->sources, source_path(dir, (const char *)v->data.scalar.value));
		} else if (v->type == YAML_SEQUENCE_NODE) {
			first = v->data.sequence.items.start;
			top = v->data.sequence.items.top;
		} else {
			diag_error(file, yamlfile_line(v), "'sources' should be a folder or file, or a list of them");
			return false;
		}
		for (yaml_node_item_t *it = first; it && it < top; it++) {
			yaml_node_t *item = yaml_document_get_node(doc, *it);

			if (item->type != YAML_SCALAR_NODE || !*item->data.scalar.value) {
				diag_error(file, yamlfile_line(item), "an item of 'sources' is not a path");
				return false;
			}
			g_ptr_array_add(o->sources, source_path(dir, (const char *)item->data.scalar.value));
		}
	}
	return true;
}

bool options_load_entry(struct options *o, yaml_document_t *doc, yaml_node_t *defaults, yaml_node_t *map,
			const char *file, const char *dir, const char *const *own)
{
	static const char *const none[] = { NULL };
	const char *const *skip = own ? own : none;
	GPtrArray *keys = g_ptr_array_new();
	struct yreader r = { .o = o, .doc = doc, .file = file, .dir = g_strdup(dir), .ok = true, .manifest = true };
	bool ok = true;

	for (const char *const *k = skip; *k; k++)
		g_ptr_array_add(keys, (gpointer)*k);
	g_ptr_array_add(keys, (gpointer)"sources");
	g_ptr_array_add(keys, NULL);
	r.own = (const char *const *)keys->pdata;
	if (defaults && !entry_sources(o, doc, defaults, file, dir))
		ok = false;
	if (!entry_sources(o, doc, map, file, dir))
		ok = false;
	if (ok && !load_source_settings(o))
		ok = false;
	if (defaults)
		load_mapping(&r, defaults, false);
	load_mapping(&r, map, false);
	ok = ok && r.ok && options_finish(o, &(struct given_at){ file, yamlfile_line(map) });
	g_free(r.dir);
	g_ptr_array_free(keys, TRUE);
	return ok;
}

struct cli_value {
	const struct def *def;
	char *value;
};

int options_parse(struct options *o, int argc, char **argv)
{
	struct option *longopts = g_new0(struct option, NDEFS + 3);
	GString *shortopts = g_string_new("+:hV");
	GArray *given = g_array_new(FALSE, FALSE, sizeof(struct cli_value));
	GHashTable *lists_seen;
	int n = 0, c, status = 0, first = 1;

	if (argc > 1 && !strcmp(argv[1], "digest")) {
		o->mode = MODE_DIGEST;
		first = 2;
	}
	for (size_t i = 0; i < NDEFS; i++) {
		if (defs[i].flags & F_YAML_ONLY)
			continue;
		longopts[n].name = defs[i].name;
		longopts[n].has_arg = defs[i].kind == K_BOOL ? no_argument : required_argument;
		longopts[n].val = 1000 + (int)i;
		n++;
		if (defs[i].short_name) {
			g_string_append_c(shortopts, (char)defs[i].short_name);
			if (defs[i].kind != K_BOOL)
				g_string_append_c(shortopts, ':');
		}
	}
	longopts[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	longopts[n++] = (struct option){ "version", no_argument, NULL, 'V' };

	optind = first;
	opterr = 0;
	/* GNU order: options may follow the SOURCEs; "+" above is dropped by permuting ourselves. */
	g_string_erase(shortopts, 0, 1);
	while ((c = getopt_long(argc, argv, shortopts->str, longopts, NULL)) != -1) {
		const struct def *d = NULL;
		struct cli_value v;

		if (c == 'h') {
			options_usage(true);
			status = -1;
			goto out;
		}
		if (c == 'V') {
			printf("folio %s\n", FOLIO_VERSION);
			status = -1;
			goto out;
		}
		if (c == '?' || c == ':') {
			if (c == ':')
				diag_error(NULL, 0, "option '%s' needs a value", argv[optind - 1]);
			else if (optopt)
				diag_error(NULL, 0, "unknown option '-%c'", optopt);
			else
				diag_error(NULL, 0, "unknown option '%s'", argv[optind - 1]);
			options_usage(false);
			status = 2;
			goto out;
		}
		if (c >= 1000)
			d = &defs[c - 1000];
		else
			for (size_t i = 0; i < NDEFS && !d; i++)
				if (defs[i].short_name == c)
					d = &defs[i];
		if (!d)
			continue;
		if ((d->flags & F_DIGEST) && o->mode != MODE_DIGEST) {
			diag_error(NULL, 0, "--%s belongs to 'folio digest'", d->name);
			options_usage(false);
			status = 2;
			goto out;
		}
		v.def = d;
		v.value = optarg ? g_strdup(optarg) : NULL;
		g_array_append_val(given, v);
		if (!strcmp(d->name, "config"))
			set_value(o, d, optarg, NULL, NULL, 0);
	}
	for (int i = optind; i < argc; i++)
		g_ptr_array_add(o->sources, g_strdup(argv[i]));

	/* folio.yaml in each SOURCE folder, then --config, then the command line. */
	if (!load_source_settings(o))
		status = 2;
	if (o->config && (!regular_or_absent(&(struct given_at){ NULL, 0 }, "config", o->config)
			  || !options_load_file(o, o->config)))
		status = 2;
	lists_seen = g_hash_table_new(NULL, NULL);
	for (guint i = 0; i < given->len; i++) {
		struct cli_value *v = &g_array_index(given, struct cli_value, i);

		if (is_list(v->def->kind) && !g_hash_table_contains(lists_seen, v->def)) {
			clear_list(o, v->def);
			g_hash_table_add(lists_seen, (gpointer)v->def);
		}
		if (strcmp(v->def->name, "config") && !set_value(o, v->def, v->value, NULL, NULL, 0))
			status = 2;
	}
	g_hash_table_destroy(lists_seen);
	if (status == 0 && !options_finish(o, &(struct given_at){ NULL, 0 }))
		status = 2;
out:
	for (guint i = 0; i < given->len; i++)
		g_free(g_array_index(given, struct cli_value, i).value);
	g_array_free(given, TRUE);
	g_string_free(shortopts, TRUE);
	g_free(longopts);
	return status;
}
