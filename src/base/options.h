/* options.h - every setting of a run, from the command line and folio.yaml, in one record. */
#ifndef FOLIO_OPTIONS_H
#define FOLIO_OPTIONS_H

#include <stdbool.h>
#include <glib.h>

enum run_mode { MODE_BUILD, MODE_DIGEST };

struct options {
	enum run_mode mode;
	GPtrArray *sources;		/* SOURCE folders and files, as given */
	GPtrArray *outputs;		/* -o, once or (digest, or both formats) more */
	char *format;			/* -t epub|pdf|model|trace; else from each output's extension */
	char *config;			/* --config FILE */

	/* The book */
	char *title, *subtitle, *author, *lang, *cover, *publisher, *description;
	char *css;			/* EPUB stylesheet replacing templates/epub.css */
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
};

void options_init(struct options *o);
void options_clear(struct options *o);

/*
 * Parse the command line into o, reading folio.yaml files and --config in
 * between (command line wins). Returns 0 when fine, 2 on bad usage (already
 * reported), -1 when --help or --version was handled (exit 0), 1 when a
 * config file could not be read.
 */
int options_parse(struct options *o, int argc, char **argv);

/* Apply one folio.yaml-style file; digest selects its "digest:" section too. */
bool options_load_file(struct options *o, const char *path);

/* The usage text. */
void options_usage(bool full);

#endif
