# parakeep.sh - folio batch taking an article's paragraphs as set for an earlier book
# (format/pdf/parakeep.c): books of the same articles in other page sizes, margins, languages and
# themes (each changing one setting) are each the PDF a single run makes, whichever paragraphs they took; small enough to run
# under ASan in CI (CI_ASAN_TESTS), the one path where kept lines outlive their book.
source "$(dirname "$0")/lib.sh"

# Six articles of what the corpus holds: bold, a quote, a list, a link, inline code, a note,
# English words to hyphenate, a heading; all tagged a, three tagged b too.
COLL=$TMP/coll
mkdir -p "$COLL"
for i in 1 2 3 4 5 6; do
	tags='[a]'
	[ $((i % 2)) = 0 ] && tags='[a, b]'
	cat >"$COLL/p$i.md" <<EOF
---
title: "第${i}篇：城市与创新"
date: 2025-04-0${i}T08:00:00+08:00
tags: $tags
---

“杭州六小龙”的成功，**主体是企业、企业家**，而非城市或政府。当大家追问杭州做对了什么——其他地区如何才能追赶杭州……实际上有意无意之中，就进入了“政府做好了，就会有创新”的语境。

> 2024年，杭州GDP为21860亿元，其中服务业对经济增长的贡献率达78.1%。

## 小标题 $i

- DeepSeek背后的幻方量化公司（总部设在杭州）宣称实现投资策略全面AI化。
- Internationalization and characterization of \`parakeep_put\` are extraordinarily interdependent considerations.[^n]

参见[原文](https://example.com/news/$i)与[第一篇](p1.md)。

[^n]: 注释 $i：数据来自公开报道。
EOF
done
# Themes that each change one thing a paragraph is set by.
printf 'text:\n  align: left\n' >"$TMP/align.yaml"
printf 'text:\n  line-height: 1.9\n' >"$TMP/leading.yaml"
printf 'cjk:\n  punctuation: compress-edges\n' >"$TMP/punct.yaml"
printf 'colors:\n  text: "#333333"\n' >"$TMP/colour.yaml"
printf 'text:\n  size: 10pt\n' >"$TMP/size.yaml"

# The books: the same articles again, each variant right after a book set alike but for one
# thing, so that a key missing that thing would hand it the lines set for the book before.
BOOKS='a:
a:
a|theme: align.yaml
a:
a|theme: leading.yaml
a:
a|theme: colour.yaml
a:
a|theme: size.yaml
a:
a|page-size: A4
a:
a|margin: 30mm
b:
b|theme: punct.yaml
b:
b|lang: zh-TW
b:
b|two-sided: true'
{
	printf 'defaults:\n  sources: coll\n  offline: true\nbooks:\n'
	i=0
	while IFS= read -r line; do
		tag=${line%%[:|]*}
		extra=${line#*|}
		[ "$extra" = "$line" ] && extra=
		printf '  - name: k%d\n    tag: %s\n    title: "书%d"\n    output: out/k%d.pdf\n' "$i" "$tag" "$i" "$i"
		[ -n "$extra" ] && printf '    %s\n' "$extra"
		i=$((i + 1))
	done <<<"$BOOKS"
} >"$TMP/k.yaml"
n=$(grep -c '^  - name:' "$TMP/k.yaml")

(cd "$TMP" && "$FOLIO_ONLINE" batch --threads 2 k.yaml >"$TMP/k.out" 2>"$TMP/k.err")
st=$?
check "parakeep: the batch writes every book (exit 0)" test "$st" = 0
contains "parakeep: paragraphs set for an earlier book were taken as set" "$TMP/k.err" \
	"note: [1-9][0-9]* paragraphs set once for an earlier book were taken as set"

# Each book as a single run of its own makes it.
mkdir -p "$TMP/single"
i=0
while IFS= read -r line; do
	tag=${line%%[:|]*}
	extra=${line#*|}
	args=()
	case $extra in
	"page-size: A4") args=(--page-size A4) ;;
	"margin: 30mm") args=(--margin 30mm) ;;
	"lang: zh-TW") args=(--lang zh-TW) ;;
	"theme: "*) args=(--theme "${extra#theme: }") ;;
	"two-sided: true") args=(--two-sided) ;;
	esac
	(cd "$TMP" && "$FOLIO" coll --tag "$tag" --title "书$i" "${args[@]}" -o "single/k$i.pdf" 2>/dev/null)
	i=$((i + 1))
done <<<"$BOOKS"
differ=
for i in $(seq 0 $((n - 1))); do
	cmp -s "$TMP/single/k$i.pdf" "$TMP/out/k$i.pdf" || differ="$differ k$i"
done
check "parakeep: each of the $n books is the PDF its single run makes (differ:${differ:- none})" test -z "$differ"
check "parakeep: ... and they are PDFs (control)" test "$(head -c 5 "$TMP/single/k0.pdf")" = "%PDF-"

# With a budget of 1 MB, kept lines go while others are in use; the books are the same.
rm -rf "$TMP/out"
(cd "$TMP" && "$FOLIO_ONLINE" batch --threads 2 --layout-memory 1 --status small.jsonl k.yaml >/dev/null 2>&1)
differ=
for i in $(seq 0 $((n - 1))); do
	cmp -s "$TMP/single/k$i.pdf" "$TMP/out/k$i.pdf" || differ="$differ k$i"
done
check "parakeep: with 1 MB kept, the same books (differ:${differ:- none})" test -z "$differ"
