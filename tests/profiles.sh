# profiles.sh - one book for every reader: what Kindle (Send to Kindle), Kobo and Apple Books ask beyond
# EPUBCheck, checked on the plain, vertical and embedded-font books (tests/profiles/check.py).
. "$(dirname "$0")/lib.sh"

checker=tests/profiles/check.py
"$FOLIO" examples -q -o "$TMP/plain.epub"
"$FOLIO" examples -q --writing-mode vertical-rl -o "$TMP/vertical.epub"
"$FOLIO" examples -q --embed-fonts -o "$TMP/fonts.epub"
"$FOLIO" tests/readers/book -q --embed-fonts --writing-mode vertical-rl -o "$TMP/fixture.epub"
for b in plain vertical fonts fixture; do
	check "profiles: $b book as Kindle, Kobo and Apple Books want it" /usr/bin/python3 $checker "$TMP/$b.epub"
done

# The checks must fail on what they are there to find: a page without its XML declaration, a
# language Send to Kindle refuses, the NCX's playOrder out of step, fonts without Apple's options,
# a link to a body's id.
/usr/bin/python3 - "$TMP/fonts.epub" "$TMP/broken.epub" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w")
for i in src.infolist():
    data = src.read(i.filename)
    if i.filename == "EPUB/a0001.xhtml":
        data = data.split(b"\n", 1)[1].replace(b"<body ", b"<body id=\"top\" ", 1)
    elif i.filename == "EPUB/a0002.xhtml":
        data = data.replace(b"</body>", b'<p><a href="a0001.xhtml#top">top</a></p></body>', 1)
    elif i.filename == "EPUB/package.opf":
        data = data.replace(b"<dc:language>", b"<dc:language>und</dc:language><dc:language>", 1)
    elif i.filename == "EPUB/toc.ncx":
        data = data.replace(b'playOrder="2"', b'playOrder="7"', 1)
    elif i.filename.endswith("display-options.xml"):
        continue
    dst.writestr(i, data)
dst.close()
PY
/usr/bin/python3 $checker "$TMP/broken.epub" >"$TMP/broken" 2>&1
expect=$?
[ $expect = 1 ] && ok "profiles: a broken book fails the checks" || not_ok "profiles: a broken book fails the checks" "exit $expect: $(cat "$TMP/broken")"
contains "profiles: a page without its XML declaration is caught" "$TMP/broken" 'a0001.xhtml: no XML declaration naming UTF-8'
contains "profiles: a language Send to Kindle refuses is caught" "$TMP/broken" "first dc:language \['und'\]"
contains "profiles: playOrder out of step is caught" "$TMP/broken" 'NCX playOrder is not 1, 2, 3'
contains "profiles: fonts without Apple's display options are caught" "$TMP/broken" 'Apple Books is not told'
contains "profiles: a link to a body's id is caught" "$TMP/broken" "a0002.xhtml: links to a0001.xhtml#top"
