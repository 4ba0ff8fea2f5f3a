# parity.sh - both books of a collection say the same: goldens of each tests/parity/ folder (its EPUB
# pages, its PDF's pages as text, its messages), and tests/parity/check.py's agreement of links,
# labels and captions between the two books of every folder.
. "$(dirname "$0")/lib.sh"

for dir in tests/parity/*/; do
	name=$(basename "$dir")
	"$FOLIO" "$dir" -o "$TMP/$name.epub" 2>"$TMP/$name.err"
	echo "exit $?" >>"$TMP/$name.err"
	"$FOLIO" -q "$dir" -t trace -o "$TMP/$name.trace"
	tests/epub/textof.py "$TMP/$name.epub" 'EPUB/[ap][0-9]*.xhtml' >"$TMP/$name.xhtml"
	golden "parity: $name EPUB pages" "tests/parity/$name.xhtml" "$TMP/$name.xhtml"
	golden "parity: $name PDF pages" "tests/parity/$name.trace" "$TMP/$name.trace"
	golden "parity: $name messages" "tests/parity/$name.err" "$TMP/$name.err"
	if /usr/bin/python3 tests/parity/check.py "$TMP/$name.epub" "$TMP/$name.trace" >"$TMP/$name.agree" 2>&1; then
		ok "parity: $name: both books agree ($(cat "$TMP/$name.agree"))"
	else
		not_ok "parity: $name: both books agree" "$(cat "$TMP/$name.agree")"
	fi
done
# What the fixtures were made to show, asked directly as well.
contains "parity: a Japanese article's notes are 注 in both" "$TMP/labels.xhtml" '<h2 class="notes-title">注</h2>'
contains "parity: ... and in the PDF" "$TMP/labels.trace" '"注"$'
lacks "parity: the contents are the book's word (目次), not the old PDF table's 目錄" "$TMP/labels.trace" '"目錄"'
lacks "parity: 配图 is no caption in the PDF" "$TMP/captions.trace" '"配图"$'
lacks "parity: ... nor in the EPUB" "$TMP/captions.xhtml" '<figcaption>配图'
contains "parity: the PDF links to another article's heading" "$TMP/links.trace" '->#a0002-h2'
contains "parity: the PDF links to a place in the same article" "$TMP/links.trace" '->#a0001-h1'
lacks "parity: a link to nowhere is text in the EPUB" "$TMP/links.xhtml" 'href="#missing"'
for name in links captions spacers; do
	java -jar /usr/bin/epubcheck "$TMP/$name.epub" >"$TMP/$name.check" 2>&1
	contains "parity: $name EPUB passes epubcheck" "$TMP/$name.check" 'No errors or warnings detected'
done
# yue, zh-Hant-HK and zh-TW take Traditional labels in both books; Cantonese was English before.
[ "$(grep -c '圖片未收錄' "$TMP/langs.xhtml")" = 3 ] && [ "$(grep -c '"圖片未收錄"' "$TMP/langs.trace")" = 3 ] \
	&& ok "parity: yue, zh-Hant-HK and zh-TW placeholders in Traditional Chinese in both books" \
	|| not_ok "parity: yue, zh-Hant-HK and zh-TW placeholders in Traditional Chinese in both books" \
		"$(grep -h -o '未收.' "$TMP/langs.xhtml" "$TMP/langs.trace")"
# A picture among words stays in the EPUB's line with no caption, and the PDF (setting it apart)
# prints none either; a linked picture alone is a figure in both, its caption in both.
lacks "parity: a picture among words has no caption in the PDF" "$TMP/captions.trace" '"行内标题"'
lacks "parity: ... nor in the EPUB" "$TMP/captions.xhtml" '<figcaption>行内'
contains "parity: a linked picture alone is a linked figure in the EPUB" "$TMP/captions.xhtml" \
	'<figure class="image"><a href="https://example.com/big.png"><img [^>]*/></a><figcaption>链接的江岸</figcaption></figure>'
contains "parity: a raw <img> in a Markdown line is a picture in the PDF, not [alt]" "$TMP/rawimg.trace" \
	'"then the line goes on'
lacks "parity: ... no [alt] left" "$TMP/rawimg.trace" '\[A dot in a line\]'
# Two <img> of one address in one raw block are two records: the second had the first's caption in
# both books. In table cells, the PDF shows the pictures the EPUB shows (a raw table's second cell
# of that address with its own caption), not a Markdown cell's description.
contains "parity: the second raw <img> of an address has its own caption in the EPUB" "$TMP/rawimg.xhtml" \
	'alt="The dot seen again"/><figcaption>The dot seen again</figcaption>'
contains "parity: ... and in the PDF" "$TMP/rawimg.trace" '"The dot seen again" caption$'
contains "parity: a raw table cell's picture, of an address another cell has, keeps its caption in the PDF" \
	"$TMP/rawimg.trace" '"Its twin in the next cell" caption$'
lacks "parity: a Markdown table cell's picture is no description in the PDF" "$TMP/rawimg.trace" '\[A dot in a Markdown cell\]'
# A linked picture that is missing: its placeholder shows where it linked, in both books (the
# EPUB's inline placeholder was a link, the PDF's lost it).
contains "parity: a missing linked picture's placeholder shows its link in the EPUB" "$TMP/captions.xhtml" \
	'<span class="url"><a href="https://example.com/page">https://example.com/page</a></span></div>'
contains "parity: ... and in the PDF" "$TMP/captions.trace" '"https://example.com/page" ->https://example.com/page$'
# Pictures in emphasis, strikethrough or a link around two: pictures in the PDF too, set after their
# text (it printed "[alt]", and the link around two pictures was text); no caption in either book.
[ "$(grep -c '^  image ' "$TMP/nested.trace")" = 4 ] && ok "parity: pictures in emphasis, strikethrough and a link are pictures in the PDF" \
	|| not_ok "parity: pictures in emphasis, strikethrough and a link are pictures in the PDF" "$(grep -E '^  (image|text)' "$TMP/nested.trace")"
lacks "parity: ... not their descriptions" "$TMP/nested.trace" '\[(强调中的图|删除线里的图|链接里的一)\]'
[ "$(grep -c '^  link .*->https://example.com/two$' "$TMP/nested.trace")" = 2 ] && ok "parity: ... each picture of the link linked" \
	|| not_ok "parity: ... each picture of the link linked" "$(grep '^  link' "$TMP/nested.trace")"
lacks "parity: ... no caption (the EPUB keeps them in their line)" "$TMP/nested.trace" ' caption$'
# A missing picture linked in a line: both placeholders say where the link goes (the EPUB's did not).
contains "parity: a missing linked picture in a line shows its link in the EPUB" "$TMP/nested.xhtml" \
	'<span class="url">https://example.com/inline</span></span></a>'
contains "parity: ... and in the PDF" "$TMP/nested.trace" '"https://example.com/inline" ->https://example.com/inline$'
# A raw <figure> whose <figcaption> is the caption: its <img> gets none of its own (both books
# printed the alt as a second caption); a raw <img> within a raw <p>'s words is in its line in the
# EPUB, and has no caption in the PDF either (it printed the alt under it).
[ "$(grep -c "The figure's own caption" "$TMP/rawimg.xhtml")" = 1 ] && ok "parity: a raw figure's caption once in the EPUB" \
	|| not_ok "parity: a raw figure's caption once in the EPUB" "$(grep -n 'figure' "$TMP/rawimg.xhtml")"
lacks "parity: ... its picture's alt no second caption in the EPUB" "$TMP/rawimg.xhtml" '<figcaption>A dot in a figure'
lacks "parity: ... nor in the PDF" "$TMP/rawimg.trace" '"A dot in a figure"'
[ "$(grep -c '"One caption for the pair" caption$' "$TMP/rawimg.trace")" = 1 ] \
	&& ok "parity: a raw figure of two pictures has its caption once in the PDF" \
	|| not_ok "parity: a raw figure of two pictures has its caption once in the PDF" "$(grep -n 'pair' "$TMP/rawimg.trace")"
contains "parity: a raw <img> among a raw paragraph's words stays in the EPUB's line" "$TMP/rawimg.xhtml" \
	'<p>Words around <img [^>]*alt="A dot among raw words"/> in a raw paragraph.</p>'
lacks "parity: ... with no caption in the PDF" "$TMP/rawimg.trace" '"A dot among raw words"'
# A raw <img> whose picture is in its srcset (the widest candidate) or in data-src (a page that
# loads pictures late, src a data: stand-in) shows that picture in both books (both showed a
# placeholder or nothing); one that names no picture is reported, and is a placeholder with its
# description in both (the PDF left it out).
for alt in "The widest of a srcset" "A picture loaded late"; do
	contains "parity: $alt: the picture in the EPUB" "$TMP/rawimg.xhtml" "<img src=\"images/[^\"]*\" alt=\"$alt\"/><figcaption>"
	contains "parity: $alt: ... and in the PDF" "$TMP/rawimg.trace" "\"$alt\" caption$"
done
# A src a lazy loader replaces (its class says lazy, or the file is loading.gif) gives way to what
# the page loads instead: data-src, data-original, data-actualsrc (both books showed the stand-in).
for alt in "A picture behind a loading stand-in" "A lazy loader's picture" "Zhihu's late picture"; do
	contains "parity: $alt: the picture in the EPUB" "$TMP/rawimg.xhtml" "<img src=\"images/[^\"]*\" alt=\"$alt\"/><figcaption>"
	contains "parity: $alt: ... and in the PDF" "$TMP/rawimg.trace" "\"$alt\" caption$"
done
# A raw <img> inside a raw <a> is linked in the PDF as in the EPUB: alone, in a figure, in a
# Markdown line; in two links, the outer one (the PDF linked none of them).
for to in full fig inline outer; do
	contains "parity: a raw picture in a raw link to /$to is linked in the EPUB" "$TMP/rawimg.xhtml" \
		"<a href=\"https://example.com/$to\"><img "
	contains "parity: ... and in the PDF" "$TMP/rawimg.trace" "^  link .* ->https://example.com/$to\$"
done
lacks "parity: ... the inner of two links is no link in the PDF" "$TMP/rawimg.trace" '->https://example.com/inner$'
contains "parity: a linked picture in a raw figure: its <figcaption> is its caption in the PDF" "$TMP/rawimg.trace" \
	'"A linked figure'"'"'s caption" caption$'
lacks "parity: ... and no title of the same words on the EPUB's picture" "$TMP/rawimg.xhtml" 'title="A linked figure'
contains "parity: a stand-in with nothing loaded instead stays" "$TMP/rawimg.err" \
	"a.md:38: warning: image 'https://example.com/loading.gif' is not in the image cache"
contains "parity: a raw <img> with no source is reported" "$TMP/rawimg.err" \
	'a.md:26: warning: raw HTML <img> names no picture \(no src, srcset or data-src\); a placeholder shows its description'
contains "parity: ... a placeholder in the EPUB" "$TMP/rawimg.xhtml" \
	'<span class="label">Image not included</span> <span class="alt">A picture with no source</span></div>'
contains "parity: ... and in the PDF" "$TMP/rawimg.trace" '"A picture with no source"$'
# In a Markdown line, an <img> that names no picture says in the PDF what the EPUB's placeholder
# says there (it was its bare description in brackets).
contains "parity: a raw <img> naming no picture in a line: the placeholder's words in the PDF" "$TMP/rawimg.trace" \
	'"A line with \[Image not included: no source in a line\] in it."'
contains "parity: ... as in the EPUB" "$TMP/rawimg.xhtml" \
	'<span class="label">Image not included</span> <span class="alt">no source in a line</span>'
# A missing picture's placeholder says the same in both books: an alt text that says something
# (not 图片, 配图 or a file name), then its caption where that is other words (the PDF printed any
# alt, the EPUB judged alt and caption as one: "DSC_0012.jpg 江边的傍晚").
for word in 图片 配图 图 DSC_0012.jpg; do
	lacks "parity: a missing picture's alt '$word' is not in the EPUB's placeholder" "$TMP/missing.xhtml" \
		"<span class=\"alt\">$word"
	lacks "parity: ... nor in the PDF's" "$TMP/missing.trace" "\"$word\"\$"
done
[ "$(grep -c '"江边的傍晚"$' "$TMP/missing.trace")" = 2 ] && [ "$(grep -c '<span class="alt">江边的傍晚</span>' "$TMP/missing.xhtml")" = 2 ] \
	&& ok "parity: a caption alone, or equal to the alt, is said once in each placeholder of both books" \
	|| not_ok "parity: a caption alone, or equal to the alt, is said once in each placeholder of both books" \
		"$(grep -h '江边的傍晚' "$TMP/missing.trace" "$TMP/missing.xhtml")"
contains "parity: an alt and another caption: both in the EPUB's placeholder" "$TMP/missing.xhtml" \
	'<span class="alt">江边的两个孩子'
contains "parity: ... and in the PDF's" "$TMP/missing.trace" '"摄影：某某"$'
contains "parity: a missing picture in a line with an alt that says something: in the EPUB's placeholder" \
	"$TMP/missing.xhtml" '<span class="alt">放风筝的孩子</span>'
contains "parity: ... and in the PDF's" "$TMP/missing.trace" '"放风筝的孩子"$'
# A blank SVG (a web page's spacer: 91 of the corpus's pictures) shows nothing in either book, decided
# once (media/svgfile.c): the EPUB showed each as a figure a page wide and white, or a gap in its
# line, while the PDF dropped it; its line is one line in the PDF, not two halves around nothing.
lacks "parity: a blank SVG is no picture in the EPUB" "$TMP/spacers.xhtml" '<img src="images/img-(e21c89f2674df204|9ed5d9c55c348ab8)'
unzip -l "$TMP/spacers.epub" >"$TMP/spacers.list"
[ "$(grep -c 'EPUB/images/img-.*\.svg' "$TMP/spacers.list")" = 2 ] && ok "parity: ... nor packed: only the two drawn SVGs are" \
	|| not_ok "parity: ... nor packed: only the two drawn SVGs are" "$(grep images "$TMP/spacers.list")"
contains "parity: ... its line one line in the PDF" "$TMP/spacers.trace" '"一行文字里也有 一个，接着说。"$'
contains "parity: a drawn SVG stays a picture in the EPUB" "$TMP/spacers.xhtml" '<img src="images/img-c9c06c468be834e8.svg" alt="黑色方块"/>'
contains "parity: ... and in the PDF" "$TMP/spacers.trace" 'image .* image/svg\+xml img-c9c06c468be834e8$'
[ "$(grep -c '^  image ' "$TMP/spacers.trace")" = 2 ] && ok "parity: ... with the <use> one, the only pictures in the PDF" \
	|| not_ok "parity: ... with the <use> one, the only pictures in the PDF" "$(grep '^  image' "$TMP/spacers.trace")"
"$FOLIO" -q tests/parity/spacers -t model -o "$TMP/spacers.model"
[ "$(grep -c 'image/svg+xml [0-9]*x[0-9]* blank: shown by neither book$' "$TMP/spacers.model")" = 7 ] \
	&& ok "parity: the model marks the seven blank SVGs, once for every book" \
	|| not_ok "parity: the model marks the seven blank SVGs, once for every book" "$(grep image "$TMP/spacers.model")"
# A raw HTML table's cell with a picture not drawn (a blank one, one not had) crashed the PDF
# (its image nodes' records are found through the raw HTML); a picture not in the book is the
# placeholder's words in a cell of either book (the PDF said "[alt]", or nothing).
contains "parity: a raw table cell's missing picture is the placeholder's words in the PDF" "$TMP/spacers.trace" \
	'"\[图片未收录：远处的图 https://img.example.com/x.png\]"$'
contains "parity: ... as in the EPUB" "$TMP/spacers.xhtml" '<td><div class="placeholder image"><span class="label">图片未收录</span> <span class="alt">远处的图</span>'
contains "parity: ... a blank one in a raw cell shows nothing" "$TMP/spacers.trace" '"字 后"$'
contains "parity: a Markdown cell's missing picture too, in the PDF" "$TMP/spacers.trace" '"\[图片未收录：缺的图 nothere.png\]"$'
# What draws nothing is blank: titles, styles, definitions, empty groups, words straight inside (an
# empty box a page wide with its caption before). An SVG drawn only through <use> of its own
# definitions was blank once cleaned (a placeholder): it is drawn now, in both books. One that draws
# only what another file holds (<image> of a web address) is a placeholder, said.
contains "parity: an SVG drawn through <use> of its own definitions is a picture in the EPUB" "$TMP/spacers.xhtml" \
	'<img src="images/img-7bdbde9f9b427f3c.svg" alt="红色条形图"/>'
contains "parity: ... and in the PDF" "$TMP/spacers.trace" 'image .* image/svg\+xml img-7bdbde9f9b427f3c$'
contains "parity: an SVG drawn only through another file is a placeholder, said" "$TMP/spacers.err" \
	"c.md:18: warning: image 'elsewhere.svg' is an SVG whose drawing is all in what folio leaves out"
contains "parity: ... its placeholder in the EPUB" "$TMP/spacers.xhtml" '<span class="alt">远处的条形图</span>'
contains "parity: ... and in the PDF" "$TMP/spacers.trace" '"远处的条形图"$'
contains "parity: a raw figure's caption around a blank picture is kept in the PDF, as in the EPUB" "$TMP/spacers.trace" \
	'"空白图的图注" caption$'
contains "parity: ... (the EPUB's)" "$TMP/spacers.xhtml" '<figcaption>空白图的图注</figcaption>'
# A raw link with nothing to read or see (around a blank picture, or empty) is no link: the EPUB
# wrote an empty <a>, which DAISY Ace calls a serious fault (link-name).
lacks "parity: no empty link around a blank picture in the EPUB" "$TMP/spacers.xhtml" '<a href="https://example.com/z"></a>'
lacks "parity: ... nor an empty raw link" "$TMP/spacers.xhtml" '<a href="https://example.com/e">'
contains "parity: ... its words kept" "$TMP/spacers.xhtml" '<p>空链接 之后。</p>'

# A heading with no words is no heading, in both books: a picture alone (no alt) was an <h2> around
# it in the EPUB and lost from the PDF without a word; a blank spacer or nothing at all was an
# empty <h2> (DAISY Ace: empty-heading). Now a paragraph of what it holds, or nothing.
mkdir -p "$TMP/wordless"
printf '%s' 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8AARAxg8j8AG/ID/fPnS7EAAAAASUVORK5CYII=' | base64 -d >"$TMP/wordless/logo.png"
printf -- '---\ntitle: 无字标题\ndate: 2024-01-01\n---\n\n第一段。\n\n## ![](logo.png)\n\n## <img src="data:image/svg+xml;base64,PHN2ZyB2aWV3Ym94PSIwIDAgMSAxIj48L3N2Zz4=">\n\n##\n\n## &nbsp;\n\n## \342\200\213\n\n## 真标题\n\n第二段。\n' \
	>"$TMP/wordless/a.md"
"$FOLIO" -q "$TMP/wordless" -o "$TMP/wordless.epub"
"$FOLIO" -q "$TMP/wordless" -t trace -o "$TMP/wordless.trace"
tests/epub/textof.py "$TMP/wordless.epub" 'EPUB/a0001.xhtml' >"$TMP/wordless.xhtml"
lacks "parity: a heading with no words is no heading in the EPUB" "$TMP/wordless.xhtml" '<h2[^>]*>(<img[^>]*>)?</h2>'
contains "parity: ... its picture a figure" "$TMP/wordless.xhtml" '<figure class="image"><img src="images/img-[0-9a-f]{16}\.png" alt=""/></figure>'
contains "parity: ... and a picture in the PDF" "$TMP/wordless.trace" '^  image .* image/png img-[0-9a-f]{16}$'
[ "$(grep -c '<h2' "$TMP/wordless.xhtml")" = 1 ] && ok "parity: ... the heading with words the only one" \
	|| not_ok "parity: ... the heading with words the only one" "$(grep '<h2' "$TMP/wordless.xhtml")"
epubcheck_ok "parity: ... EPUBCheck passes it" "$TMP/wordless.epub"

# Its {#id} names where it stood: the section's heading, or before every heading the article's top.
# The id went with the heading, so links to it became text and nothing was said.
mkdir -p "$TMP/wordless-id"
printf -- '---\ntitle: A\n---\n\nGo [to the spot](#spot), [to the top](#first).\n\n## {#first}\n\nBefore.\n\n## Real heading\n\nText.\n\n## &nbsp; {#spot}\n\nMore.\n' \
	>"$TMP/wordless-id/a.md"
printf -- '---\ntitle: B\n---\n\nSee [there](a.md#spot).\n' >"$TMP/wordless-id/b.md"
"$FOLIO" -q "$TMP/wordless-id" -o "$TMP/wordless-id.epub"
"$FOLIO" -q "$TMP/wordless-id" -t trace -o "$TMP/wordless-id.trace"
tests/epub/textof.py "$TMP/wordless-id.epub" 'EPUB/a0001.xhtml' >"$TMP/wordless-id.xhtml"
tests/epub/textof.py "$TMP/wordless-id.epub" 'EPUB/a0002.xhtml' >"$TMP/wordless-id-b.xhtml"
contains "parity: a wordless heading's {#id} goes to its section's heading (EPUB)" "$TMP/wordless-id.xhtml" \
	'<a href="#a0001-h1">to the spot</a>'
contains "parity: ... before every heading, to the article's top" "$TMP/wordless-id.xhtml" '<a href="a0001.xhtml">to the top</a>'
contains "parity: ... from another article too" "$TMP/wordless-id-b.xhtml" '<a href="a0001.xhtml#a0001-h1">there</a>'
contains "parity: ... and the same in the PDF" "$TMP/wordless-id.trace" '"Go to the spot, to the top." ->#a0001-h1 ->#a0001$'
contains "parity: ... from another article too (PDF)" "$TMP/wordless-id.trace" '"See there." ->#a0001-h1$'
