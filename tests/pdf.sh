# pdf.sh - the PDF: layout golden traces (tests/pdf/NAME.trace), then the PDF itself checked with
# poppler, qpdf and PyMuPDF: fonts embedded as subsets, text and its order, links, outline, metadata,
# determinism, atomic output, messages for bad settings.
. "$(dirname "$0")/lib.sh"

P=tests/pdf
SMALL=(--page-size A6)

# trace NAME SOURCE ARGS...: the layout of SOURCE as text, against tests/pdf/NAME.trace and NAME.err.
trace() {
	local name=$1 src=$2; shift 2
	"$FOLIO" "$src" "$@" -t trace -o "$TMP/$name.trace" 2>"$TMP/$name.err"
	echo "exit $?" >>"$TMP/$name.err"
	golden "trace: $name" "$P/$name.trace" "$TMP/$name.trace"
	golden "trace: $name messages" "$P/$name.err" "$TMP/$name.err"
}

trace widows $P/widows.md "${SMALL[@]}"
trace headings $P/headings.md "${SMALL[@]}"
trace table $P/table.md "${SMALL[@]}"
trace htmltable $P/htmltable.md "${SMALL[@]}"
trace inlinehtml $P/inlinehtml.md "${SMALL[@]}"
trace blocks $P/blocks.md "${SMALL[@]}"
trace footnotes $P/footnotes.md "${SMALL[@]}"
trace images $P/images "${SMALL[@]}"
trace tablepics $P/tablepics "${SMALL[@]}"
trace book $P/book "${SMALL[@]}"
trace two-sided $P/book "${SMALL[@]}" --two-sided
trace parts $P/parts "${SMALL[@]}" --two-sided
trace deep $P/deep.md "${SMALL[@]}"
# French, German, Spanish, Italian, Russian and Korean articles: their words hyphenated by their
# own patterns (Russian's in KOI8-R; Italian's after an elision: "all'elettrifica-"), a heading's
# word wider than the measure broken at a hyphenation point, each article's date and the book's
# labels in its language ("2. März 2024", "4 марта 2024 г.", "2024년 3월 5일", "Table des matières").
trace languages $P/languages "${SMALL[@]}"
trace cover $P/parts "${SMALL[@]}" --two-sided --cover $P/images/wide.jpg
# The line grid: one page holding every kind of block (A4), and facing pages with the grid drawn.
trace grid $P/grid --page-size A4
trace grid-spread $P/grid "${SMALL[@]}" --two-sided --show-grid

# ---- properties of the traces, beyond the golden files ----
# Each property is also asked of the trace's size: a property of an empty or cut-short trace
# (folio failed, wrote nothing) must fail, not pass for lack of anything to fault.
# count FILE PATTERN: lines of FILE matching the grep -E PATTERN (0 when FILE is missing).
count() { cat "$1" 2>/dev/null | grep -cE -- "$2"; }
# big_enough FILE PAGES TEXTS: FILE has at least PAGES pages and TEXTS lines of text.
big_enough() { [ "$(count "$1" '^page ')" -ge "$2" ] && [ "$(count "$1" '^  text ')" -ge "$3" ]; }
t=$TMP/widows.trace
awk '/^page /{n++} END{exit !(n>=4)}' "$t" && ok "widows: the fixture breaks across pages" || not_ok "widows: breaks across pages"
# Body lines of the article pages: at the left edge of the text (where the article's
# destination is) they continue a paragraph, 2 em (21 pt) further in they start one.
# Orphan: a page ending on a paragraph's first line. Widow: a page starting with one line
# of a paragraph begun before (a continuation followed by a new paragraph).
left=$(awk '/^  dest a0001 /{print $3; exit}' "$t")
indent=$(awk -v l="$left" 'BEGIN{printf "%.1f", l + 21}')
# The fixture (tests/pdf/widows.md) is built so that without the rule page 4 would end on the first
# line of a three-line paragraph and page 6 start with the last line of a long one: the rule must
# act, and paragraphs must still run on across pages (at least two page breaks inside one).
faults=$(awk -v L="$left" -v I="$indent" '
	function done() { if (n && line[n] == I) print "orphan on page " page;
			  if (n >= 2 && cont && line[1] == L && line[2] == I) print "widow on page " page;
			  if (n && cont && line[1] == L) runs_on++ }
	/^page / { done(); page = $2; n = 0; cont = page > 3; next }
	/^  text / && $3 > 50 && $3 < 380 && ($2 == L || $2 == I) { line[++n] = $2; lines++ }
	END { done(); if (lines < 40) print "only " lines " body lines seen";
	      if (runs_on < 2) print "only " runs_on + 0 " pages continue a paragraph" }' "$t")
[ -n "$left" ] && [ -z "$faults" ] && ok "widows: no widows or orphans" || not_ok "widows: no widows or orphans" "left edge '$left'; $faults"
page_of() { awk -v s="$2" '/^page /{p=$2} index($0, s){print p; exit}' "$1"; }
[ "$(page_of "$t" '"第三段')" != "$(page_of "$t" '不同的位置被分开。"')" ] && ok "widows: a long paragraph is split across pages" \
	|| not_ok "widows: a long paragraph is split across pages"
t=$TMP/headings.trace
h=$(page_of "$t" '"A heading near the bottom"')
[ -n "$h" ] && [ "$h" = "$(page_of "$t" '"The paragraph after the heading.')" ] \
	&& ok "headings: kept with the next lines" || not_ok "headings: kept with the next lines" "$(grep -n 'heading' "$t")"
t=$TMP/table.trace
[ "$(grep -c '"港口"' "$t")" -ge 2 ] && ok "table: header repeated after a page break" \
	|| not_ok "table: header repeated after a page break" "$(grep -n '港口' "$t")"
t=$TMP/images.trace
grep -q 'image .* image/jpeg' "$t" && ok "images: JPEG placed" || not_ok "images: JPEG placed"
awk '/^page /{p=$2} /image\/png/ && / [0-9.]+x([0-9.]+) /{print}' "$t" >/dev/null
tall=$(awk '/image\/png/{split($4, s, "x"); if (s[2] + 0 > h) h = s[2] + 0} END{print h}' "$t")
awk -v h="$tall" 'BEGIN{exit !(h > 200 && h < 420 - 40)}' && ok "images: a picture taller than a page is scaled to fit ($tall pt)" \
	|| not_ok "images: a picture taller than a page is scaled to fit" "height $tall"
t=$TMP/tablepics.trace
# Pictures in table cells were described ("[alt]") in a Markdown table and lost, row and all, in a
# raw HTML one, where the EPUB shows them: each cell shows its pictures now, below its words.
[ "$(count "$t" '^  image ')" = 16 ] && ok "table pictures: ten cells show their sixteen pictures" \
	|| not_ok "table pictures: sixteen pictures" "$(grep -n '^  image ' "$t")"
# Pictures without captions stand side by side while they fit, as in the EPUB's line (six dots,
# after the one among words: as many as the column holds, then the rest on the next line from its
# start), and a <br> puts the next on a line of its own.
awk '/^  image .*img-169165f56d6f2ce4/{n++; x[n - 1] = $2; y[n - 1] = $3}
     END{k = 1; while (k < 6 && y[k + 1] == y[1] && x[k + 1] > x[k]) k++
         exit !(n == 7 && k >= 2 && k < 6 && y[k + 1] > y[1] && x[k + 1] == x[1])}' "$t" \
	&& ok "table pictures: side by side while they fit, then on the next line" \
	|| not_ok "table pictures: side by side" "$(grep -n 'img-169165f56d6f2ce4' "$t")"
awk '/^  image .*img-f5e57f35f494d0c3/{n++; x[n] = $2; y[n] = $3} END{exit !(n == 6 && x[4] == x[5] && y[5] > y[4] + 45)}' "$t" \
	&& ok "table pictures: a line break puts the next picture under the first" \
	|| not_ok "table pictures: line break" "$(grep -n 'img-f5e57f35f494d0c3' "$t")"
tall=$(awk '/^  image .*img-658e287b6f356b3f/{print $4; exit}' "$t")
grep -q "^  link [0-9.]* [0-9.]* $tall ->https://example.com/tall\$" "$t" \
	&& ok "table pictures: a linked picture is clickable where it is drawn" || not_ok "table pictures: link" "$(grep -n '^  link ' "$t")"
awk -v s="$tall" 'BEGIN{split(s, d, "x"); exit !(d[2] > 150 && d[2] < 420 - 60)}' \
	&& ok "table pictures: a picture taller than a page fits one with its row ($tall)" || not_ok "table pictures: tall" "$tall"
# A picture among a cell's words was described: it is set below them, as a paragraph's pictures
# follow its text, the words without it; after a link, bold, or a picture first.
awk '/^page /{p = $2} /^  text .*"See here"$/{tp = p; ty = $3}
     /^  image .*img-f5e57f35f494d0c3/{n++; if (n == 2) {ip = p; iy = $3}}
     END{exit !(tp != "" && ip == tp && iy > ty)}' "$t" && ok "table pictures: a picture among words is set below them" \
	|| not_ok "table pictures: picture among words" "$(grep -nE '"See|f5e57f35' "$t")"
lacks "table pictures: ... and not described" "$t" '\[a small picture\]'
awk '/^  text .*"then bold/{ty = $3}
     /^  image .*img-169165f56d6f2ce4/{if (!iy) iy = $3}
     END{exit !(ty != "" && iy > ty)}' "$t" && ok "table pictures: a picture before words, with bold and a link, goes below them" \
	|| not_ok "table pictures: picture before words" "$(grep -nE 'then bold|169165f5' "$t")"
# Words above a picture too tall to follow them on their page: the picture starts the next page.
awk '/^page /{p = $2} /^  text .*"Words over a/{tp = p}
     /^  image .*img-658e287b6f356b3f/{n++; if (n == 2) {ip = p; iy = $3}}
     END{exit !(tp != "" && ip == tp + 1 && iy < 100)}' "$t" && ok "table pictures: a picture that cannot follow its words on their page starts the next" \
	|| not_ok "table pictures: tall picture after words" "$(grep -nE '^page|Words over|658e287b' "$t")"contains "table pictures: a picture not here is described" "$t" '"\[A picture not"$'
contains "table pictures: a raw cell's picture has the EPUB's caption" "$t" '"Orange in a raw table" caption$'
lacks "table pictures: a Markdown cell's picture has none, as in the EPUB" "$t" '"A small orange picture" caption'
awk '/^  image .*img-f5e57f35f494d0c3/{n++; if (n == 6) y = $3} /"Orange in a raw table"/{c = $3}
     END{exit !(y != "" && c > y + 45)}' "$t" && ok "table pictures: the caption under its picture" \
	|| not_ok "table pictures: caption under picture" "$(grep -nE 'f5e57f35|Orange' "$t")"
# A header row that fills a page by itself, above a picture cell: the picture had a negative size.
mkdir -p "$TMP/bighead" && cp "$P/tablepics/tall.png" "$TMP/bighead/"
{ printf -- '---\ntitle: A header row a page long\nlang: en\n---\n\n| '; seq -f 'word%g' 600 | tr '\n' ' '
  printf '| b |\n| --- | --- |\n| ![Tall](tall.png) | y |\n'; } >"$TMP/bighead/a.md"
timeout 60 "$FOLIO" "$TMP/bighead" "${SMALL[@]}" --offline -q -t trace -o "$TMP/bighead.trace"
awk '/^  image /{split($4, d, "x"); if (d[1] > 1 && d[2] > 50) good++; n++} END{exit !(n == 1 && good == 1)}' "$TMP/bighead.trace" \
	&& ok "table pictures: below a header a page long, a picture keeps a quarter of a page" \
	|| not_ok "table pictures: below a page-long header" "$(grep -n '^  image ' "$TMP/bighead.trace")"
# A table whose head's words do not fit (a press release's figures): the head's words break, at
# hyphenation points even in capitals; the cells under it keep theirs ("Misse / d" in four rows).
timeout 60 "$FOLIO" $P/widehead.md --page-size A5 -q -t trace -o "$TMP/widehead.trace"
t=$TMP/widehead.trace
contains "wide table head: a cell's word under it whole" "$t" '^  text .* "Missed"$'
lacks "wide table head: ... not broken" "$t" '"Misse"$'
contains "wide table head: a head's word in capitals hyphenated" "$t" '"QUAR-"$'
lacks "wide table head: ... not broken at a letter" "$t" '"QUART"$'
t=$TMP/book.trace
# The contents give each article the page it starts on.
for n in 1 2 3; do
	want=$(awk -v n="$n" '/^page /{label=$5} $0 ~ "dest a000" n " "{print label; exit}' "$t")
	got=$(awk -v n="$n" '$0 ~ "^  text .*\"[0-9]+\" ->#a000" n "$" {gsub(/"/, "", $4); print $4; exit}' "$t")
	[ -n "$want" ] && [ "$want" = "$got" ] && ok "contents: article $n on page $want" \
		|| not_ok "contents: article $n page number" "contents say '$got', article starts on '$want'"
done
t=$TMP/two-sided.trace
bad=$(awk '/^page /{side=$3} /dest a000[0-9] /{ if (side != "right") print }' "$t")
[ "$(count "$t" '^  dest a000[0-9] ')" -ge 3 ] && [ -z "$bad" ] && ok "two-sided: every article starts on a right-hand page" \
	|| not_ok "two-sided: articles on right-hand pages" "$(count "$t" '^  dest a000[0-9] ') articles; $bad"
blank=$(awk '/^page /{if (p && n == 0) c++; p=1; n=0; next} {n++} END{print c + 0}' "$t")
[ "$blank" -ge 1 ] && ok "two-sided: blank pages inserted ($blank)" || not_ok "two-sided: blank pages inserted"
blank1=$(awk '/^page /{if (p && n == 0) c++; p=1; n=0; next} {n++} END{print c + 0}' "$TMP/book.trace")
big_enough "$TMP/book.trace" 6 50 && [ "$blank1" = 0 ] && ok "one-sided: no blank pages" \
	|| not_ok "one-sided: no blank pages" "$blank1 blank of $(count "$TMP/book.trace" '^page ') pages"
t=$TMP/parts.trace
grep -q 'outline 0 "城市" ->p01' "$t" && grep -q 'outline 1 "城市漫步" ->a0002' "$t" \
	&& ok "parts: part pages and articles nested in the outline" || not_ok "parts: outline nesting" "$(grep outline "$t")"

t=$TMP/cover.trace
head -2 "$t" | grep -q '^  cover img-' && ok "cover: the cover image fills page 1" || not_ok "cover: page 1" "$(head -3 "$t")"
awk '/^page /{pages++; p = ($2 == 2); next} p && /^  /{n++} END{exit n != 0 || pages < 10}' "$t" && ok "cover: its back is blank when two-sided" \
	|| not_ok "cover: blank back" "$(sed -n '/^page 2 /,/^page 3 /p' "$t" | head -5); $(count "$t" '^page ') pages"
t=$TMP/footnotes.trace
grep -q '"正文里的注释编号1.*" ->#a0001-fn1$' "$t" && grep -q 'dest a0001-fn1 ' "$t" && ok "footnotes: the call links to the note" \
	|| not_ok "footnotes: call to note" "$(grep -n 'fn' "$t")"
grep -q '"1\." ->#a0001-fnref1' "$t" && grep -q 'dest a0001-fnref1 ' "$t" && ok "footnotes: the note links back" \
	|| not_ok "footnotes: note back to call" "$(grep -n 'fn' "$t")"
[ "$(grep -c 'dest a0001-fnref1 ' "$t")" = 1 ] && ok "footnotes: a note called twice has one way back" || not_ok "footnotes: one way back"
t=$TMP/htmltable.trace
# A raw HTML table was its text, a block a line and a row's cells run together ("TypeDescription").
awk '/^  text / && /"Type"$/{ty = $3; tx = $2} /^  text / && /"Description"$/{dy = $3; dx = $2}
     END{exit !(ty != "" && ty == dy && dx > tx + 20)}' "$t" && ok "raw HTML table: a row's cells side by side" \
	|| not_ok "raw HTML table: a row's cells side by side" "$(grep -nE '"(Type|Description)"' "$t")"
[ "$(count "$t" '^  rule ')" -ge 8 ] && ok "raw HTML table: ruled as a table" || not_ok "raw HTML table: ruled" "$(count "$t" '^  rule ') rules"
contains "raw HTML table: Markdown's marks shown as written" "$t" '"\*star\* _under_ \[brackets\]"$'
contains "raw HTML table: entities and a backslash as written" "$t" '"<angle> & \\\\back"$'
contains "raw HTML table: a pipe in code kept" "$t" '"a\|b `x`"$'
contains "raw HTML table: a cell spanning columns, its line break kept" "$t" '"second line"$'
contains "raw HTML table: a table inside a cell is its text" "$t" '"cells"$'
lacks "raw HTML table: no script text" "$t" 'alert'
contains "raw HTML table: its header repeated after a page break" <(grep -A3 '^page 5 ' "$t") '"Name"$'
contains "raw HTML table too wide for a page: a row a line, its cells apart" "$t" '"first second"$'
t=$TMP/inlinehtml.trace
# Inline raw HTML as the EPUB writes it: the PDF had dropped every tag, text that only looks like one
# ("Vector<int>") with it, and the links and looks the tags gave (found on CloudWeGo's docs: 851 <a>).
contains "inline HTML: text that is no tag stays text" "$t" '"泛型 Vector<int> 与 Map<String,"$'
contains "inline HTML: <id> and CDATA are text" "$t" '"Object>，字段 <id> 和 a<b 照原样是文字。"$'
contains "inline HTML: <a href> links" "$t" '"链接 示例网站 与 粗体、加粗、强调、" ->https://example.com/x$'
lacks "inline HTML: no link to a relative path or a script" "$t" '->(/docs|javascript)'
contains "inline HTML: a link inside a link keeps the outer one" "$t" '"外层 内层 链接 只链到外层。" ->https://a.example/$'
contains "inline HTML: the text after a script never closed is kept (as in the EPUB)" "$t" '未闭合的脚本后面的文字'
lacks "inline HTML: no script text" "$t" 'alert'
# A raw <img> in a line is set apart like ![alt](src) there (here its placeholder); it was "[alt]".
contains "inline HTML: a picture in a line is set apart (its placeholder)" "$t" '"示意图"$'
contains "inline HTML: ... the line goes on after it, an embed its note" "$t" '"和视频 嵌入内容'
"$FOLIO" -q "$P/inlinehtml.md" "${SMALL[@]}" -o "$TMP/inlinehtml.pdf" 2>/dev/null
/usr/bin/python3 - "$TMP/inlinehtml.pdf" >"$TMP/inlinehtml.fonts" 2>&1 <<'PY'
import sys, fitz
spans = [s for p in fitz.open(sys.argv[1]) for b in p.get_text("dict")["blocks"] for l in b.get("lines", []) for s in l["spans"]]
def span(word):
    return next((s for s in spans if word in s["text"]), None)
body, bold, em, code, sup = span("链接"), span("粗体"), span("强调"), span("code()"), span("x")
print("body", body and body["font"], body and round(body["size"], 1))
print("bold", bold and bold["font"] != body["font"])
print("em", em and "Kai" in em["font"])
print("code", code and "Mono" in code["font"])
after = spans[spans.index(sup) + 1] if sup in spans else None
print("sup", after is not None and after["text"].startswith("2") and after["size"] < body["size"] * 0.8)
print("bold-to-end", (span("一直到段尾") or {}).get("font") == bold["font"] and (span("不受影响") or {}).get("font") == bold["font"])
PY
for k in bold em code sup bold-to-end; do contains "inline HTML in the PDF's fonts: $k" "$TMP/inlinehtml.fonts" "^$k True$"; done
printf -- '---\ntitle: c\n---\n\n<table><tr><th>A</th></tr><tr><td>use <code>x</code>, then <code>a</code><code>b</code> and<pre>p1</pre>after</td></tr></table>\n' >"$TMP/code.md"
"$FOLIO" -q "$TMP/code.md" -t trace -o "$TMP/code.trace"
contains "raw HTML table: inline code as in HTML (no space added around it, two in a row)" "$TMP/code.trace" '"use x, then ab and"$'
contains "raw HTML table: a <pre> in a cell on lines of its own" "$TMP/code.trace" '"p1"$'
# Six columns, one holding a long word: the columns too narrow for their words (found on CloudWeGo's
# docs) each keep four characters, not one a line ("默 / 认 / 值"; on A6 a line started "：[0").
printf -- '---\ntitle: 列宽\nlang: zh-CN\n---\n\n| 策略 | 默认值 | 说明 | 限制 | 对比 | 对比二 |\n|---|---|---|---|---|---|\n| MaxRetryTimes | 1 | retry.RegisterDDLStop(ddlStopFunc) 注册 | 合法值：[0-3] | 合法值：[0-2] | 相同 |\n' >"$TMP/narrow.md"
"$FOLIO" -q "$TMP/narrow.md" -t trace -o "$TMP/narrow.trace"
"$FOLIO" -q "$TMP/narrow.md" "${SMALL[@]}" -t trace -o "$TMP/narrow-a6.trace"
contains "table: a narrow column keeps four characters a line (A5)" "$TMP/narrow.trace" '"默认值"$'
if [ "$(count "$TMP/narrow-a6.trace" '"合法')" = 2 ]; then lacks "table: no line of a cell starts with a stop (A6)" "$TMP/narrow-a6.trace" '"：'
else not_ok "table: no line of a cell starts with a stop (A6)" "$(grep -c . "$TMP/narrow-a6.trace") lines of trace"; fi
# A column of Western text keeps its widest word as its narrowest (on the shared corpus's tables).
printf -- '---\ntitle: Widths\nlang: en\n---\n\n| Flat Type | Block | Stacks | Floor Level | Reasons |\n|---|---|---|---|---|\n| 2-Room Flexi (Type 1) | 208A | 242 | Must surpass MSCP | Overlooks the facilities in the development and is situated in the corner, more privacy |\n' >"$TMP/west.md"
"$FOLIO" -q "$TMP/west.md" -t trace -o "$TMP/west.trace"
contains "table: a Western column is not held to four characters" "$TMP/west.trace" '"\(Type 1\)"$'
t=$TMP/blocks.trace
if big_enough "$t" 5 40; then lacks "raw HTML: no script text" "$t" 'alert|never'
else not_ok "raw HTML: no script text" "a trace of $(count "$t" '^page ') pages"; fi
contains "raw HTML: its text shown" "$t" '"Raw HTML shows only its text\."'
contains "links: external link on its words" "$t" '" ->https://example.com/a$'
contains "placeholder: the missing picture's address" "$t" 'https://example.com/missing.jpg'
contains "placeholder: framed" "$t" '^  frame '
awk '/^  text /{ n++; if ($2 + 0 < 50.9) bad++ } END{exit bad > 0 || n < 40}' "$t" && ok "long URL: nothing left of the margin" \
	|| not_ok "long URL: margin" "$(awk '/^  text / && $2 + 0 < 50.9' "$t" | head -3); $(count "$t" '^  text ') lines"
contains "links: a link to another article goes inside the book" "$TMP/book.trace" '->#a0001$'

off=$(awk '/^  text/{ if ($2 + 0 < 51 || $2 + 0 > 252.4) print }' "$TMP/deep.trace")
big_enough "$TMP/deep.trace" 6 80 && [ -z "$off" ] && ok "deep nesting: quotes and lists stay inside the text area" \
	|| not_ok "deep nesting: inside the text area" "$(count "$TMP/deep.trace" '^  text ') lines; $off"

# Contents against the pages where the articles start, for every fixture with contents.
for f in book two-sided parts cover; do
	bad=$(awk '/^page /{label=$5} /^  dest a[0-9]+ /{start[$2]=label}
		/^  text .*"[0-9]+" ->#a[0-9]+$/ {n=$NF; sub("->#", "", n); num=$0; sub(/^  text [0-9.]+ [0-9.]+ "/, "", num);
			sub(/".*/, "", num); toc[n]=num}
		END{for (a in toc) if (toc[a] != start[a]) print a " listed on " toc[a] ", starts on " start[a];
		    if (length(toc) < 3) print "only " length(toc) " entries in the contents"}' "$TMP/$f.trace")
	[ -z "$bad" ] && ok "contents: $f page numbers right" || not_ok "contents: $f page numbers" "$bad"
done

# The grid on facing pages: --show-grid's em boxes (rules 0.25 pt high across the text area) lie at the
# same heights on a left and a right page while the text area moves with the mirrored margins, and on the
# article's inner spread (pages 8 and 9) every line of body text (at the text area's left edge or its 2 em
# indent) has its baseline 1.26 pt (0.12 em)
# above an em box's bottom rule (9.24 pt below its top rule), to the trace's tenth of a point.
t=$TMP/grid-spread.trace
faults=$(awk '
	/^page / { p = $2; side[p] = $3; next }
	NR == FNR && /^  frame / { fx[p] = $2; top[p] = $3; next }
	NR == FNR && /^  rule / && $4 ~ /x0\.2$/ && $4 !~ /^0\.2x/ { key[p] = key[p] " " $3
		for (d = -1; d <= 1; d++) { on[p, int(($3 + 9.24) * 4) + d] = 1; on[p, int(($3 - 1.26) * 4) + d] = 1 }
		next }
	NR != FNR && /^  text / && (p == 8 || p == 9) && $3 > top[p] && $3 < top[p] + 294.4 && ($2 == fx[p] || $2 == fx[p] + 21) {
		body++; if (!((p, int($3 * 4)) in on)) print "page " p ": body line at " $3 " off the grid" }
	END { for (q in side) if (q > 1 && side[q] == "right" && (q - 1) in side) {
			spreads++
			if (key[q] == "" || key[q] != key[q - 1]) print "pages " q - 1 " and " q ": the em boxes differ"
			if (fx[q] == fx[q - 1]) print "pages " q - 1 " and " q ": the text area does not move with the margins" }
	      if (body < 4 || spreads < 4) print "only " body + 0 " body lines on " spreads + 0 " spreads seen" }' "$t" "$t")
[ -z "$faults" ] && ok "grid: facing pages share one grid; every body line on it" || not_ok "grid: facing pages share one grid" "$faults"
pdfcheck=${PDFCHECK:-$ROOT/../shared/tools/pdfcheck}
[ -x "$pdfcheck" ] || pdfcheck=/work/shared/tools/pdfcheck
if [ -x "$pdfcheck" ]; then
	for size in A4 A6; do
		"$FOLIO" -q $P/grid --page-size $size --two-sided -o "$TMP/grid-$size.pdf"
		"$pdfcheck" "$TMP/grid-$size.pdf" >"$TMP/grid-$size.check" 2>&1
		check "grid: pdfcheck finds no fault in the grid fixture ($size)" "$pdfcheck" "$TMP/grid-$size.pdf"
		contains "grid: pdfcheck puts every body line on one grid ($size)" "$TMP/grid-$size.check" ' grid=100\.0% off_grid=0$'
	done
	# Code indented wider than the measure (a hugo-book site's XML): its text was set past the
	# margin, its first character off the page. It goes below a line of the spaces alone.
	mkdir -p "$TMP/indent"
	{ printf -- '---\ntitle: 代码缩进\n---\n\n正文。\n\n```\nabc\n'
	  printf '%92s或者{workspaces}文件中\n%92s搜索<input factoryID=x>\n%80s# comment here\n' '' '' ''
	  printf '\t%.0s' $(seq 20); printf 'tabbed line\n```\n'; } >"$TMP/indent/a.md"
	for size in A5 A6; do
		"$FOLIO" -q "$TMP/indent" --page-size $size -o "$TMP/indent-$size.pdf"
		check "code indented past the measure: pdfcheck finds no overflow ($size)" "$pdfcheck" "$TMP/indent-$size.pdf"
		pdftotext "$TMP/indent-$size.pdf" - | tr -d ' \n' >"$TMP/indent-$size.txt"
		contains "code indented past the measure: every character kept ($size)" "$TMP/indent-$size.txt" \
			'abc或者\{workspaces\}文件中搜索<inputfactoryID=x>#commentheretabbedline'
	done
else
	not_ok "grid: pdfcheck on the grid fixture" "no pdfcheck at $pdfcheck (set PDFCHECK)"
fi

# A block quote's bar runs unbroken down the quote, past the space between its paragraphs, its
# list items and beside its code; two quotes in a row keep two bars (it was broken at each gap).
mkdir -p "$TMP/bars"
printf -- '---\ntitle: Quote\n---\n\n> First paragraph.\n>\n> Second paragraph.\n>\n> - an item\n> - another\n>\n> ```\n> code\n> ```\n\n> Another quote.\n>\n> > Nested.\n>\n> Back out.\n\nEnd.\n' >"$TMP/bars/a.md"
"$FOLIO" -q "$TMP/bars" -t trace -o "$TMP/bars.trace"
# The bars (rules 1.2 wide), by x: each run of touching pieces one bar; "x top bottom" a line each.
awk '$1 == "rule" && $4 ~ /^1\.2x/ { split($4, wh, "x"); x = $2; y = $3; h = wh[2]
	if (x in end && (y - end[x]) < 0.15 && (y - end[x]) > -0.15) { end[x] = y + h; next }
	if (x in end) print x, top[x], end[x]
	top[x] = y; end[x] = y + h }
	END { for (x in end) print x, top[x], end[x] }' "$TMP/bars.trace" | sort -k2n >"$TMP/bars.runs"
[ "$(awk '$1 == x' x="$(head -1 "$TMP/bars.runs" | cut -d' ' -f1)" "$TMP/bars.runs" | wc -l)" = 2 ] \
	&& [ "$(wc -l <"$TMP/bars.runs")" = 3 ] && ok "quote bars: one unbroken bar a quote, two quotes in a row two, the nested one its own" \
	|| not_ok "quote bars: one unbroken bar a quote, two quotes in a row two, the nested one its own" "$(cat "$TMP/bars.runs"; grep rule "$TMP/bars.trace")"
# The first bar reaches from its first line to the foot of its code.
code_foot=$(awk '$1 == "text" && $4 == "\"code\"" { print $3 }' "$TMP/bars.trace")
awk -v c="$code_foot" 'NR == 1 && $3 > c { found = 1 } END { exit !found }' "$TMP/bars.runs" \
	&& ok "quote bars: down past the code's last line" || not_ok "quote bars: down past the code's last line" "code at $code_foot: $(cat "$TMP/bars.runs")"

# Right-to-left text (Hextra's Persian docs) was set left to right: a line's words ran backwards.
# A Persian paragraph reads from the right edge leftwards, its Latin word inside left to right; its
# list markers and quote bar stand on the right; Persian words in an English line take their place.
mkdir -p "$TMP/rtl"
printf -- '---\ntitle: برای تغییر لوگو\nlang: fa\n---\n\nبرای تغییر لوگوی سایت، فایل logo.svg را جایگزین کنید.\n\n- مورد اول\n\n> نقل قول\n' >"$TMP/rtl/a.md"
"$FOLIO" -q "$TMP/rtl" -o "$TMP/rtl.pdf"
mkdir -p "$TMP/rtl-en"
printf -- '---\ntitle: Mixed\nlang: en\n---\n\nThe words **کتاب** خوب are Persian.\n' >"$TMP/rtl-en/a.md"
"$FOLIO" -q "$TMP/rtl-en" -o "$TMP/rtl-en.pdf"
/usr/bin/python3 - "$TMP/rtl.pdf" "$TMP/rtl-en.pdf" >"$TMP/rtl.check" 2>&1 <<'PY'
import sys, fitz

def chars(path):
    doc = fitz.open(path)
    page = doc[-1]
    return page.rect.width, [(c["c"], c["bbox"][0], c["bbox"][2]) for b in page.get_text("rawdict")["blocks"]
                             for l in b.get("lines", []) for s in l["spans"] for c in s["chars"]]

width, cs = chars(sys.argv[1])
text = "".join(c for c, _, _ in cs)
start = text.index("برای تغییر لوگوی")
para = cs[start:start + len("برای تغییر لوگوی سایت، فایل logo.svg را جایگزین کنید.")]
first, last = para[0], para[-1]
l = next(c for c in para if c[0] == "l")
g = next(c for c in para if c[0] == "g")
print("order", "ok" if first[1] > l[1] > last[1] else "bad", "latin", "ok" if l[1] < g[1] else "bad",
      "right", "ok" if first[2] > width * 0.8 else "bad")
bullet = next(c for c in cs if c[0] == "•")
print("marker", "ok" if bullet[1] > width * 0.8 else "bad")
x = {c: x0 for c, x0, _ in chars(sys.argv[2])[1]}
print("en", "ok" if x["T"] < x["خ"] < x["ک"] < x["P"] else "bad", x.get("ک"), x.get("خ"))
PY
contains "rtl: a Persian line reads from the right, its Latin word left to right" "$TMP/rtl.check" '^order ok latin ok right ok$'
contains "rtl: ... its list marker on the right" "$TMP/rtl.check" '^marker ok$'
contains "rtl: Persian words in an English line, right to left in their place" "$TMP/rtl.check" '^en ok '

# ---- the PDF ----
# The program's own definitions of library functions (Makefile: STANDINS) are the ones the
# libraries' calls reach: Cairo's deflateInit_, FT_Load_Sfnt_Table and __snprintf_chk, Pango's
# cairo_show_*. Nothing in the program calls them: left to the archive, they were left out.
LD_BIND_NOW=1 LD_DEBUG=bindings "$FOLIO_ONLINE" --version >/dev/null 2>"$TMP/bindings"
for lib_sym in libcairo:deflateInit_ libcairo:FT_Load_Sfnt_Table libcairo:__snprintf_chk \
	libpangocairo:cairo_show_glyphs libpangocairo:cairo_show_text_glyphs libpangocairo:cairo_show_text; do
	contains "pdf: ${lib_sym%%:*}'s calls of ${lib_sym#*:} reach the program's" "$TMP/bindings" \
		"binding file [^ ]*/${lib_sym%%:*}[.-][^ ]* \\[0\\] to [^ ]*/folio \\[0\\]: normal symbol .${lib_sym#*:}'"
done
"$FOLIO" examples -q -o "$TMP/ex.pdf"; status=$?
[ $status = 0 ] && [ -s "$TMP/ex.pdf" ] && ok "pdf: examples written" || not_ok "pdf: examples written" "exit $status"
pdffonts "$TMP/ex.pdf" >"$TMP/fonts" 2>&1
awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes") {bad++} END{exit bad > 0 || NR < 3}' "$TMP/fonts" \
	&& ok "pdf: every font embedded as a subset" || not_ok "pdf: every font embedded as a subset" "$(cat "$TMP/fonts")"
grep -q 'NotoSerifCJKsc' "$TMP/fonts" && ok "pdf: Simplified Chinese forms (Noto Serif CJK SC)" || not_ok "pdf: SC fonts" "$(cat "$TMP/fonts")"
grep -q 'CJKhk' "$TMP/fonts" && ok "pdf: zh-HK article set in the HK forms" || not_ok "pdf: HK fonts" "$(cat "$TMP/fonts")"
check "pdf: qpdf --check" qpdf --check "$TMP/ex.pdf"
pdfinfo "$TMP/ex.pdf" >"$TMP/info"
contains "pdf: title" "$TMP/info" '^Title: +城市与创新：评论选集$'
contains "pdf: author" "$TMP/info" '^Author: +folio 编辑部$'
contains "pdf: subject" "$TMP/info" '^Subject: +一组关于城市'
contains "pdf: keywords from the tags" "$TMP/info" '^Keywords: +.*城市'
contains "pdf: creator" "$TMP/info" '^Creator: +folio [0-9]'
contains "pdf: dates from SOURCE_DATE_EPOCH" "$TMP/info" '^CreationDate: +Tue Nov 14 22:13:20 2023 UTC'
pdftotext "$TMP/ex.pdf" "$TMP/ex.txt"
contains "pdf: Chinese text extractable" "$TMP/ex.txt" '杭州六小龙'
contains "pdf: English text extractable" "$TMP/ex.txt" 'Port statistics are dull'
first=$(grep -n '傍晚站在江边看对岸' "$TMP/ex.txt" | head -1 | cut -d: -f1)
second=$(grep -n '老工业区则是另一番景象' "$TMP/ex.txt" | head -1 | cut -d: -f1)
[ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ] && ok "pdf: text in reading order" \
	|| not_ok "pdf: text in reading order" "$first / $second"
grep -aq '/DCTDecode' "$TMP/ex.pdf" && ok "pdf: JPEG kept as JPEG (DCTDecode)" || not_ok "pdf: JPEG kept as JPEG"
/usr/bin/python3 - "$TMP/ex.pdf" >"$TMP/fitz" 2>&1 <<'PY'
import sys, fitz
d = fitz.open(sys.argv[1])
toc = d.get_toc()
links = [l for p in d for l in p.get_links()]
print("outline", len(toc), "internal", sum(1 for l in links if l["kind"] in (fitz.LINK_GOTO, fitz.LINK_NAMED)),
      "external", sum(1 for l in links if l["kind"] == fitz.LINK_URI))
print("toc1", toc[1][1] if len(toc) > 1 else "")
PY
contains "pdf: outline has entries" "$TMP/fitz" '^outline [1-9][0-9]* '
contains "pdf: internal links (contents, notes)" "$TMP/fitz" 'internal [1-9]'
contains "pdf: external links" "$TMP/fitz" 'external [1-9]'

# Every stream is compressed, the font subsets too: Cairo only stores them (cairo_zlib.c) and the
# post-pass compresses them with libdeflate; a stored stream would be as large as its data.
/usr/bin/python3 - "$TMP/ex.pdf" >"$TMP/streams" 2>&1 <<'PY'
import sys, zlib, fitz
d = fitz.open(sys.argv[1])
fonts = stored = 0
for x in range(1, d.xref_length()):
    if not d.xref_is_stream(x) or d.xref_get_key(x, "Filter")[1] != "/FlateDecode":
        continue
    raw, data = d.xref_stream_raw(x), d.xref_stream(x)
    font = d.xref_get_key(x, "Subtype")[1] in ("/CIDFontType0C", "/Type1C", "/OpenType") or d.xref_get_key(x, "Length1")[0] != "null"
    fonts += font
    # zlib's header, then the first block's type: 00 is a stored block.
    if len(raw) > 2 and raw[2] & 6 == 0 and len(data) > 1000:
        stored += 1
        print("stored", x, len(raw), len(data))
print("fonts", fonts, "stored", stored)
PY
contains "pdf: font subsets found among the streams" "$TMP/streams" '^fonts [1-9][0-9]* '
contains "pdf: no stream is only stored (font subsets compressed by the post-pass)" "$TMP/streams" ' stored 0$'

# Pictures: PNG, JPEG (its own bytes), WebP all in the PDF.
"$FOLIO" $P/images -q -o "$TMP/img.pdf"
pdfimages -list "$TMP/img.pdf" >"$TMP/imgs" 2>&1
[ "$(awk 'NR > 2' "$TMP/imgs" | wc -l)" = 4 ] && ok "pictures: PNG, JPEG, tall PNG and WebP embedded" \
	|| not_ok "pictures: all embedded" "$(cat "$TMP/imgs")"
jpeg_size=$(awk 'NR > 2 && $9 == "jpeg" {print $15}' "$TMP/imgs")
[ "$jpeg_size" = "22.0K" ] && ok "pictures: the JPEG's bytes are stored as they are (22.0K)" \
	|| not_ok "pictures: JPEG stored as is" "$(cat "$TMP/imgs")"

# Byte-identical for the same input, whatever the time zone.
"$FOLIO" examples -q -o "$TMP/ex2.pdf"; TZ=Asia/Tokyo "$FOLIO" examples -q -o "$TMP/ex3.pdf"
[ -s "$TMP/ex.pdf" ] && cmp -s "$TMP/ex.pdf" "$TMP/ex2.pdf" && ok "pdf: deterministic" || not_ok "pdf: deterministic"
[ -s "$TMP/ex.pdf" ] && cmp -s "$TMP/ex.pdf" "$TMP/ex3.pdf" && ok "pdf: time zone has no effect" || not_ok "pdf: time zone has no effect"

# folio's font set-up is fontconfig's own: the system's configuration is never read (Pango's start-up
# thread read all of it, ten milliseconds of a weekly digest, for nothing). A missing system file
# would make fontconfig complain; the books are the same bytes. The PDF's post-pass is folio's own
# (pdf_doc.c): no PDF library is loaded for it (the loader's log, LD_DEBUG=files, goes to a file of
# its own). A post-pass that fails (here: PDF/X-4's output profile is no ICC profile) fails the PDF
# with the reason; the PDF there before stays as it was and nothing is left beside it.
one=tests/epub/header.md	# one short article: these runs are about set-up, not pages
for f in pdf epub; do
	"$FOLIO" -q "$one" -o "$TMP/fc.$f"
	FONTCONFIG_FILE=$TMP/no-such-fonts.conf LD_DEBUG=files LD_DEBUG_OUTPUT=$TMP/ld-$f \
		"$FOLIO" -q "$one" -o "$TMP/nofc.$f" 2>"$TMP/nofc-$f.err"
	lacks "fonts: the system's fontconfig set-up is not read ($f)" "$TMP/nofc-$f.err" 'Fontconfig|.'
	same_bytes "fonts: the same $f without the system's set-up" "$TMP/fc.$f" "$TMP/nofc.$f"
	cat "$TMP/ld-$f".* >"$TMP/ld-$f.log" 2>/dev/null
done
contains "post-pass: the loader's log was read" "$TMP/ld-pdf.log" 'file=libcairo\.so\.[0-9]+'
lacks "post-pass: no PDF library loaded for a PDF" "$TMP/ld-pdf.log" 'file=lib(qpdf|poppler|mupdf)'
mkdir -p "$TMP/keep" && cp "$TMP/fc.pdf" "$TMP/keep/book.pdf"
head -c 4000 /dev/urandom >"$TMP/noicc.icc" && printf 'pdf:\n  output-profile: %s\n' "$TMP/noicc.icc" >"$TMP/noicc.yaml"
expect_status "post-pass: a failure fails the PDF" 1 "$FOLIO" -q "$one" --theme "$TMP/noicc.yaml" --pdf-standard x-4 -o "$TMP/keep/book.pdf"
contains "post-pass: the reason, with the PDF's name" "$TMP/err" 'book\.pdf: error: cannot finish the PDF: .*noicc\.icc is not an ICC profile'
same_bytes "post-pass: the PDF there before is left" "$TMP/fc.pdf" "$TMP/keep/book.pdf"
[ "$(ls -A "$TMP/keep")" = book.pdf ] && ok "post-pass: no temporary file left" || not_ok "post-pass: no temporary file left" "$(ls -A "$TMP/keep")"

# Books of eight articles and more are counted by two threads: the same bytes all the same.
mkdir -p "$TMP/many"
for f in $P/*.md $P/book/*.md; do cp "$f" "$TMP/many/$(basename "$(dirname "$f")")-$(basename "$f")"; done
"$FOLIO" "$TMP/many" -q -o "$TMP/many1.pdf"; "$FOLIO" "$TMP/many" -q -o "$TMP/many2.pdf"
[ -s "$TMP/many1.pdf" ] && cmp -s "$TMP/many1.pdf" "$TMP/many2.pdf" && ok "pdf: deterministic with threads" \
	|| not_ok "pdf: deterministic with threads"
"$FOLIO" "$TMP/many" -q -t trace -o "$TMP/many.trace"
bad=$(awk '/^page /{label=$5} /^  dest a[0-9]+ /{start[$2]=label}
	/^  text .*"[0-9]+" ->#a[0-9]+$/ {n=$NF; sub("->#", "", n); num=$0; sub(/^  text [0-9.]+ [0-9.]+ "/, "", num);
		sub(/".*/, "", num); toc[n]=num}
	END{for (a in toc) if (toc[a] != start[a]) print a " listed on " toc[a] ", starts on " start[a]; if (length(toc) < 8) print "few entries"}' "$TMP/many.trace")
[ -z "$bad" ] && ok "contents: right page numbers when counted in parallel" || not_ok "contents: parallel counting" "$bad"

# Options and themes: bad values are reported with their place; a failed run leaves the old PDF.
cp "$TMP/ex.pdf" "$TMP/keep.pdf"
expect_status "page size: bad value fails" 2 "$FOLIO" examples --page-size A9x -o "$TMP/keep.pdf"
contains "page size: message" "$TMP/err" "error: --page-size must be A4, A5"
[ -s "$TMP/keep.pdf" ] && cmp -s "$TMP/ex.pdf" "$TMP/keep.pdf" && ok "failed run: existing PDF untouched" \
	|| not_ok "failed run: existing PDF untouched"
printf 'page:\n  size: A5\n  margin: 2 furlongs\ntext:\n  colour: red\n' >"$TMP/bad-theme.yaml"
expect_status "theme: bad value fails" 1 "$FOLIO" examples --theme "$TMP/bad-theme.yaml" -o "$TMP/t.pdf"
contains "theme: bad value has file and line" "$TMP/err" "bad-theme.yaml:3: error: 'page.margin' should be a length"
contains "theme: unknown key has file and line" "$TMP/err" "bad-theme.yaml:5: warning: unknown theme setting 'text.colour'"
[ ! -e "$TMP/t.pdf" ] && ok "theme: nothing written" || not_ok "theme: nothing written"
# Options that leave no room for the text are bad usage (2), as a bad value is, with the sizes said.
expect_status "margins: --margin too wide for the page is bad usage" 2 "$FOLIO" examples --margin 400 -o "$TMP/t.pdf"
contains "margins: ... the margins and the page said" "$TMP/err" \
	"error: the margins \(top 400, bottom 400, inner 400, outer 400pt\) leave less than an inch for the text on a page of 420x595pt"
expect_status "margins: the same in a digest" 2 "$FOLIO" digest examples --margin 400 -o "$TMP/t.pdf"
expect_status "margins: a page too small for the theme's margins" 2 "$FOLIO" examples --page-size 30x30mm -o "$TMP/t.pdf"
[ ! -e "$TMP/t.pdf" ] && ok "margins: nothing written" || not_ok "margins: nothing written"
expect_status "page size: too small a side" 2 "$FOLIO" examples --page-size 20x20mm -o "$TMP/t.pdf"
contains "page size: ... the range said" "$TMP/err" "WIDTHxHEIGHTmm \(each side 1 to 60 inches\), not '20x20mm'"
expect_status "page size: WIDTHxHEIGHTmm" 0 "$FOLIO" $P/widows.md --page-size 120x180mm --margin 12mm -q -o "$TMP/custom.pdf"
contains "page size: 120x180mm" <(pdfinfo "$TMP/custom.pdf") 'Page size: +340.15[0-9]* x 510.23[0-9]* pts'
expect_status "page size: Letter" 0 "$FOLIO" $P/widows.md --page-size Letter -q -o "$TMP/letter.pdf"
contains "page size: Letter is 612x792" <(pdfinfo "$TMP/letter.pdf") 'Page size: +612 x 792 pts'

# A character no font can draw: a warning with file and line; an error under --strict.
printf -- '---\ntitle: t\n---\n\nfirst line\n\nA private character: \xf4\x8f\xbf\xbd here.\n' >"$TMP/tofu.md"
expect_status "missing glyph: still written" 0 "$FOLIO" "$TMP/tofu.md" -o "$TMP/tofu.pdf"
contains "missing glyph: reported with file and line" "$TMP/err" "tofu.md:7: warning: no font can draw the character U\+10FFFD"
expect_status "missing glyph: --strict fails" 1 "$FOLIO" --strict "$TMP/tofu.md" -o "$TMP/tofu2.pdf"

# Emoji variation selectors and joiners keep their text in the PDF (they are shaped as empty glyphs).
printf -- '---\ntitle: emoji\nlang: zh-CN\n---\n\n⚠️ 警告：1️⃣924发布会，👨‍👩‍👧一家。\n' >"$TMP/emoji.md"
"$FOLIO" -q "$TMP/emoji.md" -o "$TMP/emoji.pdf"
pdftotext "$TMP/emoji.pdf" "$TMP/emoji.txt"
contains "emoji: U+FE0F kept after ⚠" "$TMP/emoji.txt" "⚠️ 警告"
contains "emoji: keycap sequence kept" "$TMP/emoji.txt" "1️⃣924"
contains "emoji: zero-width joiners kept" "$TMP/emoji.txt" "👨‍👩‍👧"

# Raw HTML that plays (an iframe, a video) shows the same note and address as in the EPUB.
printf -- '---\ntitle: embeds\nlang: zh-CN\n---\n\n<div>前<iframe src="https://v.example/x"></iframe>后</div>\n\n<div><video src="https://v.example/clip.mp4"></video></div>\n' >"$TMP/embed.md"
"$FOLIO" -q "$TMP/embed.md" -o "$TMP/embed.pdf"
pdftotext "$TMP/embed.pdf" "$TMP/embed.txt"
contains "raw HTML: an iframe shows its address" "$TMP/embed.txt" "嵌入内容 https://v.example/x"
contains "raw HTML: a video shows its address" "$TMP/embed.txt" "https://v.example/clip.mp4"
contains "raw HTML: the text around an iframe kept" "$TMP/embed.txt" "^前"

# A hard line break draws nothing (a box for the missing newline glyph showed as a speck).
printf -- '---\ntitle: breaks\nlang: zh-CN\n---\n\n第一行  \n第二行\\\n第三行\n' >"$TMP/br.md"
"$FOLIO" -q "$TMP/br.md" -o "$TMP/br.pdf"
n=$(/usr/bin/python3 -c "
import fitz, sys
d = fitz.open(sys.argv[1])
page = [p for p in d if '第一行' in p.get_text()][0]
print(len(page.get_drawings()))" "$TMP/br.pdf")
[ "$n" = 1 ] && ok "hard breaks: nothing drawn but the title rule" || not_ok "hard breaks: nothing drawn but the title rule" "$n drawings"

# A paragraph of one bold phrase is a subheading: no page ends on it.
{
	printf -- '---\ntitle: subheadings\nlang: zh-CN\n---\n\n'
	for i in $(seq 1 40); do
		printf '**小标题第%d节**\n\n' "$i"
		printf '这是一段正文，长度足以占用两到三行，用来把小标题推到页面的各个位置上，检验它不会孤零零地留在页脚上方。第%d段到此结束。\n\n' "$i"
	done
} >"$TMP/sub.md"
"$FOLIO" -q "$TMP/sub.md" -t trace -o "$TMP/sub.trace"
stranded=$(awk '/^page /{ if (last ~ /小标题/) print last; last = "" } /^  text / && !/"[ivx0-9]+"$/ { last = $0 } END { if (last ~ /小标题/) print last }' "$TMP/sub.trace")
pages=$(grep -c '^page ' "$TMP/sub.trace")
[ "$pages" -ge 6 ] && [ -z "$stranded" ] && ok "subheadings: no page ends on a bold subheading ($pages pages)" \
	|| not_ok "subheadings: no page ends on a bold subheading" "$pages pages; $stranded"

# The drawn cover's text is set like the book's: each CJK face is embedded once, not a second time
# for the cover (Pango's default map on the surface's options made other font faces of the same file).
"$FOLIO" -q $P -o "$TMP/fixtures.pdf" 2>/dev/null
pdffonts "$TMP/fixtures.pdf" | awk 'NR > 2 {sub(/^[A-Z]+\+/, "", $1); print $1}' >"$TMP/fixtures.fonts"
twice=$(sort "$TMP/fixtures.fonts" | uniq -d | grep CJK)
grep -q NotoSerifCJKsc "$TMP/fixtures.fonts" && [ -z "$twice" ] && ok "cover: each CJK face embedded once" \
	|| not_ok "cover: each CJK face embedded once" "twice: $twice; $(tr '\n' ' ' <"$TMP/fixtures.fonts")"

# Cairo leaves page content plain (main.c sets its CAIRO_DEBUG_PDF) and the post-pass compresses it:
# tagged or not, every stream of the finished PDF is compressed but the XMP metadata (kept readable).
unfiltered() {
	/usr/bin/python3 - "$1" <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
print(sum(1 for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get('/Filter') is None
          and o.get('/Type') != '/Metadata'))
PY
}
"$FOLIO" -q $P --untagged -o "$TMP/fixtures-untagged.pdf" 2>/dev/null
for book in fixtures fixtures-untagged; do
	n=$(unfiltered "$TMP/$book.pdf")
	check "streams: all compressed but the metadata ($book)" test "$n" = 0
done

# The drawn cover balances a title of two lines: not a full line and a word under it.
"$FOLIO" -q examples --title "城市与创新：评论选集" -o "$TMP/cover-title.pdf"
pdftotext -f 1 -l 1 "$TMP/cover-title.pdf" - | sed '/^[[:space:]]*$/d' | head -2 | tr -d ' ' >"$TMP/cover-title.txt"
check "cover: a two-line title is balanced" cmp -s "$TMP/cover-title.txt" <(printf '城市与创新：\n评论选集\n')
# and breaks between phrases, never inside a word: not "…的中 / 文…", "阅读 / 器" or "之 / 路".
cover_lines() {
	"$FOLIO" -q examples --title "$1" -o "$TMP/cover-phrase.pdf"
	pdftotext -f 1 -l 1 "$TMP/cover-phrase.pdf" - | sed '/^[[:space:]]*$/d' | head -"$2" | tr -d ' '
}
check "cover: a title breaks after 的, not inside 中文" cmp -s <(cover_lines 真实阅读器里的中文排版检查报告 2) \
	<(printf '真实阅读器里的\n中文排版检查报告\n')
check "cover: after a colon, 的, and before 与; not inside 之路" cmp -s \
	<(cover_lines DeepSeek之问：从服软开始的城市创新之路与产业聚集 4) <(printf 'DeepSeek之问：\n从服软开始的\n城市创新之路\n与产业聚集\n')
# The cover sets Han and digits or Latin letters a quarter em apart (U+2005, a space to pdftotext)
# as the title page does: "2025年3月1日" ran together beside "共 4 篇".
pdftotext -f 1 -l 1 "$TMP/cover-phrase.pdf" - >"$TMP/cover-facts.txt"
contains "cover: a quarter em between Han and digits" "$TMP/cover-facts.txt" '[0-9] 年'
contains "cover: ... and between Latin and Han in the title" "$TMP/cover-facts.txt" 'DeepSeek 之问'
# An English book's cover sets a Chinese title in the Simplified Chinese faces the title page and
# the text use: fontconfig's fallback was Noto's Japanese forms (found on an en-us Hugo site).
mkdir -p "$TMP/entitle"
printf -- '---\ntitle: Notes\ndate: 2024-01-01\nlang: en\n---\n\nText.\n' >"$TMP/entitle/a.md"
"$FOLIO" -q "$TMP/entitle" --title 时间的朋友 -o "$TMP/entitle.pdf"
pdffonts -f 1 -l 1 "$TMP/entitle.pdf" >"$TMP/entitle.fonts"
contains "cover: an English book's Chinese title in Simplified Chinese forms" "$TMP/entitle.fonts" 'NotoSerifCJKsc'
lacks "cover: ... not Japanese ones" "$TMP/entitle.fonts" 'CJKjp'
# A book of no language found (a line of English too short to tell) has the title page's words on its
# cover too: the cover said "2024 年 1 月 1 日 · 共 1 篇文章" beside a title page's "1 January 2024".
mkdir -p "$TMP/undbook"
printf -- '---\ntitle: Notes\ndate: 2024-01-01\n---\n\nPicture:\n' >"$TMP/undbook/a.md"
"$FOLIO" -q "$TMP/undbook" -o "$TMP/undbook.pdf"
pdftotext -f 1 -l 1 "$TMP/undbook.pdf" - | tr -s ' \n' ' ' >"$TMP/undbook.cover"
contains "cover: a book of no language found has the title page's words" "$TMP/undbook.cover" '1 January 2024 · 1 article'
lacks "cover: ... not Chinese ones" "$TMP/undbook.cover" '年|篇'
# The cover's dates and count on two lines break between the range and the count, or after the
# range's dash when the range is too long itself; never inside a date ("… – 2022 年 / 3 月 28 日").
mkdir -p "$TMP/years"
for i in $(seq 1 154); do
	printf -- '---\ntitle: T%d\ndate: %s\n---\n\n正文。\n' "$i" "$(date -u -d "2016-11-03 + $(((i - 1) * 11)) days" +%F)" >"$TMP/years/a$i.md"
done
printf -- '---\ntitle: Z\ndate: 2022-03-28\n---\n\n正文。\n' >"$TMP/years/z.md"
cover_facts() {
	"$FOLIO" -q "$TMP/years" "$@" -o "$TMP/years.pdf"
	pdftotext -f 1 -l 1 "$TMP/years.pdf" - | sed '/^[[:space:]]*$/d' | sed -n '2,$p'
}
check "cover: years of dates and a count: the range on a line, the count on the next" cmp -s \
	<(cover_facts --title 书 --lang zh-CN | tr -d ' ') <(printf '2016年11月3日—2022年3月28日\n共155篇文章\n')
printf -- '---\ntitle: S\ndate: 2016-09-14\n---\n\nTexto.\n' >"$TMP/years/s.md"
printf -- '---\ntitle: S2\ndate: 2022-09-24\n---\n\nTexto.\n' >"$TMP/years/s2.md"
check "cover: a range too long for a line breaks after its dash" cmp -s \
	<(cover_facts --title Libro --lang es) <(printf '14 de septiembre de 2016 –\n24 de septiembre de 2022 · 157 artículos\n')

# A part's introduction (its _index.md) shows its own pictures and links, in both books.
mkdir -p "$TMP/intro/sec"
cp tests/epub/media/dot.png "$TMP/intro/sec/dot.png"
printf -- '---\ntitle: 第一部分\n---\n\n本部分介绍。\n\n![点](dot.png)\n\n[链接](https://example.com/a)\n' >"$TMP/intro/sec/_index.md"
printf -- '---\ntitle: 文章\ndate: 2025-03-01\n---\n\n正文。\n' >"$TMP/intro/sec/a.md"
"$FOLIO" -q "$TMP/intro" --group-by section -t trace -o "$TMP/intro.trace"
"$FOLIO" -q "$TMP/intro" --group-by section -o "$TMP/intro.epub"
contains "part intro: its picture is drawn in the PDF" "$TMP/intro.trace" "^  image .* image/png img-[0-9a-f]{16}$"
contains "part intro: its link is a link in the PDF" "$TMP/intro.trace" '"链接" ->https://example.com/a$'
contains "part intro: its picture is packed in the EPUB" <(unzip -p "$TMP/intro.epub" EPUB/p01.xhtml) \
	'<img src="images/img-[0-9a-f]{16}\.png" alt="点"/>'

# Emphasis in Chinese: Kai (楷体, AR PL UKai in the text's forms), never a slanted Song; a Latin word
# in it Noto Serif Italic; strong (also when emphasised) the sans; Japanese keeps its dots.
for l in zh-CN zh-TW ja; do
	printf -- '---\ntitle: 强调\nlang: %s\n---\n\n这是*楷体强调*与**黑体加粗**，还有***粗斜***和*Hepatology*。\n\n*after we’re gone, not love.*\n' "$l" >"$TMP/em-$l.md"
	"$FOLIO" -q "$TMP/em-$l.md" -o "$TMP/em-$l.pdf"
	/usr/bin/python3 -c "
import fitz, sys
for p in fitz.open(sys.argv[1]):
    for b in p.get_text('dict')['blocks']:
        for l in b.get('lines', ()):
            for s in l['spans']:
                print(s['font'], s['text'])" "$TMP/em-$l.pdf" >"$TMP/em-$l.spans"
done
contains "emphasis: zh-CN set in Kai (UKai CN)" "$TMP/em-zh-CN.spans" 'UKaiCN 楷体强调$'
contains "emphasis: zh-TW set in Kai (UKai TW)" "$TMP/em-zh-TW.spans" 'UKaiTW 楷体强调$'
contains "emphasis: a Latin word in Chinese emphasis is italic Latin" "$TMP/em-zh-CN.spans" 'NotoSerif-Italic +Hepatology$'
# ... with its apostrophe, comma and stop (Kai's were full-width: "we’ re", "gone，not"), as the EPUB.
contains "emphasis: a Latin sentence in Chinese emphasis is italic Latin, its punctuation too" "$TMP/em-zh-CN.spans" \
	'NotoSerif-Italic +after we’re gone, not love\.$'
contains "emphasis: strong emphasis is set in the strong face (sans), not Kai" "$TMP/em-zh-CN.spans" 'NotoSansCJK[a-z]*-Regular 粗斜$'
contains "emphasis: Japanese keeps the body face (with dots), no Kai" "$TMP/em-ja.spans" 'NotoSerifCJKjp-Regular .*楷体强调'
# The article header, decided once for both books (read/header.c; the EPUB's is tests/epub/header.xhtml):
# a summary that only repeats the opening is not set, the source is shown once (not again as a tag
# or as the closing link paragraph), and a bold phrase alone is a subhead, not indented.
"$FOLIO" -q tests/epub/header.md -t trace -o "$TMP/header.trace"
contains "header: the source in the header, linked" "$TMP/header.trace" '^  text .* "2025年2月14日　来源：qq" ->https://new.qq.com/'
contains "header: tags less the source's name" "$TMP/header.trace" '^  text .* "标签：城市"$'
lacks "header: the summary that repeats the opening is not set" "$TMP/header.trace" '学习之处Deep'
[ "$(grep -c '"qq"\|来源：qq\|qq ->' "$TMP/header.trace")" = 1 ] && ok "header: the source once, no closing link paragraph" \
	|| not_ok "header: the source once, no closing link paragraph" "$(grep qq "$TMP/header.trace")"
contains "header: a bold phrase alone is a subhead, not indented" "$TMP/header.trace" '^  text 55\.1 [0-9.]+ "科技创新要符合产业聚集的经济规律"$'
contains "header: a bold sentence stays an indented paragraph" "$TMP/header.trace" '^  text 76\.1 [0-9.]+ "先说结论'

# A closing paragraph that is a link within the book or the site ("[Part 2](../b/)") is the next
# page, not the source: it stays in the text, a link (it was the header's "Source: Part 2", unlinked).
mkdir -p "$TMP/nextlink"
printf -- '---\ntitle: A\ndate: 2024-01-01\n---\nText.\n\n[Part two](b.md)\n' >"$TMP/nextlink/a.md"
printf -- '---\ntitle: B\ndate: 2024-01-02\n---\nMore.\n\n[Where it came from](https://example.com/b)\n' >"$TMP/nextlink/b.md"
"$FOLIO" -q "$TMP/nextlink" -t trace -o "$TMP/nextlink.trace"
"$FOLIO" -q "$TMP/nextlink" -o "$TMP/nextlink.epub"
contains "closing link: one within the book stays in the text, linked" "$TMP/nextlink.trace" '^  text [0-9.]+ [0-9.]+ "Part two" ->#a0002$'
lacks "closing link: ... not the source" "$TMP/nextlink.trace" 'Source: Part two'
contains "closing link: ... in the EPUB too" <(unzip -p "$TMP/nextlink.epub" EPUB/a0001.xhtml) '<p><a href="a0002\.xhtml">Part two</a></p>'
contains "closing link: one to the web is still the source" "$TMP/nextlink.trace" '·  Source: Where it came from" ->https://example\.com/b$'
# A theme's note whose title ("**Info**") came at a page's foot left it there alone, its body on
# the next page (mtlynch.io): a bold phrase alone in a block is kept with what follows.
mkdir -p "$TMP/notefoot"
{ printf -- '---\ntitle: T\ndate: 2022-02-01\n---\n\n'
  for i in $(seq 1 25); do printf 'Para %d short line.\n\n' "$i"; done
  printf '{{< notice type="info" >}}\nBody of the note, which wraps: I dropped all affiliate partnerships from this blog at the end of 2020.\n{{< /notice >}}\n\nAfter.\n'; } >"$TMP/notefoot/a.md"
foot_ok=1
for n in $(seq 14 24); do
	sed -i "0,/^Para [0-9]* short line\.\$/{//d}" "$TMP/notefoot/a.md"
	"$FOLIO" -q "$TMP/notefoot" -t trace -o "$TMP/notefoot.trace"
	awk '/^page /{p = $2} /"Info"$/{ip = p} /"Body of the note/{bp = p} END{exit !(ip != "" && ip == bp)}' "$TMP/notefoot.trace" || foot_ok=0
done
[ "$foot_ok" = 1 ] && ok "notes: a note's title is never left at a page's foot, its body on the next" \
	|| not_ok "notes: a note's title left at a page's foot" "$(grep -nE '^page|Info|Body of' "$TMP/notefoot.trace")"
# A closing link the text leads into ("下载地址如下：") is the text's own, as in Hugo: it was taken
# out of the body into the header as the post's source ("来源：…"), and a blog's download step lost it.
mkdir -p "$TMP/leadlink"
printf -- '---\ntitle: 安装\ndate: 2024-01-01\n---\n先开启功能，然后安装内核，下载地址如下：\n\n[https://learn.microsoft.com/x](https://learn.microsoft.com/x)\n' >"$TMP/leadlink/a.md"
"$FOLIO" -q "$TMP/leadlink" -t trace -o "$TMP/leadlink.trace"
"$FOLIO" -q "$TMP/leadlink" -o "$TMP/leadlink.epub"
contains "closing link: one the text leads into stays in the text, linked" "$TMP/leadlink.trace" '"https://learn\.microsoft\.com/x" ->https://learn\.microsoft\.com/x$'
lacks "closing link: ... not the source" "$TMP/leadlink.trace" '来源'
contains "closing link: ... in the EPUB too" <(unzip -p "$TMP/leadlink.epub" EPUB/a0001.xhtml) '<p><a href="https://learn\.microsoft\.com/x"'
lacks "closing link: ... and no source in its header" <(unzip -p "$TMP/leadlink.epub" EPUB/a0001.xhtml) 'class="source"'
# A section's page (a list of tools, its _index.md) keeps its closing link in its text; its header
# said "Source: media-types" as well.
mkdir -p "$TMP/seclink/tools"
printf -- '---\ntitle: Tools\ndate: 2024-01-01\n---\n\n[one](https://one.example/)\n\n[media-types](https://www.iana.org/m)\n' >"$TMP/seclink/tools/_index.md"
printf -- '---\ntitle: P\ndate: 2024-01-01\n---\n\nText.\n' >"$TMP/seclink/p.md"
"$FOLIO" -q "$TMP/seclink" -t trace -o "$TMP/seclink.trace"
contains "closing link: a section page's stays in its text" "$TMP/seclink.trace" '"media-types" ->https://www\.iana\.org/m$'
lacks "closing link: ... and is not its source" "$TMP/seclink.trace" 'Source: media-types'

# A body that opens with a heading saying the title shows it once, as the title (a file with no
# front matter took its title from "# Buttons" and set it again; hugo-book's pages all did).
mkdir -p "$TMP/titlehead"
printf '# Buttons\n\nStyled links.\n\n## Syntax\n\nText.\n' >"$TMP/titlehead/a.md"
printf -- '---\ntitle: Hints\ndate: 2022-01-01\n---\n\nHints\n=====\n\nHint text.\n' >"$TMP/titlehead/b.md"
printf -- '---\ntitle: Other\ndate: 2022-01-02\n---\n\n# Not the title\n\nText.\n' >"$TMP/titlehead/c.md"
"$FOLIO" -q "$TMP/titlehead" -t trace -o "$TMP/titlehead.trace"
"$FOLIO" -q "$TMP/titlehead" -o "$TMP/titlehead.epub"
[ "$(grep -c '^  text [0-9.]* [0-9.]* "Buttons"$' "$TMP/titlehead.trace")" = 1 ] && ok "title heading: set once, as the title" \
	|| not_ok "title heading: set once, as the title" "$(grep Buttons "$TMP/titlehead.trace")"
[ "$(grep -c '^  text [0-9.]* [0-9.]* "Hints"$' "$TMP/titlehead.trace")" = 1 ] && ok "title heading: a setext heading under the same front-matter title too" \
	|| not_ok "title heading: a setext heading under the same front-matter title too" "$(grep Hints "$TMP/titlehead.trace")"
contains "title heading: a heading that says something else stays" "$TMP/titlehead.trace" '^  text [0-9.]* [0-9.]* "Not the title"$'
unzip -p "$TMP/titlehead.epub" $(unzip -Z1 "$TMP/titlehead.epub" | grep -E '^EPUB/a[0-9]+\.xhtml$') >"$TMP/titlehead.xhtml"
lacks "title heading: not in the EPUB's body" "$TMP/titlehead.xhtml" '<h[2-6][^>]*>(Buttons|Hints)</h'
contains "title heading: the next heading is the EPUB's first" "$TMP/titlehead.xhtml" '<h2 id="a[0-9]+-h1">Syntax</h2>'
# ... and a link in the page to that heading goes to the article's top (it lost its link).
printf -- '---\ntitle: Top\ndate: 2022-01-03\n---\n# Top {#btn}\n\nSee [this](#btn) and [that](#top).\n' >"$TMP/titlehead/d.md"
"$FOLIO" -q "$TMP/titlehead" -t model -o "$TMP/titlehead.model"
[ "$(grep -c 'link line 7 #\(btn\|top\) -> a[0-9]*$' "$TMP/titlehead.model")" = 2 ] && ok "title heading: links to it go to the article's top" \
	|| not_ok "title heading: links to it go to the article's top" "$(grep link "$TMP/titlehead.model")"

# A link with nothing in it ("[](url)", an embedded post's leftover) shows its address, in both books.
"$FOLIO" -q tests/epub/emptylink.md -t trace -o "$TMP/emptylink.trace"
contains "empty link: its address shown, linked" "$TMP/emptylink.trace" '"An embedded post left only its link: https://x.com/a/status/1\.' 
lacks "empty link: an unsafe one shows nothing" "$TMP/emptylink.trace" 'javascript'

# A table row taller than a page is set in slices; each slice took a reference to the cell's
# paragraph for the line it left to the next slice, and never gave it back (a leak, found by
# ASan on a hostile input: make check-asan runs this suite). Every word is kept.
mkdir -p "$TMP/tallrow"
python3 -c "
import sys
open(sys.argv[1], 'w').write('---\ntitle: Tall row\n---\n\n| a | b |\n|---|---|\n| ' + 'cell '*1500 + 'TALLEND | x |\n')
" "$TMP/tallrow/a.md"
"$FOLIO" -q "$TMP/tallrow" -o "$TMP/tallrow.pdf"
pdftotext "$TMP/tallrow.pdf" "$TMP/tallrow.txt"
[ "$(grep -o 'cell' "$TMP/tallrow.txt" | wc -l)" = 1500 ] && ok "tall table row: sliced over pages, every word kept" \
	|| not_ok "tall table row: sliced over pages, every word kept" "$(grep -o 'cell' "$TMP/tallrow.txt" | wc -l) of 1500"
contains "tall table row: ... to its end" "$TMP/tallrow.txt" TALLEND

# A heading, then a picture as tall as a page: the picture went to a page of its own and the
# heading, kept with it, stood alone on the page before. The picture is made small enough for
# both to share a page.
mkdir -p "$TMP/tallpic"
python3 - "$TMP/tallpic" <<'PY'
import os, struct, sys, zlib
d = sys.argv[1]
w, h = 400, 1000
raw = b''.join(b'\x00' + b'\x80\x80\x80' * w for _ in range(h))
def chunk(t, data):
    return struct.pack('>I', len(data)) + t + data + struct.pack('>I', zlib.crc32(t + data) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) \
      + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
open(os.path.join(d, 'tall.png'), 'wb').write(png)
open(os.path.join(d, 'a.md'), 'w').write('---\ntitle: Tall picture\n---\n\nIntro.\n\n## Gallery\n\n![A tall one](tall.png)\n\nAfter.\n')
PY
"$FOLIO" -q "$TMP/tallpic" -t trace -o "$TMP/tallpic.trace"
awk '/^page /{p=$2} /"Gallery"$/{h=p} /^  image /{i=p} END{exit !(h && h == i)}' "$TMP/tallpic.trace" \
	&& ok "tall picture: on the page of the heading above it" \
	|| not_ok "tall picture: on the page of the heading above it" "$(grep -E '^page |Gallery|^  image' "$TMP/tallpic.trace")"

# A list item or a note that opens with a picture has its marker beside the picture's top; it
# stood alone on a line under the picture (a helper's input).
mkdir -p "$TMP/lipic"
cp tests/epub/media/dot.png "$TMP/lipic/dot.png"
printf -- '---\ntitle: List of pictures\n---\n\n- ![alone](dot.png)\n- second\n\nA note[^a].\n\n[^a]: ![in a note](dot.png)\n' >"$TMP/lipic/a.md"
"$FOLIO" -q "$TMP/lipic" -t trace -o "$TMP/lipic.trace"
awk '/^page /{page++} /^  image /{top[page] = $3; bottom[page] = $3 + substr($4, index($4, "x") + 1)}
	/^  text .* "(•|1\.)"/{y[++m] = $3; on[m] = page}
	END{for (i = 1; i <= m; i++) if (y[i] > top[on[i]] && y[i] < bottom[on[i]]) beside++; exit beside != 2}' \
	"$TMP/lipic.trace" && ok "list and note markers beside the picture they open with" \
	|| not_ok "list and note markers beside the picture they open with" "$(grep -E '^  (image|text)' "$TMP/lipic.trace")"

# An ordered list's numbers of five digits and more have room (12345 was cut to "1234"; CommonMark
# takes nine digits).
printf -- '---\ntitle: Numbers\ndate: 2024-01-01\n---\n\n12345. five digits\n\ntext\n\n123456789. nine digits\n123456790. next\n' >"$TMP/bignum.md"
"$FOLIO" -q "$TMP/bignum.md" "${SMALL[@]}" -t trace -o "$TMP/bignum.trace"
contains "list numbers: five digits whole" "$TMP/bignum.trace" '"12345\."$'
contains "list numbers: nine digits whole" "$TMP/bignum.trace" '"123456789\."$'
contains "list numbers: ... and the next" "$TMP/bignum.trace" '"123456790\."$'
