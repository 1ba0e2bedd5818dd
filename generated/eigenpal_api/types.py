"""Contains some shared types for properties"""

import reprlib
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, BinaryIO, Generic, Literal, TypeVar

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Unset = Unset()


# A body can hold a huge value where a small one belongs: messages show its start, never all of it.
_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60
_short.maxlist = _short.maxtuple = _short.maxdict = 5
_short.maxlevel = 2
_MAX_SHOWN = 80


def _describe(found: object) -> str:
    """What a JSON value that did not fit is: `str 'yes'`, `list [1, 2]`, `null`."""
    if found is None:
        return "null"
    shown = _short.repr(found)
    if len(shown) > _MAX_SHOWN:
        shown = shown[: _MAX_SHOWN - 3] + "..."
    return f"{type(found).__name__} {shown}"


def _type_error(where: str, expected: str, found: object) -> TypeError | KeyError:
    """The error for a JSON value of the wrong type at `where` (`Run.finished`), or a KeyError if it is missing."""
    if found is UNSET:
        return KeyError(f"{where}: required, but missing")
    return TypeError(f"{where}: expected {expected}, got {_describe(found)}")


def _value_error(where: str, expected: str, found: object) -> ValueError:
    """The error for a JSON value of the right type that is not a valid one, such as a date-time that is not."""
    return ValueError(f"{where}: expected {expected}, got {_describe(found)}")


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
