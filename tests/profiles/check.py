#!/usr/bin/python3
# check.py - what Kindle (Send to Kindle), Kobo and Apple Books ask of an EPUB beyond EPUBCheck, checked
# on the package: one line per problem (book: what); exit 1 if any. See README, "One book for every reader".
import re
import sys
import zipfile

# Send to Kindle converts only books in a language Kindle supports (the first dc:language's primary
# subtag): the languages KDP lists as supported (help topic G200673300, as of 2022), ISO 639-1 and 639-2.
KINDLE_LANGS = set("""af ar br ca co cy da de en es eu fi fr fy ga gd gl gsw gu gv hi is it ja kw lb ml mr nb nl nn
oc pl pt rm sco stq sv ta zh frr afr ara baq bre cat chi cor cos cym dan deu dut eng eus fin fra fre fry ger gla gle
glg glv guj hin ice isl ita jpn ltz mal mar nld nno nob nor oci por roh spa swe tam wel zho""".split())
KOBO_PAGE_MAX = 10 * 1000 * 1000	# Kobo's limit for each HTML file
KINDLE_MAIL_MAX = 50 * 1000 * 1000	# Send to Kindle by e-mail


def problems(path):
    z = zipfile.ZipFile(path)
    names = z.namelist()
    opf = z.read("EPUB/package.opf").decode()
    ncx = z.read("EPUB/toc.ncx").decode()
    pages = [n for n in names if n.endswith(".xhtml")]
    if not pages:
        yield "no XHTML page"
    langs = re.findall(r"<dc:language>([^<]*)</dc:language>", opf)
    if not langs or langs[0].split("-")[0].lower() not in KINDLE_LANGS:
        yield "first dc:language %r is not a language Send to Kindle converts" % (langs[:1],)
    ident = re.findall(r"<dc:identifier[^>]*>([^<]*)</dc:identifier>", opf)
    uid = re.findall(r'<meta name="dtb:uid" content="([^"]*)"', ncx)
    if not ident or ident != uid:
        yield "the NCX's dtb:uid %r is not the OPF's dc:identifier %r (Kobo)" % (uid, ident)
    order = [int(n) for n in re.findall(r'playOrder="(\d+)"', ncx)]
    if order != list(range(1, len(order) + 1)):
        yield "NCX playOrder is not 1, 2, 3... in document order (Send to Kindle)"
    body_ids = set()
    for n in pages:
        data = z.read(n)
        if not data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
            yield "%s: no XML declaration naming UTF-8 (Send to Kindle reads it as ISO-8859-1)" % n
        if len(data) > KOBO_PAGE_MAX:
            yield "%s: %d bytes, more than Kobo's 10 MB for one HTML file" % (n, len(data))
        if re.search(rb"<img(?![^>]*\ssrc=\")[^>]*>", data):
            yield "%s: an img without src (Send to Kindle)" % n
        m = re.search(rb'<body[^>]*\sid="([^"]+)"', data)
        if m:
            body_ids.add(n.split("/")[-1] + "#" + m.group(1).decode())
    for n in pages + ["EPUB/toc.ncx"]:
        text = z.read(n).decode()
        for target in body_ids:
            if target in text:
                yield "%s: links to %s, a body's id (Kindle shows it as a broken link)" % (n, target)
    odd = [n for n in names if not re.fullmatch(r"[A-Za-z0-9._/-]+", n)]
    if odd:
        yield "file names other than letters, digits, . _ - (Kobo): %s" % ", ".join(odd[:3])
    size = sum(i.compress_size for i in z.infolist())
    if size > KINDLE_MAIL_MAX:
        yield "%d bytes: more than Send to Kindle takes by e-mail (50 MB)" % size
    fonts = [n for n in names if n.startswith("EPUB/fonts/")]
    apple = "META-INF/com.apple.ibooks.display-options.xml" in names
    if fonts and not (apple and b'<option name="specified-fonts">true</option>' in
                      z.read("META-INF/com.apple.ibooks.display-options.xml")):
        yield "fonts embedded but Apple Books is not told to use them (display options)"
    if apple and not fonts:
        yield "Apple display options without embedded fonts"
    if 'page-progression-direction="rtl"' in opf and '<meta name="primary-writing-mode" content="vertical-rl"/>' not in opf:
        yield "pages turn right to left but Kindle's primary-writing-mode is missing"


def main():
    bad = 0
    for path in sys.argv[1:]:
        for p in problems(path):
            print("%s: %s" % (path.split("/")[-1], p))
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
