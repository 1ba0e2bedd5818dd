from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    _keep_json,
    _LazyModel,
    _missing,
    _new_model,
    _type_error,
)

if TYPE_CHECKING:
    from ..models.token_usage import TokenUsage


T = TypeVar("T", bound="Usage")

# The body's fields that are properties of the model: any other lands in additional_properties.
_KNOWN_FIELDS = frozenset({"tokens", "creditsCharged", "durationMs", "llmCallCount", "ocrPagesProcessed"})


@_attrs_define
class Usage(_LazyModel):
    """What a run used.

    Attributes:
        tokens (TokenUsage): Language-model tokens used.
        credits_charged (float): Credits charged for the run.
        duration_ms (int): Milliseconds of execution.
        llm_call_count (int | None): Language-model calls made.
        ocr_pages_processed (int | None): Pages read by OCR.
    """

    tokens: TokenUsage
    credits_charged: float
    duration_ms: int
    llm_call_count: int | None = None
    ocr_pages_processed: int | None = None
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
        if llm_call_count is not None:
            field_dict["llmCallCount"] = llm_call_count
        if ocr_pages_processed is not None:
            field_dict["ocrPagesProcessed"] = ocr_pages_processed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Usage", "an object", src_dict)
        try:
            _tokens = src_dict["tokens"]
            credits_charged = src_dict["creditsCharged"]
            duration_ms = src_dict["durationMs"]
        except KeyError:
            raise _missing("Usage", src_dict, ("tokens", "creditsCharged", "durationMs")) from None

        if type(_tokens) is not dict and not isinstance(_tokens, dict) and not isinstance(_tokens, Mapping):
            raise _type_error("Usage.tokens", "an object", _tokens)
        tokens = _token_usage_from_dict(_tokens)

        if (
            type(credits_charged) is not float
            and type(credits_charged) is not int
            and (not isinstance(credits_charged, (int, float)) or isinstance(credits_charged, bool))
        ):
            raise _type_error("Usage.creditsCharged", "a number", credits_charged)

        if type(duration_ms) is not int and (not isinstance(duration_ms, int) or isinstance(duration_ms, bool)):
            raise _type_error("Usage.durationMs", "an integer", duration_ms)

        _llm_call_count = src_dict.get("llmCallCount")
        llm_call_count: int | None = None
        if _llm_call_count is not None:
            if type(_llm_call_count) is not int and (
                not isinstance(_llm_call_count, int) or isinstance(_llm_call_count, bool)
            ):
                raise _type_error("Usage.llmCallCount", "an integer", _llm_call_count)
            llm_call_count = _llm_call_count

        _ocr_pages_processed = src_dict.get("ocrPagesProcessed")
        ocr_pages_processed: int | None = None
        if _ocr_pages_processed is not None:
            if type(_ocr_pages_processed) is not int and (
                not isinstance(_ocr_pages_processed, int) or isinstance(_ocr_pages_processed, bool)
            ):
                raise _type_error("Usage.ocrPagesProcessed", "an integer", _ocr_pages_processed)
            ocr_pages_processed = _ocr_pages_processed

        usage = _new_model(cls)
        usage.tokens = tokens
        usage.credits_charged = credits_charged
        usage.duration_ms = duration_ms
        usage.llm_call_count = llm_call_count
        usage.ocr_pages_processed = ocr_pages_processed
        if len(src_dict) > 3 and not _KNOWN_FIELDS.issuperset(src_dict):
            usage.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
        else:
            usage.additional_properties = {}
        return usage

    @staticmethod
    def _from_json(src_dict: Any) -> Usage:
        Usage._check(src_dict)
        return Usage._build(src_dict)

    @staticmethod
    def _check(src_dict: Any) -> None:
        if type(src_dict) is not dict and not isinstance(src_dict, dict) and not isinstance(src_dict, Mapping):
            raise _type_error("Usage", "an object", src_dict)
        try:
            _tokens = src_dict["tokens"]
            credits_charged = src_dict["creditsCharged"]
            duration_ms = src_dict["durationMs"]
        except KeyError:
            raise _missing("Usage", src_dict, ("tokens", "creditsCharged", "durationMs")) from None

        if type(_tokens) is not dict and not isinstance(_tokens, dict) and not isinstance(_tokens, Mapping):
            raise _type_error("Usage.tokens", "an object", _tokens)
        try:
            _tokens__input_ = _tokens["input"]
            _tokens__output = _tokens["output"]
            _tokens__cache_read = _tokens["cacheRead"]
            _tokens__cache_write = _tokens["cacheWrite"]
        except KeyError:
            raise _missing("TokenUsage", _tokens, ("input", "output", "cacheRead", "cacheWrite")) from None
        if type(_tokens__input_) is not int and (
            not isinstance(_tokens__input_, int) or isinstance(_tokens__input_, bool)
        ):
            raise _type_error("TokenUsage.input", "an integer", _tokens__input_)
        pass
        if type(_tokens__output) is not int and (
            not isinstance(_tokens__output, int) or isinstance(_tokens__output, bool)
        ):
            raise _type_error("TokenUsage.output", "an integer", _tokens__output)
        pass
        if type(_tokens__cache_read) is not int and (
            not isinstance(_tokens__cache_read, int) or isinstance(_tokens__cache_read, bool)
        ):
            raise _type_error("TokenUsage.cacheRead", "an integer", _tokens__cache_read)
        pass
        if type(_tokens__cache_write) is not int and (
            not isinstance(_tokens__cache_write, int) or isinstance(_tokens__cache_write, bool)
        ):
            raise _type_error("TokenUsage.cacheWrite", "an integer", _tokens__cache_write)
        pass

        if (
            type(credits_charged) is not float
            and type(credits_charged) is not int
            and (not isinstance(credits_charged, (int, float)) or isinstance(credits_charged, bool))
        ):
            raise _type_error("Usage.creditsCharged", "a number", credits_charged)
        pass

        if type(duration_ms) is not int and (not isinstance(duration_ms, int) or isinstance(duration_ms, bool)):
            raise _type_error("Usage.durationMs", "an integer", duration_ms)
        pass

        _llm_call_count = src_dict.get("llmCallCount")
        if _llm_call_count is not None:
            if type(_llm_call_count) is not int and (
                not isinstance(_llm_call_count, int) or isinstance(_llm_call_count, bool)
            ):
                raise _type_error("Usage.llmCallCount", "an integer", _llm_call_count)
            pass

        _ocr_pages_processed = src_dict.get("ocrPagesProcessed")
        if _ocr_pages_processed is not None:
            if type(_ocr_pages_processed) is not int and (
                not isinstance(_ocr_pages_processed, int) or isinstance(_ocr_pages_processed, bool)
            ):
                raise _type_error("Usage.ocrPagesProcessed", "an integer", _ocr_pages_processed)
            pass

    @staticmethod
    def _build(src_dict: Mapping[str, Any]) -> Usage:
        credits_charged = src_dict["creditsCharged"]
        duration_ms = src_dict["durationMs"]

        _llm_call_count = src_dict.get("llmCallCount")
        llm_call_count: int | None = None
        if _llm_call_count is not None:
            llm_call_count = _llm_call_count

        _ocr_pages_processed = src_dict.get("ocrPagesProcessed")
        ocr_pages_processed: int | None = None
        if _ocr_pages_processed is not None:
            ocr_pages_processed = _ocr_pages_processed

        usage = _new_model(Usage)
        usage.credits_charged = credits_charged
        usage.duration_ms = duration_ms
        usage.llm_call_count = llm_call_count
        usage.ocr_pages_processed = ocr_pages_processed
        _keep_json(usage, src_dict)
        if len(src_dict) > 3 and not _KNOWN_FIELDS.issuperset(src_dict):
            usage.additional_properties = {
                prop_name: prop_value for prop_name, prop_value in src_dict.items() if prop_name not in _KNOWN_FIELDS
            }
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

# Bound once: looked up on the class on every call, a classmethod is bound anew, an allocation per nested object.
_token_usage_from_dict = TokenUsage.from_dict
_token_usage_check = TokenUsage._check
_token_usage_build = TokenUsage._build

# The nested objects built when first read (types.py's _LazyModel): field -> (JSON key, how to build it).
Usage._lazy_fields = {
    "tokens": ("tokens", _token_usage_build),
}
