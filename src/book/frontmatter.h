/* frontmatter.h - typed Hugo front matter: each field keeps the line it came from. */
#ifndef FOLIO_FRONTMATTER_H
#define FOLIO_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

#include "base/date.h"

struct fm_text {
	char *text;		/* NULL when absent; "" when given empty */
	int line;		/* 1-based line in the file, 0 when absent */
};

struct fm_list {
	GPtrArray *items;	/* of char *, never NULL */
	int line;
};

/* A key folio does not interpret, kept with its value as text. */
struct fm_extra {
	char *key;
	char *value;		/* scalars as written; lists joined with ", " */
	int line;
};

struct front_matter {
	struct fm_text title, summary, author, lang, thumbnail, slug, source, date_text, cover;
	struct folio_date date;
	struct fm_list categories, tags;
	long weight;
	bool has_weight;
	bool draft;
	GPtrArray *extra;	/* of struct fm_extra *, in file order */
};

void fm_init(struct front_matter *fm);
void fm_clear(struct front_matter *fm);
/* to (not initialised) becomes a copy of from, sharing nothing. */
void fm_copy(struct front_matter *to, const struct front_matter *from);

/*
 * Find front matter at the start of text (a UTF-8 BOM already removed, line
 * ends already "\n"). Sets *yaml and *yaml_len to the YAML between the "---"
 * lines and *body to where the Markdown starts, *body_line to its line.
 * Returns 1 when found, 0 when the file has none, -1 when it is
 * unterminated (reported as a warning for file), -2 for TOML front
 * matter (reported; *body is then after it).
 */
int fm_split(const char *file, const char *text, size_t len, const char **yaml, size_t *yaml_len,
	     const char **body, int *body_line);

/*
 * Parse YAML front matter that starts on line first_line of file into fm.
 * Dates without a zone are read in tz. Malformed YAML is reported (file and
 * line) and returns false; a field of the wrong type is reported as a
 * warning and skipped.
 */
bool fm_parse(const char *file, const char *yaml, size_t len, int first_line, GTimeZone *tz,
	      struct front_matter *fm);


#endif
