# digest.sh - `folio digest`: templates, the state file across runs, crashes and failures, the lock,
# exit status 3, both outputs from one reading, the summary line, folio.yaml's digest: section.
. "$(dirname "$0")/lib.sh"

fix=tests/digest
at() { date -u -d "$1" +%s; }	# SOURCE_DATE_EPOCH is "now" for a digest
work=$TMP/work
mkdir -p "$work"
cp -r $fix/coll "$work/coll"
state=$work/digest.state
out=$work/out
weekly=("$out/weekly-{{weekyear}}-W{{week}}.model")

# digest NOW ARGS...: one digest of $work/coll at time NOW; stdout in $TMP/line, stderr in $TMP/err, status in $rc.
digest() {
	local now=$1; shift
	rc=0
	# In a subshell: the shell's own "Killed" goes to err with folio's messages.
	(SOURCE_DATE_EPOCH=$(at "$now") "$FOLIO" digest "$work/coll" "$@"; exit $?) >"$TMP/line" 2>"$TMP/err" || rc=$?
}
# article_titles FILE: the titles of the articles of a model dump, in reading order, one a line.
article_titles() { awk '/^article /{getline; sub(/^  title: /, ""); print}' "$1"; }
# is NAME GOT WANT
is() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  $2
want: $3"; fi; }
# summary line with the temporary folder written as TMP
line() { sed "s|$TMP|TMP|g" "$TMP/line"; }
tab=$(printf '\t')

# ---- first digest: everything so far, titled from its window ----
digest "2025-03-09 20:00" --state "$state" --new --title "评论周刊 {{year}}年第{{week}}期（{{count}}篇）" \
	-o "${weekly[0]}" -o "$out/copy-{{date}}.model"
is "digest 1: exit 0" "$rc" 0
is "digest 1: summary line" "$(line)" \
"written${tab}now=2025-03-09T20:00:00Z${tab}articles=4${tab}parts=0${tab}read=4${tab}already-sent=0${tab}duplicates=0${tab}filtered=0${tab}over-limit=0${tab}from=2025-03-03${tab}to=2025-03-09${tab}output=TMP/work/out/weekly-2025-W10.model${tab}output=TMP/work/out/copy-2025-03-09.model"
is "digest 1: articles" "$(article_titles "$out/weekly-2025-W10.model" | tr '\n' '|')" "周一：开盘|周二：利率|周三：地产|没有日期的随笔|"
contains "digest 1: title template" "$out/weekly-2025-W10.model" "^  title: 评论周刊 2025年第10期（4篇）$"
contains "digest 1: subtitle is the window" "$out/weekly-2025-W10.model" "^  subtitle: 2025-03-03 – 2025-03-09$"
cmp -s "$out/weekly-2025-W10.model" "$out/copy-2025-03-09.model" \
	&& ok "digest 1: two outputs from one reading are the same book" || not_ok "digest 1: two outputs the same"
is "digest 1: state records one run" "$(grep -c '^run	' "$state")" 1
is "digest 1: state records four articles" "$(grep -c '^article	' "$state")" 4
contains "digest 1: state names the books" "$state" "^run	2025-03-09T20:00:00Z	4	$out/weekly-2025-W10.model	$out/copy-2025-03-09.model$"
contains "digest 1: a linked article is known by its link, title, day (folded) and text, file" "$state" \
	"^article	2025-03-09T20:00:00Z	link:news.example/a	title:2025-03-03:周一:开盘\\\\n[0-9a-f]{16}-[0-9]+	path:$work/coll/a.md$"
contains "digest 1: an undated article by its file" "$state" "^article	2025-03-09T20:00:00Z	path:$work/coll/sub/d.md$"
[ -e "$work/digest.state.lock" ] && ok "digest 1: lock file beside the state" || not_ok "digest 1: lock file"
is "digest 1: no temporary file left" "$(ls -A "$out" "$work" | grep -c '^\.')" 0

# ---- nothing new: exit 3, nothing written, state untouched ----
cp "$state" "$TMP/state.1"
cp "$out/weekly-2025-W10.model" "$TMP/book.1"
ls -A "$out" >"$TMP/files.1"
digest "2025-03-10 20:00" --state "$state" --new -o "$out/nothing-{{date}}.model"
is "nothing new: exit 3" "$rc" 3
is "nothing new: summary line" "$(line)" \
"nothing-new${tab}now=2025-03-10T20:00:00Z${tab}articles=0${tab}parts=0${tab}read=4${tab}already-sent=4${tab}duplicates=0${tab}filtered=0${tab}over-limit=0${tab}from=2025-03-09${tab}to=2025-03-10"
ls -A "$out" >"$TMP/files.2"
cmp -s "$TMP/files.1" "$TMP/files.2" && ok "nothing new: no file written" || not_ok "nothing new: no file written" "$(diff "$TMP/files.1" "$TMP/files.2")"
cmp -s "$state" "$TMP/state.1" && ok "nothing new: state untouched" || not_ok "nothing new: state untouched"
lacks "nothing new: quiet when not on a terminal" "$TMP/err" "."
# Without --state too: a window with no article is "nothing new".
digest "2025-03-10 20:00" --since 2100-01-01 -o "$out/future.model"
is "empty window: exit 3" "$rc" 3
[ ! -e "$out/future.model" ] && ok "empty window: nothing written" || not_ok "empty window: nothing written"

# ---- a week later: new articles, and old ones edited, moved and copied ----
cp $fix/later/e.md $fix/later/f.md $fix/later/a-copy.md "$work/coll/"
mkdir "$work/coll/moved" && mv "$work/coll/b.md" "$work/coll/moved/b.md"			# moved: same title and date
sed -i 's/第三篇，只有日期。/第三篇，改过了。/; s/title: "周三：地产"/title: "周三：地产（更正）"/' "$work/coll/c.md"	# edited in place
sed -i 's/title: "周一：开盘"/title: "周一：开盘（修订）"/' "$work/coll/a.md"		# retitled: same link
digest "2025-03-16 20:00" --state "$state" --new -o "${weekly[0]}"
is "digest 2: exit 0" "$rc" 0
is "digest 2: exactly the new articles" "$(article_titles "$out/weekly-2025-W11.model" | tr '\n' '|')" "下周一：回顾|下周三：展望|"
contains "digest 2: the moved, edited, retitled and copied articles count as sent" "$TMP/line" \
	"articles=2${tab}parts=0${tab}read=7${tab}already-sent=5${tab}duplicates=0${tab}filtered=0"
contains "digest 2: window starts at the last digest" "$out/weekly-2025-W11.model" "^  subtitle: 2025-03-09 – 2025-03-16$"
cmp -s "$out/weekly-2025-W10.model" "$TMP/book.1" && ok "digest 2: first book untouched" || not_ok "digest 2: first book untouched"

# ---- a missed week is caught up by the next run ----
cp $fix/later/g.md "$work/coll/"
cp $fix/later/h.md "$work/coll/"
digest "2025-03-30 20:00" --state "$state" --new -o "${weekly[0]}"
is "catch-up: exit 0" "$rc" 0
is "catch-up: both weeks' articles" "$(article_titles "$out/weekly-2025-W13.model" | tr '\n' '|')" "错过的一期|补上的一期|"
# Over all digests: every article once, none missing (the copy of a.md counts as a.md).
cat "$out"/weekly-*.model >"$TMP/all.model"
is "all digests: no article twice" "$(article_titles "$TMP/all.model" | sort | uniq -d)" ""
is "all digests: none missing" "$(article_titles "$TMP/all.model" | wc -l)" 8
lacks "all digests: the copy never sent" "$TMP/all.model" "转载"

# ---- a run killed at any point changes nothing; the next run delivers ----
cp $fix/later/i.md "$work/coll/"
cp "$state" "$TMP/state.before"
(cd "$out" && sha256sum weekly-*.model) >"$TMP/books.before"
for point in built prepared written; do
	FOLIO_CRASH_AT=$point digest "2025-04-06 20:00" --state "$state" --new -o "${weekly[0]}"
	is "killed at '$point': died" "$rc" 137
	cmp -s "$state" "$TMP/state.before" && ok "killed at '$point': state identical" || not_ok "killed at '$point': state identical" "$(diff "$TMP/state.before" "$state")"
	(cd "$out" && sha256sum -c --quiet "$TMP/books.before") >"$TMP/check" 2>&1 \
		&& ok "killed at '$point': earlier books identical" || not_ok "killed at '$point': earlier books" "$(cat "$TMP/check")"
done
[ -e "$out/weekly-2025-W14.model" ] && ok "killed after writing: the unrecorded book exists" || not_ok "killed after writing: book exists"
# (each run clears the temporary state a killed run left: only the last one's is there)
is "killed: the last killed run's temporary state is there" "$(ls -A "$work" | grep -c '^\.digest\.state\.')" 1
digest "2025-04-06 20:00" --state "$state" --new -o "${weekly[0]}"
is "after the crash: exit 0" "$rc" 0
is "after the crash: the article comes (once)" "$(article_titles "$out/weekly-2025-W14.model" | tr '\n' '|')" "断电那天|"
is "after the crash: the next run cleared the killed runs' temporary states" "$(ls -A "$work" | grep -c '^\.digest\.state\.')" 0

# ---- killed from outside while the book is being written: the state, the book already at that
# name and every earlier book are as they were; a TERM leaves no temporary file (folio removes its
# own), a kill -9 leaves the state's, which the next run clears; the next run delivers ----
big=$TMP/big
mkdir -p "$big/news"
kstate=$big/digest.state
add_articles() {	# add_articles FROM TO: articles number FROM..TO
	for ((k = $1; k <= $2; k++)); do
		printf -- '---\ntitle: "文章 %04d"\ndate: "2025-05-%02d 08:%02d:00"\n---\n\n%s\n' "$k" $((k % 28 + 1)) $((k % 60)) \
			"$(printf '正文第%d段。' $(seq 1 40))" >"$big/news/a$k.md"
	done
}
hidden() { ls -A "$big" | grep '^\.' | tr '\n' ' '; }
add_articles 1 20
SOURCE_DATE_EPOCH=$(at "2025-06-01 12:00") "$FOLIO" digest "$big/news" --state "$kstate" --new -o "$big/k-{{date}}.pdf" >/dev/null 2>&1
is "big: the first digest recorded" "$(grep -c '^run	' "$kstate" 2>/dev/null)" 1
# 300 more articles: a PDF of about 900 pages, written for a second or more.
add_articles 21 320
# A book already at the name the next digest takes (one no digest recorded, so it may be replaced).
cp "$big/k-2025-06-01.pdf" "$big/k-2025-06-02.pdf"
cp "$big/k-2025-06-02.pdf" "$big/old.pdf"
cp "$kstate" "$big/state.before"
(cd "$big" && sha256sum k-*.pdf) >"$big/books.before"
for sig in TERM KILL; do
	SOURCE_DATE_EPOCH=$(at "2025-06-02 12:00") "$FOLIO" digest "$big/news" --state "$kstate" --new \
		-o "$big/k-{{date}}.pdf" >/dev/null 2>&1 &
	victim=$!
	# Kill once the PDF is being written: Cairo's file beside the book, or the book's temporary
	# file, has bytes in it (the book's own is written only in the last tenth of a second now).
	writing=
	for _ in $(seq 6000); do
		writing=$(find "$big" -maxdepth 1 \( -name '.k-2025-06-02.pdf.folio-??????' -o -name '.k-2025-06-02.pdf.folio-??????.cairo' \) -size +0c)
		[ -n "$writing" ] && break
		kill -0 "$victim" 2>/dev/null || break
		sleep 0.01
	done
	kill -s $sig "$victim" 2>/dev/null
	{ wait "$victim"; } 2>/dev/null; rc=$?
	[ -n "$writing" ] && ok "killed ($sig): the kill came while the book was being written" \
		|| not_ok "killed ($sig): the kill came while the book was being written" "exit $rc before its temporary file had bytes"
	is "killed ($sig): died of the signal" "$rc" $((128 + $(kill -l $sig)))
	same_bytes "killed ($sig): state identical" "$big/state.before" "$kstate"
	same_bytes "killed ($sig): the book at that name untouched" "$big/old.pdf" "$big/k-2025-06-02.pdf"
	(cd "$big" && sha256sum -c --quiet books.before) >"$TMP/check" 2>&1 \
		&& ok "killed ($sig): earlier books identical" || not_ok "killed ($sig): earlier books identical" "$(cat "$TMP/check")"
	if [ $sig = TERM ]; then
		is "killed (TERM): no temporary file left" "$(hidden)" ""
	else
		is "killed (KILL): the state's temporary file stays" "$(hidden | grep -o '\.digest\.state\.[^ ]*' | wc -l)" 1
		is "killed (KILL): the book's temporary files stay" "$(hidden | grep -c '\.k-2025-06-02\.pdf\.folio-')" 1
	fi
done
# A killed run's book being written goes once nothing has touched it for an hour (a cron job killed
# by the OOM killer night after night filled the disk with hidden books); a fresh one stays (it may
# be another run's), and so does a file of the user's that only looks alike.
for f in $(hidden); do case $f in .k-*) touch -d '2 hours ago' "$big/$f" ;; esac; done
touch "$big/.k-2025-06-09.pdf.folio-AbC123"
touch -d '2 hours ago' "$big/.notes.backup" "$big/.k-2025-06-09.pdf.folio-x"
SOURCE_DATE_EPOCH=$(at "2025-06-02 12:00") "$FOLIO" digest "$big/news" --state "$kstate" --new -o "$big/k-{{date}}.pdf" >/dev/null 2>&1
is "after the kills: exit 0" "$?" 0
is "after the kills: the killed run's book being written removed" "$(hidden | grep -o '\.k-2025-06-02\.pdf\.folio-[^ ]*' | wc -l)" 0
is "after the kills: a fresh one and files that only look alike stay" "$(hidden)" ".k-2025-06-09.pdf.folio-AbC123 .k-2025-06-09.pdf.folio-x .notes.backup "
rm -f "$big/.k-2025-06-09.pdf.folio-AbC123" "$big/.notes.backup" "$big/.k-2025-06-09.pdf.folio-x"
is "after the kills: the killed run's temporary state cleared" "$(hidden | grep -o '\.digest\.state\.[^ ]*' | wc -l)" 0
is "after the kills: two runs recorded, 20 and 300 articles" "$(cut -f1,3 "$kstate" | grep '^run' | tr '\t\n' ': ')" "run:20 run:300 "
is "after the kills: every article recorded once" "$(grep '^article' "$kstate" | cut -f3 | sort -u | wc -l) $(grep -c '^article' "$kstate")" "320 320"
pdfinfo "$big/k-2025-06-02.pdf" >"$TMP/k.info" 2>&1
contains "after the kills: the new book replaced the old one at that name" "$TMP/k.info" "^Pages: +[0-9]{3,}"

# ---- failures leave everything as it was ----
cp $fix/later/i.md "$work/coll/i2.md"; sed -i 's/断电那天/失败那天/; s/2025-04-01/2025-04-08/' "$work/coll/i2.md"
cp "$state" "$TMP/state.before"
ls -A "$out" >"$TMP/files.before"
digest "2025-04-13 20:00" --state "$state" --new -o "$out/ok-{{date}}.model" -o "$out/bad.docx"
is "bad second output: exit 2 (bad usage, before anything is read)" "$rc" 2
contains "bad second output: says why" "$TMP/err" "cannot tell the format"
cmp -s "$state" "$TMP/state.before" && ok "bad second output: state identical" || not_ok "bad second output: state identical"
ls -A "$out" >"$TMP/files.after"
cmp -s "$TMP/files.before" "$TMP/files.after" && ok "bad second output: no file written, no temporary left" \
	|| not_ok "bad second output: no file written" "$(diff "$TMP/files.before" "$TMP/files.after")"
is "bad second output: no temporary state left" "$(ls -A "$work" | grep -c '^\.digest')" 0
: >"$work/notafolder"
digest "2025-04-13 20:00" --state "$state" --new -o "$work/notafolder/x.model"
is "output folder is a file: exit 1" "$rc" 1
cmp -s "$state" "$TMP/state.before" && ok "output folder is a file: state identical" || not_ok "output folder is a file: state identical"
# Replacing a book an earlier digest wrote would lose its articles: refused.
digest "2025-04-06 21:00" --state "$state" --new -o "${weekly[0]}"
is "recorded book: not replaced (exit 1)" "$rc" 1
contains "recorded book: says why" "$TMP/err" "an earlier digest wrote this book"
(cd "$out" && sha256sum -c --quiet "$TMP/books.before") >/dev/null 2>&1 && ok "recorded book: untouched" || not_ok "recorded book: untouched"
# A damaged state is an error, never "nothing sent yet".
printf 'folio-digest-state\t1\nsomething else\n' >"$TMP/bad.state"
digest "2025-04-13 20:00" --state "$TMP/bad.state" --new -o "$out/never.model"
is "damaged state: exit 1" "$rc" 1
contains "damaged state: file and line" "$TMP/err" "bad.state:2: error: not a line of a folio digest state file"
[ ! -e "$out/never.model" ] && ok "damaged state: nothing written" || not_ok "damaged state: nothing written"
printf 'hello\n' >"$TMP/other.state"
digest "2025-04-13 20:00" --state "$TMP/other.state" --new -o "$out/never.model"
is "not a state file: exit 1" "$rc" 1
# A clock set back (SOURCE_DATE_EPOCH before the state's last digest) named a window that ends
# before it starts, without a word: it is said (what is new is still judged by what was sent).
cp "$state" "$TMP/back.state"
digest "2025-01-01 20:00" --state "$TMP/back.state" --new -o "$out/back.model"
contains "clock set back: said" "$TMP/err" "back\.state: warning: now \(2025-01-01T20:00:00Z\) is before this state's last digest"
[ "$rc" != 1 ] && ok "clock set back: a warning, not a failure" || not_ok "clock set back: a warning, not a failure" "exit $rc"
# A state cut short (its last line with no end), emptied, or missing article lines of a run was
# read as good: the articles it no longer held were sent again, the cut line kept as a record.
cp "$state" "$TMP/cut.state"
truncate -s -7 "$TMP/cut.state"
digest "2025-04-13 20:00" --state "$TMP/cut.state" --new -o "$out/never.model"
is "cut state: exit 1" "$rc" 1
contains "cut state: its last line named" "$TMP/err" "cut\.state:$(wc -l <"$TMP/cut.state" | awk '{print $1 + 1}'): error: its last line is cut short"
: >"$TMP/empty.state"
digest "2025-04-13 20:00" --state "$TMP/empty.state" --new -o "$out/never.model"
is "empty state: exit 1" "$rc" 1
contains "empty state: said" "$TMP/err" "empty\.state: error: is empty, not a folio digest state"
sed '$d' "$state" >"$TMP/short.state"
digest "2025-04-13 20:00" --state "$TMP/short.state" --new -o "$out/never.model"
is "state missing a record: exit 1" "$rc" 1
contains "state missing a record: the run's line named" "$TMP/err" "short\.state:[0-9]+: error: this digest's record says [0-9]+ articles? and [0-9]+ follows? it"
[ ! -e "$out/never.model" ] && ok "damaged states: nothing written" || not_ok "damaged states: nothing written"
# A header alone, or a comment alone, was read as "nothing sent yet": everything was sent again.
printf 'folio-digest-state\t1\n' >"$TMP/head.state"
digest "2025-04-13 20:00" --state "$TMP/head.state" --new -o "$out/never.model"
is "state of its header alone: exit 1" "$rc" 1
contains "state of its header alone: said" "$TMP/err" "head\.state: error: holds no digest's record: the state is damaged"
printf '# folio digest state\n' >"$TMP/comment.state"
digest "2025-04-13 20:00" --state "$TMP/comment.state" --new -o "$out/never.model"
contains "state of a comment alone: said" "$TMP/err" "comment\.state: error: has no 'folio-digest-state' line"
printf 'folio-digest-state\t2\n' >"$TMP/v2.state"
digest "2025-04-13 20:00" --state "$TMP/v2.state" --new -o "$out/never.model"
contains "a newer state: said so" "$TMP/err" "v2\.state:1: error: is a digest state of version 2, which this folio"
sed 's/$/\r/' "$state" >"$TMP/crlf.state"
digest "2025-04-13 20:00" --state "$TMP/crlf.state" --new -o "$out/never.model"
contains "a state with CRLF line ends: said so" "$TMP/err" "crlf\.state:[0-9]+: error: has Windows line ends \(CRLF\)"
sed '0,/^run\t\([^\t]*\)\t[0-9]*/s//run\t\1\t-2/' "$state" >"$TMP/neg.state"
digest "2025-04-13 20:00" --state "$TMP/neg.state" --new -o "$out/never.model"
contains "a run's count that is no number: its line" "$TMP/err" "neg\.state:[0-9]+: error: not a line of a folio digest state file"
lacks "a run's count that is no number: never read as 18446744073709551614" "$TMP/err" "18446744073709551614"
[ ! -e "$out/never.model" ] && ok "damaged states (2): nothing written" || not_ok "damaged states (2): nothing written"

# ---- the lock: a second digest on the same state waits for the first ----
cp "$state" "$TMP/state.before"
flock "$state.lock" timeout -s KILL 2 env SOURCE_DATE_EPOCH="$(at "2025-04-13 20:00")" \
	"$FOLIO" digest "$work/coll" --state "$state" --new -o "$out/locked.model" >/dev/null 2>&1
is "lock held: the digest waited (killed by timeout)" "$?" 137
cmp -s "$state" "$TMP/state.before" && ok "lock held: state identical" || not_ok "lock held: state identical"
[ ! -e "$out/locked.model" ] && ok "lock held: nothing written" || not_ok "lock held: nothing written"
# ... also when it is named through a link: the lock is beside the file the link ends at (each
# name took a lock of its own, two digests ran at once, and one's records were lost).
ln -sf "$state" "$TMP/link.state"
flock "$state.lock" timeout -s KILL 2 env SOURCE_DATE_EPOCH="$(at "2025-04-13 20:00")" \
	"$FOLIO" digest "$work/coll" --state "$TMP/link.state" --new -o "$out/locked.model" >/dev/null 2>&1
is "lock held: a digest naming the state through a link waits too" "$?" 137
[ ! -e "$TMP/link.state.lock" ] && ok "lock held: ... no lock of the link's own" || not_ok "lock held: no lock of the link's own"
# Three at once: one writes the new article, the others find nothing new; the state stays whole.
for n in 1 2 3; do
	(SOURCE_DATE_EPOCH=$(at "2025-04-13 20:00") "$FOLIO" digest "$work/coll" --state "$state" --new \
		-o "$out/race-$n.model" >"$TMP/race-$n.line" 2>&1; echo $? >"$TMP/race-$n.rc") &
done
wait
is "three at once: one written, two nothing new" "$(cat "$TMP"/race-*.rc | sort | tr '\n' ' ')" "0 3 3 "
is "three at once: the article in one book" "$(cat "$out"/race-*.model 2>/dev/null | article_titles /dev/stdin)" "失败那天"
digest "2025-04-14 20:00" --state "$state" --new -o "$out/after-race.model"
is "three at once: state still readable, nothing new" "$rc" 3
is "three at once: one run recorded" "$(grep -c '^run	2025-04-13' "$state")" 1

# ---- --limit with --new: what is over the limit waits for the next digest ----
lim=$TMP/limit.state
for n in 1 2 3; do
	(SOURCE_DATE_EPOCH=$(at "2025-03-1$n 20:00") "$FOLIO" digest $fix/coll --state "$lim" --new --limit 3 \
		-o "$TMP/limit-$n.model" >"$TMP/limit-$n.line" 2>/dev/null; echo $? >>"$TMP/limit.rc")
done
is "limit: 3, then the 4th, then nothing" "$(tr '\n' ' ' <"$TMP/limit.rc")" "0 0 3 "
is "limit: first digest" "$(article_titles "$TMP/limit-1.model" | tr '\n' '|')" "周一：开盘|周二：利率|周三：地产|"
is "limit: the one over the limit comes next" "$(article_titles "$TMP/limit-2.model" | tr '\n' '|')" "没有日期的随笔|"
contains "limit: over-limit counted" "$TMP/limit-1.line" "already-sent=0${tab}duplicates=0${tab}filtered=0${tab}over-limit=1${tab}"
# In every summary line, read = articles + already-sent + duplicates + filtered + over-limit.
for f in "$TMP"/limit-*.line "$TMP"/race-*.line; do
	# (a line that is not a summary, or none at all, fails)
	awk -F'\t' '{ lines++; ok = $1 == "written" || $1 == "nothing-new"
		for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
		END { exit !(lines == 1 && ok && v["read"] > 0 && v["read"] == v["articles"] + v["already-sent"] + v["duplicates"] + v["filtered"] + v["over-limit"]) }' "$f" \
		&& ok "summary: counts add up in $(basename "$f")" || not_ok "summary: counts add up in $(basename "$f")" "$(cat "$f")"
done

# ---- usage ----
digest "2025-04-14 20:00" --new -o "$out/x.model"
is "--new without --state: exit 2" "$rc" 2
contains "--new without --state: says so" "$TMP/err" "--new needs --state FILE"
digest "2025-04-14 20:00" --title "{{year}} {{quarter}}" -o "$out/x.model"
is "unknown template field: exit 2" "$rc" 2
contains "unknown template field: named" "$TMP/err" "unknown field \{\{quarter\}\}"
expect_status "--state outside digest: exit 2" 2 "$FOLIO" "$work/coll" --state "$state" -o "$out/x.model"

# ---- a weekly run on Monday morning is named after the week it looks back on ----
digest "2025-03-10 06:00" --last 7d --title "{{weekyear}}-W{{week}} {{date}} {{from}}/{{to}}" -o "$TMP/monday.model"
is "Monday morning: exit 0" "$rc" 0
contains "Monday morning: last week's number, today's date" "$TMP/monday.model" "^  title: 2025-W10 2025-03-10 2025-03-03/2025-03-10$"

# ---- the fields: --until's day when past; {{year}} beside {{week}} at the turn of the year ----
digest "2025-03-05 12:00" --since 2025-03-03 --until 2025-03-03 --title "{{year}}-W{{week}} {{weekyear}}-W{{week}} {{year}}{{month}}{{day}} {{date}} {{from}}..{{to}} n={{count}}" -o "$TMP/ye-{{year}}-W{{week}}.model"
is "turn of the year: exit 0" "$rc" 0
contains "turn of the year: fields" "$TMP/ye-2025-W10.model" "^  title: 2025-W10 2025-W10 20250303 2025-03-05 2025-03-03..2025-03-03 n=1$"
lacks "turn of the year: no warning when the years agree" "$TMP/err" "belongs to"
SOURCE_DATE_EPOCH=$(at "2024-12-31 12:00") "$FOLIO" digest $fix/yaml --title "{{year}}-W{{week}}" \
	-t model -o "$TMP/ny-{{weekyear}}.model" --state "$TMP/ny.state" >"$TMP/line" 2>"$TMP/err"
contains "turn of the year: {{year}} with {{week}} warned" "$TMP/err" "week 01 belongs to 2025, not 2024; use \{\{weekyear\}\}"
contains "turn of the year: {{weekyear}} is the ISO year" "$TMP/line" "output=$TMP/ny-2025.model"

# ---- folio.yaml: the digest: section, whatever its place in the file, wins in digest mode only ----
cp -r $fix/yaml "$work/yaml"
(cd "$work" && SOURCE_DATE_EPOCH=$(at "2025-03-09 20:00") "$FOLIO" digest yaml >"$TMP/line" 2>"$TMP/err"); rc=$?
is "yaml digest: exit 0" "$rc" 0
contains "yaml digest: output from the section, beside folio.yaml" "$TMP/line" "${tab}output=yaml/out/weekly-2025-W10.model$"
contains "yaml digest: title from the section" "$work/yaml/out/weekly-2025-W10.model" "^  title: 周报 2025 年第 10 周$"
contains "yaml digest: grouped as the section says" "$work/yaml/out/weekly-2025-W10.model" "^part p01 宏观: a0001$"
[ -f "$work/yaml/digest.state" ] && ok "yaml digest: state beside folio.yaml" || not_ok "yaml digest: state beside folio.yaml"
(cd "$work" && SOURCE_DATE_EPOCH=$(at "2025-03-10 20:00") "$FOLIO" digest yaml >"$TMP/line" 2>"$TMP/err"); rc=$?
is "yaml digest: new: true from the section (nothing new)" "$rc" 3
"$FOLIO" "$work/yaml" -t model -o "$TMP/plain.model" 2>/dev/null
contains "yaml plain: the digest section is ignored" "$TMP/plain.model" "^  title: 平常的书名$"
if grep -q '^article ' "$TMP/plain.model"; then lacks "yaml plain: no parts" "$TMP/plain.model" "^part "
else not_ok "yaml plain: no parts" "no article in the book"; fi

# ---- on a terminal: a progress bar and notes; the same one line on stdout ----
if script -qec true /dev/null >/dev/null 2>&1; then
	SOURCE_DATE_EPOCH=$(at "2025-03-09 20:00") script -qec "'$FOLIO' digest '$fix/coll' --since 2025-03-04 -o '$TMP/tty.model' 2>&1" /dev/null >"$TMP/tty.out"
	contains "terminal: progress bar" "$TMP/tty.out" "reading \[#+\] +100% 4/4"
	contains "terminal: summary line" "$TMP/tty.out" "written	now=2025-03-09T20:00:00Z	articles=2	"
	contains "terminal: notes shown" "$TMP/tty.out" "note: 1 article outside the dates asked for"
	SOURCE_DATE_EPOCH=$(at "2025-03-09 20:00") "$FOLIO" digest $fix/coll --since 2025-03-04 -o "$TMP/notty.model" >"$TMP/notty.out" 2>"$TMP/notty.err"
	lacks "not a terminal: no progress bar" "$TMP/notty.err" "reading"
	lacks "not a terminal: no notes" "$TMP/notty.err" "note:"
	# --verbose asks for every message: the notes too (they were kept back all the same).
	SOURCE_DATE_EPOCH=$(at "2025-03-09 20:00") "$FOLIO" digest $fix/coll --verbose --since 2025-03-04 -o "$TMP/notty-v.model" \
		>/dev/null 2>"$TMP/notty-v.err"
	contains "not a terminal, --verbose: the notes shown" "$TMP/notty-v.err" "note: 1 article outside the dates asked for"
	is "not a terminal: one line on stdout" "$(wc -l <"$TMP/notty.out")" 1
else
	not_ok "terminal: 'script' (util-linux) is needed for this test"
fi

# ---- examples/digest: the crontab command as written, in a copy of its layout: both books ----
srv=$TMP/srv/folio
mkdir -p "$srv"
cp -r examples "$srv/news"; rm -rf "$srv/news/digest" "$srv/news/out"
cp examples/digest/folio.yaml "$srv/digest.yaml"
cron_line=$(grep -E '^[0-9*]' examples/digest/crontab)
is "example crontab: weekly, Monday 06:00" "$(echo "$cron_line" | awk '{print $1, $2, $3, $4, $5}')" "0 6 * * 1"
cron_cmd=$(echo "$cron_line" | sed -E 's/^([^ ]+ +){5}//' | sed "s|/srv/folio|$srv|; s|/usr/local/bin/folio|$FOLIO|")
# Three Mondays: the first digest, one with an article added during the week, one with nothing new.
for when in "2025-03-24 06:00" "2025-03-31 06:00" "2025-04-07 06:00"; do
	SOURCE_DATE_EPOCH=$(at "$when") sh -c "$cron_cmd" 2>>"$TMP/cron.err"; echo "exit $?" >>"$TMP/cron.status"
	cp $fix/later/h.md "$srv/news/added.md"
done
is "example crontab: written, written, nothing new" "$(tr '\n' ' ' <"$TMP/cron.status")" "exit 0 exit 0 exit 3 "
is "example crontab: one summary line a run in the log" "$(cut -f1 "$srv/digests/digest.log" | tr '\n' ' ')" "written written nothing-new "
lacks "example crontab: every setting known" "$TMP/cron.err" "unknown setting"
w12=$srv/digests/2025/weekly-2025-W12 w13=$srv/digests/2025/weekly-2025-W13
[ -s "$w12.epub" ] && [ -s "$w12.pdf" ] && [ -s "$w13.epub" ] && [ -s "$w13.pdf" ] \
	&& ok "example crontab: an EPUB and a PDF each week" || not_ok "example crontab: an EPUB and a PDF each week" "$(ls -R "$srv/digests")"
unzip -p "$w12.epub" OEBPS/content.opf >"$TMP/w12.opf" 2>/dev/null || unzip -p "$w12.epub" '*.opf' >"$TMP/w12.opf"
contains "example crontab: EPUB title from digest.yaml, last week's number" "$TMP/w12.opf" "<dc:title[^>]*>评论周刊 2025年第12期</dc:title>"
pdfinfo "$w12.pdf" >"$TMP/w12.info"
contains "example crontab: PDF title from digest.yaml" "$TMP/w12.info" "^Title: +评论周刊 2025年第12期$"
pdftotext "$w13.pdf" "$TMP/w13.txt"
contains "example crontab: the next Monday, the next week" "$TMP/w13.txt" "补上的一期"
lacks "example crontab: and nothing of the week before" "$TMP/w13.txt" "DeepSeek"
unzip -p "$w12.epub" '*nav.xhtml' >"$TMP/w12.nav"
contains "example crontab: grouped by category (nested contents)" "$TMP/w12.nav" "<ol>.*<li>.*<ol>|<li[^>]*>[^<]*<a[^>]*>城市</a>"
[ -f "$srv/digests/digest.state" ] && ok "example crontab: state in digests/" || not_ok "example crontab: state in digests/"
grep -q '^ExecStart=/usr/local/bin/folio digest news --config digest.yaml$' examples/digest/folio-digest.service \
	&& grep -q '^WorkingDirectory=/srv/folio$' examples/digest/folio-digest.service \
	&& ok "example service: runs the crontab's command" || not_ok "example service: runs the crontab's command"
contains "example service: exit 3 is success" examples/digest/folio-digest.service "^SuccessExitStatus=3$"
contains "example timer: Monday 06:00, catching up" examples/digest/folio-digest.timer "^OnCalendar=Mon \*-\*-\* 06:00:00$"

# ---- another article of the same title and day is sent (two outlets' "Market close") ----
# The state knew articles by title and day alone: the second was left out as already sent, and lost.
same=$TMP/same
mkdir -p "$same/c"
printf -- '---\ntitle: Market close\ndate: 2026-03-02T09:00:00Z\n---\n\nStocks fell today.\n\n[Source](https://a.example/1)\n' >"$same/c/a.md"
SOURCE_DATE_EPOCH=$(at "2026-03-02 12:00") "$FOLIO" digest "$same/c" --timezone UTC --state "$same/s" --new -t model -o "$same/w1.model" >/dev/null 2>&1
printf -- '---\ntitle: Market close\ndate: 2026-03-02T17:00:00Z\n---\n\nStocks rose in the evening.\n\n[Source](https://b.example/2)\n' >"$same/c/b.md"
rc=0
SOURCE_DATE_EPOCH=$(at "2026-03-03 12:00") "$FOLIO" digest "$same/c" --timezone UTC --state "$same/s" --new --verbose \
	-t model -o "$same/w2.model" >"$TMP/line" 2>"$TMP/err" || rc=$?
is "same title and day, other text: written" "$rc" 0
contains "same title and day, other text: the second article sent" "$same/w2.model" '^article .*/c/b\.md$'
contains "same title and day, other text: the first named as already sent, and why" "$TMP/err" \
	'c/a\.md: note: already in an earlier digest \(same source link\); left out'

# ---- the book on standard output: the summary line goes to stderr, not into the book ----
SOURCE_DATE_EPOCH=$(at "2026-03-04 12:00") "$FOLIO" digest "$same/c" --timezone UTC -t pdf -o - >"$TMP/stdout.pdf" 2>"$TMP/err"
SOURCE_DATE_EPOCH=$(at "2026-03-04 12:00") "$FOLIO" digest "$same/c" --timezone UTC -t pdf -o "$TMP/file.pdf" >/dev/null 2>&1
check "-o -: the book is the same bytes as written to a file" cmp "$TMP/stdout.pdf" "$TMP/file.pdf"
contains "-o -: the summary line on stderr" "$TMP/err" "^written${tab}now=2026-03-04T12:00:00Z${tab}.*${tab}output=-$"
SOURCE_DATE_EPOCH=$(at "2026-03-04 12:00") "$FOLIO" digest "$same/c" --timezone UTC --state "$same/s-out" -t pdf -o - >/dev/null 2>&1
contains "-o -: the state records standard output as '-', not a file" "$same/s-out" "^run${tab}2026-03-04T12:00:00Z${tab}2${tab}-$"

# ---- a source folder with nothing in it (unmounted, unsynced) is an error, not "nothing new" ----
# Exit 3 kept a cron job quiet for good while the share was gone.
mkdir -p "$TMP/emptysrc"
rc=0; SOURCE_DATE_EPOCH=$(at "2026-03-04 12:00") "$FOLIO" digest "$TMP/emptysrc" --state "$same/s" --new -o "$TMP/e.epub" >"$TMP/line" 2>"$TMP/err" || rc=$?
is "empty sources: exit 1" "$rc" 1
contains "empty sources: said" "$TMP/err" "error: no article was read from the sources"
[ ! -e "$TMP/e.epub" ] && ok "empty sources: nothing written" || not_ok "empty sources: nothing written"
rc=0; SOURCE_DATE_EPOCH=$(at "2026-03-04 12:00") "$FOLIO" digest "$TMP/emptysrc" --allow-empty -o "$TMP/e.epub" >/dev/null 2>&1 || rc=$?
is "empty sources: --allow-empty takes it as nothing new" "$rc" 3

# ---- the summary line adds up: a page Hugo does not publish yet (future) is counted as filtered ----
mkdir -p "$TMP/fut/content/posts"
printf 'title = "f"\n' >"$TMP/fut/hugo.toml"
printf -- '---\ntitle: Now\ndate: 2026-03-01\n---\n\nText now.\n' >"$TMP/fut/content/posts/a.md"
printf -- '---\ntitle: Later\ndate: 2027-03-01\n---\n\nText later.\n' >"$TMP/fut/content/posts/b.md"
SOURCE_DATE_EPOCH=$(at "2026-03-05 12:00") "$FOLIO" digest "$TMP/fut" -t model -o "$TMP/fut.model" >"$TMP/line" 2>/dev/null
contains "summary: read is the sum of the counts after it (a future page filtered)" "$TMP/line" \
	"articles=1${tab}parts=0${tab}read=2${tab}already-sent=0${tab}duplicates=0${tab}filtered=1${tab}over-limit=0"

# ---- --strict judges the digest's own articles: an article sent before keeps its reading warnings to itself ----
# A cron job with --strict failed every week on a warning of an article sent long ago.
mkdir -p "$TMP/sw/c"
printf -- '---\ntitle: Old\ndate: 2026-03-01\n---\n\nOld text.\n\n<script>\n' >"$TMP/sw/c/a.md"
SOURCE_DATE_EPOCH=$(at "2026-03-02 12:00") "$FOLIO" digest "$TMP/sw/c" --timezone UTC --state "$TMP/sw/s" --new \
	-t model -o "$TMP/sw/w1.model" >/dev/null 2>"$TMP/err"
contains "strict: the first digest says the article's warning" "$TMP/err" 'a\.md:8: warning: raw HTML <script> is never closed'
printf -- '---\ntitle: New\ndate: 2026-03-08\n---\n\nNew text.\n' >"$TMP/sw/c/b.md"
rc=0; SOURCE_DATE_EPOCH=$(at "2026-03-09 12:00") "$FOLIO" digest "$TMP/sw/c" --timezone UTC --state "$TMP/sw/s" --new \
	--strict -t model -o "$TMP/sw/w2.model" >/dev/null 2>"$TMP/err" || rc=$?
is "strict: the next digest, of the new article only, is written" "$rc" 0
lacks "strict: ... the sent article's warning is not said again" "$TMP/err" 'a\.md:8'
contains "strict: ... the new article in it" "$TMP/sw/w2.model" '^article .*/c/b\.md$'

# ---- a date GLib cannot show: year 0 once in UTC crashed every digest (exit 139) ----
mkdir -p "$TMP/y0/c"
printf -- '---\ntitle: Zero\ndate: 0001-01-01T00:00:00+14:00\n---\n\nText.\n' >"$TMP/y0/c/a.md"
printf -- '---\ntitle: Fine\ndate: 2026-03-01\n---\n\nText.\n' >"$TMP/y0/c/b.md"
rc=0; SOURCE_DATE_EPOCH=$(at "2026-03-02 12:00") "$FOLIO" digest "$TMP/y0/c" -t model -o "$TMP/y0/w.model" >/dev/null \
	2>"$TMP/err" || rc=$?
is "year 0 in UTC: the digest is written" "$rc" 0
contains "year 0 in UTC: ... the date said unreadable, with its line" "$TMP/err" "a\.md:3: warning: cannot read date '0001-01-01T00:00:00\+14:00'"
expect_status "year 10000 in UTC: --until refuses it" 2 "$FOLIO" digest "$TMP/y0/c" --until 9999-12-31T23:59:59-14:00 \
	-t model -o "$TMP/y0/u.model"
