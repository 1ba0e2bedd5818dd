"""The commands that talk to an API: ``run`` and ``runs ...`` (``serve``, which starts one, is in ``_serve``).

Each takes the parsed arguments and the :class:`~._output.Output`, and returns its exit code; errors are raised and
turned into the one stderr line by ``main``. rich is imported only to draw (``_render`` loads at its first use), so
that every command works with ``--json`` and without the ``cli`` extra.

Ctrl-C during a wait stops the wait, not the run: the command then names the runs that go on and the command that
waits for them again (``Interrupted``, exit 130).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import attrs
from eigenpal_api.models.run import Run
from eigenpal_api.models.run_accepted import RunAccepted

from eigenpal_ext import EigenpalClient, EigenpalTimeoutError, human_review_of, is_success
from eigenpal_ext._core._deadline import Deadline
from eigenpal_ext._core._status import NON_TERMINAL_STATUSES

from ._exit import ExitCode, Interrupted, TimedOut, UsageError
from ._options import (
    budget_of,
    client_for,
    filters_of,
    interruptible,
    parse_inputs,
    stops_on_review,
    timeout_of,
)
from ._output import Output

if TYPE_CHECKING:
    from rich.console import RenderableType

    from . import _render as render
else:

    class _Render:
        """The ``_render`` module, imported when something is first drawn: it needs rich, --json does not."""

        def __getattr__(self, name: str) -> Any:
            from . import _render

            return getattr(_render, name)

    render = _Render()

__all__ = [
    "artifacts",
    "cancel",
    "cancel_many",
    "download",
    "events",
    "get",
    "list_runs",
    "parse_inputs",
    "rerun",
    "run",
    "steps",
    "usage",
    "wait",
]

_POLL_INTERVAL_SECONDS = 0.5
"""Between two reads of a run being watched live, unless the server hints otherwise."""

_UNFINISHED = sorted(status.value for status in NON_TERMINAL_STATUSES)
"""The statuses of runs that a cancel can still stop."""

_OUTPUT_ROLE = "output"
"""The artifact role of a run's output files (roles are plain text: ``input``, ``output``, ``debug``, ...)."""


# --- showing -----------------------------------------------------------------------------------------------------


def _exit_code(run: Run) -> ExitCode:
    if human_review_of(run) is not None:  # a wait stopped at a person (--stop-on-human-review)
        return ExitCode.WAITING_ON_REVIEW
    return ExitCode.OK if is_success(run) else ExitCode.RUN_FAILED


def _exit_code_of_all(runs: Sequence[Run]) -> ExitCode:
    """0 when every run completed, 1 when one did not, else 6 (one waits on a person)."""
    codes = {_exit_code(run) for run in runs}
    for code in (ExitCode.RUN_FAILED, ExitCode.WAITING_ON_REVIEW):
        if code in codes:
            return code
    return ExitCode.OK


def _present(
    out: Output, document: object, view: Callable[[], RenderableType], answered: str | None = None
) -> ExitCode:
    """Print the API's answer as sent (``answered``, else ``document``) with ``--json``, else draw the view; the
    command succeeded."""
    if out.json_mode:
        out.answer(answered, document)
    else:
        out.show(view())
    return ExitCode.OK


def _show_run(out: Output, run: Run) -> None:
    if out.json_mode:
        out.answer(out.answers.of_run(run.id), run.to_dict())  # the answer it was read from (the final read of a wait)
    else:
        out.show(render.run_view(run))


def _cancel_on_timeout(
    args: argparse.Namespace, exc: EigenpalTimeoutError, cancel: Callable[[], object], going_on: Sequence[str]
) -> NoReturn:
    """Re-raise a timeout of a live display, after cancelling when asked (poll and as_completed only watch), with
    the command that waits again for the runs that go on."""
    if not args.cancel_on_timeout:
        raise TimedOut.waiting_for(exc, going_on) from exc
    cancel()
    cancelled = EigenpalTimeoutError(
        exc.run_id, last_run=exc.last_run, waited_seconds=exc.waited_seconds, cancelled=True
    )
    raise TimedOut.waiting_for(cancelled, going_on) from exc


def _await(
    client: EigenpalClient, out: Output, run_id: str, args: argparse.Namespace, budget: Deadline | None = None
) -> Run:
    """Wait for a run: a live display on a terminal, a quiet wait (with server holds) elsewhere; within what is
    left of ``budget`` when the command spent some of it already (on a start)."""
    timeout = timeout_of(args) if budget is None else max(0.0, budget.left())
    stop = stops_on_review(args)
    with interruptible([run_id]):
        if not out.live:
            return client.runs.wait(
                run_id,
                timeout_seconds=timeout,
                cancel_on_timeout=args.cancel_on_timeout,
                expand=["execution"],
                stop_on_human_review=stop,
            )
        from ._progress import follow_run

        try:
            states = client.runs.poll(
                run_id,
                timeout_seconds=timeout,
                poll_interval_seconds=_POLL_INTERVAL_SECONDS,
                expand=["execution"],
                stop_on_human_review=stop,
            )
            last = follow_run(states, out.console, run_id)
        except EigenpalTimeoutError as exc:
            _cancel_on_timeout(args, exc, lambda: client.runs.cancel(run_id), [run_id])
        return last if last is not None else client.runs.get(run_id, expand=["execution"])


def _show_started(
    client: EigenpalClient, out: Output, started: Run | RunAccepted, args: argparse.Namespace, budget: Deadline | None
) -> int:
    """Wait for the run when asked (exit code by its status), else show that it started."""
    if budget is not None:
        stopped = isinstance(started, Run) and stops_on_review(args) and human_review_of(started) is not None
        done = isinstance(started, Run) and (started.finished or stopped)
        final = started if isinstance(started, Run) and done else _await(client, out, started.id, args, budget)
        _show_run(out, final)
        return _exit_code(final)
    if isinstance(started, Run):
        _show_run(out, started)
        return _exit_code(started) if started.finished else ExitCode.OK
    if out.json_mode:
        out.answer(out.answers.of_run(started.id), started.to_dict())
        return ExitCode.OK
    return _present(out, None, lambda: render.accepted_view(started))


# --- commands ----------------------------------------------------------------------------------------------------


def run(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal run TARGET``: start a run, and wait for it with ``--wait``."""
    run_input = parse_inputs(args.input, args.file)
    budget = budget_of(args)
    with client_for(args, within=None if budget is None else budget.seconds) as client:
        # Started without a hold, then waited for (with holds): the run id is known from the start, so that a
        # Ctrl-C during the wait can name the run that goes on. A held start (one request fewer for a short run)
        # would keep the id until the hold ends.
        try:
            started = client.run(args.target, input=run_input, tags=args.tag or None, version=args.run_version)
        except KeyboardInterrupt:
            raise Interrupted(
                "interrupted while the run was being started; if the server started it, it goes on "
                "(find it with: eigenpal runs list --from 'now()-10m')"
            ) from None
        return _show_started(client, out, started, args, budget)


def rerun(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs rerun RUN_ID``: a new run with the same target and input."""
    budget = budget_of(args)
    with client_for(args, within=None if budget is None else budget.seconds) as client:
        started = client.runs.rerun(args.run_id)
        return _show_started(client, out, started, args, budget)


def get(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs get RUN_ID``."""
    with client_for(args) as client:
        run = client.runs.get(args.run_id, expand=args.expand or ["execution"])
    _show_run(out, run)
    return ExitCode.OK


def list_runs(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs list``: one page, or every page with ``--all``."""
    with client_for(args) as client:
        if args.all:
            if args.cursor is not None:
                raise UsageError("--all starts from the first page; leave out --cursor")
            items = list(client.runs.iter(**filters_of(args), limit=args.limit))
            next_cursor: str | None = None
        else:
            page = client.runs.list(**filters_of(args), limit=args.limit, cursor=args.cursor)
            items, next_cursor = page.runs, page.next_cursor
    if out.json_mode:
        fallback = {"runs": [item.to_dict() for item in items], "nextCursor": next_cursor}
        if args.all:  # every page's runs in one document of the CLI's, each run as its page had it
            out.json({"runs": out.answers.items("runs"), "nextCursor": None})
        else:
            out.answer(out.answers.last(), fallback)
        return ExitCode.OK
    out.show(render.runs_table(items))
    more = f"; more with --cursor {next_cursor}" if next_cursor else ""
    count = f"{len(items)} run{'' if len(items) == 1 else 's'}{more}"
    if out.live:
        out.show(count, soft_wrap=True)
    else:  # in a pipe stdout holds only the tab-separated rows
        out.note(count)
    return ExitCode.OK


def wait(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs wait RUN_ID...``: exit 0 when every run completed, 1 when one did not, 3 on timeout."""
    run_ids: list[str] = list(dict.fromkeys(args.run_ids))
    with client_for(args) as client:
        if len(run_ids) == 1:
            final = _await(client, out, run_ids[0], args)
            _show_run(out, final)
            return _exit_code(final)
        timeout = timeout_of(args)
        if out.live:
            from ._progress import follow_runs

            ended_ids: set[str] = set()

            def noted(runs: Iterator[Run]) -> Iterator[Run]:
                for ended_run in runs:
                    ended_ids.add(ended_run.id)
                    yield ended_run

            finished = noted(
                client.runs.as_completed(run_ids, timeout_seconds=timeout, stop_on_human_review=stops_on_review(args))
            )
            try:
                ended = follow_runs(finished, len(run_ids), out.console, "runs")
            except EigenpalTimeoutError as exc:
                # Whichever of them is still going: cancel_many lists those and cancels each.
                going_on = [run_id for run_id in run_ids if run_id not in ended_ids]
                cancel_rest = lambda: client.runs.cancel_many(ids=run_ids, status=_UNFINISHED)  # noqa: E731
                _cancel_on_timeout(args, exc, cancel_rest, going_on or run_ids)
            except KeyboardInterrupt:
                going_on = [run_id for run_id in run_ids if run_id not in ended_ids]
                raise Interrupted.waiting_for(going_on or run_ids) from None
            by_id = {final.id: final for final in ended}
            finals = [by_id[run_id] for run_id in run_ids]  # in the order they were named, not the order they ended
        else:
            with interruptible(run_ids):  # wait_all does not say which ended first: every run is named
                finals = client.runs.wait_all(
                    run_ids,
                    timeout_seconds=timeout,
                    cancel_on_timeout=args.cancel_on_timeout,
                    stop_on_human_review=stops_on_review(args),
                )
    # The CLI's document: each run as the last answer that held it had it.
    answered = [out.answers.run_document(final.id) for final in finals]
    document = [final.to_dict() if held is None else held for final, held in zip(finals, answered, strict=True)]
    _present(out, {"runs": document}, lambda: render.runs_table(finals))
    return _exit_code_of_all(finals)


def cancel(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs cancel RUN_ID``."""
    with client_for(args) as client:
        result = client.runs.cancel(args.run_id)
    if out.json_mode:
        out.answer(out.answers.last(), result.to_dict())
        return ExitCode.OK
    return _present(out, None, lambda: render.cancel_line(result))


def cancel_many(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs cancel-many --status pending ...``."""
    with client_for(args) as client:
        result = client.runs.cancel_many(**filters_of(args))
    counts = f"matched {result.matched}: {result.cancelled} cancelled, {result.requested} cancel requested"
    return _present(out, attrs.asdict(result), lambda: counts)


def artifacts(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs artifacts RUN_ID``."""
    with client_for(args) as client:
        files = client.runs.artifacts.list(args.run_id)
    document = {"artifacts": [item.to_dict() for item in files]}
    return _present(out, document, lambda: render.artifacts_table(files), out.answers.listing("artifacts"))


def download(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs download RUN_ID [PATH...] [--to DIR]``: the named files, or every output file; ``--zip
    FILE``: every output file as one archive (``_run_ops.download_zip``)."""
    if args.zip is not None:
        from ._run_ops import download_zip

        return download_zip(args, out)
    if args.review:
        raise UsageError("--review goes with --zip")
    folder = Path(args.to).expanduser()
    saved: list[dict[str, str]] = []
    with client_for(args) as client:
        paths: list[str] = list(args.paths)
        if not paths:
            listed = client.runs.artifacts.list(args.run_id)
            paths = [item.path for item in listed if item.role == _OUTPUT_ROLE]
        for path in paths:
            target = client.runs.artifacts.download(args.run_id, path, to=folder)
            saved.append({"path": path, "savedTo": str(target)})
    if out.json_mode:
        out.json({"id": args.run_id, "files": saved})
    elif not saved:
        out.note(f"run {args.run_id} has no output files")
    else:
        for item in saved:
            out.show(f"{item['path']} -> {item['savedTo']}")
    return ExitCode.OK


def steps(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs steps RUN_ID``."""
    with client_for(args) as client:
        step_list = client.runs.steps(args.run_id)
    return _present(out, step_list.to_dict(), lambda: render.steps_table(step_list.steps), out.answers.last())


def events(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs events RUN_ID``."""
    with client_for(args) as client:
        event_list = client.runs.events(args.run_id)
    document = {"events": [event.to_dict() for event in event_list]}
    return _present(out, document, lambda: render.events_table(event_list), out.answers.listing("events"))


def usage(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal runs usage RUN_ID``: with ``--json`` the usage object, or ``null`` for a run the server has no
    figures for (no telemetry)."""
    with client_for(args) as client:
        run_usage = client.runs.usage(args.run_id)
    document = run_usage.to_dict() if run_usage is not None else None
    answered = out.answers.last() if run_usage is not None else None
    return _present(out, document, lambda: render.usage_view(run_usage), answered)
