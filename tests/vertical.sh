# vertical.sh - --writing-mode vertical-rl: the vertical (竖排) edition of the EPUB: package, stylesheet, text.
. "$(dirname "$0")/lib.sh"

textof=tests/epub/textof.py

# The vertical page of a fixture, compared whole: corner brackets for Chinese quotes (an apostrophe
# stays), one- and two-digit numbers upright (not 365, 15:10, 3.5 or iPhone 16), code and tables as
# they are.
"$FOLIO" tests/vertical/quotes.md --writing-mode vertical-rl -o "$TMP/quotes.epub" 2>"$TMP/quotes.err"
echo "exit $?" >>"$TMP/quotes.err"
$textof "$TMP/quotes.epub" EPUB/a0001.xhtml >"$TMP/quotes.xhtml" 2>&1
golden "vertical: quotes.xhtml" tests/vertical/quotes.xhtml "$TMP/quotes.xhtml"
golden "vertical: quotes messages" tests/vertical/quotes.err "$TMP/quotes.err"
lacks "vertical: no quarter-em space beside an upright number" "$TMP/quotes.xhtml" $'\u2005<span class="tcy">|</span>\u2005'
# WebKit drew each of these over the character before it (tests/readers: the corpus's vertical edition).
contains "vertical: a name's middle dot gets an em of its own" "$TMP/quotes.xhtml" '唐纳德<span class="tcy">·</span>特朗普'
contains "vertical: ® after a Latin word lies on its side with it" "$TMP/quotes.xhtml" 'Grocers<span class="sideways">®</span>'
contains "vertical: ASCII brackets in Chinese become full-width" "$TMP/quotes.xhtml" '人工智能（AI）驱动'
contains "vertical: an ASCII slash between Chinese becomes full-width" "$TMP/quotes.xhtml" '元／股'
contains "vertical: so do a hyphen and a bar beside Chinese" "$TMP/quotes.xhtml" $'万－5800\u2005万元，股份｜公告'
contains "vertical: a slash in an address stays" "$TMP/quotes.xhtml" 'https://example.com/a/b'
# An English title in the vertical contents of a Chinese book: its ® lies on its side with it.
"$FOLIO" tests/vertical/quotes.md tests/vertical/trademark.en.md --lang zh-CN --writing-mode vertical-rl \
	-o "$TMP/mixed.epub" 2>/dev/null
$textof "$TMP/mixed.epub" EPUB/nav.xhtml >"$TMP/mixed-nav.xhtml" 2>&1
contains "vertical: ® in an English title in the contents lies on its side" "$TMP/mixed-nav.xhtml" \
	'Natural Grocers<span class="sideways">®</span> Hosts'
contains "vertical: the title is spaced between Chinese and Latin like the body" "$TMP/quotes.xhtml" $'赴美\u2005IPO</h1>'

# examples/ as a vertical book: valid, pages turned right to left, Kindle told, Chinese pages
# vertical and the English one not, the vertical rules in the stylesheet.
"$FOLIO" examples -q --writing-mode vertical-rl -o "$TMP/v.epub"
java -jar /usr/bin/epubcheck "$TMP/v.epub" >"$TMP/v.check" 2>&1
contains "examples: epubcheck 0 errors 0 warnings" "$TMP/v.check" '^Messages: 0 fatals / 0 errors / 0 warnings'
$textof "$TMP/v.epub" EPUB/package.opf >"$TMP/v.opf"
contains "opf: pages turn right to left" "$TMP/v.opf" '<spine toc="ncx" page-progression-direction="rtl">'
contains "opf: Kindle's primary-writing-mode" "$TMP/v.opf" '<meta name="primary-writing-mode" content="vertical-rl"/>'
contains "pages: a Chinese article is vertical" <($textof "$TMP/v.epub" EPUB/a0001.xhtml) '<html [^>]*lang="zh-CN"[^>]* class="vertical">'
contains "pages: the Hong Kong one too" <($textof "$TMP/v.epub" EPUB/a0003.xhtml) '<html [^>]*lang="zh-HK"[^>]* class="vertical">'
lacks "pages: the English one stays horizontal" <($textof "$TMP/v.epub" EPUB/a0004.xhtml) 'class="vertical"'
contains "pages: the contents are vertical" <($textof "$TMP/v.epub" EPUB/nav.xhtml) 'class="vertical"'
contains "pages: a Chinese title in the contents gets corner brackets" <($textof "$TMP/v.epub" EPUB/nav.xhtml) '从服「软」开始'
$textof "$TMP/v.epub" EPUB/css/epub.css >"$TMP/v.css"
contains "css: html.vertical set vertical-rl" "$TMP/v.css" '^html\.vertical \{'
contains "css: the EPUB 3 property too" "$TMP/v.css" '-epub-writing-mode: vertical-rl;'
contains "css: numbers upright" "$TMP/v.css" 'text-combine-upright: all;'
contains "css: code and tables horizontal" "$TMP/v.css" '^\.vertical pre, \.vertical table \{'

# The horizontal book has none of it; folio.yaml's key makes the same book; a bad value is refused.
"$FOLIO" examples -q -o "$TMP/h.epub"
lacks "horizontal: no vertical rules, page direction or class" <($textof "$TMP/h.epub" EPUB/package.opf EPUB/css/epub.css EPUB/a0001.xhtml) \
	'vertical|page-progression-direction|primary-writing-mode'
mkdir -p "$TMP/yaml" && cp -r examples/* "$TMP/yaml/" && printf 'writing-mode: vertical-rl\n' >>"$TMP/yaml/folio.yaml"
"$FOLIO" "$TMP/yaml" -q -o "$TMP/yaml.epub"
same_bytes "folio.yaml: writing-mode: vertical-rl makes the same book" "$TMP/v.epub" "$TMP/yaml.epub"
"$FOLIO" examples -q --writing-mode vertical-rl -o "$TMP/again.epub"
same_bytes "vertical: two builds byte-identical" "$TMP/v.epub" "$TMP/again.epub"
expect_status "bad value: --writing-mode sideways is bad usage" 2 "$FOLIO" examples --writing-mode sideways -o "$TMP/bad.epub"
contains "bad value: named" "$TMP/err" "writing-mode must be horizontal-tb or vertical-rl, not 'sideways'"

# With embedded fonts, the vertical forms come along (vert, vrt2), and epubcheck is silent.
"$FOLIO" examples -q --writing-mode vertical-rl --embed-fonts -o "$TMP/vf.epub"
java -jar /usr/bin/epubcheck "$TMP/vf.epub" >"$TMP/vf.check" 2>&1
contains "vertical + fonts: epubcheck 0 errors 0 warnings" "$TMP/vf.check" '^Messages: 0 fatals / 0 errors / 0 warnings'
check "vertical + fonts: the SC serif keeps its vertical forms" /usr/bin/python3 -c '
import io, sys, zipfile
from fontTools.ttLib import TTFont
f = TTFont(io.BytesIO(zipfile.ZipFile(sys.argv[1]).read("EPUB/fonts/NotoSerifCJKSC-Regular.otf")))
feats = {r.FeatureTag for r in f["GSUB"].table.FeatureList.FeatureRecord}
assert {"vert", "vrt2"} <= feats, feats
cmap = f.getBestCmap()
assert 0x300C in cmap and 0x300D in cmap, "corner brackets missing"
' "$TMP/vf.epub"
