from enum import StrEnum


class RunReviewCorrectionKind(StrEnum):
    FIELD = "field"
    FILE = "file"

    def __str__(self) -> str:
        return str(self.value)
