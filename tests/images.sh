# images.sh - remote images: fetching from a local HTTP server, the cache, --offline, formats, limits, lead images.
. "$(dirname "$0")/lib.sh"
FOLIO=$FOLIO_ONLINE

# The server: tests/imgserver.py on 127.0.0.1, a free port, every request logged.
SERVER=
start_server() {
	rm -f "$TMP/port"
	/usr/bin/python3 tests/imgserver.py tests/images/serve "$TMP/port" "$TMP/log" &
	SERVER=$!
	for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
	PORT=$(cat "$TMP/port" 2>/dev/null)
}
stop_server() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
	SERVER=
}
trap 'stop_server; rm -rf "$TMP"' EXIT

start_server
if [ -z "$PORT" ]; then not_ok "image server started"; exit 0; fi
for d in good bad stall; do
	cp -r "tests/images/$d" "$TMP/$d"
	find "$TMP/$d" -name '*.md' -exec sed -i "s/@PORT@/$PORT/g" {} +
done
U="http://127.0.0.1:$PORT"
export XDG_CACHE_HOME="$TMP/cache"
requests() { grep -c "^GET $1 " "$TMP/log"; }
warnings() { grep -c ': warning: ' "$1"; }

# ---- Good images: every one resolved, converted where the EPUB needs it ----
: >"$TMP/log"
expect_status "good: built" 0 "$FOLIO" "$TMP/good" -t model -o "$TMP/good1.model"
m=$TMP/good1.model
cp "$TMP/err" "$TMP/good1.err"
contains "good: JPEG" "$m" "'$U/photo' alt 'JPEG' -> images/img-[0-9a-f]{16}\.jpg image/jpeg 64x48$"
contains "good: PNG" "$m" "'$U/plain' alt 'PNG' -> images/img-[0-9a-f]{16}\.png image/png 40x30$"
contains "good: GIF kept (animated)" "$m" "'$U/anim-gif' .* -> images/img-[0-9a-f]{16}\.gif image/gif 16x12$"
contains "good: lossy WebP becomes JPEG" "$m" "'$U/lossy-webp' .* -> images/img-[0-9a-f]{16}\.jpg image/jpeg 48x32 \(from image/webp\)$"
contains "good: transparent WebP becomes PNG" "$m" "'$U/alpha-webp' .* -> images/img-[0-9a-f]{16}\.png image/png 24x20 \(from image/webp\)$"
contains "good: animated WebP becomes PNG" "$m" "'$U/anim-webp' .* -> images/img-[0-9a-f]{16}\.png image/png 30x20 \(from image/webp\)$"
contains "good: SVG with its size" "$m" "'$U/vector-svg' .* -> images/img-[0-9a-f]{16}\.svg image/svg\+xml 120x80$"
contains "good: one redirect followed" "$m" "'$U/moved' .* -> images/img-[0-9a-f]{16}\.png image/png 40x30$"
contains "good: 503 retried, then fetched" "$m" "'$U/flaky' .* -> images/img-[0-9a-f]{16}\.png image/png 40x30$"
photo=$(grep -o "'$U/photo' alt 'JPEG' -> [^ ]*" "$m" | awk '{print $NF}')
contains "good: same picture at another address stored once" "$m" "'$U/photo-copy' .* -> $photo "
contains "good: local copy of a remote picture stored once" "$m" "'photo.jpg' .* -> $photo "
contains "good: resources counted once each (10; a drawn cover is made only for an EPUB)" "$m" "^  resources: 10$"
contains "good: protocol-relative address fetched over https" "$m" "'//127.0.0.1:$PORT/plain' .* -> placeholder \(could not be downloaded: the secure \(https\) connection"
[ "$(warnings "$TMP/good1.err")" = 1 ] && ok "good: one warning (the https one)" || not_ok "good: one warning" "$(cat "$TMP/good1.err")"
sed -n '/good.md/,/^article/p' "$m" >"$TMP/good-article.model"
contains "good: the article with a thumbnail equal to its first image is in the model" "$TMP/good-article.model" "'$U/photo' alt 'JPEG'"
lacks "good: thumbnail equal to the first image is not a lead" "$TMP/good-article.model" "^  lead "
contains "good: a thumbnail elsewhere is the lead" "$m" "^  lead line 4 'wide.png' .* -> images/img-[0-9a-f]{16}\.png image/png 2400x10 \(from image/png\)$"
contains "good: wide PNG scaled to 2400" "$m" "'wide.png' .* image/png 2400x10 \(from image/png\)$"
contains "good: wide JPEG scaled, stays JPEG" "$m" "'wide.jpg' .* image/jpeg 2400x37 \(from image/jpeg\)$"
contains "good: EXIF rotation baked in" "$m" "'turn.jpg' .* image/jpeg 16x32 \(from image/jpeg\)$"
[ "$(requests /photo)" = 1 ] && ok "good: a picture named twice is downloaded once" || not_ok "good: downloaded once" "$(cat "$TMP/log")"
[ "$(requests /flaky)" = 2 ] && ok "good: 503 asked twice" || not_ok "good: 503 asked twice" "$(grep flaky "$TMP/log")"
contains "good: default User-Agent names folio" "$TMP/log" "^GET /plain ua=folio/[0-9.]+ "

# A second build downloads nothing and gives the same book.
: >"$TMP/log"
expect_status "cache: second build" 0 "$FOLIO" "$TMP/good" -t model -o "$TMP/good2.model"
[ ! -s "$TMP/log" ] && ok "cache: second build downloads nothing" || not_ok "cache: second build downloads nothing" "$(cat "$TMP/log")"
same_bytes "cache: second build, same model" "$TMP/good1.model" "$TMP/good2.model"
leftovers=$(ls -A "$TMP/cache/folio" | grep '^\.tmp' || true)
[ -z "$leftovers" ] && ok "cache: no temporary files" || not_ok "cache: no temporary files" "$leftovers"

# The books: an EPUB and a PDF from one run hold every picture (from the cache: no download).
: >"$TMP/log"
expect_status "books: EPUB and PDF written" 0 "$FOLIO" "$TMP/good" -o "$TMP/good.epub" -o "$TMP/good.pdf"
[ ! -s "$TMP/log" ] && ok "books: nothing downloaded again" || not_ok "books: nothing downloaded again" "$(cat "$TMP/log")"
java -jar /usr/bin/epubcheck "$TMP/good.epub" >"$TMP/epubcheck.txt" 2>&1
contains "books: epubcheck finds no error and no warning" "$TMP/epubcheck.txt" "Messages: 0 fatals / 0 errors / 0 warnings"
n=$(unzip -Z1 "$TMP/good.epub" | grep -c '/images/img-')
[ "$n" = 11 ] && ok "books: the EPUB packs the 10 pictures and the cover" || not_ok "books: the EPUB packs 11 images" "$(unzip -Z1 "$TMP/good.epub")"
pdfimages -list "$TMP/good.pdf" | awk 'NR > 2 {print $4 "x" $5, $9}' | sort -u >"$TMP/pdfimages.txt"
n=$(pdfimages -list "$TMP/good.pdf" | awk 'NR > 2 && $3 == "image" {print $11}' | sort -u | wc -l)
[ "$n" = 10 ] && ok "books: the PDF draws the 10 pictures, each stored once" \
	|| not_ok "books: the PDF draws 10 pictures" "$n: $(pdfimages -list "$TMP/good.pdf" | awk 'NR > 2 && $3 == "image" {print $4 "x" $5, $9, $11}' | sort -u)"
contains "books: the JPEG stays JPEG in the PDF" "$TMP/pdfimages.txt" "^64x48 jpeg$"
page=$(pdfimages -list "$TMP/good.pdf" | awk 'NR == 3 {print $1}')
pdftoppm -r 40 -gray -f "$page" -l "$page" "$TMP/good.pdf" "$TMP/page" && ok "books: the page with the first picture renders" \
	|| not_ok "books: the page with the first picture renders"

# A damaged cache entry is not used: it is downloaded again.
key=$(printf '%s' "$U/plain" | sha256sum | cut -d' ' -f1)
echo "garbage" >"$TMP/cache/folio/$key"
: >"$TMP/log"
"$FOLIO" "$TMP/good" -t model -o "$TMP/good3.model" 2>/dev/null
[ "$(requests /plain)" = 1 ] && ok "cache: damaged entry fetched again" || not_ok "cache: damaged entry fetched again" "$(cat "$TMP/log")"
same_bytes "cache: damaged entry, same model" "$TMP/good1.model" "$TMP/good3.model"

# User-Agent and Referer.
: >"$TMP/log"
"$FOLIO" "$TMP/good" --image-cache "$TMP/cache-ua" --user-agent "TestAgent/1" --referer "https://news.example/a" \
	-t model -o "$TMP/ua.model" 2>/dev/null
contains "fetch: --user-agent and --referer sent" "$TMP/log" "^GET /plain ua=TestAgent/1 referer=https://news.example/a$"
[ -s "$TMP/cache-ua/$key" ] && ok "cache: --image-cache DIR used" || not_ok "cache: --image-cache DIR used" "$(ls "$TMP/cache-ua")"

# ---- Bad images: a placeholder with its reason and exactly one warning each ----
: >"$TMP/log"
expect_status "bad: built anyway" 0 "$FOLIO" "$TMP/bad" --image-timeout 1 --image-max-bytes 100000 -t model -o "$TMP/bad.model"
cp "$TMP/err" "$TMP/bad.err"
b=$TMP/bad.model
contains "bad: slow image times out" "$b" "'$U/slow' .* -> placeholder \(could not be downloaded: no complete answer within 1 s \(3 tries\)\)"
contains "bad: 404" "$b" "'$U/missing' .* -> placeholder \(could not be downloaded: the server answered 404\)"
contains "bad: HTML page with status 200" "$b" "'$U/html' .* -> placeholder \(could not be downloaded: the server sent an HTML page, not an image\)"
contains "bad: redirect loop" "$b" "'$U/loop' .* -> placeholder \(could not be downloaded: redirected more than 5 times\)"
contains "bad: redirect to file:" "$b" "'$U/to-file' .* -> placeholder \(could not be downloaded: redirected to an address that is not http or https\)"
contains "bad: oversized (announced)" "$b" "'$U/big' .* -> placeholder \(could not be downloaded: larger than 100000 bytes"
contains "bad: oversized (chunked, cut while downloading)" "$b" "'$U/big-chunked' .* -> placeholder \(could not be downloaded: larger than 100000 bytes"
contains "bad: PNG bomb refused from its header" "$b" "'$U/bomb-png' .* -> placeholder \(is too large to decode: 100000x100000 pixels"
contains "bad: GIF bomb refused from its header" "$b" "'$U/bomb-gif' .* -> placeholder \(is too large to decode: 60000x60000 pixels"
contains "bad: not an image" "$b" "'$U/notimage' .* -> placeholder \(could not be downloaded: the server sent a file that is not an image\)"
contains "bad: SVG with a script is packed cleaned" "$b" "'$U/script-svg' .* -> images/img-[0-9a-f]{16}\.svg image/svg\+xml 10x10$"
contains "bad: connection broken mid-body, retried" "$b" "'$U/partial' .* -> placeholder \(could not be downloaded: the connection broke .*\(3 tries\)\)"
contains "bad: missing thumbnail reported" "$TMP/bad.err" "bad.md:4: warning: thumbnail '$U/missing-thumb' could not be downloaded: the server answered 404; the article shows no lead image$"
contains "bad: resources: the cleaned SVG only" "$b" "^  resources: 1$"
[ "$(warnings "$TMP/bad.err")" = 12 ] && ok "bad: 12 warnings for 12 bad images" || not_ok "bad: 12 warnings" "$(cat "$TMP/bad.err")"
dup=$(grep -o "image '[^']*'" "$TMP/bad.err" | sort | uniq -d)
[ -z "$dup" ] && ok "bad: no image warned twice" || not_ok "bad: no image warned twice" "$dup"
[ "$(requests /missing)" = 1 ] && ok "bad: 404 not retried" || not_ok "bad: 404 not retried" "$(grep missing "$TMP/log")"
[ "$(requests /loop)" -le 6 ] && ok "bad: redirect loop stopped" || not_ok "bad: redirect loop stopped" "$(requests /loop) requests"
[ "$(requests /slow)" = 3 ] && ok "bad: timeout retried twice" || not_ok "bad: timeout retried twice" "$(requests /slow)"
expect_status "bad: --strict fails" 1 "$FOLIO" "$TMP/bad" --strict --offline -t model -o "$TMP/strict.model"

# Failures the server gave are remembered for a day; transient ones are asked again.
: >"$TMP/log"
"$FOLIO" "$TMP/bad" --image-timeout 1 --image-max-bytes 100000 -t model -o "$TMP/bad2.model" 2>"$TMP/bad2.err"
[ "$(requests /missing)" = 0 ] && ok "cache: 404 remembered" || not_ok "cache: 404 remembered" "$(cat "$TMP/log")"
[ "$(requests /slow)" = 3 ] && ok "cache: timeout not remembered" || not_ok "cache: timeout not remembered" "$(requests /slow)"
contains "cache: remembered failure says so" "$TMP/bad2.model" "'$U/missing' .* the server answered 404 \(remembered from a run in the last day\)"
[ "$(warnings "$TMP/bad2.err")" = 12 ] && ok "cache: still one warning each" || not_ok "cache: still one warning each" "$(cat "$TMP/bad2.err")"

# ---- An interrupted download leaves nothing in the cache ----
: >"$TMP/log"
"$FOLIO" "$TMP/stall" --image-cache "$TMP/cache-stall" -t model -o "$TMP/stall.model" 2>/dev/null &
victim=$!
for _ in $(seq 100); do grep -q '^GET /stall' "$TMP/log" && break; sleep 0.1; done
sleep 0.3
kill -9 "$victim" 2>/dev/null; wait "$victim" 2>/dev/null
key=$(printf '%s' "$U/stall" | sha256sum | cut -d' ' -f1)
[ ! -e "$TMP/cache-stall/$key" ] && ok "interrupted: no cache entry" || not_ok "interrupted: no cache entry"
expect_status "interrupted: next offline build succeeds" 0 "$FOLIO" "$TMP/stall" --offline --image-cache "$TMP/cache-stall" -t model -o "$TMP/stall.model"
contains "interrupted: the image is a placeholder" "$TMP/stall.model" "'$U/stall' .* -> placeholder \(is not in the image cache"

# ---- --offline ----
# An empty cache: placeholders, one warning per missing image (--verbose: none summed up), no request at all.
: >"$TMP/log"
expect_status "offline, empty cache: built" 0 "$FOLIO" "$TMP/good" --offline --verbose --image-cache "$TMP/empty" -t model -o "$TMP/off0.model"
[ ! -s "$TMP/log" ] && ok "offline: no request made" || not_ok "offline: no request made" "$(cat "$TMP/log")"
n_remote=$(grep -c "^  image line .* '\(http:\)\?//" "$TMP/off0.model")
[ "$(warnings "$TMP/err")" = "$n_remote" ] && [ "$n_remote" = 11 ] && ok "offline, empty cache: one warning per missing image (11)" \
	|| not_ok "offline, empty cache: one warning per missing image" "$n_remote remote; $(cat "$TMP/err")"
contains "offline, empty cache: reason" "$TMP/off0.model" "'$U/plain' .* -> placeholder \(is not in the image cache and --offline forbids downloading it\)"
contains "offline, empty cache: local images still there" "$TMP/off0.model" "'wide.jpg' .* image/jpeg 2400x37"

# The server stopped: the cache is enough.
stop_server
expect_status "offline, server stopped: built from the cache" 0 "$FOLIO" "$TMP/good" --offline -t model -o "$TMP/off1.model"
grep -v "'//127" "$TMP/good1.model" >"$TMP/a"; grep -v "'//127" "$TMP/off1.model" >"$TMP/b"
same_bytes "offline: same images as online" "$TMP/a" "$TMP/b"
[ "$(warnings "$TMP/err")" = 1 ] && ok "offline: only the never-fetched image warned" || not_ok "offline: only the never-fetched image warned" "$(cat "$TMP/err")"
"$FOLIO" "$TMP/good" --offline -o "$TMP/off.epub" -o "$TMP/off.pdf" 2>/dev/null
# (The EPUB's placeholder for the never-fetched picture gives its own reason; its pictures are the same.)
unzip -Z1 "$TMP/good.epub" | grep images/ >"$TMP/good.images"; unzip -Z1 "$TMP/off.epub" | grep images/ >"$TMP/off.images"
same_bytes "offline, server stopped: the EPUB packs the same pictures" "$TMP/good.images" "$TMP/off.images"
same_bytes "offline, server stopped: the same PDF as online" "$TMP/good.pdf" "$TMP/off.pdf"

# ---- Formats and limits (local files and the cache; no server needed) ----
"$FOLIO" "$TMP/good" --offline --webp keep -t model -o "$TMP/keep.model" 2>/dev/null
contains "webp keep: lossy WebP packed as WebP" "$TMP/keep.model" "'$U/lossy-webp' .* image/webp 48x32$"
"$FOLIO" "$TMP/good" --offline --webp jpeg -t model -o "$TMP/jpeg.model" 2>/dev/null
contains "webp jpeg: transparent WebP as JPEG" "$TMP/jpeg.model" "'$U/alpha-webp' .* image/jpeg 24x20 \(from image/webp\)$"
"$FOLIO" "$TMP/good" --offline --webp png -t model -o "$TMP/png.model" 2>/dev/null
contains "webp png: lossy WebP as PNG" "$TMP/png.model" "'$U/lossy-webp' .* image/png 48x32 \(from image/webp\)$"
expect_status "webp: bad value refused" 2 "$FOLIO" "$TMP/good" --offline --webp gif -t model -o "$TMP/x.model"
contains "webp: bad value named" "$TMP/err" "error: --webp must be auto, keep, jpeg or png, not 'gif'"
"$FOLIO" "$TMP/good" --offline --image-max-pixels 0 -t model -o "$TMP/nomax.model" 2>/dev/null
contains "max-pixels 0: never scaled" "$TMP/nomax.model" "'wide.png' .* image/png 3000x12$"
"$FOLIO" "$TMP/good" --offline --image-max-pixels 8 -t model -o "$TMP/small.model" 2>/dev/null
contains "max-pixels 8: GIF scaled becomes PNG" "$TMP/small.model" "'$U/anim-gif' .* image/png 8x6 \(from image/gif\)$"
contains "max-pixels 8: animated WebP scaled" "$TMP/small.model" "'$U/anim-webp' .* image/png 8x5 \(from image/webp\)$"
expect_status "max-megapixels 0: no limit, accepted" 0 "$FOLIO" "$TMP/good" --offline --image-max-megapixels 0 -t model -o "$TMP/nolimit.model"
"$FOLIO" "$TMP/bad" --offline --image-max-megapixels 1 -t model -o "$TMP/mp.model" 2>/dev/null
contains "max-megapixels: limit named" "$TMP/mp.model" "too large to decode: 100000x100000 pixels \(--image-max-megapixels 1\)"

# A thumbnail at another address with the same bytes as the first image is not a lead either.
mkdir -p "$TMP/lead"
printf -- '---\ntitle: lead\nthumbnail: %s/photo-copy\n---\n\n![x](%s/photo)\n' "$U" "$U" >"$TMP/lead/a.md"
printf -- '---\ntitle: lead2\nthumbnail: %s/plain\n---\n\n![x](%s/photo)\n' "$U" "$U" >"$TMP/lead/b.md"
"$FOLIO" "$TMP/lead" --offline -t model -o "$TMP/lead.model" 2>"$TMP/lead.err"
[ "$(grep -c '^  lead ' "$TMP/lead.model")" = 1 ] && ok "lead: same bytes as the first image, dropped; another kept" \
	|| not_ok "lead: dropped once" "$(cat "$TMP/lead.model")"
contains "lead: a different thumbnail is the lead" "$TMP/lead.model" "^  lead line 3 '$U/plain' .* image/png 40x30$"

# ---- Covers ----
contains "cover: drawn when none is given" "$TMP/good1.model" "^  cover: drawn$"
# The EPUB gets the drawn cover as a 1600x2400 PNG, declared as the cover image, the same bytes each build.
"$FOLIO" "$TMP/good" --offline -o "$TMP/drawn1.epub" 2>/dev/null
"$FOLIO" "$TMP/good" --offline -o "$TMP/drawn2.epub" 2>/dev/null
href=$(unzip -p "$TMP/drawn1.epub" EPUB/package.opf 2>/dev/null | grep -o '<item [^>]*properties="cover-image"[^>]*>' | grep -o 'href="[^"]*"' | cut -d'"' -f2)
unzip -p "$TMP/drawn1.epub" "EPUB/$href" >"$TMP/drawn1.png" 2>/dev/null
unzip -p "$TMP/drawn2.epub" "EPUB/$href" >"$TMP/drawn2.png" 2>/dev/null
# PNG signature, then IHDR: width 1600 (0x640), height 2400 (0x960), 8-bit RGB (colour type 2).
contains "cover: the EPUB's drawn cover is a 1600x2400 PNG" <(od -An -tx1 -N26 "$TMP/drawn1.png" | tr -d '\n') \
	"89 50 4e 47 0d 0a 1a 0a .* 49 48 44 52 00 00 06 40 00 00 09 60 08 02"
[ -s "$TMP/drawn1.png" ] && cmp -s "$TMP/drawn1.png" "$TMP/drawn2.png" && ok "cover: drawn cover has the same bytes each build" \
	|| not_ok "cover: deterministic" "$href"
"$FOLIO" "$TMP/good" --offline --cover tests/images/good/bundle/photo.jpg -t model -o "$TMP/cover.model" 2>"$TMP/cover.err"
contains "cover: --cover FILE used" "$TMP/cover.model" "^  cover: $photo image/jpeg 64x48$"
contains "cover: --cover picture also in the body is stored once" "$TMP/cover.model" "^  resources: 10$"
"$FOLIO" "$TMP/good" --offline --cover tests/images/serve/lossy-webp -t model -o "$TMP/cover2.model" 2>/dev/null
contains "cover: WebP cover converted" "$TMP/cover2.model" "^  cover: images/img-[0-9a-f]{16}\.jpg image/jpeg 48x32$"
"$FOLIO" "$TMP/good" --offline --cover "$TMP/no-such.jpg" -t model -o "$TMP/cover3.model" 2>"$TMP/cover3.err"
contains "cover: missing --cover reported" "$TMP/cover3.err" "no-such.jpg: warning: cover image does not exist; a cover is drawn instead"
contains "cover: missing --cover, one is drawn" "$TMP/cover3.model" "^  cover: drawn$"
"$FOLIO" "$TMP/good" --offline --cover tests/images/serve/notimage -t model -o "$TMP/cover4.model" 2>"$TMP/cover4.err"
contains "cover: not an image reported" "$TMP/cover4.err" "notimage: warning: cover image is not an image"
# A --cover that draws nothing was each book's empty cover, said nowhere.
printf '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="900"><title>cover</title></svg>\n' >"$TMP/blank-cover.svg"
"$FOLIO" "$TMP/good" --offline --cover "$TMP/blank-cover.svg" -t model -o "$TMP/cover5.model" 2>"$TMP/cover5.err"
contains "cover: a blank SVG cover reported" "$TMP/cover5.err" "blank-cover.svg: warning: cover image is an SVG that draws nothing; a cover is drawn instead"
contains "cover: ... and one is drawn" "$TMP/cover5.model" "^  cover: drawn$"

# ---- A server that is not there: every image fails at once, after one attempt to connect ----
mkdir -p "$TMP/gone"
dead=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
{ printf -- '---\ntitle: gone\n---\n\n'; for i in $(seq 20); do printf '![%d](http://127.0.0.1:%s/img%d)\n\n' "$i" "$dead" "$i"; done; } >"$TMP/gone/gone.md"
expect_status "unreachable: built" 0 "$FOLIO" "$TMP/gone" --verbose --image-cache "$TMP/cache-gone" -t model -o "$TMP/gone.model"
[ "$(grep -c "could not be downloaded: host 127.0.0.1:$dead cannot be reached; a placeholder is shown" "$TMP/err")" = 20 ] \
	&& ok "unreachable: 20 placeholders, one warning each" || not_ok "unreachable: 20 warnings" "$(cat "$TMP/err")"

# libcurl is opened with the first download, not at start-up: a run that downloads nothing (offline,
# its pictures' servers still named, by GLib's parser) never loads it; a libcurl that cannot serve
# makes placeholders that say so, and the book is still written.
LD_DEBUG=files "$FOLIO" "$TMP/gone" --offline --image-cache "$TMP/cache-gone" -t model -o "$TMP/gone-off.model" 2>"$TMP/ld-off.err"
lacks "libcurl: not loaded by an offline run" "$TMP/ld-off.err" 'file=libcurl'
contains "libcurl: the offline run still makes its placeholders" "$TMP/gone-off.model" "-> placeholder"
LD_DEBUG=files "$FOLIO" "$TMP/gone" --image-cache "$TMP/cache-gone" -t model -o "$TMP/gone-on.model" 2>"$TMP/ld-on.err"
contains "libcurl: loaded when downloading" "$TMP/ld-on.err" 'file=libcurl\.so\.[0-9]+ .*dynamically loaded'
mkdir -p "$TMP/fakelib" && cc -shared -o "$TMP/fakelib/$(sed -n 's/.*CURL_SONAME "\(.*\)"/\1/p' build/gen/sonames.h)" -x c /dev/null
expect_status "libcurl: one without its functions, the book still made" 0 env LD_LIBRARY_PATH="$TMP/fakelib" \
	"$FOLIO" "$TMP/gone" --verbose --image-cache "$TMP/cache-fake" -t model -o "$TMP/gone-fake.model"
[ "$(grep -c "could not be downloaded: libcurl\.so\.[0-9]* has no curl_global_init .*; a placeholder is shown" "$TMP/err")" = 20 ] \
	&& ok "libcurl: each picture says why" || not_ok "libcurl: each picture says why" "$(head -5 "$TMP/err")"

# A picture that cannot be had leaves the same book whatever the reason: an unreachable host, a
# 404, or --offline. The placeholder says, in the article's language, what and where; the English
# reason is the warning's (a flaky network must not change the book's bytes).
printf -- '---\ntitle: 缺图\ndate: 2025-03-01\nlang: zh-CN\n---\n\n正文。\n\n![示意图](%s)\n' "http://127.0.0.1:$dead/a.png" >"$TMP/gone/zh.md"
mkdir -p "$TMP/gone-offline" && cp "$TMP/gone/zh.md" "$TMP/gone-offline/"
"$FOLIO" "$TMP/gone/zh.md" --image-cache "$TMP/cache-gone2" -o "$TMP/gone-net.epub" 2>"$TMP/gone-net.err"
"$FOLIO" "$TMP/gone-offline/zh.md" --offline --image-cache "$TMP/cache-gone3" -o "$TMP/gone-off.epub" 2>"$TMP/gone-off.err"
contains "placeholder: the reason is in the warning" "$TMP/gone-net.err" "cannot be reached; a placeholder is shown"
same_bytes "placeholder: unreachable and --offline give the same EPUB" "$TMP/gone-net.epub" "$TMP/gone-off.epub"
unzip -p "$TMP/gone-net.epub" EPUB/a0001.xhtml >"$TMP/gone.xhtml"
contains "placeholder: in the article's language, with the address" "$TMP/gone.xhtml" \
	"<div class=\"placeholder image\"><span class=\"label\">图片未收录</span> <span class=\"alt\">示意图</span> <span class=\"url\"><a href=\"http://127.0.0.1:$dead/a.png\">"
lacks "placeholder: no English reason in the book" "$TMP/gone.xhtml" 'reached|offline|problem'
"$FOLIO" "$TMP/gone/zh.md" --image-cache "$TMP/cache-gone2" -t trace -o "$TMP/gone-net.trace" 2>/dev/null
"$FOLIO" "$TMP/gone-offline/zh.md" --offline --image-cache "$TMP/cache-gone3" -t trace -o "$TMP/gone-off.trace" 2>/dev/null
same_bytes "placeholder: and the same PDF pages" "$TMP/gone-net.trace" "$TMP/gone-off.trace"

# A Windows bitmap (a screenshot saved as .bmp, or named .png) is no book format: converted to PNG
# for both books, not refused as "not an image".
mkdir -p "$TMP/bmp"
/usr/bin/python3 - "$TMP/bmp" <<'PY'
import struct, sys
w, h = 5, 3
row = bytes([0, 0, 255]) * w
pixels = (row + b"\0" * ((4 - len(row) % 4) % 4)) * h
data = struct.pack("<2sIHHI", b"BM", 54 + len(pixels), 0, 0, 54) \
    + struct.pack("<IiiHHIIiiII", 40, w, -h, 1, 24, 0, len(pixels), 2835, 2835, 0, 0) + pixels
for name in ("shot.bmp", "named.png"):
    open(f"{sys.argv[1]}/{name}", "wb").write(data)
PY
printf -- '---\ntitle: bitmaps\n---\n\n![A screenshot](shot.bmp)\n\n![Named png](named.png)\n' >"$TMP/bmp/a.md"
"$FOLIO" "$TMP/bmp" -t model -o "$TMP/bmp.model" 2>"$TMP/bmp.err"
contains "bmp: a bitmap becomes PNG" "$TMP/bmp.model" "'shot\.bmp' .* -> images/img-[0-9a-f]{16}\.png image/png 5x3 \(from image/bmp\)$"
contains "bmp: ... also named .png (a top-down bitmap)" "$TMP/bmp.model" "'named\.png' .* image/png 5x3 \(from image/bmp\)$"
lacks "bmp: ... without a warning" "$TMP/bmp.err" "warning"
"$FOLIO" -q "$TMP/bmp" -o "$TMP/bmp.epub" -o "$TMP/bmp.pdf"
[ "$(pdfimages -list "$TMP/bmp.pdf" | awk 'NR > 2 && $4 == 5 && $5 == 3' | wc -l)" -ge 1 ] && ok "bmp: drawn in the PDF" \
	|| not_ok "bmp: drawn in the PDF" "$(pdfimages -list "$TMP/bmp.pdf")"
unzip -l "$TMP/bmp.epub" >"$TMP/bmp.list"
lacks "bmp: no bitmap packed in the EPUB" "$TMP/bmp.list" "\.bmp"

# A picture cut short (a copy or download that stopped) was packed and printed half grey, with
# nothing said: a JPEG without its end marker, a PNG without IEND, a WebP shorter than its RIFF
# size. Each is now damaged, said with its article's line, a placeholder shown; a JPEG with data
# after its end (a phone's motion photo) is whole.
mkdir -p "$TMP/cut"
cp tests/images/serve/photo "$TMP/cut/whole.jpg"
n=$(stat -c %s "$TMP/cut/whole.jpg")
head -c $((n / 3)) "$TMP/cut/whole.jpg" >"$TMP/cut/cut.jpg"
{ cat "$TMP/cut/whole.jpg"; head -c 5000 /dev/zero; printf 'ftypmp42'; } >"$TMP/cut/motion.jpg"
n=$(stat -c %s tests/epub/media/dot.png)
head -c $((n - 12)) tests/epub/media/dot.png >"$TMP/cut/cut.png"
head -c 60 tests/images/serve/lossy-webp >"$TMP/cut/cut.webp"
printf -- '---\ntitle: Cut\n---\n\n![a](whole.jpg)\n\n![b](cut.jpg)\n\n![c](motion.jpg)\n\n![d](cut.png)\n\n![e](cut.webp)\n' >"$TMP/cut/a.md"
"$FOLIO" --offline "$TMP/cut" -t model -o "$TMP/cut.model" 2>"$TMP/cut.err"
for f in 7:cut.jpg:jpg 11:cut.png:png 13:cut.webp:webp; do
	IFS=: read -r line file ext <<<"$f"
	contains "cut short: $file is said, with its line" "$TMP/cut.err" "a\.md:$line: warning: image '$file' is damaged: the $ext ends before its end \(cut short\)"
done
lacks "cut short: a whole JPEG, and one with data after its end, are not" "$TMP/cut.err" "whole\.jpg|motion\.jpg"

# A PNG whose header lies was packed: colour type 7 (EPUBCheck: a corrupted image file), image data
# that ends before its last row under a whole IEND (shown half grey). Each is damaged, said, and a
# placeholder shown; the EPUB passes EPUBCheck. PNGs of every colour type, depth and interlace that
# libpng writes are not (tests/images/png-kinds.c).
mkdir -p "$TMP/lying"
python3 - "$TMP/lying" <<'PY'
import struct, sys, zlib
d = sys.argv[1]
def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
def png(w, h, ctype, raw, cut=0):
    ihdr = struct.pack('>IIBBBBB', w, h, 8, ctype, 0, 0, 0)
    z = zlib.compress(raw)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', z[:len(z) - cut]) + chunk(b'IEND', b'')
rows = b''.join(b'\x00' + bytes(range(48)) for _ in range(16))
open(d + '/good.png', 'wb').write(png(16, 16, 2, rows))
open(d + '/badtype.png', 'wb').write(png(16, 16, 7, rows))
open(d + '/short.png', 'wb').write(png(16, 16, 2, rows[:len(rows) // 2]))
open(d + '/cutdata.png', 'wb').write(png(16, 16, 2, rows, cut=20))
PY
printf -- '---\ntitle: Lying\n---\n\n![a](good.png)\n\n![b](badtype.png)\n\n![c](short.png)\n\n![d](cutdata.png)\n' >"$TMP/lying/a.md"
"$FOLIO" --offline "$TMP/lying" -o "$TMP/lying.epub" 2>"$TMP/lying.err"
contains "lying png: a colour type PNG has not is said, with its line" "$TMP/lying.err" "a\.md:7: warning: image 'badtype\.png' is damaged: its colour type is none PNG has"
contains "lying png: image data short of its rows is said" "$TMP/lying.err" "a\.md:9: warning: image 'short\.png' is damaged: its image data ends before its last row"
contains "lying png: image data cut inside its stream is said" "$TMP/lying.err" "a\.md:11: warning: image 'cutdata\.png' is damaged: its image data"
lacks "lying png: a good one is not" "$TMP/lying.err" "good\.png"
[ "$(unzip -l "$TMP/lying.epub" | grep -cE 'images/img-[0-9a-f]{16}')" = 1 ] && ok "lying png: only the good one packed" \
	|| not_ok "lying png: only the good one packed" "$(unzip -l "$TMP/lying.epub")"
epubcheck_ok "lying png: the EPUB passes EPUBCheck" "$TMP/lying.epub"
# Damage only a decoder meets: a PNG whose image data's checksum is wrong, a JPEG with no scan, a GIF
# cut inside its frame, a GIF whose frame lies outside its screen. Each was packed without a word
# (EPUBCheck: a corrupted image) and an empty frame in the PDF; each is damaged, said, a placeholder.
mkdir -p "$TMP/broken"
python3 - "$TMP/broken" tests/pdf/images/wide.jpg <<'PY'
import struct, sys, zlib
d, jpg = sys.argv[1], open(sys.argv[2], 'rb').read()
def chunk(kind, data, crc=None):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) if crc is None else crc)
rows = b''.join(b'\x00' + bytes(range(48)) for _ in range(16))
ihdr = struct.pack('>IIBBBBB', 16, 16, 8, 2, 0, 0, 0)
open(d + '/badcrc.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', zlib.compress(rows), 1234)
                                   + chunk(b'IEND', b''))
sos = jpg.index(b'\xff\xda')
open(d + '/noscan.jpg', 'wb').write(jpg[:sos] + b'\xff\xd9')
gif = (b'GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00'
       b',\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;')
open(d + '/good.gif', 'wb').write(gif)
open(d + '/cut.gif', 'wb').write(gif[:gif.index(b'\x02\x02D') + 2])
frame = gif.index(b',')
open(d + '/outside.gif', 'wb').write(gif[:frame + 5] + b'\xff\xff\xff\xff' + gif[frame + 9:])
PY
cp tests/pdf/images/wide.jpg "$TMP/broken/good.jpg"
printf -- '---\ntitle: Broken\n---\n\n![a](badcrc.png)\n\n![b](noscan.jpg)\n\n![c](cut.gif)\n\n![d](outside.gif)\n\n![e](good.gif)\n\n![f](good.jpg)\n' >"$TMP/broken/a.md"
"$FOLIO" --offline "$TMP/broken" -o "$TMP/broken.epub" 2>"$TMP/broken.err"
contains "damaged: a PNG's wrong checksum is said, with its line" "$TMP/broken.err" "a\.md:5: warning: image 'badcrc\.png' is damaged: a chunk's checksum is wrong"
contains "damaged: a JPEG with no scan is said" "$TMP/broken.err" "a\.md:7: warning: image 'noscan\.jpg' is damaged: it holds no picture data"
contains "damaged: a GIF cut inside its frame is said" "$TMP/broken.err" "a\.md:9: warning: image 'cut\.gif' is damaged: it ends inside a frame"
contains "damaged: a GIF frame outside its screen is said" "$TMP/broken.err" "a\.md:11: warning: image 'outside\.gif' is damaged: a frame lies outside its screen"
lacks "damaged: a whole GIF and JPEG are not" "$TMP/broken.err" "good\.(gif|jpg)"
epubcheck_ok "damaged: the EPUB passes EPUBCheck" "$TMP/broken.epub"
mkdir -p "$TMP/pngkinds"
cc -o "$TMP/png-kinds" tests/images/png-kinds.c $(pkg-config --cflags --libs libpng) && (cd "$TMP/pngkinds" && "$TMP/png-kinds" >/dev/null)
{ printf -- '---\ntitle: Kinds\n---\n\n'; for f in "$TMP"/pngkinds/*.png; do printf '![k](%s)\n\n' "$(basename "$f")"; done; } >"$TMP/pngkinds/a.md"
"$FOLIO" --offline "$TMP/pngkinds" -t model -o "$TMP/pngkinds.model" 2>"$TMP/pngkinds.err"
[ "$(ls "$TMP"/pngkinds/*.png | wc -l)" -ge 200 ] && ok "png kinds: 200 or more written by libpng" || not_ok "png kinds: written" "$(ls "$TMP/pngkinds" | wc -l)"
lacks "png kinds: none of every colour type, depth, interlace and size is said to be damaged" "$TMP/pngkinds.err" "damaged"

# A cache entry that is no regular file, or larger than a download may be, was read whole: a named
# pipe blocked the run, a link to /dev/zero was read until memory ran out, a sparse 4 GB file took
# 4 GB. Such an entry is not read: the picture is one that cannot be had (offline: a placeholder).
mkdir -p "$TMP/oddcache/src" "$TMP/oddcache/c1" "$TMP/oddcache/c2" "$TMP/oddcache/c3"
u=http://127.0.0.1:9/odd.png
printf -- '---\ntitle: "f"\ndate: 2023-11-01\n---\n\n![x](%s)\n' "$u" >"$TMP/oddcache/src/a.md"
k=$(printf %s "$u" | sha256sum | cut -d' ' -f1)
mkfifo "$TMP/oddcache/c1/$k"
ln -s /dev/zero "$TMP/oddcache/c2/$k"
truncate -s 4G "$TMP/oddcache/c3/$k"
for c in c1:"a named pipe" c2:"a link to /dev/zero" c3:"a sparse 4 GB file"; do
	got=0
	timeout 60 "$FOLIO" "$TMP/oddcache/src" --offline --image-cache "$TMP/oddcache/${c%%:*}" -o "$TMP/oddcache/${c%%:*}.epub" \
		2>"$TMP/oddcache.err" || got=$?
	[ $got = 0 ] && grep -q "a\.md:6: warning: image '.*odd\.png'" "$TMP/oddcache.err" \
		&& ok "odd cache entry: ${c#*:} is not read, the picture a placeholder" \
		|| not_ok "odd cache entry: ${c#*:}" "exit $got: $(head -3 "$TMP/oddcache.err")"
done
rm -f "$TMP/oddcache/c3/$k"
