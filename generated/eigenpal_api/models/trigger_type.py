from enum import StrEnum


class TriggerType(StrEnum):
    API = "api"

    def __str__(self) -> str:
        return str(self.value)
