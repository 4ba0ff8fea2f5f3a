# manual.sh - the manual page (src/cli/folio.1): clean under mandoc -Tlint, and in step with --help:
# every option --help lists is an item of the manual, and the manual lists no option folio lacks.
. "$(dirname "$0")/lib.sh"

man=src/cli/folio.1
if ! command -v mandoc >/dev/null; then
	not_ok "manual: mandoc is needed (Debian package mandoc, in TEST_DEBS)"
	exit 0
fi
st=0
mandoc -Tlint "$man" >"$TMP/lint" 2>&1 || st=$?
[ $st = 0 ] && [ ! -s "$TMP/lint" ] && ok "manual: mandoc -Tlint is clean" || not_ok "manual: mandoc -Tlint is clean" "exit $st: $(cat "$TMP/lint")"

# help_options HELP: the options of a --help text, one a line as its left column has them
# ("-o, --output" or "--config").
help_options() { sed -nE 's/^ +((-[A-Za-z], )?--[a-z][a-z0-9-]*).*/\1/p' "$1"; }
# manual_options: the option items of the rendered manual, written the same way.
mandoc -Tascii "$man" | col -bx >"$TMP/man.txt"
manual_options() { sed -nE 's/^ {5}((-[A-Za-z], )?--[a-z][a-z0-9-]*)( .*)?$/\1/p' "$TMP/man.txt"; }
# undocumented HELP: what HELP lists that the manual has no item for.
undocumented() { help_options "$1" | while read -r o; do manual_options | grep -qxF -- "$o" || echo "$o"; done; }

"$FOLIO_ONLINE" --help >"$TMP/help.txt" 2>&1
n=$(help_options "$TMP/help.txt" | wc -l)
[ "$n" -ge 40 ] && ok "manual: --help lists its options ($n)" || not_ok "manual: --help lists its options" "$n found: $(head -5 "$TMP/help.txt")"
missing=$(undocumented "$TMP/help.txt")
[ "$n" -ge 40 ] && [ -z "$missing" ] && ok "manual: every option of --help is documented" \
	|| not_ok "manual: every option of --help is documented" "missing from $man: $missing"
# folio batch has options of its own (its --help); the manual documents both.
"$FOLIO_ONLINE" batch --help >"$TMP/batch-help.txt" 2>&1
cat "$TMP/help.txt" "$TMP/batch-help.txt" >"$TMP/all-help.txt"
missing=$(undocumented "$TMP/batch-help.txt")
[ -z "$missing" ] && [ "$(help_options "$TMP/batch-help.txt" | wc -l)" -ge 5 ] && ok "manual: every option of folio batch --help is documented" \
	|| not_ok "manual: every option of folio batch --help is documented" "missing from $man: $missing"
stale=$(manual_options | while read -r o; do help_options "$TMP/all-help.txt" | grep -qxF -- "$o" || echo "$o"; done)
[ "$(manual_options | wc -l)" -ge 40 ] && [ -z "$stale" ] && ok "manual: it documents no option folio lacks" \
	|| not_ok "manual: it documents no option folio lacks" "not in --help: $stale"
# The check itself: an option added to --help without documentation is caught, by name.
cp "$TMP/help.txt" "$TMP/help-new.txt"
printf '      --fake-option N        an option added and never documented\n' >>"$TMP/help-new.txt"
[ "$(undocumented "$TMP/help-new.txt")" = "--fake-option" ] && ok "manual: an undocumented option would be caught" \
	|| not_ok "manual: an undocumented option would be caught" "$(undocumented "$TMP/help-new.txt")"

# The sections a manual page is read for, and both commands.
for s in SYNOPSIS DESCRIPTION OPTIONS DIGESTS ENVIRONMENT FILES 'EXIT STATUS' EXAMPLES; do
	contains "manual: section $s" "$TMP/man.txt" "^$s\$"
done
contains "manual: synopsis of folio digest" "$TMP/man.txt" '^ +folio digest \[options\] source \.\.\. -o output'
contains "manual: synopsis of folio batch" "$TMP/man.txt" '^ +folio batch \[--status file\] \[--resume\]'
contains "manual: section BATCH" "$TMP/man.txt" "^BATCH\$"
for e in SOURCE_DATE_EPOCH FOLIO_DATADIR TMPDIR XDG_CACHE_HOME; do
	contains "manual: environment $e" <(sed -n '/^ENVIRONMENT$/,/^FILES$/p' "$TMP/man.txt") "^ +$e( |$)"
done
# Every exit status folio's --help names is explained.
for s in $(grep -oE '[0-9] (written|failed|bad usage|digest)' "$TMP/help.txt" | cut -c1); do
	contains "manual: exit status $s" <(sed -n '/^EXIT STATUS$/,/^EXAMPLES$/p' "$TMP/man.txt") "^ +$s +[A-Za-z]"
done
