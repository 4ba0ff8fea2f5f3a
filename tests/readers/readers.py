#!/usr/bin/python3
# readers.py - opens EPUBs as reading systems would: every content document of the spine rendered in
# headless Chromium and in WebKitGTK at e-reader and phone widths, checked by probe.js with the engine's
# own layout boxes. Prints one line per problem (engine, document, viewport: what - where); exits 1 if any.
import argparse
import fnmatch
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import ink  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
OPF = "{http://www.idpf.org/2007/opf}"
CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"


def spine(root):
    """The content documents of an unpacked EPUB, in reading order."""
    cont = ET.parse(root / "META-INF/container.xml")
    opf_path = root / cont.find(".//%srootfile" % CONTAINER).get("full-path")
    opf = ET.parse(opf_path)
    items = {i.get("id"): i for i in opf.iter(OPF + "item")}
    docs = []
    for ref in opf.iter(OPF + "itemref"):
        item = items[ref.get("idref")]
        if item.get("media-type") == "application/xhtml+xml":
            docs.append((opf_path.parent / item.get("href")).resolve())
    return docs


def font_classes():
    """Installed font families by kind, from fontconfig: mono, sans, serif or other."""
    out = subprocess.run(["fc-list", "--format", "%{family}\t%{spacing}\n"], capture_output=True, text=True,
                         check=True).stdout
    classes = {}
    for line in out.splitlines():
        names, _, spacing = line.partition("\t")
        for name in names.split(","):
            low = name.strip().lower()
            if not low:
                continue
            if "mono" in low or spacing in ("90", "100", "110"):
                cls = "mono"
            elif any(w in low for w in ("serif", "song", "ming", "mincho", "batang", "myungjo")):
                cls = "serif" if "sans serif" not in low else "sans"
            elif any(w in low for w in ("sans", "gothic", "hei", "dotum")):
                cls = "sans"
            else:
                cls = "other"
            classes.setdefault(low, cls)
    return classes


def steps_for(opts, ink_png, shot):
    """What is done to each loaded page: a picture for people (its first screen), the checks (which colour
    the glyphs), a picture of the colours for ink.py (the whole page: a vertical one grows leftwards from
    the screen, and is pictured whole too), then the pop-up reader's view."""
    steps = [{"shot": shot, "full": False}] if shot else []
    steps += [{"js": "__folioProbe(%s)" % json.dumps(dict(opts, ink=True))},
              {"frames": 2},
              {"shot": ink_png, "full": True},
              {"js": "__folioInkClear() + __folioProbe(%s)" % json.dumps(dict(opts, popup=True))}]
    return steps


def run_chromium(jobs, setup, log):
    sys.path.insert(0, str(HERE))
    from chromium import Chromium
    results = []
    try:
        c = Chromium()
    except Exception as e:  # noqa: BLE001 - the harness itself failing is reported, not hidden
        return [{"error": "chromium: %s" % e}] * len(jobs)
    try:
        for job in jobs:
            try:
                c.load(job["url"], job["width"], job["height"])
                values = []
                for step in job["steps"]:
                    if "js" in step:
                        values.append(c.evaluate(setup + "\n" + step["js"]))
                    elif "frames" in step:
                        c.evaluate("new Promise(function (r) { requestAnimationFrame(function () {"
                                   " requestAnimationFrame(r); }); })")
                    else:
                        c.screenshot(step["shot"], step["full"])
                results.append({"values": values})
            except Exception as e:  # noqa: BLE001
                results.append({"error": "chromium: %s" % e})
                log("chromium: %s: %s" % (job["url"], e))
    finally:
        c.close()
    return results


def start_webkit(jobs, setup, workdir):
    spec = workdir / "webkit-jobs.json"
    spec.write_text(json.dumps({"setup": setup, "jobs": jobs}))
    cmd = ["/usr/bin/python3", str(HERE / "webkit.py"), str(spec)]
    if not os.environ.get("DISPLAY") or os.environ.get("FOLIO_READERS_XVFB") == "1":
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24"] + cmd
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish_webkit(proc, n):
    # 900 s, or 20 s a document for a big book (the whole corpus, 265 documents, took longer than 900 s
    # on a loaded 2-core machine).
    out, err = proc.communicate(timeout=max(900, 20 * n))
    results = []
    for line in out.splitlines():
        try:
            results.append(json.loads(line))
        except ValueError:
            pass
    if len(results) < n:
        tail = " ".join(err.strip().splitlines()[-3:])
        results += [{"error": "webkit: runner stopped (exit %s): %s" % (proc.returncode, tail)}] * (n - len(results))
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("books", nargs="+", help="EPUB files")
    ap.add_argument("--engines", default="chromium,webkit")
    ap.add_argument("--viewports", default="600x800,360x640", help="CSS pixel sizes, comma-separated")
    ap.add_argument("--only", default="*", help="documents to check, by file name (globs, comma-separated)")
    ap.add_argument("--shots", metavar="DIR", help="a PNG of each document's first screen, per engine")
    ap.add_argument("--keep", action="store_true", help="keep the unpacked books and the pictures of the ink")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    log = (lambda m: print(m, file=sys.stderr)) if args.verbose else (lambda m: None)
    start = time.time()
    engines = [e for e in args.engines.split(",") if e]
    viewports = [tuple(int(x) for x in v.split("x")) for v in args.viewports.split(",") if v]
    work = pathlib.Path(tempfile.mkdtemp(prefix="folio-readers."))
    try:
        probe = (HERE / "probe.js").read_text()
        opts = {"fontClass": font_classes()}
        jobs, where = [], []
        for book in args.books:
            root = work / ("book%d" % args.books.index(book))
            with zipfile.ZipFile(book) as z:
                z.extractall(root)
            for doc in spine(root):
                if not any(fnmatch.fnmatch(doc.name, g) for g in args.only.split(",")):
                    continue
                for (w, h) in viewports:
                    job = {"url": doc.as_uri(), "width": w, "height": h}
                    jobs.append(job)
                    where.append("%s:%s %dx%d" % (os.path.basename(book), doc.name, w, h))
        results, procs = {}, {}
        if args.shots:
            os.makedirs(args.shots, exist_ok=True)
        for e in engines:
            ejobs = []
            for n, (job, w) in enumerate(zip(jobs, where)):
                book, doc = w.split(" ")[0].split(":")
                shot = None
                if args.shots and w.endswith(" %dx%d" % viewports[0]):
                    shot = os.path.abspath(os.path.join(args.shots, "%s-%s-%s.png" % (
                        book.replace(".epub", ""), doc.replace(".xhtml", ""), e)))
                ejobs.append(dict(job, steps=steps_for(opts, str(work / ("%s-%d.png" % (e, n))), shot)))
            if e == "webkit":
                procs[e] = start_webkit(ejobs, probe, work)
            elif e == "chromium":
                results[e] = run_chromium(ejobs, probe, log)
            else:
                print("readers: unknown engine %s" % e, file=sys.stderr)
                return 2
        for e, p in procs.items():
            results[e] = finish_webkit(p, len(jobs))
        problems = errors = 0
        for e in engines:
            for n, (w, r) in enumerate(zip(where, results[e])):
                if "error" in r:
                    print("%s %s: harness error: %s" % (e, w, r["error"]))
                    errors += 1
                    continue
                normal, popup = json.loads(r["values"][0]), json.loads(r["values"][1])
                if args.keep:
                    (work / ("%s-%d.json" % (e, n))).write_text(r["values"][0])
                found = [(p["what"], p["where"]) for p in normal["problems"]]
                if normal.get("ink"):
                    t = time.time()
                    found += ink.collisions(str(work / ("%s-%d.png" % (e, n))), normal["ink"])
                    log("%s %s: ink %.2f s" % (e, w, time.time() - t))
                else:
                    found.append(("the engine cannot colour glyphs (no CSS Highlight API): ink not checked", "document"))
                log("%s %s: %d clusters, %d elements, %d characters' fonts, ms %s" % (
                    e, w, normal["stats"]["clusters"], normal["stats"]["elements"], normal["stats"]["fontChars"],
                    normal["stats"]["ms"]))
                found += [(p["what"] + " (notes as pop-ups)", p["where"]) for p in popup["problems"]]
                for what, where_ in found:
                    print("%s %s: %s — %s" % (e, w, what, where_))
                    problems += 1
        print("readers: %d documents × %d viewports × %d engines, %d problems, %d errors, %.1f s"
              % (len(jobs) // max(1, len(viewports)), len(viewports), len(engines), problems, errors,
                 time.time() - start), file=sys.stderr)
        return 2 if errors else (1 if problems else 0)
    finally:
        if args.keep:
            print("readers: kept %s" % work, file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
