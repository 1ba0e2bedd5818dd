"""The optional parts of the package (its extras), and the one line that names the one to install.

The command line itself needs only the client: ``--json`` output is written without rich. Tables, colour and progress
need the ``cli`` extra (rich); ``eigenpal serve`` and ``eigenpal demo`` need the ``server`` extra. A command checks for
what it needs before it sends anything, so a missing extra is one line and exit 2, never a traceback after a run was
started. An import that fails later (an install broken half-way) is named the same way.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence

__all__ = ["CLI", "EXTRAS", "SERVER", "extra_of", "missing", "needs_line"]

CLI = "cli"
SERVER = "server"

EXTRAS: dict[str, tuple[str, ...]] = {
    CLI: ("rich",),
    # The server is its own distribution (eigenpal-local), which brings the rest; python-multipart is imported as
    # python_multipart (and, by older versions, as multipart).
    SERVER: ("eigenpal_local", "starlette", "uvicorn", "python_multipart", "pypdf"),
}
"""Each extra, and the top-level modules it installs (the ones this package imports)."""

_ALSO_OF = {"multipart": SERVER}

_PURPOSE = {CLI: "tables and progress", SERVER: "the local server"}


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a finder that refuses it, or a module left as None in sys.modules
        return False


def missing(extras: Iterable[str]) -> list[str]:
    """The extras, of those named, with a module that is not installed; found without importing anything."""
    return [extra for extra in extras if not all(_installed(module) for module in EXTRAS[extra])]


def extra_of(exc: BaseException) -> str | None:
    """The extra whose module an ``ImportError`` could not import, or None when it is not one of theirs."""
    if not isinstance(exc, ImportError):
        return None
    top = (exc.name or "").partition(".")[0]
    for extra, modules in EXTRAS.items():
        if top in modules:
            return extra
    return _ALSO_OF.get(top)


def needs_line(extras: Sequence[str], command: str | None = None, *, unless_json: bool = False) -> str:
    """``'eigenpal demo' needs the 'cli' and 'server' extras (...): pip install 'eigenpal-ext[cli,server]'``.

    Args:
        extras: The extras that are missing.
        command: The command that needs them, as typed (``eigenpal serve``), when it is known.
        unless_json: Say that ``--json`` works without them (the ``cli`` extra only draws).
    """
    names = " and ".join(f"'{extra}'" for extra in extras)
    purposes = ", ".join(_PURPOSE[extra] for extra in extras)
    who = f"'{command}'" if command else "this command"
    plural = "s" if len(extras) > 1 else ""
    json_note = " (or pass --json, which needs no extra)" if unless_json else ""
    return (
        f"{who} needs the {names} extra{plural} ({purposes}): pip install 'eigenpal-ext[{','.join(extras)}]'{json_note}"
    )
