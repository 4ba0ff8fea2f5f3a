# hostile.sh - inputs built to break readers: YAML alias bombs, deep nesting, huge lines and tables.
# Every format must finish quickly, exit 0 and keep the text.
. "$(dirname "$0")/lib.sh"

h=$TMP/hostile
mkdir -p "$h"
printf -- '---\ntitle: self alias\nweird: &a [ *a ]\n---\nThe body survives a self-referencing alias.\n' >"$h/self-alias.md"
{
	printf -- '---\ntitle: billion laughs\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
	prev=a
	for n in b c d e f g h i j; do
		printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' $n $n $prev $prev $prev $prev $prev $prev $prev $prev $prev
		prev=$n
	done
	printf -- '---\nThe body survives an alias bomb.\n'
} >"$h/laughs.md"
python3 - "$h" <<'PY'
import sys
d = sys.argv[1]
def w(name, title, body):
    open(f"{d}/{name}.md", "w").write(f"---\ntitle: {title}\n---\n{body}\n")
w("deep-quotes", "deep quotes", ">" * 20000 + " deepest quote text")
w("deep-lists", "deep lists", "".join("  " * i + "* item %d\n" % i for i in range(1500)))
w("emphasis", "emphasis storm", "*a **b " * 20000)
w("open-links", "open links", "[a](" * 20000)
w("long-line", "one long line", "汉字" * 200000 + " end of the long line")
w("wide-table", "wide table", "|" + "a|" * 300 + "\n|" + "-|" * 300 + "\n" + ("|" + "x|" * 300 + "\n") * 50)
PY

for f in "$h"/*.md; do
	name=$(basename "$f" .md)
	got=0
	timeout 60 "$FOLIO" -q "$f" -t model -o "$TMP/$name.model" 2>"$TMP/$name.err" || got=$?
	if [ $got = 0 ] && [ -s "$TMP/$name.model" ]; then ok "hostile model: $name"; else not_ok "hostile model: $name" "exit $got: $(head -5 "$TMP/$name.err")"; fi
done
contains "hostile: self alias kept as text" "$TMP/self-alias.model" "extra line 3: weird = "
contains "hostile: alias bomb bounded" "$TMP/laughs.model" "extra line 12: j = "
[ "$(wc -c <"$TMP/laughs.model")" -lt 100000 ] && ok "hostile: alias bomb output is small" || not_ok "hostile: alias bomb output is small" "$(wc -c <"$TMP/laughs.model") bytes"
