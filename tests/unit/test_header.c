/* test_header.c - the article header decided once for both books: a summary that only repeats the opening is not shown. */
#include "check.h"
#include "read/header.h"

int main(void)
{
	/* examples/commentary: the feed's summary is the quote, then the first word of the next paragraph, cut. */
	CHECK("summary: the cut-off opening repeats it",
	      header_summary_is_opening("各地不必强求人工智能，但杭州服务型政府理念却是应该学习之处Deep...",
					"各地不必强求人工智能，但杭州服务型政府理念却是应该学习之处DeepSeek推出的高性价比大模型"));
	/* Spaces (typed, ideographic, folio's quarter em) and quotation marks straight or curled aside. */
	CHECK("summary: spaces and quotes aside",
	      header_summary_is_opening("《科创板日报》8月22日讯（记者 李煜） 近期，\"财务化妆术\"该收场了…",
					"《科创板日报》8\u2005月\u200522\u2005日讯（记者 李煜）近期，“财务化妆术”该收场了。"));
	CHECK("summary: the whole opening, not cut", header_summary_is_opening("行业动态 如何看懂", "行业动态如何看懂下一季"));
	CHECK("summary: a real summary is shown",
	      !header_summary_is_opening("一组关于城市与产业的评论。", "各地不必强求人工智能，但杭州服务型政府理念"));
	CHECK("summary: one that goes on past the opening is shown",
	      !header_summary_is_opening("各地不必强求人工智能，但", "各地不必强求"));
	CHECK("summary: differs in one character", !header_summary_is_opening("各地必须强求...", "各地不必强求人工智能"));
	CHECK("summary: only a cut mark says nothing", !header_summary_is_opening("...", "各地不必强求"));
	CHECK("summary: an empty body repeats nothing", !header_summary_is_opening("一句摘要", ""));
	CHECK_DONE();
}
