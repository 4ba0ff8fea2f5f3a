#!/usr/bin/python3
"""fixtures.py - writes the hostile articles of tests/hostile.sh into DIR, and DIR/markers.tsv:
one line per article, NAME<TAB>TEXT, a word each output must still hold (the article's text kept).
Sizes are chosen to find real problems (quadratic passes, recursion, buffers) in seconds.
DIR/mixed/ is a collection of its own: an article that is not UTF-8 beside one that is.
Usage: fixtures.py DIR PICTURE [SCALE]
  PICTURE: a small image file, referenced thousands of times; SCALE (default 1) shrinks the articles
  that are only big (make check-asan uses 0.1: sanitized builds are ten times slower)."""
import os
import shutil
import sys

d = sys.argv[1]
os.makedirs(d, exist_ok=True)
shutil.copy(sys.argv[2], os.path.join(d, 'picture.png'))
scale = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0


def scaled(n):
    return max(10, int(n * scale))
markers = []


def article(name, title, body, marker, front=''):
    with open(os.path.join(d, name + '.md'), 'w', encoding='utf-8') as f:
        f.write('---\ntitle: %s\n%s---\n%s\n\n%s\n' % (title, front, body, marker))
    markers.append((name, marker))


def raw(name, data, marker):
    with open(os.path.join(d, name + '.md'), 'wb') as f:
        f.write(data)
    markers.append((name, marker))


# YAML: a self-referencing alias and an exponential alias bomb ("billion laughs").
article('self-alias', 'self alias', 'The body survives a self-referencing alias.', 'SELFALIASEND',
        front='weird: &a [ *a ]\n')
laughs = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
prev = 'a'
for n in 'bcdefghij':
    laughs += '%s: &%s [%s]\n' % (n, n, ','.join(['*' + prev] * 9))
    prev = n
article('laughs', 'billion laughs', 'The body survives an alias bomb.', 'LAUGHSEND', front=laughs)
# Nesting past sense: quotes, lists, emphasis, links, raw HTML.
article('deep-quotes', 'deep quotes', '>' * 20000 + ' DEEPQUOTE', 'QUOTESEND')
article('deep-lists', 'deep lists', ''.join('  ' * i + '* item %d\n' % i for i in range(1500)) + '  ' * 1500 + '* DEEPITEM\n',
        'LISTSEND')
article('deep-emphasis', 'nested emphasis', '*' * 20000 + 'DEEPEMPH' + '*' * 20000, 'EMPHNESTEND')
article('deep-html', 'nested raw HTML', '<div>' * 200000 + 'DEEPDIV' + '</div>' * 200000 + '\n\n'
        + 'x ' + '<span>' * 5000 + 'DEEPSPAN' + '</span>' * 5000, 'HTMLNESTEND')
# Raw HTML openings that swallow the rest of their container, each dropped and parsed again:
# 10000 side by side (one parse each made it quadratic), 3000 each hiding the next.
article('unclosed-many', 'unclosed comments', ''.join('- <!-- item %d and its words\n\n' % i for i in range(10000))
        + '- LASTITEM', 'UNCLOSEDEND')
article('unclosed-chain', 'comments hiding comments', ''.join('<!-- chain %d\n\nparagraph %d\n\n' % (i, i)
                                                                for i in range(3000)) + 'CHAINLAST', 'CHAINEND')
# "{{" with no "}}" after it, beside one shortcode: the labels' language was looked for past each
# one to the end of the text (200,000 of them: minutes).
article('open-braces', 'open braces', '{{< note >}}NOTEWORDS{{< /note >}}\n\n' + 'a {{ b\n' * scaled(200000),
        'BRACESEND')
# Table delimiter rows that start no table, in one paragraph: cmark-gfm read the paragraph again at
# each (20,000: minutes); a head of fewer cells than its delimiter row is a table of its rows.
article('table-rows-no-table', 'delimiter rows', 'a|b|c\n-|-\n' * scaled(20000), 'ROWSNOTABLEEND')
article('table-rows-padded', 'delimiter rows padded', 'a|b\n-|-|-\n' * scaled(20000), 'ROWSPADDEDEND')
article('emphasis', 'emphasis storm', '*a **b ' * 20000, 'EMPHEND')
article('open-links', 'open links', '[a](' * 20000, 'LINKSEND')
# Size: a long line, a 5 MB paragraph of Chinese without one punctuation mark, a 200 KB URL.
article('long-line', 'one long line', '汉字' * scaled(200000) + ' LONGLINEEND', 'LONGEND')
han = '中华人民共和国国务院新闻办公室今天举行发布会介绍经济运行情况并回答记者提问'
article('chinese-5mb', 'five megabytes of Chinese', han * scaled(5 * 1024 * 1024 // len(han.encode())) + 'ZHEND', 'ZHPARAEND')
article('url-200kb', 'a 200 KB URL', 'https://example.com/' + 'path-segment/' * (200 * 1024 // 13) + 'URLEND', 'URLPARAEND')
# Counts: footnotes, headings, table rows, wide tables, images of one missing file.
notes = scaled(10000)
article('footnotes', '10000 footnotes', ' '.join('word%d[^%d]' % (i, i) for i in range(notes)) + '\n\n'
        + '\n'.join('[^%d]: note %d' % (i, i) for i in range(notes - 1)) + '\n[^%d]: NOTELAST' % (notes - 1), 'NOTESEND')
article('headings', '5000 headings, each linked', '\n\n'.join('%s heading %d\n\ntext [to %d](#heading-%d)' % ('#' * (1 + i % 6), i, 4998 - i, 4998 - i)
                                                              for i in range(4999)) + '\n\n## HEADLAST', 'HEADSEND')
article('long-table', '10000 rows', '| a | b | c |\n|---|---|---|\n' + ''.join('| r%d | 中文 | x |\n' % i for i in range(scaled(9999)))
        + '| ROWLAST | y | z |\n', 'ROWSEND')
article('wide-table', 'wide table', '|' + 'a|' * 300 + '\n|' + '-|' * 300 + '\n' + ('|' + 'x|' * 300 + '\n') * 50, 'WIDEEND')
article('missing-images', 'one missing picture 3000 times', '\n\n'.join('![图片 %d](missing.png) text' % i for i in range(3000)),
        'IMAGESEND')
article('same-image', 'one picture 3000 times', '\n\n'.join('![图 %d](picture.png) text' % i for i in range(3000)),
        'SAMEIMGEND')
# Scripts: a javascript: source link (the header's link in the PDF) and body links.
article('js-links', 'script links', '正文 [点击](javascript:alert(1)) 和 <a href="javascript:alert(2)">链接</a>。\n\n'
        '[来源](javascript:alert(3))', 'JSLINKSEND')
# A 1 MB front matter: a long summary and thousands of keys folio keeps but does not use.
article('big-front-matter', 'a megabyte of front matter', 'The body after a big front matter.', 'FRONTEND',
        front='summary: "' + '摘要' * 100000 + '"\n' + ''.join('key%d: value %d\n' % (i, i) for i in range(40000)))
# Text that is valid UTF-8 but hostile: controls, noncharacters, bidi overrides, combining storms.
ctrl = ''.join(chr(c) for c in range(1, 32) if c not in (10, 13)) + '\x7f' + ''.join(chr(c) for c in range(0x80, 0xa0))
article('controls', 'control characters', ('text%s中文\ufffe\uffff\ufdd0\U0010ffff ' % ctrl) * 200
        + '\n\n`code%s`\n\n```\n%s\n```' % (ctrl, ctrl), 'CTRLEND')
article('noncharacters', '"标题\\uFFFE尾 \\U0010FFFF"', '## 小标题\uffff\n\n正文\ufdd0 [链接\ufffe](https://e.x/\ufffe)',
        'NONCHAREND', front='author: "作者\\uFDD0"\n')
article('bidi', 'bidi', ('English עברית العربية 中文 \u202eRLO override\u202c \u202dLRO \u2067isolate \u2066 \u200f\u200e '
                         '\u202b embed \u061c ') * 300, 'BIDIEND')
article('zalgo', 'combining storm', ('Z' + '\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309' * 30 + 'a ') * 300
        + '\n\n' + 'x' + '\u0335' * 10000 + ' 字' + '\u20dd' * 3000, 'ZALGOEND')
article('code-words', 'long words in code', '```\n' + 'x' * 100000 + '\n' + ('一' * 20000) + '\n```\n\n    '
        + 'indented' * 5000 + '\n\n`' + 'inline' * 5000 + '`', 'CODEEND')
# Not UTF-8 (lone surrogates, overlong forms, stray bytes): reported with its line and left out,
# the rest of the collection built.
os.makedirs(os.path.join(d, 'mixed'), exist_ok=True)
with open(os.path.join(d, 'mixed', 'bad.md'), 'wb') as f:
    f.write(b'---\ntitle: not utf-8\n---\nfine line\nlone surrogate \xed\xa0\x80 overlong \xc0\xaf stray \xff\xfe\n')
with open(os.path.join(d, 'mixed', 'good.md'), 'w') as f:
    f.write('---\ntitle: the good one\n---\nGOODNEIGHBOUR text stays.\n')
with open(os.path.join(d, 'markers.tsv'), 'w') as f:
    for name, marker in markers:
        f.write('%s\t%s\n' % (name, marker))
