#!/usr/bin/env bash
# threads.sh - the same bytes on any number of threads: the PDF laid out on every core, the EPUB,
# --threads and taskset, a grouped two-sided book (part pages and blank pages between the
# articles set on other threads, and on the drawing thread while it waits), messages in the same
# order.
source "$(dirname "$0")/lib.sh"

# A book of many short articles with parts, links between articles, notes and a missing glyph.
BOOK=$TMP/book
mkdir -p "$BOOK"
for i in $(seq 1 24); do
	cat >"$BOOK/a$(printf %02d "$i").md" <<EOF
---
title: "第${i}篇 并行排版"
date: 2025-03-$(printf %02d $((i % 28 + 1))) 08:00:00
categories: [$([ $((i % 3)) = 0 ] && echo 经济 || echo 城市)]
tags: [t$((i % 4))]
---

正文第${i}篇。$(for k in $(seq 1 $((i * 7 % 40 + 5))); do printf '城市的街道在清晨醒来，行人与车辆交织成一幅流动的画面。'; done)

## 小节

见[上一篇](a$(printf %02d $(( i > 1 ? i - 1 : 1 ))).md)与注释[^1]。$([ "$i" = 7 ] && printf '\xf4\x8f\xbf\xbd')

| 项目 | 数值 |
| --- | --- |
| 甲 | $i |

[^1]: 注释${i}。
EOF
done

for args in "" "--group-by category --two-sided"; do
	label=${args:-plain}
	"$FOLIO" "$BOOK" $args --threads 1 -o "$TMP/one.pdf" 2>"$TMP/one.err"
	"$FOLIO" "$BOOK" $args --threads 2 -o "$TMP/two.pdf" 2>"$TMP/two.err"
	"$FOLIO" "$BOOK" $args --threads 4 -o "$TMP/four.pdf" 2>"$TMP/four.err"
	taskset -c 0 "$FOLIO" "$BOOK" $args -o "$TMP/taskset.pdf" 2>"$TMP/taskset.err"
	same_bytes "threads ($label): PDF on 2 threads is the PDF on 1" "$TMP/one.pdf" "$TMP/two.pdf"
	same_bytes "threads ($label): PDF on 4 threads is the PDF on 1" "$TMP/one.pdf" "$TMP/four.pdf"
	same_bytes "threads ($label): PDF under taskset -c 0 is the PDF on 1" "$TMP/one.pdf" "$TMP/taskset.pdf"
	contains "threads ($label): the missing glyph is reported" "$TMP/one.err" "U\+10FFFD"
	check "threads ($label): messages in the same order on 2 threads" cmp "$TMP/one.err" "$TMP/two.err"
	check "threads ($label): messages in the same order on 4 threads" cmp "$TMP/one.err" "$TMP/four.err"
	"$FOLIO" "$BOOK" $args --threads 1 -t trace -o "$TMP/one.trace" 2>/dev/null
	"$FOLIO" "$BOOK" $args --threads 3 -t trace -o "$TMP/three.trace" 2>/dev/null
	same_bytes "threads ($label): trace on 3 threads is the trace on 1" "$TMP/one.trace" "$TMP/three.trace"
done
# The contents must name the pages the articles start on, whichever thread set them.
pdftotext -layout "$TMP/four.pdf" "$TMP/four.txt" 2>/dev/null
contains "threads: the contents lists the articles" "$TMP/four.txt" "第 ?24 ?篇"
/usr/bin/python3 - "$TMP/four.pdf" >"$TMP/starts" 2>&1 <<'EOF'
import sys, fitz
doc = fitz.open(sys.argv[1])
toc = {t[1]: t[2] for t in doc.get_toc() if t[1].startswith('第')}
bad = []
for title, page in toc.items():
    if title.replace(' ', '') not in ''.join(doc[page - 1].get_text().split()):
        bad.append('%s not on page %d' % (title, page))
print('checked %d' % len(toc))
print('\n'.join(bad) or 'all found')
EOF
contains "threads: every article starts on the page its outline names" "$TMP/starts" "^all found$"
contains "threads: outline entries were checked" "$TMP/starts" "^checked 24$"

"$FOLIO" "$BOOK" --threads 1 -o "$TMP/one.epub" 2>/dev/null
"$FOLIO" "$BOOK" --threads 3 -o "$TMP/three.epub" 2>/dev/null
same_bytes "threads: EPUB on 3 threads is the EPUB on 1" "$TMP/one.epub" "$TMP/three.epub"
expect_status "threads: --threads takes a whole number" 2 "$FOLIO" "$BOOK" --threads two -o "$TMP/x.pdf"
expect_status "threads: --threads is a folio.yaml key too" 0 sh -c "printf 'threads: 2\n' >'$TMP/t.yaml' && '$FOLIO' '$BOOK' --config '$TMP/t.yaml' -o '$TMP/y.pdf'"

# The shared corpus (Simplified, Traditional and Hong Kong Chinese and English together: more
# font faces in turn than cairo 1.16 keeps open) on 3 threads, three times. cairo closed a face
# another thread was taking, and one run in three crashed here before fonts were loaded under one
# lock and pinned (src/format/fonts.h). A race: on a loaded machine the old code passed all three
# runs about one time in three, so this catches a return of it most times, not every time.
corpus=${CORPUS:-$ROOT/../shared/corpus}
[ -d "$corpus" ] || corpus=/work/shared/corpus
if [ -d "$corpus" ]; then
	"$FOLIO" "$corpus" -q --offline --threads 1 -t trace -o "$TMP/corpus1.trace" 2>/dev/null
	# (A check of the contents while the trace is here: every entry has its dot leaders; one whose
	# title ended a little over one leader's width before its number had none, a wide gap.)
	entries=$(awk '/^  dest a0001 /{exit} /^  link / && /->#/{n++} END{print n + 0}' "$TMP/corpus1.trace")
	leaders=$(awk '/^  dest a0001 /{exit} $1 == "text" && /"\.( \.)*"$/{n++} END{print n + 0}' "$TMP/corpus1.trace")
	[ "$entries" -gt 200 ] && [ "$entries" = "$leaders" ] && ok "contents: every entry of the corpus' contents has its leaders" ||
		not_ok "contents: every entry of the corpus' contents has its leaders" "$entries entries, $leaders leaders"
	for i in 1 2 3; do
		"$FOLIO" "$corpus" -q --offline --threads 3 -t trace -o "$TMP/corpus3.trace" 2>"$TMP/corpus3.err"
		expect_rc=$?
		[ "$expect_rc" = 0 ] && ok "threads: the corpus on 3 threads, run $i, exits 0" ||
			not_ok "threads: the corpus on 3 threads, run $i, exits 0" "exit $expect_rc: $(tail -3 "$TMP/corpus3.err")"
		same_bytes "threads: the corpus on 3 threads, run $i, is the trace on 1" "$TMP/corpus1.trace" "$TMP/corpus3.trace"
	done
	# Its four languages (a Hong Kong article's running heads in HK forms): the PDF on 3 threads is the PDF on 1.
	"$FOLIO" "$corpus" -q --offline --threads 1 -o "$TMP/corpus1.pdf" 2>/dev/null
	"$FOLIO" "$corpus" -q --offline --threads 3 -o "$TMP/corpus3.pdf" 2>/dev/null
	same_bytes "threads: the corpus PDF on 3 threads is the PDF on 1" "$TMP/corpus1.pdf" "$TMP/corpus3.pdf"
else
	not_ok "threads: the shared corpus" "no corpus at $corpus (set CORPUS)"
fi

# Every FreeType face is opened by fonts_pin, under the fonts' lock (src/format/fonts.h): cairo 1.16
# may close an idle face whenever it opens another, so a face opened anywhere else, with other
# threads setting text unlocked, can close one a thread is using. Pango's box for a missing
# character (U+10FFFD in article 7) opened its "monospace" face while shaping, unlocked; now it is
# pinned with the first font of its weight. gdb stops at each face opened and prints who opened it.
cat >"$TMP/faces.gdb" <<'EOF'
set pagination off
set confirm off
start
break FT_New_Face
commands
silent
printf "FACE OPENED\n"
bt 40
cont
end
cont
EOF
if ! command -v gdb >/dev/null || ! gdb -q -batch -ex 'info functions ^fonts_pin$' "$FOLIO_ONLINE" 2>/dev/null | grep -q fonts_pin; then
	not_ok "threads: every font face is opened by fonts_pin" "gdb is missing, or $FOLIO_ONLINE has no symbols"
elif ! gdb -q -batch -ex run --args /bin/true 2>&1 | grep -q "exited normally"; then
	echo "note: gdb cannot run a program here (ptrace refused); who opens each font face is not checked"
else
	# LeakSanitizer cannot work under ptrace: an ASan build (make check-asan) runs without it here.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" gdb -q -batch -x "$TMP/faces.gdb" \
		--args "$FOLIO_ONLINE" --offline -q --threads 2 "$BOOK" -o "$TMP/faces.pdf" >"$TMP/faces.log" 2>&1
	awk '/^FACE OPENED/{n++; if (n > 1 && !pinned) bad++; pinned = 0} / fonts_pin /{pinned = 1}
	     END{if (n && !pinned) bad++; print "opened " n + 0 ", elsewhere " bad + 0}' "$TMP/faces.log" >"$TMP/faces"
	contains "threads: every font face is opened by fonts_pin, under the lock" "$TMP/faces" "^opened [1-9][0-9]*, elsewhere 0$"
fi

# The program's allocator (Makefile: MALLOC_LIBS): tcmalloc, whose frees of another thread's memory
# take no lock; glibc's took one for each page freed after drawing. The sanitizer build keeps its own.
readelf -d "$FOLIO_ONLINE" >"$TMP/dynamic" 2>&1
if grep -q 'NEEDED.*libasan' "$TMP/dynamic"; then
	lacks "threads: the sanitizer build keeps ASan's allocator" "$TMP/dynamic" "libtcmalloc"
else
	contains "threads: folio is linked with tcmalloc" "$TMP/dynamic" "NEEDED.*libtcmalloc_minimal"
	LD_DEBUG=bindings "$FOLIO_ONLINE" --version >/dev/null 2>"$TMP/bindings"
	contains "threads: its malloc is tcmalloc's" "$TMP/bindings" \
		"binding file .*/folio .* to .*libtcmalloc_minimal.*: normal symbol .malloc."
fi
# GLib's slices come from malloc (base/slices.c, linked in by main.c; test_slices checks that the
# entry works): the program carries its preinit entry, which runs before GLib's constructor.
contains "threads: the program has a preinit entry" "$TMP/dynamic" "\\(PREINIT_ARRAY\\)"
nm "$FOLIO_ONLINE" >"$TMP/symbols" 2>&1
contains "threads: it is base/slices.c's, turning GLib's slices to malloc" "$TMP/symbols" " slices_to_malloc$"

# The layout set on other threads asks Cairo nothing: Cairo 1.16's glyph cache locks a font, then
# the cache, and its eviction the cache, then a font, so a worker asking for a glyph's extents
# while the drawing thread evicted hung both for good (seen once here, on the corpus with
# --threads 3). Glyph ink and advances come from HarfBuzz (para.c); this keeps it so.
objs=$(dirname "$FOLIO_ONLINE")/obj/format/pdf
if [ -f "$objs/para.o" ]; then
	calls=$(for o in "$objs"/para.o "$objs"/layout_*.o; do nm -u "$o" | awk -v f="${o##*/}" \
		'$2 ~ /^(cairo_|pango_cairo_)/ || $2 == "pango_font_get_glyph_extents" {print f ": " $2}'; done)
	[ -z "$calls" ] && ok "threads: the layout on other threads calls no Cairo glyph function" \
		|| not_ok "threads: the layout on other threads calls no Cairo glyph function" "$calls"
else
	not_ok "threads: the layout on other threads calls no Cairo glyph function" "no objects at $objs"
fi
