"""The list filters as a type checker sees them. mypy checks this file (``mypy tests/typing``); nothing runs it.

Each ``# type: ignore[...]`` marks a call that must stay a type error: were it accepted, the ignore would be unused,
which strict mypy reports.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import assert_type

from eigenpal_api.models.run_list_item import RunListItem
from eigenpal_api.models.runs_list_response import RunsListResponse

from eigenpal_ext import AsyncEigenpalClient, AsyncRunHandle, CancelManyResult, EigenpalClient, RunFilters, RunHandle


def sync_filters(client: EigenpalClient) -> None:
    page = client.runs.list(status="completed", created_after=datetime.now(UTC), limit=20, cursor=None, timeout=5)
    assert_type(page, RunsListResponse)
    assert_type(
        client.runs.list(
            trigger=["api", "cli"], batch_id="b1", order="asc", sort="createdAt", offset=10, sample_rate=0.5,
            has_example=True, review_status="wont_fix", review_verdict="correct", has_review=False,
            completed_before="now()-7d", type="workflow", ids=["run_1"], from_date=None,
        ),
        RunsListResponse,
    )  # fmt: skip
    assert_type(client.runs.iter(tag="q3", created_before="now()", limit=100), Iterator[RunListItem])
    assert_type(client.runs.handles(status=["failed"], extra_headers={"X-Trace": "1"}), Iterator[RunHandle])
    assert_type(client.runs.cancel_many(trigger="cli", created_after="now()-1h"), CancelManyResult)

    kept: RunFilters = {"status": "failed", "created_after": "now()-7d"}
    client.runs.list(**kept)

    # Wrong keys and wrong values are type errors.
    client.runs.list(created_afer="now()")  # type: ignore[call-arg]
    client.runs.iter(statuses="failed")  # type: ignore[call-arg]
    client.runs.cancel_many(bach_id="b1")  # type: ignore[call-arg]
    client.runs.list(order="up")  # type: ignore[arg-type]
    client.runs.list(has_example=False)  # type: ignore[arg-type]
    client.runs.list(offset="10")  # type: ignore[arg-type]
    client.runs.list(created_after=1700000000)  # type: ignore[arg-type]
    wrong: RunFilters = {"stauts": "failed"}  # type: ignore[typeddict-unknown-key]
    del wrong


async def async_filters(client: AsyncEigenpalClient) -> None:
    page = await client.runs.list(status="completed", created_after="now()-7d")
    assert_type(page, RunsListResponse)
    assert_type(client.runs.iter(review_closed_after=datetime.now(UTC)), AsyncIterator[RunListItem])
    assert_type(client.runs.handles(source_ref="v2"), AsyncIterator[AsyncRunHandle])
    assert_type(await client.runs.cancel_many(since_last_closed=True), CancelManyResult)
    await client.runs.list(created_afer="now()")  # type: ignore[call-arg]
