# svg.sh - SVG picture files in both books: an editor's drawing kept whole (styles, style sheets,
# gradients, <use>), what it brings in from elsewhere left out and said with the article's line,
# a cut-short file drawn as far as it reads; and a GIF no decoder reads shown as a placeholder in both.
. "$(dirname "$0")/lib.sh"

py=/usr/bin/python3
d=$TMP/svg
mkdir -p "$d"
# Drawn as Inkscape and Illustrator write them: colours in style attributes and a style sheet, a
# gradient, a definition drawn twice by <use>. Before, every shape was black and nothing was said.
cat >"$d/editor.svg" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="200" height="100" viewBox="0 0 200 100">
  <defs>
    <linearGradient id="g" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#ff0000"/><stop offset="1" stop-color="#ff0000"/>
    </linearGradient>
    <circle id="dot" r="12" style="fill:#00aa00"/>
  </defs>
  <style>.blue { fill: #0000ff }</style>
  <rect x="0" y="0" width="200" height="30" fill="url(#g)" inkscape:label="bar"/>
  <rect x="0" y="35" width="90" height="30" style="fill:#ffcc00;stroke:none"/>
  <rect class="blue" x="110" y="35" width="90" height="30"/>
  <use xlink:href="#dot" x="40" y="85"/>
  <use href="#dot" x="160" y="85"/>
</svg>
EOF
cat >"$d/brings.svg" <<'EOF'
<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">
  <rect width="100" height="50" style="fill:#ffcc00"/>
  <image href="https://example.com/photo.png" width="50" height="50"/>
</svg>
EOF
printf '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">\n<rect width="100" height="50" fill="#ffcc00"/>\n<circle r="5"' >"$d/cut.svg"
# A GIF whose LZW minimum code size is 12, more than GIF's codes hold: header and frame whole, no picture to decode.
printf 'GIF89a\002\000\002\000\200\000\000\000\000\000\377\377\377,\000\000\000\000\002\000\002\000\000\014\002\374\013\000;' >"$d/lzw.gif"
cat >"$d/a.md" <<'EOF'
---
title: Pictures drawn in SVG
date: 2024-01-01
lang: en
---
An editor's drawing:

![Editor](editor.svg)

One that brings in a photo:

![Brings](brings.svg)

One cut short:

![Cut](cut.svg)

A GIF no decoder reads:

![Bad GIF](lzw.gif)
EOF

"$FOLIO" "$d" -o "$TMP/svg.epub" 2>"$TMP/epub.err"
"$FOLIO" "$d" -o "$TMP/svg.pdf" 2>"$TMP/pdf.err"
epubcheck_ok "svg: the book with an editor's SVG passes EPUBCheck" "$TMP/svg.epub"
unzip -p "$TMP/svg.epub" 'EPUB/images/*.svg' >"$TMP/packed.svg"
contains "svg: its style attribute, style sheet, gradient and <use> packed" "$TMP/packed.svg" \
	'<style type="text/css">\.blue \{ fill: #0000ff \}</style>.*style="fill:#ffcc00;stroke:none"'
contains "svg: ... the gradient and <use>" "$TMP/packed.svg" 'fill="url\(#g\)".*<use x="40" y="85" xlink:href="#dot">'
lacks "svg: ... the editor's own attributes left out" "$TMP/packed.svg" 'inkscape'
for f in epub pdf; do
	contains "svg: ($f) what an SVG brings in is said with the article's line" "$TMP/$f.err" \
		"a\.md:12: warning: image 'brings\.svg' is an SVG that brings in what a book does not hold: an <image> of another file"
	contains "svg: ($f) a cut-short SVG is said with the line it breaks at" "$TMP/$f.err" \
		"a\.md:16: warning: image 'cut\.svg' is an SVG that is not well-formed XML \(line 3: .*\); drawn as far as it reads"
	contains "svg: ($f) a GIF no decoder reads: a placeholder, said with the article's line" "$TMP/$f.err" \
		"a\.md:20: warning: image 'lzw\.gif' is damaged: its picture data cannot be decoded; a placeholder is shown"
done
lacks "svg: the PDF prints no empty frame of its own" "$TMP/pdf.err" 'cannot be decoded; an empty frame'

# The PDF draws the colours, not black shapes: red (the gradient), yellow (a style attribute),
# blue (the style sheet) and green (the <use>d circle) are all on the article's page.
pdftoppm -r 50 -png -f 4 -l 4 "$TMP/svg.pdf" "$TMP/page"
$py - "$TMP"/page*.png >"$TMP/colours" <<'EOF'
import sys
from PIL import Image
im = Image.open(sys.argv[1]).convert("RGB")
seen = set()
for r, g, b in im.getdata():
    if r > 200 and g < 60 and b < 60: seen.add("red")
    if r > 200 and 170 < g < 230 and b < 60: seen.add("yellow")
    if r < 60 and g < 60 and b > 200: seen.add("blue")
    if r < 60 and 140 < g < 200 and b < 60: seen.add("green")
print(" ".join(sorted(seen)))
EOF
contains "svg: the PDF draws its colours (gradient, style, style sheet, <use>)" "$TMP/colours" '^blue green red yellow$'
