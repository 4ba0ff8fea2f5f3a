#!/usr/bin/env bash
# cjk.sh - golden traces of Chinese typesetting (tests/cjk/NAME.txt -> NAME.trace): each line's text,
# place, width and every gap folio set, for hand-made cases of each CLREQ rule.
source "$(dirname "$0")/lib.sh"

prog=$FOLIO_UNIT_DIR/test_cjk
if [ ! -x "$prog" ]; then
	not_ok "cjk: $prog is not built (make check builds it)"
	exit 0
fi
for case in tests/cjk/*.txt; do
	name=$(basename "$case" .txt)
	if "$prog" --trace "$case" >"$TMP/$name.trace" 2>"$TMP/$name.err"; then
		golden "cjk: $name" "tests/cjk/$name.trace" "$TMP/$name.trace"
	else
		not_ok "cjk: $name (trace failed)" "$(cat "$TMP/$name.err")"
	fi
done
