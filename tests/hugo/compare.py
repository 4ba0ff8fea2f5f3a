#!/usr/bin/python3
"""compare.py - builds a Hugo site with hugo and with folio and compares them page by page (issue 11).

Hugo's side: the site is copied to a work folder, its page layouts are replaced by the comparison's own
(tests/hugo/site/layouts: each language's home page lists every page Hugo publishes, with its title,
dates, summary and .Content), keeping what shapes .Content (shortcodes, partials, render hooks), and
built offline with `hugo`. folio's side: `folio SITE` (the site root, as issue 11 asks) writes an EPUB
and its `-t model`, one book per language on a multilingual site (--only-lang), or with --one-book
one book of every language against all of Hugo's pages.

The issue's criteria: the same published pages, the same titles, folio's text covering at least
--min-coverage percent of Hugo's body text per page and overall, and no shortcode (`{{<`, `{{%`) left
in either book beyond those the comment form `{{</* */>}}` asks to show. Further checks (dates, manual
summaries, local pictures, links between pages, the book's metadata from the site settings) are
reported too and also decide the exit status unless --core-only.

Coverage: both texts are normalised (NFKC; curly quotes, dashes and ellipses folded to ASCII; emoji
variation selectors, zero-width characters and ALL white space removed, so CJK spacing repairs and
line breaks do not count; `**` touching a Chinese character or mark dropped, as folio pairs it into
bold). Hugo's text is cut into stretches at block boundaries (folio may put a note of its own between
two blocks); a character of a stretch is covered when some run of N (--ngram, default 8) characters of
the stretch around it occurs in folio's text, and a stretch shorter than N is covered when it occurs
whole; coverage is covered characters / all characters.

Exit status: 0 all checks pass, 1 a check fails, 2 hugo or the set-up failed.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.parse
import zipfile

from lxml import etree, html as lhtml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURE = os.path.join(HERE, "site")
# The comparison's own layouts, copied over any site's (paths under layouts/).
OWN_LAYOUTS = ["_default/baseof.html", "_default/single.html", "_default/list.html", "index.html",
               "partials/folio-compare-article.html"]
# What of a site's (or theme's) layouts shapes .Content and is kept.
KEEP_LAYOUTS = {"shortcodes", "partials", "_shortcodes", "_partials", "_markup"}  # the last three: Hugo >= 0.146
SITE_CONFIGS = ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json",
                "config.toml", "config.yaml", "config.yml", "config.json"]
XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"


# ---- text ------------------------------------------------------------------------------------

QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"',
                        "\u00bb": '"', "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'",
                        "\u201b": "'", "\u2032": "'", "\u2013": "--", "\u2014": "---"})
INVISIBLE = re.compile("[\ufe0e\ufe0f\u200b\u200c\u2060\u00ad\ufeff]")
# `**` touching a Chinese character or punctuation mark: CommonMark often leaves it as text there
# (`**嘉宾：**`), and folio's repair pairs it into bold; both sides drop it before comparing.
CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019"
LOOSE_STARS = re.compile("(?<=[%s])\\*\\*|\\*\\*(?=[%s])" % (CJK, CJK))
SPACE = re.compile(r"\s+")
SHORTCODE = re.compile(r"\{\{\s*[<%]")


def normalise(text):
    """The form both sides are compared in (see the module comment)."""
    t = LOOSE_STARS.sub("", text)
    t = unicodedata.normalize("NFKC", t).translate(QUOTES)
    t = INVISIBLE.sub("", t)
    t = unicodedata.normalize("NFKC", t)
    return SPACE.sub("", t)


def title_form(text):
    t = unicodedata.normalize("NFKC", text or "").translate(QUOTES)
    return SPACE.sub(" ", INVISIBLE.sub("", t)).strip().casefold()


def is_line_number(el):
    """Chroma's line numbers (a class or, with inline styles, user-select:none): not the code."""
    cls = el.get("class") or ""
    if cls.split() and set(cls.split()) & {"ln", "lnt", "footnote-backref"}:
        return True
    return "user-select:none" in (el.get("style") or "").replace(" ", "")


# Elements that end a stretch of text; folio may put something of its own between two of them
# (a note for an embedded frame, a placeholder for a picture), so coverage is counted per stretch.
BLOCKS = set("p div h1 h2 h3 h4 h5 h6 li dt dd td th tr blockquote pre figure figcaption table ul ol dl "
             "section article header footer details summary hr br aside nav iframe video audio img "
             "object embed script".split())
SEP = "\x01"


def text_of(el, skip):
    """The text of an element as a reader sees it (no comments, scripts or skipped elements), with SEP
    where a block begins or ends."""
    out = []

    def walk(e):
        if isinstance(e.tag, str) and not skip(e):
            name = etree.QName(e).localname if "}" in e.tag else e.tag
            block = name in BLOCKS
            if block:
                out.append(SEP)
            if name not in ("script", "style", "template"):
                if e.text:
                    out.append(e.text)
                for c in e:
                    walk(c)
            if block:
                out.append(SEP)
        if e.tail:
            out.append(e.tail)

    if el.text:
        out.append(el.text)
    for c in el:
        walk(c)
    return "".join(out)


def coverage(hugo, folio, n):
    """(covered, total, missing runs) of normalised Hugo text against normalised folio text. Each
    stretch of Hugo's text between two block boundaries counts on its own: a character is covered when
    a run of N characters of its stretch around it occurs in folio's text; a stretch shorter than N is
    covered when it occurs whole."""
    folio = folio.replace(SEP, "")
    grams = {folio[i:i + n] for i in range(len(folio) - n + 1)}
    covered_all, total, runs = 0, 0, []
    for seg in hugo.split(SEP):
        if not seg:
            continue
        total += len(seg)
        if len(seg) < n:
            if seg in folio:
                covered_all += len(seg)
            else:
                runs.append(seg)
            continue
        covered = bytearray(len(seg))
        for i in range(len(seg) - n + 1):
            if seg[i:i + n] in grams:
                covered[i:i + n] = b"\1" * n
        covered_all += sum(covered)
        start = None
        for i, c in enumerate(covered + b"\1"):
            if not c and start is None:
                start = i
            elif c and start is not None:
                runs.append(seg[start:i])
                start = None
    return covered_all, total, runs


def parse_date(s):
    if not s:
        return None
    s = s.strip()
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", s):
            d = datetime.datetime.fromisoformat(s + "T00:00:00")
        else:
            d = datetime.datetime.fromisoformat(s.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    if d.tzinfo is None:  # folio runs with TZ=UTC, and Hugo reads zone-less dates in UTC by default
        d = d.replace(tzinfo=datetime.timezone.utc)
    return d


# ---- Hugo's side -------------------------------------------------------------------------------

def prepare_site(site, work):
    """Copies SITE to WORK/site with the comparison's layouts in place of the site's own."""
    dst = os.path.join(work, "site")
    shutil.copytree(site, dst, symlinks=True, ignore=shutil.ignore_patterns(
        "public", ".git", "node_modules", ".hugo_build.lock", "_gen"))
    layout_dirs = [os.path.join(dst, "layouts")]
    themes = os.path.join(dst, "themes")
    if os.path.isdir(themes):
        layout_dirs += [os.path.join(themes, t, "layouts") for t in os.listdir(themes)]
    for ld in layout_dirs:
        if not os.path.isdir(ld):
            continue
        for name in os.listdir(ld):
            p = os.path.join(ld, name)
            if name in KEEP_LAYOUTS:
                continue
            if name == "_default" and os.path.isdir(os.path.join(p, "_markup")):
                # Render hooks shape .Content: keep them, drop the page layouts beside them.
                for sub in os.listdir(p):
                    if sub != "_markup":
                        q = os.path.join(p, sub)
                        shutil.rmtree(q) if os.path.isdir(q) else os.remove(q)
                continue
            shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.remove(p)
    for rel in OWN_LAYOUTS:
        os.makedirs(os.path.dirname(os.path.join(dst, "layouts", rel)), exist_ok=True)
        shutil.copyfile(os.path.join(FIXTURE, "layouts", rel), os.path.join(dst, "layouts", rel))
    return dst


def build_hugo(hugo, site, work):
    out = os.path.join(work, "public")
    env = dict(os.environ)
    # Only HTML pages: no feeds, taxonomies or git look-ups; environment variables win over any config.
    env.update(HUGO_DISABLEKINDS="taxonomy term taxonomyTerm RSS sitemap robotsTXT 404",
               HUGO_ENABLEGITINFO="false", HUGO_OUTPUTS_HOME="HTML", HUGO_OUTPUTS_SECTION="HTML",
               HUGO_OUTPUTS_PAGE="HTML")
    cmd = [hugo, "--source", site, "--destination", out, "--cacheDir", os.path.join(work, "hugo-cache"),
           "--noBuildLock", "--quiet"]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    version = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip()
    return r, out, version


class Page:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def read_manifests(public, site_copy):
    """{lang: (settings, [Page])} from every home page the comparison's index.html wrote."""
    found = {}
    for d, _, files in os.walk(public):
        for f in files:
            if not f.endswith(".html"):
                continue
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                data = fh.read()
            if b'id="folio-compare-site"' not in data:
                continue
            doc = lhtml.fromstring(data.decode("utf-8"))
            sec = doc.get_element_by_id("folio-compare-site")
            lang = sec.get("data-lang")
            if lang in found:
                continue
            pages = []
            for a in sec.iter("article"):
                path = a.get("data-path") or ""
                rel = os.path.relpath(path, site_copy) if path else ""
                content = a.find_class("content")[0]
                summary = a.find_class("summary")[0]
                skip = is_line_number
                pages.append(Page(
                    path=rel, lang=a.get("data-lang"), kind=a.get("data-kind"), title=a.findtext("h1") or "",
                    date=a.get("data-date"), permalink=a.get("data-permalink") or "",
                    truncated=a.get("data-truncated") == "true",
                    text=text_of(content, skip), summary=text_of(summary, skip),
                    imgs=[i.get("src") or "" for i in content.iter("img")],
                    links=[x.get("href") or "" for x in content.iter("a")]))
            settings = {k[5:]: v for k, v in sec.attrib.items() if k.startswith("data-")}
            found[lang] = (settings, pages)
    return found


def source_facts(site, rel):
    """What the source file itself says: comment-form shortcodes, a <!--more--> and a summary key."""
    try:
        with open(os.path.join(site, rel), encoding="utf-8") as fh:
            src = fh.read()
    except OSError:
        return 0, False, False
    comments = len(re.findall(r"\{\{[<%]/\*", src))
    head = "\n".join(src.lstrip("\ufeff\n").split("\n")[:60])
    summary_key = bool(re.search(r'^\s*"?summary"?\s*[:=]', head, re.M))
    return comments, "<!--more-->" in src, summary_key


# ---- folio's side -----------------------------------------------------------------------------

def run_folio(folio, site, work, name, args):
    epub = os.path.join(work, name + ".epub")
    model = os.path.join(work, name + ".model")
    # Hugo publishes by the clock (a future publishDate waits); folio by SOURCE_DATE_EPOCH when it is
    # set: the comparison gives folio the clock's time, so both judge "now" alike.
    env = dict(os.environ, TZ="UTC", XDG_CACHE_HOME=os.path.join(work, "folio-cache"),
               SOURCE_DATE_EPOCH=str(int(time.time())))
    cmd = [folio, "--offline"] + args + [site, "-o", epub, "-o", model]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=work)
    return cmd, r, epub, model


def read_model(model, site, cwd):
    """[(id, source path relative to SITE, {field: value})] from folio's -t model."""
    arts, cur = [], None
    with open(model, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            m = re.match(r"article (\S+) (.*)$", line)
            if m:
                path = m.group(2)
                full = path if os.path.isabs(path) else os.path.join(cwd, path)
                cur = (m.group(1), os.path.relpath(full, site), {})
                arts.append(cur)
            elif line and not line.startswith(" "):
                cur = None
            elif cur is not None:
                m = re.match(r"  (\w[\w-]*): (.*)$", line)
                if m and m.group(1) not in cur[2]:
                    cur[2][m.group(1)] = m.group(2)
    return arts


def read_epub(epub):
    """Metadata, {document name: parsed XHTML} and the folder of the package."""
    z = zipfile.ZipFile(epub)
    container = etree.fromstring(z.read("META-INF/container.xml"))
    opf_path = container.find(".//{urn:oasis:names:tc:opendocument:xmlns:container}rootfile").get("full-path")
    base = os.path.dirname(opf_path)
    opf = etree.fromstring(z.read(opf_path))
    meta = {}
    for tag in ("title", "language", "creator", "rights", "description"):
        el = opf.find(".//" + DC + tag)
        meta[tag] = (el.text or "").strip() if el is not None else ""
    docs = {}
    for item in opf.iter(OPF + "item"):
        if item.get("media-type") == "application/xhtml+xml":
            href = item.get("href")
            docs[href] = etree.fromstring(z.read(os.path.join(base, href) if base else href))
    return meta, docs


def folio_article(doc, art_id):
    """Title, body text, local picture count, link targets and all text of folio's article document."""
    sec = None
    for s in doc.iter(XHTML + "section"):
        if s.get("id") == art_id:
            sec = s
            break
    if sec is None:
        sec = doc.find(".//" + XHTML + "body")
    header = sec.find(XHTML + "header")
    title = ""
    if header is not None:
        h1 = header.find(".//" + XHTML + "h1")
        title = "".join(h1.itertext()) if h1 is not None else ""

    def skip(e):
        cls = (e.get("class") or "").split()
        return e is header or "backlink" in cls

    text = text_of(sec, skip)
    imgs = [i.get("src") for i in sec.iter(XHTML + "img")
            if not any("placeholder" in (p.get("class") or "") for p in i.iterancestors())]
    links = [a.get("href") or "" for a in sec.iter(XHTML + "a")]
    return title, text, imgs, links, "".join(doc.find(".//" + XHTML + "body").itertext())


# ---- comparison -------------------------------------------------------------------------------

def page_key(permalink_or_href, base_path):
    """A link's page: its path without the fragment, with a trailing slash, index.html dropped."""
    u = urllib.parse.urlsplit(urllib.parse.urljoin(base_path, permalink_or_href))
    p = urllib.parse.unquote(u.path)
    if p.endswith("index.html"):
        p = p[:-len("index.html")]
    return p if p.endswith("/") else p + "/"


def is_remote(src):
    return bool(re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", src or "", re.I))


def compare(args):
    site = os.path.abspath(args.site)
    work = args.work or tempfile.mkdtemp(prefix="folio-hugo-")
    os.makedirs(work, exist_ok=True)
    try:
        return compare_in(args, site, work)
    finally:
        if not args.work and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        elif args.keep or args.work:
            print(f"work files kept in {work}")


def compare_in(args, site, work):
    n = args.ngram
    copy = prepare_site(site, work)
    r, public, version = build_hugo(args.hugo, copy, work)
    print(f"hugo: {version}")
    if r.returncode != 0:
        print(f"hugo failed on {site} (exit {r.returncode}):\n{r.stderr.strip()[:4000]}")
        return 2
    manifests = read_manifests(public, copy)
    if not manifests:
        print("hugo wrote no manifest: the comparison's layouts/index.html was not used")
        return 2
    langs = sorted(manifests, key=lambda l: (l != manifests[l][0].get("first-lang"), l))  # by weight
    if args.lang:
        langs = [l for l in langs if l in args.lang]
    total_pages = sum(len(manifests[l][1]) for l in langs)
    print(f"hugo: {site}: {len(manifests)} language(s) ({', '.join(langs)}), {total_pages} published pages")

    core_fail, further_fail = [], []
    fig = {"pages_hugo": 0, "pages_matched": 0, "pages_missing": 0, "pages_extra": 0,
           "titles_same": 0, "chars": 0, "covered": 0, "low_pages": 0,
           "leftover_folio": 0, "leftover_hugo": 0, "dates": [0, 0], "summaries": [0, 0],
           "images": [0, 0], "links": [0, 0], "metadata": [0, 0], "books": []}
    per_page = []
    # One book per language (--only-lang), as issue 11 asks of multilingual sites; or, with --one-book,
    # one book of every language against all of Hugo's pages.
    if args.one_book or len(manifests) == 1:
        books = [("all" if len(langs) > 1 else langs[0], langs, [])]
    else:
        books = [(l, [l], ["--only-lang", l]) for l in langs]
    for lang, book_langs, only in books:
        settings = manifests[book_langs[0]][0]
        hpages = [p for l in book_langs for p in manifests[l][1]]
        name = "book-" + re.sub(r"[^A-Za-z0-9_-]", "_", lang)
        fargs = list(args.folio_arg or []) + only
        cmd, fr, epub, model = run_folio(args.folio, site, work, name, fargs)
        warnings = [l for l in fr.stderr.splitlines() if ": warning: " in l]
        print(f"\n== book {lang}: {' '.join(os.path.basename(c) if c == args.folio else c for c in cmd)}")
        print(f"folio: exit {fr.returncode}, {len(warnings)} warning(s), "
              f"{sum(1 for l in fr.stderr.splitlines() if ': error: ' in l)} error(s)")
        for l in fr.stderr.splitlines()[:args.show_messages]:
            print("   ", l)
        book = {"lang": lang, "exit": fr.returncode, "warnings": len(warnings)}
        fig["books"].append(book)
        arts, docs, meta = [], {}, {}
        if fr.returncode == 0 and os.path.exists(epub) and os.path.exists(model):
            arts = read_model(model, site, work)
            meta, docs = read_epub(epub)
        else:
            core_fail.append(f"folio failed on the {lang} book")

        by_path = {a[1]: a for a in arts}
        hugo_by_path = {p.path: p for p in hpages}
        key_to_path = {page_key(p.permalink, "/"): p.path for p in hpages}
        missing = [p for p in hpages if p.path not in by_path]
        extra = [a for a in arts if a[1] not in hugo_by_path]
        fig["pages_hugo"] += len(hpages)
        fig["pages_missing"] += len(missing)
        fig["pages_extra"] += len(extra)

        # Shortcodes left anywhere outside the articles (title page, contents, part pages).
        art_docs = {a[0] + ".xhtml" for a in arts}
        for href, doc in docs.items():
            if os.path.basename(href) not in art_docs:
                k = len(SHORTCODE.findall("".join(doc.find(".//" + XHTML + "body").itertext())))
                if k:
                    fig["leftover_folio"] += k
                    core_fail.append(f"{lang}: {k} shortcode(s) left in {href}")

        print(f"{'page':<58} {'hugo':>6} {'folio':>6} {'cover':>7}  title date  {{{{<")
        for p in sorted(hpages, key=lambda p: p.path):
            comments, has_more, has_summary_key = source_facts(copy, p.path)
            ht = normalise(p.text)
            hchars = len(ht.replace(SEP, ""))
            hugo_left = len(SHORTCODE.findall(p.text))
            row = {"book": lang, "lang": p.lang, "path": p.path, "hugo_chars": hchars}
            fig["chars"] += hchars
            if hugo_left != comments:
                fig["leftover_hugo"] += abs(hugo_left - comments)
                core_fail.append(f"{p.path}: hugo shows {hugo_left} shortcode(s), the source asks for {comments}")
            a = by_path.get(p.path)
            if a is None:
                row.update(folio_chars=0, coverage=0.0, title="missing")
                per_page.append(row)
                print(f"{p.path[-58:]:<58} {hchars:>6} {'-':>6} {'-':>7}  not in folio's book")
                fig["low_pages"] += 1
                continue
            fig["pages_matched"] += 1
            doc = docs.get(a[0] + ".xhtml")
            if doc is None:
                doc = next((d for h, d in docs.items() if os.path.basename(h) == a[0] + ".xhtml"), None)
            ftitle, ftext, fimgs, flinks, _ = folio_article(doc, a[0]) if doc is not None else ("", "", [], [], "")
            ft = normalise(ftext).replace(SEP, "")
            cov, tot, runs = coverage(ht, ft, n)
            fig["covered"] += cov
            pct = 100.0 * cov / tot if tot else 100.0
            if pct < args.min_coverage:
                fig["low_pages"] += 1
            title_ok = title_form(ftitle) == title_form(p.title) and title_form(a[2].get("title", "")) == title_form(p.title)
            fig["titles_same"] += title_ok
            # Leftover shortcodes in folio's article beyond what the comment form shows.
            folio_left = len(SHORTCODE.findall(ftext))
            if folio_left != comments:
                fig["leftover_folio"] += abs(folio_left - comments)
            # Further checks.
            hd, fd = parse_date(p.date), parse_date(a[2].get("date"))
            date_ok = None
            # A home page's date is Hugo's newest page's (none of its own): folio prints none.
            if hd is not None and p.kind == "page":
                date_ok = fd is not None and fd == hd
                fig["dates"][0] += date_ok
                fig["dates"][1] += 1
            if has_more or has_summary_key:
                s_ok = normalise(p.summary).replace(SEP, "") == normalise(a[2].get("summary", "")).replace(SEP, "")
                fig["summaries"][0] += s_ok
                fig["summaries"][1] += 1
                row["summary_ok"] = s_ok
            local = [s for s in p.imgs if not is_remote(s)]
            if local:
                got = min(len(fimgs), len(local))
                fig["images"][0] += got
                fig["images"][1] += len(local)
                row["images"] = [got, len(local)]
            want = set()
            for h in p.links:
                if h.startswith("#") or (is_remote(h) and not h.startswith(args.base_url)):
                    continue
                k = key_to_path.get(page_key(h.replace(args.base_url, "/", 1) if h.startswith(args.base_url) else h, p.permalink))
                if k and k != p.path and k in by_path:
                    want.add(by_path[k][0])
            if want:
                have = {os.path.basename(urllib.parse.urlsplit(l).path).rsplit(".", 1)[0] for l in flinks}
                got = len(want & have)
                fig["links"][0] += got
                fig["links"][1] += len(want)
                row["links"] = [got, len(want)]
            row.update(folio_chars=len(ft), coverage=round(pct, 2), title_ok=title_ok, date_ok=date_ok,
                       hugo_shortcodes=hugo_left, folio_shortcodes=folio_left,
                       missing_text=[r for r in runs if len(r) >= 2][:args.show_missing])
            per_page.append(row)
            mark = "ok" if title_ok else "DIFF"
            dmark = "-" if date_ok is None else ("ok" if date_ok else "DIFF")
            print(f"{p.path[-58:]:<58} {hchars:>6} {len(ft):>6} {pct:>6.2f}%  {mark:<5} {dmark:<5} {folio_left}/{comments}")
            if not title_ok:
                print(f"      title: hugo {p.title!r}, folio {ftitle!r}")
            if date_ok is False:
                print(f"      date: hugo {p.date}, folio {a[2].get('date')}")
            if pct < args.min_coverage:
                for r in row["missing_text"]:
                    print(f"      not in folio: {r[:100]}")
        book_rows = [r for r in per_page if r["book"] == lang]
        b_chars = sum(r["hugo_chars"] for r in book_rows)
        b_cov = sum(r["hugo_chars"] * r["coverage"] / 100 for r in book_rows)
        book.update(pages_hugo=len(hpages), pages_folio=len(hpages) - len(missing), extra=len(extra),
                    coverage=round(100 * b_cov / b_chars, 2) if b_chars else 100.0)
        print(f"book {lang}: {len(hpages)} pages published by hugo, {len(hpages) - len(missing)} of them in "
              f"folio's book, {len(extra)} extra; coverage {book['coverage']:.2f}% of {b_chars} characters")
        for p in missing:
            print(f"  missing from folio's book: {p.path} ({p.title})")
        for a in extra:
            print(f"  extra in folio's book: {a[1]} ({a[2].get('title', '')})")

        # The book's metadata, from the site's settings.
        # A language without a languageCode of its own inherits the site's (sofastack.tech's English
        # pages get "zh-CN"): the book then says the language key.
        first = book_langs[0]
        code = settings.get("language-code") or first
        if code.split("-")[0].lower() != first.split("-")[0].lower():
            code = first
        want_meta = {"title": settings.get("title", ""), "language": code,
                     "creator": settings.get("author", ""), "rights": settings.get("copyright", ""),
                     "description": settings.get("description", "")}
        for k, v in want_meta.items():
            if not v:
                continue
            same = title_form(meta.get(k, "")) == title_form(v)
            fig["metadata"][0] += same
            fig["metadata"][1] += 1
            if not same:
                print(f"  book {k}: hugo site {v!r}, folio {meta.get(k, '')!r}")

    overall = 100.0 * fig["covered"] / fig["chars"] if fig["chars"] else 100.0
    fig["coverage"] = round(overall, 2)
    print("\n== summary")
    print(f"pages: {fig['pages_hugo']} published by hugo, {fig['pages_matched']} in folio's book(s), "
          f"{fig['pages_missing']} missing, {fig['pages_extra']} extra")
    print(f"titles: {fig['titles_same']}/{fig['pages_hugo']} the same")
    print(f"coverage: {overall:.2f}% of {fig['chars']} characters of Hugo's body text "
          f"({fig['low_pages']} page(s) under {args.min_coverage}%)")
    print(f"shortcodes left: {fig['leftover_folio']} in folio's book(s), {fig['leftover_hugo']} in hugo's "
          f"(beyond the comment form)")
    for k in ("dates", "summaries", "images", "links", "metadata"):
        print(f"{k}: {fig[k][0]}/{fig[k][1]}")

    if fig["pages_missing"] or fig["pages_extra"]:
        core_fail.append("not the same set of pages")
    if fig["titles_same"] != fig["pages_hugo"]:
        core_fail.append("titles differ")
    if fig["low_pages"] or overall < args.min_coverage:
        core_fail.append(f"coverage under {args.min_coverage}%")
    if fig["leftover_folio"] or fig["leftover_hugo"]:
        core_fail.append("shortcodes left in a book")
    for k in ("dates", "summaries", "images", "links", "metadata"):
        if fig[k][0] != fig[k][1]:
            further_fail.append(k)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"hugo": version, "site": site, "figures": fig, "pages": per_page,
                       "core_failures": core_fail, "further_failures": further_fail}, fh,
                      ensure_ascii=False, indent=1)
    print("issue criteria: " + ("PASS" if not core_fail else "FAIL (" + "; ".join(dict.fromkeys(core_fail)) + ")"))
    print("further checks: " + ("PASS" if not further_fail else "FAIL (" + ", ".join(further_fail) + ")"))
    if core_fail or (further_fail and not args.core_only):
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", default=FIXTURE, help="Hugo site root (default: the fixture)")
    ap.add_argument("--folio", default=os.environ.get("FOLIO_BIN", os.path.join(ROOT, "build", "folio")))
    ap.add_argument("--folio-arg", action="append", help="one more argument for folio (repeatable)")
    ap.add_argument("--hugo", default="hugo")
    ap.add_argument("--lang", action="append", help="compare only this Hugo language (repeatable)")
    ap.add_argument("--one-book", action="store_true",
                    help="one book of every language (no --only-lang) against all of Hugo's pages")
    ap.add_argument("--min-coverage", type=float, default=99.5)
    ap.add_argument("--ngram", type=int, default=8)
    ap.add_argument("--base-url", default="https://example.org/",
                    help="the site's baseURL, so absolute links into the site count as internal")
    ap.add_argument("--core-only", action="store_true", help="only the issue's criteria decide the exit status")
    ap.add_argument("--json", help="write every figure to this file")
    ap.add_argument("--work", help="work in this folder and keep it")
    ap.add_argument("--keep", action="store_true", help="keep the temporary work folder")
    ap.add_argument("--show-missing", type=int, default=3, help="missing runs of text shown per page")
    ap.add_argument("--show-messages", type=int, default=0, help="folio messages shown per book")
    args = ap.parse_args()
    if not os.path.isdir(args.site):
        ap.error(f"{args.site}: not a folder")
    if not any(os.path.exists(os.path.join(args.site, c)) for c in SITE_CONFIGS) and \
            not os.path.isdir(os.path.join(args.site, "config")):
        ap.error(f"{args.site}: no hugo.toml, hugo.yaml, hugo.json or config.* (not a Hugo site root)")
    if not shutil.which(args.hugo):
        print(f"compare.py: {args.hugo} not found (apt-get install hugo)", file=sys.stderr)
        return 2
    args.folio = os.path.abspath(args.folio)
    if not os.access(args.folio, os.X_OK):
        print(f"compare.py: {args.folio} is not a program (run make)", file=sys.stderr)
        return 2
    return compare(args)


if __name__ == "__main__":
    sys.exit(main())
