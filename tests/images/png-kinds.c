/* png-kinds.c - writes, with libpng, a PNG of every colour type, bit depth, interlace and some sizes, into the current folder. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>

static int one(const char *name, int w, int h, int type, int depth, int interlace)
{
	FILE *f = fopen(name, "wb");
	png_structp p = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(p);
	int channels = type == 0 || type == 3 ? 1 : type == 2 ? 3 : type == 4 ? 2 : 4;
	size_t row_bytes = ((size_t)w * channels * depth + 7) / 8;
	png_bytep row = calloc(row_bytes, 1);

	if (!f || !p || !info || !row || setjmp(png_jmpbuf(p)))
		return 1;
	png_init_io(p, f);
	png_set_IHDR(p, info, w, h, depth, type, interlace, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (type == PNG_COLOR_TYPE_PALETTE) {
		png_color palette[256];

		for (int k = 0; k < 256; k++)
			palette[k].red = palette[k].green = palette[k].blue = (png_byte)k;
		png_set_PLTE(p, info, palette, 1 << depth);
	}
	png_write_info(p, info);
	for (size_t k = 0; k < row_bytes; k++)
		row[k] = (png_byte)(k * 37);
	for (int pass = png_set_interlace_handling(p); pass > 0; pass--)
		for (int y = 0; y < h; y++)
			png_write_row(p, row);
	png_write_end(p, info);
	png_destroy_write_struct(&p, &info);
	free(row);
	return fclose(f) != 0;
}

int main(void)
{
	static const int types[] = { 0, 2, 3, 4, 6 }, sizes[][2] = { { 1, 1 }, { 3, 2 }, { 7, 9 }, { 37, 23 },
								      { 64, 1 }, { 1, 64 }, { 129, 77 } };
	char name[64];
	int n = 0, failed = 0;

	for (int t = 0; t < 5; t++)
		for (int depth = 1; depth <= 16; depth *= 2)
			for (int interlace = 0; interlace < 2; interlace++)
				for (int s = 0; s < 7; s++) {
					if ((depth < 8 && types[t] != 0 && types[t] != 3) || (depth == 16 && types[t] == 3))
						continue;	/* no such PNG */
					snprintf(name, sizeof name, "t%d-d%d-i%d-s%d.png", types[t], depth, interlace, s);
					failed += one(name, sizes[s][0], sizes[s][1], types[t], depth, interlace);
					n++;
				}
	printf("%d\n", n);
	return failed != 0;
}
