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

/* An ICC profile as a stream with /N from its header; 0 (reported) when path is not a profile. */
static qpdf_oh icc_stream(struct post *s, const char *path, bool *cmyk)
{
	qpdf_data q = s->q;
	gchar *icc = NULL;
	gsize len = 0;
	GError *e = NULL;
	qpdf_oh st, dict, n;
	int components;

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
	st = post_new_stream(q, icc, len, true);
	dict = qpdf_oh_get_dict(q, st);
	n = qpdf_oh_new_integer(q, components);
	qpdf_oh_replace_key(q, dict, "/N", n);
	qpdf_oh_release(q, n);
	qpdf_oh_release(q, dict);
	g_free(icc);
	return st;
}

bool post_intent(struct post *s)
{
	qpdf_data q = s->q;
	const struct pdf_post *p = s->p;
	qpdf_oh root, profile, oi, list;

	if (!p->x4)
		return true;
	profile = icc_stream(s, p->icc_path, &s->cmyk_intent);
	if (!profile)
		return false;
	root = qpdf_get_root(q);
	oi = qpdf_oh_parse(q, "<< /Type /OutputIntent /S /GTS_PDFX /RegistryName (http://www.color.org) >>");
	post_set_text(q, oi, "/OutputConditionIdentifier", p->output_condition);
	post_set_text(q, oi, "/Info", p->output_condition);
	qpdf_oh_replace_key(q, oi, "/DestOutputProfile", profile);
	list = qpdf_oh_new_array(q);
	qpdf_oh_append_item(q, list, oi);
	qpdf_oh_replace_key(q, root, "/OutputIntents", list);
	qpdf_oh_release(q, list);
	qpdf_oh_release(q, oi);
	qpdf_oh_release(q, profile);
	if (s->cmyk_intent) {
		qpdf_oh srgb = icc_stream(s, SRGB_ICC, NULL);

		if (srgb) {
			qpdf_oh name = qpdf_oh_new_name(q, "/ICCBased");

			s->default_rgb = qpdf_oh_new_array(q);
			qpdf_oh_append_item(q, s->default_rgb, name);
			qpdf_oh_append_item(q, s->default_rgb, srgb);
			qpdf_oh_release(q, name);
			qpdf_oh_release(q, srgb);
		}
	}
	qpdf_oh_release(q, root);
	return !s->failed && !post_qpdf_failed(s, "output intent");
}

/* The Info dictionary's text under key, as UTF-8 (g_free), or NULL. */
static char *info_text(qpdf_data q, qpdf_oh info, const char *key)
{
	qpdf_oh v = qpdf_oh_get_key_if_dict(q, info, key);
	char *s = qpdf_oh_is_string(q, v) ? g_strdup(qpdf_oh_get_utf8_value(q, v)) : NULL;

	qpdf_oh_release(q, v);
	return s;
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
static char *fix_date(qpdf_data q, qpdf_oh info, const char *key)
{
	char *v = info_text(q, info, key), *d = date_digits(v), *iso = NULL;

	if (d) {
		char *pdf = g_strdup_printf("D:%sZ", d);

		post_set_bytes(q, info, key, pdf);
		iso = g_strdup_printf("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", d, d + 4, d + 6, d + 8, d + 10, d + 12);
		g_free(pdf);
	}
	g_free(v);
	g_free(d);
	return iso;
}

bool post_document(struct post *s)
{
	qpdf_data q = s->q;
	const struct pdf_post *p = s->p;
	qpdf_oh root = qpdf_get_root(q), trailer = qpdf_get_trailer(q), info = qpdf_oh_get_key(q, trailer, "/Info");
	qpdf_oh xmp, dict;
	struct xmp_facts f = { .lang = p->lang, .ua = p->ua, .x4 = p->x4 };
	char *sum, *id, *packet, *created, *modified;

	if (!qpdf_oh_is_dictionary(q, info)) {
		qpdf_oh_release(q, info);
		info = qpdf_oh_new_dictionary(q);
		qpdf_oh_replace_key(q, trailer, "/Info", info);
		qpdf_oh_release(q, info);
		info = qpdf_oh_get_key(q, trailer, "/Info");
	}
	if (p->lang && *p->lang)
		post_set_text(q, root, "/Lang", p->lang);
	if (s->has_tree)
		post_set_parsed(q, root, "/MarkInfo", "<< /Marked true >>");
	post_set_parsed(q, root, "/ViewerPreferences", "<< /DisplayDocTitle true >>");
	created = fix_date(q, info, "/CreationDate");
	modified = fix_date(q, info, "/ModDate");
	if (p->x4) {
		post_set_bytes(q, info, "/GTS_PDFXVersion", "PDF/X-4");
		post_set_parsed(q, info, "/Trapped", "/False");
	}
	/* A stable document ID: the same PDF, the same ID (an identifier, not a seal). */
	sum = g_thread_join(g_steal_pointer(&s->input_digest));
	id = g_strdup_printf("%.8s-%.4s-%.4s-%.4s-%.12s", sum, sum + 8, sum + 12, sum + 16, sum + 20);
	f.title = info_text(q, info, "/Title");
	f.author = info_text(q, info, "/Author");
	f.subject = info_text(q, info, "/Subject");
	f.keywords = info_text(q, info, "/Keywords");
	f.creator_tool = info_text(q, info, "/Creator");
	f.producer = info_text(q, info, "/Producer");
	f.created = created;
	f.modified = modified;
	f.document_id = id;
	packet = xmp_packet(&f);
	/* Left uncompressed, as readers of XMP expect (qpdf leaves /Metadata streams alone). */
	xmp = post_new_stream(q, packet, strlen(packet), false);
	dict = qpdf_oh_get_dict(q, xmp);
	post_set_parsed(q, dict, "/Type", "/Metadata");
	post_set_parsed(q, dict, "/Subtype", "/XML");
	qpdf_oh_replace_key(q, root, "/Metadata", xmp);
	qpdf_oh_release(q, dict);
	qpdf_oh_release(q, xmp);
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
	qpdf_oh_release(q, info);
	qpdf_oh_release(q, trailer);
	qpdf_oh_release(q, root);
	return !s->failed && !post_qpdf_failed(s, "document");
}
