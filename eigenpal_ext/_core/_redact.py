"""Keeping API keys out of what the library raises and logs, and out of what the testing kit records.

A hostile or careless server can send the key back: in an error envelope's message or hint, a header, a
``Location``, a run's error. Every message the library builds passes through :func:`redact`, which replaces each
key it knows wherever it appears, in every form a server is likely to send it back in:

- as is;
- JSON-escaped (``\\/`` for ``/``, ``\\uXXXX`` for any character) and percent-encoded (``%2F`` or ``%2f``), in any
  mix, character by character;
- base64 (standard or URL-safe alphabet) at any of the three alignments it can take inside a longer base64 text (a
  ``Basic`` credential), itself in any of the forms above.

The keys known are those of every client made in this process (the most recent :data:`_REMEMBERED_LIMIT`; an error
can be built far from the call that sent the key: in a batch's worker thread, or from a wait's last answer), plus
any the caller passes (a request's own credential headers). Keys shorter than :data:`MIN_KEY_LENGTH` are left
alone: a short "key" (a typo, ``test``) is a common word, and masking it would garble every message around it.
"""

from __future__ import annotations

import base64
import contextlib
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache

__all__ = [
    "CREDENTIAL_HEADERS",
    "KEY_HEADERS",
    "MASK",
    "MIN_KEY_LENGTH",
    "key_pattern",
    "redact",
    "redact_chain",
    "remember_key",
    "request_keys",
]

MASK = "***"
"""What a key is replaced with in messages and logs."""

MIN_KEY_LENGTH = 8
"""Keys shorter than this are not redacted."""

KEY_HEADERS = frozenset({"authorization", "proxy-authorization", "x-api-key", "api-key"})
"""Request headers that carry a key (the API's, a proxy's): their values are the keys :func:`request_keys` finds."""

CREDENTIAL_HEADERS = KEY_HEADERS | {"cookie"}
"""Request headers whose values are credentials: never written to a log line or a cassette as they are."""

_REMEMBERED_LIMIT = 16
_REMEMBERED: OrderedDict[str, None] = OrderedDict()
_LOCK = threading.Lock()
_SCHEME = re.compile(r"^\s*(?:bearer|token|basic)\s+", re.IGNORECASE)


def remember_key(key: str) -> None:
    """Add a client's key to those :func:`redact` removes (a client calls this when it is made)."""
    if len(key) < MIN_KEY_LENGTH:
        return
    with _LOCK:
        _REMEMBERED[key] = None
        _REMEMBERED.move_to_end(key)
        while len(_REMEMBERED) > _REMEMBERED_LIMIT:
            _REMEMBERED.popitem(last=False)


def request_keys(headers: object) -> tuple[str, ...]:
    """The credentials a request carries (``Authorization`` without its scheme, ``X-Api-Key``...), from its headers
    (an ``httpx.Headers`` or a mapping of names to a value or a list of values)."""
    found: list[str] = []
    items = headers.items() if hasattr(headers, "items") else ()
    for name, value in items:
        if str(name).lower() not in KEY_HEADERS:
            continue
        for one in value if isinstance(value, list | tuple) else (value,):
            text = one.decode("latin-1") if isinstance(one, bytes) else str(one)
            token = _SCHEME.sub("", text).strip()
            found += [token, text.strip()]
            if text.strip().lower().startswith("basic "):  # user:password, each a credential of its own
                with contextlib.suppress(ValueError):
                    found += base64.b64decode(token, validate=True).decode("utf-8").split(":", 1)
    return tuple(key for key in found if len(key) >= MIN_KEY_LENGTH)


def _char(char: str, *, as_bytes: bool) -> str:
    """A pattern for one character of a key: itself, JSON-escaped or percent-encoded."""
    utf8 = char.encode("utf-8")
    plain = utf8.decode("latin-1") if as_bytes else char
    options = [re.escape(plain)]
    units = char.encode("utf-16-be")
    json_escape = "".join(rf"\\u(?i:{units[i]:02x}{units[i + 1]:02x})" for i in range(0, len(units), 2))
    options.append(json_escape)
    if char in '/"\\':
        options.append(re.escape("\\" + char))
    options.append("".join(f"%(?i:{byte:02x})" for byte in utf8))
    return "(?:" + "|".join(options) + ")"


def _base64_forms(key: str) -> list[str]:
    """The parts of the base64 of any text holding ``key`` that depend on the key alone, one per alignment and
    alphabet."""
    raw = key.encode("utf-8")
    forms: list[str] = []
    for offset in range(3):
        encoded = base64.b64encode(b"\0" * offset + raw).decode("ascii")
        stable = encoded[4 if offset else 0 : 4 * ((offset + len(raw)) // 3)]
        if len(stable) >= MIN_KEY_LENGTH:
            forms += [stable, stable.replace("+", "-").replace("/", "_")]
    return list(dict.fromkeys(forms))


def _pattern_text(keys: tuple[str, ...], *, as_bytes: bool) -> str:
    forms = {form for key in keys for form in (key, *_base64_forms(key))}
    # The longest first: a key that holds another is replaced whole.
    ordered = sorted(forms, key=lambda form: (-len(form), form))
    return "|".join("".join(_char(char, as_bytes=as_bytes) for char in form) for form in ordered)


@lru_cache(maxsize=32)
def key_pattern(keys: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for every form of ``keys`` (those long enough); ``None`` when there is none.

    For bytes, match the pattern against their latin-1 text (``data.decode("latin-1")``): it matches the UTF-8
    bytes of each key, so one pattern serves text and binary bodies alike.
    """
    long_enough = tuple(key for key in keys if len(key) >= MIN_KEY_LENGTH)
    if not long_enough:
        return None
    as_bytes = any(not key.isascii() for key in long_enough)
    text = _pattern_text(long_enough, as_bytes=False)
    if as_bytes:  # a non-ASCII key: its UTF-8 bytes, seen as latin-1, are another form
        text += "|" + _pattern_text(long_enough, as_bytes=True)
    return re.compile(text)


def _known(also: Iterable[str]) -> tuple[str, ...]:
    with _LOCK:
        remembered = tuple(_REMEMBERED)
    extra = tuple(key for key in also if key not in _REMEMBERED)
    return tuple(sorted(set(remembered + extra)))


def redact(text: str, also: Iterable[str] = (), *, mask: str = MASK) -> str:
    """``text`` with every known key (and each of ``also``) replaced by ``mask``, in any of its forms."""
    if not text:
        return text
    pattern = key_pattern(_known(also))
    return text if pattern is None else pattern.sub(mask, text)


def redact_chain(exc: BaseException, also: Iterable[str] = ()) -> None:
    """Redact the messages of ``exc`` and the exceptions chained to it (what a traceback prints), in place.

    The exceptions of httpx and of the generated parser quote what the server sent (a header line, a field's
    value); they become the ``__cause__`` of the library's own error, and a traceback prints their messages too.
    """
    extra = tuple(also)
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        args = tuple(redact(arg, extra) if isinstance(arg, str) else arg for arg in current.args)
        if args != current.args:
            current.args = args
        notes = getattr(current, "__notes__", None)
        if isinstance(notes, list):
            notes[:] = [redact(note, extra) if isinstance(note, str) else note for note in notes]
        current = current.__cause__ or current.__context__


class _RedactingFilter(logging.Filter):
    """Rewrites each record of the library's loggers with every known key masked (the record is formatted once
    here, so a handler that formats it again sees only the masked text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's to report, not ours
            return True
        masked = redact(message)
        if masked != message:
            record.msg, record.args = masked, None
        if record.exc_info and record.exc_info[1] is not None:
            redact_chain(record.exc_info[1])
            record.exc_text = None
        return True


_GUARDED_LOGGERS = (
    "eigenpal_ext",
    "eigenpal_ext.http",  # each request and answer (EIGENPAL_LOG)
    "eigenpal_ext.retry",
    "eigenpal_ext.webhooks",
    "eigenpal_ext.drift",  # the generated package's reports of fields that drift from the document
    # httpx logs each request's URL (a redirect's target: a server may put the key in it), and httpcore at DEBUG
    # every header of every answer (a server may echo the key in one): what the library sends through them is
    # masked too. The filter runs only for records that are emitted, so it costs nothing while they are off.
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)
_FILTER = _RedactingFilter()
# A logger's filters see only the records logged on it, not those of its children: each one gets the filter.
for _name in _GUARDED_LOGGERS:
    logging.getLogger(_name).addFilter(_FILTER)
