/* imagedecode.c - image checks and conversions with gdk-pixbuf and libwebp, and Cairo surfaces for the PDF. */
#include "media/imagedecode.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdlib.h>
#include <string.h>
#include <webp/decode.h>
#include <webp/demux.h>
#include <webp/encode.h>

#include "base/options.h"
#include "media/svgfile.h"

enum { JPEG_QUALITY = 88, WEBP_QUALITY = 85, SVG_RASTER_PIXELS = 2400 };
#define SURFACE_MAX_PIXELS 2e8	/* 800 MB of ARGB: beyond any page */

/* ---- decoding ---- */

static void free_webp(guchar *pixels, gpointer unused)
{
	WebPFree(pixels);
}

static GdkPixbuf *decode_webp(const unsigned char *data, size_t len, bool animated)
{
	int w = 0, h = 0;
	uint8_t *rgba;

	if (animated) {
		/* The first frame stands for the animation in a book. */
		WebPData wd = { data, len };
		WebPAnimDecoderOptions opts;
		WebPAnimDecoder *dec;
		WebPAnimInfo ai;
		uint8_t *frame;
		int timestamp;
		GdkPixbuf *pb = NULL;

		if (!WebPAnimDecoderOptionsInit(&opts))
			return NULL;
		opts.color_mode = MODE_RGBA;
		opts.use_threads = 0;
		dec = WebPAnimDecoderNew(&wd, &opts);
		if (!dec)
			return NULL;
		if (WebPAnimDecoderGetInfo(dec, &ai) && WebPAnimDecoderGetNext(dec, &frame, &timestamp)) {
			pb = gdk_pixbuf_new(GDK_COLORSPACE_RGB, TRUE, 8, (int)ai.canvas_width, (int)ai.canvas_height);
			if (pb) {
				int stride = gdk_pixbuf_get_rowstride(pb);
				guchar *dst = gdk_pixbuf_get_pixels(pb);

				for (uint32_t y = 0; y < ai.canvas_height; y++)
					memcpy(dst + (size_t)y * stride, frame + (size_t)y * ai.canvas_width * 4,
					       (size_t)ai.canvas_width * 4);
			}
		}
		WebPAnimDecoderDelete(dec);
		return pb;
	}
	rgba = WebPDecodeRGBA(data, len, &w, &h);
	if (!rgba)
		return NULL;
	return gdk_pixbuf_new_from_data(rgba, GDK_COLORSPACE_RGB, TRUE, 8, w, h, w * 4, free_webp, NULL);
}

struct svg_size {
	int max;
};

/* Rasterise an SVG so that its long side is at most max pixels. */
static void on_size_prepared(GdkPixbufLoader *loader, int w, int h, gpointer data)
{
	const struct svg_size *s = data;

	if (w <= 0 || h <= 0)
		return;
	if (w >= h)
		gdk_pixbuf_loader_set_size(loader, s->max, MAX(1, (int)((double)h * s->max / w + 0.5)));
	else
		gdk_pixbuf_loader_set_size(loader, MAX(1, (int)((double)w * s->max / h + 0.5)), s->max);
}

static GdkPixbuf *decode_with_loader(const unsigned char *data, size_t len, const char *media_type)
{
	GdkPixbufLoader *loader = gdk_pixbuf_loader_new_with_mime_type(media_type, NULL);
	struct svg_size size = { SVG_RASTER_PIXELS };
	GdkPixbuf *pb = NULL;
	bool ok;

	if (!loader)
		return NULL;
	if (!strcmp(media_type, "image/svg+xml"))
		g_signal_connect(loader, "size-prepared", G_CALLBACK(on_size_prepared), &size);
	ok = gdk_pixbuf_loader_write(loader, data, len, NULL);
	ok = gdk_pixbuf_loader_close(loader, NULL) && ok;
	if (ok && gdk_pixbuf_loader_get_pixbuf(loader))
		pb = g_object_ref(gdk_pixbuf_loader_get_pixbuf(loader));
	g_object_unref(loader);
	/* The JPEG loader keeps the EXIF orientation as an option; turn the pixels to match it. */
	if (pb && !strcmp(media_type, "image/jpeg")) {
		GdkPixbuf *turned = gdk_pixbuf_apply_embedded_orientation(pb);

		g_object_unref(pb);
		pb = turned;
	}
	return pb;
}

static GdkPixbuf *decode(const unsigned char *data, size_t len, const struct image_info *info)
{
	size_t first;

	if (!strcmp(info->media_type, "image/webp"))
		return decode_webp(data, len, info->animated);
	/*
	 * An animated GIF: its first frame alone, as a GIF of one frame (gdk-pixbuf's loader reads
	 * every frame, keeping each in a list it walks to its end: 200,000 frames of a 4.6 MB file
	 * took two minutes).
	 */
	if (info->animated && !strcmp(info->media_type, "image/gif") && (first = imagetype_gif_first_frame(data, len))) {
		unsigned char *one = g_malloc(first + 1);
		GdkPixbuf *pb;

		memcpy(one, data, first);
		one[first] = 0x3B;	/* the trailer */
		pb = decode_with_loader(one, first + 1, info->media_type);
		g_free(one);
		return pb;
	}
	return decode_with_loader(data, len, info->media_type);
}

/* ---- encoding ---- */

/* The picture on white, without an alpha channel (for JPEG). */
static GdkPixbuf *flatten(GdkPixbuf *pb)
{
	int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
	GdkPixbuf *out;

	if (!gdk_pixbuf_get_has_alpha(pb))
		return g_object_ref(pb);
	out = gdk_pixbuf_new(GDK_COLORSPACE_RGB, FALSE, 8, w, h);
	gdk_pixbuf_fill(out, 0xFFFFFFFF);
	gdk_pixbuf_composite(pb, out, 0, 0, w, h, 0, 0, 1, 1, GDK_INTERP_NEAREST, 255);
	return out;
}

static GBytes *encode(GdkPixbuf *pb, const char *media_type, bool lossless)
{
	gchar *buf = NULL;
	gsize n = 0;
	bool ok;

	if (!strcmp(media_type, "image/jpeg")) {
		GdkPixbuf *flat = flatten(pb);
		char q[8];

		g_snprintf(q, sizeof q, "%d", JPEG_QUALITY);
		ok = gdk_pixbuf_save_to_buffer(flat, &buf, &n, "jpeg", NULL, "quality", q, NULL);
		g_object_unref(flat);
	} else if (!strcmp(media_type, "image/webp")) {
		GdkPixbuf *rgba = gdk_pixbuf_add_alpha(pb, FALSE, 0, 0, 0);
		uint8_t *out = NULL;
		size_t size;
		int w = gdk_pixbuf_get_width(rgba), h = gdk_pixbuf_get_height(rgba);
		int stride = gdk_pixbuf_get_rowstride(rgba);

		size = lossless ? WebPEncodeLosslessRGBA(gdk_pixbuf_get_pixels(rgba), w, h, stride, &out)
				: WebPEncodeRGBA(gdk_pixbuf_get_pixels(rgba), w, h, stride, WEBP_QUALITY, &out);
		g_object_unref(rgba);
		if (!size) {
			WebPFree(out);
			return NULL;
		}
		GBytes *bytes = g_bytes_new(out, size);

		WebPFree(out);
		return bytes;
	} else {
		ok = gdk_pixbuf_save_to_buffer(pb, &buf, &n, "png", NULL, NULL);
	}
	if (!ok) {
		g_free(buf);
		return NULL;
	}
	return g_bytes_new_take(buf, n);
}

/* ---- preparing an image for the book ---- */

static bool fits(const struct image_info *info, long max_side)
{
	return max_side <= 0 || (info->width <= max_side && info->height <= max_side);
}

bool imagedecode_prepare(const struct options *o, const unsigned char *data, size_t len,
			 const struct image_info *info, struct image_prepared *out, char **why)
{
	long max_side = o ? o->image_max_pixels : 2400;
	long max_mp = o ? o->image_max_megapixels : 50;
	enum webp_mode webp = o ? o->webp_mode : WEBP_AUTO;
	bool is_webp = !strcmp(info->media_type, "image/webp");
	const char *target;
	GdkPixbuf *pb;
	double pixels = (double)info->width * info->height;

	memset(out, 0, sizeof *out);
	out->media_type = info->media_type;
	out->ext = info->ext;
	out->width = info->width;
	out->height = info->height;
	out->components = info->components;
	if (!strcmp(info->media_type, "image/svg+xml")) {
		/* SVG is a program as much as a picture: its drawing is packed, not what would run or load. */
		struct svg_facts facts;
		char *flaw = NULL;
		GString *clean = svgfile_clean((const char *)data, len, max_mp, &facts, &flaw);

		if (!clean) {
			*why = flaw;
			return false;
		}
		out->width = facts.width;
		out->height = facts.height;
		out->blank = facts.blank;
		out->flaw = flaw;
		out->bytes = g_string_free_to_bytes(clean);
		return true;
	}
	if (info->width <= 0 || info->height <= 0) {
		*why = g_strdup("is damaged: its header gives no size");
		return false;
	}
	if (imagetype_cut_short(data, len, info)) {
		*why = g_strdup_printf("is damaged: the %s ends before its end (cut short)", info->ext);
		return false;
	}
	/* gdk-pixbuf's GIF loader trips over its own checks on such files (GLib criticals). */
	if (info->frames < 1) {
		*why = g_strdup("is damaged: the GIF holds no picture");
		return false;
	}
	/* Decompression bombs: judged by the header, before a byte is decoded. */
	if (max_mp > 0 && (pixels > max_mp * 1e6 || pixels * MAX(info->frames, 1) > max_mp * 1e6 * 10)) {
		if (info->frames > 1)
			*why = g_strdup_printf("is too large to decode: %d frames of %dx%d pixels (--image-max-megapixels %ld)",
					       info->frames, info->width, info->height, max_mp);
		else
			*why = g_strdup_printf("is too large to decode: %dx%d pixels (--image-max-megapixels %ld)",
					       info->width, info->height, max_mp);
		return false;
	}
	/* Its header and data agree (readers refuse one that lies, or show it half grey). */
	{
		const char *damage = imagetype_damage(data, len, info);

		if (damage) {
			*why = g_strdup_printf("is damaged: %s", damage);
			return false;
		}
	}
	/*
	 * A GIF's picture data is known sound only once decoded (its LZW codes): one the PDF cannot
	 * decode was packed in the EPUB and printed as an empty frame, the books disagreeing.
	 */
	if (!strcmp(info->media_type, "image/gif")) {
		pb = decode(data, len, info);
		if (!pb) {
			*why = g_strdup("is damaged: its picture data cannot be decoded");
			return false;
		}
		g_object_unref(pb);
	}
	/* What to pack: the original whenever it will do (a bitmap never does: no reader takes it). */
	if (fits(info, max_side) && !(is_webp && webp != WEBP_KEEP) && strcmp(info->media_type, "image/bmp")
	    && !(info->orientation > 1 && !strcmp(info->media_type, "image/jpeg")))
		return true;
	if (!strcmp(info->media_type, "image/jpeg"))
		target = "image/jpeg";
	else if (is_webp && webp == WEBP_KEEP)
		target = "image/webp";
	else if (is_webp && webp == WEBP_JPEG)
		target = "image/jpeg";
	else if (is_webp && webp == WEBP_AUTO && !info->lossless && !info->alpha)
		target = "image/jpeg";
	else
		target = "image/png";

	pb = decode(data, len, info);
	if (!pb) {
		*why = g_strdup_printf("is damaged: %s cannot be decoded", info->ext);
		return false;
	}
	if (max_side > 0 && (gdk_pixbuf_get_width(pb) > max_side || gdk_pixbuf_get_height(pb) > max_side)) {
		int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
		double scale = (double)max_side / MAX(w, h);
		GdkPixbuf *small = gdk_pixbuf_scale_simple(pb, MAX(1, (int)(w * scale + 0.5)),
							   MAX(1, (int)(h * scale + 0.5)), GDK_INTERP_BILINEAR);

		g_object_unref(pb);
		pb = small;
	}
	out->bytes = encode(pb, target, info->lossless);
	out->width = gdk_pixbuf_get_width(pb);
	out->height = gdk_pixbuf_get_height(pb);
	out->components = !strcmp(target, "image/jpeg") ? 3 : 0;	/* GdkPixbuf is RGB */
	g_object_unref(pb);
	if (!out->bytes) {
		*why = g_strdup_printf("could not be converted to %s", target + 6);
		return false;
	}
	out->media_type = target;
	out->ext = !strcmp(target, "image/jpeg") ? "jpg" : !strcmp(target, "image/webp") ? "webp" : "png";
	out->converted_from = info->media_type;
	return true;
}

/* ---- surfaces for the PDF ---- */

static cairo_surface_t *surface_from_pixbuf(GdkPixbuf *pb)
{
	int w = gdk_pixbuf_get_width(pb), h = gdk_pixbuf_get_height(pb);
	int n = gdk_pixbuf_get_n_channels(pb), src_stride = gdk_pixbuf_get_rowstride(pb);
	bool alpha = gdk_pixbuf_get_has_alpha(pb);
	cairo_surface_t *s = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, w, h);
	const guchar *src = gdk_pixbuf_read_pixels(pb);
	unsigned char *dst;
	int dst_stride;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return NULL;
	}
	cairo_surface_flush(s);
	dst = cairo_image_surface_get_data(s);
	dst_stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < h; y++) {
		const guchar *p = src + (size_t)y * src_stride;
		guint32 *q = (guint32 *)(dst + (size_t)y * dst_stride);

		for (int x = 0; x < w; x++, p += n) {
			guint32 a = alpha ? p[3] : 255;
			/* Cairo wants premultiplied native-endian ARGB. */
			guint32 r = (p[0] * a + 127) / 255, g = (p[1] * a + 127) / 255, b = (p[2] * a + 127) / 255;

			q[x] = a << 24 | r << 16 | g << 8 | b;
		}
	}
	cairo_surface_mark_dirty(s);
	return s;
}

cairo_surface_t *imagedecode_surface(const char *path, const char *unique_id)
{
	char *data = NULL;
	gsize len = 0;
	struct image_info info;
	GdkPixbuf *pb;
	cairo_surface_t *s = NULL;

	if (!path || !g_file_get_contents(path, &data, &len, NULL))
		return NULL;
	/* Resources passed imagedecode_prepare; this guards a writer handed anything else. */
	if (!imagetype_sniff((const unsigned char *)data, len, &info) || info.frames < 1
	    || (double)info.width * info.height > SURFACE_MAX_PIXELS) {
		g_free(data);
		return NULL;
	}
	pb = decode((const unsigned char *)data, len, &info);
	if (pb) {
		s = surface_from_pixbuf(pb);
		g_object_unref(pb);
	}
	if (s) {
		char *id = g_strdup(unique_id);

		cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, (const unsigned char *)id, strlen(id), g_free, id);
		/* The JPEG's own bytes go into the PDF: no second lossy encoding, no bigger file. */
		if (!strcmp(info.media_type, "image/jpeg") && info.orientation <= 1) {
			cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, (const unsigned char *)data, len, g_free, data);
			data = NULL;
		}
	}
	g_free(data);
	return s;
}
