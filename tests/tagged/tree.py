#!/usr/bin/python3
"""tree.py - a tagged PDF's structure tree as text, one element a line, for tests/tagged.sh.

Usage: tree.py FILE.pdf

Each element: its depth in spaces, its type, then what it carries: alt="..." lang=... id=...
scope=... (a TH's /A /Scope), mcids=N (marked content it holds directly), annots=N and
contents="..." (the annotations its OBJRs name), text="..." (the /ActualText of the marked
content it holds, from the page content). A first line gives the catalog's facts.
"""
import re
import sys

import pikepdf


def text(o):
    return str(o) if o is not None else ''


def actual_texts(pdf):
    """(page objgen, MCID) -> the ActualText of that marked-content sequence."""
    out = {}
    for page in pdf.pages:
        key = page.obj.objgen
        for ins in pikepdf.parse_content_stream(page, 'BDC'):
            props = ins.operands[1] if len(ins.operands) > 1 else None
            if isinstance(props, pikepdf.Dictionary) and '/MCID' in props and '/ActualText' in props:
                out[(key, int(props.MCID))] = str(props.ActualText)
    return out


def main():
    pdf = pikepdf.open(sys.argv[1])
    root = pdf.Root
    mark = root.get('/MarkInfo')
    print('catalog lang=%s marked=%s display_title=%s' % (
        text(root.get('/Lang')), bool(mark is not None and mark.get('/Marked')),
        bool(root.get('/ViewerPreferences') is not None and root.ViewerPreferences.get('/DisplayDocTitle'))))
    texts = actual_texts(pdf)
    tree = root.get('/StructTreeRoot')
    if tree is None:
        print('no structure tree')
        return

    def kids(k):
        return list(k) if isinstance(k, pikepdf.Array) else ([] if k is None else [k])

    def walk(e, depth, pg):
        pg = e.get('/Pg', pg)
        line = ' ' * depth + str(e.S)[1:]
        for key, name in (('/Alt', 'alt'), ('/Lang', 'lang'), ('/ID', 'id')):
            if key in e:
                line += ' %s="%s"' % (name, text(e[key]))
        a = e.get('/A')
        if isinstance(a, pikepdf.Dictionary) and '/Scope' in a:
            line += ' scope=%s' % str(a.Scope)[1:]
        mcids, annots, contents, shown = 0, 0, [], []
        children = []
        for k in kids(e.get('/K')):
            if isinstance(k, int):
                mcids += 1
                shown.append(texts.get((pg.objgen, k), '') if pg is not None else '')
            elif isinstance(k, pikepdf.Dictionary) and k.get('/Type') == '/MCR':
                mcids += 1
                kp = k.get('/Pg', pg)
                shown.append(texts.get((kp.objgen, int(k.MCID)), '') if kp is not None else '')
            elif isinstance(k, pikepdf.Dictionary) and k.get('/Type') == '/OBJR':
                annots += 1
                contents.append(text(k.Obj.get('/Contents')))
            elif isinstance(k, pikepdf.Dictionary) and '/S' in k:
                children.append(k)
        if mcids:
            line += ' mcids=%d' % mcids
        if annots:
            line += ' annots=%d contents="%s"' % (annots, '|'.join(contents))
        if any(shown):
            line += ' text="%s"' % re.sub(r'\s+', ' ', ''.join(shown)).strip()
        print(line)
        for c in children:
            walk(c, depth + 1, pg)

    for k in kids(tree.get('/K')):
        walk(k, 0, None)


main()
