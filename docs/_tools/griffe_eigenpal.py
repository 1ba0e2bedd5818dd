"""A Griffe extension for the reference site: the docstrings as written, read the way a user meets the objects.

mkdocstrings renders docstrings as Markdown, while eigenpal-ext's docstrings use the reST that IDEs and ``help()``
show well: ``:class:`X``` roles and ``::`` literal blocks. Rather than rewrite every docstring (the sync twin is
generated from the async source, so both would change), the site translates them here, once the package is loaded:

- ``:class:`~a.B```, ``:meth:`text <a.B.c>``` and the other roles become cross-references (``[`B`][a.B]``),
  resolved in the scope of the object that carries the docstring; a name that resolves to nothing stays code.
- a paragraph ending in ``::`` and its indented block become a fenced code block (Python when it parses).
- a default that names a constant of the package (``timeout=DEFAULT_TIMEOUT``) shows its value when that is a
  literal (``30.0``, ``32 * 1024 * 1024``; not ``NOT_GIVEN = NotGiven()``).
- an annotation that names one of the package's type aliases (``expand: Expand``) shows what the alias stands for
  (``str | Iterable[str] | None``): the aliases live in private modules, which the site does not document.
- an attribute set in ``__init__`` shows its type, not the expression that set it (``self.argument = argument``);
  one set to a new object (``self.tags = Tags(requester)``) shows that object's class as its type.
- an attribute described only in its class's ``Attributes:`` section gets that description as its docstring, so it
  is rendered like any other member, with its type and an anchor of its own.
- an attribute declared ``Final`` with no type of its own (``with_raw_response``'s wrappers, typed by what they wrap)
  shows no type rather than ``Final``.
- the generated package ``eigenpal_api`` is loaded with ``eigenpal_ext``: ``eigenpal_ext.types`` re-exports its
  models, and the site documents them under that name.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:class|meth|func|data|attr|mod|exc|obj):`(?P<body>[^`]+)`")
_TITLED = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$")
_ALIAS_FORMS = (griffe.ExprBinOp, griffe.ExprSubscript)  # `A | B | None`, `Callable[[Run], None]`


def _objects(obj: griffe.Object) -> Iterator[griffe.Object]:
    """The object and everything it defines (not what it imports)."""
    yield obj
    for member in obj.members.values():
        if not member.is_alias:
            yield from _objects(member)


def _resolve(obj: griffe.Object, target: str) -> str | None:
    """The full path of ``target`` as written in the docstring of ``obj``, or None when it names nothing known."""
    collection = obj.modules_collection
    if target.startswith("."):  # a relative module: documented only in private modules
        return None
    if target.split(".", 1)[0] in collection.members:
        return target if _exists(collection, target) else None
    head, _, rest = target.partition(".")
    try:
        path = obj.resolve(head)
    except griffe.NameResolutionError:
        return None
    full = f"{path}.{rest}" if rest else path
    return full if _exists(collection, full) else None


def _exists(collection: griffe.ModulesCollection, path: str) -> bool:
    try:
        collection[path]
    except (KeyError, griffe.AliasResolutionError):
        return False
    return True


def _crossref(obj: griffe.Object, match: re.Match[str]) -> str:
    body = match["body"].strip()
    titled = _TITLED.match(body)
    if titled:
        shown, target = titled["title"], titled["target"]
    else:
        target = body.lstrip("~")
        shown = target.rsplit(".", 1)[-1] if body.startswith("~") else target
    path = _resolve(obj, target)
    return f"[`{shown}`][{path}]" if path else f"`{shown}`"


def _markdown(obj: griffe.Object, docstring: str) -> str:
    """The docstring of ``obj`` with its reST roles and literal blocks in Markdown."""
    return _fence_literal_blocks(_ROLE.sub(lambda match: _crossref(obj, match), docstring))


def _fence_literal_blocks(text: str) -> str:
    """reST's ``paragraph::`` + indented block, as Markdown: ``paragraph:`` + a fenced block."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.rstrip().endswith("::"):
            out.append(line)
            continue
        indent = _indent(line)
        stripped = line.rstrip()[:-2].rstrip()
        if stripped:
            out.append(stripped + ":")
        block: list[str] = []
        while index < len(lines) and (not lines[index].strip() or _indent(lines[index]) > indent):
            block.append(lines[index])
            index += 1
        while block and not block[-1].strip():
            block.pop()
        code_lines = [candidate for candidate in block if candidate.strip()]
        if not code_lines:
            continue
        inner = min(_indent(candidate) for candidate in code_lines)
        code = [candidate[inner:] for candidate in block]
        while code and not code[0].strip():
            code.pop(0)
        language = "python" if _parses("\n".join(code)) else "text"
        margin = " " * indent
        out.extend(["", f"{margin}```{language}", *(margin + row if row else "" for row in code), f"{margin}```", ""])
    return "\n".join(out)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except SyntaxError:
        return False
    return True


def _class_of(expression: Any, collection: griffe.ModulesCollection) -> griffe.Class | None:
    """The class an annotation or a ``Class(...)`` call names, if it is one of the loaded packages'."""
    if isinstance(expression, griffe.ExprCall):
        expression = expression.function
    path = getattr(expression, "canonical_path", None)
    if not isinstance(path, str):
        return None
    try:
        found = collection[path]
    except (KeyError, griffe.AliasResolutionError):
        return None
    return found if isinstance(found, griffe.Class) else None


def _describe_attributes(cls: griffe.Class) -> None:
    """Give the attributes that the class's ``Attributes:`` section describes that description as docstring."""
    docstring = cls.docstring
    if docstring is None or "Attributes:" not in docstring.value:
        return
    for section in docstring.parsed:
        if not isinstance(section, griffe.DocstringSectionAttributes):
            continue
        for item in section.value:
            member = cls.members.get(item.name)
            if isinstance(member, griffe.Attribute) and member.docstring is None:
                member.docstring = griffe.Docstring(
                    item.description, parent=member, parser=docstring.parser, parser_options=docstring.parser_options
                )


def _bare_final(attribute: griffe.Attribute) -> bool:
    """Whether an attribute's annotation is ``Final`` alone, which says nothing of its type."""
    annotation = attribute.annotation
    return isinstance(annotation, (griffe.ExprName, griffe.ExprAttribute)) and annotation.canonical_path in (
        "typing.Final",
        "typing_extensions.Final",
    )


def _made_in_place(attribute: griffe.Attribute, collection: griffe.ModulesCollection) -> bool:
    """Whether an attribute has no annotation and is made by calling a class (``self.tags = Tags(requester)``)."""
    value = attribute.value
    if attribute.annotation is not None or not isinstance(value, griffe.ExprCall):
        return False
    return _class_of(value, collection) is not None


class EigenpalReference(griffe.Extension):
    """See the module docstring."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        loader = kwargs.get("loader")
        if pkg.name == "eigenpal_ext" and isinstance(loader, griffe.GriffeLoader):
            loader.load("eigenpal_api")  # where the models of eigenpal_ext.types (and eigenpal_ext.Run) are defined
        objects = list(_objects(pkg))
        for obj in objects:
            if obj.docstring is not None:
                obj.docstring.value = _markdown(obj, obj.docstring.value)
            if isinstance(obj, griffe.Function):
                self._show_constant_defaults(obj)
                self._expand_type_aliases(obj)
        for obj in objects:
            if isinstance(obj, griffe.Class):
                _describe_attributes(obj)
                for name, member in list(obj.members.items()):
                    if isinstance(member, griffe.Attribute) and not name.startswith("_"):
                        if _made_in_place(member, obj.modules_collection):
                            member.annotation, member.value = member.value.function, None
                        elif "instance-attribute" in member.labels and not _is_literal(member.value):
                            member.value = None
                        if _bare_final(member):
                            member.annotation = None

    @staticmethod
    def _show_constant_defaults(function: griffe.Function) -> None:
        collection = function.modules_collection
        for parameter in function.parameters:
            path = getattr(parameter.default, "canonical_path", None)
            if not isinstance(path, str) or not path.startswith("eigenpal_ext."):
                continue
            try:
                constant = collection[path]
            except (KeyError, griffe.AliasResolutionError):
                continue
            if isinstance(constant, griffe.Attribute) and _is_literal(constant.value):
                parameter.default = constant.value

    @staticmethod
    def _expand_type_aliases(function: griffe.Function) -> None:
        for parameter in function.parameters:
            parameter.annotation = _alias_value(parameter.annotation, function.modules_collection)
        function.returns = _alias_value(function.returns, function.modules_collection)


def _alias_value(annotation: Any, collection: griffe.ModulesCollection) -> Any:
    """What a module-level type alias of eigenpal-ext (``Expand = str | Iterable[str] | None``) stands for."""
    if not isinstance(annotation, (griffe.ExprName, griffe.ExprAttribute)):
        return annotation
    path = annotation.canonical_path
    if not path.startswith("eigenpal_ext."):
        return annotation
    try:
        alias = collection[path]
    except (KeyError, griffe.AliasResolutionError):
        return annotation
    at_module_level = alias.parent is not None and alias.parent.is_module
    if isinstance(alias, griffe.Attribute) and at_module_level and isinstance(alias.value, _ALIAS_FORMS):
        return alias.value
    return annotation


def _is_literal(value: Any) -> bool:
    """Whether a value is written without names: ``30.0``, ``"text"``, ``32 * 1024 * 1024``."""
    if isinstance(value, str):
        return True
    if isinstance(value, griffe.ExprName) or not isinstance(value, griffe.Expr):
        return False
    return all(_is_literal(part) for part in value.iterate(flat=False))
