from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _as_float,
    _drifted,
    _missing,
    _not_an_object,
    _to_json,
)

if TYPE_CHECKING:
    from ..models.run_usage_tokens import RunUsageTokens


T = TypeVar("T", bound="RunUsage")


@_attrs_define
class RunUsage:
    """
    Attributes:
        tokens (RunUsageTokens):
        credits_charged (float | None):
        duration_ms (float | None):
        llm_call_count (float | None): LLM call count (workflow runs only).
        ocr_pages_processed (float | None): OCR pages processed (workflow runs only).
        agent_turns (float | None): Agent conversation turns (agent runs only).
    """

    tokens: RunUsageTokens
    credits_charged: float | None
    duration_ms: float | None
    llm_call_count: float | None = None
    ocr_pages_processed: float | None = None
    agent_turns: float | None = None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field_dict: dict[str, Any] = {}
        field_dict.update(_to_json(self.additional_properties))
        field_dict["tokens"] = _to_json(self.tokens)
        field_dict["creditsCharged"] = _to_json(self.credits_charged)
        field_dict["durationMs"] = _to_json(self.duration_ms)
        if self.llm_call_count is not None:
            field_dict["llmCallCount"] = _to_json(self.llm_call_count)
        if self.ocr_pages_processed is not None:
            field_dict["ocrPagesProcessed"] = _to_json(self.ocr_pages_processed)
        if self.agent_turns is not None:
            field_dict["agentTurns"] = _to_json(self.agent_turns)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_usage_tokens import RunUsageTokens  # noqa: PLC0415

        if not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):  # dict first: no ABC check
            raise _not_an_object("RunUsage", src_dict)
        d = dict(src_dict)
        if "tokens" not in d:
            raise _missing("RunUsage.tokens")
        if "creditsCharged" not in d:
            raise _missing("RunUsage.creditsCharged")
        if "durationMs" not in d:
            raise _missing("RunUsage.durationMs")
        _tokens = d.pop("tokens")
        tokens: RunUsageTokens
        try:
            tokens = RunUsageTokens.from_dict(_tokens)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            tokens = _drifted("RunUsage.tokens", _tokens, mismatch_)

        _credits_charged = d.pop("creditsCharged")
        credits_charged: float | None
        try:
            credits_charged = None if _credits_charged is None else _as_float(_credits_charged)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            credits_charged = _drifted("RunUsage.creditsCharged", _credits_charged, mismatch_)

        _duration_ms = d.pop("durationMs")
        duration_ms: float | None
        try:
            duration_ms = None if _duration_ms is None else _as_float(_duration_ms)
        except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
            duration_ms = _drifted("RunUsage.durationMs", _duration_ms, mismatch_)

        _llm_call_count = d.pop("llmCallCount", None)
        llm_call_count: float | None
        if _llm_call_count is None:
            llm_call_count = None
        else:
            try:
                llm_call_count = _as_float(_llm_call_count)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                llm_call_count = _drifted("RunUsage.llmCallCount", _llm_call_count, mismatch_)

        _ocr_pages_processed = d.pop("ocrPagesProcessed", None)
        ocr_pages_processed: float | None
        if _ocr_pages_processed is None:
            ocr_pages_processed = None
        else:
            try:
                ocr_pages_processed = _as_float(_ocr_pages_processed)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                ocr_pages_processed = _drifted("RunUsage.ocrPagesProcessed", _ocr_pages_processed, mismatch_)

        _agent_turns = d.pop("agentTurns", None)
        agent_turns: float | None
        if _agent_turns is None:
            agent_turns = None
        else:
            try:
                agent_turns = None if _agent_turns is None else _as_float(_agent_turns)
            except (TypeError, ValueError, KeyError, AttributeError) as mismatch_:
                agent_turns = _drifted("RunUsage.agentTurns", _agent_turns, mismatch_)

        run_usage = cls(
            tokens=tokens,
            credits_charged=credits_charged,
            duration_ms=duration_ms,
            llm_call_count=llm_call_count,
            ocr_pages_processed=ocr_pages_processed,
            agent_turns=agent_turns,
        )
        run_usage.additional_properties = d
        return run_usage

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
