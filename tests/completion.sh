# completion.sh - shell completions (src/cli/completions): bash's _folio called as bash calls it, zsh's
# _folio through an interactive zsh (tests/completion/complete.zsh): options in step with --help,
# values folio accepts, sources and files of the right kind, 'digest' and its options.
. "$(dirname "$0")/lib.sh"

comp=$ROOT/src/cli/completions
"$FOLIO_ONLINE" --help >"$TMP/help.txt" 2>&1
# The options of --help, one a line: -o and --output apart; digest's own in digest.opts.
sed -nE 's/^ +(-[A-Za-z], )?(--[a-z][a-z0-9-]*).*/\1\2/p' "$TMP/help.txt" | tr -d ',' | tr ' ' '\n' | grep . | sort >"$TMP/help.opts"
printf -- '--new\n--state\n' >"$TMP/digest.opts"
grep -vxF -f "$TMP/digest.opts" "$TMP/help.opts" >"$TMP/plain.opts"
# is NAME GOT WANT
is() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  $2
want: $3"; fi; }
# A folder of files of every kind the completions tell apart.
fx=$TMP/fx
mkdir -p "$fx/sub"
touch "$fx/a.md" "$fx/b.markdown" "$fx/c.txt" "$fx/book.epub" "$fx/theme.yaml" "$fx/cover.png" "$fx/style.css" "$fx/m.jsonl"
# folio batch's own options, as its --help lists them.
"$FOLIO_ONLINE" batch --help >"$TMP/batch-help.txt" 2>&1
sed -nE 's/^ +(-[A-Za-z], )?(--[a-z][a-z0-9-]*).*/\1\2/p' "$TMP/batch-help.txt" | tr -d ',' | tr ' ' '\n' | grep . | sort >"$TMP/batch.opts"

# ---- bash ----
# bcomp WORD...: what bash's _folio offers for the last WORD (the one being completed), sorted, one line.
bcomp() {
	(cd "$fx" && bash --norc -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _folio
		printf "%s\n" "${COMPREPLY[@]}"' _ "$comp/folio.bash" "$@") | sort | tr '\n' ' ' | sed 's/ $//'
}
check "bash: folio.bash is valid bash" bash -n "$comp/folio.bash"
is "bash: the options of --help" "$(bcomp folio -)" "$(tr '\n' ' ' <"$TMP/plain.opts" | sed 's/ $//')"
is "bash: folio digest adds --state and --new" "$(bcomp folio digest -)" "$(tr '\n' ' ' <"$TMP/help.opts" | sed 's/ $//')"
is "bash: --st outside digest" "$(bcomp folio --st)" "--strict"
is "bash: --st in digest" "$(bcomp folio digest --st)" "--state --strict"
is "bash: -t" "$(bcomp folio -t '')" "epub model pdf trace"
is "bash: --to=" "$(bcomp folio --to = '')" "epub model pdf trace"
is "bash: --sort" "$(bcomp folio src --sort '')" "-date date path title"
is "bash: --sort=d" "$(bcomp folio --sort = d)" "date"
is "bash: --page-size B" "$(bcomp folio --page-size B)" "B5 B5-JIS B6"
is "bash: --group-by" "$(bcomp folio --group-by '')" "category day lang month none section tag week"
is "bash: --webp" "$(bcomp folio --webp '')" "auto jpeg keep png"
is "bash: --marks" "$(bcomp folio --marks '')" "both crop crop,cross cross none"
is "bash: --pdf-standard" "$(bcomp folio --pdf-standard '')" "both none ua-1 ua-1,x-4 x-4"
is "bash: sources are folders and Markdown files; digest first" "$(bcomp folio '')" "a.md b.markdown batch digest sub"
is "bash: digest only as the first word" "$(bcomp folio a.md '')" "a.md b.markdown sub"
is "bash: folio batch: the options of its --help" "$(bcomp folio batch -)" "$(tr '\n' ' ' <"$TMP/batch.opts" | sed 's/ $//')"
check "bash: folio batch --help lists its options" test "$(wc -l <"$TMP/batch.opts")" -ge 8
is "bash: folio batch: manifests (YAML, JSON lines)" "$(bcomp folio batch '')" "m.jsonl sub theme.yaml"
is "bash: folio batch --shard" "$(bcomp folio batch --shard a)" "auto"
is "bash: -o: books, folders and -" "$(bcomp folio a.md -o '')" "- book.epub sub"
is "bash: --config: YAML" "$(bcomp folio --config '')" "sub theme.yaml"
is "bash: --cover: pictures" "$(bcomp folio --cover '')" "cover.png sub"
is "bash: --css: stylesheets" "$(bcomp folio --css '')" "style.css sub"
is "bash: --image-cache: folders" "$(bcomp folio --image-cache '')" "sub"
is "bash: --title: nothing offered" "$(bcomp folio --title '')" ""
if [ -f /usr/share/zoneinfo/Asia/Shanghai ]; then
	is "bash: --timezone" "$(bcomp folio --timezone Asia/Sha)" "Asia/Shanghai"
fi

# Every value offered is one folio takes: each is tried (on a small collection, as a model or trace).
for v in $(bcomp folio -t ''); do
	expect_status "bash: -t $v is accepted" 0 "$FOLIO" -q tests/model/coll -t "$v" -o "$TMP/v.$v"
done
for o in --sort --group-by --webp --page-size --marks --pdf-standard --bleed; do
	for v in $(bcomp folio "$o" ''); do
		expect_status "bash: $o $v is accepted" 0 "$FOLIO" -q tests/model/coll "$o" "$v" -t trace -o "$TMP/v.trace"
	done
done
expect_status "bash: (a page size not offered is refused, as bad usage)" 2 "$FOLIO" -q tests/model/coll --page-size A9 -t trace -o "$TMP/v.trace"

# ---- zsh ----
if ! command -v zsh >/dev/null; then
	not_ok "zsh: zsh is needed (Debian package zsh, in TEST_DEBS)"
	exit 0
fi
check "zsh: _folio is valid zsh" zsh -n "$comp/_folio"
# zsh's answers for many lines at once (one interactive zsh); zcomp LINE: its matches, one line.
(cd "$fx" && timeout 120 zsh -f "$ROOT/tests/completion/complete.zsh" "$comp" \
	'folio -' 'folio digest -' 'folio --st' 'folio digest --st' 'folio -t ' 'folio --to=' 'folio --sort ' \
	'folio --page-size B' 'folio --group-by ' 'folio --webp ' 'folio ' 'folio a.md ' 'folio -o ' \
	'folio --config ' 'folio --cover ' 'folio --css ' 'folio --image-cache ' 'folio batch -' 'folio batch m' \
	'folio --timezone Asia/Sha' \
	>"$TMP/zsh.out" 2>&1)
zcomp() { awk -v l="== $1" '$0 == l {p=1; next} /^== /{p=0} p' "$TMP/zsh.out" | sort | tr '\n' ' ' | sed 's/ $//'; }
grep -q '^== folio --timezone' "$TMP/zsh.out" && ok "zsh: completion ran for every line" \
	|| not_ok "zsh: completion ran for every line" "$(tail -5 "$TMP/zsh.out")"
is "zsh: the options of --help" "$(zcomp 'folio -')" "$(sort "$TMP/plain.opts" | tr '\n' ' ' | sed 's/ $//')"
is "zsh: folio digest adds --state and --new" "$(zcomp 'folio digest -')" "$(sort "$TMP/help.opts" | tr '\n' ' ' | sed 's/ $//')"
is "zsh: --st outside digest" "$(zcomp 'folio --st')" "--strict"
is "zsh: --st in digest" "$(zcomp 'folio digest --st')" "--state --strict"
is "zsh: -t" "$(zcomp 'folio -t ')" "epub model pdf trace"
is "zsh: --to=" "$(zcomp 'folio --to=')" "epub model pdf trace"
is "zsh: --sort" "$(zcomp 'folio --sort ')" "-date date path title"
is "zsh: --page-size B" "$(zcomp 'folio --page-size B')" "B5 B5-JIS B6"
is "zsh: --group-by" "$(zcomp 'folio --group-by ')" "category day lang month none section tag week"
is "zsh: --webp" "$(zcomp 'folio --webp ')" "auto jpeg keep png"
is "zsh: sources are folders and Markdown files; digest first" "$(zcomp 'folio ')" "a.md b.markdown batch digest sub"
is "zsh: digest only as the first word" "$(zcomp 'folio a.md ')" "a.md b.markdown sub"
is "zsh: -o: books and folders" "$(zcomp 'folio -o ')" "book.epub sub"
is "zsh: --config: YAML" "$(zcomp 'folio --config ')" "sub theme.yaml"
is "zsh: --cover: pictures" "$(zcomp 'folio --cover ')" "cover.png sub"
is "zsh: --css: stylesheets" "$(zcomp 'folio --css ')" "style.css sub"
is "zsh: --image-cache: folders" "$(zcomp 'folio --image-cache ')" "sub"
is "zsh: folio batch: the options of its --help" "$(zcomp 'folio batch -')" "$(sort "$TMP/batch.opts" | tr '\n' ' ' | sed 's/ $//')"
is "zsh: folio batch: manifests" "$(zcomp 'folio batch m')" "m.jsonl"
if [ -f /usr/share/zoneinfo/Asia/Shanghai ]; then
	is "zsh: --timezone" "$(zcomp 'folio --timezone Asia/Sha')" "Shanghai"
fi
