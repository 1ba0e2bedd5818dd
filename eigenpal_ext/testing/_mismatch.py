"""What a failed replay tells the user: the test, the request that changed and how, and the one command that
records the cassette again, in a few lines instead of vcrpy's page of traceback and advice.

The request is compared with the recorded one closest to it (the most matchers passed), as the kit's matchers see
both: JSON as data, multipart without its boundary and with documents as digests, volatile query values as ``*``.
"""

from __future__ import annotations

import json
import re
import shlex
from typing import Any
from urllib.parse import urlsplit

from ._cassettes import _body, _query

__all__ = ["explain_replay_failure", "missing_marker"]

_DIGEST = re.compile(r"(sha256:[0-9a-f]{12})[0-9a-f]{52}")
_SHOWN = 3  # differences shown per request; the rest are counted
_WIDTH = 100


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, sort_keys=True, default=str)
    text = _DIGEST.sub(r"\1...", text)  # a document's digest: its first 12 digits tell two apart
    return text if len(text) <= _WIDTH else text[: _WIDTH - 3] + "..."


def _json_differences(recorded: Any, sent: Any, where: str = "") -> list[str]:
    if isinstance(recorded, dict) and isinstance(sent, dict):
        found: list[str] = []
        for key in sorted(set(recorded) | set(sent), key=str):
            path = f"{where}.{key}" if where else str(key)
            if key not in sent:
                found.append(f"{path}: recorded {_short(recorded[key])}, not sent")
            elif key not in recorded:
                found.append(f"{path}: sent {_short(sent[key])}, not recorded")
            else:
                found += _json_differences(recorded[key], sent[key], path)
        return found
    if isinstance(recorded, list) and isinstance(sent, list) and len(recorded) == len(sent):
        return [line for i, (a, b) in enumerate(zip(recorded, sent, strict=True))
                for line in _json_differences(a, b, f"{where}[{i}]")]  # fmt: skip
    if recorded == sent:
        return []
    return [f"{where or 'body'}: recorded {_short(recorded)}, sent {_short(sent)}"]


def _part_name(part: bytes) -> str:
    head = part.partition(b"\r\n\r\n")[0].decode("latin-1")
    for token in head.replace("\r\n", ";").split(";"):
        name, _, value = token.strip().partition("=")
        if name == "name":
            return value.strip('"')
    return "?"


def _content(part: bytes) -> str:
    """A part's content: after its headers, before the ``\r\n--`` that opens the next delimiter."""
    content = part.partition(b"\r\n\r\n")[2]
    return content.removesuffix(b"--").removesuffix(b"\r\n").decode("latin-1")


def _multipart_differences(recorded: bytes, sent: bytes) -> list[str]:
    """Part by part, boundary set aside: which form field or file changed, and from what to what."""
    old = {_part_name(part): part for part in recorded.split(b"<boundary>")[1:-1]}
    new = {_part_name(part): part for part in sent.split(b"<boundary>")[1:-1]}
    found: list[str] = []
    for name in sorted(set(old) | set(new)):
        if name not in new:
            found.append(f"part {name!r}: recorded, not sent")
        elif name not in old:
            found.append(f"part {name!r}: sent, not recorded")
        elif old[name] != new[name]:
            before, after = _content(old[name]), _content(new[name])
            found.append(f"part {name!r}: recorded {_short(before)}, sent {_short(after)}")
    return found or ["multipart body: the parts are the same, in another order or framing"]


def _body_differences(recorded: Any, sent: Any) -> list[str]:
    left, right = _body(recorded), _body(sent)
    if isinstance(left, bytes) and isinstance(right, bytes) and b"<boundary>" in left + right:
        return _multipart_differences(left, right)
    if isinstance(left, bytes) or isinstance(right, bytes):
        as_text = [_short(side.decode("latin-1") if isinstance(side, bytes) else side) for side in (left, right)]
        return [f"body: recorded {as_text[0]}, sent {as_text[1]}"]
    return _json_differences(left, right)


def _query_differences(recorded: Any, sent: Any) -> list[str]:
    left, right = _query(recorded), _query(sent)
    gone = [f"{name}={value}" for name, value in left if (name, value) not in right]
    new = [f"{name}={value}" for name, value in right if (name, value) not in left]
    return [f"query: recorded {'&'.join(gone) or '(nothing else)'}, sent {'&'.join(new) or '(nothing else)'}"]


_QUERY = frozenset({"query", "eigenpal_query", "match_query"})  # vcrpy names a matcher by its function's name
_BODY = frozenset({"body", "eigenpal_body", "match_body"})


def _differences(recorded: Any, sent: Any, failed: list[str]) -> list[str]:
    found: list[str] = []
    if "method" in failed or "path" in failed:
        found.append(f"recorded {recorded.method} {urlsplit(recorded.uri).path}")
    if _QUERY.intersection(failed):
        found += _query_differences(recorded, sent)
    if _BODY.intersection(failed):
        found += _body_differences(recorded, sent)
    found += [f"{name} differs" for name in failed if name not in _QUERY | _BODY | {"method", "path"}]
    if len(found) > _SHOWN:
        found = [*found[:_SHOWN], f"... and {len(found) - _SHOWN} more differences"]
    return found


def _rerecord(nodeid: str) -> str:
    return f"re-record: pytest --record-mode=rewrite {shlex.quote(nodeid)}"


def explain_replay_failure(error: Any, nodeid: str, sent_from: str | None) -> str:
    """The few lines a test that replayed past its cassette fails with (``error``: vcrpy's
    ``CannotOverwriteExistingCassetteException``, with its ``cassette`` and ``failed_request``)."""
    cassette, request = error.cassette, error.failed_request
    path = urlsplit(request.uri).path
    query = urlsplit(request.uri).query
    lines = [f"{nodeid}: the replay sent {request.method} {path}{'?' + query if query else ''}, which its cassette "
             "does not hold"]  # fmt: skip
    if sent_from:
        lines[0] += f" (sent from {sent_from})"
    similar = getattr(error, "similar_requests", None)
    if similar is None:  # vcrpy before 9 did not keep them
        similar = cassette.find_requests_with_most_matches(request)
    if not len(cassette):
        lines.append(f"  no cassette recorded at {cassette._path}")
    elif similar and not similar[0][2]:
        lines.append("  the cassette's answers to it were all played already: the code now sends it more often")
    elif similar:
        recorded, _passed, failed = similar[0]
        lines += [f"  {line}" for line in _differences(recorded, request, [name for name, _ in failed])]
    else:
        lines.append(f"  the cassette holds no {request.method} {path}")
    lines.append(f"  {_rerecord(nodeid)}")
    return "\n".join(lines)


def missing_marker(nodeid: str, fixture: str) -> str:
    """Why a test that uses a fixture of the kit without a cassette cannot run with the network blocked."""
    return (
        f"{nodeid} uses {fixture} but has no @pytest.mark.vcr: without a cassette it talks to a live server, "
        "and the network is blocked.\n"
        f"  add @pytest.mark.vcr to the test, then record it once: pytest --record-mode=once {shlex.quote(nodeid)}"
    )
