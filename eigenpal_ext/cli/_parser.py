"""The ``eigenpal`` command line's grammar: argparse only, so that ``eigenpal --help`` loads nothing heavy.

Each command's parser names its handler as ``module:function`` text (``set_defaults(handler=...)``); ``main`` imports
the module only when that command runs, so rich and the local server load only for the commands that draw or serve.
"""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from eigenpal_ext._core._filters import FILTERS

from ._exit import EXIT_CODES_HELP, ExitCode
from ._extras import CLI, SERVER

__all__ = ["BATCH_HANDLER", "SERVE_EPILOG", "SERVE_HANDLER", "build_parser"]

SERVE_HANDLER = "_serve:serve"
BATCH_HANDLER = "_batch:batch"

_DESCRIPTION = (
    "The Eigenpal workflow-runs API from the command line: start runs (with their tags), watch them, read them, "
    "cancel and rerun them."
)

_EPILOG = f"""\
{EXIT_CODES_HELP}
environment:
  EIGENPAL_API_KEY     the API key (--api-key wins)
  EIGENPAL_BASE_URL    the API's base URL (--base-url wins; default https://api.eigenpal.com)
  EIGENPAL_DEBUG=1     show the traceback of an unexpected error

extras:
  tables and progress need the 'cli' extra; --json output needs none:  pip install 'eigenpal-ext[cli]'
  eigenpal serve needs the 'server' extra, eigenpal demo both:          pip install 'eigenpal-ext[cli,server]'

examples:
  eigenpal demo
  eigenpal run workflows.extract-invoice --file contract_document=invoice.pdf --wait
  eigenpal run workflows.sleep --input seconds=2 --input outcome=failed --wait --json
  eigenpal runs list --status failed,cancelled --from 'now()-7d' --limit 20
  eigenpal runs wait RUN_ID --timeout 60
  eigenpal batch workflows.extract-invoice --file contract_document=invoices/ --out results.jsonl
"""


SERVE_EPILOG = f"""\
Once it listens, it prints its URL, its API key, and the two lines that point another shell at it:
  export EIGENPAL_BASE_URL=http://127.0.0.1:8765
  export EIGENPAL_API_KEY=ep_local_test_key
Ctrl-C stops it.

exit codes:
  0    stopped by Ctrl-C (or SIGTERM)
  1    did not start, or stopped by itself (the reason is on stderr)
  2    bad option, the 'server' extra missing, or an address that cannot be listened on
  {int(ExitCode.PORT_IN_USE)}    the port is in use: pick another with --port, or --port 0 for a free one
"""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line on stderr (exit 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's layout (exit code table, examples) and shows defaults where help mentions them."""


def _connection_options() -> argparse.ArgumentParser:
    # SUPPRESS as the default: the options may come before or after the command word, and a subcommand's default
    # must not overwrite a value given at the top (an argparse quirk); main reads them with getattr.
    parent = _Parser(add_help=False)
    group = parent.add_argument_group("connection and output")
    group.add_argument(
        "--base-url",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="the API's base URL (default: $EIGENPAL_BASE_URL, else https://api.eigenpal.com)",
    )
    group.add_argument(
        "--api-key", default=argparse.SUPPRESS, metavar="KEY", help="the API key (default: $EIGENPAL_API_KEY)"
    )
    group.add_argument(
        "--allow-insecure-http",
        action="store_true",
        default=argparse.SUPPRESS,
        help="allow a plain http:// base URL to another machine (the key then crosses the network in clear text)",
    )
    group.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print one JSON document on stdout (the API's object) instead of tables; no colour, no progress",
    )
    return parent


def _filter_options(*, paging: bool) -> argparse.ArgumentParser:
    parent = _Parser(add_help=False)
    group = parent.add_argument_group("filters (every one given must match)")
    # One option per filter of the library's table (eigenpal_ext._core._filters), so the two never drift apart; each is
    # stored under the library's keyword and checked by the library, which names the option in its error.
    for spec in FILTERS:
        if spec.kind == "flag":
            group.add_argument(spec.flag, dest=spec.name, action="store_true", default=None, help=spec.help)
        else:
            kind = {"int": int, "float": float}.get(spec.kind, str)
            group.add_argument(spec.flag, dest=spec.name, type=kind, metavar=spec.metavar, help=spec.help)
    if paging:
        group.add_argument("--limit", type=int, metavar="N", help="runs per page, 1 to 100 (server default 50)")
        group.add_argument("--cursor", metavar="CURSOR", help="the next cursor a previous page printed")
        group.add_argument("--all", action="store_true", help="follow the cursors and list every matching run")
    return parent


def _wait_options(parser: argparse.ArgumentParser, *, default_wait: bool) -> None:
    group = parser.add_argument_group("waiting")
    if not default_wait:
        group.add_argument("--wait", action="store_true", help="wait until the run ends; exit code by its status")
    group.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="give up waiting after this long (exit 3, the run goes on); implies --wait (default: 300)",
    )
    group.add_argument(
        "--cancel-on-timeout", action="store_true", help="cancel the run when the wait times out (default: it goes on)"
    )
    group.add_argument(
        "--stop-on-human-review",
        action="store_true",
        help="stop waiting when a run waits on a person (a human review task), shown as 'waiting for review 1/2'; "
        "exit 6, the run goes on; implies --wait (default: wait until the run ends)",
    )


def _run_operations(command: Any, verbs: argparse._SubParsersAction[_Parser], common: argparse.ArgumentParser) -> None:
    """``runs trace``, ``scores``, ``step`` and ``promote`` (``cli/_run_ops.py``)."""
    for name, text in (
        ("trace", "show a run's trace, oldest first: what a failed run did"),
        ("scores", "show the automated evaluators' scores of a run"),
    ):
        command(verbs, name, f"_run_ops:{name}", text, parents=[common]).add_argument("run_id", metavar="RUN_ID")
    step = command(verbs, "step", "_run_ops:step", "show one step of a run in full, input and output", parents=[common])
    step.add_argument("run_id", metavar="RUN_ID")
    step.add_argument("step_id", metavar="STEP_ID", help="the step's id, as `runs steps` lists it")
    promote = command(verbs, "promote", "_run_ops:promote", "make a dataset example of a run", parents=[common])
    promote.add_argument("run_id", metavar="RUN_ID")
    promote.add_argument("--name", metavar="NAME", help="the example's name: created, or updated if it exists")


def build_parser() -> argparse.ArgumentParser:
    """The parser of the whole command line."""
    common = _connection_options()
    parser = _Parser(
        prog="eigenpal", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=_Formatter, parents=[common]
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(title="commands", dest="command", metavar="COMMAND")

    def command(
        group: argparse._SubParsersAction[_Parser],
        name: str,
        handler: str,
        help_text: str,
        needs: tuple[str, ...] = (CLI,),
        **kwargs: object,
    ) -> _Parser:
        """A command; ``needs``: the extras it cannot run without (``cli`` only draws: --json does without it)."""
        sub = group.add_parser(
            name,
            help=help_text,
            description=help_text[0].upper() + help_text[1:] + ".",
            epilog=EXIT_CODES_HELP,
            formatter_class=_Formatter,
            **kwargs,  # type: ignore[arg-type]
        )
        sub.set_defaults(handler=handler, needs=needs, command_line=sub.prog)
        return sub

    demo = command(
        commands,
        "demo",
        "_demo:demo",
        "start a local server, extract an invoice, then wait for 20 runs with one progress bar",
        needs=(CLI, SERVER),
    )
    demo.add_argument("--out", metavar="DIR", help="where to save the downloaded artifact (default: a new temp folder)")
    demo.add_argument("--runs", type=int, default=20, metavar="N", help="how many sleep runs (default: %(default)s)")
    demo.add_argument("--seed", type=int, default=7, metavar="N", help="seed of their lengths and outcomes")
    demo.add_argument("--sample", default="invoice-acme.txt", metavar="NAME", help="the bundled invoice to extract")

    # serve takes the local server's own options (main passes on what this parser does not know), so that they are
    # parsed by `python -m eigenpal_local` itself and stay the same; --help shows them too.
    command(
        commands,
        "serve",
        SERVE_HANDLER,
        "serve the local Eigenpal server (options as python -m eigenpal_local; see eigenpal serve --help)",
        needs=(SERVER,),
        add_help=False,
    )

    run = command(commands, "run", "_commands:run", "start a run of a workflow or agent", parents=[common])
    run.add_argument("target", metavar="TARGET", help="workflows.<slug>, agents.<slug>, or a workflow id (wf_abc)")
    run.add_argument(
        "--input",
        "-i",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="an input value; VALUE is read as JSON when it is valid JSON (2, true, [1], {...}), else as text",
    )
    run.add_argument(
        "--file", "-f", action="append", default=[], metavar="KEY=PATH", help="an input file, uploaded as KEY"
    )
    run.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="TAG",
        help="a tag to put on the run (repeatable; tags are set at start only, and 'runs get' shows them)",
    )
    run.add_argument("--run-version", dest="run_version", metavar="REF", help="a release or git ref to run")
    _wait_options(run, default_wait=False)

    batch = command(
        commands,
        "batch",
        BATCH_HANDLER,
        "run a target once per document of a folder or glob, one JSON line each; run it again to resume",
        parents=[common],
    )
    batch.add_argument("target", metavar="TARGET", help="workflows.<slug>, agents.<slug>, or a workflow id (wf_abc)")
    batch.add_argument(
        "--file", "-f", action="append", default=[], metavar="KEY=PATH_OR_FOLDER_OR_GLOB",
        help="the documents, as a folder (its files) or a glob ('docs/**/*.pdf'): one run each, sent as KEY; "
        "other --file options name one file, sent with every run",
    )  # fmt: skip
    batch.add_argument("--input", "-i", action="append", default=[], metavar="KEY=VALUE",
                       help="an input value for every run (JSON when valid JSON, else text)")  # fmt: skip
    batch.add_argument("--out", "-o", required=True, metavar="FILE", help="the results, one JSON line per document")
    batch.add_argument(
        "--key",
        metavar="KEY",
        help="the batch's key (default: derived from the command): each document starts with the key BATCH:INDEX, "
        "and the batch's runs carry its correlation tag, so running the command again finds them instead of "
        "starting them again",
    )
    batch.add_argument("--max-in-flight", type=int, metavar="N", help="the most runs going at once (default: 1000)")
    batch.add_argument("--timeout", type=float, metavar="SECONDS", help="the whole batch's time (default: 3600)")
    batch.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag for every run (repeatable)")
    batch.add_argument("--run-version", dest="run_version", metavar="REF", help="a release or git ref to run")
    batch.add_argument(
        "--cancel-on-timeout",
        action="store_true",
        help="cancel the runs still going at the timeout (default: they go on)",
    )
    batch.add_argument(
        "--retry-failed",
        action="store_true",
        help="start anew, once, each document whose latest run failed, was cancelled or rejected (its new run has a "
        "fresh key, BATCH:retryN:INDEX); documents whose run completed or is still going keep it",
    )

    runs = command(commands, "runs", "", "read, list, wait for, cancel and rerun runs")
    verbs = runs.add_subparsers(title="runs commands", dest="verb", metavar="VERB", required=True)

    get = command(verbs, "get", "_commands:get", "show a run: status, tags, steps, output and files", parents=[common])
    get.add_argument("run_id", metavar="RUN_ID")
    get.add_argument(
        "--expand", metavar="A[,B]", help="extra sections: input, usage, execution, debug (default: execution)"
    )

    command(
        verbs, "list", "_commands:list_runs", "list runs, newest first", parents=[common, _filter_options(paging=True)]
    )

    wait = command(
        verbs, "wait", "_commands:wait", "wait until runs end; exit 1 if any did not complete", parents=[common]
    )
    wait.add_argument("run_ids", nargs="+", metavar="RUN_ID")
    _wait_options(wait, default_wait=True)

    cancel = command(verbs, "cancel", "_commands:cancel", "cancel a run (safe to repeat)", parents=[common])
    cancel.add_argument("run_id", metavar="RUN_ID")

    command(
        verbs,
        "cancel-many",
        "_commands:cancel_many",
        "cancel every unfinished run matching the filters (at least one filter)",
        parents=[common, _filter_options(paging=False)],
    )

    rerun = command(
        verbs, "rerun", "_commands:rerun", "start a new run with the same target and input", parents=[common]
    )
    rerun.add_argument("run_id", metavar="RUN_ID")
    _wait_options(rerun, default_wait=False)

    artifacts = command(verbs, "artifacts", "_commands:artifacts", "list a run's files", parents=[common])
    artifacts.add_argument("run_id", metavar="RUN_ID")

    download = command(
        verbs,
        "download",
        "_commands:download",
        "download a run's files (by default every output file)",
        parents=[common],
    )
    download.add_argument("run_id", metavar="RUN_ID")
    download.add_argument("paths", nargs="*", metavar="PATH", help="artifact paths, as `runs artifacts` lists them")
    download.add_argument("--to", default=".", metavar="DIR", help="the folder to save into (default: .)")
    download.add_argument(
        "--zip",
        metavar="FILE",
        help="every output file as one ZIP archive, written to FILE (a folder: RUN_ID.zip in it)",
    )
    download.add_argument(
        "--review", action="store_true", help="with --zip: output/ and the review's corrected files in expected/"
    )

    for name, handler, text in (
        ("steps", "_commands:steps", "show a run's steps and their status"),
        ("events", "_commands:events", "show what happened to a run, oldest first"),
        ("usage", "_commands:usage", "show what a run used: tokens, credits, time"),
    ):
        command(verbs, name, handler, text, parents=[common]).add_argument("run_id", metavar="RUN_ID")

    _run_operations(command, verbs, common)
    _webhooks(command, commands, common)

    return parser


def _webhooks(command: Any, commands: argparse._SubParsersAction[_Parser], common: argparse.ArgumentParser) -> None:
    """``webhooks verify`` and ``webhooks sign`` (``cli/_webhooks.py``): no API key, nothing sent."""
    group = command(commands, "webhooks", "", "verify a captured webhook delivery, or sign one for curl")
    verbs = group.add_subparsers(title="webhooks commands", dest="verb", metavar="VERB", required=True)
    key_forms = ("base64", "base64url", "text_after_prefix", "whole_secret")  # eigenpal_ext.webhooks.KeyForm
    whsec_help = (
        "the endpoint's secret, whsec_... (default: $EIGENPAL_WEBHOOK_SECRET, which the process list does not show)"
    )
    verify = command(
        verbs,
        "verify",
        "_webhooks:verify_delivery",
        "verify a captured delivery: which key and digest form matched, or which check failed (exit 7)",
        needs=(),
        parents=[common],
    )
    verify.add_argument("body_file", metavar="BODY_FILE", help="the body exactly as received ('-': stdin)")
    verify.add_argument("--secret", metavar="WHSEC", help=whsec_help)
    verify.add_argument(
        "--headers", metavar="FILE", help="the delivery's headers: 'name: value' lines (curl -D), or a JSON object"
    )
    verify.add_argument(
        "--header", "-H", action="append", default=[], metavar="'NAME: VALUE'", help="a header (repeatable)"
    )
    tolerance = verify.add_mutually_exclusive_group()
    tolerance.add_argument(
        "--tolerance", type=float, default=300, metavar="SECONDS",
        help="how far the timestamp may lie from now, either way (default: %(default)s, as Eigenpal)",
    )  # fmt: skip
    tolerance.add_argument(
        "--no-tolerance", action="store_true", help="accept any timestamp: a delivery captured long ago"
    )
    verify.add_argument("--key-form", choices=key_forms, help="try only this way of making the key (default: each)")
    sign = command(
        verbs,
        "sign",
        "_webhooks:sign_delivery",
        "print the headers Eigenpal would send with a body, as curl -H options (or --json)",
        needs=(),
        parents=[common],
    )
    sign.add_argument("body_file", metavar="BODY_FILE", help="the body to sign ('-': stdin)")
    sign.add_argument("--secret", metavar="WHSEC", help=whsec_help)
    sign.add_argument("--id", metavar="MSG_ID", help="the webhook-id (default: a fresh msg_...)")
    sign.add_argument("--timestamp", type=int, metavar="UNIX", help="the webhook-timestamp (default: now)")
    sign.add_argument(
        "--digest", choices=("hex", "base64"), default="hex", help="how the digest is written (default: %(default)s)"
    )
    sign.add_argument(
        "--key-form", choices=key_forms, default="base64", help="how the secret becomes the key (default: %(default)s)"
    )
