"""Runs, lists, files, steps and usage drawn as tables for a person (the ``--json`` form is the API's own JSON).

Every table is a :class:`~._table.FitTable`: on a terminal its columns give way in order as the width narrows (free
text first, ids and statuses last); in a pipe it is tab-separated rows under a header row.

The API's objects are drawn from what they hold: times are ISO text (shown in UTC when they parse, else as given),
steps are free-form rows (a column for each known field some row has), and a field that is absent is a ``-``.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eigenpal_api.models.run import Run
from eigenpal_api.models.run_accepted import RunAccepted
from eigenpal_api.models.run_artifact import RunArtifact
from eigenpal_api.models.run_cancel_response import RunCancelResponse
from eigenpal_api.models.run_event import RunEvent
from eigenpal_api.models.run_list_item import RunListItem
from eigenpal_api.models.run_source import RunSource
from eigenpal_api.models.run_trigger_by import RunTriggerBy
from eigenpal_api.models.run_usage import RunUsage
from rich.console import Group, RenderableType
from rich.text import Text

from eigenpal_ext import human_review_of

from ._table import Column, FitTable

__all__ = [
    "accepted_view",
    "artifacts_table",
    "cancel_line",
    "events_table",
    "output_tables",
    "review_progress",
    "run_status_text",
    "run_view",
    "runs_table",
    "status_text",
    "step_rows",
    "steps_table",
    "usage_view",
    "wire_text",
]

_STATUS_STYLES = {
    "completed": "bold green",
    "failed": "bold red",
    "rejected": "bold red",
    "cancelled": "bold yellow",
}
_REVIEW_STYLE = "bold magenta"


def review_progress(run: Run | RunListItem) -> str | None:
    """``waiting for review 1/2`` (confirmed of required) for a run waiting on a person, else None."""
    review = human_review_of(run)
    if review is None:
        return None
    return f"waiting for review {review.confirmed_count}/{review.required_count}"


def run_status_text(run: Run | RunListItem) -> Text:
    """A run's status as a person reads it: coloured by outcome, and ``waiting for review 1/2`` while a human
    review holds it."""
    review = review_progress(run)
    return status_text(run.execution.status) if review is None else Text(review, style=_REVIEW_STYLE)


def wire_text(value: object) -> str:
    """A status or role enum (or the plain text of one the client does not know) as its wire text."""
    raw = getattr(value, "value", value)
    return str(raw)


def status_text(status: object) -> Text:
    """A run status, coloured by outcome."""
    text = wire_text(status)
    return Text(text, style=_STATUS_STYLES.get(text, "cyan"))


def _when(moment: str | None) -> str:
    """An ISO-8601 time of the API in UTC to the second; text that is not one is shown as it came."""
    if not moment:
        return "-"
    try:
        parsed = datetime.datetime.fromisoformat(moment)
    except ValueError:
        return moment
    if parsed.tzinfo is None:  # the API writes UTC; a time without an offset is taken as UTC, not local time
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _duration(milliseconds: float | None) -> str:
    if milliseconds is None:
        return "-"
    return f"{milliseconds / 1000:.2f} s"


def _number(value: float | None) -> str:
    """A count or amount the API types as a number: ``12`` rather than ``12.0``."""
    if value is None:
        return "-"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return f"{value:g}"


def _size(size: int | None) -> str:
    if size is None:
        return "-"
    return f"{size} B" if size < 1024 else f"{size / 1024:.1f} KiB"


def _source(source: RunSource) -> str:
    slug = source.slug if source.slug is not None else source.id
    return f"{source.name} ({slug})" if source.name else slug


def _person(by: RunTriggerBy) -> str:
    if by.name and by.email:
        return f"{by.name} <{by.email}>"
    return by.name or by.email or by.id


def _cell(value: object) -> str:
    """A value of a run's free-form output, in one table cell."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and round(value, 2) == value:
        return f"{value:,.2f}"  # amounts: 1,700.00 rather than 1700.0
    if isinstance(value, list) and all(not isinstance(item, dict | list) for item in value):
        return ", ".join(_cell(item) for item in value)
    return json.dumps(value, ensure_ascii=False)


def _flatten(values: Mapping[str, Any], prefix: str = "") -> Iterable[tuple[str, Any]]:
    for key, value in values.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            yield from _flatten(value, f"{name}.")
        else:
            yield name, value


def _is_rows(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def output_tables(output: Mapping[str, Any], title: str = "Output") -> list[FitTable]:
    """A run's output as tables: one of fields (nested objects flattened to ``vendor.name``), then one per list of
    objects (an invoice's ``lineItems``)."""
    fields = FitTable([Column("field", rank=2), Column("value", rank=1, wrap=True)], title=title)
    tables = [fields]
    for name, value in _flatten(output):
        if _is_rows(value):
            columns = list(dict.fromkeys(key for item in value for key in item))
            rows = FitTable(
                [
                    # The first columns name a row (a description, a code): the last give way first.
                    Column(column, rank=len(columns) - place, wrap=True,
                           justify="right" if _numeric(value, column) else "left")
                    for place, column in enumerate(columns)
                ],
                title=name,
            )  # fmt: skip
            for item in value:
                rows.add_row(*(_cell(item.get(column)) for column in columns))
            tables.append(rows)
        else:
            fields.add_row(name, _cell(value))
    return tables


def _numeric(rows: Sequence[Mapping[str, Any]], column: str) -> bool:
    return all(isinstance(row.get(column), int | float) for row in rows if row.get(column) is not None)


def _details(rows: Iterable[tuple[str, RenderableType]]) -> FitTable:
    grid = FitTable([Column("name", rank=2), Column("value", rank=1)], grid=True)
    for name, value in rows:
        grid.add_row(name, value)
    return grid


def run_view(run: Run) -> RenderableType:
    """A run: who, when, status, error, then its output and files."""
    rows: list[tuple[str, RenderableType]] = [
        ("run", run.id),
        ("source", f"{wire_text(run.type_)} {_source(run.source)}"),
        ("status", run_status_text(run)),
        ("created", _when(run.timing.created_at)),
        ("duration", _duration(run.timing.duration_ms)),
    ]
    if run.tags is not None:  # None: a server that keeps no tags; [] a run that has none
        rows.append(("tags", ", ".join(run.tags) if run.tags else "(none)"))
    trigger = run.trigger
    if trigger.by is not None:
        rows.append(("started by", _person(trigger.by)))
    retry = run.execution.retry
    if retry.previous_run_id:
        rows.append(("rerun of", retry.previous_run_id))
    if retry.next_run is not None:
        rows.append(("rerun as", f"{retry.next_run.id} ({retry.next_run.status})"))
    if run.error is not None:
        rows.append(("error", Text(run.error, style="red")))
    parts: list[RenderableType] = [_details(rows)]
    steps = step_rows(run)
    if steps:
        parts.append(steps_table(steps))
    if run.output is not None:
        parts.extend(output_tables(run.output))
    if run.files:
        parts.append(artifacts_table(run.files, title="Files"))
    if run.usage is not None:
        parts.append(usage_view(run.usage))
    return Group(*parts)


def accepted_view(accepted: RunAccepted) -> RenderableType:
    """A run that was started and is not finished yet."""
    return _details(
        [("run", accepted.id), ("status", Text("started", style="cyan")), ("type", wire_text(accepted.type_))]
    )


_RUN_COLUMNS = (
    Column("id", rank=9),
    Column("status", rank=8),
    Column("created", rank=6),
    Column("duration", rank=5),
    Column("source", rank=4, cut=True),
    Column("tags", rank=3, cut=True),
    Column("error", rank=2, cut=True),
)
"""A run's columns: the error gives way first, then tags, source, duration, time; the id and status stay longest."""


def runs_table(runs: Sequence[Run | RunListItem], title: str | None = None) -> FitTable:
    """Runs, one a row."""
    table = FitTable(_RUN_COLUMNS, title=title)
    rows = [
        (
            run.id,
            run_status_text(run),
            _when(run.timing.created_at),
            _duration(run.timing.duration_ms),
            run.source.slug if run.source.slug is not None else run.source.id,
            ", ".join(run.tags or ()),
            run.error if run.error is not None else "",
        )
        for run in runs
    ]
    for row in rows:
        table.add_row(*row)
    return table


_ARTIFACT_COLUMNS = (
    Column("path", rank=9),
    Column("role", rank=8),
    Column("type", rank=5),
    Column("size", rank=6, justify="right"),
    Column("step", rank=4, cut=True),
)
"""A file's columns: the path (whole, to be downloaded by) and role stay longest."""


def artifacts_table(artifacts: Sequence[RunArtifact], title: str | None = None) -> FitTable:
    """A run's files."""
    table = FitTable(_ARTIFACT_COLUMNS, title=title)
    for artifact in artifacts:
        table.add_row(
            artifact.path,
            wire_text(artifact.role),
            artifact.content_type if artifact.content_type is not None else "-",
            _size(artifact.size),
            artifact.step_name if artifact.step_name is not None else "-",
        )
    return table


def step_rows(run: Run) -> list[Mapping[str, Any]]:
    """A run's steps as rows (only a workflow run's full execution lists them; otherwise none)."""
    steps = getattr(run.execution, "steps", None)
    if not isinstance(steps, list):
        return []
    return [_as_row(step) for step in steps]


def _as_row(step: object) -> Mapping[str, Any]:
    # Steps are free-form JSON: a row that is not an object still shows, as its text.
    return step if isinstance(step, Mapping) else {"name": step}


_STEP_COLUMNS = (
    ("name", Column("step", rank=8, cut=True)),
    ("type", Column("type", rank=4)),
    ("status", Column("status", rank=9)),
    ("startedAt", Column("started", rank=5)),
    ("durationMs", Column("duration", rank=6)),
    ("error", Column("error", rank=2, cut=True)),
)
"""The fields of a step row that are drawn, and their columns; a column only when some row has the field."""


def _step_cell(key: str, value: object) -> RenderableType:
    if value is None:
        return "-"
    if key == "status":
        return status_text(value)
    if key == "startedAt" and isinstance(value, str):
        return _when(value)
    if key == "durationMs" and isinstance(value, int | float) and not isinstance(value, bool):
        return _duration(value)
    if key == "error" and isinstance(value, Mapping) and isinstance(value.get("message"), str):
        return str(value["message"])
    return _cell(value)


def _order(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The rows by their ``order`` when every row has a numeric one, else as the server listed them."""
    orders = [row.get("order") for row in rows]
    if all(isinstance(order, int | float) and not isinstance(order, bool) for order in orders):
        return sorted(rows, key=lambda row: float(row["order"]))
    return list(rows)


def steps_table(steps: Sequence[object]) -> FitTable:
    """A run's steps in order: what the rows hold of name, type, status, start, duration and error."""
    rows = _order([_as_row(step) for step in steps])
    columns = [(key, column) for key, column in _STEP_COLUMNS if any(row.get(key) is not None for row in rows)]
    if not any(key == "name" for key, _ in columns) and any(row.get("id") is not None for row in rows):
        columns.insert(0, ("id", Column("step", rank=8)))  # no names: the ids tell the steps apart
    table = FitTable([Column("#", rank=10), *(column for _, column in columns)], title="Steps")
    for position, row in enumerate(rows, start=1):
        table.add_row(str(position), *(_step_cell(key, row.get(key)) for key, _ in columns))
    return table


_EVENT_COLUMNS = (
    Column("time", rank=9),
    Column("event", rank=8),
    Column("status", rank=7),
    Column("message", rank=2, cut=True),
)
"""An event's columns: the message gives way first."""


def events_table(events: Sequence[RunEvent]) -> FitTable:
    """What happened to a run, oldest first."""
    table = FitTable(_EVENT_COLUMNS)
    for event in events:
        table.add_row(
            _when(event.timestamp),
            event.type_,
            status_text(event.status) if event.status else "",
            event.message if event.message is not None else "",
        )
    return table


def usage_view(usage: RunUsage | None) -> RenderableType:
    """What a run used; a run without usage figures (no telemetry) says so."""
    if usage is None:
        return Group(Text("Usage", style="italic"), Text("no usage recorded for this run"))
    tokens = usage.tokens
    rows: list[tuple[str, RenderableType]] = [
        ("tokens", f"{_number(tokens.input_)} in, {_number(tokens.output)} out"),
        ("credits", _number(usage.credits_charged)),
        ("duration", _duration(usage.duration_ms)),
    ]
    for name, value in (
        ("LLM calls", usage.llm_call_count),
        ("OCR pages", usage.ocr_pages_processed),
        ("agent turns", usage.agent_turns),
    ):
        if value is not None:
            rows.append((name, _number(value)))
    return Group(Text("Usage", style="italic"), _details(rows))


def cancel_line(result: RunCancelResponse) -> Text:
    """What a cancel did."""
    state = wire_text(result.cancellation.state)
    was = wire_text(result.cancellation.was_status)
    sentence = {
        "cancelled": f"cancelled (it was {was})",
        "requested": f"cancel requested; it stops at its next step (it was {was})",
        "already_terminal": f"nothing to cancel: it already ended {was}",
    }.get(state, f"{state} (it was {was})")
    return Text(f"run {result.id}: {sentence}")
