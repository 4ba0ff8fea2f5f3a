#!/usr/bin/python3
"""check.py - what both books of one collection must agree on (tests/parity.sh).
Usage: check.py BOOK.epub BOOK.trace
Prints one line per disagreement and exits 1 when there is any; prints what it compared otherwise.
- links: the places the EPUB's article and part pages link to inside the book are exactly the
  places the PDF's article pages link to, and each is a destination of the PDF;
- labels: the notes heading of every EPUB page and the contents title are words the PDF sets;
- captions: the figure captions of the EPUB, in order, are the PDF's caption lines (the trace marks them)."""
import re
import sys
import zipfile
from lxml import etree

XHTML = '{http://www.w3.org/1999/xhtml}'
epub, trace = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(epub)
pages = sorted(n for n in z.namelist() if re.search(r'/(a\d{4}|p\d\d)\.xhtml$', n))
problems = []

# ---- the EPUB
epub_targets, notes_titles, captions = set(), [], []
for name in pages:
    root = etree.fromstring(z.read(name))
    for a in root.iter(XHTML + 'a'):
        href = a.get('href', '')
        if re.match(r'^[a-z][a-z0-9+.-]*:', href):
            continue  # out of the book
        page, _, frag = href.partition('#')
        epub_targets.add(frag if frag else page[:-len('.xhtml')])
    for h in root.iter(XHTML + 'h2'):
        if 'notes-title' in (h.get('class') or ''):
            notes_titles.append(''.join(h.itertext()).strip())
    for fc in root.iter(XHTML + 'figcaption'):
        captions.append(''.join(fc.itertext()).strip())
nav = etree.fromstring(z.read('EPUB/nav.xhtml'))
contents_title = ''.join(next(nav.iter(XHTML + 'h1')).itertext()).strip()

# ---- the PDF's pages
lines = open(trace, encoding='utf-8').read().splitlines()
texts, dests, pdf_targets, pdf_captions = set(), set(), set(), []
in_articles = False
contents_seen = None
for i, line in enumerate(lines):
    s = line.strip()
    m = re.match(r'^dest (\S+)', s)
    if m:
        dests.add(m.group(1))
        if re.match(r'^(a\d{4}|p\d\d)$', m.group(1)):
            in_articles = True
        if m.group(1) == 'contents' and i > 0:
            contents_seen = re.match(r'^text \S+ \S+ "(.*)"', lines[i - 1].strip())
    t = re.match(r'^text \S+ \S+ "(.*)"(.*)$', s)
    if t:
        texts.add(t.group(1))
        if t.group(2).endswith(' caption'):  # the trace marks what the tagged PDF calls a Caption
            pdf_captions.append(t.group(1))
    if in_articles and (s.startswith('text ') or s.startswith('link ')):
        for target in re.findall(r'->#(\S+)', s):
            pdf_targets.add(target)

# ---- agreement
for t in sorted(epub_targets - pdf_targets):
    problems.append('link: the EPUB links to %s, the PDF does not' % t)
for t in sorted(pdf_targets - epub_targets):
    problems.append('link: the PDF links to %s, the EPUB does not' % t)
for t in sorted(epub_targets - dests):
    problems.append('link: %s, a place the EPUB links to, is no destination of the PDF' % t)
for t in notes_titles:
    if t not in texts:
        problems.append('label: the EPUB\'s notes heading "%s" is not in the PDF' % t)
if not contents_seen or contents_seen.group(1) != contents_title:
    problems.append('label: contents title "%s" in the EPUB, "%s" in the PDF'
                    % (contents_title, contents_seen.group(1) if contents_seen else '(none)'))
if captions != pdf_captions:
    problems.append('captions: EPUB %s, PDF %s' % (captions, pdf_captions))
for p in problems:
    print(p)
if not problems:
    print('agree: %d places linked, %d notes headings, contents "%s", %d captions'
          % (len(epub_targets), len(notes_titles), contents_title, len(captions)))
sys.exit(1 if problems else 0)
