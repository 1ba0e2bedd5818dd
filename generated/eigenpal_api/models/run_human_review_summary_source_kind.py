from enum import StrEnum


class RunHumanReviewSummarySourceKind(StrEnum):
    AGENT_TOOL = "agent_tool"
    WORKFLOW_STEP = "workflow_step"

    def __str__(self) -> str:
        return str(self.value)
