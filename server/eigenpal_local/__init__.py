"""The local Eigenpal server: the runs API served for real, for offline development and tests.

It never imports the client (`eigenpal_ext`'s modules) nor the generated package; see README.md next to this file.
It needs the `server` extra (`pip install 'eigenpal-ext[server]'`); without it, importing this package raises an
`ImportError` that says so, with the missing module's own error as its `__cause__`.
"""

_EXTRA_MODULES = ("starlette", "uvicorn", "python_multipart", "multipart", "pypdf")
"""The top-level modules the `server` extra installs (python-multipart is imported as either name)."""

try:
    from ._faults import FaultSpec
    from ._server import DEFAULT_API_KEY, DEFAULT_PORT, LocalServer
except ModuleNotFoundError as exc:
    if (exc.name or "").partition(".")[0] not in _EXTRA_MODULES:
        raise  # a module of this package or of Python itself: a real bug, not a missing extra
    raise ImportError(
        f"eigenpal_local needs the 'server' extra (No module named {exc.name!r}): pip install 'eigenpal-ext[server]'",
        name=exc.name,
    ) from exc

__all__ = ["DEFAULT_API_KEY", "DEFAULT_PORT", "FaultSpec", "LocalServer"]
