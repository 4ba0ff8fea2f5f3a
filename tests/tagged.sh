# tagged.sh - the tagged PDF (toward PDF/UA-1) and press-ready output (bleed, marks, boxes, PDF/X-4): judged by
# pdfstandards (../shared/tools/pdfstandards, or PDFSTANDARDS), qpdf, poppler and the structure tree itself
# (tests/tagged/tree.py, pikepdf), on examples/ and the fixtures.
. "$(dirname "$0")/lib.sh"

py=/usr/bin/python3
tree() { $py tests/tagged/tree.py "$1" >"$2" 2>&1; }
STANDARDS=${PDFSTANDARDS:-$ROOT/../shared/tools/pdfstandards}
[ -x "$STANDARDS" ] || STANDARDS=/work/shared/tools/pdfstandards
# standards NAME FILE ARGS...: pdfstandards finds no failure (its summary line names ua_fail and x4_fail).
standards() {
	local name=$1 f=$2; shift 2
	if [ ! -x "$STANDARDS" ]; then
		not_ok "$name" "no pdfstandards at $STANDARDS (set PDFSTANDARDS)"
		return
	fi
	"$py" "$STANDARDS" "$f" "$@" >"$TMP/std.out" 2>&1
	local st=$? last
	last=$(tail -n 1 "$TMP/std.out")
	if [ $st = 0 ] && echo "$last" | grep -qE '(ua|x4)_checked=yes' && ! echo "$last" | grep -qE '_fail=[1-9]'; then
		ok "$name"
	else
		not_ok "$name" "$(grep -E '^FAIL|_fail=' "$TMP/std.out")"
	fi
}
# count FILE PATTERN: lines matching.
count() { grep -cE -- "$2" "$1" 2>/dev/null; }

# ---- examples/, tagged by default ----
"$FOLIO" -q examples -o "$TMP/ex.pdf"
check "tagged: qpdf --check" qpdf --check "$TMP/ex.pdf"
standards "tagged: pdfstandards --ua on examples/" "$TMP/ex.pdf" --ua
tree "$TMP/ex.pdf" "$TMP/ex.tree"
contains "tagged: catalog /Lang, /MarkInfo, DisplayDocTitle" "$TMP/ex.tree" '^catalog lang=zh-CN marked=True display_title=True$'
$py -c "import pikepdf, sys; print(pikepdf.open(sys.argv[1]).Root.Metadata.read_bytes().decode())" "$TMP/ex.pdf" >"$TMP/xmp" 2>&1
contains "tagged: XMP says PDF/UA-1" "$TMP/xmp" '<pdfuaid:part>1</pdfuaid:part>'
contains "tagged: XMP has the title" "$TMP/xmp" '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">城市与创新：评论选集</rdf:li>'
contains "tagged: XMP has the language" "$TMP/xmp" '<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li>'
# As many Art elements as the EPUB of the same folder has article pages.
"$FOLIO" -q examples -o "$TMP/ex.epub"
n_art=$(unzip -l "$TMP/ex.epub" | grep -cE 'EPUB/a[0-9]+\.xhtml$')
[ "$n_art" -gt 0 ] && [ "$(count "$TMP/ex.tree" '^ Art')" = "$n_art" ] && ok "tagged: an Art per article ($n_art)" ||
	not_ok "tagged: an Art per article" "$(grep -c '^ Art' "$TMP/ex.tree") Art, $n_art articles in the EPUB"
contains "tagged: an English article says so (/Lang en)" "$TMP/ex.tree" '^ Art lang="en"$'
contains "tagged: a Hong Kong article says so (/Lang zh-HK)" "$TMP/ex.tree" '^ Art lang="zh-HK"$'
contains "tagged: contents entries in their article's language" "$TMP/ex.tree" '^   TOCI lang="en"$'
contains "tagged: a contents entry is a Link to its article" "$TMP/ex.tree" '^    Link mcids=1 annots=1 contents="城市漫步：一张照片里的产业地图"'
# Headings: every article's title an H1, the notes' heading under it, none skipped going down.
bad=$(awk '/^ Art/{lvl=0; next} /^ [A-Z]/{lvl=0} /^  H[1-6] /{n=substr($1,2)+0; if (lvl && n > lvl + 1) print; if (!lvl && n != 1) print "first " $0; lvl=n}' "$TMP/ex.tree")
[ "$(count "$TMP/ex.tree" '^  H1 ')" -ge 4 ] && [ -z "$bad" ] && ok "tagged: headings nest (an H1 per article, none skipped)" \
	|| not_ok "tagged: headings nest" "$bad $(grep -E '^  H[1-6]' "$TMP/ex.tree")"
contains "tagged: the notes' heading is an H2" "$TMP/ex.tree" '^  H2 mcids=1 text="Notes"$'
contains "tagged: a note has its /ID" "$TMP/ex.tree" '^  Note id="a0004-fn1"$'
contains "tagged: the note's number is its label, linking back" "$TMP/ex.tree" '^   Lbl$'
contains "tagged: a note's reference is a Link in its paragraph" "$TMP/ex.tree" '^   Link mcids=1 annots=1 contents="1" text="1"$'
[ "$(count "$TMP/ex.tree" '^     TH scope=Column')" = 3 ] && ok "tagged: table header cells scoped to their columns (3)" \
	|| not_ok "tagged: TH scope" "$(grep -n 'TH' "$TMP/ex.tree")"
contains "tagged: table rows in a TBody" "$TMP/ex.tree" '^   TBody$'
contains "tagged: list items hold a label and a body" <(grep -A2 '^   LI$' "$TMP/ex.tree") '^    Lbl mcids=1 text="1\."$'
contains "tagged: a block quote" "$TMP/ex.tree" '^  BlockQuote$'
empty=$(grep -E '^ *Link ' "$TMP/ex.tree" | grep -vE 'annots=[1-9][0-9]* contents="[^"]+"')
[ "$(count "$TMP/ex.tree" '^ *Link ')" -ge 15 ] && [ -z "$empty" ] && ok "tagged: every Link owns an annotation with /Contents" \
	|| not_ok "tagged: links own annotations" "$empty"
# Reading order: the tree holds the article's paragraphs in their order.
first=$(grep -n '傍晚站在江边看对岸' "$TMP/ex.tree" | head -1 | cut -d: -f1)
second=$(grep -n '老工业区则是另一番景象' "$TMP/ex.tree" | head -1 | cut -d: -f1)
[ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ] && ok "tagged: paragraphs in reading order" \
	|| not_ok "tagged: paragraphs in reading order" "$first / $second"
pdfinfo -struct-text "$TMP/ex.pdf" >"$TMP/struct.txt" 2>&1
contains "tagged: pdfinfo -struct-text shows the tree" "$TMP/struct.txt" '^  Art$'
contains "tagged: ligatures do not cut the text poppler reads (struct-text)" "$TMP/struct.txt" 'ﬁgures from ﬁve Chinese ports suggest'
# Text as written: justification and Han-Latin spacing widen gaps, /ActualText keeps them out of the text.
pdftotext "$TMP/ex.pdf" "$TMP/ex.txt"
contains "tagged: no spaces where justification widened a gap" "$TMP/ex.txt" '推出的《黑神话：悟空》，在全球游戏市场刷新多个纪录。这些企业都有'
contains "tagged: no space where Han meets Latin" "$TMP/ex.txt" '思想\+丨回答DeepSeek之问，从服“软”开始$'
# An English word broken with a hyphen at a line's end reads whole: the hyphen is drawn inside the
# word's /ActualText, which is the paragraph's own text.
"$FOLIO" -q tests/pdf/headings.md --page-size A6 -o "$TMP/hy.pdf"
"$FOLIO" -q tests/pdf/headings.md --page-size A6 -t trace -o "$TMP/hy.trace"
if grep -q '"The second paragraph goes on fill-"$' "$TMP/hy.trace"; then
	pdftotext "$TMP/hy.pdf" "$TMP/hy.txt"
	contains "tagged: a hyphenated English word reads whole (pdftotext)" "$TMP/hy.txt" 'goes on filling the page'
	lacks "tagged: ... its hyphen no text" "$TMP/hy.txt" 'fill-'
else
	not_ok "tagged: a hyphenated English word reads whole" "no hyphenated line: $(grep 'second paragraph' "$TMP/hy.trace")"
fi
# The same in French and Russian (their own patterns; Russian's in KOI8-R, turned back to the text).
"$FOLIO" -q tests/pdf/languages --page-size A6 -o "$TMP/hylang.pdf"
pdftotext "$TMP/hylang.pdf" "$TMP/hylang.txt"
contains "tagged: a hyphenated French word reads whole (pdftotext)" "$TMP/hylang.txt" 'investissements considérables'
contains "tagged: ... a Russian one" "$TMP/hylang.txt" 'администрация представила в среду'
lacks "tagged: ... their hyphens no text" "$TMP/hylang.txt" 'consi-$'
# A linked word broken with a hyphen: the link's clickable area on that line reaches past the hyphen
# (it ended where the word's letters did).
"$FOLIO" -q tests/tagged/hyphenlink --page-size A6 -o "$TMP/hylink.pdf"
"$FOLIO" -q tests/tagged/hyphenlink --page-size A6 -t trace -o "$TMP/hylink.trace"
if grep -q '"sive rights to undertake regulatory ac-" ->https://example.com/deal$' "$TMP/hylink.trace"; then
	check "tagged: a hyphenated linked word's link covers its hyphen" /usr/bin/python3 - "$TMP/hylink.pdf" <<'PY'
import sys, fitz, pikepdf
doc, pdf = fitz.open(sys.argv[1]), pikepdf.open(sys.argv[1])
for n, page in enumerate(doc):
    words = [w for w in page.get_text('words') if w[4] == 'ac-']
    if not words:
        continue
    x1, y0, y1 = words[0][2], words[0][1], words[0][3]
    top = page.rect.height
    for a in pdf.pages[n].obj.get('/Annots', []):
        if '/A' in a and str(a.A.get('/URI', '')) == 'https://example.com/deal':
            q = [float(v) for v in a.QuadPoints]
            for j in range(0, len(q), 8):
                qx1, qtop, qbot = q[j + 2], top - q[j + 1], top - q[j + 5]
                if qtop <= (y0 + y1) / 2 <= qbot:
                    sys.exit(0 if qx1 >= x1 - 0.5 else 'the area ends at %.1f, the hyphen at %.1f' % (qx1, x1))
    sys.exit('no link area on the line of "ac-"')
sys.exit('no "ac-" drawn')
PY
else
	not_ok "tagged: a hyphenated linked word's link covers its hyphen" "not hyphenated: $(grep 'rights' "$TMP/hylink.trace")"
fi
# Artifacts: running heads and folios are drawn but belong to no element.
"$FOLIO" -q examples --theme tests/tagged/heads.yaml -o "$TMP/heads.pdf"
tree "$TMP/heads.pdf" "$TMP/heads.tree"
pdftotext "$TMP/heads.pdf" "$TMP/heads.txt"
if grep -q 'RUNNING-HEAD 3' "$TMP/heads.txt" && grep -q 'FOLIO-3' "$TMP/heads.txt"; then
	lacks "tagged: running heads and folios are artifacts, not content" "$TMP/heads.tree" 'RUNNING-HEAD|FOLIO-'
else
	not_ok "tagged: running heads and folios are artifacts" "the heads are not drawn: $(head -5 "$TMP/heads.txt")"
fi
standards "tagged: pdfstandards --ua with running heads everywhere" "$TMP/heads.pdf" --ua

# ---- pictures ----
"$FOLIO" -q tests/pdf/images -o "$TMP/img.pdf"
tree "$TMP/img.pdf" "$TMP/img.tree"
standards "pictures: pdfstandards --ua" "$TMP/img.pdf" --ua
contains "pictures: a Figure's /Alt is its alt text" "$TMP/img.tree" '^  Figure alt="A small orange picture" mcids=1$'
contains "pictures: its caption follows it" <(grep -A1 'Figure alt="Skyline at dusk"' "$TMP/img.tree") '^  Caption mcids=1 text="The river bank at dusk"$'
[ "$(count "$TMP/img.tree" '^  Figure alt="[^"]+"')" = 4 ] && ok "pictures: all four are Figures with /Alt" \
	|| not_ok "pictures: Figures with /Alt" "$(grep Figure "$TMP/img.tree")"
# A picture with no words at all is a decoration: an artifact, and a note that PDF/UA-1 would refuse it.
"$FOLIO" tests/tagged/bare -o "$TMP/bare.pdf" 2>"$TMP/bare.err"
tree "$TMP/bare.pdf" "$TMP/bare.tree"
lacks "pictures: one with no alt text is no Figure" "$TMP/bare.tree" 'Figure'
[ "$(pdfimages -list "$TMP/bare.pdf" | awk 'NR > 2' | wc -l)" = 1 ] && ok "pictures: ... but drawn all the same" \
	|| not_ok "pictures: the bare picture is drawn"
contains "pictures: ... and a note says so, with file and line" "$TMP/bare.err" 'bare\.md:9: note: this picture has no description'
standards "pictures: pdfstandards --ua with a decorative picture" "$TMP/bare.pdf" --ua
# A blog's every picture may have none: five notes, then one line sums up the rest (all said under ua-1).
mkdir -p "$TMP/bare12"
cp tests/tagged/bare/*.png "$TMP/bare12/" 2>/dev/null
{ printf -- '---\ntitle: twelve\n---\n\n'; for i in $(seq 12); do printf '![](%s)\n\n' "$(basename "$(ls tests/tagged/bare/*.png | head -1)")"; done; } >"$TMP/bare12/p.md"
"$FOLIO" "$TMP/bare12" -o "$TMP/bare12.pdf" 2>"$TMP/bare12.err"
[ "$(grep -c 'note: this picture has no description' "$TMP/bare12.err")" = 5 ] && ok "pictures: five notes of twelve bare pictures" \
	|| not_ok "pictures: five notes of twelve bare pictures" "$(cat "$TMP/bare12.err")"
contains "pictures: ... the rest summed up" "$TMP/bare12.err" "note: 7 more pictures of the PDF have no words PDF/UA-1 accepts: no description"
"$FOLIO" "$TMP/bare12" --pdf-standard ua-1 -o "$TMP/bare12u.pdf" 2>"$TMP/bare12u.err"
[ "$(grep -c 'error: this picture has no description' "$TMP/bare12u.err")" = 12 ] && ok "ua-1: each of twelve bare pictures is an error" \
	|| not_ok "ua-1: each of twelve bare pictures is an error" "$(cat "$TMP/bare12u.err")"

# A lead picture (thumbnail, cover) is decoration when it has no words of its own: the title below
# says what it illustrates. Both books decide alike: alt="" in the EPUB, an artifact in the PDF
# (nothing to report, under ua-1 too); with the cover's own alt, a Figure saying it in both.
mkdir -p "$TMP/leads/p1" "$TMP/leads/p2"
for p in p1 p2; do cp tests/epub/media/dot.png "$TMP/leads/$p/pic.png"; done
printf -- '---\ntitle: Described\ndate: 2024-01-01\ncover:\n  image: pic.png\n  alt: A red dot\n---\n\nText.\n' >"$TMP/leads/p1/index.md"
printf -- '---\ntitle: Undescribed\ndate: 2024-01-02\nthumbnail: pic.png\n---\n\nText.\n' >"$TMP/leads/p2/index.md"
expect_status "leads: a decorative lead picture passes ua-1" 0 "$FOLIO" "$TMP/leads" --pdf-standard ua-1 -o "$TMP/leads.pdf"
"$FOLIO" "$TMP/leads" -o "$TMP/leads.epub" -o "$TMP/leads-plain.pdf" 2>"$TMP/leads.err"
tree "$TMP/leads.pdf" "$TMP/leads.tree"
[ "$(count "$TMP/leads.tree" 'Figure')" = 1 ] && ok "leads: one Figure, the described lead" \
	|| not_ok "leads: one Figure" "$(grep Figure "$TMP/leads.tree")"
contains "leads: the PDF's Figure says the cover's alt" "$TMP/leads.tree" '^  Figure alt="A red dot"'
[ "$(pdfimages -list "$TMP/leads.pdf" | awk 'NR > 2' | wc -l)" = 2 ] && ok "leads: both drawn in the PDF" \
	|| not_ok "leads: both drawn in the PDF" "$(pdfimages -list "$TMP/leads.pdf")"
contains "leads: the EPUB says the same alt" <(unzip -p "$TMP/leads.epub" EPUB/a0001.xhtml) '<figure class="lead"><img src="[^"]*" alt="A red dot"/>'
contains "leads: ... and leaves the other undescribed, as the PDF" <(unzip -p "$TMP/leads.epub" EPUB/a0002.xhtml) '<figure class="lead"><img src="[^"]*" alt=""/>'
lacks "leads: nothing reported (the PDF's notes of undescribed pictures)" "$TMP/leads.err" 'description'
standards "leads: pdfstandards --ua" "$TMP/leads.pdf" --ua

# ---- --pdf-standard ua-1 ----
expect_status "ua-1: a picture described as 图片 fails the run" 1 "$FOLIO" tests/tagged/ua --pdf-standard ua-1 -o "$TMP/ua.pdf"
contains "ua-1: ... naming the file and line" "$TMP/err" "generic\.md:9: error: this picture's description '图片' says nothing"
[ ! -e "$TMP/ua.pdf" ] && ok "ua-1: ... and writes nothing" || not_ok "ua-1: nothing written"
expect_status "ua-1: a picture with no alt text fails the run" 1 "$FOLIO" tests/tagged/bare --pdf-standard ua-1 -o "$TMP/ua.pdf"
contains "ua-1: ... naming the file and line" "$TMP/err" 'bare\.md:9: error: this picture has no description'
expect_status "ua-1: a described picture passes" 0 "$FOLIO" -q tests/tagged/ua/described.md --pdf-standard ua-1 -o "$TMP/ua.pdf"
standards "ua-1: pdfstandards --ua" "$TMP/ua.pdf" --ua
expect_status "ua-1: the default run takes the 图片 picture (a note)" 0 "$FOLIO" tests/tagged/ua -o "$TMP/ua2.pdf"
contains "ua-1: ... and says PDF/UA-1 would not" "$TMP/err" "generic\.md:9: note: .*--pdf-standard ua-1 refuses it"

# A table written in raw HTML, with no <th>: a Table whose first row is its header, as in a GFM table.
expect_status "ua-1: a raw HTML table passes" 0 "$FOLIO" -q tests/pdf/htmltable.md --pdf-standard ua-1 -o "$TMP/htab.pdf"
standards "ua-1: a raw HTML table, pdfstandards --ua" "$TMP/htab.pdf" --ua
tree "$TMP/htab.pdf" "$TMP/htab.tree"
[ "$(count "$TMP/htab.tree" '^ +Table$')" = 2 ] && grep -qE '^ +TH scope=Column mcids=1 text="Type"$' "$TMP/htab.tree" \
	&& grep -qE '^ +TD mcids=1 text="File info: path, size"$' "$TMP/htab.tree" \
	&& ok "tagged: raw HTML tables are Tables, their first row of TH" || not_ok "tagged: raw HTML tables" "$(grep -A12 Table "$TMP/htab.tree" | head -30)"

# Tables pasted from the web with an empty header row (Ace's empty-table-header: 418 in the corpus):
# their first row is the header in both books, an empty header cell a data cell, an empty table gone.
"$FOLIO" -q tests/tagged/emptyhead.md -o "$TMP/eh.pdf" -o "$TMP/eh.epub"
tree "$TMP/eh.pdf" "$TMP/eh.tree"
[ "$(count "$TMP/eh.tree" '^ +Table$')" = 2 ] && [ "$(count "$TMP/eh.tree" '^ +TH ')" = 4 ] \
	&& ! grep -qE '^ +TH( |$)' <(grep -vE '^ +TH scope=Column mcids=1 text=".+"$' "$TMP/eh.tree") \
	&& grep -qE '^ +TH scope=Column mcids=1 text="Class of security:"$' "$TMP/eh.tree" \
	&& ok "empty header rows: the PDF's headers are the first rows' names, none empty" \
	|| not_ok "empty header rows: PDF" "$(grep -A12 Table "$TMP/eh.tree" | head -40)"
unzip -p "$TMP/eh.epub" EPUB/a0001.xhtml >"$TMP/eh.xhtml"
[ "$(grep -c '<table>' "$TMP/eh.xhtml")" = 2 ] && ok "empty header rows: the EPUB has the same two tables" \
	|| not_ok "empty header rows: EPUB tables" "$(grep -c '<table>' "$TMP/eh.xhtml")"
lacks "empty header rows: no empty header cell in the EPUB" "$TMP/eh.xhtml" '<th[^>]*></th>'
contains "empty header rows: the first row is the EPUB's header" "$TMP/eh.xhtml" \
	'^<tr><th scope="col">Class of security:</th><th scope="col">5 p Ordinary</th><td></td></tr>$'
contains "empty header rows: an empty corner is a data cell" "$TMP/eh.xhtml" '^<tr><td></td><th scope="col">Interests</th>'
epubcheck_ok "empty header rows: epubcheck" "$TMP/eh.epub"

# Headings that skip levels (Ace's heading-order): each book sets the same levels, none skipped going
# down, from one decision (book/model.h's depth); the EPUB had h3, h2, h4, h6 for ###, ##, ####, ######.
"$FOLIO" -q tests/epub/headorder.md -o "$TMP/ho.pdf" -o "$TMP/ho.epub"
tree "$TMP/ho.pdf" "$TMP/ho.tree"
sed -n '/^ Art/,$p' "$TMP/ho.tree" | sed -nE 's/^ +H([1-6]) mcids=1 text="(.*)"$/\1 \2/p' >"$TMP/ho.pdf.levels"
unzip -p "$TMP/ho.epub" EPUB/a0001.xhtml | sed -nE 's/^<h([1-6])[^>]*>(.*)<\/h[1-6]>$/\1 \2/p' >"$TMP/ho.epub.levels"
check "heading order: the PDF and the EPUB set the same levels" cmp "$TMP/ho.pdf.levels" "$TMP/ho.epub.levels"
contains "heading order: ... 1 2 2 3 4 3 2" <(cut -c1 "$TMP/ho.epub.levels" | tr -d '\n') '^1223432$'

# ---- the same bytes for the same input ----
"$FOLIO" -q examples -o "$TMP/ex2.pdf"
check "determinism: a tagged PDF twice, the same bytes" cmp "$TMP/ex.pdf" "$TMP/ex2.pdf"
"$FOLIO" -q examples --bleed 3mm --marks crop,cross --pdf-standard x-4,ua-1 -o "$TMP/press1.pdf" 2>/dev/null
"$FOLIO" -q examples --bleed 3mm --marks crop,cross --pdf-standard x-4,ua-1 -o "$TMP/press2.pdf" 2>/dev/null
[ -s "$TMP/press1.pdf" ] && cmp -s "$TMP/press1.pdf" "$TMP/press2.pdf" && ok "determinism: a press PDF twice, the same bytes" \
	|| not_ok "determinism: press PDF"

# ---- press: bleed, marks, boxes, PDF/X-4 ----
"$FOLIO" -q examples --bleed 3mm --marks crop --pdf-standard x-4 -o "$TMP/x4.pdf"
check "x-4: qpdf --check" qpdf --check "$TMP/x4.pdf"
standards "x-4: pdfstandards --x4" "$TMP/x4.pdf" --x4
contains "x-4: pdfstandards sees marks outside the trim" "$TMP/std.out" 'stroked marks lie outside the TrimBox on p\.1-'
standards "x-4: still tagged (pdfstandards --ua)" "$TMP/x4.pdf" --ua
pdfinfo -box "$TMP/x4.pdf" >"$TMP/box"
# A5 (419.53 x 595.28) plus 3mm of bleed and 8mm of slug each side (22mm: 62.36pt).
contains "x-4: the page grows by the bleed and the slug" "$TMP/box" '^Page size: +481\.89 x 657\.6[0-9]* pts'
contains "x-4: TrimBox: the page's own size, inside" "$TMP/box" '^TrimBox: +31\.18 +31\.18 +450\.71 +626\.46$'
contains "x-4: BleedBox: 3mm around it" "$TMP/box" '^BleedBox: +22\.68 +22\.68 +459\.21 +634\.96$'
contains "x-4: PDF 1.7" <(pdfinfo "$TMP/x4.pdf") '^PDF version: +1\.7$'
$py - "$TMP/x4.pdf" >"$TMP/x4.facts" 2>&1 <<'PY'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
oi = pdf.Root.OutputIntents[0]
print('intent', oi.S, str(oi.OutputConditionIdentifier), 'N', oi.DestOutputProfile.N, len(oi.DestOutputProfile.read_bytes()))
info = pdf.trailer.Info
print('info', str(info.GTS_PDFXVersion), info.Trapped)
page = pdf.pages[4]
print('registration', page.Resources.ColorSpace.CSall[1], 'marks', page.Contents.read_bytes().count(b' l S'))
PY
contains "x-4: an output intent with the sRGB profile (icc-profiles-free)" "$TMP/x4.facts" '^intent /GTS_PDFX sRGB IEC61966-2.1 N 3 [0-9]{4,}$'
contains "x-4: GTS_PDFXVersion and Trapped in Info" "$TMP/x4.facts" '^info PDF/X-4 /False$'
contains "x-4: crop marks in registration colour (8 strokes)" "$TMP/x4.facts" '^registration /All marks 8$'
# The drawn cover's paper runs into the bleed; the slug beyond it stays white.
pdftoppm -r 72 -f 1 -l 1 -png "$TMP/x4.pdf" "$TMP/cover" && $py - "$TMP"/cover-*1.png >"$TMP/px" 2>&1 <<'PY'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert('RGB')
# 72 dpi: 1pt a pixel. The bleed lies 22.68 to 31.18pt in from the edge; the middle of the left side.
y = im.height // 2
print('bleed', im.getpixel((27, y)), 'slug', im.getpixel((5, y + 40)), 'trim', im.getpixel((40, y)))
PY
bleed=$(sed -n 's/^bleed (\([0-9]*\), \([0-9]*\), \([0-9]*\)).*/\1 \2 \3/p' "$TMP/px")
trim=$(sed -n 's/.*trim (\([0-9]*\), \([0-9]*\), \([0-9]*\)).*/\1 \2 \3/p' "$TMP/px")
[ -n "$bleed" ] && [ "$bleed" = "$trim" ] && [ "$bleed" != "255 255 255" ] && grep -q 'slug (255, 255, 255)' "$TMP/px" \
	&& ok "bleed: the cover's paper runs into the bleed, the slug stays white" || not_ok "bleed: cover paper in the bleed" "$(cat "$TMP/px")"
# Marks without PDF/X: boxes and marks all the same; --marks cross adds registration targets.
"$FOLIO" -q examples --marks cross -o "$TMP/cross.pdf"
contains "marks: a slug and its boxes without a bleed" <(pdfinfo -box "$TMP/cross.pdf") '^TrimBox: +22\.68 +22\.68 '
[ "$($py -c "import pikepdf,sys; pdf = pikepdf.open(sys.argv[1]); print(pdf.pages[2].Contents.read_bytes().count(b' c '))" "$TMP/cross.pdf")" -ge 16 ] \
	&& ok "marks: four registration targets (circles of four curves)" || not_ok "marks: registration targets"
# What PDF/X-4 refuses: a CMYK picture when the output intent is RGB.
mkdir -p "$TMP/cmyk"
$py -c "from PIL import Image; Image.new('CMYK', (40, 30), (0, 80, 160, 0)).save('$TMP/cmyk/c.jpg', quality=90)"
printf -- '---\ntitle: CMYK\nlang: en\n---\n\nA picture in CMYK:\n\n![An orange box](c.jpg)\n' >"$TMP/cmyk/c.md"
expect_status "x-4: a CMYK picture fails the run" 1 "$FOLIO" "$TMP/cmyk" --pdf-standard x-4 -o "$TMP/cmyk.pdf"
contains "x-4: ... naming its file and line" "$TMP/err" 'c\.md:8: error: this picture is a CMYK JPEG'
expect_status "x-4: the same picture without PDF/X" 0 "$FOLIO" -q "$TMP/cmyk" -o "$TMP/cmyk.pdf"
# A CMYK output intent takes the CMYK picture (a profile whose header names CMYK: folio reads its
# colour space once, for the drawing and for the intent's /N).
$py -c "import sys; b = bytearray(open('/usr/share/color/icc/sRGB.icc', 'rb').read()); b[16:20] = b'CMYK'; open(sys.argv[1], 'wb').write(b)" "$TMP/press.icc"
printf 'pdf:\n  output-profile: %s\n' "$TMP/press.icc" >"$TMP/cmyk.yaml"
expect_status "x-4: a CMYK output intent takes the CMYK picture" 0 "$FOLIO" -q "$TMP/cmyk" --theme "$TMP/cmyk.yaml" --pdf-standard x-4 -o "$TMP/cmyk-press.pdf"
contains "x-4: ... and its intent has four components" <($py -c "import pikepdf,sys; print(pikepdf.open(sys.argv[1]).Root.OutputIntents[0].DestOutputProfile.N)" "$TMP/cmyk-press.pdf") '^4$'
printf 'pdf:\n  output-profile: /nonexistent/press.icc\n' >"$TMP/icc.yaml"
expect_status "x-4: an output profile that cannot be read fails" 1 "$FOLIO" examples --theme "$TMP/icc.yaml" --pdf-standard x-4 -o "$TMP/icc.pdf"
contains "x-4: ... saying which" "$TMP/err" "output intent's ICC profile: .*/nonexistent/press.icc"

# ---- untagged ----
"$FOLIO" -q examples --untagged -o "$TMP/untagged.pdf"
check "untagged: qpdf --check (Cairo's link-only structure objects are gone)" qpdf --check "$TMP/untagged.pdf"
tree "$TMP/untagged.pdf" "$TMP/untagged.tree"
contains "untagged: no structure tree" "$TMP/untagged.tree" '^no structure tree$'
[ "$($py -c "import fitz,sys; print(sum(len(p.get_links()) for p in fitz.open(sys.argv[1])))" "$TMP/untagged.pdf")" -ge 20 ] \
	&& ok "untagged: links kept" || not_ok "untagged: links kept"

# ---- settings ----
expect_status "settings: --marks takes crop and cross only" 2 "$FOLIO" examples --marks crop,trim -o "$TMP/s.pdf"
contains "settings: ... saying what it takes" "$TMP/err" "error: --marks must be crop or cross \(several: comma-separated\), or none, not 'crop,trim'"
expect_status "settings: --pdf-standard takes ua-1 and x-4" 2 "$FOLIO" examples --pdf-standard ua-2 -o "$TMP/s.pdf"
expect_status "settings: none stands alone" 2 "$FOLIO" examples --pdf-standard none,x-4 -o "$TMP/s.pdf"
expect_status "settings: --bleed is a length" 2 "$FOLIO" examples --bleed 3furlongs -o "$TMP/s.pdf"
expect_status "settings: PDF/UA-1 needs tags" 2 "$FOLIO" examples --untagged --pdf-standard ua-1 -o "$TMP/s.pdf"
contains "settings: ... saying so" "$TMP/err" 'error: --pdf-standard ua-1 needs a tagged PDF'
printf 'pdf:\n  marks: crop, fold\n' >"$TMP/bad.yaml"
expect_status "settings: a bad pdf.marks in the theme fails" 1 "$FOLIO" examples --theme "$TMP/bad.yaml" -o "$TMP/s.pdf"
contains "settings: ... with file and line" "$TMP/err" "bad\.yaml:2: error: 'pdf\.marks' should be crop, cross"
printf 'pdf:\n  tagged: false\n  standard: ua-1\n' >"$TMP/bad2.yaml"
expect_status "settings: pdf.standard ua-1 with tagged: false fails" 1 "$FOLIO" examples --theme "$TMP/bad2.yaml" -o "$TMP/s.pdf"
printf 'pdf:\n  bleed: 3mm\n  marks: crop\n  standard: x-4\n' >"$TMP/press.yaml"
"$FOLIO" -q examples --theme "$TMP/press.yaml" -o "$TMP/theme-press.pdf"
check "settings: the theme's pdf: keys give the same PDF as the options" cmp "$TMP/theme-press.pdf" "$TMP/x4.pdf"

# ---- the contents, drawn after the body and moved to its place ----
# Sixty articles in parts, two-sided: the contents runs over pages (a blank back after it) and is
# drawn last, once every page number is known; the post-pass puts its pages, its page labels, its
# outline entry and its structure element where the book has them. The trace is in the book's order.
ORDER=$TMP/order
mkdir -p "$ORDER"
for i in $(seq 1 60); do
	printf -- '---\ntitle: "第%s篇 目录之后的文章，标题写得稍长一些以占两行的位置"\ndate: 2025-01-%02d\ncategories: [%s]\n---\n\n正文%s。[下一篇](a%02d.md)\n' \
		"$i" $((i % 28 + 1)) "$([ $((i % 2)) = 0 ] && echo 经济 || echo 城市)" "$i" $((i % 60 + 1)) >"$ORDER/a$(printf %02d "$i").md"
done
# The trace is the same tagged or not: made once.
"$FOLIO" -q "$ORDER" --group-by category --two-sided -t trace -o "$TMP/order.trace"
for tagging in "" "--untagged"; do
	name="order${tagging:+ (untagged)}"
	"$FOLIO" -q "$ORDER" --group-by category --two-sided $tagging -o "$TMP/order.pdf"
	check "$name: qpdf --check" qpdf --check "$TMP/order.pdf"
	$py - "$TMP/order.pdf" "$TMP/order.trace" >"$TMP/order.out" 2>&1 <<'PY'
import re, sys, fitz
pdf = fitz.open(sys.argv[1])
pages, cur = [], None
for line in open(sys.argv[2], encoding="utf-8"):
    m = re.match(r'page \d+ \w+ label (\S+)', line)
    if m:
        cur = [m.group(1), []]
        pages.append(cur)
    elif line.startswith('  text ') and cur is not None:
        cur[1].append(re.search(r'"(.*)"', line).group(1).replace('\\"', '"'))
print("pages", len(pages) == pdf.page_count)
bad = [i for i, (label, lines) in enumerate(pages) if pdf[i].get_label() != label
       or any(t.strip() and t.replace(' ', '')[:6] not in pdf[i].get_text().replace(' ', '').replace('\n', '') for t in lines[:2])]
print("misplaced", bad[:5])
heading = [i for i, (label, lines) in enumerate(pages) if '目录' in lines]
body = [i for i, (label, lines) in enumerate(pages) if label == '1']
if heading and body:
    print("contents", pages[heading[0]][0], "then", body[0] - heading[0], "pages to the body,",
          "all roman" if all(re.fullmatch('[ivxlc]+', pages[i][0]) for i in range(heading[0])) else "not roman")
outline = [p for _, _, p in pdf.get_toc()]
print("outline in page order", outline == sorted(outline), len(outline))
PY
	contains "$name: every page holds the trace's text and label, in the trace's order" "$TMP/order.out" '^pages True$'
	contains "$name: ... no page out of place" "$TMP/order.out" '^misplaced \[\]$'
	contains "$name: the contents runs over front-matter pages (roman numbers) up to the body's page 1" "$TMP/order.out" '^contents [ivx]+ then ([3-9]|[1-9][0-9]) pages to the body, all roman$'
	contains "$name: the outline runs in page order" "$TMP/order.out" '^outline in page order True [0-9]+$'
done
"$FOLIO" -q "$ORDER" --group-by category --two-sided -o "$TMP/order.pdf"
$py - "$TMP/order.pdf" >"$TMP/order-tree.out" 2>&1 <<'PY'
import sys, pikepdf
doc = pikepdf.open(sys.argv[1]).Root.StructTreeRoot.K
doc = doc[0] if isinstance(doc, pikepdf.Array) else doc
def holds_toc(e, depth=0):
    if not isinstance(e, pikepdf.Dictionary) or '/S' not in e or depth > 3:
        return False
    if str(e.S) == '/TOC':
        return True
    k = e.get('/K')
    return any(holds_toc(x, depth + 1) for x in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []))
kids = [str(k.S) + ('+TOC' if holds_toc(k) else '') for k in doc.K]
print(' '.join(kids))
PY
contains "order: the contents' Sect is the Document's kid after the title page's, before the parts" "$TMP/order-tree.out" '^(/Div )?/Sect /Sect\+TOC /Part'
standards "order: pdfstandards --ua passes" "$TMP/order.pdf" --ua

# A theme that comes with the articles (named by the collection's folio.yaml) names no file outside
# the collection: its pdf.output-profile outside (a private file) was read into the PDF.
mkdir -p "$TMP/conf/c" "$TMP/conf/outside"
cp /usr/share/color/icc/sRGB.icc "$TMP/conf/outside/private.icc"
printf 'PRIVATE-MARKER-OUTSIDE' >>"$TMP/conf/outside/private.icc"
printf -- '---\ntitle: A\ndate: 2024-01-01\n---\n\nText.\n' >"$TMP/conf/c/a.md"
printf 'theme: t.yaml\npdf-standard: x-4\n' >"$TMP/conf/c/folio.yaml"
printf 'pdf:\n  output-profile: %s\n' "$TMP/conf/outside/private.icc" >"$TMP/conf/c/t.yaml"
"$FOLIO" --offline "$TMP/conf/c" -o "$TMP/conf.pdf" 2>"$TMP/conf.err"
contains "collection's theme: a profile outside is said and not read" "$TMP/conf.err" \
	"t\.yaml:2: warning: 'pdf\.output-profile: .*private\.icc' leads outside this theme's folder"
qpdf --qdf --object-streams=disable "$TMP/conf.pdf" "$TMP/conf-q.pdf"
lacks "collection's theme: ... nothing of it in the PDF" "$TMP/conf-q.pdf" 'PRIVATE-MARKER-OUTSIDE'
"$FOLIO" --offline "$TMP/conf/c" --theme "$TMP/conf/c/t.yaml" -o "$TMP/conf-own.pdf" 2>/dev/null
qpdf --qdf --object-streams=disable "$TMP/conf-own.pdf" "$TMP/conf-own-q.pdf"
contains "collection's theme: ... the same theme given by the user reads it" "$TMP/conf-own-q.pdf" 'PRIVATE-MARKER-OUTSIDE'

# A front matter lang that is no language tag is undetermined in both books, said with its line:
# the PDF's /Lang had it as written ("not a tag"), which PDF/UA refuses.
mkdir -p "$TMP/badlang"
printf -- '---\ntitle: L\ndate: 2024-01-01\nlang: not a tag\n---\n\nSome text.\n' >"$TMP/badlang/a.md"
"$FOLIO" --offline "$TMP/badlang/a.md" --pdf-standard ua-1 -o "$TMP/badlang.pdf" 2>"$TMP/badlang.err"
qpdf --qdf --object-streams=disable "$TMP/badlang.pdf" "$TMP/badlang-q.pdf"
contains "bad lang: the PDF's /Lang is und" "$TMP/badlang-q.pdf" '/Lang \(und\)'
contains "bad lang: ... said with its line" "$TMP/badlang.err" "a\.md:4: note: lang 'not a tag' is no language tag; read as und"
