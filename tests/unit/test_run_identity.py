"""Answers about another run are refused, ids and paths that would change a request's path are refused before it,
input UTF-8 cannot carry is refused naming the field, and a walk over run pages always ends: sync and async alike."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from clientkit import Client, MakeHarness, Script, list_item_json, refuse, reply, run_json
from eigenpal_api.models.run_accepted import RunAccepted

from eigenpal_ext import APIResponseValidationError, InvalidArgumentError
from eigenpal_ext._core import _paging as paging

ACCEPTED = {"id": "run_9", "type": "workflow", "finished": False}
TARGET = "workflows.extract-invoice"


def _cancelled(run_id: str) -> dict[str, object]:
    return {
        "id": run_id,
        "type": "workflow",
        "finished": True,
        "execution": {"status": "cancelled"},
        "cancellation": {"state": "requested", "wasStatus": "running"},
    }


NAMING_CALLS: list[tuple[str, Callable[[Client], object], dict[str, object]]] = [
    ("runs.get", lambda c: c.runs.get("run_1"), run_json("run_2")),
    ("runs.cancel", lambda c: c.runs.cancel("run_1"), _cancelled("run_2")),
    ("handle.refresh", lambda c: c.runs.handle("run_1").refresh(), run_json("run_2")),
    ("get_handle", lambda c: c.runs.get_handle("run_1"), run_json("run_2")),
    ("with_raw_response.runs.get", lambda c: c.with_raw_response.runs.get("run_1"), run_json("run_2")),
]


@pytest.mark.parametrize(("name", "call", "answer"), NAMING_CALLS, ids=[name for name, _, _ in NAMING_CALLS])
def test_an_answer_about_another_run_is_refused_once(
    make_harness: MakeHarness, name: str, call: Callable[[Client], object], answer: dict[str, object]
) -> None:
    server = Script(reply(200, answer))  # one answer: a retry would fail the script
    harness = make_harness(server)
    with pytest.raises(APIResponseValidationError) as caught:
        harness.call(call)
    assert "'run_1'" in str(caught.value)
    assert "'run_2'" in str(caught.value)
    assert len(server.requests) == 1


def test_a_handle_keeps_what_it_had_when_the_answer_is_about_another_run(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json("run_1", "running")), reply(200, run_json("run_2")))
    harness = make_harness(server)
    handle = harness.call(lambda c: c.runs.get_handle("run_1"))
    with pytest.raises(APIResponseValidationError):
        harness.call(lambda c: handle.refresh())
    assert handle.run is not None
    assert handle.run.id == "run_1"
    assert not handle.finished


def test_a_cancel_through_a_handle_is_checked_too(make_harness: MakeHarness) -> None:
    server = Script(reply(200, _cancelled("run_2")))
    harness = make_harness(server)
    with pytest.raises(APIResponseValidationError, match="run_2"):
        harness.call(lambda c: c.runs.handle("run_1").cancel())


def test_a_rerun_answered_with_its_source_run_is_refused(make_harness: MakeHarness) -> None:
    # The rerun's lookup reads the source first; then the rerun itself answers with the source run, not a new one.
    server = Script(reply(200, run_json("run_1")), reply(201, {**ACCEPTED, "id": "run_1"}))
    harness = make_harness(server)
    with pytest.raises(APIResponseValidationError, match="new run"):
        harness.call(lambda c: c.runs.rerun("run_1"))


def test_a_rerun_answered_with_a_new_run_is_taken(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json("run_1")), reply(201, ACCEPTED))
    harness = make_harness(server)
    started = harness.call(lambda c: c.runs.rerun("run_1"))
    assert isinstance(started, RunAccepted)
    assert started.id == "run_9"


def test_the_answer_about_the_run_asked_for_is_taken(make_harness: MakeHarness) -> None:
    server = Script(reply(200, run_json("run 1/ä")), reply(200, _cancelled("run 1/ä")))
    harness = make_harness(server)
    with pytest.raises(InvalidArgumentError):  # a slash is refused before any request ...
        harness.call(lambda c: c.runs.get("run 1/ä"))
    server.answers[:] = [reply(200, run_json("run 1 ä")), reply(200, _cancelled("run 1 ä"))]
    assert harness.call(lambda c: c.runs.get("run 1 ä")).id == "run 1 ä"  # ... the rest is quoted and compared
    assert harness.call(lambda c: c.runs.cancel("run 1 ä")).id == "run 1 ä"


# --- ids and paths that would change the request's path -----------------------------------------------------------

BAD_IDS = [".", "..", "a/b", "../run_2", "a\\b", "run\n1", "run\x001", "run_\ud800"]
ID_CALLS: list[tuple[str, Callable[[Client, str], object]]] = [
    ("runs.get", lambda c, i: c.runs.get(i)),
    ("runs.cancel", lambda c, i: c.runs.cancel(i)),
    ("runs.rerun", lambda c, i: c.runs.rerun(i)),
    ("runs.usage", lambda c, i: c.runs.usage(i)),
    ("runs.steps", lambda c, i: c.runs.steps(i)),
    ("runs.events", lambda c, i: c.runs.events(i)),
    ("runs.wait", lambda c, i: c.runs.wait(i, timeout_seconds=1)),
    ("runs.handle", lambda c, i: c.runs.handle(i)),
    ("artifacts.list", lambda c, i: c.runs.artifacts.list(i)),
    ("artifacts.download", lambda c, i: c.runs.artifacts.download(i, "out.json")),
]


@pytest.mark.parametrize("run_id", BAD_IDS, ids=repr)
@pytest.mark.parametrize(("name", "call"), ID_CALLS, ids=[name for name, _ in ID_CALLS])
def test_an_id_that_would_change_the_path_is_refused_before_any_request(
    make_harness: MakeHarness, name: str, call: Callable[[Client, str], object], run_id: str
) -> None:
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda c: call(c, run_id))
    assert caught.value.argument == "run_id"
    str(caught.value).encode("utf-8")  # the message itself can be printed


@pytest.mark.parametrize("run_ids", [["run_1", ".."], ["run_1", "a/b"]])
def test_ids_in_a_list_are_refused_too(make_harness: MakeHarness, run_ids: list[str]) -> None:
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda c: c.runs.wait_all(run_ids, timeout_seconds=1))
    assert caught.value.argument == "run_ids[1]"


@pytest.mark.parametrize("path", [".", "..", "out\n.json"])
def test_an_artifact_path_that_would_leave_the_route_is_refused(make_harness: MakeHarness, path: str) -> None:
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda c: c.runs.artifacts.download("run_1", path))
    assert caught.value.argument == "path"


# --- lone surrogates in input --------------------------------------------------------------------------------------

SURROGATE_CALLS: list[tuple[str, Callable[[Client], object]]] = [
    ("input.name", lambda c: c.run(TARGET, input={"name": "caf\ud800"})),
    ("input.items[1]", lambda c: c.run(TARGET, input={"items": ["ok", "\udfff"]})),
    ("input.items[0]", lambda c: c.run(TARGET, input={"items": [{"\ud800": 1}]})),
    ("input", lambda c: c.run(TARGET, input={"\ud800": 1})),
    ("input.doc", lambda c: c.run(TARGET, input={"doc": b"file", "note": "\ud800"})),
    ("metadata.who", lambda c: c.run(TARGET, metadata={"who": "\ud800"})),
    ("overrides.model", lambda c: c.run(TARGET, overrides={"model": "\ud800"})),
    ("tags[0]", lambda c: c.run(TARGET, tags=["\ud800"])),
    ("version", lambda c: c.run(TARGET, version="v\ud800")),
    ("tag", lambda c: c.runs.list(tag="\ud800")),
    ("source", lambda c: c.runs.list(source="wf_\ud800")),
    ("input.name", lambda c: c.run_and_wait(TARGET, input={"name": "\ud800"})),
]


@pytest.mark.parametrize(("argument", "call"), SURROGATE_CALLS, ids=[name for name, _ in SURROGATE_CALLS])
def test_a_lone_surrogate_is_refused_naming_the_field(
    make_harness: MakeHarness, argument: str, call: Callable[[Client], object]
) -> None:
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(call)
    if argument == "input.doc":  # a multipart start: the plain field is named
        argument = "input.note"
    assert caught.value.argument == argument
    assert "surrogate" in str(caught.value)


def test_text_beyond_ascii_is_still_sent(make_harness: MakeHarness) -> None:
    server = Script(reply(201, ACCEPTED))
    harness = make_harness(server)
    harness.call(lambda c: c.run(TARGET, input={"name": "café 😀"}, tags=["ü"]))
    assert "café 😀" in server.requests[0].content.decode("utf-8")


# --- cursors ------------------------------------------------------------------------------------------------------

HUGE_CURSOR = "c" * (70 * 1024)


@pytest.mark.parametrize("cursor", [HUGE_CURSOR, "abc\r\nX-Injected: 1", "c\ud800"])
def test_a_bad_cursor_of_the_caller_is_refused_before_any_request(make_harness: MakeHarness, cursor: str) -> None:
    harness = make_harness(refuse)
    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda c: c.runs.list(cursor=cursor))
    assert caught.value.argument == "cursor"


@pytest.mark.parametrize("cursor", [HUGE_CURSOR, "abc\r\ndef"])
def test_a_next_cursor_no_url_can_carry_is_a_validation_error(make_harness: MakeHarness, cursor: str) -> None:
    page = reply(200, {"runs": [list_item_json("a")], "nextCursor": cursor})
    server = Script(page, page)
    harness = make_harness(server)
    with pytest.raises(APIResponseValidationError, match="nextCursor"):
        harness.call(lambda c: c.runs.list())
    with pytest.raises(APIResponseValidationError, match="nextCursor"):
        harness.collect(lambda c: c.runs.iter())
    assert len(server.requests) == 2  # one each: a bad answer is not retried


def test_a_cursor_of_the_longest_length_is_followed(make_harness: MakeHarness) -> None:
    longest = "c" * 8192
    pages = {None: {"runs": [list_item_json("a")], "nextCursor": longest}, longest: {"runs": [], "nextCursor": None}}
    server = Script.always(lambda request: httpx.Response(200, json=pages[request.url.params.get("cursor")]))
    harness = make_harness(server)
    assert [item.id for item in harness.collect(lambda c: c.runs.iter())] == ["a"]
    assert len(server.requests) == 2


# --- walks over pages end -----------------------------------------------------------------------------------------


def _fresh_cursors(runs: Callable[[int], list[dict[str, object]]]) -> Callable[[httpx.Request], httpx.Response]:
    counter = iter(range(1, 1_000_000))

    def answer(request: httpx.Request) -> httpx.Response:
        number = next(counter)
        assert number <= 100, "the walk did not end"  # fail, rather than hang, when the bound is gone
        return httpx.Response(200, json={"runs": runs(number), "nextCursor": f"fresh-{number}"})

    return answer


def test_iter_ends_at_an_empty_page_that_brings_a_cursor(make_harness: MakeHarness) -> None:
    server = Script.always(_fresh_cursors(lambda n: [list_item_json(f"r{n}")] if n == 1 else []))
    harness = make_harness(server)
    assert [item.id for item in harness.collect(lambda c: c.runs.iter())] == ["r1"]
    assert len(server.requests) == 2


def test_handles_and_cancel_many_end_at_an_empty_page_too(make_harness: MakeHarness) -> None:
    server = Script.always(_fresh_cursors(lambda n: []))
    harness = make_harness(server)
    assert harness.collect(lambda c: c.runs.handles(status="running")) == []
    result = harness.call(lambda c: c.runs.cancel_many(status="running"))
    assert result.matched == 0
    assert len(server.requests) == 2


def test_a_walk_that_never_ends_raises_after_the_most_pages(
    make_harness: MakeHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paging, "MAX_PAGES", 5)
    server = Script.always(_fresh_cursors(lambda n: [list_item_json(f"r{n}")]))
    harness = make_harness(server)
    with pytest.raises(APIResponseValidationError, match="after 5 pages"):
        harness.collect(lambda c: c.runs.iter())
    assert len(server.requests) == 5


def test_a_repeated_cursor_ends_the_walk_even_when_others_came_between(make_harness: MakeHarness) -> None:
    cursors: Iterator[str] = iter(["a", "b", "a", "b"])
    server = Script.always(
        lambda request: httpx.Response(200, json={"runs": [list_item_json("r")], "nextCursor": next(cursors)})
    )
    harness = make_harness(server)
    assert len(harness.collect(lambda c: c.runs.iter())) == 3
    assert len(server.requests) == 3


def test_page_walk_decisions() -> None:
    from eigenpal_api.models.runs_list_response import RunsListResponse

    def page(cursor: str | None, runs: int = 1) -> RunsListResponse:
        return RunsListResponse.from_dict(
            {"runs": [list_item_json(f"r{i}") for i in range(runs)], "nextCursor": cursor}
        )

    walk = paging.PageWalk(max_pages=3)
    assert walk.next_cursor(page("x")) == "x"
    assert walk.next_cursor(page("y")) == "y"
    with pytest.raises(APIResponseValidationError):
        walk.next_cursor(page("z"))
    assert paging.PageWalk().next_cursor(page("x", runs=0)) is None
    assert paging.PageWalk().next_cursor(page(None)) is None
    assert paging.PageWalk().next_cursor(page("")) is None
