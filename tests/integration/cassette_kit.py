"""What the integration conftest and tests share: the recording key and how cassettes are scrubbed."""

from __future__ import annotations

import re
from pathlib import Path

CASSETTES = Path(__file__).resolve().parents[1] / "cassettes"
API_KEY = "eg_integration0000secret"
REDACTED = "<redacted>"  # no credential pattern matches it, so a scan for leaks stays quiet
REPLAY_BASE_URL = "http://127.0.0.1:9"  # nothing listens there: a request that escapes the cassette fails fast
SECRET_PATTERN = re.compile(r"(Bearer [A-Za-z0-9_.-]{6,}|eg_[A-Za-z0-9]{8,})")
