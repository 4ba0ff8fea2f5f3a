# model.sh - golden tests of the book model: each tests/model/NAME (folder or .md) against NAME.model and NAME.err.
. "$(dirname "$0")/lib.sh"

for src in tests/model/*; do
	case $src in *.model|*.err|*.args) continue ;; esac
	name=$(basename "$src" .md)
	args=()
	[ -f "tests/model/$name.args" ] && read -r -a args <"tests/model/$name.args"
	"$FOLIO" "$src" "${args[@]}" -t model -o "$TMP/$name.model" 2>"$TMP/$name.err"
	echo "exit $?" >>"$TMP/$name.err"
	golden "model: $name" "tests/model/$name.model" "$TMP/$name.model"
	golden "model: $name messages" "tests/model/$name.err" "$TMP/$name.err"
done
