#!/usr/bin/env bash
# compare-weasyprint.sh - folio's PDF beside WeasyPrint's for the same Chinese articles: pdfcheck's
# counts for both, as a Markdown table, and page images of both. A measurement, not part of
# tests/run (it takes a minute and reads articles outside the project).
#
#   tests/cjk/compare-weasyprint.sh SOURCE_DIR FOLIO.pdf OUT_DIR [PAGE]
#
# WeasyPrint gets each article through pandoc (GFM -> HTML, images left out: no network) with a
# stylesheet matching folio's defaults: A5, 40 pt margins, Noto Serif CJK 10.5 pt, line height
# 1.7, justified, 2 em indent, strict line breaking, language per article folder (zh-CN, zh-HK,
# zh-TW). Writes OUT_DIR/weasyprint.pdf, OUT_DIR/table.md, OUT_DIR/{folio,weasyprint}-PAGE.png.
set -eu
if [ $# -lt 3 ]; then
	echo "usage: $0 SOURCE_DIR FOLIO.pdf OUT_DIR [PAGE]" >&2
	exit 2
fi
src=$1 folio_pdf=$2 out=$3 page=${4:-5}
pdfcheck=${PDFCHECK:-/work/shared/tools/pdfcheck}
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo 'function Image(el) return {} end' >"$work/noimg.lua"
cat >"$work/style.css" <<'EOF'
@page { size: A5; margin: 40pt; }
body { font-family: "Noto Serif CJK SC"; font-size: 10.5pt; line-height: 1.7; text-align: justify;
       line-break: strict; }
section:lang(zh-HK) { font-family: "Noto Serif CJK HK"; }
section:lang(zh-TW) { font-family: "Noto Serif CJK TC"; }
p { text-indent: 2em; margin: 0; }
h1 { font-size: 14pt; break-before: page; }
pre, code { font-family: "Noto Sans Mono CJK SC"; font-size: 9pt; white-space: pre-wrap; }
table { font-size: 9pt; }
EOF
{
	echo '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>WeasyPrint</title>'
	echo '<link rel="stylesheet" href="style.css"></head><body>'
	find "$src" -name '*.md' -path '*zh-*' | LC_ALL=C sort | while read -r f; do
		lang=$(echo "$f" | grep -oE 'zh-(CN|HK|TW)' | head -1)
		echo "<section lang=\"$lang\"><h1>$(basename "$f")</h1>"
		awk 'NR == 1 && /^---$/ { fm = 1; next } fm && /^---$/ { fm = 0; next } !fm' "$f" \
			| pandoc -f gfm -t html --lua-filter "$work/noimg.lua"
		echo '</section>'
	done
	echo '</body></html>'
} >"$work/book.html"
weasyprint -q "$work/book.html" "$out/weasyprint.pdf"

row() {
	local name=$1 pdf=$2 last
	last=$("$pdfcheck" "$pdf" --margin 40 | tail -1)
	field() { echo "$last" | grep -oE "$1=[^ ]+" | cut -d= -f2; }
	echo "| $name | $(field pages) | $(field lines) | $(field kinsoku) | $(field split_pairs) | $(field wide_gaps) | $(field overflow) |"
}
{
	echo '| | pages | lines | kinsoku | split pairs | wide gaps | overflow |'
	echo '| --- | --- | --- | --- | --- | --- | --- |'
	row folio "$folio_pdf"
	row WeasyPrint "$out/weasyprint.pdf"
} >"$out/table.md"
cat "$out/table.md"
pdftoppm -png -r 110 -f "$page" -l "$page" -singlefile "$folio_pdf" "$out/folio-$page"
pdftoppm -png -r 110 -f "$page" -l "$page" -singlefile "$out/weasyprint.pdf" "$out/weasyprint-$page"
echo "wrote $out/table.md, $out/folio-$page.png, $out/weasyprint-$page.png"
