#!/usr/bin/env bash
# real-site.sh - runs compare.py on a real Hugo site with Chinese content: SOFAStack's website
# (sofastack/sofastack.tech on GitHub, Apache-2.0), at the commit the README's figures were measured on.
# Its content is not part of folio; it is cloned into DIR (default: a temporary folder) or read from an
# existing checkout. Usage: tests/hugo/real-site.sh [DIR] [compare.py options, e.g. --one-book]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
commit=38c28a43d187f60a3b279ce8e7c140fa6afb4e42
dir=${1:-}
[ $# -gt 0 ] && shift
if [ -z "$dir" ]; then
	dir=$(mktemp -d "${TMPDIR:-/tmp}/sofastack.XXXXXX")
	trap 'rm -rf "$dir"' EXIT
fi
if [ ! -f "$dir/config.toml" ]; then
	git clone --quiet https://github.com/sofastack/sofastack.tech "$dir"
	git -C "$dir" checkout --quiet "$commit"
fi
[ -d "$dir/.git" ] && echo "site: $dir at $(git -C "$dir" rev-parse HEAD)"
exec /usr/bin/python3 "$here/compare.py" --site "$dir" "$@"
