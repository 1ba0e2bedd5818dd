"""`python -m eigenpal_local`: serve the local Eigenpal server until interrupted.

`eigenpal serve` runs the same `main`, under its own name and with its own announcement (the key and the `export`
lines for a second shell); this one prints only the URL, so that the key never reaches a log it was not asked for.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import FrameType

from ._app import MAX_REQUEST_BYTES
from ._faults import FaultSpec
from ._files import MAX_FILE_BYTES, TRANSPORTS, UPLOAD_CHUNK_BYTES
from ._guards import API_KEY_ENV, DEFAULT_BODY_TIMEOUT, DEFAULT_HEAD_TIMEOUT, check_exposure
from ._kept import MAX_KEPT_BYTES
from ._server import DEFAULT_API_KEY, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_WORKERS, LocalServer
from ._serving import ListenError, PortInUseError
from ._storage import DEFAULT_URL_TTL_SECONDS, REDIRECT_ARTIFACTS_OVER
from ._webhook_faults import WebhookFaultSpec
from ._webhooks import WebhookSettings

__all__ = ["EXIT_CODES_HELP", "EXIT_NOT_STARTED", "EXIT_PORT_IN_USE", "EXIT_USAGE", "main"]

EXIT_NOT_STARTED = 1
"""The server failed while starting (a database it cannot open, ...), or died; the reason is on stderr."""
EXIT_USAGE = 2
"""A bad option, or an address that cannot be listened on (a host not on this machine, a port below 1024)."""
EXIT_PORT_IN_USE = 5
"""Another process listens on the port."""

EXIT_CODES_HELP = f"""\
exit codes:
  0    stopped by Ctrl-C or SIGTERM
  {EXIT_NOT_STARTED}    did not start, or stopped by itself (the reason is on stderr)
  {EXIT_USAGE}    bad option, or an address that cannot be listened on
  {EXIT_PORT_IN_USE}    the port is in use: pick another with --port, or --port 0 for a free one
"""

_WAKE_SECONDS = 1.0
"""How often the waiting thread checks that the server still serves (a server that died ends the command)."""

Announce = Callable[[str, str], None]
"""Called once the server listens, with its base URL and its API key."""


def _print_url(url: str, api_key: str) -> None:
    print(url, flush=True)


def _parser(prog: str, epilog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Serve the local Eigenpal server.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help="interface to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port, 0 for a free one (default: %(default)s)")
    parser.add_argument(
        "--api-key",
        default=os.environ.get(API_KEY_ENV) or DEFAULT_API_KEY,
        help=f"the API key clients must send (default: ${API_KEY_ENV}, else the documented test key, which is "
        "refused on an address other machines can reach)",
    )
    parser.add_argument("--db", default=None, help="SQLite file that keeps runs across restarts (default: in memory)")
    parser.add_argument(
        "--workers", type=int, default=DEFAULT_WORKERS, help="runs executing at once (default: %(default)s)"
    )
    parser.add_argument(
        "--faults",
        default=None,
        help='faults to inject, e.g. "5xx=0.2,429=0.1,drop=0.05,lost=0.05,latency=0.1:0.5" or "lost_start=1"',
    )
    parser.add_argument("--seed", type=int, default=None, help="seed of the fault generator")
    parser.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        help="real seconds a run's step sleeps per second it asks for: 0.01 runs a 300 s workflows.sleep in 3 s",
    )
    parser.add_argument(
        "--max-request-bytes",
        type=int,
        default=MAX_REQUEST_BYTES,
        help="largest request body accepted, larger is a 413 (default: %(default)s, the real API's 4.5 MiB)",
    )
    parser.add_argument(
        "--redirect-artifacts-over",
        type=int,
        default=REDIRECT_ARTIFACTS_OVER,
        help="artifacts larger than this many bytes are a 302 to the storage origin; 0: every one, -1: none "
        "(default: %(default)s)",
    )
    parser.add_argument(
        "--storage-url-ttl",
        type=float,
        default=DEFAULT_URL_TTL_SECONDS,
        help="seconds a signed storage URL stays valid (default: %(default)s)",
    )
    parser.add_argument(
        "--head-timeout",
        type=float,
        default=DEFAULT_HEAD_TIMEOUT,
        help="seconds a request's head may take to arrive; a slower connection is closed (default: %(default)s)",
    )
    parser.add_argument(
        "--body-timeout",
        type=float,
        default=DEFAULT_BODY_TIMEOUT,
        help="seconds a request's body may take after its head; a slower one is closed (default: %(default)s)",
    )
    parser.add_argument(
        "--max-kept-bytes",
        type=int,
        default=MAX_KEPT_BYTES,
        help="what the runs may keep together (inputs, files, outputs, artifacts); past it the oldest finished "
        "runs are forgotten; -1: no cap (default: %(default)s, 512 MiB)",
    )
    parser.add_argument(
        "--upload-transport",
        choices=TRANSPORTS,
        default="http-chunked",
        help="the transport POST /v1/files/uploads answers (default: %(default)s)",
    )
    parser.add_argument(
        "--upload-chunk-bytes",
        type=int,
        default=UPLOAD_CHUNK_BYTES,
        help="size of an http-chunked chunk and a presigned-multipart part (default: %(default)s, 4 MiB)",
    )
    parser.add_argument(
        "--max-file-bytes",
        type=int,
        default=MAX_FILE_BYTES,
        help="largest file an upload session takes, larger is a 413 (default: %(default)s, 512 MiB)",
    )
    parser.add_argument(
        "--idempotency-keys",
        action="store_true",
        help="honour Idempotency-Key on start and rerun; NOT a feature of the real API, which ignores the header",
    )
    parser.add_argument(
        "--no-tags",
        dest="keep_tags",
        action="store_false",
        help="keep no tags: runs come back without tags and the tag filter is ignored, as on an older server",
    )
    parser.add_argument("--webhook-url", default=None, help="POST signed run events here (needs --webhook-secret)")
    parser.add_argument("--webhook-secret", default=None, help="the whsec_... secret the events are signed with")
    parser.add_argument(
        "--webhook-faults",
        default=None,
        help='delivery faults, e.g. "duplicate=0.2,reorder=0.2,delay=0.5:0.3,bad_signature=0.1,stale_timestamp=0.1"',
    )
    parser.add_argument("--webhook-seed", type=int, default=None, help="seed of the delivery faults")
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    prog: str = "python -m eigenpal_local",
    epilog: str = EXIT_CODES_HELP,
    announce: Announce = _print_url,
) -> int:
    """Parses the command line and serves until Ctrl-C or SIGTERM (exit 0 for both: that is how it is stopped).

    Args:
        argv: The options (default: ``sys.argv[1:]``).
        prog: The command's name in its help and its error lines.
        epilog: The end of ``--help``: the exit codes.
        announce: Told the base URL and the API key once the server listens (default: prints the URL alone).

    Returns:
        The exit code: 0, or one of ``EXIT_NOT_STARTED``, ``EXIT_USAGE``, ``EXIT_PORT_IN_USE`` with one line on
        stderr. argparse exits 2 by itself on an unknown option.
    """
    parser = _parser(prog, epilog)
    args = parser.parse_args(argv)
    try:
        faults = FaultSpec.parse(args.faults) if args.faults else FaultSpec()
    except ValueError as exc:
        parser.error(f"--faults: {exc}")
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if not args.time_scale > 0:
        parser.error("--time-scale must be above 0")
    if args.max_request_bytes < 0:
        parser.error("--max-request-bytes must be at least 0")
    if args.redirect_artifacts_over < -1:
        parser.error("--redirect-artifacts-over must be at least 0, or -1 for none")
    if not args.storage_url_ttl > 0:
        parser.error("--storage-url-ttl must be above 0")
    if not args.head_timeout > 0 or not args.body_timeout > 0:
        parser.error("--head-timeout and --body-timeout must be above 0")
    if args.upload_chunk_bytes < 1 or args.max_file_bytes < 0:
        parser.error("--upload-chunk-bytes must be at least 1, and --max-file-bytes at least 0")
    if args.max_kept_bytes < -1:
        parser.error("--max-kept-bytes must be at least 0, or -1 for no cap")
    try:
        check_exposure(args.host, args.api_key, DEFAULT_API_KEY)
        webhook_faults = WebhookFaultSpec.parse(args.webhook_faults) if args.webhook_faults else None
        if (args.webhook_url is None) != (args.webhook_secret is None):
            raise ValueError("--webhook-url and --webhook-secret go together")
        if args.webhook_url is not None:
            WebhookSettings(args.webhook_url, args.webhook_secret)  # checks both
    except ValueError as exc:
        parser.error(str(exc))
    server = LocalServer(
        api_key=args.api_key,
        db=args.db,
        host=args.host,
        port=args.port,
        workers=args.workers,
        faults=faults,
        seed=args.seed,
        time_scale=args.time_scale,
        max_request_bytes=args.max_request_bytes,
        idempotency_keys=args.idempotency_keys,
        keep_tags=args.keep_tags,
        redirect_artifacts_over=None if args.redirect_artifacts_over == -1 else args.redirect_artifacts_over,
        storage_url_ttl=args.storage_url_ttl,
        head_timeout=args.head_timeout,
        body_timeout=args.body_timeout,
        max_kept_bytes=None if args.max_kept_bytes == -1 else args.max_kept_bytes,
        upload_transport=args.upload_transport,
        upload_chunk_bytes=args.upload_chunk_bytes,
        max_file_bytes=args.max_file_bytes,
        webhook_url=args.webhook_url,
        webhook_secret=args.webhook_secret,
        webhook_faults=webhook_faults,
        webhook_seed=args.webhook_seed,
    )
    try:
        server.start()
    except PortInUseError as exc:
        print(f"{prog}: error: {exc}; pick another with --port, or --port 0 for a free one", file=sys.stderr)
        return EXIT_PORT_IN_USE
    except ListenError as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RuntimeError as exc:  # the reason (a database it cannot open, ...) was logged above
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return EXIT_NOT_STARTED
    # The server runs on its own thread, as in tests; this thread only waits for Ctrl-C (or SIGTERM), so that the
    # signal reaches plain Python code and stops the server in order, instead of uvicorn raising it again.
    try:
        with _sigterm_as_ctrl_c():
            announce(server.base_url, server.api_key)
            while not server._wait_stopped(_WAKE_SECONDS):
                pass
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
    print(f"{prog}: error: the server stopped by itself (the reason is above)", file=sys.stderr)
    return EXIT_NOT_STARTED


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def _sigterm_as_ctrl_c() -> Iterator[None]:
    """SIGTERM stops the server as Ctrl-C does (only the main thread can set a signal handler)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C before the server listened (while it loads)
        sys.exit(0)
