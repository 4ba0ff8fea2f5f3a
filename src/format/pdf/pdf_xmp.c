/* pdf_xmp.c - the PDF's XMP metadata packet: the Info dictionary's facts, and the standards it claims. */
#include "format/pdf/pdf_xmp.h"

#include <glib.h>

#include "base/xmlesc.h"

/* "   <ns:name>text</ns:name>" with text escaped; nothing for NULL or "". */
static void simple(GString *x, const char *name, const char *text)
{
	if (!text || !*text)
		return;
	g_string_append_printf(x, "   <%s>", name);
	xml_escape(x, text, -1);
	g_string_append_printf(x, "</%s>\n", name);
}

/* A property holding one item of an rdf:Alt, rdf:Seq or rdf:Bag. */
static void one_item(GString *x, const char *name, const char *kind, const char *text, bool x_default)
{
	if (!text || !*text)
		return;
	g_string_append_printf(x, "   <%s><rdf:%s><rdf:li%s>", name, kind, x_default ? " xml:lang=\"x-default\"" : "");
	xml_escape(x, text, -1);
	g_string_append_printf(x, "</rdf:li></rdf:%s></%s>\n", kind, name);
}

char *xmp_packet(const struct xmp_facts *f)
{
	GString *x = g_string_new("<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
				  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
				  " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
				  "  <rdf:Description rdf:about=\"\"\n"
				  "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
				  "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
				  "    xmlns:xmpMM=\"http://ns.adobe.com/xap/1.0/mm/\"\n"
				  "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
				  "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
				  "    xmlns:pdfxid=\"http://www.npes.org/pdfx/ns/id/\">\n"
				  "   <dc:format>application/pdf</dc:format>\n");

	one_item(x, "dc:title", "Alt", f->title && *f->title ? f->title : "-", true);
	one_item(x, "dc:creator", "Seq", f->author, false);
	one_item(x, "dc:description", "Alt", f->subject, true);
	one_item(x, "dc:language", "Bag", f->lang, false);
	simple(x, "pdf:Keywords", f->keywords);
	simple(x, "pdf:Producer", f->producer);
	simple(x, "xmp:CreatorTool", f->creator_tool);
	simple(x, "xmp:CreateDate", f->created);
	simple(x, "xmp:ModifyDate", f->modified);
	simple(x, "xmp:MetadataDate", f->modified);
	if (f->document_id) {
		g_string_append_printf(x, "   <xmpMM:DocumentID>uuid:%s</xmpMM:DocumentID>\n", f->document_id);
		g_string_append_printf(x, "   <xmpMM:InstanceID>uuid:%s</xmpMM:InstanceID>\n", f->document_id);
	}
	if (f->ua)
		g_string_append(x, "   <pdfuaid:part>1</pdfuaid:part>\n");
	if (f->x4)
		g_string_append(x, "   <pdf:Trapped>False</pdf:Trapped>\n"
				   "   <xmpMM:VersionID>1</xmpMM:VersionID>\n"
				   "   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n"
				   "   <pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>\n");
	g_string_append(x, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
	return g_string_free(x, FALSE);
}
