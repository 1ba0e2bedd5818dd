"""Typed run outputs: a run's free-form JSON ``output`` structured into the caller's own class.

``typed_run(run, Invoice)`` reads ``run.output`` into ``Invoice`` (an attrs class, a dataclass or a TypedDict,
nested as deep as the output goes) with cattrs. The API's JSON keys are camelCase; a class may name its fields
in snake_case (``invoice_number`` reads ``invoiceNumber``) or exactly as the keys (``invoiceNumber``). Scalars are
checked, not coerced: a number where text is expected is an error, while an int is taken where a float is
expected. An output that does not fit raises :class:`OutputValidationError` naming each field at fault by its
JSON path (``invalid value for type, expected float @ $.totalAmount``).

cattrs is imported on first use, so importing the client stays quick for callers who never ask for a type.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar, get_origin, get_type_hints, is_typeddict

import attrs

from eigenpal_ext._core._errors import OutputValidationError
from eigenpal_ext._core._status import is_success, status_of

if TYPE_CHECKING:
    import cattrs
    from eigenpal_api.models.agent_run_execution import AgentRunExecution
    from eigenpal_api.models.execution_status import ExecutionStatus as RunStatus
    from eigenpal_api.models.run import Run
    from eigenpal_api.models.run_artifact import RunArtifact
    from eigenpal_api.models.run_execution_meta import RunExecutionMeta
    from eigenpal_api.models.run_source import RunSource as RunSourceInfo
    from eigenpal_api.models.run_timing import RunTiming
    from eigenpal_api.models.workflow_run_execution import WorkflowRunExecution

__all__ = ["TypedRun", "typed_run"]

T = TypeVar("T")


@attrs.frozen
class TypedRun(Generic[T]):
    """A run with its output read into the caller's type.

    Attributes:
        run: The run as the server sent it.
        output: The run's output as an instance of the type asked for; None when the run has no output (it did
            not complete).
    """

    run: Run
    output: T | None

    @property
    def id(self) -> str:
        """The run's id."""
        return self.run.id

    @property
    def finished(self) -> bool:
        """Whether the run is terminal."""
        return self.run.finished

    @property
    def status(self) -> RunStatus | str:
        """The run's status: a ``RunStatus``, or the text of a status this client does not know."""
        return status_of(self.run)

    @property
    def execution(self) -> WorkflowRunExecution | AgentRunExecution | RunExecutionMeta:
        """How the run executed: the slim form, or the expanded one with ``expand=["execution"]``."""
        return self.run.execution

    @property
    def files(self) -> list[RunArtifact] | None:
        """The run's output artifacts; None unless it completed."""
        return self.run.files

    @property
    def error(self) -> str | None:
        """Why the run failed, was cancelled or was rejected; None otherwise."""
        return self.run.error

    @property
    def timing(self) -> RunTiming:
        """When the run reached each stage."""
        return self.run.timing

    @property
    def tags(self) -> list[str]:
        """The run's tags (empty when the server keeps none)."""
        return self.run.tags or []

    @property
    def source(self) -> RunSourceInfo:
        """The automation the run executed."""
        return self.run.source


def typed_run(run: Run, output_type: type[T]) -> TypedRun[T]:
    """Wrap a run with its output read into ``output_type``.

    Args:
        run: The run, as a get or a wait returned it.
        output_type: An attrs class, dataclass or TypedDict (nested ones too) for the output; fields in
            snake_case read the camelCase keys of the JSON.

    Returns:
        The run with ``output`` an instance of ``output_type``, or None when the run did not complete or has no
        output.

    Raises:
        OutputValidationError: The output does not fit ``output_type``; ``problems`` names each field at fault.
    """
    if not is_success(run) or run.output is None:
        return TypedRun(run=run, output=None)
    return TypedRun(run=run, output=structure_output(run.output, output_type, run_id=run.id))


def structure_output(output: Mapping[str, Any], output_type: type[T], *, run_id: str) -> T:
    """Read a run's JSON output into ``output_type``.

    Args:
        output: The output as decoded JSON.
        output_type: The type to read it into.
        run_id: The run it belongs to, for the error.

    Raises:
        OutputValidationError: The output does not fit; one problem per field at fault, by JSON path.
    """
    from cattrs import BaseValidationError, transform_error  # imported on first use: see the module docstring

    try:
        return _converter().structure(output, output_type)
    except (BaseValidationError, ValueError, TypeError, KeyError, AttributeError) as exc:
        if _is_missing_hook(exc):
            raise
        raise OutputValidationError(run_id, output_type, transform_error(exc)) from exc


def _is_missing_hook(exc: BaseException) -> bool:
    # cattrs cannot read into this type at all: the caller's mistake, not the output's.
    from cattrs.errors import StructureHandlerNotFoundError

    return isinstance(exc, StructureHandlerNotFoundError)


def camel_case(name: str) -> str:
    """The camelCase JSON key for a snake_case field name: ``invoice_number`` -> ``invoiceNumber``.

    Names without an inner underscore, and private ones, are kept as they are.
    """
    head, *rest = name.split("_")
    if not rest or not head:
        return name
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _field_names(cl: Any) -> list[str]:
    origin = get_origin(cl) or cl
    if attrs.has(origin):
        return [field.name for field in attrs.fields(origin)]
    if dataclasses.is_dataclass(origin):
        return [field.name for field in dataclasses.fields(origin)]
    return list(get_type_hints(origin))


def _is_record(cl: Any) -> bool:
    origin = get_origin(cl) or cl
    return isinstance(origin, type) and (attrs.has(origin) or dataclasses.is_dataclass(origin) or is_typeddict(origin))


def _record_hook(cl: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    """A structure hook for an attrs class, dataclass or TypedDict that reads camelCase keys into snake_case fields.

    The key for each snake_case field is its camelCase form, unless the output itself uses the snake_case key.
    Errors name the key the output used (or should have used), so the paths read like the JSON.
    """
    from cattrs.errors import AttributeValidationNote, ClassValidationError
    from cattrs.gen import make_dict_structure_fn, override
    from cattrs.gen.typeddicts import make_dict_structure_fn as make_typeddict_structure_fn

    # Typed loosely: cattrs types the field overrides (**kwargs) in a way mypy cannot match with a dict.
    make_for_typeddict: Callable[..., Callable[[Any, Any], Any]] = make_typeddict_structure_fn
    make_for_class: Callable[..., Callable[[Any, Any], Any]] = make_dict_structure_fn

    names = _field_names(cl)
    camel = {name: key for name in names if (key := camel_case(name)) != name}
    overrides = {name: override(rename=key) for name, key in camel.items()}
    structure_camel: Callable[[Any, Any], Any]
    if is_typeddict(get_origin(cl) or cl):
        structure_dict = make_for_typeddict(cl, converter, **overrides)

        def structure_declared(data: Any, cl: Any) -> Any:
            # cattrs keeps keys a TypedDict does not declare; drop them, as attrs classes and dataclasses do.
            structured = structure_dict(data, cl)
            return {name: structured[name] for name in names if name in structured}

        structure_camel = structure_declared
    else:
        structure_camel = make_for_class(cl, converter, **overrides)
    if not camel:
        return structure_camel

    def structure(data: Any, _: Any) -> Any:
        key_of = dict(camel)
        if isinstance(data, Mapping):
            snake_only = {name for name, key in camel.items() if name in data and key not in data}
            if snake_only:
                data = {camel[k] if k in snake_only else k: v for k, v in data.items()}
                key_of.update((name, name) for name in snake_only)
        try:
            return structure_camel(data, cl)
        except ClassValidationError as exc:
            for error in exc.exceptions:
                error.__notes__ = [
                    AttributeValidationNote(str(note), key_of.get(note.name, note.name), note.type)
                    if isinstance(note, AttributeValidationNote)
                    else note
                    for note in getattr(error, "__notes__", [])
                ]
            raise

    return structure


def _exact(kind: type[Any]) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        if isinstance(value, kind) and not (kind is not bool and isinstance(value, bool)):
            return value
        raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")

    return structure


def _float(value: Any, _: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)  # JSON has one number type: 12 is a fine float
    raise TypeError(f"expected a number, got {type(value).__name__}")


def _int(value: Any, _: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise TypeError(f"expected a whole number, got {value!r}")


def _timestamp(kind: type[datetime.date]) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, str):
            raise TypeError(f"expected an ISO-8601 string, got {type(value).__name__}")
        return kind.fromisoformat(value)

    return structure


@functools.cache
def _converter() -> cattrs.Converter:
    import cattrs

    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=False)
    converter.register_structure_hook(float, _float)
    converter.register_structure_hook(int, _int)
    converter.register_structure_hook(str, _exact(str))
    converter.register_structure_hook(bool, _exact(bool))
    converter.register_structure_hook(datetime.datetime, _timestamp(datetime.datetime))
    converter.register_structure_hook(datetime.date, _timestamp(datetime.date))
    converter.register_structure_hook_factory(_is_record, _record_hook)
    return converter
