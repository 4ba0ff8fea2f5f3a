#!/usr/bin/python3
"""blocks.py - the block structure of an HTML page's article (dl, dt, dd, p, lists, quotes) and its text, a line each.

Reads Hugo's page or folio's EPUB XHTML (the article after its header); tags other than those
are dropped, their text kept, white space collapsed: what a reader sees as blocks, not markup.
"""
import html
import re
import sys

BLOCKS = ("dl", "dt", "dd", "p", "li", "ul", "ol", "blockquote")


def blocks(page):
    if "</header>" in page:
        page = page[page.find("</header>") + len("</header>"):]
    if "</section>" in page:
        page = page[:page.rfind("</section>")]
    out = []
    for tok in re.split(r"(<[^>]+>)", page):
        m = re.match(r"<(/?)([a-z]+)\b", tok)
        if m and m.group(2) in BLOCKS:
            out.append("\n%s%s " % (m.group(1), m.group(2)))
        elif not tok.startswith("<"):
            out.append(html.unescape(tok))
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(out).split("\n"))
    return [line for line in lines if line]


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        print("\n".join(blocks(f.read())))
