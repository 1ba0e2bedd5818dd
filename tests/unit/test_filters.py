"""The list filters (eigenpal_ext._core._filters): every query parameter of ``GET /v1/runs`` once, under a Python name,
checked before any request, on list, iter, handles and cancel_many of both clients; and the provenance header."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from clientkit import API_KEY, BASE_URL, MakeHarness, Script, list_item_json, refuse, reply, run_json
from eigenpal_api.api.runs import runs_list

from eigenpal_ext import EigenpalClient, InvalidArgumentError, RunFilters
from eigenpal_ext._core._filters import FILTERS, parse_relative
from eigenpal_ext.cli._client import CliClient

DOCUMENT = Path(__file__).resolve().parents[2] / "openapi" / "eigenpal.yaml"
EMPTY_PAGE: dict[str, Any] = {"runs": [], "nextCursor": None}


def _document_parameters() -> list[str]:
    document = yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))
    return [parameter["name"] for parameter in document["paths"]["/v1/runs"]["get"]["parameters"]]


def test_the_table_holds_every_list_parameter_of_the_document_once() -> None:
    wire = [spec.wire for spec in FILTERS]

    assert len(wire) == len(set(wire))
    assert sorted([*wire, "cursor", "limit"]) == sorted(_document_parameters())
    assert len({spec.name for spec in FILTERS}) == len(FILTERS)
    assert {spec.name for spec in FILTERS} == set(RunFilters.__optional_keys__)


def test_each_filter_goes_to_a_keyword_of_the_generated_list_call() -> None:
    keywords = set(inspect.signature(runs_list.sync_detailed).parameters)

    assert {spec.keyword for spec in FILTERS} <= keywords


AWARE = datetime(2026, 3, 1, 14, 30, tzinfo=timezone(timedelta(hours=2)))

CASES: dict[str, tuple[object, str]] = {
    # the names users call today
    "type": ("agent", "agent"),
    "source": ("wf_abc123", "wf_abc123"),
    "status": (["failed", "cancelled", "failed"], "failed,cancelled"),
    "tag": ("Q3", "Q3"),
    "ids": (["run_1", "run_2"], "run_1,run_2"),
    "from_date": ("now()-7d", "now()-7d"),
    "to_date": ("now()", "now()"),
    # the rest of the document
    "trigger": (["api", "cli"], "api,cli"),
    "triggered_by": ("user_1", "user_1"),
    "source_ref": ("v2", "v2"),
    "batch_id": ("batch_9", "batch_9"),
    "example_id": ("ex_1", "ex_1"),
    "example_id_contains": ("ex_", "ex_"),
    "has_example": (True, "true"),
    "experiments": ("exp_1, exp_2", "exp_1,exp_2"),
    "created_after": (AWARE, "2026-03-01T12:30:00Z"),
    "created_before": ("2026-03-02T00:00:00Z", "2026-03-02T00:00:00Z"),
    "completed_after": ("now() - 2h", "now()-2h"),
    "completed_before": ("now()+1w", "now()+1w"),
    "offset": (40, "40"),
    "sort": ("createdAt", "createdAt"),
    "order": ("asc", "asc"),
    "sample_rate": (0.25, "0.25"),
    "review_status": ("wont_fix", "wont_fix"),
    "review_verdict": ("incorrect", "incorrect"),
    "has_review": (True, "true"),
    "no_review": (False, "false"),
    "has_corrections": (True, "true"),
    "review_note_contains": ("wrong total", "wrong total"),
    "review_created_after": ("now()-30d", "now()-30d"),
    "review_created_before": ("2026-01-31", "2026-01-31"),
    "review_updated_after": ("now()-1d", "now()-1d"),
    "review_updated_before": ("now()", "now()"),
    "review_closed_after": ("now()-10m", "now()-10m"),
    "review_closed_before": ("now()-30s", "now()-30s"),
    "since_last_closed": (True, "true"),
}


def test_the_cases_cover_every_filter() -> None:
    assert set(CASES) == {spec.name for spec in FILTERS}


@pytest.mark.parametrize("spec", FILTERS, ids=lambda spec: spec.name)
def test_each_filter_goes_out_under_its_query_name(make_harness: MakeHarness, spec: Any) -> None:
    server = Script(reply(200, EMPTY_PAGE))
    harness = make_harness(server)
    value, sent = CASES[spec.name]
    filters: dict[str, Any] = {spec.name: value}

    harness.call(lambda client: client.runs.list(**filters))

    assert list(server.requests[0].url.params.multi_items()) == [(spec.wire, sent)]


def test_many_filters_at_once_with_paging(make_harness: MakeHarness) -> None:
    server = Script(reply(200, EMPTY_PAGE))
    harness = make_harness(server)

    harness.call(
        lambda client: client.runs.list(
            status="completed", created_after="now()-7d", trigger="cli", batch_id="b1", limit=5, cursor="c1",
            timeout=10,
        )
    )  # fmt: skip

    assert dict(server.requests[0].url.params) == {
        "status": "completed",
        "createdAfter": "now()-7d",
        "trigger": "cli",
        "batchId": "b1",
        "limit": "5",
        "cursor": "c1",
    }


def test_a_filter_set_is_a_dictionary_to_keep_and_pass_on(make_harness: MakeHarness) -> None:
    server = Script(reply(200, EMPTY_PAGE))
    harness = make_harness(server)
    recent: RunFilters = {"status": "failed", "created_after": "now()-1d", "order": "asc", "tag": None}

    harness.call(lambda client: client.runs.list(**recent))

    assert dict(server.requests[0].url.params) == {"status": "failed", "createdAfter": "now()-1d", "order": "asc"}


BAD: list[tuple[str, object, str]] = [
    ("status", "finished", "unknown status 'finished'"),
    ("type", "robot", "must be 'workflow' or 'agent'"),
    ("order", "up", "must be one of asc, desc"),
    ("review_status", "done", "must be one of open, closed, wont_fix"),
    ("review_verdict", "nit", "must be one of correct, incorrect"),
    ("has_example", False, "can only be True"),
    ("has_review", "yes", "must be True or False"),
    ("since_last_closed", 1, "must be True or False"),
    ("offset", -1, "from 0 to"),
    ("offset", 2**53, "from 0 to"),
    ("offset", 1.5, "whole number"),
    ("offset", True, "whole number"),
    ("sample_rate", 1.5, "from 0 to 1"),
    ("sample_rate", -0.1, "from 0 to 1"),
    ("sample_rate", float("nan"), "from 0 to 1"),
    ("sample_rate", "0.5", "a number from 0 to 1"),
    ("sort", "created at", "field name"),
    ("trigger", ["api", ""], "must not be empty"),
    ("trigger", "api,,cli", "empty entry"),
    ("experiments", 7, "a string or a list"),
    ("batch_id", " ", "must not be empty"),
    ("tag", "x" * 257, "1 to 256 characters"),
    ("ids", "run_1", "not one string"),
    ("created_after", "yesterday", "ISO-8601"),
    ("created_before", "now()-7x", "ISO-8601"),
    ("completed_after", "now()-1234567890d", "ISO-8601"),
    ("review_closed_after", "T12:00", "ISO-8601"),
    ("from_date", datetime(2026, 1, 1), "without a time zone"),
    ("to_date", 1700000000, "must be a string"),
]


@pytest.mark.parametrize(("name", "value", "message"), BAD, ids=[f"{name}={value!r}"[:40] for name, value, _ in BAD])
def test_a_bad_value_is_refused_before_any_request_naming_the_filter(
    make_harness: MakeHarness, name: str, value: object, message: str
) -> None:
    harness = make_harness(refuse)
    filters: dict[str, Any] = {name: value}

    with pytest.raises(InvalidArgumentError, match=message) as caught:
        harness.call(lambda client: client.runs.list(**filters))

    assert caught.value.argument == name
    assert str(caught.value).startswith(f"{name}: ")


@pytest.mark.parametrize("method", ["list", "iter", "handles", "cancel_many"])
def test_every_list_method_checks_at_the_call_and_names_an_unknown_keyword(
    make_harness: MakeHarness, method: str
) -> None:
    harness = make_harness(refuse)

    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda client: getattr(client.runs, method)(created_after="soon"))
    with pytest.raises(
        TypeError, match=rf"{method}\(\) got an unexpected keyword argument 'created_afer'.*'created_after'"
    ):
        harness.call(lambda client: getattr(client.runs, method)(created_afer="now()"))

    assert caught.value.argument == "created_after"


def test_iter_and_handles_send_the_new_filters_on_every_page_and_the_offset_once(make_harness: MakeHarness) -> None:
    pages = {
        None: {"runs": [list_item_json("a", "failed")], "nextCursor": "c2"},
        "c2": {"runs": [list_item_json("b", "failed")], "nextCursor": None},
    }
    server = Script.always(lambda request: httpx.Response(200, json=pages[request.url.params.get("cursor")]))
    harness = make_harness(server)

    items = harness.collect(lambda client: client.runs.iter(batch_id="b1", offset=3, order="asc", limit=1))
    handles = harness.collect(lambda client: client.runs.handles(trigger="cli", offset=3))

    assert [item.id for item in items] == ["a", "b"]
    assert [handle.id for handle in handles] == ["a", "b"]
    sent = [dict(request.url.params) for request in server.requests]
    assert sent[0] == {"batchId": "b1", "offset": "3", "order": "asc", "limit": "1"}
    assert sent[1] == {"batchId": "b1", "order": "asc", "limit": "1", "cursor": "c2"}
    assert sent[2] == {"trigger": "cli", "offset": "3"}
    assert sent[3] == {"trigger": "cli", "cursor": "c2"}


def test_cancel_many_takes_every_filter_and_keeps_to_unfinished_statuses(make_harness: MakeHarness) -> None:
    server = Script(reply(200, EMPTY_PAGE))
    harness = make_harness(server)

    result = harness.call(lambda client: client.runs.cancel_many(batch_id="b1", status=["running", "failed"]))

    assert result.matched == 0
    assert dict(server.requests[0].url.params) == {"batchId": "b1", "status": "running", "limit": "100"}


# --- times -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "sent"),
    [
        (datetime(2026, 3, 1, 12, 30, tzinfo=UTC), "2026-03-01T12:30:00Z"),
        (AWARE, "2026-03-01T12:30:00Z"),  # any zone, sent in UTC
        ("2026-03-01T12:30:00+02:00", "2026-03-01T12:30:00+02:00"),  # text as written
        ("2026-03-01", "2026-03-01"),
        ("now()", "now()"),
        ("now()-7d", "now()-7d"),
        (" now() -  15 m ", "now()-15m"),
        ("now()+2h", "now()+2h"),
        ("now()-007s", "now()-7s"),
    ],
)
def test_a_time_in_each_of_its_three_forms(make_harness: MakeHarness, value: object, sent: str) -> None:
    server = Script(reply(200, EMPTY_PAGE))
    harness = make_harness(server)
    filters: dict[str, Any] = {"created_after": value}

    harness.call(lambda client: client.runs.list(**filters))

    assert server.requests[0].url.params["createdAfter"] == sent


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("now()", timedelta(0)),
        ("now()-7d", -timedelta(days=7)),
        ("now()-2h", -timedelta(hours=2)),
        ("now() + 30 m", timedelta(minutes=30)),
        ("now()-1w", -timedelta(weeks=1)),
        ("now()-45s", -timedelta(seconds=45)),
        ("now()-7", None),
        ("now()-7y", None),
        ("now-7d", None),
        ("now()*2d", None),
        ("2026-01-01", None),
    ],
)
def test_relative_expressions(text: str, offset: timedelta | None) -> None:
    assert parse_relative(text) == offset


# --- provenance --------------------------------------------------------------------------------------------------

ACCEPTED = {"id": "run_1", "type": "workflow", "finished": False}


def _answer(requests: list[httpx.Request]) -> Any:
    def answer(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        if request.method == "GET":
            return httpx.Response(200, json=run_json("run_1"))
        if request.url.path.endswith("/rerun"):
            return httpx.Response(202, json={**ACCEPTED, "id": "run_2"})
        return httpx.Response(202, json=ACCEPTED)

    return answer


def _triggers(requests: list[httpx.Request]) -> list[str | None]:
    return [request.headers.get("x-eigenpal-trigger") for request in requests]


@pytest.mark.parametrize(("make", "trigger"), [(EigenpalClient, "api"), (CliClient, "cli")])
def test_starts_and_reruns_declare_where_they_come_from(make: type[EigenpalClient], trigger: str) -> None:
    requests: list[httpx.Request] = []

    with (
        httpx.Client(transport=httpx.MockTransport(_answer(requests))) as http,
        make(api_key=API_KEY, base_url=BASE_URL, http_client=http, correlation_tags=False) as client,
    ):
        # The client's provenance wins over a caller's header of the same name, as every header a start needs does.
        client.runs.start("workflows.sleep", {"seconds": 0}, extra_headers={"X-Eigenpal-Trigger": "schedule"})
        client.runs.rerun("run_1")
        client.with_options(timeout=5).runs.start("workflows.sleep", {"seconds": 0})
        client.runs.get("run_1")

    assert [request.method for request in requests] == ["POST", "POST", "POST", "GET"]
    assert _triggers(requests) == [trigger, trigger, trigger, None]


def test_the_library_declares_api_from_both_clients(make_harness: MakeHarness) -> None:
    requests: list[httpx.Request] = []
    harness = make_harness(_answer(requests), correlation_tags=False)

    harness.call(lambda client: client.runs.start("workflows.sleep", {"seconds": 0}))
    harness.call(lambda client: client.runs.rerun("run_1"))

    assert _triggers(requests) == ["api", "api"]
