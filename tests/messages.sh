# messages.sh - messages that scale: a thousand pictures that cannot be had give the first few
# warnings and one summary line per kind and cause (by host); --verbose prints every one; --report
# FILE has every one as a JSON line (also under -q, and when the run fails); -q and --strict keep
# their meaning; the same input gives the same lines.
. "$(dirname "$0")/lib.sh"

# pictures DIR HOST...: ten articles of 100 pictures each, the n-th on HOST n mod count... of the
# hosts given (the first host gets the rest: 8 of 10 when three are given).
pictures() {
	local dir=$1; shift
	mkdir -p "$dir"
	/usr/bin/python3 - "$dir" "$@" <<'PY'
import sys
d, hosts = sys.argv[1], sys.argv[2:]
spread = [hosts[0]] * (10 - len(hosts) + 1) + hosts[1:]
for a in range(10):
    with open(f"{d}/a{a:02}.md", "w") as f:
        f.write(f"---\ntitle: Article {a}\ndate: 2024-01-{a + 1:02}\n---\n\n")
        for i in range(100):
            n = a * 100 + i
            f.write(f"Picture {n}:\n\n![p{n}](http://{spread[n % 10]}/img/{n}.jpg)\n\n")
PY
}
# jsonl FILE: checks every line is a JSON object with file, line, severity, kind and text; prints
# "N KIND CAUSE HOST" counts, one line per distinct kind, cause and host, sorted.
jsonl() {
	/usr/bin/python3 - "$1" <<'PY'
import collections, json, sys
seen = collections.Counter()
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    m = json.loads(line)
    for key in ("file", "line", "severity", "kind", "text"):
        if key not in m:
            sys.exit(f"line {n}: no {key}: {line}")
    if m["severity"] not in ("note", "warning", "error") or not isinstance(m["text"], str):
        sys.exit(f"line {n}: bad severity or text: {line}")
    seen[(m["severity"], m["kind"], m.get("cause"), m.get("host"))] += 1
for (sev, kind, cause, host), n in sorted(seen.items(), key=str):
    print(n, sev, kind, cause, host)
PY
}

pictures "$TMP/offline" cdn.example.com img.example.org pics.example.net
"$FOLIO" "$TMP/offline" -t model -o "$TMP/off.model" --report "$TMP/off.jsonl" 2>"$TMP/off.err"; st=$?
[ $st = 0 ] && ok "offline: built (exit 0)" || not_ok "offline: built (exit 0)" "exit $st"
n=$(wc -l <"$TMP/off.err")
[ "$n" -le 8 ] && ok "offline: 1000 missing pictures give a bounded number of lines ($n)" || not_ok "offline: a bounded number of lines" "$n lines: $(head -12 "$TMP/off.err")"
[ "$(grep -c "warning: image 'http://.*' is not in the image cache" "$TMP/off.err")" = 5 ] && ok "offline: the first 5 are printed as before" \
	|| not_ok "offline: the first 5 are printed as before" "$(cat "$TMP/off.err")"
contains "offline: the first is the first in reading order" "$TMP/off.err" "^folio: $TMP/offline/a00.md:8: warning: image 'http://cdn.example.com/img/0.jpg'"
contains "offline: the rest summed up, by host" "$TMP/off.err" \
	"^folio: warning: 995 more pictures could not be had from 3 hosts: not in the image cache, and --offline forbids downloading them \(cdn.example.com 795, img.example.org 100, pics.example.net 100\)$"
# Every one of the thousand is in the report, with its kind, cause and host.
jsonl "$TMP/off.jsonl" >"$TMP/off.kinds" 2>&1
cat >"$TMP/want.kinds" <<'EOF_'
800 warning image-not-in-cache not in the image cache, and --offline forbids downloading them cdn.example.com
100 warning image-not-in-cache not in the image cache, and --offline forbids downloading them img.example.org
100 warning image-not-in-cache not in the image cache, and --offline forbids downloading them pics.example.net
EOF_
golden "offline: the report holds each message, of its kind" "$TMP/want.kinds" "$TMP/off.kinds"
missing=$(/usr/bin/python3 -c 'import json, re, sys
got = {int(re.search(r"img/(\d+)\.jpg", json.loads(l)["text"]).group(1)) for l in open(sys.argv[1])}
print(" ".join(str(i) for i in range(1000) if i not in got)[:80])' "$TMP/off.jsonl" 2>&1)
[ -z "$missing" ] && ok "offline: every picture is in the report" || not_ok "offline: every picture is in the report" "missing: $missing"
contains "offline: a report line as documented" "$TMP/off.jsonl" \
	"^\{\"file\": \"$TMP/offline/a09.md\", \"line\": 396, \"severity\": \"warning\", \"kind\": \"image-not-in-cache\", \"cause\": \"not in the image cache, and --offline forbids downloading them\", \"host\": \"cdn.example.com\", \"text\": \"image 'http://cdn.example.com/img/997.jpg' is not in the image cache and --offline forbids downloading it; a placeholder is shown\"\}$"

# The same input, the same lines and the same report, byte for byte.
"$FOLIO" "$TMP/offline" -t model -o "$TMP/off2.model" --report "$TMP/off2.jsonl" 2>"$TMP/off2.err"
same_bytes "offline: the same messages each run" "$TMP/off.err" "$TMP/off2.err"
same_bytes "offline: the same report each run" "$TMP/off.jsonl" "$TMP/off2.jsonl"

# --verbose prints every one; -q none (the report still holds them all).
"$FOLIO" "$TMP/offline" --verbose -t model -o "$TMP/v.model" 2>"$TMP/v.err"
[ "$(grep -c "warning: image 'http" "$TMP/v.err")" = 1000 ] && ok "--verbose: every warning printed" \
	|| not_ok "--verbose: every warning printed" "$(grep -c warning "$TMP/v.err")"
lacks "--verbose: nothing summed up" "$TMP/v.err" " more pictures"
"$FOLIO" -q "$TMP/offline" -t model -o "$TMP/q.model" --report "$TMP/q.jsonl" 2>"$TMP/q.err"
[ ! -s "$TMP/q.err" ] && ok "-q: no warning, no summary" || not_ok "-q: no warning, no summary" "$(head -3 "$TMP/q.err")"
[ "$(wc -l <"$TMP/q.jsonl")" = 1000 ] && ok "-q: the report still has all 1000" || not_ok "-q: the report still has all 1000" "$(wc -l <"$TMP/q.jsonl")"

# --strict: warnings are errors, the run fails and writes nothing, the summary is an error, and
# the report is written all the same.
echo "old report" >"$TMP/s.jsonl"
expect_status "--strict: exit 1" 1 "$FOLIO" --strict "$TMP/offline" -t model -o "$TMP/s.model" --report "$TMP/s.jsonl"
[ "$(grep -c "error: image 'http" "$TMP/err")" = 5 ] && ok "--strict: the first 5 as errors" || not_ok "--strict: the first 5 as errors" "$(cat "$TMP/err")"
contains "--strict: the summary is an error" "$TMP/err" "^folio: error: 995 more pictures could not be had from 3 hosts"
[ ! -e "$TMP/s.model" ] && ok "--strict: no book" || not_ok "--strict: no book"
[ "$(grep -c '"severity": "error", "kind": "image-not-in-cache"' "$TMP/s.jsonl")" = 1000 ] && ok "--strict: the failed run's report has all 1000, as errors" \
	|| not_ok "--strict: the failed run's report has all 1000, as errors" "$(head -2 "$TMP/s.jsonl")"

# A failed run of another kind: the error is in the report, with kind "other" and no place.
mkdir -p "$TMP/empty"
expect_status "empty folder: exit 1" 1 "$FOLIO" "$TMP/empty" -t model -o "$TMP/e.model" --report "$TMP/e.jsonl"
contains "empty folder: the report has the error" "$TMP/e.jsonl" '^\{"file": null, "line": null, "severity": "error", "kind": "other", "text": "no article for the book: '
# A report that cannot be written is refused before anything is read, like an output.
mkdir -p "$TMP/dir.jsonl"
expect_status "--report into a folder: exit 1" 1 "$FOLIO" "$TMP/offline" -t model -o "$TMP/d.model" --report "$TMP/dir.jsonl"
contains "--report into a folder: says so" "$TMP/err" "dir.jsonl: error: cannot write the book here: it is a folder"
[ ! -e "$TMP/d.model" ] && ok "--report into a folder: nothing read, nothing written" || not_ok "--report into a folder: nothing written"
# A full report: the run fails, naming the report and the reason.
if [ -c /dev/full ]; then
	expect_status "--report to a full device: exit 1" 1 "$FOLIO" "$TMP/offline" -t model -o "$TMP/f.model" --report /dev/full
	contains "--report to a full device: names it and the reason" "$TMP/err" "^folio: /dev/full: error: cannot write.*No space left on device"
fi

# A dead host (nothing listens on these local ports): the fetch fails for each picture, and the
# summary says why and where. Through the real network code, not --offline.
ports=$(/usr/bin/python3 -c 'import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')
set -- $ports
pictures "$TMP/dead" "127.0.0.1:$1" "127.0.0.1:$2" "127.0.0.1:$3"
timeout 120 "$FOLIO_ONLINE" "$TMP/dead" --image-cache "$TMP/cache" -t model -o "$TMP/dead.model" --report "$TMP/dead.jsonl" 2>"$TMP/dead.err"; st=$?
[ $st = 0 ] && ok "dead host: built (exit 0)" || not_ok "dead host: built (exit 0)" "exit $st: $(head -5 "$TMP/dead.err")"
n=$(wc -l <"$TMP/dead.err")
[ "$n" -le 8 ] && ok "dead host: a bounded number of lines ($n)" || not_ok "dead host: a bounded number of lines" "$n lines: $(head -12 "$TMP/dead.err")"
# (hosts with as many pictures go by name)
two=$(printf '127.0.0.1:%s 100\n' "$2" "$3" | sort | sed -n '1h; 2{H; x; s/\n/, /; p}')
contains "dead host: the rest summed up by host" "$TMP/dead.err" \
	"^folio: warning: 995 more pictures could not be downloaded from 3 hosts: host cannot be reached \(127.0.0.1:$1 795, $two\)$"
[ "$(grep -c '"kind": "image-not-downloaded", "cause": "host cannot be reached"' "$TMP/dead.jsonl")" = 1000 ] \
	&& ok "dead host: every picture in the report" || not_ok "dead host: every picture in the report" "$(head -2 "$TMP/dead.jsonl")"

# Other kinds: links removed and raw HTML dropped are summed up by cause; a message without a kind
# (a front matter problem) is never held back.
mkdir -p "$TMP/mixed"
{
	printf -- '---\ntitle: mixed\ndate: 2024-01-01\n---\n\n'
	for i in $(seq 30); do printf 'Para %d [js](javascript:alert(%d)) and <b onclick="x()">bold</b>.\n\n' "$i" "$i"; done
} >"$TMP/mixed/m.md"
for i in $(seq 8); do printf -- '---\ntitle: t%d\nweight: heavy\n---\nText %d.\n' "$i" "$i" >"$TMP/mixed/w$i.md"; done
"$FOLIO" "$TMP/mixed" -o "$TMP/mixed.epub" 2>"$TMP/mixed.err"
contains "links removed: summed up by cause" "$TMP/mixed.err" "^folio: warning: 25 more links were removed: folio keeps no scripts$"
contains "raw HTML: summed up by the same words" "$TMP/mixed.err" "^folio: warning: 25 more raw HTML warnings: raw HTML: script attribute 'onclick' of <b> dropped$"
[ "$(grep -c "'weight' should be a whole number" "$TMP/mixed.err")" = 8 ] && ok "messages without a kind: all printed" \
	|| not_ok "messages without a kind: all printed" "$(cat "$TMP/mixed.err")"

# A site's articles that share one mistaken lang: five notes, then one line. Found on a real blog
# (forecho/hugo-blog: 529 notes, one per post). 'cn', a country's code, is read as zh-CN, said
# once for the site's setting and per article as a note of the same kind.
mkdir -p "$TMP/langs/content/posts"
printf 'title = "t"\nlanguageCode = "en-us"\nDefaultContentLanguage = "cn"\n' >"$TMP/langs/config.toml"
for i in $(seq 9); do
	printf -- '---\ntitle: 第%d篇\ndate: 2011-01-0%d\nlang: en\n---\n\n这是一篇用简体中文写成的文章，第%d篇，讲的是城市与交通。\n' "$i" "$i" "$i" >"$TMP/langs/content/posts/en$i.md"
	printf -- '---\ntitle: 列表%d\ndate: 2011-02-0%d\nlang: cn\n---\n\n团队：\n\n- <http://a%d.example.com/>\n' "$i" "$i" "$i" >"$TMP/langs/content/posts/cn$i.md"
done
"$FOLIO" --offline "$TMP/langs" -o "$TMP/langs.epub" 2>"$TMP/langs.err"
[ "$(grep -c "note: lang is 'en' but the text is Simplified Chinese; typeset as zh-Hans$" "$TMP/langs.err")" = 5 ] \
	&& ok "lang corrected: five notes of nine" || not_ok "lang corrected: five notes of nine" "$(cat "$TMP/langs.err")"
contains "lang corrected: ... the rest summed up" "$TMP/langs.err" \
	"^folio: note: 4 more articles' lang was corrected: lang is 'en' but the text is Simplified Chinese; typeset as zh-Hans$"
contains "lang 'cn': the site's setting read as zh-CN, said once" "$TMP/langs.err" \
	"config\.toml: note: language 'cn' is a country's code, not a language's; read as zh-CN$"
contains "lang 'cn': an article's, with its line" "$TMP/langs.err" \
	"cn1\.md:4: note: lang 'cn' is a country's code, not a language's; read as zh-CN$"
contains "lang 'cn': ... summed up too" "$TMP/langs.err" "^folio: note: 4 more articles' lang was corrected: lang 'cn' is a country's code"
contains "lang 'cn': the article is Chinese in the book (lang, date)" \
	<(unzip -p "$TMP/langs.epub" EPUB/a0010.xhtml) 'xml:lang="zh-CN".*|<time[^>]*>2011 年 2 月 1 日</time>'
lacks "lang 'cn': no article keeps the tag" <(unzip -p "$TMP/langs.epub" 'EPUB/*.xhtml') 'lang="cn"'

# A site's refs to taxonomy pages (a blog's every tag: 203 warnings on rtdevx.github.io) are notes
# that say why, summed up after five; refs to no page at all are warnings, summed up the same way.
mkdir -p "$TMP/refsum/content/posts"
printf 'title = "refsum"\n' >"$TMP/refsum/hugo.toml"
{
	printf -- '---\ntitle: Refs\ndate: 2011-01-01\n---\n\n'
	for i in $(seq 7); do printf '[t%d]({{< ref "tags/t%d" >}}) [m%d]({{< ref "missing-%d" >}})\n\n' "$i" "$i" "$i" "$i"; done
} >"$TMP/refsum/content/posts/r.md"
"$FOLIO" --offline "$TMP/refsum" -o "$TMP/refsum.epub" 2>"$TMP/refsum.err"
[ "$(grep -c "note: ref 'tags/t[0-9]' names a taxonomy's page, which a book has not; the link keeps its text$" "$TMP/refsum.err")" = 5 ] \
	&& ok "refs to taxonomy pages: five notes that say why" || not_ok "refs to taxonomy pages: five notes" "$(cat "$TMP/refsum.err")"
contains "refs to taxonomy pages: ... the rest summed up" "$TMP/refsum.err" "^folio: note: 2 more refs name a taxonomy's page"
[ "$(grep -c "warning: ref 'missing-[0-9]': no such page" "$TMP/refsum.err")" = 5 ] \
	&& ok "refs to no page: five warnings" || not_ok "refs to no page: five warnings" "$(cat "$TMP/refsum.err")"
contains "refs to no page: ... the rest summed up" "$TMP/refsum.err" "^folio: warning: 2 more refs name no page of the book"

# A message quotes what it read; bytes there that are no UTF-8 are not passed on to the terminal or
# the report. A JSON lone surrogate, which json-glib quoted as it decoded it (no UTF-8) in a "bad
# JSON" warning, is now read as Hugo reads it (one U+FFFD): the front matter is no longer lost.
mkdir -p "$TMP/badutf"
printf '{"title": "x", "s": "\\ud800", "t": "x"}\nBody.\n' >"$TMP/badutf/a.md"
printf -- '---\ntitle: y\n---\nGood.\n' >"$TMP/badutf/b.md"
"$FOLIO" "$TMP/badutf" -t model -o "$TMP/badutf.model" 2>"$TMP/badutf.err"
lacks "messages: a JSON lone surrogate is no bad front matter" "$TMP/badutf.err" "bad JSON"
contains "messages: ... its title is read" "$TMP/badutf.model" '^  title: x$' 
if /usr/bin/python3 -c 'import sys; open(sys.argv[1], "rb").read().decode("utf-8")' "$TMP/badutf.err" 2>/dev/null; then
	ok "messages: what folio says is UTF-8"
else
	not_ok "messages: what folio says is UTF-8" "$(cat -v "$TMP/badutf.err" | head -3)"
fi

# A data: address in a message is its media type and size, not its whole base64 (a line of 2 MB).
mkdir -p "$TMP/dataurl"
{ printf -- '---\ntitle: D\ndate: 2024-01-01\n---\n\n![x](data:image/png;base64,'; head -c 30000 /dev/zero | tr '\0' 'A'; printf ')\n'; } >"$TMP/dataurl/a.md"
"$FOLIO" --offline "$TMP/dataurl" -o "$TMP/dataurl.epub" 2>"$TMP/dataurl.err"
contains "data: address: shown by its type and size" "$TMP/dataurl.err" "image 'data:image/png;base64,… \(30000 bytes\)'"
[ "$(wc -c <"$TMP/dataurl.err")" -lt 2000 ] && ok "data: address: ... the message short" \
	|| not_ok "data: address: ... the message short" "$(wc -c <"$TMP/dataurl.err") bytes"
