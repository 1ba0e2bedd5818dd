"""Contains some shared types for properties"""

import datetime
import enum
import logging
import reprlib
from collections.abc import Callable, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset"]

# A body can hold a huge value where a small one belongs: messages show its start, never all of it.
_short = reprlib.Repr()
_short.maxstring = _short.maxother = 60
_short.maxlist = _short.maxtuple = _short.maxdict = 5
_short.maxlevel = 2


def _describe(found: object) -> str:
    """What a JSON value is, briefly: `str 'yes'`, `list [1, 2]`, `null`."""
    return "null" if found is None else f"{type(found).__name__} {_short.repr(found)[:80]}"


class _Mismatch(TypeError):
    """A JSON value of the wrong type. Its message is built only when read: a union tries alternatives that fail
    on every value of another type, and most of these errors are never shown."""

    def __init__(self, expected: str, found: object) -> None:
        super().__init__(expected)
        self.expected = expected
        self.found = found

    def __str__(self) -> str:
        return f"expected {self.expected}, got {_describe(self.found)}"


def _mismatch(expected: str, found: object) -> TypeError:
    return _Mismatch(expected, found)


def _as_str(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise _mismatch("a string", value)


def _as_int(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):  # a JSON true is never a number
        return value
    if isinstance(value, float) and value.is_integer():  # JSON Schema counts 1.0 as an integer
        return int(value)
    raise _mismatch("an integer", value)


def _as_float(value: Any) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise _mismatch("a number", value)


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise _mismatch("true or false", value)


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    raise _mismatch("an array", value)


def _as_none(value: Any) -> None:
    if value is not None:
        raise _mismatch("null", value)


def _as_datetime(value: Any) -> datetime.datetime:
    return datetime.datetime.fromisoformat(_as_str(value))  # Python 3.11 reads every ISO 8601 form, "Z" included


def _as_date(value: Any) -> datetime.date:
    return datetime.date.fromisoformat(_as_str(value))


def _as_const(value: Any, expected: Any) -> Any:
    if value == expected and type(value) is type(expected):
        return value
    raise _mismatch(repr(expected), value)


def _union(value: Any, parsers: tuple[Callable[[Any], Any], ...]) -> Any:
    """The value of the first alternative `value` fits, in the document's order."""
    errors: list[Exception] = []
    for parse in parsers:
        try:
            return parse(value)
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            errors.append(error)
    raise TypeError(f"fits none of its {len(parsers)} alternatives ({'; '.join(map(str, errors))})")


def _missing(where: str) -> KeyError:
    return KeyError(f"{where}: required, but missing")


def _not_an_object(model: str, found: object) -> TypeError:
    return TypeError(f"{model}: expected an object, got {_describe(found)}")


_drift_log = logging.getLogger("eigenpal_ext.drift")
_drift_seen: set[str] = set()


def _drifted(where: str, value: Any, error: Exception) -> Any:
    """A value that does not fit the document: kept as received, and reported once per field and process."""
    if where not in _drift_seen:
        _drift_seen.add(where)
        _drift_log.warning("%s does not fit the API document (%s); kept as received", where, error)
    return value


def _to_json(value: Any) -> Any:
    """The JSON value of a model value: models, enums, dates and the lists and dicts holding them converted."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, list):
        return [_to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _to_json(item) for key, item in value.items()}
    to_dict = getattr(value, "to_dict", None)
    return to_dict() if to_dict is not None else value
