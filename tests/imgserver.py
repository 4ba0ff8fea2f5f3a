#!/usr/bin/python3
# imgserver.py - the HTTP server of tests/images.sh: serves tests/images/serve/ and misbehaves on purpose.
#
#   imgserver.py DIR PORTFILE LOGFILE
#
# Binds 127.0.0.1 on a free port, writes the port to PORTFILE, and logs one line
# "GET PATH ua=AGENT referer=REFERER" per request to LOGFILE (flushed at once) so tests can count downloads.
# GET /NAME serves DIR/NAME with a misleading Content-Type; the special paths are below.
import os
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIR, PORTFILE, LOGFILE = sys.argv[1:4]
log_lock = threading.Lock()
flaky_seen = set()


def log(line):
    with log_lock, open(LOGFILE, "a") as f:
        f.write(line + "\n")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, ctype="application/octet-stream", length=None, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for k, v in extra:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def read(self, name):
        with open(os.path.join(DIR, name), "rb") as f:
            return f.read()

    def do_GET(self):
        path = self.path.split("?")[0]
        log("GET %s ua=%s referer=%s" % (self.path, self.headers.get("User-Agent", "-"),
                                           self.headers.get("Referer", "-")))
        name = path.lstrip("/")
        if name == "slow":			# never answers within the test's timeout
            time.sleep(8)
            self.send(200, self.read("photo"))
        elif name == "missing":
            self.send(404, b"not found", "text/plain")
        elif name == "html":			# an error page with status 200 and an image type
            self.send(200, self.read("html-page"), "image/jpeg")
        elif name == "loop":
            self.send(302, b"", extra=[("Location", "/loop")])
        elif name == "to-file":
            self.send(302, b"", extra=[("Location", "file:///etc/passwd")])
        elif name == "moved":			# one good redirect
            self.send(301, b"", extra=[("Location", "/plain")])
        elif name == "big":			# announced too large
            self.send(200, self.read("photo") + b"\0" * 300000, "image/jpeg")
        elif name == "big-chunked":		# too large, without announcing it
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            data = self.read("photo") + b"\0" * 300000
            try:
                for i in range(0, len(data), 8192):
                    piece = data[i:i + 8192]
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif name == "flaky":			# 503 the first time, then the image
            if "flaky" in flaky_seen:
                self.send(200, self.read("plain"), "image/png")
            else:
                flaky_seen.add("flaky")
                self.send(503, b"busy", "text/plain", extra=[("Retry-After", "1")])
        elif name == "partial":			# promises more than it sends, then hangs up
            body = self.read("photo")
            self.send_response(200)
            self.send_header("Content-Length", str(len(body) * 4))
            self.end_headers()
            self.wfile.write(body[:200])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
        elif name == "stall":			# half an image, then nothing for a long time
            body = self.read("photo")
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:300])
            self.wfile.flush()
            time.sleep(60)
        elif name and os.path.isfile(os.path.join(DIR, name)):
            self.send(200, self.read(name), "text/html")	# the type header is not to be trusted
        else:
            self.send(404, b"not found", "text/plain")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass	# clients that hang up on purpose (size caps, timeouts) are not news


server = Server(("127.0.0.1", 0), Handler)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
server.serve_forever()
