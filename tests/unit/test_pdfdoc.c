/* test_pdfdoc.c - the post-pass's PDF objects and file: syntax read and written back, a file edited and written anew. */
#include "check.h"
#include "format/pdf/pdf_doc.h"
#include "format/pdf/pdf_obj.h"

#include <stdbool.h>
#include <glib.h>

/* text parsed and written again. */
static char *again(const char *text)
{
	struct pdfo *o = pdfo_parse_text(text);
	GString *out = g_string_new(NULL);

	if (!o)
		return g_string_free(out, TRUE), g_strdup("(no object)");
	pdfo_write(out, o);
	pdfo_free(o);
	return g_string_free(out, FALSE);
}

static void check_again(const char *name, const char *text, const char *want)
{
	char *got = again(text);

	CHECK_STR(name, got, want);
	g_free(got);
}

/* A small PDF as Cairo writes one: objects out of order, a stream with an indirect /Length, a table, a trailer. */
static GString *small_pdf(bool broken_table)
{
	GString *f = g_string_new("%PDF-1.5\n");
	size_t off[8] = { 0 };
	const char *content = "1 0 0 -1 0 100 cm\n/P << /MCID 0 >> BDC BT (Hi) Tj ET EMC\n";

	off[4] = f->len;
	g_string_append_printf(f, "4 0 obj\n<< /Length 5 0 R\n>>\nstream\n%s\nendstream\nendobj\n", content);
	off[5] = f->len;
	g_string_append_printf(f, "5 0 obj\n   %zu\nendobj\n", strlen(content) + 1);
	off[3] = f->len;
	g_string_append(f, "3 0 obj\n<< /Type /Page % 1\n   /Parent 2 0 R\n   /MediaBox [ 0 0 100 100.5 ]\n"
			   "   /Contents 4 0 R\n   /Resources << >>\n>>\nendobj\n");
	off[2] = f->len;
	g_string_append(f, "2 0 obj\n<< /Type /Pages\n   /Kids [ 3 0 R ]\n   /Count 1\n>>\nendobj\n");
	off[1] = f->len;
	g_string_append(f, "1 0 obj\n<< /Type /Catalog\n   /Pages 2 0 R\n>>\nendobj\n");
	off[6] = f->len;
	g_string_append(f, "6 0 obj\n<< /Title (A \\(small\\) book) /Producer <FEFF00E9> >>\nendobj\n");
	{
		size_t xref = f->len;

		g_string_append(f, "xref\n0 8\n0000000000 65535 f \n");
		for (int i = 1; i < 8; i++)
			g_string_append_printf(f, "%010zu 00000 n \n", broken_table && i == 3 ? off[i] + 3 : off[i]);
		g_string_append_printf(f, "trailer\n<< /Size 8\n   /Root 1 0 R\n   /Info 6 0 R\n>>\nstartxref\n%zu\n%%%%EOF\n",
				       broken_table ? xref + 1 : xref);
	}
	return f;
}

static char *file_text(FILE *fp, size_t *len)
{
	long n;
	char *buf;

	fflush(fp);
	n = ftell(fp);
	rewind(fp);
	buf = g_malloc0((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n)
		buf[0] = 0;
	*len = (size_t)n;
	return buf;
}

static void check_file(bool broken)
{
	GString *f = small_pdf(broken);
	char *error = NULL, *out;
	size_t out_len = 0;
	struct pdf_doc *d = pdf_doc_read((const unsigned char *)f->str, f->len, &error);
	bool stream = false;
	struct pdfo *page, *info, *trailer;
	const unsigned char *data;
	size_t len = 0;
	bool owned = true;
	FILE *fp = tmpfile();
	const char *how = broken ? "pdf_doc (table broken: objects found by a scan)" : "pdf_doc";
	char name[160];

#define NAME(what) (snprintf(name, sizeof name, "%s: %s", how, what), name)
	CHECK(NAME("read"), d && !error);
	if (!d)
		return;
	page = pdf_doc_get(d, 3, &stream);
	CHECK(NAME("a page, past a comment in its dictionary"), pdfo_is_name(pdfo_get(page, "Type"), "Page") && !stream);
	data = pdf_doc_stream_data(d, 4, &len, &owned, &error);
	CHECK(NAME("a stream's data by its indirect /Length"), data && !owned && len > 20 && !memcmp(data, "1 0 0 -1", 8));
	CHECK(NAME("a number is no stream"), !pdf_doc_stream_data(d, 5, &len, &owned, &error) && error);
	g_free(error);
	info = pdf_doc_get(d, 6, NULL);
	{
		char *title = pdfo_utf8(pdfo_get(info, "Title")), *producer = pdfo_utf8(pdfo_get(info, "Producer"));

		CHECK_STR(NAME("a literal string's escapes"), title, "A (small) book");
		CHECK_STR(NAME("a UTF-16 string"), producer, "\xc3\xa9");
		g_free(title);
		g_free(producer);
	}
	pdfo_set_parsed(page, "Tabs", "/S");
	pdf_doc_put(d, 3, page);
	page = pdf_doc_get(d, 3, NULL);
	CHECK(NAME("a change is read back"), pdfo_is_name(pdfo_get(page, "Tabs"), "S"));
	pdfo_free(page);
	pdf_doc_begin(d, fp, "1.7");
	pdf_doc_put_stream(d, 4, pdfo_dict(), "q Q", 3, NULL, 0);
	trailer = pdfo_dict();
	pdfo_set(trailer, "Root", pdfo_ref(1));
	pdfo_set(trailer, "Info", pdfo_ref(6));
	CHECK(NAME("written"), pdf_doc_finish(d, trailer, &error));
	pdfo_free(info);
	pdf_doc_free(d);
	out = file_text(fp, &out_len);
	fclose(fp);
	CHECK(NAME("a PDF 1.7 header"), g_str_has_prefix(out, "%PDF-1.7\n"));
	CHECK(NAME("the new stream in place of Cairo's"), strstr(out, "4 0 obj\n<</Length 3>>\nstream\nq Q\nendstream") != NULL);
	CHECK(NAME("other objects packed in an object stream"), memmem(out, out_len, "/Type/ObjStm", 12) && !memmem(out, out_len, "3 0 obj", 7));
	CHECK(NAME("a cross-reference stream at startxref"), memmem(out, out_len, "/Type/XRef", 10) && out_len > 30 && g_str_has_suffix(out + out_len - 30, "%%EOF\n")
	      && memmem(out + out_len - 30, 30, "startxref\n", 10));
	{
		const char *x = memmem(out, out_len, "/Type/XRef", 10);

		CHECK(NAME("the trailer's keys in the cross-reference stream"),
		      x && memmem(out, out_len, "/Root 1 0 R", 11) && memmem(out, out_len, "/Info 6 0 R", 11));
	}
	g_free(out);
	g_string_free(f, TRUE);
#undef NAME
}

int main(void)
{
	size_t pos = 0;
	char *error = NULL;
	struct pdfo *o, *d;
	GString *deep = g_string_new(NULL);

	check_again("pdfo: a dictionary written compactly", "<< /Type /Page\n   /Kids [ 3 0 R 4 0 R ] % a comment\n >>",
		    "<</Type/Page/Kids[3 0 R 4 0 R]>>");
	check_again("pdfo: numbers as they were written", "[ 0 -1 +2 .5 -0.25 419.527559 ]", "[0 -1 2 .5 -0.25 419.527559]");
	check_again("pdfo: two integers and no R are two integers", "[ 1 0 2 ]", "[1 0 2]");
	check_again("pdfo: a name's #xx escapes read and written back", "/A#20B#23", "/A#20B#23");
	check_again("pdfo: a string with parentheses and a backslash", "(a (b) \\\\ c)", "(a \\(b\\) \\\\ c)");
	check_again("pdfo: an octal escape", "(\\101\\0612)", "(A12)");
	check_again("pdfo: binary bytes written in hexadecimal", "<FEFF4E2D6587>", "<FEFF4E2D6587>");
	check_again("pdfo: a hexadecimal string's odd digit", "<4>", "(@)");
	check_again("pdfo: true, false and null", "[true false null]", "[true false null]");
	check_again("pdfo: a duplicated key keeps its last value", "<</A 1/A 2>>", "<</A 2>>");
	check_again("pdfo: an empty name before a number stays apart from it (fuzz_pdfdoc)", "<</ 5 0 R/A 7>>", "<</ 5 0 R/A 7>>");
	check_again("pdfo: a line continuation in a string", "(ab\\\ncd)", "(abcd)");
	CHECK("pdfo: an unterminated string is no object", !pdfo_parse((const unsigned char *)"(abc", 4, &pos, &error) && error);
	g_free(error);
	for (int i = 0; i < 200; i++)
		g_string_append_c(deep, '[');
	pos = 0;
	CHECK("pdfo: nesting past 64 levels is refused", !pdfo_parse((const unsigned char *)deep->str, deep->len, &pos, &error) && error);
	g_free(error);
	g_string_free(deep, TRUE);
	o = pdfo_text("\xe4\xb8\xad");
	CHECK("pdfo: text beyond ASCII is UTF-16BE with its mark",
	      o->u.str->len == 4 && !memcmp(o->u.str->data, "\xfe\xff\x4e\x2d", 4));
	pdfo_free(o);
	o = pdfo_text("Plain");
	CHECK("pdfo: ASCII text is its bytes", o->u.str->len == 5 && !memcmp(o->u.str->data, "Plain", 5));
	pdfo_free(o);
	d = pdfo_parse_text("<</R 5 0 R>>");
	CHECK("pdfo: a reference's dictionary is replaced, not written into, by pdfo_get_dict",
	      pdfo_is(pdfo_get_dict(d, "R"), PDFO_DICT) && pdfo_is(pdfo_get(d, "R"), PDFO_DICT));
	pdfo_remove(d, "R");
	CHECK("pdfo: a key removed", !pdfo_get(d, "R"));
	pdfo_free(d);
	check_file(false);
	check_file(true);
	{
		/* Numbers out of all proportion to the file: nothing is made for them. */
		const char *huge = "%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2000000000 0 R >>\nendobj\n"
				   "xref\n2000000000 1\n0000000009 00000 n \ntrailer\n<< /Root 1 0 R >>\nstartxref\n60\n%%EOF\n";
		struct pdf_doc *hd;
		size_t xref = strstr(huge, "xref") - huge;
		char *text = g_strdup(huge), *at = strstr(text, "startxref\n") + 10;

		struct pdfo *catalog;

		snprintf(at, 16, "%zu\n%%%%EOF\n", xref);
		error = NULL;
		hd = pdf_doc_read((const unsigned char *)text, strlen(text), &error);
		CHECK("pdf_doc: a table naming object 2,000,000,000 is not believed (the file is scanned)", hd && !error);
		CHECK("pdf_doc: a reference to object 2,000,000,000 is none", hd && !pdf_doc_get(hd, 2000000000, NULL));
		catalog = hd ? pdf_doc_get(hd, 1, NULL) : NULL;
		CHECK("pdf_doc: the catalog found by the scan", pdfo_is(catalog, PDFO_DICT));
		pdfo_free(catalog);
		pdf_doc_free(hd);
		g_free(text);
	}
	CHECK_DONE();
}
