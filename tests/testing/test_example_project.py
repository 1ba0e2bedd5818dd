"""The testing kit as a user meets it: the examples/ project records against a server, then replays offline.

The project is copied to a temporary folder (outside this repository's pytest configuration), recorded against a
local server started here with a real-looking key given by ``--eigenpal-base-url``, and replayed twice with the
server stopped, no key and ``--block-network``.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

from eigenpal_local import LocalServer

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "invoice-service"
TESTS = 5


def _pytest(project: Path, *args: str, key: str | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    """pytest on the project, and the seconds its tests themselves took (their ``call`` durations: not the
    interpreter's start and the imports, whose time a loaded machine stretches however the tests behave)."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("EIGENPAL_", "PYTEST_"))}
    if key is not None:
        env["EIGENPAL_API_KEY"] = key
    result = subprocess.run(  # noqa: S603 - pytest of this interpreter on the copied example
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=0", "--durations-min=0", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    calls = re.findall(r"^([0-9.]+)s call ", result.stdout, flags=re.MULTILINE)
    return result, sum(float(seconds) for seconds in calls)


def test_the_example_records_once_then_replays_offline_twice_without_the_key(tmp_path: Path) -> None:
    project = tmp_path / "invoice-service"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("cassettes", "__pycache__"))
    key = f"sk_live_{secrets.token_hex(20)}"

    with LocalServer(api_key=key) as server:
        recorded, live_seconds = _pytest(
            project, "--record-mode=rewrite", f"--eigenpal-base-url={server.base_url}", key=key
        )
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    assert f"{TESTS} passed" in recorded.stdout

    cassettes = sorted((project / "tests" / "cassettes").rglob("*.yaml"))
    assert len(cassettes) == TESTS
    for cassette in cassettes:
        text = cassette.read_text()
        assert key not in text, cassette.name
        assert key[8:] not in text, cassette.name  # not even the secret part on its own
        assert "authorization" not in text.lower(), cassette.name

    for _ in range(2):  # the server is stopped and there is no key: only the cassettes answer
        replayed, replay_seconds = _pytest(project, "--block-network")
        assert replayed.returncode == 0, replayed.stdout + replayed.stderr
        assert f"{TESTS} passed" in replayed.stdout
        print(f"example project: live {live_seconds:.1f}s, replay {replay_seconds:.1f}s")
        # Replays must not sleep: a replay that waited as the recording did would take the live time again.
        assert replay_seconds < live_seconds / 2, (live_seconds, replay_seconds)
    assert sorted((project / "tests" / "cassettes").rglob("*.yaml")) == cassettes


def test_a_changed_request_fails_the_replay_naming_it_and_how_to_record_again(tmp_path: Path) -> None:
    project = tmp_path / "invoice-service"
    shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("cassettes", "__pycache__"))
    test_file = "tests/test_invoice_service.py::test_a_three_second_run_is_waited_for"
    with LocalServer() as server:
        recorded, _ = _pytest(project, "--record-mode=rewrite", f"--eigenpal-base-url={server.base_url}", test_file,
                              key=server.api_key)  # fmt: skip
    assert recorded.returncode == 0, recorded.stdout + recorded.stderr
    source = project / "tests" / "test_invoice_service.py"
    source.write_text(source.read_text().replace('input={"seconds": 3}', 'input={"seconds": 4}'))

    replayed, _ = _pytest(project, "--block-network", test_file)

    assert replayed.returncode == 1
    assert f"{test_file}: the replay sent POST /v1/runs" in replayed.stdout  # the request the cassette does not hold
    assert "input.seconds: recorded 3, sent 4" in replayed.stdout
    assert f"pytest --record-mode=rewrite {test_file}" in replayed.stdout
