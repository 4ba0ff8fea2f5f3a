# cli.sh - the command line: exit statuses, bad input, --strict, atomic output, usage, make install.
. "$(dirname "$0")/lib.sh"

bad=tests/bad/coll

# Bad files are reported with file and line, left out, and the rest is built.
"$FOLIO" $bad -t model -o "$TMP/bad.model" 2>"$TMP/bad.err"; status=$?
[ $status = 0 ] && ok "bad input: built anyway (exit 0)" || not_ok "bad input: built anyway" "exit $status"
contains "bad input: YAML error has file and line" "$TMP/bad.err" "^folio: $bad/bad-yaml.md:4: warning: bad YAML front matter"
contains "bad input: unterminated front matter named" "$TMP/bad.err" "^folio: $bad/unterminated.md:1: warning: front matter is not terminated"
contains "bad input: invalid UTF-8 has its line" "$TMP/bad.err" "^folio: $bad/invalid-utf8.md:6: warning: invalid UTF-8"
contains "bad input: NUL byte has its line" "$TMP/bad.err" "^folio: $bad/nul-byte.md:4: warning: contains a NUL byte"
contains "bad input: summary says what was left out" "$TMP/bad.err" "warning: 4 files left out of the book"
contains "bad input: summary names each file" "$TMP/bad.err" "^  $bad/invalid-utf8.md \(invalid UTF-8\)"
contains "bad input: wrong field kinds reported" "$TMP/bad.err" "wrong-types.md:3: warning: 'title' should be text"
contains "bad input: bad weight reported" "$TMP/bad.err" "wrong-types.md:4: warning: 'weight' should be a whole number"
contains "bad input: bad date reported" "$TMP/bad.err" "wrong-types.md:5: warning: cannot read date"
contains "bad input: good article kept" "$TMP/bad.model" "title: 好文章"
contains "bad input: wrongly typed article kept" "$TMP/bad.model" "title: wrong-types"
contains "bad input: the model lists what was left out" "$TMP/bad.model" "left out: $bad/bad-yaml.md \(bad front matter\)"

# A theme's note takes a line for its title; the lines after it keep their numbers in messages.
mkdir -p "$TMP/lines"
printf -- '---\ntitle: l\nlang: zh-CN\n---\n{{%% tip %%}}\nbiu.\n{{%% /tip %%}}\n\n文字。\n<style>p{}</style>\n' >"$TMP/lines/a.md"
"$FOLIO" "$TMP/lines" -o "$TMP/lines.epub" 2>"$TMP/lines.err"
contains "bad input: a message after a theme's note names its line" "$TMP/lines.err" "a\.md:10: warning: raw HTML <style> dropped"

# --strict: warnings are errors, nothing is written, an existing output is untouched.
echo "previous book" >"$TMP/keep.model"
expect_status "strict: exit 1" 1 "$FOLIO" --strict $bad -t model -o "$TMP/keep.model"
contains "strict: messages say error" "$TMP/err" "^folio: $bad/bad-yaml.md:4: error:"
contains "strict: existing output untouched" "$TMP/keep.model" "^previous book$"
leftovers=$(ls -A "$TMP" | grep '^\.keep' || true)
[ -z "$leftovers" ] && ok "strict: no temporary file left" || not_ok "strict: no temporary file left" "$leftovers"
expect_status "strict: no new output" 1 "$FOLIO" --strict $bad -t model -o "$TMP/new.model"
[ ! -e "$TMP/new.model" ] && ok "strict: output not created" || not_ok "strict: output not created"

# Usage errors exit 2; a missing SOURCE exits 1.
expect_status "usage: no arguments" 2 "$FOLIO"
expect_status "usage: no output" 2 "$FOLIO" tests/model/coll
expect_status "usage: unknown option" 2 "$FOLIO" --no-such-option tests/model/coll -o "$TMP/x.epub"
expect_status "usage: missing value" 2 "$FOLIO" tests/model/coll -o
expect_status "usage: digest option outside digest" 2 "$FOLIO" --state s.json tests/model/coll -o "$TMP/x.epub"
expect_status "missing source: exit 1" 1 "$FOLIO" tests/no-such-folder -t model -o "$TMP/x.model"
contains "missing source: named" "$TMP/err" "^folio: tests/no-such-folder: error: cannot read it: No such file or directory"
expect_status "unknown extension: exit 2" 2 "$FOLIO" tests/model/coll -o "$TMP/book.docx"
contains "unknown extension: says so" "$TMP/err" "cannot tell the format"
expect_status "help: exit 0" 0 "$FOLIO" --help
contains "help: lists --page-size" "$TMP/out" "--page-size SIZE"
expect_status "version: exit 0" 0 "$FOLIO" --version
contains "version: printed" "$TMP/out" "^folio [0-9]+\.[0-9]+"

# Options after SOURCEs (GNU order) and -q.
expect_status "options after source" 0 "$FOLIO" tests/model/coll -q -t model -o "$TMP/q.model"
[ ! -s "$TMP/err" ] && ok "quiet: no messages" || not_ok "quiet: no messages" "$(cat "$TMP/err")"

# The same input gives the same bytes.
"$FOLIO" tests/model/coll -q -t model -o "$TMP/a.model"; "$FOLIO" tests/model/coll -q -t model -o "$TMP/b.model"
same_bytes "deterministic model" "$TMP/a.model" "$TMP/b.model"

# make install: an installed copy finds its templates and fonts under PREFIX/share/folio, wherever
# DESTDIR puts it, and makes the same book as the build tree.
make -s install DESTDIR="$TMP/dest" PREFIX=/opt/folio >/dev/null 2>&1
if [ -x "$TMP/dest/opt/folio/bin/folio" ]; then
	(cd "$TMP" && "$TMP/dest/opt/folio/bin/folio" --offline -q "$ROOT/tests/model/coll" -o "$TMP/installed.pdf" 2>"$TMP/installed.err")
	"$FOLIO" -q tests/model/coll -o "$TMP/tree.pdf"
	lacks "install: the installed copy finds its font set-up" "$TMP/installed.err" "font set-up is missing"
	same_bytes "install: same PDF as the build tree" "$TMP/installed.pdf" "$TMP/tree.pdf"
else
	not_ok "install: make install DESTDIR PREFIX" "$(ls -R "$TMP/dest" 2>&1 | head)"
fi
# The manual page and the completions where man, bash-completion and zsh look; make uninstall
# takes away every file make install put there.
same_bytes "install: the manual page in share/man/man1" src/cli/folio.1 "$TMP/dest/opt/folio/share/man/man1/folio.1"
same_bytes "install: bash completion in share/bash-completion/completions" src/cli/completions/folio.bash \
	"$TMP/dest/opt/folio/share/bash-completion/completions/folio"
same_bytes "install: zsh completion in share/zsh/vendor-completions" src/cli/completions/_folio \
	"$TMP/dest/opt/folio/share/zsh/vendor-completions/_folio"
make -s uninstall DESTDIR="$TMP/dest" PREFIX=/opt/folio >/dev/null 2>&1
left=$(find "$TMP/dest" -type f)
[ -d "$TMP/dest/opt/folio" ] && [ -z "$left" ] && ok "uninstall: no file left" || not_ok "uninstall: no file left" "$left"

# Every option value is checked when the options are read, from one table: a bad one exits 2 with
# the option's name and what it takes, before any article is read (tests/bad/coll would warn about
# its broken files if it were read), from the command line and from folio.yaml alike.
bad_values=("sort bogus" "since notadate" "until 2025-13-45" "timezone Mars/Base" "webp bogus" "page-size Z9"
	    "limit abc" "margin 3furlongs" "group-by author" "last 7x" "lang 1x" "only-lang zh CN" "to docx")
for kv in "${bad_values[@]}"; do
	name=${kv%% *} value=${kv#* }
	expect_status "options: --$name $value exits 2" 2 "$FOLIO" $bad --$name "$value" -o "$TMP/opt.epub"
	contains "options: --$name names itself" "$TMP/err" "^folio: error: --$name must be .*, not '$value'$"
	lacks "options: --$name: no article read" "$TMP/err" "warning"
	mkdir -p "$TMP/yaml-$name"
	cp -r $bad/. "$TMP/yaml-$name/"
	printf '%s: "%s"\n' "$name" "$value" >"$TMP/yaml-$name/folio.yaml"
	expect_status "options: folio.yaml $name: $value exits 2" 2 "$FOLIO" "$TMP/yaml-$name" -o "$TMP/opt.epub"
	contains "options: folio.yaml $name has file and line" "$TMP/err" \
		"^folio: $TMP/yaml-$name/folio.yaml:1: error: '$name' must be .*, not '$value'$"
	lacks "options: folio.yaml $name: no article read" "$TMP/err" "warning"
done
[ ! -e "$TMP/opt.epub" ] && ok "options: bad values write nothing" || not_ok "options: bad values write nothing"
printf 'offline: maybe\n' >"$TMP/yaml-sort/folio.yaml"
expect_status "options: a flag that is neither true nor false exits 2" 2 "$FOLIO" "$TMP/yaml-sort" -o "$TMP/opt.epub"
contains "options: the flag's values named" "$TMP/err" "'offline' must be true or false, not 'maybe'"

# A collection's own folio.yaml may not send folio outside its folder: "css: /etc/passwd" was packed
# into the book, "cover: ../outside/x.png" read, "report: ../victim.txt" replaced (a hostile
# collection). --config, which the user gives, may name any path.
mkdir -p "$TMP/confine/book/sub" "$TMP/confine/outside"
printf 'SECRET-CSS { }\n' >"$TMP/confine/outside/secret.css"
cp tests/epub/media/dot.png "$TMP/confine/outside/secret.png"
ln -sf "$TMP/confine/outside" "$TMP/confine/book/link"
printf 'IMPORTANT\n' >"$TMP/confine/victim.txt"
printf -- '---\ntitle: A\ndate: 2024-01-01\n---\nText.\n' >"$TMP/confine/book/a.md"
printf 'css: %s\ncover: ../outside/secret.png\nreport: ../victim.txt\ntheme: link/secret.css\n' "$TMP/confine/outside/secret.css" \
	>"$TMP/confine/book/folio.yaml"
"$FOLIO" --offline "$TMP/confine/book" -o "$TMP/confine.epub" 2>"$TMP/confine.err"
unzip -p "$TMP/confine.epub" EPUB/css/epub.css >"$TMP/confine.css"
contains "folio.yaml confined: the book is written, with folio's stylesheet" "$TMP/confine.css" "epub\.css - folio's stylesheet"
lacks "folio.yaml confined: nothing outside packed into the book" "$TMP/confine.css" "SECRET-CSS"
contains "folio.yaml confined: the file beside it untouched" "$TMP/confine/victim.txt" "^IMPORTANT$"
for k in "css" "cover" "report" "theme"; do
	contains "folio.yaml confined: '$k:' outside is said, with its line" "$TMP/confine.err" \
		"book/folio\.yaml:[1-4]: warning: '$k: .*' leads outside this folio\.yaml's folder; ignored"
done
# ... nor through a link that leads nowhere yet (the writer would create its target outside).
mkdir -p "$TMP/confine2/book"
cp "$TMP/confine/book/a.md" "$TMP/confine2/book/a.md"
ln -sf "$TMP/confine/outside/made.txt" "$TMP/confine2/book/r.txt"
printf 'report: r.txt\n' >"$TMP/confine2/book/folio.yaml"
"$FOLIO" -q --offline "$TMP/confine2/book" -o "$TMP/confine2.epub" 2>"$TMP/confine2.err"
[ ! -e "$TMP/confine/outside/made.txt" ] && ok "folio.yaml confined: a dangling link out is not written through" \
	|| not_ok "folio.yaml confined: a dangling link out is not written through"
contains "folio.yaml confined: ... and said" "$TMP/confine2.err" "'report: r\.txt' leads outside"
printf 'css: %s\n' "$TMP/confine/outside/secret.css" >"$TMP/confine/user.yaml"
"$FOLIO" --offline -q --config "$TMP/confine/user.yaml" "$TMP/confine/book" -o "$TMP/confine-user.epub" 2>/dev/null
contains "folio.yaml confined: --config may name any path" <(unzip -p "$TMP/confine-user.epub" EPUB/css/epub.css) "SECRET-CSS"

# A file an option names that is a named pipe (a collection unpacked from a tar archive:
# "cover: cover.png") blocked the run for ever: from folio.yaml it is said with its line and
# ignored; on the command line it is an error (exit 2).
mkdir -p "$TMP/fifo"
printf -- '---\ntitle: A\ndate: 2024-01-01\n---\nText.\n' >"$TMP/fifo/a.md"
mkfifo "$TMP/fifo/cover.png"
printf 'cover: cover.png\ntheme: cover.png\n' >"$TMP/fifo/folio.yaml"
expect_status "named pipes: folio.yaml's cover and theme: the book is written" 0 timeout 60 "$FOLIO" --offline "$TMP/fifo" -o "$TMP/fifo.pdf"
contains "named pipes: ... each said with its line" "$TMP/err" "fifo/folio\.yaml:1: warning: 'cover: cover\.png' is not a regular file; ignored"
contains "named pipes: ... the theme too" "$TMP/err" "fifo/folio\.yaml:2: warning: 'theme: cover\.png' is not a regular file"
rm -f "$TMP/fifo/folio.yaml"
expect_status "named pipes: --cover one is an error (exit 2)" 2 timeout 60 "$FOLIO" --offline "$TMP/fifo" --cover "$TMP/fifo/cover.png" -o "$TMP/fifo2.pdf"
contains "named pipes: ... said" "$TMP/err" "--cover '.*cover\.png' is not a regular file \(a named pipe\)"
expect_status "named pipes: --config one too" 2 timeout 60 "$FOLIO" --offline "$TMP/fifo" --config "$TMP/fifo/cover.png" -o "$TMP/fifo3.pdf"
rm -f "$TMP/fifo/cover.png"

# A site's settings and a collection's folio.yaml that are links out of the folder are not read:
# their values went into the book ("{{< param leak >}}" printed a file from outside, a linked
# folio.yaml's title was the book's). Each is said once.
mkdir -p "$TMP/setlink/site/content/posts" "$TMP/setlink/site/config/_default" "$TMP/setlink/outside"
printf '[params]\nleak = "SECRET_FROM_OUTSIDE"\n' >"$TMP/setlink/outside/evil.toml"
printf 'title: FOLIO_YAML_OUTSIDE\n' >"$TMP/setlink/outside/folio.yaml"
printf -- '---\ntitle: P\ndate: 2020-01-01\n---\n\nA {{< param "leak" >}} B\n' >"$TMP/setlink/site/content/posts/p.md"
ln -sf ../outside/evil.toml "$TMP/setlink/site/hugo.toml"
ln -sf ../outside/folio.yaml "$TMP/setlink/site/folio.yaml"
"$FOLIO" --offline "$TMP/setlink/site" -o "$TMP/setlink.epub" 2>"$TMP/setlink.err"
lacks "settings confined: a site's hugo.toml linked from outside is not read" <(unzip -p "$TMP/setlink.epub" EPUB/a0001.xhtml) SECRET
lacks "settings confined: ... nor a linked folio.yaml" <(unzip -p "$TMP/setlink.epub" EPUB/package.opf) FOLIO_YAML_OUTSIDE
[ "$(grep -c 'site/hugo\.toml: warning: is a link that leaves the source folders; skipped' "$TMP/setlink.err")" = 1 ] \
	&& ok "settings confined: ... each said once" || not_ok "settings confined: said once" "$(cat "$TMP/setlink.err")"
contains "settings confined: ... the folio.yaml too" "$TMP/setlink.err" 'site/folio\.yaml: warning: is a link that leaves the source folders; skipped'
rm -f "$TMP/setlink/site/hugo.toml" "$TMP/setlink/site/folio.yaml"
printf 'title = "S"\n' >"$TMP/setlink/site/config/_default/hugo.toml"
printf 'leak = "SECRET_FROM_OUTSIDE"\n' >"$TMP/setlink/outside/params.toml"
ln -sf ../../../outside/params.toml "$TMP/setlink/site/config/_default/params.toml"
"$FOLIO" --offline "$TMP/setlink/site" -o "$TMP/setlink2.epub" 2>"$TMP/setlink2.err"
lacks "settings confined: a split config's params.toml linked from outside is not read" <(unzip -p "$TMP/setlink2.epub" EPUB/a0001.xhtml) SECRET
contains "settings confined: ... and said" "$TMP/setlink2.err" 'config/_default/params\.toml: warning: is a link that leaves the source folders; skipped'

# Folders nested 600 deep: every entry's realpath read each folder above it again (readlink per
# level: 1,200 levels took 16 s). An entry that is no link is its own real path now; links are
# still resolved (one inside the sources read, one leaving them skipped).
mkdir -p "$TMP/deep/d" "$TMP/outside-deep"
p="$TMP/deep/d"
for i in $(seq 1 600); do p="$p/d"; done
mkdir -p "$p"
printf -- '---\ntitle: Deepest\ndate: 2024-01-01\n---\n\nDEEPEST text.\n' >"$p/a.md"
printf -- '---\ntitle: Outside\ndate: 2024-01-01\n---\n\nOUTSIDE text.\n' >"$TMP/outside-deep/o.md"
ln -s "$TMP/outside-deep" "$TMP/deep/out"
mkdir -p "$TMP/deep/real" && printf -- '---\ntitle: Linked\ndate: 2024-01-02\n---\n\nLINKED text.\n' >"$TMP/deep/real/l.md"
ln -s real "$TMP/deep/again"
if strace -f -qq -o /dev/null true 2>/dev/null; then
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -c -e trace=readlink -o "$TMP/deep.strace" \
		"$FOLIO" "$TMP/deep" -t model -o "$TMP/deep.model" 2>"$TMP/deep.err"
	n=$(awk '$NF == "readlink" {print $4}' "$TMP/deep.strace")
	[ "${n:-0}" -lt 1000 ] && ok "walk: 600 nested folders without reading each folder above every entry again ($n readlink calls)" \
		|| not_ok "walk: 600 nested folders without reading each folder above every entry again" "$n readlink calls"
else
	"$FOLIO" "$TMP/deep" -t model -o "$TMP/deep.model" 2>"$TMP/deep.err"
	echo "note: strace cannot trace here; the walk's readlink calls are not counted"
fi
contains "walk: the deepest article is read" "$TMP/deep.model" 'title: Deepest'
contains "walk: a link inside the sources is read, once" "$TMP/deep.model" 'title: Linked'
[ "$(grep -c 'title: Linked' "$TMP/deep.model")" = 1 ] && ok "walk: ... once" || not_ok "walk: ... once" "$(grep -c 'title: Linked' "$TMP/deep.model")"
lacks "walk: a link leaving the sources is not" "$TMP/deep.model" 'title: Outside'
contains "walk: ... and said" "$TMP/deep.err" 'deep/out: warning: is a link that leaves the source folders; skipped'

# An output or report may not replace what the run reads, or another output: "-o coll/a.md"
# replaced the article with the book, "--report coll/a.md" emptied it, "-o b.epub --report b.epub"
# replaced the book with the report; a batch book's output likewise. Each is said, exit 2.
mkdir -p "$TMP/clash/coll"
printf -- '---\ntitle: A\ndate: 2024-01-01\n---\nA.\n' >"$TMP/clash/coll/a.md"
cp "$TMP/clash/coll/a.md" "$TMP/clash/a.orig"
expect_status "outputs: one that is an article read is refused (exit 2)" 2 "$FOLIO" "$TMP/clash/coll" -t epub -o "$TMP/clash/coll/a.md"
contains "outputs: ... said" "$TMP/err" "the output '.*coll/a\.md' is a file folio reads in the SOURCE"
expect_status "outputs: a report that is the SOURCE file is refused" 2 "$FOLIO" "$TMP/clash/coll/a.md" -o "$TMP/clash/x.epub" --report "$TMP/clash/coll/a.md"
expect_status "outputs: a new Markdown file in a SOURCE folder is refused too" 2 "$FOLIO" "$TMP/clash/coll" -t epub -o "$TMP/clash/coll/new.md"
expect_status "outputs: the report on the book is refused" 2 "$FOLIO" "$TMP/clash/coll" -o "$TMP/clash/b.epub" --report "$TMP/clash/b.epub"
contains "outputs: ... said" "$TMP/err" "is named twice \(as an output and as the report\)"
ln -sf "$TMP/clash/coll/a.md" "$TMP/clash/link.md"
expect_status "outputs: a link to an article read is refused too" 2 "$FOLIO" "$TMP/clash/coll" -t model -o "$TMP/clash/link.md"
ln -sf "$TMP/clash/out.epub" "$TMP/clash/o2.epub"
expect_status "outputs: a report that is a link to the book is refused" 2 "$FOLIO" "$TMP/clash/coll" -o "$TMP/clash/out.epub" --report "$TMP/clash/o2.epub"
same_bytes "outputs: the article is untouched" "$TMP/clash/a.orig" "$TMP/clash/coll/a.md"
expect_status "outputs: a book beside the articles is fine" 0 "$FOLIO" -q "$TMP/clash/coll" -o "$TMP/clash/coll/book.epub"
printf 'books:\n  - name: one\n    sources: coll\n    output: coll/a.md\n    to: epub\n' >"$TMP/clash/m.yaml"
expect_status "outputs: a batch book whose output is an article read is a bad manifest" 2 "$FOLIO_ONLINE" batch -q "$TMP/clash/m.yaml"
contains "outputs: ... said with its line" "$TMP/err" "m\.yaml:2: error: the output .*coll/a\.md' is a file folio reads"
same_bytes "outputs: ... the article untouched" "$TMP/clash/a.orig" "$TMP/clash/coll/a.md"
# ... nor a file an option names, nor a picture beside the articles: "-o cfg.yaml" with
# "--config cfg.yaml", "-o my.css" with "--css my.css" and "-o coll/pic.png" replaced them with the book.
cp tests/epub/media/dot.png "$TMP/clash/coll/pic.png"
cp "$TMP/clash/coll/pic.png" "$TMP/clash/pic.orig"
printf 'title: T\n' >"$TMP/clash/cfg.yaml"
printf 'p { }\n' >"$TMP/clash/my.css"
cp "$TMP/clash/coll/pic.png" "$TMP/clash/cover.png"
expect_status "outputs: the --config file is refused" 2 "$FOLIO" "$TMP/clash/coll" -t epub --config "$TMP/clash/cfg.yaml" -o "$TMP/clash/cfg.yaml"
contains "outputs: ... said" "$TMP/err" "the output '.*cfg\.yaml' is the config file folio reads"
expect_status "outputs: the --css file is refused" 2 "$FOLIO" "$TMP/clash/coll" -t epub --css "$TMP/clash/my.css" -o "$TMP/clash/my.css"
expect_status "outputs: the --cover file is refused" 2 "$FOLIO" "$TMP/clash/coll" -t epub --cover "$TMP/clash/cover.png" -o "$TMP/clash/cover.png"
expect_status "outputs: a picture in a SOURCE folder is refused" 2 "$FOLIO" "$TMP/clash/coll" -t epub -o "$TMP/clash/coll/pic.png"
contains "outputs: ... said" "$TMP/err" "the output '.*coll/pic\.png' is a file folio reads in the SOURCE"
grep -q '^title: T$' "$TMP/clash/cfg.yaml" && grep -q '^p { }$' "$TMP/clash/my.css" && ok "outputs: ... the settings and stylesheet untouched" \
	|| not_ok "outputs: settings and stylesheet untouched" "$(head -c 80 "$TMP/clash/cfg.yaml" "$TMP/clash/my.css" | tr -d '\0')"
same_bytes "outputs: ... the pictures untouched" "$TMP/clash/pic.orig" "$TMP/clash/coll/pic.png"
same_bytes "outputs: ... the cover untouched" "$TMP/clash/pic.orig" "$TMP/clash/cover.png"

# Named pipes named like a page or a folio.yaml (unpacked from an archive) are never read (a read
# would block) and are said: they were skipped without a word. A Hugo site's .html pipe too.
mkdir -p "$TMP/fifo/c" "$TMP/fifo/site/content/posts"
printf -- '---\ntitle: A\ndate: 2024-01-01\n---\n\nText.\n' >"$TMP/fifo/c/a.md"
mkfifo "$TMP/fifo/c/news.md" "$TMP/fifo/c/folio.yaml" "$TMP/fifo/c/_index.md"
expect_status "fifo: the book is written, nothing blocks" 0 timeout 30 "$FOLIO" --offline "$TMP/fifo/c" -o "$TMP/fifo.epub"
contains "fifo: a page that is a named pipe is left out, said" "$TMP/err" "news\.md \(not a regular file: a named pipe\)"
contains "fifo: ... a section's too" "$TMP/err" "_index\.md \(not a regular file: a named pipe\)"
contains "fifo: a folio.yaml that is one is said" "$TMP/err" "folio\.yaml: warning: is not a regular file \(a named pipe\); its settings are not read"
printf 'title = "s"\n' >"$TMP/fifo/site/hugo.toml"
printf -- '---\ntitle: P\ndate: 2024-01-01\n---\n\nText.\n' >"$TMP/fifo/site/content/posts/p.md"
mkfifo "$TMP/fifo/site/content/posts/index.html" "$TMP/fifo/site/content/posts/q.html"
expect_status "fifo: a site's .html pipes block nothing" 0 timeout 30 "$FOLIO" --offline --include-future "$TMP/fifo/site" -o "$TMP/fifo-site.epub"
contains "fifo: ... and are said" "$TMP/err" "q\.html \(not a regular file: a named pipe\)"
