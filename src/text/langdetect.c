/* langdetect.c - counts scripts (and simplified versus traditional characters) in article text. */
#include "text/langdetect.h"

#include <string.h>
#include <glib.h>

#include "text/clreq.h"
#include "text/linkify.h"

/* Frequent characters whose simplified and traditional forms differ, pairwise. */
static const char simplified[] =
	"这们说个来时会国为与见长门问间关开还对没过发东书车马无头实现学经进动给让认义达产业专电话应当处举变总从众亚"
	"仅传伤习买乐乡亲们记读语请谁调贵费资选较这边边农运远连钱铁银错难页题顾风飞饭马体点党热爱广场";
static const char traditional[] =
	"這們說個來時會國為與見長門問間關開還對沒過發東書車馬無頭實現學經進動給讓認義達產業專電話應當處舉變總從眾亞"
	"僅傳傷習買樂鄉親們記讀語請誰調貴費資選較這邊邊農運遠連錢鐵銀錯難頁題顧風飛飯馬體點黨熱愛廣場";

struct counts {
	int han, kana, hangul, latin, simp, trad, total;
	int zh_only;	/* simplified forms Japanese never writes (not 会 国 学 来 ...) */
};

/* Simplified forms of the list Japanese writes too (its shinjitai): no sign of Chinese. */
static const char shared_with_japanese[] = "来会国学当体点党与";

/* The two lists as bitmaps over the CJK Unified Ideographs block, where all their characters are. */
#define URO_FIRST 0x4E00
#define URO_LAST 0x9FFF
static guint8 simp_bits[(URO_LAST - URO_FIRST) / 8 + 1], trad_bits[(URO_LAST - URO_FIRST) / 8 + 1],
	ja_bits[(URO_LAST - URO_FIRST) / 8 + 1];

static bool in_bits(const guint8 *bits, gunichar u)
{
	return u >= URO_FIRST && u <= URO_LAST && (bits[(u - URO_FIRST) / 8] >> ((u - URO_FIRST) % 8) & 1);
}

static void fill_bits(guint8 *bits, const char *chars)
{
	for (const char *s = chars; *s; s = g_utf8_next_char(s)) {
		gunichar u = g_utf8_get_char(s);

		g_assert(u >= URO_FIRST && u <= URO_LAST);
		bits[(u - URO_FIRST) / 8] |= (guint8)(1u << ((u - URO_FIRST) % 8));
	}
}

static void count_text(struct counts *c, const char *s)
{
	const char *start = s, *end = s + strlen(s);

	for (; *s && c->total < 4000; s = g_utf8_next_char(s)) {
		unsigned char b = (unsigned char)*s;
		enum linkify_kind kind;
		size_t n;
		gunichar u;

		/* A web address (as linkify finds one) counts for nothing: a Chinese note's long source link. */
		if ((b == 'h' || b == 'f' || b == 'w') && (s == start || !g_ascii_isalnum(s[-1]))
		    && (n = linkify_match(s, (size_t)(end - s), &kind)) && kind != LINKIFY_EMAIL) {
			s += n - 1;
			continue;
		}
		/* Printable ASCII, most of a Latin text, without the Unicode tables. */
		if (b >= 0x20 && b < 0x7F) {
			if (g_ascii_isalpha(b)) {
				c->total++;
				c->latin++;
			}
			continue;
		}
		u = g_utf8_get_char(s);
		/* Ideographs are letters: no need to ask the tables whether they are spaces. */
		if (clreq_is_han(u)) {
			c->total++;
			c->han++;
			if (in_bits(simp_bits, u)) {
				c->simp++;
				c->zh_only += !in_bits(ja_bits, u);
			}
			else if (in_bits(trad_bits, u))
				c->trad++;
			continue;
		}
		if (g_unichar_isspace(u) || g_unichar_ispunct(u) || g_unichar_isdigit(u))
			continue;
		c->total++;
		if (u >= 0x3040 && u <= 0x30FF) {
			c->kana++;
		} else if (u >= 0xAC00 && u <= 0xD7AF) {
			c->hangul++;
		} else if (u < 0x250 && g_unichar_isalpha(u)) {
			c->latin++;
		}
	}
}

/* Count the scripts of the title and the first few thousand letters of doc. */
static void count_doc(cmark_node *doc, const char *title, struct counts *out)
{
	static gsize once;
	struct counts c = { 0 };
	cmark_iter *it;
	cmark_event_type ev;

	if (g_once_init_enter(&once)) {
		fill_bits(simp_bits, simplified);
		fill_bits(trad_bits, traditional);
		fill_bits(ja_bits, shared_with_japanese);
		g_once_init_leave(&once, 1);
	}
	if (title)
		count_text(&c, title);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE && c.total < 4000) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_TEXT)
			count_text(&c, cmark_node_get_literal(n));
	}
	cmark_iter_free(it);
	*out = c;
}

const char *langdetect(cmark_node *doc, const char *title, bool *latin)
{
	struct counts c;
	int cjk;

	count_doc(doc, title, &c);
	cjk = c.han + c.kana + c.hangul;
	*latin = c.total >= 40 && cjk * 50 < c.total && c.latin * 10 >= c.total * 9;
	if (c.total < 4 || cjk * 10 < c.total * 3)
		return NULL;
	if (c.hangul > c.han + c.kana)
		return "ko";
	/*
	 * Japanese holds kana in every sentence: a fifth of its letters or more, or a tenth of them in
	 * text as dense in kanji as a notice's when no simplified form Japanese never writes is as
	 * common as half its kana (a Chinese note that quotes a line of Murakami has a tenth, with
	 * 这 们 说 个 all through it, and was set whole as Japanese).
	 */
	if (c.kana * 5 > cjk || (c.kana * 10 > cjk && c.zh_only * 2 < c.kana))
		return "ja";
	return c.trad > c.simp ? "zh-Hant" : "zh-Hans";
}
