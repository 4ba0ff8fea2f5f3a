# hold.sh - trees are parsed again for each writer: what loading reported is said once, whatever is written.
. "$(dirname "$0")/lib.sh"

d=$TMP/hold
mkdir -p "$d"
printf -- '---\ntitle: 再读\ndate: 2025-03-01\n---\n# 标题\n\n正文[^1]。\n\n![svg](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)\n\n> <script>\n> 未闭合\n\n[^1]: 注。\n' >"$d/a.md"

# once: NAME FILE PATTERN: exactly one line of FILE matches.
once() {
	local n
	n=$(grep -cE -- "$3" "$2")
	if [ "$n" = 1 ]; then ok "$1"; else not_ok "$1" "$n lines match '$3': $(head -10 "$2")"; fi
}

expect_status "hold: PDF and EPUB from one reading" 0 "$FOLIO" "$d" -o "$TMP/h.pdf" -o "$TMP/h.epub"
cp "$TMP/err" "$TMP/both.err"
once "hold: the never-closed <script> is reported once for both books" "$TMP/both.err" "a.md:11: warning: raw HTML <script> is never closed"
once "hold: the SVG data: image is reported once for both books" "$TMP/both.err" "a.md:9: warning: image 'data:image/svg"
expect_status "hold: a digest of both formats" 0 "$FOLIO" digest "$d" -o "$TMP/d.pdf" -o "$TMP/d.epub"
once "hold: a digest reports the <script> once" "$TMP/err" "raw HTML <script> is never closed"
"$FOLIO" -q "$d" -t trace -o "$TMP/h.trace" 2>/dev/null
contains "hold: the PDF has the text after the dropped tag" "$TMP/h.trace" "未闭合"
contains "hold: the PDF has the note" "$TMP/h.trace" '"注。"'
