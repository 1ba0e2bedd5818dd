"""``eigenpal webhooks verify`` and ``eigenpal webhooks sign``: check a captured delivery, sign one for curl.

The secret comes from ``--secret`` or, better, ``EIGENPAL_WEBHOOK_SECRET`` (an option shows in the process list). It
is never printed: not in a result, not in an error line (the library's errors never hold it, and the error line
masks it besides).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shlex
import sys
from collections.abc import Iterable
from pathlib import Path

from eigenpal_ext._core._redact import remember_key
from eigenpal_ext.webhooks import DigestForm, KeyForm, Webhook, WebhookVerificationError, sign

from ._exit import ExitCode, UsageError
from ._output import Output

__all__ = ["SECRET_ENV", "sign_delivery", "verify_delivery"]

SECRET_ENV = "EIGENPAL_WEBHOOK_SECRET"  # noqa: S105 - the variable's name, not a secret


def _secret(args: argparse.Namespace, out: Output) -> str:
    given: str | None = args.secret or os.environ.get(SECRET_ENV)
    secret = (given or "").strip()
    if not secret:
        raise UsageError(f"no webhook secret: give --secret or set {SECRET_ENV}")
    remember_key(secret)  # every line on stderr masks it, whatever an error would say
    out.secrets = (*out.secrets, secret)
    return secret


def _body(path: str) -> bytes:
    """The body's bytes exactly as they were captured ('-': stdin): one byte changed is another delivery."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the body file {path}: {exc.strerror}") from None


def header_lines(lines: Iterable[str]) -> dict[str, str]:
    """``Name: value`` lines (as ``curl -D`` or a proxy log writes them, or ``-H 'name: value'`` as ``eigenpal
    webhooks sign`` prints them) as a mapping; a request or status line and blank lines are skipped."""
    headers: dict[str, str] = {}
    for line in lines:
        if line.startswith("-H "):
            line = " ".join(shlex.split(line)[1:])
        name, colon, value = line.partition(":")
        if colon and name.strip() and " " not in name.strip():
            headers[name.strip().lower()] = value.strip()
    return headers


def _headers(args: argparse.Namespace) -> dict[str, str]:
    headers: dict[str, str] = {}
    if args.headers:
        try:
            text = Path(args.headers).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read the headers file {args.headers}: {exc.strerror}") from None
        try:
            document = json.loads(text)
        except ValueError:
            document = None
        if isinstance(document, dict):  # a JSON object of the headers, as a framework's log may hold them
            headers.update({str(name).lower(): str(value) for name, value in document.items()})
        else:
            headers.update(header_lines(text.splitlines()))
    for line in args.header:
        parsed = header_lines([line])
        if not parsed:
            raise UsageError(f"--header {line!r} is not 'name: value'")
        headers.update(parsed)
    return headers


def verify_delivery(args: argparse.Namespace, out: Output) -> int:
    """Verify a captured delivery; exit 0 and say which key and digest form matched, or exit 7 and say which check
    failed."""
    secret = _secret(args, out)
    tolerance = math.inf if args.no_tolerance else args.tolerance
    if tolerance < 0:
        raise UsageError("--tolerance must be 0 or more seconds")
    key = KeyForm(args.key_form) if args.key_form else None
    webhook = Webhook(secret, tolerance=tolerance, key=key)
    payload, headers = _body(args.body_file), _headers(args)
    try:
        match = webhook.verify(payload, headers)
    except WebhookVerificationError as exc:
        if out.json_mode:
            out.json({"verified": False, "error": type(exc).__name__, "message": out.masked(str(exc))})
        out.error(f"the delivery was refused ({type(exc).__name__}): {exc}")
        return ExitCode.WEBHOOK_REFUSED
    if out.json_mode:
        out.json({"verified": True, "key": match.key.value, "digest": match.digest.value})
    else:
        out.line(f"verified: key form {match.key.value}, digest form {match.digest.value}")
        if key is None:
            out.line(f"(pin it with Webhook(secret, key=KeyForm.{match.key.name}))")
    return ExitCode.OK


def sign_delivery(args: argparse.Namespace, out: Output) -> int:
    """Print the headers Eigenpal would send with the body: ``-H`` options for curl, or a JSON object."""
    secret = _secret(args, out)
    try:
        headers = sign(
            _body(args.body_file),
            secret=secret,
            msg_id=args.id,
            timestamp=args.timestamp,
            key=KeyForm(args.key_form),
            digest=DigestForm(args.digest),
        )
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if out.json_mode:
        out.json(headers)
    else:
        for name, value in headers.items():
            out.line(f"-H {shlex.quote(f'{name}: {value}')}")
    return ExitCode.OK
