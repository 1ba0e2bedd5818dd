from enum import StrEnum


class RunsListHasExample(StrEnum):
    TRUE = "true"

    def __str__(self) -> str:
        return str(self.value)
