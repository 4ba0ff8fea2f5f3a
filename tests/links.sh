# links.sh - every address either book links to is a valid URI: a table of hostile and odd addresses
# (tests/links/odd.md: a second '#', Chinese and Japanese host names, spaces, [ ], quotes, backslashes,
# controls, very long ones) through Markdown links, autolinks, raw HTML, an embed, a picture's
# placeholder and the source in front matter. EPUBCheck must be silent (no RSC-020 or RSC-023), every
# href and PDF link annotation must pass tests/links/urilint.py, the text the reader sees is as
# written, and an address no URI can say keeps its text, loses its link and is warned about.
. "$(dirname "$0")/lib.sh"

odd=tests/links/odd.md
lint=tests/links/urilint.py
"$FOLIO" $odd -o "$TMP/odd.epub" -o "$TMP/odd.pdf" 2>"$TMP/odd.err"; st=$?
[ $st = 0 ] && ok "odd addresses: both books written" || not_ok "odd addresses: both books written" "exit $st: $(cat "$TMP/odd.err")"

# EPUB: EPUBCheck silent, and every href and src valid by the grammar too.
epubcheck_ok "odd addresses: epubcheck reports nothing" "$TMP/odd.epub"
lacks "odd addresses: no RSC-020 (not a valid URI) nor RSC-023 (host)" "$TMP/epubcheck.out" "RSC-02[03]"
$lint epub "$TMP/odd.epub" >"$TMP/epub.lint"; st=$?
[ $st = 0 ] && ok "odd addresses: every EPUB address is a valid URI" || not_ok "odd addresses: every EPUB address is a valid URI" "exit $st: $(grep -v '^ok' "$TMP/epub.lint")"
# PDF: every link annotation's /URI valid.
$lint pdf "$TMP/odd.pdf" >"$TMP/pdf.lint"; st=$?
[ $st = 0 ] && ok "odd addresses: every PDF link is a valid URI" || not_ok "odd addresses: every PDF link is a valid URI" "exit $st: $(grep -v '^ok' "$TMP/pdf.lint")"
n=$(grep -c '^ok ' "$TMP/pdf.lint")
[ "$n" -ge 30 ] && ok "odd addresses: the PDF links them ($n links)" || not_ok "odd addresses: the PDF links them" "$n links"

# What each became: the same address in both books.
tests/epub/textof.py "$TMP/odd.epub" 'EPUB/a*.xhtml' >"$TMP/odd.xhtml"
both() {
	contains "odd addresses (epub): $1" "$TMP/odd.xhtml" "href=\"$(printf '%s' "$2" | sed 's/[.?*+^$[]/\\&/g')\""
	contains "odd addresses (pdf): $1" "$TMP/pdf.lint" "^ok $(printf '%s' "$2" | sed 's/[.?*+^$[]/\\&/g')\$"
}
both "a second # in the fragment is %23" "https://example.com/page#sec%23sub"
both "a Chinese host name in ASCII (IDNA)" "https://xn--fsqu00a.xn--fiqs8s/%E8%B7%AF%E5%BE%84?%E6%9F%A5%E8%AF%A2=%E5%80%BC#%E7%89%87%E6%AE%B5"
both "a Japanese host name, an autolink" "https://xn--r8jz45g.xn--zckzah/%E3%83%91%E3%82%B9"
both "spaces" "https://example.com/a%20b%20c?q=x%20y#f%20g"
both "brackets" "https://example.com/a%5B1%5D?q=%5Bx%5D#%5By%5D"
both "quotes" "https://example.com/%22quoted%22/'single'?q=%22x%22"
both "backslashes: '/' in the path (as browsers read it), %5C in the query" "https://example.com/path/to?q=a%5Cb"
both "an IPv6 host kept" "http://[2001:db8::1]:8080/x"
both "a lone percent" "https://example.com/100%25/a%25zz"
both "mailto, encoded" "mailto:%E5%90%8D%E5%AD%97@%E4%BE%8B%E5%AD%90.%E4%B8%AD%E5%9B%BD?subject=%E4%BD%A0%E5%A5%BD%20%E4%B8%96%E7%95%8C"
both "tel without its spaces" "tel:+861012345678"
both "a fullwidth host name" "https://example.com/"
both "controls dropped" "https://example.com/abc"
both "userinfo" "https://us%20er:p%40ss@example.com/"
both "a percent-encoded host name" "https://xn--fsqu00a.cn/"
both "http: with no slashes" "http://example.com/x"
both "the source in front matter" "https://xn--vrvn3n.xn--fiqs8s/%E6%96%87%E7%AB%A0%201#a%23b"
both "a picture's placeholder" "https://xn--wcsw84d.xn--fiqs8s/a%20b.png#x%23y"
both "an IPv4 host" "http://192.0.2.1:8080/a%20b"
both "an underscore in a host name" "https://a_b.example.com/"
contains "odd addresses (epub): a raw HTML link" "$TMP/odd.xhtml" 'href="https://xn--fsqu00a\.xn--fiqs8s/a%20b#x%23y"'
contains "odd addresses (epub): an embed's address" "$TMP/odd.xhtml" 'href="https://xn--cy2a840a\.xn--fiqs8s/embed\?id=1%202#t%23u"'
contains "odd addresses (epub): a long address kept (1.8 KB)" "$TMP/odd.xhtml" 'href="https://example\.com/(%E9%95%BF){500}\?q=a{300}"'

# The text the reader sees is the text as written (the EPUB's without its tags, and with the
# quarter-em space folio puts between Latin letters and Han as a plain space).
pdftotext "$TMP/odd.pdf" "$TMP/odd.txt"
sed 's/<[^>]*>//g; s/\xe2\x80\x85/ /g' "$TMP/odd.xhtml" >"$TMP/odd.epub.txt"
for t in "L02 中文主机" "https://例え.テスト/パス" "来源.中国/文章 1#a#b" "https://图片.中国/a b.png#x#y" "嵌入内容 https://视频.中国/embed?id=1 2#t#u"; do
	contains "odd addresses (pdf): the text '$t'" "$TMP/odd.txt" "$(printf '%s' "$t" | sed 's/[.?*+^$[]/\\&/g')"
	contains "odd addresses (epub): the text '$t'" "$TMP/odd.epub.txt" "$(printf '%s' "$t" | sed 's/[.?*+^$[]/\\&/g')"
done

# Addresses no URI can say: a warning with file, line and reason; the text stays, with no link.
warned() { contains "odd addresses: $1 warned" "$TMP/odd.err" "^folio: $odd:$2: warning: $3"; }
warned "a bad port" 19 "link to 'http://example.com:80a/x' removed: it cannot be made a valid address \(its port is not a number"
warned "a space in the host name" 24 "link to 'https://exa mple.com/' removed: .*host name holds a character"
warned "an address longer than 8192 bytes" 27 "link to 'https://example.com/x+\.\.\.' removed: the address is longer than 8192 bytes"
warned "a 70-letter label" 29 "link to 'https://a+' removed: .*a label of its host name is longer than 63 characters"
warned "a bad IPv6 address" 41 "link to 'http://\[zz::1\]/' removed: .*its IPv6 address is not one"
warned "no host" 42 "link to 'https:///' removed: .*it names no host"
warned "a label that starts with '-'" 54 "link to 'https://-bad.com/' removed: .*starts or ends with '-'"
warned "five numbers for a host" 55 "link to 'http://1.2.3.4.5/' removed: .*neither a name nor an IPv4 address"
warned "an empty mailto:" 56 "link to 'mailto:' removed: .*it names no address"
warned "a raw HTML link with a bad host" 46 "raw HTML link to 'http://exa mple.com/' removed: .*its host name"
for t in "L10 bad port" "L15 space in host" "L18 too long" "L20 long label" "L32 bad IPv6" "L33 no host" "R2 raw bad host" \
	"L35 hyphen first" "L36 five numbers" "L37 empty mailto"; do
	contains "odd addresses (epub): '$t' kept as text" "$TMP/odd.epub.txt" "$t"
	contains "odd addresses (pdf): '$t' kept as text" "$TMP/odd.txt" "$t"
	lacks "odd addresses (epub): '$t' is no link" "$TMP/odd.xhtml" "<a [^>]*>$t"
done
lacks "odd addresses (pdf): no link to a bad port" "$TMP/pdf.lint" "80a"

# A refused link says why for its kind: a script, a file or data, or a scheme no book links to (a
# git: or ssh: address once said "folio keeps no scripts").
mkdir -p "$TMP/why"
printf -- '---\ntitle: why\n---\n\n[a](git://github.com/x/y.git) [b](ssh://git@h/r.git) [c](javascript:x) [d](file:///etc/passwd) [e](data:text/html,x)\n' >"$TMP/why/w.md"
"$FOLIO" --verbose "$TMP/why" -o "$TMP/why.epub" 2>"$TMP/why.err"
for w in "git://github.com/x/y.git' removed: a book links only to web (http, https, ftp), mail and telephone addresses" \
	"ssh://git@h/r.git' removed: a book links only to web" "javascript:x' removed: folio keeps no scripts" \
	"file:///etc/passwd' removed: a book links to no file or data of its own" \
	"data:text/html,x' removed: a book links to no file or data of its own"; do
	contains "refused links: '${w%%\'*}' says why" "$TMP/why.err" "$(printf '%s' "$w" | sed 's/[.()/]/\\&/g')"
done

# Raw HTML's refused links are said once by the passes, whichever books are written (the PDF alone
# once dropped them without a word); none inside what both books drop whole (script, SVG).
mkdir -p "$TMP/raw"
cat >"$TMP/raw/r.md" <<'MD'
---
title: raw links
---

Inline <a href="javascript:alert(1)">J1 inline</a> text.

<p>Block <a href="vbscript:x">J2 block</a> and <a href="https://example.com/">fine</a>.</p>

<svg><a href="javascript:alert(3)"><text>J3</text></a></svg>

<script>document.write('<a href="javascript:alert(4)">J4</a>')</script>

<div>
<svg><a href="javascript:alert(5)"><text>J5</text></a></svg>
</div>

<p onclick="evil()">On click</p>

<video src="https://example.com/v.mp4"></video>

Inline <span onmouseover="y()">over</span> text.
MD
for books in pdf epub "epub pdf"; do
	set --
	for f in $books; do set -- "$@" -o "$TMP/raw.$f"; done
	"$FOLIO" "$TMP/raw" "$@" 2>"$TMP/raw.err"
	for w in "5: warning: raw HTML link to 'javascript:alert(1)' removed: " "7: warning: raw HTML link to 'vbscript:x' removed: "; do
		n=$(grep -c "^folio: $TMP/raw/r.md:$w" "$TMP/raw.err")
		[ "$n" = 1 ] && ok "raw HTML links ($books): '${w%%removed*}' said once" \
			|| not_ok "raw HTML links ($books): '${w%%removed*}' said once" "$n times: $(cat "$TMP/raw.err")"
	done
	lacks "raw HTML links ($books): none said inside SVG or a script" "$TMP/raw.err" "alert\([345]\)"
	# What the allow-list drops is said the same way (the EPUB's sanitizer alone used to say it).
	for w in "11: warning: raw HTML <script> dropped$" "17: warning: raw HTML: script attribute 'onclick' of <p> dropped" \
		"19: warning: raw HTML <video> https://example.com/v.mp4 cannot play in a book; a link is shown instead" \
		"21: warning: raw HTML: script attribute 'onmouseover' of <span> dropped"; do
		n=$(grep -c "^folio: $TMP/raw/r.md:$w" "$TMP/raw.err")
		[ "$n" = 1 ] && ok "raw HTML ($books): '${w#*warning: }' said once" \
			|| not_ok "raw HTML ($books): '${w#*warning: }' said once" "$n times: $(cat "$TMP/raw.err")"
	done
done
pdftotext "$TMP/raw.pdf" - | tr -d '\n' >"$TMP/raw.txt"
contains "raw HTML (pdf): the video is shown as a link" "$TMP/raw.txt" "https://example.com/v.mp4"
# Said for the articles a book takes, not for those its filters leave out.
printf -- '---\ntitle: kept\ntags: [k]\n---\n\nPlain text.\n' >"$TMP/raw/s.md"
"$FOLIO" "$TMP/raw" --tag k -o "$TMP/raw-k.pdf" 2>"$TMP/raw-k.err"
lacks "raw HTML: nothing said of an article the book leaves out" "$TMP/raw-k.err" "raw HTML"
rm "$TMP/raw/s.md"
contains "raw HTML links (pdf): a refused link's text is kept" "$TMP/raw.txt" "J1 inline.*J2 block"

# The checker itself fails on what it is there to catch (and on a book it cannot read).
printf 'https://例子.中国/\nhttps://example.com/a#b#c\nhttps://exa mple.com/\nhttps://[x]/\nhttps://-a.com/\nhttp://1.2.3.4.5/\nmailto:\n' | while read -r u; do
	python3 -c 'import sys; sys.path.insert(0, "tests/links"); import urilint; sys.exit(0 if urilint.problem(sys.argv[1], False) else 1)' "$u" \
		&& ok "urilint: refuses '$u'" || not_ok "urilint: refuses '$u'"
done
expect_status "urilint: a book that cannot be read fails" 2 $lint pdf "$TMP/no-such.pdf"

# Ids raw HTML gives (a table of contents of in-page links): a link to one goes to the heading it
# stands at; an <a id> alone above a heading leaves no empty paragraph.
mkdir -p "$TMP/rawid"
cat >"$TMP/rawid/r.md" <<'MD'
---
title: raw ids
---

- [Overview](#overview)
- [Details](#details)
- [Later](#later)
- [Named](#named)

### <span id="overview">1. Overview</span>

Text one, and <span id="later">an id</span> in it.

<a id="details"></a>
### 2. Details

Text two.

<div><a name="named"></a></div>

### 3. Named
MD
"$FOLIO" "$TMP/rawid" -t model -o "$TMP/rawid.model" 2>"$TMP/rawid.err"
"$FOLIO" "$TMP/rawid" -o "$TMP/rawid.epub" 2>>"$TMP/rawid.err"
contains "raw ids: <span id> in a heading is that heading" "$TMP/rawid.model" "link line 5 #overview -> a0001#a0001-h1$"
contains "raw ids: <a id></a> above a heading is that heading" "$TMP/rawid.model" "link line 6 #details -> a0001#a0001-h2$"
contains "raw ids: an id in a section's text is its heading" "$TMP/rawid.model" "link line 7 #later -> a0001#a0001-h1$"
contains "raw ids: <a name> in an HTML block above a heading is that heading" "$TMP/rawid.model" "link line 8 #named -> a0001#a0001-h3$"
unzip -p "$TMP/rawid.epub" EPUB/a0001.xhtml >"$TMP/rawid.xhtml"
lacks "raw ids: no empty paragraph in the EPUB" "$TMP/rawid.xhtml" "<p></p>"
contains "raw ids: the EPUB links to the heading" "$TMP/rawid.xhtml" '<a href="#a0001-h2">Details</a>'
