/* imagetype.c - recognises JPEG, PNG, GIF, WebP and SVG by their bytes and reads their dimensions. */
#include "imagetype.h"

#include <string.h>

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

/* Walk JPEG markers to the first start-of-frame. */
static void jpeg_size(const unsigned char *d, size_t len, int *w, int *h)
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
		if (((marker >= 0xC0 && marker <= 0xC3) || (marker >= 0xC5 && marker <= 0xC7)
		     || (marker >= 0xC9 && marker <= 0xCB) || (marker >= 0xCD && marker <= 0xCF))) {
			*h = (int)be16(d + i + 5);
			*w = (int)be16(d + i + 7);
			return;
		}
		if (seglen < 2)
			return;
		i += 2 + seglen;
	}
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
	if (len >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
		info->media_type = "image/jpeg";
		info->ext = "jpg";
		jpeg_size(d, len, &info->width, &info->height);
	} else if (len >= 24 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8)) {
		info->media_type = "image/png";
		info->ext = "png";
		info->width = (int)be32(d + 16);
		info->height = (int)be32(d + 20);
	} else if (len >= 10 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6))) {
		info->media_type = "image/gif";
		info->ext = "gif";
		info->width = (int)le16(d + 6);
		info->height = (int)le16(d + 8);
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
		} else if (!memcmp(d + 12, "VP8X", 4)) {
			info->width = (int)le24(d + 24) + 1;
			info->height = (int)le24(d + 27) + 1;
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
