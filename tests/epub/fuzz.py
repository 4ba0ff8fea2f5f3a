#!/usr/bin/python3
"""fuzz.py - writes N Markdown articles of random raw HTML pieces, Markdown and text (fixed seed:
the same files every run) into DIR, for tests/epub.sh to build, validate and search for scripts.
Usage: fuzz.py DIR [N]"""
import os
import random
import sys

TAGS = ['div', 'span', 'p', 'a href="https://x.org/"', 'a href="javascript:x"', 'b', 'i', 'table', 'tr', 'td',
        'th', 'thead', 'tbody', 'tfoot', 'colgroup', 'col', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'script', 'style',
        'svg viewBox="0 0 1 1"', 'math', 'mi', 'mo', 'mrow', 'mfrac', 'msub', 'text', 'g', 'path d="M0 0"',
        'circle r="1" onload="x"', 'iframe src="https://e/"', 'textarea', 'title', 'xmp', 'plaintext', 'noscript',
        'template', 'pre', 'code', 'ruby', 'rt', 'rp', 'figure', 'figcaption', 'details', 'summary', 'caption',
        'img src="x.png" onerror="y"', 'img src="https://r/x.png" alt="a"', 'br', 'hr', 'object data="o"',
        'embed src="e"', 'form', 'input', 'select', 'option', 'foo', 'blockquote', 'h1', 'h3', 'sup', 'sub',
        'video src="v"', 'audio', 'source src="v"', 'q', 'abbr title="t"', 'bdo dir="rtl"', 'del', 'ins',
        'section', 'article', 'aside', 'header', 'footer', 'nav', 'main', 'center', 'font color=red', 'big', 'tt',
        'head', 'body', 'html', 'meta http-equiv=refresh', 'link', 'base href=x', 'frame', 'canvas', 'picture']
BITS = ['text', '**bold**', '*em*', '`code`', '[l](https://a.b)', '[j](javascript:x)', '[^1]', '\n\n', '\n',
        '<!--', '-->', '<![CDATA[', ']]>', '<?x', '?>', '&amp;', '&#0;', '&lt;', '> ', '- ', '1. ',
        '| a | b |\n|---|---|\n| c | d |\n', '中文', '"', "'", '=', '![i](https://i/x.png)', '## H\n', '\x07']

out_dir, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40
rnd = random.Random(20251128)
os.makedirs(out_dir, exist_ok=True)
for f in range(count):
    parts = ['---\ntitle: fuzz %d\ndate: 2025-06-01\nlang: en\n---\n\n' % f]
    for _ in range(rnd.randint(20, 150)):
        if rnd.random() < 0.3:
            parts.append('\n' + rnd.choice(['', '\n']))
        r = rnd.random()
        if r < 0.4:
            parts.append('<%s>' % rnd.choice(TAGS))
        elif r < 0.65:
            parts.append('</%s>' % rnd.choice(TAGS).split()[0])
        else:
            parts.append(rnd.choice(BITS))
        parts.append(rnd.choice(['', ' ', '\n', 'W%d' % rnd.randint(0, 999)]))
    parts.append('\n\n[^1]: note\n')
    with open(os.path.join(out_dir, 'f%02d.md' % f), 'w') as fh:
        fh.write(''.join(parts))
