#!/usr/bin/env bash
# make.sh - renders each built-in shortcode with the installed hugo, offline, into tests/hugo/reference/*.out:
# what Hugo emits (or the error it stops with) for every form issue 11 lists. Run it again after a Hugo upgrade.
set -u
cd "$(dirname "$0")"
out=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/content/posts" "$tmp/layouts/_default" "$tmp/layouts/shortcodes"
cat >"$tmp/hugo.toml" <<'TOML'
baseURL = "https://example.org/"
title = "reference"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
enableEmoji = true
[params]
motto = "site motto"
[params.river]
name = "Yangtze"
[markup.goldmark.renderer]
unsafe = true
TOML
echo '{{ .Content }}' >"$tmp/layouts/_default/single.html"
echo '' >"$tmp/layouts/_default/list.html"
echo '' >"$tmp/layouts/index.html"
# A site's own shortcode, to show {{< >}} against {{% %}}.
printf '<div class="notice">\n\n{{ .Inner }}\n\n</div>\n' >"$tmp/layouts/shortcodes/notice.html"
printf -- '---\ntitle: Target\n---\n\n## Section {#sec}\n' >"$tmp/content/posts/target.md"
{ echo "# $(hugo version)"; echo "# each case: the Markdown given, then what hugo wrote (or its error)"; } >"$out/shortcodes.out"

# case NAME MARKDOWN: one page holding MARKDOWN, built alone; appends the result to shortcodes.out.
case_() {
	local name=$1 md=$2
	rm -rf "$tmp/public" "$tmp/content/posts/case.md"
	printf -- '---\ntitle: Case\nauthor: Page Author\nnested:\n  key: page nested value\n---\n\n%s\n' "$md" >"$tmp/content/posts/case.md"
	{
		echo; echo "=== $name"; echo "--- markdown"; printf '%s\n' "$md"; echo "--- hugo"
		if hugo --source "$tmp" --destination "$tmp/public" --noBuildLock >"$tmp/log" 2>&1; then
			cat "$tmp/public/posts/case/index.html"
		else
			grep -E "^(ERROR|WARN|Error)" "$tmp/log" | sed -E -e "s|$tmp|SITE|g" -e 's/^(ERROR|WARN) [0-9/]+ [0-9:]+ /\1 /' -e 's/ on [0-9.:]+: no such host/: no such host/'
		fi
	} >>"$out/shortcodes.out"
}

case_ "figure: src only" '{{< figure src="pic.png" >}}'
case_ "figure: every parameter" '{{< figure src="pic.png" link="https://example.org/big.png" target="_blank" rel="noopener" alt="Alt text" title="The title" caption="A *caption*" attr="Photo: A. B." attrlink="https://example.org/ab" width="640" height="480" class="wide" >}}'
case_ "figure: caption without alt (alt falls back to the caption)" '{{< figure src="pic.png" caption="Only a caption" >}}'
case_ "figure: attr without attrlink, title without caption" '{{< figure src="pic.png" title="Only a title" attr="Photo: C." >}}'
case_ "figure: raw string with quotes" '{{< figure src="pic.png" caption=`He said "hi"` >}}'
case_ "figure: self-closing (an error: figure does not use .Inner)" '{{< figure src="pic.png" />}}'
case_ "figure: percent form" '{{% figure src="pic.png" caption="Percent *form*" %}}'
case_ "youtube: positional" '{{< youtube dQw4w9WgXcQ >}}'
case_ "youtube: named id, title, autoplay, class" '{{< youtube id="dQw4w9WgXcQ" title="A title" autoplay="true" class="video" >}}'
case_ "vimeo: positional" '{{< vimeo 146022717 >}}'
case_ "vimeo: named id, class, title" '{{< vimeo id="146022717" class="my-vimeo" title="A title" >}}'
case_ "tweet (fetches the post: fails offline)" '{{< tweet user="SanDiegoZoo" id="1453110110599868418" >}}'
case_ "twitter (fetches the post: fails offline)" '{{< twitter user="SanDiegoZoo" id="1453110110599868418" >}}'
case_ "x (not built in before Hugo 0.141)" '{{< x user="SanDiegoZoo" id="1453110110599868418" >}}'
case_ "instagram (needs an access token and the network)" '{{< instagram CxOWiQNP2MO >}}'
case_ "gist: user and id" '{{< gist spf13 7896402 >}}'
case_ "gist: user, id and file" '{{< gist spf13 7896402 "img.html" >}}'
case_ "highlight: language and options" "$(printf '{{< highlight go "linenos=false,hl_lines=2" >}}\npackage main\n\nfunc main() {}\n{{< /highlight >}}')"
case_ "highlight: line numbers in a table" "$(printf '{{< highlight go "linenos=table" >}}\na := 1\nb := 2\n{{< /highlight >}}')"
case_ "highlight: a fenced block inside is code text" "$(printf '{{< highlight text >}}\n```go\nx := 1\n```\n{{< /highlight >}}')"
case_ "details (not built in before Hugo 0.140)" "$(printf '{{< details summary="More" >}}\nInside.\n{{< /details >}}')"
case_ "param: page, site, nested, missing" "$(printf 'page {{< param author >}}, site {{< param motto >}}, nested {{< param "nested.key" >}} and {{< param "river.name" >}}')"
case_ "param: missing key (an error)" '{{< param nosuchkey >}}'
case_ "ref and relref, with a fragment" "$(printf '[a]({{< ref "target.md" >}}) [b]({{< ref "target.md#sec" >}}) [c]({{< relref "/posts/target.md#sec" >}}) [d]({{< relref path="target.md" >}}) bare: {{< ref "target" >}}')"
case_ "ref to nowhere (an error)" '[x]({{< ref "nowhere.md" >}})'
case_ "comment form, in text, a code span and a code block" "$(printf 'Text {{</* figure src="a.png" */>}} and `{{%%/* notice */%%}}`\n\n```\n{{</* param author */>}}\n```')"
case_ "live shortcode inside a code span and a code block (Hugo runs it)" "$(printf '`{{< param author >}}`\n\n```\n{{< param motto >}}\n```')"
case_ "angle form: inner text as it is" "$(printf '{{< notice >}}\n**not bold**\n{{< /notice >}}')"
case_ "percent form: inner text is Markdown" "$(printf '{{%% notice %%}}\n**bold**\n{{%% /notice %%}}')"
case_ "self-closing paired shortcode" '{{< notice />}}'
case_ "unknown shortcode (an error)" '{{< nosuchshortcode >}}'
case_ "unclosed shortcode (an error)" '{{< notice >}}never closed'
case_ "emoji codes and heading attributes" "$(printf '## Heading {#custom-id .cls}\n\n:smile: :+1: :tada:')"
echo "wrote $out/shortcodes.out"
