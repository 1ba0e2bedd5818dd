"""The storage origin: where large artifacts are downloaded from, as the real API's cloud deployments do it.

`GET /v1/runs/{id}/artifacts/{path}` answers an artifact over the server's threshold with 302 and a `Location` on
this origin: a second listener on its own port (so another origin: a client following the redirect drops its
`Authorization` header), started and stopped with the server. Its URLs are short-lived and signed: HMAC-SHA256 over
the object's name and the expiry, keyed with a secret each server draws at random when it is built. They need no API
key, and this origin reads none; it only counts the requests that carry one (`StorageStats.saw_credentials`), so
that a test can tell whether a client sent its key where it had no business to.

It answers `GET` and `HEAD` of `/objects/<run id>/<artifact path>?expires=<unix ms>&signature=<hex>`: the bytes
with their `Content-Type` and `Content-Length`; 403 for a signature that does not match or has expired; 404 for an
object it does not have; 405 for any other method. Its answers are plain text, not the API's error envelope: it is
not the API.

The files API (`_files_api`) serves its own paths here, handed over by prefix (`routes`): presigned uploads
(`PUT /uploads/...`) and file downloads (`GET /files/<fileId>`), on URLs signed the same way (`signed_url`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qs, quote

from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

OBJECT_PREFIX = "/objects/"
"""Where the objects sit on the storage origin."""

DEFAULT_URL_TTL_SECONDS = 60.0
"""How long a signed storage URL stays valid by default."""

REDIRECT_ARTIFACTS_OVER = 1024 * 1024
"""Artifacts larger than this (1 MiB) are redirected to the storage origin by default."""

ArtifactLookup = Callable[[str, str], tuple[bytes, str] | None]
"""(run id, artifact path) -> (the bytes, their content type), or None when there is no such artifact."""


@dataclass
class StorageStats:
    """What the storage origin has seen: requests, and how many of them carried credentials."""

    requests: int = 0
    saw_credentials: int = 0
    """Requests that carried an `Authorization` or `X-Api-Key` header (the origin needs neither and ignores both)."""


class StorageSigner:
    """Signs and checks the storage origin's short-lived URLs."""

    def __init__(
        self,
        ttl_seconds: float = DEFAULT_URL_TTL_SECONDS,
        *,
        secret: bytes | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Draws the secret (unless given) that this server's URLs are signed with.

        Args:
            ttl_seconds: How long a URL stays valid.
            secret: The HMAC key; a random one by default (URLs do not outlive the server that signed them).
            clock: The wall clock, in seconds since the epoch.
        """
        if not ttl_seconds > 0:
            raise ValueError("the storage URL lifetime must be above 0 seconds")
        self._ttl_ms = int(ttl_seconds * 1000)
        self._secret = secret if secret is not None else secrets.token_bytes(32)
        self._clock = clock
        self.base_url: str | None = None
        """`http://host:port` of the storage origin, once it listens; None while it does not."""

    def _now_ms(self) -> int:
        return int(self._clock() * 1000)

    def _signature(self, name: str, expires_ms: int) -> str:
        message = f"{name}\n{expires_ms}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()

    @property
    def ttl_ms(self) -> int:
        """How long a URL stays valid, in milliseconds."""
        return self._ttl_ms

    def url(self, run_id: str, path: str) -> str | None:
        """A signed URL for the artifact at `path` of run `run_id`, or None when the storage origin does not listen."""
        return self._signed(OBJECT_PREFIX, f"{run_id}/{path}", self._ttl_ms)

    def signed_url(self, name: str, *, ttl_seconds: float | None = None) -> str | None:
        """A signed URL for `/<name>` on the storage origin (files and upload targets, `_files_api`), valid for
        `ttl_seconds` (the signer's lifetime by default); None when the origin does not listen."""
        ttl_ms = self._ttl_ms if ttl_seconds is None else int(ttl_seconds * 1000)
        return self._signed("/", name, ttl_ms)

    def _signed(self, prefix: str, name: str, ttl_ms: int) -> str | None:
        if self.base_url is None:
            return None
        expires_ms = self._now_ms() + ttl_ms
        signature = self._signature(name, expires_ms)
        return f"{self.base_url}{prefix}{quote(name, safe='/')}?expires={expires_ms}&signature={signature}"

    def refusal(self, name: str, expires: str | None, signature: str | None) -> str | None:
        """Why a request for the object `name` is refused (a 403), or None when its signature holds."""
        if expires is None or signature is None:
            return "the URL is not signed"
        if not expires.isascii() or not expires.isdigit():
            return "the signature does not match"
        if not hmac.compare_digest(self._signature(name, int(expires)), signature):
            return "the signature does not match"
        if self._now_ms() > int(expires):
            return "the URL has expired"
        return None


class StorageApp:
    """The storage origin's ASGI app (HTTP only; it has no lifespan)."""

    def __init__(
        self,
        signer: StorageSigner,
        lookup: ArtifactLookup,
        stats: StorageStats,
        routes: Mapping[str, ASGIApp] | None = None,
    ) -> None:
        """Serves the artifacts `lookup` finds, and hands the paths under each prefix of `routes` to its app (the
        files API's uploads and downloads); their URLs are signed as the artifacts' are."""
        self._signer = signer
        self._lookup = lookup
        self.stats = stats
        self._routes = dict(routes or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        self._count(scope)
        for prefix, app in self._routes.items():
            if scope["path"].startswith(prefix):
                await app(scope, receive, send)
                return
        response = self._answer(scope)
        await response(scope, receive, send)

    def _count(self, scope: Scope) -> None:
        self.stats.requests += 1
        if any(name in (b"authorization", b"x-api-key") for name, _ in scope["headers"]):
            self.stats.saw_credentials += 1

    def _answer(self, scope: Scope) -> Response:
        if scope["method"] not in ("GET", "HEAD"):
            return PlainTextResponse("method not allowed", 405, headers={"Allow": "GET, HEAD"})
        path: str = scope["path"]
        if not path.startswith(OBJECT_PREFIX):
            return PlainTextResponse("no such object", 404)
        name = path[len(OBJECT_PREFIX) :]
        query = parse_qs(scope["query_string"].decode("latin-1"))
        expires = query.get("expires", [None])[-1]
        signature = query.get("signature", [None])[-1]
        refusal = self._signer.refusal(name, expires, signature)
        if refusal is not None:
            return PlainTextResponse(refusal, 403)
        run_id, _, artifact_path = name.partition("/")
        found = self._lookup(run_id, artifact_path)
        if found is None:
            return PlainTextResponse("no such object", 404)
        content, content_type = found
        return Response(content, media_type=content_type, headers={"Cache-Control": "private, no-store"})
