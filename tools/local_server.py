"""Serve a folder over HTTP on 127.0.0.1, on a free port, for as long as a `with` block runs.

As GitHub Pages does, the folder can be served under a sub-path (``/<repo>/``), and a
missing address is answered with status 404 and the folder's 404.html, if it has one. Tests can
have response headers added to the addresses that match a pattern (such as a
Content-Security-Policy that a page's scripts must work under).
"""

from __future__ import annotations

import fnmatch
import functools
import http.server
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"
    extra_headers: Mapping[str, Mapping[str, str]] = {}

    def end_headers(self) -> None:
        path = self.path.partition("?")[0]
        for pattern, headers in self.extra_headers.items():
            if fnmatch.fnmatchcase(path, pattern):
                for name, value in headers.items():
                    self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # no access log on the terminal

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory, ".outside-the-served-path", "missing"))
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory, "404.html")
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(
    directory: Path, prefix: str = "/", headers: Mapping[str, Mapping[str, str]] | None = None
) -> Iterator[str]:
    """Yield the base URL (ending in "/") of *directory*, served under *prefix* on loopback.

    *headers* maps an address pattern (fnmatch, such as ``*/_static/tryit/*``) to the response
    headers to add to the addresses that match it.
    """
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    attributes = {"prefix": prefix, "extra_headers": dict(headers or {})}
    handler_class = type("Handler", (_PagesHandler,), attributes)
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
