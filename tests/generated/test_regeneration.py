"""scripts/regenerate: reproducible wherever the checkout lives, loud about drift, and a new field or status in the
published document reaches the generated client without a hand edit.

Each test copies what the scripts read (openapi/, scripts/, generated/) into a temporary folder and runs them there
with this environment's tools (EIGENPAL_SKIP_SYNC=1, the running interpreter's bin/ first on PATH). That the
committed tree passes ``scripts/regenerate --check`` is the "regeneration" gate of scripts/test, run once there.
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import eigenpal_api.models

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = Path("openapi") / "upstream"
PUBLISHED = UPSTREAM / "eigenpal-openapi-1.0.0.json"
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


def tool_environment() -> dict[str, str]:
    # The tools of the environment running the tests, rather than a second environment built by scripts/_env.sh.
    return {
        **os.environ,
        "EIGENPAL_SKIP_SYNC": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }


def run(checkout: Path, *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own scripts, and the interpreter running the tests
        list(command), cwd=checkout, env=tool_environment(), capture_output=True, text=True, timeout=180, check=False
    )


def regenerate(checkout: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(checkout, str(checkout / "scripts" / "regenerate"), *args)


def assert_same_tree(left: Path, right: Path) -> None:
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__"])
    pending = [comparison]
    while pending:
        current = pending.pop()
        assert not current.left_only and not current.right_only, (current.left, current.left_only, current.right_only)
        _, mismatch, errors = filecmp.cmpfiles(current.left, current.right, current.common_files, shallow=False)
        assert not mismatch and not errors, (current.left, mismatch, errors)
        pending.extend(current.subdirs.values())


def publish(checkout: Path, change: Any, *, record_sha256: bool = True) -> None:
    """Replace the copy's published document with `change(document)` applied, as Eigenpal publishing a new one
    would; with `record_sha256`, also record its digest in openapi/upstream/README.md, as the README asks."""
    document = json.loads((checkout / PUBLISHED).read_text())
    change(document)
    raw = json.dumps(document, indent=2, ensure_ascii=False).encode() + b"\n"
    (checkout / PUBLISHED).write_bytes(raw)
    if record_sha256:
        readme = checkout / UPSTREAM / "README.md"
        text, replaced = re.subn(
            r"sha256 `[0-9a-f]{64}`", f"sha256 `{hashlib.sha256(raw).hexdigest()}`", readme.read_text()
        )
        assert replaced == 1
        readme.write_text(text)


def add_priority_and_a_status(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    schemas["Run"]["properties"]["priority"] = {"type": "integer", "description": "Queue priority, 0 to 9."}
    schemas["ExecutionStatus"]["enum"].append("paused")


NEW_FIELD_CHECKS = """\
import logging
import attrs
import eigenpal_api
from eigenpal_api.models import ExecutionStatus, Run, RunExecutionMeta

drifted = []
logging.getLogger("eigenpal_ext.drift").addHandler(logging.Handler())
logging.getLogger("eigenpal_ext.drift").handlers[0].emit = drifted.append

body = {
    "id": "run_1", "type": "workflow", "finished": False, "priority": 3,
    "timing": {"createdAt": "2026-11-21T05:00:00.000Z", "startedAt": None, "completedAt": None, "durationMs": None,
               "cancelRequestedAt": None},
    "source": {"id": "wf_1", "name": "Extract invoice", "version": None},
    "trigger": {"type": "api", "by": None},
    "execution": {"status": "paused", "schemaValid": None, "batchId": None,
                  "retry": {"number": 0, "previousRunId": None, "nextRun": None}},
}
run = Run.from_dict(body)
assert attrs.fields_dict(Run)["priority"].type == "int | None", attrs.fields_dict(Run)["priority"].type
assert type(run.priority) is int and run.priority == 3, run.priority
assert run.additional_properties == {}, run.additional_properties
assert isinstance(run.execution, RunExecutionMeta), type(run.execution)
assert run.execution.status is ExecutionStatus.PAUSED, repr(run.execution.status)
assert run.to_dict()["priority"] == 3
assert drifted == [], [record.getMessage() for record in drifted]
print(eigenpal_api.__file__)
"""


def test_regenerating_under_a_foreign_ruff_style_writes_the_same_bytes(tmp_path: Path) -> None:
    # Generation is deterministic: twice in a row, in another folder, under a pyproject.toml whose ruff settings
    # would change every file, the committed bytes come out.
    (tmp_path / "pyproject.toml").write_text(HOSTILE_RUFF_STYLE)
    checkout = copy_checkout(tmp_path / "checkout")
    shutil.rmtree(checkout / "generated" / "eigenpal_api")

    for _ in range(2):
        result = regenerate(checkout)
        assert result.returncode == 0, result.stderr
        assert_same_tree(ROOT / "generated" / "eigenpal_api", checkout / "generated" / "eigenpal_api")
        assert (checkout / "openapi" / "eigenpal.yaml").read_bytes() == (
            ROOT / "openapi" / "eigenpal.yaml"
        ).read_bytes()
    assert not (tmp_path / ".ruff_cache").exists()
    assert not (checkout / ".ruff_cache").exists()


def test_a_new_upstream_field_and_status_reach_the_client_without_a_hand_edit(tmp_path: Path) -> None:
    assert "priority" not in attrs.fields_dict(eigenpal_api.models.Run)
    assert "paused" not in {status.value for status in eigenpal_api.models.ExecutionStatus}
    checkout = copy_checkout(tmp_path / "checkout")
    publish(checkout, add_priority_and_a_status)

    stale = regenerate(checkout, "--check")
    assert stale.returncode == 1
    assert "openapi/eigenpal.yaml differs from what openapi/upstream/ derives" in stale.stderr
    assert "+        priority:" in stale.stderr
    assert "+      - paused" in stale.stderr

    regenerated = regenerate(checkout)
    assert regenerated.returncode == 0, regenerated.stderr
    checks = subprocess.run(  # noqa: S603 - the interpreter running the tests
        [sys.executable, "-c", NEW_FIELD_CHECKS],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(checkout / "generated")},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert checks.returncode == 0, checks.stderr
    assert checks.stdout.strip() == str(checkout / "generated" / "eigenpal_api" / "__init__.py")

    current = regenerate(checkout, "--check")
    assert current.returncode == 0, current.stderr


def test_a_changed_published_document_without_its_new_sha256_is_refused(tmp_path: Path) -> None:
    checkout = copy_checkout(tmp_path)
    publish(checkout, add_priority_and_a_status, record_sha256=False)
    derived = checkout / "openapi" / "eigenpal.yaml"
    before = derived.read_bytes()

    refused = run(checkout, sys.executable, "scripts/_derive.py", str(derived))
    assert refused.returncode != 0
    assert "eigenpal-openapi-1.0.0.json: sha256 " in refused.stderr
    assert "is not the one openapi/upstream/README.md records" in refused.stderr
    assert derived.read_bytes() == before

    assert regenerate(checkout, "--check").returncode != 0
    assert regenerate(checkout).returncode != 0
    assert derived.read_bytes() == before


def test_check_refuses_a_hand_edit_of_the_derived_document(tmp_path: Path) -> None:
    checkout = copy_checkout(tmp_path)
    derived = checkout / "openapi" / "eigenpal.yaml"
    text = derived.read_text()
    anchor = "    RunSource:\n      type: object\n      properties:\n"
    assert anchor in text
    derived.write_text(text.replace(anchor, anchor + "        colourOfTheDay:\n          type: string\n"))

    drifted = regenerate(checkout, "--check")
    assert drifted.returncode == 1
    assert "openapi/eigenpal.yaml differs from what openapi/upstream/ derives" in drifted.stderr
    assert "never edit the derived file" in drifted.stderr
    assert "-        colourOfTheDay:" in drifted.stderr
