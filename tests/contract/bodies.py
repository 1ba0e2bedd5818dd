"""JSON bodies made from the schemas of an OpenAPI 3.1 document: what a schema allows, and what a client must read
although the schema does not allow it.

`BodyMaker(document)` reads the schema keywords that the Eigenpal document uses (`type`, `properties`, `required`,
`additionalProperties`, `items`, `enum`, `const`, `anyOf`, local `$ref`s, the bounds and `format: date-time`) and
refuses any other, so a new keyword in a newer document stops the corpus instead of being ignored by it.

- `full(schema)`: every property present, with a value (the first alternative of an `anyOf`, never null).
- `minimal(schema)`: the required properties only.
- `nulls(schema)`: the full body with every nullable place (an `anyOf` with `type: null`) null.
- `legal_changes(schema, full)`: one change at a time: an optional property left out, a nullable one null, every other
  enum value, every other `anyOf` alternative (and the changes inside it), a fraction where `type: number`, `1.0`
  where `type: integer`, other RFC 3339 forms where `format: date-time`, an array or map empty, another kind of JSON
  where any is allowed, an unknown field where the schema allows one.
- `tolerated_changes(schema, full)`: an unknown field where the schema forbids one, an unknown status, an unknown
  value of any other enum, a value of the wrong JSON type.

Each change carries the new body and where it was made. Nothing here checks a body: the tests validate each one with
jsonschema before using it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

Json = Any
Location = tuple[str | int, ...]

TIMESTAMP = "2026-11-21T05:00:00+00:00"  # as datetime.isoformat() writes it, so a parsed body writes back the same
UNKNOWN_FIELD = "zzUnknownField"
UNKNOWN_FIELD_VALUE = {"addedBy": "a newer server"}
UNKNOWN_STATUS = "paused_for_review"
UNKNOWN_ENUM_VALUE = "zz_unknown_value"
STATUS_SCHEMA = "ExecutionStatus"  # the open enum: an unknown status is kept as text, without a drift warning

# Other RFC 3339 forms of TIMESTAMP's instant (or of another instant, with an offset), for `format: date-time`.
DATE_TIMES = {
    "utc-z": "2026-11-21T05:00:00Z",
    "milliseconds": "2026-11-21T05:00:00.123Z",
    "nanoseconds": "2026-11-21T05:00:00.123456789Z",
    "offset": "2026-11-21T10:30:00+05:30",
}
# A value of each JSON type, for a place that allows any JSON (`{}`); the full body uses an object.
ANY_OBJECT = {"note": "free-form"}
ANY_VALUES: dict[str, Json] = {
    "string": "free-form",
    "number": 2.5,
    "boolean": False,
    "array": ["free-form"],
    "null": None,
}
# A value of another JSON type, for a place whose type is wrong; the first the place does not allow is used.
WRONG_VALUES: dict[str, Json] = {
    "string": "wrong type",
    "integer": 12345,
    "boolean": True,
    "object": {"wrong": "type"},
    "array": ["wrong type"],
}

_ANNOTATIONS = frozenset({"description", "title", "example", "examples", "deprecated", "default"})
_KEYWORDS = _ANNOTATIONS | {
    "type",
    "properties",
    "required",
    "additionalProperties",
    "propertyNames",
    "items",
    "enum",
    "const",
    "anyOf",
    "format",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
}
_FORMATS = frozenset({"date-time"})


class UnsupportedSchema(Exception):
    """A schema uses a keyword or form that BodyMaker does not read: extend BodyMaker rather than skip it."""


@dataclass(frozen=True)
class Change:
    """One change of a body: what (`kind`, `detail`) was changed where (`path`), and the body it gives (`body`).

    While a change travels up from the place it was made, `path` and `within` are relative to the value being built
    and `body` is that value; at the top they are the whole body's.
    """

    kind: str
    path: Location
    body: Json
    detail: str = ""
    within: tuple[tuple[Location, str], ...] = ()  # the other anyOf alternatives taken on the way: (where, which)

    def under(self, key: str | int, parent: Json) -> Change:
        return replace(
            self,
            path=(key, *self.path),
            body=parent,
            within=tuple(((key, *where), which) for where, which in self.within),
        )

    def inside(self, alternative: str) -> Change:
        return replace(self, within=(((), alternative), *self.within))

    @property
    def label(self) -> str:
        """`alt:execution=AgentRunExecution,omit:execution.review`, `enum:type=agent`, `null:timing.startedAt`."""
        steps = [f"alt:{render(where)}={which}" for where, which in self.within]
        steps.append(f"{self.kind}:{render(self.path)}" + (f"={self.detail}" if self.detail else ""))
        return ",".join(steps)


def render(path: Location) -> str:
    """`runs[0].execution.status`; the whole body is `$`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text.lstrip(".") or "$"


def same(left: Json, right: Json) -> bool:
    """Equal as JSON text: `1`, `1.0` and `true` differ."""
    return json.dumps(left, sort_keys=True) == json.dumps(right, sort_keys=True)


class BodyMaker:
    """Bodies for the schemas of one OpenAPI 3.1 document (see the module docstring)."""

    def __init__(self, document: Mapping[str, Json]) -> None:
        self.document = document

    # Reading schemas ------------------------------------------------------------------------------------------------

    def _target(self, ref: str) -> Mapping[str, Json]:
        if not ref.startswith("#/"):
            raise UnsupportedSchema(f"only local $refs are read, not {ref!r}")
        node: Json = self.document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node  # type: ignore[no-any-return]

    def resolve(self, schema: Mapping[str, Json]) -> Mapping[str, Json]:
        """The schema with its `$ref`s followed; refuses keywords that BodyMaker does not read."""
        while "$ref" in schema:
            beside = set(schema) - {"$ref"} - _ANNOTATIONS
            if beside:
                raise UnsupportedSchema(f"$ref with {sorted(beside)} beside it: {schema}")
            schema = self._target(schema["$ref"])
        unknown = set(schema) - _KEYWORDS
        if unknown:
            raise UnsupportedSchema(f"keywords {sorted(unknown)} in {schema}")
        if "anyOf" in schema and set(schema) - _ANNOTATIONS - {"anyOf"}:
            raise UnsupportedSchema(f"anyOf with other keywords beside it: {schema}")
        if schema.get("format", "date-time") not in _FORMATS:
            raise UnsupportedSchema(f"format {schema['format']!r} in {schema}")
        if isinstance(schema.get("type"), list):
            raise UnsupportedSchema(f"a list of types (use anyOf): {schema}")
        return schema

    def names(self, schema: Mapping[str, Json]) -> list[str]:
        """The component names that `schema`'s chain of `$ref`s passes, outermost first."""
        found = []
        while "$ref" in schema:
            found.append(schema["$ref"].rsplit("/", 1)[-1])
            schema = self._target(schema["$ref"])
        return found

    def name(self, schema: Mapping[str, Json]) -> str:
        """A short name for an alternative: its component name, or its type."""
        names = self.names(schema)
        return names[-1] if names else str(self.resolve(schema).get("type", "any"))

    def branches(self, schema: Mapping[str, Json]) -> tuple[list[Mapping[str, Json]], bool]:
        """The alternatives of a schema other than null (nested anyOfs flattened), and whether null is allowed."""
        resolved = self.resolve(schema)
        if "anyOf" not in resolved:
            return ([], True) if resolved.get("type") == "null" else ([schema], False)
        alternatives: list[Mapping[str, Json]] = []
        nullable = False
        for alternative in resolved["anyOf"]:
            inner, inner_nullable = self.branches(alternative)
            alternatives += inner
            nullable = nullable or inner_nullable
        return alternatives, nullable

    def json_types(self, schema: Mapping[str, Json]) -> set[str]:
        """The JSON types a schema allows (`integer` for whole numbers); every type when it allows any JSON."""
        alternatives, nullable = self.branches(schema)
        allowed = {"null"} if nullable else set()
        for alternative in alternatives:
            resolved = self.resolve(alternative)
            if "const" in resolved or "enum" in resolved:
                values = [resolved["const"]] if "const" in resolved else resolved["enum"]
                allowed |= {_json_type(value) for value in values}
            elif "type" in resolved:
                allowed.add(resolved["type"])
                if resolved["type"] == "number":
                    allowed.add("integer")
            else:
                allowed |= {"string", "integer", "number", "boolean", "object", "array", "null"}
        return allowed

    # Values ---------------------------------------------------------------------------------------------------------

    def full(self, schema: Mapping[str, Json], hint: str = "value") -> Json:
        alternatives, _ = self.branches(schema)
        return self._plain(self.resolve(alternatives[0]), hint, self.full) if alternatives else None

    def minimal(self, schema: Mapping[str, Json], hint: str = "value") -> Json:
        alternatives, _ = self.branches(schema)
        if not alternatives:
            return None
        resolved = self.resolve(alternatives[0])
        if resolved.get("type") == "object" and "properties" in resolved:
            properties = resolved["properties"]
            return {key: self.minimal(properties.get(key, {}), key) for key in resolved.get("required", [])}
        if resolved.get("type") == "object":
            return {}  # a map: no entry is required
        return self._plain(resolved, hint, self.minimal)

    def nulls(self, schema: Mapping[str, Json], hint: str = "value") -> Json:
        alternatives, nullable = self.branches(schema)
        if nullable or not alternatives:
            return None
        return self._plain(self.resolve(alternatives[0]), hint, self.nulls)

    def _plain(self, schema: Mapping[str, Json], hint: str, inner: Callable[[Mapping[str, Json], str], Json]) -> Json:
        """The value of a schema without anyOf; `inner` makes the values inside it."""
        if "const" in schema:
            return schema["const"]
        if "enum" in schema:
            return schema["enum"][0]
        kind = schema.get("type")
        if kind == "object":
            if "properties" in schema:
                return {key: inner(value, key) for key, value in schema["properties"].items()}
            entries = schema.get("additionalProperties", False)
            return {f"{hint}Key": inner(entries, "entry")} if isinstance(entries, Mapping) else {}
        if kind == "array":
            return [inner(schema.get("items", {}), hint)]
        if kind == "string":
            return _text(schema, hint)
        if kind in ("integer", "number"):
            return _whole(schema)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        if kind is None:
            return dict(ANY_OBJECT)
        raise UnsupportedSchema(f"type {kind!r}")

    # Legal changes --------------------------------------------------------------------------------------------------

    def legal_changes(self, schema: Mapping[str, Json], value: Json) -> Iterator[Change]:
        """Each legal change of one place of `value`, a value `full(schema)` made."""
        alternatives, nullable = self.branches(schema)
        if nullable and value is not None:
            yield Change("null", (), None)
        if value is None or not alternatives:
            return
        first, *others = alternatives
        yield from self._plain_legal_changes(self.resolve(first), value)
        for alternative in others:
            other = self.full(alternative)
            if same(other, value):
                continue  # `anyOf: [string, string]`: the same body again
            name = self.name(alternative)
            yield Change("alt", (), other, detail=name)
            for change in self._plain_legal_changes(self.resolve(alternative), other):
                yield change.inside(name)

    def _plain_legal_changes(self, schema: Mapping[str, Json], value: Json) -> Iterator[Change]:
        if "const" in schema:
            return
        if "enum" in schema:
            for other in schema["enum"]:
                if not same(other, value):
                    yield Change("enum", (), other, detail=str(other))
            return
        kind = schema.get("type")
        if kind is None:
            for name, other in ANY_VALUES.items():
                yield Change("any", (), other, detail=name)
        elif kind == "number" and isinstance(value, int):
            yield Change("fraction", (), _fraction(schema, value))
        elif kind == "integer" and isinstance(value, int):
            # JSON Schema counts a number with a zero fraction as an integer: `1.0` is a legal `type: integer`.
            yield Change("integer-as-float", (), float(value))
        elif kind == "string" and schema.get("format") == "date-time":
            for name, other in DATE_TIMES.items():
                yield Change("date-time", (), other, detail=name)
        elif kind == "object" and "properties" in schema:
            required = set(schema.get("required", []))
            for key, inner in schema["properties"].items():
                if key not in required:
                    yield Change("omit", (key,), {name: item for name, item in value.items() if name != key})
                for change in self.legal_changes(inner, value[key]):
                    yield change.under(key, {**value, key: change.body})
            extra = schema.get("additionalProperties", True)
            if extra is not False:
                addition = self.full(extra) if isinstance(extra, Mapping) and extra else UNKNOWN_FIELD_VALUE
                yield Change("extra", (UNKNOWN_FIELD,), {**value, UNKNOWN_FIELD: addition})
        elif kind == "object" and value:
            (key,) = value
            yield Change("empty", (), {})
            for change in self.legal_changes(schema["additionalProperties"], value[key]):
                yield change.under(key, {key: change.body})
        elif kind == "array" and value:
            yield Change("empty", (), [])
            for change in self.legal_changes(schema.get("items", {}), value[0]):
                yield change.under(0, [change.body])

    # Tolerated changes ----------------------------------------------------------------------------------------------

    def tolerated_changes(self, schema: Mapping[str, Json], value: Json) -> Iterator[Change]:
        """Each change of one place of `value` (a value `full(schema)` made) that the schema refuses but a client
        must read: also inside every other anyOf alternative."""
        alternatives, _ = self.branches(schema)
        if value is None or not alternatives:
            return
        first, *others = alternatives
        yield from self._place_tolerated_changes(schema, first, value)
        for alternative in others:
            other = self.full(alternative)
            if not same(other, value):
                name = self.name(alternative)
                for change in self._place_tolerated_changes(schema, alternative, other):
                    yield change.inside(name)

    def _place_tolerated_changes(
        self, schema: Mapping[str, Json], alternative: Mapping[str, Json], value: Json
    ) -> Iterator[Change]:
        resolved = self.resolve(alternative)
        if resolved.get("type") is None and "enum" not in resolved and "const" not in resolved:
            return  # any JSON is allowed here: nothing is wrong
        if STATUS_SCHEMA in self.names(alternative):
            yield Change("unknown-status", (), UNKNOWN_STATUS, detail=UNKNOWN_STATUS)
        elif "enum" in resolved:
            yield Change("unknown-enum", (), UNKNOWN_ENUM_VALUE, detail=UNKNOWN_ENUM_VALUE)
        allowed = self.json_types(schema)
        wrong = next((kind for kind in WRONG_VALUES if kind not in allowed), None)
        if wrong is not None:
            yield Change("wrong-type", (), WRONG_VALUES[wrong], detail=wrong)
        kind = resolved.get("type")
        if kind == "object" and "properties" in resolved:
            if resolved.get("additionalProperties", True) is False:
                yield Change("unknown-field", (UNKNOWN_FIELD,), {**value, UNKNOWN_FIELD: UNKNOWN_FIELD_VALUE})
            for key, inner in resolved["properties"].items():
                for change in self.tolerated_changes(inner, value[key]):
                    yield change.under(key, {**value, key: change.body})
        elif kind == "array" and value:
            for change in self.tolerated_changes(resolved.get("items", {}), value[0]):
                yield change.under(0, [change.body])
        # A map's entries are data, not fields: nothing inside them is changed.


def _json_type(value: Json) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _text(schema: Mapping[str, Json], hint: str) -> str:
    if schema.get("format") == "date-time":
        return TIMESTAMP
    text = f"{hint}-1"
    text = text.ljust(schema.get("minLength", 0), "x")
    return text[: schema.get("maxLength", len(text))]


def _within(schema: Mapping[str, Json], number: float) -> bool:
    return (
        number >= schema.get("minimum", number)
        and number <= schema.get("maximum", number)
        and ("exclusiveMinimum" not in schema or number > schema["exclusiveMinimum"])
        and ("exclusiveMaximum" not in schema or number < schema["exclusiveMaximum"])
    )


def _whole(schema: Mapping[str, Json]) -> int:
    for candidate in (1, 0, schema.get("minimum"), schema.get("maximum")):
        if isinstance(candidate, int) and _within(schema, candidate):
            return candidate
    raise UnsupportedSchema(f"no whole number found within {schema}")


def _fraction(schema: Mapping[str, Json], whole: int) -> float:
    for candidate in (whole + 0.5, whole - 0.5, whole + 0.25, whole - 0.25):
        if _within(schema, candidate):
            return candidate
    raise UnsupportedSchema(f"no fraction found within {schema}")
