/*
 * fuzz_pdfdoc.c - the post-pass's PDF reader and writer (pdf_obj.c, pdf_doc.c) on any bytes: a
 * file read, each of its objects read (and a stream's data), written compactly and read back to
 * the same text, then the whole written anew.
 */
#include "fuzz.h"

#include "format/pdf/pdf_doc.h"
#include "format/pdf/pdf_obj.h"

#define MAX_OBJECTS 2000

/* o written, read back and written again: the same text. */
static void same_again(const struct pdfo *o)
{
	GString *a = g_string_new(NULL), *b = g_string_new(NULL);
	size_t pos = 0;
	struct pdfo *back;

	pdfo_write(a, o);
	back = pdfo_parse((const unsigned char *)a->str, a->len, &pos, NULL);
	FUZZ_ASSERT(back != NULL, "an object folio wrote does not read back", a->str);
	pdfo_write(b, back);
	FUZZ_ASSERT(a->len == b->len && !memcmp(a->str, b->str, a->len), "an object read back is another", a->str);
	pdfo_free(back);
	g_string_free(a, TRUE);
	g_string_free(b, TRUE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *error = NULL;
	struct pdf_doc *d;
	struct pdfo *trailer;
	FILE *out;

	fuzz_init();
	d = pdf_doc_read(data, size, &error);
	if (!d) {
		FUZZ_ASSERT(error != NULL, "a file refused without saying why", NULL);
		g_free(error);
		return 0;
	}
	for (int num = 1; num < MAX_OBJECTS; num++) {
		bool stream = false, owned = false;
		struct pdfo *o = pdf_doc_get(d, num, &stream);
		size_t len = 0;
		const unsigned char *bytes;

		if (!o)
			continue;
		same_again(o);
		if (stream) {
			bytes = pdf_doc_stream_data(d, num, &len, &owned, &error);
			FUZZ_ASSERT(bytes || error, "a stream neither read nor refused", NULL);
			if (owned)
				g_free((void *)bytes);
			g_free(error);
			error = NULL;
		}
		/* Every third object changed, as the post-pass changes pages and elements. */
		if (num % 3 == 0 && pdfo_is(o, PDFO_DICT)) {
			pdfo_set_parsed(o, "Tabs", "/S");
			pdf_doc_put(d, num, o);
		} else {
			pdfo_free(o);
		}
	}
	out = tmpfile();
	if (out) {
		pdf_doc_begin(d, out, "1.7");
		trailer = pdfo_dict();
		pdfo_set(trailer, "Root", pdfo_copy(pdfo_get(pdf_doc_trailer(d), "Root")));
		if (!pdf_doc_finish(d, trailer, &error))
			FUZZ_ASSERT(error != NULL, "a write failed without saying why", NULL);
		g_free(error);
		fclose(out);
	}
	pdf_doc_free(d);
	diag_reset();
	return 0;
}
