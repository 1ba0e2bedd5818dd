"""The built-in automations, and the registry that maps a target (`workflows.<slug>`, `agents.<slug>`) to one.

One module per automation (`sleep`, `extract_invoice`, `echo`); `base` says what an automation is and what its
steps see. Adding an automation is a module with its `Automation` and a line here.
"""

from .base import Automation, RunContext, RunFailure, tokens
from .echo import ECHO
from .extract_invoice import EXTRACT_INVOICE
from .sleep import SLEEP

AUTOMATIONS: dict[str, Automation] = {automation.target: automation for automation in (SLEEP, EXTRACT_INVOICE, ECHO)}

__all__ = ["AUTOMATIONS", "Automation", "RunContext", "RunFailure", "tokens"]
