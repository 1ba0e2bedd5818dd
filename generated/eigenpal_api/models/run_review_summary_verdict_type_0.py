from enum import StrEnum


class RunReviewSummaryVerdictType0(StrEnum):
    CORRECT = "correct"
    INCORRECT = "incorrect"

    def __str__(self) -> str:
        return str(self.value)
