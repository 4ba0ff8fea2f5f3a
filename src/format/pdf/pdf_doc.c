/* pdf_doc.c - a PDF file read object by object from its bytes, edited, and written out anew without holding it. */
#include "format/pdf/pdf_doc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/parallel.h"
#include "base/zbuf.h"

#define CHUNK 200			/* object numbers to a job of the final write, and so at most to an object stream */
#define CHUNK_BYTES (256 * 1024)	/* or about this much of the input: a large font has a job of its own */
#define INFLATE_LIMIT ((size_t)1 << 30)	/* what a stream may inflate to */

struct entry {
	size_t in_off;		/* where "num gen obj" begins in the input; 0: not there */
	char *edit;		/* the object's text since it was changed (a stream: its dictionary), or NULL */
	guint32 edit_len;
	bool dropped;
	bool written;		/* at out_off in the output */
	guint8 type;		/* in the output: 0 free, 1 at out_off, 2 in an object stream (out_off names it) */
	guint64 out_off;	/* type 1: its offset; type 2: the object stream's number */
	guint32 packed_at;	/* type 2: its index there */
};

struct pdf_doc {
	const unsigned char *buf;
	size_t len;
	GArray *entries;	/* struct entry by object number */
	struct pdfo *trailer;
	size_t added;		/* objects made by pdf_doc_new_number */

	FILE *out;
	guint64 out_pos;
	bool out_failed;
	int out_errno;		/* why the first failed write failed */
	char *finish_error;	/* the first object the final write could not read */
};

/* Object num's entry, made when it is new; NULL past what the input can hold (a number read from it). */
static struct entry *entry_of(struct pdf_doc *d, int num)
{
	if (num <= 0 || (size_t)num > d->len + d->added)
		return NULL;
	if ((guint)num >= d->entries->len)
		g_array_set_size(d->entries, (guint)num + 1);
	return &g_array_index(d->entries, struct entry, num);
}

/* Object num's entry when there is one: asking never makes one. */
static struct entry *entry_at(struct pdf_doc *d, int num)
{
	return num > 0 && (guint)num < d->entries->len ? &g_array_index(d->entries, struct entry, num) : NULL;
}

/* ---- reading ---- */

/* pos at "num gen obj": *pos moved past "obj"; false when that is not there. */
static bool object_header(const struct pdf_doc *d, int num, size_t *pos)
{
	size_t p = *pos;
	long long n = 0;

	if (p >= d->len || !g_ascii_isdigit(d->buf[p]))
		return false;
	while (p < d->len && g_ascii_isdigit(d->buf[p]) && n <= G_MAXINT)
		n = n * 10 + (d->buf[p++] - '0');
	if (n != num)
		return false;
	pdfo_skip_space(d->buf, d->len, &p);
	while (p < d->len && g_ascii_isdigit(d->buf[p]))
		p++;
	pdfo_skip_space(d->buf, d->len, &p);
	if (p + 3 > d->len || memcmp(d->buf + p, "obj", 3))
		return false;
	*pos = p + 3;
	return true;
}

/* The classic cross-reference table at startxref, and its trailer. */
static bool read_xref(struct pdf_doc *d)
{
	size_t p, tail = d->len > 1024 ? d->len - 1024 : 0, start = 0;
	const unsigned char *sx = NULL;
	char *error = NULL;

	for (size_t i = tail; i + 9 <= d->len; i++)
		if (!memcmp(d->buf + i, "startxref", 9))
			sx = d->buf + i;
	if (!sx)
		return false;
	p = (size_t)(sx - d->buf) + 9;
	pdfo_skip_space(d->buf, d->len, &p);
	while (p < d->len && g_ascii_isdigit(d->buf[p]))
		start = start * 10 + (d->buf[p++] - '0');
	if (start + 4 > d->len || memcmp(d->buf + start, "xref", 4))
		return false;
	p = start + 4;
	for (;;) {
		long long first, count;
		struct pdfo *n;

		pdfo_skip_space(d->buf, d->len, &p);
		if (p + 7 <= d->len && !memcmp(d->buf + p, "trailer", 7))
			break;
		n = pdfo_parse(d->buf, d->len, &p, NULL);
		first = pdfo_is(n, PDFO_INT) ? n->u.i : -1;
		pdfo_free(n);
		n = pdfo_parse(d->buf, d->len, &p, NULL);
		count = pdfo_is(n, PDFO_INT) ? n->u.i : -1;
		pdfo_free(n);
		if (first < 0 || count < 0 || first + count > G_MAXINT / 2)
			return false;
		pdfo_skip_space(d->buf, d->len, &p);
		for (long long i = 0; i < count; i++, p += 20) {
			size_t off = 0;

			if (p + 20 > d->len)
				return false;
			for (int k = 0; k < 10; k++)
				off = off * 10 + (size_t)(d->buf[p + k] - '0');
			if (d->buf[p + 17] == 'n' && first + i > 0) {
				struct entry *e = entry_of(d, (int)(first + i));

				if (!e)
					return false;
				e->in_off = off;
			}
		}
	}
	p += 7;
	d->trailer = pdfo_parse(d->buf, d->len, &p, &error);
	g_free(error);
	return pdfo_is(d->trailer, PDFO_DICT);
}

/* No usable table: every "num gen obj" at a line's start, the last of a number winning, and the last trailer. */
static void scan_objects(struct pdf_doc *d)
{
	for (size_t p = 0; p < d->len; p++) {
		if ((p == 0 || d->buf[p - 1] == '\n' || d->buf[p - 1] == '\r') && g_ascii_isdigit(d->buf[p])) {
			size_t q = p;
			long long n = 0;

			while (q < d->len && g_ascii_isdigit(d->buf[q]) && n <= G_MAXINT / 2)
				n = n * 10 + (d->buf[q++] - '0');
			if (n > 0 && (size_t)n <= d->len && object_header(d, (int)n, &(size_t){ p }))
				entry_of(d, (int)n)->in_off = p;
		} else if (p + 7 <= d->len && !memcmp(d->buf + p, "trailer", 7)) {
			size_t q = p + 7;
			struct pdfo *t = pdfo_parse(d->buf, d->len, &q, NULL);

			if (pdfo_is(t, PDFO_DICT)) {
				pdfo_free(d->trailer);
				d->trailer = t;
			} else {
				pdfo_free(t);
			}
		}
	}
}

struct pdf_doc *pdf_doc_read(const unsigned char *buf, size_t len, char **error)
{
	struct pdf_doc *d = g_new0(struct pdf_doc, 1);

	d->buf = buf;
	d->len = len;
	d->entries = g_array_new(FALSE, TRUE, sizeof(struct entry));
	if (len < 8 || memcmp(buf, "%PDF-", 5)) {
		*error = g_strdup("not a PDF file");
		pdf_doc_free(d);
		return NULL;
	}
	if (!read_xref(d)) {
		g_array_set_size(d->entries, 0);
		pdfo_free(d->trailer);
		d->trailer = NULL;
		scan_objects(d);
	}
	if (!pdfo_is(d->trailer, PDFO_DICT) || !pdfo_is(pdfo_get(d->trailer, "Root"), PDFO_REF)) {
		*error = g_strdup("no trailer naming the document's catalog");
		pdf_doc_free(d);
		return NULL;
	}
	return d;
}

void pdf_doc_free(struct pdf_doc *d)
{
	if (!d)
		return;
	for (guint i = 0; i < d->entries->len; i++)
		g_free(g_array_index(d->entries, struct entry, i).edit);
	g_array_free(d->entries, TRUE);
	pdfo_free(d->trailer);
	g_free(d->finish_error);
	g_free(d);
}

struct pdfo *pdf_doc_trailer(struct pdf_doc *d)
{
	return d->trailer;
}

/* The input's object num: its value, and for a stream where its data begins (*data, else 0). */
static struct pdfo *parse_input(struct pdf_doc *d, int num, size_t *data)
{
	struct entry *e = entry_at(d, num);
	size_t p;
	struct pdfo *o;

	*data = 0;
	if (!e || !e->in_off)
		return NULL;
	p = e->in_off;
	if (!object_header(d, num, &p))
		return NULL;	/* named by the table, never written */
	o = pdfo_parse(d->buf, d->len, &p, NULL);
	if (pdfo_is(o, PDFO_DICT)) {
		pdfo_skip_space(d->buf, d->len, &p);
		if (p + 6 <= d->len && !memcmp(d->buf + p, "stream", 6)) {
			p += 6;
			if (p < d->len && d->buf[p] == '\r')
				p++;
			if (p < d->len && d->buf[p] == '\n')
				p++;
			*data = p;
		}
	}
	return o;
}

struct pdfo *pdf_doc_get(struct pdf_doc *d, int num, bool *stream)
{
	struct entry *e = entry_at(d, num);
	size_t data = 0;
	struct pdfo *o;

	if (stream)
		*stream = false;
	if (!e || e->dropped)
		return NULL;
	if (e->edit) {
		size_t p = 0;

		/* Whether it is a stream the input says (a change keeps the data). */
		if (stream) {
			pdfo_free(parse_input(d, num, &data));
			*stream = data != 0;
		}
		return pdfo_parse((const unsigned char *)e->edit, e->edit_len, &p, NULL);
	}
	o = parse_input(d, num, &data);
	if (stream)
		*stream = data != 0;
	return o;
}

struct pdfo *pdf_doc_resolve(struct pdf_doc *d, struct pdfo *o, struct pdfo **held)
{
	*held = NULL;
	if (!pdfo_is(o, PDFO_REF))
		return o;
	*held = pdf_doc_get(d, o->u.ref.num, NULL);
	return *held;
}

void pdf_doc_put(struct pdf_doc *d, int num, struct pdfo *o)
{
	struct entry *e = entry_at(d, num);
	GString *text;

	if (!e) {
		pdfo_free(o);
		return;
	}
	text = g_string_new(NULL);
	pdfo_write(text, o);
	pdfo_free(o);
	g_free(e->edit);
	e->edit_len = (guint32)text->len;
	e->edit = g_string_free(text, FALSE);
}

void pdf_doc_drop(struct pdf_doc *d, int num)
{
	struct entry *e = entry_at(d, num);

	if (e)
		e->dropped = true;
}

int pdf_doc_new_number(struct pdf_doc *d)
{
	int num = MAX((int)d->entries->len, 1);

	d->added++;
	g_array_set_size(d->entries, (guint)num + 1);
	return num;
}

/* The raw data of input stream num (dictionary dict): its bytes in the input, false when its /Length is wrong. */
static bool raw_span(struct pdf_doc *d, const struct pdfo *dict, size_t data, size_t *len)
{
	struct pdfo *held, *length = pdf_doc_resolve(d, pdfo_get(dict, "Length"), &held);
	long long n = pdfo_is(length, PDFO_INT) ? length->u.i : -1;
	size_t p;

	pdfo_free(held);
	if (n < 0 || (size_t)n > d->len - data)
		return false;
	/* The data must be followed by "endstream". */
	p = data + (size_t)n;
	pdfo_skip_space(d->buf, d->len, &p);
	if (p + 9 > d->len || memcmp(d->buf + p, "endstream", 9))
		return false;
	*len = (size_t)n;
	return true;
}

const unsigned char *pdf_doc_stream_data(struct pdf_doc *d, int num, size_t *len, bool *owned, char **error)
{
	size_t data = 0, raw = 0;
	struct pdfo *dict = parse_input(d, num, &data), *filter;
	const unsigned char *out = NULL;

	*owned = false;
	*error = NULL;
	if (!data) {
		*error = g_strdup_printf("object %d is no stream", num);
	} else if (!raw_span(d, dict, data, &raw)) {
		*error = g_strdup_printf("stream %d has a wrong /Length", num);
	} else {
		filter = pdfo_get(dict, "Filter");
		if (pdfo_is(filter, PDFO_ARRAY) && pdfo_len(filter) == 1)
			filter = pdfo_at(filter, 0);
		if (!filter || pdfo_is(filter, PDFO_NULL)) {
			out = d->buf + data;
			*len = raw;
		} else if (pdfo_is_name(filter, "FlateDecode") && !pdfo_get(dict, "DecodeParms")) {
			out = zbuf_inflate_zlib(d->buf + data, raw, INFLATE_LIMIT, len);
			*owned = out != NULL;
			if (!out)
				*error = g_strdup_printf("stream %d does not inflate", num);
		} else {
			*error = g_strdup_printf("stream %d has a filter folio does not read", num);
		}
	}
	pdfo_free(dict);
	return out;
}

/* ---- writing ---- */

unsigned char *pdf_doc_deflate(const void *data, size_t len, size_t *zlen)
{
	/* libdeflate's 6: as small as zlib's 6 or smaller, in about half its time. */
	return zbuf_deflate(data, len, 6, ZBUF_ZLIB, zlen);
}

static void emit(struct pdf_doc *d, const void *data, size_t len)
{
	if (!d->out_failed && len && fwrite(data, 1, len, d->out) != len) {
		d->out_failed = true;
		d->out_errno = errno;
	}
	d->out_pos += len;
}

static void emit_str(struct pdf_doc *d, const char *s)
{
	emit(d, s, strlen(s));
}

void pdf_doc_begin(struct pdf_doc *d, FILE *fp, const char *version)
{
	char *head = g_strdup_printf("%%PDF-%s\n%%\xbf\xf7\xa2\xfe\n", version);

	d->out = fp;
	emit_str(d, head);
	g_free(head);
}

/* "num 0 obj dict stream data endstream endobj" (dict taken, its /Length set) appended to out. */
static void stream_bytes(GByteArray *out, int num, struct pdfo *dict, const void *data, size_t len)
{
	GString *head = g_string_new(NULL);

	pdfo_set(dict, "Length", pdfo_int((long long)len));
	g_string_printf(head, "%d 0 obj\n", num);
	pdfo_write(head, dict);
	g_string_append(head, "\nstream\n");
	g_byte_array_append(out, (const guint8 *)head->str, (guint)head->len);
	g_byte_array_append(out, data, (guint)len);
	g_byte_array_append(out, (const guint8 *)"\nendstream\nendobj\n", 18);
	g_string_free(head, TRUE);
	pdfo_free(dict);
}

/* Stream object num written now (dict taken). */
static void emit_stream(struct pdf_doc *d, int num, struct pdfo *dict, const void *data, size_t len)
{
	struct entry *e = entry_at(d, num);
	GByteArray *bytes;

	if (!e) {
		/* Only numbers the doc knows are written: a page naming another is failed before. */
		d->out_failed = true;
		pdfo_free(dict);
		return;
	}
	e->written = true;
	e->type = 1;
	e->out_off = d->out_pos;
	bytes = g_byte_array_sized_new((guint)MIN(len + 256, G_MAXUINT));
	stream_bytes(bytes, num, dict, data, len);
	emit(d, bytes->data, bytes->len);
	g_byte_array_free(bytes, TRUE);
}

void pdf_doc_put_stream(struct pdf_doc *d, int num, struct pdfo *dict, const void *data, size_t len, const void *z,
			size_t zlen)
{
	pdfo_remove(dict, "DecodeParms");
	if (z)
		pdfo_set(dict, "Filter", pdfo_name("FlateDecode"));
	else
		pdfo_remove(dict, "Filter");
	emit_stream(d, num, dict, z ? z : data, z ? zlen : len);
}

/* A job of the final write: objects [from, to), made into their object stream and their streams' bytes. */
struct chunk {
	struct pdf_doc *d;
	int from, to;
	int objstm;		/* the number kept for its object stream */
	GString *head;		/* the object stream's "num offset" pairs; then its whole data */
	GString *text;		/* its objects' texts */
	guint packed;
	size_t first;		/* where the texts begin in its data */
	unsigned char *z;	/* its data compressed, or NULL */
	size_t zlen;
	GByteArray *streams;	/* whole stream objects, one after another */
	GArray *stream_at;	/* int pairs: object number, its offset in streams */
	char *error;
};

static void pack(struct chunk *c, int num, const char *text, size_t len)
{
	struct entry *e = entry_at(c->d, num);

	g_string_append_printf(c->head, "%d %zu ", num, c->text->len);
	g_string_append_len(c->text, text, (gssize)len);
	g_string_append_c(c->text, '\n');
	e->type = 2;
	e->out_off = (guint64)c->objstm;
	e->packed_at = c->packed++;
}

/* Stream num of plain data compressed into c (dict taken); false (dict kept) when it cannot be. */
static bool compressed_bytes(struct chunk *c, int num, struct pdfo *dict, const unsigned char *data, size_t len)
{
	size_t zlen = 0;
	unsigned char *z = pdf_doc_deflate(data, len, &zlen);

	if (!z)
		return false;
	pdfo_set(dict, "Filter", pdfo_name("FlateDecode"));
	stream_bytes(c->streams, num, dict, z, zlen);
	g_free(z);
	return true;
}

/* Object num as it stands, into c: false (c->error) when it cannot be read. */
static bool chunk_object(struct chunk *c, int num)
{
	struct pdf_doc *d = c->d;
	struct entry *e = entry_at(d, num);
	size_t data = 0, raw = 0;
	struct pdfo *o;
	int at[2] = { num, 0 };

	if (e->written || e->dropped || (!e->edit && !e->in_off))
		return true;
	/* The input's object, if any: a stream keeps its data whatever was changed. */
	o = parse_input(d, num, &data);
	if (!data && e->edit) {
		pack(c, num, e->edit, e->edit_len);
		pdfo_free(o);
		return true;
	}
	if (!o)
		return true;	/* named by the table, never written: nothing refers to it */
	if (!data) {
		GString *text = g_string_new(NULL);

		pdfo_write(text, o);
		pack(c, num, text->str, text->len);
		g_string_free(text, TRUE);
		pdfo_free(o);
		return true;
	}
	if (!raw_span(d, o, data, &raw)) {
		c->error = g_strdup_printf("stream %d has a wrong /Length", num);
		pdfo_free(o);
		return false;
	}
	if (e->edit) {
		size_t p = 0;

		pdfo_free(o);
		o = pdfo_parse((const unsigned char *)e->edit, e->edit_len, &p, NULL);
		if (!o) {
			c->error = g_strdup_printf("object %d cannot be written", num);
			return false;
		}
	}
	at[1] = (int)c->streams->len;
	g_array_append_vals(c->stream_at, at, 2);
	/*
	 * What was written plain (Cairo's character maps, for one) is compressed, and what was only
	 * stored (its fonts: cairo_zlib.c) compressed properly; XMP stays readable.
	 */
	if (!pdfo_get(o, "Filter") && !pdfo_is_name(pdfo_get(o, "Type"), "Metadata")) {
		if (compressed_bytes(c, num, o, d->buf + data, raw))
			return true;
	} else if (pdfo_is_name(pdfo_get(o, "Filter"), "FlateDecode") && !pdfo_get(o, "DecodeParms")
		   && zbuf_zlib_stored(d->buf + data, raw)) {
		size_t plain_len = 0;
		unsigned char *plain = zbuf_inflate_zlib(d->buf + data, raw, INFLATE_LIMIT, &plain_len);
		bool done = plain && compressed_bytes(c, num, o, plain, plain_len);

		g_free(plain);
		if (done)
			return true;
	}
	stream_bytes(c->streams, num, o, d->buf + data, raw);
	return true;
}

/* On a worker: the chunk's objects, and its object stream compressed. */
static void chunk_work(gpointer job, gpointer unused)
{
	struct chunk *c = job;

	c->head = g_string_new(NULL);
	c->text = g_string_new(NULL);
	c->streams = g_byte_array_new();
	c->stream_at = g_array_new(FALSE, FALSE, sizeof(int));
	for (int num = c->from; num < c->to && !c->error; num++)
		chunk_object(c, num);
	if (c->packed && !c->error) {
		c->first = c->head->len;
		g_string_append_len(c->head, c->text->str, (gssize)c->text->len);
		c->z = pdf_doc_deflate(c->head->str, c->head->len, &c->zlen);
	}
}

/* Here, in order: the chunk written out, its objects' offsets noted. */
static void chunk_take(gpointer job, gpointer user)
{
	struct chunk *c = job;
	struct pdf_doc *d = user;

	if (c->error && !d->finish_error)
		d->finish_error = g_steal_pointer(&c->error);
	if (!d->finish_error) {
		if (c->packed) {
			struct pdfo *dict = pdfo_dict();

			pdfo_set(dict, "Type", pdfo_name("ObjStm"));
			pdfo_set(dict, "N", pdfo_int(c->packed));
			pdfo_set(dict, "First", pdfo_int((long long)c->first));
			pdf_doc_put_stream(d, c->objstm, dict, c->head->str, c->head->len, c->z, c->zlen);
		}
		for (guint i = 0; i + 1 < c->stream_at->len; i += 2) {
			struct entry *e = entry_at(d, g_array_index(c->stream_at, int, i));

			e->written = true;
			e->type = 1;
			e->out_off = d->out_pos + (guint64)g_array_index(c->stream_at, int, i + 1);
		}
		emit(d, c->streams->data, c->streams->len);
	}
	g_string_free(c->head, TRUE);
	g_string_free(c->text, TRUE);
	g_byte_array_free(c->streams, TRUE);
	g_array_free(c->stream_at, TRUE);
	g_free(c->z);
	g_free(c->error);
}

static void put_be(unsigned char *at, guint64 v, int width)
{
	for (int i = width - 1; i >= 0; i--, v >>= 8)
		at[i] = (unsigned char)(v & 0xff);
}

static int by_offset(gconstpointer a, gconstpointer b)
{
	size_t x = ((const size_t *)a)[0], y = ((const size_t *)b)[0];

	return x < y ? -1 : x > y;
}

/*
 * The final write's jobs: runs of object numbers, each ending at CHUNK numbers or once its
 * objects take about CHUNK_BYTES of the input (an object's size: from its offset to the next
 * object's), so that the large streams to compress go to different workers. Returns the count;
 * *from holds each job's first number, and one more past the last.
 */
static guint plan_chunks(struct pdf_doc *d, guint n0, int **from)
{
	size_t *spans = g_new0(size_t, 2 * (size_t)n0 + 2), *size = g_new0(size_t, n0 + 1);
	guint m = 0, count = 0, in_chunk = 0;
	size_t bytes = 0;
	GArray *starts = g_array_new(FALSE, FALSE, sizeof(int));

	for (guint i = 1; i < n0; i++)
		if (g_array_index(d->entries, struct entry, i).in_off) {
			spans[2 * m] = g_array_index(d->entries, struct entry, i).in_off;
			spans[2 * m + 1] = i;
			m++;
		}
	qsort(spans, m, 2 * sizeof(size_t), by_offset);
	for (guint k = 0; k < m; k++)
		size[spans[2 * k + 1]] = (k + 1 < m ? spans[2 * k + 2] : d->len) - spans[2 * k];
	for (guint i = 1; i < n0; i++) {
		if (!in_chunk) {
			int first = (int)i;

			g_array_append_val(starts, first);
			count++;
		}
		bytes += size[i];
		if (++in_chunk >= CHUNK || bytes >= CHUNK_BYTES) {
			in_chunk = 0;
			bytes = 0;
		}
	}
	g_array_append_val(starts, n0);
	g_free(spans);
	g_free(size);
	*from = (int *)(void *)g_array_free(starts, FALSE);
	return count;
}

bool pdf_doc_finish(struct pdf_doc *d, struct pdfo *trailer, char **error)
{
	int xref_num, width, *from = NULL;
	guint n, n0 = d->entries->len, chunks = plan_chunks(d, n0, &from);
	unsigned char *rows, *z;
	size_t zlen = 0;
	guint64 xref_at;
	char tail[64];
	struct chunk *jobs = g_new0(struct chunk, chunks + 1);
	struct parallel *workers;

	*error = NULL;
	/* Each chunk's object stream has its number before any is made: the table never moves under the workers. */
	g_array_set_size(d->entries, n0 + chunks);
	d->added += chunks;
	workers = parallel_start(parallel_threads() * 2, chunk_work, chunk_take, d);
	for (guint i = 0; i < chunks; i++) {
		jobs[i] = (struct chunk){ .d = d, .from = from[i], .to = from[i + 1], .objstm = (int)(n0 + i) };
		parallel_push(workers, &jobs[i]);
	}
	parallel_end(workers);
	g_free(jobs);
	g_free(from);
	if (d->finish_error) {
		*error = g_steal_pointer(&d->finish_error);
		pdfo_free(trailer);
		return false;
	}
	xref_num = pdf_doc_new_number(d);
	xref_at = d->out_pos;
	entry_at(d, xref_num)->type = 1;
	entry_at(d, xref_num)->out_off = xref_at;
	n = d->entries->len;
	width = xref_at > G_MAXUINT32 ? 8 : 4;
	rows = g_malloc0((size_t)n * (size_t)(3 + width));
	for (guint i = 0; i < n; i++) {
		const struct entry *e = &g_array_index(d->entries, struct entry, i);
		unsigned char *row = rows + (size_t)i * (size_t)(3 + width);

		row[0] = e->type;
		if (e->type) {
			put_be(row + 1, e->out_off, width);
			put_be(row + 1 + width, e->type == 2 ? e->packed_at : 0, 2);
		} else {
			put_be(row + 1 + width, i == 0 ? 65535 : 0, 2);
		}
	}
	pdfo_set(trailer, "Type", pdfo_name("XRef"));
	pdfo_set(trailer, "Size", pdfo_int(n));
	pdfo_set(trailer, "W", pdfo_parse_text(width == 8 ? "[1 8 2]" : "[1 4 2]"));
	z = pdf_doc_deflate(rows, (size_t)n * (size_t)(3 + width), &zlen);
	pdf_doc_put_stream(d, xref_num, trailer, rows, (size_t)n * (size_t)(3 + width), z, zlen);
	g_free(z);
	g_free(rows);
	snprintf(tail, sizeof tail, "startxref\n%llu\n%%%%EOF\n", (unsigned long long)xref_at);
	emit_str(d, tail);
	if (d->out_failed)
		*error = g_strdup(d->out_errno ? g_strerror(d->out_errno) : "a write failed");
	return !d->out_failed;
}
