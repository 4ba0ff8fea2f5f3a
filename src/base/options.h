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
	bool embed_fonts;		/* EPUB: subsets of the fonts its text uses go into the book */
	char *writing_mode;		/* EPUB: horizontal-tb | vertical-rl */
	char *sort;			/* date | -date | title | path */
	bool include_drafts, strict, quiet;

	/* Print */
	char *page_size, *margin, *theme;
	bool two_sided;

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

/* The usage text. */
void options_usage(bool full);

#endif
