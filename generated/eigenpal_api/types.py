"""Contains some shared types for properties"""

import datetime
import reprlib
import threading
from collections.abc import Callable, Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, TYPE_CHECKING, Any, BinaryIO, ClassVar, Generic, Literal, TypeVar

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


# How the models' from_dict makes an object without calling its class (model.py.jinja says why): bound here once,
# since `object.__new__` is looked up on the type on every use.
_new_model = object.__new__

# How the models read a date-time (checked_construct.jinja): bound once, a global lookup instead of three.
_fromisoformat = datetime.datetime.fromisoformat

_get_slot = object.__getattribute__

# Held only while the first read of a model's additional_properties makes its empty dict.
_extras_lock = threading.Lock()


class _LazyModel:
    """The base of a model whose nested objects are built when first read, not when a response is parsed.

    The client parses an answer with `_from_json`: the whole body is checked first (`_check`, which builds
    nothing), then the object is made (`_build`) with each nested object's slot left empty and the body kept in
    `_json` (and additional_properties left empty when the body has no unknown field: its {} is made when first
    read). Reading an empty slot raises AttributeError inside Python, which calls `__getattr__`: it builds that
    object from its part of the body (`_build` again, no check: the body was checked), stores it in the slot, where
    every later read finds it, and drops the body once no slot is left empty. Everything that reads the fields goes
    through getattr (attrs' `__eq__`, `__repr__`, `asdict`, `evolve`, pickling, `to_dict`), so nothing tells a lazy
    object from an eager one except when the work is done.

    `_json` holds the body until the first build, then `(body, how many fields are left to build)`: no lock and
    no exception on the way. Two threads reading the same empty slot at once may each build it (the last store
    wins; the two objects are equal), and their counts may then disagree; so when the count says nothing is left,
    every slot is looked at before the body is dropped, and it is kept if one is still empty. No field is ever left
    without a way to build it: a count left too high by such a race, or a field assigned before it was first read
    (which keeps the assigned value), only keeps the body until the object goes. What a thread writes into the
    object it built in such a race may land on the one that lost; additional_properties, which callers fill, is
    made under a lock for that reason.

    `__getattr__` is hidden from type checkers, so that a misspelt attribute stays a type error.
    """

    __slots__ = ("_json",)

    # Set on each subclass at the bottom of its module: field name -> (JSON key, build function).
    _lazy_fields: ClassVar[dict[str, tuple[str, Callable[[Any], Any]]]] = {}

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            if name == "additional_properties" and name in type(self).__slots__:
                # Left empty by _build when the body has no unknown field. Under a lock, so that two threads
                # reading it at once share one dict: a key set through one is never lost.
                with _extras_lock:
                    try:
                        return _get_slot(self, name)
                    except AttributeError:
                        extras: dict[str, Any] = {}
                        setattr(self, name, extras)
                        return extras
            fields = type(self)._lazy_fields
            entry = fields.get(name)
            if entry is None:
                raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self)
            try:
                state = _get_slot(self, "_json")
            except AttributeError:
                # Nothing left to build: built by another thread meanwhile, or deleted since it was built.
                return _get_slot(self, name)
            if type(state) is tuple:
                body, left = state
            else:
                body, left = state, 0
                for key, _ in fields.values():
                    if body.get(key) is not None:  # a null optional object was stored as None by _build
                        left += 1
            key, build = entry
            value = build(body[key])
            setattr(self, name, value)
            left -= 1
            if left > 0:
                self._json = (body, left)
                return value
            for other in fields:
                try:
                    _get_slot(self, other)
                except AttributeError:
                    self._json = (body, 1)  # still one to build: two threads counted the same field
                    return value
            try:
                del self._json
            except AttributeError:
                pass  # another thread dropped it first
            return value


# How `_build` keeps the body on the object: the slot's own setter (mypy does not see `_LazyModel`'s slot from an
# attrs subclass).
_keep_json: Callable[[_LazyModel, Mapping[str, Any]], None] = _LazyModel.__dict__["_json"].__set__


def _missing(model: str, found: Mapping[str, object], required: tuple[str, ...]) -> KeyError:
    """The error for a body of `model` that lacks a required field: the first of `required` not in `found`."""
    for key in required:
        if key not in found:
            return KeyError(f"{model}.{key}: required, but missing")
    # Only a Mapping whose `in` and `[]` disagree gets here.
    return KeyError(f"{model}: a required field is missing")


def _date_time(where: str, text: str) -> datetime.datetime:
    """The date-time in `text`, which `datetime.fromisoformat` refused or read without a UTC offset.

    The wire sends RFC 3339 date-times. RFC 3339 also allows a lowercase `t` and `z`, which fromisoformat refuses;
    a date-time without an offset (or a bare date) is not one, and a naive datetime would fail later, when it is
    compared with an aware one. Either is a ValueError naming `where`, like text that is no date-time at all.
    """
    try:
        moment = datetime.datetime.fromisoformat(text.upper())
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise _value_error(where, "an ISO 8601 date-time with a UTC offset", text) from None
    return moment


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
