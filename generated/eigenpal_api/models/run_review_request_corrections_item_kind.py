from enum import StrEnum


class RunReviewRequestCorrectionsItemKind(StrEnum):
    FIELD = "field"
    FILE = "file"

    def __str__(self) -> str:
        return str(self.value)
