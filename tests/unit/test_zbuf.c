/* test_zbuf.c - whole-buffer DEFLATE: what zlib reads back, the same bytes on every thread, the CRC zip uses, inflating. */
#include "check.h"
#include "base/zbuf.h"

#include <stdbool.h>
#include <glib.h>
#include <zlib.h>

/* Text like a page's content stream: repetitive, with some variety. */
static GString *sample(void)
{
	GString *s = g_string_new(NULL);

	for (int i = 0; i < 4000; i++)
		g_string_append_printf(s, "BT /F%d 10.5 Tf %d.%03d %d Td <%04x%04x> Tj ET\n", i % 3, i * 7 % 400,
				       i * 13 % 1000, 800 - i % 700, 0x4e00 + i % 977, 0x3002);
	return s;
}

static bool inflates_to(const unsigned char *z, size_t zlen, bool raw, const GString *want)
{
	z_stream st = { 0 };
	unsigned char *out = g_malloc(want->len + 16);
	bool ok;

	inflateInit2(&st, raw ? -MAX_WBITS : MAX_WBITS);
	st.next_in = (Bytef *)z;
	st.avail_in = (uInt)zlen;
	st.next_out = out;
	st.avail_out = (uInt)want->len + 16;
	ok = inflate(&st, Z_FINISH) == Z_STREAM_END && st.total_out == want->len && !memcmp(out, want->str, want->len);
	inflateEnd(&st);
	g_free(out);
	return ok;
}

struct job {
	const GString *in;
	unsigned char *z;
	size_t zlen;
};

static gpointer on_thread(gpointer data)
{
	struct job *j = data;

	j->z = zbuf_deflate(j->in->str, j->in->len, 6, ZBUF_ZLIB, &j->zlen);
	return NULL;
}

int main(void)
{
	GString *s = sample();
	size_t zlen = 0, rlen = 0, elen = 99, z1len = 0;
	unsigned char *z = zbuf_deflate(s->str, s->len, 6, ZBUF_ZLIB, &zlen);
	unsigned char *r = zbuf_deflate(s->str, s->len, 6, ZBUF_RAW, &rlen);
	unsigned char *z1 = zbuf_deflate(s->str, s->len, 1, ZBUF_ZLIB, &z1len);
	unsigned char *e = zbuf_deflate("", 0, 6, ZBUF_ZLIB, &elen);
	uLongf zl_len = compressBound((uLong)s->len);
	unsigned char *zl = g_malloc(zl_len);
	struct job j = { s, NULL, 0 };
	GThread *t;

	CHECK("zbuf: compressed", z && zlen > 0 && zlen < s->len / 4);
	CHECK("zbuf: zlib reads the zlib form back", z && inflates_to(z, zlen, false, s));
	CHECK("zbuf: zlib reads the raw form back", r && inflates_to(r, rlen, true, s));
	CHECK("zbuf: the raw form is the zlib form without its header and checksum",
	      r && z && rlen + 6 == zlen && !memcmp(r, z + 2, rlen));
	CHECK("zbuf: level 1 reads back too", z1 && inflates_to(z1, z1len, false, s));
	CHECK("zbuf: nothing compresses to a valid stream", e && elen > 0 && inflates_to(e, elen, false, &(GString){ "", 0, 1 }));
	compress2(zl, &zl_len, (const Bytef *)s->str, (uLong)s->len, Z_DEFAULT_COMPRESSION);
	CHECK("zbuf: level 6 no larger than zlib's own level 6", zlen <= zl_len);
	t = g_thread_new("zbuf", on_thread, &j);
	g_thread_join(t);
	CHECK("zbuf: the same bytes on another thread", j.z && j.zlen == zlen && !memcmp(j.z, z, zlen));
	CHECK("zbuf: CRC-32 as zlib reckons it",
	      zbuf_crc32(s->str, s->len) == (uint32_t)crc32(crc32(0, Z_NULL, 0), (const Bytef *)s->str, (uInt)s->len));
	CHECK("zbuf: CRC-32 of nothing", zbuf_crc32("", 0) == 0);
	{
		size_t ilen = 0;
		unsigned char *back = z ? zbuf_inflate_zlib(z, zlen, 1 << 30, &ilen) : NULL;
		unsigned char *small = z ? zbuf_inflate_zlib(z, zlen, s->len - 1, &ilen) : NULL;
		unsigned char *bad = z ? zbuf_inflate_zlib(z, zlen / 2, 1 << 30, &ilen) : NULL;

		CHECK("zbuf: inflated back (more than four times the input: the room grows)",
		      back && s->len > zlen * 4 && !memcmp(back, s->str, s->len));
		CHECK("zbuf: not inflated past the limit", !small);
		CHECK("zbuf: a cut stream does not inflate", !bad);
		g_free(back);
	}
	g_free(j.z);
	g_free(zl);
	g_free(e);
	g_free(z1);
	g_free(r);
	g_free(z);
	g_string_free(s, TRUE);
	CHECK_DONE();
}
