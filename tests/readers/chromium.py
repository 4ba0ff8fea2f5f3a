# chromium.py - renders pages in Debian's headless Chromium over the DevTools protocol (python3-websocket).
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time

import websocket

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--mute-audio", "--remote-debugging-port=0"]


class Chromium:
    """One browser, one tab; load(url, w, h) then evaluate(js) and screenshot(path)."""

    def __init__(self, binary="/usr/bin/chromium", timeout=30):
        self.profile = tempfile.mkdtemp(prefix="folio-chromium.")
        self.timeout = timeout
        self.proc = subprocess.Popen([binary, *FLAGS, "--user-data-dir=" + self.profile, "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + timeout
        while not (os.path.exists(port_file) and len(open(port_file).read().split()) >= 2):
            if self.proc.poll() is not None or time.time() > deadline:
                self.close()
                raise RuntimeError("chromium did not start (exit %s)" % self.proc.poll())
            time.sleep(0.05)
        port, path = open(port_file).read().split()[:2]
        self.ws = websocket.create_connection("ws://127.0.0.1:%s%s" % (port, path), timeout=timeout,
                                              suppress_origin=True)
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)

    def call(self, method, session=False, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"].get("message")))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, name):
        deadline = time.time() + self.timeout
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e.get("method") == name:
                    del self.events[: i + 1]
                    return e
            self.events.append(json.loads(self.ws.recv()))
        raise RuntimeError("chromium: no %s within %ss" % (name, self.timeout))

    def load(self, url, width, height):
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=height,
                  deviceScaleFactor=1, mobile=False)
        self.events = []
        self.call("Page.navigate", session=True, url=url)
        self.wait_event("Page.loadEventFired")
        self.evaluate("document.fonts.ready.then(function () { return 1; })")

    def evaluate(self, js):
        r = self.call("Runtime.evaluate", session=True, expression=js, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise RuntimeError("chromium: script error: %s" % (d.get("exception", {}).get("description") or d.get("text")))
        return r["result"].get("value")

    def screenshot(self, path, full=False):
        params = {"format": "png"}
        metrics = self.call("Page.getLayoutMetrics", session=True) if full else None
        size = metrics["cssContentSize"] if metrics else None
        view = metrics["cssLayoutViewport"] if metrics else None
        # The whole document, at one device pixel per CSS pixel (a vertical page too: its columns left of the
        # screen come first, the screen's own last); one the screen holds whole is taken as it is.
        if full and (size["width"] > view["clientWidth"] or size["height"] > view["clientHeight"]):
            params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": size["width"],
                                                            "height": size["height"], "scale": 1})
        data = self.call("Page.captureScreenshot", session=True, **params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)
