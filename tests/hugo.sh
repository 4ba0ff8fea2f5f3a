# hugo.sh - folio against Hugo itself on the fixture site tests/hugo/site (issue 11): the comparison's own
# checks, both of folio's books of the site root, and the page-by-page comparison (tests/hugo/compare.py).
. "$(dirname "$0")/lib.sh"

site=tests/hugo/site
py=/usr/bin/python3
pdfcheck=${PDFCHECK:-$ROOT/../shared/tools/pdfcheck}
[ -x "$pdfcheck" ] || pdfcheck=/work/shared/tools/pdfcheck

# Debian's hugo builds the fixture offline, with its own layouts and no theme.
cp -r "$site" "$TMP/site"
check "hugo: the fixture site builds offline" \
	hugo --source "$TMP/site" --destination "$TMP/public" --cacheDir "$TMP/hugo-cache" --noBuildLock --quiet

# compare.py can pass and can fail: a book made from Hugo's own pages passes (with folio's typography);
# the same book with one thing spoiled fails.
check "compare.py: a book made from Hugo's own pages passes" \
	"$py" tests/hugo/compare.py --folio tests/hugo/oracle.py
# Each spoiled book fails (exit 1) for its own reason.
for spoil in "text:coverage under" "title:titles differ" "shortcode:shortcodes left in a book" \
	"page:not the same set of pages" "date:FAIL \(dates\)"; do
	kind=${spoil%%:*} reason=${spoil#*:}
	status=0
	ORACLE_BREAK=$kind "$py" tests/hugo/compare.py --folio tests/hugo/oracle.py >"$TMP/spoil.txt" 2>&1 || status=$?
	if [ "$status" = 1 ] && grep -qE "^(issue criteria|further checks): .*$reason" "$TMP/spoil.txt"; then
		ok "compare.py: a book whose $kind is wrong fails"
	else
		not_ok "compare.py: a book whose $kind is wrong fails" "exit $status, wanted 1 and '$reason': $(tail -3 "$TMP/spoil.txt")"
	fi
done

# folio's two books of the site root are valid.
if "$FOLIO" "$site" -o "$TMP/site.epub" -o "$TMP/site.pdf" 2>"$TMP/folio.err"; then
	ok "folio: EPUB and PDF of the site root"
else
	not_ok "folio: EPUB and PDF of the site root" "$(cat "$TMP/folio.err")"
fi
java -jar /usr/bin/epubcheck "$TMP/site.epub" >"$TMP/epubcheck.txt" 2>&1
contains "folio: the site's EPUB passes epubcheck" "$TMP/epubcheck.txt" '^Messages: 0 fatals / 0 errors / 0 warnings'
if [ -x "$pdfcheck" ]; then
	check "folio: the site's PDF passes pdfcheck" "$pdfcheck" "$TMP/site.pdf"
else
	not_ok "folio: the site's PDF passes pdfcheck" "no pdfcheck at $pdfcheck (set PDFCHECK)"
fi

# The comparison itself: folio's book of each language against what Hugo publishes.
if "$py" tests/hugo/compare.py --folio "$FOLIO" --json "$TMP/compare.json" >"$TMP/compare.txt" 2>&1; then
	ok "hugo: folio's books match Hugo's pages (pages, titles, >= 99.5% of the text, no shortcode left)"
else
	not_ok "hugo: folio's books match Hugo's pages (pages, titles, >= 99.5% of the text, no shortcode left)" \
		"$(sed -n '/^== summary/,$p' "$TMP/compare.txt"; echo "(the whole comparison: $py tests/hugo/compare.py)")"
fi
