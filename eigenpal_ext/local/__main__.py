"""`python -m eigenpal_ext.local`: serve the local Eigenpal server until interrupted."""

from __future__ import annotations

import argparse
import sys

from ._app import AppConfig, create_app
from ._faults import FaultInjector, FaultSpec
from ._server import DEFAULT_API_KEY, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_WORKERS, build_uvicorn


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m eigenpal_ext.local", description="Serve the local Eigenpal server."
    )
    parser.add_argument("--host", default=DEFAULT_HOST, help="interface to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port, 0 for a free one (default: %(default)s)")
    parser.add_argument(
        "--api-key", default=DEFAULT_API_KEY, help="the API key clients must send (default: the documented test key)"
    )
    parser.add_argument("--db", default=None, help="SQLite file that keeps runs across restarts (default: in memory)")
    parser.add_argument(
        "--workers", type=int, default=DEFAULT_WORKERS, help="runs executing at once (default: %(default)s)"
    )
    parser.add_argument(
        "--faults", default=None, help='faults to inject, e.g. "5xx=0.2,429=0.1,drop=0.05,lost=0.05,latency=0.1:0.5"'
    )
    parser.add_argument("--seed", type=int, default=None, help="seed of the fault generator")
    parser.add_argument(
        "--time-scale",
        type=float,
        default=1.0,
        help="real seconds a run's step sleeps per second it asks for: 0.01 runs a 300 s workflows.sleep in 3 s",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parses the command line and serves until SIGINT or SIGTERM."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        faults = FaultSpec.parse(args.faults) if args.faults else FaultSpec()
    except ValueError as exc:
        print(f"--faults: {exc}", file=sys.stderr)
        return 2
    if args.workers < 1:
        print("--workers must be at least 1", file=sys.stderr)
        return 2
    if not args.time_scale > 0:
        parser.error("--time-scale must be above 0")
    config = AppConfig(
        api_key=args.api_key,
        db=args.db,
        workers=args.workers,
        faults=FaultInjector(faults, args.seed),
        time_scale=args.time_scale,
    )
    server = build_uvicorn(create_app(config), args.host, args.port)
    server.ready_callback = lambda port: print(f"http://{args.host}:{port}", flush=True)
    server.run()
    return 0 if server.started else 1


if __name__ == "__main__":
    sys.exit(main())
