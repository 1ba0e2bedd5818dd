from enum import StrEnum


class RunListItemType(StrEnum):
    AGENT = "agent"
    WORKFLOW = "workflow"

    def __str__(self) -> str:
        return str(self.value)
