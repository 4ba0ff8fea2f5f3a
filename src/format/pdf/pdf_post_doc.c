/* pdf_post_doc.c - the post-pass over the document: catalog, Info, XMP metadata, PDF/X-4 output intent. */
#include "format/pdf/pdf_post_doc.h"

#include <stdio.h>
#include <string.h>

#include "format/pdf/pdf_xmp.h"

/* sRGB from icc-profiles-free: what a CMYK intent's pages say their RGB drawing is. */
#define SRGB_ICC "/usr/share/color/icc/sRGB.icc"

/* The components of the colour space an ICC profile's header names: 1, 3 or 4; -1 not a profile; 0 another space. */
static int icc_header_components(const char *icc, size_t len)
{
	if (len < 132 || memcmp(icc + 36, "acsp", 4))
		return -1;
	return !memcmp(icc + 16, "CMYK", 4) ? 4 : !memcmp(icc + 16, "GRAY", 4) ? 1 : !memcmp(icc + 16, "RGB ", 4) ? 3 : 0;
}

int pdf_icc_components(const char *path)
{
	char head[132];
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(head, 1, sizeof head, f) : 0;

	if (f)
		fclose(f);
	return MAX(icc_header_components(head, n), 0);
}

/* An ICC profile as a new stream (written now) with /N from its header; 0 (reported) when path is not a profile. */
static int icc_stream(struct post *s, const char *path, bool *cmyk)
{
	gchar *icc = NULL;
	gsize len = 0;
	GError *e = NULL;
	struct pdfo *dict;
	int components, num;

	if (!g_file_get_contents(path, &icc, &len, &e)) {
		post_fail(s, "the output intent's ICC profile: %s", e->message);
		g_error_free(e);
		return 0;
	}
	components = icc_header_components(icc, len);
	if (components < 0) {
		post_fail(s, "%s is not an ICC profile", path);
		g_free(icc);
		return 0;
	}
	if (!components) {
		post_fail(s, "%s describes neither RGB, CMYK nor grey", path);
		g_free(icc);
		return 0;
	}
	if (cmyk)
		*cmyk = components == 4;
	dict = pdfo_dict();
	pdfo_set(dict, "N", pdfo_int(components));
	num = pdf_doc_new_number(s->doc);
	post_write_stream(s, num, dict, icc, len, true);
	g_free(icc);
	return num;
}

bool post_intent(struct post *s)
{
	const struct pdf_post *p = s->p;
	struct pdfo *oi;
	int profile;

	if (!p->x4)
		return true;
	profile = icc_stream(s, p->icc_path, &s->cmyk_intent);
	if (!profile)
		return false;
	oi = pdfo_parse_text("<</Type/OutputIntent/S/GTS_PDFX/RegistryName(http://www.color.org)>>");
	pdfo_set(oi, "OutputConditionIdentifier", pdfo_text(p->output_condition));
	pdfo_set(oi, "Info", pdfo_text(p->output_condition));
	pdfo_set(oi, "DestOutputProfile", pdfo_ref(profile));
	s->output_intents = pdfo_array();
	pdfo_push(s->output_intents, oi);
	if (s->cmyk_intent) {
		int srgb = icc_stream(s, SRGB_ICC, NULL);

		if (srgb) {
			s->default_rgb = pdfo_array();
			pdfo_push(s->default_rgb, pdfo_name("ICCBased"));
			pdfo_push(s->default_rgb, pdfo_ref(srgb));
		}
	}
	return !s->failed;
}

/* The Info dictionary's text under key, as UTF-8 (g_free), or NULL. */
static char *info_text(const struct pdfo *info, const char *key)
{
	return pdfo_utf8(pdfo_get(info, key));
}

/* The fourteen digits of an Info date, with or without "D:" (Cairo 1.16 leaves it out); NULL if none. */
static char *date_digits(const char *v)
{
	GString *d = g_string_new(NULL);

	if (v && !strncmp(v, "D:", 2))
		v += 2;
	for (; v && *v && d->len < 14; v++)
		if (g_ascii_isdigit(*v))
			g_string_append_c(d, *v);
		else
			break;
	if (d->len < 14) {
		g_string_free(d, TRUE);
		return NULL;
	}
	return g_string_free(d, FALSE);
}

/* Info key holds a UTC date: written again with "D:"; its ISO 8601 form returned (g_free), or NULL. */
static char *fix_date(struct pdfo *info, const char *key)
{
	char *v = info_text(info, key), *d = date_digits(v), *iso = NULL;

	if (d) {
		char *pdf = g_strdup_printf("D:%sZ", d);

		pdfo_set(info, key, pdfo_bytes(pdf, strlen(pdf)));
		iso = g_strdup_printf("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", d, d + 4, d + 6, d + 8, d + 10, d + 12);
		g_free(pdf);
	}
	g_free(v);
	g_free(d);
	return iso;
}

/* The digest's 32 hexadecimal digits as the 16 bytes of a string. */
static struct pdfo *digest_bytes(const char *hex)
{
	guint8 b[16];

	for (int i = 0; i < 16; i++)
		b[i] = (guint8)(g_ascii_xdigit_value(hex[2 * i]) * 16 + g_ascii_xdigit_value(hex[2 * i + 1]));
	return pdfo_bytes(b, sizeof b);
}

struct pdfo *post_document(struct post *s)
{
	const struct pdf_post *p = s->p;
	struct pdfo *root = s->root, *trailer = pdf_doc_trailer(s->doc), *info, *dict, *out, *id_pair;
	int info_num = post_ref_num(pdfo_get(trailer, "Info")), xmp_num;
	struct xmp_facts f = { .lang = p->lang, .ua = p->ua, .x4 = p->x4 };
	char *sum, *id, *packet, *created, *modified;

	info = info_num ? pdf_doc_get(s->doc, info_num, NULL) : NULL;
	if (!pdfo_is(info, PDFO_DICT)) {
		pdfo_free(info);
		info = pdfo_dict();
		info_num = pdf_doc_new_number(s->doc);
	}
	if (p->lang && *p->lang)
		pdfo_set(root, "Lang", pdfo_text(p->lang));
	if (s->has_tree)
		pdfo_set_parsed(root, "MarkInfo", "<</Marked true>>");
	pdfo_set_parsed(root, "ViewerPreferences", "<</DisplayDocTitle true>>");
	if (s->output_intents)
		pdfo_set(root, "OutputIntents", g_steal_pointer(&s->output_intents));
	created = fix_date(info, "CreationDate");
	modified = fix_date(info, "ModDate");
	if (p->x4) {
		pdfo_set(info, "GTS_PDFXVersion", pdfo_bytes("PDF/X-4", 7));
		pdfo_set_parsed(info, "Trapped", "/False");
	}
	/* A stable document ID: the same PDF, the same ID (an identifier, not a seal). */
	sum = g_thread_join(g_steal_pointer(&s->input_digest));
	id = g_strdup_printf("%.8s-%.4s-%.4s-%.4s-%.12s", sum, sum + 8, sum + 12, sum + 16, sum + 20);
	f.title = info_text(info, "Title");
	f.author = info_text(info, "Author");
	f.subject = info_text(info, "Subject");
	f.keywords = info_text(info, "Keywords");
	f.creator_tool = info_text(info, "Creator");
	f.producer = info_text(info, "Producer");
	f.created = created;
	f.modified = modified;
	f.document_id = id;
	packet = xmp_packet(&f);
	/* Left uncompressed, as readers of XMP expect. */
	dict = pdfo_parse_text("<</Type/Metadata/Subtype/XML>>");
	xmp_num = pdf_doc_new_number(s->doc);
	post_write_stream(s, xmp_num, dict, packet, strlen(packet), false);
	pdfo_set(root, "Metadata", pdfo_ref(xmp_num));
	pdf_doc_put(s->doc, info_num, info);
	pdf_doc_put(s->doc, s->root_num, g_steal_pointer(&s->root));
	/* The trailer of the file written: the catalog, Info and the ID. */
	out = pdfo_dict();
	pdfo_set(out, "Root", pdfo_ref(s->root_num));
	pdfo_set(out, "Info", pdfo_ref(info_num));
	id_pair = pdfo_array();
	pdfo_push(id_pair, digest_bytes(sum));
	pdfo_push(id_pair, digest_bytes(sum));
	pdfo_set(out, "ID", id_pair);
	g_free(packet);
	g_free((char *)f.title);
	g_free((char *)f.author);
	g_free((char *)f.subject);
	g_free((char *)f.keywords);
	g_free((char *)f.creator_tool);
	g_free((char *)f.producer);
	g_free(created);
	g_free(modified);
	g_free(sum);
	g_free(id);
	return out;
}
