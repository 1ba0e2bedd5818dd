"""The built-in automations, and the registry that maps a target (`workflows.<slug>`, `agents.<slug>`) to one.

One module per automation (`sleep`, `extract_invoice`, `echo`, `review`); `base` says what an automation is and
what its steps see. Adding an automation is a module with its `Automation` and a line here.
"""

from .base import LATEST_WORKFLOW_VERSION, Automation, RunContext, RunFailure, tokens
from .echo import ECHO
from .extract_invoice import EXTRACT_INVOICE
from .review import REVIEW
from .sleep import SLEEP

AUTOMATIONS: dict[str, Automation] = {
    automation.target: automation for automation in (SLEEP, EXTRACT_INVOICE, ECHO, REVIEW)
}
_WORKFLOWS_BY_ID = {
    automation.source_id: automation for automation in AUTOMATIONS.values() if automation.run_type == "workflow"
}


def find_automation(target: str) -> Automation | None:
    """The automation a start's `target` names: `workflows.<slug>`, `agents.<slug>` or a bare workflow id."""
    return AUTOMATIONS.get(target) or _WORKFLOWS_BY_ID.get(target)


__all__ = [
    "AUTOMATIONS",
    "LATEST_WORKFLOW_VERSION",
    "Automation",
    "RunContext",
    "RunFailure",
    "find_automation",
    "tokens",
]
