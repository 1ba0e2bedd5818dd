"""scripts/regenerate: reproducible wherever the checkout lives, and loud about drift."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOSTILE_RUFF_STYLE = """\
[tool.ruff]
line-length = 60
[tool.ruff.format]
quote-style = "single"
indent-style = "tab"
[tool.ruff.lint]
select = ["ALL"]
"""


def copy_checkout(destination: Path) -> Path:
    for part in ("openapi", "scripts", "generated"):
        shutil.copytree(ROOT / part, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
    return destination


def regenerate(checkout: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # Use the tools of the environment running the tests rather than building a second one.
    env = {
        **os.environ,
        "EIGENPAL_SKIP_SYNC": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    return subprocess.run(  # noqa: S603 - our own script
        [str(checkout / "scripts" / "regenerate"), *args],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_same_tree(left: Path, right: Path) -> None:
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__"])
    pending = [comparison]
    while pending:
        current = pending.pop()
        assert not current.left_only and not current.right_only, (current.left, current.left_only, current.right_only)
        _, mismatch, errors = filecmp.cmpfiles(current.left, current.right, current.common_files, shallow=False)
        assert not mismatch and not errors, (current.left, mismatch, errors)
        pending.extend(current.subdirs.values())


def test_regenerating_under_a_foreign_ruff_style_writes_the_same_bytes(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(HOSTILE_RUFF_STYLE)
    checkout = copy_checkout(tmp_path / "checkout")
    shutil.rmtree(checkout / "generated" / "eigenpal_api")

    first = regenerate(checkout)
    assert first.returncode == 0, first.stderr
    assert_same_tree(ROOT / "generated" / "eigenpal_api", checkout / "generated" / "eigenpal_api")

    second = regenerate(checkout)
    assert second.returncode == 0, second.stderr
    assert_same_tree(ROOT / "generated" / "eigenpal_api", checkout / "generated" / "eigenpal_api")
    assert not (tmp_path / ".ruff_cache").exists()
    assert not (checkout / ".ruff_cache").exists()


def test_check_passes_on_the_committed_tree_and_names_a_new_property(tmp_path: Path) -> None:
    checkout = copy_checkout(tmp_path)
    clean = regenerate(checkout, "--check")
    assert clean.returncode == 0, clean.stderr

    document = checkout / "openapi" / "eigenpal.yaml"
    text = document.read_text()
    anchor = (
        "    TagList:\n      type: object\n      description: A run's tags.\n      required: [tags]\n"
        "      properties:\n"
    )
    assert anchor in text
    document.write_text(text.replace(anchor, anchor + "        colourOfTheDay:\n          type: string\n"))

    drifted = regenerate(checkout, "--check")
    assert drifted.returncode == 1
    assert "generated/eigenpal_api differs" in drifted.stderr
    assert "colour_of_the_day" in drifted.stderr
    assert "tag_list.py" in drifted.stderr


TINY_DOCUMENT = """\
openapi: 3.1.0
info: {title: Things, version: "1"}
paths:
  /things:
    post:
      operationId: putThing
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/ThingRequest"}
      responses:
        "200":
          description: The thing.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Note:
      type: object
      properties:
        text: {type: [string, "null"]}
    ThingRequest:
      type: object
      required: [name]
      properties:
        name: {type: string}
        colour: {type: [string, "null"]}
        size: {type: integer}
        note: {$ref: "#/components/schemas/Note"}
    Thing:
      type: object
      required: [name]
      properties:
        name: {type: string}
        colour: {type: [string, "null"]}
        size: {type: integer}
"""

TINY_CHECKS = """\
from eigenpal_api.models import Note, Thing, ThingRequest
from eigenpal_api.types import UNSET

# A request body and the model it refers to: null is sent when asked for, an unset field is not.
assert ThingRequest(name="a").to_dict() == {"name": "a"}
assert ThingRequest(name="a", colour=None, size=None).to_dict() == {"name": "a", "colour": None}
assert ThingRequest(name="a", note=Note(text=None)).to_dict() == {"name": "a", "note": {"text": None}}
assert ThingRequest(name="a", note=Note()).to_dict() == {"name": "a", "note": {}}
assert ThingRequest.from_dict({"name": "a"}).colour is UNSET
# A response model: absent and null both read as None; written back, a nullable field is null.
assert Thing.from_dict({"name": "a"}).colour is None
assert Thing.from_dict({"name": "a", "colour": None}).size is None
assert Thing.from_dict({"name": "a"}).to_dict() == {"name": "a", "colour": None}
print("ok")
"""


def test_only_nullable_optional_fields_of_request_bodies_keep_unset(tmp_path: Path) -> None:
    # The rule of openapi/templates/absent_fields.jinja on a document that needs each branch of it, which
    # openapi/eigenpal.yaml does not: a nullable optional field on a request body and on a model one refers to.
    checkout = copy_checkout(tmp_path / "checkout")
    (checkout / "openapi" / "eigenpal.yaml").write_text(TINY_DOCUMENT)
    result = regenerate(checkout)
    assert result.returncode == 0, result.stderr
    models = checkout / "generated" / "eigenpal_api" / "models"
    thing_request = (models / "thing_request.py").read_text()
    assert "    colour: None | str | Unset = UNSET\n" in thing_request
    assert "    size: int | None = None\n" in thing_request
    assert "    note: Note | None = None\n" in thing_request
    assert "    text: None | str | Unset = UNSET\n" in (models / "note.py").read_text()
    thing = (models / "thing.py").read_text()
    assert "    colour: str | None = None\n" in thing
    assert "    size: int | None = None\n" in thing
    assert "Unset" not in thing

    checks = subprocess.run(  # noqa: S603 - the interpreter running the tests
        [sys.executable, "-c", TINY_CHECKS],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(checkout / "generated")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert checks.returncode == 0, checks.stderr
    assert checks.stdout == "ok\n"
