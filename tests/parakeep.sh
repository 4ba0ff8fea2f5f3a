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
# thing, so that a key missing that thing would hand it the lines set for the book before. A line:
# the tag, the manifest's setting, the same as a single run's options.
BOOKS='a||
a||
a|theme: align.yaml|--theme align.yaml
a||
a|theme: leading.yaml|--theme leading.yaml
a||
a|theme: colour.yaml|--theme colour.yaml
a||
a|theme: size.yaml|--theme size.yaml
a||
a|page-size: A4|--page-size A4
a||
a|margin: 30mm|--margin 30mm
b||
b|theme: punct.yaml|--theme punct.yaml
b||
b|lang: zh-TW|--lang zh-TW
b||
b|two-sided: true|--two-sided'

# The manifest, and each book as a single run of its own makes it.
mkdir -p "$TMP/single"
printf 'defaults:\n  sources: coll\n  offline: true\nbooks:\n' >"$TMP/k.yaml"
n=0
while IFS='|' read -r tag setting options; do
	printf '  - name: k%d\n    tag: %s\n    title: "书%d"\n    output: out/k%d.pdf\n' "$n" "$tag" "$n" "$n" >>"$TMP/k.yaml"
	[ -n "$setting" ] && printf '    %s\n' "$setting" >>"$TMP/k.yaml"
	# shellcheck disable=SC2086 # the options are words
	(cd "$TMP" && "$FOLIO" coll --tag "$tag" --title "书$n" $options -o "single/k$n.pdf" 2>/dev/null)
	n=$((n + 1))
done <<<"$BOOKS"

# The books of the batch that are not their single runs' (none: " none").
differing() {
	local differ=
	for i in $(seq 0 $((n - 1))); do
		cmp -s "$TMP/single/k$i.pdf" "$TMP/out/k$i.pdf" || differ="$differ k$i"
	done
	echo "${differ:- none}"
}

(cd "$TMP" && "$FOLIO_ONLINE" batch --threads 2 k.yaml >"$TMP/k.out" 2>"$TMP/k.err")
st=$?
check "parakeep: the batch writes every book (exit 0)" test "$st" = 0
contains "parakeep: paragraphs set for an earlier book were taken as set" "$TMP/k.err" \
	"note: [1-9][0-9]* paragraphs set once for an earlier book were taken as set"
differ=$(differing)
check "parakeep: each of the $n books is the PDF its single run makes (differ:$differ)" test "$differ" = " none"
check "parakeep: ... and they are PDFs (control)" test "$(head -c 5 "$TMP/single/k0.pdf")" = "%PDF-"

# With a budget of 1 MB, kept lines go while others are in use; the books are the same.
rm -rf "$TMP/out"
(cd "$TMP" && "$FOLIO_ONLINE" batch --threads 2 --layout-memory 1 --status small.jsonl k.yaml >/dev/null 2>&1)
differ=$(differing)
check "parakeep: with 1 MB kept, the same books (differ:$differ)" test "$differ" = " none"
