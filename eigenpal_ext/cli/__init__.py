"""The ``eigenpal`` command line: the demo, the local server, and the runs API from a shell.

::

    eigenpal demo                                   # local server, an invoice extracted, 20 runs awaited
    eigenpal serve --port 8765                      # the local server, as python -m eigenpal_local
    eigenpal run workflows.sleep --input seconds=2 --wait
    eigenpal runs list --status failed,cancelled --from 'now()-7d' --json
    eigenpal webhooks verify --headers headers.txt body.json   # secret from $EIGENPAL_WEBHOOK_SECRET

Results go to stdout: tables for a person, or with ``--json`` the API's own JSON, as the server sent it.
Errors are one line on stderr, with the server's request id, never a traceback and never the API key (however it
was given, and in whatever form a server sends it back). Tables need
the ``cli`` extra (rich), ``serve`` and ``demo`` the ``server`` extra; a missing one is one line naming it (exit 2).

Exit codes:

====  =====================================================================================
0     done; a run that was waited for completed
1     a run that was started or waited for ended failed, cancelled or rejected
2     usage error: bad option or filter value, missing API key or extra (nothing was sent)
3     a wait timed out (``--timeout``); the run goes on
4     API or connection error: wrong key, unknown run, server unreachable, file not writable
5     ``eigenpal serve``: the port is in use
6     ``--stop-on-human-review``: a run waits on a person (a human review task); it goes on
7     ``eigenpal webhooks verify``: the delivery was refused (the line says which check failed)
130   interrupted (Ctrl-C); a run being waited for goes on, and the line says how to wait for it again
====  =====================================================================================

Only argparse loads for ``eigenpal --help``: each command imports what it needs (rich, the client, the server) when
it runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ._exit import DEBUG_ENV, EXIT_CODES_HELP, ExitCode, debug_enabled, describe_failure
from ._extras import CLI, SERVER, missing, needs_line
from ._parser import BATCH_HANDLER, SERVE_HANDLER, build_parser

if TYPE_CHECKING:
    from ._output import Output

__all__ = ["EXIT_CODES_HELP", "ExitCode", "main"]

Handler = Callable[[argparse.Namespace, "Output"], int]


def _handler(spec: str) -> Handler:
    module_name, _, function_name = spec.partition(":")
    module = importlib.import_module(f"{__name__}.{module_name}")
    handler: Handler = getattr(module, function_name)
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``eigenpal`` command line; returns the exit code.

    Args:
        argv: The arguments after the program name (default: ``sys.argv[1:]``).
    """
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if getattr(args, "handler", None) == SERVE_HANDLER:
        args.server_args = unknown  # the local server's own options, parsed by the server
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.version:
        from eigenpal_ext import __version__

        print(f"eigenpal {__version__}")
        return ExitCode.OK
    spec: str | None = getattr(args, "handler", None)
    if not spec:
        print(
            "eigenpal: error: name a command: demo, serve, run, runs, batch or webhooks (see 'eigenpal --help')",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    from ._output import Output, keys_in_use

    out = Output(json_mode=bool(getattr(args, "json", False)), secrets=keys_in_use(args))
    needs: tuple[str, ...] = getattr(args, "needs", ())
    absent = missing(extra for extra in needs if not (extra == CLI and out.json_mode))  # JSON is drawn by nothing
    if absent:
        out.error(needs_line(absent, getattr(args, "command_line", None), unless_json=SERVER not in needs))
        return ExitCode.USAGE
    try:
        if not out.json_mode or spec == BATCH_HANDLER:  # a batch prints its own summary: no answer to keep
            return int(_handler(spec)(args, out))
        from ._answers import recording

        with recording() as answers:  # --json prints the API's answers as sent
            out.answers = answers
            return int(_handler(spec)(args, out))
    except (Exception, KeyboardInterrupt) as exc:
        if isinstance(exc, KeyboardInterrupt) and spec == SERVE_HANDLER:
            return ExitCode.OK  # Ctrl-C is how a server is stopped, even one still loading
        failure = describe_failure(exc)
        if debug_enabled() and not isinstance(exc, KeyboardInterrupt):
            out.note("".join(traceback.format_exception(exc)).rstrip())  # masked, as every line on stderr
        if failure is None:  # a bug here or in the library: still one line, the traceback on request
            failure = ExitCode.API_ERROR, f"unexpected {type(exc).__name__}: {exc} (set {DEBUG_ENV}=1 to see where)"
        code, line = failure
        _report_timeout(exc, out)
        out.error(line)
        return code


def _report_timeout(exc: BaseException, out: Output) -> None:
    """With --json, a timed-out wait still prints what it last saw, so a script learns the run id."""
    from eigenpal_ext import EigenpalTimeoutError

    from ._exit import TimedOut

    if isinstance(exc, TimedOut):
        exc = exc.timeout
    if out.json_mode and isinstance(exc, EigenpalTimeoutError):
        last = exc.last_run
        fallback = last.to_dict() if last is not None else {"id": exc.run_id, "finished": False}
        answered = out.answers.of_run(exc.run_id) if exc.run_id else None
        out.answer(answered, fallback)  # the last read of the run, as the API sent it
