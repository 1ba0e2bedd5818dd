"""Recording settings for users' cassettes: no credential is written, and requests match across runs and machines.

What is kept out of a cassette:

- every request header that carries a credential (``Authorization``, ``X-Api-Key``, ``Api-Key``,
  ``Proxy-Authorization``, ``Cookie``) is dropped, and ``Set-Cookie`` from every answer;
- every known key is replaced by ``<redacted>`` wherever else it appears: the URL and its query, other headers, the
  bodies; and anything after ``Bearer ``. Known keys are the one the test recorded with, ``EIGENPAL_API_KEY``, and
  every credential seen in the credential headers above while recording (so a key the application read from a
  setting of its own is known too). Each is found in every form a server may send it back in: as is, JSON-escaped
  (``\\/``, ``\\uXXXX``), percent-encoded, base64 (see :mod:`eigenpal_ext._core._redact`);
- every document a request uploads (multipart file parts, JSON ``$inline`` base64, raw upload bodies) is stored as
  ``<document sha256:HEX, N bytes>``, unless ``vcr_config(keep_documents=True)`` (:mod:`._documents`);
- answers are stored decoded: every ``Content-Encoding`` (``zstd``, ``GZIP``, stacked ``gzip, gzip``...) is undone
  and the header dropped, so nothing is hidden from the scrub inside a compressed body (vcrpy's own decoding knows
  only a single lower-case ``gzip``, ``deflate`` or ``br``). An answer that cannot be decoded fails the recording
  (:mod:`._encodings`).

How requests are matched on replay (neither host nor port, which differ between recording and replay):

- method and path;
- the query, with the values that change from run to run treated as equal: the start's hold
  (``wait_for_completion``, which the API takes on a start or a rerun only, and which the start inside
  ``run_and_wait`` sizes from the time left), and an absolute ``from``/``to`` (written from ``datetime.now()``);
  relative ones (``now()-7d``) are compared as written;
- the body: JSON compared as data (key order aside), multipart with its random boundary set aside, and a start's
  correlation tag (``eigenpal-ext:key:...``, made from a fresh random key unless the test gives one) set aside, in
  bodies and in a lookup's ``tag`` query alike. Headers are not compared, so the random ``Idempotency-Key`` does not
  matter.

Identical requests are played back in the order they were recorded (``allow_playback_repeats=False``), which is how
a wait that polled a run three times (reads are never held) replays three different answers.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from typing import Any

from eigenpal_ext._core._redact import CREDENTIAL_HEADERS, key_pattern, request_keys

from ._documents import boundary_of, without_documents
from ._encodings import decode_body

__all__ = ["REDACTED", "configure_vcr", "remember_secret", "vcr_config"]

REDACTED = "<redacted>"
"""What a credential is replaced with."""

_SECRET_REQUEST_HEADERS = tuple(sorted(CREDENTIAL_HEADERS))
_SECRET_RESPONSE_HEADERS = frozenset({"set-cookie"})
_BEARER = re.compile(r"(?i)\b(bearer\s+)(?!<redacted>)[^\s\"',;]+")
_VOLATILE_QUERY = frozenset({"wait_for_completion"})
_RELATIVE_TIME = re.compile(r"^now\(\)")
_KEY_TAG = re.compile(rb"eigenpal-ext:key:[0-9a-f]{32}")
_ANY_KEY_TAG = b"eigenpal-ext:key:*"
_KNOWN: set[str] = set()


def remember_secret(secret: str) -> None:
    """Add a credential to those scrubbed from every cassette recorded from now on (the plugin adds the key each
    test records with)."""
    if secret and secret != REDACTED:
        _KNOWN.add(secret)


def _secrets() -> list[str]:
    key = os.environ.get("EIGENPAL_API_KEY", "").strip()
    found = _KNOWN | ({key} if key else set())
    return sorted(found, key=len, reverse=True)  # a key that contains another is replaced whole


def _dropped_credential(key: str, value: Any, request: Any) -> None:
    """vcrpy's ``filter_headers`` replacement for a credential header: remember the credential it carries, so that
    it is scrubbed wherever else it appears (the answer to this very request included), then drop the header."""
    for secret in request_keys({key: value}):
        remember_secret(secret)


def _scrub_text(text: str, *, bearer: bool = True) -> str:
    secrets = _secrets()
    for secret in secrets:  # every length: a short key is still a credential here
        text = text.replace(secret, REDACTED)
    pattern = key_pattern(tuple(secrets))
    if pattern is not None:  # the escaped and encoded forms of the longer ones
        text = pattern.sub(REDACTED, text)
    return _BEARER.sub(r"\1" + REDACTED, text) if bearer else text


def _scrub_body(body: Any) -> Any:
    if isinstance(body, bytes):
        # Seen as latin-1, every byte is one character and back: the key's forms are found in text and binary alike.
        return _scrub_text(body.decode("latin-1"), bearer=False).encode("latin-1")
    if isinstance(body, str):
        return _scrub_text(body)
    return body


def _content_type(request: Any) -> str:
    return str(request.headers.get("Content-Type", "") or request.headers.get("content-type", ""))


def _drop_documents(request: Any) -> None:
    body = request.body
    if isinstance(body, str):
        body = body.encode()
    if isinstance(body, bytes):
        request.body = without_documents(body, _content_type(request))


def _scrub_request(request: Any) -> Any:
    _drop_documents(request)
    return _scrub_request_keeping_documents(request)


def _scrub_request_keeping_documents(request: Any) -> Any:
    for name in list(request.headers):
        if name.lower() in _SECRET_REQUEST_HEADERS:  # still here when a user's settings dropped filter_headers
            _dropped_credential(name, request.headers[name], request)
            del request.headers[name]
        else:
            request.headers[name] = _scrub_text(str(request.headers[name]))
    request.uri = _scrub_text(request.uri)
    request.body = _scrub_body(request.body)
    return request


def _decode(response: dict[str, Any]) -> None:
    """Store the answer's body decoded, and drop the header that said how it was encoded."""
    headers = response.get("headers", {})
    body = response.get("body")
    names = [name for name in headers if name.lower() == "content-encoding"]
    if not names or not isinstance(body, dict) or not isinstance(body.get("string"), bytes | str):
        return
    encoded = body["string"]
    encoded = encoded.encode("latin-1") if isinstance(encoded, str) else encoded
    body["string"] = decode_body(encoded, [str(value) for name in names for value in headers[name]])
    for name in names:
        del headers[name]


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    _decode(response)
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in _SECRET_RESPONSE_HEADERS:
            del headers[name]
        else:
            headers[name] = [_scrub_text(str(value)) for value in headers[name]]
    body = response.get("body")
    if isinstance(body, dict) and isinstance(body.get("string"), bytes | str):
        body["string"] = _scrub_body(body["string"])
        for name in [name for name in headers if name.lower() == "content-length"]:
            # The body as stored: decoded, and changed in length by every key replaced.
            length = len(body["string"].encode() if isinstance(body["string"], str) else body["string"])
            headers[name] = [str(length)]
    return response


def _query(request: Any) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name, value in request.query:
        if name in _VOLATILE_QUERY or (name in ("from", "to") and not _RELATIVE_TIME.match(value)):
            value = "*"
        value = _KEY_TAG.sub(_ANY_KEY_TAG, value.encode()).decode()
        pairs.append((name, value))
    return sorted(pairs)


def match_query(recorded: Any, sent: Any) -> None:
    """vcrpy matcher: the queries are equal but for the start's hold and absolute time filters."""
    left, right = _query(recorded), _query(sent)
    assert left == right, f"query differs: {right} (the start's hold and absolute from/to compare as *) != {left}"


def _body(request: Any) -> Any:
    body = request.body or b""
    if isinstance(body, str):
        body = body.encode()
    content_type = _content_type(request)
    # Both sides as a cassette stores them, documents as placeholders: cassettes recorded with or without them match.
    body = _KEY_TAG.sub(_ANY_KEY_TAG, without_documents(body, content_type))
    boundary = boundary_of(content_type)
    if boundary is not None:
        return body.replace(boundary.encode(), b"<boundary>")
    if "json" in content_type and body:
        try:
            return json.loads(body)
        except ValueError:
            return body
    return body


def match_body(recorded: Any, sent: Any) -> None:
    """vcrpy matcher: JSON bodies equal as data, multipart bodies equal but for their boundary, correlation tags
    aside."""
    assert _body(recorded) == _body(sent), "body differs (JSON compared as data, multipart without its boundary)"


_MATCHERS: dict[str, Callable[[Any, Any], None]] = {"eigenpal_query": match_query, "eigenpal_body": match_body}


def vcr_config(*, keep_documents: bool = False) -> dict[str, Any]:
    """The recommended vcrpy / pytest-recording settings, to merge into a ``vcr_config`` fixture of your own.

    The plugin sets them by default; return ``{**vcr_config(), ...}`` from your fixture to change one::

        @pytest.fixture(scope="module")
        def vcr_config():
            return {**eigenpal_ext.testing.vcr_config(), "allowed_hosts": ["127.0.0.1"]}

    The matchers ``eigenpal_query`` and ``eigenpal_body`` are registered by the plugin.

    Args:
        keep_documents: Store the files the requests upload as they are. By default each is stored as
            ``<document sha256:HEX, N bytes>`` (multipart file parts, JSON ``$inline`` base64, raw upload bodies):
            a replay still matches, a different document does not, and the document is not in the cassette.
            The answers are stored as received either way.
    """
    return {
        "filter_headers": [(name, _dropped_credential) for name in _SECRET_REQUEST_HEADERS],
        "before_record_request": _scrub_request_keeping_documents if keep_documents else _scrub_request,
        "before_record_response": _scrub_response,
        "match_on": ["method", "path", "eigenpal_query", "eigenpal_body"],
        # The scrub decodes every encoding itself; vcrpy's decoder would take one gzip off a "gzip, gzip" body.
        "decode_compressed_response": False,
        "allow_playback_repeats": False,
    }


def configure_vcr(vcr: Any) -> None:
    """Register the matchers on a vcrpy ``VCR`` and make :func:`vcr_config` its defaults (a user's ``vcr_config``
    fixture still wins)."""
    for name, matcher in _MATCHERS.items():
        vcr.register_matcher(name, matcher)
    settings = vcr_config()
    vcr.filter_headers = settings["filter_headers"]
    vcr.before_record_request = settings["before_record_request"]
    vcr.before_record_response = settings["before_record_response"]
    vcr.match_on = tuple(settings["match_on"])
    vcr.decode_compressed_response = settings["decode_compressed_response"]
