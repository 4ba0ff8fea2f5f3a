# webkit.py - renders pages in WebKitGTK (python3-gi, gir1.2-webkit2-4.1) and runs steps on each.
# Run under xvfb-run: reads a JSON file {"setup": JS, "jobs": [{url, width, height, steps}]}, where a step
# is {"js": code} (its string result is kept), {"frames": 2} or {"shot": png, "full": bool}; prints one JSON line per
# job: {"values": [one per js step]} or {"error": text}.
import json
import os
import sys

# Xvfb has no GPU: software drawing, no compositing, no DMA-BUF.
os.environ.setdefault("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
os.environ.setdefault("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
os.environ.setdefault("LIBGL_ALWAYS_SOFTWARE", "1")

import gi  # noqa: E402

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

TIMEOUT_MS = 60000
# Is the page vertical, how wide and tall are it and the screen (CSS pixels)?
PAGE_JS = ("(function () { var h = document.documentElement;"
           " return JSON.stringify([/^vertical/.test(getComputedStyle(h).writingMode), h.scrollWidth, h.clientWidth,"
           " h.scrollHeight, h.clientHeight]); })()")
# WebKit draws a snapshot into one Cairo image, which cannot be taller than 32,767 pixels: a whole-document
# picture of a taller page never answers. Such a page is pictured a screen at a time, scrolled downwards
# (FOLIO_READERS_TALLEST: a lower limit, for the harness's own test).
TALLEST_SNAPSHOT = int(os.environ.get("FOLIO_READERS_TALLEST", "16000"))


def main():
    spec = json.load(open(sys.argv[1]))
    jobs = spec["jobs"]
    win = Gtk.Window()
    view = WebKit2.WebView.new_with_context(WebKit2.WebContext.new_ephemeral())
    s = view.get_settings()
    s.set_enable_javascript_markup(False)  # content documents run no scripts; ours are injected
    s.set_hardware_acceleration_policy(WebKit2.HardwareAccelerationPolicy.NEVER)
    win.add(view)
    st = {"i": -1, "step": 0, "values": [], "timer": 0, "gen": 0}

    def emit(obj):
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    def next_job():
        if st["timer"]:
            GLib.source_remove(st["timer"])
            st["timer"] = 0
        st["i"] += 1
        st["gen"] += 1
        if st["i"] >= len(jobs):
            Gtk.main_quit()
            return False
        job = jobs[st["i"]]
        st["step"], st["values"] = 0, []
        win.resize(job["width"], job["height"])
        view.set_size_request(job["width"], job["height"])
        st["timer"] = GLib.timeout_add(TIMEOUT_MS, timed_out)
        view.load_uri(job["url"])
        return False

    def fail(text):
        emit({"error": text})
        GLib.idle_add(next_job)

    def timed_out():
        st["timer"] = 0
        fail("webkit: no answer within %d s" % (TIMEOUT_MS // 1000))
        return False

    def current(gen):
        return gen == st["gen"]  # a late answer for a job that already timed out is dropped

    def on_load(v, event):
        if event != WebKit2.LoadEvent.FINISHED:
            return
        gen = st["gen"]
        # Wait for fonts, then for two frames so that the window's size has been laid out.
        v.call_async_javascript_function(
            "await document.fonts.ready; await new Promise(function (r) {"
            " requestAnimationFrame(function () { requestAnimationFrame(r); }); }); return 1;",
            -1, None, None, None, None, settled, gen)

    def settled(v, res, gen):
        if not current(gen):
            return
        try:
            v.call_async_javascript_function_finish(res)
        except GLib.Error as e:
            fail("webkit: page did not settle: " + e.message)
            return
        run_step(gen)

    def run_step(gen):
        job = jobs[st["i"]]
        if st["step"] >= len(job["steps"]):
            emit({"values": st["values"]})
            GLib.idle_add(next_job)
            return
        step = job["steps"][st["step"]]
        st["step"] += 1
        if "js" in step:
            view.evaluate_javascript(spec.get("setup", "") + "\n" + step["js"], -1, None, None, None, on_js, gen)
        elif "frames" in step:  # let what a script changed be painted before a picture is taken
            view.call_async_javascript_function(
                "await new Promise(function (r) { requestAnimationFrame(function () { requestAnimationFrame(r); }); });"
                " return 1;", -1, None, None, None, None, on_frames, gen)
        elif step.get("full"):
            # WebKit's whole-document picture of a vertical page leaves out what lies left of the screen:
            # such a page is pictured a screen at a time, scrolled leftwards, and the pieces put together.
            view.evaluate_javascript(PAGE_JS, -1, None, None, None, on_page, (gen, step["shot"]))
        else:
            view.get_snapshot(WebKit2.SnapshotRegion.VISIBLE, WebKit2.SnapshotOptions.NONE, None, on_shot,
                              (gen, step["shot"]))

    def on_page(v, res, data):
        gen, path = data
        if not current(gen):
            return
        try:
            vertical, width, screen_w, height, screen_h = json.loads(v.evaluate_javascript_finish(res).to_string())
        except GLib.Error as e:
            fail("webkit: script error: " + e.message)
            return
        if vertical and width > screen_w:
            start_pieces(gen, path, width, screen_w, False)
        elif not vertical and height > TALLEST_SNAPSHOT:
            start_pieces(gen, path, height, screen_h, True)
        else:
            view.get_snapshot(WebKit2.SnapshotRegion.FULL_DOCUMENT, WebKit2.SnapshotOptions.NONE, None, on_shot, data)

    def start_pieces(gen, path, total, screen, down):
        st["pieces"] = {"path": path, "total": total, "screen": screen, "down": down, "at": [], "files": []}
        offset = 0
        while True:
            st["pieces"]["at"].append(min(offset, total - screen))
            if offset + screen >= total:
                break
            offset += screen
        next_piece(gen)

    def next_piece(gen):
        p = st["pieces"]
        k = len(p["files"])
        if k == len(p["at"]):
            stitch(p)
            run_step(gen)
            return
        view.call_async_javascript_function(
            # Down a tall page, only the screen's band is coloured (repainting every highlight of the page
            # for each screen took over a second a screen on a page of 90,000 pixels).
            ("__folioInkBand(x - 100, x + %d); window.scrollTo(0, x)" % (p["screen"] + 100) if p["down"]
             else "window.scrollTo(-x, 0)") +
            "; await new Promise(function (r) { requestAnimationFrame(function () {"
            " requestAnimationFrame(r); }); }); return 1;", -1,
            GLib.Variant("a{sv}", {"x": GLib.Variant("d", float(p["at"][k]))}), None, None, None, on_scrolled, gen)

    def on_scrolled(v, res, gen):
        if not current(gen):
            return
        try:
            v.call_async_javascript_function_finish(res)
        except GLib.Error as e:
            fail("webkit: could not scroll: " + e.message)
            return
        view.get_snapshot(WebKit2.SnapshotRegion.VISIBLE, WebKit2.SnapshotOptions.NONE, None, on_piece, gen)

    def on_piece(v, res, gen):
        if not current(gen):
            return
        p = st["pieces"]
        piece = "%s.%d.png" % (p["path"], len(p["files"]))
        try:
            v.get_snapshot_finish(res).write_to_png(piece)
        except Exception as e:  # noqa: BLE001 - reported with the job, the run goes on
            fail("webkit: screenshot failed: %s" % e)
            return
        p["files"].append(piece)
        # A piece is an answer: a tall page's many pieces get the time of one job each.
        GLib.source_remove(st["timer"])
        st["timer"] = GLib.timeout_add(TIMEOUT_MS, timed_out)
        next_piece(gen)

    def stitch(p):
        """The pieces as one picture of the page. Scrolled down by y, the screen shows what lies at y on the
        page. A vertical page's pieces go side by side: the screen scrolled x to the left shows what lies at
        x - scroll on the unscrolled page, which is at total - screen - x in the picture."""
        from PIL import Image
        first = Image.open(p["files"][0])
        size = (first.width, p["total"]) if p["down"] else (p["total"], first.height)
        whole = Image.new("RGB", size, "white")
        for x, f in zip(p["at"], p["files"]):
            at = (0, x) if p["down"] else (p["total"] - p["screen"] - x, 0)
            whole.paste(Image.open(f).convert("RGB"), at)
            os.remove(f)
        whole.save(p["path"])
        view.evaluate_javascript("window.scrollTo(0, 0)", -1, None, None, None, None, None)

    def on_js(v, res, gen):
        if not current(gen):
            return
        try:
            st["values"].append(v.evaluate_javascript_finish(res).to_string())
        except GLib.Error as e:
            fail("webkit: script error: " + e.message)
            return
        run_step(gen)

    def on_frames(v, res, gen):
        if not current(gen):
            return
        try:
            v.call_async_javascript_function_finish(res)
        except GLib.Error as e:
            fail("webkit: no frame: " + e.message)
            return
        run_step(gen)

    def on_shot(v, res, data):
        gen, path = data
        if not current(gen):
            return
        try:
            v.get_snapshot_finish(res).write_to_png(path)
        except Exception as e:  # noqa: BLE001 - reported with the job, the run goes on
            fail("webkit: screenshot failed: %s" % e)
            return
        run_step(gen)

    def on_failed(v, event, uri, err):
        fail("webkit: could not load %s: %s" % (uri, err.message))
        return True

    view.connect("load-changed", on_load)
    view.connect("load-failed", on_failed)
    win.set_default_size(600, 800)
    win.show_all()
    GLib.idle_add(next_job)
    Gtk.main()


if __name__ == "__main__":
    main()
