#!/usr/bin/env bash
# compare-weasyprint.sh - folio's tagged PDF beside WeasyPrint's PDF/UA-1 variant for the same Chinese articles,
# each judged by pdfstandards --ua: a Markdown table for the README. A measurement, not part of tests/run
# (WeasyPrint takes minutes).
#
#   tests/tagged/compare-weasyprint.sh [OUT_DIR]        (default /tmp/folio-vs-weasyprint-ua)
#
# The articles and the HTML WeasyPrint reads are tests/cjk/compare-weasyprint.sh's (the corpus's zh-CN,
# zh-HK and zh-TW folders as folio keeps them, through pandoc, with folio's theme in CSS); that script runs
# first and leaves folio.pdf and book.html in OUT_DIR. Then WeasyPrint makes the same HTML with
# --pdf-variant pdf/ua-1, folio the same articles with --pdf-standard ua-1, and pdfstandards --ua judges the
# three. Environment: CORPUS, PDFSTANDARDS (default /work/shared/tools/pdfstandards), and what the cjk
# script reads. Writes OUT_DIR/weasyprint-ua1.pdf, folio-ua1.pdf, *.standards.txt and ua-table.md.
set -eu
out=$(realpath -m "${1:-/tmp/folio-vs-weasyprint-ua}")
cd "$(dirname "$0")/../.."
standards=${PDFSTANDARDS:-/work/shared/tools/pdfstandards}
corpus=${CORPUS:-/work/shared/corpus}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600} FONTCONFIG_FILE=$PWD/fonts/fonts.conf LC_ALL=C.UTF-8
[ -x "$standards" ] || { echo "$0: no pdfstandards at $standards (set PDFSTANDARDS)" >&2; exit 2; }
tests/cjk/compare-weasyprint.sh "$out" >/dev/null
now() { date +%s.%N; }
t0=$(now)
weasyprint -q --pdf-variant pdf/ua-1 "$out/book.html" "$out/weasyprint-ua1.pdf"
t1=$(now)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
build/folio "$corpus/zh-CN" "$corpus/zh-HK" "$corpus/zh-TW" --offline --image-cache "$work/cache" -q \
	--title '语料中的中文文章' --page-size A5 --margin 40 --pdf-standard ua-1 -o "$out/folio-ua1.pdf"
t2=$(now)

# fact NAME FILE: a field of pdfstandards' summary line.
fact() { tail -n 1 "$2" | sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
row() {
	local label=$1 pdf=$2 secs=$3 report=$out/$(basename "$2" .pdf).standards.txt fails
	/usr/bin/python3 "$standards" "$pdf" --ua >"$report" 2>&1 || true
	fails=$(grep -oE '^FAIL [a-z0-9.-]+' "$report" | cut -d' ' -f2 | paste -sd, - | sed 's/,/, /g')
	printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$(pdfinfo "$pdf" | awk '/^Pages:/{print $2}')" \
		"$(fact ua_fail "$report")" "${fails:-none}" "$(fact struct_elems "$report")" "$(fact headings "$report")" \
		"$(fact tables "$report")/$(fact tables_no_th "$report")" "$(fact links "$report")/$(fact links_untagged "$report")" \
		"$(fact lang_spans "$report")" "$secs"
}
{
	echo '| PDF | pages | UA rules failed | which | elements | headings | tables / without TH | links / untagged | /Lang spans | seconds |'
	echo '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |'
	row 'folio (default)' "$out/folio.pdf" '-'
	row 'folio --pdf-standard ua-1' "$out/folio-ua1.pdf" "$(awk -v a="$t1" -v b="$t2" 'BEGIN{printf "%.1f", b - a}')"
	row 'WeasyPrint 57 --pdf-variant pdf/ua-1' "$out/weasyprint-ua1.pdf" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b - a}')"
} | tee "$out/ua-table.md"
