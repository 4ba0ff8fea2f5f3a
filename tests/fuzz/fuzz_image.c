/*
 * fuzz_image.c - image bytes through header sniffing (imagetype_sniff), preparation for the EPUB
 * (imagedecode_prepare: bomb limits, scaling, conversion, SVG cleaning) and the PDF's surface
 * (imagedecode_surface). The first byte chooses the limits and the --webp mode. Properties: what is
 * packed sniffs as the type and size prepare said; what the PDF draws has that size too, so no
 * header can promise a small picture and decode to a big one.
 */
#include "fuzz.h"

#include "book/model.h"
#include "media/imagedecode.h"
#include "media/imagetype.h"
#include "base/options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long max_pixels[] = { 0, 64, 300, 2400 };
	struct options o;
	struct image_info info, again;
	struct image_prepared out;
	char *why = NULL, *path;
	const unsigned char *packed;
	size_t packed_len;
	cairo_surface_t *s;
	char evidence[160];

	fuzz_init();
	if (size < 1)
		return 0;
	if (!imagetype_sniff(data + 1, size - 1, &info))
		return 0;
	options_init(&o);
	o.image_max_pixels = max_pixels[data[0] & 3];
	o.image_max_megapixels = data[0] & 4 ? 1 : 4;	/* small: the fuzzer decodes thousands */
	o.webp_mode = (enum webp_mode)((data[0] >> 3) & 3);
	if (!imagedecode_prepare(&o, data + 1, size - 1, &info, &out, &why)) {
		FUZZ_ASSERT(why && *why, "refused without a reason", info.media_type);
		g_free(why);
		options_clear(&o);
		return 0;
	}
	packed = out.bytes ? g_bytes_get_data(out.bytes, &packed_len) : data + 1;
	if (!out.bytes)
		packed_len = size - 1;
	g_snprintf(evidence, sizeof evidence, "%s %dx%d packed as %s %dx%d", info.media_type, info.width,
		   info.height, out.media_type, out.width, out.height);
	FUZZ_ASSERT(imagetype_sniff(packed, packed_len, &again), "what is packed is no image", evidence);
	FUZZ_ASSERT(!strcmp(again.media_type, out.media_type), "packed bytes are not the type declared", evidence);
	if (strcmp(out.media_type, "image/svg+xml")) {
		FUZZ_ASSERT(again.width == out.width && again.height == out.height, "packed size is not the size declared",
			    evidence);
		FUZZ_ASSERT((double)out.width * out.height <= o.image_max_megapixels * 1e6, "packed past the pixel limit",
			    evidence);
	}
	path = fuzz_write("image", packed, packed_len);
	s = imagedecode_surface(path, "img-fuzz");
	if (s && strcmp(out.media_type, "image/svg+xml")) {
		g_snprintf(evidence, sizeof evidence, "%s %dx%d drawn %dx%d", out.media_type, out.width, out.height,
			   cairo_image_surface_get_width(s), cairo_image_surface_get_height(s));
		FUZZ_ASSERT(cairo_image_surface_get_width(s) == out.width && cairo_image_surface_get_height(s) == out.height,
			    "the PDF draws another size than the header's", evidence);
	}
	if (s)
		cairo_surface_destroy(s);
	g_free(path);
	if (out.bytes)
		g_bytes_unref(out.bytes);
	g_free(out.flaw);
	options_clear(&o);
	return 0;
}
