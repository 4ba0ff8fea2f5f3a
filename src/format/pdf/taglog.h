/* taglog.h - what the device tagged, element by element: what Cairo cannot write, for the post-pass. */
#ifndef FOLIO_TAGLOG_H
#define FOLIO_TAGLOG_H

#include <stdbool.h>
#include <glib.h>

#include "format/pdf/structure.h"

enum tag_scope { SCOPE_NONE, SCOPE_COLUMN, SCOPE_ROW };

/*
 * One structure element, in the order its tag was begun: Cairo 1.16 keeps no attribute of a
 * structure tag, and writes the elements in that order (depth first), so the order is the key.
 */
struct tag_record {
	unsigned char role;	/* enum srole */
	unsigned char scope;	/* enum tag_scope: a header cell's */
	char *alt;		/* Figure: /Alt */
	char *lang;		/* /Lang, when it differs from the element around it */
	char *id;		/* Note: /ID */
	char *contents;		/* Link: its annotation's /Contents */
	char *actual;		/* a leaf: the text it shows, as written (its marked content's /ActualText) */
};

struct tag_log {
	GArray *records;	/* of struct tag_record */
	/*
	 * Pages drawn out of the book's order (device.h's moved): the records from moved_from on were
	 * begun on them, and the top-level elements among them belong before the first one begun at
	 * moved_before or later. moved_from 0: nothing moved.
	 */
	guint moved_from, moved_before;
};

struct tag_log *tag_log_new(void);
void tag_log_free(struct tag_log *log);
/* Add the record of the next element begun; returns its index. */
guint tag_log_add(struct tag_log *log, enum srole role);
struct tag_record *tag_log_at(const struct tag_log *log, guint index);

#endif
