/* options.h - every setting of a run, from the command line and folio.yaml, in one record. */
#ifndef FOLIO_OPTIONS_H
#define FOLIO_OPTIONS_H

#include <stdbool.h>
#include <glib.h>

#include "base/date.h"

enum run_mode { MODE_BUILD, MODE_DIGEST };

/* The values of the options that name one of a few things, in the order options.c names them. */
enum output_format { FORMAT_BY_NAME, FORMAT_EPUB, FORMAT_PDF, FORMAT_MODEL, FORMAT_TRACE };
enum sort_key { SORT_DATE, SORT_DATE_DESC, SORT_TITLE, SORT_PATH };
enum group_key { GROUP_DEFAULT, GROUP_NONE, GROUP_SECTION, GROUP_CATEGORY, GROUP_TAG, GROUP_LANG, GROUP_DAY,
		 GROUP_WEEK, GROUP_MONTH };
enum webp_mode { WEBP_AUTO, WEBP_KEEP, WEBP_JPEG, WEBP_PNG };
/* Sets of names, as bits: --pdf-standard and --marks (theme keys pdf.standard and pdf.marks). */
enum pdf_standard { STANDARD_UA1 = 1, STANDARD_X4 = 2 };
#define STANDARD_NAMES "ua-1 x-4"
enum print_marks { MARKS_CROP = 1, MARKS_CROSS = 2 };
#define MARKS_NAMES "crop cross"
enum writing_mode { WRITING_HORIZONTAL, WRITING_VERTICAL_RL };

struct options {
	enum run_mode mode;
	GPtrArray *sources;		/* SOURCE folders and files, as given */
	GPtrArray *outputs;		/* -o, once or (digest, or both formats) more */
	char *format;			/* -t epub|pdf|model|trace; else from each output's extension */
	char *config;			/* --config FILE */

	/* The book */
	char *title, *subtitle, *author, *lang, *cover, *publisher, *description;
	char *css;			/* EPUB stylesheet replacing templates/epub.css */
	char *rights;			/* rights statement (a Hugo site's copyright otherwise) */
	bool embed_fonts;		/* EPUB: subsets of the fonts its text uses go into the book */
	char *writing_mode;		/* EPUB: horizontal-tb | vertical-rl */
	char *sort;			/* date | -date | title | path */
	bool include_drafts, include_future, include_expired, strict, quiet;
	bool allow_empty;		/* write a book with no article in it (else an error, exit 1) */
	bool verbose;			/* every message, none summed up */
	char *report;			/* --report FILE: every message as JSON lines */
	GHashTable *shortcodes;		/* folio.yaml shortcodes: a site's shortcode name -> the rendering it gets */

	/* Print */
	char *page_size, *margin, *theme;
	bool theme_confined;		/* the theme was named by a SOURCE folder's own folio.yaml: the files
					   it names stay in its folder (format/pdf/theme.h) */
	bool two_sided;
	bool show_grid;		/* --show-grid: the PDF's type area and line grid drawn (a proof) */
	char *bleed, *marks, *pdf_standard;	/* as given; parsed below */
	bool untagged;

	/* Choosing and grouping articles */
	char *since, *until, *last, *timezone, *group_by;
	GPtrArray *categories, *tags, *langs, *files;
	long limit;

	/* Digests */
	char *state;
	bool new_only;

	/* Images */
	char *image_cache, *user_agent, *referer, *webp;
	bool offline;
	long image_max_pixels, image_max_bytes, image_timeout, jobs;
	long image_max_megapixels;	/* refuse images whose header promises more (decompression bombs) */

	/* Running: threads for everything but downloads (0: the cores available) */
	long threads;

	/* Where templates/ and fonts/ are (set by main from the executable's place) */
	char *datadir;

	/*
	 * The values above read and checked once, when the options are read (options_parse): a
	 * bad one is an error naming the option (and its file and line in folio.yaml), exit 2.
	 */
	enum output_format to;		/* -t; FORMAT_BY_NAME: each output's extension decides */
	enum sort_key sort_key;
	enum group_key group_key;	/* GROUP_DEFAULT: Hugo sections when _index.md files name any */
	enum webp_mode webp_mode;
	enum writing_mode writing;	/* --writing-mode */
	GTimeZone *tz;			/* --timezone, else the local zone */
	gint64 now;			/* SOURCE_DATE_EPOCH, else the clock: what --last counts back from */
	bool now_from_epoch;		/* SOURCE_DATE_EPOCH gave now (it then also stamps the book) */
	struct folio_date since_date, until_date;	/* valid when given */
	gint64 last_span;		/* seconds; 0 when --last is not given */
	double page_w, page_h;		/* --page-size in points; 0 when not given */
	double margin_pt;		/* --margin in points; < 0 when not given */
	double bleed_pt;		/* --bleed in points; < 0 when not given */
	unsigned marks_set;		/* --marks: enum print_marks bits (valid when marks is given) */
	unsigned standards;		/* --pdf-standard: enum pdf_standard bits (valid when pdf_standard is given) */
	char *book_lang;		/* --lang in canonical case (langtag_normalize), or NULL */
	GPtrArray *only_langs;		/* --only-lang in canonical case */
};

void options_init(struct options *o);
void options_clear(struct options *o);

/*
 * Parse the command line into o, reading folio.yaml files and --config in
 * between (command line wins), then check every value and read it into the
 * parsed fields. Returns 0 when fine, 2 on bad usage, a bad value or a
 * settings file that cannot be read or is not YAML (already reported), -1
 * when --help or --version was handled (exit 0).
 */
int options_parse(struct options *o, int argc, char **argv);

/* Apply one folio.yaml-style file; digest selects its "digest:" section too. */
bool options_load_file(struct options *o, const char *path);

/*
 * One book of a manifest (folio batch): the settings of map, a mapping of doc read from
 * file (paths relative to dir), over defaults (another mapping, or NULL), over the folio.yaml of
 * each SOURCE; "sources" names the SOURCEs (a path or a list); the keys of own (NULL-ended) are
 * the caller's and skipped. Every value is checked as on the command line; an unknown key is an
 * error here. Returns false when anything is wrong (reported with file and line). Set o->mode
 * first (digest books take the digest settings).
 */
struct yaml_document_s;
struct yaml_node_s;
bool options_load_entry(struct options *o, struct yaml_document_s *doc, struct yaml_node_s *defaults,
			struct yaml_node_s *map, const char *file, const char *dir, const char *const *own);

/* The usage text. */
void options_usage(bool full);

/*
 * A set of names from value ("crop,cross", "ua-1, x-4", "both" where there are two names, or
 * "none"), names being the names it takes, space-separated (MARKS_NAMES): the i-th name is bit
 * 1 << i. false when one is unknown.
 */
bool options_parse_set(const char *names, const char *value, unsigned *bits);

#endif
