# epub.sh - the EPUB writer: golden XHTML, the raw HTML sanitizer, package rules, epubcheck, determinism.
. "$(dirname "$0")/lib.sh"

textof=tests/epub/textof.py

# Golden XHTML: each tests/epub/NAME.md alone is a book; its article page must match NAME.xhtml.
for src in tests/epub/*.md; do
	name=$(basename "$src" .md)
	"$FOLIO" "$src" -o "$TMP/$name.epub" 2>"$TMP/$name.err"
	echo "exit $?" >>"$TMP/$name.err"
	$textof "$TMP/$name.epub" EPUB/a0001.xhtml >"$TMP/$name.xhtml" 2>&1
	golden "epub: $name.xhtml" "tests/epub/$name.xhtml" "$TMP/$name.xhtml"
	golden "epub: $name messages" "tests/epub/$name.err" "$TMP/$name.err"
	check "epub: $name is well-formed XML" $textof "$TMP/$name.epub"
done

# The sanitizer: nothing that runs or loads survives, and all the text around it does.
h=$TMP/hostile.xhtml
# (asked only of a page that was read: one with its kept text; else each fails)
for bad in '<script' '<style' '<iframe' '<object' '<embed' '<form' '<input' '<meta http' '<base' \
	'="[^"]*(javascript|vbscript|data):' '="[^"]*alert' ' on[a-z]+=' ' style=' 'evil\.example' 'KEEP-NOT-SHOWN'; do
	if grep -q 'KEEP-11b' "$h"; then lacks "sanitizer: no $bad" "$h" "$bad"
	else not_ok "sanitizer: no $bad" "the hostile page was not read: $(head -3 "$h")"; fi
done
$textof "$TMP/hostile.epub" >"$TMP/hostile.txt"
for keep in $(grep -oE 'KEEP-[0-9]+[a-z]?' tests/epub/hostile.md | sort -u); do
	contains "sanitizer: text $keep kept" "$TMP/hostile.txt" "$keep( |\.|$|<)"
done
contains "sanitizer: SVG kept, namespaced" "$h" '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"'
contains "sanitizer: MathML kept" "$h" '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi>'
contains "sanitizer: iframe becomes a link" "$h" 'class="placeholder embed".*href="https://example.com/embed"'
contains "sanitizer: safe raw link kept" "$h" '<a href="https://example.com/ok">KEEP-11b'
contains "sanitizer: lone <div> wraps the Markdown after it" "$TMP/hostile.txt" 'KEEP-32 inside a lone div'
contains "sanitizer: warning names the script's line" "$TMP/hostile.err" '^folio: tests/epub/hostile.md:9: warning: raw HTML <script> dropped'
contains "sanitizer: warning for event attributes" "$TMP/hostile.err" "hostile.md:15: warning: raw HTML: script attribute 'onerror'"
# An SVG's <image>, <use> and <foreignObject> are left out of the drawing, each reported with its
# line (they went without a word); its shapes and text stay.
for el in image use foreignObject; do
	contains "sanitizer: SVG <$el> left out is reported with its line" "$TMP/svglost.err" \
		"svglost.md:[0-9]+: warning: raw HTML: SVG <$el> left out"
done
contains "sanitizer: ... the SVG's shapes and text stay" "$TMP/svglost.xhtml" '<rect [^>]*></rect>.*<text x="10" y="30">Kept label</text></svg>'
lacks "sanitizer: ... and nothing it would load" "$TMP/svglost.xhtml" 'chart-background|<image|<use'
contains "sanitizer: OPF declares MathML and SVG" <($textof "$TMP/hostile.epub" EPUB/package.opf) 'id="a0001".*properties="mathml svg"'

# An unclosed <script>, <style>, <!--, <pre>, CDATA, <? loses neither the text after it nor the next articles.
"$FOLIO" tests/epub/unclosed -o "$TMP/unclosed.epub" 2>"$TMP/unclosed.err"
$textof "$TMP/unclosed.epub" >"$TMP/unclosed.txt"
for i in $(seq -w 1 20); do
	contains "unclosed: UNCLOSED-$i kept" "$TMP/unclosed.txt" "UNCLOSED-$i( |\.|$)"
done
$textof "$TMP/unclosed.epub" 'EPUB/a*.xhtml' >"$TMP/unclosed.xhtml"
n=$(grep -o '<body' "$TMP/unclosed.xhtml" | wc -l)
if [ "$n" = 4 ]; then lacks "unclosed: no script element" "$TMP/unclosed.xhtml" '<script|<style|<textarea|<pre'
else not_ok "unclosed: no script element" "$n article pages read, not 4"; fi
contains "unclosed: reported with file and line" "$TMP/unclosed.err" \
	'^folio: tests/epub/unclosed/1-script.md:9: warning: raw HTML <script> is never closed'
[ "$(grep -c '^EPUB/a000[1-4].xhtml' "$TMP/unclosed.txt")" = 4 ] && ok "unclosed: all four articles in the book" \
	|| not_ok "unclosed: all four articles in the book" "$(cut -c1-80 "$TMP/unclosed.txt")"
# An inline script ends at </script>, not at </script-x> (another element), in both books.
printf -- '---\ntitle: s\n---\n\nBEFORE <script>x</script-x> INSIDE-SCRIPT</script> AFTER.\n' >"$TMP/scriptx.md"
"$FOLIO" -q "$TMP/scriptx.md" -o "$TMP/scriptx.epub" && "$FOLIO" -q "$TMP/scriptx.md" -t trace -o "$TMP/scriptx.trace"
$textof "$TMP/scriptx.epub" 'EPUB/a*.xhtml' >"$TMP/scriptx.xhtml"
contains "inline script: the text after its end tag is kept (EPUB)" "$TMP/scriptx.xhtml" 'BEFORE +AFTER\.'
contains "inline script: the text after its end tag is kept (PDF)" "$TMP/scriptx.trace" '"BEFORE +AFTER\."'
lacks "inline script: what </script-x> does not end stays out (EPUB)" "$TMP/scriptx.xhtml" 'INSIDE-SCRIPT'
lacks "inline script: what </script-x> does not end stays out (PDF)" "$TMP/scriptx.trace" 'INSIDE-SCRIPT'

# The whole fixture folder as one book (parts, cover, links between articles, images), with 40
# articles of random raw HTML pieces: well-formed, no script, and epubcheck must be silent.
tests/epub/fuzz.py "$TMP/fuzz" 40
"$FOLIO" tests/epub "$TMP/fuzz" --cover tests/epub/media/dot.png --title "folio EPUB fixtures" \
	--author "folio tests" -o "$TMP/all.epub" 2>"$TMP/all.err"
check "combined: every XML entry well-formed" $textof "$TMP/all.epub"
java -jar /usr/bin/epubcheck "$TMP/all.epub" >"$TMP/all.check" 2>&1
contains "combined: epubcheck 0 errors 0 warnings" "$TMP/all.check" '^Messages: 0 fatals / 0 errors / 0 warnings'
# Pages are compressed on the threads that render them and handed to libzip as they are:
# every entry's CRC and size must hold, the text deflated, the mimetype stored.
zipcheck=$(/usr/bin/python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
kinds = {i.filename: i.compress_type for i in z.infolist()}
texts = [n for n in kinds if n.endswith((".xhtml", ".opf", ".ncx", ".css", ".xml"))]
print("bad:%s stored-mimetype:%s deflated-texts:%d/%d" % (bad, kinds["mimetype"] == zipfile.ZIP_STORED,
      sum(kinds[n] == zipfile.ZIP_DEFLATED for n in texts), len(texts)))' "$TMP/all.epub")
n=$(echo "$zipcheck" | sed 's|.*deflated-texts:\([0-9]*\)/.*|\1|')
[ "${zipcheck%% *}" = "bad:None" ] && echo "$zipcheck" | grep -q "stored-mimetype:True" && [ "$n" -gt 40 ] \
	&& echo "$zipcheck" | grep -q "deflated-texts:$n/$n" && ok "combined: every entry's CRC holds; texts deflated ($n)" \
	|| not_ok "combined: zip entries" "$zipcheck"
$textof "$TMP/all.epub" 'EPUB/a*.xhtml' >"$TMP/all.xhtml"
n=$(grep -o '<body' "$TMP/all.xhtml" | wc -l)
if [ "$n" -gt 40 ]; then lacks "combined: no script, handler or unsafe link" "$TMP/all.xhtml" '<script|<style|<iframe| on[a-z]+="|="[^"]*javascript:'
else not_ok "combined: no script, handler or unsafe link" "$n article pages read"; fi
want=$(( $(find tests/epub -name '*.md' ! -name '_index.md' | wc -l) + 40 ))
[ "$($textof "$TMP/all.epub" --list | grep -c '^EPUB/a[0-9]*\.xhtml$')" = "$want" ] && ok "combined: $want article pages" \
	|| not_ok "combined: $want article pages" "$($textof "$TMP/all.epub" --list)"
$textof "$TMP/all.epub" >"$TMP/all.txt"
page() { grep -m1 "^EPUB/a[0-9]*\.xhtml: $1" "$TMP/all.txt" | sed 's/^EPUB\/\(a[0-9]*\)\.xhtml:.*/\1/'; }
city=$(page '城市里的一篇文章') basic=$(page '基本排版') figures=$(page 'Figures and placeholders')
$textof "$TMP/all.epub" "EPUB/$city.xhtml" >"$TMP/city.xhtml"
contains "links: to another article's heading" "$TMP/city.xhtml" "href=\"$basic.xhtml#$basic-h1\""
contains "links: to another article" "$TMP/city.xhtml" "href=\"$figures.xhtml\""
contains "links: to a heading of the same article" "$TMP/city.xhtml" "href=\"#$city-h2\""
$textof "$TMP/all.epub" EPUB/package.opf >"$TMP/all.opf"
contains "opf: cover image declared" "$TMP/all.opf" 'properties="cover-image"'
contains "opf: accessibility summary" "$TMP/all.opf" 'property="schema:accessibilitySummary"'
contains "opf: accessibility hazard" "$TMP/all.opf" 'property="schema:accessibilityHazard"'
contains "opf: part page in the spine" "$TMP/all.opf" '<itemref idref="p01"/>'
$textof "$TMP/all.epub" EPUB/nav.xhtml >"$TMP/all.nav"
contains "nav: part holds its articles" "$TMP/all.nav" '<a href="p01.xhtml">'
contains "nav: landmarks" "$TMP/all.nav" 'epub:type="landmarks"'
$textof "$TMP/all.epub" EPUB/images/img-660d89b5636809f1.svg >"$TMP/evil.svg"
if grep -q '<circle' "$TMP/evil.svg"; then
	lacks "svg image: no script, handler or remote reference" "$TMP/evil.svg" 'script|onload|evil\.example|javascript|foreignObject|<image'
else not_ok "svg image: no script, handler or remote reference" "the SVG was not read"; fi
contains "svg image: drawing kept" "$TMP/evil.svg" '<circle cx="10" cy="10" r="5"'

# The examples pass epubcheck too.
"$FOLIO" examples -q -o "$TMP/examples.epub"
java -jar /usr/bin/epubcheck "$TMP/examples.epub" >"$TMP/examples.check" 2>&1
contains "examples: epubcheck 0 errors 0 warnings" "$TMP/examples.check" '^Messages: 0 fatals / 0 errors / 0 warnings'

# Package rules: mimetype first, stored, no extra field; fixed times; no other extra fields.
check "zip: mimetype first, stored, no extra; fixed attributes" /usr/bin/python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); infos = z.infolist(); m = infos[0]
assert m.filename == "mimetype" and m.compress_type == zipfile.ZIP_STORED and m.extra == b"", m
assert z.read("mimetype") == b"application/epub+zip"
assert all(i.extra == b"" and i.date_time == m.date_time and i.external_attr == 0o100644 << 16 for i in infos)
' "$TMP/examples.epub"

# Same input, same bytes: twice, and in another time zone (dates without a zone read in a fixed one).
"$FOLIO" examples -q -o "$TMP/again.epub"
same_bytes "deterministic: two builds byte-identical" "$TMP/examples.epub" "$TMP/again.epub"
(unset SOURCE_DATE_EPOCH; TZ=UTC "$FOLIO" examples -q --timezone +08:00 -o "$TMP/utc.epub"
 TZ=Asia/Shanghai "$FOLIO" examples -q --timezone +08:00 -o "$TMP/sh.epub")
same_bytes "deterministic: TZ=Asia/Shanghai gives the bytes of TZ=UTC" "$TMP/utc.epub" "$TMP/sh.epub"

# The identifier follows the content: the same articles give the same one, a changed byte another.
mkdir -p "$TMP/ident"
printf -- '---\ntitle: 标识\n---\n\n正文一。\n' >"$TMP/ident/a.md"
"$FOLIO" -q "$TMP/ident" -t model -o "$TMP/ident1.model"
"$FOLIO" -q "$TMP/ident" -t model -o "$TMP/ident2.model"
printf -- '---\ntitle: 标识\n---\n\n正文二。\n' >"$TMP/ident/a.md"
"$FOLIO" -q "$TMP/ident" -t model -o "$TMP/ident3.model"
id1=$(grep '^  identifier:' "$TMP/ident1.model"); id2=$(grep '^  identifier:' "$TMP/ident2.model")
id3=$(grep '^  identifier:' "$TMP/ident3.model")
[ -n "$id1" ] && [ "$id1" = "$id2" ] && [ "$id1" != "$id3" ] && ok "identifier: same content same id, changed content another" \
	|| not_ok "identifier: follows the content" "$id1 / $id2 / $id3"

# A failed run leaves an existing book untouched and no temporary file.
cp "$TMP/examples.epub" "$TMP/keep.epub"
expect_status "atomic: --strict failure exits 1" 1 "$FOLIO" --strict tests/epub/hostile.md -o "$TMP/keep.epub"
same_bytes "atomic: existing EPUB untouched" "$TMP/examples.epub" "$TMP/keep.epub"
expect_status "atomic: unreadable --css exits 1" 1 "$FOLIO" examples --css "$TMP/none.css" -o "$TMP/keep.epub"
contains "atomic: --css problem named" "$TMP/err" "none.css: error: cannot read the stylesheet"
same_bytes "atomic: still untouched" "$TMP/examples.epub" "$TMP/keep.epub"
leftovers=$(ls -A "$TMP" | grep '^\.keep' || true)
[ -z "$leftovers" ] && ok "atomic: no temporary file left" || not_ok "atomic: no temporary file left" "$leftovers"

# --css replaces the stylesheet.
printf 'p { text-indent: 0 }\n' >"$TMP/mine.css"
"$FOLIO" examples -q --css "$TMP/mine.css" -o "$TMP/css.epub"
cmp -s <($textof "$TMP/css.epub" EPUB/css/epub.css) "$TMP/mine.css" && ok "css: --css FILE is the stylesheet" \
	|| not_ok "css: --css FILE is the stylesheet"

# The theme's Chinese-Western space is the EPUB's too: U+2005 between Han and Latin, none when 0em.
printf -- '---\ntitle: 间距\nlang: zh-CN\n---\n\n我们使用Google搜索，在 2024 年发布。\n' >"$TMP/space.md"
printf 'cjk:\n  latin-space: 0em\n' >"$TMP/nospace.yaml"
"$FOLIO" -q "$TMP/space.md" -o "$TMP/space.epub"
"$FOLIO" -q "$TMP/space.md" --theme "$TMP/nospace.yaml" -o "$TMP/nospace.epub"
unzip -p "$TMP/space.epub" '*a0001.xhtml' >"$TMP/space.xhtml"
unzip -p "$TMP/nospace.epub" '*a0001.xhtml' >"$TMP/nospace.xhtml"
q=$'\u2005'
contains "spacing: quarter-em spaces between Han and Latin" "$TMP/space.xhtml" "使用${q}Google${q}搜索，在${q}2024${q}年"
contains "spacing: latin-space 0em in the theme turns it off" "$TMP/nospace.xhtml" "使用Google搜索，在 2024 年"

# The drawn cover (no --cover): a 1600x2400 PNG, rasterized in bands of rows, with no seam between
# them: every row carries the page's colours (an unpainted band would be black), the paper between
# the bars is one colour across each band edge, and the title is inked in the upper half.
"$FOLIO" -q "$TMP/space.md" --title "Seamless" -o "$TMP/drawn.epub"
unzip -p "$TMP/drawn.epub" EPUB/images/img-cover.png >"$TMP/drawn.png"
check "drawn cover: whole and seamless" /usr/bin/python3 - "$TMP/drawn.png" <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
w, h = im.size
assert (w, h) == (1600, 2400), im.size
px = im.load()
black = [y for y in range(h) if all(px[x, y] == (0, 0, 0) for x in range(0, w, 50))]
assert not black, "unpainted rows %s" % black[:5]
paper = px[20, h // 2]
for y in range(192, h - 192, 64):
    for yy in (y - 1, y):
        assert px[20, yy] == paper, (yy, px[20, yy], paper)
ink = sum(1 for x in range(w) for y in range(int(h * 0.2), int(h * 0.35), 4) if sum(px[x, y]) < sum(paper) - 200)
assert ink > 100, "no title ink: %d" % ink
PY
# and set with folio's font set-up, as the PDF's cover: a user's fontconfig changes nothing.
printf '<?xml version="1.0"?>\n<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>%s/fc-cache</cachedir></fontconfig>\n' \
	"$TMP" >"$TMP/user-fonts.conf"
FONTCONFIG_FILE="$TMP/user-fonts.conf" "$FOLIO" -q "$TMP/space.md" --title "Seamless" -o "$TMP/drawn-user.epub"
unzip -p "$TMP/drawn-user.epub" EPUB/images/img-cover.png >"$TMP/drawn-user.png"
same_bytes "drawn cover: the user's fontconfig does not change it" "$TMP/drawn.png" "$TMP/drawn-user.png"
# Its rows go into one zlib stream joined from segments deflated apart, a run of rows equal to the
# row above each written as copies of one deflated block of zero rows: the PNG is read whole by a
# strict reader (its data checksums checked), a row is filtered "Up" (all zeros) exactly when it
# repeats the row above, else "Sub", and it is the same bytes on one thread.
check "drawn cover: a strict reader takes the joined stream" /usr/bin/python3 - "$TMP/drawn.png" <<'PY'
import struct, sys, zlib
d = open(sys.argv[1], "rb").read()
assert d[:8] == b"\x89PNG\r\n\x1a\n"
i, chunks, idat = 8, [], b""
while i < len(d):
    n, kind = struct.unpack(">I4s", d[i:i + 8])
    assert zlib.crc32(d[i + 4:i + 8 + n]) == struct.unpack(">I", d[i + 8 + n:i + 12 + n])[0], kind
    chunks.append(kind)
    if kind == b"IDAT":
        idat += d[i + 8:i + 8 + n]
    i += 12 + n
assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND" and b"IDAT" in chunks, chunks
w, h = struct.unpack(">II", d[16:24])
raw = zlib.decompress(idat)          # checks the Adler-32 of the joined segments
n = 1 + 3 * w
assert len(raw) == h * n, (len(raw), w, h)
rows = [raw[y * n:(y + 1) * n] for y in range(h)]
assert all(r[0] in (1, 2) for r in rows), set(r[0] for r in rows)
assert all(r[1:] == bytes(n - 1) for r in rows if r[0] == 2)
from PIL import Image
px = Image.open(sys.argv[1]).convert("RGB").tobytes()
repeats = [y for y in range(1, h) if px[y * 3 * w:(y + 1) * 3 * w] == px[(y - 1) * 3 * w:y * 3 * w]]
assert [y for y in range(h) if rows[y][0] == 2] == repeats
assert len(repeats) > h // 2, len(repeats)
PY
"$FOLIO" -q --threads 1 "$TMP/space.md" --title "Seamless" -o "$TMP/drawn1.epub"
unzip -p "$TMP/drawn1.epub" EPUB/images/img-cover.png >"$TMP/drawn1.png"
same_bytes "drawn cover: the same PNG on one thread" "$TMP/drawn.png" "$TMP/drawn1.png"

# An English text with no lang (a README among Chinese articles) was typeset as the book's Chinese:
# a CJK face, two-em indents, a full-width apostrophe ("Pango’ s"). Plainly Latin, it is English;
# and the contents say each entry's language where it is not the book's.
mkdir -p "$TMP/nolang"
printf -- '---\ntitle: 评论\nlang: zh-CN\ndate: 2024-01-01\n---\n\n这是一篇关于城市更新与产业集聚的评论文章，讨论了住房、交通与公共服务之间的关系。\n' >"$TMP/nolang/a.md"
printf -- '# About this folder\n\nThe book'"'"'s title, the files it reads and the way each one is set are described here in plain English words, long enough to tell its language from its letters alone.\n' >"$TMP/nolang/README.md"
printf -- '---\ntitle: 舊區重建：容積率獎勵能否打破僵局？\nlang: zh-HK\ndate: 2024-01-02\n---\n\n舊區重建的討論。\n' >"$TMP/nolang/hk.md"
"$FOLIO" -q "$TMP/nolang" -o "$TMP/nolang.epub"
unzip -p "$TMP/nolang.epub" EPUB/package.opf | grep -q '<dc:language>zh-CN</dc:language>' && ok "no lang: the book is Chinese" \
	|| not_ok "no lang: the book is Chinese" "$(unzip -p "$TMP/nolang.epub" EPUB/package.opf | grep language)"
en=$(for f in $(unzip -Z1 "$TMP/nolang.epub" | grep 'EPUB/a0.*xhtml'); do unzip -p "$TMP/nolang.epub" "$f" | grep -l 'About this folder' >/dev/null && echo "$f"; done)
contains "no lang: an English text without one is English" <(unzip -p "$TMP/nolang.epub" "$en") '<html [^>]*lang="en" xml:lang="en"'
contains "no lang: ... set as Latin text" <(unzip -p "$TMP/nolang.epub" "$en") '<body class="article latin"'
unzip -p "$TMP/nolang.epub" EPUB/nav.xhtml >"$TMP/nolang.nav"
contains "no lang: the contents' English entry says so" "$TMP/nolang.nav" '<li lang="en" xml:lang="en"><a href="a[0-9]+\.xhtml">About this folder'
contains "no lang: ... and the Hong Kong one" "$TMP/nolang.nav" '<li lang="zh-HK" xml:lang="zh-HK"><a href="a[0-9]+\.xhtml">舊區重建'
contains "no lang: ... the book's own entries none" "$TMP/nolang.nav" '<li><a href="a[0-9]+\.xhtml">评论'
epubcheck_ok "no lang: the EPUB passes EPUBCheck" "$TMP/nolang.epub"

# Right-to-left languages (Hextra's Persian docs): their pages say dir="rtl", a Persian book's pages
# turn from right to left, a Persian entry among English ones says so (the PDF: pdf.sh).
mkdir -p "$TMP/rtl/fa" "$TMP/rtl/mix"
printf -- '---\ntitle: برای تغییر لوگو\nlang: fa\n---\n\nبرای تغییر لوگوی سایت، فایل `logo.svg` را جایگزین کنید.\n' >"$TMP/rtl/fa/a.md"
cp "$TMP/rtl/fa/a.md" "$TMP/rtl/mix/b.md"
printf -- '---\ntitle: English\nlang: en\n---\n\nText.\n' >"$TMP/rtl/mix/a.md"
"$FOLIO" -q "$TMP/rtl/fa" -o "$TMP/rtl-fa.epub"
contains "rtl: a Persian page is right to left" <(unzip -p "$TMP/rtl-fa.epub" EPUB/a0001.xhtml) '<html [^>]*lang="fa" xml:lang="fa" dir="rtl">'
contains "rtl: ... so are the book's own pages" <(unzip -p "$TMP/rtl-fa.epub" EPUB/nav.xhtml) '<html [^>]* dir="rtl"'
contains "rtl: ... and its pages turn from right to left" <(unzip -p "$TMP/rtl-fa.epub" EPUB/package.opf) '<spine toc="ncx" page-progression-direction="rtl">'
epubcheck_ok "rtl: epubcheck" "$TMP/rtl-fa.epub"
"$FOLIO" -q "$TMP/rtl/mix" -o "$TMP/rtl-mix.epub"
contains "rtl: a Persian entry among English ones" <(unzip -p "$TMP/rtl-mix.epub" EPUB/nav.xhtml) '<li lang="fa" xml:lang="fa" dir="rtl"><a href'
lacks "rtl: ... an English book's pages turn left to right" <(unzip -p "$TMP/rtl-mix.epub" EPUB/package.opf) 'page-progression-direction'

# An apostrophe inside a Latin word in Chinese text (Go’s) asks for its proportional form, as in the
# PDF: the reader's CJK face drew a full-width quote ("Go ’ s"). A quote after Chinese, English text
# and an apostrophe at a text's edge are left as they are.
mkdir -p "$TMP/apos"
printf -- '---\ntitle: 撇号\nlang: zh-CN\n---\n\n我们读了 Go’s runtime 和 don’t，还有“书’和’s。\n' >"$TMP/apos/a.md"
printf -- '---\ntitle: Apostrophe\nlang: en\n---\n\nThe Go’s runtime.\n' >"$TMP/apos/b.md"
"$FOLIO" -q "$TMP/apos" -o "$TMP/apos.epub"
unzip -p "$TMP/apos.epub" EPUB/a0001.xhtml >"$TMP/apos-a.xhtml"
unzip -p "$TMP/apos.epub" EPUB/a0002.xhtml >"$TMP/apos-b.xhtml"
contains "apostrophe: inside a Latin word in Chinese text, its proportional form" "$TMP/apos-a.xhtml" \
	'Go<span class="pw">’</span>s runtime[^<]*don<span class="pw">’</span>t，还有“书’和’s。'
lacks "apostrophe: ... not in English text" "$TMP/apos-b.xhtml" 'class="pw"'
unzip -p "$TMP/apos.epub" EPUB/css/epub.css | tr -d '\n' >"$TMP/apos.css"
contains "apostrophe: ... which the stylesheet sets with pwid" "$TMP/apos.css" '\.pw \{[^}]*font-feature-settings: "pwid" 1'
epubcheck_ok "apostrophe: the EPUB passes EPUBCheck" "$TMP/apos.epub"
# In Chinese emphasis a Latin sentence is one <em lang="en">, its apostrophe, comma and closing
# marks with it (each was an <em> of its own, under the Chinese dots, set full width), as the PDF.
printf -- '---\ntitle: 强调\nlang: zh-CN\n---\n\n*after we’re gone, not love...*\n' >"$TMP/apos/c.md"
"$FOLIO" -q "$TMP/apos/c.md" -o "$TMP/apos-c.epub"
contains "emphasis: a Latin sentence in Chinese emphasis is one <em lang=\"en\">, its punctuation with it" \
	<(unzip -p "$TMP/apos-c.epub" EPUB/a0001.xhtml) '<p><em lang="en" xml:lang="en">after we’re gone, not love…</em></p>'

# A stylesheet of the user's (a blog's, importing a web font) keeps its rules and loses what no
# book may hold: its @import and url() addresses of files the book does not hold (EPUBCheck: 8
# errors), script hooks; said with its line.
mkdir -p "$TMP/usercss"
printf -- '---\ntitle: C\ndate: 2024-01-01\n---\n\nText.\n' >"$TMP/usercss/a.md"
printf '@import url("https://fonts.example.com/css?family=X");\nbody { color: #333; background: url(paper.png); }\np { behavior: url(x.htc); text-indent: 2em; }\n' >"$TMP/usercss/my.css"
"$FOLIO" --offline "$TMP/usercss/a.md" --css "$TMP/usercss/my.css" -o "$TMP/usercss.epub" 2>"$TMP/usercss.err"
contains "user css: what no book holds is said, with its line" "$TMP/usercss.err" "my\.css:1: warning: an @import of another stylesheet"
unzip -p "$TMP/usercss.epub" EPUB/css/epub.css >"$TMP/usercss.css"
contains "user css: its other rules kept" "$TMP/usercss.css" 'text-indent: 2em;'
lacks "user css: ... no address or hook" "$TMP/usercss.css" '@import|url\(|behavior'
epubcheck_ok "user css: the EPUB passes EPUBCheck" "$TMP/usercss.epub"
