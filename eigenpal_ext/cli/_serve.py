"""``eigenpal serve``: the local Eigenpal server, started from the command line."""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Callable

from eigenpal_ext._transport._config import API_KEY_ENV, BASE_URL_ENV

from ._exit import ExitCode
from ._output import Output

__all__ = ["serve"]


def _announce(out: Output) -> Callable[[str, str], None]:
    def announce(base_url: str, api_key: str) -> None:
        # The key is shown on purpose: it is the throwaway key of a server on this machine, and a second shell
        # needs it. The local server itself never prints or logs it.
        for line in (
            f"The local Eigenpal server listens at {base_url} (API key {api_key}); Ctrl-C stops it.",
            "To use it from another shell:",
            f"export {BASE_URL_ENV}={shlex.quote(base_url)}",
            f"export {API_KEY_ENV}={shlex.quote(api_key)}",
        ):
            out.line(line)

    return announce


def serve(args: argparse.Namespace, out: Output) -> int:
    """``eigenpal serve``: the local server, with the options of ``python -m eigenpal_local``; it prints its URL,
    its key and the ``export`` lines for another shell, and Ctrl-C stops it (exit 0, as ``main`` makes sure)."""
    from eigenpal_local.__main__ import EXIT_PORT_IN_USE
    from eigenpal_local.__main__ import main as serve_main

    from ._parser import SERVE_EPILOG

    code = serve_main(list(args.server_args), prog="eigenpal serve", epilog=SERVE_EPILOG, announce=_announce(out))
    # The server said why on stderr already; its codes are the command line's (a test holds them together).
    return ExitCode.PORT_IN_USE if code == EXIT_PORT_IN_USE else code
