/*
 * fuzz_article.c - one article file through the whole reading path (bytes, front matter, Markdown,
 * passes, images offline) and the EPUB page writer: every page must be well-formed XML that runs
 * and loads nothing. The first byte chooses options; bit 7 also packs and re-reads the whole EPUB,
 * bit 6 also lays the book out as the PDF's pages (the trace writer: the same layout, no Cairo),
 * bit 4 reads it as a Hugo site's page whose settings turn passthrough (math) on: no mark that
 * stands for a snippet may reach a page.
 */
#include "fuzz.h"

#include <zip.h>

#include "base/options.h"
#include "base/outfile.h"
#include "format/epub/epub.h"
#include "format/epub/xhtml.h"
#include "format/fonts.h"
#include "format/pdf/device.h"
#include "format/pdf/layout.h"
#include "format/pdf/theme.h"
#include "read/build.h"

/* The input holds the noncharacters passthrough marks snippets with (read/passthrough.c). */
static bool input_marks;

static void check_page(GString *page)
{
	fuzz_check_xml(page->str, page->len);
	FUZZ_ASSERT(input_marks || !(strstr(page->str, "\xEF\xB7\x90") || strstr(page->str, "\xEF\xB7\x92")),
		    "a passthrough mark reached a page", page->str);
	g_string_free(page, TRUE);
}

/* Every XML entry of the EPUB at path: well-formed; the pages safe. */
static void check_epub(const char *path)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	zip_int64_t n;

	FUZZ_ASSERT(z != NULL, "the EPUB cannot be opened as a zip", path);
	n = zip_get_num_entries(z, 0);
	for (zip_int64_t i = 0; i < n; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		zip_stat_t st;
		zip_file_t *f;
		char *buf;

		if (!name || !(g_str_has_suffix(name, ".xhtml") || g_str_has_suffix(name, ".opf")
			       || g_str_has_suffix(name, ".ncx") || g_str_has_suffix(name, ".xml")))
			continue;
		FUZZ_ASSERT(zip_stat_index(z, (zip_uint64_t)i, 0, &st) == 0, "zip entry without a size", name);
		buf = g_malloc(st.size + 1);
		f = zip_fopen_index(z, (zip_uint64_t)i, 0);
		FUZZ_ASSERT(f && zip_fread(f, buf, st.size) == (zip_int64_t)st.size, "zip entry unreadable", name);
		zip_fclose(f);
		buf[st.size] = '\0';
		fuzz_check_xml(buf, st.size);
		g_free(buf);
	}
	zip_discard(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { NULL, "zh-CN", "en", "zh-TW" };
	static const char *const groups[] = { NULL, "section", "category", "tag" };
	static char *cover, *cache;
	static struct theme *theme;
	struct options o;
	struct book *b;
	char *file;
	unsigned flags;
	GPtrArray *argv;

	fuzz_init();
	if (size < 1)
		return 0;
	flags = data[0];
	if (!cover)
		cover = g_build_filename(FUZZ_DATADIR, "tests", "epub", "media", "dot.png", NULL);
	if (!cache)
		cache = fuzz_path("cache");
	if (!theme)
		theme = theme_load(NULL, FUZZ_DATADIR, false);
	input_marks = g_strstr_len((const char *)data + 1, (gssize)size - 1, "\xEF\xB7") != NULL;
	if (flags & 0x10) {
		static const char config[] = "baseURL = 'https://example.org/'\n"
			"[markup.goldmark.extensions.passthrough]\nenable = true\n"
			"[markup.goldmark.extensions.passthrough.delimiters]\n"
			"block = [['\\[', '\\]'], ['$$', '$$']]\ninline = [['\\(', '\\)'], ['$', '$']]\n";
		char *content = fuzz_path("site/content");

		g_mkdir_with_parents(content, 0755);
		g_free(fuzz_write("site/hugo.toml", config, strlen(config)));
		g_free(fuzz_write("site/content/article.md", data + 1, size - 1));
		g_free(content);
		file = fuzz_path("site");
	} else {
		file = fuzz_write("article.md", data + 1, size - 1);
	}
	/* Options as a run reads them: checked and parsed by options_parse. */
	argv = g_ptr_array_new();
	g_ptr_array_add(argv, "folio");
	g_ptr_array_add(argv, "--offline");
	g_ptr_array_add(argv, "-q");
	g_ptr_array_add(argv, "--include-drafts");
	g_ptr_array_add(argv, "--timezone=UTC");
	g_ptr_array_add(argv, "--cover");	/* a drawn cover would cost more than all the rest */
	g_ptr_array_add(argv, cover);
	g_ptr_array_add(argv, "--image-cache");
	g_ptr_array_add(argv, cache);
	if (langs[flags & 3]) {
		g_ptr_array_add(argv, "--lang");
		g_ptr_array_add(argv, (char *)langs[flags & 3]);
	}
	if (groups[(flags >> 2) & 3]) {
		g_ptr_array_add(argv, "--group-by");
		g_ptr_array_add(argv, (char *)groups[(flags >> 2) & 3]);
	}
	g_ptr_array_add(argv, file);
	g_ptr_array_add(argv, NULL);
	options_init(&o);
	FUZZ_ASSERT(options_parse(&o, (int)argv->len - 1, (char **)argv->pdata) == 0, "options refused", file);
	g_ptr_array_free(argv, TRUE);
	o.datadir = g_strdup(FUZZ_DATADIR);
	b = book_build(&o, NULL, theme->cjk_latin_space);
	if (b) {
		struct export x = { .book = b, .opts = &o, .theme = theme };

		for (guint i = 0; i < b->articles->len; i++) {
			unsigned found;

			check_page(xhtml_article(b, g_ptr_array_index(b->articles, i), &found));
		}
		for (guint i = 0; i < b->parts->len; i++) {
			unsigned found;

			check_page(xhtml_part(b, g_ptr_array_index(b->parts, i), &found));
		}
		if (flags & 0x80) {
			char *path = fuzz_path("book.epub");
			struct outfile *out = outfile_begin(path);

			FUZZ_ASSERT(out != NULL, "cannot write in the scratch folder", path);
			if (epub_write(&x, out))
				check_epub(out->tmp);
			outfile_abort(out);
			g_free(path);
		}
		if (flags & 0x40) {
			/* As trace_write does, with the fonts loaded once for the whole run. */
			static struct fonts *fonts;
			FILE *null = fopen("/dev/null", "w");
			struct device *dev = device_trace_new(null, "/dev/null");

			if (!fonts)
				fonts = fonts_new_quiet(FUZZ_DATADIR);
			layout_book(b, theme, fonts, dev);
			dev->finish(dev);
			dev->free(dev);
			fclose(null);
		}
	}
	book_free(b);
	options_clear(&o);
	diag_reset();
	g_free(file);
	return 0;
}
