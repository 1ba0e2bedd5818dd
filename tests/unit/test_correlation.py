"""Exactly once without a server idempotency key: the pure judgements of ``_correlation``, then starts, runs and
reruns whose answer is lost, on a fake server that keeps tags and lists by them as the real API does (R3).

A start carries ``eigenpal-ext:key:<hash of its key>``. After a failure that may have made its run, the client lists
runs by that tag: it adopts a run whose own tags hold it, sends the start again on an empty page, and otherwise (a
server that keeps no tags, or ignores the filter) raises the error with its key rather than risk a second run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from clientkit import Client, MakeHarness, body_of, error_json, list_item_json, make_item, make_run, reply, run_json
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_accepted import RunAccepted
from eigenpal_api.models.run_list_item import RunListItem

from eigenpal_ext import APIConnectionError, EigenpalError, InvalidArgumentError, RateLimitError, ServerError
from eigenpal_ext._core._correlation import (
    BATCH_TAG_PREFIX,
    KEY_TAG_PREFIX,
    Lookup,
    Verdict,
    batch_tag,
    judge_batch,
    judge_lookup,
    judge_rerun,
    key_tag,
    next_run_of,
    started_indices,
    with_correlation,
)
from eigenpal_ext._core._validation import MAX_TAG_LENGTH

TARGET = "workflows.extract-invoice"
TAG = key_tag("key-1")
STRANGER = "run_stranger"
"""A run of someone else's in the account: it never holds a start's tag, and must never be adopted."""

# --- the pure judgements ------------------------------------------------------------------------------------------


def _item(run_id: str, tags: object) -> RunListItem:
    """A list item with these tags (``None``: the server sent none; anything else is kept as received)."""
    fields = list_item_json(run_id)
    if tags is None:
        del fields["tags"]
    else:
        fields["tags"] = tags
    return RunListItem.from_dict(fields)


def test_a_key_tag_is_the_keys_hash_stable_and_short_enough_for_any_key() -> None:
    # the tags users see in the UI, and what a later version must still find: never changed lightly
    assert (KEY_TAG_PREFIX, BATCH_TAG_PREFIX) == ("eigenpal-ext:key:", "eigenpal-ext:batch:")
    assert key_tag("key-1") == key_tag("key-1") == "eigenpal-ext:key:" + hashlib.sha256(b"key-1").hexdigest()[:32]
    assert key_tag("key-1") != key_tag("key-2")
    assert batch_tag("key-1") == "eigenpal-ext:batch:" + hashlib.sha256(b"key-1").hexdigest()[:32]
    assert batch_tag("key-1") != key_tag("key-1")  # a batch's tag never names one of its starts
    for key in ("k" * 255, "ключ-☃" * 40, ""):
        for tag in (key_tag(key), batch_tag(key)):
            assert 1 <= len(tag) <= MAX_TAG_LENGTH
            assert tag.isascii()


def test_the_correlation_tags_come_after_the_callers_once_each() -> None:
    assert with_correlation(["q3", "vip"], [TAG]) == ["q3", "vip", TAG]
    assert with_correlation(["q3", TAG], ["b", TAG]) == ["q3", TAG, "b"]
    assert with_correlation(None, [TAG]) == [TAG]
    assert with_correlation(None, []) is None
    assert with_correlation([], []) is None


def test_a_lookup_adopts_only_a_run_whose_own_tags_hold_the_tag_the_oldest_of_them() -> None:
    assert judge_lookup([_item("run_2", ["q3", TAG])], TAG) == Lookup(Verdict.ADOPT, "run_2")
    # listed newest first: the oldest is the first attempt's run
    newest_first = [_item("run_3", [TAG]), _item(STRANGER, ["other"]), _item("run_2", [TAG])]
    assert judge_lookup(newest_first, TAG) == Lookup(Verdict.ADOPT, "run_2")
    # a stranger beside our run does not stop the adoption, whatever tags it shows
    assert judge_lookup([_item(STRANGER, None), _item("run_2", [TAG])], TAG) == Lookup(Verdict.ADOPT, "run_2")


def test_an_empty_page_proves_no_run_was_made() -> None:
    assert judge_lookup([], TAG) == Lookup(Verdict.NONE_MADE)


@pytest.mark.parametrize(
    ("tags", "why"),
    [
        (None, "keeps no tags"),  # R1's runs have no tags
        (TAG, "keeps no tags"),  # a string that drifted from the document is no list of tags, even if it matches
        ([TAG.upper()], "ignored the tag filter"),  # tags are exact and case-sensitive
        (["other"], "ignored the tag filter"),
        ([], "ignored the tag filter"),
    ],
)
def test_a_page_of_runs_without_the_tag_proves_nothing_and_is_never_adopted(tags: object, why: str) -> None:
    lookup = judge_lookup([_item(STRANGER, tags)], TAG)
    assert lookup.verdict is Verdict.UNPROVEN
    assert lookup.run_id is None
    assert why in lookup.reason


@pytest.mark.parametrize(
    ("before", "now", "expected"),
    [
        (None, None, Lookup(Verdict.NONE_MADE)),
        (None, "run_new", Lookup(Verdict.ADOPT, "run_new")),
        ("run_old", "run_old", Lookup(Verdict.NONE_MADE)),  # the rerun of an earlier call, not ours
        ("run_old", "run_new", Lookup(Verdict.ADOPT, "run_new")),
    ],
)
def test_a_rerun_was_made_when_the_sources_next_run_changed(
    before: str | None, now: str | None, expected: Lookup
) -> None:
    assert judge_rerun(before, now) == expected


def test_a_batch_listing_is_trusted_only_when_every_run_on_it_holds_the_batch_tag() -> None:
    batch = batch_tag("nightly")
    assert judge_batch([], batch).verdict is Verdict.NONE_MADE
    assert (
        judge_batch([_item("run_1", [batch, TAG]), _item("run_2", ["q3", batch])], batch).verdict is Verdict.NONE_MADE
    )
    no_tags = judge_batch([_item("run_1", [batch]), _item("run_2", None)], batch)
    assert (no_tags.verdict, "keeps no tags" in no_tags.reason) == (Verdict.UNPROVEN, True)
    unfiltered = judge_batch([_item("run_1", [batch]), _item(STRANGER, ["other"])], batch)
    assert (unfiltered.verdict, "ignored the tag filter" in unfiltered.reason) == (Verdict.UNPROVEN, True)


def test_the_inputs_a_batch_started_are_found_by_their_own_key_tags() -> None:
    keys = {key_tag(f"nightly:{index}"): slot for slot, index in enumerate([0, 3, 7])}
    listed = [
        _item("run_9", [batch_tag("nightly"), key_tag("nightly:7")]),  # newest first
        _item("run_8", [key_tag("nightly:3")]),
        _item(STRANGER, ["other", key_tag("nightly:1")]),  # a key tag no input of this call has
        _item("run_6", None),  # no tags: says nothing
        _item("run_5", [key_tag("nightly:3")]),  # an older run of the same input: the oldest is kept
    ]
    assert started_indices(listed, keys) == {2: "run_9", 1: "run_5"}
    assert started_indices([], keys) == {}


def _with_next_run(next_run: object) -> Run:
    body = run_json("run_src")
    body["execution"]["retry"]["nextRun"] = next_run
    return Run.from_dict(body)


def test_the_next_run_of_a_source_is_read_and_a_drifted_one_reads_as_none() -> None:
    assert next_run_of(_with_next_run({"id": "run_new", "status": "queued"})) == "run_new"
    assert next_run_of(_with_next_run(None)) is None
    assert next_run_of(make_run("run_src")) is None
    for drifted in ("run_new", ["run_new"], {"id": 7, "status": "queued"}, {"status": "queued"}):
        assert next_run_of(_with_next_run(drifted)) is None
    without_retry = run_json("run_src")
    del without_retry["execution"]["retry"]
    assert next_run_of(Run.from_dict(without_retry)) is None
    assert next_run_of(make_item("run_src")) is None
    assert next_run_of(object()) is None
    assert next_run_of(None) is None


# --- a server that keeps tags ------------------------------------------------------------------------------------

Step = str
"""What the server does with one start or rerun: ``ok``; ``lost-500`` / ``lost-reset`` (the run is made, then the
answer is lost); ``refused`` (no connection: nothing made); ``429`` and ``503`` (answered before anything was made)."""


class TaggedServer:
    """Runs as the real API keeps them: a start makes a completed run that keeps the start's tags; a rerun makes one
    and names it in its source's ``execution.retry.nextRun``; ``GET /v1/runs?tag=`` lists the runs holding the tag,
    newest first. ``tags="none"`` plays a server that keeps no tags (and so ignores the filter), ``"unfiltered"`` one
    that keeps them but ignores the filter. The account already holds a stranger's run and a source run to rerun.

    Args:
        steps: What each start or rerun does, in order; ``ok`` once they run out.
        tags: ``kept``, ``none`` or ``unfiltered``.
    """

    def __init__(self, *steps: Step, tags: str = "kept") -> None:
        self.steps = list(steps)
        self.mode = tags
        self.requests: list[httpx.Request] = []
        self.tags: dict[str, list[str]] = {STRANGER: ["someone-else"], "run_src": []}  # oldest first
        self.next_run: dict[str, str] = {}

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        path = request.url.path
        if request.method == "POST":
            return self._create(request)
        if path == "/v1/runs":
            return self._list(request.url.params)
        return reply(200, self._run(path.rsplit("/", 1)[1]))

    def _create(self, request: httpx.Request) -> httpx.Response:
        step = self.steps.pop(0) if self.steps else "ok"
        if step == "refused":
            raise httpx.ConnectError("connection refused")
        if step in ("429", "503"):
            return reply(int(step), error_json("busy"))
        run_id = f"run_{len(self.tags)}"
        if request.url.path.endswith("/rerun"):
            self.tags[run_id] = []
            self.next_run[request.url.path.split("/")[3]] = run_id
        else:
            self.tags[run_id] = list(body_of(request).get("tags", []))
        if step == "lost-500":
            return reply(500, error_json("the run was made, but its answer was lost"))
        if step == "lost-reset":
            raise httpx.ReadError("connection reset by peer")
        if "wait_for_completion" in request.url.params:
            return reply(200, self._run(run_id))
        return reply(202, {"id": run_id, "type": "workflow", "finished": False})

    def _list(self, params: httpx.QueryParams) -> httpx.Response:
        newest_first = list(reversed(self.tags))
        if self.mode == "kept":
            newest_first = [run_id for run_id in newest_first if params["tag"] in self.tags[run_id]]
        page = newest_first[: int(params["limit"])]
        items = [self._shown(list_item_json(run_id), run_id) for run_id in page]
        return reply(200, {"runs": items, "nextCursor": None})

    def _run(self, run_id: str) -> dict[str, Any]:
        body = run_json(run_id)
        if run_id in self.next_run:
            body["execution"]["retry"]["nextRun"] = {"id": self.next_run[run_id], "status": "completed"}
        return self._shown(body, run_id)

    def _shown(self, body: dict[str, Any], run_id: str) -> dict[str, Any]:
        if self.mode == "none":
            del body["tags"]
        else:
            body["tags"] = self.tags[run_id]
        return body

    def made(self) -> list[str]:
        """The runs made by the test's starts and reruns."""
        return [run_id for run_id in self.tags if run_id not in (STRANGER, "run_src")]

    def sent(self) -> list[str]:
        """Each request, briefly: ``POST``, ``lookup`` (``GET /v1/runs?tag=``), ``GET <run id>``."""
        return [
            "POST"
            if request.method == "POST"
            else "lookup"
            if request.url.path == "/v1/runs"
            else f"GET {request.url.path.rsplit('/', 1)[1]}"
            for request in self.requests
        ]

    def posts(self) -> list[httpx.Request]:
        return [request for request in self.requests if request.method == "POST"]


Start = Callable[[Client], object]


def _run(client: Client) -> object:
    return client.run(TARGET, input={"a": 1}, tags=["q3"])


def _run_and_wait(client: Client) -> object:
    return client.run_and_wait(TARGET, input={"a": 1}, tags=["q3"], timeout_seconds=60)


STARTS: dict[str, Start] = {"run": _run, "run_and_wait": _run_and_wait}


def _notes(error: BaseException) -> str:
    return " ".join(getattr(error, "__notes__", []))


@pytest.mark.parametrize("lost", ["lost-500", "lost-reset"])
@pytest.mark.parametrize("start", STARTS)
def test_a_start_whose_answer_was_lost_adopts_the_run_it_made(make_harness: MakeHarness, start: str, lost: str) -> None:
    server = TaggedServer(lost)
    harness = make_harness(server)

    result = harness.call(STARTS[start])

    assert server.made() == ["run_2"]
    assert server.sent() == ["POST", "lookup", "GET run_2"]  # one start: the run it made was found, not made again
    assert isinstance(result, Run)  # the run read in full is the start's result
    assert result.id == "run_2"
    key = server.posts()[0].headers["Idempotency-Key"]
    assert body_of(server.posts()[0])["tags"] == ["q3", key_tag(key)]
    lookup = server.requests[1]
    assert (lookup.url.params["tag"], lookup.url.params["limit"]) == (key_tag(key), "100")


@pytest.mark.parametrize("start", STARTS)
def test_a_lookup_that_finds_nothing_sends_the_start_again_with_the_same_key_and_tags(
    make_harness: MakeHarness, start: str
) -> None:
    server = TaggedServer("503")  # answered before anything was made, though the client cannot know it
    harness = make_harness(server)

    result = harness.call(STARTS[start])

    assert isinstance(result, Run | RunAccepted) and result.id == "run_2"
    assert server.sent() == ["POST", "lookup", "POST"]
    first, second = server.posts()
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]
    assert body_of(first) == body_of(second)  # the same tags, the same correlation tag
    assert server.made() == ["run_2"]


@pytest.mark.parametrize(
    ("mode", "step", "why"),
    [
        ("none", "lost-500", "keeps no tags"),
        ("none", "503", "keeps no tags"),
        ("unfiltered", "503", "ignored the tag filter"),
        ("unfiltered", "lost-reset", None),  # it keeps tags: our own run is on the page, found by its tag
    ],
)
@pytest.mark.parametrize("start", STARTS)
def test_a_server_that_cannot_say_gets_no_second_start_and_the_error_carries_the_key(
    make_harness: MakeHarness, start: str, mode: str, step: str, why: str | None
) -> None:
    server = TaggedServer(step, tags=mode)
    harness = make_harness(server)

    if why is None:
        adopted = harness.call(STARTS[start])
        assert isinstance(adopted, Run) and adopted.id == "run_2"
        assert server.sent() == ["POST", "lookup", "GET run_2"]
        return
    with pytest.raises(EigenpalError) as caught:
        harness.call(STARTS[start])

    assert len(server.posts()) == 1
    assert server.sent() == ["POST", "lookup"]  # the stranger's run is never read, let alone adopted
    error = caught.value
    assert isinstance(error, ServerError) and error.status_code in (500, 503)  # the start's own error
    assert error.idempotency_key == server.posts()[0].headers["Idempotency-Key"]
    assert "not sent again" in _notes(error) and why in _notes(error)


@pytest.mark.parametrize("step", ["refused", "429"])
@pytest.mark.parametrize("start", STARTS)
def test_a_failure_that_proves_nothing_was_made_is_sent_again_without_a_lookup(
    make_harness: MakeHarness, start: str, step: str
) -> None:
    server = TaggedServer(step, step)
    harness = make_harness(server)

    result = harness.call(STARTS[start])

    assert isinstance(result, Run | RunAccepted) and result.id == "run_2"
    assert server.sent() == ["POST", "POST", "POST"]
    assert len({request.headers["Idempotency-Key"] for request in server.posts()}) == 1


@pytest.mark.parametrize(
    ("step", "error"),
    [("refused", APIConnectionError), ("429", RateLimitError)],
)
def test_a_plain_start_that_keeps_making_nothing_stops_after_its_retries_with_its_key(
    make_harness: MakeHarness, step: str, error: type[EigenpalError]
) -> None:
    server = TaggedServer(step, step, step, step)
    harness = make_harness(server)  # max_retries=2

    with pytest.raises(error) as caught:
        harness.call(_run)

    assert server.sent() == ["POST", "POST", "POST"]
    assert caught.value.idempotency_key == server.posts()[0].headers["Idempotency-Key"]


# --- reruns --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("lost", ["lost-500", "lost-reset"])
def test_a_rerun_whose_answer_was_lost_adopts_the_sources_new_next_run(make_harness: MakeHarness, lost: str) -> None:
    server = TaggedServer(lost)
    harness = make_harness(server)

    result = harness.call(lambda client: client.runs.rerun("run_src"))

    assert server.made() == ["run_2"]
    # the source read before the rerun (no nextRun), the lost rerun, the source again (nextRun run_2), run_2 in full
    assert server.sent() == ["GET run_src", "POST", "GET run_src", "GET run_2"]
    assert isinstance(result, Run) and result.id == "run_2"


def test_a_rerun_of_a_source_rerun_before_adopts_only_a_new_next_run(make_harness: MakeHarness) -> None:
    server = TaggedServer("ok", "503")
    harness = make_harness(server)
    earlier = harness.call(lambda client: client.runs.rerun("run_src"))
    assert isinstance(earlier, Run | RunAccepted) and earlier.id == "run_2"
    server.requests.clear()

    result = harness.call(lambda client: client.runs.rerun("run_src"))

    # the source's nextRun is still the earlier rerun after the 503: none was made, so the rerun is sent again
    assert server.sent() == ["GET run_src", "POST", "GET run_src", "POST"]
    assert isinstance(result, Run | RunAccepted) and result.id == "run_3"
    assert server.made() == ["run_2", "run_3"]


def test_a_rerun_is_sent_again_at_once_after_a_failure_that_proves_nothing_was_made(make_harness: MakeHarness) -> None:
    server = TaggedServer("refused")
    harness = make_harness(server)

    result = harness.call(lambda client: client.runs.rerun("run_src"))

    assert isinstance(result, Run | RunAccepted) and result.id == "run_2"
    assert server.sent() == ["GET run_src", "POST", "POST"]


# --- a key of the caller's: a resume ------------------------------------------------------------------------------


@pytest.mark.parametrize("start", STARTS)
def test_a_start_with_the_callers_key_adopts_the_run_an_earlier_call_made(
    make_harness: MakeHarness, start: str
) -> None:
    server = TaggedServer("lost-500", tags="kept")
    harness = make_harness(server, max_retries=0)  # the first call gives up at once, with its key

    with pytest.raises(ServerError) as caught:
        harness.call(lambda client: client.run(TARGET, input={"a": 1}, idempotency_key="mine-1"))
    assert caught.value.idempotency_key == "mine-1"
    assert server.made() == ["run_2"]
    server.requests.clear()

    def resume(client: Client) -> object:
        if start == "run":
            return client.run(TARGET, input={"a": 1}, idempotency_key="mine-1")
        return client.run_and_wait(TARGET, input={"a": 1}, idempotency_key="mine-1", timeout_seconds=60)

    resumed = harness.call(resume)

    assert isinstance(resumed, Run) and resumed.id == "run_2"
    assert server.sent() == ["lookup", "GET run_2"]  # looked for first, found: not sent again
    assert server.made() == ["run_2"]


@pytest.mark.parametrize("start", STARTS)
def test_a_start_with_the_callers_key_that_finds_no_run_is_sent_once(make_harness: MakeHarness, start: str) -> None:
    server = TaggedServer()
    harness = make_harness(server)

    def begin(client: Client) -> object:
        if start == "run":
            return client.run(TARGET, input={}, idempotency_key="fresh-1")
        return client.run_and_wait(TARGET, input={}, idempotency_key="fresh-1", timeout_seconds=60)

    result = harness.call(begin)

    assert isinstance(result, Run | RunAccepted) and result.id == "run_2"
    assert server.sent() == ["lookup", "POST"]
    assert server.requests[0].url.params["tag"] == key_tag("fresh-1")


# --- correlation_tags=False --------------------------------------------------------------------------------------


def test_without_correlation_tags_the_body_carries_only_the_callers_tags(make_harness: MakeHarness) -> None:
    server = TaggedServer()
    harness = make_harness(server, correlation_tags=False)

    harness.call(lambda client: client.run(TARGET, input={"a": 1}))
    harness.call(lambda client: client.run(TARGET, input={"a": 1}, tags=["q3"]))

    first, second = server.posts()
    assert "tags" not in body_of(first)
    assert body_of(second)["tags"] == ["q3"]


@pytest.mark.parametrize("step", ["503", "lost-500", "lost-reset"])
def test_without_correlation_tags_a_start_that_may_have_made_its_run_is_not_sent_again(
    make_harness: MakeHarness, step: str
) -> None:
    server = TaggedServer(step)
    harness = make_harness(server, correlation_tags=False)

    with pytest.raises(EigenpalError) as caught:
        harness.call(_run)

    assert server.sent() == ["POST"]  # no lookup (there is no tag to look by), no second start
    assert caught.value.idempotency_key == server.posts()[0].headers["Idempotency-Key"]
    assert "not sent again" in _notes(caught.value) and "cannot look" in _notes(caught.value)


@pytest.mark.parametrize("step", ["refused", "429"])
def test_without_correlation_tags_a_start_that_made_nothing_is_sent_again(make_harness: MakeHarness, step: str) -> None:
    server = TaggedServer(step)
    harness = make_harness(server, correlation_tags=False)

    result = harness.call(_run)

    assert isinstance(result, Run | RunAccepted) and result.id == "run_2"
    assert server.sent() == ["POST", "POST"]


def test_without_correlation_tags_a_rerun_reads_no_source_and_is_not_sent_again_blind(
    make_harness: MakeHarness,
) -> None:
    server = TaggedServer("503")
    harness = make_harness(server, correlation_tags=False)

    with pytest.raises(ServerError) as caught:
        harness.call(lambda client: client.runs.rerun("run_src", idempotency_key="again-1"))

    assert server.sent() == ["POST"]
    assert caught.value.idempotency_key == "again-1"


def test_without_correlation_tags_a_start_with_the_callers_key_is_still_sent(make_harness: MakeHarness) -> None:
    server = TaggedServer()
    harness = make_harness(server, correlation_tags=False)

    result = harness.call(lambda client: client.run(TARGET, input={}, idempotency_key="mine-1"))

    assert isinstance(result, Run | RunAccepted) and result.id == "run_2"
    assert server.sent() == ["POST"]


# --- how many tags fit ---------------------------------------------------------------------------------------------


def test_the_correlation_tag_takes_one_of_the_hundred_a_run_may_have(make_harness: MakeHarness) -> None:
    server = TaggedServer()
    harness = make_harness(server)
    untagged = make_harness(TaggedServer(), correlation_tags=False)
    hundred = [f"t{n}" for n in range(100)]

    with pytest.raises(InvalidArgumentError) as caught:
        harness.call(lambda client: client.run(TARGET, input={}, tags=hundred))
    assert caught.value.argument == "tags"
    assert "at most 99 tags" in str(caught.value)
    assert "correlation_tags=False" in str(caught.value)  # and how to make room
    assert server.requests == []

    harness.call(lambda client: client.run(TARGET, input={}, tags=hundred[:99]))
    assert len(body_of(server.posts()[0])["tags"]) == 100
    untagged.call(lambda client: client.run(TARGET, input={}, tags=hundred))  # without the tag, all 100 fit
