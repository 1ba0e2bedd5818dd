from enum import StrEnum


class RunReviewRequestStatus(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    WONT_FIX = "wont_fix"

    def __str__(self) -> str:
        return str(self.value)
