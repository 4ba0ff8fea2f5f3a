/* imagetype.c - recognises JPEG, PNG, GIF, WebP and SVG by their bytes and reads their dimensions. */
#include "media/imagetype.h"

#include <stdbool.h>
#include <string.h>
#include <zlib.h>

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned le16(const unsigned char *p) { return (unsigned)p[1] << 8 | p[0]; }
static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}
static unsigned long le24(const unsigned char *p)
{
	return (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
}

/* The orientation tag (0x0112) of the EXIF IFD0 in an APP1 segment body; 0 when absent. */
static int exif_orientation(const unsigned char *p, size_t n)
{
	const unsigned char *t;
	bool le;
	unsigned long ifd;
	unsigned count;

	if (n < 14 || memcmp(p, "Exif\0\0", 6))
		return 0;
	t = p + 6;
	n -= 6;
	if (!memcmp(t, "II*\0", 4))
		le = true;
	else if (!memcmp(t, "MM\0*", 4))
		le = false;
	else
		return 0;
#define U16(q) (le ? le16(q) : be16(q))
	ifd = le ? (unsigned long)t[4] | (unsigned long)t[5] << 8 | (unsigned long)t[6] << 16
		   | (unsigned long)t[7] << 24 : be32(t + 4);
	if (ifd + 2 > n)
		return 0;
	count = U16(t + ifd);
	for (unsigned i = 0; i < count && ifd + 2 + 12 * (i + 1) <= n; i++) {
		const unsigned char *e = t + ifd + 2 + 12 * i;

		if (U16(e) == 0x0112) {
			unsigned v = U16(e + 8);

			return v >= 1 && v <= 8 ? (int)v : 0;
		}
	}
#undef U16
	return 0;
}

/* Walk JPEG markers to the first start-of-frame, noting the EXIF orientation on the way. */
static void jpeg_size(const unsigned char *d, size_t len, int *w, int *h, int *orientation, int *components)
{
	size_t i = 2;

	while (i + 9 < len) {
		unsigned marker, seglen;

		if (d[i] != 0xFF) {
			i++;
			continue;
		}
		marker = d[i + 1];
		if (marker == 0xFF) {
			i++;
			continue;
		}
		if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
			i += 2;
			continue;
		}
		seglen = be16(d + i + 2);
		if (marker == 0xE1 && !*orientation && i + 2 + seglen <= len && seglen > 2)
			*orientation = exif_orientation(d + i + 4, seglen - 2);
		if (((marker >= 0xC0 && marker <= 0xC3) || (marker >= 0xC5 && marker <= 0xC7)
		     || (marker >= 0xC9 && marker <= 0xCB) || (marker >= 0xCD && marker <= 0xCF))) {
			*h = (int)be16(d + i + 5);
			*w = (int)be16(d + i + 7);
			*components = d[i + 9];
			return;
		}
		if (seglen < 2)
			return;
		i += 2 + seglen;
	}
}

/*
 * Frames of a GIF: image descriptors of a picture (not 0 pixels wide or high) met while walking its
 * blocks (stops at the trailer, the end, or a block that is none of a GIF's). *first_end: where the
 * block after the first frame begins (0: none).
 */
static int gif_walk(const unsigned char *d, size_t len, size_t *first_end)
{
	size_t i = 13;
	int frames = 0;

	*first_end = 0;
	if (len < 13)
		return 0;
	if (d[10] & 0x80)
		i += 3u * (1u << ((d[10] & 7) + 1));
	while (i < len) {
		unsigned char kind = d[i];

		if (kind == 0x3B)
			break;
		if (kind == 0x21) {		/* extension: label, then sub-blocks */
			i += 2;
		} else if (kind == 0x2C) {	/* image: descriptor, local table, LZW size, sub-blocks */
			if (i + 10 > len)
				break;
			frames += le16(d + i + 5) > 0 && le16(d + i + 7) > 0;
			if (d[i + 9] & 0x80)
				i += 3u * (1u << ((d[i + 9] & 7) + 1));
			i += 11;
		} else {
			break;
		}
		while (i < len && d[i])
			i += 1u + d[i];
		i++;
		if (frames == 1 && !*first_end)
			*first_end = i < len ? i : len;
	}
	return frames;
}

static int gif_frames(const unsigned char *d, size_t len)
{
	size_t first_end;

	return gif_walk(d, len, &first_end);
}

size_t imagetype_gif_first_frame(const unsigned char *d, size_t len)
{
	size_t first_end;

	gif_walk(d, len, &first_end);
	return first_end;
}

/* True when a PNG has an alpha channel or a transparency chunk before its image data. */
static bool png_alpha(const unsigned char *d, size_t len)
{
	size_t i = 8;

	if (d[25] == 4 || d[25] == 6)
		return true;
	while (i + 8 <= len) {
		unsigned long n = be32(d + i);

		if (!memcmp(d + i + 4, "tRNS", 4))
			return true;
		if (!memcmp(d + i + 4, "IDAT", 4) || n > len)
			return false;
		i += 12 + n;
	}
	return false;
}

static bool looks_like_svg(const unsigned char *d, size_t len)
{
	size_t n = len < 4096 ? len : 4096;
	size_t i = 0;

	if (n >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n'))
		i++;
	if (i >= n || d[i] != '<')
		return false;
	for (; i + 4 <= n; i++)
		if (!memcmp(d + i, "<svg", 4))
			return true;
	return false;
}

bool imagetype_sniff(const unsigned char *d, size_t len, struct image_info *info)
{
	memset(info, 0, sizeof *info);
	info->frames = 1;
	if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
		info->media_type = "image/jpeg";
		info->ext = "jpg";
		jpeg_size(d, len, &info->width, &info->height, &info->orientation, &info->components);
	} else if (len >= 24 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8)) {
		info->media_type = "image/png";
		info->ext = "png";
		info->width = (int)be32(d + 16);
		info->height = (int)be32(d + 20);
		info->alpha = len > 25 && png_alpha(d, len);
	} else if (len >= 10 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6))) {
		info->media_type = "image/gif";
		info->ext = "gif";
		info->width = (int)le16(d + 6);
		info->height = (int)le16(d + 8);
		info->frames = gif_frames(d, len);
		info->animated = info->frames > 1;
	} else if (len >= 30 && !memcmp(d, "RIFF", 4) && !memcmp(d + 8, "WEBP", 4)) {
		info->media_type = "image/webp";
		info->ext = "webp";
		if (!memcmp(d + 12, "VP8 ", 4)) {
			info->width = (int)(le16(d + 26) & 0x3FFF);
			info->height = (int)(le16(d + 28) & 0x3FFF);
		} else if (!memcmp(d + 12, "VP8L", 4) && len >= 25) {
			unsigned long b = (unsigned long)d[21] | (unsigned long)d[22] << 8
					  | (unsigned long)d[23] << 16 | (unsigned long)d[24] << 24;

			info->width = (int)(b & 0x3FFF) + 1;
			info->height = (int)((b >> 14) & 0x3FFF) + 1;
			info->lossless = info->alpha = true;
		} else if (!memcmp(d + 12, "VP8X", 4)) {
			info->width = (int)le24(d + 24) + 1;
			info->height = (int)le24(d + 27) + 1;
			info->alpha = (d[20] & 0x10) != 0;
			info->animated = (d[20] & 0x02) != 0;
			/* A still VP8X image is lossless when its bitstream chunk is VP8L. */
			for (size_t i = 30; !info->animated && i + 8 <= len;) {
				unsigned long n = le16(d + i + 4) | (unsigned long)le16(d + i + 6) << 16;

				if (!memcmp(d + i, "VP8L", 4))
					info->lossless = true;
				if (!memcmp(d + i, "VP8", 3))
					break;
				i += 8 + n + (n & 1);
			}
		}
	} else if (len >= 26 && d[0] == 'B' && d[1] == 'M' && le16(d + 14) >= 12) {
		/* Windows bitmap (a screenshot saved as .bmp, or named .png): no book format, converted */
		info->media_type = "image/bmp";
		info->ext = "bmp";
		if (le16(d + 14) == 12) {	/* OS/2 BITMAPCOREHEADER: 16-bit sizes */
			info->width = (int)le16(d + 18);
			info->height = (int)le16(d + 20);
		} else {
			long h = (long)(le16(d + 22) | (unsigned long)le16(d + 24) << 16);

			info->width = (int)(le16(d + 18) | (unsigned long)le16(d + 20) << 16);
			/* negative: rows stored top-down */
			info->height = (int)(h > 0x7FFFFFFFL ? 0x100000000L - h : h);
		}
	} else if (looks_like_svg(d, len)) {
		info->media_type = "image/svg+xml";
		info->ext = "svg";
	} else {
		return false;
	}
	if (info->width < 0 || info->height < 0)
		info->width = info->height = 0;
	return true;
}

/*
 * A JPEG's segments walked to its end marker (EOI); data after it (a motion photo's video) is
 * fine. scan: whether a scan (SOS: picture data) came before it.
 */
static bool jpeg_whole(const unsigned char *d, size_t len, bool *scan)
{
	size_t i = 2;

	*scan = false;
	while (i + 1 < len) {
		unsigned m;

		if (d[i] != 0xFF) {
			i++;	/* entropy-coded data */
			continue;
		}
		m = d[i + 1];
		if (m == 0xDA)
			*scan = true;
		if (m == 0xD9)
			return true;
		if (m == 0x00 || m == 0xFF || (m >= 0xD0 && m <= 0xD7) || m == 0x01) {
			i += m == 0xFF ? 1 : 2;	/* a stuffed byte, fill, a restart: still in the data */
			continue;
		}
		if (i + 3 >= len)
			return false;
		i += 2 + be16(d + i + 2);	/* a segment with its length */
	}
	return false;
}

/* A PNG's chunks walked to IEND. */
static bool png_whole(const unsigned char *d, size_t len)
{
	for (size_t i = 8; i + 8 <= len;) {
		unsigned long n = be32(d + i);

		if (!memcmp(d + i + 4, "IEND", 4))
			return true;
		if (n > len - i - 8)
			return false;
		i += 12 + n;
	}
	return false;
}

bool imagetype_cut_short(const unsigned char *d, size_t len, const struct image_info *info)
{
	bool scan;

	if (!strcmp(info->media_type, "image/jpeg"))
		return !jpeg_whole(d, len, &scan);
	if (!strcmp(info->media_type, "image/png"))
		return !png_whole(d, len);
	/* WebP: its RIFF size, less a missing pad byte; a bitmap: no pixels where its header puts them
	   (its file size field is often wrong, and readers ignore it). */
	if (!strcmp(info->media_type, "image/webp"))
		return (unsigned long)le16(d + 4) + ((unsigned long)le16(d + 6) << 16) + 8 > len + 1;
	if (!strcmp(info->media_type, "image/bmp"))
		return (unsigned long)le16(d + 10) + ((unsigned long)le16(d + 12) << 16) >= len;
	return false;
}

/* The bytes of a PNG's filtered rows, width x height at bits per pixel: a filter byte and the row each. */
static unsigned long long png_pass_bytes(unsigned long long w, unsigned long long h, unsigned bits)
{
	return w && h ? h * (1 + (w * bits + 7) / 8) : 0;
}

static const char *png_damage(const unsigned char *d, size_t len)
{
	/* Adam7's seven passes: first column and row, and their steps. */
	static const unsigned x0[7] = { 0, 4, 0, 2, 0, 1, 0 }, dx[7] = { 8, 8, 4, 4, 2, 2, 1 };
	static const unsigned y0[7] = { 0, 0, 4, 0, 2, 0, 1 }, dy[7] = { 8, 8, 8, 4, 4, 2, 2 };
	unsigned long long w, h, want = 0, got = 0;
	unsigned depth, type, channels, bits;
	bool palette = false, ended = false, idat = false;
	unsigned char buf[16384];
	z_stream z;
	int zr = Z_OK;

	if (len < 33 || be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4))
		return "its first chunk is no IHDR";
	w = be32(d + 16), h = be32(d + 20), depth = d[24], type = d[25];
	switch (type) {
	case 0: channels = 1; break;
	case 2: channels = 3; break;
	case 3: channels = 1; break;
	case 4: channels = 2; break;
	case 6: channels = 4; break;
	default: return "its colour type is none PNG has";
	}
	if (!(depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16) || (depth < 8 && type != 0 && type != 3)
	    || (depth == 16 && type == 3))
		return "its bit depth is none its colour type has";
	if (d[26] != 0 || d[27] != 0 || d[28] > 1)
		return "its compression, filter or interlace method is none PNG has";
	if (!w || !h || w > 0x7FFFFFFF || h > 0x7FFFFFFF)
		return "its header gives no size";
	bits = channels * depth;
	if (d[28] == 0)
		want = png_pass_bytes(w, h, bits);
	for (int p = 0; d[28] == 1 && p < 7; p++)
		want += png_pass_bytes(w > x0[p] ? (w - x0[p] + dx[p] - 1) / dx[p] : 0,
				       h > y0[p] ? (h - y0[p] + dy[p] - 1) / dy[p] : 0, bits);
	memset(&z, 0, sizeof z);
	if (inflateInit(&z) != Z_OK)
		return NULL;	/* (no memory to look: judged by the reader) */
	for (size_t i = 8; i + 12 <= len && !ended;) {
		unsigned long n = be32(d + i);

		if (n > len - i - 12)
			break;
		/* A critical chunk's checksum (libpng refuses a wrong one; an ancillary one it drops). */
		if (!(d[i + 4] & 0x20) && crc32(crc32(0L, Z_NULL, 0), d + i + 4, (uInt)n + 4) != be32(d + i + 8 + n)) {
			inflateEnd(&z);
			return "a chunk's checksum is wrong";
		}
		if (!memcmp(d + i + 4, "PLTE", 4))
			palette = true;
		if (!memcmp(d + i + 4, "IDAT", 4)) {
			idat = true;
			z.next_in = (unsigned char *)(d + i + 8);
			z.avail_in = (uInt)n;
			/* Until the chunk is taken and nothing more comes out (a full buffer: more may). */
			do {
				z.next_out = buf;
				z.avail_out = sizeof buf;
				zr = inflate(&z, Z_NO_FLUSH);
				got += sizeof buf - z.avail_out;
				if (zr == Z_BUF_ERROR)
					zr = Z_OK;	/* wants the next chunk */
			} while (zr == Z_OK && (z.avail_in || z.avail_out == 0));
		}
		ended = !memcmp(d + i + 4, "IEND", 4);
		i += 12 + n;
	}
	inflateEnd(&z);
	if (type == 3 && !palette)
		return "its palette is missing";
	if (!idat)
		return "it holds no image data";
	if (zr != Z_OK && zr != Z_STREAM_END)
		return "its image data cannot be inflated";
	if (got < want)
		return "its image data ends before its last row";
	return NULL;
}

/*
 * A GIF's first frame (the one a book without animation shows, and the PDF draws) inside its
 * screen, its data whole; later frames are the reader's to skip, as browsers do.
 */
static const char *gif_damage(const unsigned char *d, size_t len)
{
	unsigned long screen_w = le16(d + 6), screen_h = le16(d + 8);
	size_t i = 13;
	bool frame = false;

	if (d[10] & 0x80)
		i += 3u * (1u << ((d[10] & 7) + 1));
	while (i < len && d[i] != 0x3B && !frame) {
		if (d[i] == 0x21) {
			i += 2;
		} else if (d[i] == 0x2C) {
			frame = true;
			if (i + 10 > len)
				return "it ends inside a frame";
			if ((unsigned long)le16(d + i + 1) + le16(d + i + 5) > screen_w
			    || (unsigned long)le16(d + i + 3) + le16(d + i + 7) > screen_h)
				return "a frame lies outside its screen";
			if (d[i + 9] & 0x80)
				i += 3u * (1u << ((d[i + 9] & 7) + 1));
			i += 11;
		} else {
			return NULL;	/* (bytes past the last frame: readers stop there) */
		}
		while (i < len && d[i])
			i += 1u + d[i];
		if (i >= len)
			return "it ends inside a frame";
		i++;
	}
	return NULL;
}

const char *imagetype_damage(const unsigned char *d, size_t len, const struct image_info *info)
{
	bool scan;

	if (!strcmp(info->media_type, "image/png"))
		return png_damage(d, len);
	if (!strcmp(info->media_type, "image/jpeg") && jpeg_whole(d, len, &scan) && !scan)
		return "it holds no picture data (no scan)";
	if (!strcmp(info->media_type, "image/gif") && len >= 13)
		return gif_damage(d, len);
	return NULL;
}
