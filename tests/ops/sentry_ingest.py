"""A stand-in for a Sentry (or GlitchTip) server's ingest endpoint, in a thread of the test.

The SDK posts envelopes to /api/<project>/envelope/ (gzip- or brotli-compressed); the server keeps
each body as sent, decompressed, and answers 200 as Sentry does.
"""

import gzip
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding", "")
        body = gzip.decompress(body) if encoding == "gzip" else brotli.decompress(body) if encoding == "br" else body
        self.server.received.append((self.path, body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, format, *args):  # noqa: A002 (http.server's name)
        pass


class SentryIngest:
    def __init__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.received = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "SentryIngest":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def dsn(self) -> str:
        return f"http://public-key@127.0.0.1:{self.server.server_port}/42"

    @property
    def bodies(self) -> list[bytes]:
        return [body for _path, body in self.server.received]

    def paths(self) -> list[str]:
        return [path for path, _body in self.server.received]

    def events(self) -> list[dict]:
        return [json.loads(payload) for body in self.bodies for kind, payload in items(body) if kind == "event"]


def items(envelope: bytes):
    """(type, payload) of each item of an envelope: a header line, then items, each a header line and
    its payload (`length` bytes, or up to the end of the line)."""
    stream = io.BytesIO(envelope)
    stream.readline()
    while line := stream.readline():
        if not line.strip():
            continue
        header = json.loads(line)
        if "length" in header:
            payload = stream.read(header["length"])
            stream.readline()
        else:
            payload = stream.readline().rstrip(b"\n")
        yield header.get("type"), payload
