#!/usr/bin/python3
"""oracle.py - a stand-in for folio that makes its book out of Hugo's own pages, to test compare.py.

Called as compare.py calls folio (`oracle.py --offline [--only-lang L] SITE -o B.epub -o B.model`),
it builds SITE with hugo through compare.py's own steps and writes an EPUB and a model in folio's
shapes, with the changes folio's typography makes (no space between Chinese characters, straight
quotes in Chinese text made curly, a note beside each embedded frame). compare.py must pass on it:
that shows the checks can be met. ORACLE_BREAK=KIND spoils one thing (text: drops a sentence from the
longest page; title: changes a title; shortcode: leaves a shortcode; page: adds a page Hugo does not
publish; date: moves a date) and compare.py must then fail: that shows each check can fail.
"""
import copy
import os
import re
import shutil
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

from lxml import etree  # noqa: E402

X = "http://www.w3.org/1999/xhtml"
CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"


def folio_typography(text):
    """What folio's repairs do to Chinese text: no soft space between CJK, curly quotes in CJK."""
    text = re.sub("(?<=[%s])\\s+(?=[%s])" % (CJK, CJK), "", text)
    if re.search("[%s]" % CJK, text) and text.count('"') % 2 == 0:
        parts = text.split('"')
        text = "".join(p + ("\u201c" if i % 2 == 0 else "\u201d") for i, p in enumerate(parts[:-1])) + parts[-1]
    return text


def to_xhtml(el, links):
    """A copy of a Hugo element in the XHTML namespace, its links pointing into the book."""
    out = etree.Element("{%s}div" % X)
    out.text = folio_typography(el.text or "")
    for c in el:
        if not isinstance(c.tag, str):  # comments: keep only their tails
            if c.tail:
                if len(out):
                    out[-1].tail = (out[-1].tail or "") + folio_typography(c.tail)
                else:
                    out.text += folio_typography(c.tail)
            continue
        out.append(convert(c, links))
    return out


def convert(el, links):
    tag = el.tag if el.tag not in ("iframe", "script") else "span"
    n = etree.Element("{%s}%s" % (X, tag))
    for k in ("src", "href", "class", "style", "alt"):
        if el.get(k) is not None:
            n.set(k, links(el.get(k)) if k == "href" else el.get(k))
    n.text = folio_typography(el.text or "")
    if el.tag in ("iframe", "script"):
        n.text = "Embedded content " + (el.get("src") or "")
    for c in el:
        if isinstance(c.tag, str):
            n.append(convert(c, links))
        elif c.tail:
            if len(n):
                n[-1].tail = (n[-1].tail or "") + folio_typography(c.tail)
            else:
                n.text += folio_typography(c.tail)
    n.tail = folio_typography(el.tail or "")
    return n


def main():
    argv = sys.argv[1:]
    outs, only, site, i = [], None, None, 0
    while i < len(argv):
        a = argv[i]
        if a == "-o":
            outs.append(argv[i + 1]); i += 2; continue
        if a == "--only-lang":
            only = argv[i + 1]; i += 2; continue
        if not a.startswith("-"):
            site = a
        i += 1
    brk = os.environ.get("ORACLE_BREAK", "")
    work = tempfile.mkdtemp(prefix="oracle-")
    copy_root = compare.prepare_site(site, work)
    r, public, _ = compare.build_hugo("hugo", copy_root, work)
    if r.returncode:
        print(r.stderr, file=sys.stderr)
        return 1
    manifests = compare.read_manifests(public, copy_root)
    langs = [only] if only else list(manifests)
    settings = manifests[langs[0]][0]
    pages = [p for l in langs for p in manifests[l][1]]
    # The same pages again, as lxml elements, for their HTML.
    elements = {}
    for d, _, files in os.walk(public):
        for f in files:
            data = open(os.path.join(d, f), "rb").read() if f.endswith(".html") else b""
            if b'id="folio-compare-site"' in data:
                from lxml import html as lhtml
                for a in lhtml.fromstring(data.decode()).iter("article"):
                    elements[(a.get("data-lang"), os.path.relpath(a.get("data-path"), copy_root))] = a
    ids = {p.path: "a%04d" % (n + 1) for n, p in enumerate(pages)}
    keys = {compare.page_key(p.permalink, "/"): ids[p.path] for p in pages}
    longest = max(pages, key=lambda p: len(p.text)).path
    model = ["book", "  title: " + settings.get("title", "")]
    z_path = next(o for o in outs if o.endswith(".epub"))
    with zipfile.ZipFile(z_path, "w") as z:
        z.writestr("mimetype", "application/epub+zip")
        z.writestr("META-INF/container.xml",
                   '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                   '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>'
                   '</rootfiles></container>')
        items = []
        extra = list(pages[:1]) if brk == "page" else []
        for n, p in enumerate(pages + extra):
            art = ids[p.path] if n < len(pages) else "a9999"
            path = p.path if n < len(pages) else "content/never-published.md"
            el = elements[(p.lang, p.path)]
            base = p.permalink

            def links(h, base=base):
                k = compare.page_key(h.replace("https://example.org/", "/", 1), base)
                return keys[k] + ".xhtml" if k in keys and not h.startswith("#") else h

            body = to_xhtml(el.find_class("content")[0], links)
            if brk == "text" and p.path == longest:
                for t in body.iter():
                    if t.text and len(compare.normalise(t.text)) > 12:
                        t.text = ""
                        break
            if brk == "shortcode" and p.path == longest:
                body.text = "{{< param author >}}" + (body.text or "")
            title = p.title + ("（改）" if brk == "title" and p.path == longest else "")
            sec = etree.Element("{%s}section" % X, id=art, attrib={"class": "article"})
            head = etree.SubElement(sec, "{%s}header" % X, attrib={"class": "article-header"})
            etree.SubElement(head, "{%s}h1" % X, attrib={"class": "title"}).text = title
            sec.append(body)
            html = etree.Element("{%s}html" % X, nsmap={None: X})
            etree.SubElement(etree.SubElement(html, "{%s}head" % X), "{%s}title" % X).text = title
            etree.SubElement(html, "{%s}body" % X).append(sec)
            z.writestr("EPUB/%s.xhtml" % art, etree.tostring(html, xml_declaration=True, encoding="utf-8"))
            items.append('<item id="%s" href="%s.xhtml" media-type="application/xhtml+xml"/>' % (art, art))
            model.append("article %s %s" % (art, os.path.join(site, path)))
            model.append("  title: " + title)
            date = p.date
            if brk == "date" and p.path == longest:
                date = "1999-01-01"
            if date:
                model.append("  date: " + date)
            summary = re.sub(r"\s+", " ", p.summary).strip()
            if summary:
                model.append("  summary: " + folio_typography(summary))
        meta = "".join('<dc:%s>%s</dc:%s>' % (k, _esc(v), k) for k, v in (
            ("title", settings.get("title", "")), ("language", settings.get("language-code") or langs[0]),
            ("creator", settings.get("author", "")), ("rights", settings.get("copyright", "")),
            ("description", settings.get("description", ""))))
        z.writestr("EPUB/package.opf",
                   '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0">'
                   '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">%s</metadata><manifest>%s</manifest>'
                   '</package>' % (meta, "".join(items)))
    with open(next(o for o in outs if o.endswith(".model")), "w", encoding="utf-8") as fh:
        fh.write("\n".join(model) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


if __name__ == "__main__":
    sys.exit(main())
