/* test_xmp.c - the PDF's XMP packet (pdf_xmp.c) and the sets of names --marks and --pdf-standard take. */
#include "check.h"
#include "base/diag.h"
#include "base/options.h"
#include "format/pdf/pdf_xmp.h"

#include <glib.h>

int main(void)
{
	struct xmp_facts f = { .title = "城市 & <创新>", .author = "folio 编辑部", .lang = "zh-CN", .created = "2023-11-14T22:13:20Z",
			       .modified = "2023-11-14T22:13:20Z", .document_id = "0123abcd-0000-0000-0000-000000000000" };
	char *x = xmp_packet(&f);
	unsigned bits = 99;

	diag_set_quiet(true);
	CHECK("xmp: title escaped, x-default", strstr(x, "<rdf:li xml:lang=\"x-default\">城市 &amp; &lt;创新&gt;</rdf:li>") != NULL);
	CHECK("xmp: author in a Seq", strstr(x, "<dc:creator><rdf:Seq><rdf:li>folio 编辑部</rdf:li></rdf:Seq></dc:creator>") != NULL);
	CHECK("xmp: language in a Bag", strstr(x, "<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>") != NULL);
	CHECK("xmp: dates", strstr(x, "<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>") != NULL);
	CHECK("xmp: no claim unless asked", !strstr(x, "pdfuaid:part>") && !strstr(x, "GTS_PDFXVersion>"));
	CHECK("xmp: a packet wrapper", g_str_has_prefix(x, "<?xpacket begin=") && g_str_has_suffix(x, "<?xpacket end=\"w\"?>\n"));
	g_free(x);
	f.ua = f.x4 = true;
	f.title = NULL;
	x = xmp_packet(&f);
	CHECK("xmp: PDF/UA-1", strstr(x, "<pdfuaid:part>1</pdfuaid:part>") != NULL);
	CHECK("xmp: PDF/X-4 and Trapped", strstr(x, "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>") != NULL
					     && strstr(x, "<pdf:Trapped>False</pdf:Trapped>") != NULL);
	CHECK("xmp: a title even when there is none", strstr(x, "x-default\">-</rdf:li>") != NULL);
	g_free(x);

	CHECK("set: one name", options_parse_set(MARKS_NAMES, "crop", &bits) && bits == MARKS_CROP);
	CHECK("set: two, spaces allowed", options_parse_set(MARKS_NAMES, "cross, crop", &bits) && bits == (MARKS_CROP | MARKS_CROSS));
	CHECK("set: none", options_parse_set(STANDARD_NAMES, "none", &bits) && bits == 0);
	CHECK("set: both standards", options_parse_set(STANDARD_NAMES, "ua-1,x-4", &bits) && bits == (STANDARD_UA1 | STANDARD_X4));
	CHECK("set: \"both\", as the help says", options_parse_set(STANDARD_NAMES, "both", &bits) && bits == (STANDARD_UA1 | STANDARD_X4)
	      && options_parse_set(MARKS_NAMES, "both", &bits) && bits == (MARKS_CROP | MARKS_CROSS));
	CHECK("set: \"both\" with none is refused", !options_parse_set(MARKS_NAMES, "both,none", &bits));
	bits = 7;
	CHECK("set: an unknown name refused, bits left alone", !options_parse_set(MARKS_NAMES, "crop,fold", &bits) && bits == 7);
	CHECK("set: none with another refused", !options_parse_set(STANDARD_NAMES, "none,x-4", &bits));
	CHECK("set: an empty item refused", !options_parse_set(MARKS_NAMES, "crop,", &bits));
	CHECK("set: empty refused", !options_parse_set(MARKS_NAMES, "", &bits));
	CHECK_DONE();
}
