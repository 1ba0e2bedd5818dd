from enum import StrEnum


class CreateFileMultipartRequestPurpose(StrEnum):
    BUILDER_ATTACHMENT = "builder-attachment"
    RUN_INPUT = "run-input"

    def __str__(self) -> str:
        return str(self.value)
