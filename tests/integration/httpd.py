#!/usr/bin/env python3
"""Loopback HTTP server for tests/integration/test-fetch.c (standard library only).

Binds 127.0.0.1 on an ephemeral port, prints the port on the first line of
stdout, and serves until killed. Endpoints:
  /hello                 200 "hello", header X-Test: 1
  /echo                  JSON {method, path, headers, body} of the request
  /binary                bytes 0..255
  /big?n=N               N bytes of 'a'
  /slow?ms=N             sleeps N ms (at most 10 s) then 200 "slow"
  /redirect?to=URL&code=C  C (default 302) with Location: URL
  /loop                  302 to /loop
  /reflect[?to=URL]      the Authorization token back in a header name, or
                         appended to a redirect's URL (scrubbing tests)
  /check-auth            "auth=ok" if Authorization equals $EXPECT_AUTH, else
                         "auth=missing" / "auth=wrong"; echoes the header back
                         in the body and in X-Echo-Auth (to test scrubbing)
With $LOG_PATHS set, every request's raw target is appended to that file,
one per line (test_engine.py checks what reached the server).
"""
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        pass

    def send(self, code, body, headers=()):
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def handle_any(self):
        log = os.environ.get("LOG_PATHS")
        if log:
            with open(log, "a") as f:
                f.write(self.path + "\n")
        u = urlsplit(self.path)
        q = {k: v[0] for k, v in parse_qs(u.query).items()}
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        if u.path == "/hello":
            self.send(200, "hello", [("X-Test", "1")])
        elif u.path == "/echo":
            self.send(200, json.dumps({
                "method": self.command, "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("latin-1")}), [("Content-Type", "application/json")])
        elif u.path == "/binary":
            self.send(200, bytes(range(256)), [("Content-Type", "application/octet-stream")])
        elif u.path == "/big":
            self.send(200, b"a" * min(int(q.get("n", "0")), 50 << 20))
        elif u.path == "/slow":
            time.sleep(min(int(q.get("ms", "0")), 10000) / 1000.0)
            self.send(200, "slow")
        elif u.path == "/redirect":
            self.send(int(q.get("code", "302")), "", [("Location", q.get("to", "/"))])
        elif u.path == "/loop":
            self.send(302, "", [("Location", "/loop")])
        elif u.path == "/reflect":
            # A hostile server: the credential comes back in a header *name*
            # and, with ?to=, in a redirect to a URL the policy denies.
            got = (self.headers.get("Authorization") or "").split(" ")[-1]
            if "to" in q:
                self.send(302, "", [("Location", q["to"] + got)])
            else:
                self.send(200, "reflected", [("X-" + got, "1")])
        elif u.path == "/check-auth":
            got = self.headers.get("Authorization")
            want = os.environ.get("EXPECT_AUTH")
            verdict = "missing" if got is None else ("ok" if got == want else "wrong")
            self.send(200, "auth=%s echo=%s" % (verdict, got or ""), [("X-Echo-Auth", got or "")])
        else:
            self.send(404, "not found")

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # The client aborts on purpose (size and time caps): not an error.
        pass


def main():
    srv = Server(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    # The test reads one line and closes the pipe: write it raw, then point
    # stdout at /dev/null so nothing later hits the closed pipe.
    os.write(1, b"%d\n" % srv.server_address[1])
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(os.devnull, "w")
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
