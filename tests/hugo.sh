# hugo.sh - folio against Hugo itself on the fixture site tests/hugo/site (issue 11): the comparison's own
# checks, both of folio's books of the site root, and the page-by-page comparison (tests/hugo/compare.py).
. "$(dirname "$0")/lib.sh"

site=tests/hugo/site
py=/usr/bin/python3
pdfcheck=${PDFCHECK:-$ROOT/../shared/tools/pdfcheck}
[ -x "$pdfcheck" ] || pdfcheck=/work/shared/tools/pdfcheck

# Debian's hugo builds the fixture offline, with its own layouts and no theme.
cp -r "$site" "$TMP/site"
check "hugo: the fixture site builds offline" \
	hugo --source "$TMP/site" --destination "$TMP/public" --cacheDir "$TMP/hugo-cache" --noBuildLock --quiet

# A small site of a test's own: hugo_layouts DIR gives it the comparison's layouts (each page its
# .Content alone); hugo_build DIR has Debian's hugo build it into DIR-public (its log DIR-hugo.log).
hugo_layouts() {
	mkdir -p "$1/layouts/_default"
	printf '{{ .Content }}\n' >"$1/layouts/_default/single.html"
	printf '{{ .Content }}\n' >"$1/layouts/_default/list.html"
}
hugo_build() {
	hugo --source "$1" --destination "$1-public" --cacheDir "$TMP/hugo-cache" --noBuildLock --quiet >"$1-hugo.log" 2>&1
}
# hugo_site DIR: such a site, with content/posts and a hugo.toml.
hugo_site() {
	mkdir -p "$1/content/posts"
	printf 'baseURL = "https://example.org/"\ntitle = "t"\n' >"$1/hugo.toml"
	hugo_layouts "$1"
}
# same_as_hugo NAME DIR PAGE PATTERN MIN EXTRACT...: DIR's content/posts/PAGE.md as Debian's hugo
# publishes it and as folio's EPUB page, each read by the command EXTRACT... (the file given last),
# give the same lines, at least MIN of Hugo's matching PATTERN (so the comparison holds something).
same_as_hugo() {
	local name=$1 dir=$2 page=$3 pattern=$4 min=$5
	shift 5
	if ! hugo_build "$dir"; then
		not_ok "$name: hugo builds the fixture" "$(head -5 "$dir-hugo.log")"
		return
	fi
	"$@" "$dir-public/posts/$page/index.html" >"$dir-hugo.txt"
	"$FOLIO" -q "$dir/content/posts/$page.md" -o "$dir.epub"
	unzip -p "$dir.epub" EPUB/a0001.xhtml >"$dir.xhtml"
	"$@" "$dir.xhtml" >"$dir-folio.txt"
	if [ "$(grep -c -- "$pattern" "$dir-hugo.txt")" -ge "$min" ] && cmp -s "$dir-hugo.txt" "$dir-folio.txt"; then
		ok "$name"
	else
		not_ok "$name" "$(diff "$dir-hugo.txt" "$dir-folio.txt" | head -20)"
	fi
}

# compare.py can pass and can fail: a book made from Hugo's own pages passes (with folio's typography);
# the same book with one thing spoiled fails.
check "compare.py: a book made from Hugo's own pages passes" \
	"$py" tests/hugo/compare.py --folio tests/hugo/oracle.py
# Each spoiled book fails (exit 1) for its own reason.
for spoil in "text:coverage under" "title:titles differ" "shortcode:shortcodes left in a book" \
	"page:not the same set of pages" "date:FAIL \(dates\)"; do
	kind=${spoil%%:*} reason=${spoil#*:}
	status=0
	ORACLE_BREAK=$kind "$py" tests/hugo/compare.py --folio tests/hugo/oracle.py >"$TMP/spoil.txt" 2>&1 || status=$?
	if [ "$status" = 1 ] && grep -qE "^(issue criteria|further checks): .*$reason" "$TMP/spoil.txt"; then
		ok "compare.py: a book whose $kind is wrong fails"
	else
		not_ok "compare.py: a book whose $kind is wrong fails" "exit $status, wanted 1 and '$reason': $(tail -3 "$TMP/spoil.txt")"
	fi
done

# folio's two books of the site root are valid. Hugo publishes by the clock and folio by
# SOURCE_DATE_EPOCH: 2026-01-01 publishes all twelve pages (the fixture's future is 2099).
export SOURCE_DATE_EPOCH=1767225600
if "$FOLIO" "$site" -o "$TMP/site.epub" -o "$TMP/site.pdf" -o "$TMP/site.model" 2>"$TMP/folio.err"; then
	ok "folio: EPUB and PDF of the site root"
else
	not_ok "folio: EPUB and PDF of the site root" "$(cat "$TMP/folio.err")"
fi
java -jar /usr/bin/epubcheck "$TMP/site.epub" >"$TMP/epubcheck.txt" 2>&1
contains "folio: the site's EPUB passes epubcheck" "$TMP/epubcheck.txt" '^Messages: 0 fatals / 0 errors / 0 warnings'
if [ -x "$pdfcheck" ]; then
	check "folio: the site's PDF passes pdfcheck" "$pdfcheck" "$TMP/site.pdf"
else
	not_ok "folio: the site's PDF passes pdfcheck" "no pdfcheck at $pdfcheck (set PDFCHECK)"
fi

# The comparison itself: folio's book of each language against what Hugo publishes.
if "$py" tests/hugo/compare.py --folio "$FOLIO" --json "$TMP/compare.json" >"$TMP/compare.txt" 2>&1; then
	ok "hugo: folio's books match Hugo's pages (pages, titles, >= 99.5% of the text, no shortcode left)"
else
	not_ok "hugo: folio's books match Hugo's pages (pages, titles, >= 99.5% of the text, no shortcode left)" \
		"$(sed -n '/^== summary/,$p' "$TMP/compare.txt"; echo "(the whole comparison: $py tests/hugo/compare.py)")"
fi

# ---- What folio reads of a site, one thing at a time (the model; fast) ----
contains "site: twelve pages and the two home pages, both languages, in one book" "$TMP/site.model" '^  articles: 14$'
contains "site: each language's home page (content/LANG/_index.md) is a chapter first" "$TMP/site.model" \
	'^article a0002 tests/hugo/site/content/en/_index\.md$'
contains "site: the title is the site's" "$TMP/site.model" '^  title: 江城评论 · 测试站$'
contains "site: the author is params.author" "$TMP/site.model" '^  author: 江岸编辑部$'
contains "site: the rights are the site's copyright" "$TMP/site.model" '^  rights: © 2025 江岸编辑部，CC BY 4.0$'
contains "site: the language is languageCode" "$TMP/site.model" '^  lang: zh-CN$'
contains "site: an English page by its file name (index.en.md)" "$TMP/site.model" '^  lang: en-US$'
for note in "1 draft skipped" "1 article in a draft section skipped" \
	"2 articles whose publishDate is still to come left out \(--include-future keeps them\)" \
	"2 articles whose expiryDate has passed left out \(--include-expired keeps them\)" \
	"2 articles that Hugo does not list" "1 article in headless bundles left out"; do
	contains "site: a note counts what Hugo does not publish: $note" "$TMP/folio.err" "note: $note"
done
contains "site: an unknown shortcode, one warning with its count" "$TMP/folio.err" \
	"notices.md:28: warning: shortcode 'marginnote' is not one folio knows \(3 times in the book"
[ "$(grep -c "marginnote" "$TMP/folio.err")" = 1 ] && ok "site: ... and only one" \
	|| not_ok "site: ... and only one" "$(grep marginnote "$TMP/folio.err")"
"$FOLIO" "$site" --include-future --include-expired -o "$TMP/all.model" 2>/dev/null
contains "site: --include-future and --include-expired keep those four" "$TMP/all.model" '^  articles: 18$'
"$FOLIO" "$site" --only-lang en -o "$TMP/en.model" 2>/dev/null
contains "site: --only-lang en, the English title" "$TMP/en.model" '^  title: River City Commentary · Fixture$'
contains "site: --only-lang en, the English author" "$TMP/en.model" '^  author: River Desk$'
contains "site: --only-lang en, three pages and the home page" "$TMP/en.model" '^  articles: 4$'
contains "site: --only-lang en, the English home page first" "$TMP/en.model" '^article a0001 tests/hugo/site/content/en/_index\.md$'
grep -q "column is written by River Bank" <(unzip -p "$TMP/site.epub" '*.xhtml' 2>/dev/null) \
	&& ok "site: the English section's cascade reaches index.en.md in the Chinese folder (param columnist)" \
	|| not_ok "site: the English section's cascade reaches index.en.md in the Chinese folder (param columnist)" \
		"no 'column is written by River Bank' in the EPUB"
contains "site: a ref with #fragment goes to the heading its {#id} names" "$TMP/site.model" \
	'link line 50 \.\./code-and-details\.md#named-section -> a[0-9]+#a[0-9]+-h4$'
contains "site: heading ids are kept apart from the title" "$TMP/site.model" 'h2 #a[0-9]+-h4 命名小节 \{#named-section\}$'
contains "site: the summary before <!--more-->" "$TMP/site.model" '^  summary: 前言前面有两个空行'
contains "site: a resource's title is a picture's caption" "$TMP/site.model" "image line 20 'skyline.png'"

# ---- Bad input: file and line, and the rest of the page kept ----
mkdir -p "$TMP/bad/content/posts"
printf 'title = "Bad"\nbaseURL = "https://example.org/"\n' >"$TMP/bad/hugo.toml"
printf '+++\ntitle = "Broken"\ndate = 2024-03-05T8:59:56+08:00\n+++\nbody\n' >"$TMP/bad/content/posts/toml.md"
printf -- '---\ntitle: Shortcodes\n---\n\nFirst paragraph.\n\n{{< highlight go >}}\nnever closed\n\n' >"$TMP/bad/content/posts/sc.md"
printf 'Second [x]({{< ref "nowhere.md" >}}) and {{< figure src="a.png >}} here.\n\nSURVIVES\n' >>"$TMP/bad/content/posts/sc.md"
"$FOLIO" "$TMP/bad" -o "$TMP/bad.model" -o "$TMP/bad.epub" 2>"$TMP/bad.err"
contains "bad input: broken TOML, with file and line" "$TMP/bad.err" "content/posts/toml.md:3: warning: bad TOML front matter: "
contains "bad input: ... the page is left out and named" "$TMP/bad.model" 'left out: .*toml.md \(bad front matter\)'
contains "bad input: an unclosed shortcode, with file and line" "$TMP/bad.err" "content/posts/sc.md:7: warning: shortcode 'highlight' is never closed"
contains "bad input: a ref to nowhere, with file and line" "$TMP/bad.err" "content/posts/sc.md:10: warning: ref 'nowhere.md': no such page"
contains "bad input: a bad parameter string, with file and line" "$TMP/bad.err" "content/posts/sc.md:10: warning: shortcode 'figure': a quoted parameter"
grep -q SURVIVES <(unzip -p "$TMP/bad.epub" '*.xhtml' 2>/dev/null) && ok "bad input: the rest of the page is kept" \
	|| not_ok "bad input: the rest of the page is kept" "no SURVIVES in the EPUB"
printf 'shortcodes:\n  notice: blockquot\n' >"$TMP/bad/folio.yaml"
expect_status "bad input: a shortcode mapped to no rendering is bad usage (exit 2)" 2 "$FOLIO" "$TMP/bad" -o "$TMP/bad2.model"
contains "bad input: ... naming the file, the line and what it takes" "$TMP/err" \
	"folio.yaml:2: error: 'shortcodes: notice' must be one of bilibili, blockquote, callout, details"
printf 'shortcodes: [notice]\n' >"$TMP/bad/folio.yaml"
expect_status "bad input: shortcodes: must be a mapping (exit 2)" 2 "$FOLIO" "$TMP/bad" -o "$TMP/bad2.model"

# Links by the address Hugo publishes a page at ("/posts/slug/", url: "/about/", any case, with a
# #fragment) go to that page in the book; an address of no page stays text.
cp -r tests/hugo/site "$TMP/siteurl"
printf -- '---\ntitle: 站内链接\ndate: 2024-03-06\n---\n\n见[宽松](/posts/relaxed-time/)、[关于](/about/)、[宽松二](/posts/Relaxed-Time#x)与[无](/posts/nope/)。\n' \
	>"$TMP/siteurl/content/zh-cn/posts/site-links.md"
"$FOLIO" -q "$TMP/siteurl" --only-lang zh-cn -t model -o "$TMP/siteurl.model" 2>/dev/null
slug_id=$(awk '/^article /{id=$2} /title: 宽松的时间写法/{print id; exit}' "$TMP/siteurl.model")
about_id=$(awk '/^article .*\/about\.html$/{print $2; exit}' "$TMP/siteurl.model")
contains "site links: /posts/slug/ goes to the page of that slug" "$TMP/siteurl.model" "link line 6 /posts/relaxed-time/ -> ${slug_id:-none}\$"
contains "site links: url: /about/ goes to that page" "$TMP/siteurl.model" "link line 6 /about/ -> ${about_id:-none}\$"
contains "site links: any case, with a fragment" "$TMP/siteurl.model" "link line 6 /posts/Relaxed-Time#x -> ${slug_id:-none}\$"
contains "site links: the address of no page stays text" "$TMP/siteurl.model" "link line 6 /posts/nope/ .text only.$"

# Bare addresses are linked where Hugo's Goldmark links them (text/linkify.c), checked against
# Debian's hugo itself: not after a full-width colon, ended by Chinese text, www. as https://, an
# e-mail after a space; and "10~20 元" is a range, not a strike (Goldmark wants ~~).
hugo_site "$TMP/linkify"
cat >"$TMP/linkify/content/posts/l.md" <<'MD'
---
title: 链接
---

仓库地址为：https://github.com/pkg/profile。`pkg/profile`只是对它的封装。

地址 https://example.com/a，后面的文字。见 www.example.com/x 与 foo@bar.com，或 https://zh.wikipedia.org/wiki/中文 页。

*https://example.com/em* and (https://example.com/x) and https://example.com/q?a=1&b=2. Not http://localhost:8080/x.

**粗体**https://example.com/b 后 `c`https://example.com/c 邮件：media@example.com。

价格10~20元，重量5~8公斤，~~删除~~。
MD
same_as_hugo "linkify: the same bare addresses linked, and struck, as Hugo" "$TMP/linkify" l . 1 \
	grep -o '<a href="[^"#]*"\|<del>[^<]*'

# Pictures where a theme and Hugo's figure find them: a front matter image "img/bg.png" of a page
# that is no bundle is the site's /img/bg.png (a theme writes it through relURL: static/), and
# "/images/red.png" in no static or content folder is found in assets/ (figure's resources.Get).
mkdir -p "$TMP/pics/content/post" "$TMP/pics/static/img" "$TMP/pics/assets/images"
printf 'baseURL = "https://example.org/"\ntitle = "pics"\n' >"$TMP/pics/hugo.toml"
cp tests/epub/media/dot.png "$TMP/pics/static/img/bg.png"
cp tests/epub/media/dot.png "$TMP/pics/assets/images/red.png"
printf -- '---\ntitle: lead\nimage: "img/bg.png"\n---\n\nBody.\n' >"$TMP/pics/content/post/a.md"
printf -- '---\ntitle: figure\n---\n\n{{< figure src="/images/red.png" alt="A red dot" >}}\n' >"$TMP/pics/content/post/b.md"
printf -- '---\ntitle: missing\nimage: "img/none.png"\n---\n\nBody.\n' >"$TMP/pics/content/post/c.md"
# In the body too (a real blog's 120 "images/x.jpg" in static/images, shown through its theme's <base href>).
printf -- '---\ntitle: body\n---\n\n![In the body](img/bg.png) and ![gone](img/gone.png)\n' >"$TMP/pics/content/post/e.md"
# "./img/bg.png" the same (a real blog: it was not found, "img/bg.png" was).
printf -- '---\ntitle: dot\n---\n\n![With a dot](./img/bg.png)\n' >"$TMP/pics/content/post/f.md"
"$FOLIO" "$TMP/pics" -t model -o "$TMP/pics.model" 2>"$TMP/pics.err"
contains "site pictures: one the body names relative to its page is found from the site's root" "$TMP/pics.model" \
	"image line 5 'img/bg\.png' alt 'In the body' in-line -> images/img-"
contains "site pictures: ... written ./img/bg.png too" "$TMP/pics.model" "image line 5 '\./img/bg\.png' alt 'With a dot' -> images/img-"
contains "site pictures: ... one missing there too is said" "$TMP/pics.err" "post/e\.md:5: warning: image 'img/gone\.png' does not exist"
contains "site pictures: ... and those found so counted in a note" "$TMP/pics.err" \
	"note: 3 pictures written relative to their page \(\"images/a\.jpg\"\) found from the site's root"
contains "site pictures: a relative front matter image is the site's (static/)" "$TMP/pics.model" "lead line 3 'img/bg\.png' alt 'lead' decorative -> images/img-"
contains "site pictures: figure finds a picture in assets/" "$TMP/pics.model" "image line 5 '/images/red\.png' alt 'A red dot' -> images/img-"
contains "site pictures: one in none of them is said, with where folio looked" "$TMP/pics.err" \
	"post/c\.md:3: warning: thumbnail 'img/none\.png' is neither beside the page nor in the site's static, content or assets folders"
lacks "site pictures: ... and only that one" "$TMP/pics.err" "bg\.png\|red\.png"
# The theme's static folder is published too (Hugo layers it under the site's): its logo.
mkdir -p "$TMP/pics/themes/t/static"
printf 'theme = "t"\n' >>"$TMP/pics/hugo.toml"
cp tests/epub/media/dot.png "$TMP/pics/themes/t/static/logo.png"
printf -- '---\ntitle: logo\n---\n\n![The logo](/logo.png)\n' >"$TMP/pics/content/post/d.md"
"$FOLIO" "$TMP/pics" -t model -o "$TMP/pics-theme.model" 2>"$TMP/pics-theme.err"
contains "site pictures: a picture in the theme's static folder is found" "$TMP/pics-theme.model" "image line 5 '/logo\.png' alt 'The logo' -> images/img-"

# A picture up from the page's address ("../assets/badge.png" on /about/, where a browser looks:
# content/assets/): it was looked for only beside the file (rtdevx.github.io's about page).
mkdir -p "$TMP/uppics/content/assets"
printf 'title = "uppics"\n' >"$TMP/uppics/hugo.toml"
cp tests/epub/media/dot.png "$TMP/uppics/content/assets/badge.png"
printf -- '---\ntitle: About\n---\n\n![Badge](../assets/badge.png) and <img src="../assets/badge.png" alt="again">\n' \
	>"$TMP/uppics/content/about.md"
"$FOLIO" "$TMP/uppics" -t model -o "$TMP/uppics.model" 2>"$TMP/uppics.err"
contains "site pictures: one up from the page's address is found there" "$TMP/uppics.model" \
	"image line 5 '\.\./assets/badge\.png' alt 'Badge' in-line -> images/img-"
lacks "site pictures: ... nothing said missing" "$TMP/uppics.err" "does not exist"
contains "site pictures: ... counted in a note" "$TMP/uppics.err" "note: 2 pictures written relative to their page's address"
# ... and a picture beside the page's published address ("outer-box.png" on /2018/05/16/x1/, kept in
# static/2018/05/16/x1/, where Hugo publishes it and the browser finds it; Xuanwo's blog lost 112).
mkdir -p "$TMP/addrpic/content/posts" "$TMP/addrpic/static/2018/05/16/x1" "$TMP/addrpic/static/posts/x2"
printf 'title = "addrpic"\n' >"$TMP/addrpic/hugo.toml"
cp tests/epub/media/dot.png "$TMP/addrpic/static/2018/05/16/x1/outer-box.png"
cp tests/epub/media/dot.png "$TMP/addrpic/static/posts/x2/box.png"
printf -- '---\ntitle: X1\ndate: 2018-05-16\nurl: /2018/05/16/x1/\n---\n\n![外包装箱](outer-box.png)\n' >"$TMP/addrpic/content/posts/x1.md"
printf -- '---\ntitle: X2\ndate: 2018-05-17\n---\n\n![Box](box.png)\n' >"$TMP/addrpic/content/posts/x2.md"
"$FOLIO" "$TMP/addrpic" -t model -o "$TMP/addrpic.model" 2>"$TMP/addrpic.err"
contains "site pictures: one beside the page's url: address, in static/" "$TMP/addrpic.model" \
	"image line 7 'outer-box\.png' alt '外包装箱' -> images/img-"
contains "site pictures: ... and beside its default address" "$TMP/addrpic.model" "image line 6 'box\.png' alt 'Box' -> images/img-"
lacks "site pictures: ... nothing said missing" "$TMP/addrpic.err" "does not exist"

# A link relative to the page's address ("../b/", as a browser reads it on /posts/a/) reaches the
# page Hugo publishes there, with its #fragment: a page that is no bundle has no folder "../b/".
hugo_site "$TMP/rel"
printf -- '---\ntitle: A\ndate: 2024-01-01\n---\nSee [B](../b/), [its part](../b/#part) and [B](../b).\n' >"$TMP/rel/content/posts/a.md"
printf -- '---\ntitle: B\ndate: 2024-01-02\n---\n## Part\n\nText.\n' >"$TMP/rel/content/posts/b.md"
if hugo_build "$TMP/rel" && [ -f "$TMP/rel-public/posts/b/index.html" ]; then
	"$FOLIO" -q "$TMP/rel" -o "$TMP/rel.epub"
	unzip -p "$TMP/rel.epub" EPUB/a0001.xhtml >"$TMP/rel.xhtml"
	contains "relative links: '../b/', '../b/#part' and '../b' from /posts/a/ reach the page Hugo publishes at /posts/b/" \
		"$TMP/rel.xhtml" 'See <a href="a0002.xhtml">B</a>, <a href="a0002.xhtml#a0002-h1">its part</a> and <a href="a0002.xhtml">B</a>\.'
else
	not_ok "relative links: hugo builds the fixture" "$(head -5 "$TMP/rel-hugo.log")"
fi

# In a multilingual site a page's language is its site language, never a guess from its text: an
# untranslated page (English text in p.zh-cn.md) stays in the Chinese book, as on Hugo's zh-cn site.
mkdir -p "$TMP/ml/content/posts"
printf 'baseURL = "https://example.org/"\ntitle = "ml"\ndefaultContentLanguage = "en"\n[languages]\n[languages.en]\nweight = 1\n[languages.zh-cn]\nweight = 2\n' >"$TMP/ml/hugo.toml"
printf -- '---\ntitle: Page\n---\nThis page is in English.\n' >"$TMP/ml/content/posts/p.en.md"
printf -- '---\ntitle: Page\n---\nThis page is not translated yet: its text is English.\n' >"$TMP/ml/content/posts/p.zh-cn.md"
"$FOLIO" "$TMP/ml" --only-lang zh-cn -t model -o "$TMP/ml-zh.model" 2>"$TMP/ml-zh.err"
"$FOLIO" "$TMP/ml" --only-lang en -t model -o "$TMP/ml-en.model" 2>"$TMP/ml-en.err"
if grep -A3 '^article .*/p\.zh-cn\.md$' "$TMP/ml-zh.model" | grep -q '^  lang: zh-CN$' \
	&& ! grep -q 'p\.zh-cn\.md' "$TMP/ml-en.model" && grep -q '^article .*/p\.en\.md$' "$TMP/ml-en.model"; then
	ok "multilingual site: an untranslated page stays in its site language's book"
else
	not_ok "multilingual site: an untranslated page stays in its site language's book" "$(cat "$TMP/ml-zh.err" "$TMP/ml-en.err")"
fi

# A section's and the home page's text in another language stay out of a language's book: the
# Chinese book had docs/_index.en.md as a chapter (a real site: three English chapters).
mkdir -p "$TMP/mls/content/docs/sub"
printf 'title: 测试站\ndefaultContentLanguage: zh-cn\nlanguages:\n  zh-cn:\n    weight: 1\n  en:\n    weight: 2\n' >"$TMP/mls/hugo.yaml"
printf -- '---\ntitle: Home\n---\n\nENHOME\n' >"$TMP/mls/content/_index.en.md"
printf -- '---\ntitle: 首页\n---\n\n首页的介绍。\n' >"$TMP/mls/content/_index.md"
printf -- '---\ntitle: Docs\n---\n\nENDOCS introduce the docs.\n' >"$TMP/mls/content/docs/_index.en.md"
printf -- '---\ntitle: 文档\n---\n\n文档部分的介绍。\n' >"$TMP/mls/content/docs/_index.md"
printf -- '---\ntitle: 子节\n---\n' >"$TMP/mls/content/docs/sub/_index.md"
printf -- '---\ntitle: 第一篇\ndate: 2024-01-01\n---\n\n正文。\n' >"$TMP/mls/content/docs/sub/a.md"
printf -- '---\ntitle: First\ndate: 2024-01-01\n---\n\nENFIRST\n' >"$TMP/mls/content/docs/sub/a.en.md"
"$FOLIO" --only-lang zh-cn "$TMP/mls" -t model -o "$TMP/mls-zh.model" 2>/dev/null
"$FOLIO" --only-lang en "$TMP/mls" -t model -o "$TMP/mls-en.model" 2>/dev/null
lacks "multilingual sections: no English section or home page in the Chinese book" "$TMP/mls-zh.model" '_index\.en\.md'
contains "multilingual sections: ... its own are there" "$TMP/mls-zh.model" '^article a0002 .*/content/docs/_index\.md$'
contains "multilingual sections: the English book has its section's text as its part's" "$TMP/mls-en.model" '^part p01 Docs: '
lacks "multilingual sections: ... and no Chinese section" "$TMP/mls-en.model" 'content/(docs/)?_index\.md$'

# A section with text and no page (cncf's contribute/) is a chapter in its own language's book, as
# in the whole site's (--only-lang dropped it silently); --group-by none says what it leaves out.
mkdir -p "$TMP/mlg/content/en/guide" "$TMP/mlg/content/de/guide"
printf 'title = "mlg"\ndefaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\n[languages.de]\ncontentDir = "content/de"\n' >"$TMP/mlg/hugo.toml"
printf -- '---\ntitle: A page\ndate: 2020-01-01\n---\n\nSome page text.\n' >"$TMP/mlg/content/en/a.md"
printf -- '---\ntitle: Eine Seite\ndate: 2020-01-01\n---\n\nEin Text.\n' >"$TMP/mlg/content/de/a.md"
printf -- '---\ntitle: How to contribute\n---\n\nThere are three ways to take part.\n' >"$TMP/mlg/content/en/guide/_index.md"
printf -- '---\ntitle: Mitmachen\n---\n\nEs gibt drei Wege.\n' >"$TMP/mlg/content/de/guide/_index.md"
"$FOLIO" --only-lang en "$TMP/mlg" -t model -o "$TMP/mlg-en.model" 2>/dev/null
"$FOLIO" --only-lang de "$TMP/mlg" -t model -o "$TMP/mlg-de.model" 2>/dev/null
contains "section with no page: a chapter of its language's book (en)" "$TMP/mlg-en.model" '^article a0002 .*/content/en/guide/_index\.md$'
lacks "section with no page: ... not of another's" "$TMP/mlg-en.model" 'content/de/'
contains "section with no page: a chapter of its language's book (de)" "$TMP/mlg-de.model" '^article a0002 .*/content/de/guide/_index\.md$'
"$FOLIO" --only-lang en --group-by none "$TMP/mlg" -t model -o "$TMP/mlg-none.model" 2>"$TMP/mlg-none.err"
contains "section text: --group-by none says it leaves it out" "$TMP/mlg-none.err" \
	"note: 1 section's own text left out: --group-by none makes no parts for it to open \(--group-by section keeps it\)"

# A language whose pages are only its home's and sections' text (hugo-book's content.zh/) is
# published by Hugo: it was lost from the whole site's book, and --only-lang zh wrote no book.
mkdir -p "$TMP/mlh/content.en/posts" "$TMP/mlh/content.zh/docs"
printf 'title = "T"\n[languages.en]\ncontentDir = "content.en"\nweight = 1\n[languages.zh]\ncontentDir = "content.zh"\nweight = 2\n' >"$TMP/mlh/hugo.toml"
printf -- '---\ntitle: Home\n---\n\nEnglish home text.\n' >"$TMP/mlh/content.en/_index.md"
printf -- '---\ntitle: Post\ndate: 2023-01-01\n---\n\nEnglish post text.\n' >"$TMP/mlh/content.en/posts/a.md"
printf -- '---\ntitle: 介绍\n---\n\n这是中文首页的文字。\n' >"$TMP/mlh/content.zh/_index.md"
printf -- '---\ntitle: 文档\n---\n\n中文文档部分的文字。\n' >"$TMP/mlh/content.zh/docs/_index.md"
"$FOLIO" "$TMP/mlh" -t model -o "$TMP/mlh.model" 2>/dev/null
contains "home and sections alone: the whole site's book has that language's home" "$TMP/mlh.model" '^article a00[0-9]+ .*/content\.zh/_index\.md$'
contains "home and sections alone: ... and its section's text" "$TMP/mlh.model" '^article a00[0-9]+ .*/content\.zh/docs/_index\.md$'
expect_status "home and sections alone: --only-lang zh writes their book" 0 "$FOLIO" -q "$TMP/mlh" --only-lang zh -t model -o "$TMP/mlh-zh.model"
contains "home and sections alone: ... the home first" "$TMP/mlh-zh.model" '^article a0001 .*/content\.zh/_index\.md$'
contains "home and sections alone: ... then the section" "$TMP/mlh-zh.model" '^article a0002 .*/content\.zh/docs/_index\.md$'
lacks "home and sections alone: ... and nothing English" "$TMP/mlh-zh.model" 'content\.en/'
expect_status "home and sections alone: a language with neither still has no book" 1 "$FOLIO" -q "$TMP/mlh" --only-lang de -t model -o "$TMP/mlh-de.model"
expect_status "home and sections alone: a tag chooses no section" 1 "$FOLIO" -q "$TMP/mlh" --only-lang zh --tag x -t model -o "$TMP/mlh-tag.model"

# A bundle's translations share its files, as in Hugo: FixIt's Chinese docs lost 36 lead pictures
# kept only in the English bundle. A page that is no bundle does not look there.
mkdir -p "$TMP/mlr/content/en/posts/a" "$TMP/mlr/content/zh/posts/a" "$TMP/mlr/content/zh/posts"
printf 'title = "T"\ndefaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\nweight = 1\n[languages.zh]\ncontentDir = "content/zh"\nweight = 2\n' >"$TMP/mlr/hugo.toml"
cp tests/pdf/images/small.png "$TMP/mlr/content/en/posts/a/pic.png"
printf -- '---\ntitle: A\ndate: 2023-01-01\nresources:\n  - name: featured-image\n    src: pic.png\n---\n\nEnglish text.\n\n![a picture](pic.png)\n' >"$TMP/mlr/content/en/posts/a/index.md"
printf -- '---\ntitle: 甲\ndate: 2023-01-01\nresources:\n  - name: featured-image\n    src: pic.png\n---\n\n中文正文。\n\n![一张图](pic.png)\n' >"$TMP/mlr/content/zh/posts/a/index.md"
printf -- '---\ntitle: 乙\ndate: 2023-01-02\n---\n\n不是包。\n\n![另一张](a/pic.png)\n' >"$TMP/mlr/content/zh/posts/b.md"
"$FOLIO" --offline "$TMP/mlr" --only-lang zh -t model -o "$TMP/mlr.model" 2>"$TMP/mlr.err"
contains "bundle translations: the picture from the English bundle" "$TMP/mlr.model" "^  image line 11 'pic\.png' .* -> images/img-[0-9a-f]{16}\.png"
lacks "bundle translations: ... not said missing" "$TMP/mlr.err" "posts/a/index\.md.*pic\.png"
contains "bundle translations: a page that is no bundle does not look there" "$TMP/mlr.err" "b\.md:8: warning: image 'a/pic\.png'"

# A theme's page with nothing of its own (layout: search, no body) is no chapter of title alone;
# a layout page with text stays.
mkdir -p "$TMP/lay/content/page/search" "$TMP/lay/content/posts"
printf 'baseURL = "https://example.org/"\ntitle = "lay"\n' >"$TMP/lay/hugo.toml"
printf -- '---\ntitle: Search\nlayout: search\n---\n' >"$TMP/lay/content/page/search/index.md"
printf -- '---\ntitle: Links\nlayout: links\n---\nMy friends:\n' >"$TMP/lay/content/page/links.md"
printf -- '---\ntitle: Post\ndate: 2024-01-01\n---\nText.\n' >"$TMP/lay/content/posts/p.md"
"$FOLIO" "$TMP/lay" -t model -o "$TMP/lay.model" 2>"$TMP/lay.err"
if [ "$(grep -c '^article ' "$TMP/lay.model")" = 2 ] && ! grep -q 'search/index\.md' "$TMP/lay.model" \
	&& grep -q 'links\.md' "$TMP/lay.model"; then
	ok "layout pages: a theme's page with no text of its own is left out, one with text kept"
else
	not_ok "layout pages: a theme's page with no text of its own is left out, one with text kept" "$(grep '^article' "$TMP/lay.model")"
fi
contains "layout pages: ... and said" "$TMP/lay.err" "note: 1 article with no text \(the theme's layout makes the page"

# A section that holds sections but no page of its own (wiki/ above wiki/dp/) has no part (parts are
# one level), and its _index.md text was lost: it is a chapter just before the part below it; one
# whose _index.md has no text is not. A section with text and no page (empty/: Hugo publishes its
# page; Rainboylvx/hugo-blog lost four, without a word) is a chapter in its place when the whole
# site is the book, and not in a book the options choose (--since, --tag: a digest).
mkdir -p "$TMP/nest/content/wiki/dp" "$TMP/nest/content/bare/sub" "$TMP/nest/content/empty/sub" "$TMP/nest/content/posts"
printf 'baseURL = "https://example.org/"\ntitle = "nest"\n' >"$TMP/nest/hugo.toml"
printf -- '---\ntitle: Wiki\n---\n\nNotes arranged by topic.\n' >"$TMP/nest/content/wiki/_index.md"
printf -- '---\ntitle: Design patterns\n---\n\nPatterns.\n' >"$TMP/nest/content/wiki/dp/_index.md"
printf -- '---\ntitle: Singleton\ndate: 2024-01-02\n---\n\nOne.\n' >"$TMP/nest/content/wiki/dp/singleton.md"
printf -- '---\ntitle: Bare\n---\n' >"$TMP/nest/content/bare/_index.md"
printf -- '---\ntitle: Sub\n---\n' >"$TMP/nest/content/bare/sub/_index.md"
printf -- '---\ntitle: In sub\ndate: 2024-01-03\n---\n\nText.\n' >"$TMP/nest/content/bare/sub/p.md"
printf -- '---\ntitle: Empty\n---\n\nAbove nothing.\n' >"$TMP/nest/content/empty/_index.md"
printf -- '---\ntitle: Post\ndate: 2024-01-01\n---\n\nPost.\n' >"$TMP/nest/content/posts/p.md"
"$FOLIO" "$TMP/nest" -t model -o "$TMP/nest.model" 2>"$TMP/nest.err"
"$FOLIO" -q "$TMP/nest" -o "$TMP/nest.epub"
contains "nested sections: the one above a part is a chapter just before it" \
	<(grep -E '^(article|part) ' "$TMP/nest.model" | tr '\n' '|') \
	'^part p01 Sub: a0002\|part p02 Design patterns: a0005\|article a0001 .*/posts/p\.md\|article a0002 .*/bare/sub/p\.md\|article a0003 .*/empty/_index\.md\|article a0004 .*/wiki/_index\.md\|article a0005 .*/wiki/dp/singleton\.md\|$'
contains "nested sections: ... its text in the EPUB" <(unzip -p "$TMP/nest.epub" EPUB/a0004.xhtml) '<p>Notes arranged by topic\.</p>'
contains "nested sections: a section with text and no page, too" <(unzip -p "$TMP/nest.epub" EPUB/a0003.xhtml) '<p>Above nothing\.</p>'
"$FOLIO" "$TMP/nest" --since 2024-01-01 -t model -o "$TMP/nest-since.model" 2>/dev/null
contains "nested sections: ... but not in a book --since chooses" \
	<(grep -E '^(article|part) ' "$TMP/nest-since.model" | tr '\n' '|') \
	'^part p01 Sub: a0002\|part p02 Design patterns: a0004\|article a0001 .*/posts/p\.md\|article a0002 .*/bare/sub/p\.md\|article a0003 .*/wiki/_index\.md\|article a0004 .*/wiki/dp/singleton\.md\|$'
epubcheck_ok "nested sections: the EPUB passes epubcheck" "$TMP/nest.epub"
# A draft section with text and no page is left out, as Hugo leaves it; with --include-drafts
# (hugo -D) it is a chapter.
mkdir -p "$TMP/draftsec/content/d" "$TMP/draftsec/content/p"
printf 'title = "d"\n' >"$TMP/draftsec/hugo.toml"
printf -- '---\ntitle: Draft section\ndraft: true\n---\nDraft text, {{< ref "nowhere.md" >}}.\n' >"$TMP/draftsec/content/d/_index.md"
printf -- '---\ntitle: P\ndate: 2023-01-01\n---\nP.\n' >"$TMP/draftsec/content/p/a.md"
"$FOLIO" "$TMP/draftsec" -t model -o "$TMP/draftsec.model" 2>"$TMP/draftsec.err"
"$FOLIO" "$TMP/draftsec" --include-drafts -t model -o "$TMP/draftsec-d.model" 2>"$TMP/draftsec-d.err"
lacks "draft section: its text is left out" "$TMP/draftsec.model" "^article .*/d/_index\.md"
contains "draft section: ... a chapter with --include-drafts" "$TMP/draftsec-d.model" "^article a0002 .*/d/_index\.md"
# ... and its body is not read, as a draft page's is not: nothing said of its refs (it was).
lacks "draft section: nothing said of its body" "$TMP/draftsec.err" "nowhere"
contains "draft section: ... but with --include-drafts, its bad ref is" "$TMP/draftsec-d.err" "d/_index\.md:5: warning: ref 'nowhere\.md'"
# ... whatever the order of their folders' names: 'A' sorts before '_', so training/AWS/ came
# before training/_index.md and the text above was lost (rtdevx.github.io, four sections' text).
mkdir -p "$TMP/nest2/content/training/AWS/L1"
printf 'title = "nest2"\n' >"$TMP/nest2/hugo.toml"
printf -- '---\ntitle: My trainings\n---\n\nTrainings intro.\n' >"$TMP/nest2/content/training/_index.md"
printf -- '---\ntitle: AWS trainings\n---\n\nAWS intro.\n' >"$TMP/nest2/content/training/AWS/_index.md"
printf -- '---\ntitle: Level one\n---\n\nL1 intro.\n' >"$TMP/nest2/content/training/AWS/L1/_index.md"
printf -- '---\ntitle: Lesson\ndate: 2024-01-01\n---\n\nLesson text.\n' >"$TMP/nest2/content/training/AWS/L1/l.md"
"$FOLIO" "$TMP/nest2" -t model -o "$TMP/nest2.model" 2>"$TMP/nest2.err"
contains "nested sections in capitals: each section above is a chapter, outermost first, before the part" \
	<(grep -E '^(article|part) ' "$TMP/nest2.model" | tr '\n' '|') \
	'^part p01 Level one: a0003\|article a0001 .*/training/_index\.md\|article a0002 .*/training/AWS/_index\.md\|article a0003 .*/training/AWS/L1/l\.md\|$'

# The picture a theme sets at a post's head: PaperMod's cover (image, alt; hidden), cover as text,
# LoveIt's featuredImage; the key was read and never shown (PaperMod's mapping was refused).
for p in c1 c2 c3 c4 c5; do mkdir -p "$TMP/covers/$p"; cp tests/epub/media/dot.png "$TMP/covers/$p/pic.png"; done
printf -- '---\ntitle: One\ndate: 2024-01-01\ncover:\n  image: pic.png\n  alt: A red dot\n  caption: c\n---\n\nText.\n' >"$TMP/covers/c1/index.md"
printf -- '---\ntitle: Two\ndate: 2024-01-02\ncover: pic.png\n---\n\nText.\n' >"$TMP/covers/c2/index.md"
printf -- '---\ntitle: Three\ndate: 2024-01-03\nfeaturedImage: pic.png\n---\n\nText.\n' >"$TMP/covers/c3/index.md"
printf -- '---\ntitle: Four\ndate: 2024-01-04\ncover:\n  image: pic.png\n  hiddenInSingle: true\n---\n\nText.\n' >"$TMP/covers/c4/index.md"
printf -- '---\ntitle: Five\ndate: 2024-01-05\ncover:\n  image: pic.png\n  alt: Old alt\nfeaturedImage: pic.png\n---\n\nText.\n' >"$TMP/covers/c5/index.md"
"$FOLIO" "$TMP/covers" -o "$TMP/covers.epub" 2>"$TMP/covers.err"
for i in 1 2 3; do unzip -p "$TMP/covers.epub" "EPUB/a000$i.xhtml" >"$TMP/cover$i.xhtml"; done
contains "covers: PaperMod's cover.image leads the post, named by its alt" "$TMP/cover1.xhtml" '<figure class="lead"><img src="images/[^"]*" alt="A red dot"/>'
contains "covers: cover as text leads the post" "$TMP/cover2.xhtml" '<figure class="lead"><img src="images/[^"]*" alt=""/>'
contains "covers: featuredImage leads the post" "$TMP/cover3.xhtml" '<figure class="lead">'
lacks "covers: one hidden on the post's page does not" <(unzip -p "$TMP/covers.epub" EPUB/a0004.xhtml) 'class="lead"'
lacks "covers: nothing said against PaperMod's mapping" "$TMP/covers.err" 'should be text'
contains "covers: a later picture key does not keep an earlier alt" <(unzip -p "$TMP/covers.epub" EPUB/a0005.xhtml) '<figure class="lead"><img src="images/[^"]*" alt=""/>'

# ref/relref by a page bundle's name and by a path in another case, as Hugo finds them (found on
# rtdevx.github.io: 195 refs to 39 bundles stayed text): a bundle is named by its folder, and
# Hugo looks paths up in lower case.
mkdir -p "$TMP/refs/content/posts/a/6-storage" "$TMP/refs/content/posts/net/osi-model" "$TMP/refs/content/posts/GitHub/actions" \
	"$TMP/refs/content/posts/b"
printf 'title = "refs"\n' >"$TMP/refs/hugo.toml"
printf -- '---\ntitle: Storage\ndate: 2023-01-01\n---\nText.\n' >"$TMP/refs/content/posts/a/6-storage/index.md"
printf -- '---\ntitle: OSI\ndate: 2023-01-02\n---\n## Layer 3\n\nText.\n' >"$TMP/refs/content/posts/net/osi-model/index.md"
printf -- '---\ntitle: Actions\ndate: 2023-01-03\n---\nIntro.\n' >"$TMP/refs/content/posts/GitHub/actions/_index.md"
printf -- '---\ntitle: Lesson one\ndate: 2023-01-04\n---\nText.\n' >"$TMP/refs/content/posts/GitHub/actions/lesson1.md"
printf -- '---\ntitle: Other\ndate: 2023-01-05\n---\n[s]({{< ref "6-storage" >}}) [l3]({{< ref "osi-model#layer-3" >}}) [o]({{< relref "osi-model" >}}) [g]({{< ref "posts/github/actions/lesson1" >}})\n' \
	>"$TMP/refs/content/posts/b/other.md"
"$FOLIO" --offline "$TMP/refs" -o "$TMP/refs.epub" 2>"$TMP/refs.err"
lacks "refs: nothing said of a bundle's name or another case" "$TMP/refs.err" "no such page"
unzip -p "$TMP/refs.epub" $(unzip -Z1 "$TMP/refs.epub" | grep -E '^EPUB/a[0-9]+\.xhtml$') >"$TMP/refs.xhtml"
for w in '>s</a>' '>l3</a>' '>o</a>' '>g</a>'; do
	contains "refs: the link $w is a link" "$TMP/refs.xhtml" "<a href=\"a[0-9]+\.xhtml(#[^\"]*)?\"$w"
done
contains "refs: a fragment after a bundle's name goes to its heading" "$TMP/refs.xhtml" '<a href="a[0-9]+\.xhtml#a[0-9]+-h[0-9]+">l3</a>'

# A link to a section that became a part (by ref or by its address) goes to the part's page,
# where its _index.md text is (it stayed text, without a word: rtdevx.github.io's course index).
mkdir -p "$TMP/partlink/content/training/aws" "$TMP/partlink/content/posts"
printf 'title = "partlink"\n' >"$TMP/partlink/hugo.toml"
printf -- '---\ntitle: AWS trainings\n---\nAWS intro.\n\n## Setup\n\nSet up.\n' >"$TMP/partlink/content/training/aws/_index.md"
printf -- '---\ntitle: Lesson\ndate: 2023-01-04\n---\nText.\n' >"$TMP/partlink/content/training/aws/l1.md"
printf -- '---\ntitle: Links\ndate: 2023-01-05\n---\n[course]({{< ref "/training/aws" >}}) and [address](/training/aws/).\n\nSee [setup](/training/aws/#setup) first.\n' \
	>"$TMP/partlink/content/posts/links.md"
"$FOLIO" --offline "$TMP/partlink" -t model -o "$TMP/partlink.model" 2>"$TMP/partlink.err"
"$FOLIO" --offline -q "$TMP/partlink" -o "$TMP/partlink.epub"
[ "$(grep -c -- '-> p01 (part)$' "$TMP/partlink.model")" = 2 ] && ok "part links: a ref and an address name the part" \
	|| not_ok "part links: a ref and an address name the part" "$(grep link "$TMP/partlink.model")"
contains "part links: the EPUB's links go to the part's page" <(unzip -p "$TMP/partlink.epub" EPUB/a0001.xhtml) \
	'<a href="p01\.xhtml">course</a> and <a href="p01\.xhtml">address</a>'
"$FOLIO" --offline -q "$TMP/partlink" -t trace -o "$TMP/partlink.trace"
contains "part links: the PDF's too" "$TMP/partlink.trace" '"course and address\." ->#p01 ->#p01$'
# ... and so does a ref to the section by its folder's name written as a file's ("aws.md"), as
# Hugo finds it (dapr's docs: 60 such links stayed text, each "no such page").
mkdir -p "$TMP/partlink2"
cp -r "$TMP/partlink/content" "$TMP/partlink/hugo.toml" "$TMP/partlink2/"
printf -- '---\ntitle: Links\ndate: 2023-01-05\n---\n[brokers]({{< ref aws.md >}}) and [again]({{< ref "aws.md#setup" >}}).\n' \
	>"$TMP/partlink2/content/posts/links.md"
"$FOLIO" --offline "$TMP/partlink2" -o "$TMP/partlink2.epub" 2>"$TMP/partlink2.err"
lacks "part links: a ref to a section as 'aws.md' finds it" "$TMP/partlink2.err" "no such page"
contains "part links: ... and goes to the part's page" <(unzip -p "$TMP/partlink2.epub" EPUB/a0001.xhtml) \
	'<a href="p01\.xhtml">brokers</a> and <a href="p01\.xhtml#[^"]+">again</a>'

# include (hugoDocs', Kubernetes') and Docsy's readfile: the page or file they name where they
# stand, its shortcodes rendered, in the list item it is in; messages after it name the lines
# written (hugoDocs: 214 includes showed nothing). Never a file outside the folders given, never
# itself, a loop stopped.
mkdir -p "$TMP/inc/content/en/_common" "$TMP/inc/content/en/posts" "$TMP/inc/static"
printf 'title = "Inc"\ncontentDir = "content/en"\n' >"$TMP/inc/hugo.toml"
printf -- '---\ncascade:\n  _build:\n    render: never\n    list: never\n---\n' >"$TMP/inc/content/en/_common/_index.md"
printf -- '---\ntitle: common\n---\n\n## Shared part\n\nShared **text**, {{< param x >}}.\n\n- item one\n- item two\n' \
	>"$TMP/inc/content/en/_common/shared.md"
printf -- '---\ntitle: loop\n---\n\nLoop {{%% include "/_common/loop.md" %%}}.\n' >"$TMP/inc/content/en/_common/loop.md"
printf 'key: value\n' >"$TMP/inc/static/config.yaml"
printf -- '---\ntitle: A page\nx: PARAM\n---\n\nIntro.\n\n{{%% include "/_common/shared.md" %%}}\n\n1. An item:\n\n   {{%% include "_common/shared.md" %%}}\n\n{{< readfile file="/static/config.yaml" code="true" lang="yaml" >}}\n\n{{< include "nowhere.md" >}}\n\n{{%% include "../../../../../../../../etc/passwd" %%}}\n\n{{%% include "a.md" %%}}\n\n{{%% include "/_common/loop.md" %%}}\n\n<script>never closed\n' \
	>"$TMP/inc/content/en/posts/a.md"
"$FOLIO" "$TMP/inc" -o "$TMP/inc.epub" 2>"$TMP/inc.err"
"$FOLIO" -q "$TMP/inc" -t trace -o "$TMP/inc.trace"
tests/epub/textof.py "$TMP/inc.epub" 'EPUB/a0001.xhtml' >"$TMP/inc.xhtml"
[ "$(grep -c '<h2[^>]*>Shared part</h2>' "$TMP/inc.xhtml")" = 2 ] && ok "include: the page's text where it stands, twice" \
	|| not_ok "include: the page's text where it stands, twice" "$(cat "$TMP/inc.xhtml")"
contains "include: its shortcodes rendered, for the page that includes it" "$TMP/inc.xhtml" '<p>Shared <strong>text</strong>, PARAM\.</p>'
contains "include: ... in the list item it is in" "$TMP/inc.xhtml" '<li><p>An item:</p>'
contains "include: ... its list inside that item" <(tr -d '\n' <"$TMP/inc.xhtml") '<li><p>An item:</p><h2[^>]*>Shared part</h2>.*</ul></li></ol>'
contains "readfile: code=true, a code block in lang=" "$TMP/inc.xhtml" '<pre><code class="language-yaml">key: value'
contains "include: the same in the PDF" "$TMP/inc.trace" '"Shared text, PARAM\."'
contains "include: a page or file that is none, said with its line" "$TMP/inc.err" \
	"posts/a\.md:16: warning: include 'nowhere\.md': no such page or file in the folders given"
contains "include: nothing outside the folders given" "$TMP/inc.err" "posts/a\.md:18: warning: include '\.\./.*etc/passwd': no such page"
lacks "include: ... not a word of it" "$TMP/inc.xhtml" 'root:'
contains "include: not the page itself" "$TMP/inc.err" "posts/a\.md:20: warning: include 'a\.md': the page includes itself"
contains "include: a loop stops, said" "$TMP/inc.err" "loop\.md:5: warning: include '/_common/loop\.md' is included inside itself"
contains "include: a message after it names the line written" "$TMP/inc.err" "posts/a\.md:24: warning: raw HTML <script> is never closed"
lacks "include: a page it includes is not a chapter of its own" <(unzip -l "$TMP/inc.epub") 'a0002'
epubcheck_ok "include: EPUBCheck passes it" "$TMP/inc.epub"
# ... reviewed: an include inside another shortcode (details) keeps the lines and {#id}s before it;
# the included text's own {#id}s are links' places; its CRLF front matter goes; a hidden file is
# never read (a page given alone makes its folder, a home perhaps, a root); a file beside the
# included one is found from its folder.
mkdir -p "$TMP/inc/content/en/_common/sub"
printf -- '---\r\ntitle: crlf\r\n---\r\n\r\n### Inc heading {#inc-id}\r\n\r\nCRLF text.\r\n\r\n{{< readfile file="beside.txt" code="true" >}}\r\n' \
	>"$TMP/inc/content/en/_common/sub/crlf.md"
printf 'text beside the included file\n' >"$TMP/inc/content/en/_common/sub/beside.txt"
printf 'SECRET\n' >"$TMP/inc/content/en/posts/.secret.md"
printf -- '---\ntitle: B page\n---\n\n{{%% details title="More" %%}}\n## Alpha {#ida}\n\n{{%% include "/_common/sub/crlf.md" %%}}\n\n![gone](gone.png)\n\n## Beta {#idb}\n{{%% /details %%}}\n\n[a](#ida) [b](#idb) [inc](#inc-id)\n\n{{%% include ".secret.md" %%}}\n' \
	>"$TMP/inc/content/en/posts/b.md"
"$FOLIO" "$TMP/inc" -t model -o "$TMP/incb.model" 2>"$TMP/incb.err"
contains "include: inside details, a message after it names the line written" "$TMP/incb.err" "posts/b\.md:10: warning: image 'gone\.png'"
contains "include: ... and the {#id}s before and after it are theirs" "$TMP/incb.model" \
	"link line 15 #ida -> a[0-9]+#a[0-9]+-h1$"
contains "include: ... (after)" "$TMP/incb.model" "link line 15 #idb -> a[0-9]+#a[0-9]+-h3$"
contains "include: the included text's {#id} is a place links reach" "$TMP/incb.model" "link line 15 #inc-id -> a[0-9]+#a[0-9]+-h2$"
lacks "include: its CRLF front matter goes" "$TMP/incb.model" "title: crlf"
"$FOLIO" -q "$TMP/inc" -o "$TMP/incb.epub"
contains "include: a file beside the included one, from its folder" \
	<(unzip -p "$TMP/incb.epub" $(unzip -Z1 "$TMP/incb.epub" | grep -E '^EPUB/a[0-9]+\.xhtml$')) '<pre><code>text beside the included file'
epubcheck_ok "include: ... EPUBCheck passes it" "$TMP/incb.epub"
contains "include: never a hidden file" "$TMP/incb.err" "posts/b\.md:17: warning: include '\.secret\.md': no such page or file"
# ... and a #fragment to a heading of the section's text goes to that heading on the part's page
# (it went to the page's top).
contains "part links: a fragment names the part's heading (model)" "$TMP/partlink.model" 'link line 7 /training/aws/#setup -> p01#p01-intro-h1 \(part\)$'
contains "part links: ... in the EPUB" <(unzip -p "$TMP/partlink.epub" EPUB/a0001.xhtml) '<a href="p01\.xhtml#p01-intro-h1">setup</a>'
contains "part links: ... in the PDF" "$TMP/partlink.trace" '"See setup first\." ->#p01-intro-h1$'
contains "part links: ... where the PDF has that heading" "$TMP/partlink.trace" 'dest p01-intro-h1 '
epubcheck_ok "part links: the EPUB passes epubcheck" "$TMP/partlink.epub"

# A theme's note in a Chinese article that names no language is titled in Chinese, as its
# letters say: it was "Note" in every note of kubernetes-docs-zh's concepts.
mkdir -p "$TMP/notelang"
printf -- '---\ntitle: 测试\ndate: 2025-03-03\n---\n\n这是一个中文段落。\n\n{{< note >}}\n存在两种特殊情况。\n{{< /note >}}\n\n{{< warning >}}\n不要这样做。\n{{< /warning >}}\n' \
	>"$TMP/notelang/a.md"
"$FOLIO" --offline -q "$TMP/notelang" -o "$TMP/notelang.epub"
unzip -p "$TMP/notelang.epub" EPUB/a0001.xhtml >"$TMP/notelang.xhtml"
contains "notes: a Chinese article's note titled in Chinese, with no lang:" "$TMP/notelang.xhtml" '<strong>注意</strong>'
contains "notes: ... its warning too" "$TMP/notelang.xhtml" '<strong>警告</strong>'
lacks "notes: ... not in English" "$TMP/notelang.xhtml" '<strong>(Note|Warning)</strong>'

# GitHub's and Obsidian's alerts (Hugo 0.132 on: > [!NOTE]) are a theme's note: the marker was
# printed as it stood, its title run into the text (Rainboylvx/hugo-blog: 190 of them).
mkdir -p "$TMP/alerts/content/posts"
printf 'title = "alerts"\n' >"$TMP/alerts/hugo.toml"
printf -- '---\ntitle: 告示\ndate: 2023-01-01\n---\n> [!NOTE]\n> 有用的信息。\n\n> [!IDEA] ε-δ 定义\n> 设函数在去心邻域内有定义。\n' \
	>"$TMP/alerts/content/posts/a.md"
"$FOLIO" --offline -q "$TMP/alerts" -o "$TMP/alerts.epub" -o "$TMP/alerts.pdf"
unzip -p "$TMP/alerts.epub" EPUB/a0001.xhtml >"$TMP/alerts.xhtml"
contains "alerts: the marker is the note's title, in the article's language" "$TMP/alerts.xhtml" '^<p><strong>注意</strong><br/>$'
contains "alerts: a title given is the title, on its own line" "$TMP/alerts.xhtml" '<p><strong>ε-δ.{1,3}定义</strong><br/>$'
lacks "alerts: no marker left" "$TMP/alerts.xhtml" '\[!'
lacks "alerts: ... nor in the PDF" <(pdftotext "$TMP/alerts.pdf" -) '\[!'
epubcheck_ok "alerts: the EPUB passes epubcheck" "$TMP/alerts.epub"

# The summary before <!--more-->: its paragraphs joined by a space (none between Chinese), its
# alerts titled as in the body ("First para.Second para." and "[!NOTE]" before).
mkdir -p "$TMP/summ"
printf -- '---\ntitle: s\ndate: 2023-01-01\n---\n\nFirst para.\n\nSecond para.\n\n> [!NOTE]\n> A note.\n\n<!--more-->\n\nRest.\n' >"$TMP/summ/en.md"
printf -- '---\ntitle: z\ndate: 2023-01-02\n---\n\n第一段。\n\n第二段。\n\n<!--more-->\n\n其余。\n' >"$TMP/summ/zh.md"
"$FOLIO" -q "$TMP/summ" -t model -o "$TMP/summ.model"
contains "summary: paragraphs joined by a space, the alert titled" "$TMP/summ.model" '^  summary: First para\. Second para\. Note A note\.$'
contains "summary: ... none between Chinese" "$TMP/summ.model" '^  summary: 第一段。第二段。$'

# [permalinks]: pages published where the site's patterns put them, so links by those addresses
# reach them; each address is checked against what Debian's hugo publishes. Without a pattern, the
# path of folders and file name as Hugo cleans it: （）and % dropped, spaces hyphens, lower case.
mkdir -p "$TMP/perma/content/posts" "$TMP/perma/content/notes/bundle" "$TMP/perma/content/blog" \
	"$TMP/perma/content/other/My Sec" "$TMP/perma/content/other/Hello Bundle" "$TMP/perma/content/other/s"
hugo_layouts "$TMP/perma"
cat >"$TMP/perma/hugo.toml" <<'TOML'
baseURL = "https://example.org/"
title = "perma"
[permalinks]
  posts = "/:year/:month/:slug/"
  notes = "/n/:filename/"
  blog = "/:section/:title"
TOML
printf -- '---\ntitle: Hello\ndate: 2023-04-05T10:00:00+08:00\nslug: Hello-World\n---\n\nA.\n' >"$TMP/perma/content/posts/a.md"
printf -- '---\ntitle: A Title Here\ndate: 2022-12-31\n---\n\nB.\n' >"$TMP/perma/content/posts/b.md"
printf -- '---\ntitle: C\n---\n\nC.\n' >"$TMP/perma/content/notes/c.md"
printf -- '---\ntitle: Bundle\n---\n\nBundle.\n' >"$TMP/perma/content/notes/bundle/index.md"
printf -- '---\ntitle: "标题 测试!"\n---\n\nD.\n' >"$TMP/perma/content/blog/d.md"
printf -- '---\ntitle: SAM\n---\n\nE.\n' >"$TMP/perma/content/other/后缀自动机（SAM）学习笔记.md"
printf -- '---\ntitle: F\n---\n\nF.\n' >"$TMP/perma/content/other/My Sec/F g 100%%.md"
printf -- '---\ntitle: G\n---\n\nG.\n' >"$TMP/perma/content/other/Hello Bundle/index.md"
printf -- '---\ntitle: H\nslug: "Slug Here（x）"\n---\n\nH.\n' >"$TMP/perma/content/other/s/index.md"
printf -- '---\ntitle: I\n---\n\nI.\n' >"$TMP/perma/content/other/A - b -- C——2019.md"
links="/2023/04/hello-world/ /2022/12/a-title-here/ /n/c/ /n/bundle/ /blog/标题-测试/ /other/后缀自动机sam学习笔记/
/other/my-sec/f-g-100/ /other/hello-bundle/ /other/slug-herex/ /other/a-b--c2019/"
{ printf -- '---\ntitle: Links\ndate: 2023-01-01\n---\n\n'; for l in $links; do printf '[to](%s) ' "$l"; done; printf '\n'; } \
	>"$TMP/perma/content/notes/links.md"
if hugo_build "$TMP/perma"; then
	"$FOLIO" -q "$TMP/perma" -t model -o "$TMP/perma.model"
	for l in $links; do
		if [ -f "$TMP/perma-public${l}index.html" ]; then
			contains "permalinks: $l (where Hugo publishes it) reaches its page" "$TMP/perma.model" "link line 6 $l -> a[0-9]"
		else
			not_ok "permalinks: Hugo publishes $l" "$(cd "$TMP/perma-public" && find . -name index.html | head -20)"
		fi
	done
else
	not_ok "permalinks: hugo builds the fixture" "$(head -5 "$TMP/perma-hugo.log")"
fi

# Straight quotes, dashes and ellipses set as Hugo's Goldmark Typographer sets them (on in Hugo by
# default; text/typographer.c), each paragraph's text compared with what Debian's hugo writes.
hugo_site "$TMP/typo"
cat >"$TMP/typo/content/posts/t.md" <<'MD'
---
title: typography
lang: en
---

He said "hello" and 'bye'. It's Alice's book; I'm sure you're right, I've seen it, I'll go. Don't.

The '90s were fun, rock 'n' roll, 'twas the night. The Smiths' house, doin' well.

Dashes -- and --- and an ellipsis... here. "Quoted *emphasis*" and ("parens") and "a", "b".

Monitor 21"" and 5'10" tall, x's and 'quoted'. A `code "not" --` span and [link "text"](https://example.com).

Written escaped: \"hi\" and \-- then \... and it\'s, 5\' and <<x\>>; A &amp; B \"q\" -- C.

Angles: <<extend>> and <<include>>, <<C# book>>, a << b >> c; as entities &lt;&lt;extend&gt;&gt; and &quot;q&quot; &#45;&#45; d.
MD
paragraphs='import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = s[s.find("</header>") + 1:] if "</header>" in s else s
for p in re.findall(r"<p>(.*?)</p>", s, re.S):
    print(html.unescape(re.sub(r"<[^>]+>", "", p)))'
same_as_hugo "typographer: quotes, apostrophes, dashes and ellipses set as Hugo sets them (not where written escaped)" \
	"$TMP/typo" t '' 6 /usr/bin/python3 -c "$paragraphs"

# Definition lists ("Term" then ": definition", Goldmark's definitionList, on in Hugo by default;
# text/deflist.c): each page's blocks (dl, dt, dd, p, lists, quotes) and their text, as tests/hugo/blocks.py
# reads them, the same in folio's EPUB as in what Debian's hugo writes.
hugo_site "$TMP/deflist"
cat >"$TMP/deflist/content/posts/d.md" <<'MD'
---
title: definitions
lang: en
---

Apple
: A fruit.
: A company.

Orange
Citrus
: Two terms, one definition
continued lazily.

Loose term

: Loose *definition*.

  Second paragraph of it.

  ```go
  code in it
  ```

Next term
: after a blank line, the same list

Plain paragraph.

: a ':' line first, after a plain paragraph

术语
: 中文的定义，**粗体**。

- In a list
  : item def

Term with `code`
:no space after the colon

Escaped
\: not a definition

> Quoted term
> : quoted def

Fruit
: apple
Banana
: yellow

Four spaces in
:   First paragraph.

    A second *paragraph*, written four spaces in, with [a reference][ref].

        code, eight spaces in

    > Quoted term inside
    > : and its definition

Short marker
: text two columns in.

      six spaces in: code

[ref]: https://example.com/ref
MD
same_as_hugo "definition lists: terms and descriptions where Hugo sets them" "$TMP/deflist" d '^dt ' 10 \
	/usr/bin/python3 tests/hugo/blocks.py

# A theme's wrapper folio does not know: its template renders the inner text as Markdown (LoveIt's
# style, PaperMod's collapse, Stack's quote), which folio printed as written ("**bold**", "- one").
hugo_site "$TMP/wrapper"
mkdir -p "$TMP/wrapper/layouts/shortcodes"
printf '<div class="collapse">{{ .Inner | markdownify }}</div>\n' >"$TMP/wrapper/layouts/shortcodes/collapse.html"
cat >"$TMP/wrapper/content/posts/w.md" <<'MD'
---
title: Wrappers
date: 2022-01-01
---

Before.

{{< collapse summary="More" >}}
Some **bold** words and a [link](https://example.org/).

- one
- two
{{< /collapse >}}

After.
MD
same_as_hugo "unknown shortcodes: a wrapper's inner text is Markdown, as the theme's template renders it" "$TMP/wrapper" w \
	'^li ' 2 /usr/bin/python3 tests/hugo/blocks.py

# A definition that holds only a shortcode that shows nothing (hugoDocs: ": {{< new-in 0.158.0 />}}",
# 115 lines) is an empty description, as Hugo has it: its bare ":" was a term, or a paragraph.
hugo_site "$TMP/dlempty"
mkdir -p "$TMP/dlempty/layouts/shortcodes"
printf '{{- with .Inner }}{{ . }}{{ end -}}' >"$TMP/dlempty/layouts/shortcodes/new-in.html"
printf -- '---\ntitle: D\ndate: 2022-01-01\n---\n\n`Lang`\n: {{< new-in 0.158.0 />}}\n: Use `Name` instead.\n\n`Dir`\n: {{< new-in 0.158.0 />}}\n\nUse `Direction` instead.\n`Label`\n: {{< new-in 1 />}}\n: Use it.\n\nEnd.\n' \
	>"$TMP/dlempty/content/posts/d.md"
same_as_hugo "definition lists: one of only a shortcode that shows nothing is an empty description, as in Hugo" \
	"$TMP/dlempty" d '^dd' 3 /usr/bin/python3 tests/hugo/blocks.py
# Goldmark's block attributes, when the site enables them (hugoDocs): a line "{.list}" after a
# block is the block's, not text (after a table it was a row of its own).
hugo_site "$TMP/blockattr"
printf '[markup.goldmark.parser.attribute]\nblock = true\n' >>"$TMP/blockattr/hugo.toml"
printf -- '---\ntitle: B\ndate: 2022-01-01\n---\n\nA paragraph.\n{class="foo bar" id="baz"}\n\n> A quote.\n{class="!mt-6"}\n\n- one\n- two\n{.list}\n\nEnd {.not}.\n' \
	>"$TMP/blockattr/content/posts/b.md"
printf -- '---\ntitle: T\ndate: 2022-01-02\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n{.no-wrap-first-col}\n' >"$TMP/blockattr/content/posts/t.md"
# The site's setting counts: the site is the source (same_as_hugo gives folio the page alone).
"$FOLIO" -q "$TMP/blockattr" -o "$TMP/blockattr.epub"
unzip -p "$TMP/blockattr.epub" EPUB/a0001.xhtml | /usr/bin/python3 tests/hugo/blocks.py /dev/stdin >"$TMP/blockattr-folio.txt"
unzip -p "$TMP/blockattr.epub" EPUB/a0002.xhtml >"$TMP/blockattr-t.xhtml"
if hugo_build "$TMP/blockattr"; then
	/usr/bin/python3 tests/hugo/blocks.py "$TMP/blockattr-public/posts/b/index.html" >"$TMP/blockattr-hugo.txt"
	grep -q '^li two' "$TMP/blockattr-hugo.txt" && cmp -s "$TMP/blockattr-hugo.txt" "$TMP/blockattr-folio.txt" \
		&& ok "block attributes: cut where the site enables them, as Hugo does" \
		|| not_ok "block attributes: cut where the site enables them, as Hugo does" "$(diff "$TMP/blockattr-hugo.txt" "$TMP/blockattr-folio.txt")"
else
	not_ok "block attributes: hugo builds the fixture" "$(head -5 "$TMP/blockattr-hugo.log")"
fi
lacks "block attributes: ... after a table, no row of them" "$TMP/blockattr-t.xhtml" 'no-wrap'
# A table whose delimiter row has more cells than its head (hugoDocs' "Condition|Return value"
# over ":--|:--|:--") is a table, as Goldmark makes it: its rows of pipes were printed as text.
hugo_site "$TMP/tablehead"
printf -- '---\ntitle: T\ndate: 2022-01-01\n---\n\nCondition|Return value\n:--|:--|:--\n`a`|b\nc|d|e\n' \
	>"$TMP/tablehead/content/posts/t.md"
"$FOLIO" -q "$TMP/tablehead/content/posts/t.md" -o "$TMP/tablehead.epub"
unzip -p "$TMP/tablehead.epub" EPUB/a0001.xhtml | grep -o '<t[hd][ >]' | tr -d '<> ' | tr '\n' ' ' >"$TMP/tablehead-folio.txt"
if hugo_build "$TMP/tablehead"; then
	grep -o '<t[hd][ >]' "$TMP/tablehead-public/posts/t/index.html" | tr -d '<> ' | tr '\n' ' ' >"$TMP/tablehead-hugo.txt"
	# Hugo's empty head cell is a th, folio's a td (no header for nothing): the same cells, by count.
	[ "$(wc -w <"$TMP/tablehead-hugo.txt")" = 9 ] && [ "$(wc -w <"$TMP/tablehead-folio.txt")" = 9 ] \
		&& ok "table head: fewer cells than the delimiter row, a table of as many cells as Hugo's" \
		|| not_ok "table head: fewer cells than the delimiter row, a table of as many cells as Hugo's" \
			"hugo: $(cat "$TMP/tablehead-hugo.txt") folio: $(cat "$TMP/tablehead-folio.txt")"
else
	not_ok "table head: hugo builds the fixture" "$(head -5 "$TMP/tablehead-hugo.log")"
fi
# One language: a languageCode beside a defaultContentLanguage of English is the pages' language
# (a real blog: 187 notes "lang is 'en' but the text is Simplified Chinese", English labels).
hugo_site "$TMP/langcode"
printf 'languageCode = "zh-hans"\ndefaultContentLanguage = "en"\n' >>"$TMP/langcode/hugo.toml"
printf -- '---\ntitle: 中文\ndate: 2022-01-01\n---\n\n这是中文。\n' >"$TMP/langcode/content/posts/a.md"
"$FOLIO" "$TMP/langcode" -o "$TMP/langcode.model" 2>"$TMP/langcode.err"
contains "languageCode: beside an English defaultContentLanguage, the pages' language (the book's)" \
	<(sed -n '/^book/,/^article/p' "$TMP/langcode.model") '^  lang: zh-Hans$'
contains "languageCode: ... said once" "$TMP/langcode.err" "note: defaultContentLanguage is 'en' and languageCode 'zh-hans': the pages are read as zh-Hans"
lacks "languageCode: ... no note per article" "$TMP/langcode.err" "but the text is"
# hugo new site's languageCode 'en-us' beside a chosen default says nothing of the pages.
printf 'baseURL = "https://example.org/"\ntitle = "t"\nlanguageCode = "en-us"\ndefaultContentLanguage = "zh-cn"\n' >"$TMP/langcode/hugo.toml"
"$FOLIO" "$TMP/langcode" -o "$TMP/langcode2.model" 2>"$TMP/langcode2.err"
contains "languageCode: hugo new site's en-us beside another default is not the pages' language" "$TMP/langcode2.model" '^  lang: zh-CN$'
java -jar /usr/bin/epubcheck "$TMP/deflist.epub" >"$TMP/deflist-epubcheck.txt" 2>&1
contains "definition lists: the EPUB passes epubcheck" "$TMP/deflist-epubcheck.txt" '^Messages: 0 fatals / 0 errors / 0 warnings'
# The PDF: a list (L) of items (LI), each its terms (Lbl) and descriptions (LBody).
"$FOLIO" -q "$TMP/deflist/content/posts/d.md" -o "$TMP/deflist.pdf"
/usr/bin/python3 tests/tagged/tree.py "$TMP/deflist.pdf" >"$TMP/deflist.tree" 2>&1
contains "definition lists: in the PDF an item holds its two terms and their description" \
	<(grep -A4 '^   LI$' "$TMP/deflist.tree" | tr -s ' ' | tr '\n' '|') \
	'LI\| Lbl mcids=1 text="Orange"\| Lbl mcids=1 text="Citrus"\| LBody\| P mcids=1 text="Two terms, one definition continued lazily."'
# Each term on a line of its own, its description after it, moved in.
"$FOLIO" -q "$TMP/deflist/content/posts/d.md" -t trace -o "$TMP/deflist.trace"
term=$(awk '$1 == "text" && $4 == "\"Loose" { print $2; exit }' "$TMP/deflist.trace")
desc=$(awk '$1 == "text" && $4 == "\"Loose" && ++n == 2 { print $2; exit }' "$TMP/deflist.trace")
if [ -n "$term" ] && [ -n "$desc" ] && awk -v t="$term" -v d="$desc" 'BEGIN { exit !(d - t > 15) }'; then
	ok "definition lists: in the PDF a description is moved in under its term"
else
	not_ok "definition lists: in the PDF a description is moved in under its term" "term at x=$term, description at x=$desc"
fi

# Hugo's passthrough setting (markup.goldmark.extensions.passthrough, Hugo 0.122 on; read/passthrough.c),
# here from a split configuration (config/_default/markup.toml, as hugo-theme-stack's site has it):
# math between its delimiters is kept as written (Markdown read $a^*$ as emphasis), a block's
# delimiters set it apart, and the lines after it keep their numbers in messages.
mkdir -p "$TMP/math/content/posts" "$TMP/math/config/_default"
printf 'baseURL = "https://example.org/"\ntitle = "t"\n' >"$TMP/math/config/_default/hugo.toml"
cat >"$TMP/math/config/_default/markup.toml" <<'TOML'
[goldmark.extensions.passthrough]
enable = true
[goldmark.extensions.passthrough.delimiters]
block = [['\[', '\]'], ['$$', '$$']]
inline = [['\(', '\)']]
TOML
cat >"$TMP/math/content/posts/m.md" <<'MD'
---
title: math
---

Inline \( a^*=x-b^* \) and *emphasis*.

$$
a_1 *b* \\
c_2 -- d
$$

Before \[x_1\] after, and `\(code\)`.

![missing](nowhere.png)
MD
"$FOLIO" --offline "$TMP/math" -o "$TMP/math.epub" -o "$TMP/math.pdf" 2>"$TMP/math.err"
unzip -p "$TMP/math.epub" EPUB/a0001.xhtml >"$TMP/math.xhtml"
contains "passthrough: inline math kept as written" "$TMP/math.xhtml" '<code>\\\( a\^\*=x-b\^\* \\\)</code> and <em>emphasis</em>'
contains "passthrough: a block of math set apart, its backslashes, stars and dashes as written" \
	<(tr '\n' '|' <"$TMP/math.xhtml") '<pre><code class="language-math">\$\$\|a_1 \*b\* \\\\\|c_2 -- d\|\$\$\|</code></pre>'
contains "passthrough: block delimiters in a paragraph split it" <(tr '\n' '|' <"$TMP/math.xhtml") \
	'<p>Before</p>\|<pre><code class="language-math">\\\[x_1\\\]\|</code></pre>\|<p>after, and <code>\\\(code\\\)</code>\.</p>'
contains "passthrough: a message after the math names its line" "$TMP/math.err" 'm\.md:14: warning: image .nowhere\.png'
epubcheck_ok "passthrough: the EPUB passes epubcheck" "$TMP/math.epub"
pdftotext "$TMP/math.pdf" "$TMP/math.txt"
contains "passthrough: the PDF shows the math as written" <(tr '\n' '|' <"$TMP/math.txt") 'a_1 \*b\* \\\\\|c_2 -- d'

# [[module.mounts]] of a content folder (Hugo's own docs mount content/en as content): pages are
# read from there and published where Hugo publishes them, so links by those addresses reach them.
mkdir -p "$TMP/mount/content/en/posts"
hugo_layouts "$TMP/mount"
printf 'baseURL = "https://example.org/"\ntitle = "mount"\n[[module.mounts]]\n  source = "content/en"\n  target = "content"\n  lang = "en"\n' \
	>"$TMP/mount/hugo.toml"
printf -- '---\ntitle: A\n---\n\nSee [b](/posts/b/).\n' >"$TMP/mount/content/en/posts/a.md"
printf -- '---\ntitle: B\n---\n\nB.\n' >"$TMP/mount/content/en/posts/b.md"
if hugo_build "$TMP/mount" && [ -f "$TMP/mount-public/posts/b/index.html" ]; then
	"$FOLIO" -q "$TMP/mount" -t model -o "$TMP/mount.model"
	contains "mounts: a page of a mounted content folder is where Hugo publishes it" "$TMP/mount.model" "link line 5 /posts/b/ -> a0002$"
else
	not_ok "mounts: hugo publishes /posts/b/" "$(head -5 "$TMP/mount-hugo.log"; cd "$TMP/mount-public" 2>/dev/null && find . -name index.html)"
fi
# A mount cannot take folio out of the site it was given.
mkdir -p "$TMP/mountout/site/content" "$TMP/mountout/outside"
printf -- '---\ntitle: secret\n---\n\nSECRET\n' >"$TMP/mountout/outside/s.md"
printf 'title = "x"\n[[module.mounts]]\n  source = "../outside"\n  target = "content"\n' >"$TMP/mountout/site/hugo.toml"
"$FOLIO" "$TMP/mountout/site" -t model -o "$TMP/mountout.model" 2>"$TMP/mountout.err"
contains "mounts: a content mount outside the site is refused, and said" "$TMP/mountout.err" "outside is outside the site; not read"
cat "$TMP/mountout.model" "$TMP/mountout.err" >"$TMP/mountout.all" 2>/dev/null
lacks "mounts: ... nothing of it read" "$TMP/mountout.all" "SECRET\|title: secret"

# A draft is not read unless --include-drafts: its broken refs, unknown shortcodes and missing
# pictures were warned about as the book's, and --strict failed for a page the book leaves out
# (DoIt's exampleSite); in a plain folder too.
for where in site plain; do
	d="$TMP/draftwarn-$where"
	mkdir -p "$d/content/posts"
	[ "$where" = site ] && printf 'title = "d"\n' >"$d/hugo.toml"
	printf -- '---\ntitle: A\ndate: 2022-01-01\n---\nText.\n' >"$d/content/posts/a.md"
	printf -- '---\ntitle: Draft\ndate: 2022-01-02\ndraft: true\n---\n\nSee [x]({{< ref "nowhere.md" >}}) and {{< fancy >}} and ![](/img/missing.png).\n' \
		>"$d/content/posts/b.md"
	[ "$where" = plain ] && d="$d/content"
	expect_status "drafts ($where): --strict builds a book without its draft" 0 "$FOLIO" --offline --strict "$d" -o "$TMP/draftwarn-$where.epub"
	lacks "drafts ($where): nothing said of the draft's body" "$TMP/err" "b\.md"
	contains "drafts ($where): the draft counted as skipped" "$TMP/err" "1 draft skipped"
	"$FOLIO" --offline --include-drafts "$d" -o "$TMP/draftwarn-$where-d.epub" 2>"$TMP/draftwarn.err"
	contains "drafts ($where): with --include-drafts its body is read and its problems said" "$TMP/draftwarn.err" \
		"b\.md:7: warning: .*nowhere\.md"
done

# A site that names no language is in Hugo's default, English: an English book was "und"
# (which Kindle refuses); a plain folder of the same text stays "und" (its language is not said).
mkdir -p "$TMP/nolang/content/posts"
printf 'title = "Demo"\n' >"$TMP/nolang/hugo.toml"
printf -- '---\ntitle: A\ndate: 2022-01-01\n---\n\nThis article explains how git stores objects and how they relate.\n' >"$TMP/nolang/content/posts/a.md"
"$FOLIO" -q --offline "$TMP/nolang" -o "$TMP/nolang.epub"
contains "no site language: the book is in English, as Hugo's default" <(unzip -p "$TMP/nolang.epub" EPUB/package.opf) '<dc:language>en</dc:language>'
contains "no site language: ... and so is its article" <(unzip -p "$TMP/nolang.epub" EPUB/a0001.xhtml) 'xml:lang="en"'
"$FOLIO" -q --offline "$TMP/nolang/content" -o "$TMP/nolang-plain.epub"
contains "no language in a plain folder: still not said" <(unzip -p "$TMP/nolang-plain.epub" EPUB/package.opf) '<dc:language>und</dc:language>'

# A Chinese note that names no language is Chinese though its source links are long: their letters
# count for no language (the book was "und", its contents "Contents", its first line set as Latin).
mkdir -p "$TMP/longlinks"
printf -- '---\ntitle: 长链接\n---\n\n这是一段中文评论，引用了链接 https://www.example.com/news/2024/01/01/some-very-long-path-segment-that-goes-on-and-on/index.html?utm_source=twitter&utm_medium=social 然后继续写。\n\nEnglish words here, with https://github.com/someorganisation/somerepository/blob/main/src/very/deep/file_name.c#L100 too.\n\n原文链接：<https://mp.weixin.qq.com/s?__biz=MzA3NjE2MzQ4Mw==&mid=2650000000&idx=1&sn=abcdef0123456789abcdef0123456789&chksm=abcdefabcdef&scene=21#wechat_redirect>\n' \
	>"$TMP/longlinks/a.md"
"$FOLIO" -q "$TMP/longlinks" -o "$TMP/longlinks.epub"
"$FOLIO" -q "$TMP/longlinks" -t model -o "$TMP/longlinks.model"
contains "long links: a Chinese note's addresses count for no language (EPUB)" <(unzip -p "$TMP/longlinks.epub" EPUB/package.opf) \
	'<dc:language>zh-Hans</dc:language>'
contains "long links: ... the article Chinese in both books" "$TMP/longlinks.model" '^  lang: zh-Hans$'

# A Chinese note that quotes a line of Japanese is Chinese (any kana past a tenth made it Japanese:
# set whole in the JP face, its colons centred); Japanese prose stays Japanese.
mkdir -p "$TMP/jaquote" "$TMP/japrose"
printf -- '---\ntitle: 有何胜利可言\n---\n\n顺便想起一次我看到一段村上春树小说里的话，找英文版怎么都找不到看起来恰当的翻译，最后只好找个日本人问问。伊给我发来原文：\n\n> 世界には涙を流すことのできない哀しみというのが存在するのだ。\n\n显然我只能看懂几个汉字。伊自己翻译了一下，说可能丢失了一些雅致。在《深度工作》和《优秀到无法被忽视》两本书中，作者都特别强调了工匠精神。\n' \
	>"$TMP/jaquote/a.md"
printf -- '---\ntitle: 日本語\n---\n\n今日はとても良い天気ですね。明日も晴れるといいのですが、天気予報によると雨が降るそうです。東京都内の交通機関は通常通り運行しています。\n' \
	>"$TMP/japrose/a.md"
"$FOLIO" -q "$TMP/jaquote" -t model -o "$TMP/jaquote.model"
"$FOLIO" -q "$TMP/japrose" -t model -o "$TMP/japrose.model"
contains "language: a Chinese note quoting a line of Japanese is Chinese" "$TMP/jaquote.model" '^  lang: zh-Hans$'
contains "language: ... Japanese prose stays Japanese" "$TMP/japrose.model" '^  lang: ja$'
mkdir -p "$TMP/janotice"
printf -- '---\ntitle: 会議資料\n---\n\n本会議の議題は次の通りである。\n\n- 令和六年度事業計画案承認\n- 予算執行状況報告\n- 新規加盟団体審査\n- 役員改選手続確認\n- 次回定例会開催日程調整\n\n以上、各位の出席を求める。\n' \
	>"$TMP/janotice/a.md"
"$FOLIO" -q "$TMP/janotice" -t model -o "$TMP/janotice.model"
contains "language: ... and so does a notice dense in kanji (review: it became zh-Hant)" "$TMP/janotice.model" '^  lang: ja$'

# Sections are ordered as Hugo's tree: each among its siblings by weight, the sections below it
# right after it. By their own weight across the site, dapr's "Service invocation" (weight 10,
# two levels down) came before "Getting started" (20), above "Developing" (30) that holds it.
mkdir -p "$TMP/tree/content/start" "$TMP/tree/content/dev/blocks/invoke" "$TMP/tree/content/dev/state" "$TMP/tree/content/ops"
printf 'title = "Tree"\n' >"$TMP/tree/hugo.toml"
printf -- '---\ntitle: Getting started\nweight: 20\n---\n' >"$TMP/tree/content/start/_index.md"
printf -- '---\ntitle: Developing\nweight: 30\n---\n' >"$TMP/tree/content/dev/_index.md"
printf -- '---\ntitle: Blocks\nweight: 10\n---\n' >"$TMP/tree/content/dev/blocks/_index.md"
printf -- '---\ntitle: Service invocation\nweight: 10\n---\n' >"$TMP/tree/content/dev/blocks/invoke/_index.md"
printf -- '---\ntitle: State\nweight: 5\n---\n' >"$TMP/tree/content/dev/state/_index.md"
printf -- '---\ntitle: Operations\nweight: 40\n---\n' >"$TMP/tree/content/ops/_index.md"
for f in start/install dev/blocks/invoke/overview dev/state/howto ops/deploy; do
	printf -- '---\ntitle: %s\nweight: 1\n---\n\nText of %s.\n' "${f##*/}" "$f" >"$TMP/tree/content/$f.md"
done
"$FOLIO" -q "$TMP/tree" -t model -o "$TMP/tree.model"
check "sections: in Hugo's tree order, not by their own weight across the site" \
	diff <(grep '^part' "$TMP/tree.model" | cut -d: -f1) \
	<(printf 'part p01 Getting started\npart p02 State\npart p03 Service invocation\npart p04 Operations\n')
# ... a top folder with no _index.md is a section all the same, unweighted (its sections came first,
# by their own weight); folders of two SOURCE folders with one name are two; a folder named with a
# dot is no content file's name ("v1.2" went to the section v1).
rm "$TMP/tree/content/dev/_index.md"
"$FOLIO" -q "$TMP/tree" -t model -o "$TMP/tree2.model"
check "sections: a top folder with no _index.md, unweighted: after the weighted ones" \
	diff <(grep '^part' "$TMP/tree2.model" | cut -d: -f1) \
	<(printf 'part p01 Getting started\npart p02 Operations\npart p03 State\npart p04 Service invocation\n')
mkdir -p "$TMP/twosrc/s1/guide/deep" "$TMP/twosrc/s2/guide"
printf -- '---\ntitle: Guide1\nweight: 10\n---\n' >"$TMP/twosrc/s1/guide/_index.md"
printf -- '---\ntitle: Deep1\n---\n' >"$TMP/twosrc/s1/guide/deep/_index.md"
printf -- '---\ntitle: Guide2\nweight: 50\n---\n' >"$TMP/twosrc/s2/guide/_index.md"
for f in s1/guide/a s1/guide/deep/b s2/guide/c; do printf -- '---\ntitle: %s\n---\n\nText.\n' "${f##*/}" >"$TMP/twosrc/$f.md"; done
"$FOLIO" -q "$TMP/twosrc/s1" "$TMP/twosrc/s2" -t model -o "$TMP/twosrc.model"
check "sections: two SOURCE folders' folders of one name are two" \
	diff <(grep '^part' "$TMP/twosrc.model" | cut -d: -f1) <(printf 'part p01 Guide1\npart p02 Deep1\npart p03 Guide2\n')
mkdir -p "$TMP/ver/content/docs/v1.2" "$TMP/ver/content/docs/v1"
printf 'title = "Ver"\n' >"$TMP/ver/hugo.toml"
printf -- '---\ntitle: V12\n---\n' >"$TMP/ver/content/docs/v1.2/_index.md"
printf -- '---\ntitle: V1\n---\n' >"$TMP/ver/content/docs/v1/_index.md"
printf -- '---\ntitle: a\n---\n\nText.\n' | tee "$TMP/ver/content/docs/v1.2/a.md" >"$TMP/ver/content/docs/v1/b.md"
printf -- '---\ntitle: Links\n---\n\n[new]({{< ref "v1.2" >}}) [old]({{< ref "/docs/v1" >}})\n' >"$TMP/ver/content/docs/links.md"
"$FOLIO" -q "$TMP/ver" -t model -o "$TMP/ver.model"
contains "ref: a folder named with a dot is that folder, not one without its 'extension'" "$TMP/ver.model" \
	"link line 5 v1\.2/_index\.md -> $(grep '^part p0[0-9] V12' "$TMP/ver.model" | cut -d' ' -f2) \(part\)"
# ... a section whose text is Chinese in an English site holds its sections all the same (the tree
# was keyed by the language its text was found to be in).
mkdir -p "$TMP/lcsec/content/other" "$TMP/lcsec/content/top/sub"
printf 'title = "LC"\ndefaultContentLanguage = "en"\n' >"$TMP/lcsec/hugo.toml"
printf -- '---\ntitle: Other\nweight: 20\n---\nOther intro.\n' >"$TMP/lcsec/content/other/_index.md"
printf -- '---\ntitle: Top\nweight: 30\n---\n这一部分的介绍是用中文写的，内容很长。\n' >"$TMP/lcsec/content/top/_index.md"
printf -- '---\ntitle: Sub\nweight: 1\n---\nSub intro.\n' >"$TMP/lcsec/content/top/sub/_index.md"
for f in other/o top/t top/sub/s; do printf -- '---\ntitle: %s\n---\n\nEnglish text here.\n' "${f##*/}" >"$TMP/lcsec/content/$f.md"; done
"$FOLIO" -q "$TMP/lcsec" -t model -o "$TMP/lcsec.model"
check "sections: a Chinese section's text in an English site keeps its sections under it" \
	diff <(grep '^part' "$TMP/lcsec.model" | cut -d: -f1) <(printf 'part p01 Other\npart p02 Top\npart p03 Sub\n')

# FixIt's, DoIt's and LoveIt's lead picture: the page resource named featured-image (80 pages of
# FixIt's documentation had none); an empty resources: is nothing to warn about.
mkdir -p "$TMP/featured/content/posts/a" "$TMP/featured/content/posts/b"
printf 'title = "featured"\n' >"$TMP/featured/hugo.toml"
cp tests/epub/media/dot.png "$TMP/featured/content/posts/a/featured-image.png"
printf -- '---\ntitle: A\ndate: 2022-02-01\nresources:\n  - name: Featured-Image\n    src: featured-image.png\n    title: A red dot\n---\n\nText.\n' \
	>"$TMP/featured/content/posts/a/index.md"
printf -- '---\ntitle: B\ndate: 2022-02-02\nresources:\n---\n\nText.\n' >"$TMP/featured/content/posts/b/index.md"
"$FOLIO" --offline "$TMP/featured" -t model -o "$TMP/featured.model" 2>"$TMP/featured.err"
contains "featured-image: the resource so named leads the post, its title its alt" "$TMP/featured.model" \
	"^  lead line 5 'featured-image\.png' alt 'A red dot' -> images/"
lacks "featured-image: an empty resources: is not warned about" "$TMP/featured.err" "resources"

# A ref to a page by its file name with the language in it ("about/index.en.md") is that page, as
# Hugo finds it (DoIt's exampleSite: "no such page", the links text).
mkdir -p "$TMP/langref/content/about" "$TMP/langref/content/posts/ext" "$TMP/langref/content/posts/b"
printf 'defaultContentLanguage = "en"\n[languages.en]\nweight = 1\n[languages.zh-cn]\nweight = 2\n' >"$TMP/langref/hugo.toml"
printf -- '---\ntitle: About\n---\nAbout.\n' >"$TMP/langref/content/about/index.en.md"
printf -- '---\ntitle: 关于\n---\n关于。\n' >"$TMP/langref/content/about/index.zh-cn.md"
printf -- '---\ntitle: Ext\ndate: 2022-01-01\n---\n## Mermaid\n\nText.\n' >"$TMP/langref/content/posts/ext/index.en.md"
printf -- '---\ntitle: B\ndate: 2022-01-02\n---\nSee [m]({{< relref "../ext/index.en.md#mermaid" >}}) and [a]({{< ref "/about/index.en.md" >}}).\n' \
	>"$TMP/langref/content/posts/b/index.en.md"
"$FOLIO" --offline --only-lang en "$TMP/langref" -t model -o "$TMP/langref.model" 2>"$TMP/langref.err"
lacks "language in a ref's file name: no 'no such page'" "$TMP/langref.err" "no such page"
contains "language in a ref's file name: the heading of that page" "$TMP/langref.model" '^  link line [0-9]+ \.\./ext/index\.en\.md#mermaid -> a[0-9]+#a[0-9]+-h1$'
contains "language in a ref's file name: that language's page, not the other" "$TMP/langref.model" '^  link line [0-9]+ .*about/index\.en\.md -> a[0-9]+$'

# A figure's alt under a passthrough setting: the shortcode's escapes "\(" and "\[" were read as
# math delimiters and kept as written ("Lighthouse \(image\)": DoIt's and FixIt's exampleSites).
mkdir -p "$TMP/ptalt/content/posts/p"
cat >"$TMP/ptalt/hugo.toml" <<'TOML'
title = "pt"
[markup.goldmark.extensions.passthrough]
  enable = true
  [markup.goldmark.extensions.passthrough.delimiters]
    block = [['\[', '\]'], ['$$', '$$']]
    inline = [['\(', '\)'], ['$', '$']]
TOML
cp tests/epub/media/dot.png "$TMP/ptalt/content/posts/p/dot.png"
printf -- '---\ntitle: Pic\ndate: 2022-02-28\n---\n\n{{< figure src="dot.png" caption="Lighthouse (image) [a] $5" >}}\n' >"$TMP/ptalt/content/posts/p/index.md"
"$FOLIO" -q --offline "$TMP/ptalt" -o "$TMP/ptalt.epub"
contains "passthrough: a figure's alt keeps no backslashes" <(unzip -p "$TMP/ptalt.epub" EPUB/a0001.xhtml) \
	'<img src="images/[^"]*" alt="Lighthouse \(image\) \[a\] \$5"/>'

# A split configuration's files named for one language (Hugo's KEY.LANG.toml: hugo.en.toml,
# languages.zh-cn.toml, params.en.toml) are that language's settings: they were not read, so
# DoIt's, FixIt's and Lruihao's sites were one English language (--only-lang zh-cn: no article).
mkdir -p "$TMP/langfiles/config/_default" "$TMP/langfiles/content/posts"
printf 'title = "Demo"\ndefaultContentLanguage = "zh-cn"\n' >"$TMP/langfiles/config/_default/hugo.toml"
printf 'weight = 1\ntitle = "中文书名"\ncopyright = "本站内容采用 CC BY-NC-SA 4.0"\n' >"$TMP/langfiles/config/_default/languages.zh-cn.toml"
printf 'weight = 2\nlanguageName = "English"\n' >"$TMP/langfiles/config/_default/hugo.en.toml"
printf 'author = "Ann"\n' >"$TMP/langfiles/config/_default/params.en.toml"
printf -- '---\ntitle: 图表\ndate: 2022-01-01\n---\n图表的说明。\n' >"$TMP/langfiles/content/posts/c.md"
printf -- '---\ntitle: Charts\ndate: 2022-01-01\n---\nAbout charts.\n' >"$TMP/langfiles/content/posts/c.en.md"
"$FOLIO" "$TMP/langfiles" --only-lang zh-cn -t model -o "$TMP/langfiles-zh.model" 2>"$TMP/langfiles.err"
contains "language files: the language's own title" "$TMP/langfiles-zh.model" '^  title: 中文书名$'
contains "language files: ... and its copyright" "$TMP/langfiles-zh.model" '^  rights: 本站内容采用 CC BY-NC-SA 4\.0$'
contains "language files: the Chinese page in the Chinese book" "$TMP/langfiles-zh.model" '^article a0001 .*/posts/c\.md$'
lacks "language files: ... alone" "$TMP/langfiles-zh.model" 'c\.en\.md'
"$FOLIO" "$TMP/langfiles" --only-lang en -t model -o "$TMP/langfiles-en.model" 2>/dev/null
contains "language files: the English book has its page" "$TMP/langfiles-en.model" '^article a0001 .*/posts/c\.en\.md$'
contains "language files: ... and its language's params" "$TMP/langfiles-en.model" '^  author: Ann$'

# Two sections of one title (an untranslated "FAQ" in two languages) are two parts: they were one,
# the Chinese pages under the English part, and the Chinese page's link to its section text.
mkdir -p "$TMP/sametitle/content/en/faq" "$TMP/sametitle/content/zh-cn/faq"
printf 'defaultContentLanguage = "en"\n[languages.en]\ncontentDir = "content/en"\nweight = 1\n[languages.zh-cn]\ncontentDir = "content/zh-cn"\nweight = 2\n' \
	>"$TMP/sametitle/hugo.toml"
for l in en zh-cn; do
	printf -- '---\ntitle: FAQ\n---\nAbout the questions.\n' >"$TMP/sametitle/content/$l/faq/_index.md"
	printf -- '---\ntitle: Q %s\ndate: 2022-01-01\n---\nSee [the section](_index.md) first.\n' "$l" >"$TMP/sametitle/content/$l/faq/q.md"
done
"$FOLIO" "$TMP/sametitle" -t model -o "$TMP/sametitle.model" 2>/dev/null
[ "$(grep -c '^part p0[12] FAQ: a000[0-9]$' "$TMP/sametitle.model")" = 2 ] && ok "same titles: two sections, two parts" \
	|| not_ok "same titles: two sections, two parts" "$(grep '^part' "$TMP/sametitle.model")"
contains "same titles: each page's link goes to its own part" <(grep -E '^article|^  link' "$TMP/sametitle.model" | tr '\n' '|') \
	'/en/faq/q\.md\|  link line 5 _index\.md -> p01 \(part\)\|article a0002 .*/zh-cn/faq/q\.md\|  link line 5 _index\.md -> p02 \(part\)'

# What an author locked with a password (FixIt's password: on a page, its fixit-encryptor
# shortcode around a passage) was printed in clear; now it is left out, and said.
mkdir -p "$TMP/locked"
printf -- '---\ntitle: Secret\ndate: 2022-01-01\npassword: "abc"\n---\nSECRETTEXT\n' >"$TMP/locked/s.md"
printf -- '---\ntitle: Part\ndate: 2022-01-02\n---\nBefore.\n\n{{%% fixit-encryptor "pw" %%}}\nLOCKEDTEXT\n{{%% /fixit-encryptor %%}}\n\nAfter.\n' \
	>"$TMP/locked/e.md"
"$FOLIO" "$TMP/locked" -o "$TMP/locked.epub" 2>"$TMP/locked.err"
unzip -p "$TMP/locked.epub" >"$TMP/locked.all"
lacks "locked: neither the page nor the passage is printed" "$TMP/locked.all" "SECRETTEXT|LOCKEDTEXT"
contains "locked: the rest of the page is" "$TMP/locked.all" "After\."
contains "locked: the page left out is said" "$TMP/locked.err" "note: 1 article locked with a password"
contains "locked: the passage left out is said, with its line" "$TMP/locked.err" "e\.md:7: note: text locked with a password"
# ... a leftover file for a language the site does not have (menus.en.toml) makes no language.
mkdir -p "$TMP/leftover/config/_default" "$TMP/leftover/content"
printf 'title = "T"\ndefaultContentLanguage = "zh-cn"\n' >"$TMP/leftover/config/_default/hugo.toml"
printf '[[main]]\nname = "x"\n' >"$TMP/leftover/config/_default/menus.en.toml"
printf -- '---\ntitle: 中文\ndate: 2022-01-01\n---\n中文的内容。\n' >"$TMP/leftover/content/a.md"
"$FOLIO" "$TMP/leftover" -t model -o "$TMP/leftover.model" 2>/dev/null
contains "language files: a leftover one makes no language" "$TMP/leftover.model" '^  lang: zh-CN$'

# The home page's text (content/_index.md: hugo-book's landing page) was in no chapter and lost;
# when the book is the whole site it is the first chapter. Not one with no text, a draft, a
# digest's (--since), nor one alone (no page); untitled it has the book's title; "<br />" above
# the heading that gives it its title no longer keeps that heading twice.
mkdir -p "$TMP/home/content/posts"
printf 'baseURL = "https://example.org/"\ntitle = "Site T"\n' >"$TMP/home/hugo.toml"
printf -- '---\nlayout: landing\n---\n\n<br />\n\n# Landing {anchor=false}\n\nHOMETEXT here.\n\n- ### Fast {anchor=false}\n  Quick.\n' \
	>"$TMP/home/content/_index.md"
printf -- '---\ntitle: Post\ndate: 2022-01-01\n---\nPost text.\n' >"$TMP/home/content/posts/p.md"
"$FOLIO" "$TMP/home" -o "$TMP/home.model" -o "$TMP/home.epub" 2>"$TMP/home.err"
contains "home page: the first chapter" "$TMP/home.model" '^article a0001 .*/content/_index\.md$'
contains "home page: titled by its heading, the attribute block cut" "$TMP/home.model" '^  title: Landing$'
lacks "home page: that heading is not kept twice" "$TMP/home.model" 'h1 #a0001-h[0-9]+ Landing'
contains "home page: a heading in a list item loses its attribute block too" "$TMP/home.model" 'h3 #a0001-h[0-9]+ Fast$'
unzip -p "$TMP/home.epub" EPUB/a0001.xhtml >"$TMP/home.xhtml"
contains "home page: its text is in the EPUB" "$TMP/home.xhtml" 'HOMETEXT here'
java -jar /usr/bin/epubcheck "$TMP/home.epub" >"$TMP/home.check" 2>&1
contains "home page: the EPUB passes epubcheck" "$TMP/home.check" '^Messages: 0 fatals / 0 errors / 0 warnings'
"$FOLIO" "$TMP/home" --since 2021-01-01 -o "$TMP/home-digest.model" 2>/dev/null
lacks "home page: not in a digest (--since)" "$TMP/home-digest.model" '_index\.md'
printf -- '---\ntitle: Only front matter\n---\n' >"$TMP/home/content/_index.md"
"$FOLIO" "$TMP/home" -o "$TMP/home-empty.model" 2>/dev/null
lacks "home page: none with no text" "$TMP/home-empty.model" '_index\.md'
printf -- '---\nbuild:\n  render: never\n---\nNEVERHOME\n' >"$TMP/home/content/_index.md"
"$FOLIO" "$TMP/home" -o "$TMP/home-never.model" 2>/dev/null
lacks "home page: none that Hugo does not render" "$TMP/home-never.model" '_index\.md'
printf -- '---\n---\nUntitled home.\n' >"$TMP/home/content/_index.md"
"$FOLIO" "$TMP/home" -o "$TMP/home-untitled.model" 2>/dev/null
contains "home page: untitled, the book's title" <(grep -A1 '^article a0001' "$TMP/home-untitled.model") '^  title: Site T$'
rm "$TMP/home/content/posts/p.md"
got=0
"$FOLIO" "$TMP/home" -o "$TMP/home-alone.model" 2>"$TMP/home-alone.err" || got=$?
[ $got = 1 ] && [ ! -e "$TMP/home-alone.model" ] && ok "home page: alone it makes no book" \
	|| not_ok "home page: alone it makes no book" "exit $got: $(cat "$TMP/home-alone.err")"
contains "home page: ... and the run says so" "$TMP/home-alone.err" 'no article found .*only 1 section page \(_index\.md\)'

# An .html content file without front matter is no page: Hugo copies it as it is (a blog's demo
# pages were chapters of "Document"), and an index.html without it is no bundle's index (the
# folder's notes.md, which Hugo publishes, was lost). One with front matter is a page.
mkdir -p "$TMP/rawhtml/content/demos" "$TMP/rawhtml/content/posts"
printf 'baseURL = "https://example.org/"\ntitle = "R"\n' >"$TMP/rawhtml/hugo.toml"
hugo_layouts "$TMP/rawhtml"
printf '<!DOCTYPE html>\n<html><head><title>Demo</title></head><body><canvas></canvas></body></html>\n' \
	>"$TMP/rawhtml/content/demos/index.html"
printf -- '---\ntitle: Notes\ndate: 2022-01-01\n---\nNOTESTEXT\n' >"$TMP/rawhtml/content/demos/notes.md"
printf '<!DOCTYPE html>\n<html lang="en"><head><title>Document</title></head><body>DEMOTEXT</body></html>\n' \
	>"$TMP/rawhtml/content/posts/demo.html"
printf '\xef\xbb\xbf\n---\ntitle: Page in HTML\ndate: 2022-01-02\n---\n<p>HTMLPAGE</p>\n' >"$TMP/rawhtml/content/posts/page.html"
# Two byte-order marks (a real blog: 20 of 267 posts): the front matter was taken for body text.
printf '\xef\xbb\xbf\xef\xbb\xbf---\ntitle: Two marks\ndate: 2022-01-03\n---\n\n## Heading\n\nTWOBOMS\n' \
	>"$TMP/rawhtml/content/posts/twobom.md"
printf '\xef\xbb\xbf\xef\xbb\xbf\n---\ntitle: Two marks in HTML\ndate: 2022-01-04\n---\n<p>TWOBOMHTML</p>\n' \
	>"$TMP/rawhtml/content/posts/twomarks.html"
"$FOLIO" "$TMP/rawhtml" -o "$TMP/rawhtml.model" 2>"$TMP/rawhtml.err"
contains "two byte-order marks: the front matter is read (title)" "$TMP/rawhtml.model" '^  title: Two marks$'
contains "two byte-order marks: ... (date)" "$TMP/rawhtml.model" '^  date: 2022-01-03'
contains "two byte-order marks: an .html page too" "$TMP/rawhtml.model" '^article .*/posts/twomarks\.html$'
lacks "html content: one without front matter is no page" "$TMP/rawhtml.model" '^article .*(demo|index)\.html$'
contains "html content: ... nor a bundle's index: the folder's page is kept" "$TMP/rawhtml.model" '^article .*/demos/notes\.md$'
contains "html content: one with front matter (after a byte-order mark) is a page" "$TMP/rawhtml.model" '^article .*/posts/page\.html$'
if hugo_build "$TMP/rawhtml"; then
	[ -f "$TMP/rawhtml-public/demos/notes/index.html" ] && [ -f "$TMP/rawhtml-public/posts/page/index.html" ] \
		&& [ -f "$TMP/rawhtml-public/posts/twobom/index.html" ] && [ -f "$TMP/rawhtml-public/posts/twomarks/index.html" ] \
		&& [ ! -d "$TMP/rawhtml-public/posts/demo" ] && ok "html content: Debian's hugo publishes the same pages" \
		|| not_ok "html content: Debian's hugo publishes the same pages" "$(cd "$TMP/rawhtml-public" && find . -type f | sort)"
else
	not_ok "html content: Debian's hugo publishes the same pages" "$(head -5 "$TMP/rawhtml-hugo.log")"
fi

# Pages in Hugo's other formats: an Org bundle's index makes its folder a leaf bundle (its .md
# files are resources, as for Hugo), and it is named as left out, as an AsciiDoc page is; a
# .mdown page is Markdown. They were passed over without a word.
hugo_site "$TMP/orgsite"
mkdir -p "$TMP/orgsite/content/bund"
printf '#+title: Org bundle\n#+date: 2022-01-01\n\nORGTEXT\n' >"$TMP/orgsite/content/bund/index.org"
printf -- '---\ntitle: Resource\n---\nRESOURCETEXT\n' >"$TMP/orgsite/content/bund/notes.md"
printf '= AsciiDoc\n\nADOCTEXT\n' >"$TMP/orgsite/content/posts/c.adoc"
printf -- '---\ntitle: Mdown\ndate: 2022-01-02\n---\nMDOWNTEXT\n' >"$TMP/orgsite/content/posts/d.mdown"
"$FOLIO" "$TMP/orgsite" -o "$TMP/orgsite.model" 2>"$TMP/orgsite.err"
contains "other formats: an Org bundle's index is named as left out" "$TMP/orgsite.err" \
	'^  .*/orgsite/content/bund/index\.org \(an Org page: folio reads Markdown and HTML\)$'
contains "other formats: ... and an AsciiDoc page" "$TMP/orgsite.err" '^  .*/orgsite/content/posts/c\.adoc \(an AsciiDoc page'
lacks "other formats: the Org bundle's Markdown file is its resource, no page" "$TMP/orgsite.model" '^article .*notes\.md$'
contains "other formats: a .mdown page is read" "$TMP/orgsite.model" '^article .*posts/d\.mdown$'
# Hugo itself hands AsciiDoc to asciidoctor, which the machine need not have: it builds the rest.
rm "$TMP/orgsite/content/posts/c.adoc"
if hugo_build "$TMP/orgsite"; then
	[ -f "$TMP/orgsite-public/bund/index.html" ] && [ ! -e "$TMP/orgsite-public/bund/notes/index.html" ] \
		&& [ -f "$TMP/orgsite-public/posts/d/index.html" ] && ok "other formats: Debian's hugo makes the same pages of Org and .mdown" \
		|| not_ok "other formats: Debian's hugo makes the same pages of Org and .mdown" "$(cd "$TMP/orgsite-public" && find . -type f | sort)"
else
	not_ok "other formats: Debian's hugo builds the site" "$(head -5 "$TMP/orgsite-hugo.log")"
fi

# Themes' shortcodes a book cannot run: an inline shortcode's template was printed ("{{ if ... }}"),
# a mermaid diagram's source was set as prose (typographer quotes, "->>" made "-»", lines run
# together), and the text of an unknown {{< >}} inside raw HTML showed Markdown's backslashes.
mkdir -p "$TMP/themesc/content/posts"
printf 'baseURL = "https://example.org/"\ntitle = "S"\nenableInlineShortcodes = true\n' >"$TMP/themesc/hugo.toml"
printf -- '---\ntitle: Shortcodes of themes\ndate: 2022-01-01\n---\n\n{{< when.inline >}}\n{{ if .Page.Params.math }}TEMPLATECODE{{ end }}\n{{< /when.inline >}}\n\n{{< mermaid >}}\nsequenceDiagram\n    Alice->>John: Hello... "how"?\n{{< /mermaid >}}\n\n{{< rawmath >}}\n<p>\nInline: \\(\\varphi = 1.618\\)\n</p>\n{{< /rawmath >}}\n' \
	>"$TMP/themesc/content/posts/a.md"
"$FOLIO" "$TMP/themesc" -o "$TMP/themesc.epub" 2>"$TMP/themesc.err"
unzip -p "$TMP/themesc.epub" EPUB/a0001.xhtml >"$TMP/themesc.xhtml"
lacks "theme shortcodes: an inline shortcode's template is not printed" "$TMP/themesc.xhtml" 'TEMPLATECODE|\{\{ if'
contains "theme shortcodes: ... and its leaving out is said, with its line" "$TMP/themesc.err" \
	"a\.md:6: note: inline shortcode 'when\.inline' left out"
contains "theme shortcodes: a mermaid diagram is its source, a code block" "$TMP/themesc.xhtml" \
	'<pre><code class="language-mermaid">sequenceDiagram'
contains "theme shortcodes: ... as written" "$TMP/themesc.xhtml" 'Alice-&gt;&gt;John: Hello\.\.\. &quot;how&quot;\?'
contains "theme shortcodes: an unknown one's text in raw HTML shows as written" "$TMP/themesc.xhtml" \
	'Inline: \\\(\\varphi = 1\.618\\\)'
# LoveIt's, DoIt's and FixIt's image and script: the picture with its caption (DoIt's showcase lost 14
# screenshots), the script left out (its code was printed as a paragraph).
mkdir -p "$TMP/lvt/content/posts/p"
printf 'baseURL = "https://example.org/"\ntitle = "L"\n' >"$TMP/lvt/hugo.toml"
cp tests/images/good/bundle/photo.jpg "$TMP/lvt/content/posts/p/shot.jpg"
printf -- '---\ntitle: Theme pictures\ndate: 2022-01-01\n---\n\n{{< image src="shot.jpg" caption="The showcase (`image`)" >}}\n\n{{< script >}}\nconsole.log("SCRIPTTEXT");\n{{< /script >}}\n\nAfter.\n' \
	>"$TMP/lvt/content/posts/p/index.md"
"$FOLIO" "$TMP/lvt" -o "$TMP/lvt.epub" 2>"$TMP/lvt.err"
unzip -p "$TMP/lvt.epub" EPUB/a0001.xhtml >"$TMP/lvt.xhtml"
contains "theme shortcodes: image is a figure with its caption" "$TMP/lvt.xhtml" \
	'<figure class="image"><img src="images/img-[0-9a-f]{16}\.jpg" alt="The showcase \(image\)"/><figcaption>The showcase \(image\)</figcaption></figure>'
lacks "theme shortcodes: a script's code is not printed" "$TMP/lvt.xhtml" 'SCRIPTTEXT'
lacks "theme shortcodes: ... nor either called unknown" "$TMP/lvt.err" "shortcode '(image|script)' is not one"
# Every rendering the README names may be mapped to (bilibili and link were refused).
printf 'shortcodes: {a: bilibili, b: blockquote, c: callout, d: details, e: drop, f: figure, g: gist, h: highlight, i: instagram, j: link, k: markdown, l: param, m: ref, n: relref, o: text, p: tweet, q: twitter, r: vimeo, s: x, t: youtube}\n' >"$TMP/lvt/maps.yaml"
expect_status "shortcodes: every rendering the README names may be mapped to" 0 "$FOLIO" "$TMP/lvt" --config "$TMP/lvt/maps.yaml" -t model -o "$TMP/lvt.model"
