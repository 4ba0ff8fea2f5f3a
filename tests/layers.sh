# layers.sh - the house rule of src/ (tests/layers/check.py): no file reaches a later stage, the back
# ends never touch, no two files depend on each other. Checked on the tree and its objects, then
# shown to fail on trees broken on purpose, by an include and by a symbol.
. "$(dirname "$0")/lib.sh"

py=/usr/bin/python3
obj=${FOLIO_OBJ_DIR:-build/obj}
if $py tests/layers/check.py src "$obj" >"$TMP/layers.out" 2>&1; then
	ok "layers: src/ keeps the one-way rule ($(tail -n 1 "$TMP/layers.out"))"
else
	not_ok "layers: src/ keeps the one-way rule" "$(cat "$TMP/layers.out")"
fi

# broken NAME PATTERN: the copy in $TMP/broken fails the check and the report matches PATTERN.
broken() {
	if $py tests/layers/check.py "$TMP/broken" >"$TMP/broken.out" 2>&1; then
		not_ok "layers: $1 is caught" "the check passed"
	elif grep -qE -- "$2" "$TMP/broken.out"; then
		ok "layers: $1 is caught"
	else
		not_ok "layers: $1 is caught" "$(cat "$TMP/broken.out")"
	fi
}
fresh() { rm -rf "$TMP/broken"; cp -r src "$TMP/broken"; }

fresh
$py tests/layers/check.py "$TMP/broken" >/dev/null 2>&1 && ok "layers: the unbroken copy passes (control)" \
	|| not_ok "layers: the unbroken copy passes (control)" "$($py tests/layers/check.py "$TMP/broken" 2>&1 | tail -5)"
fresh
sed -i '0,/^#include "/s//#include "cli\/writer.h"\n&/' "$TMP/broken/base/diag.c"
broken "an upward include (base/diag.c includes cli/writer.h)" \
	'^base/diag.c:[0-9]+: #include "cli/writer.h": base/diag \(base\) reaches cli/writer \(cli\), upward'
fresh
sed -i '0,/^#include "/s//#include "format\/pdf\/pdf.h"\n&/' "$TMP/broken/format/epub/epub.c"
broken "an include between back ends (the EPUB's includes the PDF's)" \
	'format/epub/epub \(format/epub\) reaches format/pdf/pdf \(format/pdf\), between back ends'
fresh
sed -i '0,/^#include "/s//#include "read\/build.h"\n&/' "$TMP/broken/read/article.h"
broken "a cycle inside one stage (read/article.h includes read/build.h)" \
	'^cycle of 2 files \(read/article, read/build\)'
fresh
printf '#include "nowhere/x.h"\n' >>"$TMP/broken/base/date.c"
broken "an include of no file of src/" '^base/date.c:[0-9]+: includes "nowhere/x.h", which is no file'

# A reference by symbol alone, with no include: a tiny tree of two stages, compiled.
rm -rf "$TMP/broken" "$TMP/sym"
mkdir -p "$TMP/broken/base" "$TMP/broken/read" "$TMP/sym/base" "$TMP/sym/read"
printf 'int helper(void);\nint helper(void) { return 1; }\n' >"$TMP/broken/read/helper.c"
printf 'int helper(void);\nint base_use(void);\nint base_use(void) { return helper(); }\n' >"$TMP/broken/base/user.c"
cc -c -o "$TMP/sym/read/helper.o" "$TMP/broken/read/helper.c" && cc -c -o "$TMP/sym/base/user.o" "$TMP/broken/base/user.c"
if $py tests/layers/check.py "$TMP/broken" "$TMP/sym" >"$TMP/broken.out" 2>&1; then
	not_ok "layers: an upward call without an include is caught" "the check passed"
else
	contains "layers: an upward call without an include is caught" "$TMP/broken.out" \
		'^base/user.o uses helper: base/user \(base\) reaches read/helper \(read\), upward'
fi
