# readers.sh - the EPUB in real reading engines (tests/readers/): examples/ and the fixture book must
# show no problem in headless Chromium and WebKitGTK, and the harness must catch a broken stylesheet.
# READERS_FULL=1 (make check-readers) adds the phone width and books of corpus articles from $CORPUS.
. "$(dirname "$0")/lib.sh"

harness=tests/readers/readers.py
viewports=600x800
[ "${READERS_FULL:-0}" = 1 ] && viewports=600x800,360x640

# The engines themselves: a harness that cannot start them must fail, not pass quietly.
for need in /usr/bin/chromium /usr/bin/xvfb-run /usr/bin/fc-list; do
	[ -x "$need" ] && ok "readers: $need present" || not_ok "readers: $need present" "install TEST_DEBS (make deps)"
done
check "readers: WebKitGTK and PIL importable" /usr/bin/python3 -c \
	'import gi; gi.require_version("WebKit2", "4.1"); from gi.repository import WebKit2; import PIL, websocket'

"$FOLIO" examples -o "$TMP/examples.epub" 2>"$TMP/examples.err"
"$FOLIO" tests/readers/book -o "$TMP/fixtures.epub" 2>"$TMP/fixtures.err"
# The vertical edition of both, and the fixture with its fonts embedded (the engines then draw with them).
"$FOLIO" examples --writing-mode vertical-rl -o "$TMP/examples-vertical.epub" 2>"$TMP/examples-vertical.err"
"$FOLIO" tests/readers/book --writing-mode vertical-rl -o "$TMP/fixtures-vertical.epub" 2>"$TMP/fixtures-vertical.err"
"$FOLIO" tests/readers/book --embed-fonts -o "$TMP/fixtures-fonts.epub" 2>"$TMP/fixtures-fonts.err"
books=("$TMP/examples.epub" "$TMP/fixtures.epub" "$TMP/examples-vertical.epub" "$TMP/fixtures-vertical.epub"
	"$TMP/fixtures-fonts.epub")

# Corpus-like books from the shared corpus: a few articles of each language, one book per script.
if [ "${READERS_FULL:-0}" = 1 ]; then
	corpus=${CORPUS:-../shared/corpus}
	while read -r name files; do
		case $name in '#'*|'') continue ;; esac
		paths=()
		for f in $files; do paths+=("$corpus/$f"); done
		if "$FOLIO" "${paths[@]}" -o "$TMP/$name.epub" 2>"$TMP/$name.err" \
			&& "$FOLIO" "${paths[@]}" --writing-mode vertical-rl --embed-fonts -o "$TMP/$name-vertical.epub" \
				2>"$TMP/$name-vertical.err"; then
			books+=("$TMP/$name.epub" "$TMP/$name-vertical.epub")
			ok "readers: corpus book $name made (and its vertical edition with fonts)"
		else
			not_ok "readers: corpus book $name made" "$(tail -5 "$TMP/$name.err")"
		fi
	done <tests/readers/corpus.txt
fi

start=$SECONDS
/usr/bin/python3 "$harness" --viewports "$viewports" "${books[@]}" >"$TMP/report" 2>"$TMP/summary"
status=$?
echo "    $(tail -1 "$TMP/summary")"
if [ $status = 0 ] && [ ! -s "$TMP/report" ]; then
	ok "readers: no problem in Chromium or WebKitGTK ($((SECONDS - start)) s)"
else
	not_ok "readers: no problem in Chromium or WebKitGTK (exit $status)" "$(cat "$TMP/report" "$TMP/summary")"
fi

# The harness must fail on what it is there to find: the stylesheet as it was before the fixes
# (text-autospace, per-language fonts on every element, notes heading and rule left alone).
{
	cat templates/epub.css
	printf 'body { text-autospace: ideograph-alpha ideograph-numeric; }\n'
	printf ':lang(en) { font-family: "Noto Serif", serif; }\n'
	printf '.footnotes h2 { display: block; }\n'
} >"$TMP/broken.css"
# (The Chinese-Western spaces folio puts into the text turned off too, or WebKit's autospace has
# nothing to move: the title page's dates have digits beside Han only then.)
printf 'cjk:\n  latin-space: 0em\n' >"$TMP/nospace.yaml"
"$FOLIO" tests/readers/book --css "$TMP/broken.css" --theme "$TMP/nospace.yaml" -o "$TMP/broken.epub" 2>/dev/null
/usr/bin/python3 "$harness" --viewports 600x800 --only title.xhtml,a0003.xhtml "$TMP/broken.epub" >"$TMP/broken" 2>&1
expect=$?
[ $expect = 1 ] && ok "readers: a broken stylesheet fails the harness" \
	|| not_ok "readers: a broken stylesheet fails the harness" "exit $expect: $(cat "$TMP/broken")"
contains "readers: WebKit's digits drawn over Chinese are caught" "$TMP/broken" \
	'^webkit .*title.xhtml 600x800: glyphs drawn over their neighbours: .*p.dates'
lacks "readers: Chromium draws the same pages clean" "$TMP/broken" '^chromium .*glyphs drawn'
contains "readers: code set in a serif is caught" "$TMP/broken" \
	'^chromium .*a0003.xhtml 600x800: set in Noto Serif \(serif\), wants a monospace font .*code "Route'
contains "readers: a notes heading left alone is caught" "$TMP/broken" \
	'^webkit .*a0003.xhtml 600x800: heading stands alone.*\(notes as pop-ups\) — h2.notes-title "Notes"'

# A page too tall for one WebKit picture (the corpus has one of 92,780 pixels) is pictured a screen at a
# time, each screen's band coloured: here every page is, and the digits drawn over Chinese are still caught.
FOLIO_READERS_TALLEST=300 /usr/bin/python3 "$harness" --engines webkit --viewports 600x800 --only title.xhtml \
	"$TMP/broken.epub" >"$TMP/broken-tall" 2>&1
contains "readers: WebKit's overlaps are caught on a page pictured in pieces" "$TMP/broken-tall" \
	'^webkit .*title.xhtml 600x800: glyphs drawn over their neighbours: .*p.dates'
FOLIO_READERS_TALLEST=300 /usr/bin/python3 "$harness" --engines webkit --viewports 600x800 --only a0003.xhtml \
	"$TMP/fixtures.epub" >"$TMP/fixtures-tall" 2>&1
expect=$?
[ $expect = 0 ] && ok "readers: a clean page pictured in pieces stays clean" \
	|| not_ok "readers: a clean page pictured in pieces stays clean" "exit $expect: $(cat "$TMP/fixtures-tall")"

# And on a vertical page: the vertical forms of stops and commas left to the engine (WebKitGTK then
# sets the horizontal ones upright), and letters squeezed onto each other down the column (WebKit
# draws them over each other; Chromium squeezes the glyphs themselves).
{
	cat templates/epub.css
	printf 'html.vertical { font-feature-settings: normal !important; -webkit-font-feature-settings: normal !important; }\n'
	printf '.vertical strong { letter-spacing: -0.5em !important; }\n'
} >"$TMP/broken-vertical.css"
"$FOLIO" tests/readers/book --writing-mode vertical-rl --css "$TMP/broken-vertical.css" -o "$TMP/broken-vertical.epub" 2>/dev/null
/usr/bin/python3 "$harness" --viewports 600x800 --only a0004.xhtml "$TMP/broken-vertical.epub" >"$TMP/broken-vertical" 2>&1
expect=$?
[ $expect = 1 ] && ok "readers: a broken vertical stylesheet fails the harness" \
	|| not_ok "readers: a broken vertical stylesheet fails the harness" "exit $expect: $(cat "$TMP/broken-vertical")"
contains "readers: horizontal punctuation on a vertical page is caught" "$TMP/broken-vertical" \
	'^webkit .*a0004.xhtml 600x800: punctuation in its horizontal form on a vertical page'
contains "readers: overlapping glyphs down a column are caught" "$TMP/broken-vertical" \
	'^webkit .*a0004.xhtml 600x800: (text overlaps|glyphs drawn over their neighbours).*strong'
