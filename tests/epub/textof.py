#!/usr/bin/python3
"""textof.py - checks on a built EPUB for tests/epub.sh: every XHTML entry must parse as
strict XML; prints the text of the spine pages (one per line) so the test can grep it.
Usage: textof.py BOOK.epub [ENTRY | --list]
  ENTRY: print the raw bytes of the entries matching this name or glob instead; --list: the names"""
import fnmatch
import sys
import zipfile
from lxml import etree

z = zipfile.ZipFile(sys.argv[1])
if len(sys.argv) > 2:
    if sys.argv[2] == '--list':
        print('\n'.join(z.namelist()))
        sys.exit(0)
    names = [n for n in z.namelist() if fnmatch.fnmatchcase(n, sys.argv[2])]
    for n in names:
        sys.stdout.buffer.write(z.read(n))
    sys.exit(0 if names else 1)
bad = 0
for name in z.namelist():
    if name.endswith(('.xhtml', '.opf', '.ncx', '.xml', '.svg')):
        try:
            etree.fromstring(z.read(name), etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as e:
            print('NOT WELL-FORMED %s: %s' % (name, e))
            bad += 1
for name in z.namelist():
    if name.endswith('.xhtml'):
        root = etree.fromstring(z.read(name))
        body = root.find('{http://www.w3.org/1999/xhtml}body')
        print(name + ': ' + ' '.join(''.join(body.itertext()).split()))
sys.exit(1 if bad else 0)
