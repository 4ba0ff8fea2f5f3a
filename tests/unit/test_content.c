/* test_content.c - the content-stream tokenizer and artifact marking, on hand-written streams. */
#include "check.h"
#include "format/pdf/pdf_content.h"

#include <glib.h>

/* Forms named "/Tagged" hold MCIDs. */
static bool form_tagged(void *data, const char *name, size_t len)
{
	return len == 6 && !memcmp(name, "Tagged", 6);
}

/* MCID 99 is held by no structure element; MCID 7 shows "fi 字", MCID 8 "a" and a character past U+FFFF. */
static const char *mcid_held(void *data, long mcid)
{
	return mcid == 99 ? NULL : mcid == 7 ? "fi 字" : mcid == 8 ? "a\U0001F600" : "";
}

/* want NULL: the stream must be refused. */
static void expect(const char *name, const char *in, const char *want)
{
	GByteArray *out = g_byte_array_new();
	struct content_stats st = { 0 };
	char *error = NULL;
	bool ok = content_mark_artifacts((const unsigned char *)in, strlen(in), out, form_tagged, mcid_held, NULL, &st,
					 &error);
	char *got = g_strndup((const char *)out->data, out->len);

	if (!want)
		CHECK(name, !ok && error && *error);
	else if (!ok)
		CHECK_STR(name, error, want);
	else
		CHECK_STR(name, got, want);
	g_free(got);
	g_free(error);
	g_byte_array_free(out, TRUE);
}

int main(void)
{
	struct content_stats st = { 0 };
	GByteArray *out = g_byte_array_new();
	char *error = NULL;

	expect("a path outside everything", "0 0 m 1 1 l S\n", "/Artifact BMC\n0 0 m 1 1 l S\nEMC\n");
	expect("tagged content untouched", "/P <</MCID 0>> BDC BT (x) Tj ET EMC\n", "/P <</MCID 0>> BDC BT (x) Tj ET EMC\n");
	expect("text, then a tag", "BT (head) Tj ET /P <</MCID 0>> BDC BT (x) Tj ET EMC",
	       "/Artifact BMC\nBT (head) Tj ET EMC\n/P <</MCID 0>> BDC BT (x) Tj ET EMC");
	expect("q closes an artifact", "BT (a) Tj ET q 1 0 0 1 5 5 cm 0 0 m 1 1 l S Q",
	       "/Artifact BMC\nBT (a) Tj ET EMC\nq 1 0 0 1 5 5 cm /Artifact BMC\n0 0 m 1 1 l S EMC\nQ");
	expect("operators and brackets inside a string", "BT (BDC \\) EMC (re) f) Tj ET",
	       "/Artifact BMC\nBT (BDC \\) EMC (re) f) Tj ET\nEMC\n");
	expect("hex string in an array", "BT [<0041>-20(B)] TJ ET", "/Artifact BMC\nBT [<0041>-20(B)] TJ ET\nEMC\n");
	expect("an artifact already", "/Artifact BMC 0 0 m 1 1 l S EMC", "/Artifact BMC 0 0 m 1 1 l S EMC");
	expect("an artifact with properties", "/Artifact <</Type /Pagination>> BDC BT (3) Tj ET EMC",
	       "/Artifact <</Type /Pagination>> BDC BT (3) Tj ET EMC");
	expect("marked content with no MCID", "/OC /L1 BDC 0 0 m 1 1 l S EMC",
	       "/OC /L1 BDC /Artifact BMC\n0 0 m 1 1 l S EMC\nEMC");
	expect("inline image holding EI-like bytes", "q BI /W 1 /H 1 /BPC 8 /CS /G ID \x01" "EIx\x02 EI Q",
	       "q /Artifact BMC\nBI /W 1 /H 1 /BPC 8 /CS /G ID \x01" "EIx\x02 EI EMC\nQ");
	expect("image XObject", "q 10 0 0 10 0 0 cm /Im0 Do Q", "q 10 0 0 10 0 0 cm /Artifact BMC\n/Im0 Do EMC\nQ");
	expect("a tagged form is not wrapped", "q /Tagged Do Q", "q /Tagged Do Q");
	expect("shading", "/Sh0 sh", "/Artifact BMC\n/Sh0 sh\nEMC\n");
	expect("marked content inside a text object", "BT (a) Tj /Span <</MCID 0>> BDC (b) Tj EMC (c) Tj ET",
	       "BT /Artifact BMC\n(a) Tj EMC\n/Span <</MCID 0>> BDC (b) Tj EMC /Artifact BMC\n(c) Tj EMC\nET");
	expect("ActualText inside tagged text", "/P <</MCID 0>> BDC BT /Span <</ActualText <FEFF0066>>> BDC (f) Tj EMC ET EMC",
	       "/P <</MCID 0>> BDC BT /Span <</ActualText <FEFF0066>>> BDC (f) Tj EMC ET EMC");
	expect("a clipping path stays whole", "0 0 10 10 re W n /P <</MCID 0>> BDC 0 0 m 1 1 l S EMC",
	       "/Artifact BMC\n0 0 10 10 re W n EMC\n/P <</MCID 0>> BDC 0 0 m 1 1 l S EMC");
	expect("operators in a comment", "% BDC EMC (\n0 0 m 1 1 l S", "% BDC EMC (\n/Artifact BMC\n0 0 m 1 1 l S\nEMC\n");
	expect("escaped names", "/a#20b gs 0 0 m 1 1 l f", "/a#20b gs /Artifact BMC\n0 0 m 1 1 l f\nEMC\n");
	expect("graphics state only: nothing to mark", "q 1 0 0 1 0 0 cm 0 g Q", "q 1 0 0 1 0 0 cm 0 g Q");
	expect("an orphan MCID becomes an artifact",
	       "/Document <</MCID 99>> BDC 0 0 m 1 1 l S EMC /P <</MCID 1>> BDC BT (x) Tj ET EMC",
	       "/Artifact BMC 0 0 m 1 1 l S EMC /P <</MCID 1>> BDC BT (x) Tj ET EMC");
	expect("an MCID after a line break", "/P <</MCID\n99>> BDC BT (x) Tj ET EMC", "/Artifact BMC BT (x) Tj ET EMC");
	expect("true, false and null are operands", "/P <</MCID 3 /X true /Y null>> BDC 0 0 m f EMC",
	       "/P <</MCID 3 /X true /Y null>> BDC 0 0 m f EMC");
	expect("text given as ActualText (UTF-16, the tag a Span)", "/P <</MCID 7>> BDC BT (x) Tj ET EMC",
	       "/Span << /MCID 7 /ActualText <FEFF0066006900205B57> >> BDC BT (x) Tj ET EMC");
	expect("ActualText past U+FFFF as a surrogate pair", "/P <</MCID 8>> BDC BT (x) Tj ET EMC",
	       "/Span << /MCID 8 /ActualText <FEFF0061D83DDE00> >> BDC BT (x) Tj ET EMC");
	expect("signed and decimal operands are no operators", "/P <</MCID 3>> BDC BT [(a) -12.5 (b) +.5] TJ ET EMC",
	       "/P <</MCID 3>> BDC BT [(a) -12.5 (b) +.5] TJ ET EMC");
	expect("a ligature's span inside it goes, its glyphs stay",
	       "/P <</MCID 7>> BDC BT /Span <</ActualText <FEFF00660069>>> BDC (f) Tj EMC (x) Tj ET EMC",
	       "/Span << /MCID 7 /ActualText <FEFF0066006900205B57> >> BDC BT  (f) Tj  (x) Tj ET EMC");
	expect("a ligature's span in text with no ActualText stays",
	       "/P <</MCID 1>> BDC BT /Span <</ActualText <FEFF00660069>>> BDC (f) Tj EMC ET EMC",
	       "/P <</MCID 1>> BDC BT /Span <</ActualText <FEFF00660069>>> BDC (f) Tj EMC ET EMC");
	expect("an EMC closing nothing is refused", "EMC", NULL);
	expect("a BDC left open is refused", "/P <</MCID 0>> BDC", NULL);
	expect("an unterminated string is refused", "BT (abc Tj ET", NULL);
	expect("an unterminated hex string is refused", "BT <0041 Tj ET", NULL);
	expect("an unterminated inline image is refused", "BI /W 1 ID xyz", NULL);

	CHECK("counts: instructions and artifacts",
	      content_mark_artifacts((const unsigned char *)"0 0 m 1 1 l S BT (a) Tj ET", 26, out, NULL, NULL, NULL, &st, &error)
		      && st.ops == 6 && st.artifacts == 1 && st.mcids == 0);
	CHECK("MCID test: found", content_has_mcid((const unsigned char *)"/P <</MCID 0>> BDC", 18));
	CHECK("MCID test: absent", !content_has_mcid((const unsigned char *)"/P <</MCI 0>> BDC", 17));
	g_byte_array_free(out, TRUE);
	CHECK_DONE();
}
