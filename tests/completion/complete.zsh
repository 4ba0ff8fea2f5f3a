# complete.zsh - for tests/completion.sh: complete.zsh DIR LINE... prints, for each LINE, "== LINE" and
# the matches zsh's completion offers at its end (one a line, sorted), with DIR (holding _folio) first
# in fpath. It drives an interactive zsh through a pseudo-terminal (zsh/zpty) and presses Tab.
zmodload zsh/zpty
dir=$1; shift
zpty z zsh -f -i
zpty -w z 'PS1=""; PS2=""; RPS1=""; bindkey -e'
zpty -w z "fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
# Every match added is printed, marked, before it is added.
zpty -w z 'compadd() { if (( ${@[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi; local -a m; builtin compadd -O m "$@"; (( $#m )) && print -rl -- "<""M>"${^m}; builtin compadd "$@"; }'
# Wait for the set-up. (What is typed never holds a whole mark such as <END>, so the terminal's
# echo of the input is never taken for output.)
zpty -w z "print '<RE''ADY>'"
n=0
while (( n++ < 600 )); do
  if zpty -r -t z l; then [[ $l == *'<READY>'* && $l != *"print '<RE"* ]] && break; else sleep 0.05; fi
done
for line in "$@"; do
  zpty -w -n z "$line"$'\t'
  zpty -w -n z $'\C-a\C-k'
  zpty -w z "print '<E''ND>'"
  out=() n=0
  while (( n++ < 600 )); do
    if zpty -r -t z l; then
      out+=("${(@f)l}")
      [[ $l == *'<END>'* && $l != *"print '<E"* ]] && break
    else
      sleep 0.05
    fi
  done
  print -r -- "== $line"
  # (a match may share its line with the echo of what was typed: what follows the mark counts)
  for l in ${(M)out:#*<M>*}; do print -r -- ${l##*<M>}; done | tr -d '\r' | sort -u
done
zpty -d z
