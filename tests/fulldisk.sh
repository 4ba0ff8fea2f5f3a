# fulldisk.sh - a write that fails names the output and the system's reason, for every format: a full
# disk (a small tmpfs, mounted in a mount namespace of the test's own) and a file-size limit (ulimit -f).
. "$(dirname "$0")/lib.sh"

coll=tests/model/coll

# In a mount namespace of its own, as root or in a user namespace; nothing outside it sees the mount.
mnt="$TMP/mnt"
mkdir -p "$mnt"
ns=
for u in "unshare -m" "unshare -rm"; do
	if $u sh -c "mount -t tmpfs -o size=64k tmpfs '$mnt'" 2>/dev/null; then ns=$u; break; fi
done
if [ -n "$ns" ]; then
	for f in epub pdf model trace; do
		# The disk is filled first; then folio writes the book beside the filler.
		$ns sh -c 'mount -t tmpfs -o size=64k tmpfs "$1" && dd if=/dev/zero of="$1/filler" bs=4k 2>/dev/null;
			shift; "$@"; st=$?; ls -A "$0" >"$0.ls"; exit $st' "$mnt" "$mnt" "$FOLIO" -q $coll -t $f -o "$mnt/book.$f" \
			>"$TMP/out" 2>"$TMP/err"
		st=$?
		[ $st = 1 ] && ok "full disk ($f): exit 1" || not_ok "full disk ($f): exit 1" "exit $st: $(cat "$TMP/err")"
		contains "full disk ($f): names the file and the reason" "$TMP/err" \
			"^folio: $mnt/book.$f: error: cannot write.*No space left on device"
		[ "$(cat "$mnt.ls")" = filler ] && ok "full disk ($f): no book, no temporary file left" \
			|| not_ok "full disk ($f): no book, no temporary file left" "$(cat "$mnt.ls")"
	done
else
	echo "note: no mount namespace here; the full disk is tried through the file-size limit only"
fi

# A file-size limit: write() fails with EFBIG ("File too large"); folio ignores SIGXFSZ itself, so
# the run is not killed by the signal (and leaves no temporary file).
# limited NAME KB SOURCE FORMAT: folio under a limit of KB kilobytes.
limited() {
	rm -rf "$TMP/lim" && mkdir -p "$TMP/lim"
	(ulimit -f "$2"; exec "$FOLIO" -q "$3" -t "$4" -o "$TMP/lim/book.$4") >"$TMP/out" 2>"$TMP/err"
	st=$?
	[ $st = 1 ] && ok "$1: exit 1, not killed" || not_ok "$1: exit 1, not killed" "exit $st: $(tail -2 "$TMP/err")"
	contains "$1: names the file and the reason" "$TMP/err" "^folio: $TMP/lim/book.$4: error: cannot write.*File too large"
	[ -z "$(ls -A "$TMP/lim")" ] && ok "$1: no book, no temporary file left" \
		|| not_ok "$1: no book, no temporary file left" "$(ls -A "$TMP/lim")"
}
for f in epub pdf model trace; do
	limited "file-size limit ($f)" 1 $coll $f
done
# Cut in the middle of Cairo's file (pages drawn already, plain content): Cairo is never told of
# the failed write (its error path aborts), the run stops drawing and says why.
limited "file-size limit mid-book (pdf)" 64 examples pdf
