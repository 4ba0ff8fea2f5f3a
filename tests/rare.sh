# rare.sh - rare Han characters (CJK Extension B and later, used in Chinese names) are drawn: the set
# has a font for them after the Noto fonts (fonts-hanazono: HanaMinA, HanaMinB); a character no
# font has is still reported with its file and line, and shows as a box.
. "$(dirname "$0")/lib.sh"

mkdir -p "$TMP/rare"
cat >"$TMP/rare/names.md" <<'MD'
---
title: 生僻字
date: 2024-01-01
lang: zh-CN
---

人名里的生僻字：𠀀（U+20000，扩展 B）、𪚥（U+2A6A5，扩展 B）、𪜀（扩展 C）、𫝀（扩展 D）、𫠠（扩展 E）、𬺰（扩展 F）。

## 标题里也有：𪚥

**粗体里的 𠀀**，`代码里的 𪚥`。
MD
"$FOLIO" "$TMP/rare" -o "$TMP/rare.pdf" 2>"$TMP/rare.err"; st=$?
[ $st = 0 ] && ok "rare: built" || not_ok "rare: built" "exit $st: $(cat "$TMP/rare.err")"
lacks "rare: no character is reported as missing" "$TMP/rare.err" "no font can draw"
pdffonts "$TMP/rare.pdf" >"$TMP/rare.fonts" 2>&1
contains "rare: HanaMinB is in the PDF (Extension B to F)" "$TMP/rare.fonts" "HanaMinB"
contains "rare: the body is still Noto Serif CJK" "$TMP/rare.fonts" "NotoSerifCJK"
/usr/bin/python3 /work/shared/tools/pdfcheck "$TMP/rare.pdf" >"$TMP/rare.check" 2>&1
contains "rare: pdfcheck finds no tofu" "$TMP/rare.check" "^pdfcheck: pages=[1-9][0-9]* .* tofu=0 "
pdftotext "$TMP/rare.pdf" - >"$TMP/rare.txt" 2>&1
for c in 𠀀 𪚥 𪜀 𫝀 𫠠 𬺰; do
	contains "rare: $c is text in the PDF" "$TMP/rare.txt" "$c"
done

# A character no font has (CJK Extension G, newer than every font of the set): reported with its
# file and line, as before.
printf -- '---\ntitle: none\n---\n\n第一行\n\n扩展 G 的字：𰀀\n' >"$TMP/rare/none.md"
"$FOLIO" "$TMP/rare/none.md" -o "$TMP/none.pdf" 2>"$TMP/none.err"
contains "rare: a character no font has is reported with file and line" "$TMP/none.err" \
	"none.md:7: warning: no font can draw the character U\+30000"
