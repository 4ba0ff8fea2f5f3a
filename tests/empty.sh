# empty.sh - an empty book is an error: no article found, or every one filtered out, says why by count,
# exits 1 and writes nothing; --allow-empty writes it; `folio digest` keeps exit 3 for "nothing new".
. "$(dirname "$0")/lib.sh"

coll=tests/select/coll
mkdir -p "$TMP/empty" "$TMP/books"
echo "previous book" >"$TMP/books/keep.epub"

# An empty folder: for each format, exit 1, the reason, nothing written, an existing book untouched.
for f in epub pdf model; do
	expect_status "empty folder ($f): exit 1" 1 "$FOLIO" "$TMP/empty" -o "$TMP/books/book.$f"
	contains "empty folder ($f): says no article was found" "$TMP/err" \
		"^folio: error: no article for the book: no article found in the SOURCE folders .*nothing written \(--allow-empty"
	[ ! -e "$TMP/books/book.$f" ] && ok "empty folder ($f): nothing written" || not_ok "empty folder ($f): nothing written" "$(ls -l "$TMP/books")"
done
expect_status "empty folder: an existing book is kept" 1 "$FOLIO" "$TMP/empty" -o "$TMP/books/keep.epub"
contains "empty folder: the existing book untouched" "$TMP/books/keep.epub" "^previous book$"
leftovers=$(ls -A "$TMP/books" | grep -v '^keep.epub$' || true)
[ -z "$leftovers" ] && ok "empty folder: no temporary file left" || not_ok "empty folder: no temporary file left" "$leftovers"
# -q hides notes, never the error; it carries the counts itself.
expect_status "empty folder, -q: exit 1" 1 "$FOLIO" -q "$TMP/empty" -o "$TMP/books/book.epub"
contains "empty folder, -q: the error is still given" "$TMP/err" "error: no article for the book"
# Only section pages (_index.md) with no text are no articles either; one with text is a chapter,
# as Hugo publishes it, but not when the pages are left out by a rule (all drafts: said why).
mkdir -p "$TMP/sections/news"
printf -- '---\ntitle: News\n---\n' >"$TMP/sections/news/_index.md"
expect_status "only section pages: exit 1" 1 "$FOLIO" "$TMP/sections" -t model -o "$TMP/books/s.model"
contains "only section pages: counted" "$TMP/err" "no article found .*, only 1 section page \(_index.md\)"
printf -- '---\ntitle: News\n---\nAll the news.\n' >"$TMP/sections/news/_index.md"
expect_status "only section pages, with text: a book of it" 0 "$FOLIO" "$TMP/sections" -t model -o "$TMP/books/s.model"
contains "only section pages, with text: ... its chapter" "$TMP/books/s.model" '^article a0001 .*/sections/news/_index\.md$'
printf -- '---\ntitle: Draft\ndraft: true\n---\nNot yet.\n' >"$TMP/sections/news/d.md"
expect_status "section text, its pages all drafts: exit 1" 1 "$FOLIO" "$TMP/sections" -t model -o "$TMP/books/d.model"
contains "section text, its pages all drafts: ... said why" "$TMP/err" "1 article read, none left: 1 draft"

# Every article filtered out: what was read and what left each out, by count.
expect_status "all filtered by date: exit 1" 1 "$FOLIO" $coll --since 2030-01-01 -t model -o "$TMP/books/d.model"
contains "all filtered by date: counts" "$TMP/err" \
	"error: no article for the book: 16 articles read, none left: 1 draft \(--include-drafts keeps them\), 14 outside the dates asked for, 1 without a date"
[ ! -e "$TMP/books/d.model" ] && ok "all filtered by date: nothing written" || not_ok "all filtered by date: nothing written"
expect_status "all filtered by category: exit 1" 1 "$FOLIO" -q $coll --category nothing-is-in-this -o "$TMP/books/c.pdf"
contains "all filtered by category: counts" "$TMP/err" "16 articles read, none left: 1 draft .*, 15 not in the --category asked for"
[ ! -e "$TMP/books/c.pdf" ] && ok "all filtered by category: nothing written" || not_ok "all filtered by category: nothing written"
expect_status "all filtered by language: exit 1" 1 "$FOLIO" -q $coll --only-lang ko -o "$TMP/books/l.epub"
contains "all filtered by language: counts" "$TMP/err" "15 not in the --only-lang asked for"
expect_status "--limit 0: exit 1" 1 "$FOLIO" -q $coll --limit 0 -t model -o "$TMP/books/z.model"
contains "--limit 0: counts duplicates and the limit" "$TMP/err" "2 duplicates, 13 past --limit"
# Hugo's publishing rules are counted too: a page to be published later.
mkdir -p "$TMP/future"
printf -- '---\ntitle: later\ndate: 2024-01-01\npublishDate: 2999-01-01\n---\nsoon\n' >"$TMP/future/a.md"
expect_status "only a future page: exit 1" 1 "$FOLIO" -q "$TMP/future" -t model -o "$TMP/books/f.model"
contains "only a future page: counted, with the option that keeps it" "$TMP/err" \
	"1 article read, none left: 1 whose publishDate is still to come \(--include-future keeps them\)"
# An article that cannot be read is counted too.
mkdir -p "$TMP/unreadable"
printf -- '---\ntitle: [unclosed\n---\nbody\n' >"$TMP/unreadable/bad.md"
expect_status "unreadable only: exit 1" 1 "$FOLIO" -q "$TMP/unreadable" -t model -o "$TMP/books/u.model"
contains "unreadable only: says a file was left out" "$TMP/err" "; 1 file left out \\(unreadable, or a format folio does not read\\)"
# Hugo's other content formats (Org, AsciiDoc ...) are named as left out, not passed over in
# silence; .mdown is one of Hugo's Markdown suffixes (issue: a site's pages lost without a word).
mkdir -p "$TMP/formats/b"
printf '#+title: Org page\n\nORGTEXT\n' >"$TMP/formats/a.org"
printf '= Doc\n\nADOCTEXT\n' >"$TMP/formats/b/c.adoc"
printf 'rst\n===\n' >"$TMP/formats/b/d.rst"
expect_status "other formats only: exit 1" 1 "$FOLIO" "$TMP/formats" -t model -o "$TMP/books/formats.model"
contains "other formats only: each named as left out" "$TMP/err" "^  $TMP/formats/a\\.org \\(an Org page: folio reads Markdown\\)\$"
contains "other formats only: ... AsciiDoc" "$TMP/err" "^  $TMP/formats/b/c\\.adoc \\(an AsciiDoc page: folio reads Markdown\\)\$"
contains "other formats only: ... reStructuredText" "$TMP/err" "^  $TMP/formats/b/d\\.rst \\(a reStructuredText page"
contains "other formats only: counted in the account" "$TMP/err" "; 3 files left out"
printf -- '---\ntitle: Mdown page\n---\nMDOWNTEXT\n' >"$TMP/formats/e.mdown"
expect_status "a .mdown page is read" 0 "$FOLIO" "$TMP/formats" -t model -o "$TMP/books/formats.model"
contains "a .mdown page is read: an article" "$TMP/books/formats.model" "^article a0001 .*e\\.mdown\$"

# --allow-empty writes the empty book, and it is a valid one.
expect_status "--allow-empty: exit 0" 0 "$FOLIO" -q --allow-empty "$TMP/empty" -o "$TMP/books/empty.epub"
expect_status "--allow-empty: exit 0 (PDF)" 0 "$FOLIO" -q --allow-empty $coll --since 2030-01-01 -o "$TMP/books/empty.pdf"
[ -s "$TMP/books/empty.pdf" ] && ok "--allow-empty: the PDF is written" || not_ok "--allow-empty: the PDF is written"
epubcheck_ok "--allow-empty: the empty EPUB passes epubcheck" "$TMP/books/empty.epub"
printf 'allow-empty: true\n' >"$TMP/empty.yaml"
expect_status "allow-empty: true in a settings file" 0 "$FOLIO" -q --config "$TMP/empty.yaml" "$TMP/empty" -t model -o "$TMP/books/y.model"
contains "allow-empty: the model has no article" "$TMP/books/y.model" "^  articles: 0$"

# folio digest of an empty folder: no article read at all is a failure (an unmounted share stayed
# silent for good as "nothing new"); with --allow-empty it is nothing new, exit 3, quiet.
"$FOLIO" digest "$TMP/empty" -o "$TMP/books/digest-{{date}}.model" >"$TMP/dout" 2>"$TMP/derr"; st=$?
[ $st = 1 ] && ok "digest of an empty folder: exit 1" || not_ok "digest of an empty folder: exit 1" "exit $st: $(cat "$TMP/derr")"
contains "digest of an empty folder: said" "$TMP/derr" "error: no article was read from the sources"
"$FOLIO" digest --allow-empty "$TMP/empty" -o "$TMP/books/digest-{{date}}.model" >"$TMP/dout" 2>"$TMP/derr"; st=$?
[ $st = 3 ] && ok "digest --allow-empty: nothing new is exit 3" || not_ok "digest --allow-empty: nothing new is exit 3" "exit $st: $(cat "$TMP/derr")"
contains "digest --allow-empty: the summary line says nothing-new" "$TMP/dout" "^nothing-new	"
lacks "digest --allow-empty: no error" "$TMP/derr" "error"
[ -z "$(ls "$TMP/books" | grep '^digest-' || true)" ] && ok "digest: nothing written" || not_ok "digest: nothing written" "$(ls "$TMP/books")"
