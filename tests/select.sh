# select.sh - choosing and grouping: filters, time zones and DST, duplicates, --limit, order, --group-by.
# Each case runs folio on tests/select/coll (or another fixture) and compares the parts and articles of
# the model (tests/select/NAME.model) and the messages (NAME.err) with golden files.
. "$(dirname "$0")/lib.sh"

coll=tests/select/coll
# "Now" for --last: 2025-03-10T12:00:00Z.
export SOURCE_DATE_EPOCH=1741608000

# The lines of the model that say what is in the book and in which order.
outline() { grep -E '^(part |article )|^  (title|date|lang|categories|tags|articles): ' "$1"; }

# case_ NAME SOURCE ARGS...: golden outline and messages.
case_() {
	local name=$1 src=$2; shift 2
	"$FOLIO" "$src" "$@" -t model -o "$TMP/$name.model" 2>"$TMP/$name.err"
	echo "exit $?" >>"$TMP/$name.err"
	if [ -f "$TMP/$name.model" ]; then outline "$TMP/$name.model" >"$TMP/$name.outline"; else : >"$TMP/$name.outline"; fi
	golden "select: $name" "tests/select/$name.model" "$TMP/$name.outline"
	golden "select: $name messages" "tests/select/$name.err" "$TMP/$name.err"
}

# ids NAME: the files of the book, in reading order, one line.
ids() { grep '^article ' "$TMP/$1.model" | awk '{print $3}' | sed 's|.*/||' | tr '\n' ' '; }
# part NAME TITLE WANT: the part TITLE of the book NAME holds exactly these files, in this order.
part() {
	local got
	got=$(awk -v t="$2" '
		/^part / { line = $0; sub(/^part [^ ]+ /, "", line); n = index(line, ": ");
			   if (substr(line, 1, n - 1) == t) want = substr(line, n + 2) }
		/^article / { file[$2] = $3 }
		END { k = split(want, ids, " "); for (i = 1; i <= k; i++) { f = file[ids[i]]; sub(/.*\//, "", f); printf "%s ", f } }
	' "$TMP/$1.model")
	if [ "$got" = "$3 " ]; then ok "select: $1: part $2 holds $3"; else not_ok "select: $1: part $2 holds $3" "got: $got"; fi
}
# same NAME WANT: the book holds exactly these files in this order.
same() {
	local got; got=$(ids "$1")
	if [ "$got" = "$2 " ]; then ok "select: $1 holds $2"; else not_ok "select: $1 holds $2" "got: $got"; fi
}

case_ all $coll --timezone UTC
same all "weighted.md year-end.md zz-same-title-other-text.md ny-before-dst.md ny-dst-day-late.md shanghai-morning.md ny-after-midnight.md zz-same-title-other-day.md london-before.md london-bst.md ny-fall-back-late.md rfc1123.md undated.md"

# --since/--until with a date alone take whole days of --timezone; 9 March 2025 had 23 hours in New York.
case_ day-new-york $coll --timezone America/New_York --since 2025-03-09 --until 2025-03-09
same day-new-york "shanghai-morning.md ny-dst-day-late.md"
case_ day-utc $coll --timezone UTC --since 2025-03-09 --until 2025-03-09
same day-utc "ny-dst-day-late.md"
# 2 November 2025 had 25 hours in New York: 23:30 that night is still inside the day.
case_ long-day-new-york $coll --timezone America/New_York --since 2025-11-02 --until 2025-11-02
same long-day-new-york "ny-fall-back-late.md"
# Europe/London moved to BST on 30 March 2025: 23:30Z that day is 00:30 on the 31st there.
case_ day-london $coll --timezone Europe/London --since 2025-03-31 --until 2025-03-31
same day-london "london-bst.md"
# A time given: --until is that very second.
case_ until-time $coll --timezone UTC --until "2025-03-09 23:30:00" --since 2025-03-09T00:00:00Z
same until-time "ny-dst-day-late.md"
# --last counts back from now (SOURCE_DATE_EPOCH); the future and the undated are left out.
case_ last-2d $coll --timezone UTC --last 2d
same last-2d "ny-before-dst.md ny-dst-day-late.md shanghai-morning.md ny-after-midnight.md"
case_ last-and-since $coll --timezone UTC --last 2d --since 2025-03-09T23:00:00Z
same last-and-since "ny-dst-day-late.md shanghai-morning.md ny-after-midnight.md"

# Names ignore case and width; several values of one filter are alternatives; filters combine.
case_ category $coll --category POLITICS
same category "ny-before-dst.md ny-dst-day-late.md london-before.md"
case_ tag-ai $coll --tag ai
same tag-ai "ny-dst-day-late.md ny-after-midnight.md london-before.md rfc1123.md"
case_ two-categories $coll --category 评论 --category markets --since 2025-03-10 --timezone UTC
same two-categories "weighted.md shanghai-morning.md ny-after-midnight.md zz-same-title-other-day.md london-bst.md ny-fall-back-late.md rfc1123.md"
case_ lang-zh $coll --only-lang zh
same lang-zh "shanghai-morning.md london-bst.md rfc1123.md"
case_ lang-hant $coll --only-lang zh-Hant
same lang-hant "london-bst.md rfc1123.md"
case_ lang-en-us $coll --only-lang en-US --only-lang zh-TW
same lang-en-us "ny-dst-day-late.md rfc1123.md"
case_ combined $coll --only-lang en --tag AI --category politics
same combined "ny-dst-day-late.md london-before.md"

# --limit keeps the first N in --sort order (a weight still comes first).
case_ limit $coll --sort -date --limit 3
same limit "weighted.md rfc1123.md ny-fall-back-late.md"
# Undated articles go last with -date too (and after the --limit).
case_ newest-first $coll --sort -date --limit 4 --only-lang en --group-by none
same newest-first "weighted.md ny-fall-back-late.md london-before.md zz-same-title-other-day.md"

# Grouping: days, weeks and months of --timezone, ordered like --sort; names in a stable order.
case_ group-day-new-york $coll --timezone America/New_York --group-by day --since 2025-03-08 --until 2025-03-10
case_ group-day-utc $coll --timezone UTC --group-by day --since 2025-03-08 --until 2025-03-10
case_ group-week $coll --timezone UTC --group-by week
case_ group-month-newest $coll --timezone UTC --group-by month --sort -date
case_ group-category $coll --group-by category
case_ group-tag $coll --group-by tag --sort title
case_ group-lang $coll --group-by lang
part group-week "2025-W01 (2024-12-30 – 2025-01-05)" "year-end.md"
contains "select: weeks oldest first" "$TMP/group-week.model" "^part p01 2025-W01 "
# An article in two categories is under its first only; "politics" joins "Politics".
part group-category Economy "london-before.md"
part group-category Politics "ny-before-dst.md ny-dst-day-late.md"
part group-category Markets "weighted.md year-end.md zz-same-title-other-text.md ny-after-midnight.md zz-same-title-other-day.md ny-fall-back-late.md undated.md"
# A part shows the most used spelling of its name (AI twice, ai and ＡＩ once).
part group-tag AI "ny-after-midnight.md ny-dst-day-late.md london-before.md rfc1123.md"
# Languages by family: en-GB and en-US with en; zh-HK with zh-TW.
part group-lang English "weighted.md year-end.md zz-same-title-other-text.md ny-before-dst.md ny-dst-day-late.md ny-after-midnight.md zz-same-title-other-day.md london-before.md ny-fall-back-late.md undated.md"
part group-lang 繁體中文 "london-bst.md rfc1123.md"
part group-lang 简体中文 "shanghai-morning.md"
# The Shanghai morning of 10 March is the evening of the 9th in New York.
part group-day-new-york 2025-03-09 "shanghai-morning.md ny-dst-day-late.md"
part group-day-new-york 2025-03-10 "ny-after-midnight.md"
part group-day-utc 2025-03-10 "shanghai-morning.md ny-after-midnight.md"
contains "select: months newest first" "$TMP/group-month-newest.model" "^part p01 2025-11: "

# Every article is in the book once, in the order of its parts.
for g in day week month category tag lang; do
	"$FOLIO" $coll --group-by $g -t model -o "$TMP/g.model" 2>/dev/null
	n=$(grep -c '^article ' "$TMP/g.model")
	in_parts=$(grep '^part ' "$TMP/g.model" | sed 's/^[^:]*://' | tr ' ' '\n' | grep -c .)
	dups=$(grep '^part ' "$TMP/g.model" | sed 's/^[^:]*://' | tr ' ' '\n' | grep . | sort | uniq -d)
	order=$(grep '^part ' "$TMP/g.model" | sed 's/^[^:]*://' | tr ' ' '\n' | grep . | tr '\n' ' ')
	flat=$(grep '^article ' "$TMP/g.model" | awk '{print $2}' | tail -n "$in_parts" | tr '\n' ' ')
	if [ "$in_parts" -gt 0 ] && [ -z "$dups" ] && [ "$order" = "$flat" ] && [ "$in_parts" -le "$n" ]; then
		ok "select: --group-by $g: each article once, reading order follows the parts"
	else
		not_ok "select: --group-by $g: each article once" "parts: $order; flat: $flat; dups: $dups"
	fi
done

# Hugo sections: parts by default, none on request.
case_ sections-default tests/model/coll
case_ sections-none tests/model/coll --group-by none
if grep -q '^article ' "$TMP/sections-none.model"; then lacks "select: --group-by none makes no part" "$TMP/sections-none.model" "^part "
else not_ok "select: --group-by none makes no part" "no article in the book"; fi

# An explicit files: list in folio.yaml chooses and orders the articles, parts follow it.
case_ listed tests/select/listed
same listed "c.md a.md"
case_ listed-grouped tests/select/listed --group-by category

# Bad values: reported before anything is read, nothing written.
expect_status "select: bad --since" 2 "$FOLIO" $coll --since "next tuesday" -t model -o "$TMP/bad.model"
contains "select: bad --since says why" "$TMP/err" "--since must be a date such as .*, not 'next tuesday'"
expect_status "select: bad --last" 2 "$FOLIO" $coll --last 7x -t model -o "$TMP/bad.model"
expect_status "select: bad --group-by" 2 "$FOLIO" $coll --group-by author -t model -o "$TMP/bad.model"
contains "select: bad --group-by says the choices" "$TMP/err" "none, section, category, tag, lang, day, week or month"
expect_status "select: bad --timezone" 2 "$FOLIO" $coll --timezone Mars/Olympus -t model -o "$TMP/bad.model"
[ ! -e "$TMP/bad.model" ] && ok "select: bad values write nothing" || not_ok "select: bad values write nothing"

# The same story from two outlets, each ending with its own source link: duplicates by title,
# day and text, with or without footnotes (cmark-gfm puts the notes after the source paragraph).
for notes in no yes; do
	d=$TMP/dup-$notes
	mkdir -p "$d"
	for outlet in a b; do
		{
			printf -- '---\ntitle: 同一条新闻\ndate: 2025-03-01 09:00\n---\n\n正文相同的一段。'
			[ $notes = yes ] && printf '[^1]'
			printf '\n\n[来源 %s](https://%s.example/news/1)\n' "$outlet" "$outlet"
			[ $notes = yes ] && printf '\n[^1]: 同一个脚注。\n'
		} >"$d/$outlet.md"
	done
	"$FOLIO" "$d" -t model -o "$TMP/dup-$notes.model" 2>"$TMP/dup-$notes.err"
	contains "select: duplicate by title, day and text (footnotes: $notes)" "$TMP/dup-$notes.err" \
		"b.md: note: .*same title, day and text"
	[ "$(grep -c '^article ' "$TMP/dup-$notes.model")" = 1 ] && ok "select: one copy kept (footnotes: $notes)" \
		|| not_ok "select: one copy kept (footnotes: $notes)" "$(grep '^article ' "$TMP/dup-$notes.model")"
done

# An article the filters leave out keeps what reading its body found to itself: --strict judges the
# book's articles (it failed a --tag b book on another tag's unclosed <script>); a book that takes it
# says it. (Its front matter's own problems are said whatever: they decide the filters.)
mkdir -p "$TMP/tagw"
printf -- '---\ntitle: A\ndate: 2025-01-01\ntags: [a]\n---\n\nText a.\n\n<script>\n' >"$TMP/tagw/a.md"
printf -- '---\ntitle: B\ndate: 2025-02-01\ntags: [b]\n---\n\nText b.\n' >"$TMP/tagw/b.md"
expect_status "select: --strict --tag b is not failed by a left-out article's warning" 0 \
	"$FOLIO" "$TMP/tagw" --tag b --strict -t model -o "$TMP/tagb.model"
"$FOLIO" "$TMP/tagw" --tag b -t model -o "$TMP/tagb.model" 2>"$TMP/tagb.err"
lacks "select: ... nor is the warning said" "$TMP/tagb.err" 'a\.md:9'
"$FOLIO" "$TMP/tagw" --tag a -t model -o "$TMP/taga.model" 2>"$TMP/taga.err"
contains "select: the book that takes the article says it" "$TMP/taga.err" 'a\.md:9: warning: raw HTML <script> is never closed'
expect_status "select: ... and --strict fails that book" 1 "$FOLIO" "$TMP/tagw" --tag a --strict -t model -o "$TMP/taga2.model"
# The same for shortcodes folio does not know: counted over the articles the book takes, said by a
# book that takes one (a left-out article's failed --strict, and "4 times in the book" counted it).
mkdir -p "$TMP/scw"
printf -- '---\ntitle: A\ntags: [a]\n---\n\n{{< mystery >}}\n{{< mystery >}}\n{{< mystery >}}\n' >"$TMP/scw/a.md"
printf -- '---\ntitle: B\ntags: [b]\n---\n\nText {{< mystery >}} b.\n' >"$TMP/scw/b.md"
expect_status "select: a left-out article's unknown shortcode does not fail --strict" 0 \
	"$FOLIO" "$TMP/scw" --tag c --allow-empty --strict -t model -o "$TMP/scw-c.model"
"$FOLIO" "$TMP/scw" --tag b -t model -o "$TMP/scw-b.model" 2>"$TMP/scw-b.err"
contains "select: an unknown shortcode counted over the book's articles only" "$TMP/scw-b.err" \
	"b\.md:6: warning: shortcode 'mystery' is not one folio knows \(1 time in the book, first here\)"
"$FOLIO" "$TMP/scw" -t model -o "$TMP/scw.model" 2>"$TMP/scw.err"
contains "select: ... and over all of them when all are in it" "$TMP/scw.err" "a\.md:6: warning: shortcode 'mystery' .*\(4 times in the book"
# A section's own text (_index.md) says what reading it found only when the book shows it.
mkdir -p "$TMP/secw/s" "$TMP/secw/t"
printf -- '---\ntitle: S\n---\n\nAbout s.\n\n<script>\n' >"$TMP/secw/s/_index.md"
printf -- '---\ntitle: In s\ndate: 2025-01-01\ntags: [s]\n---\n\nText.\n' >"$TMP/secw/s/a.md"
printf -- '---\ntitle: In t\ndate: 2025-01-02\ntags: [t]\n---\n\nText.\n' >"$TMP/secw/t/b.md"
expect_status "select: a section the book does not show does not fail --strict" 0 \
	"$FOLIO" "$TMP/secw" --tag t --group-by section --strict -t model -o "$TMP/secw-t.model"
"$FOLIO" "$TMP/secw" --tag s --group-by section -t model -o "$TMP/secw-s.model" 2>"$TMP/secw-s.err"
contains "select: a section the book shows says it" "$TMP/secw-s.err" "s/_index\.md:7: warning: raw HTML <script> is never closed"
contains "select: an unknown shortcode used alone says nothing of it is shown (it claimed its inner text kept)" \
	"$TMP/scw-b.err" "it has no inner text, and nothing of it is shown"
printf -- '---\ntitle: C\ntags: [c]\n---\n\n{{< boxed >}}Kept **words**{{< /boxed >}} and {{< boxed >}}\n\n{{< mathbox >}}a*b*c{{< /mathbox >}}\n' >"$TMP/scw/c.md"
"$FOLIO" "$TMP/scw" --tag c -t trace -o "$TMP/scw-c.trace" 2>"$TMP/scw-c.err"
contains "select: ... one with inner text says it is read as Markdown" "$TMP/scw-c.err" \
	"shortcode 'boxed' .*\(2 times in the book, first here\): its tags are dropped and its inner text read as Markdown \(where it has none, nothing is shown\)"
contains "select: ... and it is (its words, the stars gone)" "$TMP/scw-c.trace" 'Kept words and'
contains "select: ... one named for code says its text is kept as written" "$TMP/scw-c.err" \
	"shortcode 'mathbox' .*\(1 time in the book, first here\): its tags are dropped and its inner text kept as written \(its name is one for code or markup\)"
contains "select: ... and it is" "$TMP/scw-c.trace" 'a\*b\*c'

# Hugo's zero date (0001-01-01T00:00:00Z) seen from a zone west of UTC is before GLib's first year:
# grouping by month crashed (exit 139). It is seen in UTC there.
mkdir -p "$TMP/zero"
printf -- '---\ntitle: Zero\ndate: 0001-01-01T00:00:00Z\n---\n\nText.\n' >"$TMP/zero/a.md"
printf -- '---\ntitle: Last\ndate: 9999-12-31T23:00:00Z\n---\n\nText.\n' >"$TMP/zero/b.md"
expect_status "zero date: grouped by month in New York" 0 "$FOLIO" --include-future "$TMP/zero" --timezone America/New_York --group-by month -t model -o "$TMP/zero-ny.model"
expect_status "zero date: ... the last one by day at Kiritimati" 0 "$FOLIO" --include-future "$TMP/zero" --timezone Pacific/Kiritimati --group-by day -t model -o "$TMP/zero-k.model"
lacks "zero date: no (null) in a key or a title" "$TMP/zero-ny.model" '\(null\)'
