"""Sample invoices for `workflows.extract-invoice`, packaged with the server.

>>> from eigenpal_local import samples
>>> samples.list_samples()
['invoice-acme.txt', 'invoice-globex.txt', 'invoice-initech.txt', 'invoice-umbrella.pdf']
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
_SUFFIXES = (".txt", ".pdf")

__all__ = ["list_samples", "path"]


def list_samples() -> list[str]:
    """The file names of the bundled sample documents, sorted."""
    return sorted(entry.name for entry in _HERE.iterdir() if entry.suffix in _SUFFIXES)


def path(name: str) -> Path:
    """The path of a bundled sample document.

    Args:
        name: A name from `list_samples()`, such as `invoice-acme.txt`.

    Raises:
        FileNotFoundError: No sample has that name.
    """
    if name not in list_samples():
        raise FileNotFoundError(f"no sample document named {name!r}; there are {list_samples()}")
    return _HERE / name
