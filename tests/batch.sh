#!/usr/bin/env bash
# batch.sh - folio batch: books equal to single runs, shards that build every book once (also under
# GNU parallel), a shard killed with kill -9 and resumed, bad manifests (exit 2, with the line), a
# failing book beside written ones, the status file and the progress line.
source "$(dirname "$0")/lib.sh"

# A collection of 12 articles, four tags among them.
COLL=$TMP/coll
mkdir -p "$COLL"
for i in $(seq 1 12); do
	cat >"$COLL/a$(printf %02d "$i").md" <<EOF
---
title: "第${i}篇"
date: 2025-03-$(printf %02d "$i") 08:00:00
tags: [t$((i % 4)), all]
---

第${i}篇的正文。$(for k in $(seq 1 $((i * 5 % 17 + 3))); do printf '清晨的街道上行人渐多。'; done)
EOF
done

# manifest NAME COUNT: a YAML manifest of COUNT books (tag books, then whole-collection books).
manifest() {
	local m=$TMP/$1.yaml n=$2
	{
		printf 'defaults:\n  offline: true\n  sources: coll\nbooks:\n'
		for i in $(seq 0 $((n - 1))); do
			printf '  - name: b%02d\n    tag: t%d\n    title: "第%d册"\n    output: [out-%s/b%02d.pdf, out-%s/b%02d.epub]\n' \
				"$i" $((i % 4)) "$i" "$1" "$i" "$1" "$i"
		done
	} >"$m"
}

# single I OUTDIR: book I of a manifest built by a run of its own, as batch should build it.
single() {
	"$FOLIO" "$COLL" --tag t$(($1 % 4)) --title "第$1册" -o "$2/b$(printf %02d "$1").pdf" \
		-o "$2/b$(printf %02d "$1").epub" 2>/dev/null
}

# ---- books equal to single runs ----
manifest m 6
mkdir -p "$TMP/single"
for i in 0 1 2 3 4 5; do single "$i" "$TMP/single"; done
(cd "$TMP" && "$FOLIO_ONLINE" batch m.yaml >"$TMP/m.out" 2>"$TMP/m.err")
st=$?
[ "$st" = 0 ] && ok "batch: exit 0 when every book is written" || not_ok "batch: exit 0 when every book is written" "exit $st: $(cat "$TMP/m.err")"
for i in 0 3 5; do
	b=b0$i
	same_bytes "batch: $b.pdf is the PDF a single run makes" "$TMP/single/$b.pdf" "$TMP/out-m/$b.pdf"
	same_bytes "batch: $b.epub is the EPUB a single run makes" "$TMP/single/$b.epub" "$TMP/out-m/$b.epub"
done
contains "batch: the status file is beside the current folder, named after the manifest" "$TMP/m.status.jsonl" '"book":"b00"'
/usr/bin/python3 - "$TMP/m.status.jsonl" >"$TMP/m.check" 2>&1 <<'EOF'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
want = {'book', 'outputs', 'articles', 'pages', 'seconds', 'status', 'message'}
bad = [l['book'] for l in lines if not want <= set(l) or l['status'] != 'written' or l['articles'] != 3
       or not isinstance(l['pages'], int) or l['pages'] < 5 or len(l['outputs']) != 2]
print('lines=%d bad=%s' % (len(lines), bad))
EOF
contains "batch: one JSON status line per book: outputs, articles, pages, seconds, status, message" "$TMP/m.check" "^lines=6 bad=\[\]$"
lacks "batch: no progress line when stderr is not a terminal" "$TMP/m.err" "books \("
if script -qec true /dev/null >/dev/null 2>&1; then
	(cd "$TMP" && script -qec "'$FOLIO_ONLINE' batch --status tty.jsonl m.yaml" /dev/null >"$TMP/tty.out" 2>&1)
	contains "batch: a progress line on a terminal (books done, failed, rate)" "$TMP/tty.out" "books \(0 failed, [0-9.]+ a minute\).*6/6"
fi

# An article's paragraphs set for one book serve the next book that sets them alike (b04 and b05
# take b00's and b01's articles): a note counts them, and the books are still the single runs'.
# Only what a later book wants is kept: b02's and b03's articles (t2, t3) are in no later book, so
# every paragraph kept is taken once.
contains "batch: paragraphs set for an earlier book are taken as set (a closing note counts them)" "$TMP/m.err" \
	"note: [1-9][0-9]* paragraphs set once for an earlier book were taken as set \([1-9][0-9]* kept, [0-9.]+ MB at most at once\)"
sed -n 's/.*note: \([0-9]*\) paragraphs set once.*(\([0-9]*\) kept.*/\1 \2/p' "$TMP/m.err" >"$TMP/m.kept"
check "batch: only paragraphs a later book takes are kept (taken = kept: $(cat "$TMP/m.kept"))" \
	awk '$1 == $2 && $1 > 0 { ok = 1 } END { exit !ok }' "$TMP/m.kept"
single 4 "$TMP/single"
same_bytes "batch: b04.pdf, set from b00's paragraphs, is the PDF a single run makes" "$TMP/single/b04.pdf" "$TMP/out-m/b04.pdf"
manifest km 6
(cd "$TMP" && "$FOLIO_ONLINE" batch --layout-memory 0 --threads 2 km.yaml >/dev/null 2>"$TMP/km.err")
lacks "batch: --layout-memory 0 keeps no paragraph" "$TMP/km.err" "paragraphs set once"
same_bytes "batch: b05.pdf with none kept is the same" "$TMP/out-m/b05.pdf" "$TMP/out-km/b05.pdf"
(cd "$TMP" && "$FOLIO_ONLINE" batch --layout-memory 64k km.yaml >/dev/null 2>"$TMP/km2.err")
st=$?
check "batch: --layout-memory takes whole MB (exit 2)" test "$st" = 2
contains "batch: ... and says so" "$TMP/km2.err" "--layout-memory must be a whole number of MB \(0 to 1048576\), not '64k'"

# JSON lines: the same books.
{
	echo '# one book a line'
	echo '{"name": "j0", "sources": ["coll"], "offline": true, "tag": "t0", "title": "第0册", "output": ["out-j/b00.pdf", "out-j/b00.epub"]}'
	echo ''
	echo '{"name": "j3", "sources": "coll", "offline": "true", "tag": ["t3"], "title": "第3册", "output": ["out-j/b03.pdf", "out-j/b03.epub"]}'
} >"$TMP/j.jsonl"
(cd "$TMP" && "$FOLIO_ONLINE" batch j.jsonl 2>"$TMP/j.err")
same_bytes "batch (JSON lines): b00.pdf is the single run's" "$TMP/single/b00.pdf" "$TMP/out-j/b00.pdf"
same_bytes "batch (JSON lines): b03.epub is the single run's" "$TMP/single/b03.epub" "$TMP/out-j/b03.epub"

# ---- each source collection read and parsed once ----
# m.yaml's six books read coll alike: the first reads it, the others take copies of what it read.
/usr/bin/python3 -c 'import json, sys; print(" ".join(str(json.loads(l).get("sources")) for l in open(sys.argv[1])))' \
	"$TMP/m.status.jsonl" >"$TMP/m.sources"
contains "batch: the first book reads the collection, the five after it reuse it (status: sources)" "$TMP/m.sources" \
	"^read reused reused reused reused reused$"
contains "batch: a closing note counts the collections read and the books that reused them" "$TMP/m.err" \
	"note: 1 source collection read and parsed once for 6 books: 5 reused"
# Reading's messages are said again for each book that reuses it, so --strict fails a book as a run of its own does.
mkdir -p "$TMP/wcoll"
printf -- '---\ntitle: "一"\ndate: 2025-03-01\n---\n\n正文一。\n\n{{< mystery >}}\n' >"$TMP/wcoll/a.md"
printf -- '---\ntitle: "二"\ndate: 2025-03-02\n---\n\n正文二。\n' >"$TMP/wcoll/b.md"
cat >"$TMP/w.yaml" <<EOF
defaults: {sources: wcoll, offline: true}
books:
  - {name: w1, output: out-w/w1.epub}
  - {name: w2, strict: true, output: out-w/w2.epub}
  - {name: w3, output: out-w/w3.epub}
  - {name: w4, include-future: true, output: out-w/w4.epub}
EOF
(cd "$TMP" && "$FOLIO_ONLINE" batch w.yaml >"$TMP/w.out" 2>"$TMP/w.err")
contains "batch: a book that reuses a reading under --strict fails on its warning, as alone (file and line)" \
	"$TMP/w.status.jsonl" '"book":"w2".*"status":"failed","message":"wcoll/a.md:8: shortcode .mystery.*"sources":"reused"'
check "batch: reading's warning is said again for each book that reuses it" \
	test "$(grep -c "wcoll/a.md:8: warning: shortcode 'mystery'" "$TMP/w.err")" = 3
contains "batch: a book that reads with other settings (include-future) reads again" "$TMP/w.status.jsonl" \
	'"book":"w4".*"status":"written".*"sources":"read"'

# An article's own reading messages are said by the books that take it, not by those that leave it out:
# under --strict a book of another tag is written (a run of its own writes it too).
mkdir -p "$TMP/tcoll"
printf -- '---\ntitle: A\ndate: 2025-01-01\ntags: [a]\n---\n\nText a.\n\n<script>\n' >"$TMP/tcoll/a.md"
printf -- '---\ntitle: B\ndate: 2025-02-01\ntags: [b]\n---\n\nText b.\n' >"$TMP/tcoll/b.md"
cat >"$TMP/t.yaml" <<EOF
defaults: {sources: tcoll, offline: true, strict: true}
books:
  - {name: ta, tag: a, output: out-t/ta.epub}
  - {name: tb, tag: b, output: out-t/tb.epub}
EOF
(cd "$TMP" && "$FOLIO_ONLINE" batch t.yaml >/dev/null 2>"$TMP/t.err")
contains "batch: --strict fails the book that takes an article with a warning" "$TMP/t.status.jsonl" \
	'"book":"ta".*"status":"failed","message":"tcoll/a.md:9: raw HTML <script> is never closed'
contains "batch: ... and writes the book of another tag, which reused the reading" "$TMP/t.status.jsonl" \
	'"book":"tb".*"status":"written".*"sources":"reused"'
check "batch: ... the warning said once, by the book that takes it" \
	test "$(grep -c 'tcoll/a.md:9' "$TMP/t.err")" = 1
# Messages name their book: a line before the first of each book's (none for a book with nothing to say).
contains "batch: a book's messages follow a line naming it and its manifest line" "$TMP/t.err" "^folio: in book 'ta' \(t.yaml:3\):$"
check "batch: ... before its first message" test "$(grep -A1 "in book 'ta'" "$TMP/t.err" | tail -1 | grep -c 'note: 1 article without tag a')" = 1
(cd "$TMP" && "$FOLIO_ONLINE" batch -q t.yaml >/dev/null 2>"$TMP/tq.err")
check "batch: -q: only the failing book is named, before its error" \
	test "$(cat "$TMP/tq.err" | head -2 | tr '\n' '|')" = "folio: in book 'ta' (t.yaml:3):|folio: tcoll/a.md:9: error: raw HTML <script> is never closed; the tag is dropped and the text after it kept|"

# A status file whose last line has no end (cut short, edited by hand): the next record starts a
# line of its own (it was glued on, and both were lost to --resume); a status on a pipe is written.
printf '{"book":"ta","status":"writ' >"$TMP/t.status.jsonl"
(cd "$TMP" && "$FOLIO_ONLINE" batch -q t.yaml >/dev/null 2>&1)
check "batch: a record after a line cut short starts a line of its own" \
	test "$(grep -c '^{"book":"t[ab]","outputs".*}$' "$TMP/t.status.jsonl")" = 2
(cd "$TMP" && "$FOLIO_ONLINE" batch -q --status /dev/stdout t.yaml 2>"$TMP/t.piped.err" | cat >"$TMP/t.piped")
check "batch: --status /dev/stdout on a pipe: every book's line" test "$(grep -c '^{"book":"t[ab]"' "$TMP/t.piped")" = 2
lacks "batch: ... and no error" "$TMP/t.piped.err" 'cannot write the status file'

# The book's language is a reading setting: an article without lang is read as the book's language
# asks (Latin text in a Chinese book), so a book with another lang: reads again.
mkdir -p "$TMP/lcoll"
printf -- '---\ntitle: "Harbour notes"\ndate: 2025-03-01\n---\n\nThe ferries run late on Sundays, and the night market opens at nine.\n' >"$TMP/lcoll/a.md"
printf -- '---\ntitle: "港口"\ndate: 2025-03-02\n---\n\n渡轮周日晚开，夜市九点开门。\n' >"$TMP/lcoll/b.md"
printf 'defaults: {sources: lcoll, offline: true}\nbooks:\n  - {name: l1, output: out-l/l1.epub}\n  - {name: l2, lang: zh-CN, output: out-l/l2.epub}\n' >"$TMP/l.yaml"
(cd "$TMP" && "$FOLIO_ONLINE" batch -q l.yaml 2>"$TMP/l.err")
(cd "$TMP" && "$FOLIO" --offline lcoll --lang zh-CN -o l2-single.epub 2>/dev/null)
same_bytes "batch: a book with its own lang: is the single run's" "$TMP/l2-single.epub" "$TMP/out-l/l2.epub"
contains "batch: ... and read its sources again" "$TMP/l.status.jsonl" '"book":"l2".*"sources":"read"'

# What reading a collection gave is kept while a later book reads it, and let go after the last one.
printf 'defaults: {offline: true}\nbooks:\n  - {name: k1, sources: coll, tag: t1, output: out-k/k1.epub}\n  - {name: k2, sources: lcoll, output: out-k/k2.epub}\n  - {name: k3, sources: coll, tag: t2, output: out-k/k3.epub}\n  - {name: k4, sources: lcoll, lang: zh-CN, output: out-k/k4.epub}\n  - {name: k5, sources: [coll, lcoll], output: out-k/k5.epub}\n  - {name: k6, sources: lcoll, output: out-k/k6.epub}\n' >"$TMP/k.yaml"
(cd "$TMP" && "$FOLIO_ONLINE" batch k.yaml 2>"$TMP/k.err")
/usr/bin/python3 -c 'import json, sys; print(" ".join(str(json.loads(l).get("sources")) for l in open(sys.argv[1])))' \
	"$TMP/k.status.jsonl" >"$TMP/k.sources"
contains "batch: a collection's reading is kept for a later book, past books of other sources" "$TMP/k.sources" \
	"^read read reused read read reused$"
contains "batch: ... and let go once no later book reads it (at most 3 kept at once, not 4)" "$TMP/k.err" \
	"note: 4 source collections read and parsed once for 6 books: 2 reused what an earlier book read \(3 kept at most at once\)"

# A site with Hugo's passthrough on (math kept as written): the snippets each article keeps for its
# second parse are shared by the books that reuse its reading (a copy once freed them twice).
mkdir -p "$TMP/msite/content/posts"
printf 'baseURL = "https://example.org/"\n[markup.goldmark.extensions.passthrough]\nenable = true\n[markup.goldmark.extensions.passthrough.delimiters]\nblock = [["$$", "$$"]]\ninline = [["\\\\(", "\\\\)"]]\n' \
	>"$TMP/msite/hugo.toml"
for i in 1 2 3; do
	printf -- '---\ntitle: m%s\ndate: 2025-01-0%s\ntags: [m, t%s]\n---\n\nInline \\( a^*=x_%s^* \\).\n\n$$\nb_1 *c* \\\\\n$$\n' "$i" "$i" "$i" "$i" \
		>"$TMP/msite/content/posts/m$i.md"
done
printf 'defaults: {sources: msite, offline: true}\nbooks:\n  - {name: m-all, output: out-m/all.epub}\n  - {name: m-t1, tag: t1, output: out-m/t1.epub}\n  - {name: m-m, tag: m, output: out-m/m.pdf}\n' >"$TMP/m.yaml"
(cd "$TMP" && SOURCE_DATE_EPOCH=1767225600 "$FOLIO_ONLINE" batch -q m.yaml 2>"$TMP/m.err")
expect=$?
[ "$expect" = 0 ] && ok "batch (passthrough site): every book written" || not_ok "batch (passthrough site): every book written" "exit $expect: $(tail -3 "$TMP/m.err")"
mkdir -p "$TMP/single-m"
(cd "$TMP" && export SOURCE_DATE_EPOCH=1767225600 &&
	"$FOLIO" --offline msite -o single-m/all.epub 2>/dev/null
	"$FOLIO" --offline msite --tag t1 -o single-m/t1.epub 2>/dev/null
	"$FOLIO" --offline msite --tag m -o single-m/m.pdf 2>/dev/null)
for f in all.epub t1.epub m.pdf; do
	same_bytes "batch (passthrough site): $f is the single run's" "$TMP/single-m/$f" "$TMP/out-m/$f"
done
contains "batch (passthrough site): the math kept as written" <(unzip -p "$TMP/out-m/t1.epub" EPUB/a0001.xhtml) '<code>\\\( a\^\*=x_1\^\* \\\)</code>'

# A Hugo site (tests/hugo/site: two languages, cascades, shortcodes, refs, publishing rules):
# books that read it alike share one reading, and each is the single run's, byte for byte.
cp -r "$ROOT/tests/hugo/site" "$TMP/hsite"
cat >"$TMP/h.yaml" <<EOF
defaults: {sources: hsite, offline: true}
books:
  - {name: h-all, output: [out-h/all.epub, out-h/all.pdf]}
  - {name: h-tag, tag: 短代码, title: 短代码, output: out-h/tag.epub}
  - {name: h-en, only-lang: en, output: out-h/en.pdf}
  - {name: h-en-tag, only-lang: en, tag: embeds, output: out-h/en-tag.epub}
EOF
(cd "$TMP" && SOURCE_DATE_EPOCH=1767225600 "$FOLIO_ONLINE" batch -q h.yaml 2>"$TMP/h.err")
mkdir -p "$TMP/single-h"
(cd "$TMP" && export SOURCE_DATE_EPOCH=1767225600 &&
	"$FOLIO" --offline hsite -o single-h/all.epub -o single-h/all.pdf 2>/dev/null
	"$FOLIO" --offline hsite --tag 短代码 --title 短代码 -o single-h/tag.epub 2>/dev/null
	"$FOLIO" --offline hsite --only-lang en -o single-h/en.pdf 2>/dev/null
	"$FOLIO" --offline hsite --only-lang en --tag embeds -o single-h/en-tag.epub 2>/dev/null)
for f in all.epub all.pdf tag.epub en.pdf en-tag.epub; do
	same_bytes "batch (Hugo site): $f is the single run's" "$TMP/single-h/$f" "$TMP/out-h/$f"
done
/usr/bin/python3 -c 'import json, sys; print(" ".join(str(json.loads(l).get("sources")) for l in open(sys.argv[1])))' \
	"$TMP/h.status.jsonl" >"$TMP/h.sources"
contains "batch (Hugo site): a book of another language reads again, one of the same reuses" "$TMP/h.sources" \
	"^read reused read reused$"

# ---- shards ----
manifest s 10
for k in 0 1 2; do
	(cd "$TMP" && "$FOLIO_ONLINE" batch -q --shard $k/3 --status s-$k.jsonl s.yaml) || not_ok "batch: shard $k/3 runs" "exit $?"
done
cat "$TMP"/s-?.jsonl | grep -o '"book":"[^"]*"' | sort >"$TMP/s.books"
seq 0 9 | sed 's/^/"book":"b0/; s/$/"/' | sed 's/b0\([0-9][0-9]\)/b\1/' >"$TMP/s.want"
check "batch: shards 0..2 of 3 together build every book exactly once" diff "$TMP/s.want" "$TMP/s.books"
check "batch: shard 1/3 builds books 1, 4, 7" test "$(grep -o '"book":"[^"]*"' "$TMP/s-1.jsonl" | tr -d '\n')" = '"book":"b01""book":"b04""book":"b07"'
(cd "$TMP" && JOB_COMPLETION_INDEX=2 "$FOLIO_ONLINE" batch -q --shard auto/3 --status k.jsonl s.yaml)
check "batch: --shard auto takes JOB_COMPLETION_INDEX" test "$(grep -o '"book":"[^"]*"' "$TMP/k.jsonl" | tr -d '\n')" = '"book":"b02""book":"b05""book":"b08"'
(cd "$TMP" && SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_MIN=4 SLURM_ARRAY_TASK_COUNT=5 "$FOLIO_ONLINE" batch -q --shard auto --status sl.jsonl s.yaml)
check "batch: --shard auto takes SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN, and the count" test "$(grep -o '"book":"[^"]*"' "$TMP/sl.jsonl" | tr -d '\n')" = '"book":"b01""book":"b06"'
# A Slurm array with a step (--array=0-12:2: tasks 0, 2, ... 12, seven of them): task 8 is shard 4.
(cd "$TMP" && SLURM_ARRAY_TASK_ID=8 SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_STEP=2 SLURM_ARRAY_TASK_COUNT=7 "$FOLIO_ONLINE" batch -q --shard auto --status slstep.jsonl s.yaml)
check "batch: --shard auto divides by SLURM_ARRAY_TASK_STEP" test "$(grep -o '"book":"[^"]*"' "$TMP/slstep.jsonl" | tr -d '\n')" = '"book":"b04"'
(cd "$TMP" && AWS_BATCH_JOB_ARRAY_INDEX=0 FOLIO_SHARDS=4 "$FOLIO_ONLINE" batch -q --shard auto --status aws.jsonl s.yaml)
check "batch: --shard auto takes AWS_BATCH_JOB_ARRAY_INDEX and FOLIO_SHARDS" test "$(grep -o '"book":"[^"]*"' "$TMP/aws.jsonl" | tr -d '\n')" = '"book":"b00""book":"b04""book":"b08"'
expect_status "batch: --shard auto without an array index is bad usage" 2 env -u JOB_COMPLETION_INDEX -u SLURM_ARRAY_TASK_ID \
	-u AWS_BATCH_JOB_ARRAY_INDEX "$FOLIO_ONLINE" batch --shard auto/2 "$TMP/s.yaml"
expect_status "batch: --shard 3/3 is bad usage" 2 "$FOLIO_ONLINE" batch --shard 3/3 "$TMP/s.yaml"

# GNU parallel running four shards into one status file.
if command -v parallel >/dev/null; then
	manifest p 9
	(cd "$TMP" && parallel --will-cite -j 4 "'$FOLIO_ONLINE'" batch -q --threads 1 --shard {}/4 --status p.jsonl p.yaml ::: 0 1 2 3)
	st=$?
	[ "$st" = 0 ] && ok "batch: GNU parallel runs four shards" || not_ok "batch: GNU parallel runs four shards" "exit $st"
	grep -o '"book":"[^"]*"' "$TMP/p.jsonl" | sort >"$TMP/p.books"
	seq 0 8 | sed 's/^/"book":"b0/; s/$/"/' >"$TMP/p.want"
	check "batch: four shards under GNU parallel build every book once" diff "$TMP/p.want" "$TMP/p.books"
	same_bytes "batch: a book built by a parallel shard is the single run's" "$TMP/single/b05.pdf" "$TMP/out-p/b05.pdf"
else
	not_ok "batch: GNU parallel runs four shards" "parallel is not installed (Debian package parallel, in TEST_DEBS)"
fi

# ---- kill -9, then --resume ----
manifest r 8
(cd "$TMP" && exec "$FOLIO_ONLINE" batch -q --threads 1 r.yaml) &
pid=$!
for _ in $(seq 1 600); do
	n=$(cat "$TMP/r.status.jsonl" 2>/dev/null | grep -c .)
	[ "${n:-0}" -ge 2 ] && break
	sleep 0.05
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
before=$(grep -o '"book":"[^"]*"' "$TMP/r.status.jsonl" | sort -u)
nbefore=$(printf '%s\n' "$before" | grep -c book)
if [ "$nbefore" -ge 2 ] && [ "$nbefore" -lt 8 ]; then
	ok "batch: killed with kill -9 after $nbefore of 8 books"
else
	not_ok "batch: killed with kill -9 part way" "$nbefore books done before the kill"
fi
(cd "$TMP" && "$FOLIO_ONLINE" batch -q --resume r.yaml 2>"$TMP/r.err")
st=$?
[ "$st" = 0 ] && ok "batch --resume: exit 0" || not_ok "batch --resume: exit 0" "exit $st: $(cat "$TMP/r.err")"
tail -n 8 "$TMP/r.status.jsonl" >"$TMP/r.second"
unchanged=$(grep -c '"status":"unchanged"' "$TMP/r.second")
check "batch --resume: every book finished before the kill is skipped ($nbefore), none rebuilt" test "$unchanged" = "$nbefore"
check "batch --resume: the rest are written" test "$(grep -c '"status":"written"' "$TMP/r.second")" = $((8 - nbefore))
missing=""
for i in $(seq 0 7); do
	b=$(printf b%02d "$i")
	cmp -s "$TMP/out-r/$b.pdf" "$TMP/out-m/$b.pdf" 2>/dev/null || [ "$i" -ge 6 ] || missing="$missing $b"
	[ -s "$TMP/out-r/$b.epub" ] || missing="$missing $b.epub"
done
check "batch --resume: nothing lost (every output there, the same bytes)" test -z "$missing"
(cd "$TMP" && "$FOLIO_ONLINE" batch -q --resume r.yaml)
check "batch --resume: a second resume rebuilds nothing" test "$(tail -n 8 "$TMP/r.status.jsonl" | grep -c '"status":"unchanged"')" = 8
touch -d '2030-01-01' "$COLL/a02.md"
(cd "$TMP" && "$FOLIO_ONLINE" batch -q --resume r.yaml)
check "batch --resume: every book of a changed collection is built again" test "$(tail -n 8 "$TMP/r.status.jsonl" | grep -c '"status":"written"')" = 8
sed -i 's/title: "第3册"/title: "第三册"/' "$TMP/r.yaml"
(cd "$TMP" && "$FOLIO_ONLINE" batch -q --resume r.yaml)
check "batch --resume: only the book whose settings changed is built again" \
	test "$(tail -n 8 "$TMP/r.status.jsonl" | grep '"status":"written"' | grep -o '"book":"[^"]*"')" = '"book":"b03"'

# Without SOURCE_DATE_EPOCH a book chosen by the moment (last: 30m) is another book a moment later:
# --resume called it unchanged (two articles, where a run then gave one).
printf 'books:\n  - {name: recent, sources: coll, last: 3650d, to: epub, output: out-t/recent.epub}\n  - {name: all, sources: coll, to: epub, output: out-t/all.epub}\n' >"$TMP/t.yaml"
(cd "$TMP" && env -u SOURCE_DATE_EPOCH "$FOLIO_ONLINE" batch -q t.yaml)
sleep 1
(cd "$TMP" && env -u SOURCE_DATE_EPOCH "$FOLIO_ONLINE" batch -q --resume t.yaml)
check "batch --resume: a book chosen by the moment (last:) is built again without SOURCE_DATE_EPOCH" \
	test "$(tail -n 2 "$TMP/t.status.jsonl" | grep '"status":"written"' | grep -o '"book":"[^"]*"')" = '"book":"recent"'

# ---- one failing book ----
cat >"$TMP/f.yaml" <<EOF
books:
  - {name: good1, sources: coll, offline: true, tag: t1, output: out-f/good1.pdf}
  - {name: bad, sources: nowhere, offline: true, output: out-f/bad.pdf}
  - {name: strict, sources: coll, offline: true, strict: true, lang: en, tag: t2, output: out-f/strict.epub}
  - {name: good2, sources: coll, offline: true, tag: t2, output: out-f/good2.epub}
EOF
expect_status "batch: a failed book makes the exit status 1" 1 sh -c "cd '$TMP' && '$FOLIO_ONLINE' batch -q f.yaml"
check "batch: the books before a failed one are written" test -s "$TMP/out-f/good1.pdf"
check "batch: the books after a failed one are written" test -s "$TMP/out-f/good2.epub"
check "batch: a failed book writes nothing" test ! -e "$TMP/out-f/bad.pdf"
contains "batch: the failed book's status line says why" "$TMP/f.status.jsonl" '"book":"bad".*"status":"failed","message":".*nowhere.*(no such|not)'
contains "batch: the error is named in the summary" "$TMP/err" "book.? failed \(see f.status.jsonl\)"

# ---- bad manifests: exit 2, the line named, nothing built ----
bad() {
	local name=$1 want=$2
	cat >"$TMP/bad.yaml"
	rm -rf "$TMP/out-bad"
	expect_status "batch: $name: exit 2" 2 sh -c "cd '$TMP' && '$FOLIO_ONLINE' batch bad.yaml"
	contains "batch: $name: reported with its line" "$TMP/err" "$want"
	check "batch: $name: no book built" test ! -e "$TMP/out-bad"
}
# A NUL in a value ended it, as C strings do: "a\0x" and "a\0y" were one name (and a path was cut there).
bad "a NUL in a value" 'bad.yaml:3: error: bad YAML in the manifest: a value holds a NUL character' <<'EOF'
books:
  - {name: one, sources: coll, output: out-bad/one.epub}
  - {name: "a\0x", sources: coll, output: out-bad/two.epub}
EOF
printf '{"name":"a\\u0000x","sources":"coll","output":"out-bad/n.epub"}\n' >"$TMP/nul.jsonl"
expect_status "batch: a NUL in a JSON line's value: exit 2" 2 sh -c "cd '$TMP' && '$FOLIO_ONLINE' batch nul.jsonl"
contains "batch: ... with its line" "$TMP/err" 'nul.jsonl:1: error: not a JSON object folio can read: a value holds a NUL character'
bad "a bad page size" "bad.yaml:5: error: 'page-size' must be" <<'EOF'
books:
  - {name: one, sources: coll, output: out-bad/one.pdf}
  - name: two
    sources: coll
    page-size: A17
    output: out-bad/two.pdf
EOF
bad "an unknown key" "bad.yaml:4: error: unknown setting 'tags'" <<'EOF'
books:
  - name: one
    sources: coll
    tags: t1
    output: out-bad/one.pdf
EOF
bad "a bad date" "bad.yaml:3: error: 'since' must be a date" <<'EOF'
books:
  - {name: one, sources: coll, output: out-bad/one.pdf}
  - {name: two, sources: coll, since: yesterday-ish, output: out-bad/two.pdf}
EOF
bad "a book without output" "bad.yaml:2: error: this book names no output" <<'EOF'
books:
  - {name: one, sources: coll}
EOF
bad "two books of one name" "bad.yaml:3: error: a second book named 'one'" <<'EOF'
books:
  - {name: one, sources: coll, output: out-bad/a.pdf}
  - {name: one, sources: coll, output: out-bad/b.pdf}
EOF
bad "digest settings in a book" "bad.yaml:2: error: 'state' belongs to digest books" <<'EOF'
books:
  - {name: one, sources: coll, state: s.state, output: out-bad/a.pdf}
EOF
# One file by two spellings: the later book replaced the earlier (both "written"), and --resume
# then called both unchanged; a book's output over another's digest state spoilt it.
bad "one output by two spellings" "bad.yaml:3: error: 'out-bad/./a.pdf' is the output of another book too" <<'EOF'
books:
  - {name: one, sources: coll, output: out-bad/a.pdf}
  - {name: two, sources: coll, output: out-bad/./a.pdf}
EOF
bad "one output, relative and absolute" "bad.yaml:3: error: '$TMP/out-bad/a.pdf' is the output of another book too" <<EOF
books:
  - {name: one, sources: coll, output: out-bad/a.pdf}
  - {name: two, sources: coll, output: $TMP/out-bad/a.pdf}
EOF
bad "two digests of one output name" "bad.yaml:3: error: 'out-bad/w-\{\{date\}\}.epub' is the output of another book too" <<'EOF'
books:
  - {name: a, mode: digest, sources: coll, state: out-bad-a.state, output: "out-bad/w-{{date}}.epub"}
  - {name: b, mode: digest, sources: coll, state: out-bad-b.state, output: "out-bad/w-{{date}}.epub"}
EOF
bad "an output over another book's state" "bad.yaml:3: error: 'o3.state' is the digest state of book 'a'" <<'EOF'
books:
  - {name: a, mode: digest, sources: coll, state: o3.state, output: "out-bad/w-{{date}}.epub"}
  - {name: b, sources: coll, to: epub, output: o3.state}
EOF
# A digest's own settings are checked with the manifest (they failed the book, exit 1: retry).
bad "a digest with new and no state" "bad.yaml:2: error: this digest book's settings cannot be used" <<'EOF'
books:
  - {name: a, mode: digest, sources: coll, new: true, output: "out-bad/w.epub"}
EOF
bad "a digest output's unknown field" "bad.yaml:3: error: this digest book's settings cannot be used" <<'EOF'
books:
  - {name: one, sources: coll, output: out-bad/a.pdf}
  - {name: a, mode: digest, sources: coll, output: "out-bad/w-{{wek}}.epub"}
EOF
bad "bad YAML" "bad.yaml:4: error: bad YAML in the manifest" <<'EOF'
books:
  - {name: one, sources: coll, output: out-bad/a.pdf}
  - {name: "two
EOF
printf '{"name": "a", "sources": "coll", "output": "out-bad/a.pdf"}\n{"name": "b", "sources": "coll", "limit": -3, "output": "out-bad/b.pdf"}\n' >"$TMP/bad.jsonl"
expect_status "batch (JSON lines): a bad value: exit 2" 2 sh -c "cd '$TMP' && '$FOLIO_ONLINE' batch bad.jsonl"
contains "batch (JSON lines): a bad value: reported with its line" "$TMP/err" "bad.jsonl:2: error: 'limit' must be a whole number"
# The status file is appended to: "--status coll/a.md" added a JSON line to an article (the next
# book printed it), "--status bad.yaml" spoilt the manifest; a book's output may not be the manifest.
printf 'books:\n  - {name: one, sources: coll, output: out-bad/a.pdf}\n' >"$TMP/st.yaml"
cp "$TMP/coll/a01.md" "$TMP/a01.orig"
cp "$TMP/st.yaml" "$TMP/st.orig"
expect_status "batch: a status file that is an article read: exit 2" 2 sh -c "cd '$TMP' && '$FOLIO_ONLINE' batch --status coll/a01.md st.yaml"
contains "batch: ... said with the book's line" "$TMP/err" "st\.yaml:2: error: the status file 'coll/a01\.md' is a file folio reads in the SOURCE"
expect_status "batch: a status file that is the manifest: exit 2" 2 sh -c "cd '$TMP' && '$FOLIO_ONLINE' batch --status st.yaml st.yaml"
contains "batch: ... said" "$TMP/err" "the status file 'st\.yaml' is the manifest"
printf 'books:\n  - {name: one, sources: coll, to: epub, output: st2.yaml}\n' >"$TMP/st2.yaml"
cp "$TMP/st2.yaml" "$TMP/st2.orig"
expect_status "batch: a book whose output is the manifest: exit 2" 2 sh -c "cd '$TMP' && '$FOLIO_ONLINE' batch st2.yaml"
contains "batch: ... said with its line" "$TMP/err" "st2\.yaml:2: error: the output 'st2\.yaml' is the manifest"
same_bytes "batch: ... the article untouched" "$TMP/a01.orig" "$TMP/coll/a01.md"
same_bytes "batch: ... the manifests untouched" "$TMP/st.orig" "$TMP/st.yaml"
same_bytes "batch: ... the manifest a book would write untouched" "$TMP/st2.orig" "$TMP/st2.yaml"
check "batch: ... no book built" test ! -e "$TMP/out-bad"
expect_status "batch: a manifest that is not there: exit 2" 2 "$FOLIO_ONLINE" batch "$TMP/none.yaml"
expect_status "batch: an unknown option: exit 2" 2 "$FOLIO_ONLINE" batch --frobnicate "$TMP/m.yaml"

# ---- digest books ----
cat >"$TMP/d.yaml" <<EOF
books:
  - {name: weekly, mode: digest, sources: coll, offline: true, state: d.state, new: true, title: "周刊 {{to}}", output: "out-d/w-{{to}}.epub"}
EOF
(cd "$TMP" && "$FOLIO_ONLINE" batch -q d.yaml >"$TMP/d.out")
contains "batch: a digest book is written, its articles counted" "$TMP/d.status.jsonl" '"book":"weekly".*"articles":12,.*"status":"written"'
contains "batch: a digest book records its state" "$TMP/d.state" "^run"
(cd "$TMP" && "$FOLIO_ONLINE" batch -q d.yaml >"$TMP/d.out")
contains "batch: a digest with nothing new is not a failure" "$TMP/d.status.jsonl" '"book":"weekly".*"status":"nothing-new"'
# The status line names the files a digest wrote (its template filled), none when nothing was new;
# it named the template, which no orchestrator can open.
contains "batch: a digest's status names the file written, not the template" "$TMP/d.status.jsonl" \
	'"book":"weekly","outputs":\["out-d/w-[0-9]{4}-[0-9]{2}-[0-9]{2}\.epub"\].*"status":"written"'
check "batch: ... a file that is there" test -f "$TMP/$(grep -o 'out-d/w-[0-9-]*\.epub' "$TMP/d.status.jsonl" | head -1)"
contains "batch: ... and none when nothing was new" "$TMP/d.status.jsonl" '"book":"weekly","outputs":\[\],.*"status":"nothing-new"'
# --resume after a digest's success: unchanged, though its success rewrote its own state. Without
# new: the state changed the book's inputs, and the book, built again, failed (its articles sent).
cat >"$TMP/dr.yaml" <<EOF
books:
  - {name: rec, mode: digest, sources: coll, offline: true, state: dr.state, output: "out-dr/r-{{to}}.epub"}
EOF
(cd "$TMP" && "$FOLIO_ONLINE" batch -q dr.yaml >/dev/null 2>&1)
rc=0; (cd "$TMP" && "$FOLIO_ONLINE" batch -q --resume dr.yaml >/dev/null 2>"$TMP/dr.err") || rc=$?
check "batch: --resume after a digest's success: exit 0 ($rc)" test "$rc" = 0
contains "batch: ... the digest unchanged, its file named" "$TMP/dr.status.jsonl" \
	'"book":"rec","outputs":\["out-dr/r-[0-9-]*\.epub"\].*"status":"unchanged"'

# ---- a book with no article ----
# A book with no article failed alone (exit 1, nothing written) and was "written" in a batch,
# empty, exit 0; now it fails there too, unless allow-empty, and the others are written.
mkdir -p "$TMP/emptysrc"
cat >"$TMP/e.yaml" <<EOF
books:
  - {name: none, sources: emptysrc, offline: true, output: out-e/none.epub}
  - {name: asked, sources: emptysrc, offline: true, allow-empty: true, output: out-e/asked.epub}
  - {name: some, sources: coll, offline: true, output: out-e/some.epub}
EOF
expect_status "batch: a book with no article fails it (exit 1)" 1 sh -c "cd '$TMP' && '$FOLIO_ONLINE' batch -q e.yaml"
contains "batch: ... its status says why" "$TMP/e.status.jsonl" '"book":"none".*"status":"failed","message":"no article for the book'
[ ! -e "$TMP/out-e/none.epub" ] && ok "batch: ... nothing written for it" || not_ok "batch: ... nothing written for it"
contains "batch: allow-empty writes the empty book" "$TMP/e.status.jsonl" '"book":"asked".*"status":"written"'
[ -s "$TMP/out-e/some.epub" ] && ok "batch: ... the others are written" || not_ok "batch: ... the others are written"

# A page with no room for text, or a bleed past 25 mm, is a bad manifest, checked first (exit 2,
# nothing built): the books before it were built and it failed in its turn (exit 1). On the command
# line --bleed 1000mm is bad usage naming the option.
mkdir -p "$TMP/pg/src" && printf -- '---\ntitle: A\ndate: 2024-01-01\n---\n\nText.\n' >"$TMP/pg/src/a.md"
printf 'defaults: {offline: true, sources: [src]}\nbooks:\n  - {name: good, output: out/good.epub}\n  - {name: "small page", output: out/small.pdf, page-size: 25.4x25.4mm}\n' >"$TMP/pg/m.yaml"
rc=0; (cd "$TMP/pg" && "$FOLIO_ONLINE" batch m.yaml) >/dev/null 2>"$TMP/pg.err" || rc=$?
[ "$rc" = 2 ] && [ ! -e "$TMP/pg/out/good.epub" ] && ok "page with no room: a bad manifest, nothing built (exit 2)" \
	|| not_ok "page with no room: a bad manifest, nothing built" "exit $rc: $(cat "$TMP/pg.err")"
contains "page with no room: ... with the book's line" "$TMP/pg.err" "m\.yaml:4: error: this book's page settings cannot be used"
printf 'defaults: {offline: true, sources: [src]}\nbooks:\n  - {name: good, output: out/good.epub}\n  - {name: bleed, output: out/bleed.pdf, bleed: 1000mm}\n' >"$TMP/pg/b.yaml"
rc=0; (cd "$TMP/pg" && "$FOLIO_ONLINE" batch b.yaml) >/dev/null 2>"$TMP/pg.err" || rc=$?
[ "$rc" = 2 ] && [ ! -e "$TMP/pg/out/good.epub" ] && ok "bleed past 25mm: a bad manifest, nothing built (exit 2)" \
	|| not_ok "bleed past 25mm: a bad manifest, nothing built" "exit $rc: $(cat "$TMP/pg.err")"
contains "bleed past 25mm: ... with its line" "$TMP/pg.err" "b\.yaml:4: error: 'bleed' must be a length up to 25mm"
expect_status "bleed past 25mm: --bleed is bad usage" 2 "$FOLIO" --offline "$TMP/pg/src" --bleed 1000mm -o "$TMP/pg/x.pdf"
contains "bleed past 25mm: ... naming the option" "$TMP/err" "\-\-bleed must be a length up to 25mm"

# A book's theme was loaded to check its page and again to build it: its warnings were said twice,
# the first before any book. Said once now, after the line that names the book.
mkdir -p "$TMP/tw/src" "$TMP/tw/theme" && printf -- '---\ntitle: A\ndate: 2024-01-01\n---\n\nText.\n' >"$TMP/tw/src/a.md"
printf 'page:\n  colour: red\n' >"$TMP/tw/theme/theme.yaml"
printf 'defaults: {offline: true, sources: [src]}\nbooks:\n  - {name: themed, theme: theme/theme.yaml, output: out/t.pdf}\n' >"$TMP/tw/m.yaml"
(cd "$TMP/tw" && "$FOLIO_ONLINE" batch m.yaml) >/dev/null 2>"$TMP/tw.err"
n=$(grep -c "unknown theme setting 'page.colour'" "$TMP/tw.err")
[ "$n" = 1 ] && ok "batch: a theme's warning said once" || not_ok "batch: a theme's warning said once" "$n times: $(cat "$TMP/tw.err")"
contains "batch: ... after the line naming its book" <(grep -B1 "page.colour" "$TMP/tw.err") "in book 'themed'"
# A book's file setting that is a folder was said as the command line's ("--theme 'theme' is not
# a regular file"), with no file or line: now the manifest's, exit 2.
printf 'defaults: {offline: true, sources: [src]}\nbooks:\n  - {name: ok, output: out/ok.epub}\n  - {name: folder, theme: theme, output: out/f.pdf}\n' >"$TMP/tw/f.yaml"
rc=0; (cd "$TMP/tw" && "$FOLIO_ONLINE" batch f.yaml) >/dev/null 2>"$TMP/twf.err" || rc=$?
[ "$rc" = 2 ] && ok "batch: a theme that is a folder is a bad manifest (exit 2)" || not_ok "batch: a theme that is a folder is a bad manifest" "exit $rc"
contains "batch: ... said with the book's line, as the manifest spells it" "$TMP/twf.err" "f\.yaml:4: error: 'theme: theme' is not a regular file \(a folder\)"
