"""The list filters of ``GET /v1/runs``, written down once: their Python names, query names, checks and help.

``runs.list``, ``runs.iter``, ``runs.handles`` and ``runs.cancel_many`` (sync and async) take them as keyword
arguments typed by :class:`RunFilters`; the command line's ``runs list`` and ``runs cancel-many`` make one option
per entry of :data:`FILTERS`. Every value is checked here, before any request, and an error names the filter.

The document (``openapi/eigenpal.yaml``) types nearly every filter as plain text; the checks go as far as it and
the schemas of what the filters compare with say: statuses and run types from their enums, the review status and
verdict from the review schemas, ``hasExample`` only ``true``, ``offset`` 0 to 2**53-1, ``sampleRate`` 0 to 1.
``trigger`` and ``sort`` name values the document does not list (``RunTrigger.type`` is free text), so any
non-blank text goes.

Times: a ``datetime`` with a time zone (a naive one is refused: ``datetime.now()`` is local time, and taking it as
UTC would shift the window by the machine's offset without a word), ISO-8601 text (sent as written), or a time
relative to the server's clock, as Eigenpal's docs write it: ``now()``, ``now()-7d``, ``now()+1h`` (units s m h d
w), sent in that compact form.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, TypedDict, cast

import attrs
from eigenpal_api.models.runs_list_has_example import RunsListHasExample

from . import _validation as check
from ._errors import InvalidArgumentError
from ._options import CallOptions

__all__ = ["FILTERS", "FilterSpec", "ListOptions", "RunFilters", "TimeValue", "parse_relative", "split_options"]

TimeValue = str | datetime | None
"""A moment: an aware ``datetime``, ISO-8601 text, or ``now()``/``now()-7d`` text."""


class RunFilters(TypedDict, total=False):
    """The filters of a runs list (``runs.list``, ``iter``, ``handles``, ``cancel_many``); every one given must
    match. ``None`` is the same as leaving a filter out. Times take an aware ``datetime``, ISO-8601 text or
    ``now()-7d`` (see the Runs page).

    Attributes:
        type: ``workflow`` or ``agent``.
        source: The automation, by id (``wf_abc123``) or slug.
        status: One status, or several (a list, or comma-separated).
        trigger: How runs were started (``api``, ``cli``, ...): one, or several.
        triggered_by: Who started them (a user id).
        source_ref: The automation version or git ref they ran.
        batch_id: The batch they belong to.
        example_id: The dataset example they ran.
        example_id_contains: Part of the dataset example id.
        has_example: ``True``: only runs linked to a dataset example (eval and example runs).
        tag: Runs carrying this tag (exact, case-sensitive).
        ids: Only these runs (at most 100).
        experiments: Experiments, one or several.
        from_date: Created at or after (the query's ``from``).
        to_date: Created at or before (the query's ``to``).
        created_after: Created at or after.
        created_before: Created at or before.
        completed_after: Completed at or after.
        completed_before: Completed at or before.
        offset: Skip this many matching runs first.
        sort: The field to sort by (``createdAt``).
        order: ``desc`` (newest first, the default) or ``asc``.
        sample_rate: Keep runs whose ``sample_rank`` is below this (0 to 1); pages may hold fewer than ``limit``.
        review_status: Runs whose review is ``open``, ``closed`` or ``wont_fix``.
        review_verdict: Runs whose review says ``correct`` or ``incorrect``.
        has_review: Runs with a review (``False``: sent as ``false``).
        no_review: Runs without a review.
        has_corrections: Runs whose review holds corrections.
        review_note_contains: Runs whose review note contains this text.
        review_created_after: Review created at or after.
        review_created_before: Review created at or before.
        review_updated_after: Review updated at or after.
        review_updated_before: Review updated at or before.
        review_closed_after: Review closed at or after.
        review_closed_before: Review closed at or before.
        since_last_closed: Runs since the last closed review.
    """

    type: str | None
    source: str | None
    status: str | Sequence[str] | None
    trigger: str | Sequence[str] | None
    triggered_by: str | None
    source_ref: str | None
    batch_id: str | None
    example_id: str | None
    example_id_contains: str | None
    has_example: Literal[True] | None
    tag: str | None
    ids: Sequence[str] | None
    experiments: str | Sequence[str] | None
    from_date: TimeValue
    to_date: TimeValue
    created_after: TimeValue
    created_before: TimeValue
    completed_after: TimeValue
    completed_before: TimeValue
    offset: int | None
    sort: str | None
    order: Literal["asc", "desc"] | None
    sample_rate: float | None
    review_status: Literal["open", "closed", "wont_fix"] | None
    review_verdict: Literal["correct", "incorrect"] | None
    has_review: bool | None
    no_review: bool | None
    has_corrections: bool | None
    review_note_contains: str | None
    review_created_after: TimeValue
    review_created_before: TimeValue
    review_updated_after: TimeValue
    review_updated_before: TimeValue
    review_closed_after: TimeValue
    review_closed_before: TimeValue
    since_last_closed: bool | None


class ListOptions(RunFilters, CallOptions, total=False):
    """The keyword arguments of a list method: the filters and the per-call options."""


# --- the checks: each takes the value and the filter's name, and returns what the generated call takes ----------

_MAX_OFFSET = 2**53 - 1
_RELATIVE = re.compile(r"now\(\)(?:\s*([+-])\s*(\d{1,9})\s*([smhdw]))?")
_UNIT = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_FIELD = re.compile(r"[A-Za-z][A-Za-z0-9_.]*")


def parse_relative(text: str) -> timedelta | None:
    """The offset from now that ``now()``, ``now()-7d`` or ``now() + 1h`` names (units s m h d w), or None for text
    that is not a relative time."""
    match = _RELATIVE.fullmatch(text.strip())
    if match is None:
        return None
    sign, amount, unit = match.groups()
    if sign is None:
        return timedelta(0)
    delta = timedelta(**{_UNIT[unit]: int(amount)})
    return -delta if sign == "-" else delta


def _time(value: object, name: str) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidArgumentError(
                name, "a datetime without a time zone is ambiguous: give one (datetime.now(UTC), or .astimezone())"
            )
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    text = check.check_text(value, name).strip()
    match = _RELATIVE.fullmatch(text)
    if match is not None:
        sign, amount, unit = match.groups()
        return "now()" if sign is None else f"now(){sign}{int(amount)}{unit}"  # the form Eigenpal's docs show
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise InvalidArgumentError(
            name, f"must be ISO-8601 (2026-01-31T12:00:00Z), now() or now()-7d (units s m h d w), not {text!r}"
        ) from None
    if not text[:1].isdigit():  # fromisoformat takes more than the API may: keep to a date first
        raise InvalidArgumentError(name, f"must start with a date (2026-01-31), not {text!r}")
    return text


def _text(value: object, name: str) -> str:
    return check.check_text(value, name)


def _texts(value: object, name: str) -> str:
    items = [value] if isinstance(value, str) else value
    if isinstance(items, bytes | bytearray | Mapping) or not isinstance(items, Sequence):
        raise InvalidArgumentError(name, "must be a string or a list of strings")
    parts: list[str] = []
    for item in items:
        for part in check.check_text(item, name).split(","):
            if not part.strip():
                raise InvalidArgumentError(name, f"has an empty entry in {item!r}")
            if part.strip() not in parts:
                parts.append(part.strip())
    if not parts:
        raise InvalidArgumentError(name, "must name at least one value")
    return ",".join(parts)


def _statuses(value: object, name: str) -> str:
    statuses = check.check_statuses(value, name)  # type: ignore[arg-type]  # checks its type itself
    return ",".join(status.value for status in statuses or ())


def _run_type(value: object, name: str) -> str:
    kind = check.check_run_type(value)  # type: ignore[arg-type]  # checks its type itself
    return "" if kind is None else kind.value


def _tag(value: object, name: str) -> str:
    return check.check_tag(value, name)


def _ids(value: object, name: str) -> str:
    return ",".join(check.check_ids(value, name) or ())  # type: ignore[arg-type]  # checks its type itself


def _flag(value: object, name: str) -> str:
    if not isinstance(value, bool):
        raise InvalidArgumentError(name, f"must be True or False, not {value!r}")
    return "true" if value else "false"


def _only_true(value: object, name: str) -> RunsListHasExample:
    if value is not True:
        # The document's only value is `true`: there is no way to ask for runs without an example.
        raise InvalidArgumentError(name, f"can only be True (the API has no 'false' for it), not {value!r}")
    return RunsListHasExample.TRUE


def _count(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError(name, f"must be a whole number, not {type(value).__name__}")
    if not 0 <= value <= _MAX_OFFSET:
        raise InvalidArgumentError(name, f"must be from 0 to {_MAX_OFFSET}, not {value}")
    return value


def _fraction(value: object, name: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidArgumentError(name, f"must be a number from 0 to 1, not {type(value).__name__}")
    if not math.isfinite(value) or not 0 <= value <= 1:
        raise InvalidArgumentError(name, f"must be a number from 0 to 1, not {value}")
    return repr(float(value))


def _field(value: object, name: str) -> str:
    text = check.check_text(value, name)
    if _FIELD.fullmatch(text) is None:
        raise InvalidArgumentError(name, f"must be a field name such as 'createdAt', not {text!r}")
    return text


def _choice(*choices: str) -> Callable[[object, str], str]:
    def checked(value: object, name: str) -> str:
        if not isinstance(value, str) or value not in choices:
            raise InvalidArgumentError(name, f"must be one of {', '.join(choices)}, not {value!r}")
        return value

    return checked


# --- the table ---------------------------------------------------------------------------------------------------


@attrs.frozen
class FilterSpec:
    """One filter.

    Attributes:
        name: The keyword argument (and, with dashes, the command line's option unless ``option`` says otherwise).
        wire: The query parameter the document names.
        checked: Checks a value and returns what the generated ``runs_list`` takes.
        help: What it keeps, for the command line.
        kind: How the command line reads it: ``text``, ``list`` (comma-separated into a list), ``flag``, ``int``,
            ``float``.
        option: The command line's option, where it is not ``--`` and the name.
        metavar: The command line's placeholder.
    """

    name: str
    wire: str
    checked: Callable[[object, str], Any]
    help: str
    kind: str = "text"
    option: str | None = None
    metavar: str = "TEXT"

    @property
    def keyword(self) -> str:
        """The generated ``runs_list``'s keyword: the wire name in snake case, a trailing ``_`` on a builtin."""
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", self.wire).lower()
        return f"{snake}_" if snake in ("type", "from") else snake

    @property
    def flag(self) -> str:
        """The command line's option."""
        return self.option or f"--{self.name.replace('_', '-')}"


_WHEN = "WHEN"
_F = FilterSpec
FILTERS: tuple[FilterSpec, ...] = (
    _F("status", "status", _statuses, "run statuses, comma-separated: failed,cancelled", metavar="S[,S...]"),
    _F("type", "type", _run_type, "workflow or agent", metavar="TYPE"),
    _F("source", "source", _text, "the automation, by id (wf_abc123) or slug (extract-invoice)", metavar="SOURCE"),
    _F("tag", "tag", _tag, "runs carrying this tag (exact, case-sensitive)", metavar="TAG"),
    _F("ids", "ids", _ids, "only these runs, comma-separated (at most 100)", kind="list", metavar="ID[,ID...]"),
    _F("from_date", "from", _time, "created at or after: ISO-8601 or now()-7d (s m h d w)", option="--from",
       metavar=_WHEN),
    _F("to_date", "to", _time, "created at or before, in the same forms", option="--to", metavar=_WHEN),
    _F("created_after", "createdAfter", _time, "created at or after (as --from)", metavar=_WHEN),
    _F("created_before", "createdBefore", _time, "created at or before (as --to)", metavar=_WHEN),
    _F("completed_after", "completedAfter", _time, "completed at or after", metavar=_WHEN),
    _F("completed_before", "completedBefore", _time, "completed at or before", metavar=_WHEN),
    _F("trigger", "trigger", _texts, "how runs were started, comma-separated: api,cli", metavar="T[,T...]"),
    _F("triggered_by", "triggeredBy", _text, "who started them (a user id)", metavar="USER"),
    _F("source_ref", "sourceRef", _text, "the automation version or git ref they ran", metavar="REF"),
    _F("batch_id", "batchId", _text, "the batch they belong to", metavar="BATCH"),
    _F("example_id", "exampleId", _text, "the dataset example they ran", metavar="EXAMPLE"),
    _F("example_id_contains", "exampleIdContains", _text, "part of the dataset example id"),
    _F("has_example", "hasExample", _only_true, "only runs linked to a dataset example", kind="flag"),
    _F("experiments", "experiments", _texts, "experiments, comma-separated", metavar="E[,E...]"),
    _F("offset", "offset", _count, "skip this many matching runs first", kind="int", metavar="N"),
    _F("sort", "sort", _field, "the field to sort by (createdAt)", metavar="FIELD"),
    _F("order", "order", _choice("asc", "desc"), "desc (newest first, the default) or asc", metavar="ORDER"),
    _F("sample_rate", "sampleRate", _fraction, "keep runs whose sampleRank is below this (0 to 1)", kind="float",
       metavar="RATE"),
    _F("review_status", "reviewStatus", _choice("open", "closed", "wont_fix"), "open, closed or wont_fix",
       metavar="STATUS"),
    _F("review_verdict", "reviewVerdict", _choice("correct", "incorrect"), "correct or incorrect", metavar="VERDICT"),
    _F("has_review", "hasReview", _flag, "only runs with a review", kind="flag"),
    _F("no_review", "noReview", _flag, "only runs without a review", kind="flag"),
    _F("has_corrections", "hasCorrections", _flag, "only runs whose review holds corrections", kind="flag"),
    _F("review_note_contains", "reviewNoteContains", _text, "runs whose review note contains this"),
    _F("review_created_after", "reviewCreatedAfter", _time, "review created at or after", metavar=_WHEN),
    _F("review_created_before", "reviewCreatedBefore", _time, "review created at or before", metavar=_WHEN),
    _F("review_updated_after", "reviewUpdatedAfter", _time, "review updated at or after", metavar=_WHEN),
    _F("review_updated_before", "reviewUpdatedBefore", _time, "review updated at or before", metavar=_WHEN),
    _F("review_closed_after", "reviewClosedAfter", _time, "review closed at or after", metavar=_WHEN),
    _F("review_closed_before", "reviewClosedBefore", _time, "review closed at or before", metavar=_WHEN),
    _F("since_last_closed", "sinceLastClosed", _flag, "only runs since the last closed review", kind="flag"),
)  # fmt: skip
"""Every query parameter of ``GET /v1/runs`` but ``cursor`` and ``limit`` (a test holds this to the document)."""

_BY_NAME = {spec.name: spec for spec in FILTERS}
_CALL_OPTIONS = CallOptions.__required_keys__ | CallOptions.__optional_keys__


def split_options(options: Mapping[str, object], method: str) -> tuple[dict[str, Any], CallOptions]:
    """A list method's keyword arguments: the checked filters (the generated ``runs_list``'s keywords; ``None``
    dropped) and the per-call options.

    Raises:
        TypeError: A keyword that is neither, as Python says it for a function (with the nearest filter name).
        InvalidArgumentError: A bad filter value, naming the filter.
    """
    filters: dict[str, Any] = {}
    call: dict[str, Any] = {}
    for name, value in options.items():
        spec = _BY_NAME.get(name)
        if spec is None:
            if name not in _CALL_OPTIONS:
                near = difflib.get_close_matches(name, [*_BY_NAME, *_CALL_OPTIONS], n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                raise TypeError(f"{method}() got an unexpected keyword argument {name!r}{hint}")
            call[name] = value
        elif value is not None:
            filters[spec.keyword] = spec.checked(value, name)
    return filters, cast(CallOptions, call)  # its keys are CallOptions' own, checked above
