"""Runs waiting on people: what counts as waiting on a person, and what a wait does then (the pure rules and flows).

The same behaviour against a running local server is tests/integration/test_human_review.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from clientkit import FakeClock, make_item, make_run
from eigenpal_api.models import AgentRunExecution, Run, RunExecutionMeta, WorkflowRunExecution

from eigenpal_ext import human_review_of
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._wait_rules import WaitSettings, is_new_state, settled_start, stops_wait, wait_settings
from eigenpal_ext._core._waiting import _flows, _steps
from eigenpal_ext._core._waiting._steps import Observation

STOP = WaitSettings(stop_on_human_review=True)
KEEP = WaitSettings()


def review_json(confirmed: int = 0, required: int = 2, version: int = 1) -> dict[str, Any]:
    return {
        "taskId": "hrt_1",
        "sourceKind": "workflow_step",
        "sourceLabel": "Check the totals",
        "status": "pending",
        "requiredCount": required,
        "confirmedCount": confirmed,
        "version": version,
    }


def execution_json(status: str, review: dict[str, Any] | None, **extra: Any) -> dict[str, Any]:
    return {
        "status": status,
        "schemaValid": None,
        "batchId": None,
        "retry": {"number": 0, "previousRunId": None, "nextRun": None},
        "humanReview": review,
        **extra,
    }


def waiting(run_id: str = "r1", review: dict[str, Any] | None = None, status: str = "waiting") -> Run:
    return make_run(run_id, status, execution=execution_json(status, review if review is not None else review_json()))


@pytest.mark.parametrize(
    ("extra", "kind"),
    [
        ({}, RunExecutionMeta),
        ({"steps": [{"id": "s1", "status": "running"}]}, WorkflowRunExecution),
        ({"files": {"output": []}}, AgentRunExecution),
    ],
)
def test_the_review_is_typed_on_every_execution_variant(extra: dict[str, Any], kind: type) -> None:
    run = make_run("r1", "waiting", execution=execution_json("waiting", review_json(1, 2, 3), **extra))

    assert isinstance(run.execution, kind)
    review = human_review_of(run)
    assert review is not None
    assert (review.task_id, review.source_label, review.status) == ("hrt_1", "Check the totals", "pending")
    assert (review.confirmed_count, review.required_count, review.version) == (1, 2, 3)
    assert str(review.source_kind) == "workflow_step"


def test_a_run_waits_on_a_person_only_while_waiting_with_a_review() -> None:
    assert human_review_of(waiting()) is not None
    item = make_item("r1", "waiting", execution=execution_json("waiting", review_json()))
    assert human_review_of(item) is not None  # a list row carries it too
    assert human_review_of(make_run("r1", "waiting")) is None  # waiting on something else
    assert human_review_of(waiting(status="running")) is None  # a leftover review on a run that went on
    assert human_review_of(make_run("r1", "completed")) is None


def test_a_review_that_does_not_fit_the_document_is_not_taken_for_one() -> None:
    broken = review_json()
    del broken["taskId"]

    assert human_review_of(waiting(review=broken)) is None


def test_a_wait_stops_on_a_person_only_when_told_to() -> None:
    assert stops_wait(waiting(), STOP)
    assert not stops_wait(waiting(), KEEP)
    assert not stops_wait(make_run("r1", "waiting"), STOP)  # waiting, but on no person: waited on
    assert stops_wait(make_run("r1", "failed"), KEEP)
    assert not stops_wait(make_run("r1", "running"), STOP)
    assert wait_settings(poll_interval_seconds=1, stop_on_human_review=True) == WaitSettings(
        poll_interval_seconds=1, stop_on_human_review=True
    )
    assert not WaitSettings().stop_on_human_review  # by default a waiting run is waited on


def test_a_review_count_that_moves_is_a_new_state() -> None:
    assert is_new_state(waiting(review=review_json(0)), waiting(review=review_json(1, version=2)))
    assert is_new_state(waiting(review=review_json(1, required=2)), waiting(review=review_json(1, required=3)))
    assert not is_new_state(waiting(review=review_json(1)), waiting(review=review_json(1)))


def _flow(settings: WaitSettings) -> tuple[FakeClock, Deadline, Any]:
    clock = FakeClock()
    clock.now = 0.0
    deadline = Deadline.after(clock, 300)
    return clock, deadline, _flows.wait_flow("r1", settings, deadline, lambda: 0.5)


def test_a_wait_told_to_stop_returns_the_waiting_run_at_once() -> None:
    _clock, deadline, flow = _flow(STOP)
    person = waiting()

    assert next(flow) == _steps.Read("r1", (), deadline)
    assert flow.send(Observation(person)) == _steps.Emit(person)
    with pytest.raises(StopIteration) as stopped:
        next(flow)
    assert stopped.value.value is person


def test_by_default_a_wait_goes_on_through_the_review_and_shows_each_count() -> None:
    clock, deadline, flow = _flow(KEEP)
    first, second, done = waiting(review=review_json(0)), waiting(review=review_json(1, version=2)), make_run("r1")

    assert next(flow) == _steps.Read("r1", (), deadline)
    assert flow.send(Observation(first)) == _steps.Emit(first)
    assert next(flow) == _steps.Sleep(0.25)
    assert next(flow) == _steps.Read("r1", (), deadline)
    assert flow.send(Observation(first)) == _steps.Sleep(0.375)  # the same counts: nothing new to show
    assert next(flow) == _steps.Read("r1", (), deadline)
    assert flow.send(Observation(second)) == _steps.Emit(second)  # one more confirmation
    assert isinstance(next(flow), _steps.Sleep)
    assert next(flow) == _steps.Read("r1", (), deadline)
    assert flow.send(Observation(done)) == _steps.Emit(done)
    with pytest.raises(StopIteration) as stopped:
        next(flow)
    assert stopped.value.value is done
    assert clock.now == 0.0  # nothing slept: the flow only asked


def test_a_waiting_run_without_a_review_is_waited_on_even_when_told_to_stop() -> None:
    _clock, _deadline, flow = _flow(STOP)
    machine = make_run("r1", "waiting")

    next(flow)
    assert flow.send(Observation(machine)) == _steps.Emit(machine)
    assert isinstance(next(flow), _steps.Sleep)


def test_many_runs_count_one_waiting_on_a_person_as_ended_when_told_to() -> None:
    clock = FakeClock()
    clock.now = 0.0
    deadline = Deadline.after(clock, 300)
    flow = _flows.many_flow(["r1", "r2"], STOP, deadline, lambda: 0.5)
    person = waiting("r1")
    done = make_run("r2")

    assert next(flow) == _steps.ReadMany((("r1", "r2"),), deadline)
    items = [make_item("r1", "waiting", execution=execution_json("waiting", review_json())), make_item("r2")]
    assert flow.send(items) == _steps.ReadEach(("r1", "r2"), (), deadline)  # both are read in full
    assert flow.send([Observation(person), Observation(done)]) == _steps.Emit(person)
    assert next(flow) == _steps.Emit(done)
    with pytest.raises(StopIteration) as stopped:
        next(flow)
    assert stopped.value.value == [person, done]


def test_many_runs_keep_watching_one_waiting_on_a_person_by_default() -> None:
    clock = FakeClock()
    clock.now = 0.0
    deadline = Deadline.after(clock, 300)
    flow = _flows.many_flow(["r1"], KEEP, deadline, lambda: 0.5)

    next(flow)
    items = [make_item("r1", "waiting", execution=execution_json("waiting", review_json()))]
    assert isinstance(flow.send(items), _steps.Sleep)  # not read in full: it has not ended


def test_a_start_that_answers_a_run_waiting_on_a_person_settles_a_wait_told_to_stop() -> None:
    person = waiting()

    assert settled_start(person, settings=KEEP, on_update=None) is None
    assert settled_start(person, settings=STOP, on_update=None) is person
    assert (
        settled_start(person, settings=WaitSettings(stop_on_human_review=True, expand=("usage",)), on_update=None)
        is None
    )
