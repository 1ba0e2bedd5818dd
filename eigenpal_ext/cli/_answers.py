"""The API's own JSON for ``--json``: the bodies of the answers a command's calls were read from, as sent.

With ``--json`` a command prints the body of the HTTP answer its result was read from, byte for byte: timestamps
keep their spelling, and fields this client's models do not know are kept (``to_dict()`` would drop them).
The answers are noted by the client's response hook (:func:`~eigenpal_ext._transport._raw.capturing`, as
``client.with_raw_response`` does) while the command runs. A document the command composes itself (every page of
``runs list --all``, the runs of ``runs wait`` with many ids) holds each run as its answer had it (decoded and written
again, every value as received).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx

from eigenpal_ext._transport._raw import capturing

__all__ = ["Answers", "recording"]


def _decoded(response: httpx.Response) -> Any:
    """The JSON of a successful answer whose body was read; ``None`` for any other answer."""
    if not response.is_success or not response.is_stream_consumed:
        return None
    if "json" not in response.headers.get("content-type", ""):
        return None
    try:
        return json.loads(response.content)
    except ValueError:
        return None


class Answers:
    """The HTTP answers of a command's calls, in the order they came."""

    def __init__(self, responses: list[httpx.Response]) -> None:
        self._responses = responses

    def last(self) -> str | None:
        """The body of the last successful JSON answer, as sent; ``None`` when there is none."""
        for response in reversed(self._responses):
            if _decoded(response) is not None:
                return response.text
        return None

    def of_run(self, run_id: str) -> str | None:
        """The body of the last answer that is the run ``run_id`` itself (a read, a start, a cancel), as sent."""
        for response in reversed(self._responses):
            body = _decoded(response)
            if isinstance(body, dict) and body.get("id") == run_id:
                return response.text
        return None

    def run_document(self, run_id: str) -> Any:
        """The run as the last answer that held it had it: the run itself, or its item of a list page."""
        for response in reversed(self._responses):
            body = _decoded(response)
            if isinstance(body, dict) and body.get("id") == run_id:
                return body
            listed = body.get("runs") if isinstance(body, dict) else None
            for item in listed if isinstance(listed, list) else ():
                if isinstance(item, dict) and item.get("id") == run_id:
                    return item
        return None

    def listing(self, field: str) -> str | None:
        """A list the API answers under ``field``: the body as sent when one page held it; when the client read
        several pages, one document of the CLI's with every page's items (each as received)."""
        pages = [response for response in self._responses if isinstance(_decoded(response), dict)]
        if len(pages) == 1:
            return pages[0].text
        return json.dumps({field: self.items(field)}, ensure_ascii=False) if pages else None

    def items(self, field: str) -> list[Any]:
        """The items under ``field`` of every page answered, in order (``runs`` of ``runs list --all``)."""
        found: list[Any] = []
        for response in self._responses:
            body = _decoded(response)
            listed = body.get(field) if isinstance(body, dict) else None
            if isinstance(listed, list):
                found.extend(listed)
        return found


@contextmanager
def recording() -> Iterator[Answers]:
    """Note the answers of the calls made inside the block."""
    with capturing() as responses:
        yield Answers(responses)
