# outputs.sh - outputs of every kind: files atomically, links written through, streams straight, the rest refused.
. "$(dirname "$0")/lib.sh"

coll=tests/model/coll
# Streams are staged in the temporary folder: one of the test's own, to see that nothing stays there.
export TMPDIR="$TMP/stage"
mkdir -p "$TMPDIR"
"$FOLIO" -q $coll -t model -o "$TMP/plain.model"
"$FOLIO" -q $coll -o "$TMP/plain.epub"

# A symbolic link is written through: the link stays a link, its target gets the book.
mkdir -p "$TMP/books" "$TMP/links"
echo "old book" >"$TMP/books/real.model"
ln -s ../books/real.model "$TMP/links/link.model"
expect_status "link: written" 0 "$FOLIO" -q $coll -t model -o "$TMP/links/link.model"
[ -L "$TMP/links/link.model" ] && ok "link: still a link" || not_ok "link: still a link" "$(ls -l "$TMP/links")"
same_bytes "link: the target holds the book" "$TMP/books/real.model" "$TMP/plain.model"
leftovers=$(ls -A "$TMP/links" "$TMP/books" | grep '^\.' || true)
[ -z "$leftovers" ] && ok "link: no temporary file left" || not_ok "link: no temporary file left" "$leftovers"
# A chain of links, and one that points at a name not taken yet.
ln -s link.model "$TMP/links/chain.model"
expect_status "link chain: written" 0 "$FOLIO" -q $coll -t model -o "$TMP/links/chain.model"
[ -L "$TMP/links/chain.model" ] && [ -L "$TMP/links/link.model" ] && ok "link chain: both links kept" \
	|| not_ok "link chain: both links kept" "$(ls -l "$TMP/links")"
ln -s ../books/new.epub "$TMP/links/dangling.epub"
expect_status "dangling link: written" 0 "$FOLIO" -q $coll -o "$TMP/links/dangling.epub"
same_bytes "dangling link: its target created" "$TMP/books/new.epub" "$TMP/plain.epub"
ln -s loop-b.model "$TMP/links/loop-a.model"; ln -s loop-a.model "$TMP/links/loop-b.model"
expect_status "link loop: refused" 1 "$FOLIO" -q $coll -t model -o "$TMP/links/loop-a.model"
contains "link loop: says why" "$TMP/err" "loop-a.model: error: cannot follow the symbolic link: Too many levels"

# A FIFO gets the book straight and stays a FIFO.
mkfifo "$TMP/book.fifo"
cat "$TMP/book.fifo" >"$TMP/from-fifo.epub" &
reader=$!
expect_status "fifo: written" 0 "$FOLIO" -q $coll -t epub -o "$TMP/book.fifo"
wait $reader
[ -p "$TMP/book.fifo" ] && ok "fifo: still a FIFO" || not_ok "fifo: still a FIFO" "$(ls -l "$TMP/book.fifo")"
same_bytes "fifo: the reader got the book" "$TMP/from-fifo.epub" "$TMP/plain.epub"

# An EPUB is written into its one temporary file: libzip's file source made a second beside it
# (".book.epub.folio-XXXXXX.xxxxxx", which no sweep or signal handler knew), then renamed it over
# the first. strace shows every file the run creates beside the book.
mkdir -p "$TMP/one"
if strace -f -qq -o /dev/null true 2>/dev/null; then
	# LeakSanitizer cannot work under ptrace: an ASan build (make check-asan) runs without it here.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
		strace -f -qq -e trace=openat,rename,renameat,renameat2 -o "$TMP/one.strace" "$FOLIO" -q $coll -o "$TMP/one/book.epub"
	made=$(grep -c "\"$TMP/one/[^\"]*\", [^)]*O_CREAT" "$TMP/one.strace" || true)
	renamed=$(grep -c "rename[a-z0-9]*(.*$TMP/one/" "$TMP/one.strace" || true)
	[ "$made" = 1 ] && [ "$renamed" = 1 ] && ok "epub: one temporary file, renamed once" \
		|| not_ok "epub: one temporary file, renamed once" "$(grep "$TMP/one/" "$TMP/one.strace")"
	same_bytes "epub: the book as ever" "$TMP/one/book.epub" "$TMP/plain.epub"
else
	echo "note: strace cannot trace here; the EPUB's one temporary file is not checked"
fi

# '-' is standard output; the format comes from -t.
"$FOLIO" -q $coll -t model -o - >"$TMP/stdout.model" 2>"$TMP/stdout.err"; status=$?
[ $status = 0 ] && ok "stdout: exit 0" || not_ok "stdout: exit 0" "exit $status: $(cat "$TMP/stdout.err")"
same_bytes "stdout: the book" "$TMP/stdout.model" "$TMP/plain.model"
"$FOLIO" -q $coll -t pdf -o - | head -c 5 >"$TMP/stdout.head"
contains "stdout: a PDF through a pipe" "$TMP/stdout.head" "^%PDF-"
expect_status "stdout: without -t the format is unknown" 2 "$FOLIO" -q $coll -o -
contains "stdout: says so" "$TMP/err" "cannot tell the format"
leftovers=$(ls -A "$TMPDIR")
[ -z "$leftovers" ] && ok "stream: no staging file left" || not_ok "stream: no staging file left" "$leftovers"

# A character device is written to, never replaced. /dev/null is only looked at afterwards; the
# device written to is a new one of the test's own where the system allows making one.
if mknod "$TMP/null" c 1 3 2>/dev/null; then
	expect_status "device: written" 0 "$FOLIO" -q $coll -t model -o "$TMP/null"
	[ -c "$TMP/null" ] && ok "device: still a character device" || not_ok "device: still a character device" "$(ls -l "$TMP/null")"
	leftovers=$(ls -A "$TMP" | grep '^\.null' || true)
	[ -z "$leftovers" ] && ok "device: nothing made beside it" || not_ok "device: nothing made beside it" "$leftovers"
else
	echo "note: cannot make a device node here; the device case is checked through /dev/full only"
fi
# /dev/full: a device that refuses every write. The run fails with the reason and leaves it a device.
if [ -c /dev/full ]; then
	expect_status "full device: fails" 1 "$FOLIO" -q $coll -t model -o /dev/full
	contains "full device: names it and the reason" "$TMP/err" "^folio: /dev/full: error: cannot write: No space left on device"
	[ -c /dev/full ] && ok "full device: still a device" || not_ok "full device: still a device"
fi
[ -c /dev/null ] && ok "/dev/null is still a character device" || not_ok "/dev/null is still a character device" "$(ls -l /dev/null)"

# A folder is refused and left alone; nothing is written inside it.
mkdir "$TMP/dir.epub"
expect_status "folder: refused" 1 "$FOLIO" -q $coll -o "$TMP/dir.epub"
contains "folder: says it is a folder" "$TMP/err" "dir.epub: error: cannot write the book here: it is a folder"
[ -d "$TMP/dir.epub" ] && [ -z "$(ls -A "$TMP/dir.epub")" ] && ok "folder: untouched" || not_ok "folder: untouched"
# A socket is refused too.
if python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$TMP/sock.model" 2>/dev/null; then
	expect_status "socket: refused" 1 "$FOLIO" -q $coll -t model -o "$TMP/sock.model"
	contains "socket: says so" "$TMP/err" "it is a socket"
	[ -S "$TMP/sock.model" ] && ok "socket: untouched" || not_ok "socket: untouched"
fi

# What a killed run left beside a book (kill -9, the OOM killer: its temporary file and Cairo's
# scratch file) goes once nothing has touched it for an hour, with a note; a fresh one may be
# another run's and stays, and so do the user's files that only look alike. It stayed for ever.
mkdir "$TMP/left"
touch -d '2 hours ago' "$TMP/left/.book.epub.folio-AbC123" "$TMP/left/.other.pdf.folio-XyZ789.cairo" \
	"$TMP/left/.notes.backup" "$TMP/left/.book.epub.folio-x" "$TMP/left/.book.epub.folio-AbC123.v2"
touch "$TMP/left/.book.epub.folio-Fresh1"
expect_status "leftovers: the book is written" 0 "$FOLIO" $coll -o "$TMP/left/book.epub"
contains "leftovers: a note says what was removed" "$TMP/err" "left: note: removed 2 files of books that interrupted runs left"
left=$(ls -A "$TMP/left" | tr '\n' ' ')
[ "$left" = ".book.epub.folio-AbC123.v2 .book.epub.folio-Fresh1 .book.epub.folio-x .notes.backup book.epub " ] \
	&& ok "leftovers: the killed runs' files gone, the rest kept" || not_ok "leftovers: the killed runs' files gone, the rest kept" "$left"
