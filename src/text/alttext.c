/* alttext.c - tells a picture's describing alternative text from a generic word or a file name. */
#include "text/alttext.h"

#include <string.h>
#include <glib.h>

static bool looks_like_file_name(const char *s)
{
	static const char *const exts[] = { ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".tif" };

	for (size_t i = 0; i < G_N_ELEMENTS(exts); i++)
		if (g_str_has_suffix(s, exts[i]))
			return true;
	return false;
}

bool alt_text_meaningful(const char *alt)
{
	static const char *const generic[] = { "图片", "圖片", "图像", "圖像", "配图", "配圖", "图", "圖", "照片",
					       "image", "img", "photo", "picture", "pic", "figure", "画像", "사진", "이미지" };
	char *low;
	bool worth = true;

	if (!alt || g_utf8_strlen(alt, -1) < 2)
		return false;
	low = g_utf8_strdown(alt, -1);
	for (size_t i = 0; worth && i < G_N_ELEMENTS(generic); i++)
		if (!strcmp(low, generic[i]))
			worth = false;
	if (worth && looks_like_file_name(low))
		worth = false;
	g_free(low);
	return worth;
}

char *alt_text_for_placeholder(const char *alt, const char *caption)
{
	bool said = alt_text_meaningful(alt);

	if (caption && *caption && (!said || strcmp(caption, alt)))
		return said ? g_strconcat(alt, "\n", caption, NULL) : g_strdup(caption);
	return said ? g_strdup(alt) : NULL;
}
