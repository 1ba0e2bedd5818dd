"""Time expressions of the list filters: ISO-8601 or relative to now (`now()`, `now()-7d`)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_RELATIVE = re.compile(r"^now\(\)(?:\s*([+-])\s*(\d{1,9})\s*([smhdw]))?$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_time_expression(text: str, now_ms: int) -> int:
    """Turns a time expression into milliseconds since the epoch.

    Args:
        text: `now()`, `now()-7d`, `now()+1h` (units s, m, h, d, w) or an ISO-8601 timestamp; a timestamp without
            an offset is taken as UTC.
        now_ms: What "now" is, in milliseconds since the epoch.

    Returns:
        The moment the expression names, in milliseconds since the epoch.

    Raises:
        ValueError: The text is neither form.
    """
    text = text.strip()
    match = _RELATIVE.match(text)
    if match:
        sign, amount, unit = match.groups()
        if sign is None:
            return now_ms
        delta_ms = int(amount) * _UNIT_SECONDS[unit] * 1000
        return now_ms - delta_ms if sign == "-" else now_ms + delta_ms
    if not text or not text[0].isdigit():
        raise ValueError(f"not a time expression: {text!r}")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int((moment - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(milliseconds=1))


def format_timestamp(epoch_ms: int) -> str:
    """Formats milliseconds since the epoch as ISO-8601 UTC with milliseconds and `Z`."""
    moment = datetime.fromtimestamp(epoch_ms // 1000, tz=UTC)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{epoch_ms % 1000:03d}Z"
