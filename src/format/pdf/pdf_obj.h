/* pdf_obj.h - PDF objects as values: parsed from PDF syntax, edited, and written back compactly. */
#ifndef FOLIO_PDF_OBJ_H
#define FOLIO_PDF_OBJ_H

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>

enum pdfo_kind { PDFO_NULL, PDFO_BOOL, PDFO_INT, PDFO_REAL, PDFO_NAME, PDFO_STRING, PDFO_ARRAY, PDFO_DICT, PDFO_REF };

/*
 * One object; an array's items and a dictionary's values are objects it owns. Names are kept
 * without their slash, decoded; strings as their bytes; a real as the text it was read from
 * (written back the same), so nothing read is rounded.
 */
struct pdfo {
	enum pdfo_kind kind;
	union {
		bool b;
		long long i;
		char *text;		/* PDFO_REAL: its digits; PDFO_NAME: the name */
		GByteArray *str;	/* PDFO_STRING */
		GPtrArray *items;	/* PDFO_ARRAY: struct pdfo *; PDFO_DICT: key (char *), value, key, value... */
		struct { int num, gen; } ref;
	} u;
};

/* PDF's white space (ISO 32000-1 7.2.2: NUL, tab, line feed, form feed, return, space) and delimiters. */
static inline bool pdf_is_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
}

static inline bool pdf_is_delim(unsigned char c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}'
	       || c == '/' || c == '%';
}

void pdfo_free(struct pdfo *o);
struct pdfo *pdfo_copy(const struct pdfo *o);

struct pdfo *pdfo_null(void);
struct pdfo *pdfo_int(long long i);
struct pdfo *pdfo_name(const char *name);
struct pdfo *pdfo_bytes(const void *bytes, size_t len);
/* A text string: UTF-8 in; the bytes as they are when plain ASCII, else UTF-16BE with its mark. */
struct pdfo *pdfo_text(const char *utf8);
struct pdfo *pdfo_ref(int num);
struct pdfo *pdfo_array(void);
struct pdfo *pdfo_dict(void);

/* The object PDF syntax text parses to (for constants written in the code); NULL when it does not. */
struct pdfo *pdfo_parse_text(const char *syntax);

/*
 * One object at *pos of buf[0, len), *pos moved past it; "N G R" is read as a reference. NULL
 * with a message in *error (g_free) when the bytes there are no object, or nest past 64 levels.
 * A stream's dictionary is read as a dictionary: *pos is then before its "stream" keyword.
 */
struct pdfo *pdfo_parse(const unsigned char *buf, size_t len, size_t *pos, char **error);
/* *pos past white space and comments. */
void pdfo_skip_space(const unsigned char *buf, size_t len, size_t *pos);

/* The object in PDF syntax, compactly, appended to out. */
void pdfo_write(GString *out, const struct pdfo *o);

bool pdfo_is(const struct pdfo *o, enum pdfo_kind kind);
bool pdfo_is_name(const struct pdfo *o, const char *name);
/* The number of a numeric object (0 for anything else). */
double pdfo_number(const struct pdfo *o);
bool pdfo_is_number(const struct pdfo *o);
/* A string object's text as UTF-8 (from UTF-16BE with its mark, or PDFDocEncoding read as Latin-1): g_free. */
char *pdfo_utf8(const struct pdfo *o);

/* dict[key] (key without its slash), or NULL. The object stays dict's. */
struct pdfo *pdfo_get(const struct pdfo *dict, const char *key);
/* dict[key] = value (taken); the old value freed. */
void pdfo_set(struct pdfo *dict, const char *key, struct pdfo *value);
/* dict[key] = the object syntax parses to. */
void pdfo_set_parsed(struct pdfo *dict, const char *key, const char *syntax);
void pdfo_remove(struct pdfo *dict, const char *key);
/* dict[key] as a dictionary, made (direct) when it is missing or no dictionary. */
struct pdfo *pdfo_get_dict(struct pdfo *dict, const char *key);

guint pdfo_len(const struct pdfo *array);
struct pdfo *pdfo_at(const struct pdfo *array, guint i);
/* Append value (taken). */
void pdfo_push(struct pdfo *array, struct pdfo *value);
/* array[i] = value (taken), the old one freed. */
void pdfo_put(struct pdfo *array, guint i, struct pdfo *value);

#endif
