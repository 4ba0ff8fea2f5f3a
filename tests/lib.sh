# lib.sh - shared helpers for folio's test scripts: results, golden files, temporary folders.
# Each tests/*.sh sources this, calls ok/not_ok per check; tests/run counts the results.

set -u
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=${FOLIO_TEST_RESULTS:-/dev/null}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/folio-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
export TZ=UTC LC_ALL=C.UTF-8
# Fetched images go to a cache of the test's own, never the user's.
export XDG_CACHE_HOME="$TMP/cache"
# No test reaches the network: $FOLIO always runs with --offline. The image tests, which serve
# their pictures from a local server, use $FOLIO_ONLINE. FOLIO_BIN names another build to test
# (make check-asan: build-asan/folio); FOLIO_UNIT_DIR, its unit test programs.
FOLIO_ONLINE=${FOLIO_BIN:-"$ROOT/build/folio"}
FOLIO_UNIT_DIR=${FOLIO_UNIT_DIR:-build/tests}
FOLIO="$TMP/folio"
printf '#!/bin/sh\nif [ "$1" = digest ]; then shift; exec "%s" digest --offline "$@"; fi\nexec "%s" --offline "$@"\n' \
	"$FOLIO_ONLINE" "$FOLIO_ONLINE" >"$FOLIO"
chmod +x "$FOLIO"
cd "$ROOT"

ok() { echo "ok $1"; echo "ok $1" >>"$RESULTS"; }
not_ok() {
	echo "FAIL $1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /' | head -40
	echo "FAIL $1" >>"$RESULTS"
}
# updated NAME: a golden file rewritten by UPDATE=1: a result of its own, never a pass (tests/run
# lists them, and fails under CI).
updated() { echo "updated $1"; echo "updated $1" >>"$RESULTS"; }

# check NAME COMMAND...: passes when COMMAND exits 0.
check() {
	local name=$1; shift
	local out
	if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi
}

# golden NAME EXPECTED_FILE ACTUAL_FILE: compare, or refresh with UPDATE=1. Under UPDATE=1 a golden
# file that differs is rewritten and reported as updated, one that agrees passes; in CI (CI set)
# UPDATE=1 is refused: it would turn every difference into a pass.
golden() {
	local name=$1 expected=$2 actual=$3
	if [ "${UPDATE:-0}" = 1 ] && [ -n "${CI:-}" ]; then
		not_ok "$name" "UPDATE=1 is refused in CI (CI=$CI): goldens are compared there, never rewritten"
	elif [ "${UPDATE:-0}" = 1 ] && ! cmp -s "$expected" "$actual"; then
		if cp "$actual" "$expected"; then updated "$name ($expected)"; else not_ok "$name" "cannot write $expected"; fi
	elif [ ! -f "$expected" ]; then
		not_ok "$name" "missing golden file $expected (run UPDATE=1 tests/run)"
	elif diff -u "$expected" "$actual" >"$TMP/diff" 2>&1; then
		ok "$name"
	else
		not_ok "$name" "$(head -40 "$TMP/diff")"
	fi
}

# expect_status NAME WANT COMMAND...: passes when COMMAND exits with status WANT.
expect_status() {
	local name=$1 want=$2; shift 2
	local got=0
	"$@" >"$TMP/out" 2>"$TMP/err" || got=$?
	if [ "$got" = "$want" ]; then ok "$name"; else not_ok "$name" "exit $got, wanted $want: $(head -20 "$TMP/err")"; fi
}

# contains NAME FILE PATTERN: passes when FILE has a line matching the grep -E PATTERN.
# A FILE that is missing or cannot be read fails, with grep's reason.
contains() {
	local st=0
	grep -qE -- "$3" "$2" 2>"$TMP/grep.err" || st=$?
	case $st in
	0) ok "$1" ;;
	1) not_ok "$1" "no line matching '$3' in $2: $(head -20 "$2")" ;;
	*) not_ok "$1" "cannot search $2: $(cat "$TMP/grep.err")" ;;
	esac
}

# same_bytes NAME FILE1 FILE2: passes when FILE1 is not empty and FILE2 has the same bytes: two
# empty or missing outputs are not the same book.
same_bytes() {
	if [ ! -s "$2" ]; then not_ok "$1" "$2 is empty or missing"
	elif cmp "$2" "$3" >"$TMP/cmp" 2>&1; then ok "$1"
	else not_ok "$1" "$(cat "$TMP/cmp")"; fi
}

# lacks NAME FILE PATTERN: passes when FILE can be read and no line of it matches (an empty FILE
# passes: nothing was said). A FILE that is missing or cannot be read fails: a tool that failed
# to write it must not pass for one that found nothing.
lacks() {
	local st=0
	grep -qE -- "$3" "$2" 2>"$TMP/grep.err" || st=$?
	case $st in
	1) ok "$1" ;;
	0) not_ok "$1" "$(grep -E -- "$3" "$2" | head -5)" ;;
	*) not_ok "$1" "cannot search $2: $(cat "$TMP/grep.err")" ;;
	esac
}

# epubcheck_ok NAME EPUB: passes when EPUBCheck reads EPUB, exits 0 and reports no message at all.
# A missing file must fail: EPUBCheck then still prints "0 fatals / 0 errors / 0 warnings".
epubcheck_ok() {
	local st=0
	if [ ! -s "$2" ]; then not_ok "$1" "$2 is empty or missing"; return; fi
	java -jar /usr/bin/epubcheck "$2" >"$TMP/epubcheck.out" 2>&1 || st=$?
	if [ $st = 0 ] && grep -q '^Messages: 0 fatals / 0 errors / 0 warnings' "$TMP/epubcheck.out"; then ok "$1"
	else not_ok "$1" "exit $st: $(grep -E '^(ERROR|WARNING|FATAL|USAGE|INFO)|Messages' "$TMP/epubcheck.out" | head -20)"; fi
}
