"""eigenpal-ext: the typed Python client for the Eigenpal workflow-runs API."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eigenpal-ext")
except PackageNotFoundError:  # pragma: no cover - only when run from a bare source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]
