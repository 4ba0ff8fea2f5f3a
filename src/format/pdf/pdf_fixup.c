/* pdf_fixup.c - an incremental update that defines the objects Cairo 1.16 names but never writes. */
#include "format/pdf/pdf_fixup.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

/* Does the file hold "id 0 obj" at offset? */
static bool object_at(int fd, long offset, long id)
{
	char buf[32], want[32];
	ssize_t n = pread(fd, buf, sizeof buf - 1, offset);
	int len = snprintf(want, sizeof want, "%ld 0 obj", id);

	return n >= len && !memcmp(buf, want, (size_t)len);
}

/* The number after key ("/Root 24 0 R" -> 24) in the trailer dictionary, or -1. */
static long trailer_ref(const char *trailer, const char *key)
{
	const char *p = strstr(trailer, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

bool pdf_fixup_missing_objects(FILE *fp)
{
	int fd = fileno(fp);
	long size, xref_at, root, info, total;
	char tail[256], *buf, *p, *trailer;
	GArray *missing;
	ssize_t n;

	if (fflush(fp) != 0 || fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 64)
		return false;
	n = pread(fd, tail, sizeof tail - 1, size - (long)(sizeof tail - 1));
	if (n <= 0)
		return false;
	tail[n] = '\0';
	p = g_strrstr(tail, "startxref");
	if (!p)
		return true;
	xref_at = strtol(p + 9, NULL, 10);
	if (xref_at <= 0 || xref_at >= size)
		return true;
	buf = g_malloc((gsize)(size - xref_at + 1));
	n = pread(fd, buf, (size_t)(size - xref_at), xref_at);
	if (n != size - xref_at) {
		g_free(buf);
		return false;
	}
	buf[n] = '\0';
	trailer = strstr(buf, "trailer");
	if (strncmp(buf, "xref", 4) || !trailer) {
		g_free(buf);
		return true;	/* an xref stream, or not Cairo's layout: leave it */
	}
	missing = g_array_new(FALSE, FALSE, sizeof(long));
	p = buf + 4;
	while (p < trailer) {
		char *end;
		long first = strtol(p, &end, 10), count;

		if (end == p)
			break;
		count = strtol(end, &p, 10);
		while (*p == '\r' || *p == '\n' || *p == ' ')
			p++;
		for (long i = 0; i < count && p + 20 <= trailer; i++, p += 20) {
			long offset = strtol(p, NULL, 10);

			if (p[17] == 'n' && !object_at(fd, offset, first + i))
				g_array_append_val(missing, (long){ first + i });
		}
	}
	root = trailer_ref(trailer, "/Root");
	info = trailer_ref(trailer, "/Info");
	total = trailer_ref(trailer, "/Size");
	if (missing->len && root > 0 && total > 0) {
		long *offsets = g_new(long, missing->len), xref;

		fseek(fp, 0, SEEK_END);
		for (guint i = 0; i < missing->len; i++) {
			offsets[i] = ftell(fp);
			fprintf(fp, "%ld 0 obj\nnull\nendobj\n", g_array_index(missing, long, i));
		}
		xref = ftell(fp);
		fputs("xref\n", fp);
		for (guint i = 0; i < missing->len; i++)
			fprintf(fp, "%ld 1\n%010ld 00000 n \n", g_array_index(missing, long, i), offsets[i]);
		fprintf(fp, "trailer\n<< /Size %ld\n   /Root %ld 0 R\n", total, root);
		if (info > 0)
			fprintf(fp, "   /Info %ld 0 R\n", info);
		fprintf(fp, "   /Prev %ld\n>>\nstartxref\n%ld\n%%%%EOF\n", xref_at, xref);
		g_free(offsets);
	}
	g_array_free(missing, TRUE);
	g_free(buf);
	return fflush(fp) == 0;
}
