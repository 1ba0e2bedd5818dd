"""What the engine refuses with: the errors its callers turn into answers (400, 503)."""

from __future__ import annotations

from ._records import Issue

__all__ = ["IdempotencyConflict", "InputError", "OverCapacity"]


class InputError(Exception):
    """The input does not fit the target (400, each issue naming its field)."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__("; ".join(issue.message for issue in issues))
        self.issues = issues


class IdempotencyConflict(Exception):
    """The idempotency key was used with a different request (a 400)."""


class OverCapacity(Exception):
    """The runs in flight keep so much that a new one would pass the cap (a 503: retry once some have finished)."""
