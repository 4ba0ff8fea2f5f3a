/* taglog.c - what the device tagged, element by element: what Cairo cannot write, for the post-pass. */
#include "format/pdf/taglog.h"

struct tag_log *tag_log_new(void)
{
	struct tag_log *log = g_new0(struct tag_log, 1);

	log->records = g_array_new(FALSE, TRUE, sizeof(struct tag_record));
	return log;
}

void tag_log_free(struct tag_log *log)
{
	if (!log)
		return;
	for (guint i = 0; i < log->records->len; i++) {
		struct tag_record *r = &g_array_index(log->records, struct tag_record, i);

		g_free(r->alt);
		g_free(r->lang);
		g_free(r->id);
		g_free(r->contents);
		g_free(r->actual);
	}
	g_array_free(log->records, TRUE);
	g_free(log);
}

guint tag_log_add(struct tag_log *log, enum srole role)
{
	struct tag_record r = { .role = (unsigned char)role };

	g_array_append_val(log->records, r);
	return log->records->len - 1;
}

struct tag_record *tag_log_at(const struct tag_log *log, guint index)
{
	return index < log->records->len ? &g_array_index(log->records, struct tag_record, index) : NULL;
}
