"""How the command line draws what the API answers, from objects built in the test (no server): free-form step
rows, runs without the optional parts, usage without figures, and times that are not ISO text."""

from __future__ import annotations

from typing import Any

import pytest
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_list_item import RunListItem
from eigenpal_api.models.run_usage import RunUsage
from rich.console import Console, RenderableType

from eigenpal_ext.cli._progress import status_of, steps_done
from eigenpal_ext.cli._render import run_view, runs_table, steps_table, usage_view


def drawn(renderable: RenderableType) -> str:
    """What a person would see, as plain text."""
    console = Console(width=200, record=True, force_terminal=False, color_system=None)
    with console.capture() as captured:
        console.print(renderable)
    return captured.get()


def run_document(**changes: Any) -> dict[str, Any]:
    """A run as the API writes it, with only what the document requires, then ``changes``."""
    document: dict[str, Any] = {
        "id": "run_0001",
        "type": "workflow",
        "finished": False,
        "timing": {
            "createdAt": "2026-07-19T10:00:00.000Z",
            "startedAt": None,
            "completedAt": None,
            "durationMs": None,
            "cancelRequestedAt": None,
        },
        "source": {"id": "wf_sleep", "name": None, "version": None},
        "trigger": {"type": "api", "by": None},
        "execution": {"schemaValid": None, "batchId": None, "retry": {"number": 0, "previousRunId": None,
                                                                      "nextRun": None}, "status": "running"},
    }  # fmt: skip
    document.update(changes)
    return document


def with_steps(steps: list[Any]) -> Run:
    execution = {**run_document()["execution"], "steps": steps}
    return Run.from_dict(run_document(execution=execution))


# --- steps -------------------------------------------------------------------------------------------------------


def test_step_rows_show_what_they_have_and_never_need_a_key() -> None:
    rows: list[Any] = [
        {"name": "read", "status": "completed", "type": "ocr", "order": 0},
        {"status": "running"},  # no name, no type, no order
        {},
        "a row that is not an object",
    ]

    table = drawn(steps_table(rows))

    assert "read" in table and "ocr" in table and "completed" in table and "running" in table
    assert "a row that is not an object" in table
    assert [line.split()[0] for line in table.splitlines() if line.strip()[:1].isdigit()] == ["1", "2", "3", "4"]


def test_steps_are_drawn_by_order_when_every_row_has_one_and_as_listed_otherwise() -> None:
    ordered = drawn(steps_table([{"name": "second", "order": 1}, {"name": "first", "order": 0}]))
    unordered = drawn(steps_table([{"name": "second", "order": 1}, {"name": "first"}]))

    assert ordered.index("first") < ordered.index("second")
    assert unordered.index("second") < unordered.index("first")


def test_steps_without_names_are_told_apart_by_id_and_an_error_object_by_its_message() -> None:
    table = drawn(steps_table([{"id": "step_a", "error": {"message": "boom", "code": "x"}}, {"id": "step_b"}]))

    assert "step_a" in table and "step_b" in table
    assert "boom" in table
    assert "code" not in table


def test_progress_counts_completed_rows_and_a_run_without_steps_has_no_total() -> None:
    run = with_steps([{"name": "a", "status": "completed"}, {"name": "b"}, {"status": "completed"}, 7])
    slim = Run.from_dict(run_document())

    assert steps_done(run) == (2, 4)
    assert steps_done(slim) == (0, None)
    assert status_of(slim) == "running"


# --- runs --------------------------------------------------------------------------------------------------------


def test_a_run_with_only_the_required_fields_is_drawn() -> None:
    view = drawn(run_view(Run.from_dict(run_document())))

    assert "run_0001" in view
    assert "2026-07-19 10:00:00" in view
    assert "tags" not in view  # a server that keeps none: nothing to say, rather than "(none)"
    assert "Steps" not in view


def test_a_run_shows_its_tags_who_started_it_and_its_reruns() -> None:
    execution = run_document()["execution"]
    execution["retry"] = {"number": 1, "previousRunId": "run_0000", "nextRun": {"id": "run_0002", "status": "pending"}}
    document = run_document(
        tags=["q3", "audit"],
        trigger={"type": "api", "by": {"id": "user_1", "name": "Ada", "email": "ada@example.com"}},
        execution=execution,
    )

    view = drawn(run_view(Run.from_dict(document)))

    assert "q3, audit" in view
    assert "Ada <ada@example.com>" in view
    assert "run_0000" in view
    assert "run_0002 (pending)" in view


def test_a_time_that_is_not_iso_text_is_shown_as_it_came() -> None:
    timing = {**run_document()["timing"], "createdAt": "yesterday", "durationMs": 1500.0}

    view = drawn(run_view(Run.from_dict(run_document(timing=timing))))

    assert "yesterday" in view
    assert "1.50 s" in view


def test_list_rows_without_tags_are_drawn() -> None:
    item = RunListItem.from_dict({key: value for key, value in run_document().items()})

    table = drawn(runs_table([item]))

    assert "run_0001" in table
    assert "wf_sleep" in table


# --- usage -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("usage", "shown"),
    [
        (None, "no usage recorded"),
        (
            {"tokens": {"input": 1200.0, "output": 35, "cacheRead": None, "cacheWrite": None},
             "creditsCharged": 0.5, "durationMs": 2000.0, "agentTurns": 3.0},
            "1200 in, 35 out",
        ),
        (
            {"tokens": {"input": None, "output": None, "cacheRead": None, "cacheWrite": None},
             "creditsCharged": None, "durationMs": None},
            "- in, - out",
        ),
    ],
)  # fmt: skip
def test_usage_numbers_may_be_absent(usage: dict[str, Any] | None, shown: str) -> None:
    view = drawn(usage_view(None if usage is None else RunUsage.from_dict(usage)))

    assert shown in view
