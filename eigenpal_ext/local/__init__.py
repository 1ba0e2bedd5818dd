"""The local Eigenpal server: the runs API served for real, for offline development and tests.

It never imports the client (`eigenpal_ext`'s modules) nor the generated package; see README.md next to this file.
"""

from ._faults import FaultSpec
from ._server import DEFAULT_API_KEY, DEFAULT_PORT, LocalServer

__all__ = ["DEFAULT_API_KEY", "DEFAULT_PORT", "FaultSpec", "LocalServer"]
