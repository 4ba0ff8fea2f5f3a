# fonts.sh - --embed-fonts: the EPUB carries subsets of the faces its text is set in, with their licence.
. "$(dirname "$0")/lib.sh"

textof=tests/epub/textof.py
"$FOLIO" examples -q -o "$TMP/plain.epub"
"$FOLIO" examples -q --embed-fonts -o "$TMP/fonts.epub" 2>"$TMP/fonts.err"
unzip -Z1 "$TMP/plain.epub" >"$TMP/plain.list"
unzip -Z1 "$TMP/fonts.epub" >"$TMP/fonts.list"

# Off by default: the plain book has no font, no licence page, no Apple display options.
lacks "default: no fonts embedded" "$TMP/plain.list" '^EPUB/fonts|fonts\.xhtml|display-options'
contains "embed: font subsets packed" "$TMP/fonts.list" '^EPUB/fonts/NotoSerifCJKSC-Regular\.otf$'
lacks "embed: no warning" "$TMP/fonts.err" 'warning|error'

java -jar /usr/bin/epubcheck "$TMP/fonts.epub" >"$TMP/fonts.check" 2>&1
contains "embed: epubcheck 0 errors 0 warnings" "$TMP/fonts.check" '^Messages: 0 fatals / 0 errors / 0 warnings'

# A folio.yaml key does the same.
mkdir -p "$TMP/yaml" && cp -r examples/commentary "$TMP/yaml/" && printf 'embed-fonts: true\n' >"$TMP/yaml/folio.yaml"
"$FOLIO" "$TMP/yaml" -q -o "$TMP/yaml.epub"
contains "folio.yaml: embed-fonts: true embeds" <(unzip -Z1 "$TMP/yaml.epub") '^EPUB/fonts/NotoSerifCJKSC-Regular\.otf$'

# The same book, the same bytes (the subsets too).
"$FOLIO" examples -q --embed-fonts -o "$TMP/again.epub"
same_bytes "embed: two builds byte-identical" "$TMP/fonts.epub" "$TMP/again.epub"

# What the package says of its fonts: every @font-face names a packed, declared font; Apple Books
# is told to use them; the licence page is reachable and out of the reading order.
$textof "$TMP/fonts.epub" EPUB/package.opf >"$TMP/opf"
$textof "$TMP/fonts.epub" EPUB/css/epub.css >"$TMP/css"
check "embed: every @font-face names a packed font declared in the OPF, and every font is used" /usr/bin/python3 -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); css = z.read("EPUB/css/epub.css").decode(); opf = z.read("EPUB/package.opf").decode()
srcs = re.findall(r"src: url\(\"\.\./(fonts/[^\"]+)\"\)", css)
declared = dict(re.findall(r"href=\"(fonts/[^\"]+)\" media-type=\"([^\"]+)\"", opf))
packed = {n[5:] for n in z.namelist() if n.startswith("EPUB/fonts/")}
assert srcs and set(srcs) == set(declared) == packed, (srcs, declared, packed)
assert all(t == ("font/otf" if h.endswith(".otf") else "font/ttf") for h, t in declared.items()), declared
' "$TMP/fonts.epub"
contains "apple: display options ask for the book's fonts" <(unzip -p "$TMP/fonts.epub" META-INF/com.apple.ibooks.display-options.xml) \
	'<option name="specified-fonts">true</option>'
contains "licence: page out of the reading order" "$TMP/opf" '<itemref idref="fonts" linear="no"/>'
contains "licence: linked from the title page" <(unzip -p "$TMP/fonts.epub" EPUB/title.xhtml) '<a href="fonts.xhtml">字体许可</a>'
unzip -p "$TMP/fonts.epub" EPUB/fonts.xhtml >"$TMP/licence.xhtml"
contains "licence: the SIL Open Font License in full" "$TMP/licence.xhtml" 'SIL OPEN FONT LICENSE Version 1.1'
contains "licence: its last words too" "$TMP/licence.xhtml" 'OTHER DEALINGS IN THE FONT SOFTWARE\.'
contains "licence: each font's copyright notice" "$TMP/licence.xhtml" 'Noto Serif CJK SC Regular.*Adobe'
# The page is in the book's language, as the title page's link to it (it was in English in every book).
contains "licence: the page in the book's language" "$TMP/licence.xhtml" '<h1>字体许可</h1>'
contains "licence: the licence itself, and each font's notice, marked as English" "$TMP/licence.xhtml" \
	'<pre class="licence" lang="en" xml:lang="en">'
contains "licence: ... each font's notice too" "$TMP/licence.xhtml" '）。<span lang="en" xml:lang="en">© 2014-2021 Adobe'
contains "licence: ... its list too" "$TMP/licence.xhtml" 'NotoSerifCJKSC-Regular\.otf：[0-9]+ 个字符，取自 NotoSerifCJK-Regular\.ttc 第 [0-9]+ 号字体）。'
"$FOLIO" tests/pdf/images -q --offline --embed-fonts -o "$TMP/english.epub"
unzip -p "$TMP/english.epub" EPUB/fonts.xhtml >"$TMP/licence-en.xhtml"
contains "licence: an English book's page in English" "$TMP/licence-en.xhtml" '<h1>Font licence</h1>'
contains "licence: ... its list too" "$TMP/licence-en.xhtml" '\(fonts/NotoSerif-Regular\.ttf: [0-9]+ characters, from NotoSerif-Regular\.ttf, face 0\)\.'

# The subsets themselves (fontTools): the characters each face sets and no other, the features
# vertical text and CJK punctuation need, no hinting, the fonts' names and notices kept.
check "subsets: hold what the pages set in them, nothing else, with vert and halt, no locl, no hinting" /usr/bin/python3 -c '
import io, re, sys, zipfile, html
from fontTools.ttLib import TTFont
z = zipfile.ZipFile(sys.argv[1])
fonts = {n: TTFont(io.BytesIO(z.read(n))) for n in z.namelist() if n.startswith("EPUB/fonts/")}
serif = fonts["EPUB/fonts/NotoSerifCJKSC-Regular.otf"]
cmap = set(serif.getBestCmap())
# The body text of the Simplified Chinese article, outside headings, header, code and bold: all in the SC serif.
page = z.read("EPUB/a0001.xhtml").decode()
body = re.sub(r"<(h[1-6]|strong|code|pre|figcaption|div)[ >].*?</\1>", "", page.split("</header>", 1)[1], flags=re.S)
text = html.unescape(re.sub(r"<[^>]+>", "", body))
want = {ord(c) for c in text if ord(c) > 0x2e80 and not c.isspace()}
assert want and want <= cmap, "missing: %r" % "".join(sorted(chr(c) for c in want - cmap))[:40]
assert ord("龘") not in cmap and len(cmap) < 2000, len(cmap)
listed = re.search(r"NotoSerifCJKSC-Regular\.otf：(\d+) 个字符", z.read("EPUB/fonts.xhtml").decode())
assert listed and int(listed.group(1)) == len(cmap), (listed and listed.group(1), len(cmap))
feats = {r.FeatureTag for r in serif["GSUB"].table.FeatureList.FeatureRecord}
gpos = {r.FeatureTag for r in serif["GPOS"].table.FeatureList.FeatureRecord}
assert "vert" in feats and "locl" not in feats, feats
assert "halt" in gpos or "vhal" in gpos, gpos
for n, f in fonts.items():
    assert "fpgm" not in f and "prep" not in f, n
    names = {r.nameID for r in f["name"].names}
    assert {0, 1, 2} <= names, (n, names)
' "$TMP/fonts.epub"

# The fonts page is set in the book's fonts too: its list (the body's serifs, Latin and CJK; bold
# names) and the licence (monospace) hold only characters of their subsets, the counts included.
check "licence page: its own characters are in the subsets it is set in" /usr/bin/python3 -c '
import io, re, sys, zipfile, html
from fontTools.ttLib import TTFont
z = zipfile.ZipFile(sys.argv[1])
cmap = lambda n: set(TTFont(io.BytesIO(z.read("EPUB/fonts/" + n))).getBestCmap())
page = z.read("EPUB/fonts.xhtml").decode()
text = lambda s: {ord(c) for c in html.unescape(re.sub(r"<[^>]+>", "", s)) if not c.isspace()}
names = text("".join(re.findall(r"<strong>(.*?)</strong>", page)))
items = text(re.sub(r"<strong>.*?</strong>", "", "".join(re.findall(r"<li>(.*?)</li>", page))))
licence = text(re.search(r"<pre class=\"licence\"[^>]*>(.*?)</pre>", page, re.S).group(1))
serifs = lambda weight: [n[11:] for n in z.namelist() if re.match(r"EPUB/fonts/NotoSerif(CJKSC)?-" + weight, n)]
for want, fonts in ((names, serifs("(Bold|Regular)")), (items, serifs("Regular")), (licence, ["NotoSansMono-Regular.ttf"])):
    font = " and ".join(fonts)
    missing = want - set().union(*map(cmap, fonts))
    assert want and not missing, "%s lacks %r" % (font, "".join(sorted(map(chr, missing)))[:40])
' "$TMP/fonts.epub"

# A language written without Han or Hangul takes the Latin faces first, as in the PDF (not only
# the few the stylesheet once named): a Russian or French page's body is .latin, a Korean one's is
# not, and the subsets follow (the Russian text in Noto Serif, so no Noto Serif CJK SC is packed).
"$FOLIO" tests/pdf/languages -q --offline --embed-fonts -o "$TMP/langs.epub"
check "latin: Russian, French, German pages are body.latin, the Korean one is not" /usr/bin/python3 -c '
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); seen = {}
for n in z.namelist():
    if re.match(r"EPUB/a\d+\.xhtml$", n):
        x = z.read(n).decode()
        lang = re.search(r"<html[^>]* lang=\"([^\"]+)\"", x).group(1)
        seen[lang] = "latin" in re.search(r"<body class=\"([^\"]*)\"", x).group(1).split()
assert seen.get("ru") and seen.get("fr") and seen.get("de") and seen.get("ko") is False, seen
' "$TMP/langs.epub"
unzip -Z1 "$TMP/langs.epub" >"$TMP/langs.list"
contains "latin: Russian text embedded in the Latin serif" "$TMP/langs.list" '^EPUB/fonts/NotoSerif-Regular\.ttf$'
lacks "latin: ... not in the Chinese one (the book has no Chinese)" "$TMP/langs.list" '^EPUB/fonts/NotoSerifCJKSC-Regular\.otf$'
contains "latin: the stylesheet sets body.latin in the Latin serif, hyphenated, three hyphens in a row at most" \
	<($textof "$TMP/langs.epub" EPUB/css/epub.css | tr -d '\n') 'body\.latin \{[^}]*"Noto Serif"[^}]*hyphens: auto;[^}]*hyphenate-limit-lines: 3;'
