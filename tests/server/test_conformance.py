"""Property-based conformance: the server answers every operation of openapi/eigenpal.yaml as it says.

Checks: no 5xx, status codes, content types, response schemas and headers as documented, and requests the
document calls invalid are rejected. Bounded by `max_examples` so that the whole run stays well under a minute.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance

from eigenpal_ext.local import LocalServer

from .conftest import API_KEY

DOCUMENT = Path(__file__).resolve().parents[2] / "openapi" / "eigenpal.yaml"
schema = schemathesis.openapi.from_path(DOCUMENT)


@schema.auth()
class _Bearer:
    """The API key, given the way schemathesis knows about, so that its missing-auth cases really go without."""

    def get(self, case: schemathesis.Case[Any], ctx: schemathesis.AuthContext) -> str:
        return API_KEY

    def set(self, case: schemathesis.Case[Any], data: str, ctx: schemathesis.AuthContext) -> None:
        case.headers["Authorization"] = f"Bearer {data}"


def _free_text_filters(case: schemathesis.Case[Any]) -> bool:
    """Whether the case sends `from`, `to` or `cursor`, which the document types as any string.

    Generated values such as `from=0` or `cursor=0` are schema-valid, yet the server must refuse them with 400
    (malformed time, a cursor it never gave). For these cases only, "valid data must be accepted" is not checked;
    every other check still runs on them.
    """
    query = case.query or {}
    body = case.body if isinstance(case.body, dict) else {}
    return any(name in query for name in ("from", "to", "cursor")) or any(name in body for name in ("from", "to"))


@pytest.fixture(scope="module")
def session() -> Iterator[requests.Session]:
    with requests.Session() as http_session:
        yield http_session


@schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_conformance(case: schemathesis.Case[Any], server: LocalServer, session: requests.Session) -> None:
    excluded = [positive_data_acceptance] if _free_text_filters(case) else []
    case.call_and_validate(
        base_url=server.base_url,
        session=session,
        excluded_checks=excluded,
        timeout=30,
    )
