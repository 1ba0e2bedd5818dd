from enum import StrEnum


class RunAcceptedType(StrEnum):
    AGENT = "agent"
    WORKFLOW = "workflow"

    def __str__(self) -> str:
        return str(self.value)
