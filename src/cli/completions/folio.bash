# folio.bash - bash completion for folio, folio digest and folio batch: options, their values, sources and files.
# Installed as share/bash-completion/completions/folio; needs nothing from the bash-completion package.
# The option list is the one `folio --help` prints (tests/completion.sh keeps the two in step).

_folio_options="-o --output -t --to --config --title --subtitle --author --lang --cover --publisher
	--description --rights --css --embed-fonts --writing-mode --sort --include-drafts --include-future --include-expired --allow-empty
	--strict -q --quiet --verbose --report --page-size --margin --two-sided
	--show-grid --theme --bleed --marks --pdf-standard --untagged --since --until --last --category --tag --only-lang --limit
	--timezone --group-by
	--image-cache --offline --user-agent --referer --webp --image-max-pixels --image-max-megapixels
	--image-max-bytes --image-timeout -j --jobs --threads -h --help -V --version"
_folio_digest_options="--state --new"
_folio_batch_options="--status --resume --shard --threads --layout-memory -q --quiet -h --help"

# _folio_files [GLOB]: files matching GLOB (every file without one) and folders, under $cur.
_folio_files() {
	local f IFS=$'\n'
	compopt -o filenames 2>/dev/null
	for f in $(compgen -f -- "$cur"); do
		if [ -d "$f" ] || [ -z "${1-}" ]; then COMPREPLY+=("$f")
		else
			# shellcheck disable=SC2053
			[[ ${f,,} == $1 ]] && COMPREPLY+=("$f")
		fi
	done
}

# _folio_zones: time zone names under /usr/share/zoneinfo (a folder is completed up to its slash).
_folio_zones() {
	local z base=/usr/share/zoneinfo IFS=$'\n'
	COMPREPLY=($(compgen -W "UTC +08:00" -- "$cur"))
	[ -d "$base" ] || return
	for z in $(compgen -f -- "$base/$cur"); do
		case ${z#"$base"/} in posix* | right* | *.tab | *.zi | leapseconds | tzdata* | SECURITY) continue ;; esac
		if [ -d "$z" ]; then COMPREPLY+=("${z#"$base"/}/"); else COMPREPLY+=("${z#"$base"/}"); fi
	done
	compopt -o nospace 2>/dev/null
}

_folio() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev= i digest=
	COMPREPLY=()
	[ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD - 1]}
	[ "${COMP_WORDS[1]-}" = digest ] && [ "$COMP_CWORD" -gt 1 ] && digest=1
	# --opt=value: bash splits at '=' (COMP_WORDBREAKS): the option is the word before the '='.
	if [ "$cur" = = ]; then
		cur=
	elif [ "$prev" = = ] && [ "$COMP_CWORD" -gt 1 ]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi
	if [ "${COMP_WORDS[1]-}" = batch ] && [ "$COMP_CWORD" -gt 1 ]; then
		case $prev in
		--status) _folio_files '*.jsonl'; return ;;
		--shard) COMPREPLY=($(compgen -W "auto 0/2 1/2" -- "$cur")); return ;;
		--threads | --layout-memory) return ;;
		esac
		if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$_folio_batch_options" -- "$cur"))
		else _folio_files '*.@(yaml|yml|jsonl|ndjson|json)'; fi
		return 0
	fi
	case $prev in
	-t | --to) COMPREPLY=($(compgen -W "epub pdf model trace" -- "$cur")); return ;;
	-o | --output) _folio_files '*.@(epub|pdf|model|trace)'; COMPREPLY+=($(compgen -W "-" -- "$cur")); return ;;
	--config | --theme) _folio_files '*.@(yaml|yml)'; return ;;
	--cover) _folio_files '*.@(jpg|jpeg|png|gif|webp)'; return ;;
	--css) _folio_files '*.css'; return ;;
	--state | --report) _folio_files; return ;;
	--image-cache) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--sort) COMPREPLY=($(compgen -W "date -date title path" -- "$cur")); return ;;
	--page-size) COMPREPLY=($(compgen -W "A4 A5 A6 B5 B5-JIS B6 Letter 16K 32K" -- "$cur")); return ;;
	--group-by) COMPREPLY=($(compgen -W "none section category tag lang day week month" -- "$cur")); return ;;
	--marks) COMPREPLY=($(compgen -W "crop cross crop,cross both none" -- "$cur")); return ;;
	--pdf-standard) COMPREPLY=($(compgen -W "ua-1 x-4 ua-1,x-4 both none" -- "$cur")); return ;;
	--bleed) COMPREPLY=($(compgen -W "3mm 5mm" -- "$cur")); return ;;
	--webp) COMPREPLY=($(compgen -W "auto keep jpeg png" -- "$cur")); return ;;
	--writing-mode) COMPREPLY=($(compgen -W "horizontal-tb vertical-rl" -- "$cur")); return ;;
	--lang | --only-lang) COMPREPLY=($(compgen -W "zh zh-CN zh-Hans zh-Hant zh-TW zh-HK en ja ko" -- "$cur")); return ;;
	--last) COMPREPLY=($(compgen -W "24h 7d 2w 30d 1y" -- "$cur")); return ;;
	--timezone) _folio_zones; return ;;
	# Values with nothing to offer: text, names, dates, numbers.
	--title | --subtitle | --author | --publisher | --description | --rights | --since | --until | --category | \
	--tag | --limit | --user-agent | --referer | --image-max-pixels | --image-max-megapixels | \
	--image-max-bytes | --image-timeout | -j | --jobs | --threads | --margin) return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$_folio_options ${digest:+$_folio_digest_options}" -- "$cur"))
		return
	fi
	# A SOURCE: a folder or a Markdown file; 'digest' or 'batch' as the first word.
	_folio_files '*.@(md|markdown|mdown)'
	[ "$COMP_CWORD" = 1 ] && COMPREPLY+=($(compgen -W "digest batch" -- "$cur"))
	return 0
}
complete -F _folio folio
