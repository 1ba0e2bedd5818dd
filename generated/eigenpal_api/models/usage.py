from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.token_usage import TokenUsage


T = TypeVar("T", bound="Usage")


@_attrs_define
class Usage:
    """What a run used.

    Attributes:
        tokens (TokenUsage): Language-model tokens used.
        credits_charged (float): Credits charged for the run.
        duration_ms (int): Milliseconds of execution.
        llm_call_count (int | Unset): Language-model calls made.
        ocr_pages_processed (int | Unset): Pages read by OCR.
    """

    tokens: TokenUsage
    credits_charged: float
    duration_ms: int
    llm_call_count: int | Unset = UNSET
    ocr_pages_processed: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tokens = self.tokens.to_dict()

        credits_charged = self.credits_charged

        duration_ms = self.duration_ms

        llm_call_count = self.llm_call_count

        ocr_pages_processed = self.ocr_pages_processed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tokens": tokens,
                "creditsCharged": credits_charged,
                "durationMs": duration_ms,
            }
        )
        if llm_call_count is not UNSET:
            field_dict["llmCallCount"] = llm_call_count
        if ocr_pages_processed is not UNSET:
            field_dict["ocrPagesProcessed"] = ocr_pages_processed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        tokens = TokenUsage.from_dict(d.pop("tokens"))

        credits_charged = d.pop("creditsCharged")

        duration_ms = d.pop("durationMs")

        llm_call_count = d.pop("llmCallCount", UNSET)

        ocr_pages_processed = d.pop("ocrPagesProcessed", UNSET)

        usage = cls(
            tokens=tokens,
            credits_charged=credits_charged,
            duration_ms=duration_ms,
            llm_call_count=llm_call_count,
            ocr_pages_processed=ocr_pages_processed,
        )

        usage.additional_properties = d
        return usage

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported after the class, not at the top, so that models referring to each other import in any order.
from ..models.token_usage import TokenUsage  # noqa: E402
