"""``eigenpal runs trace``, ``scores``, ``step``, ``promote`` and ``download --zip``, run in-process (``main``) against
the module's local server: each prints the API's object with ``--json``, a table otherwise."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from eigenpal_ext import EigenpalClient
from eigenpal_ext.cli import main
from eigenpal_local import LocalServer


@pytest.fixture(scope="module")
def runs(server: LocalServer) -> dict[str, str]:
    """A completed and a failed run of two steps."""
    with EigenpalClient(api_key=server.api_key, base_url=server.base_url) as client:
        done = client.run_and_wait("workflows.sleep", input={"seconds": 0.05, "steps": 2})
        broke = client.run_and_wait("workflows.sleep", input={"seconds": 0.05, "steps": 2, "outcome": "failed"})
    return {"completed": done.id, "failed": broke.id}


def _eigenpal(server: LocalServer, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["runs", *args, "--base-url", server.base_url, "--api-key", server.api_key])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json(server: LocalServer, capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    code, out, err = _eigenpal(server, capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def test_trace_of_a_failed_run(server: LocalServer, runs: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    events = _json(server, capsys, "trace", runs["failed"])["events"]
    code, table, _ = _eigenpal(server, capsys, "trace", runs["failed"])

    assert events[-1]["phase"] == "failed"
    assert any(event.get("stepName") == "sleep-1" for event in events)
    assert code == 0 and "step.started" in table and "sleep-1" in table


def test_scores_and_step(server: LocalServer, runs: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    steps = _json(server, capsys, "steps", runs["completed"])["steps"]

    assert _json(server, capsys, "scores", runs["completed"]) == {"scores": []}
    assert _json(server, capsys, "step", runs["completed"], steps[1]["id"])["name"] == steps[1]["name"]
    assert "no evaluator" in _eigenpal(server, capsys, "scores", runs["completed"])[1]


def test_promote(server: LocalServer, runs: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    example = _json(server, capsys, "promote", runs["completed"], "--name", "cli-example")
    code, _, err = _eigenpal(server, capsys, "promote", runs["failed"])

    assert example["name"] == "cli-example" and example["exampleId"]
    assert code == 4 and "409" in err  # a run that did not complete cannot be promoted (the local server's guess)


def test_download_zip(
    server: LocalServer, runs: dict[str, str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    saved = _json(server, capsys, "download", runs["completed"], "--zip", str(tmp_path / "out.zip"))
    bundle = _json(server, capsys, "download", runs["completed"], "--zip", str(tmp_path), "--review")

    with zipfile.ZipFile(saved["savedTo"]) as archive:
        assert archive.namelist() == ["result.json"]
    assert Path(bundle["savedTo"]) == tmp_path / f"{runs['completed']}.zip"
    with zipfile.ZipFile(bundle["savedTo"]) as archive:
        assert "output/result.json" in archive.namelist()


def test_bad_ids_and_options_are_usage_errors(
    server: LocalServer, runs: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _eigenpal(server, capsys, "step", runs["completed"], "a/b")
    assert code == 2 and "STEP_ID" in err

    code, _, err = _eigenpal(server, capsys, "download", runs["completed"], "--review")
    assert code == 2 and "--zip" in err
