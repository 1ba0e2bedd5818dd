from enum import StrEnum


class RunReviewSummaryStatus(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    WONT_FIX = "wont_fix"

    def __str__(self) -> str:
        return str(self.value)
