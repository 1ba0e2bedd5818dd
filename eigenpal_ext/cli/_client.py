"""The command line's client: the library's, but its starts and reruns say they come from the command line."""

from __future__ import annotations

from typing import ClassVar

from eigenpal_ext import EigenpalClient
from eigenpal_ext._core._plans import CLI_TRIGGER

__all__ = ["CliClient"]


class CliClient(EigenpalClient):
    """An :class:`~eigenpal_ext.EigenpalClient` whose starts send ``X-Eigenpal-Trigger: cli``, as the official CLI's
    do, so that runs started here are told apart from the library's (``api``) in Eigenpal and by the ``trigger``
    list filter."""

    _trigger: ClassVar[str] = CLI_TRIGGER
