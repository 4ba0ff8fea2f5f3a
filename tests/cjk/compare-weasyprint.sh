#!/usr/bin/env bash
# compare-weasyprint.sh - folio's PDF beside WeasyPrint's for the same Chinese articles: pdfcheck's
# counts and the time each took, as a Markdown table, and one page of the same text from each as
# PNG. A measurement for the README, not part of tests/run (WeasyPrint takes minutes).
#
#   tests/cjk/compare-weasyprint.sh [OUT_DIR]        (default /tmp/folio-vs-weasyprint)
#   SHOT='近日，全球权威光伏独立测试机构RETC' tests/cjk/compare-weasyprint.sh   (the README's table and images)
#   SPREAD='TEXT' ...: also two facing pages from each book, folio's with its line grid drawn (--show-grid)
#
# Environment: CORPUS (default /work/shared/corpus; its zh-CN, zh-HK and zh-TW folders are read),
# PDFCHECK (default /work/shared/tools/pdfcheck), SHOT (text on the page to render from both PDFs;
# empty: no images), SPREAD (text on the left page of the spread to render from both; empty: none),
# DPI (default 90). Run `make` first: it uses build/folio. The images are
# reduced to 64 colours when Python's PIL is there (python3-pil).
#
# The articles are those folio keeps from the three folders (one duplicate is left out), in folio's
# order, read from `folio -t model`. folio sets them on A5 with --margin 40 --offline (an empty image
# cache, so every picture is the same placeholder box on every machine). WeasyPrint gets the same
# articles through pandoc (GFM with east_asian_line_breaks -> HTML, one call per article), each a
# <section lang=...> opening with the header folio prints (title, date, source, tags, summary), the
# author's typed indent (　　) dropped as folio drops it, images as the same placeholder box
# (weasyprint/filter.lua), and weasyprint/print.css: folio's theme in CSS (A5, 40 pt margins, Noto
# Serif CJK SC/HK/TC 10.5 pt, line height 1.75, justified, 2 em indent, line-break: strict). Both
# draw with folio's fontconfig file (fonts/fonts.conf), so they have the same fonts to choose from.
# Both PDFs are judged by `pdfcheck --margin 40`. The counts are the same on every run; the seconds
# are wall-clock time on this machine.
#
# Writes OUT_DIR/folio.pdf, weasyprint.pdf, book.html, the pdfcheck reports (*.pdfcheck.txt),
# table.md, with SHOT folio-pN.png and weasyprint-pN.png, with SPREAD folio-grid.pdf, folio-spread.png
# and weasyprint-spread.png.
set -eu
out=$(realpath -m "${1:-/tmp/folio-vs-weasyprint}")	# a relative OUT_DIR is from where it was run
cd "$(dirname "$0")/../.."
corpus=${CORPUS:-/work/shared/corpus}
pdfcheck=${PDFCHECK:-/work/shared/tools/pdfcheck}
shot=${SHOT:-}
spread_text=${SPREAD:-}
dpi=${DPI:-90}
folio=$PWD/build/folio
here=$PWD/tests/cjk/weasyprint
title='语料中的中文文章'
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}
export FONTCONFIG_FILE=$PWD/fonts/fonts.conf
export LC_ALL=C.UTF-8
[ -x "$folio" ] || { echo "$0: build/folio is missing: run make" >&2; exit 2; }
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sources=("$corpus/zh-CN" "$corpus/zh-HK" "$corpus/zh-TW")
now() { date +%s.%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# folio
"$folio" "${sources[@]}" --offline --image-cache "$work/cache" -q -t model -o "$work/model.txt"
t0=$(now)
"$folio" "${sources[@]}" --offline --image-cache "$work/cache" -q --title "$title" \
	--page-size A5 --margin 40 -o "$out/folio.pdf"
t1=$(now)
folio_s=$(seconds "$t0" "$t1")

# The articles folio kept, one a line: file, lang, title, date, source, tags, summary.
awk -v OFS='\t' '
	function flush() { if (file != "") print file, f["lang"], f["title"], f["date"], f["source"], f["tags"], f["summary"] }
	/^article / { flush(); file = $0; sub(/^article [^ ]+ /, "", file); split("", f); next }
	/^  (lang|title|date|source|tags|summary): / { k = $1; sub(/:$/, "", k); v = $0; sub(/^  [a-z]+: /, "", v); f[k] = v }
	END { flush() }' "$work/model.txt" >"$work/articles.tsv"

esc() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'; }
t0=$(now)
{
	echo "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	echo "<title>$title</title><link rel=\"stylesheet\" href=\"$here/print.css\"></head><body>"
	while IFS=$'\t' read -r file lang atitle date source tags summary; do
		case $lang in zh-HK | zh-TW | zh-MO) src_label='來源：' tag_label='標籤：' ;; *) src_label='来源：' tag_label='标签：' ;; esac
		day=$(echo "$date" | awk -F'[-T]' 'NF >= 3 { printf "%d 年 %d 月 %d 日", $1, $2, $3 }')
		echo "<section lang=\"$lang\"><h1 class=\"title\" data-book=\"$title\">$(printf '%s' "$atitle" | esc)</h1>"
		echo "<p class=\"meta\">$day　$src_label$(printf '%s' "$source" | esc)<br>$tag_label$(printf '%s' "$tags" | esc)</p>"
		[ -n "$summary" ] && echo "<p class=\"summary\">$(printf '%s' "$summary" | esc)</p>"
		echo '<hr class="header">'
		# the body: front matter cut, the author's indent (also inside ** opening a line) dropped
		awk 'NR == 1 && /^---[ \t]*$/ { fm = 1; next } fm && /^---[ \t]*$/ { fm = 0; next } !fm' "$file" \
			| sed -E 's/^(\*\*|__)?(　)+/\1/' \
			| pandoc -f gfm+east_asian_line_breaks -t html --lua-filter "$here/filter.lua"
		echo '</section>'
	done <"$work/articles.tsv"
	echo '</body></html>'
} >"$out/book.html"
t1=$(now)
weasyprint -q "$out/book.html" "$out/weasyprint.pdf"
t2=$(now)
pandoc_s=$(seconds "$t0" "$t1") weasy_s=$(seconds "$t1" "$t2") both_s=$(seconds "$t0" "$t2")

row() {
	local label=$1 name=$2 secs=$3 pdf=$out/$2.pdf report=$out/$2.pdfcheck.txt last
	"$pdfcheck" "$pdf" --margin 40 >"$report" || true
	last=$(tail -1 "$report")
	field() { echo "$last" | grep -oE " $1=[^ ]+" | cut -d= -f2; }
	echo "| $label | $(field kinsoku) | $(field split_pairs) | $(field wide_gaps) | $(field overflow) | $(field grid) | $(field off_grid) | $(field pages) | $secs |"
}
n=$(wc -l <"$work/articles.tsv")
{
	echo "$n articles ($(IFS=' '; echo "${sources[*]#$corpus/}")), A5, 40 pt margins; pdfcheck --margin 40"
	echo
	echo '| | kinsoku | split pairs | wide gaps | overflow | grid | off the grid | pages | seconds |'
	echo '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
	row folio folio "$folio_s"
	row 'pandoc + WeasyPrint' weasyprint "$both_s (pandoc $pandoc_s, WeasyPrint $weasy_s)"
} >"$out/table.md"
cat "$out/table.md"

# The same text from both: the first page of each PDF holding SHOT (whitespace ignored).
page_of() {
	pdftotext -enc UTF-8 "$1" - | awk -v RS='\f' -v want="$2" '
		{ gsub(/[[:space:]]+/, ""); gsub(/[[:space:]]+/, "", want) }
		index($0, want) { print NR; exit }'
}
# 64 colours keep the grey of the type and the blue of links at a third of the size.
quantize() {
	/usr/bin/python3 -c 'import sys; from PIL import Image; im = Image.open(sys.argv[1]);
im.quantize(64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(sys.argv[1], optimize=True)' \
		"$1" 2>/dev/null || true
}
# spread PDF FIRST PNG: pages FIRST and FIRST + 1 side by side, as one PNG.
spread() {
	pdftoppm -png -r "$dpi" -f "$2" -l $(($2 + 1)) "$1" "$work/spread"
	/usr/bin/python3 -c 'import sys; from PIL import Image
a, b = Image.open(sys.argv[1]), Image.open(sys.argv[2])
o = Image.new("RGB", (a.width + b.width + 4, max(a.height, b.height)), "#808080")
o.paste(a, (0, 0)); o.paste(b, (a.width + 4, 0)); o.save(sys.argv[3])' "$work"/spread-*.png "$3"
	rm -f "$work"/spread-*.png
	quantize "$3"
	echo "wrote $3"
}
if [ -n "$spread_text" ]; then
	# folio's spread: the left (even) page holding SPREAD and the right page after it, drawn again
	# with --show-grid; WeasyPrint's: its page holding SPREAD and the page after it.
	"$folio" "${sources[@]}" --offline --image-cache "$work/cache" -q --title "$title" \
		--page-size A5 --margin 40 --show-grid -o "$out/folio-grid.pdf"
	p=$(page_of "$out/folio.pdf" "$spread_text")
	[ -n "$p" ] || { echo "$0: '$spread_text' is on no page of folio.pdf" >&2; exit 1; }
	spread "$out/folio-grid.pdf" $((p - p % 2)) "$out/folio-spread.png"
	p=$(page_of "$out/weasyprint.pdf" "$spread_text")
	[ -n "$p" ] || { echo "$0: '$spread_text' is on no page of weasyprint.pdf" >&2; exit 1; }
	spread "$out/weasyprint.pdf" "$p" "$out/weasyprint-spread.png"
fi
if [ -n "$shot" ]; then
	for name in folio weasyprint; do
		p=$(page_of "$out/$name.pdf" "$shot")
		[ -n "$p" ] || { echo "$0: '$shot' is on no page of $name.pdf" >&2; exit 1; }
		pdftoppm -png -r "$dpi" -f "$p" -l "$p" -singlefile "$out/$name.pdf" "$out/$name-p$p"
		quantize "$out/$name-p$p.png"
		echo "wrote $out/$name-p$p.png"
	done
fi
