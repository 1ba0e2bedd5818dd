from enum import StrEnum


class RunsArtifactsListZip(StrEnum):
    VALUE_0 = "1"

    def __str__(self) -> str:
        return str(self.value)
