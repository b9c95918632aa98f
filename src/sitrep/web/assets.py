"""The static files (scripts, styles, the offline basemap), served gzip-compressed to browsers that
accept it, with validators so a browser asks again only with ``If-None-Match`` and gets a 304.

The basemap's outlines are 1.2 MB and 2.5 MB of GeoJSON (about a fifth of that gzipped) and swagger-ui
1.7 MB of script: sent plain, the map's first view waits on 4 MB. Each file is compressed once, when
first asked for, and kept in memory keyed by its path, size and modification time (a rebuilt asset is
compressed again); the files are few and fixed, so the cache is bounded by the folder itself. The
gzipped variant has its own ETag (a cache must not hand gzip bytes to a client that did not ask for
them) and every answer says ``Vary: Accept-Encoding``.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading

from starlette.datastructures import Headers
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

# Text formats worth compressing; images and fonts are compressed already.
COMPRESSIBLE = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
                ".json": "application/json", ".geojson": "application/geo+json", ".svg": "image/svg+xml",
                ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
MIN_SIZE = 1024  # below this, gzip's header costs more than it saves
CACHE_CONTROL = "public, max-age=86400"  # a day; the ETag revalidates after that


def accepts_gzip(headers: Headers) -> bool:
    """Does the request's Accept-Encoding allow gzip (and not with q=0)?"""
    for part in headers.get("accept-encoding", "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            q = params.strip().lower()
            return not (q.startswith("q=") and _is_zero(q[2:]))
    return False


def _is_zero(value: str) -> bool:
    try:
        return float(value) == 0
    except ValueError:
        return False


class CompressedStaticFiles(StaticFiles):
    """StaticFiles that answers with gzip bytes (Content-Encoding: gzip) when the client accepts them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._compressed: dict[tuple[str, int, int], tuple[bytes, str]] = {}
        self._lock = threading.Lock()

    def file_response(self, full_path, stat_result: os.stat_result, scope: Scope, status_code: int = 200) -> Response:
        extension = os.path.splitext(str(full_path))[1].lower()
        request_headers = Headers(scope=scope)
        if extension not in COMPRESSIBLE or stat_result.st_size < MIN_SIZE or not accepts_gzip(request_headers):
            response = super().file_response(full_path, stat_result, scope, status_code)
            response.headers["cache-control"] = CACHE_CONTROL
            if extension in COMPRESSIBLE:
                response.headers["vary"] = "Accept-Encoding"
            return response
        body, etag = self._gzipped(str(full_path), stat_result)
        headers = {"content-type": COMPRESSIBLE[extension], "content-encoding": "gzip", "etag": etag,
                   "vary": "Accept-Encoding", "cache-control": CACHE_CONTROL,
                   "last-modified": FileResponse(full_path, stat_result=stat_result).headers["last-modified"]}
        if etag in _etags(request_headers.get("if-none-match", "")):
            return Response(status_code=304, headers={k: v for k, v in headers.items() if k != "content-type"})
        if scope.get("method") == "HEAD":
            return Response(status_code=status_code, headers={**headers, "content-length": str(len(body))})
        return Response(body, status_code=status_code, headers=headers)

    def _gzipped(self, path: str, stat_result: os.stat_result) -> tuple[bytes, str]:
        key = (path, stat_result.st_size, stat_result.st_mtime_ns)
        with self._lock:
            found = self._compressed.get(key)
        if found is None:
            with open(path, "rb") as f:
                # mtime=0: the same file gives the same bytes, so the ETag can be their hash
                body = gzip.compress(f.read(), compresslevel=9, mtime=0)
            found = (body, '"' + hashlib.sha1(body).hexdigest()[:20] + '-gzip"')
            with self._lock:
                self._compressed = {k: v for k, v in self._compressed.items() if k[0] != path}
                self._compressed[key] = found
        return found


def _etags(header: str) -> set[str]:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}
