from enum import StrEnum


class RunsArtifactsListBundle(StrEnum):
    REVIEW = "review"

    def __str__(self) -> str:
        return str(self.value)
