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
# Private-use characters (icon fonts, Word's symbol bullet, old Hong Kong encodings) mean nothing a
# book can know: said once an article, for both books, at the first, with the code points (six named).
u=$TMP/pua
mkdir -p "$u"
/usr/bin/python3 -c 'import sys; open(sys.argv[1], "w").write("---\ntitle: P\n---\n\nPlain line.\n\nHome \uf015, branch \ue0a0, bullet \uf0b7 and \uf0b7.\n\n```\n\ue0b0 \ue0b1 \ue0b2 \ue0b3 \U000f0001\n```\n")' "$u/a.md"
expect_status "hold: private-use characters: PDF and EPUB from one reading" 0 "$FOLIO" "$u" -o "$TMP/u.pdf" -o "$TMP/u.epub"
once "hold: private-use characters said once, at the first, counted, six named" "$TMP/err" \
	'a\.md:7: warning: 9 private-use characters \(U\+F015, U\+E0A0, U\+F0B7, U\+E0B0, U\+E0B1, U\+E0B2, \.\.\.\): no standard says what they show'
printf -- '---\ntitle: Q\n---\n\nNone here: \xef\xbf\xbd \xe2\x80\xa2.\n' >"$u/b.md"
"$FOLIO" "$u/b.md" -o "$TMP/u2.epub" 2>"$TMP/u2.err"
lacks "hold: ... and nothing said of U+FFFD or a real bullet" "$TMP/u2.err" 'private-use'
"$FOLIO" -q "$d" -t trace -o "$TMP/h.trace" 2>/dev/null
contains "hold: the PDF has the text after the dropped tag" "$TMP/h.trace" "未闭合"
contains "hold: the PDF has the note" "$TMP/h.trace" '"注。"'

# Articles are read on every core. cmark-gfm's inline parser shares one table between parsers,
# so two parsing at once lost autolinks and strikethrough (then the writers' second parse found
# other links than loading recorded). Many small articles full of both, read in parallel: every
# link found, the same messages in the files' order as one by one.
p=$TMP/parallel
mkdir -p "$p"
for i in $(seq -w 1 300); do
	printf -- '---\ntitle: 并行%s\ndate: 2025-03-01\n---\n见 www.example.com/%s 和 https://example.org/%s ，~~删~~与 ~~旧~~ 。\n\n![图](no-such-%s.png)\n' \
		"$i" "$i" "$i" "$i" >"$p/a$i.md"
done
expect_status "parallel: 300 articles read" 0 "$FOLIO" "$p" --verbose -o "$TMP/par.epub"
"$FOLIO" -q "$p" -t model -o "$TMP/par.model"
n=$(grep -c "^  link .*example\.\(com\|org\)/[0-9]" "$TMP/par.model")
[ "$n" = 600 ] && ok "parallel: every autolink found (600)" || not_ok "parallel: every autolink found" "$n of 600"
n=$(unzip -p "$TMP/par.epub" 'EPUB/a*.xhtml' | grep -o '<del>' | wc -l)
[ "$n" = 600 ] && ok "parallel: every strikethrough kept (600)" || not_ok "parallel: every strikethrough kept" "$n of 600"
grep -o 'a[0-9]*\.md:[0-9]*' "$TMP/err" >"$TMP/par.order"
sort -c "$TMP/par.order" 2>/dev/null && [ "$(wc -l <"$TMP/par.order")" = 300 ] \
	&& ok "parallel: one message per article, in the files' order" \
	|| not_ok "parallel: messages in order" "$(head -5 "$TMP/err")"
