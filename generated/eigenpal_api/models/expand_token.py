from enum import StrEnum


class ExpandToken(StrEnum):
    DEBUG = "debug"
    EXECUTION = "execution"
    INPUT = "input"
    USAGE = "usage"

    def __str__(self) -> str:
        return str(self.value)
