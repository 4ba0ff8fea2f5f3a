/*
 * replay.c - a main() for the fuzz targets without libFuzzer: runs each file given (or each file
 * of each folder given) through LLVMFuzzerTestOneInput once. `make check-asan` builds the targets
 * with it and any C compiler, so the committed corpora (and the crashes they keep) are replayed
 * under the sanitizers on machines without clang.
 */
#include <stdint.h>
#include <stdio.h>
#include <glib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	char *data = NULL;
	gsize len = 0;

	if (!g_file_get_contents(path, &data, &len, NULL)) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)data, len);
	g_free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int failed = 0, count = 0;

	for (int i = 1; i < argc; i++) {
		GDir *d = g_dir_open(argv[i], 0, NULL);
		const char *name;

		if (!d) {
			failed |= run_file(argv[i]);
			count++;
			continue;
		}
		while ((name = g_dir_read_name(d))) {
			char *p = g_build_filename(argv[i], name, NULL);

			if (g_file_test(p, G_FILE_TEST_IS_REGULAR)) {
				failed |= run_file(p);
				count++;
			}
			g_free(p);
		}
		g_dir_close(d);
	}
	printf("replayed %d inputs\n", count);
	return failed;
}
