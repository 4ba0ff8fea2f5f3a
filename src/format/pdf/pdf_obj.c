/* pdf_obj.c - PDF objects as values: parsed from PDF syntax, edited, and written back compactly. */
#include "format/pdf/pdf_obj.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

/* ---- making and freeing ---- */

static struct pdfo *make(enum pdfo_kind kind)
{
	struct pdfo *o = g_new0(struct pdfo, 1);

	o->kind = kind;
	return o;
}

void pdfo_free(struct pdfo *o)
{
	if (!o)
		return;
	switch (o->kind) {
	case PDFO_REAL:
	case PDFO_NAME:
		g_free(o->u.text);
		break;
	case PDFO_STRING:
		g_byte_array_free(o->u.str, TRUE);
		break;
	case PDFO_ARRAY:
		g_ptr_array_free(o->u.items, TRUE);
		break;
	case PDFO_DICT:
		for (guint i = 0; i < o->u.items->len; i += 2) {
			g_free(g_ptr_array_index(o->u.items, i));
			pdfo_free(g_ptr_array_index(o->u.items, i + 1));
		}
		g_ptr_array_free(o->u.items, TRUE);
		break;
	default:
		break;
	}
	g_free(o);
}

struct pdfo *pdfo_null(void)
{
	return make(PDFO_NULL);
}

struct pdfo *pdfo_int(long long i)
{
	struct pdfo *o = make(PDFO_INT);

	o->u.i = i;
	return o;
}

struct pdfo *pdfo_name(const char *name)
{
	struct pdfo *o = make(PDFO_NAME);

	o->u.text = g_strdup(name);
	return o;
}

struct pdfo *pdfo_bytes(const void *bytes, size_t len)
{
	struct pdfo *o = make(PDFO_STRING);

	o->u.str = g_byte_array_sized_new((guint)len);
	g_byte_array_append(o->u.str, bytes, (guint)len);
	return o;
}

struct pdfo *pdfo_text(const char *utf8)
{
	gunichar2 *u16;
	glong n = 0;
	struct pdfo *o;
	bool ascii = true;

	for (const char *c = utf8; *c; c++)
		if ((unsigned char)*c >= 0x7f || ((unsigned char)*c < 0x20 && *c != '\n' && *c != '\t'))
			ascii = false;
	if (ascii)
		return pdfo_bytes(utf8, strlen(utf8));
	u16 = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
	o = pdfo_bytes("\xfe\xff", 2);
	for (glong i = 0; u16 && i < n; i++) {
		guint8 be[2] = { u16[i] >> 8, u16[i] & 0xff };

		g_byte_array_append(o->u.str, be, 2);
	}
	g_free(u16);
	return o;
}

struct pdfo *pdfo_ref(int num)
{
	struct pdfo *o = make(PDFO_REF);

	o->u.ref.num = num;
	return o;
}

static void free_item(gpointer p)
{
	pdfo_free(p);
}

struct pdfo *pdfo_array(void)
{
	struct pdfo *o = make(PDFO_ARRAY);

	o->u.items = g_ptr_array_new_with_free_func(free_item);
	return o;
}

struct pdfo *pdfo_dict(void)
{
	struct pdfo *o = make(PDFO_DICT);

	o->u.items = g_ptr_array_new();
	return o;
}

struct pdfo *pdfo_copy(const struct pdfo *o)
{
	struct pdfo *c;

	if (!o)
		return NULL;
	switch (o->kind) {
	case PDFO_REAL:
	case PDFO_NAME:
		c = make(o->kind);
		c->u.text = g_strdup(o->u.text);
		return c;
	case PDFO_STRING:
		return pdfo_bytes(o->u.str->data, o->u.str->len);
	case PDFO_ARRAY:
		c = pdfo_array();
		for (guint i = 0; i < o->u.items->len; i++)
			pdfo_push(c, pdfo_copy(g_ptr_array_index(o->u.items, i)));
		return c;
	case PDFO_DICT:
		c = pdfo_dict();
		for (guint i = 0; i < o->u.items->len; i += 2) {
			g_ptr_array_add(c->u.items, g_strdup(g_ptr_array_index(o->u.items, i)));
			g_ptr_array_add(c->u.items, pdfo_copy(g_ptr_array_index(o->u.items, i + 1)));
		}
		return c;
	default:
		c = make(o->kind);
		c->u = o->u;
		return c;
	}
}

/* ---- reading ---- */

static bool is_regular(unsigned char c)
{
	return !pdf_is_space(c) && !pdf_is_delim(c);
}

void pdfo_skip_space(const unsigned char *buf, size_t len, size_t *pos)
{
	size_t p = *pos;

	while (p < len) {
		if (pdf_is_space(buf[p])) {
			p++;
		} else if (buf[p] == '%') {
			while (p < len && buf[p] != '\n' && buf[p] != '\r')
				p++;
		} else {
			break;
		}
	}
	*pos = p;
}

static int key_index(const struct pdfo *dict, const char *key);

struct reader {
	const unsigned char *buf;
	size_t len, pos;
	char *error;
};

static struct pdfo *fail(struct reader *r, const char *what)
{
	if (!r->error)
		r->error = g_strdup_printf("%s at byte %zu", what, r->pos);
	return NULL;
}

static int hex_value(unsigned char c)
{
	return g_ascii_isxdigit(c) ? g_ascii_xdigit_value(c) : -1;
}

/* The name at r->pos (past its slash), decoded: g_free. */
static char *name_text(struct reader *r)
{
	size_t start = ++r->pos, n = 0;
	char *text;

	while (r->pos < r->len && is_regular(r->buf[r->pos]))
		r->pos++;
	text = g_malloc(r->pos - start + 1);
	for (size_t i = start; i < r->pos; i++) {
		unsigned char c = r->buf[i];

		if (c == '#' && i + 2 < r->pos && hex_value(r->buf[i + 1]) >= 0 && hex_value(r->buf[i + 2]) >= 0) {
			c = (unsigned char)(hex_value(r->buf[i + 1]) * 16 + hex_value(r->buf[i + 2]));
			i += 2;
		}
		text[n++] = (char)c;
	}
	text[n] = '\0';
	return text;
}

static struct pdfo *read_name(struct reader *r)
{
	struct pdfo *o = make(PDFO_NAME);

	o->u.text = name_text(r);
	return o;
}

static struct pdfo *read_literal(struct reader *r)
{
	struct pdfo *o = pdfo_bytes("", 0);
	int depth = 1;

	r->pos++;
	while (r->pos < r->len) {
		unsigned char c = r->buf[r->pos++];

		if (c == '(') {
			depth++;
		} else if (c == ')') {
			if (--depth == 0)
				return o;
		} else if (c == '\\' && r->pos < r->len) {
			c = r->buf[r->pos++];
			switch (c) {
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case '\r':
				if (r->pos < r->len && r->buf[r->pos] == '\n')
					r->pos++;
				continue;
			case '\n':
				continue;
			default:
				if (c >= '0' && c <= '7') {
					int v = c - '0';

					for (int k = 0; k < 2 && r->pos < r->len && r->buf[r->pos] >= '0' && r->buf[r->pos] <= '7'; k++)
						v = v * 8 + (r->buf[r->pos++] - '0');
					c = (unsigned char)v;
				}
			}
		} else if (c == '\r') {
			/* An end of line in a string is a line feed, whichever it was. */
			if (r->pos < r->len && r->buf[r->pos] == '\n')
				r->pos++;
			c = '\n';
		}
		g_byte_array_append(o->u.str, &c, 1);
	}
	pdfo_free(o);
	return fail(r, "an unterminated string");
}

static struct pdfo *read_hex(struct reader *r)
{
	struct pdfo *o = pdfo_bytes("", 0);
	int high = -1;

	r->pos++;
	while (r->pos < r->len) {
		unsigned char c = r->buf[r->pos++];
		int v;

		if (c == '>') {
			if (high >= 0) {
				guint8 b = (guint8)(high << 4);

				g_byte_array_append(o->u.str, &b, 1);
			}
			return o;
		}
		if (pdf_is_space(c))
			continue;
		v = hex_value(c);
		if (v < 0)
			break;
		if (high < 0) {
			high = v;
		} else {
			guint8 b = (guint8)(high << 4 | v);

			g_byte_array_append(o->u.str, &b, 1);
			high = -1;
		}
	}
	pdfo_free(o);
	return fail(r, "a bad hexadecimal string");
}

/* A number, or "N G R" when two integers and an R follow. */
static struct pdfo *read_number(struct reader *r)
{
	size_t start = r->pos, p;
	bool real = false, minus = r->buf[r->pos] == '-';
	unsigned long long v = 0;
	struct pdfo *o;

	if (r->buf[r->pos] == '+' || r->buf[r->pos] == '-')
		r->pos++;
	while (r->pos < r->len && (g_ascii_isdigit(r->buf[r->pos]) || r->buf[r->pos] == '.')) {
		real |= r->buf[r->pos] == '.';
		/* Past 18 digits an integer stops growing (PDF's own limit is 2^31). */
		if (!real && v < 100000000000000000ULL)
			v = v * 10 + (unsigned long long)(r->buf[r->pos] - '0');
		r->pos++;
	}
	if (r->pos == start || (r->pos == start + 1 && !g_ascii_isdigit(r->buf[start])))
		return fail(r, "a bad number");
	if (real) {
		o = make(PDFO_REAL);
		o->u.text = g_strndup((const char *)r->buf + start, r->pos - start);
		return o;
	}
	o = pdfo_int(minus ? -(long long)v : (long long)v);
	/* "N G R": look ahead for the generation and the R. */
	p = r->pos;
	pdfo_skip_space(r->buf, r->len, &p);
	if (o->u.i >= 0 && p > r->pos && p < r->len && g_ascii_isdigit(r->buf[p])) {
		size_t g = p;
		long long gen = 0;

		while (p < r->len && g_ascii_isdigit(r->buf[p]) && p - g < 10)
			gen = gen * 10 + (r->buf[p++] - '0');
		if (p < r->len && pdf_is_space(r->buf[p])) {
			pdfo_skip_space(r->buf, r->len, &p);
			if (p < r->len && r->buf[p] == 'R' && (p + 1 == r->len || !is_regular(r->buf[p + 1]))
			    && o->u.i <= G_MAXINT && gen <= 65535) {
				int num = (int)o->u.i;

				o->kind = PDFO_REF;
				o->u.ref.num = num;
				o->u.ref.gen = (int)gen;
				r->pos = p + 1;
			}
		}
	}
	return o;
}

static struct pdfo *read_object(struct reader *r, int depth);

static struct pdfo *read_array(struct reader *r, int depth)
{
	struct pdfo *a = pdfo_array();

	r->pos++;
	for (;;) {
		struct pdfo *item;

		pdfo_skip_space(r->buf, r->len, &r->pos);
		if (r->pos >= r->len)
			break;
		if (r->buf[r->pos] == ']') {
			r->pos++;
			return a;
		}
		item = read_object(r, depth + 1);
		if (!item)
			break;
		pdfo_push(a, item);
	}
	pdfo_free(a);
	return fail(r, "an unterminated array");
}

static struct pdfo *read_dict(struct reader *r, int depth)
{
	struct pdfo *d = pdfo_dict();

	r->pos += 2;
	for (;;) {
		struct pdfo *value;
		char *key;
		int at;

		pdfo_skip_space(r->buf, r->len, &r->pos);
		if (r->pos + 1 < r->len && r->buf[r->pos] == '>' && r->buf[r->pos + 1] == '>') {
			r->pos += 2;
			return d;
		}
		if (r->pos >= r->len || r->buf[r->pos] != '/')
			break;
		key = name_text(r);
		pdfo_skip_space(r->buf, r->len, &r->pos);
		value = read_object(r, depth + 1);
		if (!value) {
			g_free(key);
			break;
		}
		/* A key given twice keeps its last value. */
		at = key_index(d, key);
		if (at >= 0) {
			pdfo_free(g_ptr_array_index(d->u.items, at + 1));
			g_ptr_array_index(d->u.items, at + 1) = value;
			g_free(key);
		} else {
			g_ptr_array_add(d->u.items, key);
			g_ptr_array_add(d->u.items, value);
		}
	}
	pdfo_free(d);
	return fail(r, "a bad dictionary");
}

static bool keyword(struct reader *r, const char *word)
{
	size_t n = strlen(word);

	if (r->pos + n > r->len || memcmp(r->buf + r->pos, word, n) || (r->pos + n < r->len && is_regular(r->buf[r->pos + n])))
		return false;
	r->pos += n;
	return true;
}

static struct pdfo *read_object(struct reader *r, int depth)
{
	unsigned char c;
	struct pdfo *o;

	if (depth > MAX_DEPTH)
		return fail(r, "objects nested too deep");
	pdfo_skip_space(r->buf, r->len, &r->pos);
	if (r->pos >= r->len)
		return fail(r, "no object");
	c = r->buf[r->pos];
	if (c == '/')
		return read_name(r);
	if (c == '(')
		return read_literal(r);
	if (c == '<')
		return r->pos + 1 < r->len && r->buf[r->pos + 1] == '<' ? read_dict(r, depth) : read_hex(r);
	if (c == '[')
		return read_array(r, depth);
	if (c == '+' || c == '-' || c == '.' || g_ascii_isdigit(c))
		return read_number(r);
	if (keyword(r, "null"))
		return pdfo_null();
	if (keyword(r, "true") || keyword(r, "false")) {
		o = make(PDFO_BOOL);
		o->u.b = r->buf[r->pos - 1] == 'e' && r->buf[r->pos - 2] == 'u';
		return o;
	}
	return fail(r, "no object");
}

struct pdfo *pdfo_parse(const unsigned char *buf, size_t len, size_t *pos, char **error)
{
	struct reader r = { buf, len, *pos, NULL };
	struct pdfo *o = read_object(&r, 0);

	if (o)
		*pos = r.pos;
	if (error)
		*error = r.error;
	else
		g_free(r.error);
	return o;
}

struct pdfo *pdfo_parse_text(const char *syntax)
{
	size_t pos = 0;

	return pdfo_parse((const unsigned char *)syntax, strlen(syntax), &pos, NULL);
}

/* ---- writing ---- */

static void write_name(GString *out, const char *name)
{
	g_string_append_c(out, '/');
	for (const unsigned char *c = (const unsigned char *)name; *c; c++)
		if (*c < 0x21 || *c > 0x7e || *c == '#' || pdf_is_delim(*c))
			g_string_append_printf(out, "#%02X", *c);
		else
			g_string_append_c(out, (char)*c);
}

static void write_string(GString *out, const GByteArray *s)
{
	guint odd = 0;

	for (guint i = 0; i < s->len; i++)
		odd += s->data[i] < 0x20 || s->data[i] > 0x7e;
	if (odd * 4 > s->len) {
		g_string_append_c(out, '<');
		for (guint i = 0; i < s->len; i++)
			g_string_append_printf(out, "%02X", s->data[i]);
		g_string_append_c(out, '>');
		return;
	}
	g_string_append_c(out, '(');
	for (guint i = 0; i < s->len; i++) {
		unsigned char c = s->data[i];

		if (c == '(' || c == ')' || c == '\\')
			g_string_append_c(out, '\\');
		if (c < 0x20 || c > 0x7e)
			g_string_append_printf(out, "\\%03o", c);
		else
			g_string_append_c(out, (char)c);
	}
	g_string_append_c(out, ')');
}

static void write_int(GString *out, long long v)
{
	char digits[24];
	int n = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		g_string_append_c(out, '-');
	while (n > 0)
		g_string_append_c(out, digits[--n]);
}

/* A space between two tokens only where the second would otherwise run into the first (an empty name's slash too). */
static void separate(GString *out)
{
	if (out->len && (is_regular((unsigned char)out->str[out->len - 1]) || out->str[out->len - 1] == '/'))
		g_string_append_c(out, ' ');
}

void pdfo_write(GString *out, const struct pdfo *o)
{
	switch (o ? o->kind : PDFO_NULL) {
	case PDFO_NULL:
		separate(out);
		g_string_append(out, "null");
		break;
	case PDFO_BOOL:
		separate(out);
		g_string_append(out, o->u.b ? "true" : "false");
		break;
	case PDFO_INT:
		separate(out);
		write_int(out, o->u.i);
		break;
	case PDFO_REAL:
		separate(out);
		g_string_append(out, o->u.text);
		break;
	case PDFO_NAME:
		write_name(out, o->u.text);
		break;
	case PDFO_STRING:
		write_string(out, o->u.str);
		break;
	case PDFO_REF:
		separate(out);
		write_int(out, o->u.ref.num);
		g_string_append_c(out, ' ');
		write_int(out, o->u.ref.gen);
		g_string_append(out, " R");
		break;
	case PDFO_ARRAY:
		g_string_append_c(out, '[');
		for (guint i = 0; i < o->u.items->len; i++)
			pdfo_write(out, g_ptr_array_index(o->u.items, i));
		g_string_append_c(out, ']');
		break;
	case PDFO_DICT:
		g_string_append(out, "<<");
		for (guint i = 0; i < o->u.items->len; i += 2) {
			write_name(out, g_ptr_array_index(o->u.items, i));
			pdfo_write(out, g_ptr_array_index(o->u.items, i + 1));
		}
		g_string_append(out, ">>");
		break;
	}
}

/* ---- asking ---- */

bool pdfo_is(const struct pdfo *o, enum pdfo_kind kind)
{
	return o && o->kind == kind;
}

bool pdfo_is_name(const struct pdfo *o, const char *name)
{
	return pdfo_is(o, PDFO_NAME) && !strcmp(o->u.text, name);
}

bool pdfo_is_number(const struct pdfo *o)
{
	return pdfo_is(o, PDFO_INT) || pdfo_is(o, PDFO_REAL);
}

double pdfo_number(const struct pdfo *o)
{
	if (pdfo_is(o, PDFO_INT))
		return (double)o->u.i;
	if (pdfo_is(o, PDFO_REAL))
		return g_ascii_strtod(o->u.text, NULL);
	return 0;
}

char *pdfo_utf8(const struct pdfo *o)
{
	const GByteArray *s;

	if (!pdfo_is(o, PDFO_STRING))
		return NULL;
	s = o->u.str;
	if (s->len >= 2 && s->data[0] == 0xfe && s->data[1] == 0xff) {
		guint n = (s->len - 2) / 2;
		gunichar2 *u16 = g_new(gunichar2, n + 1);
		char *utf8;

		for (guint i = 0; i < n; i++)
			u16[i] = (gunichar2)(s->data[2 + 2 * i] << 8 | s->data[3 + 2 * i]);
		utf8 = g_utf16_to_utf8(u16, n, NULL, NULL, NULL);
		g_free(u16);
		return utf8 ? utf8 : g_strdup("");
	}
	return g_convert((const char *)s->data, s->len, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);
}

static int key_index(const struct pdfo *dict, const char *key)
{
	if (!pdfo_is(dict, PDFO_DICT))
		return -1;
	for (guint i = 0; i < dict->u.items->len; i += 2)
		if (!strcmp(g_ptr_array_index(dict->u.items, i), key))
			return (int)i;
	return -1;
}

struct pdfo *pdfo_get(const struct pdfo *dict, const char *key)
{
	int i = key_index(dict, key);

	return i < 0 ? NULL : g_ptr_array_index(dict->u.items, i + 1);
}

void pdfo_set(struct pdfo *dict, const char *key, struct pdfo *value)
{
	int i = key_index(dict, key);

	if (i >= 0) {
		pdfo_free(g_ptr_array_index(dict->u.items, i + 1));
		g_ptr_array_index(dict->u.items, i + 1) = value;
	} else {
		g_ptr_array_add(dict->u.items, g_strdup(key));
		g_ptr_array_add(dict->u.items, value);
	}
}

void pdfo_set_parsed(struct pdfo *dict, const char *key, const char *syntax)
{
	pdfo_set(dict, key, pdfo_parse_text(syntax));
}

void pdfo_remove(struct pdfo *dict, const char *key)
{
	int i = key_index(dict, key);

	if (i < 0)
		return;
	g_free(g_ptr_array_index(dict->u.items, i));
	pdfo_free(g_ptr_array_index(dict->u.items, i + 1));
	g_ptr_array_remove_range(dict->u.items, (guint)i, 2);
}

struct pdfo *pdfo_get_dict(struct pdfo *dict, const char *key)
{
	struct pdfo *v = pdfo_get(dict, key);

	if (pdfo_is(v, PDFO_DICT))
		return v;
	v = pdfo_dict();
	pdfo_set(dict, key, v);
	return v;
}

guint pdfo_len(const struct pdfo *array)
{
	return pdfo_is(array, PDFO_ARRAY) ? array->u.items->len : 0;
}

struct pdfo *pdfo_at(const struct pdfo *array, guint i)
{
	return i < pdfo_len(array) ? g_ptr_array_index(array->u.items, i) : NULL;
}

void pdfo_push(struct pdfo *array, struct pdfo *value)
{
	g_ptr_array_add(array->u.items, value);
}

void pdfo_put(struct pdfo *array, guint i, struct pdfo *value)
{
	if (i >= pdfo_len(array)) {
		pdfo_free(value);
		return;
	}
	pdfo_free(g_ptr_array_index(array->u.items, i));
	g_ptr_array_index(array->u.items, i) = value;
}
